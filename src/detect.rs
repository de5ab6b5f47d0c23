//! Which forum software made a page, by its structural markup.
//!
//! Detection never depends on a generator meta tag, branding, scripts or a doctype alone:
//! archived pages often lack them. Each engine has weighted marker selectors in [`MARKERS`];
//! every engine's matching markers are summed, and the highest score at or above
//! [`THRESHOLD`] wins. [`detect_verbose`] shows the whole tally, so a user whose theme is
//! not recognized can see what was checked and force an engine.

use std::sync::LazyLock;

use scraper::{Html, Selector};
use serde::Serialize;

use crate::model::Engine;

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

/// A compiled marker: selector, its source text, weight.
type Marker = (Selector, &'static str, u32);

static COMPILED: LazyLock<Vec<(Engine, Vec<Marker>)>> = LazyLock::new(|| {
    MARKERS
        .iter()
        .map(|(engine, markers)| {
            let compiled = markers.iter().map(|(css, w)| (crate::select::compile(css), *css, *w)).collect();
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
    detect_document(&crate::parser::parse_document(html))
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
    tally(&crate::parser::parse_document(html))
}

pub(crate) fn tally(doc: &Html) -> Vec<Detection> {
    let mut out: Vec<Detection> = COMPILED
        .iter()
        .filter_map(|(engine, markers)| {
            let matched: Vec<&'static str> = markers
                .iter()
                .filter(|(sel, _, _)| doc.select(sel).next().is_some())
                .map(|(_, css, _)| *css)
                .collect();
            let score = markers.iter().filter(|(_, css, _)| matched.contains(css)).map(|(_, _, w)| w).sum();
            (score > 0).then(|| Detection { engine: engine.clone(), score, matched })
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.score));
    out
}

pub(crate) fn detect_document(doc: &Html) -> Option<Engine> {
    tally(doc).into_iter().find(|d| d.score >= THRESHOLD).map(|d| d.engine)
}
