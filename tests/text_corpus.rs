//! Text renderings of the real-page corpus (`../shared/corpus/text`, or `$FORUM_CORPUS/text`):
//! every SMF page rendered by `w3m -dump -cols 100` and `lynx -dump -nolist -width=100` must
//! give the posts its HTML gives (count, authors, and dates where the rendering shows them),
//! and the canonical example must give exactly the values its issue lists. Renderings of
//! phpBB, vBulletin and XenForo pages are measured the same way, their shares per engine and
//! renderer printed (`cargo test --test text_corpus -- --nocapture`) and held at thresholds.
//!
//! The corpus is third-party content and is not in this repository; without it these tests
//! say so on stderr and check nothing.

mod common;

use std::path::Path;

use forum_thread::{Format, Parser, Thread, Timestamp};

/// The renderers whose output the corpus holds, as folder names under `text/`.
const RENDERERS: &[&str] = &["w3m", "lynx"];

fn parse(root: &Path, rel: &str) -> Result<Thread, String> {
    let input = common::read_page(&root.join(rel));
    forum_thread::parse(&input).map_err(|e| format!("{rel}: does not parse: {e}"))
}

/// Compares a rendering's thread with its HTML page's; returns the differences, each naming
/// the file, the post and the field.
fn compare(rel: &str, html: &Thread, text: &Thread) -> Vec<String> {
    let mut problems = Vec::new();
    if text.format != Format::Text {
        problems.push(format!("{rel}: format {:?}, not text", text.format));
    }
    if text.posts.len() != html.posts.len() {
        problems.push(format!("{rel}: {} posts, the HTML has {}", text.posts.len(), html.posts.len()));
    }
    let squash = common::squash_whitespace;
    for (i, (h, t)) in html.posts.iter().zip(&text.posts).enumerate() {
        let n = i + 1;
        if t.author.name != h.author.name {
            problems.push(format!(
                "{rel}: post {n}: author {:?}, the HTML has {:?}",
                t.author.name, h.author.name
            ));
        }
        // The rendering shows every date the HTML shows; both must read the same.
        if h.date_raw.is_some() && t.date_raw.as_deref().map(squash) != h.date_raw.as_deref().map(squash) {
            problems
                .push(format!("{rel}: post {n}: date_raw {:?}, the HTML has {:?}", t.date_raw, h.date_raw));
        }
        if t.date != h.date {
            problems.push(format!("{rel}: post {n}: date {:?}, the HTML has {:?}", t.date, h.date));
        }
    }
    problems
}

#[test]
fn every_smf_rendering_gives_the_posts_of_its_html() {
    let Some(root) = common::corpus_root() else { return };
    let mut ran = 0;
    let mut problems = Vec::new();
    for page in common::files(&root.join("smf"), &["html"]) {
        let Some(stem) = page.file_stem().and_then(|s| s.to_str()) else { continue };
        let html = match parse(&root, &format!("smf/{stem}.html")) {
            Ok(t) => t,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        for renderer in RENDERERS {
            let rel = format!("text/{renderer}/{stem}.txt");
            if !root.join(&rel).is_file() {
                problems.push(format!("{rel}: missing"));
                continue;
            }
            ran += 1;
            match parse(&root, &rel) {
                Ok(text) => problems.extend(compare(&rel, &html, &text)),
                Err(e) => problems.push(e),
            }
        }
    }
    assert!(ran > 0, "no renderings found under {}", root.join("text").display());
    assert!(problems.is_empty(), "{} problems in {ran} renderings:\n{}", problems.len(), problems.join("\n"));
}

/// What the renderings of one engine by one renderer gave, against their HTML pages.
#[derive(Default)]
struct Shares {
    renderings: usize,
    exact_counts: usize,
    posts: usize,
    authors: usize,
    dates_shown: usize,
    dates: usize,
}

/// Whether a rendering's date reads as its HTML page's: the same wall-clock time (the HTML
/// may know the zone, a rendering does not), or the same day where the rendering shows only
/// the day ("Jun 3, 2019" for "Jun 3, 2019 at 9:12 AM").
fn same_date(text: &Timestamp, html: &Timestamp) -> bool {
    let local = |t: &Timestamp| match t {
        Timestamp::Local(dt) => Some(*dt),
        Timestamp::Offset(dt) => Some(dt.naive_local()),
        _ => None,
    };
    match (text, local(text), local(html)) {
        (_, Some(t), Some(h)) => t == h,
        (Timestamp::Date(d), _, _) => html.date() == Some(*d),
        _ => text == html,
    }
}

/// The share `part / whole` in percent (100 for nothing to count).
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 { 100.0 } else { 100.0 * part as f64 / whole as f64 }
}

