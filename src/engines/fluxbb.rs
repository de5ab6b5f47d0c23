//! FluxBB 1.4/1.5 and PunBB 1.2 (`div.blockpost#pN`, an author `dl` in `div.postleft`, the
//! body in `div.postmsg`), and PunBB 1.3/1.4 (`div.post#pN` with `div.posthead`,
//! `ul.author-ident`, the body in `div.entry-content`).
//!
//! FluxBB grew out of PunBB 1.2, so both generations write the same things under two sets of
//! class names: each field below reads whichever the page has.

use scraper::ElementRef;

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{Author, Board, Edited, Engine, Format, Link, Page, Post, Site, Thread, Topic};
use crate::normalize::date::DayOrder;
use crate::normalize::number::parse_count;
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::text;
use crate::page::{Document, contains};
use crate::page::{first, has_class, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // FluxBB 1.4/1.5, PunBB 1.2: the author `dl` of a `div.blockpost`.
    ("div.blockpost div.postleft dl", 3),
    ("div.blockpost div.postmsg", 2),
    ("#punviewtopic", 2),
    // PunBB 1.3/1.4.
    ("div.posthead h3.post-ident", 3),
    ("ul.author-ident", 2),
    ("div.post-entry div.entry-content", 2),
    ("a[href*='viewtopic.php?pid=']", 1),
];

selectors! {
    POST_IDS = "div.blockpost[id^='p'], div.posthead[id^='p']";
}

selectors! {
    POST = "div.blockpost, div.post";
    POSTHEAD = "div.posthead";
    NUMBER = "h2 span.conr, .post-num";
    DATE_LINK = "h2 a, .post-link a, a.permalink";
    AUTHOR_BLOCK = "div.postleft, div.post-author";
    NAME_LINK = "dt a[href], .username a[href], .author-ident a[href*='profile']";
    NAME = "dt strong, dt, .username, .post-byline strong";
    USERTITLE = "dd.usertitle, li.usertitle";
    AVATAR = "dd.postavatar img, li.useravatar img, .useravatar img";
    INFO_ITEMS = "dl > dd, ul.author-info > li";
    USERSTATUS = "li.userstatus";
    FOOT_STATUS = "div.postfootleft p";
    SUBJECT = "div.postright > h3, h4.entry-title";
    BODY = "div.postmsg, div.entry-content";
    EDITED = "p.postedit, p.lastedit";
    SIGNATURE = "div.postsignature, div.sig-content";
    POSTBODY = "div.postbody";
    CRUMB_BOXES = ".linkst ul.crumbs, .linkst .inbox > ul, #brd-crumbs-top, .crumbs";
    CRUMB_ITEMS = "li, span.crumb";
    PUNBB_TITLE = "#brd-main h1.main-title";
    PAGE_BOXES = "p.pagelink, .paging, p.paging";
    CURRENT = "strong, span.current";
    NEXT = "a.item-next, a.next";
    PREV = "a.item-prev, a.prev";
    SITE_TITLE = "#brdtitle h1, #brd-title";
    POWERED = "#poweredby, #copyright, #brd-about";
    REPLY_LINK = "a[href*='post.php?tid=']";
    TOPIC_LINK = "a[href*='viewtopic.php?id=']";
}

/// FluxBB's body markup: `div.quotebox` holding a `cite` "X wrote:" and a `blockquote`
/// (PunBB 1.2: a bare `blockquote` holding `div.incqbox` with an `h4` header), `div.codebox`,
/// and the "Last edited by" paragraph.
struct FluxMarkup;

impl Markup for FluxMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let parent = el.parent().and_then(ElementRef::wrap);
        let in_quotebox = parent.is_some_and(|p| has_class(p, "quotebox"));
        if has_class(el, "quotebox") {
            Role::Quote
        } else if name == "cite" && in_quotebox {
            Role::QuoteHeader
        } else if name == "blockquote" && !in_quotebox {
            Role::Quote
        } else if name == "h4" && parent.is_some_and(|p| has_class(p, "incqbox")) {
            // PunBB 1.2: "X wrote:" in a quote, "Code:" in a code box.
            let in_code = el.ancestors().filter_map(ElementRef::wrap).any(|a| has_class(a, "codebox"));
            if in_code { Role::Skip } else { Role::QuoteHeader }
        } else if has_class(el, "codebox") {
            Role::Code
        } else if has_class(el, "postedit") || has_class(el, "lastedit") || has_class(el, "postsignature") {
            Role::Skip
        } else {
            Role::Normal
        }
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let posts: Vec<ElementRef<'_>> = doc
        .select(&POST)
        .filter(|p| has_class(*p, "blockpost") || first(*p, &POSTHEAD).is_some())
        .filter(|p| p.select(&BODY).next().is_some())
        .collect();
    if posts.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "FluxBB/PunBB posts (div.blockpost or div.post with div.postmsg/div.entry-content)"
                .into(),
        });
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Fluxbb, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(doc, ctx, &thread.topic.breadcrumbs);
    for (i, container) in posts.into_iter().enumerate() {
        thread.posts.push(post(container, ctx, i + 1));
    }
    if thread.topic.title.is_none() {
        thread.topic.title = thread.posts.first().and_then(|p| p.subject.clone());
    }
    Ok(thread)
}

