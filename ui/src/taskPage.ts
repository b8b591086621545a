// A task list fetched a page at a time (任务分解表, 我的任务): the filter, the page and its size,
// the rows on screen with the list's total and count by role. A newer request wins: a slow
// answer to an older search never replaces a newer one.
import { ref, watch, type Ref } from 'vue'
import { useRoute } from 'vue-router'
import { api, LevelValues, type Count, type TaskFilter, type TaskRole, type TaskRow } from './api'
import { state } from './state'
import { PAGE_SIZES } from './components/TaskTable.vue'

/** A list's filter, first from the link that opened it (the 工作台's 全部 N 项 opens `path` at
 *  `?alert=red`); the menu opening the list again at `path` clears it and `reload`s. */
export function linkedFilter(path: string, reload: () => void): Ref<TaskFilter> {
  const route = useRoute()
  const fromLink = (): TaskFilter => {
    const alert = LevelValues.find((level) => level === route.query.alert)
    return alert ? { alert } : {}
  }
  const filter = ref<TaskFilter>(fromLink())
  watch(() => route.query.alert, () => {
    if (route.path !== path) return // leaving the list
    filter.value = fromLink()
    reload()
  })
  return filter
}

export function useTaskPage(filterOf: () => TaskFilter) {
  const rows = ref<TaskRow[]>([])
  const total = ref(0)
  const byRole = ref<Count<TaskRole>[]>([])
  const page = ref(1)
  const pageSize = ref(PAGE_SIZES[0])
  const loading = ref(false)
  /** The words the rows were searched for (marked in them), not what is being typed. */
  const searched = ref('')
  let latest = 0

  /** Fetch the page shown; `fromStart` (a new filter or search) goes back to the first page. */
  async function load(fromStart = true) {
    if (!state.period) return
    if (fromStart && page.value !== 1) {
      page.value = 1 // the watch below fetches it
      return
    }
    const request = ++latest
    const filter = filterOf()
    loading.value = true
    try {
      const result = await api.taskPage(state.period, filter, { offset: (page.value - 1) * pageSize.value, limit: pageSize.value })
      if (request !== latest) return
      searched.value = filter.query ?? ''
      rows.value = result.rows
      total.value = result.total
      byRole.value = result.by_role
    } finally {
      if (request === latest) loading.value = false
    }
  }

  watch([page, pageSize], () => load(false))
  return { rows, total, byRole, page, pageSize, loading, searched, load }
}
