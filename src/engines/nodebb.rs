//! NodeBB 1.x to 4.x: the Persona theme (the default up to 3.x) and Harmony (3.x and 4.x),
//! and themes derived from them; the page as the server renders it (what crawlers get) and
//! as a browser's DOM after NodeBB's scripts ran.
//!
//! Every theme prints a post from the same data partial: an element (an `li` in both
//! themes) with `component="post"`, `data-pid` (the post id), `data-index` (its 0-based
//! place in the topic), `data-uid`, `data-username`, `data-userslug` and, from 1.10,
//! `data-timestamp` (milliseconds); a `meta[itemprop=datePublished]` child, and
//! `meta[itemprop=dateModified]` when the post was edited. Inside: the author's link
//! (`a[data-username]`, `[itemprop=author]`, `/user/SLUG`), group badges (`/groups/SLUG`),
//! the date as a `.timeago` element whose `title` holds the ISO time (a browser moves it to
//! `datetime` and puts a localized date in the `title`, "24 days ago" in the text), the body
//! `[component=post/content]`, the signature `[component=post/signature]`, the vote count
//! `[component=post/vote-count]`.
//!
//! Posts are the `[component=post]` elements with `data-pid` and `data-index` that are not
//! inside another post: a browser shows a post's expanded replies inside it (copies of
//! posts found elsewhere in the topic), and lists of posts on profile and search pages carry
//! no `data-index`. Harmony 4.x shows the post replied to above a reply
//! (`[component=post/parent]`, with its own author, date and text): nothing is read from it.
//! Timeline events (`[component=topic/event]`: pinned, moved, forked) are no posts.
//!
//! The author's name is the name the post shows (NodeBB's display name: the username unless
//! the forum shows full names); the username, when it differs, goes to `fields` as
//! "Username". The vote count is the net score (`data-votes`), given as a "Votes" reaction
//! when above zero.

use scraper::ElementRef;

use crate::body::{self, Markup, QuoteMeta, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Field, Format, Page, Post, Reaction, Site, Thread, Topic};
use crate::normalize::number::parse_count;
use crate::normalize::text::non_empty;
use crate::normalize::url::{leading_id, query_param};
use crate::page::{Document, closest, contains, first_outside, has_class, non_empty_text, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("li[component='post'][data-pid]", 3),
    ("div[component='post/content']", 3),
    ("ul[component='topic'][data-tid]", 2),
    ("a[component='post/anchor']", 2),
];

selectors! {
    POST_ANCHOR = "a[component='post/anchor']";
}

selectors! {
    POST = "[component='post'][data-pid][data-index]";
    ANY_POST = "[component='post']";
    REPLIES = "[component='post/replies/container']";
    /// What a post holds that is not of the post itself: its body, the post it replies to,
    /// the edit note, the replies bar (with its "last reply" time), the signature.
    NOT_OWN = "[component='post/content'], [component='post/parent'], [component='post/replies/container'], \
               [component='post/editor'], [component='post/reply-count'], [component='post/signature']";
    BODY = "[component='post/content']";
    OUTSIDE_BODY = "[component='post/parent'], [component='post/replies/container']";
    TIMEAGO = ".timeago, time[datetime]";
    USERNAME_LINK = "a[data-username]";
    AUTHOR_LINK = "a[itemprop='author'], [itemprop='author'] a[href]";
    AUTHOR_NAME_META = "[itemprop='author'] meta[itemprop='name'][content]";
    AVATAR = "img[component='user/picture'], img.avatar";
    STATUS = "[component='user/status']";
    GROUP = "a[href*='/groups/']";
    EDITOR = "[component='post/editor']";
    SIGNATURE = "[component='post/signature']";
    VOTES = "[component='post/vote-count'][data-votes]";
    MENTION = "a.plugin-mentions-user, a.plugin-mentions-a";
    POST_LINK = "a[href*='/post/']";
    TOPIC = "[component='topic'][data-tid]";
    TOPIC_TITLE = "[component='topic/title']";
    HEADLINE = "meta[itemprop='headline'][content]";
    OG_TITLE = "meta[property='og:title'][content]";
    SITE_NAME = "meta[property='og:site_name'][content]";
    CRUMB = "ol.breadcrumb li, .breadcrumb [itemprop='itemListElement']";
    POST_COUNT = "[component='topic/post-count']";
    AJAXIFY_DATA = "script#ajaxify-data";
    PAGINATION = "[component='pagination'], .pagination-container";
    PAGE_ACTIVE = "li.active a, li.active";
    PAGE_LINK = "li.page a[data-page], li.page a";
    PAGE_SELECT = "[component='pagination/select-page']";
    PAGE_NEXT = "li.next:not(.disabled) a[href]";
    PAGE_PREV = "li.previous:not(.disabled) a[href]";
    HEAD_NEXT = "link[rel='next'][href]";
    HEAD_PREV = "link[rel='prev'][href]";
}

