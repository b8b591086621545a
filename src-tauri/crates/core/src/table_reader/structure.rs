//! Rows → articles > clauses > items > sub-items, filling "same as above" cells down, keeping
//! labels as written, stale numbering as notes, and every irregularity as a warning.

use super::cells::{Row, Table};
use super::labels::{self, chinese_numeral};
use crate::error::{Error, Result};
use crate::plan::{Article, Clause, Item, SubItem, Warning};

/// Column indices of a row.
const ARTICLE: usize = 0;
const CLAUSE: usize = 1;
const ITEM: usize = 2;
const ITEM_RESPONSIBILITY: usize = 3;
const SUBITEM: usize = 4;
const SUBITEM_RESPONSIBILITY: usize = 5;
const WORK: usize = 6;

/// Build the tree. Responsibilities, duties, deadlines and targets are filled in later; here
/// only the raw cells are placed.
pub fn build_tree(table: &Table, warnings: &mut Vec<Warning>) -> Result<Vec<Article>> {
    let mut articles: Vec<Article> = Vec::new();
    for row in &table.rows {
        place_row(row, &mut articles, warnings)?;
    }
    Ok(articles)
}

fn place_row(row: &Row, articles: &mut Vec<Article>, warnings: &mut Vec<Warning>) -> Result<()> {
    let cell = |i: usize| row.cells[i].text.as_str();
    let line_of = |i: usize| row.cells[i].line;
    let mut warn = |line: usize, message: String| warnings.push(Warning { line, message });

    let new_article = !cell(ARTICLE).is_empty();
    if new_article {
        let position = articles.len() + 1;
        let (label, title, notes) = heading(cell(ARTICLE), labels::article, "条", position, line_of(ARTICLE), &mut warn);
        articles.push(Article { code: position.to_string(), label, title, notes, clauses: Vec::new(), line: line_of(ARTICLE) });
    }
    let article = articles.last_mut().ok_or(Error::MissingLevel { line: line_of(ARTICLE), level: "条内容" })?;

    let new_clause = new_article || !cell(CLAUSE).is_empty();
    if new_clause {
        let position = article.clauses.len() + 1;
        let (label, title, notes) = if cell(CLAUSE).is_empty() {
            warn(line_of(CLAUSE), "新的条下款内容为空，已记为一个无标题的款".into());
            (String::new(), String::new(), Vec::new())
        } else {
            heading(cell(CLAUSE), labels::clause, "款", position, line_of(CLAUSE), &mut warn)
        };
        let code = format!("{}.{position}", article.code);
        article.clauses.push(Clause { code, label, title, notes, items: Vec::new(), line: line_of(CLAUSE) });
    }
    let clause = article.clauses.last_mut().ok_or(Error::MissingLevel { line: line_of(CLAUSE), level: "款内容" })?;

    let new_item = new_clause || !cell(ITEM).is_empty();
    if new_item {
        if cell(ITEM).is_empty() {
            warn(line_of(ITEM), "新的款下项内容为空，已记为一个无内容的项".into());
        }
        let mut responsibility = cell(ITEM_RESPONSIBILITY).to_string();
        if responsibility.is_empty() {
            if let Some(previous) = clause.items.last() {
                responsibility = previous.responsibility.clone();
                warn(line_of(ITEM_RESPONSIBILITY), "项的责任单位为空，已沿用上一项的责任单位".into());
            } else {
                warn(line_of(ITEM_RESPONSIBILITY), "项的责任单位为空".into());
            }
        }
        clause.items.push(Item {
            code: format!("{}.{}", clause.code, clause.items.len() + 1),
            text: cell(ITEM).to_string(),
            lead: Vec::new(),
            cooperating: Vec::new(),
            responsibility,
            notes: Vec::new(),
            subitems: Vec::new(),
            line: line_of(ITEM),
            responsibility_line: line_of(ITEM_RESPONSIBILITY),
        });
    }
    let item = clause.items.last_mut().ok_or(Error::MissingLevel { line: line_of(ITEM), level: "项内容" })?;
    if !new_item && !cell(ITEM_RESPONSIBILITY).is_empty() {
        let repeated = cell(ITEM_RESPONSIBILITY);
        if repeated == item.responsibility {
            warn(line_of(ITEM_RESPONSIBILITY), format!("项 {} 的责任单位在项中间重复出现（Word 分页所致），与原责任单位相同", item.code));
        } else {
            warn(line_of(ITEM_RESPONSIBILITY), format!("项 {} 中间出现不同的责任单位“{repeated}”，已作为备注保存", item.code));
        }
        if repeated != item.responsibility && !item.notes.iter().any(|n| n == repeated) {
            item.notes.push(repeated.to_string());
        }
    }

    if new_item || !cell(SUBITEM).is_empty() {
        if cell(SUBITEM).is_empty() {
            warn(line_of(SUBITEM), format!("项 {} 没有小项内容，已记为一个无编号、无内容的小项", item.code));
        }
        let mut responsibility = cell(SUBITEM_RESPONSIBILITY).to_string();
        if responsibility.is_empty() {
            responsibility = item.subitems.last().map_or_else(|| item.responsibility.clone(), |s| s.responsibility.clone());
            warn(line_of(SUBITEM_RESPONSIBILITY), "小项的责任单位为空，已沿用上方的责任单位".into());
        }
        let labelled = labels::subitem(cell(SUBITEM));
        let position = item.subitems.len() + 1;
        check_subitem_number(labelled.number, labelled.label, position, item, line_of(SUBITEM), &mut warn);
        item.subitems.push(SubItem {
            code: format!("{}.{position}", item.code),
            label: labelled.label.to_string(),
            text: labelled.rest.to_string(),
            lead: Vec::new(),
            cooperating: Vec::new(),
            responsibility,
            work: cell(WORK).to_string(),
            duties: Vec::new(),
            deadlines: Vec::new(),
            targets: Vec::new(),
            line: line_of(SUBITEM),
            responsibility_line: line_of(SUBITEM_RESPONSIBILITY),
        });
    } else if let Some(subitem) = item.subitems.last_mut() {
        let (responsibility, work) = (cell(SUBITEM_RESPONSIBILITY), cell(WORK));
        if responsibility.is_empty() && work.is_empty() {
            warn(row.line(), "空行（没有任何新内容），已跳过".into());
        } else {
            warn(row.line(), format!("小项内容为空，本行的责任单位和工作内容已并入上方小项 {}", subitem.code));
            for (target, extra) in [(&mut subitem.responsibility, responsibility), (&mut subitem.work, work)] {
                if !extra.is_empty() {
                    if !target.is_empty() {
                        target.push('\n');
                    }
                    target.push_str(extra);
                }
            }
        }
    }
    Ok(())
}

