//! Flarum 1.x: a discussion page as a browser shows it after Flarum's scripts ran, and as the
//! server sends it (what crawlers and readers without scripts get).
//!
//! The server sends an empty app shell with two copies of the page's posts:
//! - `noscript#flarum-content`, the scriptless view (`discussion.blade.php`): the title
//!   (`h1`, 1.0 to 1.6 `h2`), then per post a block (`article`, 1.0 to 1.6 a bare `div`)
//!   with the author's display name (`h3.PostUser-name`, 1.0 to 1.6 a bare `h3`) and
//!   `div.Post-body`; links to the previous and next page (`?page=N`). No dates, no ids.
//! - the JSON:API document the app starts from (`script#flarum-json-payload` from 1.6; 1.0 to
//!   1.5 pass it inline to `flarum.core.app.load(...)`): the discussion, its posts (`number`,
//!   `createdAt`, `editedAt`, `contentType`, `contentHtml`), their users (`displayName`,
//!   `username`, `slug`), tags, and the forum (`title`, `baseUrl`). The scriptless view lists
//!   the document's posts that have `contentHtml` and a discussion, in its order: post N of
//!   the view is comment N of the document, which gives each its id, number and dates.
//!
//! A browser renders the post stream: each `div.PostStream-item` carries `data-id`,
//! `data-number`, `data-time` and `data-type`; a user's post (`data-type=comment`) is an
//! `article.CommentPost` with `.PostUser-name` (a profile link `/u/SLUG` around the avatar and
//! `span.username`), `.PostUser-badges`, `.PostMeta time[datetime]` (the full date as its
//! `title`), `.PostEdited` when edited, `div.Post-body`, and the likes in the footer
//! (`.Post-likedBy`). The scriptless copy stays in the page, as text of the `<noscript>`: when
//! the stream is there, posts are read from it alone, so each post is read once.
//!
//! Event posts (`article.EventPost`: the discussion renamed, stickied, locked, tagged, and the
//! events of extensions) are not user posts: they are skipped (neither the scriptless view
//! nor this reader lists them), as are stream items of posts not loaded yet and the reply
//! placeholder.
//!
//! The author's name is the display name the page shows; the account's username, when it
//! differs, goes to `fields` as "Username". Dates come from `time[datetime]` (the reader's
//! time zone, as the browser wrote it), else from the document's `createdAt` (UTC).

use scraper::ElementRef;
use serde_json::Value;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{
    Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread, Topic,
};
use crate::normalize::number::parse_count;
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, query_param};
use crate::page::{Document, closest, first, first_outside, has_class, non_empty_text, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("noscript#flarum-content", 3),
    ("div.PostStream-item[data-id]", 3),
    ("article.CommentPost", 3),
    ("h3.PostUser-name", 2),
    ("script#flarum-json-payload", 2),
];

selectors! {
    COMMENT_ITEM = "div.PostStream-item[data-type='comment'][data-id]";
}

selectors! {
    STREAM_ITEM = "div.PostStream-item";
    COMMENT = "article.CommentPost";
    BODY = ".Post-body";
    TIME = "time[datetime]";
    USER_NAME = ".PostUser-name";
    USERNAME = ".username";
    AVATAR = "img.PostUser-avatar[src]";
    BADGE = ".PostUser-badges .Badge";
    EDITED = ".PostEdited";
    LIKED_BY = ".Post-likedBy";
    H3 = "h3";
    BLOCKQUOTE = "blockquote";
    MENTION = "a.PostMention";
    PAYLOAD = "script#flarum-json-payload";
    SCRIPT = "script";
    CONTENT = "#flarum-content";
    CONTENT_TITLE = "h1, h2";
    HERO_TITLE = ".DiscussionHero-title";
    HERO_TAG = ".DiscussionHero a.TagLabel[href]";
    TAG_NAME = ".TagLabel-name";
    HOME = "#home-link";
    SITE_NAME = "meta[property='og:site_name'][content]";
    OG_TITLE = "meta[property='og:title'][content]";
    HEAD_NEXT = "link[rel='next'][href]";
    HEAD_PREV = "link[rel='prev'][href]";
}