fn post(container: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    // `div.blockpost#pN`; PunBB 1.3 puts the id on the `div.posthead`.
    let id_el = first(container, &POSTHEAD).filter(|h| h.attr("id").is_some()).unwrap_or(container);
    let mut post = Post {
        id: id_el.attr("id").and_then(|id| id.strip_prefix('p')).and_then(leading_id),
        ..Post::default()
    };
    // "#3" (FluxBB) or "3" (PunBB 1.3).
    post.position = container
        .select(&NUMBER)
        .next()
        .and_then(|s| parse_count(text(s).trim_start_matches('#')))
        .and_then(|p| u32::try_from(p).ok());
    match container.select(&DATE_LINK).next() {
        Some(link) => {
            post.url = link.attr("href").and_then(|h| ctx.url(h));
            let raw = text(link);
            post.date = ctx.date(&raw, Some(n), "date");
            post.date_raw = non_empty(&raw);
        }
        None => ctx.warn(Some(n), "date", "no date link in the post header"),
    }
    post.subject = container.select(&SUBJECT).next().and_then(|s| non_empty(&text(s)));
    post.author = match container.select(&AUTHOR_BLOCK).next() {
        Some(block) => author(container, block, ctx, n),
        None => {
            ctx.warn(Some(n), "author", "no author block (div.postleft, div.post-author)");
            Author::default()
        }
    };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author block");
    }
    let Some(body_el) = container.select(&BODY).find(|b| !has_class(*b, "postsignature")) else {
        ctx.warn(Some(n), "body_text", "no post body (div.postmsg, div.entry-content)");
        return post;
    };
    post.edited = body_el.select(&EDITED).next().and_then(|e| edited(e, ctx, n));
    body::read(body_el, &FluxMarkup, ctx, n).fill(&mut post);
    post.signature = container
        .select(&SIGNATURE)
        .find(|s| !contains(body_el, *s))
        .and_then(|s| body::signature(s, &FluxMarkup, ctx, n));
    post
}

/// The author `dl` (FluxBB, PunBB 1.2) or `ul.author-ident` + `ul.author-info` (PunBB 1.3).
fn author(container: ElementRef<'_>, block: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    match block.select(&NAME_LINK).next() {
        Some(link) => {
            a.name = non_empty(&text(link));
            a.url = link.attr("href").and_then(|h| ctx.url(h));
            a.id = link.attr("href").and_then(|h| chrome::id_param(h, "id"));
        }
        // Guests, and boards that hide profiles from guests, print the name alone.
        None => a.name = block.select(&NAME).find_map(|e| non_empty(&text(e))),
    }
    a.rank = block.select(&USERTITLE).next().and_then(|t| non_empty(&text(t)));
    a.avatar_url = block.select(&AVATAR).next().and_then(|i| i.attr("src")).and_then(|s| ctx.url(s));
    for item in block.select(&INFO_ITEMS) {
        if has_class(item, "usertitle") || has_class(item, "postavatar") || has_class(item, "usercontacts") {
            continue;
        }
        chrome::profile_lines(&mut a, crate::page::text_lines(item, false), ctx, n, DayOrder::Auto);
    }
    // FluxBB prints "Online" in a `strong`, "Offline" in a `span` (PunBB 1.2: as plain
    // text); PunBB 1.3 marks the
    // post body `online`.
    a.online = match container.select(&FOOT_STATUS).next() {
        Some(p) if !text(p).is_empty() => Some(
            p.children().filter_map(ElementRef::wrap).next().is_some_and(|e| e.value().name() == "strong"),
        ),
        Some(_) => None,
        None => block
            .select(&USERSTATUS)
            .next()
            .map(|_| container.select(&POSTBODY).next().is_some_and(|b| has_class(b, "online"))),
    };
    a.guest = a.url.is_none() && a.post_count.is_none() && a.joined.is_none();
    a
}

