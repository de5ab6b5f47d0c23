//! Limits on what a parse will take on, checked before the page is parsed.
//!
//! html5ever checks its stack of open elements for each block-level start tag, so a page of
//! 100,000 nested `<div>`s takes minutes to parse; every walk up the tree in this crate costs
//! the depth too. [`scan_tags`] estimates the depth from the tags in one linear pass,
//! so such a page is refused in milliseconds with [`crate::Error::TooDeep`].

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

type FxBuild = BuildHasherDefault<FxHasher>;

/// Default of [`crate::ParserBuilder::max_input_bytes`]: 64 MiB, above any real thread page
/// (the largest in the corpus is under 1 MB) and room for a single 50 MB post.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Default of [`crate::ParserBuilder::max_depth`]: 512, the depth at which browsers stop
/// nesting elements (Blink and WebKit cap their trees there). Real forum pages nest under
/// 100 deep; quote pyramids add about three levels per quote.
pub const DEFAULT_MAX_DEPTH: usize = 512;

/// Elements that never hold others.
const VOID: &[&[u8]] = &[
    b"area",
    b"base",
    b"basefont",
    b"bgsound",
    b"br",
    b"col",
    b"embed",
    b"frame",
    b"hr",
    b"img",
    b"input",
    b"keygen",
    b"link",
    b"meta",
    b"param",
    b"source",
    b"track",
    b"wbr",
    b"image",
];

/// Elements the parser closes by itself when a sibling starts (or that are the page's
/// frame): they are not counted, so `<p>` or `<li>` without end tags do not add up.
const SELF_CLOSING: &[&[u8]] = &[
    b"p",
    b"li",
    b"dt",
    b"dd",
    b"option",
    b"optgroup",
    b"tr",
    b"td",
    b"th",
    b"tbody",
    b"thead",
    b"tfoot",
    b"colgroup",
    b"caption",
    b"rb",
    b"rt",
    b"rp",
    b"rtc",
    b"html",
    b"head",
    b"body",
];

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&[u8]] =
    &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"];

/// What one pass over a page's tags, before it is parsed, tells of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tags {
    /// The deepest nesting of elements, estimated from the tags as a tree builder would see
    /// them: an end tag closes its element and every element opened inside it, end tags of
    /// elements that are not open are ignored, and void or self-closing elements (see
    /// [`SELF_CLOSING`]) do not count.
    pub depth: usize,
    /// Whether a raw-text element (`<iframe/>`, `<script/>`, ...) is written self-closing
    /// somewhere, so that `page::tree::close_raw_text_tags` has work to do.
    pub self_closed_raw_text: bool,
}

/// One pass over the tags of `html`, linear in its length: its nesting depth (counted up to
/// just past `stop_above`) and whether it self-closes a raw-text element.
pub(crate) fn scan_tags(html: &[u8], stop_above: usize) -> Tags {
    let mut self_closed_raw_text = false;
    let mut names: HashMap<Vec<u8>, usize, FxBuild> = HashMap::default();
    let mut open_count: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut deepest = 0;
    // Open `<svg>` and `<math>` elements, and their name ids.
    let mut foreign = 0usize;
    let mut foreign_ids: HashSet<usize, FxBuild> = HashSet::default();
    let mut i = 0;
    while let Some(lt) = html.get(i..).and_then(|rest| memchr::memchr(b'<', rest)).map(|p| p + i) {
        i = lt + 1;
        let rest = html.get(i..).unwrap_or_default();
        if rest.starts_with(b"!--") {
            i = find(html, i + 3, b"-->").map_or(html.len(), |e| e + 3);
            continue;
        }
        let end_tag = rest.first() == Some(&b'/');
        let name_start = if end_tag { i + 1 } else { i };
        if !html.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            if matches!(rest.first(), Some(b'!' | b'?' | b'/')) {
                i = html.get(i..).and_then(|r| memchr::memchr(b'>', r)).map_or(html.len(), |e| i + e + 1);
            }
            continue;
        }
        let name_end = position(html, name_start, |c| c.is_ascii_whitespace() || c == b'/' || c == b'>')
            .unwrap_or(html.len());
        let name = html.get(name_start..name_end).unwrap_or_default();
        let (end, self_closing) = tag_end(html, name_end);
        i = end;
        let lower: Vec<u8>;
        let name: &[u8] = if name.iter().any(u8::is_ascii_uppercase) {
            lower = name.to_ascii_lowercase();
            &lower
        } else {
            name
        };
        if self_closing && !end_tag && (RAW_TEXT.contains(&name) || name == b"noscript") {
            self_closed_raw_text = true;
        }
        if VOID.contains(&name) || SELF_CLOSING.contains(&name) {
            continue;
        }
        // `<path/>` closes itself inside SVG and MathML (an icon sprite holds hundreds);
        // `<div/>` in HTML does not, and nests like `<div>`.
        if self_closing && !end_tag && foreign > 0 {
            continue;
        }
        if end_tag {
            let Some(&id) = names.get(name) else { continue };
            if open_count.get(id).copied().unwrap_or(0) == 0 {
                continue;
            }
            while let Some(top) = stack.pop() {
                if let Some(n) = open_count.get_mut(top) {
                    *n = n.saturating_sub(1);
                }
                if foreign_ids.contains(&top) {
                    foreign = foreign.saturating_sub(1);
                }
                if top == id {
                    break;
                }
            }
            continue;
        }
        if RAW_TEXT.contains(&name) {
            // Written self-closing, it is closed before parsing (see `self_closed_raw_text`):
            // what follows is markup, not its text.
            if !self_closing {
                i = raw_text_end(html, i, name);
            }
            continue;
        }
        let id = match names.get(name) {
            Some(&id) => id,
            None => {
                let id = open_count.len();
                names.insert(name.to_vec(), id);
                open_count.push(0);
                id
            }
        };
        if let Some(n) = open_count.get_mut(id) {
            *n += 1;
        }
        if name == b"svg" || name == b"math" {
            foreign_ids.insert(id);
            foreign += 1;
        }
        stack.push(id);
        deepest = deepest.max(stack.len());
        if deepest > stop_above {
            break;
        }
    }
    Tags { depth: deepest, self_closed_raw_text }
}

