//! vBulletin: 3.8 (table postbits, `postbit_legacy`, vBSEO themes), 4.x (`li.postbitlegacy`
//! and `li.postbit`, right-to-left styles), 5.x and 6.x (`li.b-post`).
//!
//! Posts are found by their bodies: `div#post_message_N` (3.x, 4.x; 4.x puts the text in a
//! `blockquote.postcontent` inside it) or `div.js-post__content-text` (5.x, 6.x). A post's
//! container is the nearest postbit (`li.postcontainer`, `li.b-post`, `table#postN`) holding
//! that body and no other, else the largest element that does. Some themes print an advert
//! in a copy of a postbit under the same post id: of the copies, the one with text is kept.
//!
//! Within the container the author block is `div.userinfo` (4.x), `div.b-userinfo` (5.x,
//! 6.x) or the cell holding `a.bigusername` (3.8). Profile facts come as `dt`/`dd` pairs
//! (4.x), labelled list items (5.x, 6.x) or "Label: value" lines (3.8).

use std::collections::HashMap;

use scraper::{ElementRef, Selector};

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Reaction, Site, Thread,
    Topic, Viewers,
};
use crate::normalize::date::{DayOrder, is_date as looks_like_date};
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, post_id, query_param};
use crate::page::Document;
use crate::page::contains;
use crate::page::{first_outside, has_class, own_text, selectors, text};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // 3.x and 4.x: the message div every postbit has.
    ("div[id^='post_message_']", 3),
    // 4.x postbits, 5.x and 6.x posts.
    ("li.postcontainer[id^='post_'], li.postbitlegacy[id^='post_'], li.postbit[id^='post_']", 3),
    ("li.b-post div.js-post__content-text", 3),
    ("a.bigusername, a[id^='postcount']", 2),
    ("div.b-userinfo, div.userinfo span.usertitle", 2),
    ("div.bbcode_container div.bbcode_quote, div.bbcode_postedby", 1),
];

selectors! {
    POST_IDS = "[id^='post_message_'], li.b-post[data-node-id]";
}

selectors! {
    BODY = "div[id^='post_message_'], div.js-post__content-text";
    POSTCONTENT = "blockquote.postcontent";
    CONTAINER = "li.postcontainer, li.postbit, li.postbitlegacy, li.b-post, table[id^='post'], section[id^='post']";
    POSTCOUNT = "a[id^='postcount']";
    POSTCOUNTER = "a.postcounter, a.b-post__count, .nodecontrols";
    PERMALINK = "a.postcounter[href], a.b-post__count[href]";
    ANCHOR_ID = "a.anchor[id^='post'], a[name^='post']";
    SUBJECT = "h2.title, h2.posttitle, .b-post__title, [itemprop='alternativeHeadline'], td[id^='td_post_'] > div.smallfont > strong";
    DATE_SPAN = "span.date";
    DATE_ITEMPROP = "[itemprop='dateCreated'], .b-post__timestamp time";
    THEAD = ".thead";
    USERINFO = "div.userinfo, div.userinfo_noavatar, div.b-userinfo";
    POSTMENU = "[id^='postmenu_']";
    BIGUSERNAME = ".bigusername";
    NAME = ".username, .bigusername, .author [itemprop='name'], .author a";
    PROFILE = "a.username[href], a.bigusername[href], .author a[href], a.siteicon_profile[href]";
    USERTITLE = ".usertitle";
    RANK = ".rank, .b-userinfo__rank";
    RANK_ICON = "img, i";
    DT = "dt";
    INFO_ITEM = "li.b-userinfo__additional-info";
    INFO_LABEL = "label";
    INFO_VALUE = "span";
    STATUS = "a.username, .onlinestatus, .online-status, .user_online, .user_offline, img[src*='user_on'], img[src*='user_off'], img[src*='user-on'], img[src*='user-off'], a.postuseravatar, a.postuseravatarlink";
    AVATAR = "a.postuseravatar img, a.postuseravatarlink img, .useravatar_container img, .b-avatar img, img.avatar, img[src*='avatar']";
    REPUTATION = ".postbit_reputation img, [id^='repdisplay_'] img";
    SIGNATURE = ".signaturecontainer, div.signature, .post-signature, .b-post__signature";
    EDITED = ".lastedited, .b-post__edit";
    EDITED_LEGACY = "div.smallfont > em";
    REASON = ".reason";
    ATTACH = "a[id^='attachment'], a[href*='attachment.php'], .attachments a[href]";
    STRONG = "strong, b";
    CODE = "code";
    DIV = "div";
    THREADTITLE = "span.threadtitle, h1.main-title";
    THREADTITLE_LINK = "span.threadtitle a[href], td.navbar > a[href], .breadcrumb > a[href]";
    NAVBAR_TITLE = "td.navbar > strong, .breadcrumb > strong";
    CRUMB_BOX = "#breadcrumb, .breadcrumb, .breadcrumbs-container, #breadcrumbs";
    CRUMB_LI = "li";
    CRUMB_LEGACY = "span.navbar";
    THREAD_ID_INPUT = "input[name='t'][value], input[name='searchthreadid'][value], input[name='nodeid'][value]";
    SITE_NAME = "meta[property='og:site_name'][content]";
    LOGO = "a.logo-image img[alt], #logo img[alt]";
    GENERATOR = "meta[name='generator'][content]";
    VERSION_TEXT = "style#vbulletin_css, #footer_copyright, .copyright, #copyright";
    PAGE_STATS = ".postpagestats";
    PAGE_BOX = ".pagination_top, .pagination, .pagenav";
    PAGE_OF = "a.popupctrl, td.vbmenu_control, .pageno";
    PAGE_CURRENT = ".selected, td.alt2 strong, span.current";
    TITLED = "[title]";
    TITLED_OR_IMG = "img[alt], [title]";
    PAGE_NUM_INPUT = "input.js-pagenum[value]";
    PAGE_TOTAL = ".pagetotal";
    REL_NEXT = "a[rel='next'][href]";
    REL_PREV = "a[rel='prev'][href]";
    HEAD_NEXT = "link[rel='next'][href]";
    HEAD_PREV = "link[rel='prev'][href]";
    VIEWERS = "#thread_onlineusers, #thread_users_list, #collapseobj_showthread_activeusers";
    THANKS_BOX = "[id^='post_thanks_box_']";
    VIEWER_NAME = "a[href]";
}

