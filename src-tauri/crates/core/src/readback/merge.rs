//! Taking a checked file in: one transaction for the whole file (period, receipt, every new
//! version with its source, the audit entry), or nothing at all.

use super::check::{preview_sheet, Checked};
use super::returned::ReturnedSheet;
use super::{file_name, FileReport, ImportOptions, Outcome};
use crate::accounts::Session;
use crate::error::{Error, Result};
use crate::store::{AuditEntry, NewReceipt, NewVersion, ProgressRow, Store, StoredTargetValue};
use std::path::Path;

/// Check a read file against the database and, unless `options.dry_run`, take it in. Only the
/// coordinator (or the command line, `actor` = `None`) takes files in. Never fails: a database
/// error is reported as a refusal, with nothing written.
pub fn take_in(store: &Store, actor: Option<&Session>, path: &Path, read: Result<ReturnedSheet>, options: &ImportOptions) -> FileReport {
    if let Some(Err(e)) = actor.map(|a| a.require_coordinator("导入部门报表")) {
        return FileReport::refused(path, "", e.to_string());
    }
    let sheet = match read {
        Ok(sheet) => sheet,
        Err(e) => return FileReport::refused(path, "", e.to_string()),
    };
    let checked = match preview_sheet(store, path, &sheet, options) {
        Ok(checked) => checked,
        Err(e) => return FileReport::refused(path, &sheet.sha256, e.to_string()),
    };
    if options.dry_run || checked.report.outcome != Outcome::DryRun {
        return checked.report;
    }
    let mut report = checked.report.clone();
    match merge(store, actor, &sheet, &checked) {
        Ok(()) => {
            report.outcome = Outcome::Merged;
            report.message = report.counts_message();
        }
        Err(Error::Stale { .. }) => {
            report = FileReport::refused(path, &sheet.sha256, "导入期间本机的进展记录有变动，请重新预览后再导入".into());
        }
        Err(e) => report = FileReport::refused(path, &sheet.sha256, format!("写入数据库失败，未作任何改动：{e}")),
    }
    report
}

fn merge(store: &Store, actor: Option<&Session>, sheet: &ReturnedSheet, checked: &Checked) -> Result<()> {
    let period = checked.period.as_ref().ok_or_else(|| Error::Corrupt("导入报表时缺少报告期".into()))?;
    let account_id = actor.map(|a| a.account_id);
    let mut rows = Vec::new();
    let mut attachments = Vec::new();
    for record in &checked.records {
        let subitem_id = store.subitem_id(checked.plan_id, &record.code)?.ok_or_else(|| Error::NotFound(format!("没有编号为 {} 的小项", record.code)))?;
        let target_ids = store.target_ids(subitem_id)?;
        let values: Vec<StoredTargetValue> = record
            .targets
            .iter()
            .filter_map(|t| target_ids.get(t.index).map(|id| StoredTargetValue { target_id: *id, value: t.value, note: t.note.clone() }))
            .collect();
        // Evidence files are not in the sheet: the new version keeps those already attached.
        let evidence = match checked.period_id {
            Some(period_id) => match store.progress_history(subitem_id, checked.department_id, period_id)?.first() {
                Some(latest) => store.version_attachments(latest.id)?.evidence,
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        rows.push(ProgressRow {
            id: 0,
            subitem_id,
            department_id: checked.department_id,
            period_id: checked.period_id.unwrap_or(0),
            version: record.held_version + 1,
            fields: record.fields.clone(),
            saved_by: String::new(),
            saved_at: String::new(),
        });
        attachments.push((values, evidence));
    }
    let versions: Vec<(NewVersion<'_>, i64)> = rows
        .iter()
        .zip(&attachments)
        .zip(&checked.records)
        .map(|((row, (values, evidence)), record)| {
            (NewVersion { row, account_id: account_id.unwrap_or(0), target_values: values, evidence }, record.held_version)
        })
        .collect();
    let report = &checked.report;
    let exported_at = sheet.meta("exported_at");
    let template_version = report.template_version.clone().unwrap_or_default();
    let (starts_on, ends_on) = (period.starts_on.to_string(), period.ends_on.to_string());
    let receipt = NewReceipt {
        file_name: &report.file,
        sha256: &sheet.sha256,
        plan_id: checked.plan_id,
        department_id: checked.department_id,
        period_id: checked.period_id,
        period_to_create: checked.period_id.is_none().then_some((period.key.as_str(), period.kind, starts_on, ends_on)),
        template_version: &template_version,
        exported_at: exported_at.as_deref(),
        account_id,
        rows_new: report.new,
        rows_changed: report.changed,
        rows_unchanged: report.unchanged,
        review_count: report.review.len(),
    };
    let audit = AuditEntry {
        account_id,
        action: "导入部门报表",
        subject: file_name(&report.path),
        detail: format!(
            "{} {}：新增 {} 行，修改 {} 行，未变 {} 行，SHA-256 {}",
            report.department.as_deref().unwrap_or_default(),
            period.key,
            report.new,
            report.changed,
            report.unchanged,
            sheet.sha256
        ),
    };
    store.merge_received(&receipt, &versions, &audit)?;
    Ok(())
}
