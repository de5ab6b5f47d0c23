//! Which forum software made a page, by its structural markup.
//!
//! Detection never depends on a generator meta tag, branding, scripts or a doctype alone:
//! archived pages often lack them. Each engine has weighted marker selectors (its `MARKERS`,
//! listed in the engine registry, `engines::REGISTRY`); every engine's matching markers are summed, and the highest score at or above
//! [`THRESHOLD`] wins. [`detect_verbose`] shows the whole tally, so a user whose theme is
//! not recognized can see which markers were found and force an engine.

use std::sync::LazyLock;

use scraper::Selector;
use serde::Serialize;

use crate::engines::REGISTRY;
use crate::model::Engine;
use crate::page::Document;

/// The score an engine needs to be detected.
pub const THRESHOLD: u32 = 3;

/// What detection looked for, as [`crate::Error::NotAThread`] says it: in a few words, as
/// the error is one log line per page; [`detect_verbose`] shows the tally of markers found.
pub(crate) const LOOKED_FOR: &str = "the post markup of a supported engine";

/// A compiled marker.
struct Marker {
    selector: Selector,
    css: &'static str,
    weight: u32,
    /// For each comma-separated alternative, the classes it requires: the marker can match
    /// only where every class of one alternative occurs in the page.
    needs: Vec<Vec<&'static str>>,
}

/// The classes each alternative of `css` requires.
fn required_classes(css: &'static str) -> Vec<Vec<&'static str>> {
    crate::page::scan(css)
        .map_or_else(|| vec![Vec::new()], |alts| alts.into_iter().map(|a| a.classes).collect())
}

static COMPILED: LazyLock<Vec<(Engine, Vec<Marker>)>> = LazyLock::new(|| {
    REGISTRY
        .iter()
        // The generic reader has no markers: it is never detected, only fallen back to.
        .filter(|entry| !entry.markers.is_empty())
        .map(|entry| {
            let compiled = entry
                .markers
                .iter()
                .map(|&(css, weight)| Marker {
                    selector: crate::page::compile(css),
                    css,
                    weight,
                    needs: required_classes(css),
                })
                .collect();
            (entry.engine.clone(), compiled)
        })
        .collect()
});

/// One engine's tally in [`detect_verbose`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Detection {
    /// The engine.
    pub engine: Engine,
    /// The sum of the weights of the markers found.
    pub score: u32,
    /// The marker selectors found on the page.
    pub matched: Vec<&'static str>,
    /// Every marker selector of the engine: what was looked for.
    pub looked_for: Vec<&'static str>,
}

/// Detects the engine of a page, or `None` when no engine's markup is found.
///
/// ```
/// let html = r#"<div class="post_wrapper"><div class="keyinfo"></div></div>"#;
/// assert_eq!(forum_thread::detect(html), Some(forum_thread::Engine::Smf));
/// assert_eq!(forum_thread::detect("<p>hello</p>"), None);
/// ```
pub fn detect(html: &str) -> Option<Engine> {
    let doc = crate::page::parse_document(html);
    detect_document(&Document::new(&doc))
}

/// Every engine, best first: those whose markers were found with the markers that matched,
/// then the others with a score of 0; each with every marker it looks for. This is the
/// long form of what [`crate::Error::NotAThread`] says in one line.
///
/// ```
/// let html = r#"<div class="post_wrapper"><div class="keyinfo"></div></div>"#;
/// let tally = forum_thread::detect_verbose(html);
/// assert_eq!(tally[0].engine, forum_thread::Engine::Smf);
/// assert_eq!(tally[0].matched, ["div.post_wrapper div.keyinfo"]);
/// assert!(tally[0].looked_for.contains(&"td.poster_info"));
/// assert_eq!(tally.last().map(|d| d.score), Some(0));
/// ```
pub fn detect_verbose(html: &str) -> Vec<Detection> {
    let doc = crate::page::parse_document(html);
    let mut out = tally(&Document::new(&doc), true);
    for (engine, markers) in COMPILED.iter() {
        if !out.iter().any(|d| d.engine == *engine) {
            let looked_for = markers.iter().map(|m| m.css).collect();
            out.push(Detection { engine: engine.clone(), score: 0, matched: Vec::new(), looked_for });
        }
    }
    out
}

/// Scores every engine. A marker is only run over the page when the classes it requires
/// occur in it: most markers of other engines are ruled out without a look at an element.
/// Unless `every` is set, only what decides the winner is scored: engines whose possible
/// markers cannot outweigh the best score found are left out.
pub(crate) fn tally(page: &Document<'_>, every: bool) -> Vec<Detection> {
    let out = tally_in(&[page], every);
    if out.first().is_some_and(|d| d.score >= THRESHOLD) {
        return out;
    }
    // Nothing found in the page itself: look inside its `<noscript>` blocks too.
    let hidden = page.noscript_documents();
    if hidden.is_empty() {
        return out;
    }
    let hidden: Vec<Document<'_>> = hidden.iter().map(Document::new).collect();
    let pages: Vec<&Document<'_>> = std::iter::once(page).chain(&hidden).collect();
    tally_in(&pages, every)
}

