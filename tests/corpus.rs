//! The real-page corpus test: every page of each supported engine's folder in the shared
//! corpus (`../shared/corpus` or `$FORUM_CORPUS`) parses with the verified number of posts
//! (`posts_on_page` in PROVENANCE.tsv), every post has an author, a parsed date and text
//! (or, when it is only an image or an embedded video, that media in its HTML),
//! and where a hand-made gold file exists, authors and date strings agree with it.
//!
//! The corpus is third-party content and is not in this repository; without it these
//! tests say so on stderr and check nothing.

mod common;

use std::collections::HashMap;
use std::path::Path;

use forum_thread::Thread;

/// Corpus pages that must all parse, as a folder and a file-name prefix (empty for the whole
/// folder), with the engine name they must be detected as.
const ENGINES: &[(&str, &str, &str)] = &[
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

/// Pages whose `posts_on_page` counts a post-shaped element that is not a post, with the
/// number of real posts and why.
const COUNT_CORRECTIONS: &[(&str, usize, &str)] = &[(
    "other/forumotion-wolfsrebellen-regeln.html",
    3,
    "the fourth `div.post` (#p0, 'Gesponserte Inhalte', no date, an ad script as body) is \
     Forumotion's sponsored-content slot, not a post",
)];

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
    // Raw HTML: a post that is only an embedded player keeps its `<iframe>` for the
    // media-only check (sanitized output drops iframes).
    let raw = forum_thread::Parser::builder().raw_html(true).build().expect("valid options");
    let thread = match raw.parse_bytes(&common::read_bytes(&root.join(rel))) {
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
        if post.body_text.trim().is_empty() && !is_media_only(&post.body_html) {
            problems.push(format!("{rel}: post {n}: empty body_text"));
        }
    }
    let gold_path = root.join(rel).with_extension("gold.json");
    if let Ok(gold) = std::fs::read_to_string(&gold_path) {
        problems.extend(check_gold(rel, &thread, &gold));
    }
    problems
}

/// A post that is only an image or an embedded player has no text to show (the gold files
/// give such posts an empty text too); its body HTML must hold the media.
fn is_media_only(body_html: &str) -> bool {
    ["<img", "<iframe", "<video"].iter().any(|tag| body_html.contains(tag))
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
            // Links compare decoded: ours are serialized URLs, with non-ASCII percent-encoded
            // ("/u/Morg%C3%A2nosh"), while pages write them either way.
            let url = percent_decode(post.author.url.as_deref().unwrap_or_default());
            let link = percent_decode(&user);
            // Some annotators marked the post's own "reply with quote" link
            // (`posting.php?mode=quote&p=ID`) as its user: it names the post, not the author.
            let own_post_link = user.contains("mode=quote")
                && common::quoted_post_id(&user).is_some_and(|id| post.id.as_deref() == Some(&id));
            let link_matches = !user.is_empty()
                && (url.ends_with(link.trim_start_matches('.'))
                    || url.contains(link.trim_start_matches("./"))
                    || own_post_link);
            // A member group's decoration before the name is not part of it: Invision shows
            // Neowin's subscribers as "+forster", whose account (`data-quotedata`) is "forster".
            let decorated = !name.is_empty()
                && user.ends_with(name)
                && user[..user.len() - name.len()].chars().all(|c| !c.is_alphanumeric());
            if name != user && !link_matches && !decorated {
                problems.push(format!("{rel}: post {n}: author {name:?} / {url:?}, gold {user:?}"));
            }
        }
    }
    problems
}

