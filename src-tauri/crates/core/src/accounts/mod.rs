//! Accounts and sessions: first-start setup, sign-in with argon2-hashed passwords, the session
//! as the account stands now, and the permission checks every command uses. Managing accounts
//! is in [`manage`], the administrator's recovery code in [`recovery`].

mod manage;
mod recovery;
mod signed_in;

pub use manage::{change_password, create_account, list_accounts, reset_password, set_account_enabled};
pub use recovery::{new_recovery_code, recover_administrator, RecoveryOutcome};
pub use signed_in::{current_session, SignedIn};

use ts_rs::TS;
use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::store::{AccountRow, AuditEntry, NewAccount, Store};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

/// The audit action of a wrong password or unknown user name.
const SIGN_IN_FAILED: &str = "登录失败";

/// A typed user name as the log keeps it.
fn logged_name(name: &str) -> String {
    name.chars().take(crate::limits::USERNAME_CHARS).collect()
}

/// The shortest password accepted for a new or changed password.
pub const MIN_PASSWORD_CHARS: usize = 8;

crate::vocabulary! {
    /// What a signed-in user may do, and what a PC is set up as.
    pub enum Role ("账户角色") {
        /// 汇总单位: sees and manages everything.
        Coordinator = "coordinator", "汇总单位";
        /// A department: edits only its own items.
        Department = "department", "责任部门";
    }
}

/// The signed-in user. Only the core creates sessions (by checking a password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Session {
    /// Account store id.
    pub account_id: i64,
    /// Sign-in name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The department of a department account (canonical name).
    pub department: Option<String>,
    /// Its store id.
    #[serde(skip)]
    pub department_id: Option<i64>,
    /// May manage accounts (of its own department on a department account) and reopen its own
    /// department's submissions before they are handed upward.
    pub is_admin: bool,
}

impl Session {
    /// Whether this is the coordinating office.
    pub fn is_coordinator(&self) -> bool {
        self.role == Role::Coordinator
    }

    /// Refuse unless the coordinator.
    pub fn require_coordinator(&self, what: &str) -> Result<()> {
        if self.is_coordinator() {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("只有汇总单位可以{what}")))
        }
    }

    /// Refuse unless an administrator.
    pub fn require_admin(&self, what: &str) -> Result<()> {
        if self.is_admin {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("只有管理员可以{what}")))
        }
    }

    /// Refuse to read another department's records: the coordinator reads all, a department
    /// only its own.
    pub fn require_reader_of(&self, department_id: i64, department_name: &str) -> Result<()> {
        if self.is_coordinator() || self.department_id == Some(department_id) {
            Ok(())
        } else {
            let own = self.department.as_deref().unwrap_or("本单位");
            Err(Error::Forbidden(format!("{own}只能查看本单位的进展记录，不能查看{department_name}的记录")))
        }
    }

    /// Refuse unless the coordinator or the department `department_id` itself.
    pub fn require_department(&self, department_id: i64, department_name: &str) -> Result<()> {
        if self.is_coordinator() || self.department_id == Some(department_id) {
            Ok(())
        } else {
            let own = self.department.as_deref().unwrap_or("本单位");
            Err(Error::Forbidden(format!("{own}只能填报和修改本单位的任务进展，不能操作{department_name}的记录")))
        }
    }
}

/// Refuse unless an administrator of this PC as a whole: the coordinator's on the coordinator's
/// PC, the department's on a department's PC (a department head sharing the coordinator's PC
/// manages its clerks, not the PC's backups or settings).
///
/// # Errors
/// [`Error::Forbidden`].
pub fn require_pc_admin(store: &Store, actor: &Session, what: &str) -> Result<()> {
    actor.require_admin(what)?;
    let pc = store.setting("unit_kind")?.as_deref().and_then(Role::from_key);
    if pc.is_some_and(|kind| kind != actor.role) {
        return Err(Error::Forbidden(format!("只有本机的管理员可以{what}")));
    }
    Ok(())
}

/// First-start answers: which unit this PC belongs to and its administrator.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct SetupInput {
    /// `coordinator` (汇总单位) or `department`.
    pub unit_kind: Role,
    /// For a department PC: the department (any alias).
    pub department: Option<String>,
    /// Unit name shown on reports; defaults to the department name or 汇总单位.
    pub unit_name: Option<String>,
    /// Administrator's sign-in name.
    pub username: String,
    /// Administrator's name shown.
    pub display_name: Option<String>,
    /// Administrator's password.
    pub password: String,
    /// The administrator's 填报人 and 联系电话.
    #[serde(default, flatten)]
    pub profile: Profile,
}

