//! Discourse: the server-rendered crawler view (2.5 to current), the rendered view a browser
//! leaves after the app ran, and the topic JSON (`/t/ID.json`).
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
//! A page saved from a browser after the app ran holds the rendered post stream
//! (`article[data-post-id]`, see `rendered`), and usually the `<noscript>` crawler view
//! still: the rendered stream is read, being what the reader saw (the posts loaded as they
//! scrolled, with member ids and user titles the crawler view does not show).
//!
//! Post ids are post numbers (`/t/slug/123/4`): the crawler view shows no other, and the
//! JSON and rendered readers do the same so that all give the same model.

mod html;
mod json;
mod rendered;

pub(crate) use json::parse as parse_json;

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::Thread;
use crate::page::Document;

/// Reads the rendered view when the page holds one, else the crawler view.
pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    if rendered::has_posts(doc) { rendered::parse(doc, ctx) } else { html::parse(doc, ctx) }
}

/// The counter of the view [`parse`] reads.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    if rendered::has_posts(doc) { rendered::count_posts(doc) } else { html::count_posts(doc) }
}

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // The crawler view (served to crawlers as is, to browsers inside <noscript>).
    ("div.topic-body.crawler-post", 3),
    ("div.crawler-post-meta", 3),
    ("span.creator[itemprop='author']", 2),
    ("div.post[itemprop='articleBody'], div.post[itemprop='text']", 2),
    ("aside.quote[data-post]", 1),
    // The rendered view (a page saved after the app ran).
    ("div.topic-post article[data-post-id]", 3),
    ("article[data-post-id] div.cooked", 2),
    ("span.relative-date[data-time]", 1),
];
