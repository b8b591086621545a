// Generated from the Rust types by `cargo xtask bindings`; do not edit by hand.
// A test fails when this file differs from what the Rust code generates.

/**
 * What 关于台账 shows.
 */
export type AboutInfo = { 
/**
 * The program's version (the workspace's).
 */
version: string, 
/**
 * The database's schema version (the number of migrations applied).
 */
schema_version: number, 
/**
 * The folder holding the database, evidence files and backups (None for a database in memory).
 */
data_folder: string | null, 
/**
 * The database file.
 */
database: string | null, 
/**
 * Where automatic and manual backups go.
 */
backup_folder: string | null, 
/**
 * Where attached evidence files are kept.
 */
evidence_folder: string | null, 
/**
 * The licence's name.
 */
licence: string, 
/**
 * The licence's text.
 */
licence_text: string, };

/**
 * An account as listed (never the hash).
 */
export type AccountInfo = { 
/**
 * Sign-in name.
 */
username: string, 
/**
 * Name shown.
 */
display_name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * Department, for a department account.
 */
department: string | null, 
/**
 * When created, UTC.
 */
created_at: string, 
/**
 * May manage accounts.
 */
is_admin: boolean, 
/**
 * Disabled accounts cannot sign in.
 */
disabled: boolean, 
/**
 * Whether the signed-in administrator may disable or reset it.
 */
manageable: boolean, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, };

/**
 * A new account, created by an administrator.
 */
export type AccountInput = { 
/**
 * Sign-in name.
 */
username: string, 
/**
 * Name shown.
 */
display_name: string | null, 
/**
 * Role.
 */
role: Role, 
/**
 * Department of a department account (any alias).
 */
department: string | null, 
/**
 * Password.
 */
password: string, 
/**
 * May manage accounts (only the coordinator's administrator may make one).
 */
is_admin: boolean, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, };

/**
 * A task's warning in a period.
 */
export type Alert = { 
/**
 * Colour.
 */
level: Level, 
/**
 * Why, in Chinese.
 */
reason: string, };

/**
 * An error as the UI receives it.
 */
export type ApiError = { 
/**
 * Stable code (`forbidden`, `stale`, `locked` …).
 */
code: ErrorCode, 
/**
 * Chinese message for the user.
 */
message: string, };

/**
 * What the UI needs to decide which page to show.
 */
export type AppStatus = { 
/**
 * First-start setup done.
 */
set_up: boolean, 
/**
 * The signed-in user, if any.
 */
session: Session | null, };

/**
 * 条: an article of the plan.
 */
export type Article = { 
/**
 * Position code, 1-based: `13`.
 */
code: string, 
/**
 * Numbering as written: `一、`.
 */
label: string, 
/**
 * The first line of the cell without its label.
 */
title: string, 
/**
 * Further lines of the cell (stale numbering and the like), kept verbatim.
 */
notes: Array<string>, 
/**
 * 款 of this article.
 */
clauses: Array<Clause>, };

/**
 * Who may export a report.
 */
export type Audience = "everyone" | "coordinator";

/**
 * A recorded event, for the 操作日志 view.
 */
export type AuditRow = { 
/**
 * Store id.
 */
id: number, 
/**
 * When, UTC.
 */
at: string, 
/**
 * Who (user name), empty if unknown.
 */
username: string, 
/**
 * Action.
 */
action: string, 
/**
 * Subject.
 */
subject: string, 
/**
 * Details.
 */
detail: string, };

/**
 * A backup file, as listed.
 */
export type BackupInfo = { 
/**
 * File name.
 */
file: string, 
/**
 * Full path.
 */
path: string, 
/**
 * When it was taken, local time (from its name).
 */
taken_at: string, 
/**
 * Why, when the name says.
 */
reason: BackupReason | null, 
/**
 * Size in bytes.
 */
size_bytes: number, };

/**
 * Why a backup was taken.
 */
export type BackupReason = "daily" | "plan-import" | "readback" | "migration" | "restore" | "manual";

/**
 * 款: a clause of an article.
 */
export type Clause = { 
/**
 * Position code: `13.4`.
 */
code: string, 
/**
 * Numbering as written: `（一）`.
 */
label: string, 
/**
 * The first line of the cell without its label.
 */
title: string, 
/**
 * Further lines of the cell, kept verbatim.
 */
notes: Array<string>, 
/**
 * 项 of this clause.
 */
items: Array<Item>, };

/**
 * How the cooperating departments of a sub-item stand on their own records in the period.
 */
export type CooperatingReports = { 
/**
 * Cooperating departments (not also leading).
 */
total: number, 
/**
 * Of them, with a submitted record.
 */
submitted: number, 
/**
 * Of them, with a draft or a reopened record.
 */
drafts: number, };

/**
 * A count of the tasks with one value (a status, a warning colour), for charts.
 */
export type Count<K> = { 
/**
 * The value counted.
 */
name: K, 
/**
 * How many.
 */
count: number, };

/**
 * The dashboard of one period.
 */
export type Dashboard = { 
/**
 * The period.
 */
period: Period, 
/**
 * 全县 or the department's name.
 */
scope: string, 
/**
 * Tasks in scope.
 */
total: number, 
/**
 * Submitted records (报送): what 已填报 means.
 */
submitted: number, 
/**
 * Records saved but not submitted (草稿, 已退回修改), counted apart from every status.
 */
drafts: number, 
/**
 * Count of each status word among submitted records, and 未填报 for tasks without any record;
 * with `drafts` they add up to `total`.
 */
by_status: Array<Count<Status>>, 
/**
 * Count of red, yellow, blue.
 */
by_alert: Array<Count<Level>>, 
/**
 * Red tasks, the first [`LISTED`] of them (`by_alert` counts them all).
 */
overdue: Array<TaskRow>, 
/**
 * Blue tasks, the first [`LISTED`] of them (`by_alert` counts them all).
 */
upcoming: Array<TaskRow>, 
/**
 * Per article.
 */
by_article: Array<GroupProgress>, 
/**
 * Per department (the coordinator's dashboard only).
 */
by_department: Array<GroupProgress>, };

