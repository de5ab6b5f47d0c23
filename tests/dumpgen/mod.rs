//! A generator of realistic thread dumps of any size, made from the engine fixtures
//! (`tests/fixtures/*/` and `examples/data/`), so that a new engine's fixtures are used as
//! soon as they exist. Shared by the dump tests, `benches/dump.rs` and
//! `examples/gendump.rs` (included there by path).
//!
//! Each HTML fixture that parses becomes a template without knowing its engine:
//! - its posts are found as the outermost elements holding one post's id (and no other's), so
//!   a generated page draws 1 to 2× the fixture's post count from them, with repetition:
//!   pages with and without quotes, signatures, articles, attachments, each post given a
//!   new id; a post is not drawn when, alone on a page (twice), it makes the page read as
//!   another engine (detection weighs markers that only some posts carry) or its two copies
//!   do not get ids of their own (an id that derives from the topic id);
//! - its topic id is rewritten per generated thread (an id of one or two digits only inside
//!   attribute values, where it sits in URLs, not in dates or counts; without a topic id,
//!   its host), and a template is kept only when two generated threads get two stitching
//!   keys ([`forum_thread::dump::stitch_key`]) and all pages of one thread the same;
//! - for a fixture showing page `n` of `t`, the pagination numbers `n` and `p` are swapped to
//!   make page `p`; when `t` is `n` or `p`, the number that shows the total may be left as it
//!   is (tried one context at a time). Each page is kept only when it parses back as page `p`
//!   of `t`. A template that cannot make every page (e.g. a page 2 whose number the parser
//!   reads from its URL `.../page2`) makes incomplete threads: it is used only when pages are
//!   meant to go missing ([`Options::missing`] > 0).
//!
//! Text renderings (`.txt` fixtures, pages that parse as [`forum_thread::Format::Text`]) are
//! not templates: a text page has no document boundary, so text pages written back to back
//! (the concatenated format, which the benches use) cannot be split again, and it carries no
//! topic id or thread URL, so its pages are never stitched into threads. Crawls and scrapes
//! hold the HTML the forum served; text renderings come as files of their own, which the
//! dump tests read from the fixtures directly.
//!
//! Threads are written interleaved: a pool of open threads, each step writing a random
//! remaining page of a random open thread, so that the pages of one thread are out of order
//! and spread among other threads' pages. Optionally pages go missing or repeat.
//!
//! Everything is deterministic for a given seed.

#![allow(dead_code)]

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use scraper::{ElementRef, Html};

/// Every engine fixture page: `tests/fixtures/*/*.{html,htm,txt}` but the generic reader's
/// (`tests/fixtures/generic/`, pages of no engine), and `examples/data/*.html`, sorted.
pub fn fixture_paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_dir() && !p.ends_with("generic")).collect())
        .unwrap_or_default();
    dirs.push(root.join("examples/data"));
    let mut out = Vec::new();
    for dir in dirs {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for path in rd.flatten().map(|e| e.path()) {
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if matches!(ext, "html" | "htm" | "txt") && !name.contains(".actual.") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// Every fixture page with its template, or why it makes none (made once per process).
pub fn fixture_templates() -> &'static [(PathBuf, Result<Template, String>)] {
    static TEMPLATES: std::sync::OnceLock<Vec<(PathBuf, Result<Template, String>)>> =
        std::sync::OnceLock::new();
    TEMPLATES.get_or_init(|| {
        fixture_paths()
            .into_iter()
            .map(|path| {
                let template = Template::from_fixture(&path);
                (path, template)
            })
            .collect()
    })
}

/// A page's text: UTF-8, else Latin-1.
fn read_text(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    })
}

/// A fixture made into a template.
#[derive(Clone, Debug)]
pub struct Template {
    pub name: String,
    pub engine: String,
    /// Host of the page's URLs, when it has one.
    host: Option<String>,
    /// The topic id, rewritten per generated thread.
    topic_id: Option<String>,
    /// Page shells by page number (index `p - 1`): what comes before and after the posts.
    /// `None` for a page number that could not be made.
    shells: Vec<Option<(String, String)>>,
    /// Whether every page parses back as itself, showing the thread's page count: a thread
    /// generated from the template is then whole.
    complete: bool,
    /// The posts: their HTML and id.
    posts: Vec<(String, Option<String>)>,
    separator: String,
    /// The fixture's own post count.
    post_count: usize,
    /// When the posts cannot be cut out: their numeric ids, rewritten in the whole page.
    fixed_ids: Vec<String>,
}