/// NodeBB's body markup (Markdown rendered by nodebb-plugin-markdown): `blockquote`, with the
/// quote's header the paragraph before it ("@NAME said in TOPIC:", the mention linking the
/// profile, TOPIC the quoted post `/post/ID`); `pre > code`; emoji images.
struct NodebbMarkup;

impl Markup for NodebbMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        match el.value().name() {
            "blockquote" => Role::Quote,
            "pre" => Role::Code,
            // Read by `quote_meta`: its first link is the quoted member's profile, not the post.
            "p" if quote_header_before(el).is_some() => Role::Skip,
            _ => Role::Normal,
        }
    }

    fn alt_text(&self, img: ElementRef<'_>) -> Option<String> {
        img.value().classes().any(|c| c == "emoji").then(|| img.attr("alt").and_then(non_empty)).flatten()
    }

    fn quote_meta(&self, quote: ElementRef<'_>) -> QuoteMeta {
        let Some(header) = quote.prev_siblings().filter_map(ElementRef::wrap).next() else {
            return QuoteMeta::default();
        };
        if quote_header_before(header) != Some(quote) {
            return QuoteMeta::default();
        }
        let href = header.select(&POST_LINK).find_map(|a| a.attr("href"));
        QuoteMeta {
            author: mention_name(header),
            date: None,
            post_id: href.and_then(post_of),
            href: href.map(str::to_owned),
        }
    }
}

/// The quote `p` heads: `p` is followed by a `blockquote`, ends with a colon and holds a
/// mention or a link to a post ("@NAME said in TOPIC:", 1.x's "@NAME said:").
fn quote_header_before(p: ElementRef<'_>) -> Option<ElementRef<'_>> {
    if p.value().name() != "p" {
        return None;
    }
    let next = p.next_siblings().filter_map(ElementRef::wrap).next()?;
    if next.value().name() != "blockquote" {
        return None;
    }
    let text = p.text().collect::<String>();
    let linked = p.select(&MENTION).next().is_some() || p.select(&POST_LINK).next().is_some();
    (text.trim_end().ends_with(':') && linked).then_some(next)
}

/// The member a mention names, without its "@".
fn mention_name(el: ElementRef<'_>) -> Option<String> {
    let mention = el.select(&MENTION).next()?;
    non_empty(non_empty_text(mention)?.trim_start_matches('@'))
}

/// The post id of `/post/123` (and `/post/123#...`).
fn post_of(href: &str) -> Option<String> {
    href.split_once("/post/").and_then(|(_, rest)| leading_id(rest))
}

/// The topic id of `/topic/123/slug`.
fn topic_of(href: &str) -> Option<String> {
    href.split_once("/topic/").and_then(|(_, rest)| leading_id(rest))
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let posts: Vec<ElementRef<'_>> = doc.select(&POST).filter(|p| closest(*p, &ANY_POST).is_none()).collect();
    if posts.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "NodeBB posts ([component=post] with data-pid and data-index)".into(),
        });
    }
    let mut thread = Thread::new(Engine::Nodebb, Format::Html);
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(doc, &thread.topic);
    for (i, el) in posts.into_iter().enumerate() {
        thread.posts.push(post(el, ctx, i + 1));
    }
    Ok(thread)
}