/// Decodes `%XX` escapes (as UTF-8), leaving anything else as is.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn every_supported_corpus_page_parses_completely() {
    let Some(root) = common::corpus_root() else { return };
    let counts = expected_counts(&root);
    let mut ran = 0;
    let mut problems = Vec::new();
    for (dir, prefix, engine) in ENGINES {
        for page in common::files(&root.join(dir), "html") {
            let name = page.file_name().and_then(|f| f.to_str()).unwrap_or_default();
            if !name.starts_with(prefix) {
                continue;
            }
            let rel = format!("{dir}/{name}");
            ran += 1;
            let corrected = COUNT_CORRECTIONS.iter().find(|(file, _, _)| *file == rel).map(|(_, n, _)| *n);
            problems.extend(check_page(&root, &rel, engine, corrected.or_else(|| counts.get(&rel).copied())));
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

/// Values read by eye from the Invision Community 4 pages.
#[test]
fn invision_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };

    let t = parse_corpus_page(&root, "ipb/utorrent-t86747-ic4.html");
    assert_eq!(t.topic.id.as_deref(), Some("86747"));
    assert_eq!(t.topic.title.as_deref(), Some("Help us build the next great BitTorrent product!"));
    let board = t.topic.board.as_ref().expect("board");
    assert_eq!((board.id.as_deref(), board.name.as_deref()), (Some("10"), Some("General")));
    assert_eq!(t.site.as_ref().and_then(|s| s.name.as_deref()), Some("µTorrent Community Forums"));
    let p = &t.posts[0];
    assert_eq!(p.id.as_deref(), Some("471252"));
    assert_eq!(p.date_raw.as_deref(), Some("August 19, 2013"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2013-08-19T16:39:01+00:00"));
    assert_eq!(p.author.name.as_deref(), Some("rockett"));
    assert_eq!(p.author.id.as_deref(), Some("341908"));
    assert_eq!(p.author.title.as_deref(), Some("Advanced Member"));
    assert_eq!(p.author.rank.as_deref(), Some("Established Members"));
    assert_eq!((p.author.stars, p.author.post_count), (Some(3), Some(31)));
    assert!(p.body_text.ends_with("Thanks for your help,\n\nThe µTorrent Team"));
    assert_eq!(t.posts[1].author.post_count, Some(1142));
    let p = &t.posts[12];
    assert_eq!(p.author.name.as_deref(), Some("mike20021969"));
    let q = &p.quotes[0];
    assert_eq!((q.author.as_deref(), q.post_id.as_deref()), (Some("saijm4444"), Some("488538")));
    assert!(p.body_text.starts_with("> For some reason I can't progress beyond the first question."));

    // Neowin: the advertising "post" between posts 1 and 2 is not a post; names come without
    // the subscriber group's "+".
    let t = parse_corpus_page(&root, "ipb/neowin-t1391546-ic4.html");
    assert_eq!(t.posts.len(), 4);
    let p = &t.posts[1];
    assert_eq!((p.author.name.as_deref(), p.author.id.as_deref()), (Some("forster"), Some("32575")));
    assert_eq!(p.author.title.as_deref(), Some("Brutally Honest"));
    assert_eq!(p.author.post_count, Some(11857));
    assert_eq!(p.author.location.as_deref(), Some("Durham, England, UK"));
    assert_eq!(p.date_raw.as_deref(), Some("February 2"));
    assert_eq!(p.body_text, "Ola! donde esta la biblioteca?");
}

/// Values read by eye from the Discourse crawler views (2.5 and 3.4).
#[test]
fn discourse_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };

    let t = parse_corpus_page(&root, "discourse/blizzard-wow-t499760.html");
    assert_eq!(t.engine_version.as_deref(), Some("2.5.0.beta4"));
    assert_eq!(t.topic.id.as_deref(), Some("499760"));
    let crumbs: Vec<&str> = t.topic.breadcrumbs.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(crumbs, ["WoW Classic", "WoW Classic General Discussion"]);
    assert_eq!(t.page.number, 1);
    assert!(t.page.next_url.as_deref().is_some_and(|u| u.ends_with("/499760?page=2")));
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("Kaivax"));
    // Created on April 17; the page shows the last change, May 14.
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2020-04-17T23:18:35+00:00"));
    assert_eq!(p.edited.as_ref().and_then(|e| e.date_raw.as_deref()), Some("14 May 2020 22:19"));
    assert_eq!(p.reactions[0].count, 63);
    let p = &t.posts[18];
    assert_eq!(p.author.name.as_deref(), Some("Ôwns-proudmoore"));
    let q = &p.quotes[0];
    assert_eq!((q.author.as_deref(), q.post_id.as_deref()), (Some("Morgânosh-myzrael"), Some("19")));

    let t = parse_corpus_page(&root, "discourse/glamour-de-t345148-p2.html");
    assert_eq!(t.posts[0].date_raw.as_deref(), Some("7. März 2020 um 23:20"));
    assert_eq!(t.posts[1].author.name.as_deref(), Some("Divina"));
    let q = &t.posts[2].quotes[0];
    assert_eq!(
        (q.author.as_deref(), q.text.as_str()),
        (Some("Steffi_Schramm"), "Habt ihr einen Tip was helfen könnte?")
    );
    assert_eq!(
        t.posts[2].body_text,
        "> Habt ihr einen Tip was helfen könnte?\n\nDie Tabletten absetzen und zum Arzt gehen?"
    );

    let t = parse_corpus_page(&root, "discourse/discourse340-home-assistant-t724779.html");
    assert_eq!(t.engine_version.as_deref(), Some("3.4.0"));
    let board = t.topic.board.as_ref().expect("board");
    assert_eq!((board.id.as_deref(), board.name.as_deref()), (Some("11"), Some("Configuration")));
    assert_eq!(t.posts[0].date_raw.as_deref(), Some("May 3, 2024, 8:45am"));
    assert_eq!(t.posts[0].date.map(|d| d.to_string()).as_deref(), Some("2024-05-03T08:45:44+00:00"));
    let p = &t.posts[2];
    assert_eq!(p.author.name.as_deref(), Some("code-in-progress"));
    assert_eq!(p.author.fields[0].value, "Bill - I write code.");
}

