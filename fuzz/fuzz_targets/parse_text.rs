//! Any UTF-8 text through `Parser::parse`, which takes HTML and plain-text renderings of
//! thread pages: the first character's parity forces the text parser (`Format::Text`), else
//! the input itself decides (`text::is_text`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut builder = forum_thread::Parser::builder();
    if text.chars().next().is_some_and(|c| u32::from(c) % 2 == 1) {
        builder = builder.format(forum_thread::Format::Text);
    }
    let Ok(parser) = builder.build() else { return };
    if let Ok(thread) = parser.parse(text) {
        serde_json::to_string(&thread).expect("a thread serializes");
    }
});
