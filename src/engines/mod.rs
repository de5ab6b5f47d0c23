//! One reader per forum software, and the registry of them: [`REGISTRY`] is the one table
//! that says what makes an engine. Detection reads its markers; [`read_html`],
//! [`read_text`] and [`read_json`] dispatch through it and finish what every engine's
//! page shares.
//!
//! # Writing an engine
//! An engine is one file, `engines/<name>.rs` (or a folder, `engines/<name>/`, when it
//! reads several forms: `smf/{html,print,text}.rs`, `discourse/{html,json}.rs`), plus one
//! [`Entry`] in [`REGISTRY`] and a variant of [`Engine`]. The file has:
//! - `MARKERS`: weighted selectors that detect the engine (3 for markup only it writes, 1
//!   or 2 for hints other software may share);
//! - `parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error>`, which starts from
//!   `Thread::new(Engine::<Name>, Format::Html)`; it finds the post containers first and
//!   returns [`Error::NotAThread`] when there are none; every container found becomes a post,
//!   even when its fields fail (`None` plus [`Ctx::warn`] naming the post's 1-based index and
//!   the JSON field);
//! - `count_posts`: the page's posts counted by markers the parser does not read posts from
//!   (unique message ids, author blocks), so that a post the parser misses is a warning
//!   rather than silently lost, and blocks read twice or read as posts without being one
//!   are reconciled ([`reconcile`]);
//! - where the engine reads them, a text rendering reader and a JSON reader, with the same
//!   signature over `&str`. Engines whose renderings mark each post with one header line
//!   share the anchored reader (`text::anchored`) and give it a table of their words
//!   (`engines::phpbb::text`, ...), which the registry also lists for text detection.
//!
//! Fields are read with the shared pieces: dates with [`Ctx::date`] (`normalize::date`),
//! counts with `normalize::number`, links with [`Ctx::url`] (absolute against the base
//! URL), the page's canonical link with [`Ctx::canonical`]; bodies and signatures with
//! `body::read` / `body::signature`, given a small `body::Markup` that says which elements
//! are quotes, quote headers, code and chrome, and moved into the post with `Body::fill`;
//! author profile fields, pagination, breadcrumbs and topic headers with [`chrome`]; elements with
//! `page` (`doc.select` and `doc.select_in` answer from the page's index; selectors are
//! declared once with `page::selectors!`).
//!
//! What an engine does not set, the registry finishes for every engine ([`finish`]): the
//! thread's URL (the caller's base URL, else what the engine read, else the page's canonical
//! link), a title shown cut short restored from the first post, the count check, and the
//! warnings gathered in the [`Ctx`].
//!
//! A variant close to another engine delegates to it rather than copying it.

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::page::Document;

pub(crate) mod chrome;
mod discourse;
mod discuz;
mod flarum;
mod fluxbb;
mod forumotion;
mod generic;
mod invision;
mod mybb;
mod nodebb;
mod phorum;
mod phpbb;
mod reconcile;
mod smf;
mod ubbthreads;
mod vanilla;
mod vbulletin;
mod woltlab;
mod xenforo;

/// Reads a text rendering or a JSON document into a thread.
type Reader = fn(&str, &mut Ctx) -> Result<Thread, Error>;

/// Counts a page's posts independently of its engine's parser: the number, and what was
/// counted (for the warning). `None` when the page has no such markers.
pub(crate) type PostCounter = fn(&Document<'_>) -> Option<(usize, &'static str)>;

