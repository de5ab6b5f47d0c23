//! UBB.threads 7.x: the flat view (`showflat`, `/topics/N/slug`) and the threaded view
//! (`showthreaded`, `/posts/N`), which prints the chosen post in the same markup above the
//! thread's tree of subjects.
//!
//! Each post is anchored by `a#PostN` (`a[name=PostN]` in older styles) and laid out in a
//! table: a header cell `td.subjecttable` (the subject linking `#PostN`, the post number
//! `#<a id="numberN">N</a>`, the date `<span class="date">11/18/22</span> <span
//! class="time">10:02 PM</span>`), then the author cell `td.author-content` (7.7 prints it
//! twice, `mblwide` and `mblthin`, for wide and narrow screens: `.author-name`,
//! `.author-title`, `.author-registered` "Joined:", `.author-totalposts` "Posts:",
//! `.author-location`, an Online/Offline image) and the post cell `td.post-content`:
//! `div.post_inner` holding the body `div#bodyN` and the edit note `.edited-wording` ("Last
//! edited by NAME; DATE. Reason: ..."), then `div.signature`. Styles that print the author
//! block as "Label: value" lines ("Registered:", "Posts:", "Loc:") are read by their labels.

use scraper::ElementRef;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Format, Link, Post, Site, Thread, Timestamp, Topic};
use crate::normalize::date::{DateWord, DayOrder, date_word, is_date};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::leading_id;
use crate::page::{Document, contains, has_class, own_text, selectors, text, text_lines};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("td.author-content ~ td.post-content", 3),
    ("td.subjecttable [id^='number']", 3),
    ("td.post-content div.post_inner", 2),
    ("div.ubbcode-block div.ubbcode-header", 1),
    ("a[href*='ubbthreads.php']", 1),
];

selectors! {
    POST_ANCHORS = "a[id^='Post'], a[name^='Post']";
}

selectors! {
    POST_CELL = "td.post-content";
    /// Styles without `td.post-content` keep the inner box.
    POST_INNER = "div.post_inner";
    BODY = "div.post_inner [id^='body']";
    HEADER = "td.subjecttable";
    NUMBER = "[id^='number']";
    /// 7.7's subject box, else the bold subject of older styles.
    SUBJECT = ".truncate, .subject, b";
    SUBJECT_LINK = "a[href*='#Post'], a[href]";
    DATE = "span.date";
    TIME = "span.time";
    AUTHOR_CELL = "td.author-content";
    AUTHOR_NAME = ".author-name";
    PROFILE_LINK = "a[href*='/users/'], a[href*='showprofile']";
    AUTHOR_TITLE = ".author-title";
    REGISTERED = ".author-registered";
    TOTAL_POSTS = ".author-totalposts";
    LOCATION = ".author-location";
    AVATAR = ".author-picture img, img.avatar";
    STATUS_IMG = "img[alt='Online'], img[alt='Offline'], img[title='Online'], img[title='Offline']";
    EDITED = ".edited-wording";
    SIGNATURE = "div.signature";
    /// 7.7: the heading of the trail's cell (which also holds the Register and Log In links).
    CRUMBS_HEADING = "#breadcrumbs h1, .breadcrumbs h1";
    CRUMBS_CELL = "td.breadcrumbs, .breadcrumbs";
    /// Badges after the name: "OP" (the thread's starter).
    NAME_BADGE = ".post-op";
    ANY_LINK = "a";
    PRINT_LINK = "a[href*='printthread'], [onclick*='printthread']";
    TOPIC_LINK = "a[href*='/topics/'], a[href*='showflat']";
    GENERATOR = "meta[name='generator'][content]";
    SITE_NAME = "meta[property='og:site_name'][content]";
    POWERED = "a[href*='ubbcentral']";
    PRE = "pre";
}

/// UBB.threads' UBBCode markup: `div.ubbcode-block` holding a `div.ubbcode-header` ("Quote:",
/// "Originally Posted By: NAME", "Code:") and a `div.ubbcode-body` (a `pre` for code);
/// plain `blockquote`s in styles that print quotes so.
struct UbbMarkup;

