//! Departments of the seed: the 31 canonical names, and the lead and cooperating lists of
//! sub-items and items written in every phrasing and typo that DOMAIN.md lists.

use crate::util::{seeded_store, subitem};
use taizhang_core::departments::CANONICAL;
use taizhang_core::plan::Plan;

fn roles<'a>(plan: &'a Plan, code: &str) -> (Vec<&'a str>, Vec<&'a str>) {
    let s = subitem(plan, code);
    (s.lead.iter().map(String::as_str).collect(), s.cooperating.iter().map(String::as_str).collect())
}

fn item_roles<'a>(plan: &'a Plan, code: &str) -> (Vec<&'a str>, Vec<&'a str>) {
    let item = plan.articles.iter().flat_map(|a| &a.clauses).flat_map(|c| &c.items).find(|i| i.code == code).expect("item exists");
    (item.lead.iter().map(String::as_str).collect(), item.cooperating.iter().map(String::as_str).collect())
}

#[test]
fn the_subitems_name_exactly_the_31_canonical_departments() {
    let (_dir, store, plan) = seeded_store();
    let mut named: Vec<&str> = plan.subitems().flat_map(|s| s.lead.iter().chain(&s.cooperating)).map(String::as_str).collect();
    named.sort_unstable();
    named.dedup();
    let mut canonical = CANONICAL.to_vec();
    canonical.sort_unstable();
    assert_eq!(named, canonical, "the departments of the sub-items are the 31 canonical ones");
    let stored = taizhang_core::responsibilities::departments(&store, None).expect("departments");
    assert!(stored.iter().all(|d| !d.needs_review), "no department of the seed needs review");
}

#[test]
fn every_responsibility_phrasing() {
    let (_dir, _store, plan) = seeded_store();
    let cases: [(&str, &str, &[&str], &[&str]); 10] = [
        ("A牵头，B、C等部门配合", "1.1.1.1", &["水利局"], &["环保局", "国土资源局", "林业局", "财政局"]),
        ("A、B牵头，C配合", "9.1.4.1", &["水利局", "农业局"], &["环保局", "住建局"]),
        ("A牵头、B配合", "5.5.1.1", &["农业局"], &["林业局"]),
        ("A负责", "1.2.1.4", &["经济局"], &[]),
        ("A alone", "1.2.1.3", &["国土资源局"], &[]),
        ("…等部门及各乡镇人民政府配合", "9.1.1.2", &["发展改革局"], &["农业局", "供销合作社", "乡镇人民政府"]),
        ("B、各乡镇人民政府配合", "9.1.1.1", &["农业局"], &["供销合作社", "乡镇人民政府"]),
        ("without a leading 1、", "10.4.1.1", &["环保局"], &["国土资源局", "住建局", "农业局"]),
        ("组织部、A牵头", "13.3.1.2", &["县委组织部", "环保局"], &["经济局", "国有资产局"]),
        ("县组织部、A牵头", "13.4.2.2", &["县委组织部", "监察局"], &["环保局"]),
    ];
    for (phrasing, code, lead, cooperating) in cases {
        assert_eq!(roles(&plan, code), (lead.to_vec(), cooperating.to_vec()), "{phrasing} ({code})");
    }
}

#[test]
fn typos_abbreviations_and_old_names() {
    let (_dir, _store, plan) = seeded_store();
    let coop = |code: &str| roles(&plan, code).1;
    assert!(coop("11.3.1.3").contains(&"农业局"), "农也局 → 农业局");
    assert_eq!(coop("12.1.2.2"), ["发展改革局", "国土资源局", "住建局", "农业局", "水利局"], "农业局水利局 glued → two");
    assert!(coop("6.2.1.4").contains(&"住建局"), "住建 → 住建局");
    assert_eq!(roles(&plan, "5.2.2.1").0, ["发展改革局"], "发展改革委 → 发展改革局");
    assert!(coop("7.3.1.1").contains(&"发展改革局"), "发改局 → 发展改革局");
    assert!(coop("4.1.1.1").contains(&"住建局"), "住建委 → 住建局");
    assert!(coop("3.3.1.1").contains(&"卫生计生局"), "卫生计生委 → 卫生计生局");
    assert_eq!(roles(&plan, "5.2.1.3").0, ["县政务服务中心"], "县政务服务中心 as lead");
    assert!(item_roles(&plan, "3.2.1").1.contains(&"经济局"), "县经及局 → 经济局");
    assert_eq!(item_roles(&plan, "13.4.2"), (vec!["环保局", "监察局"], vec![]), "县环保局县、县监察局负责");
    assert!(item_roles(&plan, "13.3.1").1.contains(&"国有资产局"), "县国资委 → 国有资产局");
    assert!(item_roles(&plan, "5.2.1").1.contains(&"县政务服务中心"), "县行政审批办 → 县政务服务中心");
    assert_eq!(item_roles(&plan, "11.1.1").0, ["农业局"], "县发改局 in a cooperating list, 农业局 leads");
}