/// vBulletin's body markup. 4.x, 5.x and 6.x: `div.bbcode_quote` with a
/// `div.bbcode_postedby` header ("Originally Posted by <strong>X</strong>" and a link to the
/// post), `div.bbcode_description` labels before `pre.bbcode_code`. 3.8 marks nothing with
/// classes: a quote is a `div` opening with a `div.smallfont` label ("Quote:"), then a table
/// (or, in some themes, divs) whose header div precedes an italic message div.
struct VbMarkup;

impl Markup for VbMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        if has_class(el, "bbcode_postedby") {
            Role::QuoteHeader
        } else if has_class(el, "bbcode_quote") {
            Role::Quote
        } else if has_class(el, "bbcode_description") {
            Role::Skip
        } else if has_class(el, "bbcode_code") {
            Role::Code
        } else if el.value().name() != "div" {
            Role::Normal
        } else if is_legacy_label(el) {
            Role::Skip
        } else if is_legacy_quote(el) {
            Role::Quote
        } else if is_legacy_quote_header(el) {
            Role::QuoteHeader
        } else if has_class(el, "alt2")
            && prev_element(el).is_some_and(is_legacy_label)
            && el.select(&CODE).next().is_some()
        {
            // 3.8's PHP code: the "PHP Code:" label, then `div.alt2 > code` (a spoiler's
            // `div.alt2` follows its label too, without `code`).
            Role::Code
        } else {
            Role::Normal
        }
    }

    fn quote_author(&self, header: ElementRef<'_>) -> Option<String> {
        header.select(&STRONG).find_map(|s| non_empty(&s.text().collect::<String>()))
    }
}

fn prev_element(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    el.prev_siblings().find_map(ElementRef::wrap)
}

fn next_element(el: ElementRef<'_>) -> Option<ElementRef<'_>> {
    el.next_siblings().find_map(ElementRef::wrap)
}

/// 3.8's "Quote:" / "Code:" label: a short `div.smallfont` ending with a colon, first in its
/// block and followed by the quoted or coded content.
fn is_legacy_label(el: ElementRef<'_>) -> bool {
    if el.value().name() != "div" || !has_class(el, "smallfont") {
        return false;
    }
    if prev_element(el).is_some() || next_element(el).is_none() {
        return false;
    }
    let text = squash(&el.text().collect::<String>());
    text.ends_with(':') && text.chars().count() <= 40
}

/// 3.8's quote block: a label, then a table (default style) or a div that is not code.
fn is_legacy_quote(el: ElementRef<'_>) -> bool {
    let Some(label) = el.children().find_map(ElementRef::wrap) else {
        return false;
    };
    if !is_legacy_label(label) {
        return false;
    }
    next_element(label).is_some_and(|next| match next.value().name() {
        "table" => true,
        "div" => !has_class(next, "alt2"),
        _ => false,
    })
}

/// 3.8's "Originally Posted by <strong>X</strong>" div: followed by the italic message div.
fn is_legacy_quote_header(el: ElementRef<'_>) -> bool {
    next_element(el).is_some_and(|next| {
        next.value().name() == "div"
            && (has_class(next, "postquote")
                || next.attr("style").is_some_and(|s| s.replace(' ', "").contains("font-style:italic")))
    }) && prev_element(el).is_none_or(is_legacy_label)
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let bodies = post_bodies(doc);
    if bodies.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "vBulletin post bodies (div#post_message_N, div.js-post__content-text)".into(),
        });
    }
    // The nearest postbit holding the body and no other, else the largest such ancestor.
    let containers = crate::page::containers(doc, &bodies, |a| CONTAINER.matches(&a));
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Vbulletin, Format::Html) };
    thread.topic = topic(doc, ctx);
    thread.page = page(doc, ctx);
    thread.site = site(doc, &thread.topic.breadcrumbs);
    let mut thanks = thanks(doc);
    for (i, (body, container)) in unique_posts(&bodies, &containers).into_iter().enumerate() {
        let mut post = post(body, container, ctx, i + 1);
        if let Some(reactions) = post.id.as_ref().and_then(|id| thanks.remove(id)) {
            post.reactions = reactions;
        }
        thread.posts.push(post);
    }
    Ok(thread)
}

/// Post bodies in page order, skipping bodies nested in another.
fn post_bodies<'a>(doc: &Document<'a>) -> Vec<ElementRef<'a>> {
    doc.select(&BODY)
        .filter(|b| !b.ancestors().filter_map(ElementRef::wrap).any(|a| BODY.matches(&a)))
        .collect()
}

