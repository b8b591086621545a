//! A read sheet checked against this PC: the plan, the sending department, the period, every
//! row's sub-item and the department's part in it, and each row compared field by field with
//! the latest version held — the preview, and the records a merge would write.

use super::returned::ReturnedSheet;
use super::sheet::{ReturnedRow, ReturnedTarget};
use super::{file_name, FieldChange, FileReport, ImportOptions, Outcome, Refusal, Review, RowKind, RowPreview};
use crate::error::{Error, Result};
use crate::periods::{parse_key, PeriodKey, PeriodStatus};
use crate::status::Status;
use crate::plan::{Plan, SubItem};
use crate::store::{ProgressFields, ProgressSummary, RecordState, Store, TargetValue};
use std::path::Path;

/// A record the merge will append.
#[derive(Debug, Clone)]
pub struct PlannedRecord {
    /// Sub-item code.
    pub code: String,
    /// What the new version says.
    pub fields: ProgressFields,
    /// Target values.
    pub targets: Vec<TargetValue>,
    /// Version held now (0 when none): the merge refuses if it moved on.
    pub held_version: i64,
}

/// The preview, and what taking the file in would write.
pub struct Checked {
    /// The report to show.
    pub report: FileReport,
    /// Plan store id.
    pub plan_id: i64,
    /// Sending department's store id.
    pub department_id: i64,
    /// The period (maybe not created yet).
    pub period: Option<PeriodKey>,
    /// Its store id, when this PC has it.
    pub period_id: Option<i64>,
    /// Records to append.
    pub records: Vec<PlannedRecord>,
}

/// Check `sheet` (read from `path`) against the database and preview it; nothing is written.
///
/// # Errors
/// Only a database failure; every fault of the file is a refusal in the report.
pub fn preview_sheet(store: &Store, path: &Path, sheet: &ReturnedSheet, options: &ImportOptions) -> Result<Checked> {
    let mut report = FileReport::new(path, &sheet.sha256);
    report.refused = sheet.refused.clone();
    report.review = sheet.review.clone();
    report.template_version = Some(sheet.meta("template_version").unwrap_or_else(|| "手工".into()));
    report.exported_at = sheet.meta("exported_at");
    let mut checked = Checked { report, plan_id: 0, department_id: 0, period: None, period_id: None, records: Vec::new() };
    if let Err(reason) = identify(store, sheet, options, &mut checked) {
        checked.report.refused.insert(0, Refusal::file(reason));
        return Ok(finish(checked, options));
    }
    if let Some(receipt) = store.receipt_by_sha(&sheet.sha256)? {
        checked.report.outcome = Outcome::Unchanged;
        checked.report.message = format!("文件“{}”已于 {} 导入过（{} {}），未作改动", file_name(path), receipt.received_at, receipt.department, receipt.period);
        return Ok(checked);
    }
    let plan = store.load_plan(checked.plan_id)?;
    let department = checked.report.department.clone().unwrap_or_default();
    let held: Vec<ProgressSummary> = match checked.period_id {
        Some(id) => store.latest_progress(checked.plan_id, id, None)?.into_iter().filter(|p| p.department == department).collect(),
        None => Vec::new(),
    };
    compare_rows(&plan, &department, sheet, &held, &mut checked);
    check_older(store, sheet, &mut checked)?;
    Ok(finish(checked, options))
}