/// "Last edited by NAME (DATE)".
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let (date_raw, by) = body::split_edit(&text(el), None);
    date_raw.as_ref()?;
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: None })
}

/// The crumbs above the posts: "Index » Board » Topic". The topic's crumb is the last,
/// linking `viewtopic.php` (FluxBB) or not linked at all (PunBB).
fn topic(doc: &Document<'_>, ctx: &mut Ctx) -> Topic {
    let mut topic = Topic::default();
    let mut crumbs: Vec<(Link, bool)> = doc
        .select(&CRUMB_BOXES)
        .next()
        .into_iter()
        .flat_map(|b| b.select(&CRUMB_ITEMS))
        .filter_map(|item| {
            let a = item.select(&crate::page::ANCHOR).last();
            let label = a.map_or_else(|| text(item), text);
            let label = label.trim_start_matches(['»', '→', '›']).trim();
            let is_topic = a.is_none_or(|a| a.attr("href").is_some_and(|h| h.contains("viewtopic")));
            Some((
                Link {
                    url: a.and_then(|a| a.attr("href")).and_then(|h| ctx.url(h)),
                    text: non_empty(label)?,
                },
                is_topic,
            ))
        })
        .collect();
    if crumbs.len() > 1 && crumbs.last().is_some_and(|(_, is_topic)| *is_topic) {
        if let Some((link, _)) = crumbs.pop() {
            topic.title = Some(link.text);
            topic.url = link.url;
        }
    }
    topic.breadcrumbs = crumbs.into_iter().map(|(l, _)| l).collect();
    topic.board = topic
        .breadcrumbs
        .iter()
        .rev()
        .find(|c| c.url.as_deref().is_some_and(|u| u.contains("viewforum")))
        .map(|c| Board {
            id: c.url.as_deref().and_then(|u| chrome::id_param(u, "id")),
            name: Some(c.text.clone()),
            url: c.url.clone(),
        });
    if let Some(h) = doc.select(&PUNBB_TITLE).next() {
        topic.title = non_empty(&text(h)).or(topic.title);
    }
    let topic_href = topic
        .url
        .clone()
        .or_else(|| ctx.page.canonical.clone().filter(|h| h.contains("viewtopic.php?id=")))
        .or_else(|| doc.select(&TOPIC_LINK).next().and_then(|a| a.attr("href")).map(str::to_owned));
    // PunBB does not link the topic's crumb: its reply link names the topic.
    topic.id = topic_href
        .as_deref()
        .and_then(|h| chrome::id_param(h, "id"))
        .or_else(|| doc.select(&REPLY_LINK).find_map(|a| chrome::id_param(a.attr("href")?, "tid")));
    if topic.url.is_none() {
        topic.url = topic_href.and_then(|h| ctx.url(&h));
    }
    topic
}

fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let shape = PageBox { next: Some(&NEXT), prev: Some(&PREV), ..PageBox::new(&CURRENT) };
    doc.select(&PAGE_BOXES).next().map(|b| chrome::pagination(b, ctx, &shape)).unwrap_or_default()
}

/// The board title of the header, else the last part of the page title ("Topic / Board /
/// Forum title"), with the index crumb's link.
fn site(doc: &Document<'_>, ctx: &Ctx, crumbs: &[Link]) -> Option<Site> {
    if let Some(title) = doc.select(&SITE_TITLE).next() {
        return Some(Site {
            name: non_empty(&text(title)),
            url: first(title, &crate::page::ANCHOR).and_then(|a| a.attr("href")).and_then(|h| ctx.url(h)),
        });
    }
    let title = text(doc.select(&crate::page::TITLE).next()?);
    let parts: Vec<&str> = title.split(" / ").collect();
    (parts.len() >= 3).then(|| Site {
        name: parts.last().and_then(|p| non_empty(p)),
        url: crumbs.first().and_then(|c| c.url.clone()),
    })
}

/// "Powered by FluxBB 1.5.10" / "Powered by PunBB 1.2.23" when the board shows its version.
fn engine_version(doc: &Document<'_>) -> Option<String> {
    doc.select(&POWERED).find_map(|el| chrome::version_after(&text(el), &["FluxBB", "PunBB"]))
}

/// The page's posts counted by their ids, apart from the elements the parser reads posts
/// from (`engines::POST_COUNTERS`): distinct post ids of div.blockpost#pN and div.posthead#pN.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = crate::engines::chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of div.blockpost#pN and div.posthead#pN"))
}
