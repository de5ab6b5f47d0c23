//! XenForo 1 (`li.message#post-N`, `div.messageUserInfo`, `blockquote.messageText`) and
//! XenForo 2 (`article.message#js-post-N`, `div.message-cell--user`, `article.message-body`
//! holding `div.bbWrapper`), with their default and custom styles.
//!
//! Posts are found by their bodies; a post's container is its `.message` element (else the
//! largest element holding that body and no other), so styles that rename or wrap the
//! chrome need no rules of their own. Within the container, the author block is
//! `.message-cell--user`/`.messageUserInfo`, dates are `time.u-dt` (XenForo 2) or
//! `.DateTime` (XenForo 1), and everything else is looked up outside the body.
//!
//! `data-*` attributes (`data-author`, `data-time`, `data-user-id`) are read when present,
//! but saved pages often lose them: every field has a fallback in plain markup.

use scraper::{ElementRef, Node};

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome::{self, PageBox};
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread,
    Timestamp, Topic,
};
use crate::normalize::date::{DayOrder, parse_date};
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, post_id};
use crate::page::Document;
use crate::page::contains;
use crate::page::{has_class, own_text, selectors};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // XenForo 2: the two cells of a post, and its body.
    (".message-cell--user ~ .message-cell--main", 3),
    ("article.message-body div.bbWrapper, div.message-content div.bbWrapper", 3),
    ("blockquote.bbCodeBlock--quote, div.bbCodeBlock--quote", 1),
    ("ul.p-breadcrumbs", 1),
    ("time.u-dt", 1),
    // XenForo 1: `li.message` with its user info, the body, quotes, dates.
    (".message .messageUserInfo ~ .messageInfo", 3),
    ("blockquote.messageText", 2),
    (".messageUserBlock h3.userText", 2),
    ("div.bbCodeQuote div.attribution", 1),
    ("abbr.DateTime, span.DateTime", 1),
    (".breadcrumb span.crumbs", 1),
];

selectors! {
    POST_IDS = "[id^='post-'], [data-content^='post-']";
}

selectors! {
    BODY = "article.message-body, div.message-body, blockquote.messageText, div.messageText";
    /// XenForo 2's body proper; styles that drop `.message-body` keep it.
    BB_WRAPPER = "div.bbWrapper";
    USER_BLOCK = ".message-cell--user, .message-user, .messageUserInfo, .messageUserBlock";
    NAME_BLOCK = ".message-name, .userText";
    USERNAME = ".username";
    USER_TITLE = ".userTitle";
    BANNER = ".userBanner";
    PAIRS = "dl";
    AVATAR_IMG = ".message-avatar img, .avatarHolder img, .avatar img";
    AVATAR = ".avatar, [class*='avatar-u']";
    USER_ID = "[data-user-id]";
    ONLINE = ".message-avatar--online, .message-avatar-online, .onlineMarker, .messageUserBlock.online";
    DATE = "time.u-dt, time[datetime], abbr.DateTime, span.DateTime";
    EDIT = ".message-lastEdit, .editDate";
    PERMALINK = "a.datePermalink, .message-attribution-main a[href], a.message-attribution-main, \
                 .message-permalink a[href], a.postNumber, .message-attribution-opposite a[href]";
    SIGNATURE = ".message-signature, .signature";
    REACTIONS = ".reactionsBar, .likesBar, .likesSummary, .dcLikes";
    REACTION_KIND = ".reactionSummary li";
    REACTION_COUNT = ".reactionCount";
    BDI_OR_SPAN = "bdi, span";
    BDI = "bdi";
    USER_LINK = "a.username";
    ATTACHMENT = ".attachmentList li.attachment, .attachedFiles li.attachment, .message-attachments li.file";
    ATTACHMENT_NAME = ".attachment-name a, .filename a, h6 a, .file-name";
    ATTACHMENT_LINK = "a.file-preview[href], a[href]";
    ATTACHMENT_SIZE = ".attachment-details-size";
    ATTACHMENT_VIEWS = ".attachment-details-views";
    ATTACHMENT_META = ".file-meta";
    INLINE_IMG = "img[alt]";
    TITLE_XF2 = "h1.p-title-value";
    TITLE_XF1 = ".titleBar h1";
    TITLE_ANY = "h1";
    TITLE_CUSTOM = ".title";
    CRUMBS = "ul.p-breadcrumbs, .breadcrumb .crumbs, ul.breadcrumb, .breadcrumb";
    CRUMB_LINK = "a[href]";
    CRUMB_XF1 = "a.crumb[href]";
    DD = "dd";
    PAGE_NAV = ".pageNav, .PageNav";
    PAGE_CURRENT = ".pageNav-page--current, a.currentPage";
    PAGE_NEXT = "a.pageNav-jump--next";
    PAGE_TEXT_LINK = "a.text[href]";
    PAGE_PREV = "a.pageNav-jump--prev";
    SITE_NAME = r#"meta[property="og:site_name"][content]"#;
}

