//! Invision Power Board 3 (`div.post_block`) and Invision Community 4 and 5 (`article.cPost`,
//! `article.ipsEntry`).
//!
//! Posts are found by their bodies (`div[data-role=commentContent]` in 4 and 5, the
//! `commentText` div in 3); a post's container is the `article` (4, 5) or `div.post_block`
//! (3) around it. Anything else shaped like a post is not one: Neowin's theme puts an
//! advertising "post" (an `article.cPost` with an author pane and no body) between posts.
//!
//! Invision Community's post wrapper carries `data-quotedata`, a JSON object with the
//! author's account name, member id and the post's Unix time: the account name is read from
//! there, since the displayed name carries the member group's decoration (Neowin's `+`
//! before subscribers' names).

use scraper::ElementRef;
use serde::Deserialize;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread, Topic,
};
use crate::normalize::date::DayOrder;
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::leading_id;
use crate::page::Document;
use crate::page::non_empty_text;
use crate::page::{closest, first, first_outside, has_class, is_descendant, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // Invision Power Board 3.
    ("div.post_block div.post_body", 3),
    ("div.post_block div.author_info", 3),
    ("abbr.published", 1),
    // Invision Community 4.
    ("article.cPost", 3),
    ("aside.cAuthorPane, aside.ipsComment_author", 3),
    ("div.ipsType_richText[data-role='commentContent']", 2),
    // Invision Community 5.
    ("article.ipsEntry", 3),
    ("aside.ipsEntry__author-column", 3),
    ("blockquote.ipsQuote", 1),
];

selectors! {
    POST_IDS = "[id^='elComment_'], [id^='post_id_']";
}

selectors! {
    BODY = "[data-role='commentContent'], div[itemprop='commentText'], div.post.entry-content";
    RECOMMENDED = "[data-role='recommendedComments'], .ipsRecommendedComments";
    CONTAINER = "article, div.post_block";
    QUOTEDATA = "[data-quotedata]";
    COMMENT_ID = "[data-commentid]";
    PANE = "aside.cAuthorPane, aside.ipsComment_author, aside.ipsEntry__author-column, div.author_info";
    NAME = "h3.cAuthorPane_author, .ipsEntry__username, h3.row2, h3.guest";
    NAME_INNER = ".author.vcard, span[itemprop~='name'], a[hovercard-ref='member']";
    PROFILE = "a[href*='/profile/'], a[href*='showuser='], a[href*='/user/']";
    PANE_ITEMS = "ul.cAuthorPane_info > li, ul.basic_info > li, ul.basic_info > p, ul.custom_fields > li, ul.ipsEntry__authorStats > li, .ipsEntry__group, .ipsEntry__title";
    PIP = "span.ipsPip, img";
    AVATAR = "img.ipsUserPhoto, .ipsUserPhoto img, .cAuthorPane_photo img, li.avatar img";
    REP = ".ipsRepBadge, .reputation";
    ONLINE = ".ipsOnlineStatus_online, .ipsOnlineStatus, img[src*='user_online'], img[src*='user_offline']";
    TIME = "time[datetime]";
    PUBLISHED = "abbr.published, abbr[itemprop='commentTime']";
    DATE_LINK = "a[href*='do=findComment'], a.ipsEntry__date";
    POST_NUMBER = "span.post_id a, a[itemprop='replyToUrl']";
    EDIT_IPB4 = "[data-excludequote]";
    EDIT_IPB3 = "p.edit";
    REASON = ".reason, span.member_title";
    STRONG = "strong";
    SIGNATURE = "[data-role='memberSignature'], div.signature";
    SIGNATURE_TEXT = ".ipsType_richText, .ipsRichText";
    ATTACH_LINK = "a.ipsAttachLink";
    ATTACH_IPB3 = "#attach_wrap li, .attach_wrap li, ul#attach_wrap > li";
    ATTACH_IPB3_LINK = "a[href*='attach_id=']";
    REACT_COUNT = "li.ipsReact_reactCount";
    REACT_ONLY = "[data-role='reactCountText']";
    REACT_OVERVIEW = "li.ipsReact_overview";
    TITLE = "h1.ipsType_pageTitle, h1.ipsType_pagetitle, h1.ipsPageHeader__title, div.maintitle .main_topic_title, h1[itemprop='headline']";
    CRUMBS = "nav.ipsBreadcrumb ul[data-role='breadcrumbList'], nav.ipsBreadcrumb ul:not(.ipsPos_right), ol.breadcrumb, ul.ipsBreadcrumb__list, nav.ipsBreadcrumb ol";
    CRUMB_ITEM = "li";
    PAGINATION = "ul.ipsPagination, ul.pagination, div.pagination, .ipsPagination";
    PAGE_ACTIVE = ".ipsPagination_active, li.active, li.page.active, .ipsPagination__page--active";
    PAGE_NEXT = ".ipsPagination_next:not(.ipsPagination_inactive) a[href], li.next a[href]";
    PAGE_PREV = ".ipsPagination_prev:not(.ipsPagination_inactive) a[href], li.prev a[href]";
    PAGE_JUMP = ".ipsPagination_pageJump, li.pagejump";
    SITE_NAME = "meta[property='og:site_name'][content]";
    OG_TITLE = "meta[property='og:title'][content]";
    IPB3_VERSION = "a[href*='invisionpower.com'], a[href*='invisioncommunity.com'], p#copyright, #copyright";
}

