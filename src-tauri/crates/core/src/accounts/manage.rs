//! Managing the accounts of a PC: the coordinator's administrator manages every account, a
//! department's administrator (its head, on the department's PC) the clerk accounts of its own
//! department. Nothing is deleted: an account that leaves is disabled, its history stays.

use super::{display_name, hash_password, resolve_department, validate_username, AccountInfo, AccountInput, Role, Session};
use crate::error::{Error, Result};
use crate::store::{AccountRow, AuditEntry, NewAccount, Store};

/// An administrator creates an account: the coordinator's for anybody, a department's for a
/// clerk of its own department.
///
/// # Errors
/// [`Error::Forbidden`] for a non-administrator, or a department administrator creating an
/// account of another department or an administrator; [`Error::InvalidInput`] for a name taken
/// (also by a disabled account) or a password too short.
pub fn create_account(store: &Store, actor: &Session, input: &AccountInput) -> Result<AccountInfo> {
    actor.require_admin("创建账户")?;
    let username = validate_username(&input.username)?;
    if store.username_taken(&username)? {
        return Err(Error::InvalidInput(format!("用户名“{username}”已存在（含已停用的账户）")));
    }
    let department = match input.role {
        Role::Department => Some(resolve_department(store, input.department.as_deref().unwrap_or_default())?),
        Role::Coordinator => None,
    };
    if !actor.is_coordinator() {
        let own = department.as_ref().is_some_and(|d| Some(d.0) == actor.department_id);
        if !own || input.is_admin {
            return Err(Error::Forbidden(format!("{}的管理员只能为本部门创建填报员账户", actor.department.as_deref().unwrap_or("部门"))));
        }
    }
    let display_name = display_name(input.display_name.as_deref(), &username)?;
    let profile = input.profile.checked()?;
    let hash = hash_password(&input.password)?;
    let account = NewAccount {
        username: &username,
        display_name: &display_name,
        role: input.role,
        department_id: department.as_ref().map(|d| d.0),
        password_hash: &hash,
        profile: &profile,
        is_admin: input.is_admin,
    };
    let kind = if input.is_admin { "管理员" } else { "账户" };
    let detail = department.as_ref().map_or_else(|| format!("汇总单位{kind}"), |d| format!("部门：{}（{kind}）", d.1));
    store.insert_account(&account, &[], &AuditEntry { account_id: Some(actor.account_id), action: "创建账户", subject: username.clone(), detail })?;
    list_accounts(store, actor)?.into_iter().find(|a| a.username == username).ok_or_else(|| Error::Corrupt("新账户未找到".into()))
}

/// The accounts the signed-in user may see: an administrator those it manages and itself, anybody
/// else only itself.
pub fn list_accounts(store: &Store, actor: &Session) -> Result<Vec<AccountInfo>> {
    let family = match actor.department_id {
        Some(id) => store.department_family(id)?,
        None => Vec::new(),
    };
    let manages = |a: &AccountRow| may_manage(actor, a, &family);
    Ok(store
        .accounts()?
        .into_iter()
        .filter(|a| a.id == actor.account_id || manages(a))
        .map(|a| AccountInfo {
            manageable: manages(&a),
            username: a.username,
            display_name: a.display_name,
            role: a.role,
            department: a.department_name,
            created_at: a.created_at,
            is_admin: a.is_admin,
            disabled: a.disabled,
            profile: a.profile,
        })
        .collect())
}

/// Disable (an account signs out at once and can no longer sign in) or enable again.
///
/// # Errors
/// [`Error::Forbidden`] for an account the actor does not manage, or the actor's own account;
/// [`Error::NotFound`] for an unknown user name.
pub fn set_account_enabled(store: &Store, actor: &Session, username: &str, enabled: bool) -> Result<()> {
    let account = managed(store, actor, username)?;
    if account.id == actor.account_id {
        return Err(Error::Forbidden("不能停用自己的账户".into()));
    }
    let action = if enabled { "启用账户" } else { "停用账户" };
    store.set_account_disabled(account.id, !enabled, &AuditEntry { account_id: Some(actor.account_id), action, subject: account.username, detail: String::new() })
}

/// An administrator gives an account a new password (a clerk who forgot theirs); the account is
/// enabled and its failed sign-ins forgotten.
///
/// # Errors
/// As [`set_account_enabled`], and [`Error::InvalidInput`] for a password too short.
pub fn reset_password(store: &Store, actor: &Session, username: &str, new_password: &str) -> Result<()> {
    let account = managed(store, actor, username)?;
    let hash = hash_password(new_password)?;
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "重置密码", subject: account.username, detail: String::new() };
    store.set_password(account.id, &hash, &[], &audit)
}

/// The signed-in user changes its own password, confirming the current one.
///
/// # Errors
/// [`Error::BadCredentials`] for a wrong current password; [`Error::InvalidInput`] for a new
/// password too short.
pub fn change_password(store: &Store, actor: &Session, current: &str, new_password: &str) -> Result<()> {
    let account = store.account_by_id(actor.account_id)?.filter(|a| !a.disabled).ok_or(Error::AccountDisabled)?;
    if !crate::sign_in_guard::verify(current, Some(&account.password_hash))? {
        return Err(Error::BadCredentials);
    }
    let hash = hash_password(new_password)?;
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "修改密码", subject: account.username, detail: String::new() };
    store.set_password(account.id, &hash, &[], &audit)
}

/// The account named, when the actor manages it.
fn managed(store: &Store, actor: &Session, username: &str) -> Result<AccountRow> {
    actor.require_admin("管理账户")?;
    let family = match actor.department_id {
        Some(id) => store.department_family(id)?,
        None => Vec::new(),
    };
    let account = store.accounts()?.into_iter().find(|a| a.username == username.trim()).ok_or_else(|| Error::NotFound(format!("没有用户名为“{}”的账户", username.trim())))?;
    if account.id != actor.account_id && !may_manage(actor, &account, &family) {
        return Err(Error::Forbidden(format!("不能管理账户“{}”：它不属于本部门", account.username)));
    }
    Ok(account)
}

/// Whether `actor` manages `account`: the coordinator's administrator every other account, a
/// department's administrator the non-administrator accounts of its department (`family`: it
/// and the departments merged into it).
fn may_manage(actor: &Session, account: &AccountRow, family: &[i64]) -> bool {
    if !actor.is_admin || account.id == actor.account_id {
        return false;
    }
    actor.is_coordinator() || (!account.is_admin && account.role == Role::Department && account.department_id.is_some_and(|d| family.contains(&d)))
}
