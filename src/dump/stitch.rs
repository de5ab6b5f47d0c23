//! Stitching: the pages of one thread, arriving in any order and interleaved with other
//! threads, become one [`Thread`].
//!
//! Pages belong together when [`stitch_key`] gives them the same key: the engine, the site's
//! host and the topic id, else the thread's URL. A thread is emitted as soon as every page
//! from 1 to its page count has arrived. Memory is bounded by the threads still open: when
//! more than [`StitchOptions::max_open_threads`] threads, or more than
//! [`StitchOptions::max_open_bytes`] of pages (all they hold in memory), are open, or when a thread has had no page for
//! [`StitchOptions::max_idle_pages`] pages, the least recently fed thread is emitted with
//! what it has, and its missing pages in its warnings. Pages of it that arrive later start a
//! new record. Every thread emitted carries its key in [`Thread::stitch_key`], as do the
//! pages the pipeline emits unstitched, so that the pages of a thread can be grouped by it
//! elsewhere and stitched there (a map-reduce job: map = pages, reduce = [`Stitcher`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::mem::size_of;

use super::heap;
use crate::model::{Origin, PageOrigin, Thread, Warning};

/// Limits of a [`Stitcher`].
#[derive(Clone, Debug)]
#[must_use]
pub struct StitchOptions {
    pub(crate) max_open_threads: usize,
    pub(crate) max_open_bytes: usize,
    pub(crate) max_idle_pages: Option<u64>,
}

impl Default for StitchOptions {
    fn default() -> Self {
        StitchOptions { max_open_threads: 4096, max_open_bytes: 32 << 20, max_idle_pages: Some(20_000) }
    }
}

impl StitchOptions {
    /// The most threads kept open waiting for pages (default 4096).
    pub fn max_open_threads(mut self, n: usize) -> Self {
        self.max_open_threads = n.max(1);
        self
    }

    /// The most memory kept in open threads (default 32 MiB): what their pages hold on the
    /// heap (every string and list, as allocated), the pages themselves, and the maps that
    /// find them.
    pub fn max_open_bytes(mut self, bytes: usize) -> Self {
        self.max_open_bytes = bytes;
        self
    }

    /// Emits a thread that has had no page for this many pages (default 20,000); `None` to
    /// keep threads open until the other limits or the end of input.
    pub fn max_idle_pages(mut self, pages: Option<u64>) -> Self {
        self.max_idle_pages = pages;
        self
    }
}

/// The key that groups the pages of one thread: `engine|host|topic id`, else the thread's URL
/// without its fragment; `None` when the page gives neither (it is then never stitched).
///
/// The host is the page's URL's, else the thread's, the site's, or `fetched_from`'s (the URL
/// the page was fetched from); without any, the site's name stands in for it.
pub fn stitch_key(thread: &Thread, fetched_from: Option<&str>) -> Option<String> {
    let host = [
        thread.url.as_deref(),
        thread.topic.url.as_deref(),
        thread.site.as_ref().and_then(|s| s.url.as_deref()),
        fetched_from,
    ]
    .into_iter()
    .flatten()
    .find_map(|u| url::Url::parse(u).ok()?.host_str().map(str::to_ascii_lowercase))
    .or_else(|| thread.site.as_ref().and_then(|s| s.name.as_deref()).map(str::to_lowercase))
    .unwrap_or_default();
    match (&thread.topic.id, &thread.topic.url) {
        (Some(id), _) => Some(format!("{}|{host}|{id}", thread.engine)),
        (None, Some(url)) => Some(url.split('#').next().unwrap_or(url).to_owned()),
        (None, None) => None,
    }
}

/// Turns pages into threads. Feed pages with [`Stitcher::push`]; call [`Stitcher::finish`]
/// at the end of input for the threads still open.
#[derive(Debug, Default)]
pub struct Stitcher {
    opts: StitchOptions,
    open: HashMap<String, Open>,
    /// Pages pushed so far: the clock of first and last sight.
    clock: u64,
    bytes: usize,
    evicted: u64,
}

