//! One page of a task list, with the list's total and its count by role: a list of thousands of
//! sub-items is filtered in the core and only the rows on screen cross to the window.

use crate::accounts::Session;
use crate::dashboard::Count;
use crate::error::{Error, Result};
use crate::plan::TaskRole;
use crate::store::Store;
use crate::task_list::{listed_rows, TaskFilter, TaskRow};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The most rows one page may ask for.
pub const MAX_PAGE_ROWS: usize = 1000;

/// Which rows of the filtered list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
pub struct PageRequest {
    /// Rows skipped (the first row is 0).
    pub offset: usize,
    /// Rows on the page (1 to [`MAX_PAGE_ROWS`]).
    pub limit: usize,
}

/// A page of a task list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TaskPage {
    /// The rows of the page, in the list's order.
    pub rows: Vec<TaskRow>,
    /// Rows in the whole filtered list.
    pub total: usize,
    /// Rows of the whole list by the department's role (lead, cooperating).
    pub by_role: Vec<Count<TaskRole>>,
}

/// The rows `page` of the list [`crate::task_list::task_rows_as`] gives.
///
/// # Errors
/// [`Error::InvalidInput`] for a page of no rows or more than [`MAX_PAGE_ROWS`]; as
/// [`task_rows_as`].
///
/// # Examples
/// ```no_run
/// # fn main() -> taizhang_core::Result<()> {
/// use taizhang_core::task_page::{task_page, PageRequest};
/// let store = taizhang_core::database::open_database(None)?;
/// let session = taizhang_core::accounts::sign_in(&store, "admin", "admin-pass-1")?;
/// let first = task_page(&store, &session, "2026Q4", &Default::default(), PageRequest { offset: 0, limit: 100 }, taizhang_core::database::today())?;
/// println!("{} of {} rows", first.rows.len(), first.total);
/// # Ok(()) }
/// ```
pub fn task_page(store: &Store, session: &Session, period: &str, filter: &TaskFilter, page: PageRequest, today: NaiveDate) -> Result<TaskPage> {
    if page.limit == 0 || page.limit > MAX_PAGE_ROWS {
        return Err(Error::InvalidInput(format!("每页行数应在 1 到 {MAX_PAGE_ROWS} 之间，收到 {}", page.limit)));
    }
    let listed = listed_rows(store, session, period, filter, today, Some(page.offset..page.offset.saturating_add(page.limit)))?;
    Ok(TaskPage { rows: listed.rows, total: listed.total, by_role: listed.by_role })
}
