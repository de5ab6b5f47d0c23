//! Vanilla Forums, hosted and self-hosted (2.x themes and the 2021-era open-source release).
//!
//! The opening post is `div#Discussion_N.ItemDiscussion`, each reply `li#Comment_N.ItemComment`;
//! both hold `div.Item-Header` (`span.Author a.Username`, `span.AuthorInfo`, `span.MItem.DateCreated
//! time[datetime]`) and `div.Item-Body` (`div.Message`, then `div.Signature` and
//! `div.Reactions`). Posts are found by their `div.Message`.
//!
//! Post ids keep their kind, `Discussion_N` or `Comment_N`: Vanilla numbers discussions
//! and comments separately.

use scraper::ElementRef;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread, Topic,
};
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::leading_id;
use crate::page::Document;
use crate::page::non_empty_text;
use crate::page::{closest, first_outside, has_class, is_descendant, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("li.ItemComment[id^='Comment_']", 3),
    ("div.ItemDiscussion[id^='Discussion_']", 3),
    ("div.Item-Header span.Author", 2),
    ("span.MItem.DateCreated", 2),
    ("div.Message.userContent, div.Item-Body div.Message", 1),
];

selectors! {
    POST_IDS = "[id^='Comment_'], [id^='Discussion_']";
}

selectors! {
    BODY = "div.Message";
    ITEM = ".ItemDiscussion, .ItemComment, .Item";
    PERMALINK = "a.Permalink[href]";
    DATE_CREATED = ".DateCreated time, time[datetime]";
    DATE_UPDATED = ".DateUpdated[title]";
    AUTHOR = "span.Author, .Author";
    USERNAME = "a.Username";
    PHOTO = "img.ProfilePhoto, a.PhotoWrap img";
    ROLE = ".RoleTitle";
    RANK = ".Rank";
    AUTHOR_TITLE = ".AuthorTitle";
    AUTHOR_LOCATION = ".AuthorLocation";
    POST_COUNT = ".PostCount, .CountPosts";
    NUMBER = ".Number[title]";
    SIGNATURE = "div.Signature, div.UserSignature";
    REACT_BUTTON = "a.ReactButton, span.ReactButton";
    REACT_COUNT = ".ReactCount";
    REACT_LABEL = ".ReactLabel";
    ATTACHMENT = ".Attachments a[href], a.attachment[href], .AttachFileWrapper a.FileName[href]";
    ATTACHMENT_NAME = ".FileName, .attachment-title";
    ATTACHMENT_SIZE = ".FileSize, .attachment-meta span, .attachment-meta";
    QUOTE_LINK = "a.QuoteLink[href]";
    TITLE = "div.PageTitle h1, #Item_0 h1, .MessageList.Discussion h1, h1.DiscussionTitle";
    CRUMB = ".Breadcrumbs a[href]";
    PAGER = "#PagerBefore, #PagerAfter, .Pager";
    PAGER_CURRENT = "a.Highlight, [aria-current='page']";
    PAGER_NEXT = "a.Next[href], a[rel='next'][href]";
    PAGER_PREV = "a.Previous[href], a[rel='prev'][href]";
    COUNT_VIEWS = ".DiscussionCounts .CountViews, .MCount.CountViews";
    COUNT_REPLIES = ".DiscussionCounts .CountComments, .MCount.CountComments";
    SITE_NAME = "meta[property='og:site_name'][content]";
    OG_TITLE = "meta[property='og:title'][content]";
}

/// Vanilla's body markup: `blockquote.Quote`/`UserQuote` with a `div.QuoteAuthor` header
/// ("NAME said:"), or with two `div.blockquote-content`, the first being the header ("NAME
/// wrote: »", "NAME said:"); Rich Editor quotes (`blockquote.blockquote`) have no header.
/// Headers are read by [`Markup::quote_meta`], not as text.
struct VanillaMarkup;

