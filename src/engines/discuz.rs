//! Discuz! X2.5 to X3.5 (`forum.php?mod=viewthread`), in any of its languages and charsets
//! (many boards serve GBK or Big5: the crate decodes pages before they get here).
//!
//! The post list is `div#postlist`; each post a `div#post_N` holding `table#pidN.plhin`:
//! - the left cell `td.pls`: the author (`.authi a.xw1`), the member card popup
//!   (`div#userinfoN`, online status in its `em`), the avatar, the counts table `div.tns`
//!   (`<p>N</p>LABEL` cells: 主题, 帖子, 积分), the member group (`em` linking
//!   `ac=usergroup`), star images (`star_level*`), and the profile list `dl.pil`;
//! - the right cell `td.plc`: the floor number (`.pi strong a#postnumN`: `<em>N</em>#`, or
//!   the board's floor names, 楼主 沙发 板凳 地板), the date (`em#authorpostonN`,
//!   "发表于 2019-3-5 10:22", recent ones as `<span title="FULL DATE">6 天前</span>`), the
//!   reply's subject (`div.pcb > h2`), and the body `td.t_f#postmessage_N`;
//! - below, `td.plc.plm` with the signature `div.sign`.
//!
//! Quotes are `div.quote > blockquote` headed by "NAME 发表于 DATE" in a `font` linking
//! `goto=findpost&pid=N`; code is `div.blockcode`; the edit note is the body's
//! `i.pstatus` ("本帖最后由 NAME 于 DATE 编辑").

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Format, Link, Page, Post, Site, Thread, Timestamp, Topic,
};
use crate::normalize::date::DayOrder;
use crate::normalize::number::parse_count;
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::{Document, contains, first, has_class, own_text, selectors, text};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("td.t_f[id^='postmessage_']", 3),
    ("table.plhin[id^='pid']", 3),
    ("em[id^='authorposton']", 2),
    ("div#postlist", 1),
    ("div.pls.favatar", 1),
];

selectors! {
    POST_IDS = "div#postlist div[id^='post_']";
}

selectors! {
    POSTS = "table[id^='pid']";
    BODY = "td.t_f[id^='postmessage_']";
    /// Posts without a `td.t_f`: banned or hidden messages (`div.locked`), polls and other
    /// special threads (`div.pcbs`).
    BODY_FALLBACK = "div.pcb";
    LEFT_NAME = "td.pls .authi a.xw1, td.pls .authi a[href]";
    HEADER_NAME = ".pti .authi a[href*='uid'], .pti .authi a[href*='space-uid-']";
    LEFT_PI = "td.pls div.pi";
    /// An anonymous poster's `<a href="javascript:;">`, which is no `a[href]` link to read.
    ANY_LINK = "a";
    CARD_NAME = "div[id^='userinfo'] strong a[href]";
    CARD_STATUS = "div[id^='userinfo'] .i > div > em";
    AVATAR = "div.avatar img";
    COUNTS = "div.tns th, div.tns td";
    PARAGRAPH = "p";
    GROUP = "td.pls p em a[href*='usergroup'], td.pls p em";
    STARS = "td.pls img[src*='star_level']";
    PROFILE_LIST = "td.pls dl.pil";
    CARD_PROFILE_LIST = "div[id^='userinfo'] dl";
    DT_DD = "dt, dd";
    POSTNUM = ".pi strong a[id^='postnum'], .pi strong a[href]";
    POSTED = "em[id^='authorposton']";
    TITLED = "span[title]";
    SUBJECT = "div.pcb > h2";
    EDIT_NOTE = "i.pstatus";
    SIGNATURE = "div.sign";
    ATTACHMENT = "a[href*='mod=attachment'][id^='aid'], .pattl a[href*='mod=attachment']";
    ATTACHMENT_EM = "em.xg1";
    TITLE = "#thread_subject";
    CRUMBS = "#pt .z a[href]";
    VIEWS_REPLIES = "#postlist td.pls .hm span.xi1";
    PAGINATION = "div.pg";
    PAGE_CURRENT = "strong";
    PAGE_NEXT = "a.nxt";
    PAGE_PREV = "a.prev";
    PAGE_TOTAL = "label span[title], label span";
    GENERATOR = "meta[name='generator'][content]";
    FOOTER_VERSION = "#frt em, .copyright em";
}