#[derive(Debug)]
struct Open {
    /// Copies of each page number, in arrival order.
    pages: BTreeMap<u32, Vec<(Thread, Origin)>>,
    first_seen: u64,
    last_seen: u64,
    bytes: usize,
}

impl Stitcher {
    /// A stitcher with these limits.
    pub fn new(opts: StitchOptions) -> Stitcher {
        Stitcher { opts, ..Stitcher::default() }
    }

    /// Threads emitted early because a memory or idleness limit was reached.
    pub fn evicted(&self) -> u64 {
        self.evicted
    }

    /// Threads open, waiting for pages.
    pub fn open_threads(&self) -> usize {
        self.open.len()
    }

    /// The memory the open threads hold, as counted against
    /// [`StitchOptions::max_open_bytes`].
    pub fn open_bytes(&self) -> usize {
        self.bytes
    }

    /// Adds a page; returns the threads it completes, and those emitted to stay within the
    /// limits.
    pub fn push(&mut self, page: Thread, origin: Origin) -> Vec<Thread> {
        self.clock += 1;
        let Some(key) = stitch_key(&page, origin.url.as_deref()) else {
            return vec![single(page, origin)];
        };
        let held = heap::thread(&page) + heap::origin(&origin);
        let clock = self.clock;
        let open = self.open.entry(key.clone()).or_insert_with(|| Open {
            pages: BTreeMap::new(),
            first_seen: clock,
            last_seen: clock,
            bytes: OPEN + key.len(),
        });
        if open.pages.is_empty() {
            self.bytes += open.bytes;
        }
        let copies = open.pages.entry(page.page.number).or_default();
        let before = heap::alloc(copies.capacity() * size_of::<(Thread, Origin)>());
        copies.push((page, origin));
        let weight = held + heap::alloc(copies.capacity() * size_of::<(Thread, Origin)>()) - before;
        open.last_seen = clock;
        open.bytes += weight;
        self.bytes += weight;
        let mut out = Vec::new();
        if open.is_complete() {
            out.extend(self.close(&key));
        }
        while self.open.len() > self.opts.max_open_threads || self.bytes > self.opts.max_open_bytes {
            let Some(oldest) = self.open.iter().min_by_key(|(_, o)| o.last_seen).map(|(k, _)| k.clone())
            else {
                break;
            };
            self.evicted += 1;
            out.extend(self.close(&oldest));
        }
        if let Some(idle) = self.opts.max_idle_pages {
            // Checked every so often: a scan of the open threads per page would cost more
            // than the precision is worth.
            if clock % (idle / 8).max(1) == 0 {
                let mut stale: Vec<(u64, String)> = self
                    .open
                    .iter()
                    .filter(|(_, o)| o.last_seen + idle < clock)
                    .map(|(k, o)| (o.first_seen, k.clone()))
                    .collect();
                stale.sort();
                for (_, key) in stale {
                    self.evicted += 1;
                    out.extend(self.close(&key));
                }
            }
        }
        out
    }

    /// Emits every thread still open, in the order their first pages arrived.
    pub fn finish(&mut self) -> Vec<Thread> {
        let mut keys: Vec<(u64, String)> = self.open.iter().map(|(k, o)| (o.first_seen, k.clone())).collect();
        keys.sort();
        keys.into_iter().filter_map(|(_, k)| self.close(&k)).collect()
    }

    fn close(&mut self, key: &str) -> Option<Thread> {
        let open = self.open.remove(key)?;
        self.bytes = self.bytes.saturating_sub(open.bytes);
        let mut thread = merge(open.pages)?;
        thread.stitch_key = Some(key.to_owned());
        Some(thread)
    }
}

impl Open {
    fn is_complete(&self) -> bool {
        match total(&self.pages) {
            Some(total) => (1..=total).all(|n| self.pages.contains_key(&n)),
            None => false,
        }
    }
}

/// The thread's page count: the largest total a page shows; a page without pagination and
/// without a next link is the last.
fn total(pages: &BTreeMap<u32, Vec<(Thread, Origin)>>) -> Option<u32> {
    pages
        .values()
        .flatten()
        .filter_map(|(t, _)| t.page.total.or_else(|| t.page.next_url.is_none().then_some(t.page.number)))
        .max()
}