/// Invision's body markup: `blockquote.ipsQuote` (4, 5) with its `ipsQuote_citation` header,
/// 3's `p.citation` before `div.blockquote` or `blockquote.ipsBlockquote`, `pre` code, the
/// edit note (`[data-excludequote]`, 3's `p.edit`) and 3's attachment list kept out.
struct InvisionMarkup;

impl Markup for InvisionMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        if has_class(el, "ipsQuote_citation") || has_class(el, "citation") {
            Role::QuoteHeader
        } else if has_class(el, "ipsQuote") || has_class(el, "ipsBlockquote") || has_class(el, "blockquote") {
            Role::Quote
        } else if el.attr("data-excludequote").is_some()
            || (name == "p" && has_class(el, "edit"))
            || el.attr("id") == Some("attach_wrap")
            || has_class(el, "attach_wrap")
            || has_class(el, "ipsSpoiler_header")
            || has_class(el, "spoiler_title")
        {
            Role::Skip
        } else if name == "pre" || has_class(el, "ipsCode") || has_class(el, "prettyprint") {
            Role::Code
        } else {
            Role::Normal
        }
    }

    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        let attr = |names: &[&str]| names.iter().find_map(|n| quote.attr(n)).and_then(non_empty);
        QuoteMeta {
            author: attr(&["data-ipsquote-username", "data-author", "data-cite"]),
            date: attr(&["data-ipsquote-timestamp", "data-time"]),
            post_id: attr(&["data-ipsquote-contentcommentid", "data-cid"]),
            href: None,
        }
    }
}

/// The JSON of Invision Community's `data-quotedata`.
#[derive(Debug, Default, Deserialize)]
struct QuoteData {
    userid: Option<serde_json::Value>,
    username: Option<String>,
    timestamp: Option<serde_json::Value>,
}

fn json_id(v: Option<&serde_json::Value>) -> Option<String> {
    match v? {
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::String(s) => leading_id(s),
        _ => None,
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies = post_bodies(doc);
    if bodies.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "Invision post bodies (div[data-role=commentContent], div[itemprop=commentText])"
                .into(),
        });
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Invision, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(doc, &thread.topic.breadcrumbs);
    for (i, body_el) in bodies.iter().enumerate() {
        let container = closest(*body_el, &CONTAINER).unwrap_or(*body_el);
        thread.posts.push(post(*body_el, container, ctx, i + 1));
    }
    Ok(thread)
}

/// Post bodies in page order, leaving out bodies inside another (a post shown in a quote)
/// and the "recommended posts" strip, which repeats posts of the thread.
fn post_bodies<'a>(doc: &Document<'a>) -> Vec<ElementRef<'a>> {
    let all: Vec<ElementRef<'_>> = doc.select(&BODY).collect();
    all.iter()
        .copied()
        .filter(|b| !all.iter().any(|o| o.id() != b.id() && is_descendant(*b, *o)))
        .filter(|b| closest(*b, &RECOMMENDED).is_none())
        .collect()
}