/// The floor names many boards give their first posts (the admin's `postnocustom`, one per
/// line: the thread, then its first replies), in simplified and traditional Chinese.
const FLOOR_NAMES: &[(&str, u32)] =
    &[("楼主", 1), ("樓主", 1), ("沙发", 2), ("沙發", 2), ("板凳", 3), ("地板", 4)];

/// Labels before a post's date ("发表于 2019-3-5 10:22").
const POSTED_ON: &[&str] = &["发表于", "發表於", "posted on", "posted"];

/// Discuz!'s body markup: `div.quote` quotes with their header `font`, `div.blockcode` code
/// with its "复制代码" (copy) button, the edit note `i.pstatus`, and the hidden tooltips and
/// guest tips printed inside bodies.
struct DiscuzMarkup;

impl Markup for DiscuzMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        if name == "div" && has_class(el, "quote") {
            Role::Quote
        } else if is_quote_header(el) {
            Role::QuoteHeader
        } else if has_class(el, "blockcode") {
            Role::Code
        } else if (name == "em" && parent.is_some_and(|p| has_class(p, "blockcode")))
            || has_class(el, "pstatus")
            || has_class(el, "tip")
            || has_class(el, "attach_nopermission")
            || has_class(el, "atips_close")
        {
            Role::Skip
        } else {
            Role::Normal
        }
    }

    /// "NAME 发表于 DATE": the name is what precedes the label.
    fn quote_author(&self, header: ElementRef<'_>) -> Option<String> {
        let full = text(header);
        let lower = full.to_lowercase();
        POSTED_ON
            .iter()
            .find_map(|label| lower.find(label).map(|at| full.get(..at).unwrap_or_default()))
            .and_then(non_empty)
    }
}

/// A quote's header: the first element of a `div.quote`'s `blockquote`, a `font` that links
/// the quoted post or is coloured grey.
fn is_quote_header(el: ElementRef<'_>) -> bool {
    if el.value().name() != "font" {
        return false;
    }
    let Some(block) = el.parent().and_then(ElementRef::wrap) else { return false };
    let in_quote = block.value().name() == "blockquote"
        && block.parent().and_then(ElementRef::wrap).is_some_and(|q| has_class(q, "quote"));
    let first_child = block.children().filter_map(ElementRef::wrap).next().is_some_and(|c| c.id() == el.id());
    in_quote
        && first_child
        && (el.attr("color").is_some()
            || el
                .select(&crate::page::ANCHOR)
                .any(|a| a.attr("href").is_some_and(|h| h.contains("findpost")))
            || el.children().filter_map(ElementRef::wrap).any(|c| c.attr("color").is_some()))
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let mut seen: Vec<String> = Vec::new();
    let tables: Vec<ElementRef<'_>> = doc
        .select(&POSTS)
        .filter(|t| {
            let Some(id) = pid(*t) else { return false };
            // A reply stuck to the top of the page is printed again in its place: one post.
            let new = !seen.contains(&id);
            seen.push(id);
            new
        })
        .collect();
    if tables.is_empty() {
        return Err(Error::NotAThread { looked_for: "Discuz! posts (table#pidN in div#postlist)".into() });
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Discuz, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site =
        thread.topic.breadcrumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() });
    for (i, table) in tables.into_iter().enumerate() {
        thread.posts.push(post(table, ctx, i + 1));
    }
    Ok(thread)
}

/// The post id of `table#pidN`.
fn pid(table: ElementRef<'_>) -> Option<String> {
    table
        .attr("id")?
        .strip_prefix("pid")
        .filter(|r| r.bytes().all(|b| b.is_ascii_digit()))
        .and_then(leading_id)
}

