//! Departments: the canonical short names of the plan, the aliases they are written as, and
//! the resolver that turns any written name into a canonical one.

pub mod responsibility;

pub use responsibility::{parse_responsibility, Responsibility};

use std::collections::HashMap;

/// The 31 canonical short names used in the Lishu plan, in the order DOMAIN.md lists them.
pub const CANONICAL: [&str; 31] = [
    "环保局", "农业局", "国土资源局", "住建局", "经济局", "发展改革局", "财政局", "林业局", "公安局",
    "畜牧局", "安监局", "水利局", "教育局", "卫生计生局", "供销合作社", "交通局", "农机局",
    "市场监督管理局", "县委宣传部", "县委组织部", "国有资产局", "审计局", "科技局", "县政务服务中心",
    "商务局", "地税局", "文广新局", "科协", "县政府办", "监察局", "乡镇人民政府",
];

/// Names, abbreviations, old names and typos seen in task breakdown tables → canonical name.
/// The 县 prefix and a leading 各 need no entry: the resolver tries without them.
pub const BUILTIN_ALIASES: [(&str, &str); 30] = [
    ("县经及局", "经济局"),
    ("经经济局", "经济局"),
    ("农也局", "农业局"),
    ("住建局局", "住建局"),
    ("县环保局县", "环保局"),
    ("住建", "住建局"),
    ("住建委", "住建局"),
    ("城乡规划部门", "住建局"),
    ("农委", "农业局"),
    ("发展改革委", "发展改革局"),
    ("发改委", "发展改革局"),
    ("发改局", "发展改革局"),
    ("卫生计生委", "卫生计生局"),
    ("国资委", "国有资产局"),
    ("审批办", "县政务服务中心"),
    ("行政审批办", "县政务服务中心"),
    ("组织部", "县委组织部"),
    ("宣传部", "县委宣传部"),
    ("政府办", "县政府办"),
    ("乡镇政府", "乡镇人民政府"),
    ("乡镇", "乡镇人民政府"),
    ("水务局", "水利局"),
    ("环境保护部门", "环保局"),
    ("环保部门", "环保局"),
    ("国土资源管理部门", "国土资源局"),
    ("国土资源部门", "国土资源局"),
    ("供销社", "供销合作社"),
    ("市场监管局", "市场监督管理局"),
    ("文广新闻出版局", "文广新局"),
    ("纪委监察局", "监察局"),
];

/// The names the 2018–2019 institutional reform gave departments the plan names by their old
/// names (new name, plan's name). Pickers find a department by either and show both.
pub const REFORM_NAMES: [(&str, &str); 9] = [
    ("自然资源局", "国土资源局"),
    ("生态环境局", "环保局"),
    ("农业农村局", "农业局"),
    ("应急管理局", "安监局"),
    ("卫生健康局", "卫生计生局"),
    ("税务局", "地税局"),
    ("监察委员会", "监察局"),
    ("文化广播电视和旅游局", "文广新局"),
    ("发展和改革局", "发展改革局"),
];

/// The reform's name for the department the plan calls `name`, if it has one.
pub fn reform_name(name: &str) -> Option<&'static str> {
    REFORM_NAMES.iter().find(|(_, old)| *old == name).map(|(new, _)| *new)
}

/// Words that name no particular department ("各部门配合"): skipped, never made a department.
pub const GENERIC_NAMES: [&str; 6] = ["各部门", "有关部门", "相关部门", "其他部门", "其余部门", "部门"];

/// Every known department name and alias, resolving to canonical names.
#[derive(Debug, Clone, Default)]
pub struct Directory {
    canonical_of: HashMap<String, String>,
    /// Keys of `canonical_of`, longest first, for prefix matching in running text.
    keys_by_length: Vec<String>,
    /// Names this directory learned while reading that resolve to no known department.
    new_departments: Vec<String>,
}

impl Directory {
    /// The canonical departments and the built-in aliases.
    pub fn builtin() -> Self {
        let mut dir = Directory::default();
        for name in CANONICAL {
            dir.insert(name, name);
        }
        for (alias, name) in BUILTIN_ALIASES {
            dir.insert(alias, name);
        }
        dir
    }

