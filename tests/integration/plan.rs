//! The seed's work texts split into duties, and its deadlines and targets.

use crate::util::{seeded_store, subitem};

fn duty<'a>(plan: &'a taizhang_core::plan::Plan, code: &str, department: &str) -> &'a str {
    let sub = subitem(plan, code);
    sub.duties.iter().find(|d| d.department == department).map_or("", |d| d.text.as_str())
}

#[test]
fn numbered_work_texts_split_per_department() {
    let (_dir, _store, plan) = seeded_store();
    assert_eq!(duty(&plan, "3.1.1.1", "经济局"), "（2）经济局，负责统计重点行业企业规模以及用地情况与地理位置；", "（2）经济局，…");
    assert_eq!(duty(&plan, "3.1.1.1", "农业局"), "（5）农业局，负责分析污染状况对农产品质量影响评价。", "（5）农业局，…");
    assert_eq!(duty(&plan, "3.2.1.1", "财政局"), "（4）财政局，负责保障经费、使用和审核；", "an enumeration in the middle of a line");
    assert_eq!(duty(&plan, "3.2.1.3", "经济局"), "(3) 经济局提供相关工业企业信息。", "half-width (3)");
    assert_eq!(duty(&plan, "4.2.1.1", "国土资源局"), "（3）国土资源局：重点监管有色金属矿采选、石油开采等行业；", "name followed by a colon");
}

#[test]
fn lines_beginning_with_a_department_and_aliases_in_work_texts() {
    let (_dir, _store, plan) = seeded_store();
    assert_eq!(duty(&plan, "1.1.1.1", "财政局"), "财政局负责保障治理措施等经费的使用和审核。", "a line beginning with 财政局");
    assert_eq!(duty(&plan, "5.4.1.2", "农业局"), "（2）国土资源局、农委提供相关数据，配合工作；", "农委 in a work text");
    assert_eq!(duty(&plan, "5.4.1.2", "住建局"), "（3）住建局局提供相关地下水、饮用水水源等基础信息和数据。", "住建局局 in a work text");
    assert!(duty(&plan, "6.1.2.3", "水利局").starts_with("（3）水务局提供相关数据"), "水务局 → 水利局, named only in the work text");
    assert!(duty(&plan, "5.2.1.3", "县政务服务中心").starts_with("（1）审批办牵头"), "审批办 → 县政务服务中心");
}

#[test]
fn a_department_without_its_own_part_sees_the_whole_text() {
    let (_dir, _store, plan) = seeded_store();
    let sub = subitem(&plan, "1.2.1.2");
    assert_eq!(duty(&plan, "1.2.1.2", "住建局"), sub.work, "one free text for all: the whole text");
    let responsible = sub.lead.len() + sub.cooperating.len();
    assert_eq!(sub.duties.len(), responsible, "every responsible department has a duty");
}

#[test]
fn deadlines_of_the_seed() {
    let (_dir, _store, plan) = seeded_store();
    let deadlines = |code: &str| serde_json::to_value(&subitem(&plan, code).deadlines).expect("serializes");
    assert_eq!(deadlines("1.1.1.3"), serde_json::json!([{"text": "到2020年", "due": "2020-12-31"}]), "到2020年");
    assert_eq!(deadlines("3.1.1.2"), serde_json::json!([{"text": "2017年6月底前", "due": "2017-06-30"}]), "2017年6月底前");
    assert_eq!(deadlines("3.2.1.2"), serde_json::json!([{"text": "每年", "every": "P1Y"}]), "每年");
    assert_eq!(deadlines("13.2.1.1"), serde_json::json!([{"text": "每年1月底前", "every": "P1Y", "by": "--01-31"}]), "每年1月底前");
    assert_eq!(deadlines("6.1.1.1"), serde_json::json!([{"text": "自2017年起", "every": "P1Y", "from": "2017-01-01"}]), "自2017年起");
    assert_eq!(deadlines("3.1.1.3")[0]["every"], "P10Y", "每10年开展1次");
    assert_eq!(deadlines("4.3.1.6")[0]["every"], "P3Y", "每3年…1轮");
    assert!(subitem(&plan, "1.1.1.1").is_standing(), "a sub-item with no deadline is a standing task");
    let standing = plan.subitems().filter(|s| s.is_standing()).count();
    assert!((60..138).contains(&standing), "most but not all sub-items are standing tasks ({standing})");
}

#[test]
fn targets_of_the_seed() {
    let (_dir, _store, plan) = seeded_store();
    let targets = |code: &str| {
        subitem(&plan, code)
            .targets
            .iter()
            .map(|t| (t.metric.clone().unwrap_or_default(), t.op.clone().unwrap_or_default(), t.value.unwrap_or(-1.0), t.unit.clone().unwrap_or_default()))
            .collect::<Vec<_>>()
    };
    let t = |m: &str, op: &str, v: f64, u: &str| (m.to_string(), op.to_string(), v, u.to_string());
    assert_eq!(targets("1.1.1.3"), [t("土壤有机质含量", ">=", 2.0, "%"), t("耕层平均厚度", ">=", 20.0, "厘米")], "black soil targets");
    assert_eq!(
        targets("9.1.1.2"),
        [t("产粮（油）和所有蔬菜产业实现农药包装废弃物回收处理的比例", ">=", 30.0, "%"), t("农膜回收率", ">=", 80.0, "%")],
        "pesticide packaging and film recovery, each once"
    );
    assert_eq!(targets("9.1.1.5")[2], t("测土配方施肥技术推广覆盖率", ">=", 90.0, "%"), "soil testing coverage");
    assert_eq!(targets("9.1.1.5")[0].1, "<=", "zero growth is a ceiling");
    assert_eq!(targets("9.1.3.3"), [t("规模化养殖场、养殖小区配套建设废弃物处理设施比例", ">=", 75.0, "%")], "livestock waste facilities");
}
