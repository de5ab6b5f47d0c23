//! Readers of forum chrome that several engines share: author profile fields, pagination,
//! breadcrumbs, attachment info, topic headers, ids in URLs, version lines, post counts. Post bodies are `body`'s; the
//! DOM itself is `page`'s.
//!
//! One policy for every field: a value that cannot be normalized is kept as shown (raw, or
//! as a labeled [`Field`]) with a warning, never dropped.

use scraper::{ElementRef, Selector};

use crate::ctx::Ctx;
use crate::model::{Author, Field, Link, Page};
use crate::normalize::date::DayOrder;
use crate::normalize::label::{is_joined_label, is_location_label, is_posts_label};
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, query_param};
use crate::page::{ANCHOR, Document, first, non_empty_text, text};

/// The leading id of query parameter `name` (`"u"` in `action=profile;u=416`).
pub(crate) fn id_param(href: &str, name: &str) -> Option<String> {
    query_param(href, name).as_deref().and_then(leading_id)
}

/// The dotted version that follows one of `products` in `text` ("Powered by SMF 2.0.15",
/// "IP.Board 3.4.6", "FluxBB 1.5.10"); `None` without a dot (a year is no version).
pub(crate) fn version_after(text: &str, products: &[&str]) -> Option<String> {
    let after = products.iter().find_map(|p| text.split_once(p).map(|(_, after)| after))?;
    let version: String =
        after.trim_start().chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    let version = version.trim_end_matches('.');
    version.contains('.').then(|| version.to_owned())
}

/// The number of distinct post ids on a page: the first run of digits in the `id`, `name`,
/// `data-content` or `data-node-id` of each element matching `sel`. For the engines'
/// post counters (`engines::POST_COUNTERS`).
pub(crate) fn distinct_ids(doc: &Document<'_>, sel: &Selector) -> usize {
    let ids: std::collections::HashSet<String> = doc
        .select(sel)
        .filter_map(|e| {
            let v = e
                .attr("id")
                .or_else(|| e.attr("name"))
                .or_else(|| e.attr("data-content"))
                .or_else(|| e.attr("data-node-id"))?;
            v.find(|c: char| c.is_ascii_digit()).and_then(|at| leading_id(&v[at..]))
        })
        .collect();
    ids.len()
}

/// Splits "Label: value" when the label is short and holds no digit.
pub(crate) fn split_label(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim();
    (!label.is_empty() && label.chars().count() <= 40 && !label.chars().any(|c| c.is_ascii_digit()))
        .then(|| (label, value.trim()))
}

/// Every run of digits in `s`, as numbers (grouping separators are not joined).
pub(crate) fn numbers(s: &str) -> Vec<u64> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|w| !w.is_empty()).filter_map(|w| w.parse().ok()).collect()
}

/// Splits a topic header "Topic: TITLE (Read 104 times)" into the title (without its
/// label) and the view count in the last parenthesis, when that holds a number.
pub(crate) fn split_title_views(header: &str) -> (Option<String>, Option<u64>) {
    let header = squash(header);
    let mut title = header.as_str();
    let mut views = None;
    if let Some(open) = title.rfind('(') {
        let inner = title[open + 1..].trim_end().trim_end_matches(')');
        if inner.chars().any(|c| c.is_ascii_digit()) && title.trim_end().ends_with(')') {
            views = parse_count(inner);
            title = title[..open].trim_end();
        }
    }
    if let Some((label, rest)) = title.split_once(": ") {
        if label.split_whitespace().count() <= 2 && !label.chars().any(|c| c.is_ascii_digit()) {
            title = rest;
        }
    }
    let title = title.trim();
    ((!title.is_empty()).then(|| title.to_owned()), views)
}

/// The longest tail of `text`'s words that the date pipeline reads ("It is currently
/// Wed Jun 03, 2020 5:17 am" gives "Wed Jun 03, 2020 5:17 am").
pub(crate) fn date_tail(text: &str) -> Option<String> {
    let text = squash(text);
    let words: Vec<&str> = text.split(' ').collect();
    (0..words.len()).map(|i| words[i..].join(" ")).find(|tail| crate::normalize::date::is_date(tail))
}

