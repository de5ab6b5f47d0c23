//! Discourse: the server-rendered crawler view (2.5 to current), and the topic JSON
//! (`/t/ID.json`).
//!
//! Discourse serves the crawler view as is to crawlers, and to browsers inside a
//! `<noscript>` of its app shell, which a scripting parser keeps as text: that text is parsed
//! again. Each post is a `div.topic-body.crawler-post` (schema.org `DiscussionForumPosting`
//! or `Comment`): `span.creator` names the author, `time.post-time` shows a date,
//! `div.post[itemprop]` holds the cooked body. The "next page" link is a `crawler-post` too,
//! without a body: it is no post.
//!
//! Which date `time.post-time` shows changed: 2.5 shows the last modification
//! (`itemprop=dateModified`) when a post was changed, with the creation time only in
//! `meta[itemprop=datePublished]`; 3.x always shows the creation time. The post's date is
//! always the creation time; a shown modification time is read as the edit.
//!
//! Post ids are post numbers (`/t/slug/123/4`): the crawler view shows no other, and the
//! JSON reader does the same so that both give the same model.

use scraper::ElementRef;
use serde::Deserialize;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::engines::common::non_empty_text;
use crate::error::Error;
use crate::model::{Author, Board, Edited, Field, Format, Link, Page, Post, Reaction, Site, Thread, Topic};
use crate::normalize::text::non_empty;
use crate::normalize::url::query_param;
use crate::parser::Ctx;
use crate::select::Document;
use crate::select::{first, has_class, selectors};

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
struct DiscourseMarkup;

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

/// Reads the crawler view: `outer` is the page (its head: canonical and next/prev links,
/// generator), `inner` the crawler markup (the page itself, or its `<noscript>` parsed).
fn read_crawler_view(outer: &Document<'_>, inner: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let version = outer.select(&GENERATOR).find_map(|m| {
        m.attr("content")?.trim().strip_prefix("Discourse ")?.split_whitespace().next().map(str::to_owned)
    });
    let mut thread = Thread { engine_version: version, ..Thread::default() };
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
        crate::engines::common::set_body(&mut post, body::read(body_el, &DiscourseMarkup, ctx, n));
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
    let link = first(creator, &crate::select::ANCHOR);
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
        outer.select(&crate::select::CANONICAL).next().and_then(|l| l.attr("href")).or_else(|| {
            inner.select(&TITLE).next().and_then(|h| first(h, &crate::select::ANCHOR)?.attr("href"))
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
            let url =
                first(item, &crate::select::ANCHOR).and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
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
fn topic_id(url: &str) -> Option<String> {
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
fn category_id(url: &str) -> Option<String> {
    let last = url.split(['?', '#']).next()?.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) && url.contains("/c/"))
        .then(|| last.to_owned())
}

fn site(outer: &Document<'_>, inner: &Document<'_>, ctx: &Ctx) -> Option<Site> {
    let name = outer.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let url = inner.select(&SITE_HOME).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    (name.is_some() || url.is_some()).then_some(Site { name, url })
}

/// `?page=N` in the page's URL (the caller's, else its canonical link) and the
/// `rel=next`/`rel=prev` links; the crawler view does not show the number of pages.
fn page(outer: &Document<'_>, inner: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let own = ctx.base.as_ref().map(url::Url::to_string).or_else(|| {
        outer.select(&crate::select::CANONICAL).next().and_then(|l| l.attr("href")).map(str::to_owned)
    });
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

// ---------------------------------------------------------------------------------------
// The topic JSON.
// ---------------------------------------------------------------------------------------