impl Markup for VanillaMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        if has_class(el, "QuoteAuthor") || is_quote_header(el) {
            // Read by `quote_meta`: its name links to a profile, not to the quoted post.
            Role::Skip
        } else if name == "blockquote" || has_class(el, "UserQuote") {
            Role::Quote
        } else if has_class(el, "SpoilerTitle")
            || has_class(el, "QuoteLink")
            || (name == "a" && has_class(el, "attachment"))
        {
            // An attached file's card is read as an attachment, not as text.
            Role::Skip
        } else if name == "pre" || has_class(el, "CodeBlock") {
            Role::Code
        } else {
            Role::Normal
        }
    }

    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        let Some(header) = quote
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| has_class(*c, "QuoteAuthor") || is_quote_header(*c))
        else {
            return QuoteMeta::default();
        };
        // "NAME said:", "NAME wrote: »": the name links to its profile, "»" to the quoted
        // post (`/discussion/comment/123/#Comment_123`, `/discussion/45`).
        let quote_link = header.select(&QUOTE_LINK).next();
        let href = quote_link.and_then(|a| a.attr("href"));
        let author = header
            .select(&crate::page::ANCHOR)
            .find(|a| !has_class(*a, "QuoteLink"))
            .and_then(non_empty_text)
            .or_else(|| {
                let shown = non_empty_text(header)?;
                let shown =
                    quote_link.and_then(non_empty_text).map_or(shown.clone(), |l| shown.replace(&l, ""));
                body::split_header(&shown).0
            });
        QuoteMeta { author, date: None, post_id: href.and_then(post_key), href: href.map(str::to_owned) }
    }
}

/// The first of two `div.blockquote-content` in a quote: the header.
fn is_quote_header(el: ElementRef<'_>) -> bool {
    if !has_class(el, "blockquote-content") {
        return false;
    }
    let in_quote = el.parent().and_then(ElementRef::wrap).is_some_and(|p| p.value().name() == "blockquote");
    let first = el.prev_siblings().filter_map(ElementRef::wrap).next().is_none();
    let followed = el
        .next_siblings()
        .filter_map(ElementRef::wrap)
        .next()
        .is_some_and(|n| has_class(n, "blockquote-content"));
    in_quote && first && followed
}

/// The post a Vanilla URL points at, as this engine names posts: `Comment_N` for
/// `/discussion/comment/N`, `Discussion_N` for `/discussion/N`.
fn post_key(href: &str) -> Option<String> {
    if let Some((_, rest)) = href.split_once("/discussion/comment/") {
        return leading_id(rest).map(|id| format!("Comment_{id}"));
    }
    let (_, rest) = href.split_once("/discussion/")?;
    leading_id(rest).map(|id| format!("Discussion_{id}"))
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies: Vec<(ElementRef<'_>, ElementRef<'_>)> = doc
        .select(&BODY)
        .filter_map(|b| Some((b, closest(b, &ITEM)?)))
        .filter(|(b, _)| closest(*b, &BODY).is_none())
        .collect();
    if bodies.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "Vanilla posts (div.Message in div.ItemDiscussion or li.ItemComment)".into(),
        });
    }
    let mut thread = Thread::new(Engine::Vanilla, Format::Html);
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(doc, &thread.topic.breadcrumbs);
    for (i, (body_el, item)) in bodies.into_iter().enumerate() {
        thread.posts.push(post(body_el, item, ctx, i + 1));
    }
    Ok(thread)
}

fn post(body_el: ElementRef<'_>, item: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post { id: item.attr("id").and_then(non_empty), ..Post::default() };
    let outside = [body_el];
    let permalink = first_outside(item, &PERMALINK, &outside);
    post.url = permalink.and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    // `name="Item_N"` counts the comments from 1; the discussion is post 1.
    post.position = match permalink.and_then(|a| a.attr("name")).and_then(|n| n.strip_prefix("Item_")) {
        Some(index) => index.parse::<u32>().ok().and_then(|i| i.checked_add(1)),
        None => has_class(item, "ItemDiscussion").then_some(1),
    };

    match first_outside(item, &DATE_CREATED, &outside) {
        Some(time) => {
            post.date_raw = non_empty_text(time);
            let machine = time.attr("datetime").or(time.attr("title"));
            post.date = machine.or(post.date_raw.as_deref()).and_then(|d| ctx.date(d, Some(n), "date"));
        }
        None => ctx.warn(Some(n), "date", "no span.DateCreated time"),
    }
    post.edited = first_outside(item, &DATE_UPDATED, &outside).and_then(|e| edited(e, ctx, n));

    post.author = author(item, body_el, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no span.Author a.Username");
    }
    body::read(body_el, &VanillaMarkup, ctx, n).fill(&mut post);
    post.signature =
        first_outside(item, &SIGNATURE, &outside).and_then(|s| body::signature(s, &VanillaMarkup, ctx, n));
    post.attachments = attachments(item, ctx);
    post.reactions = reactions(item, body_el);
    post
}

