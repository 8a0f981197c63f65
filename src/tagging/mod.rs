//! Sector and role tagging of sections and footnotes, from one readable rules table.
//!
//! - [`rules`] holds the vocabulary: [`SECTORS`] and [`ROLES`] (the taxonomy listed in the README, "Filter values"),
//!   [`rules::SECTOR_RULES`] (Vietnamese phrases → sector) and [`rules::ROLE_RULES`]
//!   (heading phrases → role). Adding a sector or a phrase is adding rows there.
//! - [`tag_report`] fills `sectors` and `role` of every section and footnote of a parsed
//!   report; [`sectors_for`] and [`role_of_heading`] tag one piece of text.
//!
//! Sectors: a section's heading names its sectors (a task item's heading is its first
//! sentence, so a task item is classified from its own words); its body adds the sectors
//! it names clearly (enough points, relative to the section's top sector); a section
//! whose own words name nothing inherits the sectors of the nearest enclosing section
//! whose heading names some; a heading that names nothing over sub-sections (`III.
//! NHIỆM VỤ TRỌNG TÂM…`) takes its sub-sections' fields. Overall headings (`Tình hình
//! kinh tế - xã hội…`, `Đánh giá chung`) and text or sub-sections spanning five fields or
//! more get `tong-hop` instead of every sector. At most [`MAX_SECTORS`] per section; a
//! parent slug (`kinh-te`) only when its heading names the whole field.
//!
//! Matching is on folded text (no diacritics, `đ→d`, lower case), on whole words, the
//! longest phrase of the table first (see [`rules`]); [`explain`] lists what matched.
//!
//! Roles: from the section's own heading or the nearest enclosing heading that states one
//! (`NHIỆM VỤ…`, `hạn chế`, `nguyên nhân`, `ĐỀ XUẤT, KIẾN NGHỊ`…), otherwise `tinh-hinh`.

mod engine;
pub mod rules;

use std::collections::HashMap;

use crate::report::Report;

pub use engine::{
    effective_heading, explain, role_of_heading, sectors_for, RuleMatch, MAX_SECTORS,
};
pub use rules::{Role, ROLES, SECTORS};

/// The role of a section no heading above speaks of: situation and results.
pub const DEFAULT_ROLE: Role = Role::TinhHinh;

/// Whether `slug` is a sector of [`SECTORS`].
pub fn is_sector(slug: &str) -> bool {
    SECTORS.iter().any(|(s, _)| *s == slug)
}

/// Whether `slug` is the slug of a [`Role`].
pub fn is_role(slug: &str) -> bool {
    slug.parse::<Role>().is_ok()
}

/// Whether a sector filter (`--sector kinh-te`) matches a section's sector slug: equal, or
/// the filter is an ancestor (`kinh-te` matches `kinh-te/ngan-sach`, not `kinh-tex`).
pub fn sector_matches(filter_slug: &str, slug: &str) -> bool {
    slug == filter_slug
        || (slug.len() > filter_slug.len()
            && slug.starts_with(filter_slug)
            && slug.as_bytes()[filter_slug.len()] == b'/')
}

/// A slug and its ancestors, root first: `kinh-te/ngan-sach` → `["kinh-te",
/// "kinh-te/ngan-sach"]`.
pub fn with_parents(slug: &str) -> Vec<&str> {
    slug.match_indices('/')
        .map(|(i, _)| &slug[..i])
        .chain(std::iter::once(slug))
        .collect()
}

/// The tantivy facet path of a sector slug: `kinh-te/ngan-sach` → `/sector/kinh-te/ngan-sach`.
pub fn sector_facet_path(slug: &str) -> String {
    format!("/sector/{slug}")
}

/// The Vietnamese label of a sector slug.
pub fn sector_label(slug: &str) -> Option<&'static str> {
    SECTORS.iter().find(|(s, _)| *s == slug).map(|(_, l)| *l)
}

/// The Vietnamese label of a role slug.
pub fn role_label(slug: &str) -> Option<&'static str> {
    slug.parse::<Role>().ok().map(Role::label)
}