/**
 * A deadline as it crosses IPC and the CLI's JSON: `due` for a date; `every` (an ISO 8601
 * duration such as `P1Y`) for a recurrence, with `by` (`--01-31`) and `from` where written.
 */
export type Deadline = { 
/**
 * The phrase as written.
 */
text: string, 
/**
 * Fixed date, `2017-06-30`.
 */
due?: string, 
/**
 * Cycle of a recurrence, `P1Y`.
 */
every?: string, 
/**
 * Day of the year a recurrence is due by, `--01-31`.
 */
by?: string, 
/**
 * First day a recurrence applies.
 */
from?: string, };

/**
 * A department's 报送情况 in a period.
 */
export type Delivery = { 
/**
 * Department.
 */
department: string, 
/**
 * Sub-items it leads or cooperates on.
 */
tasks: number, 
/**
 * Of those, submitted (报送, including sheets taken in).
 */
submitted: number, 
/**
 * Codes not submitted yet.
 */
not_submitted: Array<string>, 
/**
 * Files received from it for the period, newest first.
 */
files: Array<ReceiptRow>, 
/**
 * Listed as 未报送: some task is not submitted.
 */
missing: boolean, };

/**
 * Whether a report is about one department.
 */
export type DepartmentChoice = "none" | "optional" | "required";

/**
 * A department as pickers offer it: found by any of its names, shown with its new name.
 */
export type DepartmentOption = { 
/**
 * The name the plan and the store use (the value chosen).
 */
name: string, 
/**
 * What the picker shows: "农业农村局（原农业局）" for a department renamed by the 2018 reform
 * whose plan still uses the old name, else the name.
 */
label: string, 
/**
 * Every other name it is found by: aliases, old names, the reform's name.
 */
also_known_as: Array<string>, };

/**
 * One department as `taizhang departments --json` lists it.
 */
export type DepartmentRow = { 
/**
 * Store id.
 */
id: number, 
/**
 * Canonical short name.
 */
name: string, 
/**
 * Other names it is written as.
 */
aliases: Array<string>, 
/**
 * Learned from an unresolvable name; the coordinator should review it.
 */
needs_review: boolean, 
/**
 * Sub-items of the plan it leads.
 */
lead_count: number, 
/**
 * Sub-items of the plan it cooperates on.
 */
cooperating_count: number, };

/**
 * What an export does with records saved but not submitted (草稿, 已退回修改).
 */
export type Drafts = "mark" | "omit";

/**
 * One department's own part of a sub-item's work.
 */
export type Duty = { 
/**
 * Canonical short name.
 */
department: string, 
/**
 * The duty text.
 */
text: string, };

/**
 * The stable code of an error, which scripts and the UI branch on (kept across releases).
 */
export type ErrorCode = "io" | "malformed_table" | "database" | "plan_not_found" | "department_not_found" | "no_data_dir" | "not_signed_in" | "bad_credentials" | "try_later" | "forbidden" | "invalid_input" | "not_found" | "already_set_up" | "not_set_up" | "stale" | "locked" | "period_closed" | "report" | "cancelled" | "internal";

/**
 * What went beside an exported sheet.
 */
export type EvidenceExport = { 
/**
 * The folder, when any file was cited.
 */
folder: string | null, 
/**
 * Files copied.
 */
copied: number, 
/**
 * Files cited but missing from the data folder (by name).
 */
missing: Array<string>, };

/**
 * A file attached to a version as evidence (佐证材料), kept under its content hash.
 */
export type EvidenceFile = { 
/**
 * SHA-256 of the content: the file's name in the evidence folder.
 */
sha256: string, 
/**
 * The file's original name.
 */
name: string, 
/**
 * Size in bytes.
 */
size: number, };

/**
 * What an export wrote.
 */
export type ExportOutcome = { 
/**
 * The file written.
 */
path: string, 
/**
 * Sub-item rows in the main sheet.
 */
rows: number, 
/**
 * The evidence files copied beside a department sheet.
 */
evidence: EvidenceExport, };

/**
 * Where an export is: shown as a progress bar.
 */
export type ExportProgress = { 
/**
 * The step starting now.
 */
step: ExportStep, 
/**
 * Steps finished.
 */
done: number, 
/**
 * Steps in all.
 */
total: number, };

/**
 * The steps of an export, in order.
 */
export type ExportStep = "reading" | "writing" | "saving" | "recording";

/**
 * One field that differs: old and new side by side.
 */
export type FieldChange = { 
/**
 * 完成状态, 进展情况, 量化指标1实际值 …
 */
label: string, 
/**
 * As held (empty when new).
 */
old: string, 
/**
 * As in the sheet.
 */
new: string, };

/**
 * What reading one file gave: the JSON of `taizhang import-report` (plus the preview's rows).
 */
