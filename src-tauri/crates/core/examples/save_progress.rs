//! Save a department's progress on one of its sub-items: a draft, then the submission that
//! locks it, each a new version; then the refusal of a save after submission.
//!
//! ```sh
//! cargo run -p taizhang-core --example save_progress
//! ```

use taizhang_core::accounts::{create_account, setup, sign_in, AccountInput, Role, SetupInput};
use taizhang_core::progress::{save_progress, ProgressInput};
use taizhang_core::status::Status;
use taizhang_core::{database, periods};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let folder = std::env::temp_dir().join(format!("taizhang-example-save-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    let store = database::open_database(Some(&folder.join("taizhang.db")))?;
    let admin = setup(&store, &SetupInput { unit_kind: Role::Coordinator, department: None, unit_name: None, username: "admin".into(), display_name: None, password: "secret123".into(), profile: Default::default() })?;
    periods::create_period(&store, &admin, "2026Q4")?;
    create_account(&store, &admin, &AccountInput { username: "nyj".into(), display_name: None, role: Role::Department, department: Some("农业局".into()), password: "secret123".into(), is_admin: false, profile: Default::default() })?;
    let farm = sign_in(&store, "nyj", "secret123")?;
    let draft = ProgressInput { code: "1.1.1.2".into(), period: "2026Q4".into(), status: Status::OnSchedule, percent: 40, progress: "已完成 120 个点位采样".into(), ..ProgressInput::default() };
    let record = save_progress(&store, &farm, &folder.join("evidence"), &draft)?;
    println!("草稿：第 {} 版（{}）", record.history[0].version, record.history[0].fields.state.label());
    let submit = ProgressInput { opened_version: 1, submit: true, reporter: "张三".into(), ..draft.clone() };
    let record = save_progress(&store, &farm, &folder.join("evidence"), &submit)?;
    println!("报送：第 {} 版（{}）", record.history[0].version, record.history[0].fields.state.label());
    if let Err(locked) = save_progress(&store, &farm, &folder.join("evidence"), &ProgressInput { opened_version: 2, ..draft }) {
        println!("报送后再保存被拒绝：{locked}");
    }
    Ok(())
}