/// Values read by eye from the Vanilla pages.
#[test]
fn vanilla_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };

    let t = parse_corpus_page(&root, "vanilla/moneysavingexpert-d5567669.html");
    assert_eq!(t.topic.id.as_deref(), Some("5567669"));
    assert_eq!((t.topic.views, t.topic.replies), (Some(101_646), Some(238)));
    assert_eq!((t.page.number, t.page.total), (1, Some(24)));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.name.as_deref()), Some("Loans"));
    let p = &t.posts[0];
    assert_eq!(p.id.as_deref(), Some("Discussion_5567669"));
    assert_eq!(p.date_raw.as_deref(), Some("4 December 2016 at 12:11AM"));
    assert_eq!(p.author.name.as_deref(), Some("zippygeorgeandben"));
    assert_eq!(p.author.rank.as_deref(), Some("Serious MoneySaving Fan"));
    assert_eq!((p.author.stars, p.author.post_count), (Some(3), Some(1142)));
    assert!(p.signature.as_ref().expect("signature").text.starts_with("Savings as of May 2020"));
    let p = &t.posts[1];
    assert_eq!((p.position, p.author.online), (Some(2), Some(true)));
    let p = &t.posts[4];
    assert_eq!(p.author.name.as_deref(), Some("YorkshireBoy"));
    assert_eq!(p.edited.as_ref().and_then(|e| e.date_raw.as_deref()), Some("4 December 2016 at 12:42AM"));
    assert_eq!(p.quotes[0].author.as_deref(), Some("zippygeorgeandben"));

    let t = parse_corpus_page(&root, "vanilla/scope-disabled-mum.html");
    let p = &t.posts[0];
    assert_eq!((p.author.rank.as_deref(), p.author.post_count), (Some("Listener"), Some(6)));
    let edited = p.edited.as_ref().expect("edited");
    assert_eq!(edited.by.as_deref(), Some("Chloe_Scope"));
    assert_eq!(edited.date.map(|d| d.to_string()).as_deref(), Some("2020-03-04T11:31:00"));
    assert_eq!(t.posts[11].quotes[0].author.as_deref(), Some("georgiea"));

    let t = parse_corpus_page(&root, "vanilla/bitterkittens-d868.html");
    assert_eq!((t.posts.len(), t.page.total), (31, Some(4)));
    assert_eq!(t.posts[0].author.id.as_deref(), Some("373"));
    assert_eq!(t.posts[0].date_raw.as_deref(), Some("May 2015"));
}

