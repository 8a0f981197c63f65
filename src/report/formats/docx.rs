//! `.docx` read natively: `word/document.xml` paragraphs in order, Word's automatic
//! numbering resolved to its visible labels through `word/numbering.xml` (and paragraph
//! styles), real footnotes from `word/footnotes.xml` numbered in reference order, layout
//! tables (letterhead, signature) read cell by cell and data tables as `| a | b |` rows.

use std::collections::{HashMap, HashSet};
use std::io::{Cursor, Read};

use super::blocks::{superscript, superscript_char, CellPara, Document};
use super::xml::{self, Element};
use super::FormatError;

/// Reads a `.docx` file held in memory.
pub(crate) fn read(bytes: &[u8]) -> Result<Document, FormatError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| FormatError::BadDocx(format!("not a zip archive ({e})")))?;
    let rels = part(&mut zip, "word/_rels/document.xml.rels")?
        .map(|x| relationships(&x))
        .transpose()?
        .unwrap_or_default();
    let target = |kind: &str, default: &str| -> String {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map(|(_, target)| {
                let t = target.trim_start_matches('/');
                if t.starts_with("word/") {
                    t.to_string()
                } else {
                    format!("word/{t}")
                }
            })
            .unwrap_or_else(|| default.to_string())
    };
    let document = part(&mut zip, "word/document.xml")?
        .ok_or_else(|| FormatError::BadDocx("no word/document.xml".into()))?;
    let numbering = part(&mut zip, &target("/numbering", "word/numbering.xml"))?;
    let styles = part(&mut zip, &target("/styles", "word/styles.xml"))?;
    let footnotes = part(&mut zip, &target("/footnotes", "word/footnotes.xml"))?;

    let parse = |s: &str, what: &str| {
        xml::parse(s).map_err(|e| FormatError::BadDocx(format!("{what}: {e}")))
    };
    let document = parse(&document, "word/document.xml")?;
    let numbering = match numbering {
        Some(x) => Numbering::from_xml(&parse(&x, "numbering")?),
        None => Numbering::default(),
    };
    let styles_root = styles.map(|x| parse(&x, "styles")).transpose()?;
    let styles = match &styles_root {
        Some(r) => Styles::from_xml(r),
        None => Styles::default(),
    };
    let fonts = match &styles_root {
        Some(r) => Fonts::from_xml(r),
        None => Fonts::default(),
    };
    let notes = match footnotes {
        Some(x) => footnote_bodies(&parse(&x, "footnotes")?, &fonts),
        None => HashMap::new(),
    };
    let body = document
        .child("body")
        .ok_or_else(|| FormatError::BadDocx("word/document.xml has no body".into()))?;

    // Word numbers footnotes 1..N in the order of their references.
    let mut order = Vec::new();
    collect_refs(body, &mut order);
    let mut numbers = HashMap::new();
    for id in order {
        let next = numbers.len() as u32 + 1;
        numbers.entry(id).or_insert(next);
    }

    let mut walker = Walker {
        numbering,
        styles,
        fonts: &fonts,
        numbers: &numbers,
        doc: Document::default(),
        seen_text: false,
    };
    walker.container(body);
    let mut doc = walker.doc;
    for (id, n) in &numbers {
        if let Some(text) = notes.get(id) {
            doc.footnotes.insert(*n, text.clone());
        }
    }
    Ok(doc)
}

fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, FormatError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::BadDocx(format!("{name}: {e}"))),
    };
    let mut s = String::new();
    file.read_to_string(&mut s)
        .map_err(|e| FormatError::BadDocx(format!("{name}: {e}")))?;
    Ok(Some(s))
}

/// `(Type, Target)` of each relationship.
fn relationships(xml_text: &str) -> Result<Vec<(String, String)>, FormatError> {
    let root = xml::parse(xml_text).map_err(|e| FormatError::BadDocx(format!("rels: {e}")))?;
    Ok(root
        .children_named("Relationship")
        .filter_map(|r| Some((r.attr("Type")?.to_string(), r.attr("Target")?.to_string())))
        .collect())
}

fn collect_refs(el: &Element, out: &mut Vec<String>) {
    for c in el.elements() {
        match c.name.as_str() {
            "del" | "moveFrom" | "Fallback" => {}
            "footnoteReference" => {
                if let Some(id) = c.attr("id") {
                    out.push(id.to_string());
                }
            }
            _ => collect_refs(c, out),
        }
    }
}

