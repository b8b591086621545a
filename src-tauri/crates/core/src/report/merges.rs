//! The merged cells of a laid-out table: each non-flowing cell over its record's rows and each
//! shared cell over its records' rows, cut where a page starts so the text repeats on the next.

use super::flow::{Entry, FlowColumn, Laid, Row};

/// A merged cell: a column over consecutive rows on one page, showing `entry`'s text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    /// Column.
    pub column: usize,
    /// First row (index into [`Laid::rows`]).
    pub first: usize,
    /// Last row, inclusive.
    pub last: usize,
    /// The entry whose cell text it shows.
    pub entry: usize,
}

/// Merged cells: non-flowing cells over their record's rows, shared cells over their records'
/// rows, each cut where a page starts.
pub(super) fn merges(entries: &[Entry], columns: &[FlowColumn], laid: &Laid) -> Vec<Merge> {
    let mut out = Vec::new();
    for (column, spec) in columns.iter().enumerate() {
        let key_of = |row: &Row| match &entries[row.entry] {
            Entry::Record(record) => match record.spans.get(column).copied().flatten() {
                Some(key) => Some((true, key as usize)),
                None if spec.flows => None,
                None => Some((false, row.entry)),
            },
            _ => None,
        };
        let mut start = 0;
        while start < laid.rows.len() {
            let key = key_of(&laid.rows[start]);
            let mut end = start;
            while end + 1 < laid.rows.len() && key.is_some() && key_of(&laid.rows[end + 1]) == key && laid.page_starts.binary_search(&(end + 1)).is_err() {
                end += 1;
            }
            if key.is_some() {
                out.push(Merge { column, first: start, last: end, entry: laid.rows[start].entry });
            }
            start = end + 1;
        }
    }
    out
}