fn post(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post { id: el.attr("data-pid").and_then(non_empty), ..Post::default() };
    post.position =
        el.attr("data-index").and_then(|i| i.trim().parse::<u32>().ok()).and_then(|i| i.checked_add(1));
    post.url = post.id.as_deref().and_then(|pid| ctx.url(&format!("/post/{pid}")));
    let not_own: Vec<ElementRef<'_>> = el.select(&NOT_OWN).collect();
    let own = |sel: &scraper::Selector| first_outside(el, sel, &not_own);

    // The date: the machine forms first (a browser's `datetime`, the datePublished meta,
    // `data-timestamp`), then the tooltip, which is ISO as served and localized in a browser.
    let stamp = own(&TIMEAGO);
    post.date_raw = stamp.and_then(|s| s.attr("title").and_then(non_empty).or_else(|| non_empty_text(s)));
    let candidates = [
        stamp.and_then(|s| s.attr("datetime")).and_then(non_empty),
        child_meta(el, "datePublished"),
        el.attr("data-timestamp").and_then(millis_to_seconds),
        post.date_raw.clone(),
    ];
    post.date = ctx.first_date(&candidates, n, "no .timeago, datePublished or data-timestamp");
    post.edited = edited(el, ctx, n);

    post.author = author(el, &not_own, ctx);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no data-username or author link");
    }
    let outside: Vec<ElementRef<'_>> = el.select(&OUTSIDE_BODY).collect();
    match first_outside(el, &BODY, &outside) {
        Some(body_el) => body::read(body_el, &NodebbMarkup, ctx, n).fill(&mut post),
        None => ctx.warn(Some(n), "body_text", "no [component=post/content]"),
    }
    post.signature =
        first_outside(el, &SIGNATURE, &outside).and_then(|s| body::signature(s, &NodebbMarkup, ctx, n));
    post.reactions = first_outside(el, &VOTES, &outside)
        .and_then(|v| v.attr("data-votes")?.trim().parse::<i64>().ok())
        .and_then(|v| u64::try_from(v).ok())
        .filter(|v| *v > 0)
        .map(|count| Reaction { kind: "Votes".into(), count, users: Vec::new() })
        .into_iter()
        .collect();
    post
}

/// The `content` of the post's own `meta[itemprop=NAME]` (a child of the post element).
fn child_meta(el: ElementRef<'_>, name: &str) -> Option<String> {
    el.children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().name() == "meta" && c.attr("itemprop") == Some(name))
        .and_then(|m| m.attr("content"))
        .and_then(non_empty)
}

/// `data-timestamp`, milliseconds since 1970, as the seconds the date pipeline reads.
fn millis_to_seconds(ms: &str) -> Option<String> {
    let ms = ms.trim();
    (ms.len() >= 12 && ms.bytes().all(|b| b.is_ascii_digit())).then(|| ms[..ms.len() - 3].to_owned())
}

/// The edit: `meta[itemprop=dateModified]` (empty or absent when the post was not edited)
/// and `[component=post/editor]`, whose `data-editor` is the editor's user slug and whose
/// `.timeago` tooltip shows the time.
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let modified = child_meta(el, "dateModified");
    let editor = el.select(&EDITOR).find(|e| closest(*e, &ANY_POST).is_some_and(|p| p.id() == el.id()));
    let by = editor.and_then(|e| e.attr("data-editor")).and_then(non_empty);
    if modified.is_none() && by.is_none() {
        return None;
    }
    let date_raw = editor
        .and_then(|e| e.select(&TIMEAGO).next())
        .and_then(|t| t.attr("title").and_then(non_empty).or_else(|| non_empty_text(t)));
    let date = modified.or_else(|| date_raw.clone()).and_then(|d| ctx.date(&d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: None })
}