/// The posts to read: one per post id, in page order. Of copies of a postbit under one id
/// (an advert printed in a copy), the first with text wins.
fn unique_posts<'a>(
    bodies: &[ElementRef<'a>],
    containers: &[ElementRef<'a>],
) -> Vec<(ElementRef<'a>, ElementRef<'a>)> {
    let mut out: Vec<(ElementRef<'a>, ElementRef<'a>)> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (body, container) in bodies.iter().zip(containers) {
        let has_text = !squash(&body.text().collect::<String>()).is_empty();
        match body_post_id(*body, *container) {
            Some(id) => match by_id.get(&id) {
                Some(&i) => {
                    let kept_has_text =
                        out.get(i).is_some_and(|(b, _)| !squash(&b.text().collect::<String>()).is_empty());
                    if has_text && !kept_has_text {
                        if let Some(slot) = out.get_mut(i) {
                            *slot = (*body, *container);
                        }
                    }
                }
                None => {
                    by_id.insert(id, out.len());
                    out.push((*body, *container));
                }
            },
            None => out.push((*body, *container)),
        }
    }
    out.into_iter().map(|(body, container)| (text_root(body), container)).collect()
}

/// 4.x keeps the text in `blockquote.postcontent`; what else sits in `post_message_N`
/// (advert slots, separators) is the theme's.
fn text_root(body: ElementRef<'_>) -> ElementRef<'_> {
    body.select(&POSTCONTENT).next().unwrap_or(body)
}

/// The post id: `post_message_N`, else the container's `post_N`/`postN`, else the anchor
/// `a#postN` (5.x, 6.x).
fn body_post_id(body: ElementRef<'_>, container: ElementRef<'_>) -> Option<String> {
    body.attr("id")
        .and_then(|id| id.strip_prefix("post_message_"))
        .and_then(leading_id)
        .or_else(|| container.attr("id").and_then(id_after_post))
        .or_else(|| {
            container
                .select(&ANCHOR_ID)
                .find_map(|a| a.attr("id").or_else(|| a.attr("name")).and_then(id_after_post))
        })
}

/// "post_123", "post123" → "123".
fn id_after_post(id: &str) -> Option<String> {
    let rest = id.strip_prefix("post")?;
    leading_id(rest.strip_prefix('_').unwrap_or(rest))
}

fn post(body: ElementRef<'_>, container: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post::default();
    let message = body
        .ancestors()
        .filter_map(ElementRef::wrap)
        .find(|a| BODY.matches(a))
        .filter(|a| contains(container, *a))
        .unwrap_or(body);
    post.id = body_post_id(message, container);
    let permalink = first_outside(container, &PERMALINK, &[message])
        .or_else(|| first_outside(container, &POSTCOUNT, &[message]))
        .and_then(|a| a.attr("href"));
    post.url = permalink.and_then(|h| ctx.url(h));
    if post.id.is_none() {
        post.id = permalink.and_then(post_id);
    }
    post.position = position(container, message);
    post.subject =
        container.select(&SUBJECT).filter(|s| !contains(message, *s)).find_map(|s| non_empty(&text(s)));

    let (date_raw, machine) = date_line(container, message);
    match date_raw {
        Some(raw) => {
            post.date = ctx.date(machine.as_deref().unwrap_or(&raw), Some(n), "date");
            post.date_raw = Some(raw);
        }
        None => ctx.warn(Some(n), "date", "no date found in the post header"),
    }
    post.author = match author_block(container, message) {
        Some(block) => author(block, container, message, ctx, n),
        None => {
            ctx.warn(Some(n), "author", "no author block found");
            Author::default()
        }
    };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author block");
    }
    post.edited = edited(container, message, ctx, n);

    body::read(body, &VbMarkup, ctx, n).fill(&mut post);
    post.signature = signature(container, message, ctx, n);
    post.attachments = attachments(container, message, ctx);
    post
}

/// "#661" in the post counter, or the `name` 3.8 and 4.x give `a#postcountN`.
fn position(container: ElementRef<'_>, body: ElementRef<'_>) -> Option<u32> {
    let from_name = first_outside(container, &POSTCOUNT, &[body])
        .and_then(|a| a.attr("name"))
        .and_then(|n| n.trim().parse::<u32>().ok());
    from_name.or_else(|| {
        container.select(&POSTCOUNTER).filter(|e| !contains(body, *e)).find_map(|e| {
            let text = text(e);
            let number = text.strip_prefix('#')?;
            number.trim().parse::<u32>().ok()
        })
    })
}

/// The date as shown, and the machine-readable form when the page gives one (5.x, 6.x
/// `time[datetime]`). 4.x: `span.date`; 3.8 themes: `[itemprop=dateCreated]` or the header
/// cell's own text; else the first short text outside the body that reads as a date.
fn date_line(container: ElementRef<'_>, body: ElementRef<'_>) -> (Option<String>, Option<String>) {
    if let Some(el) = first_outside(container, &DATE_SPAN, &[body]) {
        return (non_empty(&text(el)), None);
    }
    if let Some(el) = first_outside(container, &DATE_ITEMPROP, &[body]) {
        return (non_empty(&text(el)), el.attr("datetime").map(str::to_owned));
    }
    if let Some(text) = first_outside(container, &THEAD, &[body]).map(own_text).filter(|t| looks_like_date(t))
    {
        return (Some(text), None);
    }
    (date_anywhere(container, body), None)
}

/// The first element outside `body` whose own text is a date, skipping "Label: value"
/// lines (a join date) and `dd`s that follow a labelled `dt`.
fn date_anywhere(container: ElementRef<'_>, body: ElementRef<'_>) -> Option<String> {
    let mut stack: Vec<ElementRef<'_>> = vec![container];
    while let Some(el) = stack.pop() {
        if el.id() == body.id() {
            continue;
        }
        let own = own_text(el);
        let labelled_dd = el.value().name() == "dd"
            && prev_element(el).is_some_and(|dt| dt.value().name() == "dt" && !text(dt).is_empty());
        // A date shown alone has digits: words alone ("Bin neu hier") can read as a
        // relative date.
        if (6..=80).contains(&own.len())
            && own.chars().any(|c| c.is_ascii_digit())
            && !labelled_dd
            && chrome::split_label(&own).is_none()
            && looks_like_date(&own)
        {
            return Some(own);
        }
        stack.extend(el.children().filter_map(ElementRef::wrap).collect::<Vec<_>>().into_iter().rev());
    }
    None
}

/// The author block: `div.userinfo` (4.x), `div.b-userinfo` (5.x, 6.x), or the parent of
/// 3.8's `div#postmenu_N` (the cell holding `a.bigusername`).
fn author_block<'a>(container: ElementRef<'a>, body: ElementRef<'a>) -> Option<ElementRef<'a>> {
    first_outside(container, &USERINFO, &[body])
        .or_else(|| {
            first_outside(container, &POSTMENU, &[body]).and_then(|m| m.parent()).and_then(ElementRef::wrap)
        })
        .or_else(|| {
            first_outside(container, &BIGUSERNAME, &[body])
                .and_then(|b| b.ancestors().filter_map(ElementRef::wrap).find(|e| e.value().name() == "td"))
        })
}

fn author(
    block: ElementRef<'_>,
    container: ElementRef<'_>,
    body: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
) -> Author {
    // 3.8 prints a guest's name as bare text in `div#postmenu_N`.
    let name = block
        .select(&NAME)
        .find_map(|e| non_empty(&text(e)))
        .or_else(|| block.select(&POSTMENU).find_map(|m| non_empty(&own_text(m))));
    let mut a = Author { name, ..Author::default() };
    let profile = block.select(&PROFILE).find_map(|l| l.attr("href")).filter(|h| member_id(h).is_some());
    if let Some(href) = profile {
        a.id = member_id(href);
        a.url = ctx.url(href);
    }
    a.title = block.select(&USERTITLE).find_map(|t| non_empty(&text(t))).or_else(|| legacy_title(block));
    let rank_icons: Vec<ElementRef<'_>> = match block.select(&RANK).next() {
        Some(rank) => rank.select(&RANK_ICON).collect(),
        None => legacy_rank_images(block),
    };
    a.rank = rank_icons
        .iter()
        .filter(|i| i.value().name() == "img")
        .find_map(|i| i.attr("alt").and_then(non_empty));
    a.stars = (!rank_icons.is_empty()).then(|| u32::try_from(rank_icons.len()).unwrap_or(u32::MAX));
    // vBulletin mostly shows the month and year ("Join Date: Jan 2005"): kept as a month.
    for (label, value) in profile_pairs(block) {
        chrome::profile_field(&mut a, &label, &value, ctx, n, DayOrder::Auto);
    }
    if let Some(rep) = block.select(&REPUTATION).find_map(|i| i.attr("title").or_else(|| i.attr("alt"))) {
        let rep = squash(rep);
        let rep = match &a.name {
            Some(name) => rep.strip_prefix(name.as_str()).map_or(rep.as_str(), str::trim).to_owned(),
            None => rep,
        };
        if !rep.is_empty() {
            a.fields.push(Field { label: "Reputation".into(), value: rep });
        }
    }
    a.online = online(container, body);
    a.avatar_url = block
        .select(&AVATAR)
        .filter_map(|i| i.attr("data-original").or_else(|| i.attr("src")))
        .find(|src| !src.trim_start().starts_with("data:"))
        .and_then(|src| ctx.url(src));
    a.guest = a.url.is_none()
        && a.avatar_url.is_none()
        && a.post_count.is_none()
        && a.joined.is_none()
        && a.fields.is_empty();
    a
}