/// The rules tables as Markdown, one line per rule (what it catches, its weight and its
/// phrases), with the taxonomy and the roles: the source of `docs/tagging-rules.md`.
pub fn rules_markdown() -> String {
    use rules::{Weight, HEADING_FILLERS, NEUTRAL, ROLE_RULES, SECTOR_RULES};
    let mut out = String::new();
    out.push_str("# Sector and role rules\n\n");
    out.push_str(
        "Generated from `src/tagging/rules.rs` by `tagging::rules_markdown()` (refresh with \
         `BAOCAO_WRITE_DOCS=1 cargo test --test tagging_docs`). Phrases match folded text \
         (no diacritics, `đ→d`, lower case) on whole words, the longest phrase first; `#` \
         is any number. To add a sector, add its slug to `SECTORS` and rows naming it to \
         `SECTOR_RULES`; to teach a phrase, add it to a row: no code changes.\n\n## Sectors\n\n| slug | label |\n|---|---|\n",
    );
    for (slug, label) in SECTORS {
        out.push_str(&format!("| `{slug}` | {label} |\n"));
    }
    out.push_str(&format!(
        "\n## Sector rules\n\nPoints of one occurrence in a body: strong {}, normal {}, \
         weak {}, heading only {} (in a heading: {}, {}, {}, {}). Heading points count {} \
         times, those of the first sentence of a body {} times. A body names a sector \
         clearly with at least {} points and {}% of the section's top score; a section \
         keeps at most {} sectors.\n\n| sector | weight | catches | phrases |\n\
         |---|---|---|---|\n",
        Weight::Strong.body_points(),
        Weight::Normal.body_points(),
        Weight::Weak.body_points(),
        Weight::HeadingOnly.body_points(),
        Weight::Strong.heading_points(),
        Weight::Normal.heading_points(),
        Weight::Weak.heading_points(),
        Weight::HeadingOnly.heading_points(),
        engine::HEADING_FACTOR,
        engine::FIRST_SENTENCE_FACTOR,
        engine::BODY_MIN,
        (engine::BODY_REL * 100.0).round(),
        MAX_SECTORS,
    ));
    for rule in SECTOR_RULES {
        let sector = if rule.sector == NEUTRAL {
            "(none: swallows look-alikes)".to_string()
        } else {
            format!("`{}`", rule.sector)
        };
        let weight = match rule.weight {
            Weight::Strong => "strong",
            Weight::Normal => "normal",
            Weight::Weak => "weak",
            Weight::HeadingOnly => "heading only",
        };
        out.push_str(&format!(
            "| {sector} | {weight} | {} | {} |\n",
            rule.catches,
            rule.phrases.join(" · ")
        ));
    }
    out.push_str("\n## Roles\n\n| slug | label |\n|---|---|\n");
    for (slug, label) in ROLES {
        out.push_str(&format!("| `{slug}` | {label} |\n"));
    }
    out.push_str(&format!(
        "\n## Role rules\n\nA heading states a role when, after the filler words {}, it \
         opens with one of these phrases. Headings longer than {} words or ending like a \
         sentence (task items) only count the rows marked \"in task items\".\n\n\
         | role | in task items | catches | phrases |\n|---|---|---|---|\n",
        HEADING_FILLERS
            .iter()
            .map(|f| format!("`{f}`"))
            .collect::<Vec<_>>()
            .join(", "),
        rules::LONG_HEADING_WORDS
    ));
    for rule in ROLE_RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            rule.role.as_str(),
            if rule.in_long_headings { "yes" } else { "no" },
            rule.catches,
            rule.phrases.join(" · ")
        ));
    }
    out
}

