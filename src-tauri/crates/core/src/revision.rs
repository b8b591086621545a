//! What a revision of a plan changed: sub-items matched by their text and position (a sub-item
//! inserted mid-clause renumbers the rest, so codes alone do not say which is which), then
//! sorted into added, removed, reworded, moved, reassigned and changed deadlines or targets.

use crate::plan::{Plan, SubItem};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// Two sub-items whose texts are at least this similar (Dice coefficient of character pairs)
/// are one sub-item reworded; below it, one was removed and another added.
const SAME_SUBITEM: f64 = 0.6;

/// A sub-item whose code changed: `taizhang import-plan --json`'s `changes.moved`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Moved {
    /// Code in the plan revised.
    pub from: String,
    /// Code in the revision.
    pub to: String,
}

/// The changes of a revision, by sub-item code (the revision's code, except for `removed`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct PlanChanges {
    /// New sub-items.
    pub added: Vec<String>,
    /// Sub-items left out of the revision (codes of the plan revised).
    pub removed: Vec<String>,
    /// Text or work changed, code kept.
    pub reworded: Vec<String>,
    /// Code changed (renumbered or moved elsewhere).
    pub moved: Vec<Moved>,
    /// Lead or cooperating departments changed.
    pub reassigned: Vec<String>,
    /// Deadlines changed.
    pub deadlines: Vec<String>,
    /// Quantified targets changed.
    pub targets: Vec<String>,
}

/// A sub-item of the plan revised and the one that continues it in the revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Carried {
    /// Code in the plan revised.
    pub from: String,
    /// Code in the revision.
    pub to: String,
}

/// The comparison of a plan with its revision.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Comparison {
    /// What changed.
    pub changes: PlanChanges,
    /// Every matched sub-item, in the revision's order: their progress carries over.
    pub carried: Vec<Carried>,
}

/// Compare `old` with its revision `new`.
pub fn compare(old: &Plan, new: &Plan) -> Comparison {
    let old_subs: Vec<&SubItem> = old.subitems().collect();
    let new_subs: Vec<&SubItem> = new.subitems().collect();
    let pairs = match_subitems(&old_subs, &new_subs);
    let mut comparison = Comparison::default();
    let changes = &mut comparison.changes;
    let mut matched_old = HashSet::new();
    for (n, sub) in new_subs.iter().enumerate() {
        let Some(&o) = pairs.get(&n) else {
            changes.added.push(sub.code.clone());
            continue;
        };
        matched_old.insert(o);
        let before = old_subs[o];
        if before.code != sub.code {
            changes.moved.push(Moved { from: before.code.clone(), to: sub.code.clone() });
        }
        if wording(before) != wording(sub) {
            changes.reworded.push(sub.code.clone());
        }
        if before.lead != sub.lead || before.cooperating != sub.cooperating {
            changes.reassigned.push(sub.code.clone());
        }
        if !before.deadlines.iter().map(|d| &d.text).eq(sub.deadlines.iter().map(|d| &d.text)) {
            changes.deadlines.push(sub.code.clone());
        }
        if !before.targets.iter().map(|t| &t.text).eq(sub.targets.iter().map(|t| &t.text)) {
            changes.targets.push(sub.code.clone());
        }
        comparison.carried.push(Carried { from: before.code.clone(), to: sub.code.clone() });
    }
    changes.removed = old_subs.iter().enumerate().filter(|(o, _)| !matched_old.contains(o)).map(|(_, s)| s.code.clone()).collect();
    comparison
}

/// A sub-item's wording: its text and its work, whitespace ignored.
fn wording(sub: &SubItem) -> String {
    sub.text.chars().chain(['\u{1f}']).chain(sub.work.chars()).filter(|c| !c.is_whitespace()).collect()
}

/// New index → old index. Identical wording first, in order (so repeated texts pair up in
/// turn); then the most similar remaining pairs, a shared position breaking ties.
fn match_subitems(old: &[&SubItem], new: &[&SubItem]) -> HashMap<usize, usize> {
    let mut pairs = HashMap::new();
    let mut by_wording: HashMap<String, Vec<usize>> = HashMap::new();
    for (o, sub) in old.iter().enumerate().rev() {
        by_wording.entry(wording(sub)).or_default().push(o);
    }
    for (n, sub) in new.iter().enumerate() {
        if let Some(o) = by_wording.get_mut(&wording(sub)).and_then(Vec::pop) {
            pairs.insert(n, o);
        }
    }
    let taken: HashSet<usize> = pairs.values().copied().collect();
    let old_left: Vec<usize> = (0..old.len()).filter(|o| !taken.contains(o)).collect();
    let new_left: Vec<usize> = (0..new.len()).filter(|n| !pairs.contains_key(n)).collect();
    let old_grams: HashMap<usize, HashSet<(char, char)>> = old_left.iter().map(|&o| (o, bigrams(&wording(old[o])))).collect();
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for &n in &new_left {
        let grams = bigrams(&wording(new[n]));
        for &o in &old_left {
            let similarity = dice(&grams, &old_grams[&o]);
            if similarity >= SAME_SUBITEM {
                let placed = if old[o].code == new[n].code { 0.05 } else { 0.0 };
                candidates.push((similarity + placed, n, o));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut used_old = HashSet::new();
    for (_, n, o) in candidates {
        if !pairs.contains_key(&n) && used_old.insert(o) {
            pairs.insert(n, o);
        }
    }
    pairs
}

fn bigrams(text: &str) -> HashSet<(char, char)> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(2).map(|w| (w[0], w[1])).collect()
}

fn dice(a: &HashSet<(char, char)>, b: &HashSet<(char, char)>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let shared = a.intersection(b).count();
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}
