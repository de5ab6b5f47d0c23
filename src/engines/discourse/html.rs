//! The crawler view.

use scraper::ElementRef;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{
    Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread, Topic,
};
use crate::normalize::text::non_empty;
use crate::normalize::url::query_param;
use crate::page::Document;
use crate::page::non_empty_text;
use crate::page::{first, has_class, selectors};

selectors! {
    POST_IDS = "div.crawler-post[id^='post_']";
}

selectors! {
    CRAWLER_POST = "div.crawler-post";
    BODY = "div.post[itemprop]";
    CREATOR = "span.creator, [itemprop='author']";
    CREATOR_NAME = "[itemprop='name']";
    TIME = "time.post-time, time[datetime]";
    PUBLISHED = "[itemprop='datePublished']";
    MODIFIED = "[itemprop='dateModified']";
    POSITION = "[itemprop='position']";
    STATISTIC = "[itemprop='interactionStatistic']";
    STAT_TYPE = "[itemprop='interactionType']";
    STAT_COUNT = "[itemprop='userInteractionCount']";
    TITLE = "#topic-title h1, h1.crawler-topic-title";
    CRUMB = "#breadcrumbs [itemprop='itemListElement'], .topic-category [itemprop='itemListElement']";
    CRUMB_NAME = "[itemprop='name']";
    NEXT = "link[rel='next'][href], div[role='navigation'] a[rel='next'][href]";
    PREV = "link[rel='prev'][href], div[role='navigation'] a[rel='prev'][href]";
    GENERATOR = "meta[name='generator'][content]";
    SITE_NAME = "meta[property='og:site_name'][content]";
    SITE_HOME = "header.d-header .title a[href], footer nav a[href], nav.crawler-nav a[href]";
    OG_TITLE = "meta[property='og:title'][content]";
    QUOTE_TITLE_LINK = "div.title a[href]";
    BLOCKQUOTE = "blockquote";
    HTML_BODY = "body";
    LINK = "a[href]";
}

/// Discourse's cooked markup: `aside.quote` (`data-username`, `data-post`) with its
/// `div.title` header and a `blockquote` inside, Markdown `>` quotes as bare `blockquote`,
/// `pre > code`; image and link-preview chrome (`div.meta`, onebox source lines) left out.
pub(crate) struct DiscourseMarkup;

impl Markup for DiscourseMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        let is_quote_aside = |e: ElementRef<'_>| e.value().name() == "aside" && has_class(e, "quote");
        let is_quote_title = |e: ElementRef<'_>| {
            has_class(e, "title") && e.parent().and_then(ElementRef::wrap).is_some_and(is_quote_aside)
        };
        // The header names the quoted member ("Baroness:"), or shows the title of a quoted
        // topic, whose link `quote_meta` keeps.
        let header_role = |title: ElementRef<'_>| match title.select(&LINK).next() {
            Some(_) => Role::Skip,
            None => Role::QuoteHeader,
        };
        if is_quote_aside(el) {
            Role::Quote
        } else if name == "div" && is_quote_title(el) {
            if el.select(&BLOCKQUOTE).next().is_some() {
                // 2.5 writes `<div class="quote-controls"/>`, which HTML does not close: the
                // header's avatar and name fall into it, and the quote's blockquote into
                // the header.
                Role::Normal
            } else {
                header_role(el)
            }
        } else if has_class(el, "quote-controls") {
            match parent.filter(|p| is_quote_title(*p) && p.select(&BLOCKQUOTE).next().is_some()) {
                Some(_) => header_role(el),
                None => Role::Skip,
            }
        } else if name == "blockquote" {
            // The quoted text of an `aside.quote`, else a Markdown `>` quote.
            if parent.is_some_and(|p| is_quote_aside(p) || is_quote_title(p)) {
                Role::Normal
            } else {
                Role::Quote
            }
        } else if (has_class(el, "meta") && parent.is_some_and(|p| has_class(p, "lightbox")))
            || (name == "header" && has_class(el, "source"))
            || has_class(el, "onebox-metadata")
        {
            Role::Skip
        } else if name == "pre" {
            Role::Code
        } else {
            Role::Normal
        }
    }

    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        if quote.value().name() != "aside" {
            return QuoteMeta::default();
        }
        QuoteMeta {
            author: quote.attr("data-username").and_then(non_empty),
            date: None,
            post_id: quote.attr("data-post").and_then(non_empty),
            href: quote.select(&QUOTE_TITLE_LINK).next().and_then(|a| a.attr("href")).map(str::to_owned),
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    if has_posts(doc) {
        return read_crawler_view(doc, doc, ctx);
    }
    // Served to browsers, the crawler view is the text of a `<noscript>` (parsed once, and
    // already by detection when it looked there).
    let inner = doc.noscript_documents().iter().map(Document::new).find(has_posts);
    match inner {
        Some(inner) => read_crawler_view(doc, &inner, ctx),
        None => Err(Error::NotAThread {
            looked_for: "Discourse crawler-view posts (div.crawler-post with div.post[itemprop])".into(),
        }),
    }
}

