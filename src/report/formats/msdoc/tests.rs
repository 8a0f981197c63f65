//! End-to-end tests of the native `.doc` reader on documents written here structure by
//! structure (FIB, piece table, FKPs, style sheet, lists, footnotes, font table, in an
//! OLE2 container made by `cfb`), and mutation tests: damaged bytes give an error or a
//! document, never a panic.

use super::*;
use crate::report::formats::msdoc::lists::write::Lvl;
use proptest::prelude::*;

/// A paragraph: runs of (text, character grpprl), paragraph style, paragraph grpprl, and
/// the mark that ends it (0x0D paragraph, 0x07 cell).
#[derive(Clone)]
pub(crate) struct P {
    runs: Vec<(String, Vec<u8>)>,
    istd: u16,
    papx: Vec<u8>,
    mark: u16,
}

fn p(text: &str) -> P {
    P {
        runs: vec![(text.to_string(), vec![])],
        istd: 0,
        papx: vec![],
        mark: 0x0D,
    }
}

impl P {
    fn papx(mut self, g: &[u8]) -> P {
        self.papx.extend_from_slice(g);
        self
    }
    fn istd(mut self, istd: u16) -> P {
        self.istd = istd;
        self
    }
    fn run(mut self, text: &str, chpx: &[u8]) -> P {
        self.runs.push((text.to_string(), chpx.to_vec()));
        self
    }
    fn cell(mut self) -> P {
        self.mark = 0x07;
        self.papx.extend_from_slice(&[0x16, 0x24, 1]);
        self
    }
    fn row_end() -> P {
        P {
            runs: vec![],
            istd: 0,
            papx: vec![0x16, 0x24, 1, 0x17, 0x24, 1],
            mark: 0x07,
        }
    }
}

/// `sprmPIlfo` + `sprmPIlvl`.
fn list(ilfo: u16, ilvl: u8) -> Vec<u8> {
    let mut g = vec![0x0B, 0x46];
    g.extend_from_slice(&ilfo.to_le_bytes());
    g.extend_from_slice(&[0x0A, 0x26, ilvl]);
    g
}

