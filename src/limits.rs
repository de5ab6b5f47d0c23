//! Limits on what a parse will take on. The depth and the size of the tree are held by the
//! tree builder itself (`page::build`); what is checked here, before the page is parsed, is
//! what html5ever's tokenizer does before any tree is built: it checks every attribute of a
//! tag against the tag's others, so a tag with 100,000 attributes takes seconds.
//! [`AttributeScan`] finds such tags in one linear pass, wherever the tokenizer could start
//! one; the tree builder runs it where the tokenizer stalls inside a token.

/// Default of [`crate::ParserBuilder::max_input_bytes`]: 64 MiB, above any real thread page
/// (the largest in the corpus is under 1 MB) and room for a single 50 MB post.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;

/// Default of [`crate::ParserBuilder::max_depth`]: 512, the depth at which browsers stop
/// nesting elements (Blink and WebKit cap their trees there). Real forum pages nest under
/// 100 deep; quote pyramids add about three levels per quote.
pub const DEFAULT_MAX_DEPTH: usize = 512;

/// Elements whose content is text up to their end tag.
const RAW_TEXT: &[&[u8]] =
    &[b"script", b"style", b"textarea", b"title", b"xmp", b"iframe", b"noembed", b"noframes"];

/// What one pass over a page's tags, before it is parsed, tells of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Tags {
    /// Whether an element that has content is written self-closing somewhere (`<iframe/>`,
    /// `<span class="x"/>`: see [`closes_itself`]), so that
    /// `page::tree::close_self_closed_tags` has work to do.
    pub self_closed: bool,
}

/// Elements that never have content: their end tag is implied, `/>` or not.
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
];

/// Whether the start tag `<name ATTRS/>` (`attrs` is what stands between the name and the
/// `/>`) writes an empty element the way an XML serialization of the DOM does, which an HTML
/// parser would instead leave open around the rest of its parent: pages saved by such
/// serializers (`<span class="u-anchorTarget" id="post-1"/>`, `<div class="x"/>`) hold them
/// by the hundred, and left open they wrap every later block of a post in the one before.
/// Not for void elements (already empty), `html`, `head` and `body`, nor when the `/` ends an
/// unquoted attribute value (`<a href=x/>` is a link to `x/`).
pub(crate) fn closes_itself(name: &[u8], attrs: &[u8]) -> bool {
    if VOID.iter().chain(&[&b"html"[..], b"head", b"body"]).any(|v| v.eq_ignore_ascii_case(name)) {
        return false;
    }
    let attrs = attrs.trim_ascii_end();
    match attrs.last() {
        None | Some(b'"' | b'\'') => true,
        // The last attribute: a name alone, or an unquoted value after `=`.
        Some(_) => {
            let last = attrs.rsplit(u8::is_ascii_whitespace).next().unwrap_or_default();
            !last.contains(&b'=')
        }
    }
}

/// One pass over the tags of `html`, linear in its length: whether it self-closes an
/// element that has content (outside SVG and MathML, where `/>` is read as written).
pub(crate) fn scan_tags(html: &[u8]) -> Tags {
    let mut foreign = 0usize;
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
        let is_foreign = name.eq_ignore_ascii_case(b"svg") || name.eq_ignore_ascii_case(b"math");
        if end_tag {
            foreign = foreign.saturating_sub(usize::from(is_foreign));
            continue;
        }
        let raw_text = RAW_TEXT.iter().find(|r| r.eq_ignore_ascii_case(name));
        // A raw-text element left open takes the rest of the page as its text: closed
        // whatever stands before its `/`.
        if self_closing && (raw_text.is_some() || name.eq_ignore_ascii_case(b"noscript")) {
            return Tags { self_closed: true };
        }
        if self_closing
            && foreign == 0
            && closes_itself(name, html.get(name_end..end - 2).unwrap_or_default())
        {
            return Tags { self_closed: true };
        }
        if is_foreign && !self_closing {
            foreign += 1;
        }
        if let Some(raw_text) = raw_text {
            i = raw_text_end(html, i, raw_text);
        }
    }
    Tags { self_closed: false }
}

/// The most attributes a tag may have: far above what pages write (the most an
/// [`AttributeScan`] of a whole corpus page counts is 144, in a script read as tags), low
/// enough that html5ever's check of each attribute against the others stays linear in the
/// input.
pub(crate) const MAX_ATTRIBUTES: usize = 1024;

/// Where html5ever's tokenizer is inside a tag (the HTML standard's tag states).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    TagName,
    BeforeName,
    Name,
    AfterName,
    BeforeValue,
    DoubleQuoted,
    SingleQuoted,
    Unquoted,
    AfterQuoted,
    SelfClosing,
}

const STATES: usize = 10;