/// Scores engines over `pages` together, best first (ties in registry order).
fn tally_in(pages: &[&Document<'_>], every: bool) -> Vec<Detection> {
    let possible =
        |m: &Marker| m.needs.iter().any(|alt| alt.iter().all(|c| pages.iter().any(|p| p.has_class(c))));
    let found_in_page = |m: &Marker| pages.iter().any(|p| p.select(&m.selector).next().is_some());
    // Each engine with its possible markers and the most they can weigh, heaviest first.
    let mut engines: Vec<(usize, &Engine, Vec<&Marker>, u32)> = COMPILED
        .iter()
        .enumerate()
        .map(|(order, (engine, markers))| {
            let markers: Vec<&Marker> = markers.iter().filter(|m| possible(m)).collect();
            let most = markers.iter().map(|m| m.weight).sum();
            (order, engine, markers, most)
        })
        .collect();
    engines.sort_by_key(|e| std::cmp::Reverse(e.3));
    let mut out: Vec<(usize, Detection)> = Vec::new();
    let mut best = 0;
    for (order, engine, markers, most) in engines {
        if most == 0 || (!every && most < best) {
            continue;
        }
        let found: Vec<&Marker> = markers.into_iter().filter(|m| found_in_page(m)).collect();
        let matched: Vec<&'static str> = found.iter().map(|m| m.css).collect();
        let score = found.iter().map(|m| m.weight).sum();
        best = best.max(score);
        if score > 0 {
            let looked_for = COMPILED[order].1.iter().map(|m| m.css).collect();
            out.push((order, Detection { engine: engine.clone(), score, matched, looked_for }));
        }
    }
    out.sort_by_key(|(order, d)| (std::cmp::Reverse(d.score), *order));
    out.into_iter().map(|(_, d)| d).collect()
}

/// How much of a text rendering [`detect_text`] reads: chrome sits at the top and around
/// the first posts.
const TEXT_SNIFF: usize = 64 * 1024;

/// The score a text rendering's chrome needs to name an engine.
const TEXT_THRESHOLD: u32 = 3;

/// The engine whose chrome a text rendering shows, from the phrases its text reader's table
/// lists (`Entry::text_markers`: "Post by", "Join Date", "Reaction score", ...) and the line
/// shapes only it prints ("by NAME » DATE", "DATE #N"): each phrase found in the first 64 KB
/// (case-insensitively) adds its weight once, each shape found twice 3; the highest score at
/// or above 3 wins, ties going to the earlier engine of the registry. `None` when no engine
/// scores enough.
///
/// ```
/// let text = "alice\n    Posts: 12\n    Joined: Mon Jan 02, 2023\n\nPost by alice » Mon Jan 02, 2023 10:00 am\nHi\n";
/// assert_eq!(forum_thread::detect_text(text), Some(forum_thread::Engine::Phpbb));
/// assert_eq!(forum_thread::detect_text("just some words"), None);
/// ```
pub fn detect_text(input: &str) -> Option<Engine> {
    rank_text(input).into_iter().find(|(_, score)| *score >= TEXT_THRESHOLD).map(|(engine, _)| engine)
}

/// Every engine that reads text renderings with its [`detect_text`] score, best first (ties
/// in registry order, so SMF first among equals): the order in which the parser tries them
/// when the rendering's chrome names none.
pub(crate) fn rank_text(input: &str) -> Vec<(Engine, u32)> {
    let end = (0..=TEXT_SNIFF.min(input.len())).rev().find(|&i| input.is_char_boundary(i)).unwrap_or(0);
    let head = input[..end].to_lowercase();
    let mut ranked: Vec<(Engine, u32)> = REGISTRY
        .iter()
        .filter(|entry| entry.text.is_some())
        .map(|entry| {
            let phrases: u32 =
                entry.text_markers.iter().filter(|(m, _)| head.contains(m)).map(|(_, w)| w).sum();
            let shapes = entry.text_table.map_or(0, |t| crate::text::anchored::shape_score(&input[..end], t));
            let score = phrases + shapes;
            (entry.engine.clone(), score)
        })
        .collect();
    ranked.sort_by_key(|(_, score)| std::cmp::Reverse(*score));
    ranked
}

pub(crate) fn detect_document(page: &Document<'_>) -> Option<Engine> {
    tally(page, false).into_iter().find(|d| d.score >= THRESHOLD).map(|d| d.engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_marker_compiles() {
        assert!(COMPILED.iter().all(|(_, markers)| !markers.is_empty()));
    }
}