/// Flarum's body markup (s9e TextFormatter): Markdown `blockquote`, BBCode quotes
/// (`blockquote > div > cite` "NAME wrote:"), quotes made by the mentions extension
/// (a `blockquote` opening with the quoted post's `a.PostMention`), `pre > code`, emoji.
struct FlarumMarkup;

impl Markup for FlarumMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        match el.value().name() {
            "blockquote" => Role::Quote,
            "cite" if closest(el, &BLOCKQUOTE).is_some() => Role::QuoteHeader,
            "pre" => Role::Code,
            _ => Role::Normal,
        }
    }

    fn alt_text(&self, img: ElementRef<'_>) -> Option<String> {
        img.value().classes().any(|c| c == "emoji").then(|| img.attr("alt").and_then(non_empty)).flatten()
    }

    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        // `> @"NAME"#p123 text`: the mention is the first thing in the quote.
        let Some(mention) = quote.select(&MENTION).next() else {
            return QuoteMeta::default();
        };
        let before: String = quote
            .descendants()
            .take_while(|d| d.id() != mention.id())
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        if !before.trim().is_empty() {
            return QuoteMeta::default();
        }
        QuoteMeta {
            author: non_empty_text(mention),
            date: None,
            post_id: mention.attr("data-id").and_then(leading_id),
            href: mention.attr("href").map(str::to_owned),
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let payload = Payload::read(doc);
    let mut thread = Thread::new(Engine::Flarum, Format::Html);
    let stream: Vec<(ElementRef<'_>, ElementRef<'_>)> = doc
        .select(&STREAM_ITEM)
        .filter(|item| item.attr("data-id").is_some())
        .filter_map(|item| Some((item, first(item, &COMMENT)?)))
        .collect();
    thread.topic = topic(doc, payload.as_ref(), ctx);
    thread.site = site(doc, payload.as_ref(), ctx);
    let discussion_url = thread.topic.url.clone();
    if !stream.is_empty() {
        for (i, (item, article)) in stream.into_iter().enumerate() {
            let found = item.attr("data-id").and_then(|id| payload.as_ref()?.find("posts", id));
            let post =
                stream_post(item, article, found, payload.as_ref(), discussion_url.as_deref(), ctx, i + 1);
            thread.posts.push(post);
        }
        thread.page = page(doc, None, ctx);
        return Ok(thread);
    }
    let Some(content) = scriptless(doc) else {
        return Err(Error::NotAThread {
            looked_for:
                "Flarum posts (article.CommentPost in the post stream, or div.Post-body in #flarum-content)"
                    .into(),
        });
    };
    let blocks = blocks(content);
    let comments = payload.as_ref().map(Payload::comments).unwrap_or_default();
    for (i, (block, body_el, found)) in match_comments(blocks, &comments).into_iter().enumerate() {
        let post =
            scriptless_post(block, body_el, found, payload.as_ref(), discussion_url.as_deref(), ctx, i + 1);
        thread.posts.push(post);
    }
    if thread.topic.title.is_none() {
        thread.topic.title = content.select(&CONTENT_TITLE).find_map(non_empty_text);
    }
    thread.page = page(doc, Some(content), ctx);
    Ok(thread)
}

/// The scriptless view: `#flarum-content` (the text of a `<noscript>`, parsed; or elements,
/// when the page was parsed without scripting), when it shows posts (`div.Post-body`).
fn scriptless<'a>(doc: &'a Document<'_>) -> Option<ElementRef<'a>> {
    let has_posts = |c: &ElementRef<'_>| c.select(&BODY).next().is_some();
    doc.select(&CONTENT)
        .find(has_posts)
        .or_else(|| doc.noscript_documents().iter().map(scraper::Html::root_element).find(has_posts))
}

