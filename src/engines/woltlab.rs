//! WoltLab Burning Board 3, 4 and 5 (and WoltLab Suite 6's forum, which keeps 5's markup).
//!
//! - **WBB 4 and 5** (WoltLab Community Framework 2, WoltLab Suite 3 and 5): each post is an
//!   `article.wbbPost.message` (`data-post-id`, `data-object-id`) in `li#postN`, holding the
//!   sidebar `aside.messageSidebar` (name: 5's `.messageAuthorContainer a.username`, 4's
//!   `h2.username a.userLink`; `.userTitle .badge`; the avatar; `div.userCredits dl`, dt/dd
//!   pairs such as "Beiträge"; `userOnline` on the aside) and `.messageContent`: the header
//!   (`time.datetime[datetime]`, WoltLab Suite 6's `woltlab-core-date-time[date]`; the
//!   permalink `a.permalink`; the number in `.messageQuickOptions`, "#2" in 5, "2" in 4), the
//!   body `div.messageText`, the signature `div.messageSignature`, and footer notes
//!   (`p.messageFooterNote`, the edit note among them).
//! - **WBB 3** (WoltLab Community Framework 1): `div.message#postRowN` holding `a#postN`, the
//!   sidebar `div.messageSidebar` (`.messageAuthor p.userName`, `p.userTitle`,
//!   `div.userCredits` lines "Beiträge: 1.234"), `.messageHeader` with the number
//!   `a.messageNumber` and the date in `.containerContent p.smallFont` (shown only as text:
//!   "Dienstag, 5. März 2019, 10:22", "Heute, 10:22"), the subject `h3.messageTitle`, the body
//!   `div#postTextN` in `div.messageBody`, `div.signature` and `p.editNote`.
//!
//! Quotes are `.quoteBox`: 5's `div.quoteBoxTitle` ("Zitat von NAME", "Quote from NAME"), 4's
//! `header` ("NAME schrieb:", "NAME wrote:"), 3's `div.quoteHeader` ("Zitat von »NAME«"); the
//! quoted post's link is the quote's `cite`. Code is `.codeBox`.

use scraper::ElementRef;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Format, Page, Post, Site, Thread, Timestamp, Topic};
use crate::normalize::date::DayOrder;
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::{Document, contains, has_class, selectors, text, text_lines};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // WBB 4 and 5.
    ("article.wbbPost", 3),
    (".message[data-post-id] .messageText", 2),
    // WBB 3.
    ("div.message[id^='postRow'] div.messageInner", 3),
    ("div.messageBody > div[id^='postText']", 2),
    // WoltLab's shared message markup (conversations and comments use it too).
    (".messageSidebar .messageAuthor", 1),
    ("time.datetime[data-timestamp], woltlab-core-date-time[date]", 1),
];

selectors! {
    POST_IDS = "li[id^='post'], a[id^='post']";
}

selectors! {
    POSTS = "article.wbbPost, div.message[id^='postRow']";
    SIDEBAR = ".messageSidebar";
    /// 5's link, 4's heading, 3's paragraph; guests' plain `span.username` (4, 5).
    NAME = ".messageAuthorContainer .username, h2.username, .messageAuthor .userName, .username";
    USER_LINK = "a.userLink[href], a.username[href], .userName a[href], .username a[href]";
    /// 4 and 5: the title badge (a guest's plain badge says only "Guest"); 3: the line.
    USER_TITLE = ".userTitle .userTitleBadge, p.userTitle";
    AVATAR = ".userAvatar img";
    ONLINE_BADGE = ".badgeOnline";
    STATUS_ICON = ".userName img[src*='online'], .userName img[src*='offline']";
    CREDITS = ".userCredits";
    DT_DD = "dt, dd";
    HEADER = ".messageHeader";
    /// The post's own time: 5's `messagePublicationTime` link, else the header's first.
    PUBLISHED = "a.messagePublicationTime time, a.messagePublicationTime woltlab-core-date-time";
    TIME = "time[datetime], woltlab-core-date-time[date]";
    /// WBB 3: the date shown as text.
    SHOWN_DATE = ".containerContent p.smallFont, .containerContent p";
    PERMALINK = "a.permalink[href], a.messageNumber[href]";
    NUMBER = ".messageQuickOptions a, a.messageNumber";
    SUBJECT = "h3.messageTitle, .messageTitle";
    BODY = ".messageText, .messageBody > div[id^='postText'], div[id^='postText']";
    SIGNATURE = ".messageSignature, div.signature";
    EDIT_NOTE = ".wbbPostEditNote, p.editNote, .messageFooterNote";
    TITLE = "h1.contentTitle";
    TITLE_4 = "header.boxHeadline h1, .boxHeadline h1";
    TITLE_3 = ".mainHeadline h2";
    THREAD_ID = "[data-thread-id]";
    CRUMBS = "nav.breadcrumbs li, ul.breadCrumbs li";
    PAGINATION = "nav.pagination, nav.pageNavigation, div.pageNavigation";
    PAGE_CURRENT = "li.active > span, li.active";
    SITE_NAME = "meta[property='og:site_name'][content]";
    COPYRIGHT = ".copyright, #footer, footer";
}

