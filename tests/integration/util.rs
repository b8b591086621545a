//! Fixtures shared by the test modules.

use std::path::{Path, PathBuf};
use taizhang_core::plan::{Plan, SubItem};
use taizhang_core::store::Store;

/// The Lishu plan as shipped in `seeds/`.
pub fn seed_bytes() -> Vec<u8> {
    std::fs::read(seed_path()).expect("the seed file is readable")
}

/// Path of the shipped seed.
pub fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../seeds/lishu_soil_plan_2017.txt")
}

/// A fresh database file in its own temporary folder (kept alive by the returned guard).
pub fn fresh_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("taizhang.db");
    (dir, path)
}

/// A fresh database with the default plan loaded, and the plan.
pub fn seeded_store() -> (tempfile::TempDir, Store, Plan) {
    let (dir, path) = fresh_db();
    let store = taizhang_core::database::open_database(Some(&path)).expect("a new database opens");
    let plan = taizhang_core::responsibilities::plan_tree(&store, None).expect("the default plan loads");
    (dir, store, plan)
}

/// The sub-item with this code.
pub fn subitem<'a>(plan: &'a Plan, code: &str) -> &'a SubItem {
    plan.subitems().find(|s| s.code == code).unwrap_or_else(|| panic!("sub-item {code} exists"))
}

/// Output of one CLI run.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Run `taizhang` in-process with `args` (without the program name).
pub fn taizhang(args: &[&str]) -> Run {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let argv = std::iter::once("taizhang").chain(args.iter().copied());
    let code = taizhang_cli::run(argv, &mut stdout, &mut stderr);
    Run {
        code,
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Parse a run's stdout as JSON, failing with its stderr.
pub fn json(run: &Run) -> serde_json::Value {
    assert_eq!(run.code, 0, "the command succeeds; stderr: {}", run.stderr);
    serde_json::from_str(&run.stdout).expect("stdout is JSON")
}

/// The 1-based column (as umya counts) of `key` in the department sheet; an unknown key gives
/// the hidden task-code column after the last one.
pub const fn department_column(key: &str) -> u32 {
    let columns = &taizhang_core::report::layout::DEPARTMENT;
    let mut index = 0;
    while index < columns.len() {
        if same(columns[index].key, key) {
            return index as u32 + 1;
        }
        index += 1;
    }
    columns.len() as u32 + 1
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The 1-based (column, row) of the first cell holding exactly `text` in the first 500 rows.
pub fn find_cell(sheet: &umya_spreadsheet::Worksheet, text: &str) -> (u32, u32) {
    (1..500u32).flat_map(|r| (1..=30u32).map(move |c| (c, r))).find(|(c, r)| sheet.get_value((*c, *r)) == text).unwrap_or_else(|| panic!("a cell with {text:?}"))
}