/// The author: the name shown by the author link, the post's `data-username` and
/// `data-uid`, the avatar, the status dot, group badges.
fn author(el: ElementRef<'_>, not_own: &[ElementRef<'_>], ctx: &Ctx) -> Author {
    let mut a = Author::default();
    // Harmony's author block starts with a small avatar link: the link with a name is wanted.
    let named = |sel: &scraper::Selector| {
        el.select(sel).find(|l| !not_own.iter().any(|o| contains(*o, *l)) && non_empty_text(*l).is_some())
    };
    let link = named(&USERNAME_LINK).or_else(|| named(&AUTHOR_LINK));
    let username = el
        .attr("data-username")
        .and_then(non_empty)
        .or_else(|| link?.attr("data-username").and_then(non_empty));
    let shown = link
        .and_then(non_empty_text)
        .or_else(|| first_outside(el, &AUTHOR_NAME_META, not_own)?.attr("content").and_then(non_empty));
    a.name = shown.clone().or_else(|| username.clone());
    if let (Some(shown), Some(username)) = (&shown, &username) {
        if shown != username {
            a.fields.push(Field { label: "Username".into(), value: username.clone() });
        }
    }
    let slug = el.attr("data-userslug").and_then(non_empty);
    let href = link.and_then(|l| l.attr("href")).filter(|h| h.contains("/user/"));
    a.url = match (href, &slug) {
        (Some(h), _) => ctx.url(h),
        (None, Some(slug)) => ctx.url(&format!("/user/{slug}")),
        _ => None,
    };
    let uid = el.attr("data-uid").and_then(leading_id);
    a.guest = uid.as_deref() == Some("0") || (uid.is_none() && a.url.is_none());
    a.id = uid.filter(|u| u != "0");
    a.avatar_url = first_outside(el, &AVATAR, not_own).and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.online = first_outside(el, &STATUS, not_own).and_then(|s| {
        if has_class(s, "offline") {
            Some(false)
        } else if ["online", "away", "dnd"].iter().any(|c| has_class(s, c)) {
            Some(true)
        } else {
            None
        }
    });
    let mut groups =
        el.select(&GROUP).filter(|g| !not_own.iter().any(|o| contains(*o, *g))).filter_map(non_empty_text);
    a.rank = groups.next();
    for group in groups {
        if a.rank.as_deref() != Some(&group) {
            a.fields.push(Field { label: "Group".into(), value: group });
        }
    }
    a
}

fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic {
        title: doc
            .select(&TOPIC_TITLE)
            .find_map(non_empty_text)
            .or_else(|| doc.select(&HEADLINE).next().and_then(|m| m.attr("content")).and_then(non_empty))
            .or_else(|| doc.select(&OG_TITLE).next().and_then(|m| m.attr("content")).and_then(non_empty)),
        ..Topic::default()
    };
    let canonical = ctx.canonical().map(|u| u.split(['?', '#']).next().unwrap_or(&u).to_owned());
    topic.id = doc
        .select(&TOPIC)
        .next()
        .and_then(|t| t.attr("data-tid"))
        .and_then(leading_id)
        .or_else(|| canonical.as_deref().and_then(topic_of));
    topic.url = canonical;
    // The current crumb (`component=breadcrumb/current`) is the topic itself.
    let crumbs: Vec<_> = doc
        .select(&CRUMB)
        .filter(|li| li.attr("component") != Some("breadcrumb/current") && !has_class(*li, "active"))
        .filter_map(|li| chrome::crumb(li, ctx))
        .collect();
    topic.breadcrumbs = chrome::distinct_links(crumbs);
    topic.board = topic.breadcrumbs.iter().rev().find_map(|c| {
        let url = c.url.as_deref()?;
        let (_, rest) = url.split_once("/category/")?;
        Some(Board { id: leading_id(rest), name: Some(c.text.clone()), url: Some(url.to_owned()) })
    });
    // The page's data for NodeBB's client (`script#ajaxify-data` as served; a browser removes
    // it) counts views and posts; else `topic/post-count` shows the posts ("1.2k", the exact figure as its title).
    let data = ajaxify_data(doc);
    topic.views = data.as_ref().and_then(|d| count_value(d.viewcount.as_ref()?));
    topic.replies = data
        .as_ref()
        .and_then(|d| count_value(d.postcount.as_ref()?))
        .or_else(|| {
            let c = doc.select(&POST_COUNT).next()?;
            c.attr("title").and_then(parse_count).or_else(|| non_empty_text(c).and_then(|t| parse_count(&t)))
        })
        .map(|posts| posts.saturating_sub(1));
    topic
}

/// The fields read from `script#ajaxify-data`.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
struct AjaxifyData {
    viewcount: Option<serde_json::Value>,
    postcount: Option<serde_json::Value>,
}

fn ajaxify_data(doc: &Document<'_>) -> Option<AjaxifyData> {
    let text: String = doc.select(&AJAXIFY_DATA).next()?.text().collect();
    // JSON up to 3.x; 4.x assigns it: `window._ajaxifyData={...}`.
    let json = text.trim();
    let json = json.strip_prefix("window._ajaxifyData=").unwrap_or(json).trim_end_matches(';');
    serde_json::from_str(json).ok()
}

