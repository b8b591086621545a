// The only module that calls the backend. Every command of the Tauri shell has one typed
// function here; errors arrive as {code, message} with a Chinese message, which `call` shows.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core'
import { ElMessage } from 'element-plus'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import { open, save } from '@tauri-apps/plugin-dialog'
import { ErrorCode } from './bindings'
import type { AboutInfo, ApiError, DepartmentOption, Profile, Session, AppStatus, Plan, DepartmentRow, TaskFilter, Period, Dashboard, ProgressRecord, ProgressInput, SetupInput, AccountInput, AccountInfo, Settings, AuditRow, ImportSummary, ReportInfo, ReportRequest, ExportOutcome, FileReport, ImportOptions, ImportProgress, ExportProgress, ReceiptRow, Delivery, SetupOutcome, RecoveryOutcome, BackupInfo, RestoreOutcome, PlanRow, PlanChoice, PlanScope, PlanVersion, RemovedSubItem, PlanImportOptions, PlanOutline, PageRequest, TaskPage } from './bindings'

export * from './bindings'

/** An error the wrapper has already shown to the user; views need not show it again. */
export class ShownError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message)
  }
}

/** The {code, message} of anything a command can throw. */
export function asApiError(error: unknown): ApiError {
  if (error instanceof ShownError) return error.error
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) return error as ApiError
  return { code: ErrorCode.Internal, message: String(error) }
}

/** A readable message from anything a command can throw. */
export function errorMessage(error: unknown): string {
  return asApiError(error).message
}

/**
 * The one caller of `invoke`: an error is shown as a message and rethrown as a ShownError,
 * except the codes the caller handles itself, which are rethrown as the ApiError.
 */
function call<T>(command: string, args?: InvokeArgs, handled: readonly ErrorCode[] = []): Promise<T> {
  return shown(() => invoke<T>(command, args), handled)
}

/** Run `action` (a command or a native dialog); show its error as `call` does. */
async function shown<T>(action: () => Promise<T>, handled: readonly ErrorCode[] = []): Promise<T> {
  try {
    return await action()
  } catch (raw) {
    const error = asApiError(raw)
    if (handled.includes(error.code)) throw error
    // Signed out behind the page's back (idle, disabled, restored): back to the sign-in page.
    if (error.code === ErrorCode.NotSignedIn && signedOut) {
      signedOut(error.message)
      throw new ShownError(error)
    }
    ElMessage.error(error.message)
    throw new ShownError(error)
  }
}

let signedOut: ((message: string) => void) | null = null

/** What to do when a command finds nobody signed in any more (the sign-in page says why). */
export function onSignedOut(handler: (message: string) => void): void {
  signedOut = handler
}

