//! Discourse: the server-rendered crawler view (2.5 to current), and the topic JSON
//! (`/t/ID.json`).
//!
//! Discourse serves the crawler view as is to crawlers, and to browsers inside a
//! `<noscript>` of its app shell, which a scripting parser keeps as text: that text is parsed
//! again. Each post is a `div.topic-body.crawler-post` (schema.org `DiscussionForumPosting`
//! or `Comment`): `span.creator` names the author, `time.post-time` shows a date,
//! `div.post[itemprop]` holds the cooked body. The "next page" link is a `crawler-post` too,
//! without a body: it is no post.
//!
//! Which date `time.post-time` shows changed: 2.5 shows the last modification
//! (`itemprop=dateModified`) when a post was changed, with the creation time only in
//! `meta[itemprop=datePublished]`; 3.x always shows the creation time. The post's date is
//! always the creation time; a shown modification time is read as the edit.
//!
//! Post ids are post numbers (`/t/slug/123/4`): the crawler view shows no other, and the
//! JSON reader does the same so that both give the same model.

mod html;
mod json;

pub(crate) use html::{count_posts, parse};
pub(crate) use json::parse as parse_json;

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // The crawler view (served to crawlers as is, to browsers inside <noscript>).
    ("div.topic-body.crawler-post", 3),
    ("div.crawler-post-meta", 3),
    ("span.creator[itemprop='author']", 2),
    ("div.post[itemprop='articleBody'], div.post[itemprop='text']", 2),
    ("aside.quote[data-post]", 1),
];
