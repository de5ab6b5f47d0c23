//! The crate's error type.

use crate::model::Engine;

/// Why a page could not be parsed as a thread.
///
/// A page that parses with problems in some fields is not an error: those problems are
/// [`crate::Warning`]s in the returned [`crate::Thread`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The page is not a thread page of a known engine (a board index, a login wall, an
    /// article, not a forum page at all).
    #[error("not a forum thread page: looked for {looked_for}")]
    NotAThread {
        /// What the detector or the engine's parser looked for and did not find, in a few
        /// words: the message is one log line. [`crate::detect_verbose`] shows which markers
        /// of which engine the page has.
        looked_for: String,
    },
    /// The page was made by forum software this crate recognizes but has no parser for.
    #[error("unsupported forum engine: {detected}")]
    UnsupportedEngine {
        /// The engine that was detected (or forced).
        detected: Engine,
    },
    /// The input is larger than the parser's limit ([`crate::ParserBuilder::max_input_bytes`]).
    #[error("input of {size} bytes is over the limit of {limit} bytes")]
    TooLarge {
        /// The input's size in bytes (of the text, for text input; of the bytes, for bytes).
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// Elements nest deeper than the parser's limit ([`crate::ParserBuilder::max_depth`]),
    /// as estimated from the tags before the page is parsed.
    #[error("elements nest deeper than the limit of {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A URL given as an option is not an absolute URL.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
}
