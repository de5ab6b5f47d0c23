//! One post's fields, from the elements the finder tied to it: its container, the element
//! holding its author's name, the one holding its date and the one holding its text. What
//! none of them shows stays absent.

use scraper::ElementRef;

use super::outline::{AuthorMark, DateSource, Outline, is_profile_href, is_signature};
use super::repeated::Block;
use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::model::{Author, Edited, Post};
use crate::normalize::date::DayOrder;
use crate::normalize::text::non_empty;
use crate::normalize::url::leading_id;
use crate::page::{contains, text};

/// What generic post bodies hold, told from tags and the class names forums commonly give:
/// `blockquote` and elements classed as quotes are quotes, their `cite` or classed header
/// (`quotetitle`, `quote-header`) says who is quoted; `pre` and code boxes are code;
/// signatures and edit notes are read apart.
pub(super) struct GenericMarkup;

/// Whether one of `el`'s classes holds one of `words` (lowercased).
pub(super) fn class_has(el: ElementRef<'_>, words: &[&str]) -> bool {
    el.value().classes().any(|c| {
        let c = c.to_ascii_lowercase();
        words.iter().any(|w| c.contains(w))
    })
}

impl Markup for GenericMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let name = el.value().name();
        let in_quote = el
            .parent()
            .and_then(ElementRef::wrap)
            .is_some_and(|p| p.value().name() == "blockquote" || class_has(p, &["quote"]));
        if is_signature(el) || is_edit_note(el) {
            Role::Skip
        } else if in_quote
            && (name == "cite"
                || class_has(
                    el,
                    &[
                        "quotetitle",
                        "quote-title",
                        "quoteheader",
                        "quote-header",
                        "quote_header",
                        "quote-author",
                        "quoteauthor",
                        "bbcode_quote_head",
                        "quotehead",
                    ],
                ))
        {
            Role::QuoteHeader
        } else if name == "blockquote"
            || (class_has(el, &["quote"])
                && !class_has(
                    el,
                    &[
                        "quotetitle",
                        "quote-title",
                        "header",
                        "head",
                        "author",
                        "button",
                        "link",
                        "icon",
                        "btn",
                    ],
                )
                && !matches!(name, "a" | "span" | "img" | "i" | "button"))
        {
            Role::Quote
        } else if name == "pre"
            || (class_has(el, &["codebox", "code-box", "bbcode_code", "codeblock", "code-block"]))
        {
            Role::Code
        } else if name == "iframe" {
            Role::Embed
        } else if matches!(name, "button" | "form" | "input") {
            Role::Skip
        } else {
            Role::Normal
        }
    }

    fn alt_text(&self, img: ElementRef<'_>) -> Option<String> {
        // Smileys: short alternative texts such as ":)" or ":-D".
        let alt = img.attr("alt")?.trim();
        (alt.len() <= 12 && alt.starts_with(':') || class_has(img, &["smil", "emoji", "emoticon"]))
            .then(|| alt.to_owned())
            .filter(|a| !a.is_empty())
    }
}

/// An edit note: classed as one (`edited`, `lastedit`, `post-edit`, `editmarkup`), not an
/// editor or an edit button.
fn is_edit_note(el: ElementRef<'_>) -> bool {
    el.value().classes().any(|c| {
        let c = c.to_ascii_lowercase();
        (c.contains("edited")
            || c.contains("lastedit")
            || c.contains("last-edit")
            || c.contains("editmarkup")
            || c == "edit-note"
            || c == "editnote")
            && !c.contains("editor")
    })
}