/// 3.8's user title: the first `div.smallfont` after the name with text and no image.
fn legacy_title(block: ElementRef<'_>) -> Option<String> {
    block
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "div" && has_class(*e, "smallfont"))
        .take(1)
        .filter(|e| e.select(&crate::page::IMG).next().is_none() && e.select(&DIV).next().is_none())
        .find_map(|e| non_empty(&text(e)))
}

/// 3.8's rank: a `div.smallfont` holding images only, outside links (the avatar's).
fn legacy_rank_images(block: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    block
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "div" && has_class(*e, "smallfont") && text(*e).is_empty())
        .map(|e| {
            e.select(&crate::page::IMG)
                .filter(|i| !i.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a"))
                .collect::<Vec<_>>()
        })
        .find(|imgs| !imgs.is_empty())
        .unwrap_or_default()
}

/// Labelled profile facts as shown (`chrome::profile_field` drops a label's colon, and a
/// pair without label or value): `dt`/`dd` pairs (4.x), `li > label + span` (5.x, 6.x),
/// else 3.8's "Label: value" lines.
fn profile_pairs(block: ElementRef<'_>) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    for dt in block.select(&DT) {
        let value = next_element(dt).filter(|dd| dd.value().name() == "dd").map(text).unwrap_or_default();
        pairs.push((text(dt), value));
    }
    for item in block.select(&INFO_ITEM) {
        let label = item.select(&INFO_LABEL).next().map(text).unwrap_or_default();
        let value = item.select(&INFO_VALUE).next().map(text).unwrap_or_default();
        pairs.push((label, value));
    }
    if pairs.is_empty() {
        // The innermost divs: one line each.
        for line in block.select(&DIV).filter(|d| d.select(&DIV).next().is_none()) {
            if let Some((label, value)) = chrome::split_label(&text(line)) {
                pairs.push((label.to_owned(), value.to_owned()));
            }
        }
    }
    pairs
}

/// Online status: the classes (`a.username.online`, `li.online-status.offline`,
/// `span.user_offline`) or status image names say it in any language; else a title such
/// as "NAME is offline" / "NAME ist offline".
fn online(container: ElementRef<'_>, body: ElementRef<'_>) -> Option<bool> {
    let candidates: Vec<ElementRef<'_>> = container.select(&STATUS).filter(|e| !contains(body, *e)).collect();
    let by_markup = candidates.iter().find_map(|el| {
        let classes: Vec<&str> = el.value().classes().collect();
        if classes.iter().any(|c| c.contains("offline")) {
            return Some(false);
        }
        if classes.iter().any(|c| *c == "online" || c.ends_with("_online") || c.ends_with("-online")) {
            return Some(true);
        }
        let file = el.attr("src")?.rsplit('/').next()?.to_ascii_lowercase();
        if file.contains("offline") {
            Some(false)
        } else if file.contains("online") {
            Some(true)
        } else {
            None
        }
    });
    by_markup.or_else(|| {
        candidates.iter().find_map(|el| {
            let says = el.attr("title").or_else(|| el.attr("alt"))?.to_ascii_lowercase();
            if says.contains("offline") {
                Some(false)
            } else if says.contains("online") {
                Some(true)
            } else {
                None
            }
        })
    })
}

