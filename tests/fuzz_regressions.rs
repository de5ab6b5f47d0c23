//! Inputs the fuzzers (`fuzz/`) once crashed or hung on, replayed as the targets run them:
//! every file under `tests/fuzz-regressions/parse_bytes/` through `parse_bytes` (its first
//! byte picks the options), under `.../parse_text/` through `Parser::parse` when it is UTF-8 (an odd first
//! character forces the text parser).

use std::path::Path;

const CONTENT_TYPES: &[Option<&str>] = &[
    None,
    Some("text/html; charset=ISO-8859-1"),
    Some("text/html; charset=utf-8"),
    Some("text/html; charset=shift_jis"),
];

fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_name() != "README.md")
        .filter_map(|e| Some((e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).ok()?)))
        .collect();
    out.sort();
    out
}

#[test]
fn parse_bytes_regressions() {
    for (name, data) in inputs("parse_bytes") {
        let Some((&options, page)) = data.split_first() else { continue };
        let mut builder = forum_thread::Parser::builder().raw_html(options & 0x80 != 0);
        if let Some(ct) = CONTENT_TYPES[usize::from(options) % CONTENT_TYPES.len()] {
            builder = builder.content_type(ct);
        }
        let parser = builder.build().expect("valid options");
        if let Ok(thread) = parser.parse_bytes(page) {
            let json = serde_json::to_string(&thread).expect("serializes");
            let back: forum_thread::Thread =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(back.posts.len(), thread.posts.len(), "{name}");
        }
    }
}

#[test]
fn parse_text_regressions() {
    for (_, data) in inputs("parse_text") {
        let Ok(text) = std::str::from_utf8(&data) else { continue };
        let mut builder = forum_thread::Parser::builder();
        if text.chars().next().is_some_and(|c| u32::from(c) % 2 == 1) {
            builder = builder.format(forum_thread::Format::Text);
        }
        if let Ok(thread) = builder.build().expect("valid options").parse(text) {
            serde_json::to_string(&thread).expect("serializes");
        }
    }
}