impl Markup for UbbMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        if has_class(el, "ubbcode-block") {
            if is_code_block(el) { Role::Code } else { Role::Quote }
        } else if has_class(el, "ubbcode-header") {
            if parent.is_some_and(is_code_block) { Role::Skip } else { Role::QuoteHeader }
        } else if name == "blockquote" && !parent.is_some_and(|p| has_class(p, "ubbcode-block")) {
            Role::Quote
        } else if name == "pre" {
            Role::Code
        } else if has_class(el, "edited-wording") || has_class(el, "signature") {
            // Read apart, in styles whose body box holds them.
            Role::Skip
        } else {
            Role::Normal
        }
    }

    /// The quoted post of "Originally Posted by: <a href=".../topics/N#PostN">NAME</a>".
    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        let link = quote
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| has_class(*c, "ubbcode-header"))
            .find_map(|h| {
                h.select(&crate::page::ANCHOR).find(|a| a.attr("href").and_then(anchor_id).is_some())
            });
        let href = link.and_then(|a| a.attr("href"));
        QuoteMeta { post_id: href.and_then(anchor_id), href: href.map(str::to_owned), ..QuoteMeta::default() }
    }
}

/// A `ubbcode-block` that holds code: its body is preformatted, or its header says so.
fn is_code_block(block: ElementRef<'_>) -> bool {
    block.children().filter_map(ElementRef::wrap).any(|c| {
        (has_class(c, "ubbcode-body") && (has_class(c, "ubbcode-pre") || c.select(&PRE).next().is_some()))
            || (has_class(c, "ubbcode-header") && text(c).to_lowercase().starts_with("code"))
    })
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let mut cells: Vec<ElementRef<'_>> = doc.select(&POST_CELL).collect();
    if cells.is_empty() {
        cells = doc.select(&POST_INNER).collect();
    }
    if cells.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "UBB.threads posts (td.post-content, div.post_inner)".into(),
        });
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Ubbthreads, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.site = site(doc, &thread.topic);
    for (i, cell) in cells.into_iter().enumerate() {
        thread.posts.push(post(cell, ctx, i + 1));
    }
    if thread.topic.title.is_none() {
        thread.topic.title = thread
            .posts
            .first()
            .and_then(|p| p.subject.as_deref())
            .map(|s| s.trim_start_matches("Re:").trim().to_owned());
    }
    Ok(thread)
}