/// At most this many ways of leaving the page count alone are tried per page (each is a parse).
const MAX_VARIANTS: usize = 16;

/// What a rendered page must parse back as.
struct Expect {
    engine: forum_thread::Engine,
    page: u32,
    total: u32,
    /// The number of posts rendered, when the posts were cut out.
    posts: Option<usize>,
}

impl Template {
    /// The thread's page count.
    pub fn pages(&self) -> u32 {
        self.shells.len() as u32
    }

    /// Whether the posts of a page can be varied.
    pub fn varies_posts(&self) -> bool {
        !self.posts.is_empty()
    }

    /// Whether a thread made from this template has all its pages (else it is used only when
    /// pages are meant to go missing).
    pub fn complete(&self) -> bool {
        self.complete
    }

    /// The template, or why the fixture makes none.
    pub fn from_fixture(path: &Path) -> Result<Template, String> {
        let text = read_text(path).ok_or("unreadable")?;
        let thread = forum_thread::parse(&text).map_err(|e| e.to_string())?;
        if thread.format != forum_thread::Format::Html {
            // See the module docs: such pages cannot be split from a concatenation or stitched.
            return Err(format!("a {} page, not HTML", format!("{:?}", thread.format).to_lowercase()));
        }
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string();
        Template::build(name.clone(), &text, &thread, true)
            .or_else(|_| Template::build(name, &text, &thread, false))
    }