export type FileReport = { 
/**
 * File name.
 */
file: string, 
/**
 * The path read.
 */
path: string, 
/**
 * SHA-256 of the bytes (empty when the file could not be read).
 */
sha256: string, 
/**
 * Sending department (canonical), when recognised.
 */
department: string | null, 
/**
 * Period key, when recognised.
 */
period: string | null, 
/**
 * Template version of the sheet (`1`, `2`; `手工` for a sheet without metadata).
 */
template_version: string | null, 
/**
 * What became of it.
 */
outcome: Outcome, 
/**
 * Rows new to this PC.
 */
new: number, 
/**
 * Rows that change a record.
 */
changed: number, 
/**
 * Rows equal to what is held.
 */
unchanged: number, 
/**
 * What was refused, with where.
 */
refused: Array<Refusal>, 
/**
 * What to look at.
 */
review: Array<Review>, 
/**
 * One sentence for the clerk.
 */
message: string, 
/**
 * Every sub-item row, with its changes.
 */
rows: Array<RowPreview>, 
/**
 * The period key this PC lacks, when that is why the file was refused.
 */
missing_period: string | null, 
/**
 * The sheet is older than one already received (needs `accept_older`).
 */
older: boolean, 
/**
 * When the sheet was exported (UTC), from its metadata.
 */
exported_at: string | null, };

/**
 * The values a progress form opens with.
 */
export type FormValues = { 
/**
 * One entry per target of the sub-item, in order (value none when not reported).
 */
targets: Array<TargetValue>, 
/**
 * One of the reportable statuses.
 */
status: Status, 
/**
 * 0–100.
 */
percent: number, 
/**
 * 进展情况.
 */
progress: string, 
/**
 * 存在问题.
 */
problems: string, 
/**
 * 下步计划.
 */
next_steps: string, 
/**
 * 备注.
 */
remarks: string, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * draft, submitted or reopened.
 */
state: RecordState, };

/**
 * Where a searched sub-item matched every word: lists show its own matches first.
 */
export type FoundIn = "own" | "parent";

/**
 * Progress of a group of tasks (an article, a department).
 */
export type GroupProgress = { 
/**
 * Article code or department name.
 */
key: string, 
/**
 * Article title or department name.
 */
name: string, 
/**
 * Tasks.
 */
total: number, 
/**
 * Submitted (报送): what counts as reported.
 */
submitted: number, 
/**
 * Saved but not submitted (草稿, 已退回修改), counted apart.
 */
drafts: number, 
/**
 * Submitted as 已完成 (a draft 已完成 is not counted).
 */
completed: number, 
/**
 * Red warnings.
 */
red: number, };

/**
 * How to take files in.
 */
export type ImportOptions = { 
/**
 * Only preview: write nothing.
 */
dry_run: boolean, 
/**
 * Create a period this PC does not have yet.
 */
create_period: boolean, 
/**
 * Take in a sheet older than one already received from the department for the period.
 */
accept_older: boolean, };

/**
 * Where a batch is: shown as a progress bar.
 */
export type ImportProgress = { 
/**
 * Files finished.
 */
done: number, 
/**
 * Files in the batch.
 */
total: number, 
/**
 * The file being read now (empty at the end).
 */
file: string, };

/**
 * What importing a table did: the JSON `taizhang import-plan` prints.
 */
export type ImportSummary = { 
/**
 * Id of the stored plan (the existing one when the same table was imported before; 0 for
 * a dry run of a new plan).
 */
plan_id: number, 
/**
 * The plan's title.
 */
name: string, 
/**
 * Content fingerprint.
 */
fingerprint: string, 
/**
 * Its version: 1 for a new plan, one more than the plan it revises.
 */
version: number, 
/**
 * The plan this import revises.
 */
revision_of: number | null, 
/**
 * 条 count.
 */
articles: number, 
/**
 * 款 count.
 */
clauses: number, 
/**
 * 项 count.
 */
items: number, 
/**
 * 小项 count.
 */
subitems: number, 
/**
 * Departments named as lead or cooperating in the sub-items.
 */
departments: number, 
/**
 * Irregularities found while reading.
 */
warnings: Array<Warning>, 
/**
 * False when nothing was stored: the same table was already there, or a dry run.
 */
imported: boolean, 
/**
 * Only read and compared.
 */
dry_run: boolean, 
/**
 * Read from prose: stored as a draft for the coordinator to review and publish.
 */
draft: boolean, 
/**
 * The format read: 纯文本, Word 文档, Excel 工作簿, 工作方案（文字）.
 */
format: string, 
/**
 * Reporting periods created because the plan package carried them.
 */
periods_added: Array<string>, 
/**
 * With a revision: what it changes.
 */
changes?: PlanChanges, };

/**
 * 项: an item, with its own responsibility cell.
 */
export type Item = { 
/**
 * Position code: `13.4.2`.
 */
code: string, 
/**
 * The item's text as written.
 */
text: string, 
/**
 * Canonical short names of the lead departments, in written order.
 */
lead: Array<string>, 
/**
 * Canonical short names of the cooperating departments, in written order.
 */
cooperating: Array<string>, 
/**
 * The responsibility cell as written.
 */
responsibility: string, 
/**
 * Responsibility cells repeated further down the item that differ from the first.
 */
notes: Array<string>, 
/**
 * 小项 of this item.
 */
subitems: Array<SubItem>, };

/**
 * A warning colour; ordered by urgency (blue < yellow < red).
 */
export type Level = "blue" | "yellow" | "red";

/**
 * A sub-item whose code changed: `taizhang import-plan --json`'s `changes.moved`.
 */
export type Moved = { 
/**
 * Code in the plan revised.
 */
from: string, 
/**
 * Code in the revision.
 */
to: string, };

/**
 * What became of a file.
 */
export type Outcome = "merged" | "unchanged" | "refused" | "dry-run";

/**
 * A node of the outline: an article, clause, item or (a leaf) sub-item.
 */
export type OutlineNode = { 
/**
 * Its code (1, 1.2, 1.2.1, 1.2.1.3).
 */
code: string, 
/**
 * As the tree shows it: 一、… for an article, the code and text for an item or sub-item.
 */
label: string, 
/**
 * A sub-item: nothing below it.
 */
leaf: boolean, };

