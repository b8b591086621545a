//! Standardized Excel workbooks for upward submission, written with rust_xlsxwriter so the
//! desktop app and the CLI produce the same file: the plan itself (任务分解表), a department's
//! progress sheet (部门工作进展表, also blank), and the county summary (全县汇总表). Every workbook
//! carries machine-readable metadata for reading it back (see docs/report-layout.md).

mod breakdown;
pub use breakdown::CELLS_SHEET;
mod data;
mod department;
mod flow;
mod font_metrics;
pub mod layout;
pub mod measure;
pub mod meta;
mod merges;
mod part;
mod registry;
pub mod split;
mod staged;
pub use staged::{export_in_steps, ExportProgress, ExportStep};
mod style;
pub(crate) use style::printed_text;
mod summary;
mod table;
pub mod target_values;

pub use breakdown::SHEET as BREAKDOWN_SHEET;
pub use department::{DepartmentReport, PHONE_LABEL, PHONE_VALUE_COLUMN, REPORTER_LABEL, REPORTER_VALUE_COLUMN, SHEET as DEPARTMENT_SHEET};
pub use target_values::SHEET as TARGET_VALUES_SHEET;
pub use summary::SHEETS as SUMMARY_SHEETS;
pub use table::CELL_LIMIT as EXCEL_CELL_CHARS;
pub use registry::{available, report, Audience, DepartmentChoice, Drafts, Report, ReportInfo, ReportSpec, SheetColumns, Target, REPORTS};

