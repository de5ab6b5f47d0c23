//! HTML documents back to back in one file (a concatenated dump, or one saved page): where
//! one document ends and the next begins.
//!
//! The file is read in chunks by a small tokenizer that knows what HTML keeps apart from
//! markup: comments (`<!-- -->`, and `<!-->` closed at once), declarations (`<!...>`,
//! `<?...>`), tags with their quoted attribute values, and the raw text of `script`,
//! `style`, `textarea`, `title`, `xmp`, `iframe`, `noembed`, `noframes` and `noscript`.
//! A document start (`<!DOCTYPE`, `<?xml`, `<html`, with the byte-order mark before it) is
//! a new document only on evidence that the one before has ended or was cut short:
//!
//! 1. **After `</html>`.** A `</html>` in markup ends the document. A document start that
//!    follows it, with only text, comments, scripts and elements opened after it in
//!    between (what hosting services append), begins the next document. An end tag for an
//!    element opened before the `</html>` means the page goes on, as when a server includes
//!    a whole document inside a page (`<div><!DOCTYPE html><html>...</html></div>`): the
//!    `</html>` is forgotten.
//! 2. **A seam inside an open construct.** `</html>`, blank space, then a document start,
//!    inside a comment, script, attribute value or tag that was never closed: the page that
//!    left it open ended there, and the next begins.
//! 3. **A page cut short.** A `<!DOCTYPE` or `<?xml` at the start of a line, after the
//!    document's own `<html>`, `<head>` or `<body>`, with no `</html>` before it (in markup, or inside
//!    a construct left open), may be the next page after a truncated one, or part of this
//!    one (a script's template, a commented-out header, an included document). The text
//!    from there is read as a document of its own: when it ends as a page ends (its
//!    `</html>` followed by the next document or the end of the file), it is the next
//!    document; when the page goes on after its `</html>` (rule 1), or the construct it sits
//!    in closes before its first tag, it is part of this one. A candidate still open when
//!    the document reaches the size limit is taken as the next document.
//!
//! Anything else is one document, whatever it holds: `<html>` or `<!DOCTYPE html>` inside
//! an attribute value (as DOM serializations write `srcdoc`), written by a script, in a
//! comment, or a doctype after a script a host put before it. A text rendering has no
//! document start, so a file of text pages is one document (text pages come one per file).
//! A document found by rule 2 or 3 carries a note saying what was left open and where the
//! next document starts; the pipeline turns it into a warning of the page (field
//! `"document"`), or adds it to the page's error.
//!
//! Only the current document is held, up to the size limit, and each byte is scanned once
//! (twice in the stretch after a rule-3 candidate).

use std::collections::VecDeque;
use std::io::{self, BufRead};

use memchr::{memchr, memchr2};

use super::raw::{ErrorKind, PageError, RawPage};
use super::source::{Source, has_content, starts_ci};

/// Enough bytes after a `<` to tell what it starts (`</noframes`, `<!doctype`).
const LOOKAHEAD: usize = 16;
/// Blank space looked through between a `</html>` and a document start (rule 2).
const SEAM_SPACE: usize = 1024;
/// Rule-3 candidates weighed per document: each is read up to where it is told apart, so
/// this bounds the work on a document of many (later ones are part of the document).
const MAX_CANDIDATES: u8 = 8;
const BOM: [u8; 3] = [0xef, 0xbb, 0xbf];

/// Where the tokenizer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Data,
    /// Inside a tag, after `<name`; `raw` is the end of the raw text the tag opens.
    Tag {
        raw: Option<&'static [u8]>,
    },
    /// Inside an attribute value quoted with `quote`.
    Attr {
        quote: u8,
        raw: Option<&'static [u8]>,
    },
    Comment,
    /// `<!...>` and `<?...>` up to `>`, doctypes included.
    Declaration,
    /// Raw text up to this end tag (`</script`).
    Raw(&'static [u8]),
}

impl Mode {
    /// The construct, in words.
    fn what(self) -> String {
        match self {
            Mode::Data => "markup".into(),
            Mode::Tag { .. } => "a tag".into(),
            Mode::Attr { .. } => "an attribute value".into(),
            Mode::Comment => "a comment".into(),
            Mode::Declaration => "a <!...> declaration".into(),
            Mode::Raw(end) => format!("a <{}> element", String::from_utf8_lossy(&end[2..])),
        }
    }
}

