//! Accounts and sessions: first-start setup, sign-in with argon2-hashed passwords, the
//! coordinator creating department accounts, and the permission checks every write uses.

use ts_rs::TS;
use crate::error::{Error, Result};
use crate::profile::Profile;
use crate::store::{AccountRow, AuditEntry, NewAccount, Store};
use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use serde::{Deserialize, Serialize};

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

/// A new account created by the coordinator.
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
    /// 填报人 and 联系电话.
    #[serde(flatten)]
    pub profile: Profile,
}

/// Whether the first-start setup has been done.
pub fn is_set_up(store: &Store) -> Result<bool> {
    Ok(store.account_count()? > 0)
}

/// First start: record the unit and create the administrator. Returns the signed-in session.
pub fn setup(store: &Store, input: &SetupInput) -> Result<Session> {
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
    let settings = [("unit_kind", input.unit_kind.key().to_string()), ("unit_name", unit_name.clone())];
    let username = validate_username(&input.username)?;
    let display_name = clean(input.display_name.as_deref()).unwrap_or_else(|| username.clone());
    let profile = input.profile.checked()?;
    let hash = hash_password(&input.password)?;
    let account = NewAccount { username: &username, display_name: &display_name, role: input.unit_kind, department_id, password_hash: &hash, profile: &profile };
    let audit = AuditEntry { account_id: None, action: "初始设置", subject: unit_name, detail: format!("管理员 {username}") };
    store.insert_account(&account, &settings, &audit)?;
    sign_in(store, &username, &input.password)
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
    if let Some(found) = &account {
        crate::sign_in_guard::check(found.failed_sign_ins, found.last_failed_sign_in.as_deref(), now)?;
    }
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
            let audit = AuditEntry { account_id: None, action: "登录失败", subject: name.chars().take(32).collect(), detail };
            store.note_failed_sign_in(found.map(|a| a.id), &crate::store::timestamp(now), &audit)?;
            Err(Error::BadCredentials)
        }
    }
}

/// The coordinator creates an account (for a department sharing this PC, or a colleague).
pub fn create_account(store: &Store, actor: &Session, input: &AccountInput) -> Result<AccountInfo> {
    actor.require_coordinator("创建账户")?;
    let username = validate_username(&input.username)?;
    if store.account_by_username(&username)?.is_some() {
        return Err(Error::InvalidInput(format!("用户名“{username}”已存在")));
    }
    let department = match input.role {
        Role::Department => Some(resolve_department(store, input.department.as_deref().unwrap_or_default())?),
        Role::Coordinator => None,
    };
    let display_name = clean(input.display_name.as_deref()).unwrap_or_else(|| username.clone());
    let profile = input.profile.checked()?;
    let hash = hash_password(&input.password)?;
    let account = NewAccount {
        username: &username,
        display_name: &display_name,
        role: input.role,
        department_id: department.as_ref().map(|d| d.0),
        password_hash: &hash,
        profile: &profile,
    };
    let detail = department.as_ref().map_or_else(|| "汇总单位账户".to_string(), |d| format!("部门：{}", d.1));
    store.insert_account(&account, &[], &AuditEntry { account_id: Some(actor.account_id), action: "创建账户", subject: username.clone(), detail })?;
    list_accounts(store, actor)?.into_iter().find(|a| a.username == username).ok_or_else(|| Error::Corrupt("新账户未找到".into()))
}

/// Accounts on this PC (the coordinator sees all; a department user only itself).
pub fn list_accounts(store: &Store, actor: &Session) -> Result<Vec<AccountInfo>> {
    let accounts = store.accounts()?.into_iter().filter(|a| actor.is_coordinator() || a.id == actor.account_id);
    Ok(accounts
        .map(|a| AccountInfo {
            username: a.username,
            display_name: a.display_name,
            role: a.role,
            department: a.department_name,
            created_at: a.created_at,
            profile: a.profile,
        })
        .collect())
}

fn session_of(account: AccountRow) -> Session {
    Session {
        account_id: account.id,
        username: account.username,
        display_name: account.display_name,
        role: account.role,
        department: account.department_name,
        department_id: account.department_id,
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

fn validate_username(username: &str) -> Result<String> {
    let username = username.trim();
    let chars = username.chars().count();
    if chars == 0 || chars > 32 || username.chars().any(|c| c.is_whitespace() || crate::text::is_invisible(c)) {
        return Err(Error::InvalidInput("用户名应为 1–32 个字符，不能含空格或不可见字符".into()));
    }
    Ok(username.to_string())
}

fn hash_password(password: &str) -> Result<String> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(Error::InvalidInput(format!("密码至少需要 {MIN_PASSWORD_CHARS} 个字符")));
    }
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| Error::InvalidInput(format!("无法保存密码：{e}")))
}

fn clean(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_string)
}