/// The scriptless view's posts: each `div.Post-body` with the block around it.
fn blocks(content: ElementRef<'_>) -> Vec<(ElementRef<'_>, ElementRef<'_>)> {
    content
        .select(&BODY)
        .filter(|b| closest(*b, &BODY).is_none())
        .filter_map(|b| Some((ElementRef::wrap(b.parent()?)?, b)))
        .collect()
}

/// Pairs each post of the scriptless view with its post in the page's data: the next comment,
/// in the data's order, whose `contentHtml` has the post's text. The data also holds posts
/// from other pages (those that mention a post here): they are passed over. A post whose
/// text matches none (the view and the data disagree) takes the comment at its place when
/// both count the same posts.
fn match_comments<'e, 'v>(
    blocks: Vec<(ElementRef<'e>, ElementRef<'e>)>,
    comments: &[&'v Value],
) -> Vec<(ElementRef<'e>, ElementRef<'e>, Option<&'v Value>)> {
    let texts: Vec<String> = comments
        .iter()
        .map(|c| {
            let html = attr_str(c, "contentHtml").unwrap_or_default();
            squash(&scraper::Html::parse_fragment(html).root_element().text().collect::<String>())
        })
        .collect();
    let same_count = blocks.len() == comments.len();
    let mut next = 0;
    blocks
        .into_iter()
        .enumerate()
        .map(|(i, (block, body_el))| {
            let text = squash(&body_el.text().collect::<String>());
            let found = match (next..texts.len()).find(|&j| texts[j] == text) {
                Some(j) => {
                    next = j + 1;
                    Some(comments[j])
                }
                None => same_count.then(|| comments[i]),
            };
            (block, body_el, found)
        })
        .collect()
}

fn stream_post(
    item: ElementRef<'_>,
    article: ElementRef<'_>,
    found: Option<&Value>,
    payload: Option<&Payload>,
    discussion_url: Option<&str>,
    ctx: &mut Ctx,
    n: usize,
) -> Post {
    let mut post = Post {
        id: item.attr("data-id").and_then(non_empty),
        position: item.attr("data-number").and_then(|p| p.trim().parse().ok()),
        ..Post::default()
    };
    let body_el = first(article, &BODY);
    let outside: Vec<ElementRef<'_>> = body_el.into_iter().collect();
    let time = first_outside(article, &TIME, &outside);
    post.date_raw = time.and_then(|t| t.attr("title").and_then(non_empty).or_else(|| non_empty_text(t)));
    let candidates = [
        time.and_then(|t| t.attr("datetime")).and_then(non_empty),
        item.attr("data-time").and_then(non_empty),
        found.and_then(|p| attr_str(p, "createdAt")).map(str::to_owned),
    ];
    post.date = ctx.first_date(&candidates, n, "no time[datetime], data-time or createdAt");
    if let Some(mark) = first_outside(article, &EDITED, &outside) {
        let tooltip = ["data-original-title", "title", "aria-label"]
            .iter()
            .find_map(|a| mark.attr(a).and_then(non_empty))
            .or_else(|| non_empty_text(mark));
        post.edited = Some(edit(found, payload, tooltip, ctx, n));
    } else if let Some(p) = found.filter(|p| attr_str(p, "editedAt").is_some()) {
        post.edited = Some(edit(Some(p), payload, None, ctx, n));
    }

    let mut a = Author::default();
    if let Some(block) = first_outside(article, &USER_NAME, &outside) {
        a.name = block.select(&USERNAME).next().and_then(non_empty_text).or_else(|| non_empty_text(block));
        a.url = first(block, &crate::page::ANCHOR).and_then(|l| l.attr("href")).and_then(|h| ctx.url(h));
        a.avatar_url = block.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    }
    let mut badges = article.select(&BADGE).filter_map(|b| {
        ["data-original-title", "title", "aria-label"].iter().find_map(|t| b.attr(t).and_then(non_empty))
    });
    a.rank = badges.next();
    a.fields.extend(badges.map(|value| Field { label: "Badge".into(), value }));
    post.author = a;
    fill_author(&mut post.author, found, payload, ctx);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no .PostUser-name");
    }
    post.url = post_url(discussion_url, post.position);
    match body_el {
        Some(b) => body::read(b, &FlarumMarkup, ctx, n).fill(&mut post),
        None => ctx.warn(Some(n), "body_text", "no div.Post-body"),
    }
    post.reactions = likes(first_outside(article, &LIKED_BY, &outside), found, payload);
    post
}