/// Fills `sectors` and `role` of every section and footnote of `report`.
///
/// Sections are tagged from their heading (or, when empty, the upper-case words opening
/// their text: [`effective_heading`]) and text ([`sectors_for`]). One whose own words name
/// no sector inherits those of its nearest ancestor (by path) whose heading names some; a
/// section whose heading names none and that has sub-sections takes their fields
/// (`tong-hop` when they span five or more). A section's role is the one its own heading
/// or its nearest ancestor's heading states ([`role_of_heading`]), else
/// [`DEFAULT_ROLE`]. A footnote gets the sectors its own words name clearly, then its
/// section's, capped at [`MAX_SECTORS`], and its section's role. Existing tags are
/// overwritten.
pub fn tag_report(report: &mut Report) {
    let by_path: HashMap<Vec<String>, usize> = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.path.clone(), i))
        .collect();
    let ancestors = |i: usize| -> Vec<usize> {
        let path = &report.sections[i].path;
        (1..path.len())
            .rev()
            .filter_map(|k| by_path.get(&path[..k]).copied())
            .filter(|&a| a != i)
            .collect()
    };
    let ancestor_lists: Vec<Vec<usize>> = (0..report.sections.len()).map(ancestors).collect();

    let n = report.sections.len();
    let headings: Vec<&str> = report
        .sections
        .iter()
        .map(|s| effective_heading(&s.heading, &s.text))
        .collect();
    let own: Vec<Vec<usize>> = report
        .sections
        .iter()
        .zip(&headings)
        .map(|(s, h)| engine::select(h, &s.text))
        .collect();
    let heading_named: Vec<bool> = headings
        .iter()
        .map(|h| !engine::select(h, "").is_empty())
        .collect();
    let own_roles: Vec<Option<Role>> = headings.iter().map(|h| role_of_heading(h)).collect();
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, list) in ancestor_lists.iter().enumerate() {
        if let Some(&parent) = list.first() {
            children[parent].push(i);
        }
    }

    // Own words first; a section whose words name nothing inherits the sectors of the
    // nearest ancestor whose heading names some.
    let mut sector_ids: Vec<Vec<usize>> = (0..n)
        .map(|i| {
            if !own[i].is_empty() {
                return own[i].clone();
            }
            ancestor_lists[i]
                .iter()
                .find(|&&a| heading_named[a])
                .map(|&a| own[a].clone())
                .unwrap_or_default()
        })
        .collect();
    // A heading that names nothing over sub-sections (`III. NHIỆM VỤ TRỌNG TÂM…`,
    // `II. KẾT QUẢ ĐẠT ĐƯỢC`, `IV. ĐỀ XUẤT, KIẾN NGHỊ`): its text is an introduction, its
    // fields are its sub-sections' (or `tong-hop` when they span many). Bottom-up, so
    // that nested groups summarize summaries.
    for i in (0..n).rev() {
        if !heading_named[i] && !children[i].is_empty() {
            let lists: Vec<&[usize]> = children[i]
                .iter()
                .map(|&c| sector_ids[c].as_slice())
                .collect();
            let summary = engine::summarize(&lists);
            if !summary.is_empty() {
                sector_ids[i] = summary;
            }
        }
    }

    for (i, section) in report.sections.iter_mut().enumerate() {
        section.sectors = sector_ids[i]
            .iter()
            .map(|&s| SECTORS[s].0.to_string())
            .collect();
        let role = own_roles[i]
            .or_else(|| ancestor_lists[i].iter().find_map(|&a| own_roles[a]))
            .unwrap_or(DEFAULT_ROLE);
        section.role = Some(role);
    }

    let by_id: HashMap<&str, usize> = report
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    for footnote in &mut report.footnotes {
        let section = footnote
            .section_id
            .as_deref()
            .and_then(|id| by_id.get(id).copied());
        let own = engine::select_footnote(&footnote.text);
        let inherited: &[usize] = section.map(|i| sector_ids[i].as_slice()).unwrap_or(&[]);
        footnote.sectors = engine::merge(&[&own, inherited])
            .into_iter()
            .map(|s| SECTORS[s].0.to_string())
            .collect();
        footnote.role = section.map_or(Some(DEFAULT_ROLE), |i| report.sections[i].role);
    }
}

#[cfg(test)]
mod tests {
    use super::rules::{SectorRule, NEUTRAL, ROLE_RULES, SECTOR_RULES};
    use super::*;
    use crate::report::{Footnote, Metadata, Section};

    #[test]
    fn every_rule_names_a_known_sector_or_role() {
        for rule in SECTOR_RULES {
            assert!(
                rule.sector == NEUTRAL || is_sector(rule.sector),
                "unknown sector {:?}",
                rule.sector
            );
            assert!(!rule.phrases.is_empty() && !rule.catches.is_empty());
        }
        for rule in ROLE_RULES {
            assert!(is_role(rule.role.as_str()), "unknown role {:?}", rule.role);
        }
        assert_eq!(ROLES[0].0, DEFAULT_ROLE.as_str());
    }

