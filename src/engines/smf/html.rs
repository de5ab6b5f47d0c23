//! The thread page of every SMF version and theme.
//!
//! Posts are found by their bodies (`div.post`, whose `div.inner#msg_N` child holds the text
//! in 2.x); a post's container is the largest element holding that body and no other, so
//! themes that wrap posts in tables or extra divs need no rules of their own. Within the
//! container, the author block is the element holding the profile link (`div.poster`,
//! `td.poster_info`, or 1.1's unnamed cell).

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, Fact, PageBox};
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Site, Thread, Topic, Viewers,
};
use crate::normalize::date::DayOrder;
use crate::normalize::number::parse_count;
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, post_id, query_param};
use crate::page::Document;
use crate::page::{first, has_class, is_descendant, selectors};

selectors! {
    POST = "div.post";
    INNER = "div.inner";
    SUBJECT = "[id^='subject_']";
    KEYINFO_LINK = ".keyinfo h5 a, .postinfo h5 a, .subject a";
    SMALLTEXT = ".smalltext, .postinfo a, .keyinfo a";
    POSTER = "div.poster, td.poster_info, .poster";
    PROFILE_LINK = "a[href*='action=profile;u='], a[href*='action=profile&u='], a[href*='action=profile%3Bu=']";
    NAME = "h4, b, strong";
    ITEMS = "ul > li, div.smalltext";
    STATUS_IMG = "img[src*='useron'], img[src*='useroff'], img[src*='online.'], img[src*='offline.']";
    STATUS_SPAN = "span.on, span.off, .poster_online, .poster_offline";
    AVATAR = "img.avatar, .avatar img";
    SIGNATURE = "div.signature";
    MODIFIED = "[id^='modified_'], .modified";
    DLATTACH = "a[href*='action=dlattach']";
    MESSAGE_NUMBER = "a.message_number";
    POSTINFO_LINK = ".postinfo a.smalltext[title]";
    TOP_SUBJECT = "#top_subject, #forumposts h3.catbg, #display_head h2";
    VIEWERS = "#whoisviewing, .whoisviewing, #display_head p";
    LINKTREE = ".navigate_section, .linktree, #linktree";
    LINKTREE_ITEM = "li";
    NAV_LINKS = "div.nav a.nav";
    PAGE_BOXES = ".pagelinks, .pagesection .pages, .middletext, .pagelinks_top";
    NAV_PAGES = "a.navPages, a.nav_page";
    CURRENT = "strong, b, span.current_page";
    HEADER_TIME = "#time, .user time, td.titlebg2 > span.smalltext, #upper_section .user li, div.user ul li, #user_section li, .greeting + ul li";
    SMF_LINK = "a[href*='simplemachines.org'], a[href*='action=credits'], a[title='Simple Machines Forum']";
    PROFILE_ANY = "a[href*='action=profile']";
    MESSAGE_IDS = "[id^='msg'], [id^='subject_'], a[name^='msg']";
    AUTHOR_BLOCKS = "td.poster_info, div.poster";
}

/// SMF's body markup: `div.quoteheader` before `div.quote`/`blockquote`, `div.codeheader`
/// before `div.code`/`code.bbc_code`; 2.1 puts a `cite` inside the blockquote.
pub(crate) struct SmfMarkup;

impl Markup for SmfMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        if has_class(el, "quoteheader")
            || (name == "cite"
                && el.parent().and_then(ElementRef::wrap).is_some_and(|p| p.value().name() == "blockquote"))
        {
            Role::QuoteHeader
        } else if has_class(el, "quote") || name == "blockquote" {
            Role::Quote
        } else if has_class(el, "codeheader") || has_class(el, "quotefooter") {
            Role::Skip
        } else if has_class(el, "code") || has_class(el, "bbc_code") || name == "code" {
            Role::Code
        } else {
            Role::Normal
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies = post_bodies(doc);
    if bodies.is_empty() {
        return Err(Error::NotAThread { looked_for: "SMF post bodies (div.post, div.inner#msg_N)".into() });
    }
    if ctx.dates.now.is_none() {
        ctx.dates.now = header_time(doc, ctx);
    }
    let containers = crate::page::containers(doc, &bodies, |_| false);
    let mut thread = Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Smf, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(&thread.topic.breadcrumbs);
    for (i, (body, container)) in bodies.iter().zip(containers).enumerate() {
        thread.posts.push(post(*body, container, ctx, i + 1));
    }
    Ok(thread)
}