/// WoltLab's BBCode markup, WBB 3 to 5: `.quoteBox` quotes with their title or header,
/// `.codeBox` code with its header and line anchors, smilies as `img.smiley`.
struct WoltlabMarkup;

impl Markup for WoltlabMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        let in_code = el.ancestors().filter_map(ElementRef::wrap).take(3).any(|a| has_class(a, "codeBox"));
        if has_class(el, "quoteBox") {
            Role::Quote
        } else if has_class(el, "quoteBoxTitle") && !parent.is_some_and(|p| has_class(p, "quoteBoxTitle"))
            || has_class(el, "quoteHeader")
            || (name == "header" && parent.is_some_and(|p| has_class(p, "quoteBox")))
        {
            Role::QuoteHeader
        } else if has_class(el, "codeBox") {
            Role::Code
        } else if has_class(el, "quoteBoxIcon")
            || has_class(el, "toggleButton")
            || has_class(el, "codeBoxHeader")
            || has_class(el, "codeLineNumber")
            || has_class(el, "lineAnchor")
            || (name == "h3" && in_code)
        {
            Role::Skip
        } else {
            Role::Normal
        }
    }

    /// "Zitat von »NAME«", "Quote from „NAME“", "NAME schrieb:": the name without the
    /// quotation marks some languages put around it.
    fn quote_author(&self, header: ElementRef<'_>) -> Option<String> {
        let (author, _) = body::split_header(&text(header));
        author.and_then(|a| non_empty(a.trim_matches(['»', '«', '„', '“', '”', '"', '\''])))
    }

    /// Smilies: `<img class="smiley" alt=":)">`.
    fn alt_text(&self, img: ElementRef<'_>) -> Option<String> {
        has_class(img, "smiley").then(|| img.attr("alt").and_then(non_empty)).flatten()
    }

    /// The quoted post's link is the quote's `cite` (`...?postID=N#postN`).
    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        let href = quote.attr("cite").and_then(non_empty);
        QuoteMeta {
            post_id: href.as_deref().and_then(crate::normalize::url::post_id),
            href,
            ..QuoteMeta::default()
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let posts: Vec<ElementRef<'_>> = doc.select(&POSTS).collect();
    if posts.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "WoltLab Burning Board posts (article.wbbPost, div.message#postRowN)".into(),
        });
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Woltlab, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    let site_name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let first = thread.topic.breadcrumbs.first();
    if site_name.is_some() || first.is_some() {
        thread.site = Some(Site {
            name: site_name.or_else(|| first.map(|c| c.text.clone())),
            url: first.and_then(|c| c.url.clone()),
        });
    }
    for (i, el) in posts.into_iter().enumerate() {
        thread.posts.push(post(el, ctx, i + 1));
    }
    Ok(thread)
}

fn post(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let id = el
        .attr("data-post-id")
        .or(el.attr("data-object-id"))
        .and_then(leading_id)
        .or_else(|| el.attr("id")?.strip_prefix("postRow").and_then(leading_id))
        .or_else(|| {
            let li = el.parent().and_then(ElementRef::wrap)?;
            li.attr("id")?.strip_prefix("post").and_then(leading_id)
        });
    let mut post = Post { id, ..Post::default() };
    let header = el.select(&HEADER).next();
    if let Some(h) = header {
        post.url = h.select(&PERMALINK).next().and_then(|a| a.attr("href")).and_then(|href| ctx.url(href));
        let number = h.select(&NUMBER).find_map(|a| chrome::numbers(&text(a)).first().copied());
        post.position = number.and_then(|p| u32::try_from(p).ok());
        if post.url.is_none() {
            post.url = h
                .select(&NUMBER)
                .find(|a| !chrome::numbers(&text(*a)).is_empty())
                .and_then(|a| a.attr("href"))
                .and_then(|href| ctx.url(href));
        }
    }
    let (raw, date) = posted(header.unwrap_or(el), ctx, n);
    post.date_raw = raw;
    post.date = date;
    post.author = author(el, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no name in the post's .messageSidebar");
    }
    post.subject = el.select(&SUBJECT).next().and_then(|s| non_empty(&text(s)));
    let body_el = el.select(&BODY).next();
    match body_el {
        Some(b) => body::read(b, &WoltlabMarkup, ctx, n).fill(&mut post),
        None => ctx.warn(Some(n), "body_text", "no div.messageText"),
    }
    let outside_body = |x: &ElementRef<'_>| body_el.is_none_or(|b| !contains(b, *x));
    post.signature =
        el.select(&SIGNATURE).find(outside_body).and_then(|s| body::signature(s, &WoltlabMarkup, ctx, n));
    post.edited = el
        .select(&EDIT_NOTE)
        .filter(outside_body)
        .find(|note| note.select(&TIME).next().is_some() || text(*note).contains('('))
        .and_then(|note| edited(note, ctx, n));
    post
}