fn post(body_el: ElementRef<'_>, container: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let quotedata: QuoteData = closest(body_el, &QUOTEDATA)
        .or_else(|| container.select(&QUOTEDATA).next())
        .and_then(|e| e.attr("data-quotedata"))
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    let pane = container.select(&PANE).find(|p| !is_descendant(*p, body_el));

    post.id = container
        .attr("id")
        .and_then(|id| id.strip_prefix("elComment_").or_else(|| id.strip_prefix("post_id_")))
        .and_then(leading_id)
        .or_else(|| {
            container.select(&COMMENT_ID).next().and_then(|e| e.attr("data-commentid")).and_then(leading_id)
        });
    // The date: `time[datetime]` (4, 5) or `abbr.published[title]` (3), outside the body;
    // in 4 and 5 it links to the post.
    let outside: Vec<ElementRef<'_>> = std::iter::once(body_el).chain(pane).collect();
    let time = first_outside(container, &TIME, &outside);
    let number_link = container.select(&POST_NUMBER).next();
    let permalink = number_link
        .or_else(|| time.and_then(|t| closest(t, &crate::page::ANCHOR)))
        .or_else(|| first_outside(container, &DATE_LINK, &[body_el]))
        .and_then(|a| a.attr("href"));
    post.url = permalink.and_then(|h| ctx.url(h));
    post.position =
        number_link.and_then(non_empty_text).and_then(|t| t.trim_start_matches('#').parse::<u32>().ok());

    let published = first_outside(container, &PUBLISHED, &outside);
    let (raw, machine) = match (time, published) {
        (Some(t), _) => (non_empty_text(t), t.attr("datetime")),
        (None, Some(a)) => (non_empty_text(a), a.attr("title")),
        (None, None) => (None, None),
    };
    let machine = machine.map(str::to_owned).or_else(|| json_id(quotedata.timestamp.as_ref()));
    post.date = match (&machine, &raw) {
        (Some(m), _) => ctx.date(m, Some(n), "date"),
        (None, Some(r)) => ctx.date(r, Some(n), "date"),
        (None, None) => {
            ctx.warn(Some(n), "date", "no time[datetime] or abbr.published outside the body");
            None
        }
    };
    post.date_raw = raw;

    post.author = author(container, pane, body_el, &quotedata, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author pane");
    }
    post.edited = edited(body_el, ctx, n);

    body::read(body_el, &InvisionMarkup, ctx, n).fill(&mut post);
    post.signature = container.select(&SIGNATURE).find(|s| !is_descendant(*s, body_el)).and_then(|s| {
        let inner = s.select(&SIGNATURE_TEXT).next().unwrap_or(s);
        body::signature(inner, &InvisionMarkup, ctx, n)
    });
    post.attachments = attachments(body_el, ctx);
    post.reactions = reactions(container, body_el);
    post
}