impl State {
    /// The state after byte `b`, and whether `b` starts an attribute; `None` when `b` ends
    /// the tag. Carriage returns count as the newlines the tokenizer makes of them; bytes of
    /// other letters are letters.
    fn next(self, b: u8) -> Option<(State, bool)> {
        use State::*;
        let space = matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ');
        let to = match self {
            DoubleQuoted => return Some((if b == b'"' { AfterQuoted } else { DoubleQuoted }, false)),
            SingleQuoted => return Some((if b == b'\'' { AfterQuoted } else { SingleQuoted }, false)),
            _ if b == b'>' => return None,
            TagName if space => BeforeName,
            TagName if b == b'/' => SelfClosing,
            TagName => TagName,
            Name if space => AfterName,
            Name if b == b'/' => SelfClosing,
            Name if b == b'=' => BeforeValue,
            Name => Name,
            AfterName if space => AfterName,
            AfterName if b == b'/' => SelfClosing,
            AfterName if b == b'=' => BeforeValue,
            BeforeValue if space => BeforeValue,
            BeforeValue if b == b'"' => DoubleQuoted,
            BeforeValue if b == b'\'' => SingleQuoted,
            BeforeValue => Unquoted,
            Unquoted if space => BeforeName,
            Unquoted => Unquoted,
            // After a quoted value, and after a `/` not followed by `>`, the byte is read
            // again as before an attribute name; before a name, `/` goes on to a `/>`.
            AfterQuoted | SelfClosing | BeforeName if space => BeforeName,
            AfterQuoted | SelfClosing | BeforeName if b == b'/' => SelfClosing,
            // Any other byte (`=` included) starts an attribute's name.
            AfterName | AfterQuoted | SelfClosing | BeforeName => return Some((Name, true)),
        };
        Some((to, false))
    }
}

/// The most attribute starts any tag of `html` has, as html5ever's tokenizer would count
/// them, counted up to just past `stop_above`. One pass, linear in the input: see
/// [`AttributeScan`].
#[cfg(test)]
pub(crate) fn most_attributes(html: &[u8], stop_above: usize) -> usize {
    let mut scan = AttributeScan::at(0);
    scan.run(html, html.len(), stop_above);
    scan.most
}

/// A count of attribute starts over a stretch of the input, which can be resumed as more of
/// it is read.
///
/// Whether a `<` opens a tag depends on where the tokenizer is (a comment, a script, a quoted
/// value), which the tree builder decides: so every `<` followed by a letter (or `</` and a
/// letter) starts a tag here, and every such tag is followed through the tag states at once.
/// Tags in the same state at the same byte read the rest alike, so they are merged, keeping
/// the larger count: at most one tag per state is followed, and each count is at least the
/// count of every tag merged into it, among them the one the tokenizer reads. The tree
/// builder runs it only where the tokenizer has read a whole chunk without making anything
/// (`page::build`), so that ordinary markup costs nothing.
#[derive(Debug)]
pub(crate) struct AttributeScan {
    tags: [Option<usize>; STATES],
    active: usize,
    /// The most attribute starts of any tag followed so far.
    pub most: usize,
    /// The next byte to read.
    pos: usize,
}

impl AttributeScan {
    /// A scan that starts reading at byte `pos`, as if no tag were open before it.
    pub(crate) fn at(pos: usize) -> AttributeScan {
        AttributeScan { tags: [None; STATES], active: 0, most: 0, pos }
    }

    /// Reads on up to byte `until` of `html` (the whole input: the bytes before the scan's
    /// start tell whether a letter follows `<`), stopping early once a count passes
    /// `stop_above`; returns the most attribute starts of a tag so far.
    pub(crate) fn run(&mut self, html: &[u8], until: usize, stop_above: usize) -> usize {
        let html = html.get(..until).unwrap_or(html);
        let AttributeScan { tags, active, most, pos: i } = self;
        while *i < html.len() {
            if *active == 0 {
                // Nothing followed: on to the letter of the next tag start.
                let Some(lt) = memchr::memchr(b'<', html.get(*i..).unwrap_or_default()).map(|p| p + *i)
                else {
                    *i = html.len();
                    break;
                };
                *i = match (html.get(lt + 1), html.get(lt + 2)) {
                    (Some(c), _) if c.is_ascii_alphabetic() => lt + 1,
                    (Some(b'/'), Some(c)) if c.is_ascii_alphabetic() => lt + 2,
                    (Some(b'/'), None) | (None, _) => {
                        // The tag's letter is past `until`: read again from its `<`.
                        *i = lt;
                        break;
                    }
                    _ => {
                        *i = lt + 1;
                        continue;
                    }
                };
            } else if *active == 1 && !after_lt(html, *i) {
                // Inside one quoted value only: on to its closing quote or the next `<`.
                let quote = match (tags[State::DoubleQuoted as usize], tags[State::SingleQuoted as usize]) {
                    (Some(_), _) => Some(b'"'),
                    (_, Some(_)) => Some(b'\''),
                    _ => None,
                };
                if let Some(q) = quote {
                    match memchr::memchr2(q, b'<', html.get(*i..).unwrap_or_default()) {
                        Some(p) => *i += p,
                        None => {
                            *i = html.len();
                            break;
                        }
                    }
                }
            }
            let Some(&b) = html.get(*i) else { break };
            let starts = b.is_ascii_alphabetic() && after_lt(html, *i);
            let mut next: [Option<usize>; STATES] = [None; STATES];
            *active = 0;
            for (state, count) in STATE_LIST.iter().zip(*tags) {
                let Some(count) = count else { continue };
                if let Some((after, attribute)) = state.next(b) {
                    let count = count + usize::from(attribute);
                    *most = (*most).max(count);
                    let slot = &mut next[after as usize];
                    if slot.is_none() {
                        *active += 1;
                    }
                    *slot = Some(slot.map_or(count, |c| c.max(count)));
                }
            }
            if starts && next[State::TagName as usize].is_none() {
                next[State::TagName as usize] = Some(0);
                *active += 1;
            }
            *tags = next;
            *i += 1;
            if *most > stop_above {
                break;
            }
        }
        *most
    }
}

