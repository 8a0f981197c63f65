//! Unknown filter values are refused with the valid ones and a "did you mean"; the
//! valid values are listed with their Vietnamese labels in `--help` and the README.

use crate::common::{json_on_shared_index as json, on_shared_index as baocao};

fn refused(args: &[&str]) -> String {
    let out = baocao(args);
    assert_eq!(out.status.code(), Some(2), "{args:?}");
    assert!(out.stdout.is_empty());
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    err
}

#[test]
fn unknown_values_exit_2_with_valid_values_and_a_suggestion() {
    for cmd in ["search", "facets", "figures", "timeline"] {
        let err = refused(&[cmd, "giải ngân", "--type", "foo"]);
        assert!(
            err.contains("--type") && err.contains("bao-cao/thang"),
            "{err}"
        );
        let err = refused(&[cmd, "giải ngân", "--role", "nope"]);
        assert!(
            err.contains("han-che") && err.contains("kien-nghi"),
            "{err}"
        );
    }
    let err = refused(&["search", "giải ngân", "--sector", "Kinh-Te"]);
    assert!(err.contains("did you mean \"kinh-te\""), "{err}");
    let err = refused(&["search", "giải ngân", "--province", "Atlantis"]);
    assert!(err.contains("Lạng Sơn"), "{err}");
    let err = refused(&["search", "giải ngân", "--type", "bao-cao/thnag"]);
    assert!(err.contains("did you mean \"bao-cao/thang\""), "{err}");
    let err = refused(&["search", "giải ngân", "--province", "Lang Sn"]);
    assert!(err.contains("did you mean \"Lạng Sơn\""), "{err}");
}

#[test]
fn valid_values_are_accepted_in_any_spelling_the_help_promises() {
    for province in ["lang son", "Lạng Sơn", "LẠNG SƠN"] {
        let v = json(&["search", "giải ngân", "--province", province]);
        assert!(v["total"].as_u64().unwrap() > 0, "{province}");
    }
    // A valid slug that no report has: no match, not an error.
    let v = json(&["search", "giải ngân", "--type", "cong-dien"]);
    assert_eq!(v["total"], 0);
    let v = json(&[
        "search",
        "giải ngân",
        "--sector",
        "kinh-te",
        "--role",
        "nhiem-vu",
    ]);
    assert!(v["total"].as_u64().unwrap() > 0);
}

#[test]
fn help_and_readme_list_the_slugs_with_their_labels() {
    let out = baocao(&["search", "--help"]);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = words(&String::from_utf8(out.stdout).unwrap());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let lists = [
        baocao::search::vocab::DOC_TYPES.to_vec(),
        baocao::tagging::SECTORS.to_vec(),
        baocao::tagging::ROLES.to_vec(),
    ];
    for (slug, label) in lists.iter().flatten() {
        assert!(
            help.contains(slug) && help.contains(&words(label)),
            "--help lacks {slug} {label}"
        );
        assert!(
            readme.contains(&format!("`{slug}`")) && readme.contains(label),
            "README lacks {slug} {label}"
        );
    }
}
