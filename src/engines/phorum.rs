//! Phorum 5: the Emerald template (5.2's default: `div.message` holding a header table with
//! `div.message-author`, the subject and date in a `small`, `td.message-user-info`, then
//! `div.message-body`) and the classic template (`div.PhorumReadMessageBlock`, "Posted by:" and
//! "Date:" lines in `div.PhorumReadBodyHead`, the body in `div.PhorumReadBodyText`).
//!
//! Phorum's URLs put their ids in a comma list after `?`: `read.php?2,132,133` is forum 2,
//! thread 132, message 133; `profile.php?2,74` is user 74.

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{Attachment, Author, Board, Engine, Format, Page, Post, Site, Thread, Topic};
use crate::normalize::date::DayOrder;
use crate::normalize::number::parse_size;
use crate::normalize::text::non_empty;
use crate::page::text;
use crate::page::{Document, contains};
use crate::page::{has_class, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // Emerald (5.2).
    ("div.message div.message-author", 3),
    ("div.message div.message-body", 2),
    ("td.message-user-info", 1),
    // Classic.
    ("div.PhorumReadMessageBlock div.PhorumReadBodyText", 3),
    ("div#phorum", 1),
];

selectors! {
    MESSAGE = "div.message, div.PhorumReadMessageBlock";
    BODY = "div.message-body, div.PhorumReadBodyText";
    AUTHOR = "div.message-author";
    PROFILE_LINK = "a[href*='profile.php']";
    DATE_DIV = "div.message-date";
    SMALL = "small";
    SUBJECT_LINK = "small strong a[href*='read.php']";
    STRONG = "strong";
    USER_INFO = "td.message-user-info";
    HEADS = "div.PhorumReadBodyHead, div.PhorumReadBodySubject";
    ATTACHMENTS = "div.attachments";
    FILE_LINK = "a[href*='/file.php?'], a[href^='file.php?']";
    HEADING = "#page-info h1.heading, #page-info h1";
    BREADCRUMB = "#breadcrumb";
    FORUM_CRUMB = "a[rel^='breadcrumb-forum'], a[href*='list.php?']";
    PAGING = "div.paging";
    CURRENT_PAGE = "strong.current-page, strong";
    THREAD_LINK = "a[href*='read.php?']";
    REPLY_LINK = "a[href$='#REPLY']";
    MSG_ANCHOR = "a[name^='msg-']";
    BODY_HEAD = "div.PhorumReadBodyHead";
}

/// Phorum's BBcode module: `blockquote.bbcode > div` starting with a `small` "Quote" label
/// and the quoted author in a `strong`; code is `pre.bbcode`. Reply and moderation links,
/// attachment lists and the unapproved warning sit inside the body element and are chrome.
struct PhorumMarkup;

impl Markup for PhorumMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let in_quote_div = || {
            el.parent()
                .and_then(ElementRef::wrap)
                .filter(|div| div.value().name() == "div")
                .and_then(|div| div.parent().and_then(ElementRef::wrap))
                .is_some_and(|q| q.value().name() == "blockquote")
        };
        let after = |target: &str| {
            el.prev_siblings().filter_map(ElementRef::wrap).next().is_some_and(|f| f.value().name() == target)
        };
        if name == "blockquote" {
            Role::Quote
        } else if name == "small"
            && in_quote_div()
            && el.prev_siblings().filter_map(ElementRef::wrap).next().is_none()
        {
            Role::Skip
        } else if name == "strong" && in_quote_div() && after("small") {
            Role::QuoteAuthor
        } else if ["message-options", "message-moderation", "attachments", "warning"]
            .iter()
            .any(|c| has_class(el, c))
        {
            Role::Skip
        } else {
            Role::Normal
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let messages: Vec<ElementRef<'_>> =
        doc.select(&MESSAGE).filter(|m| m.select(&BODY).next().is_some()).collect();
    if messages.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "Phorum messages (div.message with div.message-body, div.PhorumReadMessageBlock)"
                .into(),
        });
    }
    let mut thread = Thread::new(Engine::Phorum, Format::Html);
    for (i, message) in messages.into_iter().enumerate() {
        thread.posts.push(post(message, ctx, i + 1));
    }
    thread.topic = topic(doc, ctx, &thread.posts);
    thread.page = page(doc, ctx);
    thread.site =
        thread.topic.breadcrumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() });
    Ok(thread)
}