fn scriptless_post(
    block: ElementRef<'_>,
    body_el: ElementRef<'_>,
    found: Option<&Value>,
    payload: Option<&Payload>,
    discussion_url: Option<&str>,
    ctx: &mut Ctx,
    n: usize,
) -> Post {
    let mut post = Post {
        id: found.and_then(|p| p.get("id")).and_then(id_str),
        position: found
            .and_then(|p| attr(p, "number"))
            .and_then(Value::as_u64)
            .and_then(|v| u32::try_from(v).ok()),
        ..Post::default()
    };
    post.date = match found.and_then(|p| attr_str(p, "createdAt")) {
        Some(d) => ctx.date(d, Some(n), "date"),
        None => {
            ctx.warn(
                Some(n),
                "date",
                "the scriptless view shows no date and the page's data none for this post",
            );
            None
        }
    };
    if found.is_some_and(|p| attr_str(p, "editedAt").is_some()) {
        post.edited = Some(edit(found, payload, None, ctx, n));
    }
    post.author.name = first_outside(block, &H3, &[body_el]).and_then(non_empty_text);
    fill_author(&mut post.author, found, payload, ctx);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no h3 with the author's name");
    }
    post.url = post_url(discussion_url, post.position);
    body::read(body_el, &FlarumMarkup, ctx, n).fill(&mut post);
    post.reactions = likes(None, found, payload);
    post
}

/// `DISCUSSION/N`, the permalink of post number N.
fn post_url(discussion_url: Option<&str>, number: Option<u32>) -> Option<String> {
    Some(format!("{}/{}", discussion_url?.trim_end_matches('/'), number?))
}

/// The edit: the document's `editedAt` and `editedUser`; `tooltip` is what the page shows
/// ("NAME edited 3 days ago").
fn edit(
    found: Option<&Value>,
    payload: Option<&Payload>,
    tooltip: Option<String>,
    ctx: &mut Ctx,
    n: usize,
) -> Edited {
    let date = found.and_then(|p| attr_str(p, "editedAt")).and_then(|d| ctx.date(d, Some(n), "edited.date"));
    let by = found
        .zip(payload)
        .and_then(|(p, payload)| payload.related(p, "editedUser"))
        .and_then(|u| attr_str(u, "displayName").or_else(|| attr_str(u, "username")))
        .and_then(non_empty);
    Edited { date, date_raw: tooltip, by, reason: None }
}

/// Fills what the page did not show of the author from the document's user: the id, the
/// name, the profile link (`/u/SLUG`), the avatar; the username when it is not the name.
fn fill_author(a: &mut Author, found: Option<&Value>, payload: Option<&Payload>, ctx: &Ctx) {
    let Some((post, payload)) = found.zip(payload) else { return };
    let Some(user) = payload.related(post, "user") else { return };
    a.id = user.get("id").and_then(id_str);
    if a.name.is_none() {
        a.name = attr_str(user, "displayName").or_else(|| attr_str(user, "username")).and_then(non_empty);
    }
    if let Some(username) = attr_str(user, "username").and_then(non_empty) {
        if a.name.as_deref() != Some(&username) {
            a.fields.push(Field { label: "Username".into(), value: username });
        }
    }
    if a.url.is_none() {
        let slug = attr_str(user, "slug").or_else(|| attr_str(user, "username"));
        a.url = slug.and_then(|s| ctx.url(&payload.route(&format!("/u/{s}"))));
    }
    if a.avatar_url.is_none() {
        a.avatar_url = attr_str(user, "avatarUrl").and_then(|s| ctx.url(s));
    }
    // The groups shown as badges.
    if a.rank.is_none() {
        let mut groups = payload
            .related_all(user, "groups")
            .into_iter()
            .filter(|g| attr(g, "isHidden").is_none_or(|h| h == &Value::Bool(false) || h == &Value::from(0)))
            .filter_map(|g| attr_str(g, "nameSingular").and_then(non_empty));
        a.rank = groups.next();
        a.fields.extend(groups.map(|value| Field { label: "Badge".into(), value }));
    }
}