fn post(table: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post { id: pid(table), ..Post::default() };
    if let Some(link) = table.select(&POSTNUM).next() {
        post.url = link.attr("href").and_then(|h| ctx.url(h));
        post.position = position(&text(link));
    }
    match table.select(&POSTED).next() {
        Some(el) => {
            let (raw, date) = posted(el, ctx, n);
            post.date_raw = raw;
            post.date = date;
        }
        None => ctx.warn(Some(n), "date", "no em#authorposton"),
    }
    post.author = author(table, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author in td.pls .authi nor the post header");
    }
    post.subject = table.select(&SUBJECT).next().and_then(|h| non_empty(&text(h)));
    let body_el = table.select(&BODY).next().or_else(|| table.select(&BODY_FALLBACK).next());
    match body_el {
        Some(body_el) => {
            body::read(body_el, &DiscuzMarkup, ctx, n).fill(&mut post);
            post.edited = body_el.select(&EDIT_NOTE).next().and_then(|e| edited(e, ctx, n));
        }
        None => ctx.warn(Some(n), "body_text", "no td.t_f#postmessage_N"),
    }
    let signature = table.select(&SIGNATURE).find(|s| body_el.is_none_or(|b| !contains(b, *s)));
    post.signature = signature.and_then(|s| body::signature(s, &DiscuzMarkup, ctx, n));
    post.attachments = attachments(table, ctx);
    post
}

/// "<em>11</em><sup>#</sup>" is 11; the floor names of the first posts, by their place; a
/// reply stuck to the top reads "来自 5#".
fn position(shown: &str) -> Option<u32> {
    if let Some(n) = chrome::numbers(shown).first() {
        return u32::try_from(*n).ok();
    }
    FLOOR_NAMES.iter().find(|(name, _)| shown.trim() == *name).map(|(_, n)| *n)
}

/// The date as shown after its label, read from the tooltip of a relative date ("6 天前"
/// titled "2024-5-21 11:01:32").
fn posted(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> (Option<String>, Option<Timestamp>) {
    let raw = match el.select(&TITLED).next().and_then(|s| s.attr("title")).and_then(non_empty) {
        Some(full) => full,
        None => {
            let shown = text(el);
            let lower = shown.to_lowercase();
            let after = POSTED_ON.iter().find_map(|label| {
                lower.starts_with(label).then(|| shown.get(label.len()..).unwrap_or_default())
            });
            match non_empty(after.unwrap_or(&shown)) {
                Some(raw) => raw,
                None => {
                    ctx.warn(Some(n), "date", "empty em#authorposton");
                    return (None, None);
                }
            }
        }
    };
    let date = ctx.date_with_order(&raw, Some(n), "date", DayOrder::Auto);
    (Some(raw), date)
}

/// The author: the left column's name link (`authoronleft`), else the header's, else the
/// member card's; an anonymous poster or guest shows the board's "匿名" text (and an IP in
/// an `em`) without a profile link; a deleted member's name is followed by "该用户已被删除".
fn author(table: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let link = table
        .select(&LEFT_NAME)
        .find(|l| l.attr("href").is_some_and(is_profile))
        .or_else(|| table.select(&HEADER_NAME).next())
        .or_else(|| table.select(&CARD_NAME).next());
    match link {
        Some(link) => {
            a.name = non_empty(&text(link));
            a.url = link.attr("href").and_then(|h| ctx.url(h));
            a.id = link.attr("href").and_then(user_id);
        }
        None => {
            a.guest = true;
            a.name = table
                .select(&LEFT_PI)
                .next()
                .and_then(|pi| non_empty(&own_text(first(pi, &ANY_LINK).unwrap_or(pi))));
        }
    }
    a.online = table.select(&CARD_STATUS).next().and_then(|em| {
        let status = text(em).to_lowercase();
        if ["离线", "離線", "offline"].iter().any(|w| status.contains(w)) {
            Some(false)
        } else if ["在线", "在線", "online"].iter().any(|w| status.contains(w)) {
            Some(true)
        } else {
            None
        }
    });
    a.avatar_url = table.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.rank = table.select(&GROUP).next().and_then(|g| non_empty(&text(g)));
    let stars = table.select(&STARS).count();
    a.stars = (stars > 0).then(|| u32::try_from(stars).unwrap_or(u32::MAX));
    // "<th><p><a>12</a></p>帖子</th>": the number above its label; then the profile list.
    let mut facts: Vec<(String, String)> = table
        .select(&COUNTS)
        .filter_map(|cell| {
            let value = cell.select(&PARAGRAPH).next().map(text)?;
            Some((own_text(cell), value))
        })
        .collect();
    let list = table.select(&PROFILE_LIST).next().or_else(|| table.select(&CARD_PROFILE_LIST).next());
    if let Some(list) = list {
        let mut label: Option<String> = None;
        for item in list.select(&DT_DD) {
            if item.value().name() == "dt" {
                label = Some(text(item));
            } else if let Some(l) = label.take() {
                facts.push((l, text(item)));
            }
        }
    }
    let mut filed: Vec<(String, String)> = Vec::new();
    for (label, value) in facts {
        let fact = (label.trim().trim_end_matches([':', '：']).trim().to_owned(), value);
        if fact.0.is_empty() || filed.contains(&fact) {
            continue; // the credits shown both in the counts and in the list
        }
        chrome::profile_field(&mut a, &fact.0, &fact.1, ctx, n, DayOrder::Auto);
        filed.push(fact);
    }
    a
}

/// Whether `href` is a member's space: `home.php?mod=space&uid=N` or `space-uid-N.html`.
fn is_profile(href: &str) -> bool {
    user_id(href).is_some()
}

/// The member id of `home.php?mod=space&uid=N` or `space-uid-N.html`.
fn user_id(href: &str) -> Option<String> {
    chrome::id_param(href, "uid")
        .or_else(|| href.split_once("space-uid-").and_then(|(_, rest)| leading_id(rest)))
}

/// "本帖最后由 NAME 于 2019-3-5 10:30 编辑" (simplified), "本帖最後由 NAME 於 DATE 編輯"
/// (traditional); other languages through the shared edit-note reader.
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let note = text(el);
    let rest = ["本帖最后由", "本帖最後由"].iter().find_map(|p| note.strip_prefix(p));
    let (date_raw, by) = match rest.and_then(|r| r.split_once(" 于 ").or_else(|| r.split_once(" 於 "))) {
        Some((name, date)) => {
            let date = date.trim().trim_end_matches("编辑").trim_end_matches("編輯").trim();
            (non_empty(date), non_empty(name))
        }
        None => body::split_edit(&note, None),
    };
    if date_raw.is_none() && by.is_none() {
        return None;
    }
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: None })
}