/// Footnote bodies by id (separators skipped), paragraphs joined by a space.
fn footnote_bodies(root: &Element, fonts: &Fonts) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for f in root.children_named("footnote") {
        if matches!(
            f.attr("type"),
            Some("separator" | "continuationSeparator" | "continuationNotice")
        ) {
            continue;
        }
        let Some(id) = f.attr("id") else { continue };
        let no_numbers = HashMap::new();
        let paras: Vec<String> = f
            .children_named("p")
            .map(|p| {
                let mut s = String::new();
                let mut refs = Vec::new();
                let style = p.child("pPr").and_then(|x| x.child_val("pStyle"));
                let ctx = RunCtx {
                    numbers: &no_numbers,
                    fonts,
                    para_font: fonts.paragraph_font(style),
                };
                runs(p, &mut s, &mut refs, &ctx);
                s.replace('\n', " ")
            })
            .filter(|s| !s.trim().is_empty())
            .collect();
        map.insert(id.to_string(), paras.join(" ").trim().to_string());
    }
    map
}

/// The text of a paragraph's runs; footnote references become superscript numbers.
/// What a run needs to know besides itself.
struct RunCtx<'a> {
    /// Footnote numbers by footnote id.
    numbers: &'a HashMap<String, u32>,
    /// Fonts of the document's styles and defaults.
    fonts: &'a Fonts,
    /// Font of the paragraph (its style, or the document default).
    para_font: Option<&'a str>,
}

fn runs(el: &Element, out: &mut String, refs: &mut Vec<u32>, ctx: &RunCtx<'_>) {
    for c in el.elements() {
        match c.name.as_str() {
            "pPr" | "rPr" | "del" | "moveFrom" | "instrText" | "delText" | "footnoteRef"
            | "endnoteRef" | "Fallback" | "drawing" | "pict" | "object" => {}
            "r" => run(c, out, refs, ctx),
            _ => runs(c, out, refs, ctx),
        }
    }
}

fn run(r: &Element, out: &mut String, refs: &mut Vec<u32>, ctx: &RunCtx<'_>) {
    let numbers = ctx.numbers;
    let props = r.child("rPr");
    let font = props
        .and_then(|p| p.child("rFonts"))
        .and_then(|f| f.attr("ascii").or(f.attr("hAnsi")))
        .or_else(|| {
            props
                .and_then(|p| p.child_val("rStyle"))
                .and_then(|s| ctx.fonts.style_font(s))
        })
        .or(ctx.para_font);
    let legacy = font.and_then(legacy_font);
    let on = |name: &str| {
        props
            .and_then(|p| p.child(name))
            .is_some_and(|e| !matches!(e.attr("val"), Some("0" | "false" | "off")))
    };
    if on("vanish") {
        return;
    }
    let superscript_run = props
        .and_then(|p| p.child_val("vertAlign"))
        .is_some_and(|v| v == "superscript");
    let caps = on("caps");
    let mut text = String::new();
    for c in r.elements() {
        match c.name.as_str() {
            "t" => match legacy {
                Some((enc, capitals)) => {
                    let t = super::legacy::decode(enc, &c.text());
                    text.push_str(&if capitals { t.to_uppercase() } else { t });
                }
                None => text.push_str(&c.text()),
            },
            "tab" | "ptab" => text.push(' '),
            "br" | "cr" => text.push('\n'),
            "noBreakHyphen" => text.push('-'),
            "sym" => {
                if let Some(ch) = c
                    .attr("char")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|ch| !('\u{e000}'..='\u{f8ff}').contains(ch))
                {
                    text.push(ch);
                }
            }
            "footnoteReference" => {
                if let Some(n) = c.attr("id").and_then(|id| numbers.get(id)) {
                    text.push_str(&superscript(*n));
                    refs.push(*n);
                }
            }
            "AlternateContent" => runs(c, &mut text, refs, ctx),
            _ => {}
        }
    }
    if caps {
        text = text.to_uppercase();
    }
    if superscript_run && !text.is_empty() {
        let sup: Option<String> = text.chars().map(superscript_char).collect();
        if let Some(s) = sup {
            text = s;
        }
    }
    out.push_str(&text);
}

struct Walker<'a> {
    numbering: Numbering,
    styles: Styles,
    fonts: &'a Fonts,
    numbers: &'a HashMap<String, u32>,
    doc: Document,
    /// Whether body text was seen (a table before any text is the letterhead).
    seen_text: bool,
}