/// The member id of a profile link: `member.php?u=36`, `member.php?70024-its2much`,
/// `members/82415-Lookbehind`, `members/71187_predator.html`, `member/51842-mrez5`,
/// vBSEO's `36706-tate16t.html`.
fn member_id(href: &str) -> Option<String> {
    chrome::id_param(href, "u").or_else(|| chrome::id_param(href, "userid")).or_else(|| path_id(href))
}

/// The id leading the query ("showthread.php?143493-FDA-...") or the last path segment
/// ("/310106-2005-tribute.html", "threads/1548322-Welchen-Blog").
fn path_id(href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or(href);
    let (path, query) = href.split_once('?').unwrap_or((href, ""));
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    // vBSEO also writes boards as "forum111/".
    let unprefixed = segment.trim_start_matches(|c: char| c.is_ascii_lowercase());
    let prefixed = (unprefixed.len() < segment.len() && unprefixed.bytes().all(|b| b.is_ascii_digit()))
        .then(|| leading_id(unprefixed))
        .flatten();
    leading_id(query).or_else(|| leading_id(segment)).or(prefixed)
}

/// The edit note: "Last edited by X; DATE at TIME. Reason: ..." (3.8, 4.x: `.lastedited`;
/// 5.x, 6.x: `.b-post__edit`), in any language `body::split_edit` reads.
fn edited(container: ElementRef<'_>, body: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let classed = first_outside(container, &EDITED, &[body]);
    let el = classed.or_else(|| {
        container
            .select(&EDITED_LEGACY)
            .filter(|e| !contains(body, *e))
            .find(|e| body::split_edit(&split_reason(&text(*e)).0, None).0.is_some())
    })?;
    let (text, reason) = match el.select(&REASON).next() {
        Some(label) => {
            let mut before = String::new();
            let mut after = String::new();
            let mut seen = false;
            for node in el.descendants() {
                if node.id() == label.id() {
                    seen = true;
                }
                let Some(t) = node.value().as_text() else { continue };
                if node.ancestors().any(|a| a.id() == label.id()) {
                    continue;
                }
                if seen { &mut after } else { &mut before }.push_str(t);
            }
            (squash(&before), non_empty(&after))
        }
        None => split_reason(&text(el)),
    };
    if text.is_empty() {
        return None;
    }
    let (date_raw, by) = body::split_edit(&text, None);
    let date = match &date_raw {
        Some(d) => ctx.date(d, Some(n), "edited.date"),
        None => {
            ctx.warn(Some(n), "edited.date", format!("no date in the edit note {text:?}"));
            None
        }
    };
    Some(Edited { date, date_raw, by, reason })
}

/// "…at 09:32 PM. Reason: typo" (3.8 writes the reason label as text): the note and the
/// reason after the label that follows the note's full stop.
fn split_reason(text: &str) -> (String, Option<String>) {
    if let Some(i) = text.find(". ") {
        let rest = &text[i + 2..];
        if let Some((label, reason)) = rest.split_once(':') {
            let label = label.trim();
            if !label.is_empty()
                && label.split_whitespace().count() <= 3
                && !label.chars().any(|c| c.is_ascii_digit())
            {
                return (text[..=i].to_owned(), non_empty(reason));
            }
        }
    }
    (text.to_owned(), None)
}

/// The signature: `div.signaturecontainer` (4.x), `div.signature`; 3.8 prints it as an
/// unclassed `div` opening with a rule of underscores, after a `<!-- sig -->` comment. Themes
/// move it away from the message (into another cell, after a wrapper around the message)
/// and wrap the rule (`<span class="smallfont">`), so it is the element after that comment,
/// else (pages saved without comments) the first `div` after the message whose text opens
/// with the rule.
fn signature(
    container: ElementRef<'_>,
    body: ElementRef<'_>,
    ctx: &mut Ctx,
    n: usize,
) -> Option<crate::model::Signature> {
    if let Some(sig) = first_outside(container, &SIGNATURE, &[body]) {
        return body::signature(sig, &VbMarkup, ctx, n);
    }
    let legacy = after_sig_comment(container, body).or_else(|| {
        let opens_with_rule =
            |e: &ElementRef<'_>| squash(&e.text().collect::<String>()).starts_with(SIG_RULE);
        container.select(&DIV).filter(|d| d.id() > body.id() && !contains(body, *d)).find(|d| {
            opens_with_rule(d)
                && !d
                    .children()
                    .filter_map(ElementRef::wrap)
                    .any(|c| c.value().name() == "div" && opens_with_rule(&c))
        })
    })?;
    let mut sig = body::signature(legacy, &VbMarkup, ctx, n)?;
    sig.text = sig.text.trim_start_matches('_').trim_start().to_owned();
    Some(sig)
}

/// The rule 3.8 prints before a signature (eighteen underscores; five make it).
const SIG_RULE: &str = "_____";

/// The element after the `<!-- sig -->` comment of a 3.8 postbit, outside the message.
fn after_sig_comment<'a>(container: ElementRef<'a>, body: ElementRef<'a>) -> Option<ElementRef<'a>> {
    let comment = container.descendants().find(|d| {
        d.value().as_comment().is_some_and(|c| c.trim().eq_ignore_ascii_case("sig"))
            && !d.ancestors().any(|a| a.id() == body.id())
    })?;
    comment.next_siblings().find_map(ElementRef::wrap).filter(|e| !text(*e).is_empty())
}

