//! MyBB 1.8 (and 1.6's `postbit`): the horizontal postbit (author block above the post) and
//! the classic one (`div.post.classic`, author block beside it) share their markup:
//! `div.post#post_N` holding `div.post_author` (`div.author_information`,
//! `div.author_statistics`), `div.post_head` (`span.post_date`, the "#N" permalink), the
//! body `div.post_body#pid_N`, attachments, and `div.signature`.

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Format, Page, Post, Site, Thread, Topic, Viewers,
};
use crate::normalize::date::DayOrder;
use crate::normalize::number::parse_count;
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::text;
use crate::page::{Document, contains};
use crate::page::{has_class, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("div.post_body[id^='pid_']", 3),
    ("div.post_author div.author_information", 3),
    ("div.post_head span.post_date", 2),
    ("blockquote.mycode_quote", 1),
    ("a[href*='showthread.php?tid='], a[href*='newreply.php?tid=']", 1),
];

selectors! {
    POST_IDS = "div.post[id^='post_']";
}

selectors! {
    BODY = "div.post_body[id^='pid_']";
    AUTHOR_BLOCK = "div.post_author";
    INFORMATION = "div.author_information";
    NAME = ".largetext";
    SMALLTEXT = "span.smalltext";
    STATUS = "img.buddy_status, img[src*='buddy_']";
    AVATAR = ".author_avatar img";
    STATISTICS = "div.author_statistics";
    POSTURL = "div.post_head .float_right a[href], div.post_head strong a[href]";
    POST_DATE = "span.post_date";
    EDITED = "span.edited_post";
    EDIT_REASON = "em";
    SIGNATURE = "div.signature";
    ATTACHMENT = "a[href*='attachment.php?aid=']";
    NAV = "div.navigation";
    NAV_BIT = "span.nav_bit";
    NAV_ACTIVE = "span.active";
    THEAD_TITLE = "td.thead strong";
    PAGINATION = "div.pagination";
    CURRENT = "span.pagination_current";
    NEXT = "a.pagination_next";
    PREV = "a.pagination_previous";
    PAGES_LABEL = "span.pages";
    TID = "input[name='tid'][value]";
    NEWREPLY = "a[href*='newreply.php?tid=']";
    SMALLTEXT_ANY = "span.smalltext";
    PROFILE_LINK = "a[href*='member.php?action=profile'], a[href*='user-']";
}

/// MyBB's MyCode markup: `blockquote.mycode_quote` with a `cite` "(DATE) NAME Wrote:",
/// `div.codeblock` with a `div.title` "Code:".
struct MybbMarkup;

impl Markup for MybbMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        if name == "blockquote" {
            Role::Quote
        } else if name == "cite" && parent.is_some_and(|p| p.value().name() == "blockquote") {
            Role::QuoteHeader
        } else if has_class(el, "title") && parent.is_some_and(|p| has_class(p, "codeblock")) {
            Role::Skip
        } else if has_class(el, "codeblock") {
            Role::Code
        } else {
            Role::Normal
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies: Vec<ElementRef<'_>> = doc.select(&BODY).collect();
    if bodies.is_empty() {
        return Err(Error::NotAThread { looked_for: "MyBB post bodies (div.post_body#pid_N)".into() });
    }
    let mut thread = Thread::new(Engine::Mybb, Format::Html);
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site =
        thread.topic.breadcrumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() });
    for (i, body_el) in bodies.into_iter().enumerate() {
        thread.posts.push(post(body_el, ctx, i + 1));
    }
    Ok(thread)
}

/// The post's container: the ancestor with id `post_N` (`div` in 1.8, `table` in 1.6).
fn container(body: ElementRef<'_>) -> ElementRef<'_> {
    body.ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| a.attr("id").is_some_and(|id| id.starts_with("post_")))
        .unwrap_or(body)
}

fn post(body_el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let container = container(body_el);
    let mut post = Post {
        id: body_el.attr("id").and_then(|id| id.strip_prefix("pid_")).and_then(leading_id),
        ..Post::default()
    };
    if let Some(link) = container.select(&POSTURL).find(|a| text(*a).starts_with('#')) {
        post.url = link.attr("href").and_then(|h| ctx.url(h));
        post.position = parse_count(text(link).trim_start_matches('#')).and_then(|p| u32::try_from(p).ok());
        post.subject = link.attr("title").and_then(non_empty);
    }
    match container.select(&POST_DATE).next() {
        Some(el) => {
            let (raw, date) = post_date(el, ctx, n);
            post.date = date;
            post.date_raw = raw;
            post.edited = el.select(&EDITED).next().and_then(|e| edited(e, ctx, n));
        }
        None => ctx.warn(Some(n), "date", "no span.post_date"),
    }
    post.author = match container.select(&AUTHOR_BLOCK).next() {
        Some(block) => author(block, ctx, n),
        None => {
            ctx.warn(Some(n), "author", "no div.post_author");
            Author::default()
        }
    };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in div.author_information");
    }
    body::read(body_el, &MybbMarkup, ctx, n).fill(&mut post);
    let signature = container.select(&SIGNATURE).find(|s| !contains(body_el, *s));
    post.signature = signature.and_then(|s| body::signature(s, &MybbMarkup, ctx, n));
    post.attachments = attachments(container, signature, ctx);
    post
}