/// Elements whose content is raw text, with the end tag that closes it.
const RAW: [&[u8]; 9] = [
    b"</script",
    b"</style",
    b"</textarea",
    b"</title",
    b"</xmp",
    b"</iframe",
    b"</noembed",
    b"</noframes",
    b"</noscript",
];

/// Elements without an end tag.
const VOID: [&[u8]; 14] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    Doctype,
    Xml,
    Html,
}

/// What a scan stopped at.
#[derive(Debug, PartialEq, Eq)]
enum Event {
    /// A document starts at `at` (rule 1, or rule 2 with what was left open and where).
    Start { at: usize, open: Option<(Mode, usize)> },
    /// A rule-3 candidate: the next document may start at `at` (its `<` at `lt`).
    Candidate { at: usize, lt: usize },
    /// After `</html>`, an end tag for an element opened before it (reported to a
    /// candidate's scan only).
    Resumed,
    /// Every byte given has been scanned (or the rest is too short to tell).
    More,
}

/// The tokenizer's state within one document, at offsets of the document's buffer.
#[derive(Clone, Debug)]
struct Scanner {
    pos: usize,
    mode: Mode,
    /// Where the open construct (comment, tag, raw text...) began.
    opened: usize,
    /// The document's own `<html>`, `<head>` or `<body>` has been seen.
    begun: bool,
    /// After `</html>`: how many elements have been opened since.
    ended: Option<u32>,
    /// The first `<html>`, `<head>` or `<body>` tag, and the first comment or raw-text
    /// element opened.
    first_root: Option<usize>,
    first_open: Option<usize>,
    /// Rule-3 candidates this document may still weigh.
    candidates: u8,
    /// A candidate looked at and found to be part of the document.
    passed: Option<usize>,
}

impl Scanner {
    fn at(pos: usize) -> Scanner {
        Scanner {
            pos,
            mode: Mode::Data,
            opened: pos,
            begun: false,
            ended: None,
            first_root: None,
            first_open: None,
            candidates: MAX_CANDIDATES,
            passed: None,
        }
    }

    fn enter(&mut self, mode: Mode, opened: usize, pos: usize) {
        self.mode = mode;
        self.opened = opened;
        self.pos = pos;
    }

    /// Scans on from `pos`. A candidate's own scan (`alt`) reports no candidates, and
    /// reports [`Event::Resumed`].
    fn scan(&mut self, buf: &[u8], eof: bool, alt: bool) -> Event {
        loop {
            let i = self.pos;
            if i >= buf.len() {
                return Event::More;
            }
            // The next byte that matters in this mode.
            let (found, lt) = match self.mode {
                Mode::Data => (memchr(b'<', &buf[i..]), true),
                Mode::Tag { raw } => match self.tag(buf, raw) {
                    Some(at) => (Some(at - i), true),
                    None => continue,
                },
                Mode::Attr { quote, .. } => (memchr2(quote, b'<', &buf[i..]), false),
                Mode::Comment | Mode::Declaration => (memchr2(b'>', b'<', &buf[i..]), false),
                Mode::Raw(_) => (memchr(b'<', &buf[i..]), true),
            };
            let Some(k) = found else {
                self.pos = buf.len();
                return Event::More;
            };
            let at = i + k;
            if !lt && buf[at] != b'<' {
                // The construct's end.
                match self.mode {
                    Mode::Attr { raw, .. } => self.enter(Mode::Tag { raw }, self.opened, at + 1),
                    Mode::Comment => {
                        let body = &buf[(self.opened + 4).min(at)..at];
                        if body.ends_with(b"--") || body.ends_with(b"--!") {
                            self.enter(Mode::Data, at, at + 1);
                        } else {
                            self.pos = at + 1;
                        }
                    }
                    _ => self.enter(Mode::Data, at, at + 1),
                }
                continue;
            }
            if buf.len() - at < LOOKAHEAD && !eof {
                self.pos = at;
                return Event::More;
            }
            let event = match self.mode {
                Mode::Data => self.markup(buf, at, alt),
                Mode::Raw(end) if starts_ci(&buf[at..], end) && ends_name(buf.get(at + end.len())) => {
                    self.enter(Mode::Tag { raw: None }, at, at + end.len());
                    None
                }
                _ => match self.inside(buf, at, eof, alt) {
                    Some(event) => Some(event),
                    None => {
                        self.pos = at + 1;
                        None
                    }
                },
            };
            if let Some(event) = event {
                return event;
            }
        }
    }

