//! What a thread page says around its posts, read the way most forum software writes it: the
//! topic's title and id, the navigation trail, the pagination, the site's name, and the
//! software the page names itself as made by.

use scraper::ElementRef;

use super::post::class_has;
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::model::{Board, Link, Page, Site, Topic};
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::{ANCHOR, Document, selectors, text};

selectors! {
    H1 = "h1";
    OG_TITLE = r#"meta[property="og:title"][content]"#;
    OG_SITE = r#"meta[property="og:site_name"][content]"#;
    GENERATOR = r#"meta[name="generator" i][content]"#;
    LINK_NEXT = "link[rel=next][href], a[rel~=next][href]";
    LINK_PREV = "link[rel=prev][href], a[rel~=prev][href]";
    CRUMB_LIST = r#"[itemtype$="schema.org/BreadcrumbList"]"#;
    CRUMB_ITEM = r#"[itemprop="itemListElement"]"#;
    PAGE_CURRENT = "strong, b, .current, .active, [aria-current=page], .pagenav, .current-page, .selected";
    POWERED_TEXT = "footer, #footer, .footer, [class*=copyright], [id*=copyright], [class*=powered], [id*=powered]";
}

/// The topic: its title, id, URL, trail and board.
pub(super) fn topic(doc: &Document<'_>, ctx: &Ctx, first_post: Option<ElementRef<'_>>) -> Topic {
    let mut topic = Topic { title: title(doc, first_post), ..Topic::default() };
    let url = ctx
        .page
        .canonical
        .clone()
        .or_else(|| ctx.page.og_url.clone())
        .or_else(|| ctx.base.as_ref().map(|u| u.to_string()));
    topic.id = url.as_deref().and_then(topic_id);
    topic.breadcrumbs = breadcrumbs(doc, ctx);
    // The trail often ends with the topic itself: a crumb linking to this page, or showing
    // its title (whole or cut short).
    let own = url.as_deref().and_then(|u| ctx.url(u));
    let page_title = doc.select(&crate::page::TITLE).next().map(text).unwrap_or_default();
    if let Some(last) = topic.breadcrumbs.last().cloned() {
        let shown = last.text.trim_end_matches(|c: char| c == '…' || c == '.' || c.is_whitespace());
        let this_page = last.url.is_some() && last.url == own;
        let titled = !shown.is_empty()
            && (topic.title.as_deref().is_some_and(|t| t.starts_with(shown))
                || page_title.starts_with(shown));
        if this_page || titled {
            // The heading may be the site's logo: the trail names the topic whole.
            if shown == last.text && topic.title.as_deref() != Some(shown) {
                topic.title = Some(last.text.clone());
            }
            topic.url = last.url;
            topic.breadcrumbs.pop();
        }
    }
    topic.board = topic.breadcrumbs.last().filter(|_| topic.breadcrumbs.len() > 1).map(|c| Board {
        id: c.url.as_deref().and_then(topic_id),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic
}

/// The page's heading (`h1`; of several, the last before the first post), else `og:title`,
/// else the longest part of `<title>` ("Topic - Board - Site"); a label before a colon
/// ("Topic: ", "THEMA: ") left out.
fn title(doc: &Document<'_>, first_post: Option<ElementRef<'_>>) -> Option<String> {
    let before_first = |h: &ElementRef<'_>| first_post.is_none_or(|p| h.id() < p.id());
    let h1 = doc.select(&H1).filter(before_first).filter_map(|h| non_empty(&text(h))).last();
    let shown = h1
        .or_else(|| doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty))
        .or_else(|| {
            let title = non_empty(&text(doc.select(&crate::page::TITLE).next()?))?;
            let mut parts = vec![title.as_str()];
            for sep in [" - ", " | ", " :: ", " » ", " – ", " — "] {
                parts = parts.into_iter().flat_map(|p| p.split(sep)).collect();
            }
            parts.into_iter().map(str::trim).max_by_key(|part| part.chars().count()).and_then(non_empty)
        })?;
    chrome::split_title_views(&shown).0
}

/// The topic id a URL shows: a query parameter naming the topic (`t`, `topic`, `tid`,
/// `threadid`, `id`), else a path segment that is a number or starts with one
/// (`/topic/2295-need-help`, `/t/slug/123`), else the number after the last dot of a segment
/// (`/threads/slug.123/`). Numbers at the end of a slug ("windows-10") are not ids.
pub(super) fn topic_id(url: &str) -> Option<String> {
    for name in ["t", "topic", "tid", "threadid", "thread", "showtopic", "id"] {
        if let Some(id) = chrome::id_param(url, name) {
            return Some(id);
        }
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest.split_once('/').map_or("", |(_, p)| p));
    path.trim_end_matches('/').rsplit('/').take(1).find_map(|segment| {
        let stem = segment.strip_suffix(".html").unwrap_or(segment);
        leading_id(stem)
            .filter(|id| id.len() == stem.len() || stem[id.len()..].starts_with(['-', '_']))
            .or_else(|| {
                let (_, after) = stem.rsplit_once('.')?;
                (!after.is_empty() && after.bytes().all(|b| b.is_ascii_digit())).then(|| after.to_owned())
            })
    })
}

/// The navigation trail: a schema.org `BreadcrumbList`, else the links of an element classed
/// as a breadcrumb trail (`breadcrumb`, `crumbs`, `pathway`, `navpath`).
fn breadcrumbs(doc: &Document<'_>, ctx: &Ctx) -> Vec<Link> {
    let link = |a: ElementRef<'_>| {
        Some(Link { url: a.attr("href").and_then(|h| ctx.url(h)), text: non_empty(&text(a))? })
    };
    if let Some(list) = doc.select(&CRUMB_LIST).next() {
        let crumbs: Vec<Link> = doc
            .select_in(list, &CRUMB_ITEM)
            .filter_map(|item| {
                let a = doc.select_in(item, &ANCHOR).next();
                match a {
                    Some(a) => link(a),
                    None => Some(Link { url: None, text: non_empty(&text(item))? }),
                }
            })
            .collect();
        if !crumbs.is_empty() {
            return crumbs;
        }
    }
    let trail = doc.select(&ANCHOR).find_map(|a| {
        // The outermost trail element close above the link (the list, not its item).
        a.ancestors()
            .filter_map(ElementRef::wrap)
            .take(4)
            .filter(|e| {
                class_has(*e, &["breadcrumb", "crumbs", "pathway", "navpath", "nav-path"])
                    || e.value().id().is_some_and(|id| id.to_ascii_lowercase().contains("breadcrumb"))
            })
            .last()
    });
    let Some(trail) = trail else { return Vec::new() };
    let mut crumbs: Vec<Link> = Vec::new();
    for a in doc.select_in(trail, &ANCHOR) {
        if let Some(l) = link(a) {
            if crumbs.last().is_none_or(|last| last.url != l.url) {
                crumbs.push(l);
            }
        }
    }
    crumbs
}