/// A count given as a JSON number or as a string of digits.
fn count_value(v: &serde_json::Value) -> Option<u64> {
    v.as_u64().or_else(|| v.as_str().and_then(parse_count))
}

fn site(doc: &Document<'_>, topic: &Topic) -> Option<Site> {
    let name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    let url = topic.breadcrumbs.first().and_then(|c| c.url.clone());
    (name.is_some() || url.is_some()).then_some(Site { name, url })
}

/// The paginator (`[component=pagination]`: `li.page` links with `data-page`, the current one
/// `li.active`, "2 / 5" in its `select-page` item, `li.next`/`li.previous` disabled at the
/// ends); without one (topics that scroll endlessly), `?page=N` of the page's URL and the
/// head's `rel=next`/`rel=prev` links.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let own = ctx.base.as_ref().map(url::Url::to_string).or_else(|| ctx.page.canonical.clone());
    let url_page =
        own.as_deref().and_then(|u| query_param(u, "page")).and_then(|p| p.trim().parse::<u32>().ok());
    let head = |sel: &scraper::Selector| {
        doc.select(sel).next().and_then(|l| l.attr("href")).and_then(|h| ctx.url(h))
    };
    page.next_url = head(&HEAD_NEXT);
    page.prev_url = head(&HEAD_PREV);
    let number_of = |el: ElementRef<'_>| {
        el.attr("data-page")
            .and_then(|p| p.trim().parse::<u32>().ok())
            .or_else(|| non_empty_text(el)?.parse().ok())
    };
    let mut number = url_page;
    // Topics that scroll endlessly print the paginator for scriptless readers, in a `<noscript>`.
    let hidden = || doc.noscript_documents().iter().find_map(|d| d.select(&PAGINATION).next());
    if let Some(pager) = doc.select(&PAGINATION).next().or_else(hidden) {
        // "2 / 5"
        let select = pager.select(&PAGE_SELECT).find_map(non_empty_text).and_then(|t| {
            let (cur, total) = t.split_once('/')?;
            Some((cur.trim().parse::<u32>().ok()?, total.trim().parse::<u32>().ok()?))
        });
        number = pager.select(&PAGE_ACTIVE).find_map(number_of).or(select.map(|s| s.0)).or(number);
        let linked = pager.select(&PAGE_LINK).filter_map(number_of).max();
        page.total = [linked, select.map(|s| s.1), number].into_iter().flatten().max();
        let link = |sel: &scraper::Selector| {
            pager.select(sel).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h))
        };
        page.next_url = page.next_url.take().or_else(|| link(&PAGE_NEXT));
        page.prev_url = page.prev_url.take().or_else(|| link(&PAGE_PREV));
    }
    page.number = number.unwrap_or(1).max(1);
    if page.number == 1 {
        page.prev_url = None;
    }
    if page.total.is_some_and(|t| t <= page.number) {
        page.next_url = None;
    }
    page
}

/// The page's posts counted apart from the elements the parser reads posts from
/// (`engines::POST_COUNTERS`): distinct indexes of the posts' anchors
/// (`a[component=post/anchor]`), outside the replies a browser expanded inside a post.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let ids: std::collections::HashSet<String> = doc
        .select(&POST_ANCHOR)
        .filter(|a| closest(*a, &REPLIES).is_none())
        .filter_map(|a| {
            a.attr("data-index").or_else(|| a.attr("id")).or_else(|| a.attr("name")).and_then(leading_id)
        })
        .collect();
    (!ids.is_empty()).then_some((ids.len(), "distinct data-index of a[component=post/anchor]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(post_of("/post/2191538").as_deref(), Some("2191538"));
        assert_eq!(post_of("https://f.example/forum/post/12#x").as_deref(), Some("12"));
        assert_eq!(topic_of("https://f.example/topic/43227/how-to?page=2").as_deref(), Some("43227"));
        assert_eq!(millis_to_seconds("1714657478143").as_deref(), Some("1714657478"));
        assert_eq!(millis_to_seconds("2024-05-02"), None);
    }
}
