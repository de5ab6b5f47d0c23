//! Simple Machines Forum 1.1, 2.0 and 2.1, and the SMF print view.

use scraper::Html;

use crate::error::Error;
use crate::model::Thread;
use crate::parser::Ctx;

pub(crate) fn parse(doc: &Html, ctx: &mut Ctx) -> Result<Thread, Error> {
    let _ = (doc, ctx);
    Err(Error::NotAThread {
        looked_for: "SMF posts".into(),
    })
}