/// The author pane: 4's `aside.cAuthorPane` (`ul.cAuthorPane_info`: member title, pips,
/// photo, group, reputation, "N posts", custom fields), 4.6's `data-role` items, 5's
/// `aside.ipsEntry__author-column`, 3's `div.author_info` (`p.member_title`,
/// `li.group_title`, `li.group_icon`, `li.post_count`, `ul.custom_fields`).
fn author(
    container: ElementRef<'_>,
    pane: Option<ElementRef<'_>>,
    body_el: ElementRef<'_>,
    quotedata: &QuoteData,
    ctx: &mut Ctx,
    n: usize,
) -> Author {
    let mut a = Author::default();
    let name_el = pane
        .and_then(|p| p.select(&NAME).next())
        .or_else(|| first_outside(container, &NAME, &[body_el]))
        .map(|h| h.select(&NAME_INNER).next().unwrap_or(h));
    let profile = name_el
        .and_then(|e| e.select(&PROFILE).next())
        .or_else(|| pane.and_then(|p| p.select(&PROFILE).next()));
    a.name = quotedata.username.as_deref().and_then(non_empty).or_else(|| name_el.and_then(display_name));
    a.id = json_id(quotedata.userid.as_ref()).filter(|id| id != "0");
    if let Some(href) = profile.and_then(|l| l.attr("href")) {
        a.url = ctx.url(href);
        a.id = a.id.take().or_else(|| member_id(href));
    }
    a.guest = a.id.is_none() && profile.is_none();
    let Some(pane) = pane else {
        return a;
    };
    // Letter avatars are inline SVG (`data:` URIs): no image of the member's own.
    a.avatar_url = pane
        .select(&AVATAR)
        .next()
        .and_then(|i| i.attr("src"))
        .filter(|s| !s.trim_start().starts_with("data:"))
        .and_then(|s| ctx.url(s));
    a.online = pane.select(&ONLINE).next().map(|e| {
        has_class(e, "ipsOnlineStatus_online") || e.attr("src").is_some_and(|s| s.contains("user_online"))
    });
    let mut first_line = true;
    for item in pane.select(&PANE_ITEMS) {
        if has_class(item, "cAuthorPane_photo")
            || has_class(item, "avatar")
            || item.attr("data-role") == Some("photo")
            || item.attr("data-role") == Some("group-icon")
        {
            continue;
        }
        // Rank pips: `span.ipsPip` (4), the rank images of 3's `li.group_icon`, pip images
        // of custom themes; 4's group icon is no pip.
        let pips = item.select(&PIP).filter(|p| p.value().name() == "span" || is_pip_image(*p)).count();
        let line = non_empty_text(item);
        if line.is_none() {
            if pips > 0 && a.stars.is_none() {
                a.stars = u32::try_from(pips).ok();
            }
            continue;
        }
        let line = line.unwrap_or_default();
        if let Some(rep) = item.select(&REP).next() {
            if let Some(v) = non_empty_text(rep) {
                a.fields.push(Field { label: "Reputation".into(), value: v });
            }
            continue;
        }
        let labelled = chrome::split_label(&line);
        if has_class(item, "post_count")
            || matches!(item.attr("data-role"), Some("stats" | "posts"))
            || item.attr("data-i-el") == Some("posts")
            || (labelled.is_none() && is_post_count_line(&line))
        {
            // 4.6 and 5 show "1.2k" with the exact figure in the link's title.
            let exact = item.select(&crate::page::ANCHOR).find_map(|l| l.attr("title")).and_then(parse_count);
            chrome::marked_post_count(&mut a, exact, &line, ctx, n);
            continue;
        }
        if let Some((label, value)) = labelled {
            chrome::profile_field(&mut a, label, value, ctx, n, DayOrder::Auto);
            continue;
        }
        if has_class(item, "member_title")
            || has_class(item, "ipsEntry__title")
            || (first_line && !is_group(item))
        {
            a.title = Some(line);
        } else if a.rank.is_none() {
            a.rank = Some(line);
        }
        first_line = false;
    }
    a
}

/// Pip images (`pip.png`, `pip_10k.png`, `star.gif`): not group icons or custom rank badges.
fn is_pip_image(img: ElementRef<'_>) -> bool {
    let src = img.attr("src").unwrap_or_default();
    let file = src.rsplit('/').next().unwrap_or(src).to_ascii_lowercase();
    !has_class(img, "cAuthorGroupIcon") && (file.contains("pip") || file.contains("star"))
}

/// Whether a pane item is the member group (3's `li.group_title`, 4.6's `data-role=group`).
fn is_group(item: ElementRef<'_>) -> bool {
    has_class(item, "group_title")
        || item.attr("data-role") == Some("group")
        || has_class(item, "ipsEntry__group")
}

/// "31 posts", "1,142 posts", "1 post".
fn is_post_count_line(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let (Some(number), Some(label), None) = (words.next(), words.next(), words.next()) else {
        return false;
    };
    parse_count(number).is_some() && crate::normalize::label::is_posts_label(label)
}

