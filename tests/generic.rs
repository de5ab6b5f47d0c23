//! The generic reader (`Engine::Generic`), measured on the shared corpus (`../shared/corpus`
//! or `$FORUM_CORPUS`).
//!
//! "Engines as a teacher": the generic reader is forced on every corpus page of the engines
//! and compared with the engine's own reading of the same page: the number of posts, and, for
//! posts matched by order, the author's name, the date and the text. The figures are printed
//! per engine (`cargo test --test generic -- --nocapture`) and held to thresholds the reader
//! meets, so that a change that makes it worse fails.
//!
//! The corpus is third-party content and is not in this repository; without it these tests
//! say so on stderr and check nothing.

mod common;

use std::collections::BTreeMap;

use forum_thread::{Engine, Parser, Thread};

/// The engines' corpus pages, as a folder, a file-name prefix (empty for the whole folder)
/// and the engine that reads them.
const TAUGHT_BY: &[(&str, &str, &str)] = &[
    ("smf", "", "smf"),
    ("phpbb", "", "phpbb"),
    ("vbulletin", "", "vbulletin"),
    ("xenforo", "", "xenforo"),
    ("fluxbb", "", "fluxbb"),
    ("mybb", "", "mybb"),
    ("other", "phorum-", "phorum"),
    ("other", "forumotion-", "forumotion"),
    ("ipb", "", "invision"),
    ("discourse", "", "discourse"),
    ("vanilla", "", "vanilla"),
];

/// One engine's figures.
#[derive(Default)]
struct Figures {
    pages: usize,
    exact: usize,
    posts: usize,
    authors: usize,
    dates: usize,
    texts: usize,
    misses: Vec<String>,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.pages += other.pages;
        self.exact += other.exact;
        self.posts += other.posts;
        self.authors += other.authors;
        self.dates += other.dates;
        self.texts += other.texts;
    }

    fn line(&self, name: &str) -> String {
        let pct = |n: usize, of: usize| if of == 0 { 100.0 } else { 100.0 * n as f64 / of as f64 };
        format!(
            "{name:<11} pages {:3}  exact counts {:3} ({:5.1}%)  posts compared {:4}: author {:5.1}%  date {:5.1}%  text {:5.1}%",
            self.pages,
            self.exact,
            pct(self.exact, self.pages),
            self.posts,
            pct(self.authors, self.posts),
            pct(self.dates, self.posts),
            pct(self.texts, self.posts),
        )
    }
}

/// Whether two texts say the same: most of their words are shared (the generic reader may
/// keep or drop a label or an edit note the engine reads apart).
fn same_text(a: &str, b: &str) -> bool {
    let words = |s: &str| -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for w in s.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *m.entry(w.to_lowercase()).or_default() += 1;
        }
        m
    };
    let (wa, wb) = (words(a), words(b));
    let (na, nb): (usize, usize) = (wa.values().sum(), wb.values().sum());
    if na == 0 && nb == 0 {
        return true;
    }
    let common: usize = wa.iter().map(|(w, n)| (*n).min(wb.get(w).copied().unwrap_or(0))).sum();
    common * 10 >= na.max(nb) * 8
}

/// Whether two dates are the same moment as shown: equal, or equal as wall-clock times (one
/// reader may know the offset the other does not), or the same day when one has no time.
fn same_date(a: Option<forum_thread::Timestamp>, b: Option<forum_thread::Timestamp>) -> bool {
    use forum_thread::Timestamp::*;
    match (a, b) {
        (Some(a), Some(b)) => {
            let naive = |t| match t {
                Offset(dt) => Some(dt.naive_utc()),
                Local(dt) => Some(dt),
                _ => None,
            };
            let local = |t| match t {
                Offset(dt) => Some(dt.naive_local()),
                Local(dt) => Some(dt),
                _ => None,
            };
            a == b
                || naive(a).is_some() && naive(a) == naive(b)
                || local(a).is_some() && local(a) == local(b)
                || (matches!(a, Date(_)) || matches!(b, Date(_))) && a.date() == b.date()
        }
        _ => false,
    }
}

fn same_name(a: Option<&str>, b: Option<&str>) -> bool {
    let squash = |s: &str| common::squash_whitespace(s).to_lowercase();
    match (a, b) {
        (Some(a), Some(b)) => {
            squash(a) == squash(b) || squash(a).contains(&squash(b)) || squash(b).contains(&squash(a))
        }
        _ => false,
    }
}

