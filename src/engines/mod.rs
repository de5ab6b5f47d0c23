//! One parser per forum software. Detection picks one; [`parse`] dispatches in one `match`.

use scraper::Html;

use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::parser::Ctx;

mod common;
mod smf;

/// Parses `doc` as `engine`.
pub(crate) fn parse(engine: &Engine, doc: &Html, ctx: &mut Ctx) -> Result<Thread, Error> {
    match engine {
        Engine::Smf => smf::parse(doc, ctx),
        other => Err(Error::UnsupportedEngine { detected: other.clone() }),
    }
}
