//! Text → cells → rows. Every cell starts on a new line with one TAB; further lines of the
//! cell have none; empty lines are no content; a row has exactly 7 cells.

use crate::error::{Error, Result};

/// Number of cells in a row of a task breakdown table.
pub const COLUMNS: usize = 7;

/// The header as written in the Lishu table.
pub const HEADER: [&str; COLUMNS] = ["条内容", "款内容", "项内容", "责任单位", "小项内容", "责任单位", "具体工作内容"];

/// One cell: its lines trimmed and joined by "\n", and the source line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 1-based source line of the cell's TAB.
    pub line: usize,
    /// The text; empty for "same as above".
    pub text: String,
}

/// A row of 7 cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row's cells, left to right.
    pub cells: [Cell; COLUMNS],
}

impl Row {
    /// Source line the row starts on.
    pub fn line(&self) -> usize {
        self.cells[0].line
    }
}

/// A table: the lines above it (the title) and its data rows, the header checked and removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Non-empty lines before the first cell, trimmed.
    pub preamble: Vec<String>,
    /// Data rows in document order.
    pub rows: Vec<Row>,
}

/// Split decoded text into the table's rows.
pub fn split_table(text: &str) -> Result<Table> {
    let mut preamble = Vec::new();
    let mut cells: Vec<(usize, Vec<&str>)> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        if let Some(first) = line.strip_prefix('\t') {
            cells.push((index + 1, vec![first]));
        } else if line.trim().is_empty() {
            continue;
        } else if let Some((_, lines)) = cells.last_mut() {
            lines.push(line);
        } else {
            preamble.push(line.trim().to_string());
        }
    }
    if cells.is_empty() {
        return Err(Error::NoTable);
    }
    let cells: Vec<Cell> = cells.into_iter().map(|(line, lines)| Cell { line, text: join_lines(&lines) }).collect();
    let incomplete = cells.len() % COLUMNS;
    if incomplete != 0 {
        let line = cells[cells.len() - incomplete].line;
        return Err(Error::CellCount { line, cells: incomplete });
    }
    let mut rows = cells.chunks_exact(COLUMNS).map(|chunk| Row {
        cells: std::array::from_fn(|i| chunk[i].clone()),
    });
    let header = rows.next().ok_or(Error::NoTable)?;
    check_header(&header)?;
    let rows: Vec<Row> = rows.collect();
    if rows.is_empty() {
        return Err(Error::NoRows);
    }
    Ok(Table { preamble, rows })
}

/// A table from rows of cell texts read out of a Word or Excel table: `rows` holds each row's
/// number (as the user finds it in the document) and its texts, the header first. Rows that
/// repeat the header (a table continued over pages) and blank rows are left out.
///
/// # Errors
/// [`Error::NoTable`] without rows, [`Error::BadHeader`], [`Error::CellCount`] for a row that
/// does not have seven cells, [`Error::NoRows`] when only the header is there.
pub fn table_from_rows(preamble: Vec<String>, rows: Vec<(usize, Vec<String>)>) -> Result<Table> {
    let mut rows = rows.into_iter().filter(|(_, texts)| texts.iter().any(|t| !t.trim().is_empty()));
    let (line, texts) = rows.next().ok_or(Error::NoTable)?;
    let header = row_of(line, texts)?;
    check_header(&header)?;
    let names = |row: &Row| row.cells.iter().map(|c| c.text.split_whitespace().collect::<String>()).collect::<Vec<_>>();
    let header_names = names(&header);
    let mut table = Table { preamble, rows: Vec::new() };
    for (line, texts) in rows {
        let row = row_of(line, texts)?;
        if names(&row) != header_names {
            table.rows.push(row);
        }
    }
    if table.rows.is_empty() {
        return Err(Error::NoRows);
    }
    Ok(table)
}

fn row_of(line: usize, texts: Vec<String>) -> Result<Row> {
    if texts.len() != COLUMNS {
        return Err(Error::BadDocument(format!("第 {line} 行有 {} 个单元格，任务分解表每行应为 7 列（条内容、款内容、项内容、责任单位、小项内容、责任单位、具体工作内容）", texts.len())));
    }
    let mut texts = texts.into_iter().map(|text| Cell { line, text: join_lines(&text.lines().collect::<Vec<_>>()) });
    Ok(Row { cells: std::array::from_fn(|_| texts.next().unwrap_or(Cell { line, text: String::new() })) })
}

/// Lines trimmed, blank ones dropped, joined by "\n": the normal form of a cell's text.
pub fn join_lines(lines: &[&str]) -> String {
    lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n")
}

/// The header must name the 7 columns; whitespace inside a name is forgiven.
fn check_header(header: &Row) -> Result<()> {
    let found: Vec<String> = header.cells.iter().map(|c| c.text.split_whitespace().collect()).collect();
    if found.iter().zip(HEADER).all(|(f, h)| f == h) {
        Ok(())
    } else {
        Err(Error::BadHeader { line: header.line(), found: found.join("、") })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header() -> String {
        HEADER.iter().map(|h| format!("\t{h}\n")).collect()
    }

    #[test]
    fn cells_continue_on_lines_without_a_tab() {
        let text = format!("标题\n\n{}\t一、条\n\t（一）款\n\t项\n第二行\n\n\t甲局\n\t1、小项\n\t1、甲局\n\t  工作  \n", header());
        let table = split_table(&text).expect("a well-formed table");
        assert_eq!(table.preamble, ["标题"], "lines above the table are the preamble");
        assert_eq!(table.rows.len(), 1, "one data row");
        assert_eq!(table.rows[0].cells[2].text, "项\n第二行", "a continuation line joins its cell, the blank line is dropped");
        assert_eq!(table.rows[0].cells[6].text, "工作", "cells are trimmed");
        assert_eq!(table.rows[0].line(), 10, "the row starts at its first cell's line");
    }

    #[test]
    fn a_missing_cell_is_reported_at_its_row() {
        let text = format!("{}\t一、条\n\t（一）款\n", header());
        assert!(matches!(split_table(&text), Err(Error::CellCount { line: 8, cells: 2 })), "incomplete last row");
    }
}
