//! The gold files in `tests/data/` and the sample reports in `corpus/` are copies of
//! `../shared/`. When `../shared` is present (it is in CI), they must be current.

use std::path::{Path, PathBuf};

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    dir.is_dir().then_some(dir)
}

#[test]
fn gold_copies_are_current() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: nothing to compare");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["seeds-gold.json", "sectors-gold.json"] {
        let ours = std::fs::read(root.join("tests/data").join(name)).expect("copy in tests/data");
        let theirs = std::fs::read(shared.join("spec").join(name)).expect("shared gold file");
        assert!(
            ours == theirs,
            "tests/data/{name} differs from ../shared/spec/{name}: copy it again"
        );
    }
}

#[test]
fn corpus_copies_are_current() {
    let Some(shared) = shared() else {
        eprintln!("../shared is absent: nothing to compare");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for entry in std::fs::read_dir(shared.join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap();
        let ours = std::fs::read(root.join("corpus").join(name))
            .unwrap_or_else(|_| panic!("corpus/{} is missing", name.to_string_lossy()));
        assert!(
            ours == std::fs::read(&path).unwrap(),
            "corpus/{} differs from ../shared",
            name.to_string_lossy()
        );
        n += 1;
    }
    assert!(n >= 5, "expected the five sample reports, found {n}");
}
