//! Plain-text renderings of thread pages: browser "copy page", `w3m -dump`, `lynx -dump`,
//! the extracted text of web-text corpora.
//!
//! [`is_text`] tells a rendering from HTML; [`parse`] reads one into the same [`Thread`] as
//! HTML input, with [`Format::Text`]. Renderings have no markup, so fields come from the
//! chrome's words and shapes: [`lines`] takes the rendering apart into lines (bullets,
//! indentation, rules, side-by-side columns), [`labels`] knows chrome words in several
//! languages, [`body`] renders post bodies and quotes; each engine's file knows its
//! templates' shapes. Links, ids and URLs are mostly absent from renderings: those fields stay
//! `None`. Signatures have no markup either and are inferred from the layout
//! ([`crate::Signature::inferred`]).

use crate::error::Error;
use crate::model::{Engine, Format, Thread};
use crate::parser::Ctx;

mod body;
mod labels;
mod lines;
mod smf;

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

/// Parses a text rendering as `engine` (SMF when `None`: the only engine read from text yet).
pub(crate) fn parse(input: &str, engine: Option<&Engine>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let input = input.trim_start_matches('\u{feff}');
    let mut thread = match engine {
        None | Some(Engine::Smf) => {
            let lines = lines::read(input, &smf::ends_rows);
            smf::parse(&lines, ctx)?
        }
        Some(other) => return Err(Error::UnsupportedEngine { detected: other.clone() }),
    };
    thread.engine = Engine::Smf;
    thread.format = Format::Text;
    Ok(thread)
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

    /// Shapes repeated tens of thousands of times: every step of the parse must stay linear.
    #[test]
    fn adversarial_repetition_stays_linear() {
        let shapes = [
            "Quote from: a on 1\nx\n",
            "*****\n",
            "name\n  • *****\n  • Posts: 1\n",
            "a                [xx] b\nc                1\n                 ━━━━━━━━━━━━\n",
            "Title: t\nPost by: a on 1\n",
            "Offline x\n\n  • Posts: 1\n  • Offline\nsame signature line here\n",
        ];
        for shape in shapes {
            let input = shape.repeat(10_000);
            let mut ctx = Ctx { base: None, dates: Default::default(), warnings: Vec::new() };
            let _ = parse(&input, None, &mut ctx);
        }
    }
}
