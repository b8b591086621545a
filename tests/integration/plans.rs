//! Plans side by side and revisions: a second plan hides nothing of the first; a revision's
//! diff is exact and keeps every unchanged sub-item's progress; removed ones are archived.

use crate::progress::{input, office};
use crate::task_list::today;
use crate::util::seed_bytes;
use taizhang_core::dashboard::dashboard;
use taizhang_core::plan_import::{import_plan_bytes, PlanImportOptions};
use taizhang_core::plans::{self, PlanScope};
use taizhang_core::progress::{progress_record, progress_record_in, save_progress, ProgressInput};
use taizhang_core::received::latest_records;
use taizhang_core::report::{build_report, ReportRequest};
use taizhang_core::revision::{Moved, PlanChanges};
use taizhang_core::status::Status;
use taizhang_core::task_list::{task_rows_as, TaskFilter};

/// The seed with another title: a different plan (水污染防治) with the same rows.
fn water_plan() -> Vec<u8> {
    String::from_utf8(seed_bytes()).expect("UTF-8").replacen("梨树县土壤污染防治行动计划任务分解表", "梨树县水污染防治行动计划任务分解表", 1).into_bytes()
}

/// The seed revised: a sub-item inserted in 1.1.1 after its first, 1.2.1.3 removed, 2.1.1.2
/// reworded, 2.2.1.1 given a cooperating department, 3.2.1.3's deadline moved a year.
pub fn revised_seed() -> Vec<u8> {
    let text = String::from_utf8(seed_bytes()).expect("UTF-8");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let at = |lines: &[String], start: &str| lines.iter().position(|l| l.starts_with(start)).unwrap_or_else(|| panic!("the seed has a line {start}"));
    // A row is seven cells; a sub-item row starts four cells (lines) before its sub-item cell.
    let removed = at(&lines, "\t3、国土资源管理部门负责管理剥离") - 4;
    let next = at(&lines, "\t4、剥离的耕作层土壤原则上") - 4;
    lines.drain(removed..next);
    let inserted = at(&lines, "\t2、培育肥力、改良土壤") - 4;
    let row = ["\t", "\t", "\t", "\t", "\t2、开展黑土地保护宣传，普及保护性耕作知识，每年举办培训班不少于3期。", "\t2、农业局牵头。", "\t负责开展黑土地保护宣传和培训。", ""];
    for (offset, cell) in row.iter().enumerate() {
        lines.insert(inserted + offset, (*cell).to_string());
    }
    let mut text = lines.join("\n");
    let replace = |text: &mut String, from: &str, to: &str| {
        assert_eq!(text.matches(from).count(), 1, "“{from}” occurs once");
        *text = text.replacen(from, to, 1);
    };
    replace(&mut text, "\t2、充分发挥盐碱地生态经济产业的引领和拉动作用，紧紧依靠盐碱地生态科技进步", "\t2、充分发挥盐碱地生态经济产业的引领和拉动作用，紧紧依靠盐碱地生态科技创新");
    replace(&mut text, "\t1、农业局\n", "\t1、农业局牵头，环保局配合。\n");
    replace(&mut text, "\t3、2020年底前，实现土壤环境质量监测点位全覆盖。", "\t3、2021年底前，实现土壤环境质量监测点位全覆盖。");
    text.into_bytes()
}