/// Attachments outside the body: thumbnails (`a#attachmentN > img`, whose title lists
/// "Name / Views / Size / ID") and file links ("notes.zip (12.3 KB, 45 views)").
fn attachments(container: ElementRef<'_>, body: ElementRef<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for link in container.select(&ATTACH).filter(|l| !contains(body, *l)) {
        let Some(href) = link.attr("href").filter(|h| !h.trim().is_empty()) else { continue };
        let Some(url) = ctx.url(href) else { continue };
        let key = link
            .attr("id")
            .and_then(|id| id.strip_prefix("attachment"))
            .and_then(leading_id)
            .or_else(|| query_param(href, "attachmentid").as_deref().and_then(leading_id))
            .or_else(|| path_id(href))
            .unwrap_or_else(|| href.to_owned());
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let img = link.select(&crate::page::IMG).next();
        let facts = img.and_then(|i| i.attr("title").or_else(|| i.attr("alt"))).map(thumbnail_facts);
        let (mut name, mut downloads, mut size) = facts.unwrap_or_default();
        if name.is_none() {
            name = non_empty(&text(link))
                .or_else(|| img.and_then(|i| i.attr("alt")).and_then(non_empty))
                .or_else(|| url.split(['?', '#']).next()?.rsplit('/').next().and_then(non_empty));
        }
        if size.is_none() && downloads.is_none() {
            // "(12.3 KB, 45 views)" after the link.
            if let Some(info) = link.next_siblings().find_map(|s| s.value().as_text().map(|t| t.to_string()))
            {
                let info = info.trim().trim_start_matches('(');
                let info = info.split(')').next().unwrap_or(info);
                let mut parts = info.split(", ");
                size = parts.next().and_then(parse_size);
                downloads = parts.next().and_then(parse_count);
            }
        }
        let Some(name) = name else { continue };
        out.push(Attachment { name, url: Some(url), size, downloads });
    }
    out
}

/// A thumbnail's title: "Click image for larger version. Name: x.jpg Views: 50 Size:
/// 237.9 KB ID: 4826", one fact a line, labels in the board's language, always in this order.
fn thumbnail_facts(title: &str) -> (Option<String>, Option<u64>, Option<u64>) {
    let values: Vec<String> = title
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(_, v)| squash(v))
        .filter(|v| !v.is_empty())
        .collect();
    if values.len() < 3 {
        return (None, None, None);
    }
    (
        values.first().cloned(),
        values.get(1).and_then(|v| parse_count(v)),
        values.get(2).and_then(|v| parse_size(v)),
    )
}

/// The "Post Thank You" box printed after a post (`#post_thanks_box_N`): "LABEL: NAME, NAME",
/// by post id. The label is the reaction's name when it is one ("صلوات"); the plugin's
/// English sentence ("The Following 2 Users Say Thank You to X For This Useful Post") is
/// "Thanks".
fn thanks(doc: &Document<'_>) -> HashMap<String, Vec<Reaction>> {
    let mut out = HashMap::new();
    for bx in doc.select(&THANKS_BOX) {
        let Some(id) = bx.attr("id").and_then(|i| i.strip_prefix("post_thanks_box_")).and_then(leading_id)
        else {
            continue;
        };
        let users: Vec<String> = bx
            .select(&crate::page::ANCHOR)
            .filter(|a| a.attr("href").is_some_and(|h| member_id(h).is_some()))
            .filter_map(|a| non_empty(&text(a)))
            .collect();
        if users.is_empty() {
            continue;
        }
        let text = text(bx);
        let label = text.split_once(':').map_or("", |(l, _)| l.trim());
        let kind = if !label.is_empty()
            && label.split_whitespace().count() <= 3
            && !label.chars().any(|c| c.is_ascii_digit())
        {
            label.to_owned()
        } else {
            "Thanks".to_owned()
        };
        let count = u64::try_from(users.len()).unwrap_or(u64::MAX);
        out.insert(id, vec![Reaction { kind, count, users }]);
    }
    out
}

/// The topic: title, id, URL, breadcrumbs, board, replies, viewers.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let (mut crumbs, last_text) = breadcrumbs(doc, ctx);
    topic.title = doc
        .select(&THREADTITLE)
        .find_map(|t| non_empty(&text(t)))
        .or_else(|| doc.select(&NAVBAR_TITLE).find_map(|t| non_empty(&text(t))))
        .or(last_text)
        .or_else(|| doc.select(&crate::page::TITLE).find_map(|t| non_empty(&text(t))));
    // A theme that links the topic as the last crumb.
    if crumbs.len() > 1 && crumbs.last().map(|c| Some(&c.text)) == Some(topic.title.as_ref()) {
        crumbs.pop();
    }
    let href = doc.select(&THREADTITLE_LINK).find_map(|a| a.attr("href")).or(ctx.page.canonical.as_deref());
    topic.url = href.and_then(|h| ctx.url(h));
    topic.id = doc
        .select(&THREAD_ID_INPUT)
        .find_map(|i| i.attr("value").and_then(leading_id))
        .or_else(|| href.and_then(|h| chrome::id_param(h, "t").or_else(|| path_id(h))));
    topic.board = crumbs.last().map(|c| Board {
        id: c.url.as_deref().and_then(|u| chrome::id_param(u, "f").or_else(|| path_id(u))),
        name: Some(c.text.clone()),
        url: c.url.clone(),
    });
    topic.breadcrumbs = crumbs;
    topic.replies = replies(doc);
    topic.viewers = viewers(doc);
    topic
}

