//! An independent reader of the paper: every workbook of the 37-record data set, with every
//! text at 5,000 characters, printed by LibreOffice to PDF and read back with `pdftotext`. Every
//! user text and plan text must be there in full, each sheet numbers its own pages, and the
//! sheets' page breaks (ours) are the ones LibreOffice printed, with no heading at a page's foot,
//! no merged cell running over a break, and no code or date broken over two lines.

use crate::paper_data::{paper, Paper};
use crate::report_print::{pdf_text, to_pdfs};
use std::path::{Path, PathBuf};
use taizhang_core::plan::Plan;

/// Text without whitespace: pdftotext breaks wrapped cells into lines.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Is `text` printed in full in `stream` (both squeezed), its parts in order? A text continued
/// over rows and pages comes out in parts with other cells between them; each part is found
/// after the previous one. Phrases repeat between records, so a part found in the wrong place
/// is given up for the next place it occurs. `None` when printed; else the first part missing.
fn missing_part(stream: &str, text: &str) -> Option<String> {
    let wanted: Vec<char> = squeeze(text).chars().collect();
    let mut budget = 20_000;
    match cover(stream, &wanted, 0, 0, &mut budget) {
        Ok(()) => None,
        Err(done) => Some(wanted[done..(done + 40).min(wanted.len())].iter().collect()),
    }
}

/// Cover `wanted[done..]` from `position` on; `Err` holds how far the best attempt got.
fn cover(stream: &str, wanted: &[char], done: usize, position: usize, budget: &mut usize) -> Result<(), usize> {
    if done >= wanted.len() {
        return Ok(());
    }
    let probe: String = wanted[done..(done + 10).min(wanted.len())].iter().collect();
    let mut best = done;
    let mut from = position;
    while let Some(found) = stream[from..].find(&probe) {
        if *budget == 0 {
            break;
        }
        *budget -= 1;
        let at = from + found;
        let matched: Vec<usize> = stream[at..].chars().zip(&wanted[done..]).take_while(|(a, b)| a == *b).map(|(c, _)| c.len_utf8()).collect();
        match cover(stream, wanted, done + matched.len(), at + matched.iter().sum::<usize>(), budget) {
            Ok(()) => return Ok(()),
            Err(reached) => best = best.max(reached),
        }
        from = at + probe.len();
    }
    Err(best)
}

fn assert_printed(pdf: &Path, stream: &str, texts: &[String]) {
    for text in texts.iter().filter(|t| !t.trim().is_empty()) {
        if let Some(part) = missing_part(stream, text) {
            panic!("{} does not print “{part}…” of a text of {} characters", pdf.display(), text.chars().count());
        }
    }
}

/// The plan texts a sheet about `codes` prints: each sub-item's label and text.
fn plan_texts(plan: &Plan, codes: &[&str]) -> Vec<String> {
    plan.subitems().filter(|s| codes.contains(&s.code.as_str())).map(|s| format!("{}{}", s.label, s.text)).collect()
}

/// Every cell text of the 任务分解表.
fn breakdown_texts(plan: &Plan) -> Vec<String> {
    let mut texts = Vec::new();
    for article in &plan.articles {
        texts.push(format!("{}{}", article.label, article.title));
        texts.extend(article.notes.iter().cloned());
        for clause in &article.clauses {
            texts.push(format!("{}{}", clause.label, clause.title));
            for item in &clause.items {
                texts.extend([item.text.clone(), item.responsibility.clone()]);
                for sub in &item.subitems {
                    texts.extend([format!("{}{}", sub.label, sub.text), sub.responsibility.clone(), sub.work.clone()]);
                }
            }
        }
    }
    texts
}

/// The page footers of a PDF, in order: (page, of pages).
fn footers(raw: &str) -> Vec<(usize, usize)> {
    raw.split('\u{c}')
        .filter(|page| !page.trim().is_empty())
        .map(|page| {
            let squeezed = squeeze(page);
            footer_of(&squeezed).unwrap_or_else(|| panic!("a page without its footer 第 n 页 共 m 页: {}", squeezed.chars().take(200).collect::<String>()))
        })
        .collect()
}

/// The first `第{n}页共{m}页` of a page's squeezed text.
fn footer_of(page: &str) -> Option<(usize, usize)> {
    page.match_indices("页共").find_map(|(at, _)| {
        let before: String = page[..at].chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        let after: String = page[at + "页共".len()..].chars().take_while(char::is_ascii_digit).collect();
        let opens = page[..at - before.len()].ends_with('第');
        let closes = page[at + "页共".len() + after.len()..].starts_with('页');
        match (before.parse(), after.parse()) {
            (Ok(n), Ok(m)) if opens && closes => Some((n, m)),
            _ => None,
        }
    })
}

