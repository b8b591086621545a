//! Readable Chinese output for people at a terminal (scripts use `--json`).

use std::io::{Result, Write};
use taizhang_core::plan::Plan;
use taizhang_core::responsibilities::DepartmentTasks;
use taizhang_core::store::DepartmentRow;

/// The plan as an indented outline, one line per level, with responsibilities.
pub fn plan(out: &mut impl Write, plan: &Plan) -> Result<()> {
    let counts = plan.counts();
    writeln!(out, "{}（计划 {}，{} 条 {} 款 {} 项 {} 小项）", plan.name, plan.id, counts.articles, counts.clauses, counts.items, counts.subitems)?;
    for article in &plan.articles {
        writeln!(out, "{}{}", article.label, article.title)?;
        for clause in &article.clauses {
            writeln!(out, "  {}{}", clause.label, clause.title)?;
            for item in &clause.items {
                writeln!(out, "    [{}] {}", item.code, first_line(&item.text, 40))?;
                for sub in &item.subitems {
                    writeln!(out, "      [{}] {}{}", sub.code, sub.label, first_line(&sub.text, 40))?;
                    writeln!(out, "          牵头：{}  配合：{}", or_none(&sub.lead), or_none(&sub.cooperating))?;
                }
            }
        }
    }
    Ok(())
}

/// Departments as a table.
pub fn departments(out: &mut impl Write, departments: &[DepartmentRow]) -> Result<()> {
    writeln!(out, "{:<16}\t牵头\t配合\t别名", "部门")?;
    for d in departments {
        let review = if d.needs_review { "（待审核）" } else { "" };
        writeln!(out, "{:<16}\t{}\t{}\t{}{review}", d.name, d.lead_count, d.cooperating_count, d.aliases.join("、"))?;
    }
    Ok(())
}

/// One department's tasks with its own duty.
pub fn tasks(out: &mut impl Write, tasks: &DepartmentTasks) -> Result<()> {
    writeln!(out, "{}：{} 个小项", tasks.department, tasks.tasks.len())?;
    for task in &tasks.tasks {
        let role = task.role.label();
        writeln!(out, "[{}] {} {}{}", task.code, role, task.label, first_line(&task.text, 50))?;
        writeln!(out, "    本单位职责：{}", first_line(&task.duty, 60))?;
    }
    Ok(())
}

fn first_line(text: &str, max_chars: usize) -> String {
    let line = text.lines().next().unwrap_or_default();
    if line.chars().count() > max_chars {
        format!("{}…", line.chars().take(max_chars).collect::<String>())
    } else {
        line.to_string()
    }
}

fn or_none(names: &[String]) -> String {
    if names.is_empty() { "—".into() } else { names.join("、") }
}

/// `taizhang import-report` without `--json`: one line per file, then its problems.
pub fn imports(out: &mut impl Write, reports: &[taizhang_core::readback::FileReport]) -> std::io::Result<()> {
    for report in reports {
        writeln!(out, "{}", report.message)?;
        for refusal in &report.refused {
            writeln!(out, "  拒绝：{}", refusal.describe())?;
        }
        for review in &report.review {
            let row = review.row.map(|r| format!("第 {r} 行 ")).unwrap_or_default();
            writeln!(out, "  请核对：{row}{}", review.reason)?;
        }
    }
    Ok(())
}

/// `taizhang progress` without `--json`.
pub fn records(out: &mut impl Write, records: &[taizhang_core::received::LatestRecord]) -> std::io::Result<()> {
    for r in records {
        let source = r.source.as_ref().map(|s| format!("（来自 {}）", s.file)).unwrap_or_default();
        let f = &r.fields;
        writeln!(out, "{} {} 第{}版 {} {}% {}{source}", r.code, r.department, r.version, f.status, f.percent, f.state.label())?;
        if !f.progress.is_empty() {
            writeln!(out, "    {}", f.progress.replace('\n', "\n    "))?;
        }
    }
    Ok(())
}

/// The periods, newest first.
pub fn periods(out: &mut impl Write, periods: &[taizhang_core::periods::Period]) -> Result<()> {
    if periods.is_empty() {
        return writeln!(out, "尚无报告期（用 taizhang periods add 2026Q4 添加）");
    }
    for p in periods {
        writeln!(out, "{}\t{}\t{} 至 {}\t{}", p.key, p.label, p.starts_on, p.ends_on, p.status.label())?;
    }
    Ok(())
}

/// The plans, one line each, the current one marked.
pub fn plans(out: &mut impl Write, plans: &[taizhang_core::store::PlanRow]) -> Result<()> {
    for plan in plans {
        let mark = if plan.current { "＊" } else { "  " };
        let state = match (plan.draft, plan.superseded, plan.revision_of) {
            (true, _, _) => "草稿，待发布".to_string(),
            (_, true, _) => "已被新版本取代".to_string(),
            (_, _, Some(old)) => format!("修订自计划 {old}"),
            _ => String::new(),
        };
        writeln!(out, "{mark}{:>4}  {} 第{}版  {} 个小项  {}  {state}", plan.id, plan.name, plan.version, plan.subitems, taizhang_core::text::local_time(&plan.imported_at))?;
    }
    Ok(())
}