/// The likes: the names in `.Post-likedBy` (up to four, then "and N others"), and the
/// document's `likesCount`, else its list of likes.
fn likes(
    liked_by: Option<ElementRef<'_>>,
    found: Option<&Value>,
    payload: Option<&Payload>,
) -> Vec<Reaction> {
    let mut users: Vec<String> = Vec::new();
    let mut shown = 0;
    if let Some(el) = liked_by {
        users = el.select(&crate::page::ANCHOR).filter_map(non_empty_text).collect();
        // "A, B, C and 5 others like this": the number is outside the names.
        let rest: String = el
            .descendants()
            .filter(|d| !d.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a"))
            .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
            .collect();
        let others = crate::engines::chrome::numbers(&rest).into_iter().next().unwrap_or(0);
        shown = users.len() as u64 + others;
    }
    if let Some((post, payload)) = found.zip(payload) {
        if users.is_empty() {
            users = payload
                .related_all(post, "likes")
                .into_iter()
                .filter_map(|u| {
                    attr_str(u, "displayName").or_else(|| attr_str(u, "username")).and_then(non_empty)
                })
                .collect();
        }
        let listed = post.pointer("/relationships/likes/data").and_then(Value::as_array).map_or(0, Vec::len);
        let counted = attr(post, "likesCount").and_then(Value::as_u64).unwrap_or(listed as u64);
        shown = shown.max(counted).max(users.len() as u64);
    }
    if shown == 0 {
        return Vec::new();
    }
    vec![Reaction { kind: "Like".into(), count: shown, users }]
}

fn topic(doc: &Document<'_>, payload: Option<&Payload>, ctx: &Ctx) -> Topic {
    let discussion = payload.and_then(Payload::discussion);
    let mut topic = Topic {
        title: doc
            .select(&HERO_TITLE)
            .find_map(non_empty_text)
            .or_else(|| discussion.and_then(|d| attr_str(d, "title")).and_then(non_empty)),
        ..Topic::default()
    };
    let canonical = ctx.canonical().map(|u| u.split(['?', '#']).next().unwrap_or(&u).to_owned());
    topic.id = discussion
        .and_then(|d| d.get("id"))
        .and_then(id_str)
        .or_else(|| canonical.as_deref().and_then(discussion_id));
    topic.url = canonical;
    // `views`: the view-count extensions' attribute.
    topic.views = discussion.and_then(|d| attr(d, "views")).and_then(count);
    topic.replies =
        discussion.and_then(|d| attr(d, "commentCount")).and_then(count).map(|c| c.saturating_sub(1));
    // Tags: the discussion's first tag, or its child tag (the "board"), after its parent.
    let mut tags: Vec<(Link, bool, Option<String>)> = doc
        .select(&HERO_TAG)
        .filter_map(|a| {
            let name = a.select(&TAG_NAME).next().and_then(non_empty_text).or_else(|| non_empty_text(a))?;
            let href = a.attr("href")?;
            let slug = href.split_once("/t/").and_then(|(_, s)| non_empty(s.split(['/', '?', '#']).next()?));
            Some((Link { url: ctx.url(href), text: name }, has_class(a, "TagLabel--child"), slug))
        })
        .collect();
    if tags.is_empty() {
        if let Some((d, payload)) = discussion.zip(payload) {
            tags = payload
                .related_all(d, "tags")
                .into_iter()
                .filter_map(|t| {
                    let name = attr_str(t, "name").and_then(non_empty)?;
                    let slug = attr_str(t, "slug").and_then(non_empty);
                    let url = slug.as_deref().and_then(|s| ctx.url(&payload.route(&format!("/t/{s}"))));
                    let child = attr(t, "isChild").and_then(Value::as_bool).unwrap_or(false);
                    Some((Link { url, text: name }, child, slug))
                })
                .collect();
        }
    }
    let board_at = tags.iter().position(|t| t.1).unwrap_or(0);
    if let Some((link, _, slug)) = tags.get(board_at) {
        topic.board = Some(Board { id: slug.clone(), name: Some(link.text.clone()), url: link.url.clone() });
        topic.breadcrumbs = tags[..=board_at].iter().map(|t| t.0.clone()).collect();
    }
    if topic.title.is_none() {
        topic.title = doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty);
    }
    topic
}