/// The navigation trail as links, and the text of a last, unlinked crumb (the topic).
fn breadcrumbs(doc: &Document<'_>, ctx: &Ctx) -> (Vec<Link>, Option<String>) {
    let items: Vec<ElementRef<'_>> =
        match doc.select(&CRUMB_BOX).find(|b| b.select(&CRUMB_LI).next().is_some()) {
            Some(bx) => bx.select(&CRUMB_LI).collect(),
            None => doc.select(&CRUMB_LEGACY).collect(),
        };
    let mut crumbs = Vec::new();
    let mut last_text = None;
    for item in items {
        match item.select(&crate::page::ANCHOR).next() {
            Some(a) => {
                // A home crumb may be an icon: its image's text or tooltip.
                let text = non_empty(&text(a)).or_else(|| {
                    a.select(&TITLED_OR_IMG)
                        .find_map(|i| i.attr("alt").or_else(|| i.attr("title")).and_then(non_empty))
                });
                let Some(text) = text else { continue };
                crumbs.push(Link { url: a.attr("href").and_then(|h| ctx.url(h)), text });
                last_text = None;
            }
            None => {
                let text = text(item);
                if text.chars().any(char::is_alphanumeric) {
                    last_text = Some(text);
                }
            }
        }
    }
    (crumbs, last_text)
}

/// The site: its name from `og:site_name`, the header logo's text ("World of Players -
/// Powered by vBulletin" less the credit) or the first crumb; its URL from the first crumb.
fn site(doc: &Document<'_>, crumbs: &[Link]) -> Option<Site> {
    let logo = doc.select(&LOGO).find_map(|i| i.attr("alt").and_then(non_empty)).map(|alt| {
        match alt.rsplit_once(" - ") {
            Some((name, credit)) if credit.contains("vBulletin") => name.trim().to_owned(),
            _ => alt,
        }
    });
    let name = doc.select(&SITE_NAME).find_map(|m| m.attr("content").and_then(non_empty)).or(logo);
    let first = crumbs.first();
    let name = name.or_else(|| first.map(|c| c.text.clone()));
    (name.is_some() || first.is_some()).then(|| Site { name, url: first.and_then(|c| c.url.clone()) })
}

/// "Results 1 to 15 of 50" (4.x) or 3.8's "Showing results 1 to 10 of 23": the thread's
/// posts; the first is no reply.
fn replies(doc: &Document<'_>) -> Option<u64> {
    // Else the current page number's tooltip, on it, inside it (4.x) or around it (3.8).
    let text = doc.select(&PAGE_STATS).next().map(text).or_else(|| {
        let current = doc.select(&PAGE_BOX).find_map(|b| b.select(&PAGE_CURRENT).next())?;
        let title = current
            .select(&TITLED)
            .find_map(|e| e.attr("title"))
            .or_else(|| current.ancestors().filter_map(ElementRef::wrap).find_map(|a| a.attr("title")))?;
        Some(squash(title))
    })?;
    let nums = chrome::numbers(&text);
    (nums.len() == 3).then(|| nums[2].saturating_sub(1))
}

/// "Users Browsing this Thread": "(0 members and 1 guests)" and the members' links.
fn viewers(doc: &Document<'_>) -> Option<Viewers> {
    let list = doc.select(&VIEWERS).next()?;
    // 3.8 prints the counts in the table head above the list.
    let scope = if list.value().name() == "tbody" {
        list.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "table").unwrap_or(list)
    } else {
        list
    };
    let shown = text(scope);
    let (_, paren) = shown.rsplit_once('(')?;
    let nums = chrome::numbers(paren.split(')').next().unwrap_or(paren));
    let (members, guests) = (*nums.first()?, *nums.get(1)?);
    let names = list.select(&VIEWER_NAME).filter_map(|a| non_empty(&text(a))).collect();
    Some(Viewers { members: u32::try_from(members).ok()?, guests: u32::try_from(guests).ok()?, names })
}

/// Pagination: 5.x and 6.x "Page \[1\] of 3"; 4.x `span.selected` and "Page 2 of 4"; 3.8
/// "Page 1 of 3" and the bold current number; next and previous from `rel` links.
fn page(doc: &Document<'_>, ctx: &Ctx) -> Page {
    let mut page = Page::default();
    let mut links: Vec<(u32, Option<String>)> = Vec::new();
    let mut next = None;
    let mut prev = None;
    if let Some(input) = doc.select(&PAGE_NUM_INPUT).next() {
        page.number = input.attr("value").and_then(|v| v.trim().parse().ok()).unwrap_or(1);
        page.total = doc.select(&PAGE_TOTAL).find_map(|t| text(t).parse().ok());
    } else if let Some(bx) = doc.select(&PAGE_BOX).find(|b| b.select(&crate::page::ANCHOR).next().is_some()) {
        let of = bx.select(&PAGE_OF).map(text).map(|t| chrome::numbers(&t)).find(|n| n.len() == 2);
        let current = bx.select(&PAGE_CURRENT).find_map(|c| text(c).parse::<u32>().ok());
        page.number = current.or_else(|| of.as_ref().and_then(|n| u32::try_from(n[0]).ok())).unwrap_or(1);
        links = bx
            .select(&crate::page::ANCHOR)
            .filter_map(|a| Some((text(a).parse::<u32>().ok()?, a.attr("href").and_then(|h| ctx.url(h)))))
            .collect();
        page.total = of
            .and_then(|n| u32::try_from(n[1]).ok())
            .or_else(|| links.iter().map(|(n, _)| *n).chain(std::iter::once(page.number)).max());
        next = bx.select(&REL_NEXT).find_map(|a| a.attr("href")).and_then(|h| ctx.url(h));
        prev = bx.select(&REL_PREV).find_map(|a| a.attr("href")).and_then(|h| ctx.url(h));
    }
    let numbered = |n: Option<u32>| links.iter().find(|(k, _)| Some(*k) == n).and_then(|(_, u)| u.clone());
    // 5.x and 6.x: the arrows beside "Page [2] of 3" (without `href` when disabled).
    let href_of = |sel: &Selector| doc.select(sel).find_map(|l| l.attr("href")).and_then(|h| ctx.url(h));
    page.next_url = next
        .or_else(|| numbered(page.number.checked_add(1)))
        .or_else(|| href_of(&REL_NEXT))
        .or_else(|| href_of(&HEAD_NEXT));
    page.prev_url = prev
        .or_else(|| numbered(page.number.checked_sub(1)))
        .or_else(|| href_of(&REL_PREV))
        .or_else(|| href_of(&HEAD_PREV));
    page
}

