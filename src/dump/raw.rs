//! What the readers give: a document's bytes with its origin ([`RawPage`]), or the error met
//! reading or parsing it ([`PageError`], of an [`ErrorKind`]). The readers and the pipeline
//! import these; this module imports no other module of `dump`.

use serde::{Deserialize, Serialize};

use crate::model::Origin;

/// One document read from a dump, not yet parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct RawPage {
    /// The document's bytes, as stored (after decompression and HTTP transfer decoding).
    pub bytes: Vec<u8>,
    /// Where it came from; its `url` is the base URL links are resolved against.
    pub origin: Origin,
    /// The charset declared outside the document (a WARC response's `Content-Type`).
    pub charset: Option<String>,
    /// What the reader had to decide to find the document's bounds in input that was not
    /// well formed (a page cut short, a comment never closed), in words. The pipeline adds
    /// each to the parsed page's warnings (field `"document"`), or to its error.
    pub notes: Vec<String>,
}

/// A document that could not be read or parsed, with where it was and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[error("{origin}: {kind}: {reason}")]
#[non_exhaustive]
pub struct PageError {
    /// Where the document (or the unreadable part of the input) was.
    pub origin: Origin,
    /// What kind of failure.
    pub kind: ErrorKind,
    /// What went wrong, in words.
    #[serde(default)]
    pub reason: String,
}

impl PageError {
    /// An error record: for tools that read records back and meet input that is not one
    /// (a line of JSON Lines that does not parse).
    ///
    /// ```
    /// use forum_thread::Origin;
    /// use forum_thread::dump::{ErrorKind, PageError};
    ///
    /// let mut origin = Origin::default();
    /// origin.file = "pages.jsonl".into();
    /// origin.offset = 4096;
    /// let e = PageError::new(origin, ErrorKind::Corrupt, "not a page record");
    /// assert_eq!(e.to_string(), "pages.jsonl@4096: corrupt: not a page record");
    /// ```
    pub fn new(origin: Origin, kind: ErrorKind, reason: impl Into<String>) -> PageError {
        PageError { origin, kind, reason: reason.into() }
    }
}

/// Kinds of [`PageError`], as counted in [`Stats::errors`](super::Stats::errors). In JSON and in
/// [`Display`](std::fmt::Display), each is its [`name`](ErrorKind::name) in snake case:
/// `"io"`, `"corrupt"`, `"empty"`, `"too_large"`, `"too_deep"`, `"not_a_thread"`,
/// `"unsupported_engine"`, `"panic"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input could not be opened or read.
    Io,
    /// Malformed input: a broken gzip member, a WARC record without its headers or whose
    /// `Content-Length` is wrong, a JSON line that does not parse or lacks the page field.
    Corrupt,
    /// An input that holds nothing: a directory without a file named as a page or dump, a
    /// file without a document (and without WARC records passed over).
    Empty,
    /// A document larger than
    /// [`ReadOptions::max_document`](super::ReadOptions::max_document), or a page over the parser's
    /// [`max_input_bytes`](crate::ParserBuilder::max_input_bytes)
    /// ([`Error::TooLarge`](crate::Error::TooLarge)).
    TooLarge,
    /// A page whose elements nest deeper than the parser's
    /// [`max_depth`](crate::ParserBuilder::max_depth)
    /// ([`Error::TooDeep`](crate::Error::TooDeep)).
    TooDeep,
    /// The page is not a thread page of a known engine.
    NotAThread,
    /// The page's engine has no parser here.
    UnsupportedEngine,
    /// The parser failed unexpectedly (a bug: please report the page).
    Panic,
}

impl ErrorKind {
    /// The kind's name as in the JSON (`"not_a_thread"`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::Io => "io",
            ErrorKind::Corrupt => "corrupt",
            ErrorKind::Empty => "empty",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TooDeep => "too_deep",
            ErrorKind::NotAThread => "not_a_thread",
            ErrorKind::UnsupportedEngine => "unsupported_engine",
            ErrorKind::Panic => "panic",
        }
    }

    /// The kind of a parse error.
    pub(crate) fn of(error: &crate::Error) -> ErrorKind {
        match error {
            crate::Error::NotAThread { .. } => ErrorKind::NotAThread,
            crate::Error::UnsupportedEngine { .. } => ErrorKind::UnsupportedEngine,
            crate::Error::TooLarge { .. } => ErrorKind::TooLarge,
            crate::Error::TooDeep { .. } => ErrorKind::TooDeep,
            crate::Error::TooManyNodes { .. } | crate::Error::TooManyAttributes { .. } => ErrorKind::TooLarge,
            // Options are checked when the parser is built: no page gives this one.
            crate::Error::InvalidUrl { .. } => ErrorKind::Corrupt,
        }
    }
}

impl std::fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_errors_have_their_own_kinds_named_as_in_the_json() {
        let cases = [
            (crate::Error::NotAThread { looked_for: String::new() }, ErrorKind::NotAThread),
            (
                crate::Error::UnsupportedEngine { detected: crate::Engine::Other("ubb".into()) },
                ErrorKind::UnsupportedEngine,
            ),
            (crate::Error::TooLarge { size: 2, limit: 1 }, ErrorKind::TooLarge),
            (crate::Error::TooDeep { limit: 1 }, ErrorKind::TooDeep),
        ];
        for (error, kind) in cases {
            assert_eq!(ErrorKind::of(&error), kind, "{error}");
        }
        for kind in [
            ErrorKind::Io,
            ErrorKind::Corrupt,
            ErrorKind::Empty,
            ErrorKind::TooLarge,
            ErrorKind::TooDeep,
            ErrorKind::NotAThread,
            ErrorKind::UnsupportedEngine,
            ErrorKind::Panic,
        ] {
            let json = serde_json::to_value(kind).expect("serializes");
            assert_eq!(json.as_str(), Some(kind.name()));
        }
    }
}
