//! The seed read through the reader: counts, encodings, labels and notes, warnings, and the
//! guarantee that no text of any cell is lost.

use crate::util::{seed_bytes, subitem};
use taizhang_core::departments::Directory;
use taizhang_core::table_reader::read_plan;

fn read(bytes: &[u8]) -> taizhang_core::table_reader::ReadOutcome {
    read_plan(bytes, "seed", &mut Directory::builtin()).expect("the seed reads")
}

#[test]
fn the_seed_has_13_articles_39_clauses_52_items_138_subitems() {
    let counts = read(&seed_bytes()).plan.counts();
    assert_eq!(counts.articles, 13, "articles");
    assert_eq!(counts.clauses, 39, "clauses");
    assert_eq!(counts.items, 52, "items");
    assert_eq!(counts.subitems, 138, "sub-items");
    assert_eq!(counts.departments, 31, "canonical departments in the sub-items' responsibility cells");
}

#[test]
fn gbk_crlf_and_utf16le_bom_give_the_same_fingerprint_and_tree() {
    let utf8 = seed_bytes();
    let text = String::from_utf8(utf8.clone()).expect("the seed is UTF-8");
    let crlf = text.replace('\n', "\r\n");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&crlf);
    assert!(!unmappable, "the seed's characters all exist in GBK");
    let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let utf8_bom: Vec<u8> = [0xEF, 0xBB, 0xBF].into_iter().chain(crlf.bytes()).collect();

    let reference = read(&utf8).plan;
    for (encoding, bytes) in [("GBK+CRLF", gbk.into_owned()), ("UTF-16LE+BOM", utf16le), ("UTF-8+BOM+CRLF", utf8_bom)] {
        let plan = read(&bytes).plan;
        assert_eq!(plan.fingerprint, reference.fingerprint, "{encoding}: same fingerprint");
        assert_eq!(plan, reference, "{encoding}: same tree");
    }
    assert_eq!(reference.fingerprint.len(), 64, "fingerprint is a hex SHA-256");
}

#[test]
fn labels_titles_and_stale_numbering_notes() {
    let plan = read(&seed_bytes()).plan;
    let article = |code: &str| plan.articles.iter().find(|a| a.code == code).expect("article exists");
    assert_eq!(article("1").label, "一、", "label kept as written");
    assert_eq!(article("1").title, "实施黑土区综合保护，保障国家粮食安全", "title without label");
    assert_eq!(article("9").notes, ["六、加强污染源监管，做好土壤污染预防工作。"], "stale numbering becomes a note");
    assert_eq!(article("12").notes, ["十三、发挥政府主导作用，构建土壤环境治理体系。"], "十二 followed by 十三");
    assert_eq!(article("13").label, "十四、", "the article after 十二 is written 十四 and kept so");
    let clause = &article("9").clauses[0];
    assert_eq!((clause.label.as_str(), clause.notes.as_slice()), ("（一）", &["（十九）控制农业污染。".to_string()][..]), "clause note");
    let spaced = &article("5").clauses[0];
    assert_eq!(spaced.label, "（一 ）", "a clause label with a stray space is kept as written");
    assert_eq!(subitem(&plan, "13.4.2.2").label, "2、", "code 13.4.2.2 is the second sub-item of item 13.4.2");
    assert_eq!(subitem(&plan, "3.1.1.1").label, "", "an unnumbered sub-item has an empty label");
}

#[test]
fn irregularities_become_warnings_with_source_lines() {
    let warnings = read(&seed_bytes()).warnings;
    let at = |line: usize, needle: &str| warnings.iter().any(|w| w.line == line && w.message.contains(needle));
    assert!(at(1270, "十四"), "numbering skips 十三 (line 1270)");
    assert!(at(812, "六、"), "stale second numbering 九/六 (line 812)");
    assert!(at(815, "（十九）"), "stale clause numbering (line 815)");
    assert!(at(336, "不连续"), "sub-item numbering gap 1、2、4、 (line 336)");
    assert!(at(120, "没有编号"), "sub-item without number (line 120)");
    assert!(at(256, "重复"), "item responsibility repeated mid-item (line 256)");
    assert!(at(1148, "农业局水利局"), "two department names glued (line 1148)");
    assert!(warnings.windows(2).all(|w| w[0].line <= w[1].line), "warnings are in source order");
}

/// Every non-empty cell of the source, split independently of the reader, is found verbatim
/// in the stored plan at the place its row and column say.
#[test]
fn no_text_of_any_source_cell_is_lost() {
    let (_dir, _store, plan) = crate::util::seeded_store();
    let text = String::from_utf8(seed_bytes()).expect("UTF-8 seed");
    let mut cells: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if let Some(first) = line.strip_prefix('\t') {
            cells.push(vec![first.to_string()]);
        } else if let Some(cell) = cells.last_mut() {
            cell.push(line.to_string());
        }
    }
    let normal = |lines: &Vec<String>| lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n");
    let cells: Vec<String> = cells.iter().map(normal).collect();
    let rows: Vec<&[String]> = cells.chunks(7).skip(1).collect();
    assert_eq!(rows.len(), plan.subitems().count(), "one sub-item per source row");

    let mut place = Vec::new();
    for article in &plan.articles {
        for clause in &article.clauses {
            for item in &clause.items {
                for sub in &item.subitems {
                    place.push((article, clause, item, sub));
                }
            }
        }
    }
    let heading = |label: &str, title: &str, notes: &[String]| {
        std::iter::once(format!("{label}{title}")).chain(notes.iter().cloned()).collect::<Vec<_>>().join("\n")
    };
    let mut checked_chars = 0;
    for (row, (article, clause, item, sub)) in rows.iter().zip(&place) {
        let stored = [
            heading(&article.label, &article.title, &article.notes),
            heading(&clause.label, &clause.title, &clause.notes),
            item.text.clone(),
            std::iter::once(item.responsibility.clone()).chain(item.notes.iter().cloned()).collect::<Vec<_>>().join("\n"),
            format!("{}{}", sub.label, sub.text),
            sub.responsibility.clone(),
            sub.work.clone(),
        ];
        for (column, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            assert!(
                stored[column].contains(cell.as_str()),
                "sub-item {} column {}: source cell {cell:?} is stored verbatim (stored: {:?})",
                sub.code,
                column + 1,
                stored[column]
            );
            checked_chars += cell.chars().count();
        }
    }
    assert!(checked_chars > 30_000, "the check covered the whole table ({checked_chars} characters)");
}
