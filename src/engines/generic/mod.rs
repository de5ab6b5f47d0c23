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
mod single;
mod structured;
mod topic;

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Format, Thread};
use crate::page::Document;

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let refused = match read(doc, ctx) {
        Err(refused) => refused,
        read => return read,
    };
    // A page that serves its posts to crawlers only (Discourse) keeps them in `<noscript>`.
    for hidden in doc.noscript_documents() {
        if let Ok(thread) = read(&Document::new(hidden), ctx) {
            return Ok(thread);
        }
    }
    Err(refused)
}

fn read(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let outline = outline::Outline::new(doc);
    let found = find_posts(doc, &outline, ctx)?;
    let mut thread = Thread::new(Engine::Generic, Format::Html);
    thread.software = topic::software(doc);
    let first = found.blocks.first().map(|b| outline.items[b.container].el);
    thread.topic = topic::topic(doc, ctx, first);
    thread.page = topic::page(doc, ctx);
    thread.site = topic::site(doc);
    for (i, block) in found.blocks.iter().enumerate() {
        thread.posts.push(post::read(&outline, block, ctx, i + 1));
    }
    if let (Some(date), [post]) = (&found.declared_date, thread.posts.as_mut_slice()) {
        if post.date.is_none() {
            post.date = ctx.date(date, Some(1), "date");
            post.date_raw = post.date_raw.take().or_else(|| Some(date.clone()));
        }
    }
    ctx.warn(
        None,
        "engine",
        format!(
            "read generically: {} posts found {}; fields not found there are absent",
            thread.posts.len(),
            found.how
        ),
    );
    Ok(thread)
}

/// Posts found, and how.
struct Found {
    blocks: Vec<repeated::Block>,
    how: String,
    /// The date the page declares for its one post, when the post shows none that reads.
    declared_date: Option<String>,
}

/// The page's posts: those it declares as schema.org microdata when they are at least as many
/// as the repeated blocks found, else the repeated blocks; a page of one post only when it
/// declares a discussion (microdata or JSON-LD) and shows no repeated blocks at all.
fn find_posts(doc: &Document<'_>, outline: &outline::Outline<'_>, ctx: &Ctx) -> Result<Found, Error> {
    let declared = structured::declared(doc, outline);
    let micro = if declared.discussion { structured::microdata(outline) } else { Vec::new() };
    let repeated = repeated_posts(outline, ctx);
    let found_by_repetition = match &repeated {
        Ok(Some(found)) => found.blocks.len(),
        _ => 0,
    };
    if micro.len() >= 2 && micro.len() >= found_by_repetition {
        return Ok(Found {
            blocks: micro,
            how: "as the page declares them (schema.org microdata)".into(),
            declared_date: None,
        });
    }
    match repeated {
        Ok(Some(found)) => return Ok(found),
        Err(e) => return Err(e),
        Ok(None) => {}
    }
    if let [one] = micro.as_slice() {
        return Ok(Found {
            blocks: vec![*one],
            how: "as the one post the page declares (schema.org microdata)".into(),
            declared_date: None,
        });
    }
    if let Some(opening) = &declared.opening {
        if let Some(block) = structured::tie(outline, opening) {
            return Ok(Found {
                blocks: vec![block],
                how: "as the one post the page declares (schema.org JSON-LD), tied to its text".into(),
                declared_date: opening.date.clone(),
            });
        }
    }
    if let Some(block) = single::find(outline) {
        if declared.discussion || single::looks_like_a_post(outline, &block) {
            let why = if declared.discussion {
                "the page declares a discussion"
            } else {
                "it carries a post's id and its author's member facts"
            };
            return Ok(Found {
                blocks: vec![block],
                how: format!("as the one block of the page with an author, a date and a text ({why})"),
                declared_date: declared.opening.and_then(|o| o.date),
            });
        }
    }
    Err(refuse("blocks repeated at one place of the page, each with an author, a date and a text"))
}

fn refuse(why: &str) -> Error {
    Error::NotAThread { looked_for: format!("posts: {why}") }
}

/// The posts of the page's best repeated group, when it reads as a thread; `None` when no
/// group repeats at all.
fn repeated_posts(outline: &outline::Outline<'_>, ctx: &Ctx) -> Result<Option<Found>, Error> {
    let groups = repeated::groups(outline);
    let readings: Vec<(usize, repeated::Reading)> = groups
        .iter()
        .enumerate()
        .filter(|(_, g)| g.complete >= 2)
        .take(8)
        .map(|(i, g)| (i, repeated::read(outline, g)))
        .collect();
    let Some((_, mut reading)) =
        readings.into_iter().filter(|(_, r)| r.complete >= 2).max_by_key(|(_, r)| r.score)
    else {
        return Ok(None);
    };
    let posts = reading.blocks.len();
    if reading.complete * 2 < posts {
        return Err(refuse("repeated blocks most of which hold an author, a date and a text"));
    }
    // Rows that each link elsewhere under a title of their own list topics, forums or
    // results; posts link to themselves (permalinks) and repeat their topic's title.
    if reading.titled >= 2
        && reading.titled * 2 >= posts
        && reading.distinct_titles * 10 >= reading.titled * 8
    {
        return Err(refuse(&format!(
            "posts, not rows each linking to a title of their own ({} of {} do: a list)",
            reading.titled, posts
        )));
    }
    let items = &outline.items;
    let first = reading.blocks[0].container;
    let named = |i: usize, words: &[&str]| {
        let e = items[i].el.value();
        let has = |s: &str| {
            let s = s.to_ascii_lowercase();
            words.iter().any(|w| s.contains(w))
        };
        e.classes().any(has) || e.id().is_some_and(has) || e.attr("itemtype").is_some_and(has)
    };
    if named(first, &["review"]) {
        return Err(refuse("repeated blocks that are posts, not reviews"));
    }
    let mut at = first;
    for _ in 0..8 {
        if named(at, &["searchresult", "search-result", "search_result", "results"]) {
            return Err(refuse("repeated blocks that are posts, not search results"));
        }
        at = items[at].parent;
        if at == outline::NONE {
            break;
        }
    }
    if ctx.base.as_ref().is_some_and(|u| u.path().to_ascii_lowercase().contains("search")) {
        return Err(refuse("a thread page, not search results"));
    }
    let lead = repeated::lead(outline, &reading);
    if lead.is_none() && named(first, &["comment"]) && repeated::article_before(outline, first) {
        return Err(refuse("posts, not comments under an article (an article above, shaped unlike them)"));
    }
    if let Some(lead) = lead {
        reading.blocks.insert(0, lead);
    }
    if let Some(opening) = reading.blocks.first_mut().filter(|b| b.date.is_none()) {
        opening.date = repeated::header_date(outline, opening.container);
    }
    // A post shown twice (a copy beside an advert) is one post.
    let mut ids = std::collections::HashSet::new();
    reading.blocks.retain(|b| post::id_of(items[b.container].el).is_none_or(|id| ids.insert(id)));
    Ok(Some(Found {
        how: format!("as blocks repeated at one place of the page ({})", repeated::describe(outline, first)),
        blocks: reading.blocks,
        declared_date: None,
    }))
}

/// The generic reader counts no posts apart from the ones it reads.
pub(crate) fn count_posts(_doc: &Document<'_>) -> Option<(usize, &'static str)> {
    None
}
