//! Which forum software made a page, by its structural markup.
//!
//! Detection never depends on a generator meta tag, branding, scripts or a doctype alone:
//! archived pages often lack them. Each engine has weighted marker selectors in [`MARKERS`];
//! every engine's matching markers are summed, and the highest score at or above
//! [`THRESHOLD`] wins. [`detect_verbose`] shows the whole tally, so a user whose theme is
//! not recognized can see what was checked and force an engine.

use std::sync::LazyLock;

use scraper::Selector;
use serde::Serialize;

use crate::model::Engine;
use crate::select::Document;

/// Marker selectors per engine, with weights: 3 for markup only that engine writes, 1 or 2
/// for hints other software may share.
const MARKERS: &[(Engine, &[(&str, u32)])] = &[
    (
        Engine::Smf,
        &[
            ("div.post_wrapper div.keyinfo", 3),
            ("div.inner[id^='msg_']", 3),
            ("td.poster_info", 3),
            ("div[id^='subject_'], h5[id^='subject_']", 2),
            ("a[href*='action=profile;u='], a[href*='action=profile%3Bu=']", 2),
            ("form#quickModForm", 1),
            ("a[href*='action=printpage']", 1),
            // The print view: "h1 site, h2 trail, posts as 'margin: 0 5ex' divs".
            ("h2.normaltext ~ table div[style*='margin: 0 5ex']", 3),
        ],
    ),
    (
        Engine::Fluxbb,
        &[
            // FluxBB 1.4/1.5, PunBB 1.2: the author `dl` of a `div.blockpost`.
            ("div.blockpost div.postleft dl", 3),
            ("div.blockpost div.postmsg", 2),
            ("#punviewtopic", 2),
            // PunBB 1.3/1.4.
            ("div.posthead h3.post-ident", 3),
            ("ul.author-ident", 2),
            ("div.post-entry div.entry-content", 2),
            ("a[href*='viewtopic.php?pid=']", 1),
        ],
    ),
    (
        Engine::Mybb,
        &[
            ("div.post_body[id^='pid_']", 3),
            ("div.post_author div.author_information", 3),
            ("div.post_head span.post_date", 2),
            ("blockquote.mycode_quote", 1),
            ("a[href*='showthread.php?tid='], a[href*='newreply.php?tid=']", 1),
        ],
    ),
    (
        Engine::Phorum,
        &[
            // Emerald (5.2).
            ("div.message div.message-author", 3),
            ("div.message div.message-body", 2),
            ("td.message-user-info", 1),
            // Classic.
            ("div.PhorumReadMessageBlock div.PhorumReadBodyText", 3),
            ("div#phorum", 1),
        ],
    ),
    (
        Engine::Forumotion,
        &[
            // Markup Forumotion writes in every template; its phpBB-like templates share
            // `div.postbody`, `p.author` and `postprofile` with phpBB, so these outweigh them.
            ("div.post[class*='post--']", 3),
            ("div.signature_div", 3),
            ("div.postprofile-head", 2),
            ("span.poster-profile", 2),
            ("div.postbody-head", 2),
            ("div.post-entry", 1),
            // Profiles linked as `/u12` from the author column.
            (".postprofile a[href^='/u'], p.author a[href^='/u']", 3),
        ],
    ),
    (
        Engine::Xenforo,
        &[
            // XenForo 2: the two cells of a post, and its body.
            (".message-cell--user ~ .message-cell--main", 3),
            ("article.message-body div.bbWrapper, div.message-content div.bbWrapper", 3),
            ("blockquote.bbCodeBlock--quote, div.bbCodeBlock--quote", 1),
            ("ul.p-breadcrumbs", 1),
            ("time.u-dt", 1),
            // XenForo 1: `li.message` with its user info, the body, quotes, dates.
            (".message .messageUserInfo ~ .messageInfo", 3),
            ("blockquote.messageText", 2),
            (".messageUserBlock h3.userText", 2),
            ("div.bbCodeQuote div.attribution", 1),
            ("abbr.DateTime, span.DateTime", 1),
            (".breadcrumb span.crumbs", 1),
        ],
    ),
    (
        Engine::Phpbb,
        &[
            // 3.x prosilver and the styles built on it: the profile beside the post body.
            ("div.post dl.postprofile, div.post div.postbody > div[id^='post_content']", 3),
            ("div.postbody div[id^='post_content'] > div.content", 3),
            ("div.postbody p.author, div.postbody div.author", 1),
            ("dl.attachbox, dl.codebox, blockquote.uncited", 1),
            // subsilver2 (3.0): a table per post, the name in `b.postauthor`.
            ("table.tablebg .postauthor", 3),
            // 2.0 subSilver and kin: the name cell with the post anchor, the body cell.
            ("td span.name > a[name]", 2),
            ("span.postbody, td.postbody", 1),
            ("td.spaceRow, td.spacerow", 1),
            ("a[href*='memberlist.php?mode=viewprofile'], a[href*='profile.php?mode=viewprofile']", 1),
            ("a[href*='posting.php?mode=quote'], a[href*='posting.php?mode=reply']", 1),
        ],
    ),
    (
        Engine::Vbulletin,
        &[
            // 3.x and 4.x: the message div every postbit has.
            ("div[id^='post_message_']", 3),
            // 4.x postbits, 5.x and 6.x posts.
            ("li.postcontainer[id^='post_'], li.postbitlegacy[id^='post_'], li.postbit[id^='post_']", 3),
            ("li.b-post div.js-post__content-text", 3),
            ("a.bigusername, a[id^='postcount']", 2),
            ("div.b-userinfo, div.userinfo span.usertitle", 2),
            ("div.bbcode_container div.bbcode_quote, div.bbcode_postedby", 1),
        ],
    ),
    (
        Engine::Invision,
        &[
            // Invision Power Board 3.
            ("div.post_block div.post_body", 3),
            ("div.post_block div.author_info", 3),
            ("abbr.published", 1),
            // Invision Community 4.
            ("article.cPost", 3),
            ("aside.cAuthorPane, aside.ipsComment_author", 3),
            ("div.ipsType_richText[data-role='commentContent']", 2),
            // Invision Community 5.
            ("article.ipsEntry", 3),
            ("aside.ipsEntry__author-column", 3),
            ("blockquote.ipsQuote", 1),
        ],
    ),
    (
        Engine::Discourse,
        &[
            // The crawler view (served to crawlers as is, to browsers inside <noscript>).
            ("div.topic-body.crawler-post", 3),
            ("div.crawler-post-meta", 3),
            ("span.creator[itemprop='author']", 2),
            ("div.post[itemprop='articleBody'], div.post[itemprop='text']", 2),
            ("aside.quote[data-post]", 1),
        ],
    ),
    (
        Engine::Vanilla,
        &[
            ("li.ItemComment[id^='Comment_']", 3),
            ("div.ItemDiscussion[id^='Discussion_']", 3),
            ("div.Item-Header span.Author", 2),
            ("span.MItem.DateCreated", 2),
            ("div.Message.userContent, div.Item-Body div.Message", 1),
        ],
    ),
];

