//! The store: migrations, importing the same table twice, a second plan, durability on
//! reopening, and all-or-nothing writes when the disk or database fails mid-import.

use taizhang_core::error::ErrorCode;
use crate::util::{fresh_db, seed_bytes, seeded_store};
use taizhang_core::plan_import::import_plan_bytes;
use taizhang_core::database::open_database;
use taizhang_core::responsibilities::plan_tree;
use taizhang_core::store::{Store, MIGRATIONS};

/// The seed with another title: a different plan with the same rows.
fn renamed_seed() -> Vec<u8> {
    String::from_utf8(seed_bytes()).expect("UTF-8").replacen("梨树县土壤污染防治行动计划任务分解表", "示范县土壤污染防治行动计划任务分解表", 1).into_bytes()
}

#[test]
fn migrations_are_valid_and_applied() {
    assert!(MIGRATIONS.validate().is_ok(), "the migrations apply cleanly to an empty database");
    let store = Store::open_in_memory().expect("opens");
    assert_eq!(store.schema_version().expect("version"), 11, "all eleven migrations applied");
    let tables: Vec<String> = store.row_counts().expect("tables").into_iter().map(|(t, _)| t).collect();
    for table in ["plans", "subitems", "departments", "department_aliases", "duties", "deadlines", "targets", "periods", "progress_versions", "accounts", "audit_log"] {
        assert!(tables.iter().any(|t| t == table), "table {table} exists");
    }
}

#[test]
fn an_older_database_keeps_its_reporter_defaults_on_every_account() {
    let (_dir, path) = fresh_db();
    let mut old = rusqlite::Connection::open(&path).expect("opens");
    MIGRATIONS.to_version(&mut old, 4).expect("schema 4, as the previous release left it");
    old.execute_batch(
        "INSERT INTO accounts (username, display_name, role, password_hash, created_at) VALUES ('admin', '管理员', 'coordinator', 'x', '2026-01-01T00:00:00Z');
         INSERT INTO settings (key, value) VALUES ('reporter', '王五'), ('phone', '0434-5220000');",
    )
    .expect("a PC's data");
    drop(old);
    let store = Store::open(&path).expect("migrated");
    let account = store.account_by_username("admin").expect("read").expect("still there");
    assert_eq!((account.profile.reporter.as_str(), account.profile.phone.as_str()), ("王五", "0434-5220000"), "the PC's defaults became the account's own");
}

#[test]
fn a_new_database_loads_the_embedded_plan_once() {
    let (_dir, path) = fresh_db();
    let store = open_database(Some(&path)).expect("opens");
    assert_eq!(store.plans().expect("plans").len(), 1, "the Lishu plan is loaded on first use");
    let before = store.row_counts().expect("counts");
    drop(store);
    let store = open_database(Some(&path)).expect("reopens");
    assert_eq!(store.row_counts().expect("counts"), before, "reopening loads nothing twice and loses nothing");
    let mode: String = rusqlite::Connection::open(&path).expect("opens").query_row("PRAGMA journal_mode", [], |r| r.get(0)).expect("mode");
    assert_eq!(mode, "wal", "the database uses the WAL journal");
}

#[test]
fn importing_the_same_table_twice_is_a_no_op() {
    let (_dir, store, plan) = seeded_store();
    let before = store.row_counts().expect("counts");
    let summary = import_plan_bytes(&store, &seed_bytes(), "again.txt", Default::default(), None).expect("imports");
    assert!(!summary.imported, "reported as already imported");
    assert_eq!(summary.plan_id, plan.id, "the existing plan's id");
    assert_eq!(store.row_counts().expect("counts"), before, "nothing written");
}

#[test]
fn a_different_table_becomes_a_second_plan() {
    let (_dir, store, first) = seeded_store();
    let summary = import_plan_bytes(&store, &renamed_seed(), "示范县.txt", Default::default(), None).expect("imports");
    assert!(summary.imported && summary.plan_id != first.id, "a new plan id");
    assert_ne!(summary.fingerprint, first.fingerprint, "a different fingerprint");
    let second = plan_tree(&store, None).expect("latest plan");
    assert_eq!((second.id, second.name.as_str()), (summary.plan_id, "示范县土壤污染防治行动计划任务分解表"), "latest is the new plan");
    assert_eq!(plan_tree(&store, Some(first.id)).expect("first plan"), first, "the first plan is untouched");
    assert_eq!(store.departments(first.id).expect("departments").len(), 31, "departments are shared, not duplicated");
}