/// The name as displayed, without the "OP" badge some themes put before it.
fn display_name(el: ElementRef<'_>) -> Option<String> {
    let mut s = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            let in_chrome =
                node.ancestors().filter_map(ElementRef::wrap).take_while(|a| a.id() != el.id()).any(|a| {
                    matches!(a.value().name(), "button" | "script")
                        || has_class(a, "ipsRepBadge")
                        || has_class(a, "post_id")
                });
            if !in_chrome {
                s.push_str(t);
            }
        }
    }
    non_empty(&s)
}

/// The member id of a profile link: `/profile/341908-rockett/`, `showuser=42`, `/user/42-name/`.
fn member_id(href: &str) -> Option<String> {
    ["/profile/", "/user/"]
        .iter()
        .find_map(|p| href.split_once(p).and_then(|(_, rest)| leading_id(rest)))
        .or_else(|| chrome::id_param(href, "showuser"))
}

/// 4's edit note (`<strong>Edited <time>DATE</time> by NAME</strong><br>REASON` in a
/// `[data-excludequote]` element), 3's `p.edit` ("Edited by NAME, DATE." and `span.reason`).
fn edited(body_el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    if let Some(note) = body_el.select(&EDIT_IPB4).find(|e| e.select(&STRONG).next().is_some()) {
        let strong = note.select(&STRONG).next()?;
        let line = non_empty_text(strong)?;
        let (split_date, by) = body::split_edit(&line, None);
        let time = strong.select(&TIME).next();
        let date_raw = time.and_then(non_empty_text).or(split_date);
        let date = match time.and_then(|t| t.attr("datetime")) {
            Some(machine) => ctx.date(machine, Some(n), "edited.date"),
            None => date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date")),
        };
        // The reason follows the `<br>` after the strong line.
        let mut reason = String::new();
        let mut after_strong = false;
        for child in note.children() {
            if child.id() == strong.id() {
                after_strong = true;
                continue;
            }
            if !after_strong {
                continue;
            }
            match ElementRef::wrap(child) {
                Some(e) if e.value().name() == "a" => {} // "(edit history)"
                Some(e) => reason.push_str(&e.text().collect::<String>()),
                None => reason.push_str(child.value().as_text().map_or("", |t| t)),
            }
        }
        return Some(Edited { date, date_raw, by, reason: non_empty(&reason) });
    }
    let note = body_el.select(&EDIT_IPB3).next()?;
    let reason_el = note.select(&REASON).next();
    let mut line = String::new();
    for node in note.descendants() {
        if let Some(t) = node.value().as_text() {
            if !reason_el.is_some_and(|r| node.ancestors().any(|a| a.id() == r.id())) {
                line.push_str(t);
            }
        }
    }
    let (date_raw, by) = body::split_edit(&squash(&line), None);
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    let reason = reason_el.and_then(non_empty_text).map(|r| match chrome::split_label(&r) {
        Some((_, value)) => value.to_owned(),
        None => r,
    });
    Some(Edited { date, date_raw, by, reason: reason.filter(|r| !r.is_empty()) })
}

/// 4 and 5 link attached files inline (`a.ipsAttachLink`); 3 lists them after the text
/// (`#attach_wrap`: the name, "12.3K", "Number of downloads: 40").
fn attachments(body_el: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out = Vec::new();
    for link in body_el.select(&ATTACH_LINK) {
        let Some(href) = link.attr("href") else { continue };
        let name = non_empty_text(link)
            .or_else(|| link.select(&crate::page::IMG).next().and_then(|i| i.attr("alt")).and_then(non_empty))
            .or_else(|| href.trim_end_matches('/').rsplit('/').next().and_then(non_empty))
            .unwrap_or_default();
        out.push(Attachment { name, url: ctx.url(href), size: None, downloads: None });
    }
    for item in body_el.select(&ATTACH_IPB3) {
        let Some(link) = item.select(&ATTACH_IPB3_LINK).find(|a| non_empty_text(*a).is_some()) else {
            continue;
        };
        let name = non_empty_text(link).unwrap_or_default();
        let rest = squash(&item.text().collect::<String>());
        let rest = rest.replacen(&name, "", 1);
        let size = rest.split_whitespace().find_map(parse_size);
        // "17 downloads", "Number of downloads: 17".
        let words: Vec<&str> = rest.split_whitespace().collect();
        let downloads = words.iter().enumerate().find_map(|(i, w)| {
            if !w.to_lowercase().contains("download") {
                return None;
            }
            let plain = |w: &&str| w.trim_matches(|c: char| !c.is_ascii_digit()).parse::<u64>().ok();
            i.checked_sub(1)
                .and_then(|j| words.get(j))
                .and_then(plain)
                .or_else(|| words.get(i + 1).and_then(plain))
        });
        out.push(Attachment { name, url: link.attr("href").and_then(|h| ctx.url(h)), size, downloads });
    }
    out
}

