//! Plans and progress at a multiple of the seed's size: the data of `cargo xtask bench` and of
//! the size tests. The seed's articles are repeated and renumbered, so every level, department,
//! deadline and target of the real table occurs as often as the factor says.

use crate::error::{Error, Result};
use crate::periods;
use crate::status::Status;
use crate::store::{RecordState, Store};
use crate::table_reader::{cells, decode, labels};
use calamine::{open_workbook, Reader, Xlsx};
use std::collections::BTreeSet;
use std::path::Path;

/// What [`fill_progress`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filled {
    /// The periods created, in order (the year's quarters, then its months).
    pub periods: Vec<String>,
    /// Versions written, in every quarter.
    pub versions: usize,
}

/// The seed table `factor` times over: its articles repeated with their numbers continued
/// (十四、… after 十三、…), under the seed's title marked with the factor, so the result is a
/// plan of its own and not a revision of the seed.
///
/// # Errors
/// The seed's own reading errors ([`Error::NoTable`], [`Error::CellCount`] …), or
/// [`Error::BadDocument`] for a factor of 0.
///
/// # Examples
/// ```
/// let text = taizhang_core::scale::scaled_plan_text(taizhang_core::DEFAULT_PLAN, 2).expect("scaled");
/// assert!(text.contains("\t十四、"));
/// ```
pub fn scaled_plan_text(seed: &[u8], factor: usize) -> Result<String> {
    if factor == 0 {
        return Err(Error::BadDocument("规模倍数至少为 1".into()));
    }
    let table = cells::split_table(&decode::decode(seed)?)?;
    let articles_per_copy = table.rows.iter().filter(|row| !row.cells[0].text.is_empty()).count() as u32;
    let mut text = String::with_capacity(seed.len() * factor + 64);
    let last = table.preamble.len().saturating_sub(1);
    for (index, line) in table.preamble.iter().enumerate() {
        text.push_str(line);
        if index == last {
            text.push_str(&format!("（×{factor} 规模测试）"));
        }
        text.push('\n');
    }
    text.push('\n');
    push_row(&mut text, cells::HEADER.iter().map(|h| h.to_string()));
    for copy in 0..factor as u32 {
        let mut article = copy * articles_per_copy;
        for row in &table.rows {
            let mut texts: Vec<String> = row.cells.iter().map(|c| c.text.clone()).collect();
            if !texts[0].is_empty() {
                article += 1;
                let rest = labels::article(&texts[0]).rest.to_string();
                texts[0] = format!("{}、{rest}", labels::chinese_numeral(article));
            }
            push_row(&mut text, texts.into_iter());
        }
    }
    Ok(text)
}

/// One row in the text table format: every cell on a new line starting with one TAB.
fn push_row(text: &mut String, cells: impl Iterator<Item = String>) {
    for cell in cells {
        text.push('\t');
        text.push_str(&cell);
        text.push('\n');
    }
    text.push('\n');
}

/// Create `year`'s quarters and months, and give every department responsible for a sub-item of
/// `plan_id` a submitted record in each quarter (a third of them in two versions), with texts
/// as long as offices write. On a database without accounts, as the benchmark makes it.
///
/// # Errors
/// [`Error::InvalidInput`] when one of the periods exists already, or any store error.
pub fn fill_progress(store: &Store, plan_id: i64, year: i32) -> Result<Filled> {
    let quarters: Vec<String> = (1..=4).map(|q| format!("{year}Q{q}")).collect();
    let months = (1..=12).map(|m| format!("{year}M{m}"));
    let mut created = Vec::new();
    for key in quarters.iter().cloned().chain(months) {
        created.push(periods::create_period_before_setup(store, &key)?.key);
    }
    let mut versions = 0;
    for key in &quarters {
        let period = store.period(key)?.ok_or_else(|| Error::NotFound(format!("报告期 {key} 尚未创建")))?;
        versions += store.fill_sample_progress(plan_id, period.id, &Status::REPORTABLE, RecordState::Submitted)?;
    }
    Ok(Filled { periods: created, versions })
}