/// What makes an engine.
pub(crate) struct Entry {
    pub engine: Engine,
    /// Detection markers: selectors with weights (see `detect`).
    pub markers: &'static [(&'static str, u32)],
    /// The HTML page reader.
    pub html: fn(&Document<'_>, &mut Ctx) -> Result<Thread, Error>,
    /// The independent post counter of HTML pages.
    pub count_posts: PostCounter,
    /// The reader of plain-text renderings, where the engine has one.
    pub text: Option<Reader>,
    /// Phrases of the engine's chrome in its text renderings, with weights (see
    /// `detect::detect_text`): empty where the engine has no text reader.
    pub text_markers: &'static [(&'static str, u32)],
    /// The table of the shared anchored text reader, for engines read by it: its line shapes
    /// count in detection too.
    pub text_table: Option<&'static crate::text::anchored::Table>,
    /// The reader of the forum's JSON API, where the engine has one.
    pub json: Option<Reader>,
}

/// Every engine, in detection order (ties between equal scores go to the earlier entry).
pub(crate) const REGISTRY: &[Entry] = &[
    Entry {
        engine: Engine::Smf,
        markers: smf::MARKERS,
        html: smf::parse,
        count_posts: smf::count_posts,
        text: Some(smf::parse_text),
        text_markers: smf::TEXT_MARKERS,
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Fluxbb,
        markers: fluxbb::MARKERS,
        html: fluxbb::parse,
        count_posts: fluxbb::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Mybb,
        markers: mybb::MARKERS,
        html: mybb::parse,
        count_posts: mybb::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Phorum,
        markers: phorum::MARKERS,
        html: phorum::parse,
        count_posts: phorum::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Forumotion,
        markers: forumotion::MARKERS,
        html: forumotion::parse,
        count_posts: forumotion::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Xenforo,
        markers: xenforo::MARKERS,
        html: xenforo::parse,
        count_posts: xenforo::count_posts,
        text: Some(xenforo::parse_text),
        text_markers: xenforo::TEXT.markers,
        text_table: Some(&xenforo::TEXT),
        json: None,
    },
    Entry {
        engine: Engine::Phpbb,
        markers: phpbb::MARKERS,
        html: phpbb::parse,
        count_posts: phpbb::count_posts,
        text: Some(phpbb::parse_text),
        text_markers: phpbb::TEXT.markers,
        text_table: Some(&phpbb::TEXT),
        json: None,
    },
    Entry {
        engine: Engine::Vbulletin,
        markers: vbulletin::MARKERS,
        html: vbulletin::parse,
        count_posts: vbulletin::count_posts,
        text: Some(vbulletin::parse_text),
        text_markers: vbulletin::TEXT.markers,
        text_table: Some(&vbulletin::TEXT),
        json: None,
    },
    Entry {
        engine: Engine::Invision,
        markers: invision::MARKERS,
        html: invision::parse,
        count_posts: invision::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Discourse,
        markers: discourse::MARKERS,
        html: discourse::parse,
        count_posts: discourse::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: Some(discourse::parse_json),
    },
    Entry {
        engine: Engine::Vanilla,
        markers: vanilla::MARKERS,
        html: vanilla::parse,
        count_posts: vanilla::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Discuz,
        markers: discuz::MARKERS,
        html: discuz::parse,
        count_posts: discuz::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Ubbthreads,
        markers: ubbthreads::MARKERS,
        html: ubbthreads::parse,
        count_posts: ubbthreads::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Woltlab,
        markers: woltlab::MARKERS,
        html: woltlab::parse,
        count_posts: woltlab::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Nodebb,
        markers: nodebb::MARKERS,
        html: nodebb::parse,
        count_posts: nodebb::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    Entry {
        engine: Engine::Flarum,
        markers: flarum::MARKERS,
        html: flarum::parse,
        count_posts: flarum::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
    // No markers: detection never names it; the parser falls back to it (see
    // `Parser::parse`).
    Entry {
        engine: Engine::Generic,
        markers: &[],
        html: generic::parse,
        count_posts: generic::count_posts,
        text: None,
        text_markers: &[],
        text_table: None,
        json: None,
    },
];

/// The registry's entry of `engine`.
pub(crate) fn entry(engine: &Engine) -> Result<&'static Entry, Error> {
    REGISTRY
        .iter()
        .find(|e| e.engine == *engine)
        .ok_or_else(|| Error::UnsupportedEngine { detected: engine.clone() })
}

/// Reads an HTML page as `engine`, then checks the posts read against the engine's
/// independent count of the page's posts; when they disagree, reconciles them
/// ([`reconcile`]: blocks of one post id merged, post-shaped blocks with nothing of a post
/// dropped) and warns about what is left.
pub(crate) fn read_html(engine: &Engine, doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let entry = entry(engine)?;
    let mut thread = (entry.html)(doc, ctx)?;
    if let Some((count, what)) = (entry.count_posts)(doc) {
        if count != thread.posts.len() {
            reconcile::reconcile(&mut thread, count, ctx);
        }
        let read = thread.posts.len();
        if count != read {
            ctx.warn(None, "posts", format!("the page marks {count} posts ({what}) but {read} were read"));
        }
    }
    if thread.url.is_none() {
        thread.url = ctx.canonical();
    }
    Ok(finish(thread, ctx))
}

/// Reads a text rendering as `engine` (the caller's, else the one its chrome names: see
/// `detect::detect_text`); without one, as SMF's, whose reader knows the most shapes.
pub(crate) fn read_text(engine: Option<&Engine>, input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    let engine = engine.unwrap_or(&Engine::Smf);
    let read = entry(engine)?.text.ok_or_else(|| Error::UnsupportedEngine { detected: engine.clone() })?;
    let thread = read(input.trim_start_matches('\u{feff}'), ctx)?;
    Ok(finish(thread, ctx))
}

/// Reads a forum API's JSON document as `engine`; without one, as a Discourse topic
/// (`/t/ID.json`), the only JSON read yet.
pub(crate) fn read_json(engine: Option<&Engine>, input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    let engine = engine.unwrap_or(&Engine::Discourse);
    let Some(read) = entry(engine)?.json else {
        return Err(Error::NotAThread {
            looked_for: format!("a {engine} page; JSON input is read as a Discourse topic (/t/ID.json)"),
        });
    };
    let thread = read(input, ctx)?;
    Ok(finish(thread, ctx))
}

/// What every engine's page gets after its reader: the caller's URL as the thread's URL, a
/// title shown cut short restored, no URL with an unsafe scheme, and the warnings gathered
/// in `ctx`.
fn finish(mut thread: Thread, ctx: &mut Ctx) -> Thread {
    if let Some(url) = &ctx.given_url {
        thread.url = Some(url.to_string());
    }
    restore_cut_title(&mut thread);
    crate::normalize::url::retain_urls(&mut thread, |url| ctx.keeps_url(url));
    thread.warnings.append(&mut ctx.warnings);
    thread
}

/// When the page shows the title cut short (SMF stores subjects of at most 100 characters;
/// text renderings truncate headers) and the first post's article headline or subject starts
/// with it, the full text is the title and the shown one is kept in `title_shown`.
fn restore_cut_title(thread: &mut Thread) {
    let Some(shown) = thread.topic.title.as_deref() else { return };
    let first = thread.posts.first();
    let candidates = [
        first.and_then(|p| p.article.as_ref()).and_then(|a| a.headline.as_deref()),
        first.and_then(|p| p.subject.as_deref()),
    ];
    if let Some(full) =
        candidates.into_iter().flatten().find(|c| c.len() > shown.len() && c.starts_with(shown))
    {
        let full = full.to_owned();
        thread.topic.title_shown = thread.topic.title.replace(full);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The registry and [`Engine::SUPPORTED`] name the same engines.
    #[test]
    fn registry_lists_the_supported_engines() {
        let mut registry: Vec<&str> = REGISTRY.iter().map(|e| e.engine.name()).collect();
        let mut supported: Vec<&str> = Engine::SUPPORTED.iter().map(Engine::name).collect();
        registry.sort_unstable();
        supported.sort_unstable();
        assert_eq!(registry, supported);
    }
}