type StyleSpec = Option<(u8, u16, Vec<u8>, Vec<u8>)>;
type LfoSpec = (i32, Vec<(u32, Option<i32>, Option<Lvl<'static>>)>);

/// A document to write.
#[derive(Clone, Default)]
pub(crate) struct Spec {
    paras: Vec<P>,
    notes: Vec<String>,
    styles: Vec<StyleSpec>,
    lists: Vec<(i32, bool, Vec<Lvl<'static>>)>,
    lfos: Vec<LfoSpec>,
    fonts: Vec<String>,
    compressed: bool,
}

/// The outline list most reports use: `I.`, `1.`, `1.1.`, `a)`.
fn outline() -> Vec<Lvl<'static>> {
    let mut v: Vec<Lvl<'static>> = vec![
        (1, 1, 0, 0, "%1."),
        (1, 0, 0, 0, "%2."),
        (1, 0, 0, 0, "%2.%3."),
        (1, 4, 0, 0, "%4)"),
    ];
    v.extend(std::iter::repeat_n((1, 0, 0, 0, "%5."), 5));
    v
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

/// Writes the spec as a `.doc` file.
pub(crate) fn build(spec: &Spec) -> Vec<u8> {
    const TEXT_AT: u32 = 1024;
    // Characters by CP, with their run grpprl; paragraph runs.
    let mut units: Vec<u16> = Vec::new();
    let mut char_runs: Vec<(u32, u32, Vec<u8>)> = Vec::new();
    let mut para_runs: Vec<(u32, u32, u16, Vec<u8>)> = Vec::new();
    let mut refs = Vec::new();
    for para in &spec.paras {
        let start = units.len() as u32;
        for (text, chpx) in &para.runs {
            let s = units.len() as u32;
            for u in utf16(text) {
                if u == 2 {
                    refs.push(units.len() as u32);
                }
                units.push(u);
            }
            char_runs.push((s, units.len() as u32, chpx.clone()));
        }
        units.push(para.mark);
        char_runs.push((units.len() as u32 - 1, units.len() as u32, vec![]));
        para_runs.push((start, units.len() as u32, para.istd, para.papx.clone()));
    }
    let ccp_text = units.len() as u32;
    let mut txt_cps = Vec::new();
    for n in &spec.notes {
        txt_cps.push(units.len() as u32 - ccp_text);
        let start = units.len() as u32;
        units.push(2);
        units.extend(utf16(n));
        units.push(0x0D);
        char_runs.push((start, units.len() as u32, vec![]));
        para_runs.push((start, units.len() as u32, 0, vec![]));
    }
    let ccp_ftn = units.len() as u32 - ccp_text;
    if ccp_ftn > 0 {
        txt_cps.push(ccp_ftn);
        // The final paragraph mark after the subdocuments.
        units.push(0x0D);
        char_runs.push((units.len() as u32 - 1, units.len() as u32, vec![]));
        para_runs.push((units.len() as u32 - 1, units.len() as u32, 0, vec![]));
        txt_cps.push(ccp_ftn + 1);
    }
    let width = if spec.compressed { 1 } else { 2 };
    let fc = |cp: u32| TEXT_AT + cp * width;
    let mut word = fib::write_fib(true, 0, 0, &[]);
    word.resize(TEXT_AT as usize, 0);
    for &u in &units {
        if spec.compressed {
            word.push(u8::try_from(u).expect("compressed text is 8-bit"));
        } else {
            word.extend_from_slice(&u.to_le_bytes());
        }
    }
    // FKP pages, ten runs a page.
    let mut pages_at = word.len().div_ceil(512);
    word.resize(pages_at * 512, 0);
    let mut bte_chpx = (Vec::new(), Vec::new());
    for chunk in char_runs.chunks(10) {
        let runs: Vec<(u32, u32, &[u8])> = chunk
            .iter()
            .map(|(s, e, g)| (fc(*s), fc(*e), g.as_slice()))
            .collect();
        word.extend_from_slice(&props::write::chpx_page(&runs));
        bte_chpx.0.push(fc(chunk[0].0));
        bte_chpx.1.push(pages_at as u32);
        pages_at += 1;
    }
    bte_chpx.0.push(fc(units.len() as u32));
    let mut bte_papx = (Vec::new(), Vec::new());
    for chunk in para_runs.chunks(10) {
        let runs: Vec<(u32, u32, u16, &[u8])> = chunk
            .iter()
            .map(|(s, e, i, g)| (fc(*s), fc(*e), *i, g.as_slice()))
            .collect();
        word.extend_from_slice(&props::write::papx_page(&runs));
        bte_papx.0.push(fc(chunk[0].0));
        bte_papx.1.push(pages_at as u32);
        pages_at += 1;
    }
    bte_papx.0.push(fc(units.len() as u32));

    let mut table = Vec::new();
    let mut entries = Vec::new();
    fn put(table: &mut Vec<u8>, entries: &mut Vec<(usize, u32, u32)>, index: usize, b: &[u8]) {
        entries.push((index, table.len() as u32, b.len() as u32));
        table.extend_from_slice(b);
    }
    let styles: Vec<Option<props::write::Style<'_>>> = spec
        .styles
        .iter()
        .map(|s| {
            s.as_ref()
                .map(|(k, b, pp, cc)| (*k, *b, pp.as_slice(), cc.as_slice()))
        })
        .collect();
    put(
        &mut table,
        &mut entries,
        fib::entry::STSHF,
        &props::write::stsh(&styles, 0),
    );
    let clx = pieces::write_clx(&[(0, units.len() as u32, TEXT_AT, spec.compressed)]);
    put(&mut table, &mut entries, fib::entry::CLX, &clx);
    let plc = |fcs: &[u32], data: &[u32]| -> Vec<u8> {
        fcs.iter()
            .chain(data)
            .flat_map(|v| v.to_le_bytes())
            .collect()
    };
    put(
        &mut table,
        &mut entries,
        fib::entry::PLCF_BTE_CHPX,
        &plc(&bte_chpx.0, &bte_chpx.1),
    );
    put(
        &mut table,
        &mut entries,
        fib::entry::PLCF_BTE_PAPX,
        &plc(&bte_papx.0, &bte_papx.1),
    );
    let fonts: Vec<&str> = spec.fonts.iter().map(String::as_str).collect();
    put(
        &mut table,
        &mut entries,
        fib::entry::STTBF_FFN,
        &props::write::fonts(&fonts),
    );
    if !spec.lists.is_empty() {
        let (lists, lfo_at) = lists::write::table(&spec.lists, &spec.lfos);
        let base = table.len() as u32;
        table.extend_from_slice(&lists);
        entries.push((fib::entry::PLF_LST, base, 2 + 28 * spec.lists.len() as u32));
        entries.push((
            fib::entry::PLF_LFO,
            base + lfo_at as u32,
            (lists.len() - lfo_at) as u32,
        ));
    }
    if !refs.is_empty() {
        let mut r: Vec<u8> = refs.iter().flat_map(|c| c.to_le_bytes()).collect();
        r.extend_from_slice(&ccp_text.to_le_bytes());
        for _ in &refs {
            r.extend_from_slice(&1u16.to_le_bytes());
        }
        put(&mut table, &mut entries, fib::entry::PLCFFND_REF, &r);
        let t: Vec<u8> = txt_cps.iter().flat_map(|c| c.to_le_bytes()).collect();
        put(&mut table, &mut entries, fib::entry::PLCFFND_TXT, &t);
    }
    let fib_bytes = fib::write_fib(true, ccp_text, ccp_ftn, &entries);
    word[..fib_bytes.len()].copy_from_slice(&fib_bytes);
    container::tests::compound(&[("WordDocument", &word), ("1Table", &table)])
}

fn texts(doc: &Document) -> Vec<&str> {
    doc.blocks.iter().map(|b| b.text.as_str()).collect()
}

fn report_spec() -> Spec {
    // Style 1: "Heading 1" on list 1 level 0; style 2: based on 1, level 1.
    Spec {
        styles: vec![
            Some((1, 0x0FFF, vec![], vec![])),
            Some((1, 0, list(1, 0), vec![])),
            Some((1, 1, vec![0x0A, 0x26, 1], vec![])),
        ],
        lists: vec![(100, false, outline())],
        lfos: vec![(100, vec![]), (100, vec![(1, Some(1), None)])],
        paras: vec![
            p("ỦY BAN NHÂN DÂN"),
            p("Kết quả thực hiện nhiệm vụ").istd(1),
            p("Kinh tế").istd(2),
            p("Giải ngân vốn đầu tư công đạt 51,8%\u{2}.").papx(&list(1, 2)),
            p("").papx(&list(1, 2)),
            p("Nông nghiệp").papx(&list(1, 2)),
            p("trồng trọt").papx(&list(1, 3)),
            p("Phương hướng").istd(1),
            p("Mục tiêu").papx(&list(2, 1)),
            p("Xã hội").istd(2),
        ],
        notes: vec!["Theo số liệu của Kho bạc.".to_string()],
        ..Spec::default()
    }
}

#[test]
fn list_numbers_styles_and_footnotes_come_out_as_word_shows_them() {
    let doc = read(&build(&report_spec())).unwrap();
    assert_eq!(
        texts(&doc),
        [
            "ỦY BAN NHÂN DÂN",
            "I. Kết quả thực hiện nhiệm vụ",
            "1. Kinh tế",
            "1.1. Giải ngân vốn đầu tư công đạt 51,8%¹.",
            // The empty list paragraph is counted, as Word shows "1.2." on it.
            "1.3. Nông nghiệp",
            "a) trồng trọt",
            "II. Phương hướng",
            "1. Mục tiêu",
            "2. Xã hội",
        ]
    );
    assert_eq!(doc.blocks[3].notes, [1]);
    assert_eq!(doc.footnotes[&1], "Theo số liệu của Kho bạc.");
    let text = doc.to_text();
    assert!(
        text.contains("51,8%¹.\n\n¹ Theo số liệu của Kho bạc.\n\n1.3. Nông"),
        "{text}"
    );
}

#[test]
fn fields_show_their_result_and_hidden_or_deleted_text_is_dropped() {
    let spec = Spec {
        paras: vec![
            p("Xem \u{13} HYPERLINK \"http://x\" \u{14}trang tin\u{15} và ")
                .run("ẩn", &[0x3C, 0x08, 1])
                .run("đã xóa", &[0x00, 0x08, 1])
                .run(" hết\u{13} PAGE \u{15}.", &[]),
            p("Dòng một\u{0B}dòng hai\u{09}tab\u{1F}\u{1E}x"),
        ],
        ..Spec::default()
    };
    let doc = read(&build(&spec)).unwrap();
    assert_eq!(
        texts(&doc),
        ["Xem trang tin và hết.", "Dòng một\ndòng hai tab-x"]
    );
}

#[test]
fn tables_become_rows_of_cells() {
    let mut paras = vec![p("Báo cáo kết quả")];
    for row in [
        ["Chỉ tiêu", "ĐVT", "Năm 2025"],
        ["Tỷ lệ giải ngân", "%", "51,8"],
    ] {
        for c in row {
            paras.push(p(c).cell());
        }
        paras.push(P::row_end());
    }
    paras.push(p("Sau bảng"));
    let spec = Spec {
        paras,
        ..Spec::default()
    };
    let doc = read(&build(&spec)).unwrap();
    assert_eq!(
        texts(&doc),
        [
            "Báo cáo kết quả",
            "| Chỉ tiêu | ĐVT | Năm 2025 |",
            "| Tỷ lệ giải ngân | % | 51,8 |",
            "Sau bảng"
        ]
    );
}

#[test]
fn eight_bit_pieces_and_legacy_fonts_are_decoded() {
    // Font 1 is a TCVN3 font: its 8-bit codes are Vietnamese letters.
    let spec = Spec {
        fonts: vec!["Times New Roman".into(), ".VnTime".into()],
        paras: vec![
            p("Caf\u{e9} \u{2019}").run("Ph\u{b8}t tri\u{d3}n", &[0x4F, 0x4A, 1, 0]),
            p("").run("ch\u{ad}a", &[0x4F, 0x4A, 1, 0, 0x3B, 0x08, 1]),
        ],
        compressed: false,
        ..Spec::default()
    };
    let doc = read(&build(&spec)).unwrap();
    assert_eq!(texts(&doc), ["Café ’Phát triển", "CHƯA"]);
    // The same text stored one byte a character (0x92 is Word's right quote).
    let spec = Spec {
        compressed: true,
        paras: vec![p("Caf\u{e9} \u{92}x")],
        ..Spec::default()
    };
    assert_eq!(texts(&read(&build(&spec)).unwrap()), ["Café ’x"]);
}

#[test]
fn superscript_digits_and_caps_follow_character_properties() {
    let spec = Spec {
        paras: vec![p("Diện tích")
            .run("12", &[0x48, 0x2A, 1])
            .run(" ha", &[0x3B, 0x08, 1])],
        ..Spec::default()
    };
    assert_eq!(texts(&read(&build(&spec)).unwrap()), ["Diện tích¹² HA"]);
}

#[test]
fn other_files_are_errors_not_panics() {
    assert!(matches!(read(b"not a doc"), Err(MsDocError::NotOle)));
    let no_word = container::tests::compound(&[("1Table", b"x")]);
    assert!(read(&no_word)
        .unwrap_err()
        .to_string()
        .contains("WordDocument"));
    let mut bytes = build(&report_spec());
    // Encrypted: flag bit in the FIB (the stream starts at a sector boundary).
    let at = find(&bytes, &[0xEC, 0xA5, 0xC1, 0x00]).unwrap();
    bytes[at + 0x0B] |= 0x01;
    assert!(read(&bytes).unwrap_err().to_string().contains("encrypted"));
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The streams of a built document, to mutate the Word structures directly (mutating the
/// container mostly tests `cfb`).
fn streams(bytes: &[u8]) -> (Vec<u8>, Vec<u8>) {
    let mut c = container::Container::open(bytes).unwrap();
    (
        c.stream("WordDocument").unwrap().unwrap(),
        c.stream("1Table").unwrap().unwrap(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn mutated_word_structures_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<bool>()), 1..12)
    ) {
        let (mut word, mut table) = streams(&build(&report_spec()));
        for (at, byte, in_table) in edits {
            let s = if in_table { &mut table } else { &mut word };
            let i = at % s.len();
            s[i] = byte;
        }
        if let Ok(fib) = Fib::parse(&word) {
            let _ = read_streams(&word, &table, &fib);
        }
    }

    #[test]
    fn mutated_files_never_panic(
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..8),
        cut in any::<usize>(),
    ) {
        let mut bytes = build(&report_spec());
        for (at, byte) in edits {
            let i = at % bytes.len();
            bytes[i] = byte;
        }
        let _ = read(&bytes);
        let _ = read(&bytes[..cut % bytes.len()]);
    }
}

#[test]
fn hostile_counts_do_not_allocate_or_loop() {
    let (word, table) = streams(&build(&report_spec()));
    let fib = Fib::parse(&word).unwrap();
    // Every (fc, lcb) pointing at the whole table, and huge counts in the FIB.
    let mut f = fib.clone();
    for e in f.fc_lcb.iter_mut() {
        *e = (0, table.len() as u32);
    }
    f.ccp_text = u32::MAX;
    f.ccp_ftn = u32::MAX;
    let _ = read_streams(&word, &table, &f);
    // A table stream of 0xFF bytes: every count is as large as it can be.
    let ff = vec![0xFFu8; table.len()];
    let _ = read_streams(&word, &ff, &fib);
    let zero = vec![0u8; table.len()];
    let _ = read_streams(&word, &zero, &fib);
}