/// `span.DateUpdated`: "edited March 4" shown, "Edited March 4, 2020 11:31AM by NAME." (or
/// "Edited by NAME on DATE.") in its title.
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let (title_date, by) = body::split_edit(el.attr("title").unwrap_or_default(), None);
    let shown = non_empty_text(el).map(|t| {
        // The shown text starts with its label ("edited").
        let words: Vec<&str> = t.split(' ').collect();
        let start = words.iter().position(|w| crate::normalize::date::date_word(w).is_some()).unwrap_or(0);
        words[start..].join(" ")
    });
    let date_raw = shown.filter(|s| !s.is_empty()).or_else(|| title_date.clone());
    let date = title_date.or_else(|| date_raw.clone()).and_then(|d| ctx.date(&d, Some(n), "edited.date"));
    (date_raw.is_some() || by.is_some()).then_some(Edited { date, date_raw, by, reason: None })
}

/// `span.Author` (name, profile, photo) and `span.AuthorInfo` (role, rank, post count).
fn author(item: ElementRef<'_>, body_el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let block = first_outside(item, &AUTHOR, &[body_el]);
    let link =
        block.and_then(|b| b.select(&USERNAME).next()).or_else(|| first_outside(item, &USERNAME, &[body_el]));
    a.name = link.and_then(non_empty_text).or_else(|| block.and_then(non_empty_text));
    let href = link.and_then(|l| l.attr("href"));
    a.url = href.and_then(|h| ctx.url(h));
    // `/profile/373/name` (2.x), `data-userid` (2021-era themes); `/profile/name` has no id.
    a.id = link
        .and_then(|l| l.attr("data-userid"))
        .and_then(leading_id)
        .or_else(|| href.and_then(|h| h.split_once("/profile/")).and_then(|(_, rest)| leading_id(rest)));
    a.guest = href.is_none();
    a.avatar_url =
        block.and_then(|b| b.select(&PHOTO).next()).and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.online = if has_class(item, "Online") {
        Some(true)
    } else if has_class(item, "Offline") {
        Some(false)
    } else {
        None
    };
    let info_scope = item;
    let not_body = |e: &ElementRef<'_>| !is_descendant(*e, body_el);
    let role = info_scope.select(&ROLE).find(not_body).and_then(non_empty_text);
    let rank_el = info_scope.select(&RANK).find(not_body);
    let mut rank_label = None;
    if let Some(rank) = rank_el {
        let shown = non_empty_text(rank);
        let stars = shown.as_deref().map_or(0, |s| s.chars().filter(|c| is_star(*c)).count());
        let only_stars = shown.as_deref().is_some_and(|s| s.chars().all(|c| is_star(c) || c.is_whitespace()));
        if stars > 0 && only_stars {
            a.stars = u32::try_from(stars).ok();
            rank_label = rank.attr("title").and_then(non_empty);
        } else {
            rank_label = shown.or_else(|| rank.attr("title").and_then(non_empty));
        }
    }
    match (rank_label, role) {
        (Some(rank), Some(role)) => {
            a.rank = Some(rank);
            a.fields.push(Field { label: "Role".into(), value: role });
        }
        (rank, role) => a.rank = rank.or(role),
    }
    a.title = info_scope.select(&AUTHOR_TITLE).find(not_body).and_then(non_empty_text);
    a.location = info_scope.select(&AUTHOR_LOCATION).find(not_body).and_then(non_empty_text);
    if let Some(count) = info_scope.select(&POST_COUNT).find(not_body) {
        // "Posts: 6" (Scope), or "1.1K posts" with "1,142 posts" in the number's title (MSE).
        let exact = count.select(&NUMBER).next().and_then(|e| e.attr("title")).and_then(parse_count);
        chrome::marked_post_count(&mut a, exact, &crate::page::text(count), ctx, n);
    }
    a
}

/// Rank stars: Vanilla's default rank labels are runs of "✭".
fn is_star(c: char) -> bool {
    matches!(c, '✭' | '★' | '☆' | '✪' | '✯' | '⭐')
}

/// Reaction buttons with a count (`a.ReactButton > span.ReactCount, span.ReactLabel`).
fn reactions(item: ElementRef<'_>, body_el: ElementRef<'_>) -> Vec<Reaction> {
    item.select(&REACT_BUTTON)
        .filter(|b| !is_descendant(*b, body_el))
        .filter_map(|b| {
            let count = parse_count(&non_empty_text(b.select(&REACT_COUNT).next()?)?).filter(|c| *c > 0)?;
            let kind =
                b.select(&REACT_LABEL).next().and_then(non_empty_text).unwrap_or_else(|| "reaction".into());
            Some(Reaction { kind, count, users: Vec::new() })
        })
        .collect()
}