/// The ids of a Phorum URL's comma list: `read.php?2,132,133#msg-133` gives `[2, 132, 133]`.
fn url_ids(href: &str) -> Vec<String> {
    let Some((_, query)) = href.split_once('?') else { return Vec::new() };
    let query = query.split('#').next().unwrap_or(query);
    query
        .split(',')
        .map_while(|part| crate::normalize::url::leading_id(part).filter(|id| id.len() == part.len()))
        .collect()
}

fn post(message: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let classic = has_class(message, "PhorumReadMessageBlock");
    let (date_raw, author) = if classic {
        classic_head(message, &mut post, ctx, n)
    } else {
        emerald_head(message, &mut post, ctx, n)
    };
    post.author = author;
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the message header");
    }
    match date_raw {
        Some(raw) => {
            post.date = ctx.date(&raw, Some(n), "date");
            post.date_raw = Some(raw);
        }
        None => ctx.warn(Some(n), "date", "no date in the message header"),
    }
    // The first message of a thread has no `msg-N` anchor before it; its permalink (or,
    // without one, the anchor) gives the id.
    post.id = post.url.as_deref().and_then(|u| url_ids(u).get(2).cloned()).or_else(|| {
        message
            .prev_siblings()
            .filter_map(ElementRef::wrap)
            .next()
            .and_then(|a| a.attr("name"))
            .and_then(|name| name.strip_prefix("msg-"))
            .map(str::to_owned)
    });
    // Classic shows no permalink: the "Reply" link names the message.
    if post.id.is_none() {
        post.id = message.select(&REPLY_LINK).find_map(|a| url_ids(a.attr("href")?).get(2).cloned());
    }
    if let Some(body_el) = message.select(&BODY).next() {
        body::read(body_el, &PhorumMarkup, ctx, n).fill(&mut post);
    }
    post.attachments = attachments(message, ctx);
    post
}

/// Emerald: the author's name (linked to the profile for members), the subject linking the
/// message in a `small` with the date after a `<br>` (the threaded view has
/// `div.message-date`), and the user info cell.
fn emerald_head(
    message: ElementRef<'_>,
    post: &mut Post,
    ctx: &mut Ctx,
    n: usize,
) -> (Option<String>, Author) {
    let mut a = Author::default();
    if let Some(block) = message.select(&AUTHOR).next() {
        match block.select(&PROFILE_LINK).next() {
            Some(link) => {
                a.name = non_empty(&text(link));
                a.url = link.attr("href").and_then(|h| ctx.url(h));
                a.id = link.attr("href").and_then(|h| url_ids(h).last().cloned());
            }
            None => {
                // A guest's name, without the "[ Private reply ]" link beside it.
                a.guest = true;
                let own: String =
                    block.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
                a.name = non_empty(&own);
            }
        }
    }
    if let Some(link) = message.select(&SUBJECT_LINK).next() {
        post.url = link.attr("href").and_then(|h| ctx.url(h));
        post.subject = non_empty(&text(link));
    } else {
        post.subject =
            message.select(&SMALL).find_map(|s| s.select(&STRONG).next()).and_then(|s| non_empty(&text(s)));
    }
    let date = match message.select(&DATE_DIV).next() {
        Some(d) => non_empty(&text(d)),
        None => message.select(&SMALL).find(|s| s.select(&STRONG).next().is_some()).and_then(|small| {
            let own: String =
                small.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
            non_empty(&own)
        }),
    };
    if let Some(info) = message.select(&USER_INFO).next() {
        // "Admin" / "Moderator" in bold, then "IP: ...", "Registered: ...", "Posts: ...".
        a.rank = info.select(&STRONG).next().and_then(|s| non_empty(&text(s)));
        chrome::profile_lines(&mut a, crate::page::text_lines(info, false), ctx, n, DayOrder::Auto);
    }
    (date, a)
}

