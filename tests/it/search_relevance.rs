//! The relevance features of `search`, each on a small generated corpus: one report not
//! ten (`--per-report`, "also in"), `--exact` / `=…`, number words, abbreviations
//! (learned from `long form (ABBR)` and built in), and the missing-one-word fallback.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{self, hit_ids};

/// A report in the plain layout: a title, then numbered sections `(heading, text)`.
fn report(title: &str, sections: &[(&str, &str)]) -> String {
    let mut out = format!("BÁO CÁO\n{title}\n\n");
    for (i, (heading, text)) in sections.iter().enumerate() {
        out.push_str(&format!("{}. {heading}\n{text}\n\n", i + 1));
    }
    out
}

/// Writes `files` into a temp folder, indexes them, and returns (folder, index dir).
fn indexed(files: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(&docs).unwrap();
    for (name, text) in files {
        std::fs::write(docs.join(name), text).unwrap();
    }
    let index = dir.path().join("index");
    common::index_folder(dir.path(), &docs, &index);
    (dir, index)
}

fn run(index: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--index", index.to_str().unwrap()];
    all.extend_from_slice(args);
    common::run_in(index.parent().unwrap(), &all)
}

fn json(index: &Path, args: &[&str]) -> Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    let out = run(index, &all);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The ids of the hits that hold every word (not the missing-one-word ones).
fn strict_ids(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|h| h.get("missing").is_none())
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    out.sort();
    out
}

