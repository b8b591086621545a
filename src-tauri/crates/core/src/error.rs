//! The core's one error type: every failure a user or a file can cause, with a Chinese message.

use std::path::PathBuf;

/// Everything that can go wrong in the core. Messages are written for the office clerk who
/// reads them; `code()` is the stable identifier that scripts and the UI branch on.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("无法访问文件“{path}”：{source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// The file has no bytes at all, or only blank lines.
    #[error("文件为空：没有任何表格内容")]
    EmptyFile,
    /// The file is larger than any task breakdown table can reasonably be.
    #[error("文件过大（{size} 字节），任务分解表不应超过 {limit} 字节")]
    TooLarge {
        /// Size of the file in bytes.
        size: usize,
        /// The largest size accepted.
        limit: usize,
    },
    /// The bytes are not text in any encoding an office PC produces.
    #[error("文件不是可识别的文本：支持 UTF-8、GBK/GB18030 和带 BOM 的 UTF-16，请在 Word 中另存为“纯文本”")]
    Undecodable,
    /// The text contains control characters, so it is not a saved table.
    #[error("第 {line} 行含有不可打印的控制字符，文件可能已损坏或不是文本表格")]
    ControlCharacter {
        /// 1-based source line.
        line: usize,
    },
    /// No line starts with a TAB, so there is no table in the file.
    #[error("未找到表格：没有任何以制表符开头的单元格（请确认是从 Word 表格另存的纯文本）")]
    NoTable,
    /// The first row is not the 7-column header of a task breakdown table.
    #[error("第 {line} 行：表头应为“条内容、款内容、项内容、责任单位、小项内容、责任单位、具体工作内容”，实际为“{found}”")]
    BadHeader {
        /// 1-based source line where the header starts.
        line: usize,
        /// The header cells as found, joined by "、".
        found: String,
    },
    /// The number of cells is not a multiple of 7.
    #[error("第 {line} 行开始的最后一行只有 {cells} 个单元格，每行应有 7 个单元格（表格可能被截断或有单元格缺失）")]
    CellCount {
        /// 1-based source line of the incomplete row.
        line: usize,
        /// How many cells that row has.
        cells: usize,
    },
    /// The table has a header but no task rows.
    #[error("表格只有表头，没有任何任务行")]
    NoRows,
    /// A cell is empty ("same as above") but nothing above it can be carried down.
    #[error("第 {line} 行：{level}为空，但上方没有可以沿用的{level}")]
    MissingLevel {
        /// 1-based source line of the row.
        line: usize,
        /// Which column: 条内容, 款内容 …
        level: &'static str,
    },
    /// A file format the reader cannot open (.doc, .wps, .pdf …), with how to save it readably.
    #[error("{0}")]
    UnsupportedFormat(String),
    /// A Word or Excel file that is damaged or holds no task breakdown table where expected.
    #[error("{0}")]
    BadDocument(String),
    /// The database failed.
    #[error("数据库错误：{0}")]
    Database(#[from] rusqlite::Error),
    /// The database schema could not be brought up to date.
    #[error("数据库结构升级失败：{0}")]
    Migration(#[from] rusqlite_migration::Error),
    /// No plan with this id.
    #[error("没有编号为 {0} 的计划")]
    PlanNotFound(i64),
    /// The database holds no plan yet.
    #[error("数据库中还没有任何计划，请先导入任务分解表")]
    NoPlan,
    /// No department known by this name or alias.
    #[error("没有名为“{0}”的部门（可用 `taizhang departments` 查看全部部门及别名）")]
    DepartmentNotFound(String),
    /// The per-user data directory of this system could not be determined.
    #[error("无法确定本机的用户数据目录，请用 --db 指定数据库文件")]
    NoDataDir,
    /// Stored data does not have the shape the code expects (a bug or a hand-edited database).
    #[error("数据库内容不一致：{0}")]
    Corrupt(String),
    /// Nobody is signed in, and the action needs a user.
    #[error("请先登录")]
    NotSignedIn,
    /// The account was disabled (or removed) since it signed in.
    #[error("您的账户已被管理员停用，已退出登录")]
    AccountDisabled,
    /// Nobody used the app for longer than the idle time: signed out.
    #[error("超过 {0} 分钟未操作，已自动退出登录，请重新登录")]
    IdleSignedOut(u32),
    /// Wrong user name or password.
    #[error("用户名或密码不正确")]
    BadCredentials,
    /// Too many wrong passwords in a row: the next attempt must wait.
    #[error("密码已连续输错 {failures} 次，请 {wait}后再试")]
    TryLater {
        /// Consecutive failures.
        failures: u32,
        /// The time left, in words (30 秒, 20 分钟).
        wait: String,
    },
    /// The signed-in user may not do this.
    #[error("无权操作：{0}")]
    Forbidden(String),
    /// A value the user entered is not acceptable.
    #[error("{0}")]
    InvalidInput(String),
    /// A record, period, account or sub-item that does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The first-start setup was already done on this PC.
    #[error("本机已完成初始设置，不能重复设置")]
    AlreadySetUp,
    /// The first-start setup is not done yet.
    #[error("本机尚未完成初始设置")]
    NotSetUp,
    /// Somebody saved the same record since it was opened: the later save would lose their work.
    #[error("该记录已被他人（或另一窗口）于 {saved_at} 更新为第 {current} 版，您打开的是第 {opened} 版。请刷新后再保存，以免覆盖对方的修改")]
    Stale {
        /// Version the editor started from.
        opened: i64,
        /// Version stored now.
        current: i64,
        /// When the current version was saved.
        saved_at: String,
    },
    /// The record was submitted and is locked until the coordinator reopens it.
    #[error("该进展已报送，已锁定；如需修改，请联系汇总单位退回")]
    Locked,
    /// The workbook could not be written.
    #[error("无法生成 Excel 报表：{0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    /// The period is closed for reporting.
    #[error("报告期 {0} 已关闭，不能再填报")]
    PeriodClosed(String),

    /// The user stopped the work (what, e.g. 导出) before anything was written.
    #[error("已取消{0}，没有写入任何文件")]
    Cancelled(String),
}

crate::vocabulary! {
    /// The stable code of an error, which scripts and the UI branch on (kept across releases).
    pub enum ErrorCode ("错误代码") {
        /// 文件读写.
        Io = "io", "文件读写";
        /// 任务分解表格式.
        MalformedTable = "malformed_table", "任务分解表格式";
        /// 数据库.
        Database = "database", "数据库";
        /// 方案不存在.
        PlanNotFound = "plan_not_found", "方案不存在";
        /// 部门不存在.
        DepartmentNotFound = "department_not_found", "部门不存在";
        /// 无数据目录.
        NoDataDir = "no_data_dir", "无数据目录";
        /// 未登录.
        NotSignedIn = "not_signed_in", "未登录";
        /// 用户名或密码错误.
        BadCredentials = "bad_credentials", "用户名或密码错误";
        /// 登录受限.
        TryLater = "try_later", "登录受限";
        /// 无权操作.
        Forbidden = "forbidden", "无权操作";
        /// 填写内容无效.
        InvalidInput = "invalid_input", "填写内容无效";
        /// 不存在.
        NotFound = "not_found", "不存在";
        /// 已完成设置.
        AlreadySetUp = "already_set_up", "已完成设置";
        /// 尚未设置.
        NotSetUp = "not_set_up", "尚未设置";
        /// 已被他人更新.
        Stale = "stale", "已被他人更新";
        /// 已报送锁定.
        Locked = "locked", "已报送锁定";
        /// 报告期已关闭.
        PeriodClosed = "period_closed", "报告期已关闭";
        /// 报表生成.
        Report = "report", "报表生成";
        /// 已取消.
        Cancelled = "cancelled", "已取消";
        /// A background task of the app stopped unexpectedly (not raised by the core itself).
        Internal = "internal", "内部错误";
    }
}

impl Error {
    /// Stable, machine-readable code of this error (kept across releases).
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::Io { .. } => ErrorCode::Io,
            Error::EmptyFile
            | Error::TooLarge { .. }
            | Error::Undecodable
            | Error::ControlCharacter { .. }
            | Error::NoTable
            | Error::BadHeader { .. }
            | Error::CellCount { .. }
            | Error::NoRows
            | Error::MissingLevel { .. }
            | Error::UnsupportedFormat(_)
            | Error::BadDocument(_) => ErrorCode::MalformedTable,
            Error::Database(_) | Error::Migration(_) | Error::Corrupt(_) => ErrorCode::Database,
            Error::PlanNotFound(_) | Error::NoPlan => ErrorCode::PlanNotFound,
            Error::DepartmentNotFound(_) => ErrorCode::DepartmentNotFound,
            Error::NoDataDir => ErrorCode::NoDataDir,
            Error::NotSignedIn | Error::AccountDisabled | Error::IdleSignedOut(_) => ErrorCode::NotSignedIn,
            Error::BadCredentials => ErrorCode::BadCredentials,
            Error::TryLater { .. } => ErrorCode::TryLater,
            Error::Forbidden(_) => ErrorCode::Forbidden,
            Error::InvalidInput(_) => ErrorCode::InvalidInput,
            Error::NotFound(_) => ErrorCode::NotFound,
            Error::AlreadySetUp => ErrorCode::AlreadySetUp,
            Error::NotSetUp => ErrorCode::NotSetUp,
            Error::Stale { .. } => ErrorCode::Stale,
            Error::Locked => ErrorCode::Locked,
            Error::PeriodClosed(_) => ErrorCode::PeriodClosed,
            Error::Xlsx(_) => ErrorCode::Report,
            Error::Cancelled(_) => ErrorCode::Cancelled,
        }
    }

    /// The 1-based source line the error points at, when it points at one.
    pub fn line(&self) -> Option<usize> {
        match self {
            Error::ControlCharacter { line }
            | Error::BadHeader { line, .. }
            | Error::CellCount { line, .. }
            | Error::MissingLevel { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// Result with the core's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;
