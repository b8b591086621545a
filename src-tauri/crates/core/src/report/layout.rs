//! Report layouts declared as data: each sheet's columns with header, width, and whether a
//! department fills it in. The writers only walk these tables.

use crate::alerts::Level;
use crate::status::Status;

/// One column of a sheet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Column {
    /// Machine key, written into the metadata sheet so read-back finds columns by meaning.
    pub key: &'static str,
    /// Header as printed.
    pub header: &'static str,
    /// Width in Excel units (CJK text takes about two units a character).
    pub width: f64,
    /// A department fills this column in (unlocked under sheet protection).
    pub input: bool,
    /// Centred short content.
    pub centred: bool,
    /// A count, written as a number (charts read it).
    pub numeric: bool,
}

const fn col(key: &'static str, header: &'static str, width: f64, input: bool, centred: bool) -> Column {
    Column { key, header, width, input, centred, numeric: false }
}

const fn num(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, width, input: false, centred: true, numeric: true }
}

/// A number a department fills in (unlocked, validated as a number).
const fn input_num(key: &'static str, header: &'static str, width: f64) -> Column {
    Column { key, header, width, input: true, centred: true, numeric: true }
}

/// The hidden last column of every table: the row's task code, for read-back.
pub const CODE_COLUMN: Column = col("task_code", "TASK_CODE", 12.0, false, false);

/// 任务分解表: the seven columns of the source table.
pub const BREAKDOWN: [Column; 7] = [
    col("article", "条内容", 16.0, false, false),
    col("clause", "款内容", 18.0, false, false),
    col("item", "项内容", 30.0, false, false),
    col("item_responsibility", "责任单位", 14.0, false, false),
    col("subitem", "小项内容", 34.0, false, false),
    col("subitem_responsibility", "责任单位", 14.0, false, false),
    col("work", "具体工作内容", 40.0, false, false),
];

/// 部门工作进展表 (template version 3: with 牵头单位 and 佐证材料).
pub const DEPARTMENT: [Column; 15] = [
    col("seq", "序号", 5.0, false, true),
    col("code", "任务编号", 9.0, false, true),
    col("subitem", "任务内容", 26.0, false, false),
    col("duty", "本单位职责", 22.0, false, false),
    col("role", "牵头/配合", 6.5, false, true),
    col("lead", "牵头单位", 9.0, false, false),
    col("deadline", "完成时限", 9.0, false, true),
    col("targets", "量化目标", 12.0, false, false),
    col("status", "完成状态", 9.0, true, true),
    input_num("percent", "完成进度(%)", 7.0),
    col("progress", "进展情况", 30.0, true, false),
    col("problems", "存在问题", 16.0, true, false),
    col("next_steps", "下步计划", 16.0, true, false),
    col("remarks", "备注", 8.0, true, false),
    col("evidence", "佐证材料", 10.0, false, false),
];

/// 部门工作进展表 of template version 1 (without 完成进度), still read back.
pub const DEPARTMENT_V1_KEYS: [&str; 12] =
    ["seq", "code", "subitem", "duty", "role", "deadline", "targets", "status", "progress", "problems", "next_steps", "remarks"];

/// 量化指标: one row per target of the department's sub-items; its hidden code column holds
/// `任务编号#目标序号` (1-based), e.g. `1.1.1.3#1`.
pub const TARGET_VALUES: [Column; 6] = [
    col("code", "任务编号", 9.0, false, true),
    col("metric", "指标", 18.0, false, false),
    col("target", "目标", 40.0, false, false),
    col("unit", "单位", 6.0, false, true),
    input_num("value", "本期实际值", 10.0),
    col("note", "说明", 30.0, true, false),
];

/// 全县汇总表: a block of rows per sub-item (its task shared), one per responsible department,
/// lead first.
pub const SUMMARY: [Column; 13] = [
    col("seq", "序号", 5.0, false, true),
    col("code", "任务编号", 9.0, false, true),
    col("subitem", "任务内容", 28.0, false, false),
    col("department", "责任单位", 10.0, false, true),
    col("deadline", "完成时限", 9.0, false, true),
    col("status", "完成状态", 9.0, false, true),
    num("percent", "完成进度(%)", 7.0),
    col("progress", "进展情况", 34.0, false, false),
    col("problems", "存在问题", 20.0, false, false),
    col("next_steps", "下步计划", 20.0, false, false),
    col("evidence", "佐证材料", 12.0, false, false),
    col("alert", "预警", 7.0, false, true),
    col("submitted", "报送情况", 9.0, false, true),
];

/// 统计 by department, then by article; each block ends with its 合计 row. The status columns and
/// 未填报 add up to 合计.
pub const STATISTICS: [Column; 15] = [
    col("department", "部门", 14.0, false, false),
    num("lead", "牵头小项", 7.0),
    num("cooperating", "配合小项", 7.0),
    num("total", "合计", 7.0),
    num("submitted", "已报送", 7.0),
    num("not_started", Status::NotStarted.label(), 7.0),
    num("on_schedule", Status::OnSchedule.label(), 7.0),
    num("behind", Status::Behind.label(), 7.0),
    num("completed", Status::Completed.label(), 7.0),
    num("standing", Status::Ongoing.label(), 7.0),
    num("not_reported", Status::NotReported.label(), 7.0),
    num("red", Level::Red.label(), 7.0),
    num("yellow", Level::Yellow.label(), 7.0),
    num("blue", Level::Blue.label(), 7.0),
    num("drafts", "草稿未报送", 7.0),
];

/// 预警清单.
pub const ALERTS: [Column; 7] = [
    col("level", "预警", 8.0, false, true),
    col("code", "任务编号", 9.0, false, true),
    col("subitem", "任务内容", 40.0, false, false),
    col("department", "责任部门", 12.0, false, true),
    col("deadline", "完成时限", 12.0, false, true),
    col("status", "完成状态", 9.0, false, true),
    col("reason", "预警原因", 30.0, false, false),
];

/// 未报送单位.
pub const MISSING: [Column; 4] = [
    col("department", "部门", 16.0, false, false),
    col("tasks", "承担小项", 9.0, false, true),
    col("not_submitted", "未报送小项", 10.0, false, true),
    col("codes", "未报送的任务编号", 70.0, false, false),
];