/**
 * Which rows of the filtered list.
 */
export type PageRequest = { 
/**
 * Rows skipped (the first row is 0).
 */
offset: number, 
/**
 * Rows on the page (1 to [`MAX_PAGE_ROWS`]).
 */
limit: number, };

/**
 * A period as the UI shows it.
 */
export type Period = { 
/**
 * Canonical key.
 */
key: string, 
/**
 * year, half, quarter, month.
 */
kind: string, 
/**
 * 2026年第四季度.
 */
label: string, 
/**
 * First day.
 */
starts_on: string, 
/**
 * Last day.
 */
ends_on: string, 
/**
 * Open for reporting, or closed.
 */
status: PeriodStatus, };

/**
 * Whether departments may still report for a period.
 */
export type PeriodStatus = "open" | "closed";

/**
 * A whole plan: what `taizhang plan --json` prints (with the store's `id`).
 */
export type Plan = { 
/**
 * Store id; 0 while the plan has only been read, not stored.
 */
id: number, 
/**
 * The plan's title as written above the table.
 */
name: string, 
/**
 * SHA-256 of the normalized table content: identifies this version of the plan.
 */
fingerprint: string, 
/**
 * 条, in document order.
 */
articles: Array<Article>, };

/**
 * The changes of a revision, by sub-item code (the revision's code, except for `removed`).
 */
export type PlanChanges = { 
/**
 * New sub-items.
 */
added: Array<string>, 
/**
 * Sub-items left out of the revision (codes of the plan revised).
 */
removed: Array<string>, 
/**
 * Text or work changed, code kept.
 */
reworded: Array<string>, 
/**
 * Code changed (renumbered or moved elsewhere).
 */
moved: Array<Moved>, 
/**
 * Lead or cooperating departments changed.
 */
reassigned: Array<string>, 
/**
 * Deadlines changed.
 */
deadlines: Array<string>, 
/**
 * Quantified targets changed.
 */
targets: Array<string>, };

/**
 * What an account shows: one plan, or every live plan at once (我的任务 / 工作台 only).
 */
export type PlanChoice = { 
/**
 * The plan shown; `None` with `all` for every plan.
 */
plan_id: number | null, 
/**
 * Every live plan at once.
 */
all: boolean, };

/**
 * How to import: as a revision of a plan named, or found by its title; only previewed.
 */
export type PlanImportOptions = { 
/**
 * Import as a new version of this plan (修订版), whatever its title.
 */
revision_of: number | null, 
/**
 * Read and compare only: nothing is written.
 */
dry_run: boolean, };

/**
 * One level of a plan's outline.
 */
export type PlanOutline = { 
/**
 * The plan.
 */
plan_id: number, 
/**
 * Its name.
 */
name: string, 
/**
 * The articles (no `parent`) or the children of `parent`.
 */
nodes: Array<OutlineNode>, };

/**
 * A stored plan, without its tree: what `taizhang plans --json` prints.
 */
export type PlanRow = { 
/**
 * Store id.
 */
id: number, 
/**
 * Title.
 */
name: string, 
/**
 * Content fingerprint.
 */
fingerprint: string, 
/**
 * Version: 1, and one more for each revision applied.
 */
version: number, 
/**
 * The plan this one revises.
 */
revision_of: number | null, 
/**
 * Its number of sub-items.
 */
subitems: number, 
/**
 * When, UTC.
 */
imported_at: string, 
/**
 * True for the plan commands use when none is named (the latest live plan).
 */
current: boolean, 
/**
 * File it was imported from.
 */
source_name: string, 
/**
 * Who imported it (empty when imported before accounts or by the command line without one).
 */
imported_by: string, 
/**
 * A later revision replaced it: kept, read-only, in the version history.
 */
superseded: boolean, 
/**
 * Read from prose and not yet published by the coordinator.
 */
draft: boolean, };

/**
 * Which plans a view covers: one (`plan_id`, default the account's choice) or all live ones.
 */
export type PlanScope = { 
/**
 * The plan; default the one the account shows, else the current plan.
 */
plan_id?: number, 
/**
 * Every live plan at once.
 */
all?: boolean, };

/**
 * A revision in a plan's history.
 */
export type PlanVersion = { 
/**
 * The version's plan row.
 */
plan: PlanRow, 
/**
 * What it changed against the version before (empty for version 1).
 */
changes: PlanChanges, };

/**
 * Who reports, and how to reach them.
 */
export type Profile = { 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, };

/**
 * What the progress form sends.
 */
export type ProgressInput = { 
/**
 * The plan (default: the one the account shows, else the current plan).
 */
plan_id?: number, 
/**
 * Sub-item code.
 */
code: string, 
/**
 * Department (any alias); defaults to the signed-in department.
 */
department: string | null, 
/**
 * Period key.
 */
period: string, 
/**
 * One of [`Status::REPORTABLE`].
 */
status: Status, 
/**
 * 0–100.
 */
percent: number, 
/**
 * 进展情况.
 */
progress: string, 
/**
 * 存在问题.
 */
problems: string, 
/**
 * 下步计划.
 */
next_steps: string, 
/**
 * 备注.
 */
remarks: string, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * Actual values of the sub-item's targets, by position.
 */
targets: Array<TargetValueInput>, 
/**
 * Files to attach (copied into the data folder).
 */
evidence: Array<string>, 
/**
 * Files of the latest version to leave out of the new one (by sha256); history keeps them.
 */
remove_evidence: Array<string>, 
/**
 * The version the form was opened on (0 for a new record): a later save elsewhere wins.
 */
opened_version: number, 
/**
 * Submit (lock) rather than save a draft.
 */
submit: boolean, };

