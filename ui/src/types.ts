// The types the backend's commands take and return, as the Rust core serializes them.
// Kept apart from api.ts (the only caller of invoke), which re-exports them.

export interface ApiError {
  code: string
  message: string
}

export type Role = 'coordinator' | 'department'

export interface Session {
  account_id: number
  username: string
  display_name: string
  role: Role
  department: string | null
}

export interface AppStatus {
  set_up: boolean
  session: Session | null
}

export interface Deadline {
  text: string
  due?: string
  every?: string
  by?: string
  from?: string
}

export interface Target {
  text: string
  metric: string | null
  op: string | null
  value: number | null
  unit: string | null
}

export interface Duty {
  department: string
  text: string
}

export interface SubItem {
  code: string
  label: string
  text: string
  lead: string[]
  cooperating: string[]
  responsibility: string
  work: string
  duties: Duty[]
  deadlines: Deadline[]
  targets: Target[]
}

export interface Item {
  code: string
  text: string
  lead: string[]
  cooperating: string[]
  responsibility: string
  notes: string[]
  subitems: SubItem[]
}

export interface Clause {
  code: string
  label: string
  title: string
  notes: string[]
  items: Item[]
}

export interface Article {
  code: string
  label: string
  title: string
  notes: string[]
  clauses: Clause[]
}

export interface Plan {
  id: number
  name: string
  fingerprint: string
  articles: Article[]
}

export interface Department {
  id: number
  name: string
  aliases: string[]
  needs_review: boolean
  lead_count: number
  cooperating_count: number
}

export interface Alert {
  level: 'red' | 'yellow' | 'blue'
  reason: string
}

export interface TaskRow {
  code: string
  label: string
  text: string
  article: string
  article_title: string
  clause_title: string
  lead: string[]
  cooperating: string[]
  department: string
  role: 'lead' | 'cooperating'
  duty: string
  deadline: string
  due: string | null
  status: string
  percent: number | null
  state: string | null
  alert: Alert | null
}

export interface TaskFilter {
  department?: string
  role?: string
  status?: string
  alert?: string
  article?: string
  query?: string
}

export interface Count {
  name: string
  count: number
}

export interface GroupProgress {
  key: string
  name: string
  total: number
  reported: number
  submitted: number
  completed: number
  red: number
}

export interface Period {
  key: string
  kind: string
  label: string
  starts_on: string
  ends_on: string
  status: 'open' | 'closed'
}

export interface Dashboard {
  period: Period
  scope: string
  total: number
  by_status: Count[]
  by_alert: Count[]
  overdue: TaskRow[]
  upcoming: TaskRow[]
  by_article: GroupProgress[]
  by_department: GroupProgress[]
}

/** What a department reports for a record (the core's ProgressFields, without its state). */
export interface ProgressFields {
  status: string
  percent: number
  progress: string
  problems: string
  next_steps: string
  remarks: string
  reporter: string
  phone: string
}

export interface Version extends ProgressFields {
  version: number
  state: 'draft' | 'submitted' | 'reopened'
  saved_by: string
  saved_at: string
  targets: TargetValue[]
  evidence: EvidenceFile[]
}

export interface ProgressRecord {
  code: string
  department: string
  role: 'lead' | 'cooperating'
  period: string
  history: Version[]
  editable: boolean
  read_only_reason: string | null
  can_reopen: boolean
}

export interface ProgressInput extends ProgressFields {
  code: string
  department: string | null
  period: string
  targets: TargetValue[]
  evidence: string[]
  opened_version: number
  submit: boolean
}

export interface SetupInput {
  unit_kind: Role
  department: string | null
  unit_name: string | null
  username: string
  display_name: string | null
  password: string
}

export interface AccountInput {
  username: string
  display_name: string | null
  role: Role
  department: string | null
  password: string
}

export interface AccountInfo {
  username: string
  display_name: string
  role: Role
  department: string | null
  created_at: string
}

export interface Settings {
  unit_kind: string
  unit_name: string
  reporter: string
  phone: string
}

export interface AuditRow {
  id: number
  at: string
  username: string
  action: string
  subject: string
  detail: string
}

export interface ImportSummary {
  plan_id: number
  fingerprint: string
  articles: number
  clauses: number
  items: number
  subitems: number
  departments: number
  warnings: { line: number; message: string }[]
  imported: boolean
}

export type ReportKind = 'breakdown' | 'department' | 'summary'

export interface ReportRequest {
  kind: ReportKind
  period: string | null
  department: string | null
  blank: boolean
}

export interface ExportOutcome {
  path: string
  rows: number
}

/** The actual value reported for one target of a sub-item. */
export interface TargetValue {
  index: number
  value: number | null
  note: string
}

/** A file attached as evidence, kept under its content hash. */
export interface EvidenceFile {
  sha256: string
  name: string
  size: number
}

export type ImportOutcome = 'merged' | 'unchanged' | 'refused' | 'dry-run'

export interface Refusal {
  row: number | null
  code: string
  column: string
  reason: string
  sheet: string
}

export interface Review {
  row: number | null
  code: string
  reason: string
}

export interface FieldChange {
  label: string
  old: string
  new: string
}

export interface RowPreview {
  row: number
  code: string
  kind: 'new' | 'changed' | 'unchanged'
  changes: FieldChange[]
}

export interface FileReport {
  file: string
  path: string
  sha256: string
  department: string | null
  period: string | null
  template_version: string | null
  outcome: ImportOutcome
  new: number
  changed: number
  unchanged: number
  refused: Refusal[]
  review: Review[]
  message: string
  rows: RowPreview[]
  missing_period: string | null
  older: boolean
  exported_at: string | null
}

export interface ImportOptions {
  dry_run: boolean
  create_period: boolean
  accept_older: boolean
}

export interface ImportProgress {
  done: number
  total: number
  file: string
}

export interface ReceiptRow {
  id: number
  file: string
  sha256: string
  department: string
  period: string
  template_version: string
  exported_at: string | null
  received_at: string
  received_by: string
  rows_new: number
  rows_changed: number
  rows_unchanged: number
  review_count: number
  codes: string[]
}

export interface Delivery {
  department: string
  tasks: number
  submitted: number
  not_submitted: string[]
  files: ReceiptRow[]
  missing: boolean
}
