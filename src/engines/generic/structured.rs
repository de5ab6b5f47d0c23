//! Posts the page declares itself: schema.org `DiscussionForumPosting` and `Comment` items,
//! as microdata (`itemscope itemtype=...`, read in place: the item is the post's element,
//! its `author`, `datePublished` and `text` properties its fields) or as JSON-LD (a script
//! describing the posts, tied to the page's elements by the text and author it gives).
//!
//! Only a page that declares a discussion (a `DiscussionForumPosting`) is read so: reader
//! comments under an article or answers to a question are `Comment`s too.

use scraper::ElementRef;
use serde_json::Value;

use super::outline::{AuthorMark, DateKind, Outline};
use super::repeated::Block;
use crate::normalize::text::squash;
use crate::page::{Document, selectors, text};

selectors! {
    JSON_LD = r#"script[type="application/ld+json"]"#;
}

/// Whether a schema.org type name (an `itemtype` URL or a JSON-LD `@type`) is `name`.
fn is_type(value: &str, name: &str) -> bool {
    value.split_whitespace().any(|t| t.rsplit('/').next().is_some_and(|last| last == name))
}

/// What the page declares.
#[derive(Debug, Default)]
pub(super) struct Declared {
    /// Whether it declares a discussion: a `DiscussionForumPosting`, in microdata or JSON-LD.
    pub discussion: bool,
    /// The JSON-LD discussion's opening post, when it gives one with a text.
    pub opening: Option<JsonPost>,
}

/// A post as JSON-LD describes it.
#[derive(Clone, Debug, Default)]
pub(super) struct JsonPost {
    pub author: Option<String>,
    pub date: Option<String>,
    pub text: String,
}

/// Reads what the page's JSON-LD and microdata declare.
pub(super) fn declared(doc: &Document<'_>, outline: &Outline<'_>) -> Declared {
    let mut out = Declared {
        discussion: outline
            .items
            .iter()
            .any(|i| i.el.attr("itemtype").is_some_and(|t| is_type(t, "DiscussionForumPosting"))),
        opening: None,
    };
    for script in doc.select(&JSON_LD) {
        let source: String = script.text().collect();
        let Ok(json) = serde_json::from_str::<Value>(&source) else { continue };
        let mut found = None;
        find_discussion(&json, 0, &mut found);
        if let Some(post) = found {
            out.discussion = true;
            if out.opening.is_none() && !post.text.is_empty() {
                out.opening = Some(post);
            }
        }
    }
    out
}

/// The first `DiscussionForumPosting` in a JSON-LD value (objects, `@graph` arrays, nested
/// `mainEntity`), depth-limited.
fn find_discussion(v: &Value, depth: usize, found: &mut Option<JsonPost>) {
    if depth > 8 || found.is_some() {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| find_discussion(i, depth + 1, found)),
        Value::Object(map) => {
            let typed = |t: &Value| match t {
                Value::String(s) => is_type(s, "DiscussionForumPosting"),
                Value::Array(a) => {
                    a.iter().any(|s| s.as_str().is_some_and(|s| is_type(s, "DiscussionForumPosting")))
                }
                _ => false,
            };
            if map.get("@type").is_some_and(typed) {
                let string =
                    |k: &str| map.get(k).and_then(Value::as_str).map(squash).filter(|s| !s.is_empty());
                let author = match map.get("author") {
                    Some(Value::String(s)) => Some(squash(s)),
                    Some(Value::Object(a)) => a.get("name").and_then(Value::as_str).map(squash),
                    Some(Value::Array(a)) => {
                        a.first().and_then(|a| a.get("name")).and_then(Value::as_str).map(squash)
                    }
                    _ => None,
                };
                *found = Some(JsonPost {
                    author: author.filter(|a| !a.is_empty()),
                    date: string("datePublished").or_else(|| string("dateCreated")),
                    text: string("text").or_else(|| string("articleBody")).unwrap_or_default(),
                });
                return;
            }
            map.values().for_each(|v| find_discussion(v, depth + 1, found));
        }
        _ => {}
    }
}