    /// Inside a tag: its end, a quoted value, or a `<` that may start a document. Returns
    /// the offset of the `<`, or `None` when the mode changed or the buffer ended.
    fn tag(&mut self, buf: &[u8], raw: Option<&'static [u8]>) -> Option<usize> {
        while let Some(k) = memchr::memchr3(b'>', b'"', b'\'', &buf[self.pos..]) {
            let j = self.pos + k;
            if let Some(lt) = memchr(b'<', &buf[self.pos..j]) {
                return Some(self.pos + lt);
            }
            if buf[j] == b'>' {
                let mode = raw.map_or(Mode::Data, Mode::Raw);
                self.enter(mode, j, j + 1);
                return None;
            }
            let before = buf[self.opened..j].iter().rev().find(|b| !b.is_ascii_whitespace());
            if before == Some(&b'=') {
                self.enter(Mode::Attr { quote: buf[j], raw }, j, j + 1);
                return None;
            }
            self.pos = j + 1;
        }
        match memchr(b'<', &buf[self.pos..]) {
            Some(lt) => Some(self.pos + lt),
            None => {
                self.pos = buf.len();
                None
            }
        }
    }

    /// A `<` in markup: what it opens, and whether a document starts there.
    fn markup(&mut self, buf: &[u8], at: usize, alt: bool) -> Option<Event> {
        let rest = &buf[at..];
        match rest.get(1).copied() {
            Some(b'!') => {
                if rest.starts_with(b"<!--") {
                    // `<!-->` and `<!--->` are comments closed at once.
                    match (rest.get(4), rest.get(5)) {
                        (Some(b'>'), _) => self.pos = at + 5,
                        (Some(b'-'), Some(b'>')) => self.pos = at + 6,
                        _ => {
                            self.first_open.get_or_insert(at);
                            self.enter(Mode::Comment, at, at + 4);
                        }
                    }
                    return None;
                }
                if starts_ci(rest, b"<!doctype") {
                    if let Some(event) = self.start(buf, at, Start::Doctype, alt) {
                        return Some(event);
                    }
                }
                self.enter(Mode::Declaration, at, at + 2);
            }
            Some(b'?') => {
                if starts_ci(rest, b"<?xml") {
                    if let Some(event) = self.start(buf, at, Start::Xml, alt) {
                        return Some(event);
                    }
                }
                self.enter(Mode::Declaration, at, at + 2);
            }
            Some(b'/') => match rest.get(2) {
                Some(c) if c.is_ascii_alphabetic() => {
                    let name = tag_name(&rest[2..]);
                    self.enter(Mode::Tag { raw: None }, at, at + 2 + name.len());
                    if name.eq_ignore_ascii_case(b"html") {
                        self.ended = Some(0);
                    } else if let Some(depth) = self.ended {
                        if name.eq_ignore_ascii_case(b"body") {
                        } else if depth == 0 {
                            // It closes an element opened before `</html>`: the page goes on.
                            self.ended = None;
                            if alt {
                                return Some(Event::Resumed);
                            }
                        } else {
                            self.ended = Some(depth - 1);
                        }
                    }
                }
                Some(b'>') => self.pos = at + 3,
                _ => self.enter(Mode::Declaration, at, at + 2),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let name = tag_name(&rest[1..]);
                if name.eq_ignore_ascii_case(b"html") {
                    if let Some(event) = self.start(buf, at, Start::Html, alt) {
                        return Some(event);
                    }
                }
                if ["html", "head", "body"].iter().any(|root| root.as_bytes().eq_ignore_ascii_case(name)) {
                    self.begun = true;
                    self.first_root.get_or_insert(at);
                }
                let raw = RAW.iter().copied().find(|end| end[2..].eq_ignore_ascii_case(name));
                if raw.is_some() {
                    self.first_open.get_or_insert(at);
                }
                if let Some(depth) = &mut self.ended {
                    if raw.is_none() && !VOID.iter().any(|v| v.eq_ignore_ascii_case(name)) {
                        *depth += 1;
                    }
                }
                self.enter(Mode::Tag { raw }, at, at + 1 + name.len());
            }
            _ => self.pos = at + 1,
        }
        None
    }

