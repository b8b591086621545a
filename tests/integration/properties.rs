//! properties: the plan reader, the sheet reader and period parsing on random and mutated input
//! never panic, and their errors say where. Cases per property: proptest's default (256), or
//! `PROPTEST_CASES` — the full run is `PROPTEST_CASES=34000 cargo test -p taizhang-tests
//! properties` (3 × 34,000 > 100,000 cases).

use crate::util::seed_bytes;
use proptest::prelude::*;
use std::sync::OnceLock;
use taizhang_core::departments::Directory;
use taizhang_core::error::ErrorCode;
use taizhang_core::periods::parse_key;
use taizhang_core::readback::{import_file, ImportOptions, Outcome};
use taizhang_core::table_reader::read_plan;

/// A change to a file's bytes.
#[derive(Debug, Clone)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, bytes: Vec<u8> },
    Flip { at: usize, mask: u8 },
    Duplicate { at: usize, len: usize },
    Truncate { at: usize },
}

fn mutation(text_like: bool) -> impl Strategy<Value = Mutation> {
    let inserted = if text_like {
        prop::collection::vec(prop_oneof![Just(b'\t'), Just(b'\n'), Just(b'\r'), Just(0_u8), any::<u8>(), Just(0xe4)], 1..12).boxed()
    } else {
        prop::collection::vec(any::<u8>(), 1..64).boxed()
    };
    prop_oneof![
        (any::<usize>(), 1..2000_usize).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), inserted).prop_map(|(at, bytes)| Mutation::Insert { at, bytes }),
        (any::<usize>(), 1..=255_u8).prop_map(|(at, mask)| Mutation::Flip { at, mask }),
        (any::<usize>(), 1..4000_usize).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
        any::<usize>().prop_map(|at| Mutation::Truncate { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, change: &Mutation) {
    let at = |i: usize, bytes: &Vec<u8>| if bytes.is_empty() { 0 } else { i % bytes.len() };
    match change {
        Mutation::Delete { at: i, len } => {
            let start = at(*i, bytes);
            let end = (start + len).min(bytes.len());
            bytes.drain(start..end);
        }
        Mutation::Insert { at: i, bytes: inserted } => {
            let start = at(*i, bytes);
            bytes.splice(start..start, inserted.iter().copied());
        }
        Mutation::Flip { at: i, mask } => {
            let index = at(*i, bytes);
            if let Some(byte) = bytes.get_mut(index) {
                *byte ^= mask;
            }
        }
        Mutation::Duplicate { at: i, len } => {
            let start = at(*i, bytes);
            let copied: Vec<u8> = bytes[start..(start + len).min(bytes.len())].to_vec();
            bytes.splice(start..start, copied);
        }
        Mutation::Truncate { at: i } => {
            let keep = at(*i, bytes);
            bytes.truncate(keep);
        }
    }
}

/// An exported department sheet and a database to preview it against (made once).
struct SheetFixture {
    _dir: tempfile::TempDir,
    store: taizhang_core::store::Store,
    bytes: Vec<u8>,
}

fn sheet_fixture() -> &'static std::sync::Mutex<SheetFixture> {
    static FIXTURE: OnceLock<std::sync::Mutex<SheetFixture>> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let (dir, store, admin) = crate::readback::coordinator();
        let farm = vec!["农业局".to_string()];
        crate::readback::fill(&store, &admin, &farm);
        let path = crate::readback::export_sheets(&store, &farm, dir.path()).remove(0);
        let bytes = std::fs::read(path).expect("sheet bytes");
        std::sync::Mutex::new(SheetFixture { _dir: dir, store, bytes })
    })
}

proptest! {
    #[test]
    fn the_plan_reader_survives_any_mutation_and_names_the_line(changes in prop::collection::vec(mutation(true), 1..6)) {
        let mut bytes = seed_bytes();
        for change in &changes {
            apply(&mut bytes, change);
        }
        // Lines as the reader counts them: a lone CR (old Mac text) breaks a line too.
        let lone_cr = bytes.windows(2).filter(|w| w[0] == b'\r' && w[1] != b'\n').count() + usize::from(bytes.last() == Some(&b'\r'));
        let lines = bytes.iter().filter(|b| **b == b'\n').count() + lone_cr + 1;
        match read_plan(&bytes, "mutated", &mut Directory::builtin()) {
            Ok(outcome) => prop_assert!(outcome.plan.articles.len() <= 200, "a plan read from the mutated seed"),
            Err(error) => {
                prop_assert!(error.to_string().chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "a Chinese message: {error}");
                if let Some(line) = error.line() {
                    prop_assert!(line >= 1 && line <= lines + 1, "line {line} of {lines}: {error}");
                    prop_assert!(error.to_string().contains(&format!("第 {line} 行")), "the message names the line: {error}");
                }
                prop_assert!(matches!(error.code(), ErrorCode::MalformedTable | ErrorCode::InvalidInput), "{error}");
            }
        }
    }

    #[test]
    fn the_sheet_reader_survives_any_mutation_and_names_the_cell(changes in prop::collection::vec(mutation(false), 1..4)) {
        let fixture = sheet_fixture().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut bytes = fixture.bytes.clone();
        for change in &changes {
            apply(&mut bytes, change);
        }
        let file = tempfile::NamedTempFile::new().expect("file");
        std::fs::write(file.path(), &bytes).expect("write");
        let report = import_file(&fixture.store, None, file.path(), &ImportOptions { dry_run: true, ..ImportOptions::default() });
        if report.outcome == Outcome::Refused {
            prop_assert!(!report.message.is_empty(), "a refusal says why");
        }
        for refusal in &report.refused {
            prop_assert!(!refusal.reason.is_empty(), "each refusal says why: {refusal:?}");
            if !refusal.code.is_empty() {
                prop_assert!(refusal.row.is_some(), "a refused task row names its row: {refusal:?}");
            }
        }
    }

    #[test]
    fn period_keys_parse_to_one_canonical_form(year in 2000_u32..=2100, kind in 0_u8..4, n in 1_u32..13, zeros in 0_usize..3, lower in any::<bool>(), noise in "[ \\t]{0,2}", junk in "\\PC{0,12}") {
        let (letter, most) = [('Y', 1), ('H', 2), ('Q', 4), ('M', 12)][usize::from(kind)];
        let part = (n - 1) % most + 1;
        let written = if letter == 'Y' { format!("{noise}{year}{noise}") } else {
            let l = if lower { letter.to_ascii_lowercase() } else { letter };
            let zeros = zeros.min(3 - part.to_string().len());
            format!("{noise}{year}{l}{}{part}{noise}", "0".repeat(zeros))
        };
        let expected = if letter == 'Y' { year.to_string() } else { format!("{year}{letter}{part}") };
        let parsed = parse_key(&written).map(|k| k.key);
        prop_assert_eq!(parsed.as_deref().ok(), Some(expected.as_str()), "{:?} is {}", written, expected);
        prop_assert_eq!(parse_key(&expected).map(|k| k.key).ok(), Some(expected.clone()), "the canonical key is its own canonical form");
        match parse_key(&junk) {
            Ok(key) => prop_assert_eq!(parse_key(&key.key).map(|k| k.key).ok(), Some(key.key.clone()), "whatever parses is canonical: {:?}", junk),
            Err(error) => prop_assert!(error.to_string().contains("格式不对"), "{}", error),
        }
    }
}
