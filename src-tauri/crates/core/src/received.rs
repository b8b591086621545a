//! What the coordinator holds for a period once sheets come back: the latest record of each
//! department and sub-item with the file it came from (`taizhang progress`), and 报送情况 —
//! which departments delivered (file, time) and which are missing, the same list as the
//! 未报送单位 sheet of the 全县汇总表.

use ts_rs::TS;
use crate::error::{Error, Result};
use crate::task_list::{rows_of_every_department, Snapshot, TaskRow};
use crate::store::{ProgressFields, ReceiptRow, RecordState, ReportSource, Store, TargetValue};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The latest record of a department on a sub-item: what `taizhang progress --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestRecord {
    /// Sub-item code.
    pub code: String,
    /// Department (current name).
    pub department: String,
    /// Version number.
    pub version: i64,
    /// What was reported (flattened: `status`, `percent`, `progress` … `state` in the JSON).
    #[serde(flatten)]
    pub fields: ProgressFields,
    /// Actual target values.
    pub targets: Vec<TargetValue>,
    /// The received file the version came from; none when typed on this PC.
    pub source: Option<ReportSource>,
}

/// Latest records of `period`, in plan order, of one department (any alias) or all.
///
/// # Errors
/// [`Error::NotFound`] for a period this PC does not have; [`Error::DepartmentNotFound`].
pub fn latest_records(store: &Store, plan_id: Option<i64>, period: &str, department: Option<&str>) -> Result<Vec<LatestRecord>> {
    let snapshot = Snapshot::load(store, crate::plans::resolve(store, None, plan_id)?, period)?;
    let department = department.map(|d| crate::accounts::resolve_department(store, d)).transpose()?.map(|d| d.1);
    let sources: HashMap<(String, String), ReportSource> = store.latest_sources(snapshot.plan_id, snapshot.period_id)?.into_iter().map(|(c, d, s)| ((c, d), s)).collect();
    let order: HashMap<&str, usize> = snapshot.plan.subitems().enumerate().map(|(i, s)| (s.code.as_str(), i)).collect();
    let mut records: Vec<LatestRecord> = store
        .latest_progress(snapshot.plan_id, snapshot.period_id, None)?
        .into_iter()
        .filter(|p| department.as_ref().is_none_or(|d| *d == p.department))
        .map(|p| LatestRecord {
            source: sources.get(&(p.code.clone(), p.department.clone())).cloned(),
            code: p.code,
            department: p.department,
            version: p.version,
            fields: p.fields,
            targets: p.targets,
        })
        .collect();
    records.sort_by(|a, b| (order.get(a.code.as_str()).unwrap_or(&usize::MAX), &a.department).cmp(&(order.get(b.code.as_str()).unwrap_or(&usize::MAX), &b.department)));
    Ok(records)
}

/// A department's 报送情况 in a period.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Delivery {
    /// Department.
    pub department: String,
    /// Sub-items it leads or cooperates on.
    pub tasks: usize,
    /// Of those, submitted (报送, including sheets taken in).
    pub submitted: usize,
    /// Codes not submitted yet.
    pub not_submitted: Vec<String>,
    /// Files received from it for the period, newest first.
    pub files: Vec<ReceiptRow>,
    /// Listed as 未报送: some task is not submitted.
    pub missing: bool,
}

/// 报送情况 from task rows of every department: the rule the 未报送单位 sheet also uses.
/// Departments come in the order of `all` (the plan's order of first appearance).
pub fn deliveries_of(all: &[TaskRow]) -> Vec<Delivery> {
    let mut names: Vec<&str> = Vec::new();
    let mut by_name: std::collections::HashMap<&str, Vec<&TaskRow>> = std::collections::HashMap::new();
    for row in all {
        by_name.entry(row.department.as_str()).or_insert_with(|| {
            names.push(row.department.as_str());
            Vec::new()
        }).push(row);
    }
    names
        .into_iter()
        .map(|name| {
            let rows: Vec<&TaskRow> = by_name.remove(name).unwrap_or_default();
            let not_submitted: Vec<String> = rows.iter().filter(|r| r.state != Some(RecordState::Submitted)).map(|r| r.code.clone()).collect();
            Delivery {
                department: name.to_string(),
                tasks: rows.len(),
                submitted: rows.len() - not_submitted.len(),
                missing: !not_submitted.is_empty(),
                not_submitted,
                files: Vec::new(),
            }
        })
        .collect()
}

/// 报送情况 of `period`: every responsible department with its received files.
///
/// # Errors
/// [`Error::NotFound`] for a period this PC does not have.
pub fn deliveries(store: &Store, plan_id: i64, period: &str, today: NaiveDate) -> Result<Vec<Delivery>> {
    let snapshot = Snapshot::load(store, plan_id, period)?;
    let all = rows_of_every_department(&snapshot.plan, &snapshot.period, &snapshot.standings, today);
    let receipts = store.receipts(Some(snapshot.period_id))?;
    let mut list = deliveries_of(&all);
    for delivery in &mut list {
        delivery.files = receipts.iter().filter(|r| r.department == delivery.department).cloned().collect();
    }
    Ok(list)
}

/// Files received, newest first (of one period, or all).
///
/// # Errors
/// [`Error::NotFound`] for a period this PC does not have.
pub fn received_files(store: &Store, period: Option<&str>) -> Result<Vec<ReceiptRow>> {
    let period_id = match period.filter(|p| !p.trim().is_empty()) {
        Some(key) => {
            let key = crate::periods::parse_key(key)?.key;
            Some(store.period(&key)?.map(|row| row.id).ok_or_else(|| Error::NotFound(format!("报告期 {key} 尚未创建")))?)
        }
        None => None,
    };
    store.receipts(period_id)
}
