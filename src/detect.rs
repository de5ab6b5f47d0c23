//! Which forum software made a page, by its structural markup.
//!
//! Detection never depends on a generator meta tag, branding, scripts or a doctype alone:
//! archived pages often lack them. Each engine has marker selectors; the first engine whose
//! markers match wins.

use scraper::Html;

use crate::model::Engine;
use crate::select::selectors;

/// What detection looks for, quoted in [`crate::Error::NotAThread`].
pub(crate) const LOOKED_FOR: &str = "SMF post markup (div.post_wrapper, .keyinfo, td.poster_info, \
     #msg_N with action=profile links, or the action=printpage layout)";

selectors! {
    SMF_MARKERS = "div.post_wrapper, div.keyinfo, td.poster_info, div.poster, \
        a[href*='action=profile'], a[href*='action=printpage'], \
        form#quickModForm, div#forumposts, h2.normaltext ~ table div[style*='margin: 0 5ex']";
}

/// Detects the engine of a page, or `None` when no engine's markup is found.
///
/// ```
/// let html = r#"<div id="forumposts"><div class="post_wrapper"></div></div>"#;
/// assert_eq!(forum_thread::detect(html), Some(forum_thread::Engine::Smf));
/// assert_eq!(forum_thread::detect("<p>hello</p>"), None);
/// ```
pub fn detect(html: &str) -> Option<Engine> {
    detect_document(&Html::parse_document(html))
}

pub(crate) fn detect_document(doc: &Html) -> Option<Engine> {
    doc.select(&SMF_MARKERS).next().map(|_| Engine::Smf)
}