    #[test]
    fn roles_read_back_from_their_slugs() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
            assert_eq!(role_label(role.as_str()), Some(role.label()));
        }
        assert!("tinh_hinh".parse::<Role>().is_err());
        assert_eq!(ROLES.len(), Role::ALL.len());
    }

    #[test]
    fn no_phrase_is_listed_twice() {
        let mut seen: HashMap<String, &SectorRule> = HashMap::new();
        for rule in SECTOR_RULES {
            for p in rule.phrases {
                let key = crate::analysis::folded_terms(&p.replace('#', " zznumberzz ")).join(" ");
                assert!(!key.is_empty(), "phrase {p:?} has no words");
                if let Some(other) = seen.insert(key.clone(), rule) {
                    panic!(
                        "phrase {p:?} ({key}) is in two rows: {:?} and {:?}",
                        other.catches, rule.catches
                    );
                }
            }
        }
    }

    #[test]
    fn every_parent_of_the_taxonomy_exists_and_comes_first() {
        for (i, (slug, label)) in SECTORS.iter().enumerate() {
            assert!(!label.is_empty());
            if let Some((parent, _)) = slug.rsplit_once('/') {
                let p = SECTORS.iter().position(|(s, _)| *s == parent);
                assert!(matches!(p, Some(p) if p < i), "parent of {slug}");
            }
        }
        // Every sector is reachable from some row of the table.
        for (slug, _) in SECTORS {
            assert!(
                SECTOR_RULES.iter().any(|r| r.sector == *slug),
                "no rule names {slug}"
            );
        }
    }

    #[test]
    fn filters_match_children() {
        assert!(sector_matches("kinh-te", "kinh-te/ngan-sach"));
        assert!(sector_matches("kinh-te/ngan-sach", "kinh-te/ngan-sach"));
        assert!(!sector_matches("kinh-te/ngan-sach", "kinh-te"));
        assert!(!sector_matches("kinh", "kinh-te"));
        assert!(!sector_matches("van-hoa-xa-hoi", "kinh-te/ngan-sach"));
        assert_eq!(
            with_parents("kinh-te/ngan-sach"),
            ["kinh-te", "kinh-te/ngan-sach"]
        );
        assert_eq!(with_parents("thanh-tra"), ["thanh-tra"]);
        assert_eq!(
            sector_facet_path("kinh-te/cua-khau"),
            "/sector/kinh-te/cua-khau"
        );
        assert_eq!(sector_label("thien-tai"), Some("Thiên tai, bão lũ"));
    }

    fn section(path: &[&str], heading: &str, text: &str) -> Section {
        let path: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        Section {
            id: crate::report::section_id("d", &path),
            path,
            heading: heading.into(),
            text: text.into(),
            ..Section::default()
        }
    }

    #[test]
    fn tag_report_inherits_roles_and_sectors() {
        let mut report = Report {
            metadata: Metadata::default(),
            preamble: String::new(),
            sections: vec![
                section(&["II"], "TÌNH HÌNH KINH TẾ - XÃ HỘI QUÝ I", ""),
                section(&["II", "1"], "Về phát triển kinh tế", ""),
                section(&["II", "1", "a"], "Thu, chi ngân sách, tín dụng", "Tổng thu ngân sách nhà nước đạt 1.350 tỷ đồng."),
                section(&["III"], "Một số khó khăn, hạn chế", ""),
                section(&["III", "1"], "Tình hình buôn lậu, gian lận thương mại, buôn bán hàng cấm, hàng giả và tai nạn giao thông còn diễn biến phức tạp.", ""),
                section(&["IV"], "Nhiệm vụ, giải pháp chủ yếu quý II", ""),
                section(&["IV", "1"], "Chỉ đạo sản xuất vụ Xuân Hè đúng thời vụ, chuyển đổi cơ cấu cây trồng hợp lý.", ""),
                section(&["IV", "1", "a"], "Lịch thời vụ", "Hoàn thành trước tháng 4."),
                section(&["V"], "ĐỀ XUẤT, KIẾN NGHỊ", ""),
                section(&["V", "1"], "Xây dựng cửa khẩu thông minh tại tỉnh", ""),
            ],
            footnotes: vec![Footnote {
                number: 1,
                text: "Trong đó: thu nội địa 600 tỷ đồng; thu từ hoạt động xuất nhập khẩu 750 tỷ đồng, kim ngạch xuất nhập khẩu qua cửa khẩu tăng.".into(),
                section_id: Some("d#II.1.a".into()),
                ..Footnote::default()
            }],
        };
        tag_report(&mut report);
        let got: Vec<(Vec<String>, String)> = report
            .sections
            .iter()
            .map(|s| {
                (
                    s.sectors.clone(),
                    crate::report::role_slug(s.role).to_string(),
                )
            })
            .collect();
        let want = [
            (vec!["tong-hop"], "tinh-hinh"),
            (vec!["kinh-te"], "tinh-hinh"),
            (vec!["kinh-te/ngan-sach"], "tinh-hinh"),
            // Headings that name nothing take their sub-sections' fields.
            (vec!["thanh-tra", "quoc-phong-an-ninh"], "han-che"),
            (vec!["thanh-tra", "quoc-phong-an-ninh"], "han-che"),
            (vec!["kinh-te/nong-lam-nghiep"], "nhiem-vu"),
            (vec!["kinh-te/nong-lam-nghiep"], "nhiem-vu"),
            (vec!["kinh-te/nong-lam-nghiep"], "nhiem-vu"),
            (vec!["kinh-te/cua-khau"], "kien-nghi"),
            (vec!["kinh-te/cua-khau"], "kien-nghi"),
        ];
        for (i, (sectors, role)) in want.iter().enumerate() {
            assert_eq!(
                got[i].0, *sectors,
                "sectors of {:?}",
                report.sections[i].path
            );
            assert_eq!(got[i].1, *role, "role of {:?}", report.sections[i].path);
        }
        let f = &report.footnotes[0];
        assert_eq!(f.sectors, ["kinh-te/cua-khau", "kinh-te/ngan-sach"]);
        assert_eq!(f.role, Some(Role::TinhHinh));
    }
}
