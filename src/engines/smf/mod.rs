//! Simple Machines Forum: 1.1 (table layout, bitcointalk's theme), 2.0 (Curve, core and
//! custom themes), 2.1; the `action=printpage` view ([`print`]); and text renderings of
//! both ([`text`]).

mod html;
mod print;
mod text;

use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::Thread;
use crate::page::Document;

pub(crate) use text::{TEXT_MARKERS, parse as parse_text};

/// The thread page, or its print view.
pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    if print::is_print_view(doc) { print::parse(doc, ctx) } else { html::parse(doc, ctx) }
}

/// The page's posts counted without the post bodies the parser reads.
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    if print::is_print_view(doc) { print::count_posts(doc) } else { html::count_posts(doc) }
}

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    ("div.post_wrapper div.keyinfo", 3),
    ("div.inner[id^='msg_']", 3),
    ("td.poster_info", 3),
    ("div[id^='subject_'], h5[id^='subject_']", 2),
    ("a[href*='action=profile;u='], a[href*='action=profile%3Bu=']", 2),
    ("form#quickModForm", 1),
    ("a[href*='action=printpage']", 1),
    // The print view: "h1 site, h2 trail, posts as 'margin: 0 5ex' divs".
    ("h2.normaltext ~ table div[style*='margin: 0 5ex']", 3),
];