/// The page's posts counted without the post bodies the parser reads: the larger of the number of distinct message ids (`#msg_N`,
/// `#subject_N`, 1.1's `<a name="msgN">`) and of author blocks.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<String> = doc
        .select(&MESSAGE_IDS)
        .filter_map(|e| {
            let id = e.attr("id").or_else(|| e.attr("name"))?;
            let rest = id.strip_prefix("subject_").or_else(|| id.strip_prefix("msg"))?;
            leading_id(rest.strip_prefix('_').unwrap_or(rest))
        })
        .collect();
    let authors = doc.select(&AUTHOR_BLOCKS).count();
    let n = ids.len().max(authors);
    (n > 0).then_some((n, "distinct message ids or author blocks"))
}

/// Post bodies in page order: `div.post` (its `div.inner` child in 2.x), skipping bodies
/// nested in another (a post quoted with its markup).
fn post_bodies<'a>(doc: &Document<'a>) -> Vec<ElementRef<'a>> {
    doc.select(&POST)
        .filter(|p| {
            !p.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "div" && has_class(a, "post"))
        })
        .map(|p| p.children().filter_map(ElementRef::wrap).find(|c| INNER.matches(c)).unwrap_or(p))
        .collect()
}

fn post(body: ElementRef<'_>, container: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let subject = container.select(&SUBJECT).next();
    let permalink = subject
        .and_then(|s| first(s, &crate::page::ANCHOR))
        .or_else(|| container.select(&KEYINFO_LINK).next())
        .and_then(|a| a.attr("href"));
    post.id = subject
        .and_then(|s| s.attr("id"))
        .and_then(|id| id.strip_prefix("subject_"))
        .and_then(leading_id)
        .or_else(|| body.attr("id").and_then(|id| id.strip_prefix("msg_")).and_then(leading_id))
        .or_else(|| permalink.and_then(post_id));
    post.url = permalink.and_then(|h| ctx.url(h));
    post.subject = subject.and_then(|s| non_empty(&s.text().collect::<String>()));

    let poster = poster_block(container, body);
    let (date_raw, position) = date_line(container, body, poster);
    post.position = position.or_else(|| message_number(container));
    match date_raw {
        Some(raw) => {
            post.date = ctx.date(&raw, Some(n), "date");
            post.date_raw = Some(raw);
        }
        None => ctx.warn(Some(n), "date", "no date line found next to the subject"),
    }
    post.author = match poster {
        Some(block) => author(block, ctx, n),
        None => {
            ctx.warn(Some(n), "author", "no author block found");
            Author::default()
        }
    };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author block");
    }
    post.edited = container.select(&MODIFIED).next().and_then(|m| edited(m, ctx, n));

    body::read(body, &SmfMarkup, ctx, n).fill(&mut post);
    post.signature = container
        .select(&SIGNATURE)
        .find(|s| !is_descendant(*s, body))
        .and_then(|s| body::signature(s, &SmfMarkup, ctx, n));
    post.attachments = attachments(container, body, poster, ctx);
    post
}

/// The position a post's number shows: bitcointalk's "#12401" (1-based), or SMF 2.1's
/// date link titled "Reply #3 - subject" (the first post's title has no number).
fn message_number(container: ElementRef<'_>) -> Option<u32> {
    let number = |s: &str| parse_count(s).and_then(|n| u32::try_from(n).ok());
    if let Some(a) = container.select(&MESSAGE_NUMBER).next() {
        return number(&a.text().collect::<String>());
    }
    let title = container.select(&POSTINFO_LINK).next()?.attr("title")?;
    match title.split_once('#') {
        Some((_, reply)) => number(reply.split(' ').next().unwrap_or_default())?.checked_add(1),
        None => Some(1),
    }
}