/// phpBB values read by eye from the pages, one post or topic at a time.
#[test]
fn phpbb_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let date = |p: &forum_thread::Post| p.date.map(|d| d.to_string());

    // 3.3 prosilver: `<time datetime>` in UTC beside the local time shown.
    let t = parse_corpus_page(&root, "phpbb/phpbb33-prosilver-virtualbox-t112320.html");
    assert_eq!(t.engine.name(), "phpbb");
    assert_eq!(t.topic.id.as_deref(), Some("112320"));
    assert_eq!(t.topic.title.as_deref(), Some("Discuss the VirtualBox 7.1.0 release here"));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.name.as_deref()), Some("Using VirtualBox"));
    assert_eq!((t.page.number, t.page.total), (1, Some(4)));
    assert_eq!(t.topic.replies, Some(47)); // "48 posts"
    let p = &t.posts[0];
    assert_eq!(p.id.as_deref(), Some("550447"));
    assert_eq!(p.position, Some(1));
    assert_eq!(p.author.name.as_deref(), Some("galitsyn"));
    assert_eq!(p.author.id.as_deref(), Some("72760"));
    assert_eq!(p.author.post_count, Some(138));
    assert_eq!(p.date_raw.as_deref(), Some("11. Sep 2024, 18:36"));
    assert_eq!(date(p).as_deref(), Some("2024-09-11T16:36:25+00:00"));
    let p = &t.posts[5];
    assert_eq!(p.author.name.as_deref(), Some("multiOS"));
    assert_eq!(p.author.rank.as_deref(), Some("Volunteer"));
    assert_eq!(p.author.post_count, Some(1725));
    assert_eq!(p.author.location.as_deref(), Some("United Kingdom"));
    assert_eq!(p.author.fields[0].label, "Primary OS");
    let a = &t.posts[6].attachments[0];
    assert_eq!(a.name, "VB7.0.20and7.1LogsFrom64w7hpeSP1guestVMon64w10pro.7z");
    assert_eq!(a.downloads, Some(478)); // "(95.79 KiB) Downloaded 478 times"
    let q = &t.posts[11].quotes[0];
    assert_eq!(q.author.as_deref(), Some("kabu"));
    assert_eq!(q.date_raw.as_deref(), Some("12. Sep 2024, 08:42"));
    assert_eq!(q.post_id.as_deref(), Some("550475"));
    assert!(t.posts[11].body_text.ends_with("Awesome and thanks."));

    // 3.0 prosilver, English, "All times are UTC + 1 hour [ DST ]".
    let t = parse_corpus_page(&root, "phpbb/openoffice-t82202.html");
    assert_eq!((t.page.number, t.page.total), (1, Some(2)));
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("Wesley Pearce"));
    assert_eq!(p.date_raw.as_deref(), Some("Sun Mar 06, 2016 5:45 am"));
    assert_eq!(date(p).as_deref(), Some("2016-03-06T05:45:00+02:00"));
    assert_eq!(p.signature.as_ref().map(|s| s.text.as_str()), Some("OpenOffice 3.1 on Windows 10"));
    assert!(t.posts[1].signature.as_ref().expect("signature").text.starts_with("Tibor Kovacs, Hungary;"));
    assert_eq!(t.posts[2].quotes[0].author.as_deref(), Some("Wesley Pearce"));
    let edited = t.posts.iter().find_map(|p| p.edited.as_ref()).expect("an edited post");
    assert_eq!(edited.by.as_deref(), Some("John_Ha"));
    assert_eq!(edited.date_raw.as_deref(), Some("Sun Apr 08, 2018 1:00 pm"));
    let a = t.posts.iter().flat_map(|p| &p.attachments).next().expect("an attachment");
    assert_eq!((a.name.as_str(), a.downloads), ("MS files.png", Some(14887)));

    // 2.0, fiappleblue template: the signature in its own cell after "_________________".
    let t = parse_corpus_page(&root, "phpbb/forumer-freeman-cruiser-t805-phpbb2.html");
    assert_eq!(t.topic.title.as_deref(), Some("back in water tomorrow"));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.id.as_deref()), Some("4"));
    let p = &t.posts[0];
    assert_eq!(p.id.as_deref(), Some("4513"));
    assert_eq!(p.author.name.as_deref(), Some("prestbury2"));
    assert_eq!(p.author.id.as_deref(), Some("124"));
    assert_eq!(p.author.rank.as_deref(), Some("**WARRANT OFFICER 2**"));
    assert_eq!(p.author.post_count, Some(72));
    assert_eq!(p.author.location.as_deref(), Some("Middlewich Cheshire"));
    assert_eq!(p.author.joined.map(|d| d.to_string()).as_deref(), Some("2008-10-20"));
    assert_eq!(p.date_raw.as_deref(), Some("Wed Jun 02, 2010 11:01 pm"));
    assert!(p.signature.as_ref().expect("signature").text.starts_with("George Newton"));
    assert!(p.body_text.ends_with("keep you posted\n\nGeorge"));

    // subsilver2-derived table style: rank image, "Posted:" in the header row.
    let t = parse_corpus_page(&root, "phpbb/codjumper-t16822-melankolia.html");
    let p = &t.posts[1];
    assert_eq!(p.author.name.as_deref(), Some("Xpayne"));
    assert_eq!(p.author.rank.as_deref(), Some("PC Team"));
    assert_eq!(p.author.post_count, Some(1226));
    assert_eq!(p.author.location.as_deref(), Some("Estonia"));
    assert_eq!(p.author.online, Some(false));
    assert_eq!(p.date_raw.as_deref(), Some("January 20th, 2016, 6:40 pm"));
    assert_eq!(p.subject.as_deref(), Some("Re: [ADDED] short and easy #3"));
    assert_eq!(p.body_text, "Thank you. Added.");
    assert!(p.signature.as_ref().expect("signature").text.starts_with("I'll take care of checking"));

    // SEO URLs, French dates, page 3 of 3.
    let t = parse_corpus_page(&root, "phpbb/maladiesrares-post11011.html");
    assert_eq!(t.topic.id.as_deref(), Some("2129"));
    assert_eq!((t.page.number, t.page.total), (3, Some(3)));
    let p = &t.posts[0];
    assert_eq!(p.position, Some(21));
    assert_eq!(p.author.id.as_deref(), Some("6665"));
    assert_eq!(p.date_raw.as_deref(), Some("Lun 8 Jan 2018 15:33"));
    assert_eq!(date(p).as_deref(), Some("2018-01-08T15:33:00"));

    // Bootstrap style without `div.post`; page 48 of 58.
    let t = parse_corpus_page(&root, "phpbb/ebaumsworld-t42095-start470.html");
    assert_eq!((t.page.number, t.page.total), (48, Some(58)));
    let p = &t.posts[0];
    assert_eq!(p.position, Some(471));
    assert_eq!(p.author.name.as_deref(), Some("lemmiwinx"));
    assert_eq!(p.author.post_count, Some(7416));
    assert_eq!(p.author.location.as_deref(), Some("Where I left off"));
    assert_eq!(p.body_text, "https://www.youtube.com/embed/iW0yN0iSjWE"); // a video and nothing else

    // German 3.2, edit note "Zuletzt geändert von X am DATE, insgesamt 1-mal geändert."
    let t = parse_corpus_page(&root, "phpbb/mein-schoener-garten-t4825193.html");
    let edited = t.posts[2].edited.as_ref().expect("edited");
    assert_eq!(edited.by.as_deref(), Some("hinter_dem_Kachelofen"));
    assert_eq!(edited.date_raw.as_deref(), Some("13 Jan 2018, 12:42"));
    assert_eq!(t.posts[2].author.location.as_deref(), Some("Als der Federmohn noch blühte.."));

    // Custom style with no breadcrumbs: the board from "Return to" and the jump box.
    let t = parse_corpus_page(&root, "phpbb/raspberrypi-t28017-raspite.html");
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.name.as_deref()), Some("Media centres"));
    let q = &t.posts[3].quotes[0];
    assert_eq!(q.author.as_deref(), Some("Max"));
    assert_eq!(q.quotes[0].author.as_deref(), Some("KenT"));
}

