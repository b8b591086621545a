//! The plan from Word and Excel: the seed as a Word document (made here the way Word writes
//! one: vertical merges, the table continued in three tables with their header rows repeated,
//! soft line breaks) and as our own 任务分解表 export reads to the text reader's very tree;
//! hostile documents get clear messages and change nothing.

use crate::util::{fresh_db, seed_bytes, seeded_store};
use docx_rs::{BreakType, Docx, Paragraph, Run, Table, TableCell, TableRow, VMergeType};
use taizhang_core::database::open_database;
use taizhang_core::error::ErrorCode;
use taizhang_core::plan::Plan;
use taizhang_core::plan_files::read_plan_file;
use taizhang_core::plan_import::import_plan_bytes;
use taizhang_core::report::{build_report, ReportRequest};
use taizhang_core::table_reader::cells::{split_table, HEADER};
use taizhang_core::table_reader::decode::decode;

/// A cell's lines as Word keeps them: odd lines as paragraphs, even ones after a soft break.
fn cell(text: &str, merged: Option<VMergeType>) -> TableCell {
    let mut paragraph = Paragraph::new();
    let mut cell = TableCell::new();
    for (index, line) in text.lines().enumerate() {
        if index % 2 == 1 {
            paragraph = paragraph.add_run(Run::new().add_break(BreakType::TextWrapping).add_text(line));
        } else {
            if index > 0 {
                cell = cell.add_paragraph(paragraph);
            }
            paragraph = Paragraph::new().add_run(Run::new().add_text(line));
        }
    }
    cell = cell.add_paragraph(paragraph);
    match merged {
        Some(kind) => cell.vertical_merge(kind),
        None => cell,
    }
}

/// The seed as a .docx: its title, then its rows in three tables, each starting with the header.
pub fn seed_docx() -> Vec<u8> {
    let text = decode(&seed_bytes()).expect("seed decodes");
    let table = split_table(&text).expect("seed splits");
    let header = TableRow::new(HEADER.iter().map(|h| cell(h, None)).collect());
    let mut document = Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("附件：")));
    document = document.add_paragraph(Paragraph::new().add_run(Run::new().add_text(table.preamble.last().expect("title").as_str())));
    let third = table.rows.len() / 3 + 1;
    for chunk in table.rows.chunks(third) {
        let mut rows = vec![header.clone()];
        for row in chunk {
            let cells = row.cells.iter().enumerate().map(|(column, c)| {
                let merge = (column < 4).then_some(if c.text.is_empty() { VMergeType::Continue } else { VMergeType::Restart });
                cell(&c.text, merge)
            });
            rows.push(TableRow::new(cells.collect()));
        }
        document = document.add_table(Table::new(rows));
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    document.build().pack(&mut bytes).expect("packs");
    bytes.into_inner()
}

/// What a plan is, without where it was read from: the JSON of its tree and departments.
fn tree(plan: &Plan) -> serde_json::Value {
    let mut value = serde_json::to_value(plan).expect("plan JSON");
    value["id"] = 0.into();
    value
}

#[test]
fn the_seed_as_docx_and_as_our_xlsx_export_reads_to_the_same_tree() {
    let (_dir, store, stored) = seeded_store();
    let mut directory = store.directory().expect("directory");
    let text = read_plan_file(&seed_bytes(), "seed.txt", "seed", &mut directory).expect("text");
    let docx = read_plan_file(&seed_docx(), "任务分解表.docx", "seed", &mut directory).expect("docx");
    assert_eq!(docx.format, "Word 文档");
    assert_eq!(tree(&docx.outcome.plan), tree(&text.outcome.plan), "the .docx gives the text reader's tree");
    assert_eq!(docx.outcome.plan.fingerprint, stored.fingerprint, "and the same fingerprint");
    let messages = |file: &taizhang_core::plan_files::PlanFile| file.outcome.warnings.iter().map(|w| w.message.clone()).collect::<Vec<_>>();
    assert_eq!(messages(&docx), messages(&text), "and the same warnings (at the Word table's rows)");
    assert_eq!(docx.outcome.plan.counts().departments, 31, "31 departments");

    taizhang_core::periods::create_period_before_setup(&store, "2026Q4").expect("period");
    let (workbook, rows) = build_report(&store, &ReportRequest { kind: "breakdown".into(), ..Default::default() }, crate::task_list::today()).expect("breakdown");
    assert_eq!(rows, 138, "138 sub-item rows exported");
    let xlsx = read_plan_file(&workbook, "任务分解表.xlsx", "seed", &mut directory).expect("xlsx");
    assert_eq!(tree(&xlsx.outcome.plan), tree(&text.outcome.plan), "our own export reads back to the same tree");
    assert_eq!(xlsx.outcome.plan.fingerprint, stored.fingerprint, "the package's fingerprint is taken over: keys match on every PC");
    assert_eq!(xlsx.periods, ["2026Q4"], "periods travel with the plan");
}

