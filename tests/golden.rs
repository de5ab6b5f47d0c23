//! Golden tests: every page under `tests/fixtures/<engine>/` (HTML, `.html`) and every text
//! rendering under `tests/fixtures/text/` (`.txt`) parses to the pretty JSON stored beside it
//! (`<name>.json`). On a mismatch the actual output is written to
//! `<name>.actual.json` for review. `BLESS=1 cargo test --test golden` rewrites the
//! expectations: review every diff before committing it.

mod common;

use std::path::Path;

#[test]
fn fixtures_match_their_golden_json() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let bless = std::env::var_os("BLESS").is_some();
    let mut ran = 0;
    let mut failures = Vec::new();
    let mut engines: Vec<_> =
        std::fs::read_dir(&root).expect("tests/fixtures exists").flatten().map(|e| e.path()).collect();
    engines.sort();
    for dir in engines.into_iter().filter(|p| p.is_dir()) {
        // Pages, text renderings, and API responses saved as `<name>.in.json` (Discourse's
        // topic JSON).
        let mut inputs = common::files(&dir, "html");
        inputs.extend(common::files(&dir, "txt"));
        inputs.extend(
            common::files(&dir, "json").into_iter().filter(|p| p.to_string_lossy().ends_with(".in.json")),
        );
        for page in inputs {
            ran += 1;
            let actual = match common::parse_page(&page) {
                Ok(thread) => serde_json::to_string_pretty(&thread).expect("a thread serializes") + "\n",
                Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
            };
            let name = page.to_string_lossy();
            let stem = name.strip_suffix(".in.json").or_else(|| name.rsplit_once('.').map(|(s, _)| s));
            let stem = stem.unwrap_or(&name);
            let expected_path = std::path::PathBuf::from(format!("{stem}.json"));
            let actual_path = std::path::PathBuf::from(format!("{stem}.actual.json"));
            if bless {
                std::fs::write(&expected_path, &actual).expect("write golden");
                let _ = std::fs::remove_file(&actual_path);
                continue;
            }
            let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
            if expected == actual {
                let _ = std::fs::remove_file(&actual_path);
            } else {
                std::fs::write(&actual_path, &actual).expect("write actual");
                failures.push(format!("{} differs: see {}", page.display(), actual_path.display()));
            }
        }
    }
    assert!(ran > 0, "no fixtures found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {ran} golden files differ (BLESS=1 to accept after review):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