/// The post's table: the nearest one around the post cell that also holds the header
/// (`td.subjecttable` or the `#numberN` link); the cell itself without one.
fn container(cell: ElementRef<'_>) -> ElementRef<'_> {
    cell.ancestors()
        .filter_map(ElementRef::wrap)
        .filter(|a| a.value().name() == "table")
        .find(|t| t.select(&HEADER).next().is_some() || t.select(&NUMBER).next().is_some())
        .unwrap_or(cell)
}

fn post(cell: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let table = container(cell);
    let header = table.select(&HEADER).next();
    let id = table
        .select(&NUMBER)
        .find_map(|e| e.attr("id")?.strip_prefix("number").and_then(leading_id))
        .or_else(|| header.and_then(|h| h.select(&SUBJECT_LINK).find_map(|a| anchor_id(a.attr("href")?))));
    let mut post = Post { id, ..Post::default() };
    if let Some(h) = header {
        let subject = h.select(&SUBJECT).next();
        post.subject =
            subject.and_then(|s| s.attr("title").and_then(non_empty).or_else(|| non_empty(&text(s))));
        // The link to this post (not the "[Re: NAME]" link to the post it answers).
        post.url = h
            .select(&SUBJECT_LINK)
            .filter_map(|a| a.attr("href"))
            .find(|href| anchor_id(href).is_some_and(|a| post.id.as_deref().is_none_or(|id| a == id)))
            .and_then(|href| ctx.url(href));
    }
    let (raw, date) = posted(header, table, ctx, n);
    post.date_raw = raw;
    post.date = date;
    post.author = author(table, ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no .author-name in td.author-content");
    }
    let body_el = cell.select(&BODY).next().or_else(|| cell.select(&POST_INNER).next()).unwrap_or(cell);
    let edit_note = cell.select(&EDITED).next();
    body::read(body_el, &UbbMarkup, ctx, n).fill(&mut post);
    post.edited = edit_note.and_then(|e| edited(e, ctx, n));
    let signature = table.select(&SIGNATURE).find(|s| !contains(body_el, *s) || body_el.id() == cell.id());
    post.signature = signature.and_then(|s| body::signature(s, &UbbMarkup, ctx, n));
    post
}

/// The N of an `#PostN` link.
fn anchor_id(href: &str) -> Option<String> {
    href.rsplit_once("#Post").and_then(|(_, id)| leading_id(id))
}

/// The header's `span.date` and `span.time`; without them, the date after the header's
/// post number ("#12345 - 03/05/19 10:22 AM"), else after a "Posted:" label anywhere in the
/// post's table (not a `span.date` there: the author's "Joined:" date is one too).
fn posted(
    header: Option<ElementRef<'_>>,
    table: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
) -> (Option<String>, Option<Timestamp>) {
    let in_header = header.and_then(|h| match h.select(&DATE).next() {
        Some(day) => {
            let time = h.select(&TIME).next().map(text).unwrap_or_default();
            non_empty(&format!("{} {time}", text(day)))
        }
        None => shown_after_number(h),
    });
    let raw = in_header.or_else(|| shown_after_label(table));
    let Some(raw) = raw else {
        ctx.warn(Some(n), "date", "no span.date in the post's header");
        return (None, None);
    };
    let date = ctx.date_with_order(&raw, Some(n), "date", DayOrder::Auto);
    (Some(raw), date)
}

/// Older styles: the date words after the post number ("#1007 - 06/02/09 04:15 PM"), else
/// after "Posted:".
fn shown_after_number(header: ElementRef<'_>) -> Option<String> {
    let all = text(header);
    let number = header.select(&NUMBER).next().map(text).filter(|t| !t.is_empty());
    number
        .and_then(|n| all.split_once(n.as_str()).and_then(|(_, rest)| date_words(rest)))
        .or_else(|| shown_after_label(header))
}

/// The date words after a "Posted:" label in `el`'s text.
fn shown_after_label(el: ElementRef<'_>) -> Option<String> {
    text(el).split_once("Posted:").and_then(|(_, rest)| date_words(rest))
}

/// The first run of date words in `s` ("- 06/02/09 04:15 PM ..." gives "06/02/09 04:15 PM"),
/// when it reads as a date.
fn date_words(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split_whitespace()
        .skip_while(|w| date_word(w) != Some(DateWord::Part))
        .take_while(|w| date_word(w).is_some())
        .collect();
    non_empty(&words.join(" ")).filter(|d| is_date(d))
}

/// The author cell that names the author with a profile link (7.7's wide one), else the
/// first; its name, titles, avatar, status image and labeled lines.
fn author(table: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let cells: Vec<ElementRef<'_>> = table.select(&AUTHOR_CELL).collect();
    let Some(&cell) = cells.iter().find(|c| c.select(&PROFILE_LINK).next().is_some()).or(cells.first())
    else {
        return a;
    };
    let link = cell.select(&AUTHOR_NAME).find_map(|n| n.select(&PROFILE_LINK).next());
    let link = link.or_else(|| cell.select(&PROFILE_LINK).find(|l| non_empty(&text(*l)).is_some()));
    // The name's link (a profile, or 7.7's narrow cell's menu), else the name box without
    // its badges ("OP").
    let named = |e: ElementRef<'_>| {
        e.select(&ANY_LINK).find_map(|l| non_empty(&text(l))).or_else(|| {
            let badges: String = e.select(&NAME_BADGE).map(text).collect::<Vec<_>>().join(" ");
            non_empty(text(e).trim_end_matches(badges.as_str()))
        })
    };
    a.name = cell
        .select(&AUTHOR_NAME)
        .find_map(named)
        .or_else(|| link.and_then(|l| non_empty(&text(l))))
        .or_else(|| text_lines(cell, true).into_iter().next());
    match link {
        Some(l) => {
            a.url = l.attr("href").and_then(|h| ctx.url(h));
            a.id = l.attr("href").and_then(user_id);
        }
        None => a.guest = true,
    }
    if a.url.is_none() {
        // The narrow cell's name opens a menu; the avatar links the profile.
        let profile = cell
            .select(&PROFILE_LINK)
            .next()
            .or_else(|| cells.iter().find_map(|c| c.select(&PROFILE_LINK).next()));
        if let Some(l) = profile {
            a.url = l.attr("href").and_then(|h| ctx.url(h));
            a.id = l.attr("href").and_then(user_id);
            a.guest = false;
        }
    }
    // 7.7 prints the custom title in italics, the post-count title plain.
    for t in cell.select(&AUTHOR_TITLE) {
        let Some(shown) = non_empty(&text(t)) else { continue };
        if t.attr("style").is_some_and(|s| s.contains("italic")) {
            a.title = a.title.or(Some(shown));
        } else {
            a.rank = a.rank.or(Some(shown));
        }
    }
    a.avatar_url = cell.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.online = cell
        .select(&STATUS_IMG)
        .next()
        .and_then(|i| i.attr("alt").or(i.attr("title")))
        .map(|s| s.eq_ignore_ascii_case("online"));
    let mut lines: Vec<String> =
        cell.select(&REGISTERED).chain(cell.select(&TOTAL_POSTS)).map(text).collect();
    if lines.is_empty() {
        // Styles that print the block as lines: "Registered: 01/15/05", "Posts: 1,234",
        // "Loc: Ohio".
        lines = text_lines(cell, true);
    }
    chrome::profile_lines(&mut a, lines, ctx, n, DayOrder::Auto);
    if a.location.is_none() {
        a.location = cell.select(&LOCATION).next().and_then(|l| non_empty(&text(l)));
    }
    a
}