/// XenForo's body markup. XenForo 2: `blockquote.bbCodeBlock--quote` holding a
/// `div.bbCodeBlock-title` ("NAME said:", "Zitat von NAME:") and a "Click to expand..." link;
/// code in `pre.bbCodeCode` under a "Code:" title. XenForo 1: `div.bbCodeQuote` holding
/// `div.attribution` ("NAME said: ↑", the arrow a jump link) and `div.quoteExpand`; code
/// under a `div.type` label.
struct XfMarkup;

impl Markup for XfMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        if is_quote(el) {
            Role::Quote
        } else if has_class(el, "attribution")
            || (has_class(el, "bbCodeBlock-title") && parent(el).is_some_and(is_quote))
        {
            Role::QuoteHeader
        } else if has_class(el, "bbCodeBlock-title")
            || has_class(el, "bbCodeBlock-expandLink")
            || has_class(el, "quoteExpand")
            || has_class(el, "AttributionLink")
            || has_class(el, "mb_gotoSource")
            || has_class(el, "messageTextEndMarker")
            || has_class(el, "js-selectToQuoteEnd")
            || has_class(el, "lbContainer-zoomer")
            || (has_class(el, "type") && parent(el).is_some_and(|p| has_class(p, "bbCodeBlock")))
        {
            Role::Skip
        } else if name == "pre" || name == "code" {
            Role::Code
        } else {
            Role::Normal
        }
    }

    /// Smilies (XenForo 2 `img.smilie`, XenForo 1 `img.mceSmilie`/`mceSmilieSprite`) read as
    /// their code (":D").
    fn alt_text(&self, img: ElementRef<'_>) -> Option<String> {
        let alt = img
            .value()
            .classes()
            .any(|c| c == "smilie" || c.starts_with("mceSmilie"))
            .then(|| img.attr("alt").and_then(non_empty))
            .flatten()?;
        Some(emoji(&alt).unwrap_or(alt))
    }
}

/// XenForo 2 names emoji sprites by their code points (":1f44c:", ":1f1e9-1f1ea:"); only
/// code points of the emoji and symbol blocks count, so ":cafe:" stays a smilie code.
fn emoji(alt: &str) -> Option<String> {
    let inner = alt.strip_prefix(':')?.strip_suffix(':')?;
    inner
        .split('-')
        .map(|hex| {
            let c = u32::from_str_radix(hex, 16).ok().filter(|_| hex.len() >= 4)?;
            let emoji = (0x2000..=0x2bff).contains(&c) || (0x1f000..=0x1faff).contains(&c) || c == 0xfe0f;
            emoji.then(|| char::from_u32(c)).flatten()
        })
        .collect()
}

fn is_quote(el: ElementRef<'_>) -> bool {
    has_class(el, "bbCodeBlock--quote") || has_class(el, "bbCodeQuote")
}

fn parent(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    el.parent().and_then(ElementRef::wrap)
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies = post_bodies(doc);
    if bodies.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "XenForo post bodies (article.message-body, blockquote.messageText)".into(),
        });
    }
    let containers = crate::page::containers(doc, &bodies, |a| has_class(a, "message"));
    // The canonical link is the page's own URL (the parser falls back to it too); the
    // topic's URL is derived from it.
    let mut thread = Thread { url: ctx.canonical(), ..Thread::new(Engine::Xenforo, Format::Html) };
    let (crumbs, home) = breadcrumbs(doc, ctx);
    thread.topic = topic(doc, thread.url.as_deref(), crumbs);
    thread.page = page(doc, ctx);
    thread.site = site(doc, home);
    for (i, (body, container)) in bodies.iter().zip(containers).enumerate() {
        thread.posts.push(post(doc, *body, container, ctx, i + 1));
    }
    Ok(thread)
}