/// Classic: "Subject", "Posted by: <strong>NAME</strong> (IP)", "Date: DATE".
fn classic_head(
    message: ElementRef<'_>,
    post: &mut Post,
    ctx: &mut Ctx,
    n: usize,
) -> (Option<String>, Author) {
    let mut a = Author::default();
    let mut date = None;
    for (i, head) in message.select(&HEADS).enumerate() {
        let strong = head.select(&STRONG).next();
        let line = text(head);
        if i == 0 {
            post.subject = strong.map_or_else(|| non_empty(&line), |s| non_empty(&text(s)));
            continue;
        }
        match (strong, chrome::split_label(&line)) {
            (Some(s), _) if a.name.is_none() => {
                match s.select(&PROFILE_LINK).next() {
                    Some(link) => {
                        a.url = link.attr("href").and_then(|h| ctx.url(h));
                        a.id = link.attr("href").and_then(|h| url_ids(h).last().cloned());
                    }
                    None => a.guest = true,
                }
                a.name = non_empty(&text(s));
                if let Some(ip) = line.rsplit_once('(').map(|(_, ip)| ip.trim_end_matches(')').trim()) {
                    if !ip.is_empty() {
                        a.fields.push(crate::model::Field { label: "IP".into(), value: ip.to_owned() });
                    }
                }
            }
            (_, Some((_, value))) => date = non_empty(value),
            _ => ctx.warn(Some(n), "date", format!("unexpected header line {line:?}")),
        }
    }
    (date, a)
}

/// Emerald: "Attachments: Open | Download - NAME (SIZE)" lines; classic: "NAME (SIZE)" links.
fn attachments(message: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out = Vec::new();
    if let Some(list) = message.select(&ATTACHMENTS).next() {
        let links: Vec<ElementRef<'_>> = list.select(&crate::page::ANCHOR).collect();
        // Each attachment is an "Open" and a "Download" link: the second is kept, and the
        // text after it up to the line break is " - NAME (SIZE)".
        for link in links.iter().skip(1).step_by(2) {
            let mut info = String::new();
            for node in link.next_siblings() {
                match node.value() {
                    scraper::Node::Text(t) => info.push_str(t),
                    scraper::Node::Element(e) if e.name() == "br" => break,
                    _ => {}
                }
            }
            let info = crate::normalize::text::squash(info.trim().trim_start_matches('-'));
            let (name, size) = split_name_size(&info);
            out.push(Attachment {
                name,
                url: link.attr("href").and_then(|h| ctx.url(h)),
                size,
                downloads: None,
            });
        }
        return out;
    }
    for link in message.select(&FILE_LINK) {
        if message.select(&BODY).next().is_some_and(|b| contains(b, link)) {
            continue;
        }
        let (name, size) = split_name_size(&text(link));
        out.push(Attachment { name, url: link.attr("href").and_then(|h| ctx.url(h)), size, downloads: None });
    }
    out
}

/// "report.pdf (12.5KB)" into the name and the size in bytes.
fn split_name_size(s: &str) -> (String, Option<u64>) {
    match s.trim().strip_suffix(')').and_then(|t| t.rsplit_once('(')) {
        Some((name, size)) if parse_size(size).is_some() => (name.trim().to_owned(), parse_size(size)),
        _ => (s.trim().to_owned(), None),
    }
}