impl Walker<'_> {
    fn container(&mut self, el: &Element) {
        for c in el.elements() {
            match c.name.as_str() {
                "p" => {
                    let (text, notes) = self.paragraph(c);
                    if !text.trim().is_empty() {
                        self.seen_text = true;
                    }
                    self.doc.push(text, notes);
                }
                "tbl" => self.table(c),
                "sdt" | "sdtContent" | "customXml" | "ins" | "moveTo" => self.container(c),
                _ => {}
            }
        }
    }

    /// A paragraph's visible text: numbering label, then runs.
    fn paragraph(&mut self, p: &Element) -> (String, Vec<u32>) {
        let mut text = String::new();
        let mut refs = Vec::new();
        let ppr = p.child("pPr");
        let style = ppr.and_then(|x| x.child_val("pStyle")).map(str::to_string);
        let ctx = RunCtx {
            numbers: self.numbers,
            fonts: self.fonts,
            para_font: self.fonts.paragraph_font(style.as_deref()),
        };
        runs(p, &mut text, &mut refs, &ctx);
        let direct = ppr.and_then(|x| x.child("numPr"));
        let mut num_id = direct
            .and_then(|n| n.child_val("numId"))
            .map(str::to_string);
        let mut ilvl = direct
            .and_then(|n| n.child_val("ilvl"))
            .and_then(|v| v.parse::<usize>().ok());
        if num_id.is_none() || ilvl.is_none() {
            if let Some(s) = style.as_deref() {
                let (sn, sl) = self.styles.numbering(s);
                num_id = num_id.or(sn);
                ilvl = ilvl.or(sl);
            }
        }
        if text.trim().is_empty() {
            return (text, refs);
        }
        if let Some(num_id) = num_id.filter(|n| n != "0") {
            let ilvl = ilvl.or_else(|| {
                style
                    .as_deref()
                    .and_then(|s| self.numbering.level_of_style(&num_id, s))
            });
            if let Some(label) = self.numbering.next_label(&num_id, ilvl.unwrap_or(0)) {
                if !label.is_empty() {
                    text = format!("{label} {}", text.trim_start());
                }
            }
        }
        (text, refs)
    }

    fn table(&mut self, tbl: &Element) {
        // rows → cells → paragraphs (label + text, notes)
        let mut rows: Vec<Vec<Vec<CellPara>>> = Vec::new();
        for tr in tbl.children_named("tr") {
            let mut cells = Vec::new();
            for tc in tr.elements().filter(|e| e.name == "tc" || e.name == "sdt") {
                let tc = if tc.name == "sdt" {
                    match tc.child("sdtContent").and_then(|c| c.child("tc")) {
                        Some(t) => t,
                        None => continue,
                    }
                } else {
                    tc
                };
                let mut paras = Vec::new();
                self.cell(tc, &mut paras);
                cells.push(paras);
            }
            rows.push(cells);
        }
        self.doc.push_table(rows, self.seen_text);
    }

    fn cell(&mut self, el: &Element, out: &mut Vec<CellPara>) {
        for c in el.elements() {
            match c.name.as_str() {
                "p" => {
                    let p = self.paragraph(c);
                    if !p.0.trim().is_empty() {
                        out.push(p);
                    }
                }
                "tbl" => {
                    for tr in c.children_named("tr") {
                        for tc in tr.children_named("tc") {
                            self.cell(tc, out);
                        }
                    }
                }
                "sdt" | "sdtContent" | "customXml" | "ins" => self.cell(c, out),
                _ => {}
            }
        }
    }
}

/// A legacy Vietnamese font: its encoding, and whether it is a capitals-only font
/// (TCVN3 `.VnTimeH`, `.VnArialH`: lower-case codes drawn as capitals).
pub(crate) fn legacy_font(name: &str) -> Option<(super::legacy::Legacy, bool)> {
    let n = name.trim().to_ascii_lowercase();
    if n.starts_with(".vn") {
        Some((super::legacy::Legacy::Tcvn3, n.ends_with('h')))
    } else if n.starts_with("vni-") || n.starts_with("vni ") {
        Some((super::legacy::Legacy::Vni, false))
    } else {
        None
    }
}

/// Fonts named by styles and document defaults (`w:rFonts w:ascii`).
#[derive(Debug, Default)]
struct Fonts {
    default: Option<String>,
    /// style id → (font, basedOn)
    styles: HashMap<String, (Option<String>, Option<String>)>,
    default_paragraph_style: Option<String>,
}

