//! The `taizhang` command line: parses arguments, calls one core function per command, and
//! prints JSON (`--json`) or a readable Chinese outline. Errors go to stderr, exit code 1.
#![deny(missing_docs)]

mod imports;
mod period_lines;
mod text;

use clap::{Parser, Subcommand};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use taizhang_core::{backup, database, periods, plan_import, plans, readback, received, report, responsibilities};

/// 台账：县级行动计划任务分解与进展填报
#[derive(Debug, Parser)]
#[command(name = "taizhang", version, about)]
struct Cli {
    /// 数据库文件（默认：用户数据目录下的 cn.taizhang.app/taizhang.db，与桌面程序共用）
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    /// 以此账户操作（在已设置账户的数据库上，写入、导出、备份、恢复和查看进展的命令必填；密码在提示时输入，或放在环境变量 TAIZHANG_PASSWORD 中）
    #[arg(long, global = true, value_name = "NAME")]
    user: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// 导入任务分解表（Word 文档 .docx、Excel 工作簿 .xlsx/.xls、Word 另存的纯文本，或写成文字的工作方案）
    ImportPlan {
        /// 任务分解表文件
        file: PathBuf,
        /// 作为此计划的修订版导入（默认：标题相同的计划视为修订）
        #[arg(long, value_name = "ID")]
        revision_of: Option<i64>,
        /// 只读取并比较，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 以 JSON 输出（本命令总是输出 JSON）
        #[arg(long)]
        json: bool,
    },
    /// 列出全部计划及其版本（当前计划标为 current）
    Plans {
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 显示计划的条、款、项、小项
    Plan {
        /// 计划编号（默认：当前计划）
        #[arg(long, value_name = "ID")]
        plan: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 列出部门、别名及其牵头/配合的小项数
    Departments {
        /// 计划编号（默认：当前计划）
        #[arg(long, value_name = "ID")]
        plan: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 列出一个部门的小项（部门名可用任何别名）
    Tasks {
        /// 部门名称，如 农业局、县农业局、农委
        #[arg(long, value_name = "NAME")]
        department: String,
        /// 计划编号（默认：当前计划）
        #[arg(long, value_name = "ID")]
        plan: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 导出 Excel 报表（种类见下：任务分解表、部门工作进展情况表及其空白表、全县汇总表等）
    Export {
        /// 报表种类
        #[arg(value_parser = report_kinds())]
        kind: String,
        /// 报告期，如 2026、2026H2、2026Q4、2026M11（部门表和汇总表必填）
        #[arg(long, value_name = "KEY")]
        period: Option<String>,
        /// 部门（部门表必填；任务分解表可选，只导出该部门的任务）
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
        /// 导出空白的部门工作进展表，供没有台账软件的部门手工填写
        #[arg(long)]
        blank: bool,
        /// 未报送的记录（草稿、已退回修改）：mark 标注为“草稿（未报送）”（默认），omit 不导出
        #[arg(long, value_parser = draft_choices(), value_name = "WHAT")]
        drafts: Option<String>,
        /// 表头的填报单位/汇总单位（本机未设置单位名称时，汇总表必填）
        #[arg(long, value_name = "NAME")]
        unit: Option<String>,
        /// 输出文件（.xlsx）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 计划编号（默认：当前计划）
        #[arg(long, value_name = "ID")]
        plan: Option<i64>,
    },
    /// 导入部门报回的工作进展情况表（可多个文件或文件夹），整份导入或整份拒绝
    ImportReport {
        /// 部门工作进展情况表（.xlsx）或存放它们的文件夹
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// 只预览，不写入数据库
        #[arg(long)]
        dry_run: bool,
        /// 本机没有表中的报告期时自动创建
        #[arg(long)]
        create_period: bool,
        /// 比本机已收到的同期报表更旧的表也导入
        #[arg(long)]
        accept_older: bool,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 列出报告期；periods add KEY 添加一个（如 2026Q4）
    Periods {
        #[command(subcommand)]
        action: Option<PeriodsAction>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
    /// 备份全部数据（数据库和佐证材料）到一个 .tzbak 文件
    Backup {
        /// 备份文件（如 D:\\备份\\台账-2026-12-01.tzbak）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 从备份文件恢复全部数据（恢复前的数据先自动备份到 backups 文件夹）
    Restore {
        /// 台账备份文件（.tzbak）
        file: PathBuf,
    },
    /// 列出一个报告期各部门各小项的最新进展（含来源文件）
    Progress {
        /// 报告期，如 2026Q4
        #[arg(long, value_name = "KEY")]
        period: String,
        /// 只列出该部门
        #[arg(long, value_name = "NAME")]
        department: Option<String>,
        /// 计划编号（默认：当前计划）
        #[arg(long, value_name = "ID")]
        plan: Option<i64>,
        /// 以 JSON 输出
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
enum PeriodsAction {
    /// 添加报告期，输出其规范写法（2026q04 → 2026Q4）
    Add {
        /// 报告期，如 2026、2026H2、2026Q4、2026M11
        key: String,
    },
}

/// The workbooks of `taizhang export`: whatever the report registry holds, with its title.
fn draft_choices() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(report::Drafts::ALL.iter().map(|d| clap::builder::PossibleValue::new(d.key()).help(d.label())))
}

fn report_kinds() -> clap::builder::PossibleValuesParser {
    clap::builder::PossibleValuesParser::new(report::REPORTS.iter().map(|r| clap::builder::PossibleValue::new(r.key()).help(r.title())))
}

/// Run the command line with `args` (the program name first). Returns the exit code:
/// 0 on success, 1 when the command failed, 2 for a usage error.
pub fn run<I, T>(args: I, out: &mut impl Write, err: &mut impl Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(usage) => {
            let is_help = !usage.use_stderr();
            let sink: &mut dyn Write = if is_help { out } else { err };
            let _ = write!(sink, "{}", usage.render());
            return if is_help { 0 } else { 2 };
        }
    };
    match execute(cli, out) {
        Ok(Status::Done) => 0,
        Ok(Status::SomeRefused) => 1,
        Err(error) => {
            let _ = writeln!(err, "错误：{error}");
            1
        }
    }
}

/// Anything that stops a command: the core's error, or stdout closing under us.
#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Core(#[from] taizhang_core::Error),
    #[error("无法输出结果：{0}")]
    Output(#[from] std::io::Error),
    #[error("无法生成 JSON：{0}")]
    Json(#[from] serde_json::Error),
    #[error("本机已设置账户：请用 --user 账户名 指定操作的账户（密码在提示时输入，或放在环境变量 TAIZHANG_PASSWORD 中）")]
    NeedsUser,
}

/// How a command that ran ended: `import-report` exits 1 when any file was refused.
enum Status {
    Done,
    SomeRefused,
}

fn execute(cli: Cli, out: &mut impl Write) -> Result<Status, CliError> {
    let mut store = match (database::open_database(cli.db.as_deref()), &cli.command) {
        (Ok(store), _) => store,
        (Err(error), Command::Restore { file }) => return restore_damaged(cli.db.as_deref(), file, &error, out),
        (Err(error), _) => return Err(error.into()),
    };
    let user = cli.user.as_deref();
    match cli.command {
        Command::ImportPlan { file, revision_of, dry_run, json: _ } => {
            let actor = acting(&store, user)?;
            let options = plan_import::PlanImportOptions { revision_of, dry_run };
            let summary = plan_import::import_plan_by(&store, actor.as_ref(), &file, options)?;
            print_json(out, &summary)?;
        }
        Command::Plans { json } => {
            let all = plans::list_plans(&store)?;
            if json { print_json(out, &all)? } else { text::plans(out, &all)? }
        }
        Command::Plan { plan, json } => {
            store.read_through_memory_map()?;
            let tree = responsibilities::plan_tree(&store, plan)?;
            if json { print_json(out, &tree)? } else { text::plan(out, &tree)? }
        }
        Command::Departments { plan, json } => {
            let departments = responsibilities::departments(&store, plan)?;
            if json { print_json(out, &departments)? } else { text::departments(out, &departments)? }
        }
        Command::Export { kind, period, department, blank, drafts, unit, out: file, plan } => {
            let drafts = drafts.as_deref().and_then(report::Drafts::from_key);
            let request = report::ReportRequest { kind, period, department, blank, drafts, unit, plan_id: Some(plans::resolve(&store, None, plan)?) };
            let actor = acting(&store, user)?;
            let outcome = report::export_by(&store, actor.as_ref(), &request, &file, database::today())?;
            writeln!(out, "已导出 {}（{} 个小项）", outcome.path.display(), outcome.rows)?;
            if let Some(folder) = &outcome.evidence.folder {
                writeln!(out, "佐证材料 {} 个已复制到 {}", outcome.evidence.copied, folder.display())?;
            }
        }
        Command::Tasks { department, plan, json } => {
            store.read_through_memory_map()?;
            let tasks = responsibilities::tasks_for_department(&store, &department, plan)?;
            if json { print_json(out, &tasks)? } else { text::tasks(out, &tasks)? }
        }
        Command::ImportReport { files, dry_run, create_period, accept_older, json } => {
            let actor = acting(&store, user)?;
            let options = readback::ImportOptions { dry_run, create_period, accept_older };
            if let Some(actor) = &actor {
                actor.require_coordinator("导入部门报表").map_err(CliError::Core)?;
            }
            let paths = readback::expand_paths(&files)?;
            readback::before_batch(&store, paths.len(), &options)?;
            let reports: Vec<readback::FileReport> = paths.iter().map(|path| readback::import_file(&store, actor.as_ref(), path, &options)).collect();
            if json { print_json(out, &imports::Files::of(&reports))? } else { text::imports(out, &reports)? }
            if reports.iter().any(|r| r.outcome == readback::Outcome::Refused) {
                return Ok(Status::SomeRefused);
            }
        }
        Command::Periods { action: Some(PeriodsAction::Add { key }), .. } => {
            let period = match acting(&store, user)? {
                Some(session) => periods::create_period(&store, &session, &key)?,
                None => periods::create_period_before_setup(&store, &key)?,
            };
            writeln!(out, "{}", period.key)?;
        }
        Command::Periods { action: None, json } => {
            let all = periods::list_periods(&store)?;
            if json { print_json(out, &all.iter().map(period_lines::PeriodLine::of).collect::<Vec<_>>())? } else { text::periods(out, &all)? }
        }
        Command::Progress { period, department, plan, json } => {
            let department = match acting(&store, user)? {
                Some(session) if !session.is_coordinator() => Some(own_department(&store, &session, department.as_deref())?),
                _ => department,
            };
            let records = received::latest_records(&store, plan, &period, department.as_deref())?;
            if json { print_json(out, &records)? } else { text::records(out, &records)? }
        }
        Command::Backup { out: file } => {
            let info = match acting(&store, user)? {
                Some(session) => backup::backup_as(&store, &session, Some(&file))?,
                None => backup::backup_to(&store, &file, backup::BackupReason::Manual)?,
            };
            writeln!(out, "已备份到 {}（{} 字节）", info.path.display(), info.size_bytes)?;
        }
        Command::Restore { file } => {
            let actor = acting(&store, user)?;
            let outcome = backup::restore(&mut store, actor.as_ref(), &file)?;
            let kept = outcome.replaced_saved_as.map(|b| format!("；恢复前的数据已备份为 {}", b.path.display())).unwrap_or_default();
            writeln!(out, "已从 {} 恢复（备份时间 {}）{kept}", outcome.restored, taizhang_core::text::local_time(&outcome.taken_at))?;
        }
    }
    Ok(Status::Done)
}

/// `restore` onto a database that cannot be opened: the damaged file is kept aside.
fn restore_damaged(db: Option<&std::path::Path>, file: &std::path::Path, error: &taizhang_core::Error, out: &mut impl Write) -> Result<Status, CliError> {
    let database = match db {
        Some(path) => path.to_path_buf(),
        None => database::default_database_path()?,
    };
    let outcome = backup::restore_damaged(&database, file)?;
    writeln!(out, "原数据库无法打开（{error}），已改名保留；已从 {} 恢复（备份时间 {}）", outcome.restored, taizhang_core::text::local_time(&outcome.taken_at))?;
    Ok(Status::Done)
}

/// Who acts: the account named with `--user`; nobody on a database where no account has been
/// set up yet; refused (asking for `--user`) on one where accounts exist.
fn acting(store: &taizhang_core::store::Store, user: Option<&str>) -> Result<Option<taizhang_core::accounts::Session>, CliError> {
    match signed_in(store, user)? {
        Some(session) => Ok(Some(session)),
        None if taizhang_core::accounts::is_set_up(store)? => Err(CliError::NeedsUser),
        None => Ok(None),
    }
}

/// A department account's own department: the one asked for must be it.
fn own_department(store: &taizhang_core::store::Store, session: &taizhang_core::accounts::Session, asked: Option<&str>) -> Result<String, CliError> {
    let own = session.department.clone().unwrap_or_default();
    if let Some(asked) = asked {
        let (id, name) = taizhang_core::accounts::resolve_department(store, asked)?;
        session.require_reader_of(id, &name)?;
    }
    Ok(own)
}

/// The account named with `--user`, signed in with the password from TAIZHANG_PASSWORD or typed
/// at a prompt that does not echo it; none without `--user`.
fn signed_in(store: &taizhang_core::store::Store, user: Option<&str>) -> Result<Option<taizhang_core::accounts::Session>, CliError> {
    let Some(user) = user else { return Ok(None) };
    let password = match std::env::var("TAIZHANG_PASSWORD") {
        Ok(password) => password,
        Err(_) => rpassword::prompt_password(format!("{user} 的密码：")).map_err(CliError::Output)?,
    };
    Ok(Some(taizhang_core::accounts::sign_in(store, user, &password)?))
}

fn print_json(out: &mut impl Write, value: &impl serde::Serialize) -> Result<(), CliError> {
    // Buffered: serde writes piece by piece, and stdout would make a system call of each.
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, &mut *out);
    serde_json::to_writer_pretty(&mut buffered, value)?;
    writeln!(buffered)?;
    buffered.flush()?;
    Ok(())
}