/// `/t/ID.json`: the fields read here, every one optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TopicJson {
    id: Option<u64>,
    title: Option<String>,
    fancy_title: Option<String>,
    slug: Option<String>,
    posts_count: Option<u64>,
    views: Option<u64>,
    category_id: Option<u64>,
    chunk_size: Option<u64>,
    post_stream: Option<PostStream>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PostStream {
    posts: Vec<PostJson>,
    stream: Vec<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PostJson {
    id: Option<u64>,
    name: Option<String>,
    username: Option<String>,
    avatar_template: Option<String>,
    created_at: Option<String>,
    updated_at: Option<String>,
    cooked: Option<String>,
    post_number: Option<u32>,
    user_title: Option<String>,
    primary_group_name: Option<String>,
    user_id: Option<i64>,
    trust_level: Option<u32>,
    version: Option<u32>,
    edit_reason: Option<String>,
    like_count: Option<u64>,
    actions_summary: Vec<ActionJson>,
    reactions: Vec<ReactionJson>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActionJson {
    id: Option<u64>,
    count: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReactionJson {
    id: Option<String>,
    count: Option<u64>,
}

/// Discourse's post action id for a like.
const LIKE_ACTION: u64 = 2;

/// Reads a topic JSON (`/t/ID.json`, `/t/ID.json?page=2`) into the same model as the
/// crawler view; bodies are the `cooked` HTML, read like the page's.
pub(crate) fn parse_json(json: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    let not_a_topic =
        || Error::NotAThread { looked_for: "a Discourse topic JSON (post_stream.posts)".into() };
    let topic_json: TopicJson = serde_json::from_str(json).map_err(|_| not_a_topic())?;
    let stream = topic_json.post_stream.as_ref().ok_or_else(not_a_topic)?;
    if stream.posts.is_empty() {
        return Err(not_a_topic());
    }
    let root = forum_root(ctx);
    let mut thread = Thread { format: Format::Json, ..Thread::default() };
    let topic_url = match (&root, &topic_json.slug, topic_json.id) {
        (Some(root), Some(slug), Some(id)) => Some(format!("{root}/t/{slug}/{id}")),
        _ => None,
    };
    thread.topic = Topic {
        id: topic_json.id.map(|i| i.to_string()),
        title: topic_json.title.clone().or(topic_json.fancy_title.clone()).and_then(|t| non_empty(&t)),
        url: topic_url.clone(),
        board: topic_json.category_id.map(|c| Board { id: Some(c.to_string()), name: None, url: None }),
        views: topic_json.views,
        replies: topic_json.posts_count.map(|c| c.saturating_sub(1)),
        ..Topic::default()
    };
    thread.site =
        root.clone().filter(|r| !r.is_empty()).map(|r| Site { name: None, url: Some(format!("{r}/")) });
    thread.page = json_page(&topic_json, stream, topic_url.as_deref());
    for (i, p) in stream.posts.iter().enumerate() {
        thread.posts.push(json_post(p, topic_url.as_deref(), root.as_deref(), ctx, i + 1));
    }
    Ok(thread)
}

/// The forum's root URL: the base URL up to its `/t/` (Discourse may live in a subfolder,
/// `/en/wow/t/...`); without a base URL, links stay relative (`/t/slug/123`), as a page's
/// links do; `None` when the base URL is not a topic's.
fn forum_root(ctx: &Ctx) -> Option<String> {
    let Some(base) = ctx.base.as_ref() else {
        return Some(String::new());
    };
    let (root, _) = base.as_str().split_once("/t/")?;
    Some(root.trim_end_matches('/').to_owned())
}

/// The page's place from the chunk it holds: posts are served `chunk_size` at a time, in
/// the order of `stream` (every post id of the topic) when the JSON has it.
fn json_page(topic: &TopicJson, stream: &PostStream, topic_url: Option<&str>) -> Page {
    let mut page = Page::default();
    let Some(chunk) = topic.chunk_size.filter(|c| *c > 0) else {
        return page;
    };
    let first = stream.posts.first();
    let index = match first.and_then(|p| p.id).and_then(|id| stream.stream.iter().position(|s| *s == id)) {
        Some(i) => i as u64,
        None => first.and_then(|p| p.post_number).map_or(0, |n| u64::from(n.saturating_sub(1))),
    };
    let count = if stream.stream.is_empty() { topic.posts_count } else { Some(stream.stream.len() as u64) };
    let number = u32::try_from(index / chunk + 1).unwrap_or(1);
    let total = count.and_then(|c| u32::try_from(c.div_ceil(chunk)).ok()).map(|t| t.max(number));
    page.number = number;
    page.total = total;
    let page_url = |n: u32| topic_url.map(|u| if n == 1 { u.to_owned() } else { format!("{u}?page={n}") });
    if total.is_some_and(|t| number < t) {
        page.next_url = page_url(number + 1);
    }
    if number > 1 {
        page.prev_url = page_url(number - 1);
    }
    page
}

fn json_post(p: &PostJson, topic_url: Option<&str>, root: Option<&str>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post =
        Post { position: p.post_number, id: p.post_number.map(|n| n.to_string()), ..Post::default() };
    post.url = p.post_number.and_then(|num| Some(format!("{}/{num}", topic_url?)));
    match p.created_at.as_deref() {
        Some(created) => {
            post.date = ctx.date(created, Some(n), "date");
            post.date_raw = Some(created.to_owned());
        }
        None => ctx.warn(Some(n), "date", "no created_at"),
    }
    if p.version.is_some_and(|v| v > 1) {
        post.edited = Some(Edited {
            date: p.updated_at.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date")),
            date_raw: p.updated_at.clone(),
            by: None,
            reason: p.edit_reason.as_deref().and_then(non_empty),
        });
    }
    let mut a = Author {
        name: p.username.as_deref().and_then(non_empty),
        id: p.user_id.filter(|id| *id > 0).map(|id| id.to_string()),
        title: p.user_title.as_deref().and_then(non_empty),
        rank: p.primary_group_name.as_deref().and_then(non_empty),
        ..Author::default()
    };
    if let (Some(root), Some(username)) = (root, &a.name) {
        a.url = Some(format!("{root}/u/{username}"));
    }
    a.avatar_url = p.avatar_template.as_deref().and_then(|t| {
        let href = t.replace("{size}", "120");
        match root {
            Some(root) if href.starts_with('/') && !href.starts_with("//") => Some(format!("{root}{href}")),
            _ => ctx.url(&href),
        }
    });
    if let Some(full) = p.name.as_deref().and_then(non_empty).filter(|f| Some(f) != a.name.as_ref()) {
        a.fields.push(Field { label: "Name".into(), value: full });
    }
    if let Some(level) = p.trust_level {
        a.fields.push(Field { label: "Trust level".into(), value: level.to_string() });
    }
    if a.name.is_none() {
        ctx.warn(Some(n), "author.name", "no username");
    }
    post.author = a;

    let cooked = crate::parser::parse_document(p.cooked.as_deref().unwrap_or_default());
    let cooked_body = cooked.select(&HTML_BODY).next().unwrap_or_else(|| cooked.root_element());
    crate::engines::common::set_body(&mut post, body::read(cooked_body, &DiscourseMarkup, ctx, n));
    post.reactions = if p.reactions.is_empty() {
        let likes = p
            .actions_summary
            .iter()
            .find(|a| a.id == Some(LIKE_ACTION))
            .and_then(|a| a.count)
            .or(p.like_count)
            .filter(|c| *c > 0);
        likes.map(|count| Reaction { kind: "Like".into(), count, users: Vec::new() }).into_iter().collect()
    } else {
        p.reactions
            .iter()
            .filter_map(|r| {
                Some(Reaction { kind: r.id.clone()?, count: r.count.filter(|c| *c > 0)?, users: Vec::new() })
            })
            .collect()
    };
    post
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct post numbers of the crawler view's div.crawler-post#post_N.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::common::distinct_ids(doc, &POST_IDS);
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

    #[test]
    fn selectors_compile() {
        let _ = (&*CRAWLER_POST, &*CREATOR, &*TIME, &*CRUMB, &*NEXT, &*PREV, &*SITE_HOME);
    }
}