    /// The template, with the posts cut out when `split`; `Err` when the fixture's own page
    /// does not parse back, or generated threads would not get stitching keys of their own.
    fn build(
        name: String,
        text: &str,
        thread: &forum_thread::Thread,
        split: bool,
    ) -> Result<Template, String> {
        let host = [thread.url.as_deref(), thread.topic.url.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|u| url::Url::parse(u).ok()?.host_str().map(str::to_owned));
        let topic_id = thread.topic.id.clone().filter(|id| {
            id.bytes().all(|b| b.is_ascii_digit()) && id.bytes().next().is_some_and(|b| b != b'0')
        });
        let own = thread.page.number.max(1);
        let total = thread.page.total.unwrap_or(own).max(own);
        let mut t = Template {
            name,
            engine: thread.engine.to_string(),
            host,
            topic_id,
            shells: vec![None; total as usize],
            complete: false,
            posts: Vec::new(),
            separator: String::new(),
            post_count: thread.posts.len(),
            fixed_ids: Vec::new(),
        };
        let (prefix, suffix) = match split.then(|| split_posts(text, thread)).flatten() {
            Some((prefix, posts, separator, suffix)) => {
                t.posts = posts;
                t.separator = separator;
                (prefix, suffix)
            }
            None if split => return Err("posts not cut out".into()),
            None => {
                t.fixed_ids = thread
                    .posts
                    .iter()
                    .filter_map(|p| id_number(p.id.as_deref()?))
                    .filter(|n| n.len() >= 2 && Some(*n) != thread.topic.id.as_deref())
                    .map(str::to_owned)
                    .collect();
                (text.to_owned(), String::new())
            }
        };
        t.shells[own as usize - 1] = Some((prefix.clone(), suffix.clone()));
        let expect = |page: u32, posts: usize| Expect {
            engine: thread.engine.clone(),
            page,
            total,
            posts: split.then_some(posts),
        };
        if split {
            // A post is drawn only when, twice on a page, it comes out as two posts with ids
            // of their own, and the page as the fixture's engine: pages without the posts
            // carrying the engine's markers would change engine.
            let posts = std::mem::take(&mut t.posts);
            for post in posts {
                t.posts.push(post);
                let last = t.posts.len() - 1;
                if t.check(own, &[last, last], &expect(own, 2)).is_none() {
                    t.posts.pop();
                }
            }
            // The posts must come out as drawn: the last before the first, one twice.
            let last = t.posts.len().checked_sub(1).ok_or("no post can be drawn")?;
            if t.check(own, &[last, 0, last], &expect(own, 3)).is_none() {
                return Err("posts do not come out as drawn".into());
            }
        }
        // Every other page from the fixture's by swapping pagination numbers; a page that
        // parses back but not as whole (wrong page count) is kept for incomplete threads.
        let all: Vec<usize> = (0..t.posts.len()).collect();
        let mut complete = true;
        let mut keys = Vec::new();
        for p in 1..=total {
            // When the page count is one of the two numbers swapped, the count may have to
            // stay: each place it shows is tried.
            let variants: Vec<Option<Vec<u8>>> = if p != own && (total == own || total == p) {
                let contexts =
                    number_contexts(&prefix, total).into_iter().chain(number_contexts(&suffix, total));
                std::iter::once(None).chain(contexts.map(Some)).take(MAX_VARIANTS).collect()
            } else {
                vec![None]
            };
            let mut found = None;
            for keep in variants {
                t.shells[p as usize - 1] = Some(if p == own {
                    (prefix.clone(), suffix.clone())
                } else {
                    (
                        swap_page_numbers_keeping(&prefix, own, p, keep.as_deref()),
                        swap_page_numbers_keeping(&suffix, own, p, keep.as_deref()),
                    )
                });
                let Some((key, whole)) = t.check(p, &all, &expect(p, all.len())) else { continue };
                let shell = t.shells[p as usize - 1].clone();
                if whole || found.is_none() {
                    found = Some((shell, key, whole));
                }
                if whole {
                    break;
                }
            }
            match found {
                Some((shell, key, whole)) => {
                    t.shells[p as usize - 1] = shell;
                    complete &= whole;
                    keys.push(key);
                }
                None if p == own => return Err("its own page does not parse back".into()),
                None => {
                    t.shells[p as usize - 1] = None;
                    complete = false;
                }
            }
        }
        t.complete = complete;
        // One stitching key per generated thread.
        if keys.windows(2).any(|w| w[0] != w[1]) {
            return Err(format!("pages of one thread get different stitching keys: {keys:?}"));
        }
        let other = t.check_in(2, own, &all, &expect(own, all.len())).map(|(key, _)| key);
        if other.as_ref() == keys.first() {
            return Err(format!("generated threads share the stitching key {other:?}"));
        }
        Ok(t)
    }

    /// Page `p` of generated thread 1 with posts `picks`, parsed: its stitching key and
    /// whether it shows the thread's page count, when it parses back as expected.
    fn check(&self, p: u32, picks: &[usize], expect: &Expect) -> Option<(String, bool)> {
        self.check_in(1, p, picks, expect)
    }

    fn check_in(&self, thread: u64, p: u32, picks: &[usize], expect: &Expect) -> Option<(String, bool)> {
        let back = forum_thread::parse(&self.render(p, thread, picks, 0)).ok()?;
        if back.engine != expect.engine
            || back.page.number != expect.page
            || expect.posts.is_some_and(|n| back.posts.len() != n)
        {
            return None;
        }
        let ids: Vec<&str> = back.posts.iter().filter_map(|p| p.id.as_deref()).collect();
        if ids.iter().collect::<HashSet<_>>().len() != ids.len() {
            return None;
        }
        let key = forum_thread::dump::stitch_key(&back, None)?;
        // The stitcher closes a thread when a page shows its count, or a page without one
        // links no next page.
        let whole = match back.page.total {
            Some(n) => n == expect.total,
            None => expect.page < expect.total || back.page.next_url.is_none(),
        };
        Some((key, whole))
    }

