//! The floor under `taizhang export summary` in `cargo xtask bench`: the Python peer's workbook
//! (`xtask/bench/summary_peer.py`, line for line — the same two queries, read from
//! `xtask/bench/summary_*.sql` by both, the same cells, formats and merges) written by
//! rust_xlsxwriter with nothing else: no layout, no page breaks, one sheet, in the low-memory mode
//! the reports use (row by row, each merged cell with its first row). What this takes is what
//! rust_xlsxwriter itself needs for the peer's cells, so it bounds how far below the peer's time
//! any 全县汇总表 written with it can go. Like the peer it reads the database directly; it is a
//! measuring stick, not part of the product.
//!
//!     cargo run --release -p taizhang-core --example summary_floor -- taizhang.db 2026Q4 out.xlsx

use rusqlite::{params, Connection};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;

const HEADERS: [&str; 13] = ["序号", "编号", "小项内容", "责任单位", "完成时限", "完成状态", "完成进度(%)", "工作进展情况", "存在问题", "下一步工作打算", "佐证材料", "预警", "报送情况"];
const WIDTHS: [f64; 13] = [5.0, 9.0, 40.0, 12.0, 12.0, 9.0, 8.0, 40.0, 24.0, 30.0, 14.0, 6.0, 8.0];

const LATEST: &str = include_str!("../../xtask/bench/summary_latest.sql");
const ROWS: &str = include_str!("../../xtask/bench/summary_rows.sql");

/// Status, percent, progress, problems, next steps, state.
type Latest = (String, i64, String, String, String, String);

/// One row of `ROWS`.
struct Line {
    id: i64,
    code: String,
    text: String,
    article: String,
    department: String,
    role: String,
    deadline: String,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [database, period, out] = args.as_slice() else {
        return Err("用法：summary_floor 数据库 报告期 输出.xlsx".into());
    };
    let db = Connection::open(database)?;
    let mut latest: HashMap<(i64, String), Latest> = HashMap::new();
    let mut statement = db.prepare(LATEST)?;
    let mut rows = statement.query(params![period])?;
    while let Some(row) = rows.next()? {
        latest.insert((row.get(0)?, row.get(1)?), (row.get(2)?, row.get(3)?, row.get(4)?, row.get(5)?, row.get(6)?, row.get(7)?));
    }
    let mut statement = db.prepare(ROWS)?;
    let lines = statement
        .query_map([], |r| Ok(Line { id: r.get(0)?, code: r.get(1)?, text: r.get(2)?, article: r.get(3)?, department: r.get(4)?, role: r.get(5)?, deadline: r.get(6)? }))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut book = Workbook::new();
    book.set_zip_compression_level(1);
    let sheet = book.add_worksheet_with_low_memory()?;
    write_sheet(sheet, period, &lines, &latest)?;
    book.save(out)?;
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, period: &str, lines: &[Line], latest: &HashMap<(i64, String), Latest>) -> Result<(), XlsxError> {
    sheet.set_name("全县汇总")?;
    let title = Format::new().set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let header = Format::new().set_bold().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap().set_background_color("#D9E1F2");
    let group = Format::new().set_bold().set_border(FormatBorder::Thin).set_background_color("#F2F2F2").set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Top).set_text_wrap();
    let centred = Format::new().set_border(FormatBorder::Thin).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap();
    for (column, width) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(column as u16, *width)?;
    }
    let last = HEADERS.len() as u16 - 1;
    sheet.merge_range(0, 0, 0, last, &format!("全县工作进展汇总表（{period}）"), &title)?;
    sheet.write_row_with_format(1, 0, HEADERS, &header)?;
    sheet.set_repeat_rows(1, 1)?;
    sheet.set_landscape().set_paper_size(9).set_print_fit_to_pages(1, 0);
    let (mut row, mut article, mut seq, mut last_id) = (2u32, "", 0, None);
    let missing: Latest = ("未填报".into(), -1, String::new(), String::new(), String::new(), String::new());
    for (index, line) in lines.iter().enumerate() {
        if line.article != article {
            article = &line.article;
            sheet.merge_range(row, 0, row, last, article, &group)?;
            row += 1;
        }
        if last_id != Some(line.id) {
            (seq, last_id) = (seq + 1, Some(line.id));
            // The sub-item's shared cells, merged over its departments' rows from the first on.
            let rows = lines[index..].iter().take_while(|next| next.id == line.id).count() as u32;
            for (column, value) in [(0u16, seq.to_string()), (1, line.code.clone()), (2, line.text.clone())] {
                if rows > 1 {
                    sheet.merge_range(row, column, row + rows - 1, column, &value, &cell)?;
                } else {
                    sheet.write_string_with_format(row, column, &value, &cell)?;
                }
            }
        }
        let (status, percent, progress, problems, next_steps, state) = latest.get(&(line.id, line.department.clone())).unwrap_or(&missing);
        let role = if line.role == "lead" { "牵头" } else { "配合" };
        sheet.write_row_with_format(row, 3, [format!("{}\n（{role}）", line.department).as_str(), &line.deadline, status], &centred)?;
        if *percent >= 0 {
            sheet.write_number_with_format(row, 6, *percent as f64, &centred)?;
        } else {
            sheet.write_blank(row, 6, &centred)?;
        }
        sheet.write_row_with_format(row, 7, [progress.as_str(), problems, next_steps, ""], &cell)?;
        sheet.write_row_with_format(row, 11, ["", if state == "submitted" { "已报送" } else { "未报送" }], &centred)?;
        row += 1;
    }
    Ok(())
}
