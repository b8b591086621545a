//! A 工作方案 written as prose: headings "一、" (条) and "（一）" (款), then numbered paragraphs
//! each ending in （责任单位：…牵头，…配合）. Each such paragraph becomes an item with one
//! sub-item, laid out as the rows of a task breakdown table so the one table reader resolves
//! departments, duties, deadlines and targets. Whatever does not fit is a warning: the plan is a
//! draft the coordinator reviews before publishing.

use crate::departments::Directory;
use crate::error::{Error, Result};
use crate::plan::Warning;
use crate::table_reader::cells::{Cell, Row, Table, COLUMNS};
use crate::table_reader::decode::decode;
use crate::table_reader::labels;
use crate::table_reader::{read_table, ReadOutcome};
use regex::Regex;
use std::sync::LazyLock;

/// （责任单位：…） at the end of a paragraph, in full-width or ASCII brackets.
static RESPONSIBILITY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]\s*(?:责任单位|责任部门|牵头单位)\s*[:：]\s*([^（）()]+)[）)]\s*[。.；;]?\s*$").expect("valid responsibility regex"));

/// True for text that is not a table (no cell starts a line with TAB) but names 责任单位 in
/// brackets after its paragraphs: a 工作方案.
pub fn looks_like_prose(bytes: &[u8]) -> bool {
    let Ok(text) = decode(bytes) else { return false };
    !text.lines().any(|l| l.starts_with('\t')) && text.lines().any(|l| RESPONSIBILITY.is_match(l.trim()))
}

/// Read a 工作方案 into a plan, with a warning for each paragraph left out and for each
/// heading that had to be supplied.
///
/// # Errors
/// The decoding errors of a text file; [`Error::NoRows`] when no paragraph names its
/// responsible units.
pub fn read_prose(bytes: &[u8], fallback_name: &str, dir: &mut Directory) -> Result<ReadOutcome> {
    let text = decode(bytes)?;
    let mut builder = Builder::default();
    for (index, line) in text.lines().enumerate() {
        builder.paragraph(index + 1, line.trim());
    }
    if builder.rows.is_empty() {
        return Err(Error::NoRows);
    }
    let table = Table { preamble: builder.preamble, rows: builder.rows };
    let mut outcome = read_table(&table, fallback_name, dir)?;
    outcome.warnings.splice(0..0, builder.warnings);
    outcome.warnings.insert(0, Warning { line: 0, message: "按工作方案正文识别为任务分解表草稿：每个注明责任单位的段落记为一项（含一个小项），请逐条核对后再发布".into() });
    outcome.warnings.sort_by_key(|w| w.line);
    Ok(outcome)
}

/// Rows being laid out from paragraphs.
#[derive(Default)]
struct Builder {
    preamble: Vec<String>,
    rows: Vec<Row>,
    warnings: Vec<Warning>,
    article: Option<String>,
    clause: Option<String>,
    started: bool,
}

impl Builder {
    fn paragraph(&mut self, line: usize, text: &str) {
        if text.is_empty() {
            return;
        }
        if labels::article(text).number.is_some() && !RESPONSIBILITY.is_match(text) {
            self.article = Some(text.to_string());
            self.clause = None;
            self.started = true;
            return;
        }
        if labels::clause(text).number.is_some() && !RESPONSIBILITY.is_match(text) {
            self.clause = Some(text.to_string());
            self.started = true;
            return;
        }
        let Some(found) = RESPONSIBILITY.captures(text) else {
            if self.started {
                self.warnings.push(Warning { line, message: format!("段落“{}”没有注明责任单位，未作为任务导入", short(text)) });
            } else {
                self.preamble.push(text.to_string());
            }
            return;
        };
        self.started = true;
        let responsibility = found.get(1).map_or("", |m| m.as_str().trim()).to_string();
        let task = text[..found.get(0).map_or(text.len(), |m| m.start())].trim().to_string();
        self.push_task(line, task, responsibility);
    }

    fn push_task(&mut self, line: usize, task: String, responsibility: String) {
        let first_row = self.rows.is_empty();
        let article = match self.article.take() {
            Some(article) => article,
            None if first_row => {
                self.warnings.push(Warning { line, message: "任务前没有“一、”这样的条标题，已补为一个无标题的条".into() });
                "一、".to_string()
            }
            None => String::new(),
        };
        let clause = match self.clause.take() {
            Some(clause) => clause,
            None if !article.is_empty() => {
                self.warnings.push(Warning { line, message: "任务前没有“（一）”这样的款标题，已补为一个无标题的款".into() });
                "（一）".to_string()
            }
            None => String::new(),
        };
        let item = labels::subitem(&task).rest.to_string();
        let texts: [String; COLUMNS] = [article, clause, item.clone(), responsibility.clone(), item.clone(), responsibility, item];
        self.rows.push(Row { cells: texts.map(|text| Cell { line, text }) });
    }
}

/// The start of a long paragraph, for a message.
fn short(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(30).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}
