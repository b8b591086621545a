//! Warning colours of 督办 practice for a task in a period: red (deadline passed and not
//! 已完成), yellow (滞后, or percent behind the time elapsed), blue (deadline within 30 days).

use ts_rs::TS;
use crate::plan::{Deadline, DeadlineKind};
use crate::status::Status;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Days before a deadline that a task turns blue.
pub const BLUE_DAYS: i64 = 30;

/// Percentage points a task may lag the elapsed time before it turns yellow.
pub const YELLOW_TOLERANCE: f64 = 10.0;

crate::vocabulary! {
    /// A warning colour; ordered by urgency (blue < yellow < red).
    pub enum Level ("预警级别") {
        /// Deadline within 30 days.
        Blue = "blue", "蓝色提醒";
        /// Behind schedule.
        Yellow = "yellow", "黄色预警";
        /// Overdue.
        Red = "red", "红色预警";
    }
}

/// A task's warning in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Alert {
    /// Colour.
    pub level: Level,
    /// Why, in Chinese.
    pub reason: String,
}

/// The due dates of `deadlines` that matter for a period starting `period_start`: every fixed
/// date, and each recurrence's first occurrence on or after the period's start.
pub fn due_dates(deadlines: &[Deadline], period_start: NaiveDate) -> Vec<NaiveDate> {
    let mut dates: Vec<NaiveDate> = deadlines
        .iter()
        .filter_map(|d| match &d.kind {
            DeadlineKind::Due(date) => Some(*date),
            DeadlineKind::Every(rec) => {
                let start = rec.from.map_or(period_start, |from| from.max(period_start));
                let occurrence = |year: i32| match rec.by {
                    Some((month, day)) => NaiveDate::from_ymd_opt(year, month, day),
                    None => NaiveDate::from_ymd_opt(year, 12, 31),
                };
                let every_year = rec.years == 1;
                // A cycle of several years without a stated start has no knowable due date.
                let cycle_matches = |year: i32| every_year || rec.from.is_some_and(|f| (year - f.year()) % rec.years as i32 == rec.years as i32 - 1);
                (start.year()..=start.year() + rec.years as i32)
                    .filter(|y| cycle_matches(*y))
                    .filter_map(occurrence)
                    .find(|date| *date >= start)
            }
        })
        .collect();
    dates.sort_unstable();
    dates.dedup();
    dates
}

/// The warning of a task with `deadlines` in the period `[start, end]`, as of `today`, given
/// its latest status and percent (none when nothing was reported).
pub fn alert(deadlines: &[Deadline], status: Option<Status>, percent: Option<i64>, start: NaiveDate, end: NaiveDate, today: NaiveDate) -> Option<Alert> {
    if status == Some(Status::Completed) {
        return None;
    }
    let as_of = today.min(end);
    let dates = due_dates(deadlines, start);
    if let Some(passed) = dates.iter().rev().find(|d| **d < as_of) {
        return Some(Alert { level: Level::Red, reason: format!("已超过完成时限 {passed}，尚未完成") });
    }
    let next = dates.iter().find(|d| **d >= as_of).copied();
    if status == Some(Status::Behind) {
        return Some(Alert { level: Level::Yellow, reason: format!("填报状态为{}", Status::Behind) });
    }
    if let (Some(percent), Some(due)) = (percent, next) {
        if status != Some(Status::Ongoing) {
            let horizon = due.min(end);
            let total = (horizon - start).num_days().max(1) as f64;
            let elapsed = (as_of - start).num_days().clamp(0, total as i64) as f64;
            let expected = 100.0 * elapsed / total;
            if (percent as f64) + YELLOW_TOLERANCE < expected {
                return Some(Alert { level: Level::Yellow, reason: format!("完成 {percent}%，落后于时间进度 {expected:.0}%") });
            }
        }
    }
    if let Some(due) = next {
        let days = (due - as_of).num_days();
        if days <= BLUE_DAYS {
            return Some(Alert { level: Level::Blue, reason: format!("距完成时限 {due} 还有 {days} 天") });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::find_deadlines;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    fn level(text: &str, status: Option<Status>, percent: Option<i64>, today: NaiveDate) -> Option<Level> {
        alert(&find_deadlines([text]), status, percent, day(2026, 10, 1), day(2026, 12, 31), today).map(|a| a.level)
    }

    #[test]
    fn a_passed_deadline_is_red_until_completed() {
        assert_eq!(level("2020年底前完成", None, None, day(2026, 11, 30)), Some(Level::Red), "overdue, nothing reported");
        assert_eq!(level("2020年底前完成", Some(Status::OnSchedule), Some(90), day(2026, 11, 30)), Some(Level::Red), "overdue, in progress");
        assert_eq!(level("2020年底前完成", Some(Status::Completed), Some(100), day(2026, 11, 30)), None, "completed");
    }

    #[test]
    fn a_near_deadline_is_blue() {
        assert_eq!(level("2026年底前完成", Some(Status::OnSchedule), Some(95), day(2026, 12, 10)), Some(Level::Blue), "21 days left");
        assert_eq!(level("2026年底前完成", Some(Status::OnSchedule), Some(50), day(2026, 10, 20)), None, "72 days left, on time");
    }

    #[test]
    fn behind_schedule_is_yellow() {
        assert_eq!(level("2026年底前完成", Some(Status::Behind), Some(80), day(2026, 10, 5)), Some(Level::Yellow), "status 滞后");
        assert_eq!(level("2026年底前完成", Some(Status::OnSchedule), Some(10), day(2026, 11, 30)), Some(Level::Yellow), "10% with two thirds elapsed");
        assert_eq!(level("定期开展巡查", Some(Status::Behind), None, day(2026, 11, 30)), Some(Level::Yellow), "standing task reported 滞后");
        assert_eq!(level("定期开展巡查", Some(Status::OnSchedule), Some(0), day(2026, 11, 30)), None, "standing task has no time schedule");
    }

    #[test]
    fn recurring_deadlines_fall_due_in_every_period() {
        let annual = find_deadlines(["每年1月底前报告"]);
        assert_eq!(due_dates(&annual, day(2026, 10, 1)), [day(2027, 1, 31)], "next January after Q4");
        assert_eq!(due_dates(&annual, day(2026, 1, 1)), [day(2026, 1, 31)], "this January in 2026Q1");
        assert_eq!(due_dates(&find_deadlines(["每年开展"]), day(2026, 7, 1)), [day(2026, 12, 31)], "each year's end");
        assert_eq!(level("每年1月底前报告", None, None, day(2027, 1, 10)), None, "as of the period's end nothing is overdue");
        assert_eq!(
            alert(&annual, None, None, day(2026, 1, 1), day(2026, 3, 31), day(2026, 2, 5)).map(|a| a.level),
            Some(Level::Red),
            "2026Q1: the January report is overdue in February"
        );
    }
}