/// Files attached to the post: `forum.php?mod=attachment` links with a name, their size and
/// download count in the `em` or `p` after them ("(12.5 KB, 下载次数: 5)").
fn attachments(table: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for link in table.select(&ATTACHMENT) {
        let name = text(link);
        let Some(href) = link.attr("href") else { continue };
        if name.is_empty() || out.iter().any(|a| a.name == name) {
            continue;
        }
        // The line after the link's paragraph, or the `em` beside it; not the hidden
        // tooltip (`div.tip`) between them, which repeats the count under the upload date.
        let info = link
            .parent()
            .and_then(ElementRef::wrap)
            .into_iter()
            .flat_map(|p| {
                let after = p.next_siblings().filter_map(ElementRef::wrap);
                let beside = p.select(&ATTACHMENT_EM).filter(move |e| e.id() != p.id());
                beside.chain(after.filter(|s| s.value().name() == "p"))
            })
            .map(text)
            .find(|t| t.chars().any(|c| c.is_ascii_digit()))
            .unwrap_or_default();
        let pieces = info.trim_matches(['(', ')', ' ']).split([',', '，']).map(|p| {
            let p = p.trim();
            p.split_once([':', '：']).map_or(p, |(_, v)| v.trim())
        });
        let (size, downloads) = chrome::size_and_count(pieces);
        out.push(Attachment { name, url: ctx.url(href), size, downloads });
    }
    out
}

