//! An export as the app runs it: in steps, each announced before it starts, so the window shows
//! a progress bar and 取消 stops it before the file is written. The store is locked only while
//! the workbook's contents are read and while the export is recorded — never while the workbook
//! is laid out, compressed or written, nor while evidence files are copied — so the rest of the
//! app keeps answering meanwhile.

use super::{authorize, handed_upward, prepare, record, with_plan, write_atomically, ExportOutcome, ReportRequest};
use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::store::{lock, Store};
use chrono::NaiveDate;
use serde::Serialize;
use std::path::Path;
use std::sync::Mutex;
use ts_rs::TS;

crate::vocabulary! {
    /// The steps of an export, in order.
    pub enum ExportStep ("导出步骤") {
        /// Reading the plan and the records (the store locked).
        Reading = "reading", "读取数据";
        /// Laying the sheets out and writing the workbook.
        Writing = "writing", "排版并生成表格";
        /// Writing the file.
        Saving = "saving", "保存文件";
        /// Copying the evidence files and logging the export.
        Recording = "recording", "复制佐证材料并登记";
    }
}

/// Where an export is: shown as a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct ExportProgress {
    /// The step starting now.
    pub step: ExportStep,
    /// Steps finished.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
}

/// Export as the signed-in user, as [`super::export_as`] does, telling `progress` before each
/// step. When `progress` returns `false` before the file is written, the export stops and
/// nothing is written; once the file is there it is recorded whatever `progress` says.
///
/// # Errors
/// [`Error::Cancelled`] when stopped; as [`super::export_as`].
pub fn export_in_steps(
    store: &Mutex<Store>,
    session: &Session,
    request: &ReportRequest,
    out: &Path,
    today: NaiveDate,
    progress: &mut dyn FnMut(&ExportProgress) -> bool,
) -> Result<ExportOutcome> {
    let mut step = |step: ExportStep| {
        let done = ExportStep::ALL.iter().position(|s| *s == step).unwrap_or_default();
        progress(&ExportProgress { step, done, total: ExportStep::ALL.len() })
    };
    let cancelled = || Error::Cancelled("导出".into());
    if !step(ExportStep::Reading) {
        return Err(cancelled());
    }
    let (request, prepared, handed, evidence) = {
        let store = lock(store);
        authorize(&store, session, request)?;
        let request = with_plan(&store, Some(session), request)?;
        let prepared = prepare(&store, &request, today)?;
        let handed = handed_upward(&store, &request)?;
        let evidence = match &handed {
            Some((department, period_id)) => Some(crate::evidence::cited_evidence(&store, request.plan_id.unwrap_or_default(), department, *period_id)?),
            None => None,
        };
        (request, prepared, handed, evidence)
    };
    if !step(ExportStep::Writing) {
        return Err(cancelled());
    }
    let (bytes, rows) = prepared.render()?;
    if !step(ExportStep::Saving) {
        return Err(cancelled());
    }
    write_atomically(out, &bytes)?;
    // The file is written: what follows belongs to it, whatever 取消 says now.
    step(ExportStep::Recording);
    let mut outcome = ExportOutcome { path: out.to_path_buf(), rows, evidence: Default::default() };
    if let Some(evidence) = evidence {
        outcome.evidence = evidence.copy_beside(out)?;
    }
    record(&lock(store), Some(session), &request, out, &outcome, handed)?;
    Ok(outcome)
}