/// What an open thread costs besides its pages and its key: its entry in the map of open
/// threads (which is between 7/16 and 7/8 full: two slots an entry, with their control
/// bytes), and the B-tree node of its page numbers (11 keys and lists, 344 bytes).
const OPEN: usize = 2 * (size_of::<(String, Open)>() + 1) + 352 + 32;

/// A page emitted alone, with its key.
pub(crate) fn single(mut page: Thread, origin: Origin) -> Thread {
    page.stitch_key = stitch_key(&page, origin.url.as_deref());
    page.origins = vec![PageOrigin { page: page.page.number, origin }];
    page
}

/// Merges the copies of a thread's pages: page order, then arrival order; posts whose id an
/// earlier page (or copy of a page) showed are dropped, warnings follow their posts, missing
/// pages are warned about.
/// `None` for no pages.
fn merge(pages: BTreeMap<u32, Vec<(Thread, Origin)>>) -> Option<Thread> {
    let total = total(&pages);
    let numbers: Vec<u32> = pages.keys().copied().collect();
    let multi = pages.values().map(Vec::len).sum::<usize>() > 1;
    let mut copies = pages.into_values().flatten();
    let (mut first, first_origin) = copies.next()?;
    // The first page's fields head the thread; its posts and warnings go through the loop.
    let first_posts = std::mem::take(&mut first.posts);
    let first_warnings = std::mem::take(&mut first.warnings);
    let mut out = Thread { origins: Vec::new(), ..first };
    let first = Thread {
        posts: first_posts,
        warnings: first_warnings,
        page: out.page.clone(),
        ..Thread::new(out.engine.clone(), out.format)
    };
    // Ids of the posts of the pages merged so far. A page's posts are checked against the
    // earlier pages only: posts sharing an id on one page (a theme that numbers every post
    // alike) are all kept, and a page read twice adds none.
    let mut seen: HashSet<String> = HashSet::new();
    let mut last_next = None;
    for (n, (page, origin)) in std::iter::once((first, first_origin)).chain(copies).enumerate() {
        if n > 0 {
            fill_missing(&mut out, &page);
        }
        let number = page.page.number;
        last_next = page.page.next_url.clone();
        let mut index: Vec<Option<usize>> = Vec::with_capacity(page.posts.len());
        let mut this_page: Vec<String> = Vec::new();
        for post in page.posts {
            if let Some(id) = &post.id {
                if seen.contains(id) {
                    index.push(None);
                    continue;
                }
                this_page.push(id.clone());
            }
            out.posts.push(post);
            index.push(Some(out.posts.len()));
        }
        seen.extend(this_page);
        for mut w in page.warnings {
            match w.post {
                Some(n) => match index.get(n.wrapping_sub(1)).copied().flatten() {
                    Some(new) => w.post = Some(new),
                    None => continue,
                },
                None if multi => w.message = format!("page {number}: {}", w.message),
                None => {}
            }
            out.warnings.push(w);
        }
        out.origins.push(PageOrigin { page: number, origin });
    }
    out.page.total = total.or(out.page.total);
    out.page.next_url = last_next;
    out.warnings.extend(missing_pages(&numbers, total, out.page.next_url.is_some()));
    Some(out)
}

/// Takes what the first page lacked from a later one.
fn fill_missing(out: &mut Thread, page: &Thread) {
    fn fill<T: Clone>(slot: &mut Option<T>, from: &Option<T>) {
        if slot.is_none() {
            slot.clone_from(from);
        }
    }
    fill(&mut out.engine_version, &page.engine_version);
    fill(&mut out.url, &page.url);
    fill(&mut out.site, &page.site);
    let (t, p) = (&mut out.topic, &page.topic);
    fill(&mut t.id, &p.id);
    fill(&mut t.title, &p.title);
    fill(&mut t.url, &p.url);
    fill(&mut t.board, &p.board);
    fill(&mut t.views, &p.views);
    fill(&mut t.replies, &p.replies);
    fill(&mut t.viewers, &p.viewers);
    if t.breadcrumbs.is_empty() {
        t.breadcrumbs.clone_from(&p.breadcrumbs);
    }
}

