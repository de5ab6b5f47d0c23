//! Which forum software made a page, by its structural markup.
//!
//! Detection never depends on a generator meta tag, branding, scripts or a doctype alone:
//! archived pages often lack them. Each engine has weighted marker selectors in [`MARKERS`];
//! every engine's matching markers are summed, and the highest score at or above
//! [`THRESHOLD`] wins. [`detect_verbose`] shows the whole tally, so a user whose theme is
//! not recognized can see what was checked and force an engine.

use std::collections::HashMap;
use std::sync::LazyLock;

use html5ever::tree_builder::QuirksMode;
use scraper::{ElementRef, Html, Selector};
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
    /// For each alternative, a class its subject (last compound) requires; `None` when some
    /// alternative's subject requires none, so only a scan of the tree finds its matches.
    subjects: Option<Vec<&'static str>>,
}

/// What one comma-separated alternative of a marker requires of the page.
#[derive(Default)]
struct Alternative {
    /// Every `.name` outside attribute brackets, quotes and parentheses (so `:not(.x)`
    /// requires nothing).
    classes: Vec<&'static str>,
    /// The first class of the last compound (the element the alternative matches).
    subject: Option<&'static str>,
}

/// Scans `css` once: its comma-separated alternatives with their classes. `None` when it
/// holds an escape, which this small scanner does not read.
fn scan(css: &'static str) -> Option<Vec<Alternative>> {
    let bytes = css.as_bytes();
    let mut out = vec![Alternative::default()];
    let (mut depth, mut quote, mut i) = (0i32, None, 0);
    while i < bytes.len() {
        let b = bytes[i];
        let alt = out.last_mut()?;
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'\'' | b'"') => quote = Some(b),
            (None, b'[' | b'(') => depth += 1,
            (None, b']' | b')') => depth -= 1,
            (None, b',') if depth == 0 => out.push(Alternative::default()),
            (None, b' ' | b'>' | b'+' | b'~' | b'\t' | b'\n') if depth == 0 => alt.subject = None,
            (None, b'\\') => return None,
            (None, b'.') if depth == 0 => {
                let start = i + 1;
                let end = (start..bytes.len())
                    .find(|&j| !(bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b'_')))
                    .unwrap_or(bytes.len());
                if let Some(class) = css.get(start..end).filter(|c| !c.is_empty()) {
                    alt.classes.push(class);
                    alt.subject = alt.subject.or(Some(class));
                }
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    Some(out)
}

/// A class each alternative of `css` requires of the element it matches; `None` when one
/// alternative's last compound has none.
fn subject_classes(css: &'static str) -> Option<Vec<&'static str>> {
    scan(css)?.iter().map(|alt| alt.subject).collect()
}

/// The classes each alternative of `css` requires.
fn required_classes(css: &'static str) -> Vec<Vec<&'static str>> {
    scan(css).map_or_else(|| vec![Vec::new()], |alts| alts.into_iter().map(|a| a.classes).collect())
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
                    subjects: subject_classes(css),
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

/// Scores every engine. A marker is only run over the page when the classes it requires
/// occur in it (one pass collects them): most markers of other engines are ruled out
/// without a scan of the tree.
pub(crate) fn tally(doc: &Html) -> Vec<Detection> {
    let out = tally_in(&[doc]);
    if out.first().is_some_and(|d| d.score >= THRESHOLD) {
        return out;
    }
    // Nothing found in the page itself: look inside its `<noscript>` blocks too.
    let hidden = noscript_documents(doc);
    if hidden.is_empty() {
        return out;
    }
    let docs: Vec<&Html> = std::iter::once(doc).chain(&hidden).collect();
    tally_in(&docs)
}

/// Scores every engine over `docs` together.
fn tally_in(docs: &[&Html]) -> Vec<Detection> {
    // The elements carrying each class, in one pass. In quirks mode classes match without
    // regard to case, so there markers are looked for with a scan of the tree.
    let mut by_class: HashMap<&str, Vec<ElementRef<'_>>> = HashMap::new();
    for doc in docs {
        for el in doc.tree.nodes().filter_map(ElementRef::wrap) {
            for class in el.value().classes() {
                by_class.entry(class).or_default().push(el);
            }
        }
    }
    let indexed = docs.iter().all(|d| d.quirks_mode != QuirksMode::Quirks);
    let possible = |m: &Marker| m.needs.iter().any(|alt| alt.iter().all(|c| by_class.contains_key(c)));
    let found_in_page = |m: &Marker| match m.subjects.as_ref().filter(|_| indexed) {
        // Whatever matches carries its alternative's subject class.
        Some(subjects) => {
            subjects.iter().filter_map(|c| by_class.get(c)).flatten().any(|el| m.selector.matches(el))
        }
        None => docs.iter().any(|d| d.select(&m.selector).next().is_some()),
    };
    let mut out: Vec<Detection> = COMPILED
        .iter()
        .filter_map(|(engine, markers)| {
            let found: Vec<&Marker> = markers.iter().filter(|m| possible(m) && found_in_page(m)).collect();
            let matched: Vec<&'static str> = found.iter().map(|m| m.css).collect();
            let score = found.iter().map(|m| m.weight).sum();
            (score > 0).then(|| Detection { engine: engine.clone(), score, matched })
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.score));
    out
}

/// The markup inside each `<noscript>` of `doc`, parsed. A parser with scripting enabled (as
/// a browser, and `scraper`) keeps it as text; Discourse serves its whole crawler view
/// there, so markers are looked for inside it too.
pub(crate) fn noscript_documents(doc: &Html) -> Vec<Html> {
    doc.select(&NOSCRIPT)
        .filter_map(|n| {
            let text: String = n.text().collect();
            text.contains('<').then(|| crate::parser::parse_document(&text))
        })
        .collect()
}

crate::select::selectors! {
    NOSCRIPT = "noscript";
}

pub(crate) fn detect_document(doc: &Html) -> Option<Engine> {
    tally(doc).into_iter().find(|d| d.score >= THRESHOLD).map(|d| d.engine)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_a_marker_subject_requires() {
        assert_eq!(subject_classes("div.post_wrapper div.keyinfo.x"), Some(vec!["keyinfo"]));
        assert_eq!(subject_classes(".a > .b, li.c:not(.d)"), Some(vec!["b", "c"]));
        assert_eq!(subject_classes(".a div"), None);
        assert_eq!(subject_classes(".a, div[class='x .y']"), None);
        assert_eq!(subject_classes("#posts .post "), None);
    }

    #[test]
    fn classes_a_marker_requires() {
        assert_eq!(
            required_classes("div.post dl.postprofile, td.x"),
            vec![vec!["post", "postprofile"], vec!["x"]]
        );
        let none: Vec<&str> = Vec::new();
        assert_eq!(required_classes("a[href*='showthread.php'], div:not(.a)"), vec![none.clone(), none]);
        assert_eq!(
            required_classes("h2.normaltext ~ table div[style*='margin: 0 5ex']"),
            vec![vec!["normaltext"]]
        );
    }

    #[test]
    fn every_marker_compiles() {
        assert!(COMPILED.iter().all(|(_, markers)| !markers.is_empty()));
    }
}
