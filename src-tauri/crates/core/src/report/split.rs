//! Where a laid-out table goes on to another sheet. Excel keeps at most 1,023 manual page
//! breaks a sheet (the breaks after them are dropped and Excel paginates the rest itself,
//! cutting records where we would not) and 1,048,576 rows; a table past either continues on a
//! sheet named `全县汇总（续1）` and so on, its pages numbered on from the sheet before.

use super::flow::Laid;

/// Excel's limits on one sheet, as they bear on a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetLimits {
    /// Pages a sheet may hold: one more than its manual page breaks.
    pub pages: usize,
    /// Table rows a sheet may hold, below its title and header.
    pub rows: usize,
}

/// Excel's: 1,023 manual page breaks, 1,048,576 rows less the title, the line under it and the
/// header.
pub const EXCEL_LIMITS: SheetLimits = SheetLimits { pages: 1_024, rows: 1_048_576 - 3 };

/// The name of the `number`th continuation (from 1) of sheet `name`: 全县汇总（续1）.
pub fn continuation_name(name: &str, number: usize) -> String {
    format!("{name}（续{number}）")
}

/// Is sheet `name` the sheet `sheet` or one it continues on?
pub fn is_part_of(name: &str, sheet: &str) -> bool {
    name == sheet || name.strip_prefix(sheet).and_then(|rest| rest.strip_prefix("（续")).and_then(|rest| rest.strip_suffix('）')).is_some_and(|n| n.parse::<usize>().is_ok())
}

/// A sheet's share of a laid-out table: rows `first..end` (indexes into [`Laid::rows`]) and the
/// number of its first page in the whole table (from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetPart {
    /// First row.
    pub first: usize,
    /// One past the last row.
    pub end: usize,
    /// Number of the part's first page.
    pub first_page: usize,
    /// Pages in the part.
    pub pages: usize,
}

/// The parts of `laid` within `limits`: the first, and any that follow on further sheets. Each
/// part ends at the end of a page, where possible one at which a new record or heading begins,
/// so no record is cut between two sheets.
pub fn sheet_parts(laid: &Laid, limits: SheetLimits) -> (SheetPart, Vec<SheetPart>) {
    let mut parts = all_parts(laid, limits).into_iter();
    let whole = SheetPart { first: 0, end: laid.rows.len(), first_page: 1, pages: laid.pages() };
    (parts.next().unwrap_or(whole), parts.collect())
}

