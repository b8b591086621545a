//! What each department is responsible for: the plan tree, the departments with their counts,
//! and one department's sub-items with its role, duty, deadlines and targets.

use crate::error::{Error, Result};
use crate::plan::{Deadline, Plan, Target, TaskRole};
use crate::store::{DepartmentRow, Store};
use serde::Serialize;

/// The plan `plan_id`, or the most recently imported one.
pub fn plan_tree(store: &Store, plan_id: Option<i64>) -> Result<Plan> {
    store.load_plan(resolve_plan_id(store, plan_id)?)
}

/// The plan `plan_id` cut down to the path of sub-item `code`: its article, clause, item and
/// itself, each with its own cells — what a task's page shows, without sending the whole plan.
///
/// # Errors
/// [`Error::NotFound`] when the plan has no such sub-item; [`Error::PlanNotFound`].
pub fn plan_path(store: &Store, plan_id: Option<i64>, code: &str) -> Result<Plan> {
    let mut plan = plan_tree(store, plan_id)?;
    for article in &mut plan.articles {
        for clause in &mut article.clauses {
            for item in &mut clause.items {
                item.subitems.retain(|sub| sub.code == code);
            }
            clause.items.retain(|item| !item.subitems.is_empty());
        }
        article.clauses.retain(|clause| !clause.items.is_empty());
    }
    plan.articles.retain(|article| !article.clauses.is_empty());
    if plan.articles.is_empty() {
        return Err(Error::NotFound(format!("计划“{}”中没有编号为 {code} 的小项", plan.name)));
    }
    Ok(plan)
}

/// Every department with its aliases and its counts in the plan.
pub fn departments(store: &Store, plan_id: Option<i64>) -> Result<Vec<DepartmentRow>> {
    store.departments(resolve_plan_id(store, plan_id)?)
}

/// One department's sub-items: what `taizhang tasks --json` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DepartmentTasks {
    /// Canonical name of the department asked for.
    pub department: String,
    /// The plan the tasks belong to.
    pub plan_id: i64,
    /// Its sub-items, in plan order.
    pub tasks: Vec<Task>,
}

/// A sub-item seen from one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Task {
    /// Sub-item code: `1.1.1.2`.
    pub code: String,
    /// Its numbering as written.
    pub label: String,
    /// The sub-item's text.
    pub text: String,
    /// `lead` or `cooperating`.
    pub role: TaskRole,
    /// The department's own duty text (the whole work text when it has no part of its own).
    pub duty: String,
    /// All lead departments.
    pub lead: Vec<String>,
    /// All cooperating departments.
    pub cooperating: Vec<String>,
    /// Deadlines.
    pub deadlines: Vec<Deadline>,
    /// Targets.
    pub targets: Vec<Target>,
    /// Titles of the article, clause and the item text above it.
    pub article: String,
    /// Clause title.
    pub clause: String,
    /// Item text.
    pub item: String,
}

/// The sub-items a department (named by any alias) leads or cooperates on.
pub fn tasks_for_department(store: &Store, written_name: &str, plan_id: Option<i64>) -> Result<DepartmentTasks> {
    let department = store
        .directory()?
        .resolve(written_name)
        .map(str::to_string)
        .ok_or_else(|| Error::DepartmentNotFound(written_name.trim().to_string()))?;
    let department_id = store.department_id(&department)?.ok_or_else(|| Error::DepartmentNotFound(department.clone()))?;
    let plan = store.load_plan_of(resolve_plan_id(store, plan_id)?, &store.department_family(department_id)?)?;
    let plan_id = plan.id;
    // The plan is taken apart as it is walked: each task keeps its sub-item's own texts instead of
    // copies (at a hundred times the seed, copying and then dropping them was a tenth of the call).
    let mut tasks = Vec::new();
    for article in plan.articles {
        let article_title = article.heading();
        for clause in article.clauses {
            let clause_title = clause.heading();
            for item in clause.items {
                for sub in item.subitems {
                    let Some(role) = sub.role_of(&department) else { continue };
                    let duty = sub.duty_of(&department).to_string();
                    tasks.push(Task {
                        code: sub.code,
                        label: sub.label,
                        text: sub.text,
                        role,
                        duty,
                        lead: sub.lead,
                        cooperating: sub.cooperating,
                        deadlines: sub.deadlines,
                        targets: sub.targets,
                        article: article_title.clone(),
                        clause: clause_title.clone(),
                        item: item.text.clone(),
                    });
                }
            }
        }
    }
    Ok(DepartmentTasks { department, plan_id, tasks })
}

fn resolve_plan_id(store: &Store, plan_id: Option<i64>) -> Result<i64> {
    match plan_id {
        Some(id) => Ok(id),
        None => store.current_plan_id()?.ok_or(Error::NoPlan),
    }
}

/// A department as pickers offer it: found by any of its names, shown with its new name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct DepartmentOption {
    /// The name the plan and the store use (the value chosen).
    pub name: String,
    /// What the picker shows: "农业农村局（原农业局）" for a department renamed by the 2018 reform
    /// whose plan still uses the old name, else the name.
    pub label: String,
    /// Every other name it is found by: aliases, old names, the reform's name.
    pub also_known_as: Vec<String>,
}

/// The current plan's responsible departments, in the plan's canonical order first, with
/// every name a user may type to find them.
pub fn department_choices(store: &Store) -> Result<Vec<DepartmentOption>> {
    let rows = departments(store, None)?;
    Ok(rows.into_iter().filter(|d| d.lead_count + d.cooperating_count > 0).map(choice_of).collect())
}

fn choice_of(row: DepartmentRow) -> DepartmentOption {
    let reform = crate::departments::reform_name(&row.name);
    // A department the coordinator already renamed to its new name shows the plan's old one.
    let renamed_from = crate::departments::REFORM_NAMES.iter().find(|(new, old)| *new == row.name && row.aliases.iter().any(|a| a == old));
    let label = match (reform, renamed_from) {
        (Some(new), _) => format!("{new}（原{}）", row.name),
        (None, Some((new, old))) => format!("{new}（原{old}）"),
        (None, None) => row.name.clone(),
    };
    let mut also_known_as = row.aliases;
    if let Some(new) = reform.filter(|new| !also_known_as.iter().any(|a| a == new)) {
        also_known_as.push(new.to_string());
    }
    DepartmentOption { name: row.name, label, also_known_as }
}
