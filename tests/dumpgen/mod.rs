//! A generator of realistic thread dumps of any size, made from the engine fixtures
//! (`tests/fixtures/*/` and `examples/data/`), so that a new engine's fixtures are used as
//! soon as they exist. Shared by the dump tests, `benches/dump.rs` and
//! `examples/gendump.rs` (included there by path).
//!
//! Each fixture that parses becomes a template without knowing its engine:
//! - its posts are found as the outermost elements holding one post's id (and no other's), so
//!   a generated page draws 1 to 2× the fixture's post count from them, with repetition:
//!   pages with and without quotes, signatures, articles, attachments, each post given a
//!   new id;
//! - its topic id is rewritten per generated thread (or, when the id is too short to rewrite
//!   safely, its host), so that every generated thread has its own stitching key;
//! - for a fixture showing page `n` of `t`, the pagination numbers `n` and `p` are swapped to
//!   make page `p`; each variant is kept only when it parses back as page `p`.
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

/// Every fixture page: `tests/fixtures/*/*.{html,htm,txt}` and `examples/data/*.html`, sorted.
pub fn fixture_paths() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
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
    /// The topic id, when it is long enough to be rewritten safely.
    topic_id: Option<String>,
    /// Page shells by page number (index `p - 1`): what comes before and after the posts.
    /// `None` for a page number that could not be made.
    shells: Vec<Option<(String, String)>>,
    /// The posts: their HTML and id.
    posts: Vec<(String, Option<String>)>,
    separator: String,
    /// The fixture's own post count.
    post_count: usize,
    /// When the posts cannot be cut out: their numeric ids, rewritten in the whole page.
    fixed_ids: Vec<String>,
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

    fn from_fixture(path: &Path) -> Option<Template> {
        let text = read_text(path)?;
        let thread = forum_thread::parse(&text).ok()?;
        let name = path.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(path).display().to_string();
        Template::build(name.clone(), &text, &thread, true)
            .or_else(|| Template::build(name, &text, &thread, false))
    }

    /// The template, with the posts cut out when `split`; `None` when the fixture's own page
    /// does not parse back.
    fn build(name: String, text: &str, thread: &forum_thread::Thread, split: bool) -> Option<Template> {
        let host = [thread.url.as_deref(), thread.topic.url.as_deref()]
            .into_iter()
            .flatten()
            .find_map(|u| url::Url::parse(u).ok()?.host_str().map(str::to_owned));
        let topic_id =
            thread.topic.id.clone().filter(|id| id.len() >= 3 && id.bytes().all(|b| b.is_ascii_digit()));
        let own = thread.page.number.max(1);
        let total = thread.page.total.unwrap_or(own).max(own);
        let mut t = Template {
            name,
            engine: thread.engine.to_string(),
            host,
            topic_id,
            shells: Vec::new(),
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
            None if split => return None,
            None => {
                t.fixed_ids = thread
                    .posts
                    .iter()
                    .filter_map(|p| p.id.clone())
                    .filter(|id| id.len() >= 2 && id.bytes().all(|b| b.is_ascii_digit()))
                    .collect();
                (text.to_owned(), String::new())
            }
        };
        t.shells = (1..=total)
            .map(|p| match p == own {
                true => Some((prefix.clone(), suffix.clone())),
                false => Some((swap_page_numbers(&prefix, own, p), swap_page_numbers(&suffix, own, p))),
            })
            .collect();
        // The posts must come out as drawn: one alone, and the last before the first.
        if split {
            let last = t.posts.len() - 1;
            for picks in [vec![0], vec![last, 0, last]] {
                let back = forum_thread::parse(&t.render(own, 1, &picks, 0)).ok()?;
                if back.posts.len() != picks.len() {
                    return None;
                }
            }
        }
        // Keep only the shells that parse back as the page they claim to be.
        let all: Vec<usize> = (0..t.posts.len()).collect();
        for p in 1..=total {
            let html = t.render(p, 1, &all, 0);
            let ok = forum_thread::parse(&html)
                .is_ok_and(|back| back.page.number == p && (!split || back.posts.len() == t.posts.len()));
            if !ok {
                if p == own {
                    return None;
                }
                t.shells[p as usize - 1] = None;
            }
        }
        Some(t)
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
            match id.as_deref().filter(|id| id.bytes().all(|b| b.is_ascii_digit())) {
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

    /// Gives generated thread `thread` its own topic id or host (thread 0 is the fixture).
    fn rewrite(&self, s: &str, thread: u64) -> String {
        if thread == 0 {
            return s.to_owned();
        }
        match (&self.topic_id, &self.host) {
            (Some(id), _) => replace_number(s, id, &format!("{}{thread:06}", &id[..1])),
            (None, Some(host)) => s.replace(host.as_str(), &format!("t{thread}.{host}")),
            (None, None) => s.to_owned(),
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
        let id = match &self.topic_id {
            Some(id) => format!("{}{thread:06}", &id[..1]),
            None => thread.to_string(),
        };
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

/// Swaps the element texts `>a<` and `>b<` (whitespace allowed inside): the numbers of a
/// pagination widget.
pub fn swap_page_numbers(s: &str, a: u32, b: u32) -> String {
    let (a, b) = (a.to_string(), b.to_string());
    let mut out = String::with_capacity(s.len());
    let bytes = s.as_bytes();
    let mut last = 0;
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
        let number = &s[digits..j];
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if !number.is_empty() && bytes.get(j) == Some(&b'<') && (number == a || number == b) {
            out.push_str(&s[last..digits]);
            out.push_str(if number == a { &b } else { &a });
            last = digits + number.len();
        }
        i = start;
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
    /// Probability that a page of a multi-page thread is left out.
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
    opts: Options,
    rng: Rng,
    open: Vec<Open>,
    threads: u64,
}

impl Generator {
    /// A generator over every fixture that parses (the templates are made once per process).
    pub fn from_fixtures(opts: Options) -> Generator {
        static TEMPLATES: std::sync::OnceLock<Vec<Template>> = std::sync::OnceLock::new();
        let templates = TEMPLATES
            .get_or_init(|| fixture_paths().iter().filter_map(|p| Template::from_fixture(p)).collect());
        Generator::new(templates.clone(), opts)
    }

    pub fn new(templates: Vec<Template>, opts: Options) -> Generator {
        assert!(!templates.is_empty(), "no fixture parses: nothing to generate from");
        Generator { rng: Rng::new(opts.seed), templates, opts, open: Vec::new(), threads: 0 }
    }

    /// Threads started so far.
    pub fn threads(&self) -> u64 {
        self.threads
    }

    fn start_thread(&mut self) -> Open {
        self.threads += 1;
        let template = self.rng.below(self.templates.len());
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
