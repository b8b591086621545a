//! Export every report the registry holds for a new database with the default plan: the
//! department sheet of 农业局, the plan, and the county summary.
//!
//! ```sh
//! cargo run -p taizhang-core --example export_reports -- OUT_DIR
//! ```

use std::path::PathBuf;
use taizhang_core::accounts::{setup, Role, SetupInput};
use taizhang_core::report::{default_file_name, export_report, DepartmentChoice, ReportRequest, REPORTS};
use taizhang_core::{database, periods};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args().nth(1).map(PathBuf::from).ok_or("用法：export_reports 输出文件夹")?;
    let store = database::open_database(Some(&out.join("taizhang.db")))?;
    let admin = setup(&store, &SetupInput { unit_kind: Role::Coordinator, department: None, unit_name: None, username: "admin".into(), display_name: None, password: "secret123".into(), profile: Default::default() })?;
    periods::create_period(&store, &admin, "2026Q4")?;
    for report in REPORTS {
        let department = (report.department() != DepartmentChoice::None).then(|| "农业局".to_string());
        let request = ReportRequest { kind: report.key().into(), period: Some("2026Q4".into()), department, blank: false, ..Default::default() };
        let path = out.join(default_file_name(&store, &request)?);
        let outcome = export_report(&store, &request, &path, database::today())?;
        println!("{}：{}（{} 个小项）", report.title(), outcome.path.display(), outcome.rows);
    }
    Ok(())
}