/// Post bodies in page order: XenForo 2's `article.message-body` (its `div.bbWrapper`, which
/// 2.2 wraps in `div[itemprop=text]`), XenForo 1's `blockquote.messageText`, else any
/// `div.bbWrapper`. Bodies nested in another are skipped, and so are signatures (XenForo
/// 1's is a `div.signature.messageText`).
fn post_bodies<'a>(doc: &Document<'a>) -> Vec<ElementRef<'a>> {
    let outermost = |sel: &scraper::Selector| -> Vec<ElementRef<'_>> {
        doc.select(sel)
            .filter(|b| !b.ancestors().filter_map(ElementRef::wrap).any(|a| sel.matches(&a)))
            .filter(|b| !is_signature(*b) && !b.ancestors().filter_map(ElementRef::wrap).any(is_signature))
            .collect()
    };
    let mut bodies = outermost(&BODY);
    if bodies.is_empty() {
        bodies = outermost(&BB_WRAPPER);
    }
    bodies
        .into_iter()
        .map(|b| if BB_WRAPPER.matches(&b) { b } else { b.select(&BB_WRAPPER).next().unwrap_or(b) })
        .collect()
}

fn is_signature(el: ElementRef<'_>) -> bool {
    has_class(el, "message-signature") || has_class(el, "signature")
}

fn post<'a>(
    doc: &Document<'a>,
    body: ElementRef<'a>,
    container: ElementRef<'a>,
    ctx: &mut Ctx,
    n: usize,
) -> Post {
    let mut post = Post::default();
    let outside = |el: &ElementRef<'_>| !contains(body, *el);
    let user = doc.select_in(container, &USER_BLOCK).find(outside);

    let permalink = doc.select_in(container, &PERMALINK).find(outside).and_then(|a| a.attr("href"));
    post.id = container_post_id(container).or_else(|| permalink.and_then(post_id));
    post.url = permalink.and_then(|h| ctx.url(h));
    post.position = position(container, body);

    let edit = doc.select_in(container, &EDIT).find(outside);
    let date_el = doc.select_in(container, &DATE).find(|d| {
        outside(d)
            && edit.is_none_or(|e| !contains(e, *d))
            && !d.ancestors().filter_map(ElementRef::wrap).any(|a| REACTIONS.matches(&a))
    });
    match date_el {
        Some(el) => {
            let (raw, date) = read_time(el, ctx, n, "date");
            post.date_raw = raw;
            post.date = date;
        }
        None => match date_text(container, body) {
            Some(raw) => {
                post.date = ctx.date(&raw, Some(n), "date");
                post.date_raw = Some(raw);
            }
            None => ctx.warn(Some(n), "date", "no time.u-dt or .DateTime element in the post"),
        },
    }
    post.edited = edit.and_then(|e| edited(e, ctx, n));

    post.author = match user {
        Some(block) => author(doc, block, ctx, n),
        None => {
            ctx.warn(Some(n), "author", "no author block (.message-cell--user, .messageUserInfo)");
            Author::default()
        }
    };
    if post.author.name.is_none() {
        // `data-author` names the author even where the author block is a custom one.
        post.author.name = container.attr("data-author").and_then(non_empty);
    }
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author block");
    }

    body::read(body, &XfMarkup, ctx, n).fill(&mut post);
    post.signature = doc.select_in(container, &SIGNATURE).find(outside).and_then(|s| {
        let inner = s.select(&BB_WRAPPER).next().unwrap_or(s);
        body::signature(inner, &XfMarkup, ctx, n)
    });
    post.attachments = attachments(container, body, ctx);
    post.reactions = doc.select_in(container, &REACTIONS).filter(outside).filter_map(reactions).collect();
    post
}

/// The post id of the container: XenForo 2's `id="js-post-N"`, XenForo 1's `id="post-N"`,
/// else an anchor inside it (`span.u-anchorTarget#post-N`, `a[name=post-N]`).
fn container_post_id(container: ElementRef<'_>) -> Option<String> {
    let of = |id: &str| {
        let id = id.strip_prefix("js-").unwrap_or(id);
        id.strip_prefix("post-").and_then(leading_id)
    };
    container.attr("id").and_then(of).or_else(|| {
        container.descendants().filter_map(ElementRef::wrap).take(8).find_map(|e| {
            e.attr("id").or_else(|| (e.value().name() == "a").then(|| e.attr("name")).flatten()).and_then(of)
        })
    })
}

/// "#12": the post's place in the thread, shown beside its permalink.
fn position(container: ElementRef<'_>, body: ElementRef<'_>) -> Option<u32> {
    container.descendants().filter_map(ElementRef::wrap).filter(|e| !contains(body, *e)).find_map(|e| {
        let own = own_text(e);
        let digits = own.strip_prefix('#')?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok()
    })
}