fn has_posts(doc: &Document<'_>) -> bool {
    doc.select(&CRAWLER_POST).any(|p| p.select(&BODY).next().is_some())
}

/// Reads the crawler view: `outer` is the page (its head: next/prev links, generator; its
/// canonical link is `ctx.page`'s, read from the same page), `inner` the crawler markup (the
/// page itself, or its `<noscript>` parsed).
fn read_crawler_view(outer: &Document<'_>, inner: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let version = outer.select(&GENERATOR).find_map(|m| {
        m.attr("content")?.trim().strip_prefix("Discourse ")?.split_whitespace().next().map(str::to_owned)
    });
    let mut thread = Thread { engine_version: version, ..Thread::new(Engine::Discourse, Format::Html) };
    thread.topic = topic(outer, inner, ctx);
    thread.page = page(outer, inner, ctx);
    thread.site = site(outer, inner, ctx);
    let topic_url = thread.topic.url.clone();
    // The topic's own datePublished (3.x) dates its first post, whose `time` has no itemprop.
    let containers = inner.select(&CRAWLER_POST).filter(|p| p.select(&BODY).next().is_some());
    for (i, container) in containers.enumerate() {
        thread.posts.push(post(container, topic_url.as_deref(), ctx, i + 1));
    }
    Ok(thread)
}

fn post(container: ElementRef<'_>, topic_url: Option<&str>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let number = container
        .select(&POSITION)
        .next()
        .and_then(non_empty_text)
        .and_then(|t| t.trim_start_matches('#').parse::<u32>().ok())
        .or_else(|| container.attr("id")?.strip_prefix("post_")?.parse().ok());
    post.position = number;
    post.id = number.map(|n| n.to_string());
    post.url = number.and_then(|num| Some(format!("{}/{num}", topic_url?.trim_end_matches('/'))));

    let time = container.select(&TIME).next();
    let itemprop = time.and_then(|t| t.attr("itemprop"));
    let meta_published =
        container.select(&PUBLISHED).find(|e| e.value().name() == "meta").and_then(|m| m.attr("content"));
    let published = match itemprop {
        Some("dateModified") => meta_published,
        _ => time.and_then(|t| t.attr("datetime")).or(meta_published),
    };
    if itemprop != Some("dateModified") {
        post.date_raw = time.and_then(non_empty_text);
    }
    post.date = match published.or(post.date_raw.as_deref()) {
        Some(d) => ctx.date(d, Some(n), "date"),
        None => {
            ctx.warn(Some(n), "date", "no time.post-time or datePublished in the post");
            None
        }
    };
    // 2.5 shows the modification time; 3.x keeps it in a meta tag.
    let modified = match itemprop {
        Some("dateModified") => time.map(|t| (t.attr("datetime"), non_empty_text(t))),
        _ => container
            .select(&MODIFIED)
            .find(|e| e.value().name() == "meta")
            .map(|m| (m.attr("content"), None)),
    };
    if let Some((Some(machine), shown)) = modified {
        if Some(machine) != published {
            post.edited = Some(Edited {
                date: ctx.date(machine, Some(n), "edited.date"),
                date_raw: shown,
                by: None,
                reason: None,
            });
        }
    }

    post.author = author(container, ctx);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no span.creator [itemprop=name]");
    }
    if let Some(body_el) = container.select(&BODY).next() {
        body::read(body_el, &DiscourseMarkup, ctx, n).fill(&mut post);
    }
    post.reactions = likes(container);
    post
}

/// `span.creator`: the profile link around `[itemprop=name]` (the username), then the full
/// name in parentheses ("(Kaivax)").
fn author(container: ElementRef<'_>, ctx: &Ctx) -> Author {
    let mut a = Author::default();
    let Some(creator) = container.select(&CREATOR).next() else {
        return a;
    };
    a.name = creator.select(&CREATOR_NAME).next().and_then(non_empty_text);
    let link = first(creator, &crate::page::ANCHOR);
    a.url = link.and_then(|l| l.attr("href")).and_then(|h| ctx.url(h));
    if a.name.is_none() {
        a.name = link.and_then(non_empty_text);
    }
    let full =
        creator.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>();
    let full = full.trim().trim_start_matches('(').trim_end_matches(')').trim();
    if !full.is_empty() && Some(full) != a.name.as_deref() {
        a.fields.push(Field { label: "Name".into(), value: full.to_owned() });
    }
    a
}

