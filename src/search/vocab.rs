//! The values the filters accept (document types, sectors, roles, provinces) with their
//! Vietnamese labels, and the check that refuses an unknown value with the valid ones and
//! a "did you mean" instead of silently matching nothing.
//!
//! A value is valid when it is in the taxonomy below (README, "Filter values") or when the
//! index holds it (a value the parser emits that this table does not list yet is never
//! refused).

use crate::analysis::fold;
use crate::tagging::{ROLES, SECTORS};

/// The document types (README, "Filter values"): slug and Vietnamese label. A parent slug matches
/// its children (`bao-cao` matches every report).
pub const DOC_TYPES: &[(&str, &str)] = &[
    ("bao-cao", "Báo cáo (mọi loại)"),
    ("bao-cao/thang", "Báo cáo tháng"),
    ("bao-cao/quy", "Báo cáo quý"),
    ("bao-cao/6-thang", "Báo cáo 6 tháng"),
    ("bao-cao/9-thang", "Báo cáo 9 tháng"),
    ("bao-cao/nam", "Báo cáo năm"),
    (
        "bao-cao/chuyen-de",
        "Báo cáo chuyên đề (tự giám sát, sơ kết, tổng kết)",
    ),
    ("ke-hoach", "Kế hoạch"),
    ("nghi-quyet", "Nghị quyết"),
    ("quyet-dinh", "Quyết định"),
    ("chi-thi", "Chỉ thị"),
    ("cong-van", "Công văn"),
    ("to-trinh", "Tờ trình"),
    ("thong-bao", "Thông báo"),
    ("cong-dien", "Công điện"),
    ("tham-luan", "Tham luận (hội nghị)"),
    ("khac", "Khác"),
];

/// Largest edit distance for a "did you mean" suggestion, besides a third of the typed
/// length (a longer slug tolerates more typos).
const MAX_SUGGESTION_DISTANCE: usize = 2;

/// Levenshtein distance over characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb {
                prev
            } else {
                1 + prev.min(row[j]).min(row[j + 1])
            };
            prev = cur;
        }
    }
    row[b.len()]
}

/// The candidate closest to `typed` (compared folded and lower-cased): equal when folded,
/// a prefix, or within a few edits. None when nothing is close.
pub fn did_you_mean<'a>(typed: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let key = fold(typed.trim()).to_lowercase();
    if key.is_empty() {
        return None;
    }
    let folded: Vec<String> = candidates.iter().map(|c| fold(c).to_lowercase()).collect();
    if let Some(i) = folded.iter().position(|c| *c == key) {
        return Some(candidates[i]);
    }
    let tolerance = MAX_SUGGESTION_DISTANCE.max(key.chars().count() / 3);
    let best = folded
        .iter()
        .enumerate()
        .map(|(i, c)| (distance(&key, c), i))
        .min();
    if let Some((d, i)) = best {
        if d <= tolerance {
            return Some(candidates[i]);
        }
    }
    folded
        .iter()
        .position(|c| c.starts_with(&key) || key.starts_with(c.as_str()))
        .map(|i| candidates[i])
}

/// What a filter is, for messages and for its vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    /// `--type`.
    DocType,
    /// `--sector`.
    Sector,
    /// `--role`.
    Role,
    /// `--province`.
    Province,
}

impl FilterField {
    /// The option's name.
    pub fn option(self) -> &'static str {
        match self {
            FilterField::DocType => "--type",
            FilterField::Sector => "--sector",
            FilterField::Role => "--role",
            FilterField::Province => "--province",
        }
    }

    /// The facet field holding the values in the index.
    pub fn facet(self) -> &'static str {
        use crate::index::schema::{DOC_TYPE_FACET, PROVINCE_FACET, ROLE_FACET, SECTOR_FACET};
        match self {
            FilterField::DocType => DOC_TYPE_FACET,
            FilterField::Sector => SECTOR_FACET,
            FilterField::Role => ROLE_FACET,
            FilterField::Province => PROVINCE_FACET,
        }
    }

    /// The values of the taxonomy with their Vietnamese labels (provinces: the names).
    pub fn known(self) -> Vec<(&'static str, &'static str)> {
        match self {
            FilterField::DocType => DOC_TYPES.to_vec(),
            FilterField::Sector => SECTORS.to_vec(),
            FilterField::Role => ROLES.to_vec(),
            FilterField::Province => crate::report::metadata::PROVINCES
                .iter()
                .map(|p| (*p, *p))
                .collect(),
        }
    }

    /// Whether `value` names `candidate`: slugs are compared as written, provinces folded
    /// and without regard to case (`lang son` is `Lạng Sơn`).
    pub fn same(self, value: &str, candidate: &str) -> bool {
        match self {
            FilterField::Province => {
                fold(value.trim()).to_lowercase() == fold(candidate).to_lowercase()
            }
            _ => value.trim().trim_matches('/') == candidate,
        }
    }
}