/// The least shares reached, per engine and renderer: exact post counts, then authors and
/// dates (of the posts whose rendering shows a date) equal to the HTML's, in percent.
const FLOORS: &[(&str, &str, f64, f64, f64)] = &[
    ("phpbb", "w3m", 100.0, 98.5, 99.0),
    ("phpbb", "lynx", 100.0, 99.5, 99.0),
    ("vbulletin", "w3m", 100.0, 100.0, 99.0),
    ("vbulletin", "lynx", 100.0, 100.0, 99.0),
    ("xenforo", "w3m", 100.0, 94.0, 99.0),
    ("xenforo", "lynx", 100.0, 94.0, 99.0),
];

#[test]
fn phpbb_vbulletin_xenforo_renderings_give_the_posts_of_their_html() {
    let Some(root) = common::corpus_root() else { return };
    let mut table = Vec::new();
    let mut totals = Shares::default();
    let mut misses = Vec::new();
    for &(engine, renderer, counts_floor, authors_floor, dates_floor) in FLOORS {
        let mut s = Shares::default();
        for page in common::files(&root.join(engine), &["html"]) {
            let Some(stem) = page.file_stem().and_then(|s| s.to_str()) else { continue };
            let rel = format!("text/{renderer}/{stem}.txt");
            if !root.join(&rel).is_file() {
                continue;
            }
            let html = parse(&root, &format!("{engine}/{stem}.html")).expect("the HTML page parses");
            s.renderings += 1;
            s.posts += html.posts.len();
            let text = match parse(&root, &rel) {
                Ok(t) => t,
                Err(e) => {
                    misses.push(e);
                    continue;
                }
            };
            if text.engine.name() != engine {
                misses.push(format!("{rel}: read as {}", text.engine.name()));
            }
            if text.posts.len() == html.posts.len() {
                s.exact_counts += 1;
            } else {
                misses.push(format!("{rel}: {} posts, the HTML has {}", text.posts.len(), html.posts.len()));
            }
            for (i, (h, t)) in html.posts.iter().zip(&text.posts).enumerate() {
                if t.author.name == h.author.name {
                    s.authors += 1;
                } else {
                    misses.push(format!(
                        "{rel}: post {}: author {:?}, the HTML has {:?}",
                        i + 1,
                        t.author.name,
                        h.author.name
                    ));
                }
                if let Some(td) = &t.date {
                    s.dates_shown += 1;
                    // The same date as shown, or the same time read (the HTML's may come from a
                    // machine-readable UTC time beside the shown local one).
                    let squash = common::squash_whitespace;
                    let shown = t.date_raw.as_deref().map(squash) == h.date_raw.as_deref().map(squash);
                    if shown || h.date.as_ref().is_some_and(|hd| same_date(td, hd)) {
                        s.dates += 1;
                    } else {
                        misses.push(format!(
                            "{rel}: post {}: date {:?}, the HTML has {:?}",
                            i + 1,
                            t.date_raw,
                            h.date_raw
                        ));
                    }
                }
            }
        }
        let counts = percent(s.exact_counts, s.renderings);
        let authors = percent(s.authors, s.posts);
        let dates = percent(s.dates, s.dates_shown);
        println!(
            "{engine:<9} {renderer:<4}  exact counts {:>3}/{:<3} {counts:5.1}%   authors {:>4}/{:<4} {authors:5.1}%   dates {:>4}/{:<4} {dates:5.1}%",
            s.exact_counts, s.renderings, s.authors, s.posts, s.dates, s.dates_shown
        );
        assert!(
            s.renderings > 0,
            "no {renderer} renderings of {engine} pages under {}",
            root.join("text").display()
        );
        table.push((
            engine,
            renderer,
            counts >= counts_floor && authors >= authors_floor && dates >= dates_floor,
        ));
        totals.renderings += s.renderings;
        totals.exact_counts += s.exact_counts;
        totals.posts += s.posts;
        totals.authors += s.authors;
    }
    let counts = percent(totals.exact_counts, totals.renderings);
    let authors = percent(totals.authors, totals.posts);
    println!("all                exact counts {counts:5.1}%   authors {authors:5.1}%");
    for m in &misses {
        println!("  {m}");
    }
    let below: Vec<String> = table.iter().filter(|t| !t.2).map(|t| format!("{} {}", t.0, t.1)).collect();
    assert!(below.is_empty(), "below their floors: {}", below.join(", "));
    assert!(counts >= 90.0, "exact post counts on {counts:.1}% of renderings, not 90%");
    assert!(authors >= 95.0, "authors of {authors:.1}% of posts equal to the HTML's, not 95%");
}

