//! The task breakdown table reader: bytes in any office encoding → a checked [`Plan`] with
//! departments resolved, duties split, deadlines and targets found, and warnings.

pub mod cells;
pub mod decode;
pub mod labels;
pub mod structure;

use crate::departments::{parse_responsibility, Directory};
use crate::error::Result;
use crate::plan::{find_deadlines, find_targets, split_duties, Plan, Warning};
use sha2::{Digest, Sha256};

/// What reading a table produced.
#[derive(Debug, Clone)]
pub struct ReadOutcome {
    /// The plan (id 0: not stored yet).
    pub plan: Plan,
    /// Irregularities, in source order.
    pub warnings: Vec<Warning>,
    /// Department names that resolved to nothing known, kept as new departments for review.
    pub new_departments: Vec<String>,
}

/// Read a table file's bytes. `fallback_name` names the plan when no title stands above the
/// table. `dir` resolves department names; names it does not know are added to it.
pub fn read_plan(bytes: &[u8], fallback_name: &str, dir: &mut Directory) -> Result<ReadOutcome> {
    let text = decode::decode(bytes)?;
    read_table(&cells::split_table(&text)?, fallback_name, dir)
}

/// Read a table already split into cells, whatever file it came from (text, Word, Excel): the
/// same cells give the same plan, fingerprint and warnings.
pub fn read_table(table: &cells::Table, fallback_name: &str, dir: &mut Directory) -> Result<ReadOutcome> {
    let name = plan_name(&table.preamble).unwrap_or(fallback_name).to_string();
    let fingerprint = fingerprint(&name, table);
    let mut warnings = Vec::new();
    let mut articles = structure::build_tree(table, &mut warnings)?;
    let known_before = dir.new_departments().len();

    for item in articles.iter_mut().flat_map(|a| &mut a.clauses).flat_map(|c| &mut c.items) {
        let responsibility = parse_responsibility(&item.responsibility, item.responsibility_line, dir, &mut warnings);
        item.lead = responsibility.lead;
        item.cooperating = responsibility.cooperating;
        let several = item.subitems.len() > 1;
        for subitem in &mut item.subitems {
            let responsibility = parse_responsibility(&subitem.responsibility, subitem.responsibility_line, dir, &mut warnings);
            let own_number = labels::subitem(&format!("{}x", subitem.label)).number;
            if let (Some(cell_number), Some(own)) = (responsibility.number, own_number) {
                if cell_number != own {
                    let message = format!("小项 {} 编号为“{}”，其责任单位却编为“{cell_number}、”", subitem.code, subitem.label);
                    warnings.push(Warning { line: subitem.line, message });
                }
            }
            if several && subitem.label.is_empty() {
                let message = format!("小项 {} 没有编号（所在项共有多个小项）", subitem.code);
                warnings.push(Warning { line: subitem.line, message });
            }
            subitem.lead = responsibility.lead;
            subitem.cooperating = responsibility.cooperating;
            subitem.duties = split_duties(&subitem.work, &subitem.lead, &subitem.cooperating, dir);
            subitem.deadlines = find_deadlines([subitem.text.as_str(), subitem.work.as_str()]);
            subitem.targets = find_targets([subitem.text.as_str(), subitem.work.as_str()]);
        }
    }
    warnings.sort_by_key(|w| w.line);
    let new_departments = dir.new_departments()[known_before..].to_vec();
    Ok(ReadOutcome { plan: Plan { id: 0, name, fingerprint, articles }, warnings, new_departments })
}

/// The title above the table: the last line before it that is not "附件：".
fn plan_name(preamble: &[String]) -> Option<&str> {
    preamble
        .iter()
        .rev()
        .map(|line| line.trim())
        .find(|line| !line.is_empty() && !line.starts_with("附件"))
}

/// SHA-256 over the title and every cell in normal form (lines trimmed, blank lines dropped),
/// so the same table in any encoding or line ending has the same fingerprint.
fn fingerprint(name: &str, table: &cells::Table) -> String {
    let mut hasher = Sha256::new();
    hasher.update(name.as_bytes());
    for row in &table.rows {
        hasher.update([0x1e]);
        for cell in &row.cells {
            hasher.update([0x1f]);
            hasher.update(cell.text.as_bytes());
        }
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