/**
 * One department's record for a sub-item and period, with its history.
 */
export type ProgressRecord = { 
/**
 * The plan (version) the sub-item belongs to.
 */
plan_id: number, 
/**
 * Sub-item code.
 */
code: string, 
/**
 * Department (canonical).
 */
department: string, 
/**
 * `lead` or `cooperating`.
 */
role: TaskRole, 
/**
 * Period key.
 */
period: string, 
/**
 * Newest version first; empty when nothing was saved yet.
 */
history: Array<Version>, 
/**
 * Whether the signed-in user may save now.
 */
editable: boolean, 
/**
 * Why not, when not.
 */
read_only_reason: string | null, 
/**
 * Whether the signed-in user may reopen it (coordinator, submitted record).
 */
can_reopen: boolean, 
/**
 * Every department responsible for the sub-item with its part, leads first: whose
 * records may be opened.
 */
responsible: Array<Responsibility>, 
/**
 * What the form starts with: the latest version, or for a new record the default status
 * and this PC's 填报人 and 联系电话.
 */
form: FormValues, };

/**
 * A received file as the history lists it.
 */
export type ReceiptRow = { 
/**
 * Store id.
 */
id: number, 
/**
 * File name as received.
 */
file: string, 
/**
 * SHA-256.
 */
sha256: string, 
/**
 * Sending department (current name).
 */
department: string, 
/**
 * Period key.
 */
period: string, 
/**
 * Template version of the sheet.
 */
template_version: string, 
/**
 * When the sheet was exported (UTC), if known.
 */
exported_at: string | null, 
/**
 * When it was taken in (UTC).
 */
received_at: string, 
/**
 * Who took it in; empty for the command line.
 */
received_by: string, 
/**
 * New rows.
 */
rows_new: number, 
/**
 * Changed rows.
 */
rows_changed: number, 
/**
 * Unchanged rows.
 */
rows_unchanged: number, 
/**
 * Rows flagged for review.
 */
review_count: number, 
/**
 * Codes of the sub-items whose versions this file brought.
 */
codes: Array<string>, };

/**
 * Which record: a department's on a sub-item of a plan in a period.
 */
export type RecordKey = { 
/**
 * The plan (default: the one the account shows, else the current plan).
 */
plan_id?: number, 
/**
 * Sub-item code.
 */
code: string, 
/**
 * Department (any alias); default the signed-in department, else the first lead.
 */
department?: string, 
/**
 * Period key.
 */
period: string, };

/**
 * Where a record stands: a draft the department may change, submitted (报送, locked), or
 * returned by the coordinator for correction.
 */
export type RecordState = "draft" | "submitted" | "reopened";

/**
 * A recovery that worked: the administrator signed in, and the new code that replaces the used one.
 */
export type RecoveryOutcome = { 
/**
 * The administrator, signed in with the new password.
 */
session: Session, 
/**
 * The next recovery code, to print and keep.
 */
recovery_code: string, };

/**
 * A value or file refused, with where.
 */
export type Refusal = { 
/**
 * 1-based row, when a row is at fault.
 */
row: number | null, 
/**
 * Task code of the row.
 */
code: string, 
/**
 * Column letter and header: `I（完成进度(%)）`.
 */
column: string, 
/**
 * Why, in Chinese.
 */
reason: string, 
/**
 * The sheet, when the fault is on one.
 */
sheet: string, };

/**
 * A sub-item a revision left out, with what its departments had reported: the 已删除任务 list.
 */
export type RemovedSubItem = { 
/**
 * The plan version it was removed from (the version revised).
 */
plan_id: number, 
/**
 * That plan's title.
 */
plan_name: string, 
/**
 * That version's number.
 */
version: number, 
/**
 * The revision that removed it.
 */
removed_in: number, 
/**
 * Its code in the version revised.
 */
code: string, 
/**
 * Its text.
 */
text: string, 
/**
 * Its lead and cooperating departments.
 */
departments: Array<string>, 
/**
 * When the revision was applied, UTC.
 */
removed_at: string, 
/**
 * Who applied it.
 */
removed_by: string, 
/**
 * Progress records it holds (all periods, all departments), archived with it.
 */
records: number, };

/**
 * A report as the export dialog lists it.
 */
export type ReportInfo = { 
/**
 * Key.
 */
kind: ReportKind, 
/**
 * Name.
 */
title: string, 
/**
 * Who may export it.
 */
audience: Audience, 
/**
 * Whether it is for a period.
 */
needs_period: boolean, 
/**
 * Whether it is about one department.
 */
department: DepartmentChoice, 
/**
 * Whether it can be exported blank.
 */
can_be_blank: boolean, 
/**
 * Whether it prints 填报单位 / 汇总单位.
 */
prints_unit: boolean, };

/**
 * The key of a report in the core's registry.
 */
export type ReportKind = "department" | "breakdown" | "summary";

/**
 * What to export.
 */
export type ReportRequest = { 
/**
 * Which workbook: the key of a report in [`REPORTS`].
 */
kind: ReportKind, 
/**
 * Period key (department and summary workbooks).
 */
period: string | null, 
/**
 * Department (any alias): required for the department sheet, optional for the plan.
 */
department: string | null, 
/**
 * The department sheet without any progress, to fill in by hand.
 */
blank: boolean, 
/**
 * Records not submitted: marked 草稿（未报送） (the default) or left out.
 */
drafts?: Drafts, 
/**
 * 填报单位 / 汇总单位 as printed, when this PC's unit name is not set (or to print another).
 */
unit?: string, 
/**
 * The plan (default: the one the signed-in account shows, else the current plan).
 */
plan_id?: number, };