/// Each sheet numbers its pages 1 to n (共 n 页) and LibreOffice printed exactly those pages.
fn assert_pages_per_sheet(pdf: &Path, raw: &str, sheets: usize) -> usize {
    let pages = footers(raw);
    let mut runs = 0;
    let mut at = 0;
    while at < pages.len() {
        let of = pages[at].1;
        let expected: Vec<(usize, usize)> = (1..=of).map(|p| (p, of)).collect();
        assert_eq!(pages.get(at..at + of), Some(&expected[..]), "{}: a sheet of {of} pages prints pages 1 to {of}, no more (pages: {pages:?})", pdf.display());
        at += of;
        runs += 1;
    }
    assert_eq!(runs, sheets, "{}: {sheets} sheets, each numbering its own pages", pdf.display());
    pages.len()
}

/// Codes and dates of the department sheets stay on one line.
fn assert_unbroken(pdf: &Path, raw: &str, words: &[String]) {
    for word in words {
        assert!(raw.contains(word.as_str()), "{} prints “{word}” on one line", pdf.display());
    }
}

fn records_of<'a>(paper: &'a Paper, department: Option<&str>) -> Vec<&'a crate::paper_data::PaperRecord> {
    paper.records.iter().filter(|r| department.is_none_or(|d| r.department == d)).collect()
}

#[test]
fn every_text_is_printed_in_full_and_pages_break_where_the_sheet_says() {
    let paper = paper(taizhang_core::progress::MAX_TEXT_CHARS);
    let mut files: Vec<PathBuf> = paper.department_sheets.iter().map(|(_, p)| p.clone()).collect();
    files.extend([paper.blank.clone(), paper.breakdown.clone(), paper.summary.clone()]);
    let pdfs = to_pdfs(&files, paper.dir.path());
    let mut pages = 0;
    for ((department, _), pdf) in paper.department_sheets.iter().zip(&pdfs) {
        let raw = pdf_text(pdf, true);
        let stream = squeeze(&raw);
        let records = records_of(&paper, Some(department));
        let codes: Vec<&str> = paper.plan.subitems().filter(|s| s.lead.iter().chain(&s.cooperating).any(|d| d == department)).map(|s| s.code.as_str()).collect();
        let mut texts = plan_texts(&paper.plan, &codes);
        texts.extend(records.iter().flat_map(|r| r.texts.iter().cloned()));
        assert_printed(pdf, &stream, &texts);
        let deadlines = paper.plan.subitems().filter(|s| codes.contains(&s.code.as_str())).flat_map(|s| s.deadlines.iter().map(|d| d.text.clone()));
        assert_unbroken(pdf, &raw, &codes.iter().map(|c| c.to_string()).chain(deadlines).collect::<Vec<_>>());
        pages += assert_pages_per_sheet(pdf, &raw, 2);
    }
    let count = paper.department_sheets.len();
    let (blank, breakdown, summary) = (&pdfs[count], &pdfs[count + 1], &pdfs[count + 2]);
    let raw = pdf_text(blank, true);
    pages += assert_pages_per_sheet(blank, &raw, 2);
    let raw = pdf_text(breakdown, true);
    assert_printed(breakdown, &squeeze(&raw), &breakdown_texts(&paper.plan));
    pages += assert_pages_per_sheet(breakdown, &raw, 1);
    let raw = pdf_text(summary, true);
    let all: Vec<&str> = paper.plan.subitems().map(|s| s.code.as_str()).collect();
    let mut texts = plan_texts(&paper.plan, &all);
    // The summary carries 进展情况, 存在问题 and 下步计划 (备注 stays on the department's sheet).
    texts.extend(records_of(&paper, None).iter().flat_map(|r| r.texts[..3].iter().cloned()));
    assert_printed(summary, &squeeze(&raw), &texts);
    pages += assert_pages_per_sheet(summary, &raw, 4);
    assert!(pages > 100, "5,000-character texts fill many pages ({pages})");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        let first = &pdfs[0];
        let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/reports");
        for (pdf, name) in [(first, "department"), (blank, "department-blank"), (breakdown, "breakdown"), (summary, "summary")] {
            crate::report_print::first_page_png(pdf, &docs.join(name));
        }
    }
}

/// Rows (1-based) after which a page break falls, and merged ranges (first row, last row,
/// first column letter, last column letter), read from a worksheet's XML.
struct Breaks {
    after: Vec<u32>,
    merges: Vec<(u32, u32, String, String)>,
    last_column: String,
}

fn breaks_of(xml: &str) -> Breaks {
    let attribute = |element: &str, name: &str| format!(" {element}").split(&format!(" {name}=\"")).nth(1).and_then(|v| v.split('"').next().map(str::to_string)).unwrap_or_default();
    let after = xml.split("<brk ").skip(1).filter_map(|e| attribute(e, "id").parse().ok()).collect();
    let split = |cell: &str| {
        let letters: String = cell.chars().take_while(char::is_ascii_alphabetic).collect();
        (letters.clone(), cell[letters.len()..].parse::<u32>().unwrap_or(0))
    };
    let merges = xml
        .split("<mergeCell ")
        .skip(1)
        .map(|e| {
            let range = attribute(e, "ref");
            let (from, to) = range.split_once(':').unwrap_or((&range, &range));
            let ((c1, r1), (c2, r2)) = (split(from), split(to));
            (r1, r2, c1, c2)
        })
        .collect();
    let hidden = xml.split("<col ").skip(1).find(|e| e.contains("hidden=\"1\"")).map(|e| attribute(e, "min").parse::<u32>().unwrap_or(1)).unwrap_or(1);
    Breaks { after, merges, last_column: taizhang_core::readback::column_letter(hidden.saturating_sub(2)) }
}

