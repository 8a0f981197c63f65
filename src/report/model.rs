//! The plain, serializable document model shared by every stage.

use serde::{Deserialize, Serialize};

/// One parsed report file: its metadata, its sections in document order and its footnotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Title, type, period, issuer… of the report.
    pub metadata: Metadata,
    /// Text before the first numbered block (title, "Kính gửi", preamble), re-flowed.
    pub preamble: String,
    /// Numbered sections in document order (a pre-order walk of the section tree).
    pub sections: Vec<Section>,
    /// Footnotes, in number order.
    pub footnotes: Vec<Footnote>,
}

impl Report {
    /// The abbreviations the report defines (`cải cách hành chính (CCHC)`), from its
    /// preamble, headings, texts and footnotes, each pair once.
    pub fn abbreviations(&self) -> Vec<crate::analysis::abbrev::Abbreviation> {
        let mut out = Vec::new();
        let mut add = |text: &str| {
            for a in crate::analysis::abbrev::learn(text) {
                if !out.contains(&a) {
                    out.push(a);
                }
            }
        };
        add(&self.preamble);
        for s in &self.sections {
            add(&s.heading);
            add(&s.text);
        }
        for n in &self.footnotes {
            add(&n.text);
        }
        out
    }
}

/// Report-level metadata (README, "Filter values").
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Metadata {
    /// File name as given (no directory), e.g. `000_15b6f46b6783cbe2.txt`.
    pub file: String,
    /// Stable id derived from the file's normalized name.
    pub doc_id: String,
    /// Title of the report (re-flowed, without markdown).
    pub title: String,
    /// Document type slug, e.g. `bao-cao/thang`, `ke-hoach`, `khac`.
    pub doc_type: String,
    /// Years covered by the report, ascending.
    pub years: Vec<i32>,
    /// Period: `2024-02`, `2018-Q1`, `2024-H1`, `2024-Q3` (9 months), `2024`.
    pub period: String,
    /// Issuing body, e.g. `UBND tỉnh Lạng Sơn`.
    pub issuer: Option<String>,
    /// Province name with diacritics, e.g. `Lạng Sơn`.
    pub province: Option<String>,
    /// Name of the signer, when the report is signed.
    pub signer: Option<String>,
    /// The document number of the letterhead, `329/BC-UBND` (None in a draft).
    #[serde(default)]
    pub number: Option<String>,
    /// The date of the place-date line, `2025-12-19` (None in a draft).
    #[serde(default)]
    pub date: Option<String>,
}

/// The role of a section: what its text does in the report (README, "Filter values"). A
/// closed set; its slug (`tinh-hinh`…) is what the index, the JSON and `--role` carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// `tinh-hinh`: situation and results (the default).
    TinhHinh,
    /// `han-che`: difficulties, limitations, causes.
    HanChe,
    /// `nhiem-vu`: tasks, solutions, plans.
    NhiemVu,
    /// `kien-nghi`: proposals and requests.
    KienNghi,
}

impl Role {
    /// Every role, the default first.
    pub const ALL: [Role; 4] = [Role::TinhHinh, Role::HanChe, Role::NhiemVu, Role::KienNghi];

    /// The slug: `tinh-hinh`, `han-che`, `nhiem-vu`, `kien-nghi`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Role::TinhHinh => "tinh-hinh",
            Role::HanChe => "han-che",
            Role::NhiemVu => "nhiem-vu",
            Role::KienNghi => "kien-nghi",
        }
    }

    /// The Vietnamese label.
    pub const fn label(self) -> &'static str {
        match self {
            Role::TinhHinh => "Tình hình, kết quả",
            Role::HanChe => "Khó khăn, hạn chế, nguyên nhân",
            Role::NhiemVu => "Nhiệm vụ, giải pháp, kế hoạch",
            Role::KienNghi => "Đề xuất, kiến nghị",
        }
    }
}

impl std::str::FromStr for Role {
    type Err = String;

    /// A role's slug.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| format!("unknown role {s:?}"))
    }
}

impl std::fmt::Display for Role {
    /// The slug.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The slug of a unit's role, empty when it has none (a letterhead or closing block): the
/// form the JSON carries.
pub fn role_slug(role: Option<Role>) -> &'static str {
    role.map_or("", Role::as_str)
}

/// Serde form of a unit's `Option<Role>`: its slug, `""` for none (the JSON contract).
pub(crate) mod role_or_empty {
    use super::{role_slug, Role};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    /// Writes the slug, or `""`.
    pub fn serialize<S: Serializer>(role: &Option<Role>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(role_slug(*role))
    }

    /// Reads a slug, or `""` for none; another string is an error.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Role>, D::Error> {
        let slug = String::deserialize(d)?;
        if slug.is_empty() {
            return Ok(None);
        }
        slug.parse().map(Some).map_err(D::Error::custom)
    }
}

