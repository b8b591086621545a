//! Make the benchmark's data for one factor: the seed's plan repeated FACTOR times as a text
//! table, a fresh database holding only the seed (to import into), and a database holding the
//! scaled plan with a year of periods and progress from every responsible department.
//!
//! ```sh
//! cargo run --release -p taizhang-core --example scale -- 100 target/bench/x100
//! ```

use std::path::PathBuf;
use taizhang_core::{database, plan_import, scale};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let usage = "用法：scale 倍数 输出文件夹";
    let factor: usize = args.next().ok_or(usage)?.parse()?;
    let folder = PathBuf::from(args.next().ok_or(usage)?);
    if folder.exists() {
        std::fs::remove_dir_all(&folder)?;
    }
    std::fs::create_dir_all(&folder)?;
    let text = scale::scaled_plan_text(taizhang_core::DEFAULT_PLAN, factor)?;
    let plan_file = folder.join("plan.txt");
    std::fs::write(&plan_file, &text)?;
    drop(database::open_database(Some(&folder.join("seed-only.db")))?);
    let store = database::open_database(Some(&folder.join("full.db")))?;
    let summary = plan_import::import_plan_file(&store, &plan_file)?;
    let plan_id = store.current_plan_id()?.ok_or("计划未导入")?;
    let filled = scale::fill_progress(&store, plan_id, 2026)?;
    println!(
        "×{factor}: {} 条 {} 小项，{} 字节；{} 个报告期，{} 条进展版本",
        summary.articles,
        summary.subitems,
        text.len(),
        filled.periods.len(),
        filled.versions
    );
    Ok(())
}
