//! The TypeScript the UI compiles against, generated from the Rust types that cross IPC: every
//! command's arguments and results (with what they contain), the error, and each vocabulary as
//! a constant with its labels. `cargo xtask bindings` writes `ui/src/bindings.ts`; a test fails
//! when the checked-in file is stale.

use crate::commands::session::AppStatus;
use crate::IpcError;
use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use taizhang_core::accounts::{AccountInfo, AccountInput, RecoveryOutcome, Role, Session, SetupInput, SetupOutcome, MIN_PASSWORD_CHARS};
use taizhang_core::admin::Settings;
use taizhang_core::alerts::Level;
use taizhang_core::error::ErrorCode;
use taizhang_core::dashboard::Dashboard;
use taizhang_core::task_list::{TaskFilter, TaskRow};
use taizhang_core::periods::{Period, PeriodStatus};
use taizhang_core::plan::{Plan, TaskRole};
use taizhang_core::progress::{ProgressInput, ProgressRecord};
use taizhang_core::readback::{FileReport, ImportOptions, ImportProgress};
use taizhang_core::received::Delivery;
use taizhang_core::report::{Audience, DepartmentChoice, Drafts, ExportOutcome, ReportInfo, ReportRequest, REPORTS};
use taizhang_core::plan_import::ImportSummary;
use taizhang_core::status::{Status, STANDING_DEADLINE};
use taizhang_core::store::{AuditRow, DepartmentRow, ReceiptRow, RecordState};
use taizhang_core::vocabulary::Vocabulary;
use ts_rs::{Config, TypeVisitor, TS};

/// Where the generated file lives, relative to the workspace root.
pub const BINDINGS_PATH: &str = "ui/src/bindings.ts";

/// Collects the declaration of every type reachable from the roots, once each, by name.
struct Declarations {
    config: Config,
    seen: HashSet<TypeId>,
    by_name: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_some() {
            let docs = T::docs().unwrap_or_default();
            self.by_name.insert(T::ident(&self.config), format!("{docs}export {}", T::decl(&self.config)));
        }
        T::visit_dependencies(self);
    }
}

/// A vocabulary as a constant object (`Status.Completed`), its ordered values and its labels.
fn vocabulary<V: Vocabulary>() -> String {
    let name = V::NAME;
    let members: Vec<String> = V::all().iter().map(|v| format!("  {}: {:?},", v.variant(), v.key())).collect();
    let labels: Vec<String> = V::all().iter().map(|v| format!("  {:?}: {:?},", v.key(), v.label())).collect();
    let values: Vec<String> = V::all().iter().map(|v| format!("{:?}", v.key())).collect();
    format!(
        "export const {name} = {{\n{}\n}} as const\n\nexport const {name}Values: readonly {name}[] = [{}]\n\nexport const {name}Label: Readonly<Record<{name}, string>> = {{\n{}\n}}\n",
        members.join("\n"),
        values.join(", "),
        labels.join("\n"),
    )
}