#[test]
fn a_plan_package_brings_a_department_pc_the_plan_and_its_periods() {
    let (_dir, coordinator, _) = seeded_store();
    taizhang_core::periods::create_period_before_setup(&coordinator, "2026Q4").expect("period");
    taizhang_core::periods::create_period_before_setup(&coordinator, "2026M11").expect("period");
    let revised = import_plan_bytes(&coordinator, &crate::plans::revised_seed(), "修订.txt", Default::default(), None).expect("revision");
    let (package, _) = build_report(&coordinator, &ReportRequest { kind: "breakdown".into(), ..Default::default() }, crate::task_list::today()).expect("package");

    let (_dir2, path) = fresh_db();
    let department_pc = open_database(Some(&path)).expect("opens with the seed");
    let preview = import_plan_bytes(&department_pc, &package, "任务分解表.xlsx", taizhang_core::plan_import::PlanImportOptions { revision_of: None, dry_run: true }, None).expect("preview");
    assert_eq!(preview.changes, revised.changes, "the department PC sees the same diff");
    let applied = import_plan_bytes(&department_pc, &package, "任务分解表.xlsx", Default::default(), None).expect("applied");
    assert_eq!((applied.fingerprint.as_str(), applied.version), (revised.fingerprint.as_str(), 2), "the coordinator's plan, version 2");
    assert_eq!(applied.periods_added, ["2026Q4", "2026M11"], "the periods came with it");
}

#[test]
fn hostile_documents_get_clear_messages_and_change_nothing() {
    let (_dir, store, _) = seeded_store();
    let before = store.row_counts().expect("counts");
    let docx = seed_docx();
    let mut truncated = docx.clone();
    truncated.truncate(docx.len() / 2);
    let mut flipped = docx.clone();
    let middle = flipped.len() / 2;
    for byte in &mut flipped[middle..middle + 64] {
        *byte ^= 0x5a;
    }
    let no_table = {
        let mut bytes = std::io::Cursor::new(Vec::new());
        Docx::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text("只有文字"))).build().pack(&mut bytes).expect("packs");
        bytes.into_inner()
    };
    let eight_columns = {
        let row = |n: usize| TableRow::new((0..n).map(|i| cell(HEADER.get(i).copied().unwrap_or("多余"), None)).collect());
        let mut bytes = std::io::Cursor::new(Vec::new());
        Docx::new().add_table(Table::new(vec![row(7), row(8)])).build().pack(&mut bytes).expect("packs");
        bytes.into_inner()
    };
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("截断.docx", truncated, "已损坏"),
        ("乱码.docx", flipped, "已损坏"),
        ("无表格.docx", no_table, "没有 7 列的任务分解表"),
        ("八列.docx", eight_columns, "第 2 行有 8 个单元格"),
        ("旧版.doc", [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 512]].concat(), "另存为"),
        ("扫描件.pdf", b"%PDF-1.7\n...".to_vec(), "PDF"),
        ("文稿.wps", [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 512]].concat(), "WPS"),
        ("空表.xlsx", empty_workbook(), "没有任务分解表"),
        ("压缩包.zip", zipped_text(), "不是 Word 或 Excel"),
    ];
    for (name, bytes, expected) in cases {
        let error = import_plan_bytes(&store, &bytes, name, Default::default(), None).expect_err(name);
        assert_eq!(error.code(), ErrorCode::MalformedTable, "{name}: {error}");
        assert!(error.to_string().contains(expected), "{name}: “{error}” should say {expected}");
        assert_eq!(store.row_counts().expect("counts"), before, "{name}: nothing written");
    }
}

