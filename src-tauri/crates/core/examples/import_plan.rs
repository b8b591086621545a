//! Import a task breakdown table saved as text (UTF-8, GBK or UTF-16) into a new database and
//! print what was read: the levels, the departments and any irregularity with its line.
//!
//! ```sh
//! cargo run -p taizhang-core --example import_plan -- seeds/lishu_soil_plan_2017.txt
//! ```

use std::path::PathBuf;
use taizhang_core::{database, plan_import};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let table = std::env::args().nth(1).map(PathBuf::from).ok_or("用法：import_plan 任务分解表.txt")?;
    let folder = tempfile_folder("import_plan")?;
    let store = database::open_database(Some(&folder.join("taizhang.db")))?;
    let summary = plan_import::import_plan_file(&store, &table)?;
    println!("{} 条 {} 款 {} 项 {} 小项，{} 个部门；{}", summary.articles, summary.clauses, summary.items, summary.subitems, summary.departments, if summary.imported { "新导入" } else { "与已有方案相同" });
    for warning in &summary.warnings {
        println!("第 {} 行：{}", warning.line, warning.message);
    }
    Ok(())
}

/// A fresh folder under the system's temporary directory.
fn tempfile_folder(name: &str) -> std::io::Result<PathBuf> {
    let folder = std::env::temp_dir().join(format!("taizhang-example-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&folder)?;
    Ok(folder)
}