/// 4's reaction counts (`li.ipsReact_reactCount`: the reaction's image, named by its
/// `alt`, and the count), or the single total (`reactCountText`); the overview line names
/// some of the members.
fn reactions(container: ElementRef<'_>, body_el: ElementRef<'_>) -> Vec<Reaction> {
    let mut out: Vec<Reaction> = container
        .select(&REACT_COUNT)
        .filter(|li| !is_descendant(*li, body_el))
        .filter_map(|li| {
            let kind = li
                .select(&crate::page::IMG)
                .next()
                .and_then(|i| i.attr("alt"))
                .and_then(non_empty)
                .unwrap_or_else(|| "reaction".into());
            let count = parse_count(&non_empty_text(li)?)?;
            Some(Reaction { kind, count, users: Vec::new() })
        })
        .collect();
    // "A and B and 2 others reacted" names members across kinds: theirs when there is one.
    if let [only] = out.as_mut_slice() {
        if let Some(overview) = container.select(&REACT_OVERVIEW).find(|o| !is_descendant(*o, body_el)) {
            only.users = overview.select(&crate::page::ANCHOR).filter_map(non_empty_text).collect();
        }
    }
    if out.is_empty() {
        if let Some(count) = first_outside(container, &REACT_ONLY, &[body_el])
            .and_then(non_empty_text)
            .and_then(|t| parse_count(&t))
            .filter(|c| *c > 0)
        {
            out.push(Reaction { kind: "reaction".into(), count, users: Vec::new() });
        }
    }
    out
}

/// The page header's title, the breadcrumbs, the board, the topic id from the canonical link.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let crumbs: Vec<(Option<String>, String)> = doc
        .select(&CRUMBS)
        .next()
        .into_iter()
        .flat_map(|list| list.select(&CRUMB_ITEM))
        .filter_map(|li| {
            let a = first(li, &crate::page::ANCHOR);
            let label = a.and_then(non_empty_text).or_else(|| non_empty_text(li))?;
            Some((a.and_then(|a| a.attr("href")).and_then(|h| ctx.url(h)), label))
        })
        .collect();
    // The trail ends with the topic itself, unlinked.
    let mut links: Vec<Link> = Vec::new();
    let mut last_unlinked = None;
    for (url, label) in crumbs {
        match url {
            Some(url) => links.push(Link { url: Some(url), text: label }),
            None => last_unlinked = Some(label),
        }
    }
    topic.board = links.iter().rev().find_map(|l| {
        let url = l.url.as_deref()?;
        let id = forum_id(url)?;
        Some(Board { id: Some(id), name: Some(l.text.clone()), url: Some(url.to_owned()) })
    });
    topic.breadcrumbs = links;
    topic.title = doc
        .select(&TITLE)
        .find_map(non_empty_text)
        .or(last_unlinked)
        .or_else(|| doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty));
    let canonical = ctx.page.canonical.as_deref().or(ctx.page.og_url.as_deref());
    if let Some(url) = canonical.and_then(|h| ctx.url(h)) {
        topic.id = topic_id(&url);
        topic.url = Some(first_page(&url));
    }
    topic
}

/// The thread's URL without its page part (4's `/page/2/`, 3's `/page-2`).
fn first_page(url: &str) -> String {
    for marker in ["/page/", "/page-"] {
        if let Some(i) = url.find(marker) {
            let rest = &url[i + marker.len()..];
            let after = rest.trim_start_matches(|c: char| c.is_ascii_digit()).trim_start_matches('/');
            return format!("{}/{after}", &url[..i]);
        }
    }
    url.to_owned()
}

