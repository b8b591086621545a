//! The registry of exportable workbooks. Each report is one file under `report/` implementing
//! [`Report`]; adding one is that file plus one line in [`REPORTS`]. The CLI's `export` kinds,
//! the export dialog's choices, who may export, file names and the read-back metadata all come
//! from here.

use super::data::ReportData;
use super::layout::Column;
use crate::error::{Error, Result};
use rust_xlsxwriter::Workbook;
use serde::Serialize;
use ts_rs::TS;

/// Every report, in the order the export dialog and `taizhang export --help` list them.
pub static REPORTS: &[&dyn Report] = &[&super::department::DepartmentReport, &super::breakdown::BreakdownReport, &super::summary::SummaryReport];

crate::vocabulary! {
    /// Who may export a report.
    pub enum Audience ("导出范围") {
        /// Every signed-in user (a department only for its own department, when one is named).
        Everyone = "everyone", "所有用户";
        /// The coordinating office only.
        Coordinator = "coordinator", "仅汇总单位";
    }
}

crate::vocabulary! {
    /// Whether a report is about one department.
    pub enum DepartmentChoice ("部门选择") {
        /// Never.
        None = "none", "不涉及部门";
        /// Optionally narrowed to one department (本单位任务清单).
        Optional = "optional", "可只导出一个部门";
        /// Always one department.
        Required = "required", "须指定部门";
    }
}

crate::vocabulary! {
    /// What an export does with records saved but not submitted (草稿, 已退回修改).
    #[derive(Default)]
    pub enum Drafts ("草稿处理") {
        /// Printed, marked 草稿（未报送）.
        #[default]
        Mark = "mark", "标注为草稿（未报送）";
        /// Left out, as if nothing were reported.
        Omit = "omit", "不导出未报送的内容";
    }
}

/// What the writer is asked for, resolved: the department (canonical), the unit printed in
/// the heading, and whether progress is left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Canonical department name, when the request names one.
    pub department: Option<String>,
    /// 填报单位 / 汇总单位 as printed.
    pub unit: String,
    /// The department sheet without progress, to fill in by hand.
    pub blank: bool,
    /// The period's label (2026年第四季度), when the report needs a period.
    pub period_label: Option<String>,
    /// What to do with records not submitted.
    pub drafts: Drafts,
}

/// A sheet of a report with its columns, as written into the metadata for read-back.
#[derive(Debug, Clone, Copy)]
pub struct SheetColumns {
    /// Sheet name.
    pub sheet: &'static str,
    /// Its columns.
    pub columns: &'static [Column],
}

/// What a report is, declared as data: the registry, the CLI, the export dialog, permissions and
/// the read-back metadata read it.
#[derive(Debug, Clone, Copy)]
pub struct ReportSpec {
    /// Key in requests, the CLI and the workbook's metadata: `department`.
    pub key: &'static str,
    /// Name as offered: 部门工作进展情况表.
    pub title: &'static str,
    /// Who may export it.
    pub audience: Audience,
    /// Whether it is for a period.
    pub needs_period: bool,
    /// Whether it is about one department.
    pub department: DepartmentChoice,
    /// Whether it can be exported blank, without progress.
    pub can_be_blank: bool,
    /// Whether it prints 填报单位 / 汇总单位 (then a unit must be known or given).
    pub prints_unit: bool,
    /// Its sheets and columns.
    pub sheets: &'static [SheetColumns],
}

/// An exportable workbook: its spec, the file name it is offered under, and its writer.
pub trait Report: Sync {
    /// What the report is.
    fn spec(&self) -> &'static ReportSpec;
    /// The file name a save dialog offers; `None` when the target lacks what the name needs.
    fn file_name(&self, target: &Target) -> Option<String>;
    /// Write the sheets into `workbook`; returns the number of sub-item rows.
    ///
    /// # Errors
    /// A sheet rust_xlsxwriter refuses, or a department the report needs but the target lacks.
    fn write(&self, workbook: &mut Workbook, data: &ReportData, target: &Target) -> Result<usize>;

    /// [`ReportSpec::key`].
    fn key(&self) -> &'static str {
        self.spec().key
    }
    /// [`ReportSpec::title`].
    fn title(&self) -> &'static str {
        self.spec().title
    }
    /// [`ReportSpec::audience`].
    fn audience(&self) -> Audience {
        self.spec().audience
    }
    /// [`ReportSpec::needs_period`].
    fn needs_period(&self) -> bool {
        self.spec().needs_period
    }
    /// [`ReportSpec::department`].
    fn department(&self) -> DepartmentChoice {
        self.spec().department
    }
    /// [`ReportSpec::can_be_blank`].
    fn can_be_blank(&self) -> bool {
        self.spec().can_be_blank
    }
    /// [`ReportSpec::sheets`].
    fn sheets(&self) -> &'static [SheetColumns] {
        self.spec().sheets
    }
}

/// A report as the export dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportInfo {
    /// Key.
    #[ts(type = "ReportKind")]
    pub kind: &'static str,
    /// Name.
    pub title: &'static str,
    /// Who may export it.
    pub audience: Audience,
    /// Whether it is for a period.
    pub needs_period: bool,
    /// Whether it is about one department.
    pub department: DepartmentChoice,
    /// Whether it can be exported blank.
    pub can_be_blank: bool,
    /// Whether it prints 填报单位 / 汇总单位.
    pub prints_unit: bool,
}

impl ReportInfo {
    /// The listing of `report`.
    pub fn of(report: &dyn Report) -> ReportInfo {
        let spec = report.spec();
        ReportInfo {
            kind: spec.key,
            title: spec.title,
            audience: spec.audience,
            needs_period: spec.needs_period,
            department: spec.department,
            can_be_blank: spec.can_be_blank,
            prints_unit: spec.prints_unit,
        }
    }
}

/// The reports `session` may export, as the export dialog lists them.
pub fn available(session: &crate::accounts::Session) -> Vec<ReportInfo> {
    REPORTS.iter().filter(|r| session.is_coordinator() || r.audience() == Audience::Everyone).map(|r| ReportInfo::of(*r)).collect()
}

/// The report with this key.
///
/// # Errors
/// [`Error::InvalidInput`] naming the known kinds.
pub fn report(key: &str) -> Result<&'static dyn Report> {
    REPORTS.iter().copied().find(|r| r.key() == key).ok_or_else(|| {
        let known = REPORTS.iter().map(|r| format!("{}（{}）", r.key(), r.title())).collect::<Vec<_>>().join("、");
        Error::InvalidInput(format!("没有名为“{key}”的报表，可导出：{known}"))
    })
}
