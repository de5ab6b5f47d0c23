#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod body;
mod detect;
#[cfg(feature = "dump")]
pub mod dump;
mod engines;
mod error;
pub mod model;
pub mod normalize;
mod parser;
mod select;
mod text;

pub use detect::{Detection, detect, detect_verbose};
pub use error::Error;
pub use model::{
    Article, Attachment, Author, Board, Edited, Engine, Field, Format, Link, Origin, Page, PageOrigin, Post,
    Quote, Reaction, Signature, Site, Source, Thread, Timestamp, Topic, Viewers, Warning,
};
pub use parser::{Parser, ParserBuilder};

/// Parses one thread page with default options: HTML or a plain-text rendering of it (told
/// apart by the input), the engine detected, links kept as the page wrote them unless it
/// gives a base URL, relative dates read against the time the page shows, if any.
///
/// # Errors
/// [`Error::NotAThread`] when the page is not a thread page of a known engine,
/// [`Error::UnsupportedEngine`] when its engine has no parser here.
pub fn parse(input: &str) -> Result<Thread, Error> {
    Parser::default().parse(input)
}