/// A date element as shown (its title, else its text) and normalized: XenForo 2's
/// `time.u-dt[datetime]` gives the local time with its offset; XenForo 1's
/// `span.DateTime[title]` the full date and time where the text shows the day only;
/// `abbr.DateTime` its `data-datestring` and `data-timestring` where the text is relative
/// ("Today at 10:47 AM"); `data-time` (Unix time) is the last resort.
fn read_time(
    el: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
    field: &str,
) -> (Option<String>, Option<Timestamp>) {
    // The title is the full form of what the text abbreviates ("Sep 9, 2017" or "Freitag
    // um 00:40 Uhr" for "Sep 9, 2017 at 1:19 AM", "24. April 2020 um 00:40 Uhr").
    let text = non_empty(&el.text().collect::<String>());
    let raw = el.attr("title").and_then(non_empty).or_else(|| text.clone());
    let split = match (el.attr("data-datestring"), el.attr("data-timestring")) {
        (Some(d), Some(t)) => Some(format!("{d} {t}")),
        _ => None,
    };
    let candidates =
        [el.attr("datetime"), el.attr("title"), split.as_deref(), text.as_deref(), el.attr("data-time")];
    let found = candidates.into_iter().flatten().find_map(|c| parse_date(c.trim(), &ctx.dates).ok());
    let date = match (found, &raw) {
        (Some(ts), _) => Some(ts),
        (None, Some(raw)) => ctx.date(raw, Some(n), field),
        (None, None) => {
            ctx.warn(Some(n), field, "empty date element");
            None
        }
    };
    (raw, date)
}

/// Styles that print the date as plain text (juraforum's `h3.userText small span`): the
/// first leaf outside the body whose text reads as a date.
fn date_text(container: ElementRef<'_>, body: ElementRef<'_>) -> Option<String> {
    container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| !contains(body, *e) && e.children().all(|c| c.value().is_text()))
        .filter(|e| !e.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "dl"))
        .map(|e| squash(&e.text().collect::<String>()))
        .find(|t| {
            !t.is_empty()
                && t.len() < 60
                && t.chars().any(|c| c.is_ascii_digit())
                && crate::normalize::date::is_date(t)
        })
}

/// "Last edited: DATE" (XenForo 2 `div.message-lastEdit`, XenForo 1 `div.editDate`); the
/// editor is not named ("Last edited by a moderator").
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    if let Some(time) = el.select(&DATE).next() {
        let (date_raw, date) = read_time(time, ctx, n, "edited.date");
        return Some(Edited { date, date_raw, by: None, reason: None });
    }
    let text = squash(&el.text().collect::<String>());
    if text.is_empty() {
        return None;
    }
    let (date_raw, _) = body::split_edit(&text, None);
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by: None, reason: None })
}

/// Reads the author block: name and profile link, user title, banners, avatar, online
/// marker, and the labeled pairs (`dl` of `dt`/`dd`: messages, joined, location, ...).
fn author<'a>(doc: &Document<'a>, block: ElementRef<'a>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let name_block = doc.select_in(block, &NAME_BLOCK).next();
    let link = name_block
        .and_then(|b| b.select(&crate::page::ANCHOR).next())
        .or_else(|| doc.select_in(block, &USER_LINK).find(|l| l.attr("href").is_some()));
    a.name = name_block
        .and_then(|b| b.select(&USERNAME).next())
        .or(link)
        .and_then(|e| non_empty(&e.text().collect::<String>()))
        .or_else(|| name_block.and_then(|b| non_empty(&own_text(b))));
    if let Some(href) = link.and_then(|l| l.attr("href")) {
        a.url = ctx.url(href);
        a.id = xf_id(href);
    }
    if a.id.is_none() {
        a.id = block
            .select(&USER_ID)
            .find_map(|e| e.attr("data-user-id").and_then(leading_id))
            .or_else(|| doc.select_in(block, &AVATAR).find_map(avatar_user_id));
    }
    if a.id.as_deref() == Some("0") {
        a.id = None; // XenForo marks guests as user 0
    }

    a.title = doc.select_in(block, &USER_TITLE).find_map(|t| non_empty(&t.text().collect::<String>()));
    for banner in doc.select_in(block, &BANNER) {
        let Some(text) = non_empty(&banner.text().collect::<String>()) else { continue };
        if a.rank.is_none() && !is_thread_starter_banner(banner) {
            a.rank = Some(text);
        } else {
            a.fields.push(Field { label: "Banner".into(), value: text });
        }
    }
    a.avatar_url = doc.select_in(block, &AVATAR_IMG).find_map(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.online = block
        .select(&ONLINE)
        .next()
        .is_some()
        .then_some(true)
        .or_else(|| has_class(block, "online").then_some(true));

    for dl in doc.select_in(block, &PAIRS) {
        let mut label: Option<String> = None;
        for item in dl.children().filter_map(ElementRef::wrap) {
            match item.value().name() {
                "dt" => label = pair_label(item),
                "dd" => {
                    let (Some(label), Some(value)) = (label.take(), pair_value(item)) else { continue };
                    chrome::profile_field(&mut a, &label, &value, ctx, n, DayOrder::Auto);
                }
                _ => {}
            }
        }
    }
    // A guest has no member id or profile, and no member facts (styles that hide profile
    // links from visitors still show the post count).
    a.guest = a.name.is_some()
        && a.id.is_none()
        && a.url.is_none()
        && a.post_count.is_none()
        && a.joined.is_none()
        && a.fields.is_empty();
    a
}

