//! The plan model: articles > clauses > items > sub-items, as read from a task breakdown table.

pub mod deadlines;
pub mod duties;
pub mod targets;

pub use deadlines::{find_deadlines, Deadline, DeadlineKind, Recurrence};
pub use duties::split_duties;
pub use targets::{find_targets, Target};

use ts_rs::TS;
use serde::Serialize;

/// A whole plan: what `taizhang plan --json` prints (with the store's `id`).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Plan {
    /// Store id; 0 while the plan has only been read, not stored.
    pub id: i64,
    /// The plan's title as written above the table.
    pub name: String,
    /// SHA-256 of the normalized table content: identifies this version of the plan.
    pub fingerprint: String,
    /// 条, in document order.
    pub articles: Vec<Article>,
}

/// 条: an article of the plan.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Article {
    /// Position code, 1-based: `13`.
    pub code: String,
    /// Numbering as written: `一、`.
    pub label: String,
    /// The first line of the cell without its label.
    pub title: String,
    /// Further lines of the cell (stale numbering and the like), kept verbatim.
    pub notes: Vec<String>,
    /// 款 of this article.
    pub clauses: Vec<Clause>,
    /// Source line of the cell.
    #[serde(skip)]
    pub line: usize,
}

/// 款: a clause of an article.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Clause {
    /// Position code: `13.4`.
    pub code: String,
    /// Numbering as written: `（一）`.
    pub label: String,
    /// The first line of the cell without its label.
    pub title: String,
    /// Further lines of the cell, kept verbatim.
    pub notes: Vec<String>,
    /// 项 of this clause.
    pub items: Vec<Item>,
    /// Source line of the cell.
    #[serde(skip)]
    pub line: usize,
}

/// 项: an item, with its own responsibility cell.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Item {
    /// Position code: `13.4.2`.
    pub code: String,
    /// The item's text as written.
    pub text: String,
    /// Canonical short names of the lead departments, in written order.
    pub lead: Vec<String>,
    /// Canonical short names of the cooperating departments, in written order.
    pub cooperating: Vec<String>,
    /// The responsibility cell as written.
    pub responsibility: String,
    /// Responsibility cells repeated further down the item that differ from the first.
    pub notes: Vec<String>,
    /// 小项 of this item.
    pub subitems: Vec<SubItem>,
    /// Source line of the cell.
    #[serde(skip)]
    pub line: usize,
    /// Source line of the responsibility cell (0 once stored: only the reader needs it).
    #[serde(skip)]
    pub responsibility_line: usize,
}

/// 小项: the unit departments report on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SubItem {
    /// Position code: `13.4.2.2`.
    pub code: String,
    /// Numbering as written (`1、`), empty when the sub-item is unnumbered.
    pub label: String,
    /// The text without its label.
    pub text: String,
    /// Canonical short names of the lead departments.
    pub lead: Vec<String>,
    /// Canonical short names of the cooperating departments.
    pub cooperating: Vec<String>,
    /// The responsibility cell as written.
    pub responsibility: String,
    /// 具体工作内容, the whole text.
    pub work: String,
    /// Each responsible department's own part of the work.
    pub duties: Vec<Duty>,
    /// Deadlines found in the text.
    #[ts(as = "Vec<deadlines::DeadlineJson>")]
    pub deadlines: Vec<Deadline>,
    /// Quantified targets found in the text.
    pub targets: Vec<Target>,
    /// Source line of the sub-item cell.
    #[serde(skip)]
    pub line: usize,
    /// Source line of the responsibility cell (0 once stored: only the reader needs it).
    #[serde(skip)]
    pub responsibility_line: usize,
}

impl SubItem {
    /// A task with no deadline of any kind is a standing task (长期坚持).
    pub fn is_standing(&self) -> bool {
        self.deadlines.is_empty()
    }
}

/// One department's own part of a sub-item's work.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Duty {
    /// Canonical short name.
    pub department: String,
    /// The duty text.
    pub text: String,
}

/// Something irregular found while reading, kept with its source line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    /// 1-based source line.
    pub line: usize,
    /// What was found and what the reader did about it, in Chinese.
    pub message: String,
}