/// The discussion id of `/d/123-slug` and `/d/123/4`.
fn discussion_id(url: &str) -> Option<String> {
    url.split_once("/d/").and_then(|(_, rest)| leading_id(rest))
}

fn site(doc: &Document<'_>, payload: Option<&Payload>, ctx: &Ctx) -> Option<Site> {
    let forum = payload.and_then(Payload::forum);
    let name = forum
        .and_then(|f| attr_str(f, "title"))
        .and_then(non_empty)
        .or_else(|| doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty))
        .or_else(|| doc.select(&HOME).next().and_then(non_empty_text));
    let url = forum
        .and_then(|f| attr_str(f, "baseUrl"))
        .or_else(|| doc.select(&HOME).next().and_then(|a| a.attr("href")))
        .and_then(|h| ctx.url(h));
    (name.is_some() || url.is_some()).then_some(Site { name, url })
}

/// `?page=N` of the page's URL; the head's `rel=next`/`rel=prev` links, else the scriptless
/// view's links to the pages around it. The post stream is not paged: a browser's page is
/// page 1 of the URL it was opened at.
fn page(doc: &Document<'_>, content: Option<ElementRef<'_>>, ctx: &Ctx) -> Page {
    let own = ctx.base.as_ref().map(url::Url::to_string).or_else(|| ctx.page.canonical.clone());
    let page_of = |u: &str| query_param(u, "page").and_then(|p| p.trim().parse::<u32>().ok());
    let number = own.as_deref().and_then(page_of).unwrap_or(1).max(1);
    let head = |sel: &scraper::Selector| {
        doc.select(sel).next().and_then(|l| l.attr("href")).and_then(|h| ctx.url(h))
    };
    let around = |want: u32| {
        let links = content.into_iter().flat_map(|c| c.select(&crate::page::ANCHOR).collect::<Vec<_>>());
        links
            .filter_map(|a| a.attr("href"))
            .find(|h| h.contains("/d/") && page_of(h).unwrap_or(1) == want && !(want == 1 && number == 1))
            .and_then(|h| ctx.url(h))
    };
    Page {
        number,
        total: None,
        next_url: head(&HEAD_NEXT).or_else(|| number.checked_add(1).and_then(around)),
        prev_url: head(&HEAD_PREV).or_else(|| number.checked_sub(1).filter(|p| *p > 0).and_then(around)),
    }
}

/// The page's posts counted apart from the elements the parser reads posts from
/// (`engines::POST_COUNTERS`): the distinct `data-id` of the post stream's comment items
/// (`div.PostStream-item[data-type=comment]`), else the author headings (`h3`) of the
/// scriptless view.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<&str> =
        doc.select(&COMMENT_ITEM).filter_map(|i| i.attr("data-id")).collect();
    if !ids.is_empty() {
        return Some((ids.len(), "distinct data-id of div.PostStream-item[data-type=comment]"));
    }
    let content = scriptless(doc)?;
    let names = content.select(&H3).filter(|h| closest(*h, &BODY).is_none()).count();
    (names > 0).then_some((names, "author headings (h3) of #flarum-content"))
}

/// The JSON the app starts from: `resources` (the forum) and `apiDocument` (the discussion,
/// with its posts, users and tags in `included`).
struct Payload {
    json: Value,
}

