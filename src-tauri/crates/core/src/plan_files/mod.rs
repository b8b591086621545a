//! A plan from whatever file a county keeps it in: Word's plain text, a Word document (.docx),
//! an Excel sheet (.xlsx / .xls, our own 任务分解表 export included) or a 工作方案 written as
//! prose. Each is turned into the same cells (or, for prose, the same tree) and read by the one
//! table reader; formats that cannot be read get a message saying how to save them.

pub mod docx;
pub mod prose;
pub mod xlsx;

use crate::departments::Directory;
use crate::error::{Error, Result};
use crate::plan::Plan;
use crate::table_reader::{read_plan, read_table, ReadOutcome};
use sha2::{Digest, Sha256};
use std::io::Read;

/// The largest part of a .docx or .xlsx file unpacked (a "zip bomb" is refused, not unpacked).
const MAX_PART_BYTES: u64 = 256 * 1024 * 1024;

/// What a plan file gave.
#[derive(Debug, Clone)]
pub struct PlanFile {
    /// The plan read, its warnings and new departments.
    pub outcome: ReadOutcome,
    /// Reporting periods the file carries (a plan package exported by the coordinator).
    pub periods: Vec<String>,
    /// Read from prose: a draft for the coordinator to review before publishing.
    pub draft: bool,
    /// The format read, in words: 纯文本, Word 文档, Excel 工作簿, 工作方案（文字）.
    pub format: &'static str,
}

/// Read a plan file's bytes, whatever its format. `source_name` (the file name) tells prose
/// from a table only for text files; `fallback_name` names a plan without a title.
///
/// # Errors
/// [`Error::UnsupportedFormat`] for .doc, .wps, .et, .pdf and other formats, saying how to save
/// the file readably; [`Error::BadDocument`] for a damaged Word or Excel file; the table
/// reader's errors (`malformed_table`) with the row they point at.
pub fn read_plan_file(bytes: &[u8], source_name: &str, fallback_name: &str, dir: &mut Directory) -> Result<PlanFile> {
    let plain = |outcome, format| PlanFile { outcome, periods: Vec::new(), draft: false, format };
    match detect(bytes, source_name) {
        Format::Docx => Ok(plain(read_table(&docx::read_docx(bytes)?, fallback_name, dir)?, "Word 文档")),
        Format::Workbook => xlsx::read_workbook(bytes, fallback_name, dir),
        Format::Text if prose::looks_like_prose(bytes) => Ok(PlanFile { outcome: prose::read_prose(bytes, fallback_name, dir)?, periods: Vec::new(), draft: true, format: "工作方案（文字）" }),
        Format::Text => Ok(plain(read_plan(bytes, fallback_name, dir)?, "纯文本")),
        Format::Unsupported(what) => Err(Error::UnsupportedFormat(format!(
            "无法读取{what}：请在 Word 或 WPS 中打开该文件，点“文件 → 另存为”，保存类型选“Word 文档 (*.docx)”（表格在 Excel 中的，选“Excel 工作簿 (*.xlsx)”），再导入另存的文件"
        ))),
    }
}

/// A file's format, told by its content first and its name second.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Docx,
    /// .xlsx or .xls: calamine tells them apart itself.
    Workbook,
    Unsupported(&'static str),
}

fn detect(bytes: &[u8], source_name: &str) -> Format {
    let extension = source_name.rsplit_once('.').map(|(_, e)| e.to_lowercase()).unwrap_or_default();
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return match zip_names(bytes) {
            names if names.iter().any(|n| n == "word/document.xml") => Format::Docx,
            names if names.iter().any(|n| n.starts_with("xl/")) => Format::Workbook,
            _ if extension == "docx" => Format::Docx,
            _ if extension == "xlsx" => Format::Workbook,
            _ => Format::Unsupported("这个压缩文件（不是 Word 或 Excel 文档）"),
        };
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return match extension.as_str() {
            "doc" => Format::Unsupported("旧版 Word 文档（.doc）"),
            "wps" => Format::Unsupported("WPS 文字文档（.wps）"),
            "et" => Format::Unsupported("WPS 表格文档（.et）"),
            _ => Format::Workbook,
        };
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Unsupported("PDF 文件（PDF 中的表格无法可靠还原）");
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Unsupported("RTF 文档");
    }
    match extension.as_str() {
        "doc" => Format::Unsupported("旧版 Word 文档（.doc）"),
        "wps" => Format::Unsupported("WPS 文字文档（.wps）"),
        "pdf" => Format::Unsupported("PDF 文件"),
        "docx" | "xlsx" => Format::Unsupported("这个文件（扩展名是 Office 文档，内容却不是，可能已损坏）"),
        _ => Format::Text,
    }
}

fn zip_names(bytes: &[u8]) -> Vec<String> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes)).map(|archive| archive.file_names().filter_map(|n| n.ok().map(|n| n.into_owned())).collect()).unwrap_or_default()
}

/// One part of a zip package (an Office file), unpacked no further than [`MAX_PART_BYTES`].
///
/// # Errors
/// [`Error::BadDocument`] when the file is not a zip, lacks the part or the part is damaged.
pub(crate) fn zip_part(bytes: &[u8], name: &str, what: &str) -> Result<Vec<u8>> {
    let broken = |detail: String| Error::BadDocument(format!("{what}已损坏，无法读取（{detail}）：请在 Word/WPS 中打开后重新保存"));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(e.to_string()))?;
    let part = archive.by_name(name).map_err(|_| Error::BadDocument(format!("不是{what}：文件中没有 {name}")))?;
    let mut out = Vec::new();
    part.take(MAX_PART_BYTES + 1).read_to_end(&mut out).map_err(|e| broken(e.to_string()))?;
    if out.len() as u64 > MAX_PART_BYTES {
        return Err(broken(format!("解压后超过 {} MB", MAX_PART_BYTES / 1024 / 1024)));
    }
    Ok(out)
}

/// SHA-256 over the plan's text as written (codes, labels, titles, notes, responsibility cells
/// and work), not over anything the department directory resolves: a plan package carries it so
/// that a department PC can tell the table it read is the coordinator's, unedited.
pub fn plan_digest(plan: &Plan) -> String {
    digest_with(plan, |text| text.to_string())
}

/// [`plan_digest`] of the text as printed (space runs collapsed, control characters dropped):
/// equal for a plan package's visible sheet and the exact cells it carries.
pub(crate) fn printed_digest(plan: &Plan) -> String {
    digest_with(plan, |text| {
        let printed = crate::report::printed_text(text);
        crate::table_reader::cells::join_lines(&printed.lines().collect::<Vec<_>>())
    })
}

fn digest_with(plan: &Plan, normal: impl Fn(&str) -> String) -> String {
    let mut hasher = Sha256::new();
    let mut put = |text: &str| {
        hasher.update(normal(text).as_bytes());
        hasher.update([0x1f]);
    };
    put(&plan.name);
    for article in &plan.articles {
        put(&article.code);
        put(&article.label);
        put(&article.title);
        put(&article.notes.join("\n"));
        for clause in &article.clauses {
            put(&clause.code);
            put(&clause.label);
            put(&clause.title);
            put(&clause.notes.join("\n"));
            for item in &clause.items {
                for text in [&item.code, &item.text, &item.responsibility] {
                    put(text);
                }
                for sub in &item.subitems {
                    for text in [&sub.code, &sub.label, &sub.text, &sub.responsibility, &sub.work] {
                        put(text);
                    }
                }
            }
        }
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
