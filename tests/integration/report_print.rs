//! An independent client: LibreOffice converts each workbook to PDF headless; the PDF's pages
//! are A4 landscape and hold the table's text. Golden files pin each sheet's layout (columns,
//! widths, print setup), ignoring timestamps.

use crate::report::{exported, Exported};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Convert `files` to PDF with one LibreOffice run in its own profile under `dir`; the PDFs in
/// the same order.
pub fn to_pdfs(files: &[PathBuf], dir: &Path) -> Vec<PathBuf> {
    let out = dir.join("pdf");
    let profile = out.join("profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(files)
        .output()
        .expect("LibreOffice (soffice) runs: `cargo xtask test` installs libreoffice-calc-nogui");
    assert!(status.status.success(), "LibreOffice converts the workbooks: {}", String::from_utf8_lossy(&status.stderr));
    files
        .iter()
        .map(|f| {
            let pdf = out.join(format!("{}.pdf", f.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
            assert!(pdf.exists(), "the PDF {} was written", pdf.display());
            pdf
        })
        .collect()
}

/// The first page of `pdf` as `{stem}.png` (for docs/reports).
pub fn first_page_png(pdf: &Path, stem: &Path) {
    let status = Command::new("pdftoppm").args(["-png", "-r", "90", "-f", "1", "-l", "1", "-singlefile"]).arg(pdf).arg(stem).status();
    assert!(status.is_ok_and(|s| s.success()), "pdftoppm writes the page image");
}

/// Convert `xlsx` to PDF with LibreOffice in its own profile (tests run in parallel).
fn to_pdf(xlsx: &Path) -> PathBuf {
    let out = xlsx.parent().expect("folder").join(format!("pdf-{}", xlsx.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
    let profile = out.join("profile");
    let status = Command::new("soffice")
        .arg(format!("-env:UserInstallation=file://{}", profile.display()))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .arg(xlsx)
        .output()
        .expect("LibreOffice (soffice) runs: `cargo xtask test` installs libreoffice-calc-nogui");
    assert!(status.status.success(), "LibreOffice converts {} without error: {}", xlsx.display(), String::from_utf8_lossy(&status.stderr));
    let pdf = out.join(format!("{}.pdf", xlsx.file_stem().and_then(|s| s.to_str()).unwrap_or("x")));
    assert!(pdf.exists(), "the PDF {} was written", pdf.display());
    pdf
}

fn pdf_info(pdf: &Path) -> String {
    let out = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo runs (poppler-utils)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of `pdf`: in reading layout, or `raw` in the order it was drawn (each cell's lines
/// together).
pub fn pdf_text(pdf: &Path, raw: bool) -> String {
    let out = Command::new("pdftotext").arg(if raw { "-raw" } else { "-layout" }).arg(pdf).arg("-").output().expect("pdftotext runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every page of `pdf` is A4 landscape (841.89 × 595.3 points).
fn assert_a4_landscape(pdf: &Path) {
    let pages: usize = pdf_info(pdf).lines().find_map(|l| l.strip_prefix("Pages:")).and_then(|n| n.trim().parse().ok()).expect("page count");
    for page in 1..=pages {
        let out = Command::new("pdfinfo").args(["-f", &page.to_string(), "-l", &page.to_string()]).arg(pdf).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&out.stdout);
        let size = info.lines().find(|l| l.contains("size:")).unwrap_or_default().to_string();
        assert!(size.contains("841.89 x 595.") && size.contains("A4"), "page {page} of {} is A4 landscape: {size}", pdf.display());
    }
}

/// Text with whitespace removed (pdftotext breaks wrapped cells across lines).
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn libreoffice_prints_every_workbook_on_a4_landscape_with_its_text() {
    let Exported { dir: _dir, breakdown, department, blank, summary, .. } = exported();
    let checks: [(&Path, &[&str]); 4] = [
        (&breakdown, &["梨树县土壤污染防治行动计划任务分解表", "加大水土流失的治理力度", "第1页共"]),
        (&department, &["梨树县土壤污染防治行动计划农业局2026年第四季度工作进展情况表", "填报单位（盖章）", "已完成全部治理任务。", "单位负责人"]),
        (&blank, &["工作进展情况表", "本单位职责", "联系电话"]),
        (&summary, &["全县工作进展汇总表", "工作进展统计表", "预警清单", "未报送单位清单"]),
    ];
    for (xlsx, needles) in checks {
        let pdf = to_pdf(xlsx);
        assert_a4_landscape(&pdf);
        let text = squeeze(&pdf_text(&pdf, false));
        for needle in needles {
            assert!(text.contains(&squeeze(needle)), "{} prints “{needle}”", xlsx.display());
        }
    }
}

/// The layout of a workbook, as text: sheet names and defined names, then for every worksheet
/// its columns with widths, print setup, panes, protection and page breaks.
fn layout_of(xlsx: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("file")).expect("zip");
    let mut sheets: Vec<String> =
        (0..zip.len()).filter_map(|i| zip.by_index(i).ok().and_then(|f| f.name().ok().map(|n| n.to_string()))).filter(|n| n.starts_with("xl/worksheets/sheet")).collect();
    sheets.sort_by_key(|n| n.trim_start_matches("xl/worksheets/sheet").trim_end_matches(".xml").parse::<u32>().unwrap_or(0));
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).expect("part"), &mut text).expect("read");
        text
    };
    let workbook = read("xl/workbook.xml");
    let mut lines = Vec::new();
    for tag in ["<sheet ", "<definedName "] {
        for piece in workbook.split(tag).skip(1) {
            let element = piece.split("</definedName>").next().unwrap_or(piece).split("/>").next().unwrap_or(piece);
            lines.push(format!("{} {}", tag.trim(), element.replace(" r:id=\"rId", " rid=\"")));
        }
    }
    for name in &sheets {
        lines.push(format!("== {name}"));
        let sheet = read(name);
        for tag in ["<col ", "<pageMargins ", "<pageSetup ", "<printOptions ", "<oddFooter>", "<pane ", "<sheetPr", "<sheetProtection ", "<brk "] {
            for piece in sheet.split(tag).skip(1) {
                let element = piece.split("/>").next().unwrap_or(piece).split("</oddFooter>").next().unwrap_or(piece);
                lines.push(format!("{} {}", tag.trim(), element));
            }
        }
    }
    lines.join("\n") + "\n"
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("golden written");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("golden file {} exists (UPDATE_GOLDEN=1 writes it)", path.display()));
    assert_eq!(actual, expected, "layout of {name} is unchanged (UPDATE_GOLDEN=1 after a deliberate change)");
}

#[test]
fn sheet_layouts_match_their_golden_files() {
    let e = exported();
    golden("breakdown.layout", &layout_of(&e.breakdown));
    golden("department.layout", &layout_of(&e.department));
    golden("summary.layout", &layout_of(&e.summary));
    // A run that writes the goldens has checked nothing: it must not pass (xtask refuses it too).
    assert!(std::env::var_os("UPDATE_GOLDEN").is_none(), "golden files rewritten; run the tests again without UPDATE_GOLDEN");
    let layout = layout_of(&e.department);
    assert!(layout.contains("orientation=\"landscape\"") && layout.contains("paperSize=\"9\""), "A4 landscape");
    // A computed scale, not "fit to width": Excel ignores manual page breaks under fit-to-page.
    assert!(layout.contains(" scale=\"") && !layout.contains("fitToPage"), "printed at a computed scale");
    assert!(layout.contains("useFirstPageNumber=\"1\""), "each sheet numbers its pages from 1");
    assert!(layout.contains("_xlnm.Print_Titles") && layout.contains("_xlnm.Print_Area"), "header rows repeat on every page; the print area is the table");
    assert!(layout.contains("第 &amp;P 页 共 ") && !layout.contains("&amp;N"), "page footer with the sheet's own page count");
}
