//! Read department sheets back into a coordinator's database: preview first (what would be
//! new, changed, refused), then take them in; each file is one transaction.
//!
//! ```sh
//! cargo run -p taizhang-core --example read_back -- DB SHEET.xlsx [MORE.xlsx …]
//! ```

use std::path::PathBuf;
use taizhang_core::database;
use taizhang_core::readback::{import_file, ImportOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let [db, sheets @ ..] = args.as_slice() else {
        return Err("用法：read_back 数据库 部门报表.xlsx…".into());
    };
    let store = database::open_database(Some(db))?;
    for sheet in sheets {
        let preview = import_file(&store, None, sheet, &ImportOptions { dry_run: true, create_period: true, accept_older: false });
        println!("预览：{}", preview.counts_message());
        for refusal in &preview.refused {
            println!("  拒绝：{}", refusal.reason);
        }
        let taken = import_file(&store, None, sheet, &ImportOptions { dry_run: false, create_period: true, accept_older: false });
        println!("导入：{}", taken.message);
    }
    Ok(())
}
