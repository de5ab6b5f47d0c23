//! The real-page corpus test: every page of each supported engine's folder in the shared
//! corpus (`../shared/corpus` or `$FORUM_CORPUS`) parses with the verified number of posts
//! (`posts_on_page` in PROVENANCE.tsv), every post has an author, a parsed date and text,
//! and where a hand-made gold file exists, authors and date strings agree with it.
//!
//! The corpus is third-party content and is not in this repository; without it these
//! tests say so on stderr and check nothing.

mod common;

use std::collections::HashMap;
use std::path::Path;

use forum_thread::Thread;

/// Engine folders whose pages must all parse, with the engine name they must be detected as.
const ENGINES: &[(&str, &str)] = &[("smf", "smf")];

fn expected_counts(root: &Path) -> HashMap<String, usize> {
    let tsv = std::fs::read_to_string(root.join("PROVENANCE.tsv")).expect("PROVENANCE.tsv");
    let mut lines = tsv.lines();
    let header: Vec<&str> = lines.next().unwrap_or_default().split('\t').collect();
    let file = header.iter().position(|h| *h == "file").expect("file column");
    let count = header.iter().position(|h| *h == "posts_on_page").expect("posts_on_page column");
    lines
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            Some((cols.get(file)?.to_string(), cols.get(count)?.parse().ok()?))
        })
        .collect()
}