/// The heading, the breadcrumb ("Home > Forum > Topic"), the forum and thread ids.
fn topic(doc: &Document<'_>, ctx: &Ctx, posts: &[Post]) -> Topic {
    let mut topic = Topic {
        title: doc
            .select(&HEADING)
            .next()
            .and_then(|h| non_empty(&text(h)))
            .or_else(|| posts.first().and_then(|p| p.subject.clone())),
        ..Topic::default()
    };
    if let Some(crumbs) = doc.select(&BREADCRUMB).next() {
        topic.breadcrumbs =
            crumbs.select(&crate::page::ANCHOR).filter_map(|a| chrome::link(a, ctx)).collect();
    }
    topic.board = doc.select(&FORUM_CRUMB).next().map(|a| Board {
        id: a.attr("href").and_then(|h| url_ids(h).first().cloned()),
        name: non_empty(&text(a)),
        url: a.attr("href").and_then(|h| ctx.url(h)),
    });
    // The thread id is the second id of a message permalink or of a thread link
    // (`read.php?2,132,printview`).
    topic.id = posts
        .iter()
        .find_map(|p| p.url.as_deref().and_then(|u| url_ids(u).get(1).cloned()))
        .or_else(|| doc.select(&THREAD_LINK).find_map(|a| a.attr("href").and_then(thread_id)));
    topic
}

/// The thread id of a link into a thread: `read.php?3,771,774#REPLY` (a message) or
/// `read.php?3,771,printview` — not `read.php?3,1170000000,newer`, whose second id is a
/// timestamp.
fn thread_id(href: &str) -> Option<String> {
    let (_, query) = href.split_once('?')?;
    let parts: Vec<&str> = query.split(['#', '&']).next()?.split(',').collect();
    let third = parts.get(2)?;
    (third.bytes().all(|b| b.is_ascii_digit()) || *third == "printview")
        .then(|| url_ids(href).get(1).cloned())
        .flatten()
}

/// Emerald's `div.paging`: "Page 2 of 3  Pages: ‹ 1 2 3 ›", the current page in
/// `strong.current-page`, first/previous/next/last as icon links.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(paging) = doc.select(&PAGING).next() else { return Page::default() };
    let mut page = chrome::pagination(paging, ctx, &PageBox::new(&CURRENT_PAGE));
    let icon_link = |name: &str| {
        paging
            .select(&crate::page::ANCHOR)
            .find(|a| a.select(&crate::page::IMG).any(|i| i.attr("src").is_some_and(|s| s.contains(name))))
            .and_then(|a| a.attr("href"))
            .and_then(|h| ctx.url(h))
    };
    page.next_url = icon_link("control_next").or(page.next_url);
    page.prev_url = icon_link("control_prev").or(page.prev_url);
    // "Page 2 of 3" states the total even when not every page is linked.
    let lead: String = paging
        .children()
        .take_while(|c| c.value().is_text())
        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
        .collect();
    if let [_, total, ..] = chrome::numbers(&lead)[..] {
        page.total = page.total.max(u32::try_from(total).ok());
    }
    page
}

/// The page's posts counted apart from the containers the parser reads posts from
/// (`engines::POST_COUNTERS`): the distinct message ids, or the author blocks, whichever
/// are more.
///
/// - Ids: the flat and hybrid views put an `a[name=msg-N]` anchor before each message but a
///   thread's first, and every view gives each message "Reply" and "Quote" links naming it
///   (`read.php?F,T,M#REPLY`, `read.php?F,T,M,quote=1#REPLY`), except classic's print view.
///   Links *to* messages (`#msg-N` permalinks) are not counted: the threaded view lists the
///   whole thread's messages beside the one it shows.
/// - Author blocks: Emerald's `div.message-author` (flat, hybrid and threaded views alike),
///   classic's "Posted by: <strong>NAME</strong>" line, the only head line with a label
///   before a bold part (the subject line starts bold; the date line has none).
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let mut ids: std::collections::HashSet<String> = doc
        .select(&MSG_ANCHOR)
        .filter_map(|a| a.attr("name")?.strip_prefix("msg-"))
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .map(str::to_owned)
        .collect();
    ids.extend(doc.select(&REPLY_LINK).filter_map(|a| url_ids(a.attr("href")?).get(2).cloned()));
    let authors =
        doc.select(&AUTHOR).count() + doc.select(&BODY_HEAD).filter(|h| is_posted_by_line(*h)).count();
    let n = ids.len().max(authors);
    (n > 0).then_some((n, "distinct message ids or author blocks"))
}