/// The thread starter's badge ("Original poster") is not a member group: styles mark it by
/// class (`userBanner--op`) or only by its text.
fn is_thread_starter_banner(el: ElementRef<'_>) -> bool {
    let text = squash(&el.text().collect::<String>()).to_lowercase();
    el.value().classes().any(|c| c.ends_with("--op") || c.to_ascii_lowercase().contains("threadstarter"))
        || THREAD_STARTER.contains(&text.as_str())
}

/// Banner texts of the thread starter's badge.
const THREAD_STARTER: &[&str] = &[
    "thread starter",
    "threadstarter",
    "original poster",
    "op",
    "themenstarter",
    "themenersteller",
    "auteur de la discussion",
    "autor del tema",
];

/// XenForo 2 avatars carry the member id in a class: `avatar-u56111-m`; XenForo 1 in
/// `Av56111m`.
fn avatar_user_id(el: ElementRef<'_>) -> Option<String> {
    el.value()
        .classes()
        .find_map(|c| c.strip_prefix("avatar-u").or_else(|| c.strip_prefix("Av")).and_then(leading_id))
}

/// A `dt` label without its colon; icon-only labels (MacRumors) give their tooltip title.
fn pair_label(dt: ElementRef<'_>) -> Option<String> {
    non_empty(&dt.text().collect::<String>())
        .or_else(|| {
            dt.descendants().filter_map(ElementRef::wrap).find_map(|e| e.attr("title").and_then(non_empty))
        })
        .map(|l| l.trim_end_matches(':').trim_end().to_owned())
        .filter(|l| !l.is_empty())
}

/// A `dd` value: its text without buttons (XenForo 1's spoiler toggles for custom fields),
/// lines kept; an image-only value (a location flag) gives the image's title.
fn pair_value(dd: ElementRef<'_>) -> Option<String> {
    let mut lines: Vec<String> = vec![String::new()];
    let mut stack: Vec<ego_tree::NodeRef<'_, Node>> = dd.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => {
                if let Some(line) = lines.last_mut() {
                    line.push_str(t);
                }
            }
            Node::Element(e) => match e.name() {
                "button" | "script" | "style" => {}
                "br" => lines.push(String::new()),
                _ => stack.extend(node.children().rev()),
            },
            _ => {}
        }
    }
    let text: Vec<String> = lines.iter().filter_map(|l| non_empty(l)).collect();
    if !text.is_empty() {
        return Some(text.join("\n"));
    }
    dd.select(&crate::page::IMG).find_map(|i| i.attr("title").or_else(|| i.attr("alt")).and_then(non_empty))
}