    /// Page `p` of generated thread `thread`, with the template's posts `picks`.
    fn render(&self, p: u32, thread: u64, picks: &[usize], salt: u64) -> String {
        let Some(Some((prefix, suffix))) = self.shells.get(p as usize - 1) else {
            return String::new();
        };
        let mut out = String::with_capacity(prefix.len() + suffix.len() + picks.len() * 4096);
        out.push_str(&self.rewrite(prefix, thread));
        for (i, &pick) in picks.iter().enumerate() {
            if i > 0 {
                out.push_str(&self.separator);
            }
            let (html, id) = &self.posts[pick];
            let html = self.rewrite(html, thread);
            match id.as_deref().and_then(id_number) {
                Some(id) if thread > 0 => {
                    let new_id = (thread * 10_000 + u64::from(p) * 100 + i as u64 + salt).to_string();
                    out.push_str(&replace_number(&html, id, &new_id));
                }
                _ => out.push_str(&html),
            }
        }
        out.push_str(&self.rewrite(suffix, thread));
        if thread > 0 {
            for (i, id) in self.fixed_ids.iter().enumerate() {
                out = replace_number(
                    &out,
                    id,
                    &(thread * 10_000 + u64::from(p) * 100 + i as u64 + salt).to_string(),
                );
            }
        }
        out
    }

    /// Generated thread `thread`'s topic id.
    fn topic_id_of(&self, thread: u64) -> Option<String> {
        let id = self.topic_id.as_deref()?;
        Some(format!("{}{thread:06}", &id[..1]))
    }

    /// Gives generated thread `thread` its own topic id or host (thread 0 is the fixture).
    /// An id of one or two digits is replaced only inside attribute values (URLs): as page
    /// text it could be a day, a minute or a count.
    fn rewrite(&self, s: &str, thread: u64) -> String {
        if thread == 0 {
            return s.to_owned();
        }
        match (&self.topic_id, self.topic_id_of(thread), &self.host) {
            (Some(id), Some(new), _) if id.len() >= 3 => replace_number(s, id, &new),
            (Some(id), Some(new), _) => replace_number_in_attributes(s, id, &new),
            (_, _, Some(host)) => s.replace(host.as_str(), &format!("t{thread}.{host}")),
            _ => s.to_owned(),
        }
    }

    /// The URL a generated page was "fetched" from.
    fn url(&self, thread: u64, p: u32) -> String {
        let host = self.host.as_deref().unwrap_or("forum.example");
        let host = if self.topic_id.is_none() && self.host.is_some() {
            format!("t{thread}.{host}")
        } else {
            host.to_owned()
        };
        let id = self.topic_id_of(thread).unwrap_or_else(|| thread.to_string());
        format!("https://{host}/index.php?topic={id}.{}", (p - 1) * 20)
    }
}

/// Finds each post's outermost element holding only its id, in the page re-serialized by
/// html5ever; returns (before the posts, posts, what separates posts, after the posts).
#[allow(clippy::type_complexity)]
fn split_posts(
    text: &str,
    thread: &forum_thread::Thread,
) -> Option<(String, Vec<(String, Option<String>)>, String, String)> {
    if thread.posts.is_empty() || !text.trim_start().starts_with('<') {
        return None;
    }
    let ids: Vec<&str> = thread.posts.iter().map(|p| p.id.as_deref()).collect::<Option<_>>()?;
    if ids.iter().collect::<HashSet<_>>().len() != ids.len() {
        return None;
    }
    let doc = Html::parse_document(text);
    let serialized = doc.html();
    // Elements whose id attribute holds the post id as a number; each post's is the one
    // whose outermost element holding no other post's id is the largest (SMF puts an empty
    // `<a id="msgN">` before the post's container).
    let holders: Vec<Vec<ElementRef<'_>>> = ids
        .iter()
        .map(|id| {
            doc.root_element()
                .descendants()
                .filter_map(ElementRef::wrap)
                .filter(|e| e.value().id().is_some_and(|attr| replace_number(attr, id, "") != attr))
                .collect()
        })
        .collect();
    if holders.iter().any(Vec::is_empty) {
        return None;
    }
    let mut containers = Vec::new();
    for (i, own) in holders.iter().enumerate() {
        let others: Vec<_> = holders
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .flat_map(|(_, h)| h.iter().map(|e| e.id()))
            .collect();
        containers.push(own.iter().map(|m| outermost(*m, &others)).max_by_key(|c| c.html().len())?);
    }
    let mut spans = Vec::new();
    let mut from = 0;
    for c in &containers {
        let outer = c.html();
        let at = from + serialized[from..].find(&outer)?;
        spans.push((at, at + outer.len()));
        from = at + outer.len();
    }
    let first = spans.first()?.0;
    let last = spans.last()?.1;
    let separator = match spans.get(1) {
        Some(&(next, _)) => serialized[spans[0].1..next].to_owned(),
        None => "\n".to_owned(),
    };
    // Posts must be siblings separated by the same filler, or the cut would drop markup.
    for pair in spans.windows(2) {
        if serialized[pair[0].1..pair[1].0] != separator {
            return None;
        }
    }
    let posts = spans
        .iter()
        .zip(&ids)
        .map(|(&(a, b), id)| (serialized[a..b].to_owned(), Some((*id).to_owned())))
        .collect();
    Some((serialized[..first].to_owned(), posts, separator, serialized[last..].to_owned()))
}

