//! The generic reader: thread pages of forum software no engine knows, and of known software
//! whose engine finds no posts (forks, heavy themes).
//!
//! Precision before recall: a page is read only when it shows posts, several blocks that
//! repeat at one place of the page each holding an author, a date and a text (see
//! [`repeated`]); everything else is [`Error::NotAThread`]. Every thread read carries a page
//! warning that it was read generically, and a field it could not find is absent, never
//! guessed.

mod outline;
mod post;
mod repeated;
mod topic;

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Format, Thread};
use crate::page::Document;

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let outline = outline::Outline::new(doc);
    let groups = repeated::groups(&outline);
    let readings: Vec<(usize, repeated::Reading)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.complete >= 2)
        .take(8)
        .map(|(i, g)| (i, repeated::read(&outline, g)))
        .collect();
    if std::env::var_os("GENERIC_DEBUG").is_some() {
        for (i, r) in &readings {
            let g = &groups[*i];
            let d = |x: Option<usize>| {
                x.map_or("-".to_owned(), |i| {
                    repeated::describe(&outline, i).rsplit(" > ").next().unwrap_or("").to_owned()
                })
            };
            let b = r.blocks[0];
            eprintln!(
                "{:3}/{:3} distinct {:3} median {:4} score {:5} {}  | a {} d {} b {}",
                r.complete,
                g.members.len(),
                r.distinct,
                r.median_body,
                r.score,
                repeated::describe(&outline, g.members[0]),
                d(b.author),
                d(b.date),
                d(b.body)
            );
        }
    }
    let Some((_, reading)) =
        readings.into_iter().filter(|(_, r)| r.complete >= 2).max_by_key(|(_, r)| r.score)
    else {
        return Err(Error::NotAThread {
            looked_for:
                "posts: blocks repeated at one place of the page, each with an author, a date and a text"
                    .into(),
        });
    };
    let mut thread = Thread::new(Engine::Generic, Format::Html);
    thread.software = topic::software(doc);
    let first = reading.blocks.first().map(|b| outline.items[b.container].el);
    thread.topic = topic::topic(doc, ctx, first);
    thread.page = topic::page(doc, ctx);
    thread.site = topic::site(doc);
    for (i, block) in reading.blocks.iter().enumerate() {
        thread.posts.push(post::read(&outline, block, ctx, i + 1));
    }
    ctx.warn(
        None,
        "engine",
        format!(
            "read generically: {} posts found as blocks repeated at one place of the page ({}); \
             fields not found there are absent",
            thread.posts.len(),
            repeated::describe(&outline, reading.blocks[0].container)
        ),
    );
    Ok(thread)
}

/// The generic reader counts no posts apart from the ones it reads.
pub(crate) fn count_posts(_doc: &Document<'_>) -> Option<(usize, &'static str)> {
    None
}