use ts_rs::TS;
use crate::accounts::{resolve_department, Role, Session};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::NaiveDate;
use data::ReportData;
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// What to export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, TS)]
pub struct ReportRequest {
    /// Which workbook: the key of a report in [`REPORTS`].
    #[ts(type = "ReportKind")]
    pub kind: String,
    /// Period key (department and summary workbooks).
    #[serde(default)]
    pub period: Option<String>,
    /// Department (any alias): required for the department sheet, optional for the plan.
    #[serde(default)]
    pub department: Option<String>,
    /// The department sheet without any progress, to fill in by hand.
    #[serde(default)]
    pub blank: bool,
    /// Records not submitted: marked 草稿（未报送） (the default) or left out.
    #[serde(default)]
    #[ts(optional)]
    pub drafts: Option<Drafts>,
    /// 填报单位 / 汇总单位 as printed, when this PC's unit name is not set (or to print another).
    #[serde(default)]
    #[ts(optional)]
    pub unit: Option<String>,
    /// The plan (default: the one the signed-in account shows, else the current plan).
    #[serde(default)]
    #[ts(optional)]
    pub plan_id: Option<i64>,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ExportOutcome {
    /// The file written.
    pub path: PathBuf,
    /// Sub-item rows in the main sheet.
    pub rows: usize,
    /// The evidence files copied beside a department sheet.
    pub evidence: crate::evidence::EvidenceExport,
}

/// The file name a save dialog offers: `农业局_2026年第四季度_工作进展情况表.xlsx` and the like.
///
/// # Errors
/// An unknown kind, department or period key, or a request without what the report needs.
pub fn default_file_name(store: &Store, request: &ReportRequest) -> Result<String> {
    let report = registry::report(&request.kind)?;
    let department = request.department.as_deref().filter(|d| !d.trim().is_empty()).map(|d| resolve_department(store, d)).transpose()?.map(|d| d.1);
    let period_label = request.period.as_deref().map(crate::periods::parse_key).transpose()?.map(|p| p.label);
    let target = Target { department, unit: String::new(), blank: request.blank && report.can_be_blank(), period_label, drafts: request.drafts.unwrap_or_default() };
    report.file_name(&target).map(|name| crate::text::safe_file_name(&name)).ok_or_else(|| missing(report, request))
}

/// May this user export this workbook? The coordinator: everything. A department: what is for
/// everyone, and of a report about one department only its own.
///
/// # Errors
/// [`Error::Forbidden`] naming what was refused; an unknown kind or department.
pub fn authorize(store: &Store, session: &Session, request: &ReportRequest) -> Result<()> {
    let report = registry::report(&request.kind)?;
    if report.audience() == Audience::Coordinator {
        return session.require_coordinator(&format!("导出{}", report.title()));
    }
    match (report.department(), request.department.as_deref().filter(|d| !d.trim().is_empty())) {
        (DepartmentChoice::Required, None) => Err(missing(report, request)),
        (DepartmentChoice::Required, Some(written)) => {
            let (id, name) = resolve_department(store, written)?;
            session.require_department(id, &name)
        }
        _ => Ok(()),
    }
}

/// Write the requested workbook to `out` (atomically: a failure leaves no half file). Who
/// may export it is [`authorize`]'s business ([`export_as`] checks it).
///
/// # Errors
/// As [`build_report`]; [`Error::Io`] when `out` cannot be written.
///
/// # Examples
/// 农业局's sheet for the fourth quarter (see `examples/export_reports.rs` for every report):
/// ```no_run
/// # fn main() -> taizhang_core::Result<()> {
/// use taizhang_core::{database, report::{export_report, ReportRequest}};
/// let store = database::open_database(None)?;
/// let request = ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), blank: false, ..Default::default() };
/// let outcome = export_report(&store, &request, std::path::Path::new("农业局.xlsx"), database::today())?;
/// println!("{} 个小项", outcome.rows);
/// # Ok(()) }
/// ```
pub fn export_report(store: &Store, request: &ReportRequest, out: &Path, today: NaiveDate) -> Result<ExportOutcome> {
    let bytes_and_rows = build_report(store, request, today)?;
    write_atomically(out, &bytes_and_rows.0)?;
    Ok(ExportOutcome { path: out.to_path_buf(), rows: bytes_and_rows.1, evidence: crate::evidence::EvidenceExport::default() })
}

/// The workbook's bytes and its number of sub-item rows.
///
/// # Errors
/// An unknown kind, department or period; a request without what the report needs; a sheet
/// rust_xlsxwriter refuses.
pub fn build_report(store: &Store, request: &ReportRequest, today: NaiveDate) -> Result<(Vec<u8>, usize)> {
    prepare(store, request, today)?.render()
}

/// A workbook's contents read from the store: laying it out and writing it needs the store no
/// more, so the app lets other commands at the database meanwhile.
pub struct Prepared {
    report: &'static dyn Report,
    data: ReportData,
    target: Target,
    meta: Vec<(&'static str, String)>,
}

/// Read what the requested workbook shows.
///
/// # Errors
/// As [`build_report`].
pub fn prepare(store: &Store, request: &ReportRequest, today: NaiveDate) -> Result<Prepared> {
    let report = registry::report(&request.kind)?;
    let resolved = match report.department() {
        DepartmentChoice::None => None,
        _ => request.department.as_deref().filter(|d| !d.trim().is_empty()).map(|d| resolve_department(store, d)).transpose()?,
    };
    // A department's own sheet needs only its sub-items and records (its merged names included).
    let scope = match (&resolved, report.department()) {
        (Some((id, _)), DepartmentChoice::Required) => Some(store.department_family(*id)?),
        _ => None,
    };
    let department = resolved.map(|d| d.1);
    if report.department() == DepartmentChoice::Required && department.is_none() {
        return Err(missing(report, request));
    }
    let period_key = match (report.needs_period(), request.period.as_deref()) {
        // A report without a period still loads the plan through a period; any key will do.
        (false, _) => "2000".to_string(),
        (true, Some(period)) => period.to_string(),
        (true, None) => return Err(missing(report, request)),
    };
    let blank = request.blank && report.can_be_blank();
    let drafts = request.drafts.unwrap_or_default();
    let unit = match unit_of(store, department.as_deref(), request.unit.as_deref())? {
        Some(unit) => unit,
        None if report.spec().prints_unit => return Err(Error::InvalidInput(format!("导出{}需要填写单位名称：本机尚未设置单位名称，请在导出时填写（或在“设置”中填写本单位名称）", report.title()))),
        None => String::new(),
    };
    let plan_id = crate::plans::resolve(store, None, request.plan_id)?;
    let data = ReportData::load(store, plan_id, &period_key, scope.as_deref(), blank, drafts, today)?;
    let target = Target { unit, department, blank, period_label: report.needs_period().then(|| data.period.label.clone()), drafts };
    let meta = vec![
        ("template", report.key().to_string()),
        ("template_version", meta::TEMPLATE_VERSION.to_string()),
        ("plan_fingerprint", data.plan.fingerprint.clone()),
        ("plan_name", data.plan.name.clone()),
        ("unit", target.unit.clone()),
        ("department", target.department.clone().unwrap_or_default()),
        ("period", if report.needs_period() { data.period.key.clone() } else { String::new() }),
        ("blank", blank.to_string()),
        ("exported_at", crate::store::now()),
        ("generator", format!("taizhang {}", env!("CARGO_PKG_VERSION"))),
        ("plan_version", store.plan_row(plan_id)?.version.to_string()),
        ("plan_digest", store.plan_digest(plan_id)?),
        ("periods", store.periods()?.into_iter().map(|p| p.key).collect::<Vec<_>>().join(",")),
    ];
    // Everything is read: the pages SQLite kept (tens of megabytes for a large plan) are not
    // held while the workbook is laid out and written.
    store.release_cache()?;
    Ok(Prepared { report, data, target, meta })
}

impl Prepared {
    /// Lay the workbook out and write it: its bytes and its number of sub-item rows.
    ///
    /// # Errors
    /// A sheet rust_xlsxwriter refuses.
    pub fn render(&self) -> Result<(Vec<u8>, usize)> {
        let mut workbook = Workbook::new();
        // Deflate's fastest level: a workbook of a hundred thousand rows saves in a third of the
        // time, a few per cent larger.
        workbook.set_zip_compression_level(1);
        let rows = self.report.write(&mut workbook, &self.data, &self.target)?;
        let columns: Vec<(&str, Vec<&str>)> = self.report.sheets().iter().map(|s| (s.sheet, keys(s.columns))).collect();
        meta::write_meta(&mut workbook, &self.meta, &columns)?;
        Ok((workbook.save_to_buffer()?, rows))
    }
}

/// The unit printed in the heading: the one asked for at export, else a department's own name
/// on the coordinator's PC, else this PC's unit name; `None` when there is none to print (never a
/// placeholder).
fn unit_of(store: &Store, department: Option<&str>, asked: Option<&str>) -> Result<Option<String>> {
    if let Some(asked) = asked.map(str::trim).filter(|u| !u.is_empty()) {
        return Ok(Some(asked.to_string()));
    }
    let settings = crate::admin::settings(store)?;
    Ok(match (department, settings.unit_name.trim().is_empty()) {
        (Some(d), _) if settings.unit_kind != Some(Role::Department) => Some(d.to_string()),
        (_, false) => Some(settings.unit_name),
        (Some(d), true) => Some(d.to_string()),
        (None, true) => None,
    })
}

fn keys(columns: &[layout::Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.key).chain([layout::CODE_COLUMN.key]).collect()
}

fn missing(report: &dyn Report, request: &ReportRequest) -> Error {
    if report.department() == DepartmentChoice::Required && request.department.as_deref().is_none_or(|d| d.trim().is_empty()) {
        Error::InvalidInput(format!("导出{}需要指定部门", report.title()))
    } else {
        Error::InvalidInput(format!("导出{}需要指定报告期", report.title()))
    }
}

fn write_atomically(out: &Path, bytes: &[u8]) -> Result<()> {
    fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Io { path: path.to_path_buf(), source }
    }
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(io(parent))?;
    }
    crate::durable::write_file(out, &out.with_extension("xlsx.partial"), bytes).map_err(io(out))
}