/// The score an engine needs to be detected.
pub const THRESHOLD: u32 = 3;

/// What detection looks for, quoted in [`crate::Error::NotAThread`].
pub(crate) fn looked_for() -> String {
    let engines: Vec<String> = MARKERS
        .iter()
        .map(|(engine, markers)| {
            let css: Vec<&str> = markers.iter().filter(|(_, w)| *w >= THRESHOLD).map(|(c, _)| *c).collect();
            format!("{engine} ({})", css.join(" | "))
        })
        .collect();
    format!("the post markup of a supported engine: {}", engines.join("; "))
}

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
    crate::select::scan(css)
        .map_or_else(|| vec![Vec::new()], |alts| alts.into_iter().map(|a| a.classes).collect())
}

static COMPILED: LazyLock<Vec<(Engine, Vec<Marker>)>> = LazyLock::new(|| {
    MARKERS
        .iter()
        .map(|(engine, markers)| {
            let compiled = markers
                .iter()
                .map(|&(css, weight)| Marker {
                    selector: crate::select::compile(css),
                    css,
                    weight,
                    needs: required_classes(css),
                })
                .collect();
            (engine.clone(), compiled)
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
}

/// Detects the engine of a page, or `None` when no engine's markup is found.
///
/// ```
/// let html = r#"<div class="post_wrapper"><div class="keyinfo"></div></div>"#;
/// assert_eq!(forum_thread::detect(html), Some(forum_thread::Engine::Smf));
/// assert_eq!(forum_thread::detect("<p>hello</p>"), None);
/// ```
pub fn detect(html: &str) -> Option<Engine> {
    let doc = crate::parser::parse_document(html);
    detect_document(&Document::new(&doc))
}

/// Every engine whose markers were found, best first, with the markers that matched.
///
/// ```
/// let html = r#"<div class="post_wrapper"><div class="keyinfo"></div></div>"#;
/// let tally = forum_thread::detect_verbose(html);
/// assert_eq!(tally[0].engine, forum_thread::Engine::Smf);
/// assert_eq!(tally[0].matched, ["div.post_wrapper div.keyinfo"]);
/// ```
pub fn detect_verbose(html: &str) -> Vec<Detection> {
    let doc = crate::parser::parse_document(html);
    tally(&Document::new(&doc), true)
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

/// Scores engines over `pages` together, best first (ties in the order of [`MARKERS`]).
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
            out.push((order, Detection { engine: engine.clone(), score, matched }));
        }
    }
    out.sort_by_key(|(order, d)| (std::cmp::Reverse(d.score), *order));
    out.into_iter().map(|(_, d)| d).collect()
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