fn compare(engine: &Thread, generic: &Thread, rel: &str, figures: &mut Figures) {
    figures.pages += 1;
    if engine.posts.len() == generic.posts.len() {
        figures.exact += 1;
    } else {
        figures.misses.push(format!(
            "{rel}: engine {} posts, generic {}",
            engine.posts.len(),
            generic.posts.len()
        ));
    }
    for (e, g) in engine.posts.iter().zip(&generic.posts) {
        figures.posts += 1;
        figures.authors += usize::from(same_name(e.author.name.as_deref(), g.author.name.as_deref()));
        figures.dates += usize::from(same_date(e.date, g.date));
        figures.texts += usize::from(same_text(&e.body_text, &g.body_text));
    }
}

#[test]
fn engines_teach_the_generic_reader() {
    let Some(root) = common::corpus_root() else { return };
    let generic = Parser::builder().engine(Engine::Generic).build().expect("options");
    let mut by_engine: BTreeMap<&str, Figures> = BTreeMap::new();
    for (dir, prefix, engine) in TAUGHT_BY {
        for page in common::files(&root.join(dir), &["html"]) {
            let name = page.file_name().and_then(|f| f.to_str()).unwrap_or_default();
            if !name.starts_with(prefix) {
                continue;
            }
            let rel = format!("{dir}/{name}");
            let bytes = common::read_bytes(&page);
            let taught = forum_thread::parse_bytes(&bytes).expect("the engine reads its own page");
            let figures = by_engine.entry(engine).or_default();
            match generic.parse_bytes(&bytes) {
                Ok(read) => compare(&taught, &read, &rel, figures),
                Err(e) => {
                    figures.pages += 1;
                    let e = e.to_string();
                    let why = e.rsplit_once("posts: ").map_or(e.as_str(), |(_, why)| why);
                    figures.misses.push(format!("{rel}: generic refused: {why:.100}"));
                }
            }
        }
    }
    let mut all = Figures::default();
    for (engine, figures) in &by_engine {
        println!("{}", figures.line(engine));
        for miss in &figures.misses {
            println!("    {miss}");
        }
        all.add(figures);
    }
    println!("{}", all.line("all"));
    assert!(all.pages > 0, "no engine pages under {}", root.display());
    // What the reader meets on these pages (issue 12 asks 85% exact counts on engine pages it
    // has not seen); a change that reads fewer fails here.
    let pct = |n: usize, of: usize| 100.0 * n as f64 / of.max(1) as f64;
    let floors = [
        ("exact counts", pct(all.exact, all.pages), 90.0),
        ("authors", pct(all.authors, all.posts), 94.0),
        ("dates", pct(all.dates, all.posts), 90.0),
        ("texts", pct(all.texts, all.posts), 90.0),
    ];
    for (what, got, floor) in floors {
        assert!(got >= floor, "generic reader on engine pages: {what} {got:.1}% < {floor}%");
    }
}

/// The project's own pages that are no threads (`tests/fixtures/generic/not-threads/`) are
/// refused with `Error::NotAThread`.
#[test]
fn fixtures_that_are_no_threads_are_refused() {
    let dir = common::fixtures_root().join("generic/not-threads");
    let pages = common::files(&dir, &["html"]);
    assert!(!pages.is_empty(), "no pages under {}", dir.display());
    for page in pages {
        match common::parse_page(&page) {
            Err(forum_thread::Error::NotAThread { .. }) => {}
            Ok(t) => panic!("{}: read as {} with {} posts", page.display(), t.engine, t.posts.len()),
            Err(e) => panic!("{}: refused with another error: {e}", page.display()),
        }
    }
}

/// Pages of software with no engine, read generically with their verified post counts, is
/// the corpus test's (`tests/corpus.rs`); this prints what was read, for a look.
#[test]
fn pages_of_other_software_print() {
    let Some(root) = common::corpus_root() else { return };
    for dir in ["other", "nodebb", "flarum", "discuz", "ubbthreads"] {
        for page in common::files(&root.join(dir), &["html"]) {
            let rel = page.strip_prefix(&root).unwrap_or(&page).display().to_string();
            match forum_thread::parse_bytes(&common::read_bytes(&page)) {
                Ok(t) => {
                    let full = t
                        .posts
                        .iter()
                        .filter(|p| p.author.name.is_some() && p.date.is_some() && !p.body_text.is_empty())
                        .count();
                    println!(
                        "{rel}: {} ({}) {} posts, {full} with author, date and text",
                        t.engine,
                        t.software.as_deref().unwrap_or("-"),
                        t.posts.len()
                    )
                }
                Err(e) => {
                    let e = e.to_string();
                    println!(
                        "{rel}: refused: {}",
                        e.rsplit_once("posts: ").map_or(e.as_str(), |(_, why)| why)
                    )
                }
            }
        }
    }
}