#[test]
fn department_counts_and_aliases_in_the_store() {
    let (_dir, store, plan) = seeded_store();
    let departments = taizhang_core::responsibilities::departments(&store, None).expect("departments");
    let agriculture = departments.iter().find(|d| d.name == "农业局").expect("农业局 listed");
    let leads = plan.subitems().filter(|s| s.lead.iter().any(|n| n == "农业局")).count() as i64;
    let cooperates = plan.subitems().filter(|s| s.cooperating.iter().any(|n| n == "农业局")).count() as i64;
    assert_eq!((agriculture.lead_count, agriculture.cooperating_count), (leads, cooperates), "counts match the tree");
    assert!(leads > 20 && cooperates > 20, "农业局 leads and cooperates on many sub-items");
    assert!(agriculture.aliases.iter().any(|a| a == "农也局") && agriculture.aliases.iter().any(|a| a == "农委"), "aliases listed");
}

#[test]
fn an_unknown_department_is_kept_for_review_and_reported() {
    let (_dir, store, _) = seeded_store();
    let table = "新计划任务分解表\n\t条内容\n\t款内容\n\t项内容\n\t责任单位\n\t小项内容\n\t责任单位\n\t具体工作内容\n\
                 \t一、条\n\t（一）款\n\t项\n\t县自然资源局牵头，县环保局配合\n\t1、小项\n\t1、自然资源局牵头，环保局配合\n\t（1）自然资源局负责；（2）环保局配合。\n";
    let summary = taizhang_core::plan_import::import_plan_bytes(&store, table.as_bytes(), "new.txt", Default::default(), None).expect("imports");
    assert!(summary.warnings.iter().any(|w| w.message.contains("自然资源局") && w.line == 12), "warned at its line");
    let departments = taizhang_core::responsibilities::departments(&store, Some(summary.plan_id)).expect("departments");
    let new = departments.iter().find(|d| d.name == "自然资源局").expect("kept as a department, not dropped");
    assert!(new.needs_review, "flagged for review");
    assert_eq!(new.lead_count, 1, "it leads the new plan's sub-item");
    let plan = taizhang_core::responsibilities::plan_tree(&store, Some(summary.plan_id)).expect("plan");
    assert_eq!(subitem(&plan, "1.1.1.1").duties[0].text, "（1）自然资源局负责；", "its duty line is recognised once known");
}

#[test]
fn pickers_find_departments_by_alias_and_by_their_reform_name() {
    let (_dir, store, _) = seeded_store();
    let choices = taizhang_core::responsibilities::department_choices(&store).expect("choices");
    assert_eq!(choices.len(), CANONICAL.len(), "one choice per responsible department");
    let find = |typed: &str| -> Vec<&str> {
        choices.iter().filter(|c| c.label.contains(typed) || c.also_known_as.iter().any(|a| a.contains(typed))).map(|c| c.name.as_str()).collect()
    };
    for (typed, plan_name) in [("农业农村", "农业局"), ("农委", "农业局"), ("生态环境", "环保局"), ("自然资源", "国土资源局"), ("应急管理", "安监局")] {
        assert_eq!(find(typed), vec![plan_name], "{typed} finds {plan_name}");
    }
    let farming = choices.iter().find(|c| c.name == "农业局").expect("农业局");
    assert_eq!(farming.label, "农业农村局（原农业局）", "shown with the reform's name, chosen as the plan's");
    assert_eq!(choices.iter().find(|c| c.name == "财政局").map(|c| c.label.as_str()), Some("财政局"), "an unrenamed department by its name");
}
