//! Task lists: a department sees exactly its sub-items; each filter keeps exactly what it names.

use taizhang_core::plan::TaskRole;
use taizhang_core::status::Status;
use taizhang_core::alerts::Level;
use crate::progress::{input, office};
use chrono::NaiveDate;
use taizhang_core::task_list::{task_rows, CooperatingReports, FoundIn, TaskFilter};
use taizhang_core::progress::{save_progress, ProgressInput};

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 30).expect("date")
}

#[test]
fn a_department_sees_exactly_its_subitems() {
    let (_dir, store, _, _, _) = office();
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let filter = TaskFilter { department: Some("农业局".into()), ..TaskFilter::default() };
    let rows = task_rows(&store, "2026Q4", &filter, today()).expect("rows");
    let expected: Vec<&str> = plan.subitems().filter(|s| s.lead.iter().chain(&s.cooperating).any(|d| d == "农业局")).map(|s| s.code.as_str()).collect();
    assert_eq!(rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(), expected, "exactly the sub-items naming 农业局");
    let all = task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows");
    assert_eq!(all.len(), 138, "the county list has all 138 sub-items");
    let searched = task_rows(&store, "2026Q4", &TaskFilter { query: Some("农膜回收".into()), ..TaskFilter::default() }, today()).expect("rows");
    assert!(searched.iter().any(|r| r.code == "9.1.1.2") && searched.len() < 10, "full-text search finds 农膜回收");
    let short = task_rows(&store, "2026Q4", &TaskFilter { query: Some("农膜".into()), ..TaskFilter::default() }, today()).expect("rows");
    assert!(short.iter().any(|r| r.code == "9.1.1.2"), "two characters are searched too");
}

#[test]
fn each_filter_keeps_exactly_the_rows_it_names() {
    let (dir, store, _, nyj, _) = office();
    farm_reports_two(&dir, &store, &nyj);
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let rows = |filter: TaskFilter| task_rows(&store, "2026Q4", &filter, today()).expect("rows");
    let codes = |filter: TaskFilter| rows(filter).into_iter().map(|r| r.code).collect::<Vec<_>>();
    let farm = || TaskFilter { department: Some("农业局".into()), ..TaskFilter::default() };
    // Counted from the plan itself, not through the code under test.
    let leads: Vec<String> = plan.subitems().filter(|s| s.lead.iter().any(|d| d == "农业局")).map(|s| s.code.clone()).collect();
    let cooperates: Vec<String> = plan.subitems().filter(|s| !s.lead.iter().any(|d| d == "农业局") && s.cooperating.iter().any(|d| d == "农业局")).map(|s| s.code.clone()).collect();
    assert_eq!(leads.len() + cooperates.len(), 66, "农业局 has 66 sub-items");
    assert_eq!(codes(TaskFilter { role: Some(TaskRole::Lead), ..farm() }), leads, "lead");
    assert_eq!(codes(TaskFilter { role: Some(TaskRole::Cooperating), ..farm() }), cooperates, "cooperating");
    assert_eq!(codes(TaskFilter { status: Some(Status::Behind), ..farm() }), ["1.1.1.2"], "滞后");
    assert_eq!(codes(TaskFilter { status: Some(Status::Completed), ..farm() }), ["1.1.1.3"], "已完成");
    assert_eq!(rows(TaskFilter { status: Some(Status::NotReported), ..farm() }).len(), 64, "the other 64 are not reported");
    assert!(codes(TaskFilter { status: Some(Status::OnSchedule), ..farm() }).is_empty(), "nothing on schedule");
    let article_nine: Vec<String> = plan.articles[8].clauses.iter().flat_map(|c| &c.items).flat_map(|i| &i.subitems).map(|s| s.code.clone()).collect();
    assert_eq!(codes(TaskFilter { article: Some("9".into()), ..TaskFilter::default() }), article_nine, "article 9");
    let all = rows(TaskFilter::default());
    for level in Level::ALL.iter().copied() {
        let expected: Vec<&str> = all.iter().filter(|r| r.alert.as_ref().is_some_and(|a| a.level == level)).map(|r| r.code.as_str()).collect();
        assert_eq!(codes(TaskFilter { alert: Some(level), ..TaskFilter::default() }), expected, "{level}");
    }
    let both = codes(TaskFilter { role: Some(TaskRole::Lead), article: Some("9".into()), ..farm() });
    let expected: Vec<&String> = leads.iter().filter(|c| c.starts_with("9.")).collect();
    assert_eq!(both.iter().collect::<Vec<_>>(), expected, "filters combine");
}