/// Whether byte `i` follows `<` or `</`: a letter there starts a tag.
fn after_lt(html: &[u8], i: usize) -> bool {
    let before = |k: usize| i.checked_sub(k).and_then(|j| html.get(j)).copied();
    before(1) == Some(b'<') || (before(1) == Some(b'/') && before(2) == Some(b'<'))
}

const STATE_LIST: [State; STATES] = [
    State::TagName,
    State::BeforeName,
    State::Name,
    State::AfterName,
    State::BeforeValue,
    State::DoubleQuoted,
    State::SingleQuoted,
    State::Unquoted,
    State::AfterQuoted,
    State::SelfClosing,
];

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
    fn self_closed_elements_are_seen() {
        for (html, seen) in [
            ("<div><iframe src=x/></div>", true),
            ("<div><iframe src='x'/></div>", true),
            ("<IFRAME src=\"x\" />", true),
            ("<noscript/><p>", true),
            ("<br/><img src=x /><hr/>", false),
            ("<p>a<div/>b", true),
            (r#"<span class="u-anchorTarget" id="post-1"/>"#, true),
            ("<span data-x />", true),
            ("<a href=x/>", false),
            ("<svg><path d='M0'/></svg><p>", false),
            ("<svg><path d='M0'/></svg><i/>", true),
            ("<body/>", false),
            ("<script>'<iframe/>'</script>", false),
            ("<!-- <iframe/> --><p>", false),
            ("</iframe/>", false),
        ] {
            assert_eq!(scan_tags(html.as_bytes()).self_closed, seen, "{html}");
        }
    }

    #[test]
    fn attributes_are_counted_as_the_tokenizer_reads_them() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("plain < text", 0),
            ("<p>", 0),
            ("<a href=x>", 1),
            ("<a href='x y z' title=\"a b\" data-x>", 3),
            ("<a b c d/>", 3),
            ("<a b/c/d>", 3),
            ("<a b= c d=e>", 2),
            ("<a b =c>", 1),
            ("<a \"b c>", 2),
            ("<a b='>' c>", 2),
            ("<a b=\"x\"c d>", 3),
            ("<a =b>", 1),
            ("</a b c>", 2),
            ("<a\r\nb\x0cc\td>", 3),
            // Every `<` and a letter may start a tag: inside a quoted value, a comment, a
            // script; the larger count of tags merged in one state is kept.
            ("<a title='<b c d e'>", 3),
            ("<!-- <a b c d e> -->", 4),
            ("<!--> <a b c d e f> -->", 5),
            ("<script>if (a<b c d) {}</script>", 4),
            ("<a b c <d e f g h>", 7),
            ("<a é ü>", 2),
        ];
        for (html, most) in cases {
            assert_eq!(most_attributes(html.as_bytes(), usize::MAX), *most, "{html:?}");
            // Read in two runs, cut anywhere (as the tree builder's chunks cut the input): the
            // same count.
            for cut in 0..=html.len() {
                let mut scan = AttributeScan::at(0);
                scan.run(html.as_bytes(), cut, usize::MAX);
                assert_eq!(scan.run(html.as_bytes(), html.len(), usize::MAX), *most, "{html:?} cut at {cut}");
            }
        }
    }

    #[test]
    fn many_attributes_are_seen_early() {
        let tag: String = (0..100_000).map(|i| format!(" a{i}")).collect();
        let html = format!("<div{tag}>");
        assert_eq!(most_attributes(html.as_bytes(), MAX_ATTRIBUTES), MAX_ATTRIBUTES + 1);
        // Overlapping starts do not add up to more work than the input: one tag per state.
        let html = "<a b ".repeat(100_000);
        assert!(most_attributes(html.as_bytes(), usize::MAX) >= 100_000);
    }

    #[test]
    fn junk_never_panics() {
        for html in [
            "<",
            "</",
            "<!",
            "<!--",
            "<a",
            "<a b='",
            "<script>",
            "<script></scr",
            "<\u{fffd}>",
            "<a/>",
            "</",
            "<a\"",
        ] {
            let _ = scan_tags(html.as_bytes());
            let _ = most_attributes(html.as_bytes(), 10);
        }
    }
}