/// Reads post `n` (1-based) of a page.
pub(super) fn read(outline: &Outline<'_>, block: &Block, ctx: &mut Ctx, n: usize) -> Post {
    let items = &outline.items;
    let container = items[block.container].el;
    let body_el = block.body.map(|b| items[b].el);
    let mut post = Post {
        author: block.author.map(|a| author(outline, a, block, ctx, n)).unwrap_or_default(),
        ..Post::default()
    };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name found in the post");
    }
    if let Some(d) = block.date {
        let (date, raw) = date(outline, d, ctx, n);
        post.date = date;
        post.date_raw = raw;
    } else {
        ctx.warn(Some(n), "date", "no date found in the post");
    }
    post.id = id_of(container);
    post.url = permalink(container, body_el, post.id.as_deref(), block.date.map(|d| items[d].el), ctx);
    // "#833702" naming the post's id is no place in the thread.
    post.position = position(container, body_el).filter(|p| post.id.as_deref() != Some(&p.to_string()));
    match body_el {
        Some(b) => {
            body::read(b, &GenericMarkup, ctx, n).fill(&mut post);
            post.signature = container
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| is_signature(*e))
                .and_then(|s| body::signature(s, &GenericMarkup, ctx, n));
            post.edited = container
                .descendants()
                .filter_map(ElementRef::wrap)
                .find(|e| is_edit_note(*e) && !contains(*e, b) && !text(*e).is_empty())
                .and_then(|e| edited(e, ctx, n));
        }
        None => ctx.warn(Some(n), "body_text", "no post text found in the post"),
    }
    post
}

/// The author's name, profile link and id, avatar, and the labeled facts of the author's
/// block.
fn author(outline: &Outline<'_>, a: usize, block: &Block, ctx: &mut Ctx, n: usize) -> Author {
    let items = &outline.items;
    let el = items[a].el;
    let mut author = Author::default();
    // The author's block: the outermost ancestor of the mark inside the container that holds
    // neither the body nor the date.
    let mut block_el = el;
    let mut at = items[a].parent;
    while let Some(item) = items.get(at) {
        if at == block.container
            || block.body.is_some_and(|b| outline.contains(at, b))
            || block.date.is_some_and(|d| outline.contains(at, d))
        {
            break;
        }
        block_el = item.el;
        at = item.parent;
    }
    fn profile_link(e: ElementRef<'_>) -> Option<ElementRef<'_>> {
        e.descendants().filter_map(ElementRef::wrap).find(|l| {
            l.value().name() == "a" && l.attr("href").is_some_and(is_profile_href) && !text(*l).is_empty()
        })
    }
    // The name: the mark when it is a link or a name; else a profile link in the author's
    // block; else the block's first line that is no labeled fact.
    let link =
        if el.value().name() == "a" { Some(el) } else { profile_link(el).or_else(|| profile_link(block_el)) };
    author.name = link
        .and_then(|l| non_empty(&text(l)))
        .or_else(|| link.and_then(|l| l.attr("title")).and_then(non_empty))
        .or_else(|| (items[a].author == AuthorMark::Name).then(|| non_empty(&text(el))).flatten())
        .or_else(|| lines(block_el).into_iter().find(|line| chrome::split_label(line).is_none()));
    if let Some(href) = link.and_then(|l| l.attr("href")).filter(|h| is_profile_href(h)) {
        author.url = ctx.url(href);
        author.id = member_id(href);
    }
    author.avatar_url = block_el
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| {
            e.value().name() == "img"
                && (class_has(*e, &["avatar"])
                    || e.attr("src").is_some_and(|s| s.contains("avatar"))
                    || e.attr("alt").is_some_and(|s| s.to_lowercase().contains("avatar")))
        })
        .and_then(|img| img.attr("src").or_else(|| img.attr("data-src")))
        .and_then(|s| ctx.url(s));
    // Labeled facts: lines of the block, and elements of it showing one fact each
    // (`<span class="fact">Posts: 1,204</span>` beside others on one line).
    // Elements first: a line running several of them together ("NAME Posts: 3 Joined: ...")
    // then adds nothing under a label ending as one already read.
    let mut facts: Vec<String> = block_el
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.id() != block_el.id() && e.children().filter(|c| c.value().is_element()).count() <= 2)
        .map(text)
        .filter(|t| t.contains(':') && t.len() <= 80)
        .collect();
    facts.extend(lines(block_el));
    let mut seen: Vec<String> = Vec::new();
    for line in &facts {
        if let Some((label, value)) = chrome::split_label(line) {
            let lower = label.to_lowercase();
            if !value.is_empty() && !seen.iter().any(|s| lower.ends_with(s.as_str())) {
                seen.push(lower);
                chrome::profile_field(&mut author, label, value, ctx, n, DayOrder::Auto);
            }
        }
    }
    author
}

