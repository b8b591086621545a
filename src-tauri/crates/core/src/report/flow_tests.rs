//! Properties of the page layout, for any mix of headings and records of any length: no text
//! is lost or cut (each flowing cell's parts join back to it), no row is taller than Excel
//! allows, no page holds more than its room, no merge runs over a page break, and no heading
//! ends a page.

use super::*;
use proptest::prelude::*;

const COLUMNS: [FlowColumn; 3] = [
    FlowColumn { width: 40.0, flows: false },
    FlowColumn { width: 150.0, flows: true },
    FlowColumn { width: 60.0, flows: true },
];

fn text(length: usize, seed: usize) -> String {
    const PIECES: [&str; 6] = ["土壤污染防治", "GB 15618-2018", "，", "（配合）", "\n", "达到90%以上。"];
    (0..length).map(|i| PIECES[(i * 7 + seed) % PIECES.len()]).collect()
}

fn entry() -> impl Strategy<Value = Entry> {
    prop_oneof![
        1 => (0usize..40).prop_map(|n| Entry::Heading(text(n.max(1), n))),
        4 => (0usize..8, 0usize..400, 0usize..120, 1usize..7).prop_map(|(short, long, other, room)| Entry::Record(Record {
            cells: vec![text(short, 1), text(long, 2), text(other, 3)],
            code: format!("1.1.1.{long}"),
            spans: Vec::new(),
            room,
        })),
    ]
}

fn heading_height(text: &str) -> f64 {
    height_of_lines(wrap(text, 250.0, Face::bold(super::super::style::BODY_PT)).len(), super::super::style::BODY_PT)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn nothing_is_lost_and_every_page_holds_what_it_can(entries in proptest::collection::vec(entry(), 1..40), first in 420.0f64..700.0, next in 420.0f64..900.0) {
        let laid = lay_out(&entries, &COLUMNS, Pages { first, next }, &heading_height);
        let pages = laid.page_starts.len() + 1;
        let mut starts = vec![0];
        starts.extend(&laid.page_starts);
        starts.push(laid.rows.len());
        for page in 0..pages {
            let used: f64 = laid.rows[starts[page]..starts[page + 1]].iter().map(|r| r.height).sum();
            let room = if page == 0 { first } else { next };
            prop_assert!(used <= room + 0.01, "page {page} holds {used} of {room}");
        }
        for row in &laid.rows {
            prop_assert!(row.height <= MAX_ROW_HEIGHT + 0.01, "a row of {}", row.height);
        }
        for (index, entry) in entries.iter().enumerate() {
            let Entry::Record(record) = entry else { continue };
            for (c, column) in COLUMNS.iter().enumerate().filter(|(_, c)| c.flows) {
                let joined: String = laid.rows.iter().filter(|r| r.entry == index).map(|r| r.part(c, &record.cells[c])).collect();
                prop_assert_eq!(&joined, &record.cells[c], "column {} of record {} joins back ({:?})", c, index, column);
            }
        }
        for merge in &laid.merges {
            prop_assert!(!laid.page_starts.iter().any(|s| *s > merge.first && *s <= merge.last), "merge {:?} runs over a page break", merge);
        }
        // A heading ends a page only when headings alone fill it (nothing better can be done).
        for page in 1..pages {
            let rows = &laid.rows[starts[page - 1]..starts[page]];
            let only_headings = rows.iter().all(|r| matches!(entries[r.entry], Entry::Heading(_)));
            let ends_with_heading = rows.last().is_some_and(|r| matches!(entries[r.entry], Entry::Heading(_)));
            prop_assert!(!ends_with_heading || only_headings, "a heading ends page {} after other rows", page);
        }
    }
}

#[test]
fn a_record_longer_than_a_row_continues_over_rows_each_within_excels_limit() {
    let long = text(300, 0);
    let entries = [Entry::Record(Record { cells: vec!["1".into(), long.clone(), String::new()], code: "1.1.1.1".into(), spans: Vec::new(), room: 1 })];
    let laid = lay_out(&entries, &COLUMNS, Pages { first: 5000.0, next: 5000.0 }, &heading_height);
    assert!(laid.page_starts.is_empty(), "it fits on the (tall) page");
    assert!(laid.rows.len() > 1, "a text taller than 409 points takes several rows");
    assert!(laid.rows.iter().all(|r| r.height <= MAX_ROW_HEIGHT), "each within Excel's limit");
    assert_eq!(laid.merges.iter().filter(|m| m.column == 0).count(), 1, "the short cell is merged over the rows of one page");
    assert_eq!(laid.rows.iter().map(|r| r.part(1, &long)).collect::<String>(), long);
}