    /// A document start in markup: rule 1, or a rule-3 candidate; `None` when it is this
    /// document's own.
    fn start(&mut self, buf: &[u8], lt: usize, kind: Start, alt: bool) -> Option<Event> {
        let at = with_bom(buf, lt);
        if self.ended.is_some() && at > 0 {
            return Some(Event::Start { at, open: None });
        }
        if !alt && kind != Start::Html && self.candidate(buf, lt, at) {
            return Some(Event::Candidate { at, lt });
        }
        None
    }

    /// A `<` inside a construct: rule 2 or a rule-3 candidate, or `Event::More` when more
    /// bytes are needed to tell.
    fn inside(&mut self, buf: &[u8], lt: usize, eof: bool, alt: bool) -> Option<Event> {
        let rest = &buf[lt..];
        if starts_ci(rest, b"</html") && ends_name(rest.get(6)) {
            let window = &rest[6..rest.len().min(6 + 64)];
            let Some(gt) = memchr(b'>', window) else {
                return (window.len() < 64 && !eof).then(|| self.wait(lt));
            };
            let after = lt + 6 + gt + 1;
            let space = buf[after..].iter().take(SEAM_SPACE).take_while(|b| b.is_ascii_whitespace()).count();
            if space == SEAM_SPACE {
                return None;
            }
            let next = after + space;
            if buf.len() - next < LOOKAHEAD && !eof {
                return Some(self.wait(lt));
            }
            let start = if buf[next..].starts_with(&BOM) { next + 3 } else { next };
            if doc_start(&buf[start..]).is_some() {
                return Some(Event::Start { at: next, open: Some((self.mode, self.opened)) });
            }
            return None;
        }
        let kind = doc_start(rest)?;
        if alt || kind == Start::Html {
            return None;
        }
        let at = with_bom(buf, lt);
        self.candidate(buf, lt, at).then_some(Event::Candidate { at, lt })
    }

    /// Whether a `<!DOCTYPE` or `<?xml` at `lt` (`at` with its byte-order mark) is a rule-3
    /// candidate.
    fn candidate(&mut self, buf: &[u8], lt: usize, at: usize) -> bool {
        let yes = self.begun && self.passed != Some(lt) && self.candidates > 0 && at_line_start(buf, at);
        if yes {
            self.candidates -= 1;
        }
        yes
    }

    fn wait(&mut self, lt: usize) -> Event {
        self.pos = lt;
        Event::More
    }

    /// The buffer lost its first `n` bytes.
    fn shift(&mut self, n: usize) {
        self.pos -= n;
        self.opened = self.opened.saturating_sub(n);
        self.first_root = self.first_root.map(|t| t.saturating_sub(n));
        self.first_open = self.first_open.map(|t| t.saturating_sub(n));
        self.passed = self.passed.and_then(|p| p.checked_sub(n));
    }
}

/// The document start `bytes` begin with, if any.
fn doc_start(bytes: &[u8]) -> Option<Start> {
    if starts_ci(bytes, b"<!doctype") {
        Some(Start::Doctype)
    } else if starts_ci(bytes, b"<?xml") {
        Some(Start::Xml)
    } else if starts_ci(bytes, b"<html") && ends_name(bytes.get(5)) {
        Some(Start::Html)
    } else {
        None
    }
}