/// The id a SEO-rewritten path ends with: `membre6665/` and `member54.html` give the digits
/// after the last letter of the last path segment, `-t190.html` with `prefix` "t" its digits.
pub(crate) fn trailing_id(href: &str, prefix: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = segment.split('.').next().unwrap_or(segment);
    // The digits are ASCII, so the head ends on a character boundary whatever precedes them
    // (`membré45`: an offset found by searching for the last non-digit and adding one would
    // fall inside the `é`).
    let head = stem.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &stem[head.len()..];
    (!digits.is_empty() && head.ends_with(prefix)).then(|| digits.to_owned())
}

/// A link as a breadcrumb shows it: its text, whitespace squashed (`None` when it has
/// none: an icon), and its target made absolute.
pub(crate) fn link(a: ElementRef<'_>, ctx: &Ctx) -> Option<Link> {
    Some(Link { url: a.attr("href").and_then(|h| ctx.url(h)), text: non_empty_text(a)? })
}

/// A breadcrumb item (an `li`): its first link, else its own text unlinked (the current
/// page's crumb); `None` when that has no text.
pub(crate) fn crumb(item: ElementRef<'_>, ctx: &Ctx) -> Option<Link> {
    let a = first(item, &ANCHOR);
    Some(Link {
        url: a.and_then(|a| a.attr("href")).and_then(|h| ctx.url(h)),
        text: non_empty_text(a.unwrap_or(item))?,
    })
}

/// The links in order, each once: a crumb printed again (same text and target, as pages that
/// repeat the trail or split it over two boxes do) is left out.
pub(crate) fn distinct_links(links: impl IntoIterator<Item = Link>) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::new();
    for link in links {
        if !out.contains(&link) {
            out.push(link);
        }
    }
    out
}

/// The size and the download (or view) count among the pieces of an attachment's info
/// ("12.5 KB", "downloaded 34 times"): the size is the first piece with a unit, the count
/// the first other piece holding a number.
pub(crate) fn size_and_count<'a>(pieces: impl IntoIterator<Item = &'a str>) -> (Option<u64>, Option<u64>) {
    let (mut size, mut count) = (None, None);
    for piece in pieces {
        match parse_size(piece) {
            Some(bytes) if size.is_none() => size = Some(bytes),
            _ if count.is_none() => count = parse_count(piece),
            _ => {}
        }
    }
    (size, count)
}

/// How an engine's pagination box shows its pages, for [`pagination`].
pub(crate) struct PageBox<'s> {
    /// What shows this page's number, outside any link (`strong`, `span.current`).
    pub current: &'s Selector,
    /// The links to pages by number; every link of the box when `None`.
    pub numbered: Option<&'s Selector>,
    /// Next and previous links besides those marked `rel=next`/`rel=prev`.
    pub next: Option<&'s Selector>,
    pub prev: Option<&'s Selector>,
    /// This page's number as the box states it apart from what it shows (XenForo 1's
    /// `data-page`), read when no number is shown.
    pub stated: Option<u32>,
}

impl<'s> PageBox<'s> {
    /// A box whose current page is an element matching `current`, with every link numbered
    /// or marked by `rel` only.
    pub(crate) fn new(current: &'s Selector) -> PageBox<'s> {
        PageBox { current, numbered: None, next: None, prev: None, stated: None }
    }
}

/// Reads a pagination box: the current page is the number shown without a link (an element
/// matching `shape.current`), else the stated one, else 1; the total the largest number
/// shown; next and previous the links marked `rel=next`/`rel=prev` (or matching
/// `shape.next`/`shape.prev`), else the links numbered one above and below.
pub(crate) fn pagination(pages: ElementRef<'_>, ctx: &Ctx, shape: &PageBox<'_>) -> Page {
    let number_of = |el: ElementRef<'_>| {
        let t = text(el);
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<u32>().ok()).flatten()
    };
    let shown = pages
        .select(shape.current)
        .filter(|c| !c.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a"))
        .find_map(number_of)
        .or(shape.stated);
    let links: Vec<(u32, Option<String>)> = pages
        .select(shape.numbered.unwrap_or(&ANCHOR))
        .filter_map(|a| Some((number_of(a)?, a.attr("href").and_then(|h| ctx.url(h)))))
        .collect();
    let number = shown.unwrap_or(1);
    let by_rel = |rel: &str, sel: Option<&Selector>| {
        pages
            .select(&ANCHOR)
            .find(|a| {
                a.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == rel))
                    || sel.is_some_and(|s| s.matches(a))
            })
            .and_then(|a| a.attr("href"))
            .and_then(|h| ctx.url(h))
    };
    let numbered = |n: Option<u32>| links.iter().find(|(m, _)| Some(*m) == n).and_then(|(_, u)| u.clone());
    Page {
        number,
        total: links.iter().map(|(n, _)| *n).chain(shown).max(),
        next_url: by_rel("next", shape.next).or_else(|| numbered(number.checked_add(1))),
        prev_url: by_rel("prev", shape.prev).or_else(|| numbered(number.checked_sub(1))),
    }
}

