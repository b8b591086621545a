//! The dashboard: its counts follow saves and add up to the plan.

use taizhang_core::status::Status;
use taizhang_core::alerts::Level;
use crate::progress::{input, office};
use crate::task_list::{farm_reports_two, today};
use taizhang_core::dashboard::dashboard;
use taizhang_core::task_list::{task_rows, TaskFilter};
use taizhang_core::progress::{save_progress, ProgressInput};


#[test]
fn dashboard_counts_follow_saved_progress() {
    let (dir, store, admin, nyj, _) = office();
    let before = dashboard(&store, &admin, Default::default(), "2026Q4", today()).expect("dashboard");
    assert_eq!(before.total, 138, "the county dashboard covers 138 sub-items");
    let unreported = |d: &taizhang_core::dashboard::Dashboard| d.by_status.iter().find(|c| c.name == Status::NotReported).map_or(0, |c| c.count);
    assert_eq!(unreported(&before), 138, "nothing reported yet");
    assert!(before.by_alert.iter().any(|c| c.name == Level::Red && c.count > 0), "deadlines of 2017–2020 are overdue in 2026");
    save_progress(&store, &nyj, &dir.path().join("e"), &ProgressInput { status: Status::Completed, percent: 100, submit: true, ..input("1.1.1.3", 0) }).expect("saved");
    let after = dashboard(&store, &admin, Default::default(), "2026Q4", today()).expect("dashboard");
    assert_eq!(unreported(&after), 137, "one sub-item reported");
    assert_eq!(after.by_status.iter().find(|c| c.name == Status::Completed).map(|c| c.count), Some(1), "one completed");
    let red = |d: &taizhang_core::dashboard::Dashboard| d.by_alert.iter().find(|c| c.name == Level::Red).map_or(0, |c| c.count);
    assert_eq!(red(&after), red(&before) - 1, "the completed overdue task is no longer red");
    let mine = dashboard(&store, &nyj, Default::default(), "2026Q4", today()).expect("dashboard");
    assert_eq!(mine.scope, "农业局", "a department's dashboard is its own");
    assert!(mine.by_department.is_empty() && !after.by_department.is_empty(), "only the county sees departments");
}

#[test]
fn the_dashboard_numbers_add_up_to_the_plan_and_the_saves() {
    let (dir, store, admin, nyj, _) = office();
    farm_reports_two(&dir, &store, &nyj);
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let county = dashboard(&store, &admin, Default::default(), "2026Q4", today()).expect("dashboard");
    assert_eq!(county.by_status.iter().map(|c| c.count).sum::<usize>() + county.drafts, 138, "every sub-item has one status, or is a draft");
    let count = |status: Status| county.by_status.iter().find(|c| c.name == status).map_or(0, |c| c.count);
    // The county rows are each sub-item's first lead; 1.1.1.2 and 1.1.1.3 are led by 农业局 alone.
    // 1.1.1.2 is a draft (滞后): counted apart, not as 滞后 and not as reported.
    assert_eq!((count(Status::Behind), count(Status::Completed), count(Status::NotReported)), (0, 1, 136), "statuses of submitted records");
    assert_eq!((county.submitted, county.drafts), (1, 1), "已填报 counts the submitted record; the draft is counted apart");
    let per_article: Vec<(String, usize)> = plan.articles.iter().map(|a| (a.code.clone(), a.clauses.iter().flat_map(|c| &c.items).map(|i| i.subitems.len()).sum())).collect();
    assert_eq!(county.by_article.iter().map(|g| (g.key.clone(), g.total)).collect::<Vec<_>>(), per_article, "each article's sub-items");
    let farm = county.by_department.iter().find(|g| g.name == "农业局").expect("农业局");
    assert_eq!((farm.total, farm.submitted, farm.drafts, farm.completed), (66, 1, 1, 1), "农业局's group");
    let rows = task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows");
    for level in Level::ALL.iter().copied() {
        let expected = rows.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).count();
        assert_eq!(county.by_alert.iter().find(|c| c.name == level).map(|c| c.count), Some(expected), "{level}");
        let listed = match level {
            Level::Red => Some(&county.overdue),
            Level::Blue => Some(&county.upcoming),
            Level::Yellow => None,
        };
        if let Some(list) = listed {
            assert_eq!(list.len(), expected.min(taizhang_core::dashboard::LISTED), "the {level} list: the first {} of {expected}", taizhang_core::dashboard::LISTED);
            let first: Vec<&taizhang_core::task_list::TaskRow> = rows.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).take(list.len()).collect();
            assert_eq!(list.iter().collect::<Vec<_>>(), first, "the list's rows in the plan's order, every field as the 任务分解表 gives it");
        }
    }
    let mine = dashboard(&store, &nyj, Default::default(), "2026Q4", today()).expect("dashboard");
    assert_eq!(mine.total, 66, "a department's dashboard covers its own 66");
    // A draft 已完成 is not 完成 until it is submitted.
    save_progress(&store, &nyj, &dir.path().join("e"), &ProgressInput { status: Status::Completed, percent: 100, ..input("1.2.1.1", 0) }).expect("draft");
    let mine = dashboard(&store, &nyj, Default::default(), "2026Q4", today()).expect("dashboard");
    let completed = mine.by_status.iter().find(|c| c.name == Status::Completed).map_or(0, |c| c.count);
    assert_eq!((completed, mine.submitted, mine.drafts), (1, 1, 2), "one submitted 已完成; two drafts counted apart");
}

#[test]
fn each_departments_group_counts_its_rows() {
    let (dir, store, admin, nyj, _) = office();
    farm_reports_two(&dir, &store, &nyj);
    let county = dashboard(&store, &admin, Default::default(), "2026Q4", today()).expect("dashboard");
    let plan_id = store.current_plan_id().expect("plans").expect("current");
    let rows = taizhang_core::task_list::task_rows_all_departments(&store, plan_id, "2026Q4", today()).expect("rows");
    let mut names: Vec<&str> = rows.iter().map(|r| r.department.as_str()).collect();
    names.sort();
    names.dedup();
    assert_eq!(county.by_department.len(), names.len(), "one group per responsible department");
    for group in &county.by_department {
        let own: Vec<_> = rows.iter().filter(|r| r.department == group.name).collect();
        let submitted = |r: &&&taizhang_core::task_list::TaskRow| r.state == Some(taizhang_core::store::RecordState::Submitted);
        let expected = (
            own.len(),
            own.iter().filter(submitted).count(),
            own.iter().filter(|r| r.state.is_some() && !submitted(r)).count(),
            own.iter().filter(|r| submitted(r) && r.status == Status::Completed).count(),
            own.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == Level::Red)).count(),
        );
        assert_eq!((group.total, group.submitted, group.drafts, group.completed, group.red), expected, "{}", group.name);
    }
}
