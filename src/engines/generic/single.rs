//! A page of one post: nothing repeats, so the post is the smallest block holding an author,
//! a post date and a text, grown while it takes in no other post's date and little more
//! text. Read only on strong signs (see [`super::find_posts`]): one block with an author, a
//! date and a text is what an article or a profile shows too.

use super::outline::{AuthorMark, DateKind, DateSource, Outline};
use super::repeated::Block;

/// The one post of a page, if a block holds one: the page's longest run of text, grown
/// while it holds no date and no author's name (the post's text); grown again until it holds
/// an author's name and a post date (the post); then, while that only takes in more of the
/// author (the author's block beside the text), further.
pub(super) fn find(outline: &Outline<'_>) -> Option<Block> {
    let items = &outline.items;
    let longest = (0..items.len())
        .filter(|&i| items[i].depth >= 2)
        .max_by_key(|&i| (items[i].own_body, std::cmp::Reverse(i)))?;
    if items[longest].own_body == 0 {
        return None;
    }
    let mut body = longest;
    while let Some(parent) = items.get(items[body].parent) {
        if parent.sum.dates > 0 || parent.depth < 2 || parent.sum.names > 0 {
            break;
        }
        body = items[body].parent;
    }
    let mut container = items[body].parent;
    while let Some(item) = items.get(container) {
        if item.depth < 2 {
            return None;
        }
        if item.sum.dates > items[body].sum.dates && item.sum.authors > items[body].sum.authors {
            break;
        }
        container = item.parent;
    }
    while let Some(parent) = items.get(items[container].parent) {
        let (current, s) = (items[container].sum, parent.sum);
        if parent.depth < 2
            || s.authors <= current.authors
            || s.dates > current.dates
            || s.body > current.body + current.body / 3 + 60
        {
            break;
        }
        container = items[container].parent;
    }
    let outside = |d: usize| !outline.contains(body, d);
    let inside = container + 1..items[container].end + 1;
    let author =
        inside.clone().filter(|&d| items[d].author != AuthorMark::None && outside(d)).max_by_key(|&d| {
            (items[d].author == AuthorMark::Name, items[d].sum.text > 0, std::cmp::Reverse(d))
        })?;
    let date = inside
        .filter(|&d| items[d].date.is_some_and(|m| m.kind == DateKind::Posted) && outside(d))
        .min_by_key(|&d| (items[d].date.map_or(DateSource::Text, |m| m.source), d))?;
    Some(Block { container, author: Some(author), date: Some(date), body: Some(body) })
}

/// Whether the post carries a post's own marks (on its element or around it): an id naming a
/// post on its element, an anchor inside it or just before it (`id="post-123"`, `data-post-id`, `a#Post293773`),
/// and an author shown with a forum member's facts (a post count, a registration date).
pub(super) fn looks_like_a_post(outline: &Outline<'_>, block: &Block) -> bool {
    let items = &outline.items;
    let c = block.container;
    let post_id = |i: usize| {
        let e = items[i].el.value();
        let named = |v: &str| {
            let lower = v.to_ascii_lowercase();
            let stem = lower.trim_end_matches(|c: char| c.is_ascii_digit()).trim_end_matches(['-', '_']);
            stem.len() < lower.len()
                && matches!(
                    stem,
                    "p" | "post" | "postid" | "msg" | "message" | "entry" | "reply" | "pid" | "post_message"
                )
        };
        e.id().is_some_and(named)
            || e.attr("name").is_some_and(named)
            || ["data-post-id", "data-postid", "data-pid"].iter().any(|a| e.attr(a).is_some())
    };
    // The post's marks may sit around the block found (phpBB's `div#p453` holds the author's
    // facts beside `div#post_content453`): up to three levels up, while they add little text.
    let mut outer = c;
    for _ in 0..3 {
        let Some(parent) = items.get(items[outer].parent) else { break };
        let own = items[c].sum.body;
        if parent.depth < 2 || parent.sum.body > own + own / 3 + 60 {
            break;
        }
        outer = items[outer].parent;
    }
    let c = outer;
    let before = items[c].el.prev_siblings().filter_map(scraper::ElementRef::wrap).next();
    let has_id = (c..=items[c].end).take(400).any(post_id)
        || before.is_some_and(|b| {
            let v = b.value();
            v.name() == "a"
                && (v.id().or_else(|| v.attr("name"))).is_some_and(|id| {
                    let lower = id.to_ascii_lowercase();
                    lower.trim_end_matches(|c: char| c.is_ascii_digit()).len() < lower.len()
                        && ["p", "post", "msg"].iter().any(|p| lower.starts_with(p))
                })
        });
    let facts = crate::page::text_lines(items[c].el, true).iter().any(|line| {
        crate::engines::chrome::split_label(line).is_some_and(|(label, _)| {
            crate::normalize::label::is_posts_label(label) || crate::normalize::label::is_joined_label(label)
        })
    });
    has_id && facts
}