/// Likes and reactions under a post. XenForo 1 `div.likesSummary`: "A, B and <a>12
/// others</a> like this."; XenForo 2.0 `div.likesBar`; XenForo 2.1+ `div.reactionsBar`:
/// the reaction kinds as images in `ul.reactionSummary`, then "A, B and 12 others".
fn reactions(bar: ElementRef<'_>) -> Option<Reaction> {
    let mut users: Vec<String> = Vec::new();
    let mut others: u64 = 0;
    let names_in = bar.select(&USER_LINK).next().is_some();
    if names_in {
        // XenForo 1: names are member links, "12 others" a link of its own.
        for a in bar.select(&crate::page::ANCHOR) {
            let text = squash(&a.text().collect::<String>());
            if has_class(a, "username") {
                users.push(text);
            } else if text.chars().any(|c| c.is_ascii_digit()) {
                others += parse_count(&text).unwrap_or(0);
            }
        }
    } else if let Some(list) = bar
        .select(&crate::page::ANCHOR)
        .find(|a| a.select(&BDI).next().is_some())
        .or_else(|| bar.select(&crate::page::ANCHOR).next())
    {
        // XenForo 2: `<bdi>` names in one link, then " and 12 others".
        for child in list.children() {
            match child.value() {
                Node::Text(t) => others += others_count(t).1.unwrap_or(0),
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(child) else { continue };
                    if !BDI_OR_SPAN.matches(&el) {
                        continue;
                    }
                    // A broken template leaves "NAME and 8 others" in one element.
                    let (name, more) = others_count(&el.text().collect::<String>());
                    users.extend(name);
                    others += more.unwrap_or(0);
                }
                _ => {}
            }
        }
    }
    let kinds: Vec<(String, Option<u64>)> = bar
        .select(&REACTION_KIND)
        .filter_map(|li| {
            let kind = li
                .select(&crate::page::IMG)
                .find_map(|i| i.attr("title").or_else(|| i.attr("alt")).and_then(non_empty))?;
            let count =
                li.select(&REACTION_COUNT).next().and_then(|c| parse_count(&c.text().collect::<String>()));
            Some((kind, count))
        })
        .collect();
    let total = u64::try_from(users.len()).unwrap_or(u64::MAX).saturating_add(others);
    if total == 0 && kinds.iter().all(|(_, c)| c.is_none()) {
        return None;
    }
    let (kind, count) = match kinds.as_slice() {
        [(kind, count)] => (kind.clone(), count.unwrap_or(total)),
        [] if has_class(bar, "reactionsBar") => ("reaction".to_owned(), total),
        [] => ("Like".to_owned(), total),
        _ => ("reaction".to_owned(), total),
    };
    Some(Reaction { kind, count: count.max(total), users })
}

/// Splits "NAME and 8 others" / " und 23 andere" / " and 1 other person" into the name
/// before the conjunction (if any) and the number of others (the last all-digit word).
fn others_count(text: &str) -> (Option<String>, Option<u64>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(i) = words.iter().rposition(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())) else {
        return (non_empty(text.trim_matches(|c: char| c == ',' || c.is_whitespace())), None);
    };
    let count = words[i].parse().ok();
    let name = words[..i.saturating_sub(1)].join(" ");
    (non_empty(name.trim_matches(',')), count)
}

/// Attachments: XenForo 2's `section.message-attachments` (2.0/2.1 `li.attachment`, 2.2
/// `li.file` with "45.2 KB · Views: 120"), XenForo 1's `div.attachedFiles` (name, link,
/// size, views), then images attached inline in the body (`/attachments/` links and
/// sources, named by their `alt`), outside quotes.
fn attachments(container: ElementRef<'_>, body: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    for li in container.select(&ATTACHMENT).filter(|l| !contains(body, *l)) {
        let Some(label) = li.select(&ATTACHMENT_NAME).next() else { continue };
        let Some(name) =
            non_empty(&label.text().collect::<String>()).or_else(|| label.attr("title").and_then(non_empty))
        else {
            continue;
        };
        let href = label.attr("href").or_else(|| li.select(&ATTACHMENT_LINK).find_map(|a| a.attr("href")));
        let mut att = Attachment { name, url: href.and_then(|h| ctx.url(h)), ..Attachment::default() };
        att.size = li.select(&ATTACHMENT_SIZE).next().and_then(|s| parse_size(&s.text().collect::<String>()));
        att.downloads =
            li.select(&ATTACHMENT_VIEWS).next().and_then(|s| parse_count(&s.text().collect::<String>()));
        if let Some(meta) = li.select(&ATTACHMENT_META).next() {
            let meta = squash(&meta.text().collect::<String>());
            let mut parts = meta.split('·');
            att.size = parts.next().and_then(parse_size);
            att.downloads = parts.next().and_then(parse_count);
        }
        // XenForo 1: "File size: 45.2 KB", "Views: 120" as `dl` pairs.
        for dd in li.select(&DD) {
            let value = squash(&dd.text().collect::<String>());
            if value.chars().any(char::is_alphabetic) {
                att.size = att.size.or_else(|| parse_size(&value));
            } else {
                att.downloads = att.downloads.or_else(|| parse_count(&value));
            }
        }
        out.push(att);
    }
    for img in body.select(&INLINE_IMG) {
        if img.ancestors().filter_map(ElementRef::wrap).any(is_quote) {
            continue;
        }
        let link = img.ancestors().filter_map(ElementRef::wrap).take(2).find(|a| a.value().name() == "a");
        let href = link.and_then(|a| a.attr("href")).or_else(|| img.attr("src"));
        let Some(href) = href.filter(|h| is_attachment_url(h)) else { continue };
        let Some(name) = img.attr("alt").and_then(non_empty).filter(|a| !a.starts_with('[')) else {
            continue;
        };
        let url = ctx.url(href);
        if out.iter().any(|a| a.url == url) {
            continue;
        }
        out.push(Attachment { name, url, size: None, downloads: None });
    }
    out
}

