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
    /// as the HTML parser builds them (`html` and `body` not counted): seen while it builds
    /// the tree, from the elements it holds open and those it would reopen, and checked on the
    /// finished tree.
    #[error("elements nest deeper than the limit of {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// The markup builds a larger tree than the parser allows for an input of its size. The
    /// HTML parser creates elements the markup does not write (it clones formatting elements
    /// left open into every later block), and hostile pages use that to build trees
    /// thousands of times their size. The trees built from one input (the page's, its
    /// `<noscript>` markup, a JSON topic's posts) may take 32 bytes per byte of input plus
    /// 16 MiB, counting 128 bytes a node and 48 an attribute besides its name and value: real
    /// pages take 6 to 10 bytes per byte. A text rendering's table of lines is held to the same
    /// budget (ordinary renderings take 2 to 4 bytes per byte; a million empty lines, 56).
    #[error("the input builds a tree (or table of lines) of more than {limit} bytes from {size} bytes")]
    #[non_exhaustive]
    TooManyNodes {
        /// The input's size in bytes.
        size: usize,
        /// The tree's budget in bytes.
        limit: usize,
    },
    /// A tag has more attributes than the parser allows (1,024). The HTML parser checks each
    /// attribute of a tag against the tag's others, so a tag of 100,000 attributes takes
    /// seconds; real tags have a few dozen at most. Counted before parsing, wherever a tag
    /// could start (in a comment, a script or a quoted value too).
    #[error("a tag has more than {limit} attributes")]
    #[non_exhaustive]
    TooManyAttributes {
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