fn parse_corpus_page(root: &Path, rel: &str) -> Thread {
    common::parse_page(&root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Checks one page; returns the problems found, each naming the file, post and field.
fn check_page(root: &Path, rel: &str, engine: &str, expected: Option<usize>) -> Vec<String> {
    let mut problems = Vec::new();
    let thread = match common::parse_page(&root.join(rel)) {
        Ok(t) => t,
        Err(e) => return vec![format!("{rel}: does not parse: {e}")],
    };
    if thread.engine.name() != engine {
        problems.push(format!("{rel}: detected as {}, not {engine}", thread.engine));
    }
    match expected {
        Some(n) if n != thread.posts.len() => {
            problems.push(format!("{rel}: {} posts, PROVENANCE.tsv says {n}", thread.posts.len()))
        }
        None => problems.push(format!("{rel}: no posts_on_page in PROVENANCE.tsv")),
        _ => {}
    }
    for w in thread.warnings.iter().filter(|w| w.field == "posts") {
        problems.push(format!("{rel}: {}", w.message));
    }
    for (i, post) in thread.posts.iter().enumerate() {
        let n = i + 1;
        if post.author.name.as_deref().is_none_or(str::is_empty) {
            problems.push(format!("{rel}: post {n}: no author.name"));
        }
        if post.date.is_none() {
            problems.push(format!("{rel}: post {n}: no date (date_raw {:?})", post.date_raw));
        }
        if post.body_text.trim().is_empty() {
            problems.push(format!("{rel}: post {n}: empty body_text"));
        }
    }
    let gold_path = root.join(rel).with_extension("gold.json");
    if let Ok(gold) = std::fs::read_to_string(&gold_path) {
        problems.extend(check_gold(rel, &thread, &gold));
    }
    problems
}

/// Compares with a WEB-FORUM-52 gold file: per post, the `datetime` surface form must be
/// the post's `date_raw` (whitespace aside) and the `user` surface form its author's name
/// or profile link.
fn check_gold(rel: &str, thread: &Thread, gold: &str) -> Vec<String> {
    let gold: serde_json::Value = serde_json::from_str(gold).unwrap_or_else(|e| panic!("{rel}: gold: {e}"));
    let Some(posts) = gold["gold_standard_annotation"].as_array() else {
        return vec![format!("{rel}: gold file without gold_standard_annotation")];
    };
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut problems = Vec::new();
    if posts.len() != thread.posts.len() {
        problems.push(format!("{rel}: gold has {} posts, parsed {}", posts.len(), thread.posts.len()));
    }
    for (i, (g, post)) in posts.iter().zip(&thread.posts).enumerate() {
        let n = i + 1;
        if let Some(date) = g["datetime"]["surface_form"].as_str() {
            let ours = post.date_raw.as_deref().map(squash).unwrap_or_default();
            if !ours.contains(&squash(date)) && !squash(date).contains(&ours) {
                problems.push(format!("{rel}: post {n}: date_raw {ours:?}, gold {date:?}"));
            }
        }
        if let Some(user) = g["user"]["surface_form"].as_str() {
            let user = squash(user).replace("&amp;", "&");
            let name = post.author.name.as_deref().unwrap_or_default();
            let url = post.author.url.as_deref().unwrap_or_default();
            let link_matches = !user.is_empty()
                && (url.ends_with(user.trim_start_matches('.'))
                    || url.contains(user.trim_start_matches("./")));
            if name != user && !link_matches {
                problems.push(format!("{rel}: post {n}: author {name:?} / {url:?}, gold {user:?}"));
            }
        }
    }
    problems
}

#[test]
fn every_supported_corpus_page_parses_completely() {
    let Some(root) = common::corpus_root() else { return };
    let counts = expected_counts(&root);
    let mut ran = 0;
    let mut problems = Vec::new();
    for (dir, engine) in ENGINES {
        for page in common::files(&root.join(dir), "html") {
            let rel = format!("{dir}/{}", page.file_name().and_then(|f| f.to_str()).unwrap_or_default());
            ran += 1;
            problems.extend(check_page(&root, &rel, engine, counts.get(&rel).copied()));
        }
    }
    assert!(ran > 0, "no corpus pages found under {}", root.display());
    assert!(problems.is_empty(), "{} problems in {ran} pages:\n{}", problems.len(), problems.join("\n"));
}

/// Values read by eye from the pages, one post or topic at a time.
#[test]
fn smf_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };

    let t = parse_corpus_page(&root, "smf/club2u-topic266-smf202.html");
    assert_eq!(t.engine_version.as_deref(), Some("2.0.2"));
    assert_eq!(t.topic.id.as_deref(), Some("266"));
    assert_eq!(t.topic.title.as_deref(), Some("Бета-версия нового Ю-кабинета."));
    assert_eq!(t.topic.views, Some(10815));
    let viewers = t.topic.viewers.as_ref().expect("viewers line");
    assert_eq!((viewers.members, viewers.guests), (0, 1));
    assert_eq!((t.page.number, t.page.total), (1, Some(4)));
    let p = &t.posts[1];
    assert_eq!(p.id.as_deref(), Some("5687"));
    assert_eq!(p.position, Some(2));
    assert_eq!(p.date_raw.as_deref(), Some("30 Декабрь 2009, 00:35:03"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2009-12-30T00:35:03"));
    assert_eq!(p.author.name.as_deref(), Some("boooka"));
    assert_eq!(p.author.id.as_deref(), Some("596"));
    assert_eq!(p.author.rank.as_deref(), Some("Ветеран"));
    assert_eq!(p.author.stars, Some(5));
    assert_eq!(p.author.post_count, Some(2094));
    assert_eq!(p.author.online, Some(false));
    assert!(p.signature.as_ref().expect("signature").text.starts_with("Потряси лумумбой."));

    let t = parse_corpus_page(&root, "smf/metin2hungary-topic66925-p3.html");
    assert_eq!(t.topic.views, Some(36017));
    assert_eq!((t.page.number, t.page.total), (3, Some(4)));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.id.as_deref()), Some("5"));
    let p = &t.posts[0];
    assert_eq!(p.position, Some(51));
    assert_eq!(p.date_raw.as_deref(), Some("2011-07-31, 18:42:46"));
    assert_eq!(p.author.name.as_deref(), Some("adi0013"));
    assert_eq!(p.author.rank.as_deref(), Some("Professional"));
    assert_eq!((p.author.stars, p.author.post_count), (Some(3), Some(341)));
    let edited = p.edited.as_ref().expect("edited");
    assert_eq!(edited.date_raw.as_deref(), Some("2014-04-08, 21:11:34"));
    assert_eq!(edited.by.as_deref(), Some("[MOD]Bluebell"));
    let q = &p.quotes[0];
    assert_eq!(q.author.as_deref(), Some("NumberQueen"));
    assert_eq!(q.date_raw.as_deref(), Some("2011-07-29, 16:44:10"));
    assert_eq!(q.post_id.as_deref(), Some("554734"));
    assert!(p.body_text.starts_with("> Sziasztok"));
    assert!(p.body_text.ends_with("cipőbe és nyakasba is és úgy még jobb lesz!"));

    let t = parse_corpus_page(&root, "smf/bitcointalk-topic602041-p621.html");
    assert_eq!(t.engine_version.as_deref(), Some("1.1.19"));
    assert_eq!((t.page.number, t.page.total), (621, Some(621)));
    let p = &t.posts[0];
    assert_eq!(p.position, Some(12401));
    assert_eq!(p.author.name.as_deref(), Some("altcoinUK"));
    assert_eq!(p.author.rank.as_deref(), Some("Jr. Member"));
    assert_eq!(p.author.online, Some(true));
    // "Today at 09:03:11 PM", read against the header's "July 31, 2014, 10:26:29 PM".
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2014-07-31T21:03:11"));
    // Three quotes nested in each other.
    let q = &p.quotes[0];
    assert_eq!(q.author.as_deref(), Some("luisb"));
    assert_eq!(q.quotes[0].author.as_deref(), Some("altcoinUK"));
    assert_eq!(q.quotes[0].quotes[0].author.as_deref(), Some("setup"));
    assert_eq!(q.quotes[0].quotes[0].date_raw.as_deref(), Some("July 30, 2014, 08:49:09 PM"));

    let t = parse_corpus_page(&root, "smf/bitcointalk-topic382374-printpage.html");
    assert_eq!(t.topic.title.as_deref(), Some("Bitcoin source from November 2008."));
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("Cryddit"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2013-12-23T19:27:01"));
}
