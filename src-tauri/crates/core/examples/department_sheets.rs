//! Department sheets as department PCs send them: a database where the named departments have
//! reported on every sub-item of theirs (submitted), and each one's 工作进展情况表 exported.
//! The end-to-end scenarios take these files in through the coordinator's 报表接收 page.
//!
//! ```sh
//! cargo run -p taizhang-core --example department_sheets -- DB OUT_DIR PERIOD 公安局 水利局
//! ```

use std::path::PathBuf;
use taizhang_core::accounts::{setup, Role, SetupInput};
use taizhang_core::progress::{save_progress, ProgressInput};
use taizhang_core::report::{export_report, ReportRequest};
use taizhang_core::{database, responsibilities};
use taizhang_core::status::Status;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, out, period, departments @ ..] = args.as_slice() else {
        return Err("用法：department_sheets 数据库 输出文件夹 报告期 部门…".into());
    };
    let store = database::open_database(Some(&PathBuf::from(db)))?;
    let input = SetupInput { unit_kind: Role::Coordinator, department: None, unit_name: None, username: "sheets".into(), display_name: None, password: "sheets-pass-1".into(), profile: Default::default() };
    let admin = setup(&store, &input)?;
    taizhang_core::periods::create_period(&store, &admin, period)?;
    let evidence = PathBuf::from(out).join("evidence");
    for department in departments {
        for task in responsibilities::tasks_for_department(&store, department, None)?.tasks {
            let report = ProgressInput {
                code: task.code.clone(),
                department: Some(department.clone()),
                period: period.clone(),
                status: Status::OnSchedule,
                percent: 50,
                progress: format!("{department}已按计划推进{}。", task.code),
                reporter: format!("{department}填报员"),
                phone: "0434-5220000".into(),
                submit: true,
                ..ProgressInput::default()
            };
            save_progress(&store, &admin, &evidence, &report)?;
        }
        let path = PathBuf::from(out).join(format!("{department}_工作进展情况表.xlsx"));
        let request = ReportRequest { kind: "department".into(), period: Some(period.clone()), department: Some(department.clone()), blank: false, ..Default::default() };
        let outcome = export_report(&store, &request, &path, database::today())?;
        println!("{}（{} 个小项）", outcome.path.display(), outcome.rows);
    }
    Ok(())
}
