// App-wide state shared by the views: who is signed in and which reporting period is shown.
import { reactive, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { api, errorMessage, type Period, type Session } from './api'

export const state = reactive({
  ready: false,
  setUp: false,
  session: null as Session | null,
  periods: [] as Period[],
  period: '' as string,
})

/** Ask the backend who is signed in, and load the periods. */
export async function refreshStatus(): Promise<void> {
  const status = await api.appStatus()
  state.setUp = status.set_up
  state.session = status.session
  if (state.session) await refreshPeriods()
  state.ready = true
}

/** Reload the periods; keep the chosen one, else choose the newest open period. */
export async function refreshPeriods(): Promise<void> {
  state.periods = await api.listPeriods()
  if (!state.periods.some((p) => p.key === state.period)) {
    const open = state.periods.find((p) => p.status === 'open')
    state.period = (open ?? state.periods[0])?.key ?? ''
  }
}

export function isCoordinator(): boolean {
  return state.session?.role === 'coordinator'
}

/** The key of the quarter that contains today, e.g. 2026Q4. */
export function currentQuarterKey(): string {
  const now = new Date()
  return `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`
}

export function roleLabel(role: string): string {
  return role === 'lead' ? '牵头' : '配合'
}

export function stateLabel(s: string | null): string {
  switch (s) {
    case 'draft':
      return '草稿'
    case 'submitted':
      return '已报送'
    case 'reopened':
      return '已退回'
    default:
      return '未填报'
  }
}

export function alertLabel(level: string): string {
  return ({ red: '红色预警', yellow: '黄色预警', blue: '蓝色提醒' } as Record<string, string>)[level] ?? ''
}

/** A UTC timestamp from the store, shown in local time. */
export function localTime(utc: string): string {
  const date = new Date(utc)
  if (Number.isNaN(date.getTime())) return utc
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Run `action` with `busy` set meanwhile; an error is shown as a message and yields undefined. */
export async function attempt<T>(busy: Ref<boolean>, action: () => Promise<T>): Promise<T | undefined> {
  busy.value = true
  try {
    return await action()
  } catch (error) {
    ElMessage.error(errorMessage(error))
    return undefined
  } finally {
    busy.value = false
  }
}
