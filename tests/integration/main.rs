//! Integration tests of 台账, one binary. Modules mirror taizhang-core's modules; `cli`
//! drives the `taizhang` command line as a user's script would.

/// Shared fixtures: the seed, fresh databases, running the CLI in-process.
mod util;

/// table_reader: encodings, structure, labels, notes, warnings, and the no-text-lost check.
mod table_reader;
/// reader on broken input: every kind of malformed file gives a clear error, changes nothing.
mod malformed;
/// departments: the 31 canonical departments and every responsibility phrasing of the seed.
mod departments;
/// plan: duties split per department, deadlines and targets found in the seed.
mod plan;
/// store: migrations, idempotent import, second plans, all-or-nothing writes.
mod store;
/// plans: plans side by side, revisions with their diff and carried progress.
mod plans;
/// plan_files: the seed read from Word and Excel gives the text reader's tree; hostile files.
mod plan_files;
/// accounts: first-start setup, sign-in, roles, account creation.
mod accounts;
/// office_accounts: administrators on every PC, disabling, resetting, recovery, idle sign-out.
mod office_accounts;
/// package: the .deb's control fields, files, menu entry and unpacked programs.
mod package;
/// upgrade: the previous release's database opens in this build with nothing lost.
mod upgrade;
/// backups: backup and restore round trips, refused files, automatic backups.
mod backups;
/// periods: canonical keys, who creates, opens and closes them.
mod periods;
/// progress: versions, submission, reopening, staleness, and the permissions matrix.
mod progress;
/// evidence: removing, cleaning up, exporting and opening attached files.
mod evidence;
/// task_list: task lists, search and every filter.
mod task_list;
/// dashboard: the dashboard's numbers against the plan and the saves.
mod dashboard;
/// admin: renaming and merging departments, aliases, settings, the audit log.
mod admin;
/// report: the Excel workbooks read back and compared with the database.
mod report;
/// report_print: LibreOffice prints each workbook; golden layouts of the sheets.
mod report_print;
/// paper_data: the 37-record data set with 5,000-character texts, and its workbooks.
mod paper_data;
/// report_paper: the printed pages read back with pdftotext: every text in full, pages as laid out.
mod report_paper;
/// report_registry: every registered report writes its declared sheets; who may export what.
mod report_registry;
/// readback: department sheets read back, round trips through LibreOffice and a rewriting library.
mod readback;
/// readback_hostile: broken and hostile workbooks are refused or flagged, the database untouched.
mod readback_hostile;
/// crash_trials: 100 kills of the command line mid-write, each leaving a consistent database.
mod crash_trials;
/// properties: the plan reader, sheet reader and period parsing on random and mutated input.
mod properties;
/// cli: the `taizhang` commands and their JSON, in-process and as a real process.
mod cli;
/// scale: the seed a hundred times over, exported within Excel's limits; search over a large plan.
mod scale;
