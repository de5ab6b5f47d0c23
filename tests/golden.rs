//! Golden tests: every page under `tests/fixtures/<engine>/` (HTML, `.html`) and every text
//! rendering under `tests/fixtures/text/` (`.txt`) parses to the pretty JSON stored beside it
//! (`<name>.json`). On a mismatch the failure names the first JSON path that differs, in the
//! golden file's order (`posts[3].author.post_count: expected 1234, got null`), and the actual
//! output is written to `<name>.actual.json` for review. `BLESS=1 cargo test --test golden`
//! rewrites the expectations: review every diff before committing it.

mod common;

use std::path::PathBuf;

use common::json::{self, Ordered};

#[test]
fn fixtures_match_their_golden_json() {
    let root = common::fixtures_root();
    let bless = std::env::var_os("BLESS").is_some();
    let mut ran = 0;
    let mut failures = Vec::new();
    for dir in common::dirs(&root) {
        // Pages, text renderings, and API responses saved as `<name>.in.json` (Discourse's
        // topic JSON).
        let mut inputs = common::files(&dir, &["html", "txt"]);
        inputs.extend(
            common::files(&dir, &["json"]).into_iter().filter(|p| p.to_string_lossy().ends_with(".in.json")),
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
            let expected_path = PathBuf::from(format!("{stem}.json"));
            let actual_path = PathBuf::from(format!("{stem}.actual.json"));
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
                let difference = match Ordered::parse(&expected) {
                    Err(e) => format!("no golden JSON in {} ({e})", expected_path.display()),
                    Ok(golden) => Ordered::parse(&actual)
                        .ok()
                        .and_then(|output| json::first_difference(&golden, &output))
                        .unwrap_or_else(|| "the same JSON, written otherwise".to_owned()),
                };
                failures.push(format!("{}: {difference} (see {})", page.display(), actual_path.display()));
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

/// The failure message's path: the first difference in the golden file's order.
#[test]
fn the_first_difference_is_named_by_its_path() {
    let differs = |golden: &str, actual: &str| {
        let parse = |text: &str| Ordered::parse(text).expect("test JSON");
        json::first_difference(&parse(golden), &parse(actual))
    };
    let golden = r#"{"posts": [{"id": "1", "author": {"name": "a", "post_count": 1234}, "date": "2020-01-01"},
                               {"id": "2", "author": {"name": "b", "post_count": 7}}]}"#;
    let second = r#"{"id": "2", "author": {"name": "b", "post_count": 7}}"#;
    let cases = [
        // Keys are walked in the golden file's order: `author` before `date`, though `date`
        // comes first in the other file and in sorted order.
        (
            r#"{"date": "2020-01-02", "id": "1", "author": {"name": "a", "post_count": null}}"#,
            "posts[0].author.post_count: expected 1234, got null",
        ),
        (
            r#"{"id": "1", "author": {"name": "a"}, "date": "2020-01-01"}"#,
            "posts[0].author.post_count: missing (expected 1234)",
        ),
        (
            r#"{"id": "1", "author": {"name": "a", "post_count": 1234, "rank": "x"}, "date": "2020-01-01"}"#,
            r#"posts[0].author.rank: not expected (got "x")"#,
        ),
        (
            r#"{"author": {"name": "a", "post_count": 1234}, "id": "1", "date": "2020-01-01"}"#,
            concat!(
                "posts[0]: keys in another order: ",
                r#"expected ["id", "author", "date"], got ["author", "id", "date"]"#
            ),
        ),
    ];
    for (first, message) in cases {
        let actual = format!(r#"{{"posts": [{first}, {second}]}}"#);
        assert_eq!(differs(golden, &actual).as_deref(), Some(message), "{actual}");
    }
    let one = r#"{"id": "1", "author": {"name": "a", "post_count": 1234}, "date": "2020-01-01"}"#;
    assert_eq!(
        differs(golden, &format!(r#"{{"posts": [{one}]}}"#)).as_deref(),
        Some("posts: expected 2 items, got 1 item")
    );
    assert_eq!(
        differs(golden, &format!(r#"{{"posts": [{second}]}}"#)).as_deref(),
        Some(r#"posts[0].id: expected "1", got "2" (and posts: expected 2 items, got 1 item)"#)
    );
    assert_eq!(differs(golden, golden), None);
    assert_eq!(differs("{}", "[]").as_deref(), Some("(top): expected {}, got []"));
    // Long strings: where they part, not the whole text.
    let long = |c: char| format!(r#"{{"body_text": "{}{c}{}"}}"#, "a".repeat(100), "b".repeat(100));
    assert_eq!(
        differs(&long('x'), &long('y')).as_deref(),
        Some(&*format!(
            r#"body_text: differs from character 100 on: expected …"{a}x{b}"…, got …"{a}y{b}"…"#,
            a = "a".repeat(30),
            b = "b".repeat(49)
        ))
    );
}