impl Payload {
    /// `script#flarum-json-payload` (1.6 on), else the object passed to `app.load(` in an
    /// inline script (1.0 to 1.5).
    fn read(doc: &Document<'_>) -> Option<Payload> {
        let json = match doc.select(&PAYLOAD).next() {
            Some(script) => serde_json::from_str::<Value>(&script.text().collect::<String>()).ok()?,
            None => doc.select(&SCRIPT).find_map(|s| {
                let text: String = s.text().collect();
                let (_, rest) = text.split_once("app.load(")?;
                serde_json::Deserializer::from_str(rest).into_iter::<Value>().next()?.ok()
            })?,
        };
        json.get("apiDocument").is_some().then_some(Payload { json })
    }

    fn included(&self) -> impl Iterator<Item = &Value> {
        self.json.pointer("/apiDocument/included").and_then(Value::as_array).into_iter().flatten()
    }

    /// The discussion the page shows.
    fn discussion(&self) -> Option<&Value> {
        self.json
            .pointer("/apiDocument/data")
            .filter(|d| d.get("type").and_then(Value::as_str) == Some("discussions"))
    }

    /// The forum (`resources` of type `forums`).
    fn forum(&self) -> Option<&Value> {
        self.json
            .get("resources")
            .and_then(Value::as_array)?
            .iter()
            .find(|r| r.get("type").and_then(Value::as_str) == Some("forums"))
    }

    /// The included resource of type `kind` with id `id`.
    fn find(&self, kind: &str, id: &str) -> Option<&Value> {
        self.included().find(|r| {
            r.get("type").and_then(Value::as_str) == Some(kind)
                && r.get("id").and_then(id_str).as_deref() == Some(id)
        })
    }

    /// The posts the scriptless view shows, in its order: those with `contentHtml` and a
    /// discussion.
    fn comments(&self) -> Vec<&Value> {
        self.included()
            .filter(|r| {
                r.get("type").and_then(Value::as_str) == Some("posts")
                    && attr(r, "contentHtml").is_some()
                    && r.pointer("/relationships/discussion").is_some()
            })
            .collect()
    }

    /// The resource `res`'s relationship `name` points at.
    fn related(&self, res: &Value, name: &str) -> Option<&Value> {
        let data = res.get("relationships")?.get(name)?.get("data")?;
        self.find(data.get("type")?.as_str()?, &id_str(data.get("id")?)?)
    }

    /// The resources `res`'s to-many relationship `name` points at, in its order.
    fn related_all(&self, res: &Value, name: &str) -> Vec<&Value> {
        let Some(items) = res.pointer(&format!("/relationships/{name}/data")).and_then(Value::as_array)
        else {
            return Vec::new();
        };
        items.iter().filter_map(|d| self.find(d.get("type")?.as_str()?, &id_str(d.get("id")?)?)).collect()
    }

    /// A forum path under the forum's base URL (Flarum may live under a folder).
    fn route(&self, path: &str) -> String {
        match self.forum().and_then(|f| attr_str(f, "baseUrl")) {
            Some(base) => format!("{}{path}", base.trim_end_matches('/')),
            None => path.to_owned(),
        }
    }
}

/// Attribute `name` of a JSON:API resource.
fn attr<'v>(res: &'v Value, name: &str) -> Option<&'v Value> {
    res.get("attributes")?.get(name).filter(|v| !v.is_null())
}

fn attr_str<'v>(res: &'v Value, name: &str) -> Option<&'v str> {
    attr(res, name)?.as_str()
}

/// A JSON:API id: a string, or a number written as one.
fn id_str(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => non_empty(s),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A count the page data gives as a number or as digits.
fn count(v: &Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str().and_then(parse_count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(discussion_id("https://f.example/d/36387-abbonamento").as_deref(), Some("36387"));
        assert_eq!(discussion_id("https://f.example/d/15448/3").as_deref(), Some("15448"));
        assert_eq!(
            post_url(Some("https://f.example/d/1-a/"), Some(4)).as_deref(),
            Some("https://f.example/d/1-a/4")
        );
    }
}