/// Uploaded files: the FileUpload plugin's `div.Attachments` (`.FileName`, `.FileSize`), the
/// Rich Editor's `a.attachment` cards (`.attachment-title`, `.attachment-meta`).
fn attachments(item: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for link in item.select(&ATTACHMENT) {
        let Some(href) = link.attr("href") else { continue };
        let url = ctx.url(href);
        if out.iter().any(|a| a.url == url) {
            continue;
        }
        let card = closest(link, &ATTACHMENT_CARD).unwrap_or(link);
        let name = card
            .select(&ATTACHMENT_NAME)
            .next()
            .and_then(non_empty_text)
            .or_else(|| non_empty_text(link))
            .or_else(|| href.rsplit('/').next().and_then(non_empty));
        let Some(name) = name else { continue };
        let size =
            card.select(&ATTACHMENT_SIZE).find_map(|s| parse_size(&squash(&s.text().collect::<String>())));
        out.push(Attachment { name, url, size, downloads: None });
    }
    out
}

selectors! {
    ATTACHMENT_CARD = ".AttachFileWrapper, a.attachment, .Attachment";
}

fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic {
        title: doc
            .select(&TITLE)
            .find_map(non_empty_text)
            .or_else(|| doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty)),
        ..Topic::default()
    };
    // Some themes split the trail over two `.Breadcrumbs` (Scope); pages may repeat it.
    let crumbs = chrome::distinct_links(doc.select(&CRUMB).filter_map(|a| chrome::link(a, ctx)));
    topic.board = crumbs.iter().rev().find_map(|c| {
        let url = c.url.as_deref()?;
        let (_, code) = url.split_once("/categories/")?;
        let code = code.split(['/', '?', '#']).next().filter(|s| !s.is_empty())?;
        Some(Board { id: Some(code.to_owned()), name: Some(c.text.clone()), url: Some(url.to_owned()) })
    });
    topic.breadcrumbs = crumbs;
    if let Some(url) = ctx.canonical() {
        topic.id = url.split_once("/discussion/").and_then(|(_, rest)| leading_id(rest));
        topic.url = Some(first_page(&url));
    }
    let count = |sel: &scraper::Selector| {
        doc.select(sel).next().and_then(|c| {
            let exact = c.select(&NUMBER).next().and_then(|e| e.attr("title")).and_then(parse_count);
            exact.or_else(|| non_empty_text(c).and_then(|t| parse_count(&t)))
        })
    };
    topic.views = count(&COUNT_VIEWS);
    topic.replies = count(&COUNT_REPLIES);
    topic
}

/// The discussion's URL without its page part (`/p2`).
fn first_page(url: &str) -> String {
    let trimmed = url.trim_end_matches('/');
    if let Some((head, last)) = trimmed.rsplit_once('/') {
        if last.len() > 1 && last.starts_with('p') && last[1..].bytes().all(|b| b.is_ascii_digit()) {
            return head.to_owned();
        }
    }
    url.to_owned()
}

fn site(doc: &Document<'_>, crumbs: &[Link]) -> Option<Site> {
    let name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let home = crumbs.first();
    (name.is_some() || home.is_some()).then(|| Site {
        name: name.or_else(|| home.map(|h| h.text.clone())),
        url: home.and_then(|h| h.url.clone()),
    })
}

/// `#PagerBefore`: `a.Highlight` (or `aria-current`) is this page, numbered links the others
/// (the last page always among them), `a.Next`/`a.Previous` the neighbours.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let Some(pager) = doc.select(&PAGER).find(|p| p.select(&crate::page::ANCHOR).next().is_some()) else {
        return page;
    };
    let number =
        pager.select(&PAGER_CURRENT).find_map(|e| non_empty_text(e)?.parse::<u32>().ok()).unwrap_or(1);
    let linked =
        pager.select(&crate::page::ANCHOR).filter_map(|a| non_empty_text(a)?.parse::<u32>().ok()).max();
    page.number = number;
    page.total = Some(linked.map_or(number, |l| l.max(number)));
    page.next_url = pager.select(&PAGER_NEXT).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    page.prev_url = pager.select(&PAGER_PREV).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    page
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct ids of #Discussion_N and #Comment_N.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct ids of #Discussion_N and #Comment_N"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            post_key("/discussion/comment/71713551/#Comment_71713551").as_deref(),
            Some("Comment_71713551")
        );
        assert_eq!(post_key("/discussion/5567669").as_deref(), Some("Discussion_5567669"));
        assert_eq!(
            first_page("https://forums.example.org/discussion/5567669/unsure-whether/p2"),
            "https://forums.example.org/discussion/5567669/unsure-whether"
        );
        assert_eq!(first_page("https://f.example/discussion/1/pie"), "https://f.example/discussion/1/pie");
    }
}