/// Classic's "Posted by: <strong>NAME</strong> (IP)": text, then a `strong` child.
fn is_posted_by_line(head: ElementRef<'_>) -> bool {
    let mut label = false;
    for child in head.children() {
        match child.value() {
            scraper::Node::Text(t) if !t.trim().is_empty() => label = true,
            scraper::Node::Element(e) if e.name() == "strong" => return label,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_of_urls() {
        assert_eq!(url_ids("read.php?2,132,133#msg-133"), ["2", "132", "133"]);
        assert_eq!(url_ids("profile.php?2,74"), ["2", "74"]);
        assert_eq!(url_ids("read.php?2,132,printview,page=1"), ["2", "132"]);
        assert_eq!(thread_id("read.php?3,771,774#REPLY").as_deref(), Some("771"));
        assert_eq!(thread_id("read.php?3,771,printview,page=1").as_deref(), Some("771"));
        assert_eq!(thread_id("read.php?3,1170000000,newer"), None);
        assert_eq!(split_name_size("swr-plot.png (18.3KB)"), ("swr-plot.png".to_owned(), Some(18739)));
    }

    #[test]
    fn counts_messages_by_ids_or_author_blocks() {
        let count = |html: &str| count_posts(&Document::new(&crate::page::parse_document(html)));
        let cases = [
            // Emerald's threaded view: one message shown; the thread's list links every
            // message (`#msg-N` permalinks), which are not counted.
            (
                r##"<div class="message"><div class="message-author">ann</div>
                <a href="read.php?1,2,2#REPLY">Reply</a><a href="read.php?1,2,2,quote=1#REPLY">Quote</a></div>
                <table class="list"><tr><td><a href="read.php?1,2,2#msg-2">A</a></td></tr>
                <tr><td><a href="read.php?1,2,7#msg-7">Re: A</a></td></tr></table>"##,
                Some(1),
            ),
            // Classic print view: no Reply links, no anchor before the thread's first
            // message; an unapproved message's extra head and the date lines are no authors.
            (
                r#"<div class="PhorumReadMessageBlock"><div class="PhorumReadBodySubject">A</div>
                <div class="PhorumReadBodyHead">Posted by: <strong>ann</strong> (192.0.2.0)</div>
                <div class="PhorumReadBodyHead">Date: May 1, 2007</div></div>
                <a name="msg-7"></a><div class="PhorumReadMessageBlock">
                <div class="PhorumReadBodyHead"><strong>Unapproved message</strong></div>
                <div class="PhorumReadBodyHead"><strong>Re: A</strong></div>
                <div class="PhorumReadBodyHead">Posted by: <strong>bob</strong></div>
                <div class="PhorumReadBodyHead">Date: May 2, 2007</div></div>"#,
                Some(2),
            ),
            // Ids alone: anchors and Reply links naming the same messages count once; a
            // thread's "reply" link names no message.
            (
                r##"<a name="msg-7"></a><a href="read.php?1,2,7#REPLY">R</a><a href="read.php?1,2,2#REPLY">R</a>
                <a href="read.php?1,2#REPLY">Reply to thread</a><a name="msg-x"></a>"##,
                Some(2),
            ),
            (r#"<div class="message"><p>no marks</p></div>"#, None),
        ];
        for (html, expected) in cases {
            assert_eq!(count(html).map(|(n, _)| n), expected, "{html}");
        }
    }
}
