// The only module that calls the backend. Every command of the Tauri shell has one typed
// function here; errors arrive as {code, message} with a Chinese message.
import { invoke } from '@tauri-apps/api/core'
import { listen, type UnlistenFn } from '@tauri-apps/api/event'
import { getCurrentWebview } from '@tauri-apps/api/webview'
import { open, save } from '@tauri-apps/plugin-dialog'
import type { ApiError, Session, AppStatus, Plan, Department, TaskRow, TaskFilter, Period, Dashboard, ProgressRecord, ProgressInput, SetupInput, AccountInput, AccountInfo, Settings, AuditRow, ImportSummary, ReportRequest, ExportOutcome, FileReport, ImportOptions, ImportProgress, ReceiptRow, Delivery } from './types'

export type * from './types'

/** The status vocabulary, in the order the form offers it. */
export const STATUSES = ['未启动', '序时推进', '滞后', '已完成', '长期坚持'] as const

/** A readable message from anything a command can throw. */
export function errorMessage(error: unknown): string {
  if (error && typeof error === 'object' && 'message' in error) return String((error as ApiError).message)
  return String(error)
}

/** The code of an error, '' when it has none. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return String((error as ApiError).code)
  return ''
}

export const api = {
  appStatus: () => invoke<AppStatus>('app_status'),
  departmentChoices: () => invoke<string[]>('department_choices'),
  setup: (input: SetupInput) => invoke<Session>('setup', { input }),
  signIn: (username: string, password: string) => invoke<Session>('sign_in', { username, password }),
  signOut: () => invoke<void>('sign_out'),
  planTree: () => invoke<Plan>('plan_tree'),
  departments: () => invoke<Department[]>('departments'),
  taskRows: (period: string, filter: TaskFilter) => invoke<TaskRow[]>('task_rows', { period, filter }),
  dashboard: (period: string) => invoke<Dashboard>('dashboard', { period }),
  progressRecord: (code: string, department: string | null, period: string) =>
    invoke<ProgressRecord>('progress_record', { code, department, period }),
  saveProgress: (input: ProgressInput) => invoke<ProgressRecord>('save_progress', { input }),
  reopenProgress: (code: string, department: string, period: string, reason: string) =>
    invoke<ProgressRecord>('reopen_progress', { code, department, period, reason }),
  listPeriods: () => invoke<Period[]>('list_periods'),
  createPeriod: (key: string) => invoke<Period>('create_period', { key }),
  setPeriodOpen: (key: string, open: boolean) => invoke<Period>('set_period_open', { key, open }),
  listAccounts: () => invoke<AccountInfo[]>('list_accounts'),
  createAccount: (input: AccountInput) => invoke<AccountInfo>('create_account', { input }),
  renameDepartment: (department: string, new_name: string) => invoke<void>('rename_department', { department, new_name }),
  mergeDepartment: (from: string, into: string) => invoke<void>('merge_department', { from, into }),
  addAlias: (department: string, alias: string) => invoke<void>('add_alias', { department, alias }),
  getSettings: () => invoke<Settings>('get_settings'),
  updateSettings: (settings: Settings) => invoke<Settings>('update_settings', { settings }),
  auditLog: (limit: number) => invoke<AuditRow[]>('audit_log', { limit }),
  importPlan: (path: string) => invoke<ImportSummary>('import_plan', { path }),
  reportFileName: (request: ReportRequest) => invoke<string>('report_file_name', { request }),
  exportReport: (request: ReportRequest, path: string) => invoke<ExportOutcome>('export_report', { request, path }),
  importReports: (paths: string[], options: ImportOptions) => invoke<FileReport[]>('import_reports', { paths, options }),
  cancelReportImport: () => invoke<void>('cancel_report_import'),
  receivedFiles: (period: string | null) => invoke<ReceiptRow[]>('received_files', { period }),
  deliveries: (period: string) => invoke<Delivery[]>('deliveries', { period }),
  /** Progress of a running read-back batch; returns the function that stops listening. */
  onImportProgress: (handler: (step: ImportProgress) => void): Promise<UnlistenFn> =>
    listen<ImportProgress>('report-import-progress', (event) => handler(event.payload)),
  /** Files dropped on the window; returns the function that stops listening. */
  onFileDrop: (handler: (paths: string[]) => void): Promise<UnlistenFn> =>
    getCurrentWebview().onDragDropEvent((event) => {
      if (event.payload.type === 'drop') handler(event.payload.paths)
    }),
  /** Native file dialog: returned department sheets (several at once), or a folder of them. */
  pickReports: async (folder: boolean): Promise<string[]> => {
    const chosen = folder
      ? await open({ directory: true, multiple: false, title: '选择存放部门报表的文件夹' })
      : await open({ multiple: true, title: '选择部门报回的工作进展情况表', filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] })
    if (!chosen) return []
    return Array.isArray(chosen) ? chosen : [chosen]
  },
  /** Native save dialog for a workbook, offering `name`. */
  pickSavePath: async (name: string): Promise<string | null> =>
    save({ title: '导出 Excel 报表', defaultPath: name, filters: [{ name: 'Excel 工作簿', extensions: ['xlsx'] }] }),
  /** Native file dialog: files to attach as evidence. */
  pickEvidence: async (): Promise<string[]> => {
    const chosen = await open({ multiple: true, title: '选择佐证材料' })
    if (!chosen) return []
    return Array.isArray(chosen) ? chosen : [chosen]
  },
  /** Native file dialog: a task breakdown table saved as text. */
  pickPlanFile: async (): Promise<string | null> => {
    const chosen = await open({ multiple: false, title: '选择任务分解表（纯文本）', filters: [{ name: '文本文件', extensions: ['txt'] }] })
    return typeof chosen === 'string' ? chosen : null
  },
}
