#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod body;
mod ctx;
mod decode;
mod detect;
#[cfg(feature = "dump")]
pub mod dump;
mod engines;
mod error;
mod limits;
mod model;
mod normalize;
mod page;
mod parser;
mod schema;
mod text;

pub use decode::{Decoded, decode};
pub use detect::{Detection, detect, detect_text, detect_verbose};
pub use error::Error;
pub use limits::{DEFAULT_MAX_DEPTH, DEFAULT_MAX_INPUT_BYTES};
pub use model::{
    Article, Attachment, Author, Board, CharsetSource, Edited, Encoding, Engine, Field, Format, Link, Origin,
    Page, PageOrigin, Post, Quote, Reaction, SCHEMA_VERSION, Signature, Site, Source, Thread, Timestamp,
    TimestampParseError, Topic, UnknownName, Viewers, Warning,
};
pub use parser::{Parser, ParserBuilder};
pub use schema::JSON_SCHEMA;

/// Parses one thread page with default options: HTML or a plain-text rendering of it (told
/// apart by the input), the engine detected, links kept as the page wrote them unless it
/// gives a base URL, relative dates read against the time the page shows, if any.
///
/// # Errors
/// [`Error::NotAThread`] when the page is not a thread page of a known engine,
/// [`Error::UnsupportedEngine`] when its engine has no parser here,
/// [`Error::TooLarge`] and [`Error::TooDeep`] beyond the limits
/// ([`DEFAULT_MAX_INPUT_BYTES`], [`DEFAULT_MAX_DEPTH`]).
pub fn parse(input: &str) -> Result<Thread, Error> {
    Parser::default().parse(input)
}

/// Parses one thread page given as bytes, with default options: the charset comes from a
/// byte order mark, the page's `<meta>`, else the bytes (see [`decode()`]), and is reported in
/// [`Thread::encoding`].
///
/// ```
/// let page = std::fs::read("examples/data/smf20-briefing-room.html")?;
/// let thread = forum_thread::parse_bytes(&page)?;
/// assert_eq!(thread.encoding.map(|e| e.charset).as_deref(), Some("utf-8"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`parse`].
pub fn parse_bytes(bytes: &[u8]) -> Result<Thread, Error> {
    Parser::default().parse_bytes(bytes)
}