/// What [`check_summary`] found in an exported 全县汇总表.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SizeCheck {
    /// Cells read, on every sheet.
    pub cells: usize,
    /// Length of the longest cell as Excel counts it (UTF-16 units).
    pub longest: usize,
    /// Cells over Excel's 32,767 characters, as "sheet!row,column".
    pub too_long: Vec<String>,
    /// Sub-items of the plan in the county sheet's task-code column.
    pub subitems_found: usize,
    /// Sheets the county sheet is written on (more than one past Excel's 1,023 page breaks).
    pub county_sheets: usize,
    /// Sub-items of the plan missing from it.
    pub missing: Vec<String>,
}

impl SizeCheck {
    /// Every cell within Excel's limit and every sub-item present.
    pub fn passed(&self) -> bool {
        self.too_long.is_empty() && self.missing.is_empty()
    }
}

/// Read an exported 全县汇总表 back with calamine: every cell of every sheet within Excel's
/// 32,767 characters, and every sub-item of `plan_id` in the county sheet's task-code column
/// (on the sheet and the sheets it continues on).
///
/// # Errors
/// [`Error::BadDocument`] when the file cannot be read as a workbook; store errors.
pub fn check_summary(path: &Path, store: &Store, plan_id: i64) -> Result<SizeCheck> {
    let unreadable = |e: calamine::XlsxError| Error::BadDocument(format!("无法读取 {}：{e}", path.display()));
    let mut book: Xlsx<_> = open_workbook(path).map_err(unreadable)?;
    let mut check = SizeCheck { cells: 0, longest: 0, too_long: Vec::new(), subitems_found: 0, county_sheets: 0, missing: Vec::new() };
    let code_column = crate::report::layout::SUMMARY.len();
    let county = crate::report::SUMMARY_SHEETS[0];
    let mut codes = BTreeSet::new();
    for name in book.sheet_names() {
        let is_county = crate::report::split::is_part_of(&name, county);
        check.county_sheets += usize::from(is_county);
        let range = book.worksheet_range(&name).map_err(unreadable)?;
        for (row, column, value) in range.used_cells() {
            let length = value.to_string().encode_utf16().count();
            check.cells += 1;
            check.longest = check.longest.max(length);
            if length > crate::report::EXCEL_CELL_CHARS {
                check.too_long.push(format!("{name}!{},{}", row + 1, column + 1));
            }
            if is_county && column == code_column {
                codes.insert(value.to_string());
            }
        }
    }
    for sub in store.load_plan(plan_id)?.subitems() {
        if codes.contains(&sub.code) {
            check.subitems_found += 1;
        } else {
            check.missing.push(sub.code.clone());
        }
    }
    Ok(check)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_scaled_reads_to_factor_times_the_seed() {
        let mut dir = crate::departments::Directory::builtin();
        let seed = crate::table_reader::read_plan(crate::DEFAULT_PLAN, "seed", &mut dir).expect("the seed reads");
        let text = scaled_plan_text(crate::DEFAULT_PLAN, 3).expect("scaled");
        let scaled = crate::table_reader::read_plan(text.as_bytes(), "scaled", &mut dir).expect("the scaled table reads");
        assert_eq!(scaled.plan.articles.len(), 3 * seed.plan.articles.len());
        assert_eq!(scaled.plan.subitems().count(), 3 * seed.plan.subitems().count());
        let misnumbered = seed.warnings.iter().filter(|w| w.message.starts_with("条编号")).count();
        assert_eq!(misnumbered, 1, "the seed's last article is written 十四、 in 13th place");
        assert_eq!(scaled.warnings.len(), 3 * (seed.warnings.len() - misnumbered), "the seed's irregularities three times, but numbering in order");
        assert_eq!(scaled.plan.articles[13].label, "十四、");
        assert_eq!(scaled.plan.articles[13].title, seed.plan.articles[0].title);
        assert!(scaled.plan.name.ends_with("（×3 规模测试）"), "{}", scaled.plan.name);
        assert!(matches!(scaled_plan_text(crate::DEFAULT_PLAN, 0), Err(Error::BadDocument(_))));
    }
}
