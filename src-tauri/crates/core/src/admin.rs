//! The coordinator's housekeeping: renaming and merging departments (the 2018 reform) without
//! losing history, aliases, this PC's settings, and the audit log.

use ts_rs::TS;
use crate::accounts::{resolve_department, Role, Session};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, AuditRow, Store};
use serde::{Deserialize, Serialize};

/// Rename a department (国土资源局 → 自然资源局): the old name stays an alias.
pub fn rename_department(store: &Store, actor: &Session, department: &str, new_name: &str) -> Result<()> {
    actor.require_coordinator("修改部门名称")?;
    let (id, old) = resolve_department(store, department)?;
    let new_name = checked_name(new_name, "新名称")?;
    if let Some(other) = store.directory()?.resolve(new_name) {
        if other != old {
            return Err(Error::InvalidInput(format!("“{new_name}”已是部门“{other}”的名称或别名；如要合并，请用“合并部门”")));
        }
    }
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "部门更名", subject: old.clone(), detail: format!("{old} → {new_name}") };
    store.rename_department(id, new_name, &audit)
}

/// Merge one department into another: names and history of both stay; lists show the target.
pub fn merge_department(store: &Store, actor: &Session, from: &str, into: &str) -> Result<()> {
    actor.require_coordinator("合并部门")?;
    let (from_id, from_name) = resolve_department(store, from)?;
    let (into_id, into_name) = resolve_department(store, into)?;
    if from_id == into_id {
        return Err(Error::InvalidInput("不能把部门合并到它自己".into()));
    }
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "合并部门", subject: from_name.clone(), detail: format!("{from_name} 并入 {into_name}") };
    store.merge_department(from_id, into_id, &audit)
}

/// Teach the resolver another name of a department.
pub fn add_alias(store: &Store, actor: &Session, department: &str, alias: &str) -> Result<()> {
    actor.require_coordinator("添加部门别名")?;
    let (id, name) = resolve_department(store, department)?;
    let alias = checked_name(alias, "别名")?;
    if let Some(other) = store.directory()?.resolve(alias) {
        if other != name {
            return Err(Error::InvalidInput(format!("“{alias}”已指向部门“{other}”")));
        }
    }
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "添加别名", subject: name, detail: alias.to_string() };
    store.add_alias(alias, id, &audit)
}

/// A department name or alias as typed, trimmed: 1–40 characters, none of which could make it a
/// path in a file name (`/ \ : * ? " < > |`) or hide what it says (control, zero-width and
/// direction characters).
fn checked_name<'a>(name: &'a str, what: &str) -> Result<&'a str> {
    let name = name.trim();
    let most = crate::limits::DEPARTMENT_NAME_CHARS;
    if name.is_empty() || name.chars().count() > most {
        return Err(Error::InvalidInput(format!("{what}应为 1–{most} 个字")));
    }
    if let Some(bad) = name.chars().find(|c| crate::text::is_reserved_in_file_names(*c) || crate::text::is_invisible(*c)) {
        return Err(Error::InvalidInput(format!("{what}“{name}”含有不能用于名称的字符（{}）", crate::text::code_point(bad))));
    }
    Ok(name)
}

/// This PC's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Settings {
    /// What this PC was set up as (none before setup).
    #[serde(default)]
    pub unit_kind: Option<Role>,
    /// Unit name printed on reports.
    #[serde(default)]
    pub unit_name: String,
    /// Minutes without use after which the app signs out (set by an administrator).
    #[serde(default = "default_idle_minutes")]
    pub idle_minutes: u32,
}

/// Sign out after half an hour unused, unless an administrator set otherwise.
pub const DEFAULT_IDLE_MINUTES: u32 = 30;
/// The idle times an administrator may set, in minutes.
pub const IDLE_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=480;
/// Longest unit name, in characters.
pub const MAX_UNIT_NAME_CHARS: usize = 60;

fn default_idle_minutes() -> u32 {
    DEFAULT_IDLE_MINUTES
}

/// Read the settings.
pub fn settings(store: &Store) -> Result<Settings> {
    Ok(Settings {
        unit_kind: store.setting("unit_kind")?.as_deref().and_then(Role::from_key),
        unit_name: store.setting("unit_name")?.unwrap_or_default(),
        idle_minutes: idle_minutes(store)?,
    })
}

/// The idle time after which a session ends, in minutes.
pub fn idle_minutes(store: &Store) -> Result<u32> {
    let stored = store.setting("idle_minutes")?.and_then(|m| m.parse().ok()).filter(|m| IDLE_MINUTES_RANGE.contains(m));
    Ok(stored.unwrap_or(DEFAULT_IDLE_MINUTES))
}

/// Change the unit name (coordinator, or a department on its own PC).
pub fn update_settings(store: &Store, actor: &Session, new: &Settings) -> Result<Settings> {
    let unit_name = new.unit_name.trim();
    if unit_name.is_empty() || unit_name.chars().count() > MAX_UNIT_NAME_CHARS {
        return Err(Error::InvalidInput(format!("单位名称应为 1–{MAX_UNIT_NAME_CHARS} 个字")));
    }
    let current = settings(store)?;
    if unit_name != current.unit_name && !actor.is_coordinator() && current.unit_kind != Some(Role::Department) {
        return Err(Error::Forbidden("只有汇总单位可以修改单位名称".into()));
    }
    if new.idle_minutes != current.idle_minutes {
        crate::accounts::require_pc_admin(store, actor, "设置自动退出登录的时间")?;
        if !IDLE_MINUTES_RANGE.contains(&new.idle_minutes) {
            let (low, high) = (IDLE_MINUTES_RANGE.start(), IDLE_MINUTES_RANGE.end());
            return Err(Error::InvalidInput(format!("自动退出登录的时间应在 {low}–{high} 分钟之间，填写的是 {}", new.idle_minutes)));
        }
    }
    let detail = format!("自动退出登录：{} 分钟", new.idle_minutes);
    let audit = AuditEntry { account_id: Some(actor.account_id), action: "修改设置", subject: unit_name.to_string(), detail };
    let values = [("unit_name", unit_name.to_string()), ("idle_minutes", new.idle_minutes.to_string())];
    store.update_settings(&values, &audit)?;
    settings(store)
}

/// The newest events: the coordinator reads all, a department account those of its own
/// department's accounts.
pub fn audit_log(store: &Store, actor: &Session, limit: i64) -> Result<Vec<AuditRow>> {
    let family = match actor.department_id {
        Some(id) if !actor.is_coordinator() => Some(store.department_family(id)?),
        _ => None,
    };
    store.audit_log(limit.clamp(1, 5000), family.as_deref())
}
