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

pub(crate) mod anchored;
pub(crate) mod body;
pub(crate) mod labels;
pub(crate) mod lines;

/// How much of the input [`is_text`] looks at.
const SNIFF: usize = 4096;

/// Tags only a page's own markup holds: their presence makes input HTML.
const PAGE_TAGS: &[&str] = &["<!doctype", "<html", "<head", "<body", "<meta", "<title", "<link"];

/// Tags of page structure that a rendering may also show as text, in a post about markup
/// (`<script type="text/javascript">` in a code block).
const TAGS: &[&str] =
    &["<div", "<table", "<script", "<p>", "<p ", "<br", "<span", "<a href", "<td", "<li", "<ul", "<!--"];

/// Whether `input` is a text rendering rather than HTML: it does not start with a tag, its
/// first 4 KB hold none of a page's own tags (`<html>`, `<head>`, `<meta>`, ...), and
/// structural tags (`<div>`, `<script>`, ...) stand on at most a quarter of its lines there (a
/// post quoting markup stays text; markup without line breaks does not).
pub(crate) fn is_text(input: &str) -> bool {
    let input = input.trim_start_matches('\u{feff}').trim_start();
    if input.starts_with('<') {
        return false;
    }
    let end = (0..=SNIFF.min(input.len())).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
    let head = input[..end].to_ascii_lowercase();
    if PAGE_TAGS.iter().any(|t| head.contains(t)) {
        return false;
    }
    let lines = head.lines().filter(|l| !l.trim().is_empty()).count();
    let tagged = head.lines().filter(|l| TAGS.iter().any(|t| l.contains(t))).count();
    tagged * 4 <= lines
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
        assert!(!is_text("Saved page\n<div class=\"post\"><p>x</p></div>"));
        let quoted =
            format!("{}<script type=\"text/javascript\">\n", "Post by a » 1 Jan 2020\nline\n".repeat(4));
        assert!(is_text(&quoted));
        assert!(is_text(""));
        let long = "é".repeat(5000);
        assert!(is_text(&long));
    }
}
