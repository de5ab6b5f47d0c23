//! Charsets on real pages: the shared corpus has pages that declare ISO-8859-1 and are
//! windows-1252 (drwindows, terraforums), pages that declare it and are UTF-8
//! (bitcointalk, worldofplayers, mazdaworld), UTF-8 with a byte order mark (metin2hungary).
//! Without the corpus these tests say so on stderr and check nothing; the rules themselves
//! are unit-tested in `src/decode.rs` on small inputs.

mod common;

use forum_thread::{CharsetSource, decode};

/// (file, charset used, how, charset declared, a word the decoded text must hold)
const PAGES: &[(&str, &str, CharsetSource, Option<&str>, &str)] = &[
    ("vbulletin/drwindows-t16340.html", "windows-1252", CharsetSource::Meta, Some("windows-1252"), "während"),
    ("vbulletin/terraforums-t93602-p2.html", "windows-1252", CharsetSource::Meta, Some("windows-1252"), "“"),
    (
        "phpbb/forumer-freeman-cruiser-t805-phpbb2.html",
        "windows-1252",
        CharsetSource::Meta,
        Some("windows-1252"),
        "—",
    ),
    ("vbulletin/worldofplayers-t1548322.html", "utf-8", CharsetSource::Detected, Some("windows-1252"), "für"),
    ("vbulletin/mazdaworld-t310106-vb387.html", "utf-8", CharsetSource::Detected, Some("windows-1252"), "®"),
    ("smf/bitcointalk-topic14.html", "utf-8", CharsetSource::Detected, Some("windows-1252"), "ñ"),
    (
        "smf/bitcointalk-topic382374-printpage.html",
        "windows-1252",
        CharsetSource::Meta,
        Some("windows-1252"),
        "Cryddit",
    ),
    ("smf/metin2hungary-topic66925-p3.html", "utf-8", CharsetSource::Bom, None, "cipőbe"),
    ("smf/club2u-topic266-smf202.html", "utf-8", CharsetSource::Meta, Some("utf-8"), "Бета-версия"),
];

#[test]
fn corpus_charsets() {
    let Some(root) = common::corpus_root() else { return };
    for (rel, charset, source, declared, word) in PAGES {
        let d = decode(&common::read_bytes(&root.join(rel)), None);
        let e = &d.encoding;
        assert_eq!(
            (e.charset.as_str(), e.source, e.declared.as_deref()),
            (*charset, *source, *declared),
            "{rel}"
        );
        assert!(d.text.contains(word), "{rel}: no {word:?} in the decoded text");
        assert!(!e.malformed && !e.repaired, "{rel}: {e:?}");
        let overridden = e.declared.as_deref().is_some_and(|d| d != e.charset);
        assert_eq!(
            overridden,
            d.warnings.iter().any(|w| w.message.contains("but its bytes are UTF-8")),
            "{rel}"
        );
    }
}

#[test]
fn every_corpus_page_decodes_cleanly() {
    let Some(root) = common::corpus_root() else { return };
    let mut ran = 0;
    for dir in common::dirs(&root) {
        for page in common::files(&dir, &["html"]) {
            ran += 1;
            let bytes = common::read_bytes(&page);
            let d = decode(&bytes, None);
            // Two pages hold U+FFFD in their UTF-8 already; no page has bytes that are
            // invalid in the charset chosen, and none has mojibake to repair.
            assert!(!d.encoding.malformed, "{}: {:?}", page.display(), d.warnings);
            assert!(!d.encoding.repaired, "{}: {:?}", page.display(), d.warnings);
        }
    }
    assert!(ran > 50, "corpus pages found: {ran}");
}

/// Double-decodes a page (its UTF-8 read as windows-1252 and saved as UTF-8 again, as a
/// careless archiver does) and checks that parsing it gives the same posts.
fn mangle(text: &str) -> Vec<u8> {
    let (latin, _, _) = encoding_rs::WINDOWS_1252.decode(text.as_bytes());
    latin.into_owned().into_bytes()
}

#[test]
fn double_decoded_corpus_pages_are_repaired() {
    let Some(root) = common::corpus_root() else { return };
    for rel in ["smf/metin2hungary-topic66925-p3.html", "smf/club2u-topic266-smf202.html"] {
        let bytes = common::read_bytes(&root.join(rel));
        let original = forum_thread::parse_bytes(&bytes).expect("parses");
        let text = decode(&bytes, None).text;
        let mangled = mangle(&text);
        assert!(
            String::from_utf8_lossy(&mangled).contains('Ã')
                || String::from_utf8_lossy(&mangled).contains('Ð')
        );
        let repaired = forum_thread::parse_bytes(&mangled).expect("parses");
        let encoding = repaired.encoding.as_ref().expect("encoding");
        assert!(encoding.repaired, "{rel}");
        assert!(repaired.warnings.iter().any(|w| w.field == "encoding" && w.message.starts_with("repaired")));
        assert_eq!(repaired.posts, original.posts, "{rel}");
        assert_eq!(repaired.topic, original.topic, "{rel}");
    }
}

#[test]
fn content_type_comes_before_meta() {
    let page = "<meta charset=utf-8><p>\u{444}</p>";
    let koi8 = encoding_rs::KOI8_R.encode(page).0;
    let d = decode(&koi8, Some("text/html; charset=KOI8-R"));
    assert_eq!((d.encoding.charset.as_str(), d.encoding.source), ("koi8-r", CharsetSource::ContentType));
    assert!(d.text.contains('\u{444}'));
    let parser =
        forum_thread::Parser::builder().content_type("text/html; charset=KOI8-R").build().expect("valid");
    assert!(matches!(parser.parse_bytes(&koi8), Err(forum_thread::Error::NotAThread { .. })));
}

#[test]
fn mojibake_in_a_text_rendering_is_repaired() {
    // w3m read the bitcointalk page by its ISO-8859-1 declaration, but the bytes were UTF-8:
    // its no-break spaces came out as "Â ".
    let Some(root) = common::corpus_root() else { return };
    let bytes = common::read_bytes(&root.join("text/w3m/bitcointalk-topic602041-p621.txt"));
    assert!(String::from_utf8_lossy(&bytes).contains("Â\u{a0}#12401"));
    let d = decode(&bytes, None);
    assert!(d.encoding.repaired);
    assert!(d.text.contains("\u{a0}#12401") && !d.text.contains("Â\u{a0}"));
    let t = forum_thread::parse_bytes(&bytes).expect("parses");
    assert_eq!(t.posts[0].position, Some(12401));
}