/// The author block: the element holding the author's profile link (or, for guests, the
/// name alone), outside the body.
fn poster_block<'a>(container: ElementRef<'a>, body: ElementRef<'a>) -> Option<ElementRef<'a>> {
    if let Some(p) = container.select(&POSTER).find(|p| !is_descendant(*p, body)) {
        return Some(p);
    }
    // SMF 1.1's default theme leaves the author cell unnamed: the cell holding the first
    // profile link outside the body, else the first cell spanning two rows.
    container
        .select(&PROFILE_LINK)
        .find(|a| !is_descendant(*a, body))
        .and_then(|a| a.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().name() == "td"))
        .or_else(|| {
            container
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| e.value().name() == "td" && e.attr("rowspan") == Some("2"))
        })
}

/// The date as shown ("« Reply #3 on: May 02, 2023, 11:04:13 am »" without its label) and the
/// position its "Reply #N" label gives.
fn date_line(
    container: ElementRef<'_>,
    body: ElementRef<'_>,
    poster: Option<ElementRef<'_>>,
) -> (Option<String>, Option<u32>) {
    for el in container.select(&SMALLTEXT) {
        if is_descendant(el, body) || poster.is_some_and(|p| is_descendant(el, p)) {
            continue;
        }
        let text = squash(&el.text().collect::<String>());
        let text = text.trim_matches(|c: char| c == '«' || c == '»' || c.is_whitespace());
        if text.is_empty() {
            continue;
        }
        // The label ("Reply #3 on:", "Ответ #1 :", "Válasz #50 Dátum:") is a bold element
        // that ends with a colon; the first post's has no number.
        let label = el
            .children()
            .filter_map(ElementRef::wrap)
            .find(|c| matches!(c.value().name(), "strong" | "b"))
            .map(|b| squash(&b.text().collect::<String>()))
            .filter(|l| l.ends_with(':'));
        let (date, position) = match &label {
            Some(label) => {
                let date = text.split_once(label.as_str()).map_or(text, |(_, d)| d).trim();
                let position = match label.split_once('#') {
                    Some((_, n)) => {
                        parse_count(n).and_then(|n| u32::try_from(n).ok()).and_then(|n| n.checked_add(1))
                    }
                    None => Some(1),
                };
                (date, position)
            }
            None => (text, None),
        };
        if crate::normalize::date::is_date(date) {
            return (Some(date.to_owned()), position);
        }
    }
    (None, None)
}