/// The post's time: the machine form of `time[datetime]` (4, 5) or
/// `woltlab-core-date-time[date]` (Suite 6), shown as its text; WBB 3 shows only text.
fn posted(header: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> (Option<String>, Option<Timestamp>) {
    if let Some(t) = header.select(&PUBLISHED).next().or_else(|| header.select(&TIME).next()) {
        return machine_time(t, ctx, n, "date");
    }
    let Some(raw) = header.select(&SHOWN_DATE).find_map(|p| non_empty(&text(p))) else {
        ctx.warn(Some(n), "date", "no time[datetime] nor date line in the post's header");
        return (None, None);
    };
    let date = ctx.date_with_order(&raw, Some(n), "date", DayOrder::DayFirst);
    (Some(raw), date)
}

/// A `time[datetime]` or `woltlab-core-date-time[date]`: the shown text, and the date from
/// the machine form (else from the text).
fn machine_time(
    t: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
    field: &str,
) -> (Option<String>, Option<Timestamp>) {
    let shown = non_empty(&text(t));
    let machine = t.attr("datetime").or(t.attr("date")).and_then(non_empty);
    let date = match machine.as_deref().or(shown.as_deref()) {
        Some(d) => ctx.date_with_order(d, Some(n), field, DayOrder::DayFirst),
        None => None,
    };
    (shown.or(machine), date)
}

/// The sidebar: name and profile link, user title, avatar, online status, and the credits
/// (4, 5: `dl` pairs; 3: "Label: value" lines).
fn author(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let Some(sidebar) = el.select(&SIDEBAR).next() else {
        return a;
    };
    a.name = sidebar.select(&NAME).find_map(|e| non_empty(&text(e)));
    match sidebar.select(&USER_LINK).next() {
        Some(link) => {
            a.url = link.attr("href").and_then(|h| ctx.url(h));
            a.id = link
                .attr("data-object-id")
                .or(link.attr("data-user-id"))
                .and_then(leading_id)
                .or_else(|| link.attr("href").and_then(user_id));
        }
        None => a.guest = true,
    }
    if has_class(sidebar, "guest") {
        a.guest = true;
    }
    a.title = sidebar.select(&USER_TITLE).find_map(|t| non_empty(&text(t)));
    a.avatar_url = sidebar.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    // 4 and 5 mark online members only (the aside's `userOnline`, the avatar's badge); 3
    // shows an online or offline icon.
    a.online = if has_class(sidebar, "userOnline") || sidebar.select(&ONLINE_BADGE).next().is_some() {
        Some(true)
    } else {
        sidebar.select(&STATUS_ICON).next().and_then(|i| i.attr("src")).map(|s| !s.contains("offline"))
    };
    if let Some(credits) = sidebar.select(&CREDITS).next() {
        let mut label: Option<String> = None;
        let mut pairs = false;
        for item in credits.select(&DT_DD) {
            pairs = true;
            if item.value().name() == "dt" {
                label = Some(text(item));
            } else if let Some(l) = label.take() {
                chrome::profile_field(&mut a, &l, &text(item), ctx, n, DayOrder::DayFirst);
            }
        }
        if !pairs {
            chrome::profile_lines(&mut a, text_lines(credits, true), ctx, n, DayOrder::DayFirst);
        }
    }
    a
}

/// The id after a path segment, whatever its case: 4.0 and 4.1 write `index.php/User/12-name/`,
/// later versions `/user/12-name/` (with or without `index.php?`).
fn path_id(href: &str, segment: &str) -> Option<String> {
    let at = href.to_ascii_lowercase().find(segment)?;
    href.get(at + segment.len()..).and_then(leading_id)
}

/// `/user/12-name/` (4, 5) or `page=User&userID=12` (3).
fn user_id(href: &str) -> Option<String> {
    chrome::id_param(href, "userID").or_else(|| path_id(href, "user/"))
}

/// The edit note: "Dieser Beitrag wurde bereits 2 Mal editiert, zuletzt von „NAME“
/// (DATE)." / "This post has been edited 2 times, last by "NAME" (DATE)."; the editor
/// linked (5) or quoted, the date a `time` element (4, 5) or the text in parentheses (3).
fn edited(note: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let shown = text(note);
    let by = note.select(&USER_LINK).next().and_then(|a| non_empty(&text(a))).or_else(|| {
        let open = shown.find(['„', '»', '"', '“'])?;
        let rest = &shown[open..];
        let first = rest.chars().next()?;
        let inner = &rest[first.len_utf8()..];
        let close = inner.find(['“', '«', '"', '”'])?;
        non_empty(&inner[..close])
    });
    let (date_raw, date) = match note.select(&TIME).next() {
        Some(t) => machine_time(t, ctx, n, "edited.date"),
        None => {
            let raw =
                shown.rsplit_once('(').and_then(|(_, d)| non_empty(d.split(')').next().unwrap_or_default()));
            let date = raw
                .as_deref()
                .and_then(|d| ctx.date_with_order(d, Some(n), "edited.date", DayOrder::DayFirst));
            (raw, date)
        }
    };
    (date_raw.is_some() || by.is_some()).then_some(Edited { date, date_raw, by, reason: None })
}

/// The title (5: `h1.contentTitle`; 4: the `boxHeadline`'s `h1`; 3: the `mainHeadline`'s
/// `h2`), the trail, the thread id (`data-thread-id`, else the title link or canonical URL).
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let heading = [&*TITLE, &*TITLE_4, &*TITLE_3].into_iter().find_map(|sel| doc.select(sel).next());
    if let Some(h) = heading {
        topic.title = non_empty(&text(h));
        topic.url =
            h.select(&crate::page::ANCHOR).next().and_then(|a| a.attr("href")).and_then(|href| ctx.url(href));
    }
    topic.breadcrumbs = chrome::distinct_links(doc.select(&CRUMBS).filter_map(|li| chrome::crumb(li, ctx)));
    topic.board = topic
        .breadcrumbs
        .iter()
        .rev()
        .find_map(|c| Some((c, board_id(c.url.as_deref()?)?)))
        .map(|(c, id)| Board { id: Some(id), name: Some(c.text.clone()), url: c.url.clone() });
    if topic.url.is_none() {
        topic.url = ctx.canonical();
    }
    topic.id = doc
        .select(&THREAD_ID)
        .find_map(|e| e.attr("data-thread-id").and_then(leading_id))
        .or_else(|| topic.url.as_deref().and_then(thread_id));
    topic
}