/// The trail `#pt` ("Site » 论坛 › Group › Board › Thread"), the title `#thread_subject`, the
/// view and reply counts in the post list's head.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let mut crumbs: Vec<(Link, bool)> = doc
        .select(&CRUMBS)
        .filter_map(|a| {
            let href = a.attr("href").unwrap_or_default();
            let is_thread = href.contains("mod=viewthread") || href.contains("thread-");
            Some((chrome::link(a, ctx)?, is_thread))
        })
        .collect();
    if crumbs.last().is_some_and(|(_, is_thread)| *is_thread) {
        if let Some((link, _)) = crumbs.pop() {
            topic.url = link.url.clone();
            topic.title = Some(link.text);
        }
    }
    topic.breadcrumbs = chrome::distinct_links(crumbs.into_iter().map(|(l, _)| l));
    // The trail cuts long titles short ("... "): the heading has the whole title.
    if let Some(title) = doc.select(&TITLE).next().and_then(|t| non_empty(&text(t))) {
        topic.title = Some(title);
    }
    topic.board =
        topic.breadcrumbs.iter().rev().find(|c| c.url.as_deref().is_some_and(|u| forum_id(u).is_some())).map(
            |c| Board {
                id: c.url.as_deref().and_then(forum_id),
                name: Some(c.text.clone()),
                url: c.url.clone(),
            },
        );
    topic.id =
        topic.url.as_deref().and_then(thread_id).or_else(|| ctx.canonical().as_deref().and_then(thread_id));
    let counts: Vec<Option<u64>> = doc.select(&VIEWS_REPLIES).map(|s| parse_count(&text(s))).collect();
    if let [views, replies, ..] = counts.as_slice() {
        topic.views = *views;
        topic.replies = *replies;
    }
    topic
}

/// `forum.php?mod=viewthread&tid=N` or `thread-N-1-1.html`.
fn thread_id(href: &str) -> Option<String> {
    chrome::id_param(href, "tid")
        .or_else(|| href.rsplit_once("thread-").and_then(|(_, rest)| leading_id(rest)))
}

/// `forum.php?mod=forumdisplay&fid=N` or `forum-N-1.html`.
fn forum_id(href: &str) -> Option<String> {
    chrome::id_param(href, "fid")
        .or_else(|| href.rsplit_once("forum-").and_then(|(_, rest)| leading_id(rest)))
}

/// The first `div.pg`: this page in `strong`, next `a.nxt`, previous `a.prev`, and the
/// total in the page box's label ("/ 5 页", titled "共 5 页").
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(pages) = doc.select(&PAGINATION).next() else { return Page::default() };
    let shape = PageBox { next: Some(&PAGE_NEXT), prev: Some(&PAGE_PREV), ..PageBox::new(&PAGE_CURRENT) };
    let mut page = chrome::pagination(pages, ctx, &shape);
    let stated = pages
        .select(&PAGE_TOTAL)
        .find_map(|s| chrome::numbers(s.attr("title").unwrap_or(&text(s))).first().copied())
        .and_then(|n| u32::try_from(n).ok());
    page.total = page.total.max(stated);
    page
}

/// "Discuz! X3.3" in the generator meta tag, else the footer's "Powered by Discuz! X3.4".
fn engine_version(doc: &Document<'_>) -> Option<String> {
    let generator = doc.select(&GENERATOR).next().and_then(|m| m.attr("content")).map(str::to_owned);
    let footer = || doc.select(&FOOTER_VERSION).next().map(text);
    [generator, footer()].into_iter().flatten().find_map(|t| {
        let after = t.split_once("Discuz!").map_or(t.as_str(), |(_, v)| v).trim();
        let version = after.strip_prefix(['X', 'x']).unwrap_or(after);
        let digits: String = version.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        digits.contains('.').then(|| format!("X{}", digits.trim_end_matches('.')))
    })
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from: distinct post ids of `div#post_N` in the post list.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<&str> = doc
        .select(&POST_IDS)
        .filter_map(|d| d.attr("id")?.strip_prefix("post_"))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .collect();
    (!ids.is_empty()).then_some((ids.len(), "distinct post ids of div#post_N"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floors_and_ids() {
        assert_eq!(position("11#"), Some(11));
        assert_eq!(position(" 沙发 "), Some(2));
        assert_eq!(position("来自 5#"), Some(5));
        assert_eq!(position("推荐"), None);
        assert_eq!(user_id("home.php?mod=space&uid=144122").as_deref(), Some("144122"));
        assert_eq!(user_id("space-uid-78194.html").as_deref(), Some("78194"));
        assert_eq!(thread_id("forum.php?mod=viewthread&tid=38733&extra=").as_deref(), Some("38733"));
        assert_eq!(thread_id("thread-38733-2-1.html").as_deref(), Some("38733"));
        assert_eq!(forum_id("forum-37-1.html").as_deref(), Some("37"));
    }
}