/// Reads the author block. Themes with classed items (`li.membergroup`, `li.postcount`, ...)
/// are read by class; older ones by position and label: the first unlabeled line is the
/// member group, "Label: value" lines are the post count or other fields.
fn author(block: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let profile = block.select(&PROFILE_LINK).next();
    match profile {
        Some(link) => {
            a.name = non_empty(&link.text().collect::<String>());
            if let Some(href) = link.attr("href") {
                a.id = chrome::id_param(href, "u");
                a.url = ctx.url(href);
            }
        }
        None => {
            a.guest = true;
            a.name = block.select(&NAME).find_map(|n| non_empty(&n.text().collect::<String>()));
        }
    }
    let status = block.select(&STATUS_IMG).next();
    a.online = status
        .and_then(|img| img.attr("src"))
        .map(|src| src.contains("useron") || src.contains("online."))
        .or_else(|| {
            block.select(&STATUS_SPAN).next().map(|s| has_class(s, "on") || has_class(s, "poster_online"))
        });
    let status_text = status.and_then(|i| i.attr("alt")).map(squash);
    a.avatar_url = block.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));

    // 2.x puts the rank images in `li.stars` (2.1: `li.icons`), possibly none at all; older
    // themes leave them among other images, named `star*.gif`.
    let star_item = block.select(&ITEMS).find(|i| has_class(*i, "stars") || has_class(*i, "icons"));
    let stars = match star_item {
        Some(item) => Some(item.select(&crate::page::IMG).count()),
        None => {
            let n =
                block.select(&crate::page::IMG).filter(|i| i.attr("src").is_some_and(is_star_image)).count();
            (n > 0).then_some(n)
        }
    };
    let mut classed = false;
    let mut lines: Vec<(Option<&str>, String)> = Vec::new();
    for item in block.select(&ITEMS) {
        if item.select(&ITEMS).next().is_some() && item.value().name() != "div" {
            continue; // a list holding lists: its own items are read
        }
        let class = item.value().classes().find(|c| SEMANTIC_CLASSES.contains(c));
        classed |= class.is_some();
        for line in crate::page::text_lines(item, false) {
            lines.push((class, line));
        }
    }
    let name = a.name.clone();
    let mut group_seen = false;
    for (class, line) in lines {
        if Some(&line) == name.as_ref() || status_text.as_ref().is_some_and(|s| s.eq_ignore_ascii_case(&line))
        {
            continue;
        }
        match (class, chrome::split_label(&line)) {
            (Some("membergroup"), _) => a.rank = Some(line),
            (Some("postgroup"), _) if a.rank.is_none() => a.rank = Some(line),
            (Some("postgroup"), _) => a.fields.push(Field { label: "Post group".into(), value: line }),
            (Some("title"), _) => a.title = Some(line),
            (Some("blurb"), _) => a.title = Some(line),
            (Some("postcount"), Some((label, value))) => {
                chrome::profile_fact(&mut a, Fact::PostCount, label, value, ctx, n)
            }
            // "-Label: value": the items of a mod's box ("Thank You").
            (_, Some((label, value))) => {
                chrome::profile_field(&mut a, label.trim_start_matches('-'), value, ctx, n, DayOrder::Auto)
            }
            (None, None) if !classed && !group_seen => {
                a.rank = Some(line);
                group_seen = true;
            }
            (None, None) if !classed && a.title.is_none() && looks_like_personal_text(&line) => {
                a.title = Some(line)
            }
            _ => {}
        }
    }
    a.stars = stars.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    a
}

/// Classes SMF 2.x themes give the items of the author block.
const SEMANTIC_CLASSES: &[&str] = &[
    "icons",
    "membergroup",
    "postgroup",
    "postcount",
    "stars",
    "blurb",
    "title",
    "karma",
    "avatar",
    "profile",
    "im_icons",
    "custom",
    "gender",
];

/// Star images: `star.gif`, `staradmin.gif`, `starmod.gif`, `rank_star.png`...
fn is_star_image(src: &str) -> bool {
    let file = src.rsplit('/').next().unwrap_or(src).to_ascii_lowercase();
    file.starts_with("star") || file.contains("_star")
}

/// SMF 1.1 puts the personal text as a plain line below the post count; link labels such
/// as "View Profile" or "Ignore" are not personal text.
fn looks_like_personal_text(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && line.chars().count() > 1
}

fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let text = squash(&el.text().collect::<String>());
    if text.is_empty() {
        return None;
    }
    let (date_raw, by) = body::split_edit(&text, None);
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: None })
}

/// Attachments: `action=dlattach` links outside the body and the author block (avatars are
/// served by the same action), one per attachment id, with "(12.5 KB - downloaded 34 times.)".
fn attachments(
    container: ElementRef<'_>,
    body: ElementRef<'_>,
    poster: Option<ElementRef<'_>>,
    ctx: &Ctx,
) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for link in container.select(&DLATTACH) {
        let Some(href) = link.attr("href") else {
            continue;
        };
        if href.contains("type=avatar")
            || is_descendant(link, body)
            || poster.is_some_and(|p| is_descendant(link, p))
        {
            continue;
        }
        let name = squash(&link.text().collect::<String>());
        if name.is_empty() {
            continue; // the thumbnail link of an image attachment
        }
        let key = query_param(href, "attach").unwrap_or_else(|| href.to_owned());
        if !seen.insert(key) {
            continue;
        }
        // "(12.5 KB - downloaded 34 times.)" after the link (1.1, 2.0), or "12.5 KB" and
        // "downloaded 34 times" on lines of their own (2.1): the size is the piece with a
        // unit, the download count the other piece with a number.
        let mut info = String::new();
        for node in link.next_siblings() {
            match node.value() {
                scraper::Node::Text(t) => info.push_str(t),
                scraper::Node::Element(e) if e.name() == "br" => info.push('\n'),
                scraper::Node::Element(_) => break,
                _ => {}
            }
        }
        let pieces = info.split(['\n', '(', ')', '-']).map(str::trim).filter(|p| !p.is_empty());
        let (size, downloads) = chrome::size_and_count(pieces);
        out.push(Attachment { name, url: ctx.url(href), size, downloads });
    }
    out
}