/// Values read by eye from the renderings, one post at a time, for chrome the HTML
/// comparison does not cover.
#[test]
fn smf_rendering_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    for renderer in RENDERERS {
        let t = parse(&root, &format!("text/{renderer}/club2u-topic311-smf1112.txt")).expect("parses");
        assert_eq!(t.engine_version.as_deref(), Some("1.1.12"), "{renderer}");
        assert_eq!(t.topic.title.as_deref(), Some("Настройка торрентов"), "{renderer}");
        assert_eq!(t.topic.views, Some(2001), "{renderer}");
        let viewers = t.topic.viewers.as_ref().expect("viewers");
        assert_eq!((viewers.members, viewers.guests), (0, 1), "{renderer}");
        assert_eq!((t.page.number, t.page.total), (2, Some(2)), "{renderer}");
        let p = &t.posts[0];
        assert_eq!(p.position, Some(16), "{renderer}");
        assert_eq!(p.author.rank.as_deref(), Some("Глобальный модератор"), "{renderer}");
        assert_eq!((p.author.stars, p.author.post_count, p.author.online), (Some(5), Some(5137), Some(true)));
        let p = &t.posts[1];
        assert_eq!(p.quotes[0].author.as_deref(), Some("Beerman"), "{renderer}");
        let sig = t.posts[2].signature.as_ref().expect("signature");
        assert_eq!(
            (sig.text.as_str(), sig.inferred),
            ("Новинки видео!\nhttp://ytube.name", true),
            "{renderer}"
        );

        let t = parse(&root, &format!("text/{renderer}/bitcointalk-topic602041-p621.txt")).expect("parses");
        assert_eq!((t.page.number, t.page.total), (621, Some(621)), "{renderer}");
        let p = &t.posts[0];
        assert_eq!(p.position, Some(12401), "{renderer}");
        assert_eq!(
            (p.author.rank.as_deref(), p.author.online),
            (Some("Jr. Member"), Some(true)),
            "{renderer}"
        );
        assert_eq!(p.author.fields[0].label, "Activity", "{renderer}");
        // "Today at 09:03:11 PM", read against the header's "July 31, 2014, 10:26:29 PM".
        assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2014-07-31T21:03:11"), "{renderer}");

        let t = parse(&root, &format!("text/{renderer}/metin2hungary-topic66925-p1.txt")).expect("parses");
        let p = &t.posts[0];
        assert!(p.author.guest && p.author.rank.as_deref() == Some("Vendég"), "{renderer}");
        let edited = p.edited.as_ref().expect("edited");
        assert_eq!(edited.date_raw.as_deref(), Some("2011-08-22, 18:23:13"), "{renderer}");
        assert_eq!(edited.by.as_deref(), Some("[MOD]Niix"), "{renderer}");
        let p = &t.posts[4];
        assert_eq!(p.author.name.as_deref(), Some("mcbence12"), "{renderer}");
        assert_eq!((p.author.online, p.author.stars, p.author.post_count), (Some(false), Some(1), Some(59)));
        let p = &t.posts[8];
        assert_eq!(p.quotes[0].author.as_deref(), Some("gabeszka97"), "{renderer}");
        assert_eq!(p.quotes[0].date_raw.as_deref(), Some("2011-05-16, 15:51:26"), "{renderer}");
        assert!(p.body_text.starts_with("> Itt a megfejtés"), "{renderer}: {}", p.body_text);
    }
}

const HEADLINE: &str = "Largest international operation against darknet trafficking of fentanyl, opioids \
                        results in record arrests, seizures";
const SOURCE: &str = "https://www.ice.gov/news/releases/\
                      largest-international-operation-against-darknet-trafficking-fentanyl-opioids-results";
const JEFFERSON: &str = "The legitimate powers of government extend to such acts only as are injurious to \
                         others. But it does me no injury for my neighbor to say there are twenty gods, or no \
                         god. It neither picks my pocket nor breaks my leg.\nThomas Jefferson";