/// Plan, department and period of the sheet; an `Err` is the reason to refuse the file.
fn identify(store: &Store, sheet: &ReturnedSheet, options: &ImportOptions, checked: &mut Checked) -> std::result::Result<(), String> {
    let plans = store.plans().map_err(|e| e.to_string())?;
    let plan = match sheet.meta("plan_fingerprint") {
        Some(fingerprint) => plans.iter().find(|p| p.fingerprint == fingerprint).ok_or_else(|| {
            let name = sheet.meta("plan_name").unwrap_or_else(|| "（未注明）".into());
            let held: Vec<String> = plans.iter().filter(|p| !p.superseded).map(|p| format!("“{}”第{}版", p.name, p.version)).collect();
            format!("该表属于计划“{name}”（指纹 {}…），本机没有这个计划（本机的计划：{}），不能导入", &fingerprint[..fingerprint.len().min(8)], held.join("、"))
        })?,
        None => {
            let current = store.current_plan_id().map_err(|e| e.to_string())?.ok_or_else(|| Error::NoPlan.to_string())?;
            plans.iter().find(|p| p.id == current).ok_or_else(|| Error::NoPlan.to_string())?
        }
    };
    if plan.superseded {
        let newest = plans.iter().filter(|p| p.name == plan.name && !p.superseded).map(|p| p.version).max().unwrap_or(plan.version + 1);
        return Err(format!(
            "该表按计划“{}”第{}版填报，本机已更新到第{newest}版：请把新版任务分解表发给该部门，部门导入后重新导出工作进展情况表",
            plan.name, plan.version
        ));
    }
    checked.plan_id = plan.id;
    let heading = sheet.main.heading_text.clone();
    let title = heading.split("工作进展").next().unwrap_or_default().to_string();
    let written = match sheet.meta("department") {
        Some(name) => name,
        None => {
            let found = department_in(store, &heading).map_err(|e| e.to_string())?.ok_or("无法识别填报部门：元数据缺失，标题和“填报单位”一行中也没有部门名称")?;
            checked.report.review.push(Review::file(format!("填报部门按标题识别为“{found}”")));
            found
        }
    };
    let (department_id, department) = crate::accounts::resolve_department(store, &written).map_err(|_| format!("本机没有部门“{written}”，无法导入"))?;
    checked.department_id = department_id;
    checked.report.department = Some(department);
    let period = match sheet.meta("period") {
        Some(key) => parse_key(&key).map_err(|e| e.to_string())?,
        None => {
            let key = period_in(&title).ok_or("无法识别报告期：元数据缺失，标题中也没有“2026年第四季度”这样的期间")?;
            checked.report.review.push(Review::file(format!("报告期按标题识别为 {key}")));
            parse_key(&key).map_err(|e| e.to_string())?
        }
    };
    checked.report.period = Some(period.key.clone());
    let stored = store.period(&period.key).map_err(|e| e.to_string())?;
    checked.period = Some(period.clone());
    match stored {
        Some(row) if row.status != PeriodStatus::Open => Err(format!("报告期 {}（{}）已关闭，不能再导入", period.key, period.label)),
        Some(row) => {
            checked.period_id = Some(row.id);
            Ok(())
        }
        None if options.create_period => {
            checked.report.review.push(Review::file(format!("本机还没有报告期 {}（{}），导入时将创建", period.key, period.label)));
            Ok(())
        }
        None => {
            checked.report.missing_period = Some(period.key.clone());
            Err(format!("本机还没有报告期 {}（{}）：请先创建该报告期（命令行可加 --create-period）", period.key, period.label))
        }
    }
}

/// The longest department name or alias found in `text`.
fn department_in(store: &Store, text: &str) -> Result<Option<String>> {
    let directory = store.directory()?;
    let names: Vec<(String, String)> = directory
        .aliases()
        .map(|(a, c)| (a.to_string(), c.to_string()))
        .chain(store.departments(store.current_plan_id()?.unwrap_or_default())?.into_iter().map(|d| (d.name.clone(), d.name)))
        .collect();
    Ok(names.into_iter().filter(|(written, _)| written.chars().count() >= 2 && text.contains(written.as_str())).max_by_key(|(w, _)| w.chars().count()).map(|(_, c)| c))
}

/// `2026年第四季度` → `2026Q4`, and the other period labels.
fn period_in(title: &str) -> Option<String> {
    let pattern = regex::Regex::new(r"(\d{4})年(?:第([一二三四])季度|(上半年|下半年)|(\d{1,2})月|(度))").ok()?;
    let found = pattern.captures_iter(title).last()?;
    let year = found.get(1)?.as_str();
    let key = if let Some(q) = found.get(2) {
        format!("{year}Q{}", ["一", "二", "三", "四"].iter().position(|n| *n == q.as_str())? + 1)
    } else if let Some(h) = found.get(3) {
        format!("{year}H{}", if h.as_str() == "上半年" { 1 } else { 2 })
    } else if let Some(m) = found.get(4) {
        format!("{year}M{}", m.as_str())
    } else {
        year.to_string()
    };
    Some(key)
}

