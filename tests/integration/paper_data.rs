//! The data set of the paper checks: 37 records of several departments, as an office fills
//! them in (four statuses, drafts, target values, evidence), with every text field at the
//! 5,000-character limit; and the workbooks exported from it.

use crate::accounts::{coordinator_setup, department_account};
use crate::util::seeded_store;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use taizhang_core::accounts::{create_account, setup, sign_in};
use taizhang_core::plan::Plan;
use taizhang_core::progress::{save_progress, ProgressInput, TargetValueInput, MAX_TEXT_CHARS};
use taizhang_core::report::{export_report, Drafts, ReportRequest};
use taizhang_core::status::Status;
use taizhang_core::store::Store;

/// Records in the data set.
pub const RECORDS: usize = 37;
/// The period reported.
pub const PERIOD: &str = "2026Q4";

/// Sentences of a county progress report: numbers, percentages, standards, quotes.
const PHRASES: [&str; 8] = [
    "全县完成耕地土壤环境质量详查点位布设1,286个，样品采集率达到98.5%，检测数据已报送市环保局。",
    "依据GB 15618-2018《土壤环境质量 农用地土壤污染风险管控标准（试行）》开展农用地分类，安全利用率达到90%以上。",
    "组织召开专题推进会3次，印发《梨树县土壤污染防治工作方案》及配套文件，明确各乡镇、各部门职责分工。",
    "对辖区内12家重点行业企业开展用地调查，建立“一企一档”，问题清单已逐项销号。",
    "农膜回收网点覆盖全部21个乡镇（街道），回收率达到80%以上；农药包装废弃物集中处置1.2万件。",
    "资金方面，争取中央土壤污染防治专项资金450万元，县级配套120万元，已拨付到位。",
    "存在的主要问题：部分乡镇人员力量不足，专业检测能力薄弱，历史遗留污染地块底数仍需进一步核实。",
    "下一步将加强与市级部门沟通对接，按照“谁污染、谁治理”的原则推进责任落实，确保2017年底前完成阶段目标。",
];

/// A field's text of `length` characters: numbered sentences, a paragraph every seventh, so
/// every stretch of it is unique and a lost line shows.
pub fn long_text(record: usize, field: &str, length: usize) -> String {
    let mut text = String::new();
    let mut sentence = 0;
    while text.chars().count() < length {
        sentence += 1;
        text.push_str(&format!("〔{record}-{field}-{sentence}〕{}", PHRASES[(record + sentence) % PHRASES.len()]));
        if sentence % 7 == 0 {
            text.push('\n');
        }
    }
    text.chars().take(length).collect::<String>().trim_end().to_string()
}

/// One record of the data set.
#[derive(Debug, Clone)]
pub struct PaperRecord {
    /// Sub-item code.
    pub code: String,
    /// Department.
    pub department: String,
    /// 进展情况, 存在问题, 下步计划, 备注.
    pub texts: [String; 4],
    /// Submitted (else a draft).
    pub submitted: bool,
}

/// The database, the records and the exported workbooks.
pub struct Paper {
    pub dir: tempfile::TempDir,
    pub store: Store,
    pub plan: Plan,
    pub records: Vec<PaperRecord>,
    /// (department, its sheet).
    pub department_sheets: Vec<(String, PathBuf)>,
    pub blank: PathBuf,
    pub breakdown: PathBuf,
    pub summary: PathBuf,
}

/// 37 (sub-item, department) pairs in plan order: the lead of each sub-item, every fifth its
/// first cooperating department instead.
fn pairs(plan: &Plan) -> Vec<(String, String)> {
    plan.subitems()
        .enumerate()
        .map(|(i, s)| (s.code.clone(), if i % 5 == 4 { s.cooperating.first().unwrap_or(&s.lead[0]).clone() } else { s.lead[0].clone() }))
        .take(RECORDS)
        .collect()
}