/// What a labeled fact of an author block is, for [`profile_fact`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fact {
    /// The post count ("Posts: 165,733").
    PostCount,
    /// The registration date, read with the engine's order of all-numeric dates; a month
    /// of a year or a year alone is kept at that precision ("Join Date: Aug 2008").
    Joined(DayOrder),
    /// The location ("From: Berlin").
    Location,
    /// Anything else: kept as a [`Field`].
    Other,
}

impl Fact {
    /// The fact a label names, in any language `normalize::label` knows.
    pub(crate) fn of_label(label: &str, order: DayOrder) -> Fact {
        if is_posts_label(label) {
            Fact::PostCount
        } else if is_joined_label(label) {
            Fact::Joined(order)
        } else if is_location_label(label) {
            Fact::Location
        } else {
            Fact::Other
        }
    }
}

/// Files a labeled fact of an author block ("Posts: 24", "Registered: 2017-03-14",
/// "From: Berlin") into the author, by its label (see [`profile_fact`]). `order` says how
/// the engine writes all-numeric join dates; `post` is the post's 1-based index, for
/// warnings.
pub(crate) fn profile_field(
    author: &mut Author,
    label: &str,
    value: &str,
    ctx: &mut Ctx,
    post: usize,
    order: DayOrder,
) {
    profile_fact(author, Fact::of_label(label, order), label, value, ctx, post);
}

/// Files every "Label: value" line of an author block with [`profile_field`]; other lines
/// are no facts.
pub(crate) fn profile_lines(
    author: &mut Author,
    lines: impl IntoIterator<Item = String>,
    ctx: &mut Ctx,
    post: usize,
    order: DayOrder,
) {
    for line in lines {
        if let Some((label, value)) = split_label(&line) {
            profile_field(author, label, value, ctx, post, order);
        }
    }
}

/// Files the post count shown by an element the engine's markup marks as the post count:
/// the exact figure when the markup holds one (the title behind a shown "1.2k"), else the
/// shown "Label: value" as the post count ([`profile_fact`]: kept with its label when it
/// is no number), else the shown text read as a count ("1,142 posts").
pub(crate) fn marked_post_count(
    author: &mut Author,
    exact: Option<u64>,
    shown: &str,
    ctx: &mut Ctx,
    post: usize,
) {
    match (exact, split_label(shown)) {
        (Some(exact), _) => author.post_count = Some(exact),
        (None, Some((label, value))) => profile_fact(author, Fact::PostCount, label, value, ctx, post),
        (None, None) => author.post_count = parse_count(shown),
    }
}

