//! Malformed input: each kind gives a clear Chinese error (naming the line where there is
//! one), never a panic, and leaves the database exactly as it was.

use taizhang_core::error::ErrorCode;
use crate::util::{seed_bytes, seeded_store};
use taizhang_core::plan_import::import_plan_bytes;
use taizhang_core::responsibilities::plan_tree;
use taizhang_core::Error;

const HEADER: &str = "\t条内容\n\t款内容\n\t项内容\n\t责任单位\n\t小项内容\n\t责任单位\n\t具体工作内容\n";

fn row(cells: [&str; 7]) -> String {
    cells.iter().map(|c| format!("\t{c}\n")).collect()
}

/// Import `bytes` into a seeded database; the error, after checking nothing changed.
fn refused(bytes: &[u8]) -> Error {
    let (_dir, store, before_plan) = seeded_store();
    let before = store.row_counts().expect("row counts");
    let error = import_plan_bytes(&store, bytes, "broken.txt", Default::default(), None).expect_err("a malformed table is refused");
    assert_eq!(store.row_counts().expect("row counts"), before, "no table changed after: {error}");
    assert_eq!(plan_tree(&store, None).expect("plan"), before_plan, "the stored plan is unchanged after: {error}");
    assert!(!error.to_string().is_empty() && error.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "message is Chinese: {error}");
    error
}

#[test]
fn empty_and_blank_files() {
    assert!(matches!(refused(b""), Error::EmptyFile), "empty file");
    assert!(matches!(refused(b"\r\n  \n\t\n"), Error::EmptyFile), "only whitespace");
}

#[test]
fn binary_garbage() {
    let garbage: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8).collect();
    assert!(matches!(refused(&garbage), Error::Undecodable | Error::ControlCharacter { .. }), "random bytes");
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
    assert!(matches!(refused(png), Error::Undecodable | Error::ControlCharacter { .. }), "an image");
}

#[test]
fn control_characters_name_their_line() {
    let text = format!("{HEADER}{}", row(["一、条", "（一）款", "项", "环保局", "1、小项\u{0}\u{1}", "1、环保局", "工作"]));
    assert!(matches!(refused(text.as_bytes()), Error::ControlCharacter { line: 12 }), "NUL on line 12");
}

#[test]
fn utf16_cut_in_the_middle_of_a_character() {
    let mut bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain(HEADER.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    bytes.push(0x41);
    assert!(matches!(refused(&bytes), Error::Undecodable), "odd number of UTF-16 bytes");
}

#[test]
fn text_without_a_table() {
    assert!(matches!(refused("梨树县土壤污染防治行动计划\n没有表格的说明文字\n".as_bytes()), Error::NoTable), "no TAB cells");
}

#[test]
fn a_wrong_header_names_its_line() {
    let text = format!("标题\n{}", row(["序号", "任务", "内容", "单位", "小项", "单位", "工作"]));
    let error = refused(text.as_bytes());
    assert!(matches!(error, Error::BadHeader { line: 2, .. }), "header on line 2: {error}");
    assert!(error.to_string().contains("序号"), "the message shows what was found");
}

#[test]
fn a_missing_cell_names_the_incomplete_row() {
    let mut text = format!("{HEADER}{}", row(["一、条", "（一）款", "项", "环保局", "1、小项", "1、环保局", "工作"]));
    text.push_str("\t\n\t\n\t\n\t\n\t2、小项\n\t2、环保局\n");
    let error = refused(text.as_bytes());
    assert!(matches!(error, Error::CellCount { line: 15, cells: 6 }), "the row from line 15 has 6 cells: {error}");
}

#[test]
fn a_seed_truncated_mid_row() {
    let seed = String::from_utf8(seed_bytes()).expect("UTF-8 seed");
    let cell_starts: Vec<usize> = seed.match_indices("\n\t").map(|(at, _)| at + 1).collect();
    let cut = &seed[..cell_starts[7 * 60 + 3]];
    assert!(matches!(refused(cut.as_bytes()), Error::CellCount { cells: 3, .. }), "a truncated file is incomplete, not half-stored");
}

#[test]
fn a_header_without_rows() {
    assert!(matches!(refused(HEADER.as_bytes()), Error::NoRows), "header only");
}

#[test]
fn a_first_row_without_an_article() {
    let text = format!("{HEADER}{}", row(["", "（一）款", "项", "环保局", "1、小项", "1、环保局", "工作"]));
    assert!(matches!(refused(text.as_bytes()), Error::MissingLevel { line: 8, level: "条内容" }), "nothing to carry down");
}

#[test]
fn a_file_far_too_large() {
    let huge = vec![b' '; taizhang_core::table_reader::decode::MAX_TABLE_BYTES + 1];
    assert!(matches!(refused(&huge), Error::TooLarge { .. }), "over the size limit");
}

#[test]
fn a_missing_file_is_an_io_error() {
    let (_dir, store, _) = seeded_store();
    let error = taizhang_core::plan_import::import_plan_file(&store, std::path::Path::new("/nonexistent/任务分解表.txt"))
        .expect_err("no such file");
    assert_eq!(error.code(), ErrorCode::Io, "error code for a missing file");
    assert!(error.to_string().contains("任务分解表.txt"), "the message names the file: {error}");
}

#[test]
fn a_table_naming_more_departments_than_a_county_has_is_refused() {
    let mut table = String::from(HEADER);
    for n in 1..=301 {
        let department = format!("虚构{n}局");
        let item = format!("（{n}）示例项。");
        let sub = format!("{n}.示例小项。");
        table.push_str(&row(["一、示例条。", "（一）示例款。", &item, &department, &sub, &department, "完成示例工作。"]));
    }
    let error = refused(table.as_bytes());
    assert!(matches!(&error, Error::InvalidInput(m) if m.contains("301") && m.contains("300")), "says how many and the limit: {error}");
}