fn is_attachment_url(href: &str) -> bool {
    href.starts_with("attachments/") || href.contains("/attachments/")
}

/// The id in a XenForo URL: the number after the last dot of the route's last segment
/// (`threads/slug.123/`, `members/name.456/`, `forums/news.7/`, custom
/// `forum/t/slug.675629/`, `slug.904645-page-2.html`), or an all-digit segment
/// (`members/456/`). Page and post suffixes are ignored.
pub(crate) fn xf_id(href: &str) -> Option<String> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let segment = segments
        .iter()
        .rev()
        .find(|s| !(s.starts_with("page-") || s.starts_with("post-") || s.contains('?')))?;
    let segment = segment.strip_suffix(".html").unwrap_or(segment);
    let segment = match segment.find("-page-") {
        Some(i) => &segment[..i],
        None => segment,
    };
    if segment.bytes().all(|b| b.is_ascii_digit()) && !segment.is_empty() && segments.len() > 1 {
        return Some(segment.to_owned());
    }
    let (_, id) = segment.rsplit_once('.')?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
}

/// The thread's URL without its page: up to and including the thread id's segment.
fn thread_url(href: &str) -> String {
    let path_end = href.find(['?', '#']).unwrap_or(href.len());
    let path = &href[..path_end];
    let trimmed = path.trim_end_matches('/');
    let base = match trimmed.rsplit_once('/') {
        Some((head, last)) if last.starts_with("page-") => format!("{head}/"),
        _ => path.to_owned(),
    };
    match base.find("-page-") {
        Some(i) if base.ends_with(".html") => format!("{}.html", &base[..i]),
        _ => base,
    }
}

/// The topic header (`h1.p-title-value`, `.titleBar h1`), breadcrumbs and board.
fn topic(doc: &Document<'_>, canonical: Option<&str>, crumbs: Vec<Link>) -> Topic {
    let mut topic = Topic::default();
    topic.title = [&*TITLE_XF2, &*TITLE_XF1, &*TITLE_ANY]
        .into_iter()
        .find_map(|sel| doc.select(sel).next())
        .and_then(title_text)
        .or_else(|| {
            doc.select(&crate::page::TITLE).next().and_then(|t| non_empty(&t.text().collect::<String>()))
        });
    topic.url = canonical.map(thread_url);
    topic.id = topic.url.as_deref().and_then(xf_id).or_else(|| {
        doc.root_element()
            .attr("data-content-key")
            .and_then(|k| k.strip_prefix("thread-"))
            .and_then(leading_id)
    });
    topic.breadcrumbs = crumbs;
    topic.board = topic.breadcrumbs.last().map(|c| Board {
        id: c.url.as_deref().filter(|u| !u.contains('#')).and_then(xf_id),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic
}

/// The title without its prefix label (`span.label`, XenForo 1 `span.prefix`) and without
/// what custom styles put beside it in the `h1` (page navigation, vote buttons): a custom
/// `.title` element wins when present.
fn title_text(h1: ElementRef<'_>) -> Option<String> {
    if let Some(t) = h1.select(&TITLE_CUSTOM).next() {
        return non_empty(&t.text().collect::<String>());
    }
    let mut text = String::new();
    let mut stack: Vec<ego_tree::NodeRef<'_, Node>> = h1.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                let chrome = ["label", "label-append", "prefix", "PageNav", "pageNav"]
                    .iter()
                    .any(|c| e.classes().any(|k| k == *c))
                    || matches!(e.name(), "nav" | "script" | "style");
                if !chrome {
                    stack.extend(node.children().rev());
                }
            }
            _ => {}
        }
    }
    non_empty(&text)
}

/// The breadcrumb trail above the posts (the first of the two XenForo prints), down to the
/// forum holding the thread, and the URL of its first link (the home, an icon in some
/// styles); crumbs without text are left out of the trail.
fn breadcrumbs(doc: &Document<'_>, ctx: &Ctx) -> (Vec<Link>, Option<String>) {
    let Some(trail) = doc.select(&CRUMBS).next() else {
        return (Vec::new(), None);
    };
    let sel = if trail.select(&CRUMB_XF1).next().is_some() { &*CRUMB_XF1 } else { &*CRUMB_LINK };
    let home = trail.select(sel).next().and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    let crumbs = trail.select(sel).filter_map(|a| chrome::link(a, ctx)).collect();
    (crumbs, home)
}

