//! Quantified targets written in a task's text: 农膜回收率达到80%以上 → 农膜回收率 >= 80 %.

use ts_rs::TS;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// A target with the phrase it was read from and, where stated, what it measures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Target {
    /// The phrase as written.
    pub text: String,
    /// What is measured: `农膜回收率`.
    pub metric: Option<String>,
    /// Comparison: `>=`, `<=`, `=` or `~` (左右).
    pub op: Option<String>,
    /// The number.
    pub value: Option<f64>,
    /// Unit as written: `%`, `厘米`.
    pub unit: Option<String>,
}

const UNITS: &str = r"%|％|厘米|万亩|亩|公顷|万吨|吨|个|家|处|人次";

static LEVEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<metric>[^，。；：,;:\n]{{1,40}}?)(?P<verb>提高到|提高至|提升到|提升至|达到|不低于|不少于|控制在|降低到|降低至|下降到|降至)(?P<value>\d+(?:\.\d+)?)(?P<unit>{UNITS})(?P<qualifier>以上|以下|左右)?"
    ))
    .expect("the target pattern is a valid regex")
});

static ZERO_GROWTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<metric>[^，。；：,;:\n]{1,40}?)(?:实现)?零增长")
        .expect("the zero-growth pattern is a valid regex")
});

static SHARE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<value>\d+(?:\.\d+)?)(?P<unit>%|％)的(?P<scope>[^，。；\n]+?)实现(?P<what>[^，。；\n的]+)")
        .expect("the share pattern is a valid regex")
});

/// Every target in `texts`, in order of appearance, without repeats of the same measure.
pub fn find_targets<'a>(texts: impl IntoIterator<Item = &'a str>) -> Vec<Target> {
    let mut found: Vec<Target> = Vec::new();
    for text in texts {
        let mut in_text: Vec<(usize, usize, Target)> = Vec::new();
        for caps in SHARE.captures_iter(text) {
            let (Some(whole), Some(value), Some(scope), Some(what)) =
                (caps.get(0), caps.name("value"), caps.name("scope"), caps.name("what"))
            else {
                continue;
            };
            let target = Target {
                text: whole.as_str().to_string(),
                metric: Some(format!("{}实现{}的比例", scope.as_str(), what.as_str())),
                op: Some(">=".into()),
                value: value.as_str().parse().ok(),
                unit: caps.name("unit").map(|u| normalize_unit(u.as_str())),
            };
            in_text.push((whole.start(), whole.end(), target));
        }
        for caps in LEVEL.captures_iter(text) {
            let (Some(whole), Some(metric), Some(value), Some(unit)) =
                (caps.get(0), caps.name("metric"), caps.name("value"), caps.name("unit"))
            else {
                continue;
            };
            let op = match (caps.name("qualifier").map(|q| q.as_str()), caps.name("verb").map(|v| v.as_str())) {
                (Some("以上"), _) | (None, Some("不低于" | "不少于")) => ">=",
                (Some("以下"), _) | (None, Some("控制在" | "降低到" | "降低至" | "下降到" | "降至")) => "<=",
                (Some("左右"), _) => "~",
                _ => "=",
            };
            let target = Target {
                text: whole.as_str().trim_start_matches(trim_lead).to_string(),
                metric: Some(clean_metric(metric.as_str())),
                op: Some(op.into()),
                value: value.as_str().parse().ok(),
                unit: Some(normalize_unit(unit.as_str())),
            };
            in_text.push((whole.start(), whole.end(), target));
        }
        for caps in ZERO_GROWTH.captures_iter(text) {
            let (Some(whole), Some(metric)) = (caps.get(0), caps.name("metric")) else { continue };
            let target = Target {
                text: whole.as_str().trim_start_matches(trim_lead).to_string(),
                metric: Some(format!("{}增长率", clean_metric(metric.as_str()))),
                op: Some("<=".into()),
                value: Some(0.0),
                unit: Some("%".into()),
            };
            in_text.push((whole.start(), whole.end(), target));
        }
        in_text.sort_by_key(|(start, _, _)| *start);
        let mut covered_until = 0;
        for (start, end, target) in in_text {
            let overlaps_an_earlier_one = start < covered_until;
            covered_until = covered_until.max(end);
            let already = found.iter().any(|t| {
                t.metric == target.metric && t.op == target.op && t.value == target.value && t.unit == target.unit
            });
            if !overlaps_an_earlier_one && !already {
                found.push(target);
            }
        }
    }
    found
}

fn trim_lead(c: char) -> bool {
    c.is_whitespace() || "并且使其".contains(c)
}

fn clean_metric(metric: &str) -> String {
    metric.trim_start_matches(trim_lead).trim_end_matches("实现").trim().to_string()
}

fn normalize_unit(unit: &str) -> String {
    if unit == "％" { "%".into() } else { unit.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> (String, String, f64, String) {
        let found = find_targets([text]);
        assert_eq!(found.len(), 1, "exactly one target in {text}: {found:?}");
        let t = &found[0];
        (
            t.metric.clone().unwrap_or_default(),
            t.op.clone().unwrap_or_default(),
            t.value.unwrap_or(f64::NAN),
            t.unit.clone().unwrap_or_default(),
        )
    }

    #[test]
    fn level_targets_keep_metric_comparison_value_and_unit() {
        assert_eq!(one("，农膜回收率达到80%以上。"), ("农膜回收率".into(), ">=".into(), 80.0, "%".into()));
        assert_eq!(one("，耕层平均厚度达到20厘米以上，"), ("耕层平均厚度".into(), ">=".into(), 20.0, "厘米".into()));
        assert_eq!(one("土壤有机质含量提高到2%以上"), ("土壤有机质含量".into(), ">=".into(), 2.0, "%".into()));
        assert_eq!(one("受污染耕地安全利用率达到90%左右"), ("受污染耕地安全利用率".into(), "~".into(), 90.0, "%".into()));
    }

    #[test]
    fn zero_growth_is_a_ceiling_of_zero() {
        let (metric, op, value, unit) = one("全县主要农作物化肥、农药使用量实现零增长");
        assert_eq!((metric.as_str(), op.as_str(), value, unit.as_str()), ("全县主要农作物化肥、农药使用量增长率", "<=", 0.0, "%"));
    }

    #[test]
    fn a_share_of_a_scope_names_what_is_achieved() {
        let (metric, _, value, _) = one("全县30%的产粮（油）和所有蔬菜产业实现农药包装废弃物回收处理，");
        assert_eq!(metric, "产粮（油）和所有蔬菜产业实现农药包装废弃物回收处理的比例", "metric names scope and action");
        assert_eq!(value, 30.0, "value is the share");
    }

    #[test]
    fn text_without_numbers_has_no_target() {
        assert!(find_targets(["加强农产品质量检测。"]).is_empty(), "no number, no target");
    }
}