/// Build the data set with texts of `length` characters and export every workbook.
pub fn paper(length: usize) -> Paper {
    assert!(length <= MAX_TEXT_CHARS);
    let (dir, store, plan) = seeded_store();
    let admin = setup(&store, &coordinator_setup()).expect("setup");
    taizhang_core::periods::create_period(&store, &admin, PERIOD).expect("period");
    let evidence_file = dir.path().join("2026年第四季度土壤详查点位照片.pdf");
    std::fs::write(&evidence_file, b"%PDF-1.4 evidence").expect("evidence file");
    let mut departments: Vec<String> = Vec::new();
    let mut records = Vec::new();
    for (index, (code, department)) in pairs(&plan).into_iter().enumerate() {
        if !departments.contains(&department) {
            departments.push(department.clone());
            create_account(&store, &admin, &department_account(&format!("u{}", departments.len()), &department)).expect("account");
        }
        let user = format!("u{}", departments.iter().position(|d| *d == department).map_or(0, |p| p + 1));
        let session = sign_in(&store, &user, "secret123").expect("sign in");
        let texts = ["进展", "问题", "计划", "备注"].map(|field| long_text(index, field, length));
        let status = [Status::NotStarted, Status::OnSchedule, Status::Behind, Status::Completed][index % 4];
        let sub = plan.subitems().find(|s| s.code == code).expect("sub-item");
        let targets = sub.targets.iter().enumerate().map(|(i, _)| TargetValueInput { index: i, value: Some(80.0 + i as f64), note: long_text(index, "说明", 300) }).collect();
        let input = ProgressInput {
            plan_id: None,
            code: code.clone(),
            department: Some(department.clone()),
            period: PERIOD.into(),
            status,
            percent: [0, 50, 30, 100][index % 4],
            progress: texts[0].clone(),
            problems: texts[1].clone(),
            next_steps: texts[2].clone(),
            remarks: texts[3].clone(),
            reporter: "王晓梅".into(),
            phone: "0434-5223456".into(),
            targets,
            evidence: if index % 6 == 0 { vec![evidence_file.clone()] } else { Vec::new() },
            remove_evidence: Vec::new(),
            opened_version: 0,
            submit: index % 3 != 2,
        };
        save_progress(&store, &session, &dir.path().join("evidence"), &input).unwrap_or_else(|e| panic!("record {index} saves: {e}"));
        records.push(PaperRecord { code, department, texts, submitted: input.submit });
    }
    let exports = export_all(&store, dir.path(), &departments);
    Paper { dir, store, plan, records, department_sheets: exports.0, blank: exports.1, breakdown: exports.2, summary: exports.3 }
}

type Exports = (Vec<(String, PathBuf)>, PathBuf, PathBuf, PathBuf);

fn export_all(store: &Store, dir: &Path, departments: &[String]) -> Exports {
    let today = NaiveDate::from_ymd_opt(2026, 12, 28).expect("date");
    let request = |kind: &str, department: Option<&str>, blank: bool| ReportRequest {
        kind: kind.into(),
        period: Some(PERIOD.into()),
        department: department.map(Into::into),
        blank,
        drafts: Some(Drafts::Mark),
        unit: None,
        plan_id: None,
    };
    let export = |name: String, request: ReportRequest| {
        let path = dir.join(name);
        export_report(store, &request, &path, today).unwrap_or_else(|e| panic!("{} exports: {e}", path.display()));
        path
    };
    let sheets = departments.iter().map(|d| (d.clone(), export(format!("{d}.xlsx"), request("department", Some(d), false)))).collect();
    let blank = export("department-blank.xlsx".into(), request("department", Some(&departments[0]), true));
    let breakdown = export("breakdown.xlsx".into(), ReportRequest { period: None, ..request("breakdown", None, false) });
    let summary = export("summary.xlsx".into(), request("summary", None, false));
    (sheets, blank, breakdown, summary)
}
