//! Size: the seed a hundred times over (13,800 sub-items, a year of progress from every
//! responsible department: what `cargo xtask bench --full` times), exported and read back with
//! calamine — no cell over Excel's 32,767 characters, every sub-item present.

use taizhang_core::plan_import::import_plan_bytes;
use taizhang_core::report::{export_report, ReportRequest};
use taizhang_core::{database, scale};

#[test]
fn a_hundredfold_plan_exports_every_subitem_within_excels_limits() {
    let dir = tempfile::tempdir().expect("folder");
    let store = database::open_database(Some(&dir.path().join("taizhang.db"))).expect("database");
    let text = scale::scaled_plan_text(taizhang_core::DEFAULT_PLAN, 100).expect("scaled");
    let summary = import_plan_bytes(&store, text.as_bytes(), "x100.txt", Default::default(), None).expect("imported");
    assert_eq!(summary.subitems, 13_800, "a hundred times the seed's 138 sub-items");
    let plan_id = store.current_plan_id().expect("plans").expect("the scaled plan is current");
    let filled = scale::fill_progress(&store, plan_id, 2026).expect("progress");
    assert_eq!(filled.periods.len(), 16, "a year of quarters and months");
    assert!(filled.versions > 13_800 * 4, "every responsible department reports in every quarter: {}", filled.versions);
    let out = dir.path().join("summary.xlsx");
    let request = ReportRequest { kind: "summary".into(), period: Some("2026Q4".into()), unit: Some("梨树县环保局".into()), ..Default::default() };
    let exported = export_report(&store, &request, &out, chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")).expect("exported");
    assert_eq!(exported.rows, 13_800);
    let check = scale::check_summary(&out, &store, plan_id).expect("read back");
    assert!(check.passed(), "{check:?}");
    assert_eq!(check.subitems_found, 13_800);
    assert!(check.longest <= taizhang_core::report::EXCEL_CELL_CHARS && check.cells > 13_800 * 10, "{check:?}");
    assert!(check.county_sheets >= 2, "past 1,024 pages the county sheet goes on to another sheet: {check:?}");
    within_excels_page_breaks(&out);

    // 农业局's sheet passes 1,024 pages too: it goes on to 工作进展情况表（续1）, and reads back whole.
    let department = dir.path().join("农业局.xlsx");
    let request = ReportRequest { kind: "department".into(), period: Some("2026Q4".into()), department: Some("农业局".into()), ..Default::default() };
    let exported = export_report(&store, &request, &department, chrono::NaiveDate::from_ymd_opt(2026, 12, 31).expect("date")).expect("exported");
    within_excels_page_breaks(&department);
    let returned = taizhang_core::readback::read_returned_file(&department).expect("read back");
    assert_eq!(returned.main.rows.len(), exported.rows, "every task of the department, over both sheets");
    let continued = taizhang_core::report::split::continuation_name(taizhang_core::report::DEPARTMENT_SHEET, 1);
    assert!(returned.main.rows.iter().any(|r| r.sheet == continued), "rows on {continued}");
    assert!(returned.refused.is_empty(), "{:?}", returned.refused.first());
    let tasks = taizhang_core::responsibilities::tasks_for_department(&store, "农业局", Some(plan_id)).expect("tasks");
    let codes: Vec<&str> = returned.main.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, tasks.tasks.iter().map(|t| t.code.as_str()).collect::<Vec<_>>(), "in plan order, none twice");
}

/// No worksheet of `xlsx` has more manual page breaks than Excel keeps (1,023).
fn within_excels_page_breaks(xlsx: &std::path::Path) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("file")).expect("zip");
    for index in 0..zip.len() {
        let mut part = zip.by_index(index).expect("part");
        let name = part.name().expect("name").to_string();
        if !name.starts_with("xl/worksheets/sheet") {
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml).expect("read");
        let breaks = xml.matches("<brk ").count();
        assert!(breaks <= 1_023, "{} of {} has {breaks} page breaks", name, xlsx.display());
    }
}

#[test]
fn search_reads_the_text_of_a_large_plan() {
    let dir = tempfile::tempdir().expect("folder");
    let store = database::open_database(Some(&dir.path().join("taizhang.db"))).expect("database");
    let text = scale::scaled_plan_text(taizhang_core::DEFAULT_PLAN, 3).expect("scaled");
    import_plan_bytes(&store, text.as_bytes(), "x3.txt", Default::default(), None).expect("imported");
    let plan_id = store.current_plan_id().expect("plans").expect("current");
    let seed_id = 1;
    let in_seed = store.search_subitems(seed_id, "农药包装废弃物").expect("search");
    let in_scaled = store.search_subitems(plan_id, "农药包装废弃物").expect("search");
    assert!(!in_seed.is_empty(), "the seed mentions it");
    assert_eq!(in_scaled.len(), 3 * in_seed.len(), "three copies, each found once");
    assert_eq!(store.search_subitems(plan_id, "农药 回收").expect("two words").len(), 3 * store.search_subitems(seed_id, "农药 回收").expect("two words").len());
    assert!(store.search_subitems(plan_id, "不存在的词语").expect("none").is_empty());
}