#[test]
fn a_second_plan_hides_nothing_of_the_first() {
    let (dir, store, admin, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    save_progress(&store, &nyj, &evidence, &ProgressInput { submit: true, ..input("1.1.1.2", 0) }).expect("saved on the soil plan");
    let summary_before = build_report(&store, &ReportRequest { kind: "summary".into(), period: Some("2026Q4".into()), unit: Some("梨树县".into()), ..Default::default() }, today()).expect("summary");
    let records_before = latest_records(&store, None, "2026Q4", None).expect("records");
    let dashboard_before = dashboard(&store, &admin, PlanScope::default(), "2026Q4", today()).expect("dashboard");

    let water = import_plan_bytes(&store, &water_plan(), "水.txt", PlanImportOptions::default(), Some(admin.account_id)).expect("a second plan");
    assert!(water.imported && water.revision_of.is_none() && water.version == 1, "a plan of its own, not a revision: {water:?}");
    let soil = plans::list_plans(&store).expect("plans").into_iter().find(|p| p.id != water.plan_id).expect("the soil plan");
    assert!(!soil.superseded, "the first plan stays live beside the second");

    assert_eq!(latest_records(&store, Some(soil.id), "2026Q4", None).expect("records"), records_before, "the first plan's progress is unchanged");
    let mut request = ReportRequest { kind: "summary".into(), period: Some("2026Q4".into()), unit: Some("梨树县".into()), plan_id: Some(soil.id), ..Default::default() };
    let summary_after = build_report(&store, &request, today()).expect("summary of the first plan");
    assert_eq!(summary_after.1, summary_before.1, "the first plan's summary has the same rows");
    let scope = PlanScope { plan_id: Some(soil.id), all: None };
    let dashboard_after = dashboard(&store, &admin, scope, "2026Q4", today()).expect("dashboard");
    assert_eq!((dashboard_after.total, dashboard_after.submitted), (dashboard_before.total, dashboard_before.submitted), "the first plan's dashboard is unchanged");
    let record = progress_record_in(&store, &nyj, Some(soil.id), "1.1.1.2", None, "2026Q4").expect("record");
    assert_eq!(record.history.len(), 1, "the record is still there");

    // 我的任务 over every plan: the department's tasks of both, each row naming its plan.
    let all = TaskFilter { department: Some("农业局".into()), all_plans: Some(true), ..TaskFilter::default() };
    let rows = task_rows_as(&store, &nyj, "2026Q4", &all, today()).expect("rows");
    let of = |id: i64| rows.iter().filter(|r| r.plan_id == id).count();
    assert!(of(soil.id) > 0 && of(soil.id) == of(water.plan_id), "both plans' tasks listed: {} and {}", of(soil.id), of(water.plan_id));
    let reported = rows.iter().find(|r| r.plan_id == soil.id && r.code == "1.1.1.2").expect("row");
    assert_eq!(reported.status, Status::OnSchedule, "the first plan's row keeps its status");
    assert!(rows.iter().filter(|r| r.plan_id == water.plan_id).all(|r| r.state.is_none()), "the second plan starts empty");

    // Each account remembers the plan it shows.
    plans::choose(&store, &nyj, Some(water.plan_id)).expect("chosen");
    assert_eq!(plans::chosen(&store, &nyj).expect("choice").plan_id, Some(water.plan_id), "remembered for 农业局");
    assert_eq!(plans::chosen(&store, &admin).expect("choice").plan_id, Some(water.plan_id), "the coordinator sees the current (latest) plan");
    plans::choose(&store, &admin, Some(soil.id)).expect("chosen");
    assert!(progress_record(&store, &admin, "1.1.1.2", Some("农业局"), "2026Q4").expect("record").history.len() == 1, "the chosen plan is the default");
    request.plan_id = Some(water.plan_id);
    assert_eq!(build_report(&store, &request, today()).expect("water summary").1, summary_before.1, "reports are per plan");
}

#[test]
fn a_revision_shows_its_exact_diff_and_carries_progress_over() {
    let (dir, store, admin, nyj, _) = office();
    let evidence = dir.path().join("evidence");
    let gtj = {
        taizhang_core::accounts::create_account(&store, &admin, &crate::accounts::department_account("gtj", "国土资源局")).expect("account");
        taizhang_core::accounts::sign_in(&store, "gtj", "secret123").expect("gtj")
    };
    for code in ["1.1.1.2", "1.1.1.3", "2.1.1.2", "2.2.1.1"] {
        save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 70, submit: code == "1.1.1.3", ..input(code, 0) }).expect("saved");
    }
    save_progress(&store, &nyj, &evidence, &ProgressInput { percent: 90, ..input("1.1.1.2", 1) }).expect("second version");
    save_progress(&store, &gtj, &evidence, &input("1.2.1.3", 0)).expect("the sub-item to be removed");
    let old_id = plans::resolve(&store, None, None).expect("plan");
    let counts_before = store.row_counts().expect("counts");

    let preview = import_plan_bytes(&store, &revised_seed(), "修订.txt", PlanImportOptions { revision_of: None, dry_run: true }, Some(admin.account_id)).expect("preview");
    let expected = PlanChanges {
        added: vec!["1.1.1.2".into()],
        removed: vec!["1.2.1.3".into()],
        reworded: vec!["2.1.1.2".into(), "3.2.1.3".into()],
        moved: vec![Moved { from: "1.1.1.2".into(), to: "1.1.1.3".into() }, Moved { from: "1.1.1.3".into(), to: "1.1.1.4".into() }, Moved { from: "1.2.1.4".into(), to: "1.2.1.3".into() }],
        reassigned: vec!["2.2.1.1".into()],
        deadlines: vec!["3.2.1.3".into()],
        targets: vec![],
    };
    assert_eq!(preview.changes.as_ref(), Some(&expected), "the exact diff, found by title");
    assert_eq!((preview.revision_of, preview.version, preview.imported), (Some(old_id), 2, false), "a preview of version 2");
    assert_eq!(store.row_counts().expect("counts"), counts_before, "a preview writes nothing");

    let applied = import_plan_bytes(&store, &revised_seed(), "修订.txt", PlanImportOptions::default(), Some(admin.account_id)).expect("applied");
    assert_eq!(applied.changes.as_ref(), Some(&expected), "the same diff applied");
    assert_eq!(plans::resolve(&store, None, None).expect("current"), applied.plan_id, "the revision is the current plan");
    let history = plans::plan_history(&store, applied.plan_id).expect("history");
    assert_eq!(history.iter().map(|v| (v.plan.version, v.plan.superseded)).collect::<Vec<_>>(), [(1, true), (2, false)], "both versions kept");
    assert_eq!(history[1].changes, expected, "the diff is kept with the revision");
    assert_eq!(history[1].plan.imported_by, "管理员", "who applied it is recorded");

    // Progress of matched sub-items carried, every version, under their new codes.
    let carried = progress_record(&store, &nyj, "1.1.1.3", None, "2026Q4").expect("moved record");
    assert_eq!(carried.history.iter().map(|v| v.fields.percent).collect::<Vec<_>>(), [90, 70], "both versions of 1.1.1.2 now at 1.1.1.3");
    let locked = progress_record(&store, &nyj, "1.1.1.4", None, "2026Q4").expect("moved record");
    assert!(!locked.editable, "a submitted record stays submitted");
    for code in ["2.1.1.2", "2.2.1.1"] {
        assert_eq!(progress_record(&store, &nyj, code, None, "2026Q4").expect("record").history.len(), 1, "{code} carried");
    }
    assert!(progress_record(&store, &nyj, "1.1.1.2", None, "2026Q4").expect("the new sub-item").history.is_empty(), "the added sub-item starts empty");
    let old = progress_record_in(&store, &nyj, Some(old_id), "1.1.1.2", None, "2026Q4").expect("version 1 record");
    assert_eq!(old.history.len(), 2, "version 1 keeps its own history");

    // The removed sub-item is archived and 国土资源局 sees why.
    let removed = plans::removed_tasks(&store, &gtj).expect("removed");
    assert_eq!(removed.iter().map(|r| (r.code.as_str(), r.records, r.version)).collect::<Vec<_>>(), [("1.2.1.3", 1, 1)], "archived with its record");
    assert!(plans::removed_tasks(&store, &nyj).expect("removed").is_empty(), "农业局 lost nothing");
    let archived = progress_record_in(&store, &gtj, Some(old_id), "1.2.1.3", None, "2026Q4").expect("archived record");
    assert_eq!(archived.history.len(), 1, "its progress is still readable in the old version");
}
