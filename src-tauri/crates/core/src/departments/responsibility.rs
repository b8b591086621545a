//! Responsibility cells ("A牵头，B、C等部门配合", "A负责", "A") → ordered lead and cooperating
//! departments, with warnings for everything irregular.

use super::{is_generic, strip_list_suffix, Directory};
use crate::plan::Warning;
use regex::Regex;
use std::sync::LazyLock;

/// Departments named in one responsibility cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Responsibility {
    /// The cell's own numbering ("1、"), when it has one.
    pub number: Option<u32>,
    /// Canonical names of the lead departments, in written order.
    pub lead: Vec<String>,
    /// Canonical names of the cooperating departments, in written order.
    pub cooperating: Vec<String>,
}

static NUMBERING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:(\d{1,3})\s*[、.．]|[（(]\s*(\d{1,3})\s*[）)])\s*").expect("valid numbering regex")
});

/// Words after "配合" that add nothing about who is responsible.
const TRAILING_WORDS: [&str; 6] = ["落实", "工作", "实施", "执行", "完成", "参与"];

/// Read a responsibility cell. Unknown names become new departments in `dir` (flagged for
/// review) and a warning; nothing written is dropped.
pub fn parse_responsibility(raw: &str, line: usize, dir: &mut Directory, warnings: &mut Vec<Warning>) -> Responsibility {
    let mut text = raw.replace(['\n', '\r'], "，");
    let mut number = None;
    if let Some(caps) = NUMBERING.captures(&text) {
        number = caps.get(1).or(caps.get(2)).and_then(|m| m.as_str().parse().ok());
        let end = caps.get(0).map_or(0, |m| m.end());
        text = text[end..].to_string();
    }
    let text = text.trim().trim_end_matches(['。', '；', ';', '，', ',', '.']).trim();
    let mut warn = |message: String| warnings.push(Warning { line, message });

    let (lead_part, cooperating_part) = if let Some((lead, rest)) = text.split_once("牵头") {
        (lead, cooperating_part_of(rest))
    } else if let Some((lead, rest)) = text.split_once("负责") {
        (lead, cooperating_part_of(rest))
    } else if let Some((cooperating, _)) = text.split_once("配合") {
        warn(format!("责任单位“{raw}”没有牵头单位，所列单位均作为配合单位"));
        ("", cooperating)
    } else {
        (text, "")
    };

    let lead = names_in_list(lead_part, raw, dir, &mut warn);
    let mut cooperating = names_in_list(cooperating_part, raw, dir, &mut warn);
    cooperating.retain(|name| {
        let also_lead = lead.contains(name);
        if also_lead {
            warn(format!("“{name}”在“{raw}”中既是牵头单位又是配合单位，按牵头单位记录"));
        }
        !also_lead
    });
    if lead.is_empty() && cooperating.is_empty() && !text.is_empty() {
        warn(format!("责任单位“{raw}”中没有识别出任何部门"));
    }
    Responsibility { number, lead, cooperating }
}

/// The part of "…牵头，B、C等部门配合落实" that lists the cooperating departments.
fn cooperating_part_of(rest: &str) -> &str {
    let rest = rest.trim_start_matches(|c: char| "，、,；; ".contains(c));
    let Some((list, after)) = rest.split_once("配合").or_else(|| rest.split_once("参与")).or_else(|| rest.split_once("协助"))
    else {
        return rest;
    };
    let after = after.trim_matches(|c: char| "，。、；,; ".contains(c));
    if after.is_empty() || TRAILING_WORDS.contains(&after) {
        list
    } else {
        rest
    }
}