/// The outermost element around `marker` that holds none of `others` (below `body`).
fn outermost<'d>(marker: ElementRef<'d>, others: &[ego_tree::NodeId]) -> ElementRef<'d> {
    let mut top = marker;
    while let Some(parent) = top.parent().and_then(ElementRef::wrap) {
        if parent.value().name() == "body" || parent.descendants().any(|d| others.contains(&d.id())) {
            break;
        }
        top = parent;
    }
    top
}

/// The number that makes a post id: the id when all digits, else its last run of two or
/// more digits (`Comment_3301`, `post-17`).
fn id_number(id: &str) -> Option<&str> {
    if !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()) {
        return Some(id);
    }
    let end = id.rfind(|c: char| c.is_ascii_digit())? + 1;
    let start = id[..end].rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    (end - start >= 2).then(|| &id[start..end])
}

/// Replaces `number` where it stands alone (not part of a longer number).
pub fn replace_number(s: &str, number: &str, with: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(i) = rest.find(number) {
        let before = rest[..i].bytes().next_back();
        let after = rest[i + number.len()..].bytes().next();
        out.push_str(&rest[..i]);
        if before.is_some_and(|b| b.is_ascii_digit()) || after.is_some_and(|b| b.is_ascii_digit()) {
            out.push_str(number);
        } else {
            out.push_str(with);
        }
        rest = &rest[i + number.len()..];
    }
    out.push_str(rest);
    out
}

/// Replaces `number` where it stands alone inside quoted attribute values (`="..."`,
/// `='...'`), leaving the text between tags alone.
pub fn replace_number_in_attributes(s: &str, number: &str, with: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(i) = rest.find('=') {
        let after = &rest[i + 1..];
        let Some(quote) = after.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            out.push_str(&rest[..=i]);
            rest = after;
            continue;
        };
        let value = &after[1..];
        let Some(end) = value.find(quote) else { break };
        out.push_str(&rest[..i + 2]);
        out.push_str(&replace_number(&value[..end], number, with));
        rest = &value[end..];
    }
    out.push_str(rest);
    out
}

/// The element texts that are a number (`>12<`, whitespace allowed inside): the byte range
/// of each number.
fn element_numbers(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(k) = s[i..].find('>') {
        let start = i + k + 1;
        let mut j = start;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let digits = j;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let end = j;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if end > digits && bytes.get(j) == Some(&b'<') {
            out.push((digits, end));
        }
        i = start;
    }
    out
}

/// Bytes before a number that tell its place in the page ("of <b>" before a page count).
const CONTEXT: usize = 24;

fn context(s: &str, at: usize) -> &[u8] {
    &s.as_bytes()[at.saturating_sub(CONTEXT)..at]
}

/// The distinct contexts of the element texts equal to `n`, in page order.
fn number_contexts(s: &str, n: u32) -> Vec<Vec<u8>> {
    let n = n.to_string();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for (a, b) in element_numbers(s) {
        let c = context(s, a);
        if s[a..b] == n && !out.iter().any(|o| o == c) {
            out.push(c.to_vec());
        }
    }
    out
}

/// Swaps the element texts `>a<` and `>b<` (whitespace allowed inside): the numbers of a
/// pagination widget.
pub fn swap_page_numbers(s: &str, a: u32, b: u32) -> String {
    swap_page_numbers_keeping(s, a, b, None)
}