/// The whole generated file.
pub fn typescript() -> String {
    let mut types = Declarations { config: Config::new().with_large_int("number"), seen: HashSet::new(), by_name: BTreeMap::new() };
    types.visit::<IpcError>();
    types.visit::<AppStatus>();
    types.visit::<Session>();
    types.visit::<SetupInput>();
    types.visit::<SetupOutcome>();
    types.visit::<RecoveryOutcome>();
    types.visit::<AccountInput>();
    types.visit::<AccountInfo>();
    types.visit::<Plan>();
    types.visit::<DepartmentRow>();
    types.visit::<TaskFilter>();
    types.visit::<TaskRow>();
    types.visit::<Dashboard>();
    types.visit::<ProgressRecord>();
    types.visit::<ProgressInput>();
    types.visit::<Period>();
    types.visit::<Settings>();
    types.visit::<taizhang_core::profile::Profile>();
    types.visit::<taizhang_core::responsibilities::DepartmentOption>();
    types.visit::<AuditRow>();
    types.visit::<ImportSummary>();
    types.visit::<ReportRequest>();
    types.visit::<ExportOutcome>();
    types.visit::<ReportInfo>();
    types.visit::<FileReport>();
    types.visit::<ImportOptions>();
    types.visit::<ImportProgress>();
    types.visit::<taizhang_core::outline::PlanOutline>();
    types.visit::<taizhang_core::task_page::TaskPage>();
    types.visit::<taizhang_core::task_page::PageRequest>();
    types.visit::<taizhang_core::report::ExportProgress>();
    types.visit::<ReceiptRow>();
    types.visit::<Delivery>();
    types.visit::<taizhang_core::backup::BackupInfo>();
    types.visit::<taizhang_core::backup::RestoreOutcome>();
    types.visit::<taizhang_core::plan_import::PlanImportOptions>();
    types.visit::<taizhang_core::store::PlanRow>();
    types.visit::<taizhang_core::plans::PlanChoice>();
    types.visit::<taizhang_core::plans::PlanScope>();
    types.visit::<taizhang_core::plans::PlanVersion>();
    types.visit::<taizhang_core::store::RemovedSubItem>();
    types.visit::<taizhang_core::progress::RecordKey>();
    types.visit::<taizhang_core::about::AboutInfo>();
    let mut out = String::from("// Generated from the Rust types by `cargo xtask bindings`; do not edit by hand.\n// A test fails when this file differs from what the Rust code generates.\n\n");
    let kinds: Vec<String> = REPORTS.iter().map(|r| format!("{:?}", r.key())).collect();
    types.by_name.insert("ReportKind".into(), format!("/**\n * The key of a report in the core's registry.\n */\nexport type ReportKind = {};", kinds.join(" | ")));
    for declaration in types.by_name.values() {
        out.push_str(declaration);
        out.push_str("\n\n");
    }
    for constants in [vocabulary::<Status>(), vocabulary::<TaskRole>(), vocabulary::<RecordState>(), vocabulary::<Level>(), vocabulary::<PeriodStatus>(), vocabulary::<Role>(), vocabulary::<Audience>(), vocabulary::<DepartmentChoice>(), vocabulary::<Drafts>(), vocabulary::<taizhang_core::task_list::FoundIn>(), vocabulary::<taizhang_core::backup::BackupReason>(), vocabulary::<taizhang_core::report::ExportStep>(), vocabulary::<ErrorCode>()] {
        out.push_str(&constants);
        out.push('\n');
    }
    let reportable: Vec<String> = Status::REPORTABLE.iter().map(|s| format!("Status.{}", s.variant())).collect();
    out.push_str(&format!("/** The statuses a department may choose, in the form's order. */\nexport const REPORTABLE_STATUSES: readonly Status[] = [{}]\n\n", reportable.join(", ")));
    out.push_str(&format!("/** The status a new record starts with. */\nexport const DEFAULT_STATUS: Status = Status.{}\n\n", Status::DEFAULT.variant()));
    out.push_str(&format!("/** What the deadline column shows for a task without a deadline. */\nexport const STANDING_DEADLINE = {STANDING_DEADLINE:?}\n\n"));
    out.push_str(&format!("/** The shortest password the core accepts. */\nexport const MIN_PASSWORD_CHARS = {MIN_PASSWORD_CHARS}\n"));
    let limits: Vec<String> = taizhang_core::limits::LIMITS.iter().map(|l| format!("  {}: {},", l.key, l.value)).collect();
    out.push_str(&format!("\n/** What the core accepts in each field, in characters (shown beside the fields). */\nexport const LIMITS = {{\n{}\n}} as const\n", limits.join("\n")));
    out.push_str(&format!("\n/** The most characters a text field of a record may hold (the core refuses more). */\nexport const MAX_TEXT_CHARS = {}\n", taizhang_core::progress::MAX_TEXT_CHARS));
    out
}

#[cfg(test)]
mod tests {
    use super::{typescript, BINDINGS_PATH};

    #[test]
    fn the_checked_in_bindings_are_what_the_rust_types_generate() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(BINDINGS_PATH);
        let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(checked_in == typescript(), "{} is stale: run `cargo xtask bindings` and commit the result", path.display());
    }
}