/// "page 3 of 5 is missing", "pages 2-4 of 5 are missing"; with no page count, the gaps
/// before the last page read and, when that page links a next one, what follows it.
fn missing_pages(present: &[u32], total: Option<u32>, has_next: bool) -> Vec<Warning> {
    let last = present.last().copied().unwrap_or(1);
    let upto = total.unwrap_or(last);
    let of = total.map(|t| format!(" of {t}")).unwrap_or_default();
    let mut out = Vec::new();
    let mut n = 1;
    while n <= upto {
        if present.binary_search(&n).is_ok() {
            n += 1;
            continue;
        }
        let start = n;
        while n <= upto && present.binary_search(&n).is_err() {
            n += 1;
        }
        let end = n - 1;
        let message = if start == end {
            format!("page {start}{of} is missing")
        } else {
            format!("pages {start}-{end}{of} are missing")
        };
        out.push(Warning::new(None, "page", message));
    }
    if total.is_none() && has_next {
        out.push(Warning::new(
            None,
            "page",
            format!("pages after {last} are missing (the page count is not shown)"),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Engine, Format, Page, Post, Topic};

    fn page(topic: &str, number: u32, total: u32, ids: &[&str]) -> Thread {
        Thread {
            url: Some(format!("https://forum.example/index.php?topic={topic}.{}", (number - 1) * 20)),
            topic: Topic { id: Some(topic.into()), ..Topic::default() },
            page: Page { number, total: Some(total), ..Page::default() },
            posts: ids.iter().map(|id| Post { id: Some((*id).into()), ..Post::default() }).collect(),
            warnings: vec![Warning::new(Some(1), "date", "odd"), Warning::new(None, "topic", "odd")],
            ..Thread::new(Engine::Smf, Format::Html)
        }
    }

    fn origin(offset: u64) -> Origin {
        Origin { file: "dump".into(), offset, ..Origin::default() }
    }

    fn ids(t: &Thread) -> Vec<&str> {
        t.posts.iter().filter_map(|p| p.id.as_deref()).collect()
    }

    #[test]
    fn out_of_order_interleaved_pages_make_one_thread_each() {
        let mut s = Stitcher::new(StitchOptions::default());
        assert!(s.push(page("7", 3, 3, &["5", "6"]), origin(0)).is_empty());
        assert!(s.push(page("8", 2, 2, &["b"]), origin(1)).is_empty());
        assert!(s.push(page("7", 1, 3, &["1", "2"]), origin(2)).is_empty());
        let done = s.push(page("8", 1, 2, &["a"]), origin(3));
        assert_eq!(done.len(), 1);
        assert_eq!(ids(&done[0]), ["a", "b"]);
        // Page 2 overlaps page 1 by one post, as when posts were deleted between fetches.
        let done = s.push(page("7", 2, 3, &["2", "3", "4"]), origin(4));
        assert_eq!(ids(&done[0]), ["1", "2", "3", "4", "5", "6"]);
        let t = &done[0];
        assert_eq!((t.page.number, t.page.total), (1, Some(3)));
        assert_eq!(t.stitch_key.as_deref(), Some("smf|forum.example|7"));
        let pages: Vec<(u32, u64)> = t.origins.iter().map(|o| (o.page, o.origin.offset)).collect();
        assert_eq!(pages, [(1, 2), (2, 4), (3, 0)]);
        // Post warnings follow their posts; the duplicate post's is dropped.
        let posts: Vec<Option<usize>> = t.warnings.iter().map(|w| w.post).collect();
        assert_eq!(posts, [Some(1), None, None, Some(5), None]);
        assert_eq!(t.warnings[1].message, "page 1: odd");
        assert!(s.finish().is_empty());
    }

    #[test]
    fn posts_are_de_duplicated_across_pages_only() {
        // A theme that gives every post of a page one id (a saved page whose five posts
        // share one): all five are kept; a second copy of the page, and a later page
        // repeating the id, add none.
        let mut s = Stitcher::new(StitchOptions::default());
        assert!(s.push(page("7", 1, 2, &["m", "m", "m", "m", "m"]), origin(0)).is_empty());
        assert!(s.push(page("7", 1, 2, &["m", "m", "m", "m", "m"]), origin(1)).is_empty());
        let done = s.push(page("7", 2, 2, &["m", "n", "n"]), origin(2));
        assert_eq!(ids(&done[0]), ["m", "m", "m", "m", "m", "n", "n"]);
        // Alone, such a page keeps every post too.
        let done = Stitcher::new(StitchOptions::default()).push(page("8", 1, 1, &["x", "x"]), origin(3));
        assert_eq!(ids(&done[0]), ["x", "x"]);
    }

    #[test]
    fn missing_pages_are_warned_about_at_the_end() {
        let mut s = Stitcher::new(StitchOptions::default());
        assert!(s.push(page("7", 1, 5, &["1"]), origin(0)).is_empty());
        assert!(s.push(page("7", 4, 5, &["4"]), origin(1)).is_empty());
        let rest = s.finish();
        let missing: Vec<&str> =
            rest[0].warnings.iter().filter(|w| w.field == "page").map(|w| w.message.as_str()).collect();
        assert_eq!(missing, ["pages 2-3 of 5 are missing", "page 5 of 5 is missing"]);
    }

    #[test]
    fn open_threads_are_bounded() {
        let mut s = Stitcher::new(StitchOptions::default().max_open_threads(3).max_idle_pages(None));
        let mut emitted = Vec::new();
        for topic in 0..10 {
            emitted.extend(s.push(page(&topic.to_string(), 1, 2, &["x"]), origin(topic)));
            assert!(s.open_threads() <= 3);
        }
        assert_eq!(emitted.len(), 7);
        assert_eq!(s.evicted(), 7);
        // The least recently fed went first, each with its missing page noted.
        assert_eq!(emitted[0].topic.id.as_deref(), Some("0"));
        assert!(emitted[0].warnings.iter().any(|w| w.message == "page 2 of 2 is missing"));
        assert_eq!(s.finish().len(), 3);
    }

    #[test]
    fn open_bytes_count_what_the_pages_hold_and_are_given_back() {
        let mut s = Stitcher::new(StitchOptions::default().max_idle_pages(None));
        let mut big = page("7", 1, 2, &["1"]);
        big.posts[0].body_html = "x".repeat(100_000);
        assert!(s.push(big, origin(0)).is_empty());
        assert!(s.open_bytes() > 100_000, "{}", s.open_bytes());
        assert!(s.push(page("8", 1, 2, &["1"]), origin(1)).is_empty());
        assert_eq!(s.finish().len(), 2);
        assert_eq!(s.open_bytes(), 0);
        // Under a budget, what stays open stays under it.
        let mut s = Stitcher::new(StitchOptions::default().max_open_bytes(50_000).max_idle_pages(None));
        for n in 0..100 {
            let mut p = page(&n.to_string(), 1, 2, &["1"]);
            p.posts[0].body_text = "y".repeat(3_000);
            s.push(p, origin(n));
            assert!(s.open_bytes() <= 50_000, "{}", s.open_bytes());
        }
        assert!(s.evicted() > 80);
    }

    #[test]
    fn idle_threads_are_emitted() {
        let mut s = Stitcher::new(StitchOptions::default().max_idle_pages(Some(8)));
        let mut emitted = s.push(page("old", 1, 2, &["x"]), origin(0));
        for n in 0..20 {
            emitted.extend(s.push(page(&format!("t{n}"), 1, 1, &["y"]), origin(n + 1)));
        }
        assert!(emitted.iter().any(|t| t.topic.id.as_deref() == Some("old")));
        assert_eq!(s.open_threads(), 0);
    }

    #[test]
    fn keys() {
        let t = page("7", 1, 1, &[]);
        assert_eq!(stitch_key(&t, None).as_deref(), Some("smf|forum.example|7"));
        let mut t = Thread::new(Engine::Smf, Format::Html);
        assert_eq!(stitch_key(&t, Some("https://x.example/")), None);
        t.topic.url = Some("https://x.example/t/slug#post-3".into());
        assert_eq!(stitch_key(&t, None).as_deref(), Some("https://x.example/t/slug"));
    }
}