/// FluxBB 1.5 (bbs.archlinux.org), values read by eye.
#[test]
fn fluxbb_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let t = parse_corpus_page(&root, "fluxbb/archlinux-bbs-249553.html");
    assert_eq!(t.topic.id.as_deref(), Some("249553"));
    assert_eq!(
        t.topic.title.as_deref(),
        Some("Thinkpad Thunderbolt 3 Dock does not work correctly after replug")
    );
    let board = t.topic.board.as_ref().expect("board");
    assert_eq!((board.id.as_deref(), board.name.as_deref()), (Some("22"), Some("Kernel & Hardware")));
    assert_eq!(t.site.as_ref().and_then(|s| s.name.as_deref()), Some("Arch Linux Forums"));
    assert_eq!((t.page.number, t.page.total), (1, Some(1)));
    let p = &t.posts[0];
    assert_eq!((p.id.as_deref(), p.position), (Some("1865954"), Some(1)));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2019-09-29T10:46:47"));
    assert_eq!(p.author.name.as_deref(), Some("wzrdtales"));
    assert_eq!(p.author.rank.as_deref(), Some("Member"));
    assert_eq!(p.author.post_count, Some(24));
    assert_eq!(p.author.joined.map(|d| d.to_string()).as_deref(), Some("2017-03-14"));
    assert_eq!(p.author.online, Some(false));
    let edited = p.edited.as_ref().expect("edited");
    assert_eq!(
        (edited.by.as_deref(), edited.date_raw.as_deref()),
        (Some("wzrdtales"), Some("2019-09-30 11:46:18"))
    );
    assert!(p.body_text.starts_with("Hey together,"));
    assert!(!p.body_text.contains("Last edited by"));
    // The code boxes keep their lines.
    assert!(p.body_text.contains("\n[    1.290554] pci 0000:00:1c.6: PCI bridge to [bus 04]\n"));
    let p = &t.posts[1];
    assert_eq!((p.author.name.as_deref(), p.author.post_count), (Some("nickl"), Some(3)));
    assert_eq!(p.position, Some(2));
}

/// MyBB 1.8 (community.mybb.com, horizontal postbit), values read by eye.
#[test]
fn mybb_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let t = parse_corpus_page(&root, "mybb/mybb-community-thread222085.html");
    assert_eq!(t.topic.id.as_deref(), Some("222085"));
    assert_eq!(
        t.topic.title.as_deref(),
        Some("SMF vs MyBB? What are the differences? (looking for 2024 opinions)")
    );
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.id.as_deref()), Some("11"));
    assert_eq!((t.page.number, t.page.total), (1, Some(2)));
    assert!(t.page.next_url.as_deref().is_some_and(|u| u.ends_with("thread-222085-page-2.html")));
    let viewers = t.topic.viewers.as_ref().expect("viewers");
    assert_eq!((viewers.members, viewers.guests), (0, 1));
    let p = &t.posts[0];
    assert_eq!((p.id.as_deref(), p.position), (Some("1324873"), Some(1)));
    assert_eq!(p.date_raw.as_deref(), Some("2019-02-23, 09:14 PM"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2019-02-23T21:14:00"));
    assert_eq!((p.author.name.as_deref(), p.author.id.as_deref()), (Some("StarredSkies"), Some("126792")));
    assert_eq!(p.author.rank.as_deref(), Some("Big Board Owner"));
    assert_eq!(p.author.post_count, Some(116));
    assert_eq!(p.author.online, Some(false));
    let edited = p.edited.as_ref().expect("edited");
    assert_eq!(edited.date_raw.as_deref(), Some("2024-01-05, 03:27 AM"));
    assert_eq!(edited.by.as_deref(), Some("StarredSkies"));
    let p = &t.posts[4];
    assert_eq!((p.author.name.as_deref(), p.author.post_count), (Some("dragonexpert"), Some(4198)));
    assert_eq!(p.author.rank.as_deref(), Some("Former Staff"));
    assert!(p.signature.as_ref().expect("signature").text.starts_with("Recent Threads on Index"));
    let p = &t.posts[5];
    assert_eq!(p.author.name.as_deref(), Some("Omar G."));
    let q = &p.quotes[0];
    assert_eq!(
        (q.author.as_deref(), q.date_raw.as_deref()),
        (Some("StarredSkies"), Some("2019-02-24, 05:31 PM"))
    );
    assert_eq!(q.post_id.as_deref(), Some("1324903"));
    assert!(p.body_text.starts_with("> SMF hasn't updated whatsoever in years."));
    assert_eq!(t.posts.iter().filter(|p| p.signature.is_some()).count(), 5);
    assert_eq!(t.posts.iter().filter(|p| p.edited.is_some()).count(), 2);
}

/// Phorum 5.2 (Emerald template, Spanish), values read by eye.
#[test]
fn phorum_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let t = parse_corpus_page(&root, "other/phorum-angelman-read-132.html");
    assert_eq!(t.topic.id.as_deref(), Some("132"));
    assert_eq!(t.topic.title.as_deref(), Some("INFORMACION DE TERAPIAS DE DELFINOTERAPIA EN ESPAÑA"));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.id.as_deref()), Some("2"));
    let p = &t.posts[1];
    assert_eq!(p.id.as_deref(), Some("133"));
    assert_eq!(p.subject.as_deref(), Some("Re: INFORMACION DE TERAPIAS DE DELFINOTERAPIA EN ESPAÑA"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2011-08-11T16:02:00"));
    assert_eq!((p.author.name.as_deref(), p.author.id.as_deref()), (Some("julia"), Some("74")));
    assert_eq!(p.author.post_count, Some(14));
    assert_eq!(
        p.body_text,
        "Hola, soy Julia, desde Alcalá de Henares, quisiera saber si en Madrid hay delfinoterapia para mi angelito.\n\nUn saludo."
    );
    let p = &t.posts[4];
    assert_eq!(p.author.name.as_deref(), Some("liuchunkai"));
    assert_eq!(p.date_raw.as_deref(), Some("13-November-2017 12:46"));
    assert!(!p.body_text.contains("Responder"));
}

/// Forumotion (Invision-like template, German, forumieren.com), values read by eye.
#[test]
fn forumotion_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let t = parse_corpus_page(&root, "other/forumotion-wolfsrebellen-regeln.html");
    assert_eq!(t.topic.id.as_deref(), Some("7"));
    assert_eq!(t.topic.title.as_deref(), Some("Forums-Regeln"));
    let board = t.topic.board.as_ref().expect("board");
    assert_eq!((board.id.as_deref(), board.name.as_deref()), (Some("27"), Some("Forums-Regeln")));
    assert_eq!(t.topic.breadcrumbs.len(), 4);
    let p = &t.posts[0];
    assert_eq!((p.id.as_deref(), p.position), (Some("7"), Some(1)));
    assert_eq!(p.date_raw.as_deref(), Some("26/10/13, 03:48 pm"));
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2013-10-26T15:48:00"));
    assert_eq!(p.author.name.as_deref(), Some("lupa"));
    assert_eq!(p.author.rank.as_deref(), Some("admina"));
    assert_eq!(p.author.post_count, Some(1070));
    assert_eq!(p.author.joined.map(|d| d.to_string()).as_deref(), Some("2013-10-26"));
    assert_eq!(p.author.location.as_deref(), Some("Wolfshöhle"));
    assert!(
        p.body_text
            .starts_with("Forums - Regeln\n\nWir pflegen hier ein sehr freundschaftliches Miteinander")
    );
    let p = &t.posts[1];
    assert_eq!(p.date.map(|d| d.to_string()).as_deref(), Some("2014-05-26T07:41:00"));
    assert_eq!(
        p.signature.as_ref().map(|s| s.text.as_str()),
        Some("ich bin nicht da, um so zu sein, wie ihr es wollt")
    );
    assert!(t.posts.iter().all(|p| p.author.name.as_deref() == Some("lupa")));
}

