//! Vanilla Forums (placeholder).
use scraper::Html;

use crate::error::Error;
use crate::model::{Engine, Thread};
use crate::parser::Ctx;

pub(crate) fn parse(_doc: &Html, _ctx: &mut Ctx) -> Result<Thread, Error> {
    Err(Error::UnsupportedEngine { detected: Engine::Vanilla })
}