/// The topic header, linktree, views and viewers.
fn topic(doc: &Document<'_>, ctx: &mut Ctx) -> Topic {
    let mut topic = Topic::default();
    let (crumbs, topic_link) = breadcrumbs(doc, ctx);
    topic.board =
        crumbs.iter().rev().find(|c| c.url.as_deref().and_then(|u| smf_id(u, "board")).is_some()).map(|c| {
            Board {
                id: c.url.as_deref().and_then(|u| smf_id(u, "board")),
                name: Some(c.text.clone()),
                url: c.url.clone(),
            }
        });
    topic.breadcrumbs = crumbs;
    if let Some(link) = &topic_link {
        topic.url = link.url.clone();
        topic.title = Some(link.text.clone());
    }
    if let Some(header) = doc.select(&TOP_SUBJECT).next() {
        let mut text = squash(&header.text().collect::<String>());
        // "Author Topic: TITLE (Read 104 times)": the "Author" column label is its own span.
        if let Some(author_label) = header.select(&crate::page::SPAN).find(|s| {
            s.attr("id") == Some("author")
                || squash(&s.text().collect::<String>()).split_whitespace().count() == 1
        }) {
            let label = squash(&author_label.text().collect::<String>());
            if let Some(rest) = text.strip_prefix(&label) {
                text = rest.trim().to_owned();
            }
        }
        let (title, views) = chrome::split_title_views(&text);
        if topic.title.is_none() {
            topic.title = title;
        }
        topic.views = views;
    }
    if topic.title.is_none() {
        topic.title =
            doc.select(&crate::page::TITLE).next().and_then(|t| non_empty(&t.text().collect::<String>()));
    }
    let topic_href = topic.url.clone().or_else(|| {
        doc.select(&crate::page::ANCHOR)
            .filter_map(|a| a.attr("href"))
            .find(|h| h.contains("action=printpage"))
            .map(str::to_owned)
    });
    topic.id = topic_href.as_deref().and_then(topic_id);
    topic.viewers = viewers(doc);
    topic
}

/// The linktree: every crumb, and the topic's own crumb (the last, linking `topic=`).
fn breadcrumbs(doc: &Document<'_>, ctx: &Ctx) -> (Vec<Link>, Option<Link>) {
    // The linktree is printed above and below the posts; the first is read.
    let mut crumbs: Vec<Link> = doc
        .select(&LINKTREE)
        .next()
        .into_iter()
        .flat_map(|tree| tree.select(&LINKTREE_ITEM))
        .filter_map(|li| chrome::crumb(li, ctx))
        .collect();
    if crumbs.is_empty() {
        if let Some(nav) = doc.select(&NAV_LINKS).next().and_then(|a| a.parent()).and_then(ElementRef::wrap) {
            let nav =
                nav.ancestors().filter_map(ElementRef::wrap).find(|e| has_class(*e, "nav")).unwrap_or(nav);
            crumbs = nav.select(&NAV_LINKS).filter_map(|a| chrome::link(a, ctx)).collect();
        }
    }
    let topic_link = match crumbs.last() {
        Some(last) if last.url.as_deref().and_then(topic_id).is_some() => crumbs.pop(),
        _ => None,
    };
    (crumbs, topic_link)
}

fn site(crumbs: &[Link]) -> Option<Site> {
    crumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() })
}