/// The byte after a tag name ends it: `<html>`, `<html lang=..>`, `<html/>`.
fn ends_name(b: Option<&u8>) -> bool {
    b.is_none_or(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

/// The tag name at the start of `bytes` (as far as the lookahead shows it).
fn tag_name(bytes: &[u8]) -> &[u8] {
    let n = bytes.iter().take(LOOKAHEAD).take_while(|b| b.is_ascii_alphanumeric() || **b == b'-').count();
    &bytes[..n]
}

/// A byte-order mark just before a document start belongs to it.
fn with_bom(buf: &[u8], lt: usize) -> usize {
    if lt >= 3 && buf[lt - 3..lt] == BOM { lt - 3 } else { lt }
}

/// Whether only blank space lies between the last line end and `at`.
fn at_line_start(buf: &[u8], at: usize) -> bool {
    buf[..at].iter().rev().find(|b| !matches!(b, b' ' | b'\t' | b'\r')) == Some(&b'\n')
}

/// Where a construct open at `from` closes, searching `buf[from..]`.
fn construct_end(mode: Mode, buf: &[u8], from: usize, opened: usize) -> Option<usize> {
    let hay = buf.get(from..)?;
    match mode {
        Mode::Data => None,
        Mode::Attr { quote, .. } => memchr(quote, hay).map(|k| from + k),
        // A `<` in a tag or declaration outside quotes is already a sign of a broken one:
        // its `>` (likely the candidate's own) tells nothing.
        Mode::Tag { .. } | Mode::Declaration => None,
        Mode::Comment => memchr::memchr_iter(b'>', hay).map(|k| from + k).find(|&gt| {
            let body = &buf[(opened + 4).min(gt)..gt];
            body.ends_with(b"--") || body.ends_with(b"--!")
        }),
        Mode::Raw(end) => memchr::memchr_iter(b'<', hay)
            .map(|k| from + k)
            .find(|&lt| starts_ci(&buf[lt..], end) && ends_name(buf.get(lt + end.len()))),
    }
}

/// A rule-3 candidate being weighed.
struct Pending {
    at: usize,
    lt: usize,
    /// What the document before had open at the candidate, and since where.
    mode: Mode,
    opened: usize,
    /// The candidate's text read as a document of its own.
    alt: Scanner,
    /// Where the open construct closes, once found; and how far it was looked for.
    closes: Option<usize>,
    searched: usize,
}

enum Verdict {
    /// The next document starts at the candidate.
    Next,
    /// The candidate is part of the document.
    Part,
    Wait,
}

impl Pending {
    fn new(at: usize, lt: usize, scan: &Scanner) -> Pending {
        Pending {
            at,
            lt,
            mode: scan.mode,
            opened: scan.opened,
            alt: Scanner::at(at),
            closes: None,
            searched: lt + 1,
        }
    }

    fn weigh(&mut self, buf: &[u8], eof: bool) -> Verdict {
        let event = self.alt.scan(buf, eof, true);
        if self.mode != Mode::Data && self.closes.is_none() {
            self.closes = construct_end(self.mode, buf, self.searched, self.opened);
            // What the search saw (but a `</script` or `--` cut at the end) is not looked at again.
            self.searched = buf.len().saturating_sub(LOOKAHEAD).max(self.searched);
        }
        if let Some(closes) = self.closes {
            // The construct closes before the candidate's `<html>`, `<head>` or `<body>`
            // (and not as the end of a comment or script of its own): a document start
            // commented out, quoted, or in a template.
            let first = self.alt.first_root.into_iter().chain(self.alt.first_open).min();
            if closes < first.unwrap_or(usize::MAX) && (first.is_some() || self.alt.pos > closes || eof) {
                return Verdict::Part;
            }
        }
        match event {
            Event::Start { .. } => Verdict::Next,
            Event::Resumed => Verdict::Part,
            Event::More | Event::Candidate { .. } if eof => Verdict::Next,
            Event::More | Event::Candidate { .. } => Verdict::Wait,
        }
    }
    /// The note of a document the candidate ends, which starts at `start`.
    fn note(&self, start: u64) -> String {
        let next = start + self.at as u64;
        match self.mode {
            Mode::Data => format!(
                "the document is cut short: it has no </html> before the next document, which starts \
                 at offset {next} (a <!DOCTYPE at the start of a line)"
            ),
            mode => format!(
                "the document is cut short inside {} opened at offset {}: the next document starts at \
                 offset {next} (a <!DOCTYPE at the start of a line)",
                mode.what(),
                start + self.opened as u64
            ),
        }
    }
}

/// The documents of one file. See the module's documentation for where they are split.
pub(crate) struct Documents {
    src: Source,
    buf: Vec<u8>,
    /// Decompressed offset of `buf[0]`.
    start: u64,
    /// `(decompressed offset, gzip member)` of the chunks appended since the document began.
    chunks: VecDeque<(u64, u64)>,
    scan: Scanner,
    pending: Option<Pending>,
    discarding: bool,
    eof: bool,
}

/// What the scan of the buffer came to.
enum Step {
    /// The document ends at this offset, with a note when it was cut short.
    Split(usize, Option<String>),
    More,
}

impl Documents {
    pub(crate) fn new(src: Source) -> Documents {
        Documents {
            src,
            buf: Vec::new(),
            start: 0,
            chunks: VecDeque::new(),
            scan: Scanner::at(0),
            pending: None,
            discarding: false,
            eof: false,
        }
    }

    fn member_at(&mut self, offset: u64) -> Option<u64> {
        while self.chunks.len() > 1 && self.chunks[1].0 <= offset {
            self.chunks.pop_front();
        }
        self.chunks.front().map(|c| c.1)
    }

    pub(crate) fn next(&mut self) -> Option<Result<RawPage, PageError>> {
        loop {
            if let Step::Split(b, note) = self.step() {
                let doc_start = self.start;
                let member = self.member_at(doc_start);
                let rest = self.buf.split_off(b);
                let doc = std::mem::replace(&mut self.buf, rest);
                self.start += b as u64;
                self.scan = Scanner::at(0);
                self.pending = None;
                if std::mem::take(&mut self.discarding) || !has_content(&doc) {
                    continue;
                }
                return Some(self.checked(doc, doc_start, member, note));
            }
            if self.eof {
                let doc = std::mem::take(&mut self.buf);
                if self.discarding || !has_content(&doc) {
                    return None;
                }
                let member = self.member_at(self.start);
                return Some(self.checked(doc, self.start, member, None));
            }
            if self.buf.len() > self.src.max && !self.discarding {
                if let Some(p) = self.pending.take() {
                    // A candidate still open at the size limit: the next document.
                    let note = p.note(self.start);
                    self.scan = Scanner::at(0);
                    let doc_start = self.start;
                    let member = self.member_at(doc_start);
                    let rest = self.buf.split_off(p.at);
                    let doc = std::mem::replace(&mut self.buf, rest);
                    self.start += p.at as u64;
                    return Some(self.checked(doc, doc_start, member, Some(note)));
                }
                self.discarding = true;
                let member = self.member_at(self.start);
                let origin = self.src.origin(self.start, member);
                let reason = format!("document larger than {} bytes; skipped", self.src.max);
                self.drop_scanned();
                return Some(Err(PageError::new(origin, ErrorKind::TooLarge, reason)));
            }
            if self.discarding {
                self.drop_scanned();
            }
            if let Err(e) = self.fill() {
                let member = self.member_at(self.start);
                let origin = self.src.origin(self.start, member);
                self.buf.clear();
                self.scan = Scanner::at(0);
                self.pending = None;
                self.discarding = false;
                if self.src.stream.recover() {
                    let (pos, member) = self.src.mark();
                    self.start = pos;
                    self.chunks.clear();
                    self.chunks.extend(member.map(|m| (pos, m)));
                } else {
                    self.eof = true;
                }
                return Some(Err(PageError::new(origin, ErrorKind::Corrupt, e.to_string())));
            }
        }
    }

    /// Scans what has been read: a split, or the need for more.
    fn step(&mut self) -> Step {
        loop {
            if let Some(p) = &mut self.pending {
                match p.weigh(&self.buf, self.eof) {
                    Verdict::Next => {
                        let note = p.note(self.start);
                        return Step::Split(p.at, Some(note));
                    }
                    Verdict::Part => {
                        self.scan.pos = p.lt;
                        self.scan.passed = Some(p.lt);
                        self.pending = None;
                    }
                    Verdict::Wait => return Step::More,
                }
            }
            match self.scan.scan(&self.buf, self.eof, false) {
                Event::Start { at, open } => {
                    let note = open.map(|(mode, opened)| {
                        format!(
                            "the document ends inside {} opened at offset {} and never closed; the next \
                             document starts after its </html>, at offset {}",
                            mode.what(),
                            self.start + opened as u64,
                            self.start + at as u64
                        )
                    });
                    return Step::Split(at, note);
                }
                Event::Candidate { at, lt } => {
                    let pending = Pending::new(at, lt, &self.scan);
                    if self.discarding {
                        // The document is being skipped whole: no need to weigh.
                        return Step::Split(at, None);
                    }
                    self.pending = Some(pending);
                }
                Event::Resumed => {}
                Event::More => return Step::More,
            }
        }
    }

    /// A document found whole: a page, or too large.
    fn checked(
        &self,
        bytes: Vec<u8>,
        offset: u64,
        member: Option<u64>,
        note: Option<String>,
    ) -> Result<RawPage, PageError> {
        let origin = self.src.origin(offset, member);
        if bytes.len() > self.src.max {
            let reason = format!("document larger than {} bytes; skipped", self.src.max);
            return Err(PageError::new(origin, ErrorKind::TooLarge, reason));
        }
        Ok(RawPage { bytes, origin, charset: None, notes: note.into_iter().collect() })
    }

    /// While skipping an oversized document: forget what has been scanned (but the few bytes
    /// a look back may need).
    fn drop_scanned(&mut self) {
        let n = self.scan.pos.saturating_sub(LOOKAHEAD);
        self.buf.drain(..n);
        self.start += n as u64;
        self.scan.shift(n);
    }

    /// Appends the next chunk of the stream.
    fn fill(&mut self) -> io::Result<()> {
        let stream = &mut self.src.stream;
        let chunk = stream.fill_buf()?;
        if chunk.is_empty() {
            self.eof = true;
            return Ok(());
        }
        let n = chunk.len();
        self.buf.extend_from_slice(chunk);
        if let Some(member) = stream.member() {
            if self.chunks.back().is_none_or(|c| c.1 != member) {
                self.chunks.push_back((stream.position(), member));
            }
        }
        stream.consume(n);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::dump::ReadCounters;

    /// The documents of `data` read as one file, trimmed, each with its notes.
    fn documents(data: &[u8]) -> Vec<(String, Vec<String>)> {
        let dir = std::env::temp_dir().join(format!("forum-thread-split-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join(format!(
            "{}-{:x}.html",
            data.len(),
            data.iter().fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)))
        ));
        std::fs::write(&path, data).expect("write");
        let src = Source::open(&path, 8 << 20, &Arc::new(ReadCounters::default())).expect("open");
        let mut docs = Documents::new(src);
        let mut out = Vec::new();
        while let Some(doc) = docs.next() {
            let doc = doc.expect("a document");
            out.push((String::from_utf8_lossy(&doc.bytes).trim().to_owned(), doc.notes));
        }
        let _ = std::fs::remove_file(&path);
        out
    }

    /// The documents alone.
    fn split(data: &str) -> Vec<String> {
        documents(data.as_bytes()).into_iter().map(|(doc, _)| doc).collect()
    }

    fn page(body: &str) -> String {
        format!("<!DOCTYPE html>\n<html><head><title>t</title></head>\n<body>{body}</body>\n</html>")
    }

    #[test]
    fn documents_split_at_their_starts_only() {
        let ie = "<!DOCTYPE html>\n<!--[if IE 8]><html class=\"ie8\"><![endif]-->\n<!--[if gt IE 8]><!--><html><!--<![endif]-->\n<head><script>document.write('<html><body>');</script></head><body>one</body></html>";
        let xhtml = "\u{feff}<?xml version=\"1.0\"?>\n<!DOCTYPE html>\n<html><body>two</body></html>";
        let bare = "<html><body>three</body></html>";
        let truncated = "<!DOCTYPE html><html><body><script>var x = '";
        let data = format!("{ie}\n{xhtml}\n{bare}\n{truncated}\n<!doctype html><html>four</html>");
        let docs = split(&data);
        assert_eq!(docs.len(), 5, "{docs:#?}");
        assert_eq!(docs[0], ie);
        assert!(docs[1].starts_with('\u{feff}') && docs[1].ends_with("two</body></html>"), "{:?}", docs[1]);
        assert_eq!(docs[2], bare);
        assert_eq!(docs[3], truncated);
        assert_eq!(docs[4], "<!doctype html><html>four</html>");
        // A text rendering is one document.
        assert_eq!(split("Topic: x\n\nalice wrote:\n> quoted <b>\n").len(), 1);
        // Written back to back without a line end, upper case, with what hosts append after
        // `</html>` (scripts, a banner, a counter image): still the next document.
        let appended = "</html>\n<script>track()</script><div class=ad><b>ad</b></div><img src=c.gif>\n";
        let data = format!("{}{appended}{}<!DOCTYPE html><HTML><body>b</body></HTML>", page("a"), page("b"));
        assert_eq!(split(&data).len(), 3, "{:#?}", split(&data));
    }

    #[test]
    fn an_unclosed_comment_does_not_swallow_the_pages_after_it() {
        // The comment swallows the rest of its page, `</html>` included.
        let first = page("<p>one</p><!-- an unclosed comment <p>two</p>");
        let data = format!("{first}\n{}\n{}\n{}\n{}\n", page("b"), page("c"), page("d"), page("e"));
        let docs = documents(data.as_bytes());
        assert_eq!(docs.len(), 5, "{docs:#?}");
        assert_eq!(docs[0].0, first);
        assert_eq!(docs[1].0, page("b"));
        let opened = first.find("<!--").unwrap_or_default();
        assert!(
            docs[0].1[0].contains(&format!("inside a comment opened at offset {opened} ")),
            "{:?}",
            docs[0].1
        );
        assert!(docs[1..].iter().all(|(_, notes)| notes.is_empty()));
        // Cut short inside the comment, before its `</html>`: the next page, even one whose
        // first comment (a saved page's "saved from url") would close the open one.
        let cut = "<!DOCTYPE html>\n<html><body><p>one</p><!-- cut here";
        let saved =
            "<!DOCTYPE html>\n<!-- saved from url=(0014)about:internet -->\n<html><body>b</body></html>";
        let docs = documents(format!("{cut}\n{saved}\n{}", page("c")).as_bytes());
        assert_eq!(docs.iter().map(|d| d.0.as_str()).collect::<Vec<_>>(), [cut, saved, &page("c")]);
        assert!(docs[0].1[0].starts_with("the document is cut short inside a comment"), "{:?}", docs[0].1);
        // Cut short in markup, in a tag, in an attribute value, in a script.
        for cut in ["<p>one", "<p>one <a href=x", "<p>one <a title=\"x", "<script>var a = 1;"] {
            let first = format!("<!DOCTYPE html>\n<html><body>{cut}");
            let docs = documents(format!("{first}\n{}\n{}", page("b"), page("c")).as_bytes());
            assert_eq!(docs.len(), 3, "{cut}: {docs:#?}");
            assert_eq!(docs[0].0, first);
            assert_eq!(docs[0].1.len(), 1, "{cut}: a note");
        }
        // A script left open by a page that otherwise ended.
        let first = page("<script>var s = '");
        let docs = documents(format!("{first}\n{}", page("b")).as_bytes());
        assert_eq!(docs.len(), 2, "{docs:#?}");
        assert!(docs[0].1[0].contains("a <script> element"), "{:?}", docs[0].1);
    }

    #[test]
    fn document_starts_inside_a_page_do_not_split_it() {
        let one = [
            // DOM-serialized attribute values.
            page("<div data-saved=\"<!DOCTYPE html><html><body>x</body></html>\"></div>"),
            page(
                "<embedded-webview html=\"<DOCTYPE html>\n\n<html lang=&quot;en&quot;>\n\t<html><head></head></html>\n\t<body></body>\n</html>\"></embedded-webview>",
            ),
            page(
                "<iframe srcdoc=\"\n<!DOCTYPE html>\n<html><body>inner</body>\n</html>\n\"></iframe><p>after</p>",
            ),
            // Written by scripts, on one line or at a line start.
            page("<script>document.write('<!DOCTYPE html><html><body>');</script>"),
            page(
                "<script>w.document.write(`\n<!DOCTYPE html>\n<html><body>${x}</body>\n</html>\n`);</script><p>after</p>",
            ),
            page("<script type=\"text/template\">\n<!DOCTYPE html>\n<p>{{x}}</p>\n</script>"),
            // A script a host put before the doctype, on the same line or the line before.
            format!("<script src=\"http://host.example/x.js\"></script>{}", page("a")),
            format!("<script src=\"http://host.example/x.js\"></script>\n{}", page("a")),
            // A doctype commented out, or before a page (nothing of a document before it).
            page("<!--\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n<p>old</p>\n-->"),
            format!(
                "<!DOCTYPE html>\n<!--\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n-->\n{}",
                page("a")
            ),
            // Whole documents a server included in a page, on the same line or the next.
            page(
                "<div class=ssi><link rel=stylesheet href=a.css><!DOCTYPE html>\n<html><head></head><body>inc</body>\n</html>\n</div><p>more</p><div>\n<!DOCTYPE html>\n<html><body>inc2</body>\n</html>\n</div>",
            ),
        ];
        for page in one {
            let docs = documents(page.as_bytes());
            assert_eq!(docs.len(), 1, "{docs:#?}");
            assert_eq!(docs[0], (page.trim().to_owned(), Vec::new()));
        }
    }
}