/// Every part, in order; never empty.
fn all_parts(laid: &Laid, limits: SheetLimits) -> Vec<SheetPart> {
    let page_count = laid.pages();
    let page_start = |page: usize| if page == 0 { 0 } else { laid.page_starts[page - 1] };
    let begins_entry = |row: usize| row == 0 || laid.rows.get(row - 1).map(|r| r.entry) != laid.rows.get(row).map(|r| r.entry);
    let mut parts = Vec::new();
    let mut page = 0;
    loop {
        let first = page_start(page);
        let fits = |end_page: usize| {
            let end = if end_page >= page_count { laid.rows.len() } else { page_start(end_page) };
            end_page - page <= limits.pages.max(1) && end - first <= limits.rows.max(1)
        };
        if fits(page_count) {
            parts.push(SheetPart { first, end: laid.rows.len(), first_page: page + 1, pages: page_count - page });
            return parts;
        }
        let allowed: Vec<usize> = (page + 1..page_count).take_while(|p| fits(*p)).collect();
        // A page taller than the row limit cannot be kept whole: it ends the sheet anyway.
        let next = allowed.iter().rev().find(|p| begins_entry(page_start(**p))).or(allowed.last()).copied().unwrap_or(page + 1);
        parts.push(SheetPart { first, end: page_start(next), first_page: page + 1, pages: next - page });
        page = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::flow::Row;

    /// `entries` of `rows_each` rows, `per_page` rows a page.
    fn laid(entries: usize, rows_each: usize, per_page: usize) -> Laid {
        let rows: Vec<Row> = (0..entries * rows_each).map(|i| Row { height: 15.0, entry: i / rows_each, parts: Vec::new(), opens: i % rows_each == 0, closes: true }).collect();
        let page_starts = (per_page..rows.len()).step_by(per_page).collect();
        Laid { rows, page_starts, merges: Vec::new() }
    }

    fn check_cover(laid: &Laid, parts: &[SheetPart], limits: SheetLimits) {
        assert_eq!(parts.first().map(|p| p.first), Some(0), "starts at the first row");
        assert_eq!(parts.last().map(|p| p.end), Some(laid.rows.len()), "ends at the last row");
        assert_eq!(parts.iter().map(|p| p.pages).sum::<usize>(), laid.pages(), "every page in one part");
        for pair in parts.windows(2) {
            assert_eq!(pair[0].end, pair[1].first, "parts follow each other");
            assert_eq!(pair[0].first_page + pair[0].pages, pair[1].first_page, "pages numbered on");
            assert!(laid.page_starts.contains(&pair[1].first), "a part begins at a page");
        }
        for part in parts {
            assert!(part.pages <= limits.pages && part.end - part.first <= limits.rows, "{part:?} within {limits:?}");
        }
    }

    #[test]
    fn a_table_within_the_limits_stays_on_one_sheet() {
        let table = laid(100, 1, 10);
        assert_eq!(all_parts(&table, EXCEL_LIMITS), vec![SheetPart { first: 0, end: 100, first_page: 1, pages: 10 }]);
        assert_eq!(all_parts(&Laid::default(), EXCEL_LIMITS).len(), 1, "an empty table is one sheet");
    }

    #[test]
    fn past_1024_pages_a_table_goes_on_to_further_sheets() {
        // 3,000 pages of 2 one-row records.
        let table = laid(6_000, 1, 2);
        let parts = all_parts(&table, EXCEL_LIMITS);
        check_cover(&table, &parts, EXCEL_LIMITS);
        assert_eq!(parts.iter().map(|p| p.pages).collect::<Vec<_>>(), vec![1_024, 1_024, 952]);
        assert_eq!(parts[1].first_page, 1_025);
    }

    #[test]
    fn a_record_over_a_page_end_is_not_cut_between_sheets() {
        // Records of 3 rows, 2 rows a page: every other page begins inside a record.
        let table = laid(10, 3, 2);
        let limits = SheetLimits { pages: 4, rows: 1_000 };
        let parts = all_parts(&table, limits);
        check_cover(&table, &parts, limits);
        for part in &parts[1..] {
            assert!(table.rows[part.first].entry != table.rows[part.first - 1].entry, "{part:?} begins a record");
        }
        assert_eq!(parts[0].pages, 3, "the fourth page begins inside a record: the sheet ends after the third");
    }

    #[test]
    fn the_row_limit_splits_a_table_too() {
        let table = laid(50, 1, 5);
        let limits = SheetLimits { pages: 1_024, rows: 12 };
        let parts = all_parts(&table, limits);
        check_cover(&table, &parts, limits);
        assert_eq!(parts.iter().map(|p| p.end - p.first).collect::<Vec<_>>(), vec![10, 10, 10, 10, 10]);
    }

    #[test]
    fn a_continued_sheet_is_named_after_the_first() {
        assert_eq!(continuation_name("全县汇总", 1), "全县汇总（续1）");
        assert!(continuation_name("工作进展情况表", 12).chars().count() <= 31, "within Excel's 31 characters");
        assert!(is_part_of("全县汇总", "全县汇总") && is_part_of("全县汇总（续12）", "全县汇总"));
        assert!(!is_part_of("全县汇总表", "全县汇总") && !is_part_of("全县汇总（续）", "全县汇总") && !is_part_of("统计", "全县汇总"));
    }
}