/// Text compared without whitespace: a clerk's line break must not count as a change of task.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn compare_rows(plan: &Plan, department: &str, sheet: &ReturnedSheet, held: &[ProgressSummary], checked: &mut Checked) {
    let rebuilt = sheet.metadata.is_none();
    let refuse = |row: &ReturnedRow, reason: String| Refusal::at(row.row - 1, &row.code, "", reason).on_sheet(&row.sheet);
    for row in &sheet.main.rows {
        let Some(sub) = plan.subitems().find(|s| s.code == row.code) else {
            checked.report.refused.push(refuse(row, format!("计划中没有编号为 {} 的小项", row.code)));
            continue;
        };
        if sub.role_of(department).is_none() {
            checked.report.refused.push(refuse(row, format!("{department}不是小项 {} 的牵头或配合单位，不能报送其进展", sub.code)));
            continue;
        }
        if !row.subitem_text.is_empty() && squeeze(&row.subitem_text) != squeeze(&format!("{}{}", sub.label, sub.text)) {
            let reason = format!("任务内容与编号 {} 不符（行可能被移动或编号被改动）", sub.code);
            if rebuilt {
                checked.report.review.push(Review::at(row.row - 1, &row.code, reason));
            } else {
                checked.report.refused.push(refuse(row, reason));
                continue;
            }
        }
        let previous = held.iter().find(|h| h.code == sub.code);
        let targets: Vec<&ReturnedTarget> = sheet.targets.iter().filter(|t| t.code == sub.code).collect();
        if row.fields.is_empty() && targets.iter().all(|t| t.value.is_none() && t.note.is_empty()) {
            if let Some(p) = previous {
                checked.report.review.push(Review::at(row.row - 1, &row.code, format!("表中本行为空，本机已有第 {} 版，未作改动", p.version)));
            }
            checked.report.rows.push(RowPreview { row: row.row, code: row.code.clone(), kind: RowKind::Unchanged, changes: Vec::new() });
            continue;
        }
        match planned_record(sub, row, &targets, previous, sheet) {
            Ok(record) => {
                let changes = changes(sub, previous, &record);
                let kind = match (previous, changes.is_empty()) {
                    (None, _) => RowKind::New,
                    (Some(_), false) => RowKind::Changed,
                    (Some(_), true) => RowKind::Unchanged,
                };
                checked.report.rows.push(RowPreview { row: row.row, code: row.code.clone(), kind, changes });
                if kind != RowKind::Unchanged {
                    checked.records.push(record);
                }
            }
            Err(refusal) => checked.report.refused.push(refusal.on_sheet(&sheet.sheet)),
        }
    }
    for target in sheet.targets.iter().filter(|t| !sheet.main.rows.iter().any(|r| r.code == t.code)) {
        if target.value.is_some() || !target.note.is_empty() {
            let reason = format!("填写了小项 {} 的量化指标，但工作进展情况表中没有这一小项", target.code);
            checked.report.refused.push(Refusal::at(target.row - 1, &target.code, "", reason).on_sheet(crate::report::TARGET_VALUES_SHEET));
        }
    }
}

/// The version a row asks for, checked as the progress form checks it.
fn planned_record(sub: &SubItem, row: &ReturnedRow, targets: &[&ReturnedTarget], previous: Option<&ProgressSummary>, sheet: &ReturnedSheet) -> std::result::Result<PlannedRecord, Refusal> {
    let at = |reason: String| Refusal::at(row.row - 1, &row.code, "", reason);
    let status = row.fields.status.ok_or_else(|| at("填写了进展但没有填写“完成状态”".into()))?;
    let percent = match (row.fields.percent, status) {
        (Some(p), Status::Completed) if p != 100 => return Err(at(format!("状态为“{status}”时，完成进度应为 100，填写的是 {p}"))),
        (Some(p), _) => p,
        (None, Status::Completed) => 100,
        (None, _) => previous.map_or(0, |p| p.fields.percent),
    };
    let mut values = Vec::new();
    for target in targets {
        if target.index >= sub.targets.len() {
            return Err(Refusal::at(target.row - 1, &target.code, "", format!("小项 {} 没有第 {} 个量化指标", sub.code, target.index + 1)).on_sheet(crate::report::TARGET_VALUES_SHEET));
        }
        if target.value.is_some() || !target.note.is_empty() {
            values.push(TargetValue { index: target.index, value: target.value, note: target.note.clone() });
        }
    }
    let keep = |sheet_value: &str, held: Option<&str>| if sheet_value.is_empty() { held.unwrap_or_default().to_string() } else { sheet_value.to_string() };
    let reporter = keep(&sheet.main.reporter, previous.map(|p| p.fields.reporter.as_str()));
    let phone = super::values::phone(&keep(&sheet.main.phone, previous.map(|p| p.fields.phone.as_str()))).map_err(|reason| Refusal { column: "联系电话".into(), ..Refusal::file(reason) })?;
    let fields = ProgressFields {
        status,
        percent,
        progress: row.fields.progress.clone(),
        problems: row.fields.problems.clone(),
        next_steps: row.fields.next_steps.clone(),
        remarks: row.fields.remarks.clone(),
        reporter,
        phone,
        state: RecordState::Submitted,
    };
    Ok(PlannedRecord { code: sub.code.clone(), fields, targets: values, held_version: previous.map_or(0, |p| p.version) })
}

