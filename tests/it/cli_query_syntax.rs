//! Query syntax: `"…"~N` proximity and `word*` prefixes are supported; the syntax of
//! other engines that the parser does not support is refused with exit 2.

use crate::common::{json_on_shared_index as json, on_shared_index as baocao};

fn total(args: &[&str]) -> u64 {
    json(args)["total"].as_u64().unwrap()
}

#[test]
fn proximity_finds_words_near_each_other() {
    let exact = total(&["search", "\"giải ngân đầu tư\""]);
    let near = total(&["search", "\"giải ngân đầu tư\"~3"]);
    let words = total(&["search", "giải ngân đầu tư"]);
    assert!(near > exact, "~3 {near} vs exact {exact}");
    assert!(near <= words, "~3 {near} vs words {words}");
    // Every hit holds the words in order within the window.
    let v = json(&["search", "\"giải ngân đầu tư\"~3", "--limit", "100"]);
    for h in v["hits"].as_array().unwrap() {
        let heading = baocao::analysis::folded_terms(h["heading"].as_str().unwrap());
        let text = baocao::analysis::folded_terms(h["text"].as_str().unwrap());
        let near = |t: &[String]| {
            (0..t.len()).any(|i| {
                t[i] == "giai"
                    && t.get(i + 1).is_some_and(|w| w == "ngan")
                    && t[i + 2..t.len().min(i + 7)]
                        .windows(2)
                        .any(|w| w == ["dau", "tu"])
            })
        };
        assert!(near(&heading) || near(&text), "{}", h["id"]);
    }
}

#[test]
fn prefix_expands_to_indexed_words() {
    let prefix = total(&["search", "giai*"]);
    let word = total(&["search", "giai"]);
    assert!(prefix >= word && word > 0);
    let v = json(&["search", "covi*"]);
    assert!(v["total"].as_u64().unwrap() > 0);
    for h in v["hits"].as_array().unwrap() {
        let text = h["text"].as_str().unwrap().to_lowercase();
        let heading = h["heading"].as_str().unwrap().to_lowercase();
        assert!(
            text.contains("covi") || heading.contains("covi"),
            "{}",
            h["id"]
        );
        let s = h["snippet"].as_str().unwrap().to_lowercase();
        assert!(!text.contains("covi") || s.contains("<b>covi"), "{s}");
    }
    // A prefix that starts too many words is refused, naming the limit.
    let out = baocao(&["search", "t*"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&baocao::search::MAX_PREFIX_EXPANSIONS.to_string()),
        "{err}"
    );
}

#[test]
fn unsupported_syntax_is_refused() {
    for q in [
        "giai~",
        "giai~2",
        "gi?i",
        "*ngan",
        "title:giai",
        "year:2024",
        "giai^2",
        "\"giải ngân\"~x",
    ] {
        let out = baocao(&["search", q]);
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.trim().lines().count(), 1, "{q}: {err}");
        assert!(err.contains("malformed query"), "{q}: {err}");
    }
}

#[test]
fn not_and_and_are_operators() {
    let all = total(&["search", "giải ngân"]);
    let and = total(&["search", "giải AND ngân"]);
    assert_eq!(all, and);
    let not = total(&["search", "giải ngân NOT \"đầu tư\""]);
    let minus = total(&["search", "giải ngân -\"đầu tư\""]);
    assert_eq!(not, minus);
    assert!(not < all);
}