/// The posts the page declares as microdata: `DiscussionForumPosting` and `Comment` items
/// with a text shown on the page (a wrapper declaring the whole topic, its text a `meta`,
/// is not a post), each with its own `author` and date properties.
pub(super) fn microdata(outline: &Outline<'_>) -> Vec<Block> {
    let items = &outline.items;
    let mut blocks = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(t) = item.el.attr("itemtype") else { continue };
        if !is_type(t, "DiscussionForumPosting") && !is_type(t, "Comment") {
            continue;
        }
        let mut block = Block { container: i, author: None, date: None, body: None };
        for d in i + 1..=item.end {
            let Some(props) = items[d].el.attr("itemprop") else { continue };
            if owner(outline, d, i) != Some(i) {
                continue;
            }
            for prop in props.split_whitespace() {
                match prop {
                    "author" | "creator" if block.author.is_none() => block.author = Some(d),
                    "datePublished" | "dateCreated" | "publishDate" if block.date.is_none() => {
                        block.date =
                            items[d].date.filter(|m| m.kind == DateKind::Posted).map(|_| d).or_else(|| {
                                // A date shown as text: the nearest dated element inside.
                                (d..=items[d].end).find(|&x| items[x].date.is_some())
                            });
                    }
                    "text" | "articleBody" if block.body.is_none() => {
                        let shown =
                            !matches!(items[d].el.value().name(), "meta" | "link") && items[d].sum.text > 0;
                        if shown {
                            block.body = Some(d);
                        }
                    }
                    _ => {}
                }
            }
        }
        if block.body.is_some() {
            blocks.push(block);
        }
    }
    // An item holding others (the discussion around its comments) is a post by its own
    // text, kept apart from theirs: its container is the largest element around its text,
    // author and date that holds no other post.
    let containers: Vec<usize> = blocks.iter().map(|b| b.container).collect();
    for block in &mut blocks {
        let holds_other =
            |i: usize| containers.iter().any(|&c| c != block.container && outline.contains(i, c));
        if !holds_other(block.container) {
            continue;
        }
        let Some(body) = block.body else { continue };
        let mut at = body;
        while let Some(item) = items.get(items[at].parent) {
            let parent = items[at].parent;
            if holds_other(parent) {
                break;
            }
            let _ = item;
            at = parent;
        }
        block.container = at;
        block.author = block.author.filter(|&a| outline.contains(at, a));
        block.date = block.date.filter(|&d| outline.contains(at, d));
    }
    blocks
}

/// The item item `d`'s property belongs to: its nearest ancestor with `itemscope` (or an
/// `itemtype`), looked for no further up than item `limit`.
fn owner(outline: &Outline<'_>, d: usize, limit: usize) -> Option<usize> {
    let mut at = outline.items[d].parent;
    while let Some(item) = outline.items.get(at) {
        let e = item.el.value();
        if e.attr("itemscope").is_some() || e.attr("itemtype").is_some() {
            return Some(at);
        }
        if at <= limit {
            return None;
        }
        at = item.parent;
    }
    None
}

/// Ties the JSON-LD opening post to the page: the element its text starts in, grown while it
/// holds no more text than the post; the author's name shown before it; the element holding
/// both.
pub(super) fn tie(outline: &Outline<'_>, post: &JsonPost) -> Option<Block> {
    let items = &outline.items;
    let want: String = post.text.chars().filter(|c| c.is_alphanumeric()).take(40).collect();
    if want.chars().count() < 8 {
        return None;
    }
    let letters = post.text.chars().filter(|c| c.is_alphabetic()).count() as u32;
    // The first element whose own text starts the post's.
    let start = items.iter().position(|i| i.own_text >= 8 && starts_alike(i.el, &want))?;
    let mut body = start;
    let mut at = items[start].parent;
    while let Some(item) = items.get(at) {
        if item.sum.body > letters + letters / 5 + 20 || item.depth < 2 {
            break;
        }
        body = at;
        at = item.parent;
    }
    let name = post.author.as_deref()?;
    let author = (0..body)
        .rev()
        .find(|&a| items[a].author != AuthorMark::None && text(items[a].el).eq_ignore_ascii_case(name))?;
    // The smallest element holding both.
    let mut container = items[author].parent;
    while let Some(item) = items.get(container) {
        if outline.contains(container, body) {
            break;
        }
        container = item.parent;
    }
    items.get(container)?;
    let date = (container..=items[container].end)
        .find(|&d| items[d].date.is_some_and(|m| m.kind == DateKind::Posted) && !outline.contains(body, d));
    Some(Block { container, author: Some(author), date, body: Some(body) })
}

/// Whether the letters and digits of `el`'s own text (its text children) begin as `want`
/// does, for as long as either goes (at least 8).
fn starts_alike(el: ElementRef<'_>, want: &str) -> bool {
    let own = el
        .children()
        .filter_map(|c| c.value().as_text())
        .flat_map(|t| t.chars())
        .filter(|c| c.is_alphanumeric());
    let mut matched = 0;
    for (a, b) in own.zip(want.chars()) {
        if a != b {
            return false;
        }
        matched += 1;
    }
    matched >= 8
}