/// Files a labeled fact whose kind is known (by its label, or by the engine's markup, such
/// as SMF's `li.postcount`): the post count, the join date and the location go to the
/// author's own fields, the first of each; everything else, a second one, and a value that
/// cannot be normalized are kept as a labeled [`Field`], as shown. A join date shown as a
/// month ("Join Date: Aug 2008", MyBB's "Registriert: Feb 2019") or a year is a value at
/// that precision (`2008-08`, `2008`). A count that is no number and a join date that is
/// no date (Phorum's "9 years ago") are warned about. Nothing is dropped but an empty label
/// or value.
///
/// The label loses its colon; the value's whitespace is squashed line by line (a value of
/// several lines, such as a XenForo custom field, keeps its line breaks).
pub(crate) fn profile_fact(
    author: &mut Author,
    fact: Fact,
    label: &str,
    value: &str,
    ctx: &mut Ctx,
    post: usize,
) {
    let label = label.trim().trim_end_matches(':').trim();
    let value = value.lines().filter_map(non_empty).collect::<Vec<_>>().join("\n");
    if label.is_empty() || value.is_empty() {
        return;
    }
    // What is not filed into the author's own fields is kept as shown.
    let unfiled = match fact {
        Fact::PostCount if author.post_count.is_none() => {
            author.post_count = parse_count(&value);
            if author.post_count.is_none() {
                ctx.warn(Some(post), "author.post_count", format!("not a count: {value:?}"));
            }
            author.post_count.is_none().then_some(value)
        }
        Fact::Joined(order) if author.joined.is_none() => {
            // The date pipeline warns about a value it cannot read.
            author.joined = ctx.coarse_date(&value, Some(post), "author.joined", order);
            author.joined.is_none().then_some(value)
        }
        Fact::Location if author.location.is_none() => {
            author.location = Some(value);
            None
        }
        _ => Some(value),
    };
    if let Some(value) = unfiled {
        author.fields.push(Field { label: label.to_owned(), value });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_headers() {
        let cases = [
            ("Topic: Hello world (Read 104 times)", Some("Hello world"), Some(104)),
            (
                "Тема: Бета-версия нового Ю-кабинета.  (Прочитано 10815 раз)",
                Some("Бета-версия нового Ю-кабинета."),
                Some(10815),
            ),
            ("Téma: Gyors (m) (Megtekintve 36017 alkalommal)", Some("Gyors (m)"), Some(36017)),
            ("Topic: Version 2 (beta)", Some("Version 2 (beta)"), None),
            ("Re: Topic: x", Some("Topic: x"), None),
        ];
        for (header, title, views) in cases {
            assert_eq!(split_title_views(header), (title.map(str::to_owned), views), "{header}");
        }
    }

    #[test]
    fn labels() {
        assert_eq!(split_label("Posts: 165,733"), Some(("Posts", "165,733")));
        assert_eq!(split_label("12:30"), None);
        assert_eq!(numbers("0 Members and 1 Guest"), vec![0, 1]);
    }

    #[test]
    fn crumbs_and_attachment_info() {
        let html = scraper::Html::parse_fragment(
            r#"<ul id="trail"><li><a href="/">Home</a></li><li><a href="/b1"> Board
            one </a></li><li><a href="/b1"><img alt=""></a></li><li>Topic</li><li><a href="/">Home</a></li></ul>"#,
        );
        let ctx = Ctx::default();
        let items: Vec<Link> =
            html.select(&crate::page::compile("#trail li")).filter_map(|li| crumb(li, &ctx)).collect();
        let texts: Vec<(&str, Option<&str>)> =
            items.iter().map(|l| (l.text.as_str(), l.url.as_deref())).collect();
        assert_eq!(
            texts,
            [("Home", Some("/")), ("Board one", Some("/b1")), ("Topic", None), ("Home", Some("/"))]
        );
        assert_eq!(distinct_links(items).len(), 3);
        assert_eq!(size_and_count(["12.5 KB", "downloaded 34 times."]), (Some(12800), Some(34)));
        assert_eq!(
            size_and_count(["Downloads: 5", "Size: 1 KB"].map(|p| p.split(": ").last().unwrap_or(p))),
            (Some(1024), Some(5))
        );
    }

    #[test]
    fn pagination_boxes() {
        let html = scraper::Html::parse_fragment(
            r#"<div id="box">Pages: <a href="/t?p=1">1</a> [<strong>2</strong>] <a href="/t?p=3">3</a>
            <a href="/t?p=9" class="skip">9</a> <a href="/t?p=3" class="next">Next</a></div>"#,
        );
        let pages = html.select(&crate::page::compile("#box")).next().expect("the box");
        let strong = crate::page::compile("strong");
        let ctx = Ctx::default();
        let page = pagination(pages, &ctx, &PageBox::new(&strong));
        assert_eq!((page.number, page.total), (2, Some(9)));
        assert_eq!(page.next_url.as_deref(), Some("/t?p=3"));
        assert_eq!(page.prev_url.as_deref(), Some("/t?p=1"));
        // Only the links the engine numbers count; a stated number stands in for a shown one.
        let numbered = crate::page::compile("a:not(.skip)");
        let b = crate::page::compile("b");
        let shape = PageBox { numbered: Some(&numbered), stated: Some(2), ..PageBox::new(&b) };
        let page = pagination(pages, &ctx, &shape);
        assert_eq!((page.number, page.total), (2, Some(3)));
        assert_eq!(page.next_url.as_deref(), Some("/t?p=3"));
    }

    #[test]
    fn profile_facts_are_filed_or_kept() {
        let mut ctx = Ctx::default();
        let mut a = Author::default();
        for (label, value) in [
            ("Posts:", "1,234"),
            ("Posts", "many"),
            ("Joined", "9 years ago"),
            ("Location", "Berlin"),
            ("From", "Paris"),
            ("Karma", " +3 / -1 "),
            ("Interests", "chess\n  and   go"),
            ("Gender", " "),
        ] {
            profile_field(&mut a, label, value, &mut ctx, 1, DayOrder::Auto);
        }
        assert_eq!(a.post_count, Some(1234));
        assert_eq!(a.joined, None);
        assert_eq!(a.location.as_deref(), Some("Berlin"));
        let kept: Vec<(&str, &str)> = a.fields.iter().map(|f| (f.label.as_str(), f.value.as_str())).collect();
        assert_eq!(
            kept,
            [
                ("Posts", "many"),
                ("Joined", "9 years ago"),
                ("From", "Paris"),
                ("Karma", "+3 / -1"),
                ("Interests", "chess\nand go")
            ]
        );
        // A count that is no number and a join date that is no date are warned about.
        let mut b = Author::default();
        profile_fact(&mut b, Fact::PostCount, "Beiträge", "viele", &mut ctx, 2);
        assert_eq!(b.fields.len(), 1);
        let warned: Vec<&str> = ctx.warnings.iter().map(|w| w.field.as_str()).collect();
        assert_eq!(warned, ["author.joined", "author.post_count"]);
    }

    /// Join dates shown with month or year precision are kept at that precision, in any
    /// language and numeric form; a post's date is no such field.
    #[test]
    fn coarse_join_dates_are_values() {
        let cases = [
            ("Join Date", "Aug 2008", "2008-08"),
            ("Registriert", "Feb 2019", "2019-02"),
            ("Dabei seit", "Okt. 2007", "2007-10"),
            ("Registriert seit", "08.2008", "2008-08"),
            ("Joined", "2008", "2008"),
            ("Joined", "Mar 14, 2009", "2009-03-14"),
        ];
        for (label, value, want) in cases {
            let mut ctx = Ctx::default();
            let mut a = Author::default();
            profile_field(&mut a, label, value, &mut ctx, 1, DayOrder::Auto);
            assert_eq!(a.joined.map(|j| j.to_string()).as_deref(), Some(want), "{label}: {value}");
            assert!(a.fields.is_empty() && ctx.warnings.is_empty(), "{label}: {value}");
        }
        let mut ctx = Ctx::default();
        assert_eq!(ctx.date("Aug 2008", Some(1), "date"), None);
        assert_eq!(ctx.warnings.len(), 1);
    }

    #[test]
    fn trailing_ids() {
        assert_eq!(trailing_id("https://f.example/membre6665/", "").as_deref(), Some("6665"));
        assert_eq!(trailing_id("/forum/member54.html", "").as_deref(), Some("54"));
        assert_eq!(trailing_id("/forum/zelda-t190.html", "-t").as_deref(), Some("190"));
        assert_eq!(trailing_id("/forum/zelda-t190.html", "-f"), None);
        assert_eq!(trailing_id("/forum/index.php", ""), None);
        // Letters of more than one byte before the digits, and digits alone.
        assert_eq!(trailing_id("/forum/membré45.html", "").as_deref(), Some("45"));
        assert_eq!(trailing_id("/forum/участник7/", "").as_deref(), Some("7"));
        assert_eq!(trailing_id("/forum/日本-t12.html", "-t").as_deref(), Some("12"));
        assert_eq!(trailing_id("/forum/é-t12.html", "é-t").as_deref(), Some("12"));
        assert_eq!(trailing_id("/u/678", "").as_deref(), Some("678"));
        assert_eq!(trailing_id("/forum/membré.html", ""), None);
        assert_eq!(trailing_id("", ""), None);
    }
}