fn empty_workbook() -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet().write_string(0, 0, "随便写点").expect("cell");
    workbook.save_to_buffer().expect("workbook")
}

fn zipped_text() -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut bytes);
    zip.start_file("说明.txt", zip::write::SimpleFileOptions::default()).expect("entry");
    std::io::Write::write_all(&mut zip, "不是表格".as_bytes()).expect("write");
    zip.finish().expect("zip");
    bytes.into_inner()
}


#[test]
fn a_work_plan_in_prose_is_read_into_a_draft_the_coordinator_publishes() {
    let (_dir, store, _) = seeded_store();
    let prose = "梨树县水污染防治工作方案\n\n一、全面控制污染物排放\n（一）狠抓工业污染防治。\n1．取缔“十小”企业。2017年底前全面排查装备水平低、环保设施差的小型工业企业。（责任单位：县环保局牵头，县经济局、县国土资源局配合）\n2．专项整治重点行业。制定造纸、印染等行业专项治理方案。（责任单位：县经济局牵头，县环保局配合）\n本段没有责任单位，只是说明。\n（二）强化城镇生活污染治理。\n1．加快城镇污水处理设施建设，到2020年县城污水处理率达到95%以上。（责任单位：县住建局）\n";
    let summary = import_plan_bytes(&store, prose.as_bytes(), "水污染防治工作方案.txt", Default::default(), None).expect("read as a draft");
    assert!(summary.draft && summary.imported, "a draft: {summary:?}");
    assert_eq!((summary.name.as_str(), summary.articles, summary.clauses, summary.subitems), ("梨树县水污染防治工作方案", 1, 2, 3), "one 条, two 款, three tasks");
    assert!(summary.warnings.iter().any(|w| w.line == 7 && w.message.contains("没有注明责任单位")), "the paragraph without units is named by its line: {:?}", summary.warnings);
    let plan = taizhang_core::responsibilities::plan_tree(&store, Some(summary.plan_id)).expect("draft tree");
    let first = plan.subitems().next().expect("a task");
    assert_eq!((first.lead.clone(), first.cooperating.clone()), (vec!["环保局".to_string()], vec!["经济局".to_string(), "国土资源局".to_string()]), "units resolved");
    assert_eq!(first.deadlines.iter().map(|d| d.text.as_str()).collect::<Vec<_>>(), ["2017年底前"], "deadlines found");
    let live = taizhang_core::plans::live_plans(&store).expect("live");
    assert!(live.iter().all(|p| p.id != summary.plan_id), "departments do not see a draft");
    let admin = taizhang_core::accounts::setup(&store, &crate::accounts::coordinator_setup()).expect("setup");
    taizhang_core::accounts::create_account(&store, &admin, &crate::accounts::department_account("hbj", "环保局")).expect("account");
    let hbj = taizhang_core::accounts::sign_in(&store, "hbj", "secret123").expect("hbj");
    let refused = taizhang_core::plans::choose(&store, &hbj, Some(summary.plan_id)).expect_err("a department may not show a draft");
    assert_eq!(refused.code(), ErrorCode::Forbidden, "{refused}");
    assert_eq!(taizhang_core::plans::choose(&store, &admin, Some(summary.plan_id)).expect("the coordinator reviews it").plan_id, Some(summary.plan_id));
    let published = taizhang_core::plans::publish(&store, &admin, summary.plan_id).expect("published");
    assert!(!published.draft, "published");
    assert!(taizhang_core::plans::live_plans(&store).expect("live").iter().any(|p| p.id == summary.plan_id), "now departments see it");
}
