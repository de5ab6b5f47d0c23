//! What every reader of a dump file works with: the open file ([`Source`]) and its running
//! totals ([`ReadCounters`]), and bounded reading of lines. The readers (`input`, `warc`)
//! import this; it imports none of them.

use std::io::{self, BufRead};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::stream::Stream;
use crate::model::Origin;

/// Running totals of a [`Pages`](super::Pages) reader, readable from another thread.
#[derive(Debug, Default)]
pub struct ReadCounters {
    bytes: Arc<AtomicU64>,
    skipped: AtomicU64,
    files: AtomicU64,
}

impl ReadCounters {
    /// Bytes read from the input files so far (compressed bytes for compressed files).
    pub fn bytes_read(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// Records passed over because they hold no page: WARC request, metadata and revisit
    /// records, responses that are not HTML or not successful.
    pub fn records_skipped(&self) -> u64 {
        self.skipped.load(Ordering::Relaxed)
    }

    /// Files opened so far.
    pub fn files(&self) -> u64 {
        self.files.load(Ordering::Relaxed)
    }

    pub(crate) fn skip(&self) {
        self.skipped.fetch_add(1, Ordering::Relaxed);
    }
}

/// One open file and what every reader needs with it.
pub(crate) struct Source {
    pub file: String,
    pub stream: Stream,
    pub max: usize,
    pub counters: Arc<ReadCounters>,
}

impl Source {
    /// Opens `path`, counting its bytes and the file in `counters`.
    pub(crate) fn open(path: &Path, max: usize, counters: &Arc<ReadCounters>) -> io::Result<Source> {
        let stream = Stream::open(path, Arc::clone(&counters.bytes))?;
        counters.files.fetch_add(1, Ordering::Relaxed);
        Ok(Source { file: path.display().to_string(), stream, max, counters: Arc::clone(counters) })
    }

    pub(crate) fn origin(&self, offset: u64, member: Option<u64>) -> Origin {
        Origin { file: self.file.clone(), offset, member, record_id: None, url: None }
    }

    /// The decompressed offset and gzip member of the next byte.
    pub(crate) fn mark(&mut self) -> (u64, Option<u64>) {
        let _ = self.stream.fill_buf();
        (self.stream.position(), self.stream.member())
    }
}

/// What [`read_line`] read.
pub(crate) enum Line {
    Text(Vec<u8>),
    TooLong,
    Eof,
}

/// Reads one line (without its end) of at most `max` bytes; a longer one is consumed and
/// reported as too long.
pub(crate) fn read_line(r: &mut impl BufRead, max: usize) -> io::Result<Line> {
    let mut line = Vec::new();
    let mut too_long = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(if too_long {
                Line::TooLong
            } else if line.is_empty() {
                Line::Eof
            } else {
                Line::Text(line)
            });
        }
        let (take, found) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i + 1, true),
            None => (buf.len(), false),
        };
        if !too_long {
            if line.len() + take > max + 2 {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(&buf[..take]);
            }
        }
        r.consume(take);
        if found {
            if too_long {
                return Ok(Line::TooLong);
            }
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            return Ok(Line::Text(line));
        }
    }
}

/// Whether a document holds anything but whitespace, byte-order marks and NUL bytes.
pub(crate) fn has_content(bytes: &[u8]) -> bool {
    bytes.iter().any(|b| !b.is_ascii_whitespace() && !matches!(b, 0xef | 0xbb | 0xbf | 0))
}

/// Case-insensitive `starts_with` for ASCII needles.
pub(crate) fn starts_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_bounded() {
        let mut r = &b"short\nthis line is too long\r\nok"[..];
        assert!(matches!(read_line(&mut r, 8), Ok(Line::Text(l)) if l == b"short"));
        assert!(matches!(read_line(&mut r, 8), Ok(Line::TooLong)));
        assert!(matches!(read_line(&mut r, 8), Ok(Line::Text(l)) if l == b"ok"));
        assert!(matches!(read_line(&mut r, 8), Ok(Line::Eof)));
    }
}