impl Fonts {
    fn from_xml(root: &Element) -> Fonts {
        let font_of = |rpr: Option<&Element>| {
            rpr.and_then(|r| r.child("rFonts"))
                .and_then(|f| f.attr("ascii").or(f.attr("hAnsi")))
                .map(str::to_string)
        };
        let default = font_of(
            root.child("docDefaults")
                .and_then(|d| d.child("rPrDefault"))
                .and_then(|d| d.child("rPr")),
        );
        let mut styles = HashMap::new();
        let mut default_paragraph_style = None;
        for s in root.children_named("style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            if s.attr("type") == Some("paragraph") && s.attr("default") == Some("1") {
                default_paragraph_style = Some(id.to_string());
            }
            styles.insert(
                id.to_string(),
                (
                    font_of(s.child("rPr")),
                    s.child_val("basedOn").map(str::to_string),
                ),
            );
        }
        Fonts {
            default,
            styles,
            default_paragraph_style,
        }
    }

    /// The font a style sets, following `basedOn`.
    fn style_font(&self, style: &str) -> Option<&str> {
        let mut cur = Some(style);
        for _ in 0..20 {
            let (font, based) = self.styles.get(cur?)?;
            if let Some(f) = font {
                return Some(f);
            }
            cur = based.as_deref();
        }
        None
    }

    /// The font of a paragraph of the given style (or of the default style).
    fn paragraph_font(&self, style: Option<&str>) -> Option<&str> {
        style
            .or(self.default_paragraph_style.as_deref())
            .and_then(|s| self.style_font(s))
            .or(self.default.as_deref())
    }
}

/// A style's numbering: numId, ilvl, basedOn.
type StyleNumbering = (Option<String>, Option<usize>, Option<String>);

/// Paragraph styles: their numbering and parent.
#[derive(Debug, Default)]
struct Styles {
    map: HashMap<String, StyleNumbering>,
}

impl Styles {
    fn from_xml(root: &Element) -> Styles {
        let mut map = HashMap::new();
        for s in root.children_named("style") {
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let num = s.child("pPr").and_then(|p| p.child("numPr"));
            map.insert(
                id.to_string(),
                (
                    num.and_then(|n| n.child_val("numId")).map(str::to_string),
                    num.and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok()),
                    s.child_val("basedOn").map(str::to_string),
                ),
            );
        }
        Styles { map }
    }

    /// numId and ilvl of a style, following `basedOn`.
    fn numbering(&self, style: &str) -> (Option<String>, Option<usize>) {
        let mut num = None;
        let mut lvl = None;
        let mut seen = HashSet::new();
        let mut cur = Some(style.to_string());
        while let Some(s) = cur {
            if !seen.insert(s.clone()) {
                break;
            }
            let Some((n, l, based)) = self.map.get(&s) else {
                break;
            };
            num = num.or(n.clone());
            lvl = lvl.or(*l);
            cur = based.clone();
        }
        (num, lvl)
    }
}

/// One level of an abstract numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    start: i64,
    fmt: String,
    text: String,
    /// `lvlRestart`: 0 = never restart; n = restart when a level above n is used.
    restart: Option<usize>,
    legal: bool,
    style: Option<String>,
}