/// 农业局 saves 1.1.1.2 as a draft (滞后, 20%) and submits 1.1.1.3 (已完成).
pub fn farm_reports_two(dir: &tempfile::TempDir, store: &taizhang_core::store::Store, farm: &taizhang_core::accounts::Session) {
    let evidence = dir.path().join("e");
    save_progress(store, farm, &evidence, &ProgressInput { status: Status::Behind, percent: 20, ..input("1.1.1.2", 0) }).expect("draft");
    save_progress(store, farm, &evidence, &ProgressInput { status: Status::Completed, percent: 100, submit: true, ..input("1.1.1.3", 0) }).expect("submitted");
}

#[test]
fn search_lists_own_matches_first_and_marks_those_found_only_in_the_parent() {
    let (_dir, store, admin, _, _) = office();
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let rows = task_rows(&store, "2026Q4", &TaskFilter { query: Some("农膜".into()), ..TaskFilter::default() }, today()).expect("rows");
    let own_text = |code: &str| plan.subitems().find(|s| s.code == code).map(|s| format!("{}\n{}", s.text, s.work)).unwrap_or_default();
    let first_parent = rows.iter().position(|r| r.found_in == Some(FoundIn::Parent)).unwrap_or(rows.len());
    assert!(first_parent > 0 && first_parent < rows.len(), "both kinds of match for 农膜: {first_parent} of {}", rows.len());
    for (at, row) in rows.iter().enumerate() {
        let own = own_text(&row.code).contains("农膜");
        assert_eq!(row.found_in, Some(if own { FoundIn::Own } else { FoundIn::Parent }), "{} is marked by where 农膜 is", row.code);
        assert_eq!(at < first_parent, own, "{}: own matches come first", row.code);
    }
    let unsearched = task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows");
    assert!(unsearched.iter().all(|r| r.found_in.is_none()), "no mark without a search");
    // The app's list searches the plan without its texts, reading those of its matches alone.
    let listed = taizhang_core::task_list::task_rows_as(&store, &admin, "2026Q4", &TaskFilter { query: Some("农膜".into()), ..TaskFilter::default() }, today()).expect("listed");
    assert_eq!(listed, rows, "the same rows, marks and order as from the whole plan");
}

#[test]
fn the_county_list_counts_the_cooperating_departments_reports() {
    let (dir, store, _, nyj, _) = office();
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let sub = plan.subitems().find(|s| !s.lead.iter().any(|d| d == "农业局") && s.cooperating.iter().any(|d| d == "农业局")).expect("a sub-item 农业局 cooperates on");
    let total = sub.cooperating.iter().filter(|d| !sub.lead.contains(d)).count() as u32;
    let county_row = || task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows").into_iter().find(|r| r.code == sub.code).expect("row");
    assert_eq!(county_row().cooperating_reports, CooperatingReports { total, submitted: 0, drafts: 0 }, "nobody reported");
    let evidence = dir.path().join("e");
    let draft = save_progress(&store, &nyj, &evidence, &input(&sub.code, 0)).expect("draft");
    let row = county_row();
    assert_eq!((row.cooperating_reports.drafts, row.cooperating_reports.submitted, row.state), (1, 0, None), "a cooperating draft is counted apart; the lead's status is unchanged");
    let version = draft.history[0].version;
    save_progress(&store, &nyj, &evidence, &ProgressInput { submit: true, ..input(&sub.code, version) }).expect("submitted");
    assert_eq!(county_row().cooperating_reports, CooperatingReports { total, submitted: 1, drafts: 0 }, "then as submitted");
}