/// `/users/490/name` or `ubbthreads.php?ubb=showprofile&User=490`.
fn user_id(href: &str) -> Option<String> {
    chrome::id_param(href, "User")
        .or_else(|| href.split_once("/users/").and_then(|(_, rest)| leading_id(rest)))
        .or_else(|| href.split_once("/User/").and_then(|(_, rest)| leading_id(rest)))
}

/// "Last edited by NAME; DATE. Reason: WHY" (the date in `span.date`/`span.time`); older
/// styles: "Edited by NAME (DATE)".
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let note = text(el);
    let (note, reason) = match note.split_once("Reason:") {
        Some((before, why)) => (before.trim().trim_end_matches('.').to_owned(), non_empty(why)),
        None => (note, None),
    };
    let shown_date = el.select(&DATE).next().map(|d| {
        let time = el.select(&TIME).next().map(text).unwrap_or_default();
        squash(&format!("{} {time}", text(d)))
    });
    let (split_date, by) = match note.split_once(';') {
        Some((who, when)) => {
            let who = who.split_once(" by ").map_or(who, |(_, name)| name);
            (non_empty(when.trim_end_matches('.')), non_empty(who))
        }
        None => body::split_edit(&note, None),
    };
    let date_raw = shown_date.or(split_date);
    if date_raw.is_none() && by.is_none() {
        return None;
    }
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason })
}

/// The trail in the page's heading (7.7: `#breadcrumbs h1`, the links then the topic's
/// title as text); the topic's id is the `main` of its print link (the `/topics/N` of its
/// URL is its first post's number).
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let trail = doc.select(&CRUMBS_HEADING).next().or_else(|| doc.select(&CRUMBS_CELL).next());
    if let Some(trail) = trail {
        topic.breadcrumbs =
            chrome::distinct_links(trail.select(&crate::page::ANCHOR).filter_map(|a| chrome::link(a, ctx)));
        // 7.7 ends the heading with the title as text; older trails link it, between "»"s.
        topic.title = non_empty(
            own_text(trail).trim_matches(|c: char| matches!(c, '»' | '›' | '>') || c.is_whitespace()),
        );
        if let Some(last) = topic.breadcrumbs.last() {
            // Older styles link the topic itself last.
            if last.url.as_deref().is_some_and(|u| u.contains("/topics/") || u.contains("showflat")) {
                topic.title = topic.title.or(Some(last.text.clone()));
                topic.url = last.url.clone();
                topic.breadcrumbs.pop();
            }
        }
    }
    topic.board = topic
        .breadcrumbs
        .iter()
        .rev()
        .find_map(|c| Some((c, forum_id(c.url.as_deref()?)?)))
        .map(|(c, id)| Board { id: Some(id), name: Some(c.text.clone()), url: c.url.clone() });
    topic.id = doc.select(&PRINT_LINK).find_map(|a| {
        let target = a.attr("href").or(a.attr("onclick"))?;
        chrome::id_param(target, "main")
            .or_else(|| target.split_once("/main/").and_then(|(_, r)| leading_id(r)))
    });
    if topic.url.is_none() {
        topic.url = ctx.canonical().or_else(|| {
            doc.select(&TOPIC_LINK).find_map(|a| {
                let href = a.attr("href")?;
                href.contains("/topics/").then(|| ctx.url(href.split('#').next().unwrap_or(href))).flatten()
            })
        });
    }
    topic
}