    /// A directory of the given (alias, canonical) pairs, such as the store's.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        let mut dir = Directory::default();
        for (alias, name) in pairs {
            dir.insert(alias, name);
        }
        dir
    }

    /// Learn `alias` as a name of `canonical` (and `canonical` as its own name).
    pub fn insert(&mut self, alias: &str, canonical: &str) {
        for key in [canonical, alias] {
            if !self.canonical_of.contains_key(key) {
                self.canonical_of.insert(key.to_string(), canonical.to_string());
                let at = self.keys_by_length.partition_point(|k| k.chars().count() >= key.chars().count());
                self.keys_by_length.insert(at, key.to_string());
            }
        }
    }

    /// Record a name that resolves to nothing known: it becomes a department of its own,
    /// to be reviewed by the coordinator.
    pub fn add_new_department(&mut self, name: &str) {
        self.insert(name, name);
        if !self.new_departments.iter().any(|n| n == name) {
            self.new_departments.push(name.to_string());
        }
    }

    /// Departments learned while reading that need the coordinator's review.
    pub fn new_departments(&self) -> &[String] {
        &self.new_departments
    }

    /// The canonical name of a written department name, trying it as written, without the
    /// 县/各 prefix, with a 县 prefix, and without a trailing 等部门/部门/等.
    pub fn resolve(&self, written: &str) -> Option<&str> {
        let written = written.trim();
        [written, strip_list_suffix(written)].into_iter().filter(|n| !n.is_empty()).find_map(|name| {
            let prefixed = format!("县{name}");
            let candidates = [Some(name), name.strip_prefix('县'), name.strip_prefix('各'), name.strip_prefix("各县"), Some(&prefixed)];
            let found = candidates.into_iter().flatten().find_map(|c| self.canonical_of.get(c));
            found.map(String::as_str)
        })
    }

    /// The longest known name at the start of `text` (an optional 县 or 各 before it):
    /// its canonical name and how many bytes of `text` it covers.
    pub fn match_prefix(&self, text: &str) -> Option<(&str, usize)> {
        let starts = [("", text), ("县", text.strip_prefix('县').unwrap_or("")), ("各", text.strip_prefix('各').unwrap_or(""))];
        for key in &self.keys_by_length {
            for (skipped, rest) in starts {
                if !rest.is_empty() && rest.starts_with(key.as_str()) {
                    let canonical = self.canonical_of.get(key)?;
                    return Some((canonical.as_str(), skipped.len() + key.len()));
                }
            }
        }
        None
    }

    /// Split a name such as 农业局水利局 (two names glued) into known departments; `None`
    /// unless the whole text is covered by known names.
    pub fn split_glued(&self, text: &str) -> Option<Vec<String>> {
        let mut rest = text;
        let mut found = Vec::new();
        while !rest.is_empty() {
            let (name, len) = self.match_prefix(rest)?;
            found.push(name.to_string());
            rest = &rest[len..];
        }
        (found.len() > 1).then_some(found)
    }

    /// All (alias, canonical) pairs, aliases that differ from their canonical name only.
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &str)> {
        self.canonical_of.iter().filter(|(a, c)| a != c).map(|(a, c)| (a.as_str(), c.as_str()))
    }
}

/// Strip list words that follow a name: "供销合作社等部门" → "供销合作社".
pub fn strip_list_suffix(name: &str) -> &str {
    let mut name = name.trim();
    loop {
        let before = name;
        for suffix in ["等有关部门", "等相关部门", "等部门", "等单位", "部门", "等"] {
            if let Some(stripped) = name.strip_suffix(suffix) {
                if !stripped.is_empty() {
                    name = stripped.trim_end();
                }
            }
        }
        if name == before {
            return name;
        }
    }
}

/// Whether `name` names no particular department (各部门, 有关部门 …).
pub fn is_generic(name: &str) -> bool {
    let name = name.trim();
    GENERIC_NAMES.contains(&name) || name.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_in_domain_md_resolves() {
        let dir = Directory::builtin();
        let cases = [
            ("县经及局", "经济局"), ("农也局", "农业局"), ("住建局局", "住建局"), ("县环保局县", "环保局"),
            ("住建", "住建局"), ("农委", "农业局"), ("发展改革委", "发展改革局"), ("发改局", "发展改革局"),
            ("住建委", "住建局"), ("卫生计生委", "卫生计生局"), ("国资委", "国有资产局"),
            ("审批办", "县政务服务中心"), ("县行政审批办", "县政务服务中心"), ("组织部", "县委组织部"),
            ("县组织部", "县委组织部"), ("各乡镇人民政府", "乡镇人民政府"), ("乡镇政府", "乡镇人民政府"),
            ("水务局", "水利局"), ("环境保护部门", "环保局"), ("环保部门", "环保局"),
            ("国土资源管理部门", "国土资源局"), ("城乡规划部门", "住建局"), ("县农业局", "农业局"),
            ("政府办", "县政府办"), ("县国资委", "国有资产局"), ("供销合作社等部门", "供销合作社"),
        ];
        for (written, canonical) in cases {
            assert_eq!(dir.resolve(written), Some(canonical), "{written} resolves to {canonical}");
        }
    }

    #[test]
    fn unknown_names_do_not_resolve() {
        assert_eq!(Directory::builtin().resolve("自然资源局"), None, "a reform name is not guessed");
    }

    #[test]
    fn glued_names_split_into_known_departments() {
        let dir = Directory::builtin();
        assert_eq!(dir.split_glued("农业局水利局"), Some(vec!["农业局".into(), "水利局".into()]), "two glued names");
        assert_eq!(dir.split_glued("农业局"), None, "a single name is not glued");
        assert_eq!(dir.split_glued("农业局某某"), None, "an unknown tail is not split");
    }

    #[test]
    fn prefix_matching_prefers_the_longest_name() {
        let dir = Directory::builtin();
        assert_eq!(dir.match_prefix("住建局局提供"), Some(("住建局", "住建局局".len())), "longest alias wins");
        assert_eq!(dir.match_prefix("县环保局县、县监察局"), Some(("环保局", "县环保局县".len())), "typo alias");
        assert_eq!(dir.match_prefix("县住建局负责"), Some(("住建局", "县住建局".len())), "县 prefix skipped");
        assert_eq!(dir.match_prefix("负责全面培肥"), None, "no department at the start");
    }
}
