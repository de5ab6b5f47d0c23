//! phpBB: thread pages ([`html`]) and their text renderings ([`text`]).

mod html;
mod text;

pub(crate) use html::{MARKERS, count_posts, parse};
pub(crate) use text::TABLE as TEXT;
pub(crate) use text::parse as parse_text;