#[test]
fn the_outline_gives_the_plan_a_level_at_a_time_as_the_tree_shows_it() {
    use taizhang_core::outline::plan_outline;
    let (_dir, store, _, _, _) = office();
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    let articles = plan_outline(&store, plan.id, None).expect("articles");
    assert_eq!(articles.name, plan.name);
    let expected: Vec<String> = plan.articles.iter().map(|a| format!("{}{}", a.label, a.title)).collect();
    assert_eq!(articles.nodes.iter().map(|n| n.label.clone()).collect::<Vec<_>>(), expected, "the 13 articles in order");
    let mut subitems = 0;
    for article in &plan.articles {
        let clauses = plan_outline(&store, plan.id, Some(&article.code)).expect("clauses").nodes;
        assert_eq!(clauses.iter().map(|n| n.code.as_str()).collect::<Vec<_>>(), article.clauses.iter().map(|c| c.code.as_str()).collect::<Vec<_>>(), "article {}", article.code);
        for clause in &article.clauses {
            let items = plan_outline(&store, plan.id, Some(&clause.code)).expect("items").nodes;
            assert_eq!(items.iter().map(|n| n.label.clone()).collect::<Vec<_>>(), clause.items.iter().map(|i| format!("{} {}", i.code, i.text)).collect::<Vec<_>>());
            for item in &clause.items {
                let leaves = plan_outline(&store, plan.id, Some(&item.code)).expect("sub-items").nodes;
                let expected: Vec<String> = item.subitems.iter().map(|s| format!("{} {}{}", s.code, s.label, s.text)).collect();
                assert_eq!(leaves.iter().map(|n| n.label.clone()).collect::<Vec<_>>(), expected, "item {}", item.code);
                assert!(leaves.iter().all(|n| n.leaf) && !items.iter().any(|n| n.leaf), "only sub-items are leaves");
                subitems += leaves.len();
            }
        }
    }
    assert_eq!((articles.nodes.len(), subitems), (13, 138), "the whole seed, level by level");
    assert!(plan_outline(&store, plan.id, Some("1.1.1.2")).expect("a leaf's children").nodes.is_empty(), "nothing below a sub-item");
    assert!(plan_outline(&store, 999, None).is_err(), "an unknown plan is refused");
}

#[test]
fn a_tasks_path_is_the_plan_cut_down_to_it() {
    let (_dir, store, _, _, _) = office();
    let path = taizhang_core::responsibilities::plan_path(&store, None, "1.2.1.1").expect("path");
    let codes: Vec<(String, String, String, Vec<String>)> = path.articles.iter().flat_map(|a| a.clauses.iter().flat_map(move |c| c.items.iter().map(move |i| (a.code.clone(), c.code.clone(), i.code.clone(), i.subitems.iter().map(|s| s.code.clone()).collect())))).collect();
    assert_eq!(codes, [("1".to_string(), "1.2".to_string(), "1.2.1".to_string(), vec!["1.2.1.1".to_string()])], "one article, clause, item and sub-item");
    let whole = taizhang_core::responsibilities::plan_tree(&store, None).expect("plan");
    assert_eq!(path.articles[0].clauses[0].items[0].subitems[0], whole.articles[0].clauses[1].items[0].subitems[0], "the sub-item with all its cells");
    assert!(matches!(taizhang_core::responsibilities::plan_path(&store, None, "9.9.9.9"), Err(taizhang_core::Error::NotFound(_))), "an unknown code is named");
}