/// A numbered block of the report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Section {
    /// Stable id: `doc_id#II.1.3` (path labels joined with `.`).
    pub id: String,
    /// Labels from the root, e.g. `["Phần I", "II", "1", "1.3"]`.
    pub path: Vec<String>,
    /// The heading text without its number (first sentence for a task item).
    pub heading: String,
    /// Body text, re-flowed into paragraphs separated by `\n`, footnote markers removed.
    pub text: String,
    /// 1-based line of the heading in the source file.
    pub line_start: usize,
    /// 1-based last line of the section's own text in the source file (inclusive).
    pub line_end: usize,
    /// Sector slugs, e.g. `kinh-te/dau-tu-ha-tang`.
    pub sectors: Vec<String>,
    /// Role (`tinh-hinh`, `han-che`, `nhiem-vu`, `kien-nghi`); none for the letterhead
    /// and closing blocks. Serialised as its slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
    /// Numbers of the footnotes whose markers are in this section's heading or text.
    pub footnote_refs: Vec<u32>,
}

/// A numbered footnote of the report.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Footnote {
    /// Footnote number (1..N in the report).
    pub number: u32,
    /// Footnote body, re-flowed (continuations across pages joined).
    pub text: String,
    /// Id of the section whose text carries the marker (None when the marker was not found).
    pub section_id: Option<String>,
    /// 1-based line where the footnote body starts in the source file.
    pub line_start: usize,
    /// Sector slugs (from the footnote's own words and its section).
    pub sectors: Vec<String>,
    /// Role, inherited from the section. Serialised as its slug, `""` for none.
    #[serde(with = "role_or_empty")]
    pub role: Option<Role>,
}

impl Report {
    /// The section with the given id, if any.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The footnote with the given number, if any.
    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.number == number)
    }

    /// Gives the report another doc id: the metadata's, and the prefix of every section
    /// id and of every footnote's section id (`old#II.1` → `new#II.1`).
    pub fn set_doc_id(&mut self, doc_id: &str) {
        let old = std::mem::replace(&mut self.metadata.doc_id, doc_id.to_string());
        if old == doc_id {
            return;
        }
        let rename = |id: &mut String| {
            if let Some(rest) = id.strip_prefix(old.as_str()) {
                if rest.starts_with(['#', '^']) {
                    *id = format!("{doc_id}{rest}");
                }
            }
        };
        for s in &mut self.sections {
            rename(&mut s.id);
        }
        for f in &mut self.footnotes {
            if let Some(id) = f.section_id.as_mut() {
                rename(id);
            }
        }
    }
}

/// Stable id of a section (ARCHITECTURE.md, "Invariants"): `doc_id#` + path labels joined with `.`, where a
/// label that the next one repeats as its prefix is written once: path
/// `["II", "1", "1.3"]` → `doc_id#II.1.3`; `["Phần I", "II", "2", "2.3", "2.3.1", "a"]` →
/// `doc_id#Phần I.II.2.3.1.a`. The empty path is the report's introduction:
/// `doc_id#preamble`.
pub fn section_id(doc_id: &str, path: &[String]) -> String {
    if path.is_empty() {
        return format!("{doc_id}#{}", super::preamble::PREAMBLE_LABEL);
    }
    let kept: Vec<&str> = path
        .iter()
        .enumerate()
        .filter(|(i, label)| {
            path.get(i + 1)
                .is_none_or(|next| !next.starts_with(&format!("{label}.")))
        })
        .map(|(_, l)| l.as_str())
        .collect();
    format!("{doc_id}#{}", kept.join("."))
}

/// Stable id of a footnote: `doc_id^N`.
pub fn footnote_id(doc_id: &str, number: u32) -> String {
    format!("{doc_id}^{number}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_is_written_and_read_as_its_slug_and_none_as_empty() {
        for role in [None, Some(Role::TinhHinh), Some(Role::KienNghi)] {
            let s = Section {
                role,
                ..Section::default()
            };
            let json = serde_json::to_value(&s).unwrap();
            assert_eq!(json["role"], role_slug(role));
            assert_eq!(serde_json::from_value::<Section>(json).unwrap(), s);
        }
        let bad = serde_json::json!({"number": 1, "text": "", "section_id": null,
            "line_start": 1, "sectors": [], "role": "nope"});
        assert!(serde_json::from_value::<Footnote>(bad).is_err());
    }

    fn p(labels: &[&str]) -> Vec<String> {
        labels.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ids_write_repeated_prefixes_once() {
        assert_eq!(section_id("d", &p(&["II", "1", "1.3"])), "d#II.1.3");
        assert_eq!(section_id("d", &p(&["I"])), "d#I");
        assert_eq!(section_id("d", &[]), "d#preamble");
        assert_eq!(
            section_id("d", &p(&["Phần I", "II", "2", "2.3", "2.3.1", "a"])),
            "d#Phần I.II.2.3.1.a"
        );
        assert_eq!(section_id("d", &p(&["IV", "12"])), "d#IV.12");
        assert_eq!(footnote_id("d", 4), "d^4");
    }

    #[test]
    fn a_new_doc_id_renames_every_unit() {
        let mut r = Report {
            metadata: Metadata {
                doc_id: "x".into(),
                ..Metadata::default()
            },
            preamble: String::new(),
            sections: vec![Section {
                id: "x#II.1".into(),
                ..Section::default()
            }],
            footnotes: vec![Footnote {
                number: 1,
                section_id: Some("x#II.1".into()),
                ..Footnote::default()
            }],
        };
        r.set_doc_id("a/x");
        assert_eq!(r.metadata.doc_id, "a/x");
        assert_eq!(r.sections[0].id, "a/x#II.1");
        assert_eq!(r.footnotes[0].section_id.as_deref(), Some("a/x#II.1"));
    }
}
