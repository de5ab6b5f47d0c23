//! Any bytes through `Parser::parse_bytes`: a thread or a typed error, never a panic, a hang
//! (run with `-timeout=10`) or unbounded memory (libFuzzer's `-rss_limit_mb`). The first byte
//! picks the options: a caller's Content-Type, raw HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: &[Option<&str>] =
    &[None, Some("text/html; charset=ISO-8859-1"), Some("text/html; charset=utf-8"), Some("text/html; charset=shift_jis")];

fuzz_target!(|data: &[u8]| {
    let Some((&options, page)) = data.split_first() else { return };
    let mut builder = forum_thread::Parser::builder().raw_html(options & 0x80 != 0);
    if let Some(ct) = CONTENT_TYPES[usize::from(options) % CONTENT_TYPES.len()] {
        builder = builder.content_type(ct);
    }
    let Ok(parser) = builder.build() else { return };
    if let Ok(thread) = parser.parse_bytes(page) {
        let json = serde_json::to_string(&thread).expect("a thread serializes");
        let back: forum_thread::Thread = serde_json::from_str(&json).expect("and reads back");
        assert_eq!(back.posts.len(), thread.posts.len());
    }
});