/**
 * A department responsible for a sub-item, and its part.
 */
export type Responsibility = { 
/**
 * Canonical name.
 */
department: string, 
/**
 * Lead or cooperating.
 */
role: TaskRole, };

/**
 * What a restore did.
 */
export type RestoreOutcome = { 
/**
 * The file restored.
 */
restored: string, 
/**
 * When that backup was taken (UTC).
 */
taken_at: string, 
/**
 * The backup of the data the restore replaced.
 */
replaced_saved_as: BackupInfo | null, };

/**
 * A row (or the file) taken in but to be looked at by the coordinator.
 */
export type Review = { 
/**
 * 1-based row, when a row is concerned.
 */
row: number | null, 
/**
 * Task code.
 */
code: string, 
/**
 * Why, in Chinese.
 */
reason: string, };

/**
 * What a signed-in user may do, and what a PC is set up as.
 */
export type Role = "coordinator" | "department";

/**
 * What a row of the sheet is, compared with what this PC holds.
 */
export type RowKind = "new" | "changed" | "unchanged";

/**
 * One sub-item row of the preview.
 */
export type RowPreview = { 
/**
 * 1-based row.
 */
row: number, 
/**
 * Task code.
 */
code: string, 
/**
 * New, changed or unchanged.
 */
kind: RowKind, 
/**
 * The fields that differ.
 */
changes: Array<FieldChange>, };

/**
 * The signed-in user. Only the core creates sessions (by checking a password).
 */
export type Session = { 
/**
 * Account store id.
 */
account_id: number, 
/**
 * Sign-in name.
 */
username: string, 
/**
 * Name shown.
 */
display_name: string, 
/**
 * Role.
 */
role: Role, 
/**
 * The department of a department account (canonical name).
 */
department: string | null, 
/**
 * May manage accounts (of its own department on a department account) and reopen its own
 * department's submissions before they are handed upward.
 */
is_admin: boolean, };

/**
 * This PC's settings.
 */
export type Settings = { 
/**
 * What this PC was set up as (none before setup).
 */
unit_kind: Role | null, 
/**
 * Unit name printed on reports.
 */
unit_name: string, 
/**
 * Minutes without use after which the app signs out (set by an administrator).
 */
idle_minutes: number, };

/**
 * First-start answers: which unit this PC belongs to and its administrator.
 */
export type SetupInput = { 
/**
 * `coordinator` (汇总单位) or `department`.
 */
unit_kind: Role, 
/**
 * For a department PC: the department (any alias).
 */
department: string | null, 
/**
 * Unit name shown on reports; defaults to the department name or 汇总单位.
 */
unit_name: string | null, 
/**
 * Administrator's sign-in name.
 */
username: string, 
/**
 * Administrator's name shown.
 */
display_name: string | null, 
/**
 * Administrator's password.
 */
password: string, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, };

/**
 * What the first-start setup gives: the administrator signed in, and the one-time recovery code
 * to print and keep (shown this once; only its hash is stored).
 */
export type SetupOutcome = { 
/**
 * The administrator, signed in.
 */
session: Session, 
/**
 * The recovery code for a forgotten administrator password.
 */
recovery_code: string, };

/**
 * A task's completion status; `NotReported` is what a task without any record shows, and
 * is never saved.
 */
export type Status = "未启动" | "序时推进" | "滞后" | "已完成" | "长期坚持" | "未填报";

/**
 * 小项: the unit departments report on.
 */
export type SubItem = { 
/**
 * Position code: `13.4.2.2`.
 */
code: string, 
/**
 * Numbering as written (`1、`), empty when the sub-item is unnumbered.
 */
label: string, 
/**
 * The text without its label.
 */
text: string, 
/**
 * Canonical short names of the lead departments.
 */
lead: Array<string>, 
/**
 * Canonical short names of the cooperating departments.
 */
cooperating: Array<string>, 
/**
 * The responsibility cell as written.
 */
responsibility: string, 
/**
 * 具体工作内容, the whole text.
 */
work: string, 
/**
 * Each responsible department's own part of the work.
 */
duties: Array<Duty>, 
/**
 * Deadlines found in the text.
 */
deadlines: Array<Deadline>, 
/**
 * Quantified targets found in the text.
 */
targets: Array<Target>, };

/**
 * A target with the phrase it was read from and, where stated, what it measures.
 */
export type Target = { 
/**
 * The phrase as written.
 */
text: string, 
/**
 * What is measured: `农膜回收率`.
 */
metric: string | null, 
/**
 * Comparison: `>=`, `<=`, `=` or `~` (左右).
 */
op: string | null, 
/**
 * The number.
 */
value: number | null, 
/**
 * Unit as written: `%`, `厘米`.
 */
unit: string | null, };

/**
 * The actual value a department reported for one target of a sub-item.
 */
export type TargetValue = { 
/**
 * 0-based position of the target in the sub-item.
 */
index: number, 
/**
 * The value.
 */
value: number | null, 
/**
 * A note.
 */
note: string, };

/**
 * An actual value for one target.
 */
export type TargetValueInput = { 
/**
 * Position of the target in the sub-item (0-based).
 */
index: number, 
/**
 * The value.
 */
value: number | null, 
/**
 * A note.
 */
note: string, };

/**
 * Filters of the task lists (all optional).
 */