/// Label, title and notes of an article or clause cell: the first line is the title, further
/// lines (a stale second numbering, as Word sometimes keeps) are notes.
fn heading(
    text: &str,
    split: fn(&str) -> labels::Labelled<'_>,
    level: &str,
    position: usize,
    line: usize,
    warn: &mut impl FnMut(usize, String),
) -> (String, String, Vec<String>) {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let labelled = split(first);
    match labelled.number {
        None => warn(line, format!("第 {position} 个{level}“{first}”没有编号")),
        Some(n) if n as usize != position => warn(
            line,
            format!("{level}编号“{}”与其位置（第{}{level}）不符，编号按原文保留", labelled.label, chinese_numeral(position as u32)),
        ),
        Some(_) => {}
    }
    let notes: Vec<String> = lines.map(str::to_string).collect();
    for note in &notes {
        warn(line, format!("{level}“{first}”的单元格还有一行“{note}”（旧编号或重复），已作为备注保存"));
    }
    (labelled.label.to_string(), labelled.rest.to_string(), notes)
}

fn check_subitem_number(
    number: Option<u32>,
    label: &str,
    position: usize,
    item: &Item,
    line: usize,
    warn: &mut impl FnMut(usize, String),
) {
    let previous = item.subitems.last().and_then(|s| labels::subitem(&format!("{}x", s.label)).number);
    match (number, previous) {
        (Some(n), Some(p)) if n != p + 1 => {
            warn(line, format!("项 {} 的小项编号不连续：“{label}”紧接在“{p}、”之后", item.code))
        }
        (Some(n), None) if position == 1 && n != 1 => {
            warn(line, format!("项 {} 的第一个小项编号为“{label}”而不是“1、”", item.code))
        }
        _ => {}
    }
}