#[test]
fn a_failure_in_the_middle_of_an_import_stores_nothing() {
    let (_dir, path) = fresh_db();
    let store = open_database(Some(&path)).expect("opens");
    let saboteur = rusqlite::Connection::open(&path).expect("second connection");
    saboteur
        .execute_batch(
            "CREATE TRIGGER fail_late BEFORE INSERT ON subitems WHEN NEW.code = '13.4.2.2'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .expect("trigger created");
    let before = store.row_counts().expect("counts");
    let error = import_plan_bytes(&store, &renamed_seed(), "示范县.txt", Default::default(), None).expect_err("the last sub-item fails");
    assert_eq!(error.code(), ErrorCode::Database, "reported as a database error: {error}");
    assert_eq!(store.row_counts().expect("counts"), before, "not one row of the half-written plan remains");
    saboteur.execute_batch("DROP TRIGGER fail_late").expect("trigger dropped");
    assert!(import_plan_bytes(&store, &renamed_seed(), "示范县.txt", Default::default(), None).expect("imports now").imported, "the same import then succeeds");
}

#[test]
fn progress_history_is_append_only() {
    let (_dir, path) = fresh_db();
    drop(open_database(Some(&path)).expect("opens"));
    let conn = rusqlite::Connection::open(&path).expect("opens");
    conn.execute_batch(
        "INSERT INTO periods (key, kind, starts_on, ends_on, created_at) VALUES ('2026Q4', 'quarter', '2026-10-01', '2026-12-31', 'now');
         INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, state, saved_at)
         VALUES (1, 1, 1, 1, '序时推进', 50, 'draft', 'now');",
    )
    .expect("a first version is stored");
    let update = conn.execute("UPDATE progress_versions SET percent = 60", []);
    assert!(update.is_err(), "a stored version cannot be changed");
    assert!(conn.execute("DELETE FROM progress_versions", []).is_err(), "a stored version cannot be deleted");
    let bad_percent = conn.execute(
        "INSERT INTO progress_versions (subitem_id, department_id, period_id, version, status, percent, state, saved_at) VALUES (1, 1, 1, 2, '序时推进', 101, 'draft', 'now')",
        [],
    );
    assert!(bad_percent.is_err(), "percent above 100 is refused by the schema");
}

/// The whole plan as a department's part of it must read: only the sub-items it is named on
/// (under `name`, its family's merged names included), each with its own duty only, no departments
/// on the items' own cells, and no item, clause or article left empty.
fn cut_to(whole: &taizhang_core::plan::Plan, name: &str) -> taizhang_core::plan::Plan {
    let mut part = whole.clone();
    for article in &mut part.articles {
        for clause in &mut article.clauses {
            for item in &mut clause.items {
                item.lead.clear();
                item.cooperating.clear();
                item.subitems.retain(|sub| sub.lead.iter().chain(&sub.cooperating).any(|d| d == name));
                for sub in &mut item.subitems {
                    sub.duties.retain(|duty| duty.department == name);
                }
            }
            clause.items.retain(|item| !item.subitems.is_empty());
        }
        article.clauses.retain(|clause| !clause.items.is_empty());
    }
    part.articles.retain(|article| !article.clauses.is_empty());
    part
}

#[test]
fn a_departments_part_of_the_plan_is_the_whole_plan_cut_to_its_sub_items() {
    let (_dir, store, admin, _, _) = crate::progress::office();
    let plan_id = store.current_plan_id().expect("plans").expect("a plan");
    let check_every_department = |when: &str| {
        let whole = store.load_plan(plan_id).expect("the whole plan");
        let departments = store.departments(plan_id).expect("departments");
        for department in departments.iter().filter(|d| d.lead_count + d.cooperating_count > 0) {
            let family = store.department_family(department.id).expect("family");
            let part = store.load_plan_of(plan_id, &family).expect("its part");
            assert_eq!(part, cut_to(&whole, &department.name), "{when}: {}", department.name);
        }
        departments.len()
    };
    let before = check_every_department("as imported");
    // A merged department's rows keep its own id: its part is read through the family.
    taizhang_core::admin::merge_department(&store, &admin, "畜牧局", "农业局").expect("merged");
    assert_eq!(check_every_department("after 畜牧局 merged into 农业局"), before - 1);
}