/// The page's place: `rel=next`/`rel=prev` links, and the number shown as current in an
/// element classed as pagination.
pub(super) fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let rel = |sel: &scraper::Selector| {
        doc.select(sel).next().and_then(|l| l.attr("href")).and_then(|h| ctx.url(h))
    };
    let boxed = doc.select(&ANCHOR).find_map(|a| {
        a.ancestors().filter_map(ElementRef::wrap).take(3).find(|e| {
            class_has(*e, &["pagination", "pagenav", "page-nav", "pages", "paging", "pager", "pagelist"])
        })
    });
    let mut page =
        boxed.map(|b| chrome::pagination(b, ctx, &chrome::PageBox::new(&PAGE_CURRENT))).unwrap_or_default();
    if let Some(next) = rel(&LINK_NEXT) {
        page.next_url = Some(next);
    }
    if let Some(prev) = rel(&LINK_PREV) {
        page.prev_url = Some(prev);
    }
    page
}

/// The site's name, from `og:site_name`.
pub(super) fn site(doc: &Document<'_>) -> Option<Site> {
    let name = doc.select(&OG_SITE).next().and_then(|m| m.attr("content")).and_then(non_empty)?;
    Some(Site { name: Some(name), url: None })
}

/// The software the page names itself as made by: `<meta name="generator">`, else the name
/// after "Powered by" in its footer.
pub(super) fn software(doc: &Document<'_>) -> Option<String> {
    if let Some(g) = doc.select(&GENERATOR).find_map(|m| m.attr("content").and_then(non_empty)) {
        return Some(g);
    }
    doc.select(&POWERED_TEXT).find_map(|el| powered_by(&text(el)))
}

/// "Powered by NAME" in a text: NAME, up to a separator.
fn powered_by(text: &str) -> Option<String> {
    let lower = text.to_lowercase();
    let at = lower.find("powered by")? + "powered by".len();
    let rest = text.get(at..)?.trim_start_matches([' ', ':']);
    let end = rest.find(['©', '|', '·', '•', '&', ',', ';', '(', '\n']).unwrap_or(rest.len());
    let name: Vec<&str> = rest[..end].split_whitespace().take(5).collect();
    non_empty(&name.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_ids() {
        let cases = [
            ("https://f.example/topic/2295-need-some-help", Some("2295")),
            ("https://f.example/forum/142-anime/386798-kann-keine-anime", Some("386798")),
            ("https://f.example/viewtopic.php?f=3&t=1428699", Some("1428699")),
            ("https://f.example/threads/some-title.12345/", Some("12345")),
            ("https://f.example/t/slug/123", Some("123")),
            ("https://f.example/topic/windows-10/", None),
            ("https://f.example/topic/ubuntu-lst-18-04-newbie/", None),
        ];
        for (url, id) in cases {
            assert_eq!(topic_id(url).as_deref(), id, "{url}");
        }
    }

    #[test]
    fn powered_by_names() {
        assert_eq!(powered_by("Powered by FlaskBB © 2013 - 2024").as_deref(), Some("FlaskBB"));
        assert_eq!(
            powered_by("Forum software powered by wpForo version 2.3").as_deref(),
            Some("wpForo version 2.3")
        );
        assert_eq!(powered_by("Nothing here"), None);
    }
}