fn worksheets(xlsx: &Path) -> Vec<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("file")).expect("zip");
    let mut names: Vec<String> = (0..zip.len()).filter_map(|i| zip.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string()))).filter(|n| n.starts_with("xl/worksheets/sheet")).collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).expect("part"), &mut text).expect("read");
            text
        })
        .collect()
}

#[test]
fn no_merge_runs_over_a_page_break_and_no_heading_ends_a_page() {
    let paper = paper(taizhang_core::progress::MAX_TEXT_CHARS);
    let mut files: Vec<&PathBuf> = paper.department_sheets.iter().map(|(_, p)| p).collect();
    files.extend([&paper.blank, &paper.breakdown, &paper.summary]);
    let mut breaks_seen = 0;
    for file in files {
        for xml in worksheets(file) {
            let sheet = breaks_of(&xml);
            breaks_seen += sheet.after.len();
            for &row in &sheet.after {
                for (first, last, from, to) in &sheet.merges {
                    assert!(!(*first <= row && row < *last), "{}: merged {from}{first}:{to}{last} runs over the page break after row {row}", file.display());
                    let heading = first == last && from == "A" && *to == sheet.last_column && *first > 3;
                    assert!(!(heading && *first == row), "{}: the heading in row {row} ends a page", file.display());
                }
            }
        }
    }
    assert!(breaks_seen > 50, "the long texts need many page breaks ({breaks_seen})");
}

#[test]
fn records_not_submitted_are_marked_or_left_out_as_chosen() {
    use taizhang_core::report::{export_report, Drafts, ReportRequest};
    let paper = paper(200);
    let draft = paper.records.iter().find(|r| !r.submitted).expect("a draft in the data set");
    let submitted = paper.records.iter().find(|r| r.submitted).expect("a submitted record");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 28).expect("date");
    let cells = |drafts: Drafts| -> Vec<String> {
        let path = paper.dir.path().join(format!("summary-{}.xlsx", drafts.key()));
        let request = ReportRequest { kind: "summary".into(), period: Some(crate::paper_data::PERIOD.into()), drafts: Some(drafts), ..Default::default() };
        export_report(&paper.store, &request, &path, today).expect("summary");
        let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("opens");
        let range = calamine::Reader::worksheet_range(&mut book, taizhang_core::report::SUMMARY_SHEETS[0]).expect("sheet");
        range.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect()
    };
    let marked = cells(Drafts::Mark);
    assert!(marked.contains(&draft.texts[0]), "a draft's progress is printed when marked");
    assert!(marked.iter().any(|c| c.contains("草稿（未报送）")), "and marked 草稿（未报送）");
    let omitted = cells(Drafts::Omit);
    assert!(!omitted.contains(&draft.texts[0]), "a draft of {} ({}) is left out when omitted", draft.code, draft.department);
    assert!(omitted.contains(&submitted.texts[0]), "submitted records stay");
    assert!(!omitted.iter().any(|c| c.contains("草稿（未报送）")), "nothing is marked as a draft then");
}

#[test]
fn a_sheet_whose_records_continue_over_rows_reads_back_exactly() {
    use taizhang_core::readback::{import_file, ImportOptions};
    let paper = paper(taizhang_core::progress::MAX_TEXT_CHARS);
    let admin = taizhang_core::accounts::sign_in(&paper.store, "admin", "secret123").expect("coordinator");
    let (department, sheet) = paper.department_sheets.iter().max_by_key(|(d, _)| paper.records.iter().filter(|r| r.department == *d).count()).expect("a sheet");
    let records = paper.records.iter().filter(|r| r.department == *department).count();
    let report = import_file(&paper.store, Some(&admin), sheet, &ImportOptions { dry_run: true, accept_older: true, ..Default::default() });
    assert!(report.refused.is_empty(), "nothing refused: {:?}", report.refused);
    assert!(report.review.is_empty(), "nothing to review (merges within a record are expected): {:?}", report.review);
    // Drafts come back as submitted versions (a sheet handed in is a submission); the texts are equal.
    let text_changes: Vec<_> = report.rows.iter().flat_map(|r| r.changes.iter().filter(|c| ["进展情况", "存在问题", "下步计划", "备注"].contains(&c.label.as_str())).map(move |c| (r.code.clone(), c.label.clone()))).collect();
    assert_eq!(text_changes, Vec::<(String, String)>::new(), "every 5,000-character text of {department}'s {records} records reads back exactly");
    assert!(report.unchanged + report.changed >= records, "every record of {department} is read ({} unchanged, {} changed)", report.unchanged, report.changed);
}
