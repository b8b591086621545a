//! The `taizhang` command line: commands, flags and JSON keys as the issue spells them out,
//! errors on stderr with a non-zero exit code.

use crate::util::{fresh_db, json, seed_path, taizhang};
use serde_json::Value;

fn keys(value: &Value) -> Vec<&str> {
    let mut keys: Vec<&str> = value.as_object().expect("an object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

#[test]
fn plan_json_on_a_fresh_database_prints_the_tree() {
    let (_dir, db) = fresh_db();
    let tree = json(&taizhang(&["--db", db.to_str().expect("path"), "plan", "--json"]));
    assert_eq!(tree["name"], "梨树县土壤污染防治行动计划任务分解表", "plan name from the title line");
    for key in ["id", "name", "fingerprint", "articles"] {
        assert!(tree.get(key).is_some(), "plan has {key}");
    }
    let articles = tree["articles"].as_array().expect("articles");
    assert_eq!(articles.len(), 13, "13 articles");
    let article = &articles[12];
    assert_eq!((article["code"].as_str(), article["label"].as_str()), (Some("13"), Some("十四、")), "article 13 written 十四、");
    for key in ["code", "label", "title", "notes", "clauses"] {
        assert!(article.get(key).is_some(), "article has {key}");
    }
    let clause = &article["clauses"][3];
    for key in ["code", "label", "title", "notes", "items"] {
        assert!(clause.get(key).is_some(), "clause has {key}");
    }
    let item = &clause["items"][1];
    assert_eq!(item["code"], "13.4.2", "item code");
    for key in ["code", "text", "lead", "cooperating", "subitems"] {
        assert!(item.get(key).is_some(), "item has {key}");
    }
    let sub = &item["subitems"][1];
    assert_eq!(sub["code"], "13.4.2.2", "sub-item code");
    for key in ["code", "label", "text", "lead", "cooperating", "work", "duties", "deadlines", "targets"] {
        assert!(sub.get(key).is_some(), "sub-item has {key}");
    }
    assert_eq!(sub["lead"], serde_json::json!(["县委组织部", "监察局"]), "lead as canonical names");
    assert_eq!(keys(&sub["duties"][0]), ["department", "text"], "duty keys");
    let total: usize = articles.iter().flat_map(|a| a["clauses"].as_array().into_iter().flatten()).flat_map(|c| c["items"].as_array().into_iter().flatten()).map(|i| i["subitems"].as_array().map_or(0, Vec::len)).sum();
    assert_eq!(total, 138, "138 sub-items in the JSON tree");
}

#[test]
fn import_plan_prints_the_summary() {
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let summary = json(&taizhang(&["--db", db, "import-plan", seed_path().to_str().expect("path")]));
    for key in ["plan_id", "fingerprint", "articles", "clauses", "items", "subitems", "departments", "warnings"] {
        assert!(summary.get(key).is_some(), "summary has {key}");
    }
    let counts: Vec<i64> = ["articles", "clauses", "items", "subitems", "departments"].iter().map(|k| summary[k].as_i64().unwrap_or(-1)).collect();
    assert_eq!(counts, [13, 39, 52, 138, 31], "counts of the seed");
    let warning = &summary["warnings"][0];
    assert_eq!(keys(warning), ["line", "message"], "warning keys");
}

#[test]
fn departments_and_tasks_accept_any_alias() {
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let departments = json(&taizhang(&["--db", db, "departments", "--json"]));
    let list = departments.as_array().expect("an array of departments");
    assert_eq!(list.iter().filter(|d| d["lead_count"].as_i64().unwrap_or(0) + d["cooperating_count"].as_i64().unwrap_or(0) > 0).count(), 31, "31 departments have sub-items");
    assert!(list.iter().all(|d| d["aliases"].is_array()), "each department lists its aliases");

    let by_alias = json(&taizhang(&["--db", db, "tasks", "--department", "农委", "--json"]));
    let by_name = json(&taizhang(&["--db", db, "tasks", "--department", "县农业局", "--json"]));
    assert_eq!(by_alias, by_name, "an alias and the 县 name give the same tasks");
    assert_eq!(by_alias["department"], "农业局", "resolved to the canonical name");
    let tasks = by_alias["tasks"].as_array().expect("tasks");
    assert!(tasks.iter().all(|t| t["role"] == "lead" || t["role"] == "cooperating"), "every task has a role");
    let task = tasks.iter().find(|t| t["code"] == "3.1.1.1").expect("农业局 cooperates on 3.1.1.1");
    assert_eq!((task["role"].as_str(), task["duty"].as_str()), (Some("cooperating"), Some("（5）农业局，负责分析污染状况对农产品质量影响评价。")), "its own duty");
}

#[test]
fn errors_go_to_stderr_with_a_non_zero_code() {
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let unknown = taizhang(&["--db", db, "tasks", "--department", "不存在局", "--json"]);
    assert_eq!((unknown.code, unknown.stdout.as_str()), (1, ""), "unknown department fails with nothing on stdout");
    assert!(unknown.stderr.contains("不存在局"), "the message names the department: {}", unknown.stderr);
    let missing = taizhang(&["--db", db, "import-plan", "/nonexistent.txt"]);
    assert!(missing.code == 1 && missing.stderr.starts_with("错误："), "missing file: {}", missing.stderr);
    let no_plan = taizhang(&["--db", db, "plan", "--plan", "99", "--json"]);
    assert!(no_plan.code == 1 && no_plan.stderr.contains("99"), "unknown plan id: {}", no_plan.stderr);
    assert_eq!(taizhang(&["--db", db, "frobnicate"]).code, 2, "usage error exit code 2");
}

#[test]
fn readable_text_without_json() {
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let plan = taizhang(&["--db", db, "plan"]);
    assert!(plan.code == 0 && plan.stdout.contains("13 条 39 款 52 项 138 小项"), "outline header: {}", &plan.stdout[..200.min(plan.stdout.len())]);
    let tasks = taizhang(&["--db", db, "tasks", "--department", "公安局"]);
    assert!(tasks.stdout.starts_with("公安局：") && tasks.stdout.contains("本单位职责"), "task list for a person");
}

/// The real binary, as a user's script runs it (built by `cargo xtask test` before the tests).
fn built_binary() -> std::path::PathBuf {
    let exe = std::env::current_exe().expect("test binary path");
    let binary = exe.ancestors().nth(2).expect("target profile folder").join(format!("taizhang{}", std::env::consts::EXE_SUFFIX));
    assert!(binary.exists(), "{} exists: run the tests with `cargo xtask test`, which builds it first", binary.display());
    binary
}

#[test]
fn the_built_binary_runs() {
    let binary = built_binary();
    let (_dir, db) = fresh_db();
    let output = std::process::Command::new(&binary).args(["--db", db.to_str().expect("path"), "departments", "--json"]).output().expect("runs");
    assert!(output.status.success(), "exit code 0");
    let value: Value = serde_json::from_slice(&output.stdout).expect("JSON on stdout");
    assert!(value.as_array().is_some_and(|a| a.len() >= 31), "the departments");
}

/// A report's table goes out row by row through a temporary file: without a temporary folder the
/// export names the folder and leaves no workbook behind; with it, the same command writes one.
#[test]
fn an_export_without_its_temporary_folder_names_it_and_writes_nothing() {
    let binary = built_binary();
    let (dir, db) = fresh_db();
    let temporary = dir.path().join("临时文件夹");
    let out = dir.path().join("nyj.xlsx");
    let args = ["--db", db.to_str().expect("path"), "export", "department", "--period", "2026Q4", "--department", "农业局", "--out", out.to_str().expect("path")];
    let export = || std::process::Command::new(&binary).args(args).env("TMPDIR", &temporary).env("TMP", &temporary).env("TEMP", &temporary).output().expect("runs");
    let refused = export();
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success() && said.contains("无法访问文件") && said.contains("临时文件夹"), "names the folder: {said}");
    assert!(!out.exists(), "no workbook left behind");
    std::fs::create_dir(&temporary).expect("folder");
    let written = export();
    assert!(written.status.success() && out.exists(), "{}", String::from_utf8_lossy(&written.stderr));
}

#[test]
fn export_writes_every_workbook_and_refuses_incomplete_requests() {
    let (dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    let paths: Vec<String> = ["plan.xlsx", "gaj.xlsx", "nyj.xlsx", "blank.xlsx", "summary.xlsx"].iter().map(|n| out(n)).collect();
    let runs = [
        (vec!["export", "breakdown", "--out", &paths[0]], "plan.xlsx", 138),
        (vec!["export", "breakdown", "--department", "公安局", "--out", &paths[1]], "gaj.xlsx", 0),
        (vec!["export", "department", "--period", "2026Q4", "--department", "农委", "--out", &paths[2]], "nyj.xlsx", 66),
        (vec!["export", "department", "--period", "2026Q4", "--department", "农业局", "--blank", "--out", &paths[3]], "blank.xlsx", 66),
        (vec!["export", "summary", "--period", "2026Q4", "--unit", "梨树县环保局", "--drafts", "omit", "--out", &paths[4]], "summary.xlsx", 138),
    ];
    for (args, file, rows) in runs {
        let mut full = vec!["--db", db];
        full.extend(args.iter().copied());
        let run = taizhang(&full);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
        assert!(dir.path().join(file).exists(), "{file} written");
        if rows > 0 {
            assert!(run.stdout.contains(&format!("{rows} 个小项")), "{file}: {}", run.stdout);
        }
    }
    let (x, y) = (out("x.xlsx"), out("y.xlsx"));
    let no_period = taizhang(&["--db", db, "export", "summary", "--out", &x]);
    assert!(no_period.code == 1 && no_period.stderr.contains("报告期"), "a summary needs a period: {}", no_period.stderr);
    let no_department = taizhang(&["--db", db, "export", "department", "--period", "2026Q4", "--out", &y]);
    assert!(no_department.code == 1 && no_department.stderr.contains("部门"), "a department sheet needs a department: {}", no_department.stderr);
    let z = out("z.xlsx");
    let no_unit = taizhang(&["--db", db, "export", "summary", "--period", "2026Q4", "--out", &z]);
    assert!(no_unit.code == 1 && no_unit.stderr.contains("单位名称"), "no placeholder unit: the summary asks for one: {}", no_unit.stderr);
    assert!(["x.xlsx", "y.xlsx", "z.xlsx"].iter().all(|f| !dir.path().join(f).exists()), "nothing written for refused requests");
}

#[test]
fn import_report_takes_the_31_sheets_of_a_round_trip_and_progress_lists_them() {
    let trip = crate::readback::round_trip();
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let folder = trip.files[0].parent().expect("folder").to_str().expect("path").to_string();
    let refused = taizhang(&["--db", db, "import-report", "--json", &folder]);
    assert_eq!(refused.code, 1, "a fresh database lacks 2026Q4: every file refused, exit 1");
    let listed: Value = serde_json::from_str(&refused.stdout).expect("JSON");
    assert!(listed["files"][0]["message"].as_str().is_some_and(|m| m.contains("--create-period")), "the message says how: {}", listed["files"][0]["message"]);

    let preview = taizhang(&["--db", db, "import-report", "--dry-run", "--create-period", "--json", &folder]);
    let preview = json(&preview);
    let files = preview["files"].as_array().expect("files");
    assert_eq!(files.len(), 31, "31 sheets in the folder");
    assert_eq!(keys(&files[0]), ["changed", "department", "file", "message", "new", "outcome", "period", "refused", "review", "sha256", "template_version", "unchanged"], "documented keys");
    assert!(files.iter().all(|f| f["outcome"] == "dry-run"), "a dry run writes nothing");
    assert_eq!(taizhang(&["--db", db, "progress", "--period", "2026Q4", "--json"]).code, 1, "nothing written: the period does not exist yet");

    let merged = json(&taizhang(&["--db", db, "import-report", "--create-period", "--json", &folder]));
    let files = merged["files"].as_array().expect("files");
    assert!(files.iter().all(|f| f["outcome"] == "merged" && f["refused"].as_array().is_some_and(Vec::is_empty)), "31 merged, 0 refused");
    let new: u64 = files.iter().map(|f| f["new"].as_u64().unwrap_or(0)).sum();
    let records = json(&taizhang(&["--db", db, "progress", "--period", "2026Q4", "--json"]));
    let records = records.as_array().expect("records");
    assert_eq!(records.len() as u64, new, "one latest record per new row");
    assert_eq!(
        keys(&records[0]),
        ["code", "department", "next_steps", "percent", "phone", "problems", "progress", "remarks", "reporter", "source", "state", "status", "targets", "version"],
        "documented keys (and 填报人/联系电话)"
    );
    assert!(records.iter().all(|r| r["source"]["sha256"].as_str().is_some_and(|s| s.len() == 64)), "each record names its file");
    let farm = json(&taizhang(&["--db", db, "progress", "--period", "2026Q4", "--department", "农委", "--json"]));
    assert_eq!(farm.as_array().map(Vec::len), Some(66), "农业局 (named by an alias) has its 66 records");
    let target = farm.as_array().and_then(|r| r.iter().find(|r| r["code"] == "1.1.1.3")).expect("1.1.1.3");
    assert_eq!(keys(&target["targets"][0]), ["index", "note", "value"], "target keys");

    let again = json(&taizhang(&["--db", db, "import-report", "--json", &folder]));
    assert!(again["files"].as_array().is_some_and(|f| f.iter().all(|f| f["outcome"] == "unchanged")), "the same files twice change nothing");
}

#[test]
fn periods_are_listed_and_added_under_their_canonical_key() {
    let (_dir, db) = fresh_db();
    let db = db.to_str().expect("path");
    let added = taizhang(&["--db", db, "periods", "add", "2026q04"]);
    assert_eq!((added.code, added.stdout.as_str()), (0, "2026Q4\n"), "the canonical key is printed; stderr: {}", added.stderr);
    let listed = json(&taizhang(&["--db", db, "periods", "--json"]));
    let first = &listed[0];
    assert_eq!(keys(first), ["end", "key", "label", "open", "start"], "the keys scripts read");
    assert_eq!((first["key"].as_str(), first["label"].as_str(), first["start"].as_str(), first["end"].as_str(), first["open"].as_bool()), (Some("2026Q4"), Some("2026年第四季度"), Some("2026-10-01"), Some("2026-12-31"), Some(true)));
    for (key, says) in [("2026Q4", "已存在"), ("2026Q+4", "格式不对")] {
        let refused = taizhang(&["--db", db, "periods", "add", key]);
        assert!(refused.code == 1 && refused.stderr.contains(says), "{key}: exit 1 with {says}: {}", refused.stderr);
    }
    assert!(taizhang(&["--db", db, "periods"]).stdout.contains("2026Q4\t2026年第四季度"), "a readable list");
}

#[test]
fn on_a_set_up_database_adding_a_period_needs_an_account() {
    let (_dir, path) = fresh_db();
    let store = taizhang_core::database::open_database(Some(&path)).expect("opens");
    taizhang_core::accounts::setup(&store, &crate::accounts::coordinator_setup()).expect("setup");
    drop(store);
    let db = path.to_str().expect("path");
    let anonymous = taizhang(&["--db", db, "periods", "add", "2027Q1"]);
    assert!(anonymous.code == 1 && anonymous.stderr.contains("--user"), "asks for an account: {}", anonymous.stderr);
    let exe = std::env::current_exe().expect("test binary path");
    let binary = exe.ancestors().nth(2).expect("target profile folder").join(format!("taizhang{}", std::env::consts::EXE_SUFFIX));
    let run = |password: &str| std::process::Command::new(&binary).args(["--db", db, "--user", "admin", "periods", "add", "2027Q1"]).env("TAIZHANG_PASSWORD", password).output().expect("runs");
    let wrong = run("wrong-password");
    assert!(!wrong.status.success() && String::from_utf8_lossy(&wrong.stderr).contains("用户名或密码不正确"), "a wrong password is refused");
    let right = run("secret123");
    assert_eq!((right.status.success(), String::from_utf8_lossy(&right.stdout).trim()), (true, "2027Q1"), "added as admin: {}", String::from_utf8_lossy(&right.stderr));
    let store = taizhang_core::database::open_database(Some(&path)).expect("opens");
    let admin = taizhang_core::accounts::sign_in(&store, "admin", "secret123").expect("signs in");
    let log = taizhang_core::admin::audit_log(&store, &admin, 50).expect("log");
    assert!(log.iter().any(|e| e.action == "创建报告期" && e.subject == "2027Q1" && e.username == "admin"), "audited under the account");
}

#[test]
fn plans_revisions_and_plan_choice_on_the_command_line() {
    let (dir, path) = fresh_db();
    let db = path.to_str().expect("path");
    json(&taizhang(&["--db", db, "import-plan", seed_path().to_str().expect("path")]));
    let revision = dir.path().join("修订.txt");
    std::fs::write(&revision, crate::plans::revised_seed()).expect("written");
    let docx = dir.path().join("任务分解表.docx");
    std::fs::write(&docx, crate::plan_files::seed_docx()).expect("written");

    let preview = json(&taizhang(&["--db", db, "import-plan", revision.to_str().expect("path"), "--dry-run", "--json"]));
    assert_eq!((preview["imported"].as_bool(), preview["revision_of"].as_i64(), preview["version"].as_i64()), (Some(false), Some(1), Some(2)), "{preview}");
    assert_eq!(preview["changes"]["added"], serde_json::json!(["1.1.1.2"]), "the diff's keys as documented");
    assert_eq!(preview["changes"]["moved"][0], serde_json::json!({"from": "1.1.1.2", "to": "1.1.1.3"}));
    let listed = json(&taizhang(&["--db", db, "plans", "--json"]));
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "a dry run stores nothing");

    let applied = json(&taizhang(&["--db", db, "import-plan", revision.to_str().expect("path"), "--revision-of", "1"]));
    assert_eq!(applied["plan_id"].as_i64(), Some(2));
    let same_again = json(&taizhang(&["--db", db, "import-plan", docx.to_str().expect("path")]));
    assert_eq!((same_again["imported"].as_bool(), same_again["plan_id"].as_i64()), (Some(false), Some(1)), "the .docx is the seed, already held as version 1: {same_again}");

    let listed = json(&taizhang(&["--db", db, "plans", "--json"]));
    let keys: Vec<&str> = ["id", "name", "fingerprint", "version", "revision_of", "subitems", "imported_at", "current"].to_vec();
    for key in keys {
        assert!(listed[0].get(key).is_some(), "plans --json has {key}: {listed}");
    }
    assert_eq!(listed.as_array().map(|p| p.iter().map(|p| (p["version"].as_i64(), p["current"].as_bool())).collect::<Vec<_>>()), Some(vec![(Some(1), Some(false)), (Some(2), Some(true))]));
    let old = json(&taizhang(&["--db", db, "tasks", "--department", "国土资源局", "--plan", "1", "--json"]));
    let new = json(&taizhang(&["--db", db, "tasks", "--department", "国土资源局", "--json"]));
    let count = |v: &serde_json::Value| v["tasks"].as_array().map_or(0, Vec::len);
    assert_eq!(count(&old), count(&new) + 1, "version 1 still has the removed 1.2.1.3");
    let out = dir.path().join("旧版任务分解表.xlsx");
    let export = taizhang(&["--db", db, "export", "breakdown", "--plan", "1", "--out", out.to_str().expect("path")]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    let bad = taizhang(&["--db", db, "plan", "--plan", "99"]);
    assert!(bad.code == 1 && bad.stderr.contains("没有编号为 99 的计划"), "{}", bad.stderr);
}