export type TaskFilter = { 
/**
 * Only this department's sub-items (any alias).
 */
department?: string, 
/**
 * Lead or cooperating (with a department).
 */
role?: TaskRole, 
/**
 * A status, or not reported.
 */
status?: Status, 
/**
 * A warning colour.
 */
alert?: Level, 
/**
 * Article code.
 */
article?: string, 
/**
 * Only the sub-items under this article, clause or item code (or this sub-item).
 */
within?: string, 
/**
 * Words to search for.
 */
query?: string, 
/**
 * The plan (default: the one the account shows, else the current plan).
 */
plan_id?: number, 
/**
 * Every live plan at once (我的任务 / 工作台 "全部计划").
 */
all_plans?: boolean, };

/**
 * A page of a task list.
 */
export type TaskPage = { 
/**
 * The rows of the page, in the list's order.
 */
rows: Array<TaskRow>, 
/**
 * Rows in the whole filtered list.
 */
total: number, 
/**
 * Rows of the whole list by the department's role (lead, cooperating).
 */
by_role: Array<Count<TaskRole>>, };

/**
 * A department's part in a sub-item: it leads (牵头) or cooperates (配合).
 */
export type TaskRole = "lead" | "cooperating";

/**
 * A sub-item as a list shows it, seen from one department (or, for the county, its lead).
 */
export type TaskRow = { 
/**
 * The plan the sub-item belongs to.
 */
plan_id: number, 
/**
 * That plan's title.
 */
plan_name: string, 
/**
 * Sub-item code.
 */
code: string, 
/**
 * Label as written.
 */
label: string, 
/**
 * Sub-item text.
 */
text: string, 
/**
 * Article code and title.
 */
article: string, 
/**
 * Article title with label.
 */
article_title: string, 
/**
 * Clause title with label.
 */
clause_title: string, 
/**
 * Lead departments.
 */
lead: Array<string>, 
/**
 * Cooperating departments.
 */
cooperating: Array<string>, 
/**
 * Whose record the status is.
 */
department: string, 
/**
 * `lead` or `cooperating` for that department.
 */
role: TaskRole, 
/**
 * That department's own duty.
 */
duty: string, 
/**
 * Deadline phrases, joined.
 */
deadline: string, 
/**
 * The next due date that matters in the period.
 */
due: string | null, 
/**
 * Latest status, or not reported.
 */
status: Status, 
/**
 * Latest percent.
 */
percent: number | null, 
/**
 * draft, submitted, reopened; none when nothing saved.
 */
state: RecordState | null, 
/**
 * Warning colour.
 */
alert: Alert | null, 
/**
 * The cooperating departments' records.
 */
cooperating_reports: CooperatingReports, 
/**
 * Where a search matched (none without a search).
 */
found_in: FoundIn | null, 
/**
 * Another department's progress, withheld from a department account (it reads only its own):
 * status, percent, state, alert and cooperating reports are left out.
 */
withheld: boolean, };

/**
 * One saved version.
 */
export type Version = { 
/**
 * 1, 2, 3 …
 */
version: number, 
/**
 * Who saved it.
 */
saved_by: string, 
/**
 * When, UTC.
 */
saved_at: string, 
/**
 * Actual target values.
 */
targets: Array<TargetValue>, 
/**
 * Attached files.
 */
evidence: Array<EvidenceFile>, 
/**
 * One of the reportable statuses.
 */
status: Status, 
/**
 * 0–100.
 */
percent: number, 
/**
 * 进展情况.
 */
progress: string, 
/**
 * 存在问题.
 */
problems: string, 
/**
 * 下步计划.
 */
next_steps: string, 
/**
 * 备注.
 */
remarks: string, 
/**
 * 填报人.
 */
reporter: string, 
/**
 * 联系电话.
 */
phone: string, 
/**
 * draft, submitted or reopened.
 */
state: RecordState, };

/**
 * Something irregular found while reading, kept with its source line.
 */
export type Warning = { 
/**
 * 1-based source line.
 */
line: number, 
/**
 * What was found and what the reader did about it, in Chinese.
 */
message: string, };

export const Status = {
  NotStarted: "未启动",
  OnSchedule: "序时推进",
  Behind: "滞后",
  Completed: "已完成",
  Ongoing: "长期坚持",
  NotReported: "未填报",
} as const

export const StatusValues: readonly Status[] = ["未启动", "序时推进", "滞后", "已完成", "长期坚持", "未填报"]

export const StatusLabel: Readonly<Record<Status, string>> = {
  "未启动": "未启动",
  "序时推进": "序时推进",
  "滞后": "滞后",
  "已完成": "已完成",
  "长期坚持": "长期坚持",
  "未填报": "未填报",
}

export const TaskRole = {
  Lead: "lead",
  Cooperating: "cooperating",
} as const

export const TaskRoleValues: readonly TaskRole[] = ["lead", "cooperating"]

export const TaskRoleLabel: Readonly<Record<TaskRole, string>> = {
  "lead": "牵头",
  "cooperating": "配合",
}

export const RecordState = {
  Draft: "draft",
  Submitted: "submitted",
  Reopened: "reopened",
} as const

export const RecordStateValues: readonly RecordState[] = ["draft", "submitted", "reopened"]

export const RecordStateLabel: Readonly<Record<RecordState, string>> = {
  "draft": "草稿",
  "submitted": "已报送",
  "reopened": "已退回修改",
}

export const Level = {
  Blue: "blue",
  Yellow: "yellow",
  Red: "red",
} as const

export const LevelValues: readonly Level[] = ["blue", "yellow", "red"]

export const LevelLabel: Readonly<Record<Level, string>> = {
  "blue": "蓝色提醒",
  "yellow": "黄色预警",
  "red": "红色预警",
}

export const PeriodStatus = {
  Open: "open",
  Closed: "closed",
} as const

export const PeriodStatusValues: readonly PeriodStatus[] = ["open", "closed"]

export const PeriodStatusLabel: Readonly<Record<PeriodStatus, string>> = {
  "open": "填报中",
  "closed": "已关闭",
}