/// A new account, created by an administrator.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct AccountInput {
    /// Sign-in name.
    pub username: String,
    /// Name shown.
    pub display_name: Option<String>,
    /// Role.
    pub role: Role,
    /// Department of a department account (any alias).
    pub department: Option<String>,
    /// Password.
    pub password: String,
    /// May manage accounts (only the coordinator's administrator may make one).
    #[serde(default)]
    pub is_admin: bool,
    /// The account's 填报人 and 联系电话.
    #[serde(default, flatten)]
    pub profile: Profile,
}

/// An account as listed (never the hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountInfo {
    /// Sign-in name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Department, for a department account.
    pub department: Option<String>,
    /// When created, UTC.
    pub created_at: String,
    /// May manage accounts.
    pub is_admin: bool,
    /// Disabled accounts cannot sign in.
    pub disabled: bool,
    /// Whether the signed-in administrator may disable or reset it.
    pub manageable: bool,
    /// 填报人 and 联系电话.
    #[serde(flatten)]
    pub profile: Profile,
}

/// Whether the first-start setup has been done.
pub fn is_set_up(store: &Store) -> Result<bool> {
    Ok(store.account_count()? > 0)
}

/// What the first-start setup gives: the administrator signed in, and the one-time recovery code
/// to print and keep (shown this once; only its hash is stored).
#[derive(Debug, Clone, Serialize, TS)]
pub struct SetupOutcome {
    /// The administrator, signed in.
    pub session: Session,
    /// The recovery code for a forgotten administrator password.
    pub recovery_code: String,
}

/// First start (see [`setup_with_recovery`]), for callers that do not show the recovery code.
///
/// # Errors
/// As [`setup_with_recovery`].
pub fn setup(store: &Store, input: &SetupInput) -> Result<Session> {
    setup_with_recovery(store, input).map(|outcome| outcome.session)
}

/// First start: record the unit and create its administrator; returns the administrator signed
/// in and the recovery code.
///
/// # Errors
/// [`Error::AlreadySetUp`] on a PC already set up; [`Error::InvalidInput`] for a name, profile
/// or password the form would refuse; [`Error::DepartmentNotFound`] for an unknown department.
pub fn setup_with_recovery(store: &Store, input: &SetupInput) -> Result<SetupOutcome> {
    if is_set_up(store)? {
        return Err(Error::AlreadySetUp);
    }
    let (department_id, department_name) = match input.unit_kind {
        Role::Department => {
            let written = input.department.as_deref().unwrap_or_default();
            let (id, name) = resolve_department(store, written)?;
            (Some(id), Some(name))
        }
        Role::Coordinator => (None, None),
    };
    let unit_name = clean(input.unit_name.as_deref()).or(department_name.clone()).unwrap_or_else(|| "汇总单位".to_string());
    let username = validate_username(&input.username)?;
    let display_name = display_name(input.display_name.as_deref(), &username)?;
    if unit_name.chars().count() > crate::admin::MAX_UNIT_NAME_CHARS || unit_name.chars().any(crate::text::is_invisible) {
        return Err(Error::InvalidInput(format!("单位名称应为 1–{} 个字，不能含不可见字符", crate::admin::MAX_UNIT_NAME_CHARS)));
    }
    let profile = input.profile.checked()?;
    let hash = hash_password(&input.password)?;
    let recovery = recovery::fresh_code()?;
    let settings = [("unit_kind", input.unit_kind.key().to_string()), ("unit_name", unit_name.clone()), (recovery::SETTING, recovery.hash)];
    let account = NewAccount { username: &username, display_name: &display_name, role: input.unit_kind, department_id, password_hash: &hash, profile: &profile, is_admin: true };
    let audit = AuditEntry { account_id: None, action: "初始设置", subject: unit_name, detail: format!("管理员 {username}") };
    store.insert_account(&account, &settings, &audit)?;
    Ok(SetupOutcome { session: sign_in(store, &username, &input.password)?, recovery_code: recovery.code })
}


/// Check a password and open a session (see [`sign_in_at`]).
///
/// # Errors
/// As [`sign_in_at`].
pub fn sign_in(store: &Store, username: &str, password: &str) -> Result<Session> {
    sign_in_at(store, username, password, chrono::Utc::now())
}