/// `/topic/23012-check-on-startup/`, `showtopic=123`, `?/topic/123-slug/`.
fn topic_id(url: &str) -> Option<String> {
    url.split_once("/topic/")
        .and_then(|(_, rest)| leading_id(rest))
        .or_else(|| chrome::id_param(url, "showtopic"))
        .or_else(|| chrome::id_param(url, "t"))
}

/// `/forum/10-general/`, `showforum=10`.
fn forum_id(url: &str) -> Option<String> {
    url.split_once("/forum/")
        .and_then(|(_, rest)| leading_id(rest))
        .or_else(|| chrome::id_param(url, "showforum"))
}

fn site(doc: &Document<'_>, crumbs: &[Link]) -> Option<Site> {
    let name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let home = crumbs.first();
    if name.is_none() && home.is_none() {
        return None;
    }
    Some(Site { name: name.or_else(|| home.map(|h| h.text.clone())), url: home.and_then(|h| h.url.clone()) })
}

/// 4 and 5: `ul.ipsPagination` (`data-pages`, `li.ipsPagination_active`, next/prev items);
/// 3: `ul.pagination` (`li.active`, `li.next`, "Page 2 of 5" in `li.pagejump`).
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let Some(bar) = doc.select(&PAGINATION).next() else {
        return page;
    };
    let number = bar
        .select(&PAGE_ACTIVE)
        .find_map(|e| non_empty_text(e).and_then(|t| t.parse::<u32>().ok()))
        .unwrap_or(1);
    let mut total = ["data-pages", "data-ipspagination-pages"]
        .iter()
        .find_map(|a| bar.attr(a))
        .and_then(|v| v.trim().parse::<u32>().ok());
    if total.is_none() {
        total = bar.select(&PAGE_JUMP).find_map(non_empty_text).and_then(|t| {
            let nums = chrome::numbers(&t);
            nums.last().and_then(|n| u32::try_from(*n).ok())
        });
    }
    let linked_max = bar
        .select(&crate::page::ANCHOR)
        .filter_map(|a| non_empty_text(a).and_then(|t| t.parse::<u32>().ok()))
        .max();
    page.number = number;
    page.total = total.into_iter().chain(linked_max).chain(std::iter::once(number)).max();
    page.next_url = bar.select(&PAGE_NEXT).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    page.prev_url = bar.select(&PAGE_PREV).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    page
}

/// 3's footer credit: "Community Forum Software by IP.Board 3.4.6".
fn engine_version(doc: &Document<'_>) -> Option<String> {
    doc.select(&IPB3_VERSION)
        .find_map(|el| chrome::version_after(&el.text().collect::<String>(), &["IP.Board "]))
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct post ids of #elComment_N and #post_id_N.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of #elComment_N and #post_id_N"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_urls() {
        assert_eq!(
            member_id("https://forum.utorrent.com/profile/341908-rockett/").as_deref(),
            Some("341908")
        );
        assert_eq!(member_id("index.php?showuser=42").as_deref(), Some("42"));
        assert_eq!(
            topic_id("https://forum.utorrent.com/topic/23012-check-on-startup/").as_deref(),
            Some("23012")
        );
        assert_eq!(topic_id("index.php?showtopic=77&st=20").as_deref(), Some("77"));
        assert_eq!(forum_id("https://forum.utorrent.com/forum/10-general/").as_deref(), Some("10"));
        assert_eq!(
            first_page("https://forum.example.org/topic/12-slug/page/3/"),
            "https://forum.example.org/topic/12-slug/"
        );
        assert_eq!(
            first_page("https://forum.example.org/index.php?/topic/12-slug/page-3"),
            "https://forum.example.org/index.php?/topic/12-slug/"
        );
        assert!(is_post_count_line("1,142 posts") && is_post_count_line("1 post"));
        assert!(!is_post_count_line("Advanced Member"));
    }
}
