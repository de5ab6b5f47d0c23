//! Readers of forum chrome that several engines share: author profile fields, pagination,
//! topic headers, ids in URLs, version lines, post counts. Post bodies are `body`'s; the
//! DOM itself is `page`'s.
//!
//! One policy for every field: a value that cannot be normalized is kept as shown (raw, or
//! as a labeled [`Field`]) with a warning, never dropped.

use scraper::ElementRef;

use crate::ctx::Ctx;
use crate::model::{Author, Field, Page};
use crate::normalize::date::DayOrder;
use crate::normalize::label::{is_joined_label, is_location_label, is_posts_label};
use crate::normalize::number::parse_count;
use crate::normalize::text::squash;
use crate::normalize::url::{leading_id, query_param};
use crate::page::{ANCHOR, Document, text};

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
pub(crate) fn distinct_ids(doc: &Document<'_>, sel: &scraper::Selector) -> usize {
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
    let digits_start = stem.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let (head, digits) = stem.split_at(digits_start);
    (!digits.is_empty() && head.ends_with(prefix)).then(|| digits.to_owned())
}

/// Reads a pagination box: the current page is the number shown without a link (an element
/// matching `current`), the total the largest number shown, next and previous the links
/// marked `rel=next`/`rel=prev` (or matching `next`/`prev`), else the links numbered one
/// above and below.
pub(crate) fn pagination(
    pages: ElementRef<'_>,
    ctx: &Ctx,
    current: &scraper::Selector,
    next: &scraper::Selector,
    prev: &scraper::Selector,
) -> Page {
    let number_of = |el: ElementRef<'_>| {
        let t = text(el);
        (!t.is_empty() && t.bytes().all(|b| b.is_ascii_digit())).then(|| t.parse::<u32>().ok()).flatten()
    };
    let shown = pages
        .select(current)
        .filter(|c| !c.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a"))
        .find_map(number_of);
    let links: Vec<(u32, Option<String>)> = pages
        .select(&ANCHOR)
        .filter_map(|a| Some((number_of(a)?, a.attr("href").and_then(|h| ctx.url(h)))))
        .collect();
    let number = shown.unwrap_or(1);
    let by_rel = |rel: &str, sel: &scraper::Selector| {
        pages
            .select(&ANCHOR)
            .find(|a| a.attr("rel").is_some_and(|r| r.split_whitespace().any(|r| r == rel)) || sel.matches(a))
            .and_then(|a| a.attr("href"))
            .and_then(|h| ctx.url(h))
    };
    let numbered = |n: Option<u32>| links.iter().find(|(m, _)| Some(*m) == n).and_then(|(_, u)| u.clone());
    Page {
        number,
        total: links.iter().map(|(n, _)| *n).chain(shown).max(),
        next_url: by_rel("next", next).or_else(|| numbered(number.checked_add(1))),
        prev_url: by_rel("prev", prev).or_else(|| numbered(number.checked_sub(1))),
    }
}

/// Files a labeled fact of an author block ("Posts: 24", "Registered: 2017-03-14",
/// "From: Berlin") into the author: the post count, the joined date (read with `order`; a
/// value that is no day, such as MyBB's "Feb 2019", stays a field and is warned about), the
/// location, else one of `fields`. `post` is the post's 1-based index, for warnings.
pub(crate) fn profile_field(
    author: &mut Author,
    label: &str,
    value: &str,
    ctx: &mut Ctx,
    post: usize,
    order: DayOrder,
) {
    let label = label.trim().trim_end_matches(':').trim();
    let value = squash(value);
    if label.is_empty() || value.is_empty() {
        return;
    }
    if is_posts_label(label) {
        if let Some(n) = parse_count(&value) {
            author.post_count = Some(n);
            return;
        }
    } else if is_joined_label(label) {
        author.joined = ctx.date_with_order(&value, Some(post), "author.joined", order);
        if author.joined.is_some() {
            return;
        }
    } else if is_location_label(label) && author.location.is_none() {
        author.location = Some(value);
        return;
    }
    author.fields.push(Field { label: label.to_owned(), value });
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
    fn trailing_ids() {
        assert_eq!(trailing_id("https://f.example/membre6665/", "").as_deref(), Some("6665"));
        assert_eq!(trailing_id("/forum/member54.html", "").as_deref(), Some("54"));
        assert_eq!(trailing_id("/forum/zelda-t190.html", "-t").as_deref(), Some("190"));
        assert_eq!(trailing_id("/forum/zelda-t190.html", "-f"), None);
        assert_eq!(trailing_id("/forum/index.php", ""), None);
    }
}