/// The site: its name from `og:site_name` (the first crumb is a generic "Home" or
/// "Forums"), its URL from the trail's first link.
fn site(doc: &Document<'_>, home: Option<String>) -> Option<Site> {
    let name = doc.select(&SITE_NAME).next().and_then(|m| m.attr("content")).and_then(non_empty);
    (name.is_some() || home.is_some()).then_some(Site { name, url: home })
}

/// XenForo 2 `div.pageNav` (`li.pageNav-page--current`, `a.pageNav-jump--next`), XenForo 1
/// `div.PageNav` (`a.currentPage`, "Next >" / "< Prev" text links): the current number, the
/// largest linked number as the total, the neighbors' links.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let Some(nav) = doc.select(&PAGE_NAV).next() else {
        return Page::default();
    };
    let shape = PageBox {
        next: Some(&PAGE_NEXT),
        prev: Some(&PAGE_PREV),
        stated: nav.attr("data-page").and_then(|p| p.parse().ok()),
        ..PageBox::new(&PAGE_CURRENT)
    };
    let mut page = chrome::pagination(nav, ctx, &shape);
    // This page counts toward the total even when the box shows its number nowhere.
    page.total = page.total.max(Some(page.number));
    if page.next_url.is_none() {
        // XenForo 1's "Next >" (an `a.text`, as "< Prev" is).
        page.next_url = nav
            .select(&PAGE_TEXT_LINK)
            .find(|a| a.text().any(|t| t.contains('>')))
            .and_then(|a| a.attr("href"))
            .and_then(|h| ctx.url(h));
    }
    page
}

/// The page's posts counted by their ids, apart from the bodies the parser reads posts from
/// (`engines::POST_COUNTERS`): distinct post ids of #post-N and [data-content=post-N].
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of #post-N and [data-content=post-N]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_xenforo_urls() {
        let cases = [
            ("https://forum.statcounter.com/threads/custom-tags-examples.44340/", Some("44340")),
            ("/threads/custom-tags-examples.44340/post-261446", Some("44340")),
            ("threads/marsh-cm13.405700/page-5", Some("405700")),
            ("threads/marsh-cm13.405700/#post-14001052", Some("405700")),
            ("/members/rory_a.56111/", Some("56111")),
            ("members/56111/", Some("56111")),
            (
                "https://www.juraforum.de/forum/t/fahrtkostenerstattung-bei-falschen-rezepten.675629/",
                Some("675629"),
            ),
            ("/forum/samsung-allgemein.423/faq-s10-snapdragon-variante.904645-page-2.html", Some("904645")),
            ("/forum/samsung-allgemein.423/", Some("423")),
            ("https://www.gtplanet.net/forum/board/f1-2018/", None),
            ("https://forum.statcounter.com", None),
        ];
        for (href, want) in cases {
            assert_eq!(xf_id(href).as_deref(), want, "{href}");
        }
    }

    #[test]
    fn thread_urls_lose_their_page() {
        assert_eq!(thread_url("https://f.example/threads/a.5/page-3"), "https://f.example/threads/a.5/");
        assert_eq!(thread_url("https://f.example/threads/a.5/"), "https://f.example/threads/a.5/");
        assert_eq!(thread_url("https://f.example/f/x.1/a.5-page-2.html"), "https://f.example/f/x.1/a.5.html");
    }

    #[test]
    fn others_in_like_lists() {
        assert_eq!(others_count(" and 8 others"), (None, Some(8)));
        assert_eq!(others_count("Advikaarun and 8 others"), (Some("Advikaarun".into()), Some(8)));
        assert_eq!(others_count(" und 23 andere"), (None, Some(23)));
        assert_eq!(others_count(" and 1 other person"), (None, Some(1)));
        assert_eq!(others_count(", "), (None, None));
        assert_eq!(others_count("Baal Netbeck"), (Some("Baal Netbeck".into()), None));
    }

    #[test]
    fn emoji_sprites_read_as_emoji() {
        assert_eq!(emoji(":1f44c:").as_deref(), Some("\u{1f44c}"));
        assert_eq!(emoji(":1f1e9-1f1ea:").as_deref(), Some("\u{1f1e9}\u{1f1ea}"));
        assert_eq!(emoji(":winki:"), None);
        assert_eq!(emoji(":D"), None);
        assert_eq!(emoji(":20:"), None);
        assert_eq!(emoji(":cafe:"), None);
        assert_eq!(emoji(":2764-fe0f:").as_deref(), Some("\u{2764}\u{fe0f}"));
    }
}