/// The date as shown: the text of `span.post_date` before the edit note. MyBB shows recent
/// dates relatively ("Today, 09:14 PM", "2 hours ago") inside a `span` whose title holds
/// the absolute date: that is read when the shown text needs a reference time.
fn post_date(
    el: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
) -> (Option<String>, Option<crate::model::Timestamp>) {
    let mut shown = String::new();
    let mut titled: Option<String> = None;
    for child in el.children() {
        match child.value() {
            scraper::Node::Text(t) => {
                shown.push_str(t);
                if let Some(t0) = titled.as_mut() {
                    t0.push_str(t);
                }
            }
            scraper::Node::Element(e) if e.name() == "span" && !e.classes().any(|c| c == "post_edit") => {
                if let Some(inner) = ElementRef::wrap(child) {
                    shown.push_str(&text(inner));
                }
                if let Some(title) = e.attr("title") {
                    titled = Some(title.to_owned());
                }
            }
            _ => {}
        }
    }
    let Some(raw) = non_empty(&shown) else {
        ctx.warn(Some(n), "date", "empty span.post_date");
        return (None, None);
    };
    let date = match titled.as_deref().map(non_empty) {
        Some(Some(absolute)) if crate::normalize::date::parse_date(&raw, &ctx.dates).is_err() => {
            ctx.date(&absolute, Some(n), "date")
        }
        _ => ctx.date(&raw, Some(n), "date"),
    };
    (Some(raw), date)
}

/// "(This post was last modified: 2024-01-05, 03:27 AM by NAME. Edited 1 time in total.
/// Edit Reason: ...)": the date before "by", the editor from the profile link.
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let full = text(el);
    let full = full.trim_start_matches('(').trim_end_matches(')');
    let (date_raw, by_text) = body::split_edit(full, None);
    let by = el
        .select(&crate::page::ANCHOR)
        .next()
        .and_then(|a| non_empty(&text(a)))
        .or_else(|| by_text.and_then(|b| b.split('.').next().and_then(non_empty)));
    let reason = el
        .select(&EDIT_REASON)
        .next()
        .map(text)
        .and_then(|r| r.split_once(':').map(|(_, r)| r.trim().to_owned()).or(Some(r)))
        .filter(|r| !r.is_empty());
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason })
}

/// The author block: the name (a profile link, or plain text for guests), the online icon,
/// the user title, stars and group image, and the statistics lines ("Posts: 116",
/// "Threads: 23", "Joined: Feb 2019", "Reputation: 7", custom profile fields).
fn author(block: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let info = block.select(&INFORMATION).next().unwrap_or(block);
    let name_el = info.select(&NAME).next();
    match name_el.and_then(|e| e.select(&crate::page::ANCHOR).next()) {
        Some(link) => {
            a.name = non_empty(&text(link));
            a.url = link.attr("href").and_then(|h| ctx.url(h));
            a.id = link.attr("href").and_then(user_id);
        }
        None => {
            a.guest = true;
            a.name = name_el.and_then(|e| non_empty(&text(e)));
        }
    }
    a.online = info
        .select(&STATUS)
        .next()
        .map(|img| img.attr("src").is_some_and(|s| s.contains("buddy_online") || s.contains("buddy_away")));
    a.avatar_url = block.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    // `span.smalltext`: the user title, star images, the group image (or a theme's group
    // label).
    if let Some(small) = info.select(&SMALLTEXT).next() {
        // A theme may link the group label (community.mybb.com's team roles).
        let title = crate::page::text_lines(small, true).into_iter().next();
        let images: Vec<ElementRef<'_>> = small.select(&crate::page::IMG).collect();
        let stars = images.iter().filter(|i| i.attr("src").is_some_and(|s| s.contains("star"))).count();
        a.stars = (stars > 0).then(|| u32::try_from(stars).unwrap_or(u32::MAX));
        let group = images
            .iter()
            .filter(|i| !i.attr("src").is_some_and(|s| s.contains("star")))
            .find_map(|i| i.attr("title").or(i.attr("alt")).and_then(non_empty));
        match (title, group) {
            (Some(title), Some(group)) if title != group => {
                a.rank = Some(group);
                a.title = Some(title);
            }
            (title, group) => a.rank = title.or(group),
        }
    }
    if let Some(stats) = block.select(&STATISTICS).next() {
        chrome::profile_lines(&mut a, crate::page::text_lines(stats, true), ctx, n, DayOrder::Auto);
    }
    a
}

/// The member id of a profile link: `user-126792.html` or `member.php?action=profile&uid=5`.
fn user_id(href: &str) -> Option<String> {
    chrome::id_param(href, "uid").or_else(|| href.rsplit_once("user-").and_then(|(_, rest)| leading_id(rest)))
}