/// `/thread/123-slug/` (4, 5) or `page=Thread&threadID=123` (3).
fn thread_id(href: &str) -> Option<String> {
    chrome::id_param(href, "threadID").or_else(|| path_id(href, "thread/"))
}

/// `/board/12-slug/` (4, 5) or `page=Board&boardID=12` (3).
fn board_id(href: &str) -> Option<String> {
    chrome::id_param(href, "boardID").or_else(|| path_id(href, "board/"))
}

/// The page navigation (5: `nav.pagination`, 4: `nav.pageNavigation`, 3:
/// `div.pageNavigation`): this page in `li.active`, the total in `data-pages` when given.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(nav) = doc.select(&PAGINATION).next() else { return Page::default() };
    let mut page = chrome::pagination(nav, ctx, &PageBox::new(&PAGE_CURRENT));
    let stated = nav.attr("data-pages").and_then(|p| p.trim().parse::<u32>().ok());
    page.total = page.total.max(stated);
    page
}

/// "Burning Board 3.1.8" in the copyright line, when the board shows its version.
fn engine_version(doc: &Document<'_>) -> Option<String> {
    doc.select(&COPYRIGHT)
        .map(text)
        .find_map(|t| chrome::version_after(&t, &["Burning Board®", "Burning Board Lite", "Burning Board"]))
}

/// The page's posts counted by their anchors, apart from the elements the parser reads posts
/// from: distinct N of `li#postN` (4, 5) and `a#postN` (3).
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<&str> = doc
        .select(&POST_IDS)
        .filter_map(|e| e.attr("id")?.strip_prefix("post"))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    (!ids.is_empty()).then_some((ids.len(), "distinct post anchors li#postN, a#postN"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_urls() {
        assert_eq!(user_id("https://forum.example.de/user/12-anna/").as_deref(), Some("12"));
        assert_eq!(user_id("index.php?user/12-anna/").as_deref(), Some("12"));
        assert_eq!(user_id("index.php?page=User&userID=7").as_deref(), Some("7"));
        assert_eq!(thread_id("https://forum.example.de/thread/345-titel/?pageNo=2").as_deref(), Some("345"));
        assert_eq!(thread_id("index.php?page=Thread&threadID=88").as_deref(), Some("88"));
        assert_eq!(board_id("index.php?board/4-technik/").as_deref(), Some("4"));
        assert_eq!(board_id("index.php?page=Board&boardID=9").as_deref(), Some("9"));
        assert_eq!(board_id("https://kitchen.example.com/index.php/Board/5-Baking/").as_deref(), Some("5"));
        assert_eq!(board_id("index.php/BoardList/"), None);
    }
}
