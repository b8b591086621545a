//! Standardized Excel workbooks for upward submission, written with rust_xlsxwriter so the
//! desktop app and the CLI produce the same file: the plan itself (任务分解表), a department's
//! progress sheet (部门工作进展表, also blank), and the county summary (全县汇总表). Every workbook
//! carries machine-readable metadata for reading it back (see docs/report-layout.md).

mod breakdown;
mod data;
mod department;
pub mod layout;
pub mod meta;
mod style;
mod summary;
mod table;
pub mod target_values;

pub use breakdown::SHEET as BREAKDOWN_SHEET;
pub use department::{PHONE_LABEL, REPORTER_LABEL, SHEET as DEPARTMENT_SHEET};
pub use target_values::SHEET as TARGET_VALUES_SHEET;
pub use summary::SHEETS as SUMMARY_SHEETS;

use crate::accounts::{resolve_department, Session};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use data::ReportData;
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Which workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportKind {
    /// 任务分解表.
    Breakdown,
    /// 部门工作进展表.
    Department,
    /// 全县汇总表.
    Summary,
}

impl ReportKind {
    /// The key written into the metadata: breakdown, department, summary.
    pub fn key(self) -> &'static str {
        match self {
            ReportKind::Breakdown => "breakdown",
            ReportKind::Department => "department",
            ReportKind::Summary => "summary",
        }
    }
}

/// What to export.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ReportRequest {
    /// Which workbook.
    pub kind: ReportKind,
    /// Period key (department and summary workbooks).
    #[serde(default)]
    pub period: Option<String>,
    /// Department (any alias): required for the department sheet, optional for the plan.
    #[serde(default)]
    pub department: Option<String>,
    /// The department sheet without any progress, to fill in by hand.
    #[serde(default)]
    pub blank: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportOutcome {
    /// The file written.
    pub path: PathBuf,
    /// Sub-item rows in the main sheet.
    pub rows: usize,
}

/// The file name a save dialog offers: `农业局_2026年第四季度_工作进展情况表.xlsx` and the like.
pub fn default_file_name(store: &Store, request: &ReportRequest) -> Result<String> {
    let department = request.department.as_deref().map(|d| resolve_department(store, d)).transpose()?.map(|d| d.1);
    let period = request.period.as_deref().map(crate::periods::parse_key).transpose()?.map(|p| p.label);
    let name = match (request.kind, department, period) {
        (ReportKind::Breakdown, Some(d), _) => format!("{d}_任务清单.xlsx"),
        (ReportKind::Breakdown, None, _) => "任务分解表.xlsx".to_string(),
        (ReportKind::Department, Some(d), Some(p)) if request.blank => format!("{d}_{p}_工作进展情况表（空白）.xlsx"),
        (ReportKind::Department, Some(d), Some(p)) => format!("{d}_{p}_工作进展情况表.xlsx"),
        (ReportKind::Summary, _, Some(p)) => format!("全县_{p}_工作进展汇总表.xlsx"),
        _ => return Err(missing(request)),
    };
    Ok(name)
}

/// May this user export this workbook? A department: the plan and its own sheet; the
/// coordinator: everything.
pub fn authorize(store: &Store, session: &Session, request: &ReportRequest) -> Result<()> {
    match request.kind {
        ReportKind::Breakdown => Ok(()),
        ReportKind::Summary => session.require_coordinator("导出全县汇总表"),
        ReportKind::Department => {
            let (id, name) = resolve_department(store, request.department.as_deref().ok_or_else(|| missing(request))?)?;
            session.require_department(id, &name)
        }
    }
}

/// Write the requested workbook to `out` (atomically: a failure leaves no half file).
pub fn export_report(store: &Store, request: &ReportRequest, out: &Path, today: NaiveDate) -> Result<ExportOutcome> {
    let bytes_and_rows = build_report(store, request, today)?;
    write_atomically(out, &bytes_and_rows.0)?;
    Ok(ExportOutcome { path: out.to_path_buf(), rows: bytes_and_rows.1 })
}