/// The member id a profile link shows: a query parameter naming the member, else the number
/// of its last path segment (`/user/343438`, `/members/name.123/`, `/members/berny-36`,
/// `/forum/user/52565-mvvfans`).
fn member_id(href: &str) -> Option<String> {
    for name in ["u", "uid", "userid", "user_id", "memberid", "member_id", "showuser", "mid", "user", "id"] {
        if let Some(id) = chrome::id_param(href, name) {
            return Some(id);
        }
    }
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = segment.strip_suffix(".html").unwrap_or(segment);
    if let Some(id) = leading_id(stem) {
        return Some(id);
    }
    let digits_start = stem.rfind(|c: char| !c.is_ascii_digit()).map_or(0, |i| i + 1);
    let (head, digits) = stem.split_at(digits_start);
    (!digits.is_empty() && (head.ends_with('.') || head.ends_with('-') || head.ends_with('_')))
        .then(|| digits.to_owned())
}

/// The post's date and the date as shown.
fn date(
    outline: &Outline<'_>,
    d: usize,
    ctx: &mut Ctx,
    n: usize,
) -> (Option<crate::model::Timestamp>, Option<String>) {
    let item = &outline.items[d];
    let el = item.el;
    let shown = non_empty(&text(el));
    let Some(mark) = item.date else { return (None, shown) };
    let e = el.value();
    match mark.source {
        DateSource::Machine => {
            let attr = e
                .attr("datetime")
                .or_else(|| e.attr("data-time"))
                .or_else(|| e.attr("data-timestamp"))
                .or_else(|| e.attr("data-datetime"))
                .or_else(|| e.attr("content"));
            let date = attr.and_then(|a| ctx.date(a, Some(n), "date"));
            (date, shown.or_else(|| attr.and_then(non_empty)))
        }
        DateSource::Title => {
            let title = e.attr("title").and_then(non_empty);
            let date = title.as_deref().and_then(|t| ctx.date(t, Some(n), "date"));
            (date, title)
        }
        DateSource::Text => {
            let own: String =
                el.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect();
            let dates = crate::normalize::date::DateContext::default();
            let run = super::outline::find_date(&own, &dates)
                .or_else(|| shown.as_deref().and_then(|s| super::outline::find_date(s, &dates)))
                .map(|(_, run)| run.to_owned());
            match run {
                Some(run) => (ctx.date(&run, Some(n), "date"), Some(run)),
                None => (None, shown),
            }
        }
    }
}

/// The post's id: a `data-post-id`-like attribute, else the digits of the container's id
/// (`post-134`, `postid-118963`, `p2800`, a bare `2800`), else of the first anchor in it.
pub(super) fn id_of(container: ElementRef<'_>) -> Option<String> {
    let e = container.value();
    for attr in ["data-post-id", "data-postid", "data-pid", "data-post", "data-id", "data-content-id"] {
        if let Some(id) = e.attr(attr).and_then(digits_of) {
            return Some(id);
        }
    }
    if let Some(id) = e.id().and_then(digits_of) {
        return Some(id);
    }
    container.descendants().filter_map(ElementRef::wrap).take(40).find_map(|a| {
        let v = a.value();
        (v.name() == "a").then(|| v.id().or_else(|| v.attr("name"))).flatten().and_then(digits_of)
    })
}

