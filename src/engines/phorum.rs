//! stub
use scraper::Html;
use crate::error::Error;
use crate::model::Thread;
use crate::parser::Ctx;
pub(crate) fn parse(_doc: &Html, _ctx: &mut Ctx) -> Result<Thread, Error> {
    Err(Error::NotAThread { looked_for: String::new() })
}