/// The index after the `>` ending a tag whose attributes start at `i` (quoted values may
/// hold `>`), and whether the tag ends with `/>`.
fn tag_end(html: &[u8], mut i: usize) -> (usize, bool) {
    while let Some(at) =
        html.get(i..).and_then(|rest| memchr::memchr3(b'>', b'"', b'\'', rest)).map(|p| p + i)
    {
        let c = html[at];
        if c == b'>' {
            return (at + 1, at > 0 && html[at - 1] == b'/');
        }
        // A quote opens a value only after '=' (possibly spaced); elsewhere it is junk the
        // tokenizer takes as part of a name.
        i = if preceded_by_equals(html, at) {
            html.get(at + 1..).and_then(|rest| memchr::memchr(c, rest)).map_or(html.len(), |e| at + 1 + e + 1)
        } else {
            at + 1
        };
    }
    (html.len(), false)
}

fn preceded_by_equals(html: &[u8], at: usize) -> bool {
    html.get(..at).and_then(|before| before.iter().rev().find(|c| !c.is_ascii_whitespace())) == Some(&b'=')
}

/// The index after the end tag `</name>` closing raw text that starts at `i`.
fn raw_text_end(html: &[u8], mut i: usize, name: &[u8]) -> usize {
    while let Some(lt) = find(html, i, b"</") {
        let after = lt + 2;
        if html.get(after..after + name.len()).is_some_and(|n| n.eq_ignore_ascii_case(name)) {
            return tag_end(html, after + name.len()).0;
        }
        i = after;
    }
    html.len()
}

fn position(html: &[u8], from: usize, pred: impl Fn(u8) -> bool) -> Option<usize> {
    html.get(from..)?.iter().position(|&c| pred(c)).map(|p| p + from)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_estimates() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("plain", 0),
            ("<div><div></div><div><span>x</span></div></div>", 3),
            ("<html><body><p>a<p>b<ul><li>x<li>y</ul><br><img src=x>", 1),
            // An end tag closes what was opened inside it and not closed.
            ("<div><b><i>x</div><div>y</div>", 3),
            // End tags of elements that are not open are ignored.
            ("</div></div><div>x</div>", 1),
            ("<DIV><Div></div></DIV>", 2),
            // Markup inside scripts, comments and quoted attributes is not markup.
            ("<script>if (a<b) { '<div><div>' }</script><div>", 1),
            ("<!-- <div><div><div> --><div>", 1),
            ("<a title='<div><div>' href=\"x>y\">z</a>", 1),
            ("<div class=a\"b><div>", 2),
            // Self-closing tags close inside SVG and MathML only.
            ("<svg><symbol><path d=\"M0 0\"/><path/></symbol></svg><div>", 2),
            ("<div/><div/><div/>", 3),
            ("<svg><g/></svg><b/>", 1),
        ];
        for (html, depth) in cases {
            assert_eq!(scan_tags(html.as_bytes(), usize::MAX).depth, *depth, "{html}");
        }
    }

    #[test]
    fn nesting_after_a_self_closed_raw_text_tag_counts() {
        let html = format!("<iframe src=\"x\"/>{}", "<div>".repeat(600));
        assert_eq!(scan_tags(html.as_bytes(), 512).depth, 513);
        let html = format!("<script>{}</script><div>", "<div>".repeat(600));
        assert_eq!(scan_tags(html.as_bytes(), 512).depth, 1);
    }

    #[test]
    fn self_closed_raw_text_is_seen() {
        for (html, seen) in [
            ("<div><iframe src=x/></div>", true),
            ("<div><iframe src='x'/></div>", true),
            ("<IFRAME src=\"x\" />", true),
            ("<noscript/><p>", true),
            ("<br/><img src=x /><div/>", false),
            ("<script>'<iframe/>'</script>", false),
        ] {
            assert_eq!(scan_tags(html.as_bytes(), usize::MAX).self_closed_raw_text, seen, "{html}");
        }
    }

    #[test]
    fn deep_nesting_is_seen_early() {
        let html = "<div>".repeat(100_000);
        assert_eq!(scan_tags(html.as_bytes(), 512).depth, 513);
        let html = "<blockquote><div>x".repeat(50_000);
        assert!(scan_tags(html.as_bytes(), 512).depth > 512);
    }

    #[test]
    fn junk_never_panics() {
        for html in
            ["<", "</", "<!", "<!--", "<a", "<a b='", "<script>", "<script></scr", "<\u{fffd}>", "<a/>"]
        {
            let _ = scan_tags(html.as_bytes(), 10);
        }
    }
}