/// The schema.org like counter (`LikeAction`); the other counter (`CommentAction`) counts
/// replies, not reactions.
fn likes(container: ElementRef<'_>) -> Vec<Reaction> {
    container
        .select(&STATISTIC)
        .filter(|s| {
            s.select(&STAT_TYPE)
                .next()
                .and_then(|t| t.attr("content"))
                .is_some_and(|t| t.ends_with("LikeAction"))
        })
        .filter_map(|s| s.select(&STAT_COUNT).next()?.attr("content")?.trim().parse::<u64>().ok())
        .filter(|c| *c > 0)
        .map(|count| Reaction { kind: "Like".into(), count, users: Vec::new() })
        .take(1)
        .collect()
}

fn topic(outer: &Document<'_>, inner: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic {
        title: inner
            .select(&TITLE)
            .find_map(non_empty_text)
            .or_else(|| outer.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty)),
        ..Topic::default()
    };
    let canonical =
        ctx.page.canonical.as_deref().or_else(|| {
            inner.select(&TITLE).next().and_then(|h| first(h, &crate::page::ANCHOR)?.attr("href"))
        });
    if let Some(url) = canonical.and_then(|h| ctx.url(h)) {
        let url = url.split('?').next().unwrap_or(&url).to_owned();
        topic.id = topic_id(&url);
        topic.url = Some(url);
    }
    topic.breadcrumbs = inner
        .select(&CRUMB)
        .filter_map(|item| {
            let name = item.select(&CRUMB_NAME).next().and_then(non_empty_text)?;
            let url = first(item, &crate::page::ANCHOR).and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
            Some(Link { url, text: name })
        })
        .collect();
    topic.board = topic.breadcrumbs.last().map(|c| Board {
        id: c.url.as_deref().and_then(category_id),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic
}

/// The topic id of `/t/slug/123`, `/t/slug/123/4`, `/t/123`.
pub(crate) fn topic_id(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let (_, rest) = path.split_once("/t/")?;
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let numeric = |s: &&str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match segments.as_slice() {
        [first, ..] if numeric(first) => Some((*first).to_owned()),
        [_, second, ..] if numeric(second) => Some((*second).to_owned()),
        _ => None,
    }
}

/// The category id closing a category URL (`/c/configuration/11`), when it has one.
pub(super) fn category_id(url: &str) -> Option<String> {
    let last = url.split(['?', '#']).next()?.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) && url.contains("/c/"))
        .then(|| last.to_owned())
}

pub(super) fn site(outer: &Document<'_>, inner: &Document<'_>, ctx: &Ctx) -> Option<Site> {
    let name = outer.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let url = inner.select(&SITE_HOME).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    (name.is_some() || url.is_some()).then_some(Site { name, url })
}

/// `?page=N` in the page's URL (the caller's, else its canonical link) and the
/// `rel=next`/`rel=prev` links; the crawler view does not show the number of pages.
pub(super) fn page(outer: &Document<'_>, inner: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let own = ctx.base.as_ref().map(url::Url::to_string).or_else(|| ctx.page.canonical.clone());
    let link = |sel: &scraper::Selector| {
        outer
            .select(sel)
            .chain(inner.select(sel))
            .next()
            .and_then(|l| l.attr("href"))
            .and_then(|h| ctx.url(h))
    };
    page.next_url = link(&NEXT);
    page.prev_url = link(&PREV);
    let page_of = |u: &str| query_param(u, "page").and_then(|p| p.parse::<u32>().ok());
    page.number = own
        .as_deref()
        .and_then(page_of)
        .or_else(|| page.prev_url.as_deref().map(|u| page_of(u).unwrap_or(1) + 1))
        .or_else(|| page.next_url.as_deref().and_then(page_of).map(|n| n.saturating_sub(1)))
        .unwrap_or(1)
        .max(1);
    page
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct post numbers of the crawler view's div.crawler-post#post_N.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post numbers of the crawler view's div.crawler-post#post_N"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            topic_id("https://forum.glamour.de/t/designertaschen-laber-laber/18136").as_deref(),
            Some("18136")
        );
        assert_eq!(topic_id("https://f.example/t/slug/18136/2?page=3").as_deref(), Some("18136"));
        assert_eq!(topic_id("/t/724779").as_deref(), Some("724779"));
        assert_eq!(category_id("/c/configuration/11").as_deref(), Some("11"));
        assert_eq!(category_id("https://forum.glamour.de/c/fashion-und-mode"), None);
    }
}
