//! The task breakdown table of a Word document (.docx): the seven-column tables of the body in
//! order (one table continued over pages, or several continuing one another), merged cells
//! read as "same as above", repeated header rows dropped, paragraphs and soft line breaks
//! inside a cell kept as lines — the same cells the text reader finds in Word's plain text.

use super::zip_part;
use crate::error::{Error, Result};
use crate::table_reader::cells::{table_from_rows, Table, COLUMNS};
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Read the table of a .docx file.
///
/// # Errors
/// [`Error::BadDocument`] for a damaged file, a file without a seven-column table, or rows of
/// another width inside it; the table errors of [`table_from_rows`].
pub fn read_docx(bytes: &[u8]) -> Result<Table> {
    let xml = zip_part(bytes, "word/document.xml", "Word 文档（.docx）")?;
    let body = parse(&xml)?;
    let tables: Vec<Vec<Vec<String>>> = body.tables.into_iter().filter(|t| t.first().is_some_and(|row| row.len() == COLUMNS)).collect();
    if tables.is_empty() {
        return Err(Error::BadDocument("Word 文档中没有 7 列的任务分解表（条内容、款内容、项内容、责任单位、小项内容、责任单位、具体工作内容）".into()));
    }
    let rows = tables.into_iter().flatten().enumerate().map(|(index, row)| (index + 1, row)).collect();
    table_from_rows(body.preamble, rows)
}

/// The body as read: paragraphs above the first table, then each top-level table's rows.
#[derive(Default)]
struct Body {
    preamble: Vec<String>,
    tables: Vec<Vec<Vec<String>>>,
}

/// Where the reader is inside the document.
#[derive(Default)]
struct State {
    body: Body,
    table_depth: usize,
    row: Vec<String>,
    cell: Option<CellDraft>,
    paragraph: String,
    in_text: bool,
}

/// A cell being read.
#[derive(Default)]
struct CellDraft {
    lines: Vec<String>,
    continues_merge: bool,
    span: usize,
}

fn parse(xml: &[u8]) -> Result<Body> {
    let mut reader = Reader::from_reader(xml);
    let mut state = State::default();
    let mut buffer = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buffer).map_err(|e| damaged(reader.buffer_position(), &e.to_string()))?;
        match event {
            Event::Start(element) => state.open(&element),
            Event::Empty(element) => {
                state.open(&element);
                state.close(element.local_name().as_ref());
            }
            Event::End(element) => state.close(element.local_name().as_ref()),
            Event::Text(text) if state.in_text => {
                let text = text.unescape().map_err(|e| damaged(reader.buffer_position(), &e.to_string()))?;
                state.paragraph.push_str(&text);
            }
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Ok(state.body)
}

fn damaged(position: u64, what: &str) -> Error {
    Error::BadDocument(format!("Word 文档已损坏，无法读取（第 {position} 字节处：{what}）：请在 Word/WPS 中打开后重新保存为 .docx"))
}

impl State {
    fn open(&mut self, element: &BytesStart<'_>) {
        match element.local_name().as_ref() {
            b"tbl" => {
                self.table_depth += 1;
                if self.table_depth == 1 {
                    self.body.tables.push(Vec::new());
                }
            }
            b"tr" if self.table_depth == 1 => self.row.clear(),
            b"tc" if self.table_depth == 1 => self.cell = Some(CellDraft { span: 1, ..CellDraft::default() }),
            b"vMerge" if self.table_depth == 1 => {
                let restart = value_of(element).is_some_and(|v| v == "restart");
                if let Some(cell) = self.cell.as_mut() {
                    cell.continues_merge = !restart;
                }
            }
            b"gridSpan" if self.table_depth == 1 => {
                let span = value_of(element).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1);
                if let Some(cell) = self.cell.as_mut() {
                    cell.span = span.clamp(1, COLUMNS * 2);
                }
            }
            b"t" => self.in_text = true,
            b"br" | b"cr" => self.paragraph.push('\n'),
            b"tab" => self.paragraph.push('\t'),
            _ => {}
        }
    }

    fn close(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"p" => self.end_paragraph(),
            b"tc" if self.table_depth == 1 => {
                if let Some(cell) = self.cell.take() {
                    let text = if cell.continues_merge { String::new() } else { cell.lines.join("\n") };
                    self.row.push(text);
                    self.row.extend(std::iter::repeat_n(String::new(), cell.span - 1));
                }
            }
            b"tr" if self.table_depth == 1 => {
                let row = std::mem::take(&mut self.row);
                if let Some(table) = self.body.tables.last_mut() {
                    table.push(row);
                }
            }
            b"tbl" => self.table_depth = self.table_depth.saturating_sub(1),
            _ => {}
        }
    }

    /// A paragraph is a line of its cell (a nested table's text included), or of the preamble
    /// when it stands above the first table.
    fn end_paragraph(&mut self) {
        let paragraph = std::mem::take(&mut self.paragraph);
        if let Some(cell) = self.cell.as_mut() {
            cell.lines.push(paragraph);
        } else if self.table_depth == 0 && self.body.tables.is_empty() && !paragraph.trim().is_empty() {
            self.body.preamble.push(paragraph.trim().to_string());
        }
    }
}

/// The `w:val` attribute of an element.
fn value_of(element: &BytesStart<'_>) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == b"val")
        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
}
