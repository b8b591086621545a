//! 台账 core: reads a county plan's task breakdown table (任务分解表) faithfully, keeps it in a
//! durable SQLite store, and answers what each department is responsible for. No tauri here:
//! the desktop app and the CLI both call these functions.
#![deny(missing_docs)]

pub mod about;
pub mod accounts;
pub mod admin;
pub mod dashboard;
pub mod data_folder;
pub mod database;
pub mod alerts;
pub mod backup;
pub mod departments;
pub mod durable;
pub mod error;
pub mod evidence;
pub mod periods;
pub mod plan_files;
pub mod plan_import;
pub mod plans;
pub mod plan;
pub mod limits;
pub mod outline;
pub mod profile;
pub mod progress;
pub mod report;
pub mod received;
pub mod responsibilities;
pub mod revision;
pub mod scale;
pub mod sign_in_guard;
pub mod readback;
pub mod status;
pub mod store;
pub mod table_reader;
pub mod task_list;
pub mod task_page;
pub mod text;
pub mod vocabulary;

pub use error::{Error, Result};

/// The Lishu County soil pollution prevention plan, loaded into every new database.
pub const DEFAULT_PLAN: &[u8] = include_bytes!("../../../../seeds/lishu_soil_plan_2017.txt");

/// The file name of a path as a clerk knows it (the whole path when it has none).
pub fn file_name(path: &std::path::Path) -> String {
    path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// File name the default plan is known by.
pub const DEFAULT_PLAN_FILE: &str = "lishu_soil_plan_2017.txt";