#[test]
fn a_page_of_the_list_with_its_total_and_roles() {
    use taizhang_core::task_page::{task_page, PageRequest, MAX_PAGE_ROWS};
    let (_dir, store, admin, nyj, _) = office();
    let everything = task_rows(&store, "2026Q4", &TaskFilter::default(), today()).expect("rows");
    let page = |who, filter: &TaskFilter, offset, limit| task_page(&store, who, "2026Q4", filter, PageRequest { offset, limit }, today());
    let second = page(&admin, &TaskFilter::default(), 100, 100).expect("page 2");
    assert_eq!((second.total, second.rows.len()), (138, 38), "138 rows, 38 on the second page of 100");
    assert_eq!(second.rows.iter().map(|r| &r.code).collect::<Vec<_>>(), everything[100..].iter().map(|r| &r.code).collect::<Vec<_>>(), "the list's rows 101–138");
    assert!(page(&admin, &TaskFilter::default(), 200, 100).expect("past the end").rows.is_empty(), "past the end: no rows, the total still said");
    let mine = TaskFilter { department: Some("农业局".into()), ..TaskFilter::default() };
    let farm = page(&nyj, &mine, 0, 100).expect("农业局");
    let role = |r: TaskRole| farm.by_role.iter().find(|c| c.name == r).map(|c| c.count);
    let all_farm = task_rows(&store, "2026Q4", &mine, today()).expect("rows");
    assert_eq!((farm.total, role(TaskRole::Lead), role(TaskRole::Cooperating)), (66, Some(all_farm.iter().filter(|r| r.role == TaskRole::Lead).count()), Some(all_farm.iter().filter(|r| r.role == TaskRole::Cooperating).count())), "counted by role");
    let under = |code: &str| page(&admin, &TaskFilter { within: Some(code.into()), ..TaskFilter::default() }, 0, MAX_PAGE_ROWS).expect("within").rows.into_iter().map(|r| r.code).collect::<Vec<_>>();
    assert!(under("1.1").iter().all(|c| c.starts_with("1.1.")) && !under("1.1").is_empty(), "a clause's sub-items: {:?}", under("1.1"));
    assert!(!under("1").iter().any(|c| c.starts_with("10.") || c.starts_with("11.")), "article 1 is not article 10");
    assert_eq!(under("1.1.1.2"), ["1.1.1.2"], "a sub-item itself");
    for limit in [0, MAX_PAGE_ROWS + 1] {
        assert!(matches!(page(&admin, &TaskFilter::default(), 0, limit), Err(taizhang_core::Error::InvalidInput(_))), "a page of {limit} rows is refused");
    }
    // A page builds only its own rows: each is the whole list's row, found and withheld alike.
    let searched = TaskFilter { query: Some("土壤".into()), ..TaskFilter::default() };
    let whole = taizhang_core::task_list::task_rows_as(&store, &nyj, "2026Q4", &searched, today()).expect("the whole list");
    assert!(whole.len() > 8 && whole.iter().any(|r| r.withheld) && whole.iter().any(|r| r.found_in == Some(FoundIn::Parent)), "a search with rows of other departments and matches above the sub-item");
    let part = page(&nyj, &searched, 3, 5).expect("a page of it");
    assert_eq!((part.total, part.rows.as_slice()), (whole.len(), &whole[3..8]), "rows 4–8 of the list, every field");
    // Without a search a page is built from the plan without its texts and then given them: each
    // row is the row built from the whole plan, its text and its department's duty included.
    assert_eq!(second.rows.as_slice(), &everything[100..], "the county's rows 101–138, every field");
    assert_eq!(farm.rows, all_farm, "农业局's 66 rows, every field");
    assert!(farm.rows.iter().all(|r| !r.text.is_empty() && !r.duty.is_empty()), "texts and duties filled in");
}

#[test]
fn the_lists_read_each_records_latest_version_as_the_reports_do() {
    let (dir, store, _, nyj, _) = office();
    farm_reports_two(&dir, &store, &nyj);
    let evidence = dir.path().join("e");
    save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 45, ..input("1.1.1.2", 1) }).expect("a second version");
    let plan_id = store.current_plan_id().expect("plans").expect("current");
    let period_id = store.period("2026Q4").expect("periods").expect("2026Q4").id;
    let key = |s: &taizhang_core::store::RecordStanding| (s.code.clone(), s.department.clone());
    let mut listed = store.latest_standings(plan_id, period_id).expect("standings");
    listed.sort_by_key(key);
    let mut reported: Vec<_> = store.latest_progress(plan_id, period_id, None).expect("progress").iter().map(|p| p.standing()).collect();
    reported.sort_by_key(key);
    assert_eq!(listed, reported, "the index gives what the reports read");
    let second = listed.iter().find(|s| s.code == "1.1.1.2").expect("1.1.1.2");
    assert_eq!((listed.len(), second.percent), (2, 45), "one standing per record, of its latest version");
}