/// XenForo values read by eye from the pages, one post or topic at a time.
#[test]
fn xenforo_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let date = |p: &forum_thread::Post| p.date.map(|d| d.to_string());

    // XenForo 2.0, default style: likes bar, "Staff member" banner, last edit.
    let t = parse_corpus_page(&root, "xenforo/statcounter-custom-tags.html");
    assert_eq!(t.topic.id.as_deref(), Some("44340"));
    assert_eq!(t.topic.title.as_deref(), Some("Custom Tags examples"));
    let board = t.topic.board.as_ref().expect("board");
    assert_eq!((board.id.as_deref(), board.name.as_deref()), (Some("34"), Some("Discussion")));
    let p = &t.posts[0];
    assert_eq!(p.id.as_deref(), Some("261438"));
    assert_eq!(p.position, Some(1));
    assert_eq!(p.author.name.as_deref(), Some("Rory_A"));
    assert_eq!(p.author.id.as_deref(), Some("56111"));
    assert_eq!(p.author.rank.as_deref(), Some("Staff member"));
    assert_eq!(p.author.title.as_deref(), Some("Administrator"));
    assert_eq!(p.date_raw.as_deref(), Some("Sep 9, 2017 at 1:19 AM"));
    assert_eq!(date(p).as_deref(), Some("2017-09-09T01:19:18+01:00"));
    assert_eq!(p.edited.as_ref().and_then(|e| e.date_raw.as_deref()), Some("Sep 14, 2017 at 9:29 PM"));
    assert!(p.body_text.starts_with("Howto : tag affiliate info in the stats"));
    // "funcity333, yekan9819, Advikaarun and 8 others"
    assert_eq!(p.reactions[0].count, 11);
    assert_eq!(p.reactions[0].users, ["funcity333", "yekan9819", "Advikaarun"]);

    // XenForo 2.1, ComputerBase style: German relative dates, signatures, reactions.
    let t = parse_corpus_page(&root, "xenforo/computerbase-t1940201.html");
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("GrumpyDude"));
    assert_eq!(p.author.title.as_deref(), Some("Lieutenant"));
    assert_eq!(p.author.post_count, Some(933));
    assert!(
        p.signature.as_ref().expect("signature").text.starts_with("Ich bin der Geist, der stets verneint!")
    );
    let p = &t.posts[9];
    // Shown as "Freitag um 00:40 Uhr", with the full date as its tooltip.
    assert_eq!(p.date_raw.as_deref(), Some("24. April 2020 um 00:40 Uhr"));
    assert_eq!(date(p).as_deref(), Some("2020-04-24T00:40:09+02:00"));
    assert_eq!(t.posts[3].quotes[0].author.as_deref(), Some("Baal Netbeck"));
    assert_eq!(t.posts[3].quotes[0].post_id.as_deref(), Some("24019707"));

    // XenForo 2.1, UI.X style: icon labels, the thread starter's badge.
    let t = parse_corpus_page(&root, "xenforo/macrumors-t2231616.html");
    assert_eq!((t.page.number, t.page.total), (1, Some(5)));
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("reacher"));
    assert_eq!(p.author.title.as_deref(), Some("macrumors member"));
    assert_eq!(p.author.rank, None);
    assert_eq!(p.author.post_count, Some(42));
    assert_eq!(p.author.joined.map(|d| d.to_string()).as_deref(), Some("2020-04-05"));
    assert!(p.author.fields.iter().any(|f| f.label == "Banner" && f.value == "Original poster"));

    // XenForo 2.1, German: "und 23 andere", last edit.
    let t = parse_corpus_page(&root, "xenforo/uhrforum-t414009.html");
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("bemk"));
    assert_eq!(p.edited.as_ref().and_then(|e| e.date_raw.as_deref()), Some("13.11.2019 um 18:36"));
    assert_eq!((p.reactions[0].kind.as_str(), p.reactions[0].count), ("Gefällt mir", 26));

    // XenForo 1, GTPlanet style: "baldgye: ↑" quote headers, flag locations.
    let t = parse_corpus_page(&root, "xenforo/gtplanet-t378195-xf1.html");
    assert_eq!((t.page.number, t.page.total), (1, Some(12)));
    let p = &t.posts[0];
    assert_eq!(p.author.name.as_deref(), Some("khr1s"));
    assert_eq!(p.author.post_count, Some(39));
    assert_eq!(p.author.location.as_deref(), Some("Thessaloniki, Greece"));
    assert_eq!(p.date_raw.as_deref(), Some("May 15, 2018 at 1:20 PM"));
    let q = &t.posts[2].quotes[0];
    assert_eq!((q.author.as_deref(), q.post_id.as_deref()), (Some("baldgye"), Some("12323222")));

    // XenForo 1, juraforum's style: names and dates as plain text, self-closed anchors.
    let t = parse_corpus_page(&root, "xenforo/juraforum-t678903-xf1.html");
    let p = &t.posts[1];
    assert_eq!(p.id.as_deref(), Some("1970341"));
    assert_eq!(p.position, Some(2));
    assert_eq!(p.author.name.as_deref(), Some("mayerei"));
    assert_eq!(p.author.title.as_deref(), Some("V.I.P."));
    assert_eq!(p.author.post_count, Some(17244));
    assert_eq!(p.author.joined.map(|d| d.to_string()).as_deref(), Some("2012-08-15"));
    assert_eq!(p.author.online, Some(true));
    assert!(!p.author.guest);
    assert_eq!(p.date_raw.as_deref(), Some("12.03.2020, 19:56"));
    assert_eq!(p.quotes[0].author.as_deref(), Some("GuntherHH"));

    // XenForo 1, last page of 243.
    let t = parse_corpus_page(&root, "xenforo/oneplus-t405700-p243-last-xf1.html");
    assert_eq!((t.page.number, t.page.total), (243, Some(243)));
    assert!(t.page.prev_url.as_deref().is_some_and(|u| u.ends_with("marsh-cm13.405700/page-242")));
    assert_eq!(t.page.next_url, None);
    let p = &t.posts[0];
    assert_eq!(p.position, Some(4841));
    assert_eq!(p.author.name.as_deref(), Some("ab123321"));
    assert_eq!(p.author.title.as_deref(), Some("Level: Froyo"));
}