/// `/forums/6/1/slug`, `ubb=postlist&Board=6` or `/Board/6/`.
fn forum_id(href: &str) -> Option<String> {
    chrome::id_param(href, "Board")
        .or_else(|| href.split_once("/forums/").and_then(|(_, rest)| leading_id(rest)))
        .or_else(|| href.split_once("/Board/").and_then(|(_, rest)| leading_id(rest)))
}

/// The site: `og:site_name` and the trail's first link, else that link alone.
fn site(doc: &Document<'_>, topic: &Topic) -> Option<Site> {
    let first: Option<&Link> = topic.breadcrumbs.first();
    let name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    (name.is_some() || first.is_some()).then(|| Site {
        name: name.or_else(|| first.map(|c| c.text.clone())),
        url: first.and_then(|c| c.url.clone()),
    })
}

/// "UBB.threads 7.7.5" in the generator meta tag, else the footer's "Powered by UBB.threads™
/// PHP Forum Software 7.7.5".
fn engine_version(doc: &Document<'_>) -> Option<String> {
    let generator = doc.select(&GENERATOR).next().and_then(|m| m.attr("content")).map(str::to_owned);
    let footer = doc.select(&POWERED).map(text).find(|t| t.contains("UBB"));
    [generator, footer]
        .into_iter()
        .flatten()
        .find_map(|t| chrome::version_after(&t, &["Forum Software", "UBB.threads™", "UBB.threads"]))
}

/// The page's posts counted by their anchors, apart from the cells the parser reads posts
/// from: distinct ids of `a#PostN`.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<String> = doc
        .select(&POST_ANCHORS)
        .filter_map(|a| a.attr("id").or(a.attr("name"))?.strip_prefix("Post").and_then(leading_id))
        .collect();
    (!ids.is_empty()).then_some((ids.len(), "distinct post anchors a#PostN"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_urls() {
        assert_eq!(user_id("/ubb/ubbthreads.php/users/490/ksarasara").as_deref(), Some("490"));
        assert_eq!(user_id("ubbthreads.php?ubb=showprofile&User=12").as_deref(), Some("12"));
        assert_eq!(forum_id("/ubb/ubbthreads.php/forums/6/1/lois").as_deref(), Some("6"));
        assert_eq!(forum_id("ubbthreads.php?ubb=postlist&Board=3").as_deref(), Some("3"));
        assert_eq!(anchor_id("/topics/293771/a-lucky-strike#Post293771").as_deref(), Some("293771"));
    }

    #[test]
    fn dates_of_headers_without_date_spans() {
        let html = scraper::Html::parse_fragment(
            r#"<table><tr><td class="subjecttable"><b>Re: Printers</b> <span id="number7">#7</span>
            - 06/02/09 04:15 PM</td></tr><tr><td class="author-content">Registered: 01/15/05</td>
            <td class="post-content">Posted: 06/03/09 08:02 AM <p>text</p></td></tr></table>"#,
        );
        let header = html.select(&HEADER).next().expect("the header");
        assert_eq!(shown_after_number(header).as_deref(), Some("06/02/09 04:15 PM"));
        let table = html.select(&crate::page::compile("table")).next().expect("the table");
        assert_eq!(shown_after_label(table).as_deref(), Some("06/03/09 08:02 AM"));
        assert_eq!(date_words("- Joined: Aug 2003"), None);
    }
}