/// Canonical names in a list such as "县发展改革局、县环保局等部门及乡镇人民政府".
fn names_in_list(list: &str, raw: &str, dir: &mut Directory, warn: &mut impl FnMut(String)) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let push = |name: String, names: &mut Vec<String>| {
        if !names.contains(&name) {
            names.push(name);
        }
    };
    for token in list.split(|c: char| "、，,；;/／ 　".contains(c)) {
        let token = strip_list_suffix(token);
        if is_generic(token) {
            continue;
        }
        if let Some(name) = dir.resolve(token) {
            push(name.to_string(), &mut names);
            continue;
        }
        let parts: Vec<&str> = token
            .split("以及")
            .flat_map(|p| p.split(['及', '和', '与']))
            .map(strip_list_suffix)
            .filter(|p| !is_generic(p))
            .collect();
        if parts.len() > 1 && parts.iter().all(|p| dir.resolve(p).is_some()) {
            for part in parts {
                if let Some(name) = dir.resolve(part) {
                    push(name.to_string(), &mut names);
                }
            }
            continue;
        }
        if let Some(glued) = dir.split_glued(token) {
            warn(format!("“{token}”是连写的多个部门，已拆分为：{}", glued.join("、")));
            for name in glued {
                push(name, &mut names);
            }
            continue;
        }
        let name = token.strip_prefix('县').filter(|n| !n.is_empty()).unwrap_or(token).to_string();
        warn(format!("无法识别“{raw}”中的部门“{token}”，已作为新部门“{name}”保存，待审核"));
        dir.add_new_department(&name);
        push(name, &mut names);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> (Vec<String>, Vec<String>, usize) {
        let mut dir = Directory::builtin();
        let mut warnings = Vec::new();
        let r = parse_responsibility(raw, 1, &mut dir, &mut warnings);
        (r.lead, r.cooperating, warnings.len())
    }

    fn names(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_phrasing_in_domain_md() {
        assert_eq!(parse("1、水利局牵头，环保局、国土资源局等部门配合。"), (names(&["水利局"]), names(&["环保局", "国土资源局"]), 0), "A牵头，B、C等部门配合");
        assert_eq!(parse("县国土资源局、县农业局牵头，县发展改革局配合"), (names(&["国土资源局", "农业局"]), names(&["发展改革局"]), 0), "A、B牵头，C配合");
        assert_eq!(parse("农业局牵头、林业局配合"), (names(&["农业局"]), names(&["林业局"]), 0), "A牵头、B配合");
        assert_eq!(parse("4、经济局负责。"), (names(&["经济局"]), names(&[]), 0), "A负责");
        assert_eq!(parse("3、国土资源局"), (names(&["国土资源局"]), names(&[]), 0), "A alone");
        assert_eq!(parse("农业局牵头，县发展改革局、县供销合作社等部门及乡镇人民政府配合"), (names(&["农业局"]), names(&["发展改革局", "供销合作社", "乡镇人民政府"]), 0), "…等部门及乡镇人民政府配合");
        assert_eq!(parse("1、国土资源局牵头，农业局、发展改革局等配合落实。"), (names(&["国土资源局"]), names(&["农业局", "发展改革局"]), 0), "配合落实");
    }

    #[test]
    fn typos_and_glued_names() {
        let (lead, cooperating, warnings) = parse("2、财政局牵头，发展改革局、住建局、农业局水利局等部门配合");
        assert_eq!(lead, names(&["财政局"]), "lead of the glued cell");
        assert_eq!(cooperating, names(&["发展改革局", "住建局", "农业局", "水利局"]), "glued names are split");
        assert_eq!(warnings, 1, "glued names are reported");
        assert_eq!(parse("县环保局县、县监察局负责"), (names(&["环保局", "监察局"]), names(&[]), 0), "县环保局县");
        assert_eq!(parse("4、县政务服务中心牵头、环保局、国土资源局等部门配合").1, names(&["环保局", "国土资源局"]), "牵头、 then a list");
    }

    #[test]
    fn an_unknown_name_is_kept_as_a_new_department() {
        let mut dir = Directory::builtin();
        let mut warnings = Vec::new();
        let r = parse_responsibility("自然资源局牵头，环保局配合", 7, &mut dir, &mut warnings);
        assert_eq!(r.lead, names(&["自然资源局"]), "the unknown lead is kept, not dropped");
        assert_eq!(dir.new_departments(), ["自然资源局".to_string()], "and flagged for review");
        assert_eq!(warnings.len(), 1, "with one warning");
        assert_eq!(warnings[0].line, 7, "naming the source line");
    }
}