impl Level {
    fn from_xml(l: &Element) -> Level {
        Level {
            start: l
                .child_val("start")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            fmt: l.child_val("numFmt").unwrap_or("decimal").to_string(),
            text: l.child_val("lvlText").unwrap_or("").to_string(),
            restart: l.child_val("lvlRestart").and_then(|v| v.parse().ok()),
            legal: l.child("isLgl").is_some(),
            style: l.child_val("pStyle").map(str::to_string),
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: String,
    /// level → (startOverride, replacement level)
    overrides: HashMap<usize, (Option<i64>, Option<Level>)>,
}

/// `word/numbering.xml` and the running counters.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
    counters: HashMap<String, [Option<i64>; 9]>,
    used: HashSet<String>,
}

impl Numbering {
    fn from_xml(root: &Element) -> Numbering {
        let mut n = Numbering::default();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for l in a.children_named("lvl") {
                if let Some(i) = l.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) {
                    if i < 9 {
                        levels[i] = Level::from_xml(l);
                    }
                }
            }
            n.abstracts.insert(id.to_string(), levels);
        }
        for num in root.children_named("num") {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let Some(abs) = num.child_val("abstractNumId") else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in num.children_named("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                let start = o.child_val("startOverride").and_then(|v| v.parse().ok());
                let level = o.child("lvl").map(Level::from_xml);
                overrides.insert(i, (start, level));
            }
            n.nums.insert(
                id.to_string(),
                Num {
                    abstract_id: abs.to_string(),
                    overrides,
                },
            );
        }
        n
    }

    fn levels(&self, num_id: &str) -> Option<(String, Vec<Level>)> {
        let num = self.nums.get(num_id)?;
        let mut levels = self.abstracts.get(&num.abstract_id)?.clone();
        for (i, (start, level)) in &num.overrides {
            if let Some(l) = level {
                if *i < 9 {
                    levels[*i] = l.clone();
                }
            }
            if let Some(s) = start {
                if *i < 9 {
                    levels[*i].start = *s;
                }
            }
        }
        Some((num.abstract_id.clone(), levels))
    }

    /// The level of `num_id` whose `pStyle` is `style`.
    fn level_of_style(&self, num_id: &str, style: &str) -> Option<usize> {
        let (_, levels) = self.levels(num_id)?;
        levels
            .iter()
            .position(|l| l.style.as_deref() == Some(style))
    }

    /// Advances the counter of (`num_id`, `ilvl`) and returns the visible label.
    fn next_label(&mut self, num_id: &str, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let (abs, levels) = self.levels(num_id)?;
        let counters = self.counters.entry(abs).or_insert([None; 9]);
        if self.used.insert(num_id.to_string()) {
            // A numbering instance with start overrides restarts those levels.
            if let Some(num) = self.nums.get(num_id) {
                for (i, (start, _)) in &num.overrides {
                    if start.is_some() && *i < 9 {
                        counters[*i] = None;
                    }
                }
            }
        }
        let level = &levels[ilvl];
        counters[ilvl] = Some(match counters[ilvl] {
            None => level.start,
            Some(v) => v + 1,
        });
        for (k, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = match levels[k].restart {
                None => true,
                Some(0) => false,
                Some(r) => ilvl < r,
            };
            if restart {
                *counter = None;
            }
        }
        if level.fmt == "bullet" {
            return Some("-".to_string());
        }
        let mut label = String::new();
        let mut chars = level.text.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '%' {
                if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    chars.next();
                    let k = (d as usize).saturating_sub(1).min(8);
                    let value = counters[k].unwrap_or(levels[k].start);
                    let fmt = if level.legal {
                        "decimal"
                    } else {
                        &levels[k].fmt
                    };
                    label.push_str(&format_number(value, fmt));
                    continue;
                }
            }
            label.push(c);
        }
        Some(label.trim().to_string())
    }
}

/// A counter in a Word number format.
pub(crate) fn format_number(value: i64, fmt: &str) -> String {
    match fmt {
        "none" => String::new(),
        "decimalZero" => format!("{value:02}"),
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letters(value),
        "lowerLetter" => letters(value).to_lowercase(),
        _ => value.to_string(),
    }
}

/// Word's letter numbering: A…Z, then AA…ZZ, AAA….
fn letters(value: i64) -> String {
    if value < 1 {
        return value.to_string();
    }
    let v = (value - 1) as usize;
    let letter = (b'A' + (v % 26) as u8) as char;
    std::iter::repeat_n(letter, v / 26 + 1).collect()
}

fn roman(value: i64) -> String {
    if !(1..4000).contains(&value) {
        return value.to_string();
    }
    let table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut v = value;
    let mut s = String::new();
    for (n, r) in table {
        while v >= n {
            s.push_str(r);
            v -= n;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(14, "lowerRoman"), "xiv");
        assert_eq!(format_number(5, "lowerLetter"), "e");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(3, "decimalZero"), "03");
        assert_eq!(format_number(12, "decimal"), "12");
        assert_eq!(format_number(3, "none"), "");
    }

    fn numbering() -> Numbering {
        let x = r#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2.%3."/></w:lvl>
            <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%4)"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
          <w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
        </w:numbering>"#;
        Numbering::from_xml(&xml::parse(x).unwrap())
    }

    #[test]
    fn counters_restart_below_and_continue_across_instances() {
        let mut n = numbering();
        let mut labels = Vec::new();
        for (num, l) in [
            ("1", 0),
            ("1", 1),
            ("1", 2),
            ("1", 2),
            ("1", 3),
            ("1", 1),
            ("1", 2),
            ("1", 0),
            ("2", 1),
            ("2", 3),
            ("1", 1),
        ] {
            labels.push(n.next_label(num, l).unwrap());
        }
        assert_eq!(
            labels,
            ["I.", "1.", "1.1.", "1.2.", "a)", "2.", "2.1.", "II.", "1.", "a)", "2."]
        );
    }
}