/// The error message for an unknown `value` of `field`, given every valid value.
pub fn unknown_value_message(field: FilterField, value: &str, valid: &[&str]) -> String {
    let mut message = format!(
        "unknown {} value {value:?}; valid values: {}",
        field.option(),
        valid.join(", ")
    );
    if let Some(s) = did_you_mean(value, valid) {
        message.push_str(&format!("; did you mean {s:?}?"));
    }
    message
}

/// The `--help` text listing the values of a filter with their labels, one a line.
pub fn help_list(field: FilterField) -> String {
    let known = field.known();
    let width = known
        .iter()
        .map(|(s, _)| s.chars().count())
        .max()
        .unwrap_or(0);
    known
        .iter()
        .map(|(slug, label)| {
            if slug == label {
                slug.to_string()
            } else {
                format!("{slug:width$}  {label}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl super::Searcher {
    /// Every value of facet field `name` in the index (hierarchical values with their
    /// parents), sorted.
    pub fn facet_values(&self, name: &str) -> Result<Vec<String>, super::SearchError> {
        let Some(field) = self.index.fields().facet(name) else {
            return Ok(Vec::new());
        };
        let searcher = self.reader.searcher();
        let mut out = std::collections::BTreeSet::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                if let Ok(facet) = tantivy::schema::Facet::from_encoded(stream.key().to_vec()) {
                    let path = facet.to_path().join("/");
                    if !path.is_empty() {
                        out.insert(path);
                    }
                }
            }
        }
        Ok(out.into_iter().collect())
    }

    /// Refuses a filter value that is neither in the taxonomy nor in the index (a usage
    /// error naming the valid values and the closest one).
    pub fn check_filters(&self, filters: &super::Filters) -> Result<(), super::SearchError> {
        let mut given: Vec<(FilterField, &str)> = filters
            .sectors
            .iter()
            .map(|s| (FilterField::Sector, s.as_str()))
            .collect();
        given.extend(
            filters
                .doc_type
                .as_deref()
                .map(|v| (FilterField::DocType, v)),
        );
        given.extend(filters.role.as_deref().map(|v| (FilterField::Role, v)));
        given.extend(
            filters
                .province
                .as_deref()
                .map(|v| (FilterField::Province, v)),
        );
        for (field, value) in given {
            let known = field.known();
            if known.iter().any(|(k, _)| field.same(value, k)) {
                continue;
            }
            let present = self.facet_values(field.facet())?;
            if present.iter().any(|p| field.same(value, p)) {
                continue;
            }
            let mut valid: Vec<&str> = known.iter().map(|(k, _)| *k).collect();
            for p in &present {
                if !valid.iter().any(|v| field.same(p, v)) {
                    valid.push(p.as_str());
                }
            }
            return Err(super::SearchError::BadFilter(unknown_value_message(
                field, value, &valid,
            )));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let sectors: Vec<&str> = SECTORS.iter().map(|(s, _)| *s).collect();
        assert_eq!(did_you_mean("Kinh-Te", &sectors), Some("kinh-te"));
        assert_eq!(
            did_you_mean("kinh-te/ngansach", &sectors),
            Some("kinh-te/ngan-sach")
        );
        let roles: Vec<&str> = ROLES.iter().map(|(s, _)| *s).collect();
        assert_eq!(did_you_mean("nope", &roles), None);
        assert_eq!(did_you_mean("hanche", &roles), Some("han-che"));
        let types: Vec<&str> = DOC_TYPES.iter().map(|(s, _)| *s).collect();
        assert_eq!(did_you_mean("bao-cao/thnag", &types), Some("bao-cao/thang"));
        assert_eq!(did_you_mean("foo", &types), None);
        let provinces = crate::report::metadata::PROVINCES;
        assert_eq!(did_you_mean("lang sn", provinces), Some("Lạng Sơn"));
        assert_eq!(did_you_mean("Atlantis", provinces), None);
    }

    #[test]
    fn provinces_compare_folded() {
        assert!(FilterField::Province.same("lang son", "Lạng Sơn"));
        assert!(FilterField::Province.same("LẠNG SƠN", "Lạng Sơn"));
        assert!(!FilterField::Sector.same("Kinh-Te", "kinh-te"));
        assert!(FilterField::Sector.same("kinh-te/", "kinh-te"));
    }
}
