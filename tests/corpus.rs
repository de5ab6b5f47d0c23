//! The real-page corpus test: every page of each supported engine's folder in the shared
//! corpus (`../shared/corpus` or `$FORUM_CORPUS`) parses with the verified number of posts
//! (`posts_on_page` in PROVENANCE.tsv), every post has an author, a parsed date and text
//! (or, when it is only an image or an embedded video, that media in its HTML),
//! and where a hand-made gold file exists, authors and date strings agree with it; and the
//! values read by eye from the pages (`READ_BY_HAND`: page, field path, value) are the values
//! parsed, all checked in one test that lists every one that differs.
//!
//! The corpus is third-party content and is not in this repository; without it these
//! tests say so on stderr and check nothing.

mod common;

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use Expect::*;
use common::json;
use forum_thread::Thread;
use serde_json::{Value, json};

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
    ("discuz", "", "discuz"),
    ("ubbthreads", "", "ubbthreads"),
    ("nodebb", "", "nodebb"),
    ("flarum", "", "flarum"),
    // Software with no engine: read generically.
    ("other", "wpforo-", "generic"),
    ("other", "kunena", "generic"),
    ("other", "asgaros-", "generic"),
    ("other", "flaskbb-", "generic"),
    ("other", "inyoka-", "generic"),
    ("other", "insided-", "generic"),
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
    let squash = common::squash_whitespace;
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
        for page in common::files(&root.join(dir), &["html"]) {
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

/// Every page of `negatives/` (board indexes, topic lists, member lists, profiles, logins,
/// searches, articles with and without comments, reviews) is refused with
/// `Error::NotAThread`, by the engines and by the generic reader alike; a Q&A page (`qa/`)
/// may be refused or read.
#[test]
fn every_negative_is_refused() {
    let Some(root) = common::corpus_root() else { return };
    let negatives = root.join("negatives");
    let mut ran = 0;
    let mut problems = Vec::new();
    for kind in common::dirs(&negatives) {
        let either_way = kind.file_name().is_some_and(|k| k == "qa");
        for page in common::files(&kind, &["html"]) {
            ran += 1;
            let rel = page.strip_prefix(&root).unwrap_or(&page).display().to_string();
            match common::parse_page(&page) {
                Err(forum_thread::Error::NotAThread { .. }) => {}
                Ok(_) if either_way => {}
                Ok(t) => problems.push(format!("{rel}: read as {} with {} posts", t.engine, t.posts.len())),
                Err(e) => problems.push(format!("{rel}: refused with another error: {e}")),
            }
        }
    }
    assert!(ran > 0, "no negative pages under {}", negatives.display());
    assert!(
        problems.is_empty(),
        "{} of {ran} negative pages not refused:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// What a row expects of the value at its path.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// This string.
    Str(&'static str),
    /// This whole number.
    Num(u64),
    Bool(bool),
    Null,
    /// This JSON value, written as JSON (an array: `r#"["a", "b"]"#`).
    Json(&'static str),
    /// A string that starts with this.
    StartsWith(&'static str),
    /// A string that ends with this.
    EndsWith(&'static str),
    /// A string that holds this.
    Contains(&'static str),
    /// A string that does not hold this.
    Lacks(&'static str),
    /// An array of this many items.
    Len(usize),
}

/// Values read by eye from the pages, as (page, field path, value) rows grouped by page. A path
/// names a field of the page's JSON (`serde_json::to_value(&thread)`): `posts[1].author.name`.
/// A date is its JSON string: `"2009-12-30T00:35:03"` is a local time, `"...+02:00"` one with
/// an offset, `"2008-10-20"` a day.
const READ_BY_HAND: &[(&str, &[(&str, Expect)])] = &[
    (
        "smf/club2u-topic266-smf202.html",
        &[
            ("engine_version", Str("2.0.2")),
            ("topic.id", Str("266")),
            ("topic.title", Str("Бета-версия нового Ю-кабинета.")),
            ("topic.views", Num(10815)),
            ("topic.viewers.members", Num(0)),
            ("topic.viewers.guests", Num(1)),
            ("page.number", Num(1)),
            ("page.total", Num(4)),
            ("posts[1].id", Str("5687")),
            ("posts[1].position", Num(2)),
            ("posts[1].date_raw", Str("30 Декабрь 2009, 00:35:03")),
            ("posts[1].date", Str("2009-12-30T00:35:03")),
            ("posts[1].author.name", Str("boooka")),
            ("posts[1].author.id", Str("596")),
            ("posts[1].author.rank", Str("Ветеран")),
            ("posts[1].author.stars", Num(5)),
            ("posts[1].author.post_count", Num(2094)),
            ("posts[1].author.online", Bool(false)),
            ("posts[1].signature.text", StartsWith("Потряси лумумбой.")),
        ],
    ),
    (
        "smf/metin2hungary-topic66925-p3.html",
        &[
            ("topic.views", Num(36017)),
            ("page.number", Num(3)),
            ("page.total", Num(4)),
            ("topic.board.id", Str("5")),
            ("posts[0].position", Num(51)),
            ("posts[0].date_raw", Str("2011-07-31, 18:42:46")),
            ("posts[0].author.name", Str("adi0013")),
            ("posts[0].author.rank", Str("Professional")),
            ("posts[0].author.stars", Num(3)),
            ("posts[0].author.post_count", Num(341)),
            ("posts[0].edited.date_raw", Str("2014-04-08, 21:11:34")),
            ("posts[0].edited.by", Str("[MOD]Bluebell")),
            ("posts[0].quotes[0].author", Str("NumberQueen")),
            ("posts[0].quotes[0].date_raw", Str("2011-07-29, 16:44:10")),
            ("posts[0].quotes[0].post_id", Str("554734")),
            ("posts[0].body_text", StartsWith("> Sziasztok")),
            ("posts[0].body_text", EndsWith("cipőbe és nyakasba is és úgy még jobb lesz!")),
        ],
    ),
    (
        "smf/bitcointalk-topic602041-p621.html",
        &[
            ("engine_version", Str("1.1.19")),
            ("page.number", Num(621)),
            ("page.total", Num(621)),
            ("posts[0].position", Num(12401)),
            ("posts[0].author.name", Str("altcoinUK")),
            ("posts[0].author.rank", Str("Jr. Member")),
            ("posts[0].author.online", Bool(true)),
            // "Today at 09:03:11 PM", read against the header's "July 31, 2014, 10:26:29 PM".
            ("posts[0].date", Str("2014-07-31T21:03:11")),
            // Three quotes nested in each other.
            ("posts[0].quotes[0].author", Str("luisb")),
            ("posts[0].quotes[0].quotes[0].author", Str("altcoinUK")),
            ("posts[0].quotes[0].quotes[0].quotes[0].author", Str("setup")),
            ("posts[0].quotes[0].quotes[0].quotes[0].date_raw", Str("July 30, 2014, 08:49:09 PM")),
        ],
    ),
    (
        "smf/bitcointalk-topic382374-printpage.html",
        &[
            ("topic.title", Str("Bitcoin source from November 2008.")),
            ("posts[0].author.name", Str("Cryddit")),
            ("posts[0].date", Str("2013-12-23T19:27:01")),
        ],
    ),
    // phpBB 3.3 prosilver: `<time datetime>` in UTC beside the local time shown.
    (
        "phpbb/phpbb33-prosilver-virtualbox-t112320.html",
        &[
            ("engine", Str("phpbb")),
            ("topic.id", Str("112320")),
            ("topic.title", Str("Discuss the VirtualBox 7.1.0 release here")),
            ("topic.board.name", Str("Using VirtualBox")),
            ("page.number", Num(1)),
            ("page.total", Num(4)),
            ("topic.replies", Num(47)), // "48 posts"
            ("posts[0].id", Str("550447")),
            ("posts[0].position", Num(1)),
            ("posts[0].author.name", Str("galitsyn")),
            ("posts[0].author.id", Str("72760")),
            ("posts[0].author.post_count", Num(138)),
            ("posts[0].date_raw", Str("11. Sep 2024, 18:36")),
            ("posts[0].date", Str("2024-09-11T16:36:25+00:00")),
            ("posts[5].author.name", Str("multiOS")),
            ("posts[5].author.rank", Str("Volunteer")),
            ("posts[5].author.post_count", Num(1725)),
            ("posts[5].author.location", Str("United Kingdom")),
            ("posts[5].author.fields[0].label", Str("Primary OS")),
            ("posts[6].attachments[0].name", Str("VB7.0.20and7.1LogsFrom64w7hpeSP1guestVMon64w10pro.7z")),
            ("posts[6].attachments[0].downloads", Num(478)), // "(95.79 KiB) Downloaded 478 times"
            ("posts[11].quotes[0].author", Str("kabu")),
            ("posts[11].quotes[0].date_raw", Str("12. Sep 2024, 08:42")),
            ("posts[11].quotes[0].post_id", Str("550475")),
            ("posts[11].body_text", EndsWith("Awesome and thanks.")),
        ],
    ),
    // phpBB 3.0 prosilver, English, "All times are UTC + 1 hour [ DST ]".
    (
        "phpbb/openoffice-t82202.html",
        &[
            ("page.number", Num(1)),
            ("page.total", Num(2)),
            ("posts[0].author.name", Str("Wesley Pearce")),
            ("posts[0].date_raw", Str("Sun Mar 06, 2016 5:45 am")),
            ("posts[0].date", Str("2016-03-06T05:45:00+02:00")),
            ("posts[0].signature.text", Str("OpenOffice 3.1 on Windows 10")),
            ("posts[1].signature.text", StartsWith("Tibor Kovacs, Hungary;")),
            ("posts[2].quotes[0].author", Str("Wesley Pearce")),
        ],
    ),
    // phpBB 2.0, fiappleblue template: the signature in its own cell after "_________________".
    (
        "phpbb/forumer-freeman-cruiser-t805-phpbb2.html",
        &[
            ("topic.title", Str("back in water tomorrow")),
            ("topic.board.id", Str("4")),
            ("posts[0].id", Str("4513")),
            ("posts[0].author.name", Str("prestbury2")),
            ("posts[0].author.id", Str("124")),
            ("posts[0].author.rank", Str("**WARRANT OFFICER 2**")),
            ("posts[0].author.post_count", Num(72)),
            ("posts[0].author.location", Str("Middlewich Cheshire")),
            ("posts[0].author.joined", Str("2008-10-20")),
            ("posts[0].date_raw", Str("Wed Jun 02, 2010 11:01 pm")),
            ("posts[0].signature.text", StartsWith("George Newton")),
            ("posts[0].body_text", EndsWith("keep you posted\n\nGeorge")),
        ],
    ),
    // A subsilver2-derived table style: rank image, "Posted:" in the header row.
    (
        "phpbb/codjumper-t16822-melankolia.html",
        &[
            ("posts[1].author.name", Str("Xpayne")),
            ("posts[1].author.rank", Str("PC Team")),
            ("posts[1].author.post_count", Num(1226)),
            ("posts[1].author.location", Str("Estonia")),
            ("posts[1].author.online", Bool(false)),
            ("posts[1].date_raw", Str("January 20th, 2016, 6:40 pm")),
            ("posts[1].subject", Str("Re: [ADDED] short and easy #3")),
            ("posts[1].body_text", Str("Thank you. Added.")),
            ("posts[1].signature.text", StartsWith("I'll take care of checking")),
        ],
    ),
    // SEO URLs, French dates, page 3 of 3.
    (
        "phpbb/maladiesrares-post11011.html",
        &[
            ("topic.id", Str("2129")),
            ("page.number", Num(3)),
            ("page.total", Num(3)),
            ("posts[0].position", Num(21)),
            ("posts[0].author.id", Str("6665")),
            ("posts[0].date_raw", Str("Lun 8 Jan 2018 15:33")),
            ("posts[0].date", Str("2018-01-08T15:33:00")),
        ],
    ),
    // A Bootstrap style without `div.post`; page 48 of 58.
    (
        "phpbb/ebaumsworld-t42095-start470.html",
        &[
            ("page.number", Num(48)),
            ("page.total", Num(58)),
            ("posts[0].position", Num(471)),
            ("posts[0].author.name", Str("lemmiwinx")),
            ("posts[0].author.post_count", Num(7416)),
            ("posts[0].author.location", Str("Where I left off")),
            // A video and nothing else.
            ("posts[0].body_text", Str("https://www.youtube.com/embed/iW0yN0iSjWE")),
        ],
    ),
    // German 3.2, edit note "Zuletzt geändert von X am DATE, insgesamt 1-mal geändert."
    (
        "phpbb/mein-schoener-garten-t4825193.html",
        &[
            ("posts[2].edited.by", Str("hinter_dem_Kachelofen")),
            ("posts[2].edited.date_raw", Str("13 Jan 2018, 12:42")),
            ("posts[2].author.location", Str("Als der Federmohn noch blühte..")),
        ],
    ),
    // A custom style with no breadcrumbs: the board from "Return to" and the jump box.
    (
        "phpbb/raspberrypi-t28017-raspite.html",
        &[
            ("topic.board.name", Str("Media centres")),
            ("posts[3].quotes[0].author", Str("Max")),
            ("posts[3].quotes[0].quotes[0].author", Str("KenT")),
        ],
    ),
    // vBulletin 3.8.7 with vBSEO URLs and a theme that writes postbits as sections.
    (
        "vbulletin/mazdaworld-t310106-vb387.html",
        &[
            ("engine_version", Str("3.8.7")),
            ("topic.id", Str("310106")),
            ("topic.title", Str("2005 Tribute")),
            ("topic.board.id", Str("108")),
            ("page.number", Num(1)),
            ("page.total", Num(3)),
            ("posts[0].id", Str("705474")),
            ("posts[0].position", Num(1)),
            ("posts[0].subject", Str("2005 Tribute")),
            ("posts[0].date_raw", Str("04-25-2015, 09:47 PM")),
            ("posts[0].date", Str("2015-04-25T21:47:00")),
            ("posts[0].author.name", Str("tate16t")),
            ("posts[0].author.id", Str("36706")),
            ("posts[0].author.title", Str("Junior Member")),
            ("posts[0].author.post_count", Num(26)),
            ("posts[0].author.online", Bool(false)),
            ("posts[2].quotes[0].author", Str("oppo")),
            ("posts[2].quotes[0].post_id", Str("705514")),
            ("posts[2].body_text", StartsWith("> I've had the same issue")),
            ("posts[2].body_text", EndsWith("Any instructions or videos you could provide would be great.")),
            ("posts[3].edited.by", Str("oppo")),
            ("posts[3].edited.date_raw", Str("04-26-2015 at 09:32 PM")),
            ("posts[8].attachments", Len(4)),
            ("posts[8].attachments[0].name", Str("2015-04-30 07.14.07.jpg")),
            ("posts[8].attachments[0].downloads", Num(50)),
        ],
    ),
    // vBulletin 4.2.5, German: members shown to guests without profile links, edit reasons.
    (
        "vbulletin/drwindows-t16340.html",
        &[
            ("page.number", Num(1)),
            ("page.total", Num(10)),
            ("posts[0].edited.by", Str("MK204")),
            ("posts[0].edited.date_raw", Str("08.11.2009 um 13:53 Uhr")),
            ("posts[4].quotes[0].author", Str("prinblac")),
            ("posts[4].quotes[0].post_id", Str("137356")),
            ("posts[9].edited.reason", Str("64-Bit Download ergänzt")),
            ("posts[14].author.name", Str("DaTaRebell")),
            ("posts[14].author.title", Str("Gast")),
            ("posts[14].author.guest", Bool(true)),
        ],
    ),
    // French, each post printed twice (the copy holds an advert): 7 postbits, 5 posts.
    (
        "vbulletin/futura-sciences-t12735.html",
        &[
            ("posts", Len(5)),
            ("posts[0].date_raw", Str("29/07/2004, 19h46")),
            ("posts[0].date", Str("2004-07-29T19:46:00")),
            ("posts[0].author.name", Str("Futura")),
            ("posts[0].author.post_count", Num(5913)),
            ("posts[0].author.location", Str("En transit")),
            ("posts[0].edited.reason", Str("mise à jour du lien vers symbols.pdf")),
        ],
    ),
    // vBulletin 4.2.2: signatures, online status, a location.
    (
        "vbulletin/msworld-sort-of-new-here.html",
        &[
            ("page.number", Num(1)),
            ("page.total", Num(4)),
            ("topic.replies", Num(49)),
            ("posts[3].author.name", Str("SNOOPY")),
            ("posts[3].author.post_count", Num(4153)),
            ("posts[3].author.location", Str("Colorado")),
            ("posts[3].signature.text", StartsWith("Diagnosed 1984")),
            ("posts[6].author.online", Bool(true)),
        ],
    ),
    // Persian, right to left, Jalali dates, a "thanks" box under the post.
    (
        "vbulletin/askdin-t53668-p3-rtl.html",
        &[
            ("page.number", Num(3)),
            ("page.total", Num(3)),
            ("posts[0].id", Str("783019")),
            ("posts[0].position", Num(21)),
            ("posts[0].date_raw", Str("1394/11/27, 00:31")),
            ("posts[0].date", Str("2016-02-16T00:31:00")),
            ("posts[0].author.id", Str("22107")),
            ("posts[0].author.post_count", Num(16684)),
            ("posts[1].author.stars", Num(5)),
            ("posts[1].reactions[0].users", Json(r#"["رضا"]"#)),
        ],
    ),
    // The date alone in the user info column, the position in the thousands.
    (
        "vbulletin/pocketpc-ch-auslieferung-p34.html",
        &[
            ("page.number", Num(34)),
            ("page.total", Num(40)),
            ("posts[0].position", Num(661)),
            ("posts[0].date", Str("2011-03-03T14:17:00")),
            ("posts[0].quotes[0].author", Str("TheFreeman")),
        ],
    ),
    // vBulletin 6.0.6, saved without scripts nor data attributes.
    (
        "vbulletin/vb606-simplydiscus-t86044.html",
        &[
            ("engine_version", Str("6.0.6")),
            ("topic.id", Str("86044")),
            ("posts[0].date_raw", Str("03-16-2014, 07:25 PM")),
            ("posts[0].date", Str("2014-03-17T00:25:01+00:00")),
            ("posts[0].author.name", Str("mrez5")),
            ("posts[0].author.id", Str("51842")),
            ("posts[0].author.post_count", Num(10)),
            ("posts[0].author.location", Str("Singapore")),
            ("posts[1].edited.by", Str("OC Discus")),
        ],
    ),
    // The rest of this page followed a self-closing <iframe/>.
    (
        "vbulletin/worldofplayers-t1548322.html",
        &[
            ("posts[1].author.title", Str("Batmanistrator")),
            ("posts[1].author.post_count", Num(18900)),
            ("posts[1].author.location", Str("Morrowind, Vvardenfell-Distrikt")),
            ("posts[1].quotes[0].post_id", Str("26274846")),
        ],
    ),
    // XenForo 2.0, default style: likes bar, "Staff member" banner, last edit.
    (
        "xenforo/statcounter-custom-tags.html",
        &[
            ("topic.id", Str("44340")),
            ("topic.title", Str("Custom Tags examples")),
            ("topic.board.id", Str("34")),
            ("topic.board.name", Str("Discussion")),
            ("posts[0].id", Str("261438")),
            ("posts[0].position", Num(1)),
            ("posts[0].author.name", Str("Rory_A")),
            ("posts[0].author.id", Str("56111")),
            ("posts[0].author.rank", Str("Staff member")),
            ("posts[0].author.title", Str("Administrator")),
            ("posts[0].date_raw", Str("Sep 9, 2017 at 1:19 AM")),
            ("posts[0].date", Str("2017-09-09T01:19:18+01:00")),
            ("posts[0].edited.date_raw", Str("Sep 14, 2017 at 9:29 PM")),
            ("posts[0].body_text", StartsWith("Howto : tag affiliate info in the stats")),
            // "funcity333, yekan9819, Advikaarun and 8 others"
            ("posts[0].reactions[0].count", Num(11)),
            ("posts[0].reactions[0].users", Json(r#"["funcity333", "yekan9819", "Advikaarun"]"#)),
        ],
    ),
    // XenForo 2.1, ComputerBase style: German relative dates, signatures, reactions.
    (
        "xenforo/computerbase-t1940201.html",
        &[
            ("posts[0].author.name", Str("GrumpyDude")),
            ("posts[0].author.title", Str("Lieutenant")),
            ("posts[0].author.post_count", Num(933)),
            ("posts[0].signature.text", StartsWith("Ich bin der Geist, der stets verneint!")),
            // Shown as "Freitag um 00:40 Uhr", with the full date as its tooltip.
            ("posts[9].date_raw", Str("24. April 2020 um 00:40 Uhr")),
            ("posts[9].date", Str("2020-04-24T00:40:09+02:00")),
            ("posts[3].quotes[0].author", Str("Baal Netbeck")),
            ("posts[3].quotes[0].post_id", Str("24019707")),
        ],
    ),
    // XenForo 2.1, UI.X style: icon labels, the thread starter's badge.
    (
        "xenforo/macrumors-t2231616.html",
        &[
            ("page.number", Num(1)),
            ("page.total", Num(5)),
            ("posts[0].author.name", Str("reacher")),
            ("posts[0].author.title", Str("macrumors member")),
            ("posts[0].author.rank", Null),
            ("posts[0].author.post_count", Num(42)),
            ("posts[0].author.joined", Str("2020-04-05")),
        ],
    ),
    // XenForo 2.1, German: "und 23 andere", last edit.
    (
        "xenforo/uhrforum-t414009.html",
        &[
            ("posts[0].author.name", Str("bemk")),
            ("posts[0].edited.date_raw", Str("13.11.2019 um 18:36")),
            ("posts[0].reactions[0].kind", Str("Gefällt mir")),
            ("posts[0].reactions[0].count", Num(26)),
        ],
    ),
    // XenForo 1, GTPlanet style: "baldgye: ↑" quote headers, flag locations.
    (
        "xenforo/gtplanet-t378195-xf1.html",
        &[
            ("page.number", Num(1)),
            ("page.total", Num(12)),
            ("posts[0].author.name", Str("khr1s")),
            ("posts[0].author.post_count", Num(39)),
            ("posts[0].author.location", Str("Thessaloniki, Greece")),
            ("posts[0].date_raw", Str("May 15, 2018 at 1:20 PM")),
            ("posts[2].quotes[0].author", Str("baldgye")),
            ("posts[2].quotes[0].post_id", Str("12323222")),
        ],
    ),
    // XenForo 1, juraforum's style: names and dates as plain text, self-closed anchors.
    (
        "xenforo/juraforum-t678903-xf1.html",
        &[
            ("posts[1].id", Str("1970341")),
            ("posts[1].position", Num(2)),
            ("posts[1].author.name", Str("mayerei")),
            ("posts[1].author.title", Str("V.I.P.")),
            ("posts[1].author.post_count", Num(17244)),
            ("posts[1].author.joined", Str("2012-08-15")),
            ("posts[1].author.online", Bool(true)),
            ("posts[1].author.guest", Bool(false)),
            ("posts[1].date_raw", Str("12.03.2020, 19:56")),
            ("posts[1].quotes[0].author", Str("GuntherHH")),
        ],
    ),
    // XenForo 1, last page of 243.
    (
        "xenforo/oneplus-t405700-p243-last-xf1.html",
        &[
            ("page.number", Num(243)),
            ("page.total", Num(243)),
            ("page.prev_url", EndsWith("marsh-cm13.405700/page-242")),
            ("page.next_url", Null),
            ("posts[0].position", Num(4841)),
            ("posts[0].author.name", Str("ab123321")),
            ("posts[0].author.title", Str("Level: Froyo")),
        ],
    ),
    // FluxBB 1.5 (bbs.archlinux.org).
    (
        "fluxbb/archlinux-bbs-249553.html",
        &[
            ("topic.id", Str("249553")),
            ("topic.title", Str("Thinkpad Thunderbolt 3 Dock does not work correctly after replug")),
            ("topic.board.id", Str("22")),
            ("topic.board.name", Str("Kernel & Hardware")),
            ("site.name", Str("Arch Linux Forums")),
            ("page.number", Num(1)),
            ("page.total", Num(1)),
            ("posts[0].id", Str("1865954")),
            ("posts[0].position", Num(1)),
            ("posts[0].date", Str("2019-09-29T10:46:47")),
            ("posts[0].author.name", Str("wzrdtales")),
            ("posts[0].author.rank", Str("Member")),
            ("posts[0].author.post_count", Num(24)),
            ("posts[0].author.joined", Str("2017-03-14")),
            ("posts[0].author.online", Bool(false)),
            ("posts[0].edited.by", Str("wzrdtales")),
            ("posts[0].edited.date_raw", Str("2019-09-30 11:46:18")),
            ("posts[0].body_text", StartsWith("Hey together,")),
            ("posts[0].body_text", Lacks("Last edited by")),
            // The code boxes keep their lines.
            ("posts[0].body_text", Contains("\n[    1.290554] pci 0000:00:1c.6: PCI bridge to [bus 04]\n")),
            ("posts[1].author.name", Str("nickl")),
            ("posts[1].author.post_count", Num(3)),
            ("posts[1].position", Num(2)),
        ],
    ),
    // MyBB 1.8 (community.mybb.com, horizontal postbit).
    (
        "mybb/mybb-community-thread222085.html",
        &[
            ("topic.id", Str("222085")),
            ("topic.title", Str("SMF vs MyBB? What are the differences? (looking for 2024 opinions)")),
            ("topic.board.id", Str("11")),
            ("page.number", Num(1)),
            ("page.total", Num(2)),
            ("page.next_url", EndsWith("thread-222085-page-2.html")),
            ("topic.viewers.members", Num(0)),
            ("topic.viewers.guests", Num(1)),
            ("posts[0].id", Str("1324873")),
            ("posts[0].position", Num(1)),
            ("posts[0].date_raw", Str("2019-02-23, 09:14 PM")),
            ("posts[0].date", Str("2019-02-23T21:14:00")),
            ("posts[0].author.name", Str("StarredSkies")),
            ("posts[0].author.id", Str("126792")),
            ("posts[0].author.rank", Str("Big Board Owner")),
            ("posts[0].author.post_count", Num(116)),
            ("posts[0].author.online", Bool(false)),
            ("posts[0].edited.date_raw", Str("2024-01-05, 03:27 AM")),
            ("posts[0].edited.by", Str("StarredSkies")),
            ("posts[4].author.name", Str("dragonexpert")),
            ("posts[4].author.post_count", Num(4198)),
            ("posts[4].author.rank", Str("Former Staff")),
            ("posts[4].signature.text", StartsWith("Recent Threads on Index")),
            ("posts[5].author.name", Str("Omar G.")),
            ("posts[5].quotes[0].author", Str("StarredSkies")),
            ("posts[5].quotes[0].date_raw", Str("2019-02-24, 05:31 PM")),
            ("posts[5].quotes[0].post_id", Str("1324903")),
            ("posts[5].body_text", StartsWith("> SMF hasn't updated whatsoever in years.")),
        ],
    ),
    // Phorum 5.2 (Emerald template, Spanish).
    (
        "other/phorum-angelman-read-132.html",
        &[
            ("topic.id", Str("132")),
            ("topic.title", Str("INFORMACION DE TERAPIAS DE DELFINOTERAPIA EN ESPAÑA")),
            ("topic.board.id", Str("2")),
            ("posts[1].id", Str("133")),
            ("posts[1].subject", Str("Re: INFORMACION DE TERAPIAS DE DELFINOTERAPIA EN ESPAÑA")),
            ("posts[1].date", Str("2011-08-11T16:02:00")),
            ("posts[1].author.name", Str("julia")),
            ("posts[1].author.id", Str("74")),
            ("posts[1].author.post_count", Num(14)),
            (
                "posts[1].body_text",
                Str("Hola, soy Julia, desde Alcalá de Henares, quisiera saber si en Madrid hay \
                     delfinoterapia para mi angelito.\n\nUn saludo."),
            ),
            ("posts[4].author.name", Str("liuchunkai")),
            ("posts[4].date_raw", Str("13-November-2017 12:46")),
            ("posts[4].body_text", Lacks("Responder")),
        ],
    ),
    // Forumotion (Invision-like template, German, forumieren.com).
    (
        "other/forumotion-wolfsrebellen-regeln.html",
        &[
            ("topic.id", Str("7")),
            ("topic.title", Str("Forums-Regeln")),
            ("topic.board.id", Str("27")),
            ("topic.board.name", Str("Forums-Regeln")),
            ("topic.breadcrumbs", Len(4)),
            ("posts[0].id", Str("7")),
            ("posts[0].position", Num(1)),
            ("posts[0].date_raw", Str("26/10/13, 03:48 pm")),
            ("posts[0].date", Str("2013-10-26T15:48:00")),
            ("posts[0].author.name", Str("lupa")),
            ("posts[0].author.rank", Str("admina")),
            ("posts[0].author.post_count", Num(1070)),
            ("posts[0].author.joined", Str("2013-10-26")),
            ("posts[0].author.location", Str("Wolfshöhle")),
            (
                "posts[0].body_text",
                StartsWith("Forums - Regeln\n\nWir pflegen hier ein sehr freundschaftliches Miteinander"),
            ),
            ("posts[1].date", Str("2014-05-26T07:41:00")),
            ("posts[1].signature.text", Str("ich bin nicht da, um so zu sein, wie ihr es wollt")),
        ],
    ),
    // Invision Community 4.
    (
        "ipb/utorrent-t86747-ic4.html",
        &[
            ("topic.id", Str("86747")),
            ("topic.title", Str("Help us build the next great BitTorrent product!")),
            ("topic.board.id", Str("10")),
            ("topic.board.name", Str("General")),
            ("site.name", Str("µTorrent Community Forums")),
            ("posts[0].id", Str("471252")),
            ("posts[0].date_raw", Str("August 19, 2013")),
            ("posts[0].date", Str("2013-08-19T16:39:01+00:00")),
            ("posts[0].author.name", Str("rockett")),
            ("posts[0].author.id", Str("341908")),
            ("posts[0].author.title", Str("Advanced Member")),
            ("posts[0].author.rank", Str("Established Members")),
            ("posts[0].author.stars", Num(3)),
            ("posts[0].author.post_count", Num(31)),
            ("posts[0].body_text", EndsWith("Thanks for your help,\n\nThe µTorrent Team")),
            ("posts[1].author.post_count", Num(1142)),
            ("posts[12].author.name", Str("mike20021969")),
            ("posts[12].quotes[0].author", Str("saijm4444")),
            ("posts[12].quotes[0].post_id", Str("488538")),
            (
                "posts[12].body_text",
                StartsWith("> For some reason I can't progress beyond the first question."),
            ),
        ],
    ),
    // Neowin: the advertising "post" between posts 1 and 2 is not a post; names come without
    // the subscriber group's "+".
    (
        "ipb/neowin-t1391546-ic4.html",
        &[
            ("posts", Len(4)),
            ("posts[1].author.name", Str("forster")),
            ("posts[1].author.id", Str("32575")),
            ("posts[1].author.title", Str("Brutally Honest")),
            ("posts[1].author.post_count", Num(11857)),
            ("posts[1].author.location", Str("Durham, England, UK")),
            ("posts[1].date_raw", Str("February 2")),
            ("posts[1].body_text", Str("Ola! donde esta la biblioteca?")),
        ],
    ),
    // Discourse 2.5's crawler view.
    (
        "discourse/blizzard-wow-t499760.html",
        &[
            ("engine_version", Str("2.5.0.beta4")),
            ("topic.id", Str("499760")),
            ("topic.breadcrumbs", Len(2)),
            ("topic.breadcrumbs[0].text", Str("WoW Classic")),
            ("topic.breadcrumbs[1].text", Str("WoW Classic General Discussion")),
            ("page.number", Num(1)),
            ("page.next_url", EndsWith("/499760?page=2")),
            ("posts[0].author.name", Str("Kaivax")),
            // Created on April 17; the page shows the last change, May 14.
            ("posts[0].date", Str("2020-04-17T23:18:35+00:00")),
            ("posts[0].edited.date_raw", Str("14 May 2020 22:19")),
            ("posts[0].reactions[0].count", Num(63)),
            ("posts[18].author.name", Str("Ôwns-proudmoore")),
            ("posts[18].quotes[0].author", Str("Morgânosh-myzrael")),
            ("posts[18].quotes[0].post_id", Str("19")),
        ],
    ),
    (
        "discourse/glamour-de-t345148-p2.html",
        &[
            ("posts[0].date_raw", Str("7. März 2020 um 23:20")),
            ("posts[1].author.name", Str("Divina")),
            ("posts[2].quotes[0].author", Str("Steffi_Schramm")),
            ("posts[2].quotes[0].text", Str("Habt ihr einen Tip was helfen könnte?")),
            (
                "posts[2].body_text",
                Str("> Habt ihr einen Tip was helfen könnte?\n\nDie Tabletten absetzen und zum Arzt gehen?"),
            ),
        ],
    ),
    // Discourse 3.4's crawler view.
    (
        "discourse/discourse340-home-assistant-t724779.html",
        &[
            ("engine_version", Str("3.4.0")),
            ("topic.board.id", Str("11")),
            ("topic.board.name", Str("Configuration")),
            ("posts[0].date_raw", Str("May 3, 2024, 8:45am")),
            ("posts[0].date", Str("2024-05-03T08:45:44+00:00")),
            ("posts[2].author.name", Str("code-in-progress")),
            ("posts[2].author.fields[0].value", Str("Bill - I write code.")),
        ],
    ),
    (
        "vanilla/moneysavingexpert-d5567669.html",
        &[
            ("topic.id", Str("5567669")),
            ("topic.views", Num(101_646)),
            ("topic.replies", Num(238)),
            ("page.number", Num(1)),
            ("page.total", Num(24)),
            ("topic.board.name", Str("Loans")),
            ("posts[0].id", Str("Discussion_5567669")),
            ("posts[0].date_raw", Str("4 December 2016 at 12:11AM")),
            ("posts[0].author.name", Str("zippygeorgeandben")),
            ("posts[0].author.rank", Str("Serious MoneySaving Fan")),
            ("posts[0].author.stars", Num(3)),
            ("posts[0].author.post_count", Num(1142)),
            ("posts[0].signature.text", StartsWith("Savings as of May 2020")),
            ("posts[1].position", Num(2)),
            ("posts[1].author.online", Bool(true)),
            ("posts[4].author.name", Str("YorkshireBoy")),
            ("posts[4].edited.date_raw", Str("4 December 2016 at 12:42AM")),
            ("posts[4].quotes[0].author", Str("zippygeorgeandben")),
        ],
    ),
    (
        "vanilla/scope-disabled-mum.html",
        &[
            ("posts[0].author.rank", Str("Listener")),
            ("posts[0].author.post_count", Num(6)),
            ("posts[0].edited.by", Str("Chloe_Scope")),
            ("posts[0].edited.date", Str("2020-03-04T11:31:00")),
            ("posts[11].quotes[0].author", Str("georgiea")),
        ],
    ),
    (
        "vanilla/bitterkittens-d868.html",
        &[
            ("posts", Len(31)),
            ("page.total", Num(4)),
            ("posts[0].author.id", Str("373")),
            ("posts[0].date_raw", Str("May 2015")),
        ],
    ),
    // Discuz! X3.3, the author on the left; the reply's date a relative "6 天前" titled with
    // the full date; floor names instead of numbers.
    (
        "discuz/discuz-x33-csolbbs-tid38733-rendered.html",
        &[
            ("engine_version", Str("X3.3")),
            ("topic.id", Str("38733")),
            ("topic.title", Str("游戏全屏问题，希望大家能出个主意！！")),
            ("topic.board.name", Str("建议反馈")),
            ("topic.board.id", Str("37")),
            ("topic.views", Num(1031)),
            ("topic.replies", Num(1)),
            ("posts[0].id", Str("53961")),
            ("posts[0].position", Num(1)), // "楼主"
            ("posts[0].author.name", Str("1657811359")),
            ("posts[0].author.id", Str("144122")),
            ("posts[0].author.rank", Str("新手上路")),
            ("posts[0].date_raw", Str("2024-5-18 19:27:00")),
            ("posts[0].date", Str("2024-05-18T19:27:00")),
            ("posts[0].body_text", StartsWith("我的电脑分辨率是2560*1440")),
            ("posts[1].id", Str("53963")),
            ("posts[1].position", Num(2)), // "沙发"
            ("posts[1].author.name", Str("大虾米点")),
            ("posts[1].author.online", Bool(false)), // "当前离线"
            ("posts[1].date", Str("2024-05-21T11:01:32")),
            ("posts[1].body_text", EndsWith("大概半年前调过的")),
        ],
    ),
    // UBB.threads 7.7.5: one post per page, the author block printed twice (wide and narrow
    // screens), the edit note under the body.
    (
        "ubbthreads/ubbthreads775-lcficmbs-toc-multipart.html",
        &[
            ("engine_version", Str("7.7.5")),
            ("topic.id", Str("46050")), // the print link's main/46050
            ("topic.title", Str("Federal Disaster by lovetvfan (Complete)")),
            ("topic.board.name", Str("Lois and Clark Fanfic TOCs")),
            ("topic.board.id", Str("6")),
            ("posts[0].id", Str("293516")),
            ("posts[0].subject", Str("Federal Disaster by lovetvfan (Complete)")),
            ("posts[0].date_raw", Str("11/09/22 09:52 PM")),
            ("posts[0].date", Str("2022-11-09T21:52:00")),
            ("posts[0].author.name", Str("Mike M")),
            ("posts[0].author.id", Str("8793")),
            ("posts[0].author.rank", Str("Top Banana")),
            ("posts[0].author.post_count", Num(1240)),
            ("posts[0].author.location", Str("Tulsa, OK")),
            ("posts[0].author.online", Bool(false)),
            ("posts[0].edited.by", Str("Mike M")),
            ("posts[0].edited.date", Str("2022-11-28T11:25:00")),
            ("posts[0].edited.reason", Str("Updating chapters")),
            ("posts[0].body_text", StartsWith("banner by CarrieRene")),
            ("posts[0].signature.text", StartsWith("Create all the happiness")),
        ],
    ),
    (
        "ubbthreads/ubbthreads775-lcficmbs-story-part.html",
        &[
            ("topic.title", Str("A Lucky Strike 1/1")),
            ("posts[0].author.name", Str("KSaraSara")),
            ("posts[0].author.title", Str("Boards Chief Administrator")),
            ("posts[0].author.rank", Str("Pulitzer")),
            ("posts[0].author.post_count", Num(2616)),
            ("posts[0].date", Str("2022-11-18T21:59:00")),
            ("posts[0].body_text", StartsWith("This is story 3 in a series")),
            ("posts[0].signature.text", StartsWith("Join us on the #loisclark Discord server!")),
        ],
    ),
    (
        "nodebb/nodebb-windy-t43227.html",
        &[
            ("posts", Len(20)),
            ("topic.id", Str("43227")),
            ("topic.title", Str("How to display saved KML or GPX route on ipad or mobile app?")),
            ("topic.views", Num(928)),
            ("page.number", Num(1)),
            ("page.total", Num(2)),
            ("posts[0].id", Str("223367")),
            ("posts[0].author.name", Str("luizjr4")),
            ("posts[0].date", Str("2026-01-13T00:29:24+00:00")),
            ("posts[1].author.name", Str("idefix37")),
            ("posts[1].author.rank", Str("Sailor")),
            ("posts[1].edited.by", Str("idefix37")),
            ("posts[13].author.name", Str("Suty")),
            ("posts[13].author.rank", Str("Windy Staff")),
            ("posts[13].position", Num(14)),
            ("posts[19].quotes[0].text", Str("I have many routes saved in my Windy page on laptop")),
        ],
    ),
    (
        "nodebb/nodebb-thedailywtf-t29130-p5-rendered.html",
        &[
            ("posts", Len(5)),
            ("topic.id", Str("29130")),
            ("topic.board.name", Str("Side Bar WTF")),
            ("posts[0].author.name", Str("Gern_Blaanston")),
            ("posts[1].author.name", Str("accalia")),
            ("posts[1].author.rank", Str("FoxDev")),
            ("posts[1].date_raw", Str("2024年5月2日 22:53")),
            ("posts[1].date", Str("2024-05-02T14:53:12+00:00")),
            ("posts[2].author.name", Str("Steve_The_Cynic")),
            ("posts[2].quotes[0].author", Str("Gern_Blaanston")),
            ("posts[2].quotes[0].post_id", Str("2191538")),
        ],
    ),
    (
        "flarum/flarum-cn-d15448-p3-events-rendered.html",
        &[
            ("posts", Len(6)),
            ("topic.id", Str("15448")),
            ("topic.title", Str("用户内容检测 - 阿里云内容安全增强版")),
            ("posts[0].id", Str("29427")),
            ("posts[0].author.name", Str("Emin")),
            ("posts[0].date", Str("2023-10-02T13:56:52+08:00")),
            ("posts[0].reactions[0].users", Json(r#"["Golden", "Wapriaily"]"#)),
            ("posts[1].position", Num(4)),
            ("posts[1].author.name", Str("Golden")),
            ("posts[1].author.rank", Str("管理员")),
            ("posts[5].author.name", Str("isle24")),
        ],
    ),
    (
        "flarum/flarum-sunrise-d36387-it-rendered.html",
        &[
            ("posts", Len(3)),
            ("topic.id", Str("36387")),
            ("topic.title", Str("Abbonamento in pausa upc in sunrise no")),
            ("posts[0].author.name", Str("Ester")),
            ("posts[0].date_raw", Str("Thursday, May 16, 2024 12:23 PM")),
            ("posts[1].author.name", Str("Daniele_Sunrise")),
            ("posts[1].author.rank", Str("Admin")),
            ("posts[2].body_text", StartsWith("Grazie mille Daniele")),
        ],
    ),
];

/// A value computed from a page's thread.
type Compute = fn(&Thread) -> Value;

/// Values read by eye that no one field path names: what every post has, how many posts have
/// something, the first post that has it. Each is computed from the page's thread and compared
/// like a row of [`READ_BY_HAND`]: (page, what, computed value, expected).
const ACROSS_POSTS: &[(&str, &str, Compute, Expect)] = &[
    (
        "phpbb/openoffice-t82202.html",
        "the first edited post's edited.by",
        |t| json!(t.posts.iter().find_map(|p| p.edited.as_ref()).map(|e| &e.by)),
        Str("John_Ha"),
    ),
    (
        "phpbb/openoffice-t82202.html",
        "the first edited post's edited.date_raw",
        |t| json!(t.posts.iter().find_map(|p| p.edited.as_ref()).map(|e| &e.date_raw)),
        Str("Sun Apr 08, 2018 1:00 pm"),
    ),
    (
        "phpbb/openoffice-t82202.html",
        "the first attachment's name",
        |t| json!(t.posts.iter().flat_map(|p| &p.attachments).next().map(|a| &a.name)),
        Str("MS files.png"),
    ),
    (
        "phpbb/openoffice-t82202.html",
        "the first attachment's downloads",
        |t| json!(t.posts.iter().flat_map(|p| &p.attachments).next().map(|a| a.downloads)),
        Num(14887),
    ),
    (
        "vbulletin/vb606-simplydiscus-t86044.html",
        "the first quote's author",
        |t| json!(t.posts.iter().find_map(|p| p.quotes.first()).map(|q| &q.author)),
        Str("STHH"),
    ),
    (
        "vbulletin/vb606-simplydiscus-t86044.html",
        "the first quote's post_id",
        |t| json!(t.posts.iter().find_map(|p| p.quotes.first()).map(|q| &q.post_id)),
        Str("1523611"),
    ),
    (
        "xenforo/macrumors-t2231616.html",
        "posts[0].author.fields holds the banner \"Original poster\"",
        |t| {
            let banner = |f: &forum_thread::Field| f.label == "Banner" && f.value == "Original poster";
            json!(t.posts.first().is_some_and(|p| p.author.fields.iter().any(banner)))
        },
        Bool(true),
    ),
    (
        "mybb/mybb-community-thread222085.html",
        "posts with a signature",
        |t| json!(t.posts.iter().filter(|p| p.signature.is_some()).count()),
        Num(5),
    ),
    (
        "mybb/mybb-community-thread222085.html",
        "edited posts",
        |t| json!(t.posts.iter().filter(|p| p.edited.is_some()).count()),
        Num(2),
    ),
    (
        "other/forumotion-wolfsrebellen-regeln.html",
        "authors other than \"lupa\"",
        |t| {
            json!(
                t.posts
                    .iter()
                    .map(|p| &p.author.name)
                    .filter(|n| n.as_deref() != Some("lupa"))
                    .collect::<Vec<_>>()
            )
        },
        Json("[]"),
    ),
];

/// Checks the value found at a row's path (or why none was found): `Err` says what was
/// expected and what was there.
fn check(expect: Expect, found: Result<&Value, String>) -> Result<(), String> {
    let text = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let wanted = match expect {
        Str(s) => text(s),
        Num(n) => n.to_string(),
        Bool(b) => b.to_string(),
        Null => "null".to_owned(),
        Json(json) => json.to_owned(),
        StartsWith(s) => format!("a string starting with {}", text(s)),
        EndsWith(s) => format!("a string ending with {}", text(s)),
        Contains(s) => format!("a string holding {}", text(s)),
        Lacks(s) => format!("a string without {}", text(s)),
        Len(n) => json::items(n),
    };
    let value = found.map_err(|why| format!("expected {wanted}, but {why}"))?;
    let as_str = value.as_str();
    let holds = match expect {
        Str(s) => as_str == Some(s),
        Num(n) => value.as_u64() == Some(n),
        Bool(b) => value.as_bool() == Some(b),
        Null => value.is_null(),
        Json(json) => match serde_json::from_str::<Value>(json) {
            Ok(json) => *value == json,
            Err(e) => return Err(format!("the table's JSON {json} does not parse: {e}")),
        },
        StartsWith(s) => as_str.is_some_and(|v| v.starts_with(s)),
        EndsWith(s) => as_str.is_some_and(|v| v.ends_with(s)),
        Contains(s) => as_str.is_some_and(|v| v.contains(s)),
        Lacks(s) => as_str.is_some_and(|v| !v.contains(s)),
        Len(n) => value.as_array().is_some_and(|items| items.len() == n),
    };
    if holds {
        return Ok(());
    }
    let got = match (expect, value) {
        (Len(_), Value::Array(items)) => json::items(items.len()),
        _ => json::show(value),
    };
    Err(format!("expected {wanted}, got {got}"))
}

/// Every value of [`READ_BY_HAND`] and [`ACROSS_POSTS`], each page parsed once; the failure
/// lists every row that does not hold.
#[test]
fn values_read_by_hand() {
    let Some(root) = common::corpus_root() else { return };
    let pages: BTreeSet<&str> =
        READ_BY_HAND.iter().map(|(page, _)| *page).chain(ACROSS_POSTS.iter().map(|c| c.0)).collect();
    let (mut checked, mut failures) = (0, Vec::new());
    for page in pages {
        let rows: Vec<&(&str, Expect)> =
            READ_BY_HAND.iter().filter(|(p, _)| *p == page).flat_map(|(_, rows)| *rows).collect();
        let across: Vec<_> = ACROSS_POSTS.iter().filter(|c| c.0 == page).collect();
        checked += rows.len() + across.len();
        let thread = match common::parse_page(&root.join(page)) {
            Ok(thread) => thread,
            Err(e) => {
                failures.push(format!("{page}: does not parse ({e}): none of its rows hold"));
                continue;
            }
        };
        let value = serde_json::to_value(&thread).expect("a thread serializes");
        for (path, expect) in rows {
            if let Err(why) = check(*expect, json::get(&value, path)) {
                failures.push(format!("{page}: {path}: {why}"));
            }
        }
        for (_, what, compute, expect) in across {
            if let Err(why) = check(*expect, Ok(&compute(&thread))) {
                failures.push(format!("{page}: {what}: {why}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} values read by hand differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The table's checks fail, and say how, when a value is not the one read.
#[test]
fn a_value_that_differs_fails_its_row() {
    let page = json!({"posts": [{"author": {"name": "boooka", "post_count": 2094}, "signature": null}]});
    let row = |path: &str, expect: Expect| check(expect, json::get(&page, path));
    assert_eq!(row("posts[0].author.name", Str("boooka")), Ok(()));
    assert_eq!(row("posts", Len(1)), Ok(()));
    assert_eq!(row("posts[0].author.post_count", Num(2095)), Err("expected 2095, got 2094".to_owned()));
    assert_eq!(
        row("posts[0].author.name", StartsWith("bu")),
        Err(r#"expected a string starting with "bu", got "boooka""#.to_owned())
    );
    assert_eq!(row("posts", Len(2)), Err("expected 2 items, got 1 item".to_owned()));
    assert_eq!(
        row("posts[0].signature.text", Str("x")),
        Err(r#"expected "x", but posts[0].signature is null, not an object"#.to_owned())
    );
    assert_eq!(row("posts[1].author", Null), Err("expected null, but posts has 1 item, no [1]".to_owned()));
    assert_eq!(
        row("posts[0].author.rank", Null),
        Err(r#"expected null, but posts[0].author has no field "rank""#.to_owned())
    );
}