/// Field-by-field differences between the latest held version and the planned one.
fn changes(sub: &SubItem, previous: Option<&ProgressSummary>, record: &PlannedRecord) -> Vec<FieldChange> {
    let empty = ProgressFields::default();
    let old = previous.map_or(&empty, |p| &p.fields);
    let new = &record.fields;
    let mut list: Vec<FieldChange> = [
        ("完成状态", previous.map(|_| old.status.label().to_string()).unwrap_or_default(), new.status.label().to_string()),
        ("完成进度", previous.map(|_| old.percent.to_string()).unwrap_or_default(), new.percent.to_string()),
        ("进展情况", old.progress.clone(), new.progress.clone()),
        ("存在问题", old.problems.clone(), new.problems.clone()),
        ("下步计划", old.next_steps.clone(), new.next_steps.clone()),
        ("备注", old.remarks.clone(), new.remarks.clone()),
        ("填报人", old.reporter.clone(), new.reporter.clone()),
        ("联系电话", old.phone.clone(), new.phone.clone()),
        ("报送状态", previous.map(|p| p.fields.state.label()).unwrap_or_default().to_string(), new.state.label().to_string()),
    ]
    .into_iter()
    .filter(|(_, o, n)| o != n)
    .map(|(label, old, new)| FieldChange { label: label.into(), old, new })
    .collect();
    for index in 0..sub.targets.len() {
        let show = |values: &[TargetValue]| {
            values.iter().find(|t| t.index == index).map(|t| {
                let value = t.value.map(super::values::format_number).unwrap_or_default();
                if t.note.is_empty() { value } else { format!("{value}（{}）", t.note) }
            })
        };
        let (before, after) = (previous.and_then(|p| show(&p.targets)).unwrap_or_default(), show(&record.targets).unwrap_or_default());
        if before != after {
            list.push(FieldChange { label: format!("量化指标{}实际值", index + 1), old: before, new: after });
        }
    }
    list
}

/// A sheet exported before the newest one already received from the department is flagged.
fn check_older(store: &Store, sheet: &ReturnedSheet, checked: &mut Checked) -> Result<()> {
    let (Some(exported), Some(period_id)) = (sheet.meta("exported_at"), checked.period_id) else { return Ok(()) };
    if let Some(latest) = store.latest_exported_at(checked.department_id, period_id)?.filter(|latest| exported < *latest) {
        checked.report.older = true;
        checked.report.review.push(Review::file(format!("此表导出于 {exported}，早于本机已收到的该部门同期报表（导出于 {latest}）")));
    }
    Ok(())
}

/// Counts, outcome and message of the preview.
fn finish(mut checked: Checked, options: &ImportOptions) -> Checked {
    let report = &mut checked.report;
    report.new = report.rows.iter().filter(|r| r.kind == RowKind::New).count();
    report.changed = report.rows.iter().filter(|r| r.kind == RowKind::Changed).count();
    report.unchanged = report.rows.iter().filter(|r| r.kind == RowKind::Unchanged).count();
    let who = format!("{} {}", report.department.as_deref().unwrap_or("未知部门"), report.period.as_deref().unwrap_or("未知报告期"));
    if let Some(first) = report.refused.first() {
        report.outcome = Outcome::Refused;
        let more = if report.refused.len() > 1 { format!("（共 {} 处问题）", report.refused.len()) } else { String::new() };
        report.message = format!("文件“{}”未导入：{}{more}", report.file, first.describe());
    } else if report.older && !options.accept_older {
        report.outcome = Outcome::Refused;
        report.message = format!("文件“{}”（{who}）早于本机已收到的同期报表，需确认后才能导入（界面中勾选“仍然导入较旧的报表”，命令行加 --accept-older）", report.file);
    } else if checked.records.is_empty() {
        report.outcome = Outcome::Unchanged;
        report.message = format!("文件“{}”（{who}）与本机已有进展相同，无需导入", report.file);
    } else {
        report.outcome = Outcome::DryRun;
        report.message = report.counts_message();
    }
    checked
}