/// The run of digits an id holds (`post-134` gives `134`), when it holds one run only.
fn digits_of(id: &str) -> Option<String> {
    let mut runs = id.split(|c: char| !c.is_ascii_digit()).filter(|r| !r.is_empty());
    let first = runs.next()?;
    runs.next().is_none().then(|| first.to_owned())
}

/// The post's permalink: a link outside its text to its own id (`/post/2800`, `#post-134`,
/// `postid/135`), else the link its date is shown in.
fn permalink(
    container: ElementRef<'_>,
    body: Option<ElementRef<'_>>,
    id: Option<&str>,
    date: Option<ElementRef<'_>>,
    ctx: &Ctx,
) -> Option<String> {
    let outside = |a: &ElementRef<'_>| body.is_none_or(|b| !contains(b, *a));
    const ACTIONS: &[&str] =
        &["reply", "quote", "report", "like", "reaction", "vote", "edit", "delete", "warn"];
    if let Some(id) = id {
        let found = container.descendants().filter_map(ElementRef::wrap).filter(outside).find(|a| {
            a.value().name() == "a"
                && a.attr("href").is_some_and(|h| {
                    let lower = h.to_ascii_lowercase();
                    !is_profile_href(h)
                        && !ACTIONS.iter().any(|w| lower.contains(w))
                        && h.split(|c: char| !c.is_ascii_digit()).any(|run| run == id)
                })
        });
        if let Some(href) = found.and_then(|a| a.attr("href")) {
            return ctx.url(href);
        }
    }
    let date = date?;
    let link = std::iter::once(date)
        .chain(date.ancestors().filter_map(ElementRef::wrap).take(2))
        .find(|e| e.value().name() == "a" && contains(container, *e))?;
    link.attr("href").filter(|h| !is_profile_href(h)).and_then(|h| ctx.url(h))
}

/// The post's place in the thread when it is shown as "#N" outside its text.
fn position(container: ElementRef<'_>, body: Option<ElementRef<'_>>) -> Option<u32> {
    container
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| body.is_none_or(|b| !contains(b, *e)))
        .filter(|e| e.children().all(|c| !c.value().is_element()))
        .find_map(|e| {
            let t = text(e);
            let digits = t.strip_prefix('#')?;
            (!digits.is_empty() && digits.len() <= 6 && digits.bytes().all(|b| b.is_ascii_digit()))
                .then(|| digits.parse().ok())
                .flatten()
        })
}

/// An edit note: "Last edited by NAME on DATE" and its kin (see `body::split_edit`), or a
/// date in the note's tooltip.
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let shown = text(el);
    let (mut date_raw, by) = body::split_edit(&shown, None);
    if date_raw.is_none() {
        date_raw = el.attr("title").and_then(non_empty).filter(|t| crate::normalize::date::is_date(t));
    }
    date_raw.as_ref()?;
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: None })
}

/// The text lines of an author's block: every element but inline ones (links, `span`,
/// `strong`, ...) and every `br` ends a line; scripts and styles are left out.
fn lines(el: ElementRef<'_>) -> Vec<String> {
    const INLINE: &[&str] = &[
        "a", "span", "strong", "b", "em", "i", "small", "font", "abbr", "time", "u", "img", "label", "bdi",
        "sup", "sub", "code", "big", "s",
    ];
    let mut out = Vec::new();
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut Vec<String>| {
        if let Some(l) = non_empty(line) {
            out.push(l);
        }
        line.clear();
    };
    for edge in el.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Text(t)
                    if !node.ancestors().take(3).any(|a| {
                        a.value().as_element().is_some_and(|e| matches!(e.name(), "script" | "style"))
                    }) =>
                {
                    line.push_str(t);
                }
                scraper::Node::Element(e) if e.name() == "br" || !INLINE.contains(&e.name()) => {
                    flush(&mut line, &mut out)
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if node.value().as_element().is_some_and(|e| !INLINE.contains(&e.name())) {
                    flush(&mut line, &mut out);
                }
            }
        }
    }
    flush(&mut line, &mut out);
    out
}
