//! The JSON of `taizhang import-report`, exactly the keys the command documents (the core's
//! report carries more for the desktop's preview).

use serde::Serialize;
use taizhang_core::readback::{FileReport, Outcome};

/// `{"files": [...]}`.
#[derive(Serialize)]
pub struct Files<'a> {
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct File<'a> {
    file: &'a str,
    sha256: &'a str,
    department: Option<&'a str>,
    period: Option<&'a str>,
    template_version: Option<&'a str>,
    outcome: Outcome,
    new: usize,
    changed: usize,
    unchanged: usize,
    refused: Vec<Refused<'a>>,
    review: Vec<Review<'a>>,
    message: &'a str,
}

#[derive(Serialize)]
struct Refused<'a> {
    row: Option<u32>,
    code: &'a str,
    column: &'a str,
    reason: String,
}

#[derive(Serialize)]
struct Review<'a> {
    row: Option<u32>,
    code: &'a str,
    reason: &'a str,
}

impl<'a> Files<'a> {
    /// The documented view of `reports`.
    pub fn of(reports: &'a [FileReport]) -> Files<'a> {
        let files = reports
            .iter()
            .map(|r| File {
                file: &r.file,
                sha256: &r.sha256,
                department: r.department.as_deref(),
                period: r.period.as_deref(),
                template_version: r.template_version.as_deref(),
                outcome: r.outcome,
                new: r.new,
                changed: r.changed,
                unchanged: r.unchanged,
                refused: r
                    .refused
                    .iter()
                    .map(|x| Refused {
                        row: x.row,
                        code: &x.code,
                        column: &x.column,
                        reason: if x.sheet.is_empty() { x.reason.clone() } else { format!("工作表“{}”：{}", x.sheet, x.reason) },
                    })
                    .collect(),
                review: r.review.iter().map(|x| Review { row: x.row, code: &x.code, reason: &x.reason }).collect(),
                message: &r.message,
            })
            .collect();
        Files { files }
    }
}
