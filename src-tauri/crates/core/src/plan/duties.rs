//! 具体工作内容 → each department's own duty. The text is split at its enumerations
//! ("（1）环保局，…；（2）经济局，…") and line starts; a part that begins with department
//! names belongs to them, a part that begins with none continues the part before it.

use super::Duty;
use crate::departments::{is_generic, Directory};
use regex::Regex;
use std::sync::LazyLock;

/// An enumeration mark "（1）" / "(3)" — also "（1" cut off at the end of a line.
static ENUMERATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[（(]\s*\d{1,2}\s*(?:[）)]|$)").expect("valid enumeration regex"));

/// Who a part of the work text is addressed to.
enum Addressee {
    /// The departments named at its start.
    Departments(Vec<String>),
    /// Everybody else (其他部门配合): it is nobody's own duty.
    Everybody,
    /// Nobody named: the part continues the one before it (or, first, is the lead's).
    Unnamed,
}

/// Split `work` into duties of the responsible departments (`lead` first, then `cooperating`).
/// A department named as lead or cooperating with no part of its own gets the whole text.
/// Departments named in the text but not responsible keep the part addressed to them.
pub fn split_duties(work: &str, lead: &[String], cooperating: &[String], dir: &Directory) -> Vec<Duty> {
    let mut own: Vec<(String, Vec<String>)> = Vec::new();
    let mut previous: Vec<String> = lead.to_vec();
    for part in parts(work) {
        let (addressee, _) = addressee_of(&part, dir);
        let owners = match addressee {
            Addressee::Departments(names) => names,
            Addressee::Everybody => {
                previous.clear();
                continue;
            }
            Addressee::Unnamed => previous.clone(),
        };
        for owner in &owners {
            match own.iter_mut().find(|(name, _)| name == owner) {
                Some((_, texts)) => texts.push(part.clone()),
                None => own.push((owner.clone(), vec![part.clone()])),
            }
        }
        previous = owners;
    }
    let work = work.trim();
    let responsible = lead.iter().chain(cooperating);
    let mut duties: Vec<Duty> = responsible
        .map(|department| {
            let text = own
                .iter()
                .find(|(name, _)| name == department)
                .map_or_else(|| work.to_string(), |(_, texts)| texts.join("\n"));
            Duty { department: department.clone(), text }
        })
        .collect();
    for (department, texts) in own {
        if !duties.iter().any(|d| d.department == department) {
            duties.push(Duty { department, text: texts.join("\n") });
        }
    }
    duties.retain(|d| !d.text.is_empty());
    duties
}

/// The text cut at line starts and at enumeration marks, each part trimmed, empty ones dropped.
fn parts(work: &str) -> Vec<String> {
    let mut parts = Vec::new();
    for line in work.lines() {
        let mut start = 0;
        for mark in ENUMERATION.find_iter(line) {
            if mark.start() > start {
                parts.push(line[start..mark.start()].to_string());
            }
            start = mark.start();
        }
        parts.push(line[start..].to_string());
    }
    parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()
}

/// Who a part is addressed to, and the part without its enumeration mark.
fn addressee_of<'a>(part: &'a str, dir: &Directory) -> (Addressee, &'a str) {
    let body = match ENUMERATION.find(part) {
        Some(mark) if mark.start() == 0 => part[mark.end()..].trim_start(),
        _ => part,
    };
    let mut rest = body;
    let mut names: Vec<String> = Vec::new();
    loop {
        while let Some((name, len)) = dir.match_prefix(rest) {
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
            rest = rest[len..].trim_start_matches(|c: char| "、和及与 ".contains(c));
        }
        // "A牵头，B、C配合…" at the start of a part addresses B and C as well.
        match rest.strip_prefix("牵头") {
            Some(after) if !names.is_empty() => rest = after.trim_start_matches(|c: char| "，、, ".contains(c)),
            _ => break,
        }
    }
    if !names.is_empty() {
        return (Addressee::Departments(names), body);
    }
    let everybody = ["其他部门", "其余部门", "各部门", "有关部门", "相关部门"];
    if everybody.iter().any(|w| body.starts_with(w)) || is_generic(body) {
        (Addressee::Everybody, body)
    } else {
        (Addressee::Unnamed, body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    fn duty<'a>(duties: &'a [Duty], department: &str) -> &'a str {
        duties.iter().find(|d| d.department == department).map_or("", |d| d.text.as_str())
    }

    #[test]
    fn numbered_parts_go_to_the_named_departments() {
        let work = "（1）环保局，牵头负责监测；\n（2）经济局，负责统计；\n（3）财政局、国土资源局负责经费。";
        let duties = split_duties(work, &names(&["环保局"]), &names(&["经济局", "财政局", "国土资源局", "农业局"]), &Directory::builtin());
        assert_eq!(duty(&duties, "环保局"), "（1）环保局，牵头负责监测；", "lead's own part");
        assert_eq!(duty(&duties, "经济局"), "（2）经济局，负责统计；", "cooperating part");
        assert_eq!(duty(&duties, "国土资源局"), "（3）财政局、国土资源局负责经费。", "a part named to two departments");
        assert_eq!(duty(&duties, "农业局"), work, "no part of its own: the whole text");
    }

    #[test]
    fn enumerations_inside_a_line_and_continuations() {
        let work = "环保局牵头负责在2017年底前完成国控\n监测点位设置；（2）发展改革局，负责立项；（3）经济局，负责信息；";
        let duties = split_duties(work, &names(&["环保局"]), &names(&["发展改革局", "经济局"]), &Directory::builtin());
        assert_eq!(duty(&duties, "环保局"), "环保局牵头负责在2017年底前完成国控\n监测点位设置；", "continuation line stays with its department");
        assert_eq!(duty(&duties, "发展改革局"), "（2）发展改革局，负责立项；", "mid-line enumeration");
    }

    #[test]
    fn free_text_is_the_leads_and_others_get_it_whole() {
        let work = "负责设置耕作层土壤存放点。";
        let duties = split_duties(work, &names(&["国土资源局"]), &names(&["住建局"]), &Directory::builtin());
        assert_eq!(duties.len(), 2, "one duty per responsible department");
        assert!(duties.iter().all(|d| d.text == work), "one free text is everybody's duty");
    }

    #[test]
    fn departments_named_after_the_lead_share_its_part() {
        let work = "水利局牵头，国土资源局、林业局等部门参与负责排查；\n环保局负责提出措施；";
        let duties = split_duties(work, &names(&["水利局"]), &names(&["环保局", "国土资源局", "林业局"]), &Directory::builtin());
        assert_eq!(duty(&duties, "林业局"), "水利局牵头，国土资源局、林业局等部门参与负责排查；", "named right after 牵头");
        assert_eq!(duty(&duties, "环保局"), "环保局负责提出措施；", "its own line");
    }

    #[test]
    fn other_departments_part_is_nobodys_own() {
        let work = "（1）农业局负责研究；\n（2）发展改革局负责立项；\n（3）其他部门配合。";
        let duties = split_duties(work, &names(&["农业局"]), &names(&["发展改革局", "环保局"]), &Directory::builtin());
        assert_eq!(duty(&duties, "发展改革局"), "（2）发展改革局负责立项；", "其他部门 is not appended to the previous department");
        assert_eq!(duty(&duties, "环保局"), work, "a department covered by 其他部门 sees the whole text");
    }
}