/// Export as the signed-in user: refused unless [`authorize`] allows it.
///
/// # Errors
/// [`Error::Forbidden`], and as [`export_report`].
pub fn export_as(store: &Store, session: &Session, request: &ReportRequest, out: &Path, today: NaiveDate) -> Result<ExportOutcome> {
    export_by(store, Some(session), request, out, today)
}

/// Export as the command line does: as an account, or with none on a database nobody has set up
/// yet. A filled-in department sheet takes its evidence files along and counts as handed
/// upward; every export is logged.
///
/// # Errors
/// [`Error::NotSignedIn`] without an account on a set-up database; as [`export_as`].
pub fn export_by(store: &Store, session: Option<&Session>, request: &ReportRequest, out: &Path, today: NaiveDate) -> Result<ExportOutcome> {
    match session {
        Some(session) => authorize(store, session, request)?,
        None if crate::accounts::is_set_up(store)? => return Err(Error::NotSignedIn),
        None => {}
    }
    let request = &with_plan(store, session, request)?;
    let mut outcome = export_report(store, request, out, today)?;
    let handed = handed_upward(store, request)?;
    if let Some((department, period_id)) = &handed {
        outcome.evidence = crate::evidence::export_beside(store, request.plan_id.unwrap_or_default(), department, *period_id, out)?;
    }
    record(store, session, request, out, &outcome, handed)?;
    Ok(outcome)
}

/// The request with its plan resolved as the account sees it.
fn with_plan(store: &Store, session: Option<&Session>, request: &ReportRequest) -> Result<ReportRequest> {
    let mut request = request.clone();
    request.plan_id = Some(crate::plans::resolve(store, session, request.plan_id)?);
    Ok(request)
}

/// Log the export; a department's filled-in sheet is also noted as handed upward.
fn record(store: &Store, session: Option<&Session>, request: &ReportRequest, out: &Path, outcome: &ExportOutcome, handed: Option<(String, i64)>) -> Result<()> {
    let audit = crate::store::AuditEntry {
        account_id: session.map(|s| s.account_id),
        action: "导出报表",
        subject: crate::file_name(out),
        detail: format!("{}，{} 个小项", registry::report(&request.kind)?.title(), outcome.rows),
    };
    match handed {
        Some((department, period_id)) => {
            let (department_id, _) = resolve_department(store, &department)?;
            store.note_sheet_export(department_id, period_id, &audit)
        }
        None => store.log(&audit),
    }
}

/// The department and period of a filled-in department sheet (what goes upward); none for other
/// reports and blank sheets.
fn handed_upward(store: &Store, request: &ReportRequest) -> Result<Option<(String, i64)>> {
    let report = registry::report(&request.kind)?;
    let (Some(department), Some(period)) = (request.department.as_deref(), request.period.as_deref()) else { return Ok(None) };
    if request.blank || report.department() != DepartmentChoice::Required {
        return Ok(None);
    }
    let (_, name) = resolve_department(store, department)?;
    let key = crate::periods::parse_key(period)?.key;
    Ok(store.period(&key)?.map(|p| (name, p.id)))
}
