//! The completion status a department reports for a task (完成状态). Statuses are stored,
//! serialized and printed by their Chinese word, which is what the forms and sheets show.

crate::vocabulary! {
    /// A task's completion status; `NotReported` is what a task without any record shows, and
    /// is never saved.
    pub enum Status ("完成状态") {
        /// Work has not begun.
        NotStarted = "未启动", "未启动";
        /// On schedule.
        OnSchedule = "序时推进", "序时推进";
        /// Behind schedule.
        Behind = "滞后", "滞后";
        /// Done (requires 100%).
        Completed = "已完成", "已完成";
        /// A standing task, kept up without an end.
        Ongoing = "长期坚持", "长期坚持";
        /// No record in the period.
        NotReported = "未填报", "未填报";
    }
}

impl Status {
    /// The statuses a department may choose, in the order the form and the sheet's drop-down
    /// offer them.
    pub const REPORTABLE: [Status; 5] = [Status::NotStarted, Status::OnSchedule, Status::Behind, Status::Completed, Status::Ongoing];

    /// The status a new record starts with.
    pub const DEFAULT: Status = Status::OnSchedule;

    /// A reportable status written as `text`, exactly.
    pub fn reportable(text: &str) -> Option<Status> {
        Status::REPORTABLE.into_iter().find(|s| s.label() == text)
    }

    /// The reportable statuses joined for a message: 未启动、序时推进、…
    pub fn choices() -> String {
        Status::REPORTABLE.map(Status::label).join("、")
    }
}

impl Default for Status {
    fn default() -> Self {
        Status::DEFAULT
    }
}

/// What the deadline column shows for a task without any deadline (a standing task).
pub const STANDING_DEADLINE: &str = Status::Ongoing.label();