/// [`swap_page_numbers`], leaving the numbers preceded by `keep` (a page count that equals
/// one of the page numbers) as they are.
pub fn swap_page_numbers_keeping(s: &str, a: u32, b: u32, keep: Option<&[u8]>) -> String {
    let (a, b) = (a.to_string(), b.to_string());
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (start, end) in element_numbers(s) {
        let number = &s[start..end];
        if (number == a || number == b) && keep.is_none_or(|k| !s.as_bytes()[..start].ends_with(k)) {
            out.push_str(&s[last..start]);
            out.push_str(if number == a { &b } else { &a });
            last = end;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// A small deterministic PRNG (splitmix64).
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p && p > 0.0
    }
}

/// Generator options.
#[derive(Clone, Debug)]
pub struct Options {
    pub seed: u64,
    /// Threads written interleaved at any time.
    pub open_threads: usize,
    /// Probability that a page of a multi-page thread is left out. Above 0, templates that
    /// cannot make every page of their thread ([`Template::complete`]) are used too.
    pub missing: f64,
    /// Probability that a page is written twice.
    pub duplicate: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { seed: 42, open_threads: 24, missing: 0.0, duplicate: 0.0 }
    }
}

/// One generated page.
#[derive(Clone, Debug)]
pub struct GenPage {
    pub html: String,
    /// The URL it was "fetched" from.
    pub url: String,
    /// Its generated thread's number (1-based) and its page number.
    pub thread: u64,
    pub page: u32,
    pub template: usize,
}

struct Open {
    template: usize,
    thread: u64,
    /// Pages still to write.
    pages: Vec<u32>,
}

/// Writes the pages of generated threads, interleaved.
pub struct Generator {
    pub templates: Vec<Template>,
    /// The templates threads are made from.
    usable: Vec<usize>,
    opts: Options,
    rng: Rng,
    open: Vec<Open>,
    threads: u64,
}

impl Generator {
    /// A generator over every fixture that makes a template.
    pub fn from_fixtures(opts: Options) -> Generator {
        let templates = fixture_templates().iter().filter_map(|(_, t)| t.as_ref().ok().cloned()).collect();
        Generator::new(templates, opts)
    }

    pub fn new(templates: Vec<Template>, opts: Options) -> Generator {
        let usable: Vec<usize> =
            (0..templates.len()).filter(|&i| templates[i].complete || opts.missing > 0.0).collect();
        assert!(!usable.is_empty(), "no fixture makes whole threads: nothing to generate from");
        Generator { rng: Rng::new(opts.seed), templates, usable, opts, open: Vec::new(), threads: 0 }
    }

    /// Threads started so far.
    pub fn threads(&self) -> u64 {
        self.threads
    }

    fn start_thread(&mut self) -> Open {
        self.threads += 1;
        let template = self.usable[self.rng.below(self.usable.len())];
        let t = &self.templates[template];
        let mut pages: Vec<u32> = (1..=t.pages()).filter(|p| t.shells[*p as usize - 1].is_some()).collect();
        if pages.len() > 1 {
            let keep: Vec<u32> =
                pages.iter().copied().filter(|_| !self.rng.chance(self.opts.missing)).collect();
            if !keep.is_empty() {
                pages = keep;
            }
        }
        let dups: Vec<u32> = pages.iter().copied().filter(|_| self.rng.chance(self.opts.duplicate)).collect();
        pages.extend(dups);
        Open { template, thread: self.threads, pages }
    }

    /// The next page.
    pub fn next_page(&mut self) -> GenPage {
        while self.open.len() < self.opts.open_threads.max(1) {
            let open = self.start_thread();
            self.open.push(open);
        }
        let slot = self.rng.below(self.open.len());
        let pick = self.rng.below(self.open[slot].pages.len());
        let page = self.open[slot].pages.swap_remove(pick);
        let (template, thread) = (self.open[slot].template, self.open[slot].thread);
        if self.open[slot].pages.is_empty() {
            self.open.swap_remove(slot);
        }
        let t = &self.templates[template];
        let picks: Vec<usize> = if t.varies_posts() {
            let n = 1 + self.rng.below(2 * t.post_count.max(1));
            (0..n).map(|_| self.rng.below(t.posts.len())).collect()
        } else {
            Vec::new()
        };
        GenPage { html: t.render(page, thread, &picks, 0), url: t.url(thread, page), thread, page, template }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// HTML documents back to back.
    Concat,
    /// WARC with a warcinfo record, and a request record before each response.
    Warc,
    /// WARC gzipped per record.
    WarcGz,
    /// JSON Lines `{"url": ..., "html": ...}`.
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s {
            "concat" | "html" => Format::Concat,
            "warc" => Format::Warc,
            "warc.gz" => Format::WarcGz,
            "jsonl" => Format::Jsonl,
            other => return Err(format!("unknown format {other:?}: concat, warc, warc.gz, jsonl")),
        })
    }
}