/// "4.2.5" from the generator meta tag, 3.8's stylesheet comment ("vBulletin 3.8.7 CSS") or
/// the footer's "Powered by vBulletin® Version 4.2.5".
fn engine_version(doc: &Document<'_>) -> Option<String> {
    let texts = doc
        .select(&GENERATOR)
        .filter_map(|m| m.attr("content").map(str::to_owned))
        .chain(doc.select(&VERSION_TEXT).map(|e| e.text().collect::<String>()));
    for text in texts {
        let Some((_, after)) = text.split_once("vBulletin") else { continue };
        let version = after.split_whitespace().take(3).find_map(|w| {
            let v = w.trim_start_matches('®').trim_end_matches(|c: char| !c.is_ascii_digit());
            (v.starts_with(|c: char| c.is_ascii_digit()) && v.contains('.')).then(|| v.to_owned())
        });
        if version.is_some() {
            return version;
        }
    }
    None
}

/// The page's posts counted by their ids, apart from the bodies the parser reads posts from
/// (`engines::POST_COUNTERS`): distinct post ids of #post_message_N and li.b-post[data-node-id].
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of #post_message_N and li.b-post[data-node-id]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_in_vbulletin_urls() {
        let cases = [
            ("member.php?u=22107", Some("22107")),
            ("member.php?70024-its2much&s=953b", Some("70024")),
            ("members/82415-Lookbehind?s=576c", Some("82415")),
            ("https://www.pocketpc.ch/members/71187_predator.html?s=22c0", Some("71187")),
            ("http://forums.example.org/36706-tate16t.html", Some("36706")),
            ("https://forum.example.org/member/51842-mrez5", Some("51842")),
            ("member.php?s=ab674f49ef3d7c4d", None),
        ];
        for (href, want) in cases {
            assert_eq!(member_id(href).as_deref(), want, "{href}");
        }
        assert_eq!(path_id("forumdisplay.php?23-Medications-amp-Treatments&s=95").as_deref(), Some("23"));
        assert_eq!(path_id("https://www.example.org/286-windows-phone-7/?s=22").as_deref(), Some("286"));
        assert_eq!(path_id("https://www.example.org/windows-7-allgemein/?s=ab"), None);
        assert_eq!(path_id("http://www.example.org/forums/forum111/").as_deref(), Some("111"));
        assert_eq!(path_id("http://www.example.org/forums/index.php"), None);
    }

    #[test]
    fn edit_reasons() {
        assert_eq!(
            split_reason("Last edited by oppo; 04-26-2015 at 09:32 PM. Reason: typo"),
            ("Last edited by oppo; 04-26-2015 at 09:32 PM.".into(), Some("typo".into()))
        );
        assert_eq!(
            split_reason("Last edited by oppo; 04-26-2015 at 09:32 PM."),
            ("Last edited by oppo; 04-26-2015 at 09:32 PM.".into(), None)
        );
    }

    #[test]
    fn thumbnail_titles() {
        let title = "Click image for larger version\n\nName:\t2015-04-30 07.14.07.jpg\nViews:\t50\nSize:\t237.9 KB\nID:\t4826";
        let (name, views, size) = thumbnail_facts(title);
        assert_eq!(name.as_deref(), Some("2015-04-30 07.14.07.jpg"));
        assert_eq!(views, Some(50));
        assert_eq!(size, Some(243610));
    }

    /// 3.8 themes that move the signature away from the message: read after the `<!-- sig
    /// -->` comment, and (pages saved without comments) as the first `div` after the
    /// message that opens with the rule.
    #[test]
    fn signatures_of_3_8_themes_with_and_without_comments() {
        let html = include_str!("../../../tests/fixtures/vbulletin/vb38-theme-sig.html");
        let mut stripped = String::new();
        let mut rest = html;
        while let Some((before, after)) = rest.split_once("<!--") {
            stripped.push_str(before);
            rest = after.split_once("-->").map_or("", |(_, tail)| tail);
        }
        stripped.push_str(rest);
        for page in [html, stripped.as_str()] {
            let thread = crate::parse(page).expect("parses");
            let sigs: Vec<Option<&str>> =
                thread.posts.iter().map(|p| p.signature.as_ref().map(|s| s.text.as_str())).collect();
            assert_eq!(
                sigs,
                [
                    Some("Munros: 212 of 282. My log"),
                    Some("The mountains will still be there tomorrow."),
                    None
                ]
            );
        }
    }

    #[test]
    fn relative_dates_read_against_the_callers_now() {
        let html = include_str!("../../../tests/fixtures/vbulletin/vb42-postbit-de.html");
        let now = chrono::NaiveDate::from_ymd_opt(2019, 3, 15).and_then(|d| d.and_hms_opt(11, 2, 0));
        let parser = crate::Parser::builder().now(now.unwrap_or_default()).build();
        let thread = parser.and_then(|p| p.parse(html)).expect("parses");
        let dates: Vec<String> =
            thread.posts.iter().map(|p| p.date.map(|d| d.to_string()).unwrap_or_default()).collect();
        assert_eq!(dates, ["2019-03-15T10:31:00", "2019-03-14T22:05:00", "2019-03-14T08:12:00"]);
        let edited = thread.posts[0].edited.as_ref().and_then(|e| e.date).map(|d| d.to_string());
        assert_eq!(edited.as_deref(), Some("2019-03-15T10:45:00"));
        // The month-only join dates ("Mar 2012") are months.
        assert!(thread.warnings.is_empty(), "{:?}", thread.warnings);
        let joined = thread.posts[0].author.joined.map(|j| j.to_string());
        assert_eq!(joined.as_deref(), Some("2012-03"));
    }
}