/// Values read by eye from the vBulletin pages.
#[test]
fn vbulletin_values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let date = |p: &forum_thread::Post| p.date.map(|d| d.to_string());

    // 3.8.7 with vBSEO URLs and a theme that writes postbits as sections.
    let t = parse_corpus_page(&root, "vbulletin/mazdaworld-t310106-vb387.html");
    assert_eq!(t.engine_version.as_deref(), Some("3.8.7"));
    assert_eq!(t.topic.id.as_deref(), Some("310106"));
    assert_eq!(t.topic.title.as_deref(), Some("2005 Tribute"));
    assert_eq!(t.topic.board.as_ref().and_then(|b| b.id.as_deref()), Some("108"));
    assert_eq!((t.page.number, t.page.total), (1, Some(3)));
    let p = &t.posts[0];
    assert_eq!((p.id.as_deref(), p.position), (Some("705474"), Some(1)));
    assert_eq!(p.subject.as_deref(), Some("2005 Tribute"));
    assert_eq!(p.date_raw.as_deref(), Some("04-25-2015, 09:47 PM"));
    assert_eq!(date(p).as_deref(), Some("2015-04-25T21:47:00"));
    assert_eq!((p.author.name.as_deref(), p.author.id.as_deref()), (Some("tate16t"), Some("36706")));
    assert_eq!(p.author.title.as_deref(), Some("Junior Member"));
    assert_eq!((p.author.post_count, p.author.online), (Some(26), Some(false)));
    let p = &t.posts[2];
    assert_eq!(p.quotes[0].author.as_deref(), Some("oppo"));
    assert_eq!(p.quotes[0].post_id.as_deref(), Some("705514"));
    assert!(p.body_text.starts_with("> I've had the same issue"));
    assert!(p.body_text.ends_with("Any instructions or videos you could provide would be great."));
    let edited = t.posts[3].edited.as_ref().expect("post 4 was edited");
    assert_eq!(
        (edited.by.as_deref(), edited.date_raw.as_deref()),
        (Some("oppo"), Some("04-26-2015 at 09:32 PM"))
    );
    let files = &t.posts[8].attachments;
    assert_eq!(files.len(), 4);
    assert_eq!((files[0].name.as_str(), files[0].downloads), ("2015-04-30 07.14.07.jpg", Some(50)));

    // 4.2.5, German: members shown to guests without profile links, edit reasons.
    let t = parse_corpus_page(&root, "vbulletin/drwindows-t16340.html");
    assert_eq!((t.page.number, t.page.total), (1, Some(10)));
    let edited = t.posts[0].edited.as_ref().expect("post 1 was edited");
    assert_eq!(
        (edited.by.as_deref(), edited.date_raw.as_deref()),
        (Some("MK204"), Some("08.11.2009 um 13:53 Uhr"))
    );
    assert_eq!(t.posts[4].quotes[0].author.as_deref(), Some("prinblac"));
    assert_eq!(t.posts[4].quotes[0].post_id.as_deref(), Some("137356"));
    assert_eq!(t.posts[9].edited.as_ref().and_then(|e| e.reason.as_deref()), Some("64-Bit Download ergänzt"));
    let guest = &t.posts[14].author;
    assert_eq!(
        (guest.name.as_deref(), guest.title.as_deref(), guest.guest),
        (Some("DaTaRebell"), Some("Gast"), true)
    );

    // French, each post printed twice (the copy holds an advert): 7 postbits, 5 posts.
    let t = parse_corpus_page(&root, "vbulletin/futura-sciences-t12735.html");
    assert_eq!(t.posts.len(), 5);
    let p = &t.posts[0];
    assert_eq!(p.date_raw.as_deref(), Some("29/07/2004, 19h46"));
    assert_eq!(date(p).as_deref(), Some("2004-07-29T19:46:00"));
    assert_eq!((p.author.name.as_deref(), p.author.post_count), (Some("Futura"), Some(5913)));
    assert_eq!(p.author.location.as_deref(), Some("En transit"));
    assert_eq!(
        p.edited.as_ref().and_then(|e| e.reason.as_deref()),
        Some("mise à jour du lien vers symbols.pdf")
    );

    // 4.2.2: signatures, online status, a location.
    let t = parse_corpus_page(&root, "vbulletin/msworld-sort-of-new-here.html");
    assert_eq!((t.page.number, t.page.total), (1, Some(4)));
    assert_eq!(t.topic.replies, Some(49));
    let p = &t.posts[3];
    assert_eq!((p.author.name.as_deref(), p.author.post_count), (Some("SNOOPY"), Some(4153)));
    assert_eq!(p.author.location.as_deref(), Some("Colorado"));
    assert!(p.signature.as_ref().expect("signature").text.starts_with("Diagnosed 1984"));
    assert_eq!(t.posts[6].author.online, Some(true));

    // Persian, right to left, Jalali dates, a "thanks" box under the post.
    let t = parse_corpus_page(&root, "vbulletin/askdin-t53668-p3-rtl.html");
    assert_eq!((t.page.number, t.page.total), (3, Some(3)));
    let p = &t.posts[0];
    assert_eq!((p.id.as_deref(), p.position), (Some("783019"), Some(21)));
    assert_eq!(p.date_raw.as_deref(), Some("1394/11/27, 00:31"));
    assert_eq!(date(p).as_deref(), Some("2016-02-16T00:31:00"));
    assert_eq!((p.author.id.as_deref(), p.author.post_count), (Some("22107"), Some(16684)));
    let p = &t.posts[1];
    assert_eq!(p.author.stars, Some(5));
    assert_eq!(p.reactions[0].users, ["رضا"]);

    // The date alone in the user info column, the position in the thousands.
    let t = parse_corpus_page(&root, "vbulletin/pocketpc-ch-auslieferung-p34.html");
    assert_eq!((t.page.number, t.page.total), (34, Some(40)));
    let p = &t.posts[0];
    assert_eq!((p.position, date(p).as_deref()), (Some(661), Some("2011-03-03T14:17:00")));
    assert_eq!(p.quotes[0].author.as_deref(), Some("TheFreeman"));

    // 6.0.6, saved without scripts nor data attributes.
    let t = parse_corpus_page(&root, "vbulletin/vb606-simplydiscus-t86044.html");
    assert_eq!(t.engine_version.as_deref(), Some("6.0.6"));
    assert_eq!(t.topic.id.as_deref(), Some("86044"));
    let p = &t.posts[0];
    assert_eq!(p.date_raw.as_deref(), Some("03-16-2014, 07:25 PM"));
    assert_eq!(date(p).as_deref(), Some("2014-03-17T00:25:01+00:00"));
    assert_eq!((p.author.name.as_deref(), p.author.id.as_deref()), (Some("mrez5"), Some("51842")));
    assert_eq!((p.author.post_count, p.author.location.as_deref()), (Some(10), Some("Singapore")));
    assert_eq!(t.posts[1].edited.as_ref().and_then(|e| e.by.as_deref()), Some("OC Discus"));
    let quoted = t.posts.iter().find_map(|p| p.quotes.first()).expect("a quote");
    assert_eq!((quoted.author.as_deref(), quoted.post_id.as_deref()), (Some("STHH"), Some("1523611")));

    // The rest of this page followed a self-closing <iframe/>.
    let t = parse_corpus_page(&root, "vbulletin/worldofplayers-t1548322.html");
    let p = &t.posts[1];
    assert_eq!(p.author.title.as_deref(), Some("Batmanistrator"));
    assert_eq!(
        (p.author.post_count, p.author.location.as_deref()),
        (Some(18900), Some("Morrowind, Vvardenfell-Distrikt"))
    );
    assert_eq!(p.quotes[0].post_id.as_deref(), Some("26274846"));
}