#[test]
fn canonical_example_gives_every_listed_value() {
    let Some(root) = common::corpus_root() else { return };
    let input = common::read_page(&root.join("text/smf-briefing-room-news-post.txt"));
    for parser in [Parser::default(), Parser::builder().format(Format::Text).build().expect("options")] {
        let t = parser.parse(&input).expect("the canonical example parses");
        assert_eq!(t.format, Format::Text);
        assert_eq!(t.engine.name(), "smf");
        assert_eq!(t.topic.title.as_deref(), Some(HEADLINE));
        assert_eq!(
            t.topic.title_shown.as_deref(),
            Some(
                "Largest international operation against darknet trafficking of fentanyl, opioids results in \
                 record a"
            )
        );
        assert_eq!(t.topic.views, Some(104));
        let viewers = t.topic.viewers.as_ref().expect("viewers");
        assert_eq!((viewers.members, viewers.guests), (0, 1));
        assert_eq!(t.posts.len(), 1);

        let p = &t.posts[0];
        assert_eq!(p.author.name.as_deref(), Some("rangerrebew"));
        assert_eq!(p.author.online, Some(false));
        assert_eq!(p.author.rank.as_deref(), Some("TBR Contributor"));
        assert_eq!(p.author.stars, Some(5));
        assert_eq!(p.author.post_count, Some(165_733));
        assert!(!p.author.guest);

        let article = p.article.as_ref().expect("article");
        assert_eq!(article.date.map(|d| d.to_string()).as_deref(), Some("2023-05-02"));
        assert_eq!(article.location.as_deref(), Some("WASHINGTON, DC"));
        assert_eq!(article.categories, ["CYBER CRIMES", "NARCOTICS"]);
        assert_eq!(article.headline.as_deref(), Some(HEADLINE));
        let paragraphs: Vec<&str> = article.text.split("\n\n").collect();
        assert_eq!(paragraphs.len(), 2, "{}", article.text);
        assert!(
            paragraphs[0].starts_with("WASHINGTON — International partners, including Homeland Security")
        );
        assert!(paragraphs[0].ends_with("and $53.4 million in cash and virtual currencies."));
        assert!(paragraphs[1].starts_with("“The illicit movement of opioids poses a significant threat"));
        assert!(paragraphs[1].ends_with("while protecting victims from these lethal substances.”"));
        assert_eq!(article.source_url.as_deref(), Some(SOURCE));

        let source = p.source.as_ref().expect("source");
        assert_eq!(source.url, SOURCE);
        assert_eq!(source.domain.as_deref(), Some("www.ice.gov"));

        let sig = p.signature.as_ref().expect("signature");
        assert_eq!(sig.text, JEFFERSON);
        assert!(sig.inferred);
        assert!(sig.html.is_empty());

        for chrome in
            ["Members", "Guest", "viewing", "Offline", "•", "Posts:", "*****", "Jefferson", "Read 104"]
        {
            assert!(!p.body_text.contains(chrome), "{chrome:?} leaked into body_text:\n{}", p.body_text);
        }
        assert!(p.body_text.starts_with("MAY 2, 2023WASHINGTON, DCCYBER CRIMES, NARCOTICS\n"));
        assert!(p.body_text.ends_with(SOURCE));
    }
}

/// Cut renderings (a dump stopped mid-page) and mangled ones must never panic.
#[test]
fn cut_and_mangled_renderings_never_panic() {
    let Some(root) = common::corpus_root() else { return };
    let mut inputs = vec![common::read_page(&root.join("text/smf-briefing-room-news-post.txt"))];
    for renderer in RENDERERS {
        for page in common::files(&root.join("text").join(renderer), &["txt"]) {
            inputs.push(common::read_page(&page));
        }
    }
    let parser = Parser::builder().format(Format::Text).build().expect("options");
    for input in &inputs {
        let lines: Vec<&str> = input.lines().collect();
        let step = (lines.len() / 8).max(1);
        for cut in (0..lines.len()).step_by(step) {
            let _ = parser.parse(&lines[..cut].join("\n"));
            let _ = parser.parse(&lines[cut..].join("\n"));
        }
        let shuffled: String = lines.iter().rev().map(|l| format!("{l}\n")).collect();
        let _ = parser.parse(&shuffled);
        let squeezed: String = input.chars().filter(|c| *c != ' ').collect();
        let _ = parser.parse(&squeezed);
    }
}