/// Attachments, below the body or inline in it: "file.zip (Size: 1.2 KB / Downloads: 5)",
/// one per `aid`.
fn attachments(container: ElementRef<'_>, signature: Option<ElementRef<'_>>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for link in container.select(&ATTACHMENT) {
        if signature.is_some_and(|s| contains(s, link)) {
            continue;
        }
        let Some(href) = link.attr("href") else { continue };
        let name = text(link);
        let key = chrome::id_param(href, "aid").unwrap_or_else(|| href.to_owned());
        if name.is_empty() || seen.contains(&key) {
            continue; // a thumbnail's image link; its named link follows
        }
        seen.push(key);
        let mut info = String::new();
        for node in link.next_siblings() {
            match node.value() {
                scraper::Node::Text(t) => info.push_str(t),
                scraper::Node::Element(e) if e.name() == "br" => break,
                scraper::Node::Element(_) => {
                    if let Some(el) = ElementRef::wrap(node) {
                        info.push_str(&text(el));
                    }
                }
                _ => {}
            }
        }
        // "(Size: 1.2 KB / Downloads: 5)"
        let pieces = info.trim().trim_start_matches('(').trim_end_matches(')').split('/');
        let (size, downloads) =
            chrome::size_and_count(pieces.map(|p| p.split_once(':').map_or(p, |(_, v)| v).trim()));
        out.push(Attachment { name, url: ctx.url(href), size, downloads });
    }
    out
}

/// The navigation bar ("Forum › Board › Thread"), the thread id, the viewers line.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    if let Some(nav) = doc.select(&NAV).next() {
        topic.breadcrumbs = nav.select(&NAV_BIT).filter_map(|bit| chrome::crumb(bit, ctx)).collect();
        topic.title = nav.select(&NAV_ACTIVE).next().and_then(|s| non_empty(&text(s)));
    }
    if topic.title.is_none() {
        topic.title = doc.select(&THEAD_TITLE).next().and_then(|s| non_empty(&text(s)));
    }
    topic.board = topic.breadcrumbs.iter().skip(1).last().map(|c| Board {
        id: c.url.as_deref().and_then(forum_id),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic.id = doc
        .select(&TID)
        .next()
        .and_then(|i| i.attr("value"))
        .and_then(leading_id)
        .or_else(|| doc.select(&NEWREPLY).find_map(|a| chrome::id_param(a.attr("href")?, "tid")));
    topic.viewers = viewers(doc);
    topic
}

/// `forumdisplay.php?fid=11` or `forum-11.html`, `forum-11-page-5.html`.
fn forum_id(href: &str) -> Option<String> {
    chrome::id_param(href, "fid")
        .or_else(|| href.rsplit_once("forum-").and_then(|(_, rest)| leading_id(rest)))
}

/// "Users browsing this thread: alice, bob, 1 Invisible User(s), 3 Guest(s)" (any language):
/// the last `span.smalltext` outside the posts whose text after its colon holds member
/// links and counts. Members are the links; the numbers outside links are hidden members
/// and guests (the last).
fn viewers(doc: &Document<'_>) -> Option<Viewers> {
    doc.select(&SMALLTEXT_ANY)
        .filter(|s| {
            !s.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.attr("id").is_some_and(|id| id == "posts" || id.starts_with("post_")))
        })
        .filter_map(read_viewers)
        .next_back()
}

fn read_viewers(line: ElementRef<'_>) -> Option<Viewers> {
    let names: Vec<String> = line.select(&PROFILE_LINK).filter_map(|a| non_empty(&text(a))).collect();
    let mut outside = String::new();
    for node in line.descendants() {
        if let Some(t) = node.value().as_text() {
            if !node.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a") {
                outside.push_str(t);
            }
        }
    }
    let (_, counts) = outside.split_once(':')?;
    let nums = chrome::numbers(counts);
    let guests = u32::try_from(*nums.last()?).ok()?;
    let hidden: u64 = nums.iter().rev().skip(1).sum();
    let members = u32::try_from(names.len() as u64 + hidden).ok()?;
    Some(Viewers { members, guests, names })
}

/// The first `div.pagination` ("Pages (2): 1 2 Next »"); the breadcrumb's pagination popup
/// lists the board's pages and is skipped.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(pages) = doc.select(&PAGINATION).find(|p| !has_class(*p, "pagination_breadcrumb")) else {
        return Page::default();
    };
    let shape = PageBox { next: Some(&NEXT), prev: Some(&PREV), ..PageBox::new(&CURRENT) };
    let mut page = chrome::pagination(pages, ctx, &shape);
    // "Pages (12):" states the total even when not every page is linked.
    let stated = pages
        .select(&PAGES_LABEL)
        .next()
        .and_then(|l| chrome::numbers(&text(l)).first().copied())
        .and_then(|n| u32::try_from(n).ok());
    page.total = page.total.max(stated);
    page
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct post ids of div.post#post_N.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of div.post#post_N"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_urls() {
        assert_eq!(user_id("https://community.mybb.com/user-126792.html").as_deref(), Some("126792"));
        assert_eq!(user_id("member.php?action=profile&uid=5").as_deref(), Some("5"));
        assert_eq!(forum_id("forum-11-page-5.html").as_deref(), Some("11"));
        assert_eq!(forum_id("forumdisplay.php?fid=4").as_deref(), Some("4"));
    }
}