/// "0 Members and 1 Guest are viewing this topic." in any language. When members are
/// listed, SMF prints their names instead of their number: "alice, bob (+ 2 hidden) and 3
/// Guests are viewing this topic." The line is `#whoisviewing` (2.0), a paragraph of the
/// display head (2.1), or the table row under the topic header (1.1).
fn viewers(doc: &Document<'_>) -> Option<Viewers> {
    let row_under_header = doc
        .select(&TOP_SUBJECT)
        .next()
        .and_then(|h| h.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().name() == "tr"))
        .and_then(|tr| tr.next_siblings().find_map(ElementRef::wrap));
    doc.select(&VIEWERS).chain(row_under_header).find_map(read_viewers)
}

fn read_viewers(el: ElementRef<'_>) -> Option<Viewers> {
    let names: Vec<String> =
        el.select(&PROFILE_ANY).filter_map(|a| non_empty(&a.text().collect::<String>())).collect();
    // Numbers outside the member links (names may hold digits).
    let mut text = String::new();
    for node in el.descendants() {
        if let Some(t) = node.value().as_text() {
            if !node.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a") {
                text.push_str(t);
            }
        }
    }
    let text = squash(&text);
    let nums = chrome::numbers(&text);
    let count = |n: u64| u32::try_from(n).ok();
    let (members, guests) = match (names.len(), nums.as_slice()) {
        (0, [members, guests]) if text.starts_with(|c: char| c.is_ascii_digit()) => {
            (count(*members)?, count(*guests)?)
        }
        (n, [guests]) if n > 0 => (count(n as u64)?, count(*guests)?),
        (n, [hidden, guests]) if n > 0 => (count(n as u64)?.checked_add(count(*hidden)?)?, count(*guests)?),
        _ => return None,
    };
    Some(Viewers { members, guests, names })
}

/// "Pages: \[1\] 2 3" / "Pages: 1 2 \[3\] 4": the bold number is this page; the largest linked
/// number the total (SMF always links the last page).
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let boxes = doc.select(&PAGE_BOXES).filter(|b| {
        b.select(&NAV_PAGES).next().is_some()
            || b.select(&CURRENT).any(|c| parse_count(&c.text().collect::<String>()).is_some())
    });
    let Some(pages) = boxes.into_iter().next() else {
        return Page::default();
    };
    let mut page =
        chrome::pagination(pages, ctx, &PageBox { numbered: Some(&NAV_PAGES), ..PageBox::new(&CURRENT) });
    // This page counts toward the total even when the box shows its number nowhere.
    page.total = page.total.max(Some(page.number));
    page
}

/// The current time SMF prints in its header, for "Today at ..." dates.
fn header_time(doc: &Document<'_>, _ctx: &Ctx) -> Option<chrono::NaiveDateTime> {
    use crate::model::Timestamp;
    use crate::normalize::date::{DateContext, parse_date};
    doc.select(&HEADER_TIME).find_map(|el| {
        match parse_date(&squash(&el.text().collect::<String>()), &DateContext::default()) {
            Ok(Timestamp::Local(dt)) => Some(dt),
            Ok(Timestamp::Offset(dt)) => Some(dt.naive_local()),
            _ => None,
        }
    })
}

/// "SMF 2.0.15" from the footer: a link to simplemachines.org (1.1) or to action=credits (2.x).
pub(crate) fn engine_version(doc: &Document<'_>) -> Option<String> {
    doc.select(&SMF_LINK).find_map(|a| chrome::version_after(&a.text().collect::<String>(), &["SMF "]))
}

/// The topic id of an SMF URL: `topic=266.0`, `topic=266.msg5687`, queryless `topic,722.0.html`.
pub(crate) fn topic_id(href: &str) -> Option<String> {
    smf_id(href, "topic")
}

/// The id SMF puts after `name=` in a query, or after `name,` in queryless URLs
/// (`index.php/board,5.0.html`).
fn smf_id(href: &str, name: &str) -> Option<String> {
    chrome::id_param(href, name).or_else(|| {
        let (_, rest) = href.split_once(&format!("/{name},"))?;
        leading_id(rest)
    })
}
