// App-wide state shared by the views: who is signed in and which reporting period is shown.
import { reactive, type Ref } from 'vue'
import { ElMessage } from 'element-plus'
import { api, errorMessage, onSignedOut, LevelLabel, PeriodStatus, Status, RecordStateLabel, Role, ShownError, TaskRoleLabel, type Dashboard, type Level, type Period, type PlanChoice, type PlanRow, type PlanScope, type RecordState, type Session, type TaskRole } from './api'

export const state = reactive({
  ready: false,
  setUp: false,
  session: null as Session | null,
  periods: [] as Period[],
  period: '' as string,
  /** Why the user was signed out (idle, disabled), shown on the sign-in page. */
  signedOutReason: '',
  /** Minutes unused after which the app signs out. */
  idleMinutes: 30,
  /** What this PC was set up as. */
  unitKind: null as Role | null,
  /** Every stored plan with its versions. */
  plans: [] as PlanRow[],
  /** The plan the account shows, or all of them. */
  planChoice: { plan_id: null, all: false } as PlanChoice,
})

/** Plans departments work on: published, not replaced by a revision. */
export function livePlans(): PlanRow[] {
  return state.plans.filter((p) => !p.superseded && !p.draft)
}

/** The scope lists and the dashboard ask for: the chosen plan, or every plan. */
export function planScope(): PlanScope {
  return state.planChoice.all ? { all: true } : { plan_id: state.planChoice.plan_id ?? undefined }
}

/** Reload the plans and the account's choice. */
export async function refreshPlans(): Promise<void> {
  const [plans, choice] = await Promise.all([api.listPlans(), api.planChoice()])
  state.plans = plans
  state.planChoice = choice
}

/** Show another plan (null: all plans); remembered for the account. */
export async function choosePlan(planId: number | null): Promise<void> {
  state.planChoice = await api.choosePlan(planId)
}

onSignedOut((message) => {
  if (!state.session) return
  state.session = null
  state.signedOutReason = message
})

/** Sign out here and say why on the sign-in page. */
export async function signOutBecause(reason: string): Promise<void> {
  await api.signOut().catch(() => undefined)
  state.session = null
  state.signedOutReason = reason
}

export function isAdmin(): boolean {
  return state.session?.is_admin ?? false
}

/** The administrator of this PC as a whole (backups, the idle time, the recovery code). */
export function isPcAdmin(): boolean {
  return isAdmin() && state.session?.role === state.unitKind
}

/** Ask the backend who is signed in, and load the periods. */
export async function refreshStatus(): Promise<void> {
  const status = await api.appStatus()
  state.setUp = status.set_up
  if (status.session) {
    // The period and the plan first, the session last: the first page is drawn once, for
    // them (each change of either draws the page again, and at a hundred times the seed the
    // 工作台 took a second each time).
    const settings = await api.getSettings()
    state.idleMinutes = settings.idle_minutes
    state.unitKind = settings.unit_kind
    await Promise.all([refreshPeriods(), refreshPlans()])
    state.signedOutReason = ''
    askForDashboardEarly()
  }
  state.session = status.session
  state.ready = true
}

/** The 工作台's data, asked for as soon as the period and plan are known after sign-in, while the
 *  window draws the menu and the page around it: at a hundred times the seed the command takes
 *  as long as that drawing. Taken by the first 工作台 drawn within a few seconds, else dropped. */
let early: { key: string; at: number; data: Promise<Dashboard> } | null = null
const EARLY_KEPT_MS = 5000

function dashboardKey(period: string, scope: PlanScope): string {
  return JSON.stringify([period, scope])
}

function askForDashboardEarly(): void {
  early = null
  const opensOnDashboard = ['', '#/', '#/dashboard'].includes(window.location.hash)
  if (!opensOnDashboard || !state.period) return
  const data = api.dashboard(state.period, planScope())
  // The 工作台 that takes it handles its failure; one never taken must not be reported twice.
  data.catch(() => undefined)
  early = { key: dashboardKey(state.period, planScope()), at: Date.now(), data }
}

/** The 工作台's data of `period` and `scope`: the answer asked for at sign-in when it is that one. */
export function dashboardData(period: string, scope: PlanScope): Promise<Dashboard> {
  const kept = early
  early = null
  if (kept && kept.key === dashboardKey(period, scope) && Date.now() - kept.at < EARLY_KEPT_MS) return kept.data
  return api.dashboard(period, scope)
}

/** Reload the periods; keep the chosen one, else choose the newest open period. */
export async function refreshPeriods(): Promise<void> {
  state.periods = await api.listPeriods()
  if (!state.periods.some((p) => p.key === state.period)) {
    const open = state.periods.find((p) => p.status === PeriodStatus.Open)
    state.period = (open ?? state.periods[0])?.key ?? ''
  }
}

export function isCoordinator(): boolean {
  return state.session?.role === Role.Coordinator
}

/** The key of the quarter that contains today, e.g. 2026Q4. */
export function currentQuarterKey(): string {
  const now = new Date()
  return `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`
}

export function roleLabel(role: TaskRole): string {
  return TaskRoleLabel[role]
}

/** A record's state; no state is a task nobody reported on. */
export function stateLabel(state: RecordState | null): string {
  return state ? RecordStateLabel[state] : Status.NotReported
}

export function alertLabel(level: Level): string {
  return LevelLabel[level]
}

/** A UTC timestamp from the store, shown in local time. */
export function localTime(utc: string): string {
  const date = new Date(utc)
  if (Number.isNaN(date.getTime())) return utc
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** Run `action` with `busy` set meanwhile; a failure (already shown by api.ts) yields undefined. */
export async function attempt<T>(busy: Ref<boolean>, action: () => Promise<T>): Promise<T | undefined> {
  busy.value = true
  try {
    return await action()
  } catch (error) {
    if (!(error instanceof ShownError)) ElMessage.error(errorMessage(error))
    return undefined
  } finally {
    busy.value = false
  }
}
