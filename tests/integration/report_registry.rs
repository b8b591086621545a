//! The report registry: every registered report exports exactly the sheets it declares, with
//! its key in the metadata and a file name; unknown kinds are refused; who may export what is
//! what the registry says. A report added to the registry is covered here without a new test.

use crate::progress::office;
use crate::report::today;
use calamine::{open_workbook, Reader, Xlsx};
use taizhang_core::error::ErrorCode;
use taizhang_core::report::meta::META_SHEET;
use taizhang_core::report::{authorize, available, default_file_name, export_report, Audience, DepartmentChoice, ReportRequest, REPORTS};

fn request(kind: &str, department: Option<&str>) -> ReportRequest {
    ReportRequest { kind: kind.into(), period: Some("2026Q4".into()), department: department.map(Into::into), blank: false, ..Default::default() }
}

#[test]
fn every_registered_report_writes_the_sheets_it_declares() {
    let (dir, store, ..) = office();
    let mut keys: Vec<&str> = REPORTS.iter().map(|r| r.key()).collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), REPORTS.len(), "report keys are unique");
    for report in REPORTS {
        let department = (report.department() != DepartmentChoice::None).then_some("农业局");
        let path = dir.path().join(format!("{}.xlsx", report.key()));
        let outcome = export_report(&store, &request(report.key(), department), &path, today()).unwrap_or_else(|e| panic!("{}: {e}", report.key()));
        assert!(outcome.rows > 0, "{} has task rows", report.key());
        let mut book: Xlsx<_> = open_workbook(&path).expect("xlsx");
        let mut declared: Vec<String> = report.sheets().iter().map(|s| s.sheet.to_string()).collect();
        declared.push(META_SHEET.into());
        assert_eq!(book.sheet_names(), declared, "the sheets of {}", report.key());
        let meta = book.worksheet_range(META_SHEET).expect("metadata");
        let template = meta.rows().find(|row| row.first().is_some_and(|c| *c == "template")).map(|row| row[1].to_string());
        assert_eq!(template.as_deref(), Some(report.key()), "the metadata names the report");
        let name = default_file_name(&store, &request(report.key(), department)).expect("file name");
        assert!(name.ends_with(".xlsx") && (department.is_none() || name.contains("农业局")), "{} is offered as {name}", report.key());
    }
}

#[test]
fn an_unknown_kind_is_refused_naming_every_known_one() {
    let (dir, store, ..) = office();
    let error = export_report(&store, &request("weekly", None), &dir.path().join("w.xlsx"), today()).expect_err("unknown");
    assert_eq!(error.code(), ErrorCode::InvalidInput, "{error}");
    for report in REPORTS {
        assert!(error.to_string().contains(report.key()) && error.to_string().contains(report.title()), "names {}: {error}", report.key());
    }
    assert!(!dir.path().join("w.xlsx").exists(), "nothing written");
}

#[test]
fn who_may_export_what_is_what_the_registry_says() {
    let (_dir, store, admin, nyj, _) = office();
    assert_eq!(available(&admin).len(), REPORTS.len(), "the coordinator may export every report");
    let offered: Vec<&str> = available(&nyj).iter().map(|r| r.kind).collect();
    for report in REPORTS {
        let everyone = report.audience() == Audience::Everyone;
        assert_eq!(offered.contains(&report.key()), everyone, "{} offered to a department", report.key());
        let own = authorize(&store, &nyj, &request(report.key(), Some("农业局")));
        assert_eq!(own.is_ok(), everyone, "{} for its own department: {own:?}", report.key());
        if report.department() == DepartmentChoice::Required {
            let other = authorize(&store, &nyj, &request(report.key(), Some("公安局"))).expect_err("another department's sheet");
            assert_eq!(other.code(), ErrorCode::Forbidden, "{other}");
            let unnamed = authorize(&store, &admin, &request(report.key(), None)).expect_err("no department");
            assert_eq!(unnamed.code(), ErrorCode::InvalidInput, "{unnamed}");
        }
        if !everyone {
            assert_eq!(own.map_err(|e| e.code()), Err(ErrorCode::Forbidden), "{} refused to a department", report.key());
        }
    }    // The rule itself, not only the registry's word for it: the county summary is the coordinator's.
    let summary = authorize(&store, &nyj, &request("summary", None)).expect_err("a department is refused the county summary");
    assert_eq!(summary.code(), ErrorCode::Forbidden, "{summary}");
    assert!(!offered.contains(&"summary"), "and it is not offered to a department");
}
