//! Plain-text renderings of thread pages: browser "copy page", `w3m -dump`, `lynx -dump`,
//! the extracted text of web-text corpora.
//!
//! What every engine's text reader needs: [`is_text`] tells a rendering from HTML; [`lines`]
//! takes the rendering apart into lines (bullets, indentation, rules, side-by-side columns),
//! [`labels`] knows chrome words in several languages, [`body`] renders post bodies and
//! quotes. The readers themselves live with their engine (`engines::smf::text`) and give the
//! same `Thread` as HTML input, with `Format::Text`; each knows its templates' shapes. Links, ids and URLs are mostly absent from renderings: those fields stay
//! `None`. Signatures have no markup either and are inferred from the layout
//! ([`crate::Signature::inferred`]).

pub(crate) mod body;
pub(crate) mod labels;
pub(crate) mod lines;

/// How much of the input [`is_text`] looks at.
const SNIFF: usize = 4096;

/// Tags whose presence makes input HTML.
const TAGS: &[&str] = &[
    "<!doctype",
    "<html",
    "<head",
    "<body",
    "<div",
    "<table",
    "<meta",
    "<script",
    "<p>",
    "<p ",
    "<br",
    "<span",
    "<a href",
    "<td",
    "<li",
    "<ul",
    "<link",
    "<title",
    "<!--",
];

/// Whether `input` is a text rendering rather than HTML: its first 4 KB start with no tag and
/// hold none of the structural tags of a page (a post quoting `<b>` stays text).
pub(crate) fn is_text(input: &str) -> bool {
    let input = input.trim_start_matches('\u{feff}').trim_start();
    if input.starts_with('<') {
        return false;
    }
    let end = (0..=SNIFF.min(input.len())).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
    let head = input[..end].to_ascii_lowercase();
    !TAGS.iter().any(|t| head.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_or_html() {
        assert!(is_text("Author Topic: Hello (Read 3 times)\n\nOffline bob\n"));
        assert!(is_text("Quote from: a on b\nuse <b> for bold\n"));
        assert!(!is_text("<div class=\"post\">x</div>"));
        assert!(!is_text("\u{feff}  <!DOCTYPE html><html>"));
        assert!(!is_text("Saved page\n<html><body>...</body></html>"));
        assert!(is_text(""));
        let long = "é".repeat(5000);
        assert!(is_text(&long));
    }
}