/// The workbook's bytes and its number of sub-item rows.
pub fn build_report(store: &Store, request: &ReportRequest, today: NaiveDate) -> Result<(Vec<u8>, usize)> {
    let settings = crate::admin::settings(store)?;
    let department = request.department.as_deref().filter(|d| !d.trim().is_empty()).map(|d| resolve_department(store, d)).transpose()?.map(|d| d.1);
    let period_key = match (request.kind, request.period.as_deref()) {
        (ReportKind::Breakdown, period) => period.unwrap_or("2000").to_string(),
        (_, Some(period)) => period.to_string(),
        (_, None) => return Err(missing(request)),
    };
    let data = ReportData::load(store, &period_key, request.blank, today)?;
    let unit = match (&department, settings.unit_name.is_empty()) {
        (Some(d), _) if settings.unit_kind != "department" => d.clone(),
        (_, false) => settings.unit_name.clone(),
        (Some(d), true) => d.clone(),
        (None, true) => "汇总单位".to_string(),
    };
    let mut workbook = Workbook::new();
    let (rows, columns): (usize, Vec<(&str, Vec<&str>)>) = match request.kind {
        ReportKind::Breakdown => {
            let rows = breakdown::write_breakdown(&mut workbook, &data, department.as_deref())?;
            (rows, vec![(BREAKDOWN_SHEET, keys(&layout::BREAKDOWN))])
        }
        ReportKind::Department => {
            let department = department.as_deref().ok_or_else(|| missing(request))?;
            let rows = department::write_department(&mut workbook, &data, department, &unit, request.blank)?;
            (rows, vec![(DEPARTMENT_SHEET, keys(&layout::DEPARTMENT)), (TARGET_VALUES_SHEET, keys(&layout::TARGET_VALUES))])
        }
        ReportKind::Summary => {
            let rows = summary::write_summary(&mut workbook, &data, &unit)?;
            let columns = vec![
                (SUMMARY_SHEETS[0], keys(&layout::SUMMARY)),
                (SUMMARY_SHEETS[1], keys(&layout::STATISTICS)),
                (SUMMARY_SHEETS[2], keys(&layout::ALERTS)),
                (SUMMARY_SHEETS[3], keys(&layout::MISSING)),
            ];
            (rows, columns)
        }
    };
    let values = [
        ("template", request.kind.key().to_string()),
        ("template_version", meta::TEMPLATE_VERSION.to_string()),
        ("plan_fingerprint", data.plan.fingerprint.clone()),
        ("plan_name", data.plan.name.clone()),
        ("unit", unit),
        ("department", department.unwrap_or_default()),
        ("period", if request.kind == ReportKind::Breakdown { String::new() } else { data.period.key.clone() }),
        ("blank", request.blank.to_string()),
        ("exported_at", chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string()),
        ("generator", format!("taizhang {}", env!("CARGO_PKG_VERSION"))),
    ];
    meta::write_meta(&mut workbook, &values, &columns)?;
    Ok((workbook.save_to_buffer()?, rows))
}

fn keys(columns: &[layout::Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.key).chain([layout::CODE_COLUMN.key]).collect()
}

fn missing(request: &ReportRequest) -> Error {
    match request.kind {
        ReportKind::Department if request.department.is_none() => Error::InvalidInput("导出部门工作进展表需要指定部门".into()),
        _ => Error::InvalidInput("导出此报表需要指定报告期".into()),
    }
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Io { path: path.to_path_buf(), source }
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    let partial = out.with_extension("xlsx.partial");
    std::fs::write(&partial, bytes).map_err(io(&partial))?;
    std::fs::rename(&partial, out).map_err(io(out))
}

/// Export as the signed-in user: refused unless [`authorize`] allows it.
pub fn export_as(store: &Store, session: &Session, request: &ReportRequest, out: &Path, today: NaiveDate) -> Result<ExportOutcome> {
    authorize(store, session, request)?;
    let outcome = export_report(store, request, out, today)?;
    let audit = crate::store::AuditEntry {
        account_id: Some(session.account_id),
        action: "导出报表",
        subject: crate::file_name(out),
        detail: format!("{}，{} 个小项", request.kind.key(), outcome.rows),
    };
    store.log(&audit)?;
    Ok(outcome)
}