export const Role = {
  Coordinator: "coordinator",
  Department: "department",
} as const

export const RoleValues: readonly Role[] = ["coordinator", "department"]

export const RoleLabel: Readonly<Record<Role, string>> = {
  "coordinator": "汇总单位",
  "department": "责任部门",
}

export const Audience = {
  Everyone: "everyone",
  Coordinator: "coordinator",
} as const

export const AudienceValues: readonly Audience[] = ["everyone", "coordinator"]

export const AudienceLabel: Readonly<Record<Audience, string>> = {
  "everyone": "所有用户",
  "coordinator": "仅汇总单位",
}

export const DepartmentChoice = {
  None: "none",
  Optional: "optional",
  Required: "required",
} as const

export const DepartmentChoiceValues: readonly DepartmentChoice[] = ["none", "optional", "required"]

export const DepartmentChoiceLabel: Readonly<Record<DepartmentChoice, string>> = {
  "none": "不涉及部门",
  "optional": "可只导出一个部门",
  "required": "须指定部门",
}

export const Drafts = {
  Mark: "mark",
  Omit: "omit",
} as const

export const DraftsValues: readonly Drafts[] = ["mark", "omit"]

export const DraftsLabel: Readonly<Record<Drafts, string>> = {
  "mark": "标注为草稿（未报送）",
  "omit": "不导出未报送的内容",
}

export const FoundIn = {
  Own: "own",
  Parent: "parent",
} as const

export const FoundInValues: readonly FoundIn[] = ["own", "parent"]

export const FoundInLabel: Readonly<Record<FoundIn, string>> = {
  "own": "小项内容",
  "parent": "仅上级条目",
}

export const BackupReason = {
  Daily: "daily",
  BeforePlanImport: "plan-import",
  BeforeReadback: "readback",
  BeforeMigration: "migration",
  BeforeRestore: "restore",
  Manual: "manual",
} as const

export const BackupReasonValues: readonly BackupReason[] = ["daily", "plan-import", "readback", "migration", "restore", "manual"]

export const BackupReasonLabel: Readonly<Record<BackupReason, string>> = {
  "daily": "每日自动备份",
  "plan-import": "导入任务分解表前",
  "readback": "导入部门报表前",
  "migration": "升级数据库前",
  "restore": "恢复备份前",
  "manual": "手动备份",
}

export const ExportStep = {
  Reading: "reading",
  Writing: "writing",
  Saving: "saving",
  Recording: "recording",
} as const

export const ExportStepValues: readonly ExportStep[] = ["reading", "writing", "saving", "recording"]

export const ExportStepLabel: Readonly<Record<ExportStep, string>> = {
  "reading": "读取数据",
  "writing": "排版并生成表格",
  "saving": "保存文件",
  "recording": "复制佐证材料并登记",
}

export const ErrorCode = {
  Io: "io",
  MalformedTable: "malformed_table",
  Database: "database",
  PlanNotFound: "plan_not_found",
  DepartmentNotFound: "department_not_found",
  NoDataDir: "no_data_dir",
  NotSignedIn: "not_signed_in",
  BadCredentials: "bad_credentials",
  TryLater: "try_later",
  Forbidden: "forbidden",
  InvalidInput: "invalid_input",
  NotFound: "not_found",
  AlreadySetUp: "already_set_up",
  NotSetUp: "not_set_up",
  Stale: "stale",
  Locked: "locked",
  PeriodClosed: "period_closed",
  Report: "report",
  Cancelled: "cancelled",
  Internal: "internal",
} as const

export const ErrorCodeValues: readonly ErrorCode[] = ["io", "malformed_table", "database", "plan_not_found", "department_not_found", "no_data_dir", "not_signed_in", "bad_credentials", "try_later", "forbidden", "invalid_input", "not_found", "already_set_up", "not_set_up", "stale", "locked", "period_closed", "report", "cancelled", "internal"]

export const ErrorCodeLabel: Readonly<Record<ErrorCode, string>> = {
  "io": "文件读写",
  "malformed_table": "任务分解表格式",
  "database": "数据库",
  "plan_not_found": "方案不存在",
  "department_not_found": "部门不存在",
  "no_data_dir": "无数据目录",
  "not_signed_in": "未登录",
  "bad_credentials": "用户名或密码错误",
  "try_later": "登录受限",
  "forbidden": "无权操作",
  "invalid_input": "填写内容无效",
  "not_found": "不存在",
  "already_set_up": "已完成设置",
  "not_set_up": "尚未设置",
  "stale": "已被他人更新",
  "locked": "已报送锁定",
  "period_closed": "报告期已关闭",
  "report": "报表生成",
  "cancelled": "已取消",
  "internal": "内部错误",
}

/** The statuses a department may choose, in the form's order. */
export const REPORTABLE_STATUSES: readonly Status[] = [Status.NotStarted, Status.OnSchedule, Status.Behind, Status.Completed, Status.Ongoing]

/** The status a new record starts with. */
export const DEFAULT_STATUS: Status = Status.OnSchedule

/** What the deadline column shows for a task without a deadline. */
export const STANDING_DEADLINE = "长期坚持"

/** The shortest password the core accepts. */
export const MIN_PASSWORD_CHARS = 8

/** What the core accepts in each field, in characters (shown beside the fields). */
export const LIMITS = {
  username: 32,
  display_name: 40,
  department_name: 40,
  unit_name: 60,
  progress_text: 5000,
  reason: 200,
  reporter: 30,
  phone: 30,
  search: 200,
  password_min: 8,
} as const

/** The most characters a text field of a record may hold (the core refuses more). */
export const MAX_TEXT_CHARS = 5000
