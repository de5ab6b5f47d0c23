//! The ground floor of reading HTML, below every engine: building the page's tree within
//! limits that hold for any input ([`build_document`]), its index ([`Document`], whose `select` and `select_in` look only at
//! elements that can match), the DOM helpers engines read elements with, and [`selectors!`],
//! which compiles selectors once.
//!
//! Nothing here knows about forums: engines, `body` and `detect` call it.

mod build;
mod dom;
mod index;
mod select;
mod tree;

pub(crate) use build::Budget;
pub(crate) use dom::{
    closest, containers, contains, first, first_outside, has_class, is_descendant, non_empty_text, own_text,
    text, text_lines,
};
pub(crate) use index::{Document, scan};
pub(crate) use select::{ANCHOR, BASE_HREF, CANONICAL, IMG, OG_URL, SPAN, TITLE, compile, selectors};
pub(crate) use tree::{build_document, empty_document, parse_document};
