//! Helpers several engines share for reading page chrome (not post bodies: see `body`).

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

use crate::normalize::number::parse_count;
use crate::normalize::text::squash;
use crate::normalize::url::{leading_id, query_param};

/// The leading id of query parameter `name` (`"u"` in `action=profile;u=416`).
pub(crate) fn id_param(href: &str, name: &str) -> Option<String> {
    query_param(href, name).as_deref().and_then(leading_id)
}

/// For each post body, its post container: the largest ancestor that contains it and no
/// other body, or, sooner, the first such ancestor that `stop` accepts (an engine's own
/// post element, so that a page of one post does not take the whole page as its post).
pub(crate) fn containers<'a>(
    doc: &'a Html,
    bodies: &[ElementRef<'a>],
    stop: impl Fn(ElementRef<'a>) -> bool,
) -> Vec<ElementRef<'a>> {
    let mut counts: HashMap<NodeId, usize> = HashMap::new();
    for body in bodies {
        for a in body.ancestors() {
            *counts.entry(a.id()).or_default() += 1;
        }
    }
    bodies
        .iter()
        .map(|body| {
            let mut best = *body;
            for a in body.ancestors().filter_map(ElementRef::wrap) {
                if counts.get(&a.id()) == Some(&1) && a.id() != doc.root_element().id() {
                    best = a;
                    if stop(a) {
                        break;
                    }
                } else {
                    break;
                }
            }
            best
        })
        .collect()
}

/// Whether `el` is `outer` or inside it.
pub(crate) fn is_inside(el: ElementRef<'_>, outer: ElementRef<'_>) -> bool {
    el.id() == outer.id() || el.ancestors().any(|a| a.id() == outer.id())
}

/// The number of distinct post ids on a page: the first run of digits in the `id`, `name`,
/// `data-content` or `data-node-id` of each element matching `sel`. For the engines'
/// post counters (`engines::POST_COUNTERS`).
pub(crate) fn distinct_ids(doc: &Html, sel: &scraper::Selector) -> usize {
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