export const api = {
  appStatus: () => call<AppStatus>('app_status'),
  about: () => call<AboutInfo>('about'),
  departmentChoices: () => call<DepartmentOption[]>('department_choices'),
  setup: (input: SetupInput) => call<SetupOutcome>('setup', { input }),
  signIn: (username: string, password: string) => call<Session>('sign_in', { username, password }),
  signOut: () => call<void>('sign_out'),
  recoverAdministrator: (code: string, username: string, new_password: string) =>
    call<RecoveryOutcome>('recover_administrator', { code, username, new_password }),
  /** The user is at work in the page: the idle time starts again. */
  keepAlive: () => call<void>('keep_alive'),
  setAccountEnabled: (username: string, enabled: boolean) => call<void>('set_account_enabled', { username, enabled }),
  resetPassword: (username: string, new_password: string) => call<void>('reset_password', { username, new_password }),
  changePassword: (current: string, new_password: string) => call<void>('change_password', { current, new_password }),
  newRecoveryCode: () => call<string>('new_recovery_code'),
  listBackups: () => call<BackupInfo[]>('list_backups'),
  createBackup: (path: string | null) => call<BackupInfo>('create_backup', { path }),
  restoreBackup: (path: string) => call<RestoreOutcome>('restore_backup', { path }),
  /** A department's record another department may not read is left to the page. */
  progressRecordOrWithheld: (code: string, department: string | null, period: string, plan_id: number | null = null) =>
    call<ProgressRecord>('progress_record', { code, department, period, plan_id }, [ErrorCode.Forbidden]),
  /** A plan's tree (default: the one the account shows). */
  /** The plan cut down to sub-item `code`'s article, clause and item. */
  planPath: (code: string, plan_id: number | null = null) => call<Plan>('plan_path', { plan_id, code }),
  /** One level of the plan's outline: its articles, or the children of `parent`. */
  planOutline: (parent: string | null = null, plan_id: number | null = null) => call<PlanOutline>('plan_outline', { plan_id, parent }),
  departments: () => call<DepartmentRow[]>('departments'),
  listPlans: () => call<PlanRow[]>('list_plans'),
  planChoice: () => call<PlanChoice>('plan_choice'),
  /** Remember the plan the account shows; null shows every plan (我的任务, 工作台). */
  choosePlan: (plan_id: number | null) => call<PlanChoice>('choose_plan', { plan_id }),
  planHistory: (plan_id: number) => call<PlanVersion[]>('plan_history', { plan_id }),
  removedTasks: () => call<RemovedSubItem[]>('removed_tasks'),
  publishPlan: (plan_id: number) => call<PlanRow>('publish_plan', { plan_id }),
  /** Empty choices (a cleared select) mean no filter. */
  /** One page of the task list, with its total (empty filter fields are left out). */
  taskPage: (period: string, filter: TaskFilter, page: PageRequest) =>
    call<TaskPage>('task_page', { period, filter: Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== '' && v != null)), page }),
  dashboard: (period: string, scope: PlanScope) => call<Dashboard>('dashboard', { period, scope }),
  progressRecord: (code: string, department: string | null, period: string, plan_id: number | null = null) =>
    call<ProgressRecord>('progress_record', { code, department, period, plan_id }),
  /** A stale save (another window saved first) is left to the form, which reloads. */
  saveProgress: (input: ProgressInput) => call<ProgressRecord>('save_progress', { input }, [ErrorCode.Stale]),
  reopenProgress: (code: string, department: string, period: string, reason: string, plan_id: number | null = null) =>
    call<ProgressRecord>('reopen_progress', { code, department, period, reason, plan_id }),
  /** Open an attached file with the PC's own program. */
  openEvidence: (record: ProgressRecord, sha256: string) =>
    call<void>('open_evidence', { record: { plan_id: record.plan_id, code: record.code, department: record.department, period: record.period }, sha256 }),
  listPeriods: () => call<Period[]>('list_periods'),
  createPeriod: (key: string) => call<Period>('create_period', { key }),
  setPeriodOpen: (key: string, open: boolean) => call<Period>('set_period_open', { key, open }),
  listAccounts: () => call<AccountInfo[]>('list_accounts'),
  createAccount: (input: AccountInput) => call<AccountInfo>('create_account', { input }),
  renameDepartment: (department: string, new_name: string) => call<void>('rename_department', { department, new_name }),
  mergeDepartment: (from: string, into: string) => call<void>('merge_department', { from, into }),
  addAlias: (department: string, alias: string) => call<void>('add_alias', { department, alias }),
  getSettings: () => call<Settings>('get_settings'),
  updateSettings: (settings: Settings) => call<Settings>('update_settings', { settings }),
  getProfile: () => call<Profile>('get_profile'),
  updateProfile: (profile: Profile) => call<Profile>('update_profile', { profile }),
  auditLog: (limit: number) => call<AuditRow[]>('audit_log', { limit }),
  /** Import a plan file; with `dry_run` only read and compared (a revision's diff). */
  importPlan: (path: string, options: PlanImportOptions) => call<ImportSummary>('import_plan', { path, options }),
  reportKinds: () => call<ReportInfo[]>('report_kinds'),
  reportFileName: (request: ReportRequest) => call<string>('report_file_name', { request }),
  /** Rejects with {code: Cancelled} (not shown) when 取消 stopped it before the file was written. */
  exportReport: (request: ReportRequest, path: string) => call<ExportOutcome>('export_report', { request, path }, [ErrorCode.Cancelled]),
  cancelReportExport: () => call<void>('cancel_report_export'),
  /** Steps of a running export; returns the function that stops listening. */
  onExportProgress: (handler: (step: ExportProgress) => void): Promise<UnlistenFn> =>
    listen<ExportProgress>('report-export-progress', (event) => handler(event.payload)),
  importReports: (paths: string[], options: ImportOptions) => call<FileReport[]>('import_reports', { paths, options }),
  cancelReportImport: () => call<void>('cancel_report_import'),
  receivedFiles: (period: string | null) => call<ReceiptRow[]>('received_files', { period }),
  deliveries: (period: string) => call<Delivery[]>('deliveries', { period }),
  /** Progress of a running read-back batch; returns the function that stops listening. */
  onImportProgress: (handler: (step: ImportProgress) => void): Promise<UnlistenFn> =>
    listen<ImportProgress>('report-import-progress', (event) => handler(event.payload)),
  /** The app was started again while running: this window was brought forward instead. */
  onSecondStart: (handler: () => void): Promise<UnlistenFn> => listen('second-start', () => handler()),
  /** Files dropped on the window; returns the function that stops listening. */
  onFileDrop: (handler: (paths: string[]) => void): Promise<UnlistenFn> =>
    getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop') handler(event.payload.paths)
    }),
  /** Native file dialog: returned department sheets (several at once), or a folder of them. */
  pickReports: (folder: boolean): Promise<string[]> => shown(async () => {
    const chosen = folder
      ? await open({ directory: true, multiple: false, title: '选择存放部门报表的文件夹' })
      : await open({ multiple: true, title: '选择部门报回的工作进展情况表', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] })
    if (!chosen) return []
    return Array.isArray(chosen) ? chosen : [chosen]
  }),
  /** Native save dialog for a workbook, offering `name`. */
  pickSavePath: (name: string): Promise<string | null> =>
    shown(() => save({ title: '导出 Excel 报表', defaultPath: name, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] })),
  /** Native file dialog: files to attach as evidence. */
  pickEvidence: (): Promise<string[]> => shown(async () => {
    const chosen = await open({ multiple: true, title: '选择佐证材料' })
    if (!chosen) return []
    return Array.isArray(chosen) ? chosen : [chosen]
  }),
  /** Native file dialog: a backup to restore. */
  pickBackupFile: (): Promise<string | null> => shown(async () => {
    const chosen = await open({ multiple: false, title: '选择台账备份文件', filters: [{ name: '台账备份', extensions: ['tzbak'] }] })
    return typeof chosen === 'string' ? chosen : null
  }),
  /** Native save dialog for a backup, offering `name`. */
  pickBackupSavePath: (name: string): Promise<string | null> =>
    shown(() => save({ title: '备份到文件', defaultPath: name, filters: [{ name: '台账备份', extensions: ['tzbak'] }] })),
  /** Native file dialog: a task breakdown table (Word, Excel, text) or a plan package. */
  pickPlanFile: (): Promise<string | null> => shown(async () => {
    const chosen = await open({
      multiple: false,
      title: '选择任务分解表',
      filters: [{ name: '任务分解表（Word、Excel、文本）', extensions: ['docx', 'xlsx', 'xls', 'txt'] }, { name: '所有文件', extensions: ['*'] }],
    })
    return typeof chosen === 'string' ? chosen : null
  }),
}