fn text(index: &Path, args: &[&str]) -> String {
    let out = run(index, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn human_output_shows_two_units_per_report_and_identical_texts_once() {
    let task = "Tăng cường quản lý đất đai, xử lý vi phạm đất đai trên địa bàn.";
    let many: Vec<(String, String)> = (1..=6)
        .map(|i| {
            (
                format!("Đất đai mục {i}"),
                format!("Kết quả quản lý đất đai đợt {i} trong năm."),
            )
        })
        .collect();
    let many_refs: Vec<(&str, &str)> = many.iter().map(|(h, t)| (h.as_str(), t.as_str())).collect();
    let (_dir, index) = indexed(&[
        ("a-nhieu.txt", report("Báo cáo đất đai tỉnh", &many_refs)),
        (
            "b-du-thao.txt",
            report("Dự thảo kế hoạch", &[("Nhiệm vụ đất đai", task)]),
        ),
        (
            "c-ban-ky.txt",
            report("Kế hoạch đã ký", &[("Nhiệm vụ đất đai", task)]),
        ),
    ]);
    // JSON lists every unit unless asked: 8 sections, and the big report's introduction
    // (its title holds "đất đai"; every report has its `#preamble` unit since issue 13).
    let all = json(&index, &["search", "đất đai", "--limit", "50"]);
    assert_eq!(all["total"], 9);
    assert_eq!(hit_ids(&all).len(), 9);
    assert!(
        hit_ids(&all).contains(&"a-nhieu#preamble".to_string()),
        "{all}"
    );
    // Human output: 2 units of the big report, "+5 more", the copy shown once.
    let out = text(&index, &["search", "đất đai", "--limit", "50"]);
    assert_eq!(out.matches("a-nhieu.txt:").count(), 2, "{out}");
    assert!(out.contains("+5 more in this report"), "{out}");
    let copies = out.matches("b-du-thao.txt:").count() + out.matches("c-ban-ky.txt:").count();
    assert_eq!(copies, 1, "{out}");
    assert!(out.contains("also in "), "{out}");
    // --per-report in JSON: the same, with the keys.
    let two = json(
        &index,
        &["search", "đất đai", "--per-report", "2", "--limit", "50"],
    );
    let hits = two["hits"].as_array().unwrap();
    assert_eq!(hits.len(), 3, "{two}");
    assert_eq!(two["total"], 9, "total still counts every unit");
    let big: Vec<&Value> = hits.iter().filter(|h| h["doc_id"] == "a-nhieu").collect();
    assert_eq!(big.len(), 2);
    assert!(big.iter().all(|h| h["more_in_report"] == 5));
    let copy = hits
        .iter()
        .find(|h| h["doc_id"] != "a-nhieu")
        .expect("the task");
    assert_eq!(copy["also_in"].as_array().unwrap().len(), 1, "{copy}");
    // 0 = all, in human output too.
    let out = text(
        &index,
        &["search", "đất đai", "--per-report", "0", "--limit", "50"],
    );
    assert_eq!(out.matches("a-nhieu.txt:").count(), 7, "{out}");
    assert!(!out.contains("more in this report"));
}

#[test]
fn exact_matches_only_the_typed_diacritics() {
    let (_dir, index) = indexed(&[(
        "lam.txt",
        report(
            "Báo cáo",
            &[
                ("Phát triển lâm nghiệp", "Trồng rừng 500 ha."),
                ("Làm đường giao thông", "Làm mới 20 km đường."),
                ("Kết quả", "Lâm nghiệp và làm đường đều đạt."),
            ],
        ),
    )]);
    let folded = json(&index, &["search", "heading:lâm"]);
    assert_eq!(folded["total"], 2, "folded: lâm and làm");
    for q in [
        vec!["search", "heading:lâm", "--exact"],
        vec!["search", "=heading:lâm"],
    ] {
        let exact = json(&index, &q);
        assert_eq!(hit_ids(&exact), ["lam#1"], "{q:?}");
    }
    let exact = json(&index, &["search", "làm", "--exact"]);
    let mut got = hit_ids(&exact);
    got.sort();
    assert_eq!(got, ["lam#2", "lam#3"]);
    // Without diacritics, --exact finds the spelling without diacritics only.
    assert_eq!(json(&index, &["search", "lam", "--exact"])["total"], 0);
    assert_eq!(json(&index, &["search", "lam"])["total"], 3);
}

#[test]
fn number_words_and_digits_find_each_other() {
    let (_dir, index) = indexed(&[(
        "cap.txt",
        report(
            "Báo cáo",
            &[
                (
                    "Chính quyền",
                    "Vận hành chính quyền địa phương 02 cấp ổn định.",
                ),
                ("Sắp xếp", "Mô hình chính quyền địa phương hai cấp từ 01/7."),
                (
                    "Tổ chức",
                    "Chính quyền địa phương 2 cấp hoạt động thông suốt.",
                ),
                ("Khác", "Chính quyền địa phương ba cấp trước đây."),
            ],
        ),
    )]);
    for q in [
        "chính quyền địa phương hai cấp",
        "chinh quyen dia phuong 2 cap",
        "chính quyền địa phương 02 cấp",
    ] {
        let v = json(&index, &["search", q]);
        assert_eq!(strict_ids(&v), ["cap#1", "cap#2", "cap#3"], "{q}");
        assert_eq!(v["total"], 3, "{q}");
        // "ba cấp" lacks the number: listed after, marked.
        assert_eq!(v["hits"][3]["id"], "cap#4", "{q}");
        assert!(v["hits"][3]["missing"].is_string(), "{q}");
    }
    let v = json(&index, &["search", "chính quyền 3 cấp"]);
    assert_eq!(strict_ids(&v), ["cap#4"]);
    assert_eq!(v["hits"][0]["id"], "cap#4");
    // Quoted, the phrase is as typed.
    let got = hit_ids(&json(&index, &["search", "\"hai cấp\""]));
    assert_eq!(got, ["cap#2"]);
    // --no-expand: the words as typed (folded), no number words, no missing-word units.
    let v = json(
        &index,
        &["search", "chinh quyen dia phuong hai cap", "--no-expand"],
    );
    assert_eq!(hit_ids(&v), ["cap#2"]);
    assert_eq!(v["total"], 1);
}

#[test]
fn abbreviations_learned_from_the_documents_and_built_in() {
    let (_dir, index) = indexed(&[
        (
            "dinh-nghia.txt",
            report(
                "Kế hoạch",
                &[(
                    "Ứng cứu",
                    "Kiện toàn Đội ứng cứu sự cố máy tính (UCSCMT) của tỉnh.",
                )],
            ),
        ),
        (
            "viet-tat.txt",
            report(
                "Báo cáo",
                &[
                    ("Đội", "Đội UCSCMT đã xử lý 12 vụ."),
                    ("Hành chính", "Công tác CCHC được đẩy mạnh."),
                    ("Đầy đủ", "Đẩy mạnh cải cách hành chính trong các cơ quan."),
                ],
            ),
        ),
    ]);
    // Long form → the unit that only has the abbreviation, and back.
    let got = hit_ids(&json(&index, &["search", "ứng cứu sự cố máy tính"]));
    assert!(got.contains(&"viet-tat#1".to_string()), "{got:?}");
    assert!(got.contains(&"dinh-nghia#1".to_string()), "{got:?}");
    let got = hit_ids(&json(&index, &["search", "UCSCMT"]));
    assert!(got.contains(&"dinh-nghia#1".to_string()), "{got:?}");
    // Built in: CCHC.
    let mut got = hit_ids(&json(&index, &["search", "cải cách hành chính"]));
    got.sort();
    assert_eq!(got, ["viet-tat#2", "viet-tat#3"]);
    let mut got = hit_ids(&json(&index, &["search", "cchc"]));
    got.sort();
    assert_eq!(got, ["viet-tat#2", "viet-tat#3"]);
    // --exact does not expand.
    assert_eq!(
        hit_ids(&json(&index, &["search", "CCHC", "--exact"])),
        ["viet-tat#2"]
    );
    // `parse` shows what it learned.
    let file = index.parent().unwrap().join("docs/dinh-nghia.txt");
    let parsed = json(&index, &["parse", file.to_str().unwrap()]);
    assert_eq!(
        parsed["abbreviations"][0],
        serde_json::json!({"short": "UCSCMT", "long": "ứng cứu sự cố máy tính"})
    );
    let human = text(&index, &["parse", file.to_str().unwrap()]);
    assert!(human.contains("UCSCMT = ứng cứu sự cố máy tính"), "{human}");
}

#[test]
fn units_missing_one_word_follow_when_few_hold_them_all() {
    let (_dir, index) = indexed(&[(
        "hoi.txt",
        report(
            "Báo cáo",
            &[
                ("Tổng hợp", "Tổng số hội trên địa bàn tỉnh là 610 hội."),
                ("Số lượng", "Số lượng hội trên địa bàn tỉnh tăng 12 hội."),
                ("Khác", "Hội nghị tổng kết công tác năm."),
            ],
        ),
    )]);
    let v = json(&index, &["search", "số lượng hội trên địa bàn tỉnh"]);
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(v["partial"], 1, "{v}");
    let hits = v["hits"].as_array().unwrap();
    assert_eq!(hits[0]["id"], "hoi#2");
    assert!(hits[0].get("missing").is_none());
    assert_eq!(hits[1]["id"], "hoi#1");
    assert_eq!(hits[1]["missing"], "lượng");
    assert!(hits[1]["score"].as_f64() < hits[0]["score"].as_f64());
    let out = text(&index, &["search", "số lượng hội trên địa bàn tỉnh"]);
    assert!(out.contains("không có: lượng"), "{out}");
    // Facets count the units with every word.
    let f = json(&index, &["facets", "số lượng hội trên địa bàn tỉnh"]);
    assert_eq!(f["total"], 1, "{f}");
    // Two words: no fallback.
    let v = json(&index, &["search", "lượng tổng"]);
    assert_eq!(v["total"], 0);
    assert!(v.get("partial").is_none());
}

#[test]
fn words_found_as_words_outrank_their_syllables_scattered() {
    // The corpus itself says "trợ giúp" and "pháp lý" are words: they stand together in
    // many units. One long unit has every syllable of the query, but only inside other
    // words ("hỗ trợ", "giúp đỡ", "biện pháp", "quản lý"), many times over.
    let scattered =
        "Hỗ trợ, giúp đỡ người nghiện ma túy; biện pháp quản lý người nghiện. ".repeat(6);
    let (_dir, index) = indexed(&[
        (
            "a-rai-rac.txt",
            report("Báo cáo", &[("Công tác quản lý", scattered.as_str())]),
        ),
        (
            "b-tro-giup.txt",
            report(
                "Kế hoạch",
                &[
                    (
                        "Trợ giúp pháp lý",
                        "Thực hiện trợ giúp pháp lý miễn phí cho người nghiện ma túy tại cơ sở.",
                    ),
                    ("Tuyên truyền", "Tuyên truyền về trợ giúp pháp lý ở xã."),
                    ("Tập huấn", "Tập huấn kỹ năng trợ giúp pháp lý cho cán bộ."),
                    ("Kinh phí", "Kinh phí trợ giúp pháp lý năm 2026."),
                ],
            ),
        ),
    ]);
    let v = json(&index, &["search", "trợ giúp pháp lý người nghiện ma túy"]);
    // Both hold every syllable, so both are counted; the words come first.
    assert_eq!(hit_ids(&v), ["b-tro-giup#1", "a-rai-rac#1"], "{v}");
    assert_eq!(
        v["total"], 2,
        "total counts every unit holding the syllables: {v}"
    );
    let v = json(&index, &["search", "tro giup phap ly nguoi nghien"]);
    assert_eq!(hit_ids(&v), ["b-tro-giup#1", "a-rai-rac#1"], "{v}");
}
