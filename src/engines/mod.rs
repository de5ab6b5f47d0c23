//! One parser per forum software. Detection picks one; [`parse`] dispatches in one `match`.
//!
//! # Writing an engine
//! An engine is one file, `engines/<name>.rs`, with
//! `pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error>`:
//! - find the post containers first and return [`Error::NotAThread`] when there are none;
//!   every container found becomes a post, even when its fields fail (`None` plus
//!   [`Ctx::warn`] naming the post's 1-based index and the JSON field);
//! - read dates with [`Ctx::date`] (the shared pipeline in `normalize::date`), counts with
//!   `normalize::number`, links with [`Ctx::url`] (absolute against the base URL);
//! - read bodies and signatures with `body::read` / `body::signature`, giving a small
//!   [`crate::body::Markup`] that says which elements are quotes, quote headers, code and
//!   chrome: text rendering, quotes, links, the pasted article and its source are shared;
//! - compile selectors once with `select::selectors!`; `doc.select` is answered from the
//!   page's index, and so is `doc.select_in(el, ..)`, the same as `el.select(..)` but
//!   looking only at elements that can match (worth it in code run once per post);
//! - add the engine's weighted markers to `detect::MARKERS` and its arm below;
//! - count the page's posts by markers the parser does not read posts from (unique message
//!   ids, author blocks) and add that counter to [`POST_COUNTERS`], so a post the parser
//!   misses is a warning rather than silently lost.
//!
//! A variant close to another engine delegates to it rather than copying it.

use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::parser::Ctx;
use crate::select::Document;

pub(crate) mod common;
pub(crate) mod discourse;
mod fluxbb;
mod forumotion;
mod invision;
mod mybb;
mod phorum;
mod phpbb;
mod smf;
mod vanilla;
mod vbulletin;
mod xenforo;

/// Counts a page's posts independently of its engine's parser: the number, and what was
/// counted (for the warning). `None` when the page has no such markers.
pub(crate) type PostCounter = fn(&Document<'_>) -> Option<(usize, &'static str)>;

/// One line per engine: its [`PostCounter`].
const POST_COUNTERS: &[(Engine, PostCounter)] = &[
    (Engine::Smf, smf::count_posts),
    (Engine::Phpbb, phpbb::count_posts),
    (Engine::Xenforo, xenforo::count_posts),
    (Engine::Vbulletin, vbulletin::count_posts),
    (Engine::Invision, invision::count_posts),
    (Engine::Discourse, discourse::count_posts),
    (Engine::Vanilla, vanilla::count_posts),
    (Engine::Fluxbb, fluxbb::count_posts),
    (Engine::Mybb, mybb::count_posts),
    (Engine::Phorum, phorum::count_posts),
    (Engine::Forumotion, forumotion::count_posts),
];

/// Parses `doc` as `engine`, then checks the posts read against the engine's independent
/// count of posts on the page.
pub(crate) fn parse(engine: &Engine, doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let thread = match engine {
        Engine::Smf => smf::parse(doc, ctx),
        Engine::Fluxbb => fluxbb::parse(doc, ctx),
        Engine::Mybb => mybb::parse(doc, ctx),
        Engine::Phorum => phorum::parse(doc, ctx),
        Engine::Forumotion => forumotion::parse(doc, ctx),
        Engine::Xenforo => xenforo::parse(doc, ctx),
        Engine::Phpbb => phpbb::parse(doc, ctx),
        Engine::Vbulletin => vbulletin::parse(doc, ctx),
        Engine::Invision => invision::parse(doc, ctx),
        Engine::Discourse => discourse::parse(doc, ctx),
        Engine::Vanilla => vanilla::parse(doc, ctx),
        other => Err(Error::UnsupportedEngine { detected: other.clone() }),
    }?;
    check_post_count(engine, doc, &thread, ctx);
    Ok(thread)
}

/// Warns (field `posts`) when the engine's counter sees another number of posts than were
/// read.
fn check_post_count(engine: &Engine, doc: &Document<'_>, thread: &Thread, ctx: &mut Ctx) {
    let Some((count, what)) =
        POST_COUNTERS.iter().find(|(e, _)| e == engine).and_then(|(_, counter)| counter(doc))
    else {
        return;
    };
    let read = thread.posts.len();
    if count != read {
        ctx.warn(None, "posts", format!("the page marks {count} posts ({what}) but {read} were read"));
    }
}