/// Check a password at `now` and open a session. Every failure is counted on the account and
/// logged; after a few, attempts must wait ([`crate::sign_in_guard`]).
///
/// # Errors
/// [`Error::BadCredentials`] for a wrong password or an unknown user (alike, and as slow);
/// [`Error::TryLater`] while the account has to wait.
pub fn sign_in_at(store: &Store, username: &str, password: &str, now: chrono::DateTime<chrono::Utc>) -> Result<Session> {
    let name = username.trim();
    let account = store.account_by_username(name)?;
    // An unknown name is throttled like an account (by its logged failures), so being told to
    // wait does not confirm that an account exists.
    let (failures, last_failure) = match &account {
        Some(found) => (found.failed_sign_ins, found.last_failed_sign_in.clone()),
        None => {
            let since = crate::store::timestamp(now - chrono::Duration::minutes(crate::sign_in_guard::LOCK_MINUTES));
            store.recent_entries(SIGN_IN_FAILED, &logged_name(name), &since)?
        }
    };
    crate::sign_in_guard::check(failures, last_failure.as_deref(), now)?;
    let right = crate::sign_in_guard::verify(password, account.as_ref().map(|a| a.password_hash.as_str()))?;
    match account {
        Some(found) if right => {
            store.note_sign_in(found.id, &AuditEntry { account_id: Some(found.id), action: "登录", subject: found.username.clone(), detail: String::new() })?;
            Ok(session_of(found))
        }
        found => {
            let failures = found.as_ref().map(|a| a.failed_sign_ins + 1);
            let detail = match failures {
                None => "无此用户".to_string(),
                Some(n) if n >= crate::sign_in_guard::LOCK_AFTER => format!("连续第 {n} 次密码错误，锁定 {} 分钟", crate::sign_in_guard::LOCK_MINUTES),
                Some(n) => format!("连续第 {n} 次密码错误"),
            };
            let audit = AuditEntry { account_id: None, action: SIGN_IN_FAILED, subject: logged_name(name), detail };
            store.note_failed_sign_in(found.map(|a| a.id), &crate::store::timestamp(now), &audit)?;
            Err(Error::BadCredentials)
        }
    }
}

pub(crate) fn session_of(account: AccountRow) -> Session {
    Session {
        account_id: account.id,
        username: account.username,
        display_name: account.display_name,
        role: account.role,
        department: account.department_name,
        department_id: account.department_id,
        is_admin: account.is_admin,
    }
}

/// A department by any of its names: (id, canonical name).
pub fn resolve_department(store: &Store, written: &str) -> Result<(i64, String)> {
    let written = written.trim();
    if written.is_empty() {
        return Err(Error::InvalidInput("请选择部门".into()));
    }
    let name = store.directory()?.resolve(written).map(str::to_string).ok_or_else(|| Error::DepartmentNotFound(written.to_string()))?;
    let id = store.department_id(&name)?.ok_or_else(|| Error::DepartmentNotFound(name.clone()))?;
    Ok((id, name))
}

pub(crate) fn validate_username(username: &str) -> Result<String> {
    let username = username.trim();
    let chars = username.chars().count();
    let most = crate::limits::USERNAME_CHARS;
    if chars == 0 || chars > most || username.chars().any(|c| c.is_whitespace() || crate::text::is_invisible(c)) {
        return Err(Error::InvalidInput(format!("用户名应为 1–{most} 个字符，不能含空格或不可见字符")));
    }
    Ok(username.to_string())
}

pub(crate) fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::InvalidInput(format!("密码至少需要 {MIN_PASSWORD_CHARS} 个字符")));
    }
    hash_secret(password)
}

/// The argon2 hash (PHC string) of a password or recovery code.
pub(crate) fn hash_secret(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::InvalidInput(format!("无法保存密码：{e}")))
}

/// The name shown for an account: as typed (trimmed, limited), else its user name.
pub(crate) fn display_name(typed: Option<&str>, username: &str) -> Result<String> {
    let name = clean(typed).unwrap_or_else(|| username.to_string());
    let most = crate::limits::DISPLAY_NAME_CHARS;
    if name.chars().count() > most || name.chars().any(crate::text::is_invisible) {
        return Err(Error::InvalidInput(format!("显示名称最多 {most} 个字，不能含不可见字符")));
    }
    Ok(name)
}

pub(crate) fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}