/// What [`write_dump`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    pub pages: u64,
    pub threads: u64,
    pub bytes: u64,
}

/// Writes pages until at least `bytes` of page HTML are written.
pub fn write_dump(
    out: &mut impl Write,
    format: Format,
    bytes: u64,
    generator: &mut Generator,
) -> io::Result<Written> {
    let mut written = Written::default();
    if matches!(format, Format::Warc | Format::WarcGz) {
        let info = b"software: forum-thread dumpgen\r\nformat: WARC File Format 1.1\r\n";
        let record = warc_record(
            "warcinfo",
            "urn:uuid:00000000-0000-0000-0000-000000000000",
            None,
            "application/warc-fields",
            info,
        );
        write_record(out, format, &record)?;
    }
    while written.bytes < bytes {
        let page = generator.next_page();
        write_page(out, format, &page, written.pages)?;
        written.pages += 1;
        written.bytes += page.html.len() as u64;
    }
    written.threads = generator.threads();
    Ok(written)
}

/// Writes one page in `format`; `n` numbers the records.
pub fn write_page(out: &mut impl Write, format: Format, page: &GenPage, n: u64) -> io::Result<()> {
    match format {
        Format::Concat => {
            out.write_all(page.html.as_bytes())?;
            out.write_all(b"\n")
        }
        Format::Jsonl => {
            let line = serde_json::json!({ "url": page.url, "html": page.html });
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")
        }
        Format::Warc | Format::WarcGz => {
            let request = format!("GET {} HTTP/1.1\r\nHost: forum.example\r\n\r\n", page.url);
            let id = format!("urn:uuid:00000000-0000-0000-0001-{:012x}", 2 * n);
            let record = warc_record(
                "request",
                &id,
                Some(&page.url),
                "application/http; msgtype=request",
                request.as_bytes(),
            );
            write_record(out, format, &record)?;
            let mut http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {}\r\n\r\n",
                page.html.len()
            )
            .into_bytes();
            http.extend_from_slice(page.html.as_bytes());
            let id = format!("urn:uuid:00000000-0000-0000-0001-{:012x}", 2 * n + 1);
            let record =
                warc_record("response", &id, Some(&page.url), "application/http; msgtype=response", &http);
            write_record(out, format, &record)
        }
    }
}

/// One WARC record's bytes.
pub fn warc_record(kind: &str, id: &str, target: Option<&str>, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <{id}>\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
    );
    if let Some(target) = target {
        out.push_str(&format!("WARC-Target-URI: {target}\r\n"));
    }
    out.push_str(&format!("Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n", block.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// Writes a record, as its own gzip member for `WarcGz`.
pub fn write_record(out: &mut impl Write, format: Format, record: &[u8]) -> io::Result<()> {
    if format == Format::WarcGz {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(record)?;
        out.write_all(&gz.finish()?)
    } else {
        out.write_all(record)
    }
}

/// `n` pages from the fixtures, as [`Generator::next_page`] gives them.
pub fn pages(n: usize, opts: Options) -> Vec<GenPage> {
    let mut generator = Generator::from_fixtures(opts);
    (0..n).map(|_| generator.next_page()).collect()
}

/// A fresh temporary directory, removed when dropped.
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// `forum-thread-{tag}-{pid}-{name}` under the system's temporary directory, emptied.
    pub fn new(tag: &str, name: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!("forum-thread-{tag}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        TempDir(dir)
    }

    /// A path inside the directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