/// How many of each level a plan has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// 条.
    pub articles: usize,
    /// 款.
    pub clauses: usize,
    /// 项.
    pub items: usize,
    /// 小项.
    pub subitems: usize,
    /// Distinct departments named as lead or cooperating in the sub-items.
    pub departments: usize,
}

crate::vocabulary! {
    /// A department's part in a sub-item: it leads (牵头) or cooperates (配合).
    pub enum TaskRole ("任务角色") {
        /// 牵头.
        Lead = "lead", "牵头";
        /// 配合.
        Cooperating = "cooperating", "配合";
    }
}

impl SubItem {
    /// The part `department` (canonical name) has in this sub-item, if any; a department named
    /// both ways leads.
    pub fn role_of(&self, department: &str) -> Option<TaskRole> {
        if self.lead.iter().any(|d| d == department) {
            Some(TaskRole::Lead)
        } else if self.cooperating.iter().any(|d| d == department) {
            Some(TaskRole::Cooperating)
        } else {
            None
        }
    }

    /// The department's own duty text, or the whole work text when it has no part of its own.
    pub fn duty_of(&self, department: &str) -> &str {
        duty_among(&self.duties, &self.work, department)
    }
}

/// `department`'s own duty among `duties`, or the whole `work` text when it has no part of its own.
pub fn duty_among<'a>(duties: &'a [Duty], work: &'a str, department: &str) -> &'a str {
    duties.iter().find(|d| d.department == department).map_or(work, |d| d.text.as_str())
}

/// A sub-item with the article, clause and item above it.
#[derive(Debug, Clone, Copy)]
pub struct PlacedSubItem<'a> {
    /// 条.
    pub article: &'a Article,
    /// 款.
    pub clause: &'a Clause,
    /// 项.
    pub item: &'a Item,
    /// 小项.
    pub sub: &'a SubItem,
}

impl PlacedSubItem<'_> {
    /// 一、title.
    pub fn article_title(&self) -> String {
        self.article.heading()
    }

    /// （一）title.
    pub fn clause_title(&self) -> String {
        self.clause.heading()
    }
}

impl Article {
    /// Its numbering and title as one line: 一、title.
    pub fn heading(&self) -> String {
        format!("{}{}", self.label, self.title)
    }
}

impl Clause {
    /// Its numbering and title as one line: （一）title.
    pub fn heading(&self) -> String {
        format!("{}{}", self.label, self.title)
    }
}

impl Plan {
    /// Every sub-item in document order, with the levels above it: the one walk of the tree.
    pub fn subitems_with_parents(&self) -> impl Iterator<Item = PlacedSubItem<'_>> {
        self.articles.iter().flat_map(|article| {
            article.clauses.iter().flat_map(move |clause| {
                clause.items.iter().flat_map(move |item| item.subitems.iter().map(move |sub| PlacedSubItem { article, clause, item, sub }))
            })
        })
    }

    /// Every sub-item in document order.
    pub fn subitems(&self) -> impl Iterator<Item = &SubItem> {
        self.articles
            .iter()
            .flat_map(|a| &a.clauses)
            .flat_map(|c| &c.items)
            .flat_map(|i| &i.subitems)
    }

    /// Every department responsible for a sub-item (lead or cooperating), once each, in the
    /// plan's order (first appearance in the table, leads before cooperators of a sub-item): the
    /// one place the plan's department list is built.
    pub fn responsible_departments(&self) -> Vec<&str> {
        let mut seen = std::collections::HashSet::new();
        self.subitems().flat_map(|s| s.lead.iter().chain(&s.cooperating)).map(String::as_str).filter(|d| seen.insert(*d)).collect()
    }

    /// Counts of each level, and of the departments responsible for sub-items.
    pub fn counts(&self) -> Counts {
        let clauses = self.articles.iter().flat_map(|a| &a.clauses);
        let departments = self.responsible_departments();
        Counts {
            articles: self.articles.len(),
            clauses: clauses.clone().count(),
            items: clauses.flat_map(|c| &c.items).count(),
            subitems: self.subitems().count(),
            departments: departments.len(),
        }
    }
}
