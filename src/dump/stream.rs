//! The byte stream under every reader: a file, decompressed when its first bytes are a gzip
//! or zstd magic number, with the position of the next byte (and, for gzip, the gzip member
//! it is in) so that each document can say where it came from.
//!
//! Gzip is decoded member by member, as `MultiGzDecoder` does, so that a WARC file gzipped
//! per record gives each record's member offset, and so that a corrupt member is reported
//! and skipped: the reader seeks back to the member's start and looks for the next gzip
//! header ([`Stream::recover`]). A corrupt zstd stream ends its file.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::bufread::GzDecoder;

/// Buffer size of every layer: large enough for sequential reads, small against the memory
/// bound.
const BUF: usize = 64 * 1024;

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

/// A file that counts the bytes read from it into a shared progress counter and knows its
/// position.
#[derive(Debug)]
pub(crate) struct Counting {
    file: File,
    pos: u64,
    progress: Arc<AtomicU64>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(buf)?;
        self.pos += n as u64;
        self.progress.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl Seek for Counting {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.file.seek(to)?;
        Ok(self.pos)
    }
}

type Raw = BufReader<Counting>;

/// A decompressed view of one file.
pub(crate) struct Stream {
    inner: Inner,
    /// Bytes consumed from the decompressed stream.
    pos: u64,
}

enum Inner {
    Plain(Raw),
    Gzip(Members),
    Zstd(BufReader<zstd::stream::read::Decoder<'static, Raw>>),
}

impl Stream {
    /// Opens `path`, detecting gzip and zstd by their magic numbers.
    pub(crate) fn open(path: &std::path::Path, progress: Arc<AtomicU64>) -> io::Result<Stream> {
        let file = File::open(path)?;
        let mut raw = BufReader::with_capacity(BUF, Counting { file, pos: 0, progress });
        let head = raw.fill_buf()?;
        let inner = if head.starts_with(&GZIP_MAGIC) {
            Inner::Gzip(Members::new(raw))
        } else if head.starts_with(&ZSTD_MAGIC) {
            Inner::Zstd(BufReader::with_capacity(BUF, zstd::stream::read::Decoder::with_buffer(raw)?))
        } else {
            Inner::Plain(raw)
        };
        Ok(Stream { inner, pos: 0 })
    }

    /// The offset of the next byte in the decompressed stream.
    pub(crate) fn position(&self) -> u64 {
        self.pos
    }

    /// The file offset of the gzip member holding the next byte (call after `fill_buf`, so
    /// that a finished member has given way to the next).
    pub(crate) fn member(&self) -> Option<u64> {
        match &self.inner {
            Inner::Gzip(m) => Some(m.member_start),
            _ => None,
        }
    }

    /// The decompressed offset where the current gzip member's data began.
    pub(crate) fn member_data_start(&self) -> Option<u64> {
        match &self.inner {
            Inner::Gzip(m) => Some(m.data_start),
            _ => None,
        }
    }

    /// After a read error: skips to the next gzip member that starts after the broken one.
    /// Returns `false` when nothing more can be read (plain and zstd files, or no further
    /// member).
    pub(crate) fn recover(&mut self) -> bool {
        match &mut self.inner {
            Inner::Gzip(m) => m.recover().unwrap_or(false),
            _ => false,
        }
    }
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Stream {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        match &mut self.inner {
            Inner::Plain(r) => r.fill_buf(),
            Inner::Gzip(m) => m.fill_buf(self.pos),
            Inner::Zstd(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        match &mut self.inner {
            Inner::Plain(r) => r.consume(n),
            Inner::Gzip(m) => m.consume(n),
            Inner::Zstd(r) => r.consume(n),
        }
    }
}

/// Gzip members decoded one after another. The output buffer never spans two members, so
/// the member of the next byte is always the current one.
struct Members {
    state: State,
    /// File offset of the current member's header.
    member_start: u64,
    /// Decompressed offset of the current member's first byte.
    data_start: u64,
    out: Vec<u8>,
    start: usize,
    end: usize,
}

enum State {
    /// Between members (or before the first).
    Idle(Raw),
    Decoding(Box<GzDecoder<Raw>>),
    /// Nothing more to read (or the reader was lost in an I/O error).
    Done,
}

/// The file offset of the next unread byte of `raw`.
fn raw_position(raw: &Raw) -> u64 {
    raw.get_ref().pos - raw.buffer().len() as u64
}

impl Members {
    fn new(raw: Raw) -> Members {
        Members {
            state: State::Idle(raw),
            member_start: 0,
            data_start: 0,
            out: vec![0; BUF],
            start: 0,
            end: 0,
        }
    }

    /// `pos` is the decompressed offset of the next byte.
    fn fill_buf(&mut self, pos: u64) -> io::Result<&[u8]> {
        while self.start == self.end {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(&[]),
                State::Idle(mut raw) => {
                    let head = raw.fill_buf()?;
                    if head.is_empty() || head.iter().all(|&b| b == 0) && head.len() < BUF {
                        // End of file, or the zero padding some writers leave after the
                        // last member.
                        return Ok(&[]);
                    }
                    self.member_start = raw_position(&raw);
                    self.data_start = pos;
                    self.state = State::Decoding(Box::new(GzDecoder::new(raw)));
                }
                State::Decoding(mut decoder) => match decoder.read(&mut self.out) {
                    Ok(0) => self.state = State::Idle(decoder.into_inner()),
                    Ok(n) => {
                        self.start = 0;
                        self.end = n;
                        self.state = State::Decoding(decoder);
                    }
                    Err(e) => {
                        // Keep the reader so that `recover` can look for the next member.
                        let member = self.member_start;
                        self.state = State::Idle(decoder.into_inner());
                        self.start = 0;
                        self.end = 0;
                        return Err(io::Error::new(
                            io::ErrorKind::InvalidData,
                            format!("corrupt gzip member at offset {member}: {e}"),
                        ));
                    }
                },
            }
        }
        Ok(&self.out[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.start = (self.start + n).min(self.end);
    }

    /// Seeks to the byte after the broken member's start and scans for the next gzip header.
    fn recover(&mut self) -> io::Result<bool> {
        let State::Idle(mut raw) = std::mem::replace(&mut self.state, State::Done) else {
            return Ok(false);
        };
        self.start = 0;
        self.end = 0;
        let mut at = self.member_start + 1;
        raw.seek(SeekFrom::Start(at))?;
        loop {
            let buf = raw.fill_buf()?;
            if buf.len() < GZIP_MAGIC.len() {
                return Ok(false);
            }
            match memchr::memchr(GZIP_MAGIC[0], buf) {
                Some(i) if buf.len() - i >= GZIP_MAGIC.len() => {
                    if buf[i..].starts_with(&GZIP_MAGIC) {
                        raw.consume(i);
                        self.state = State::Idle(raw);
                        return Ok(true);
                    }
                    raw.consume(i + 1);
                    at += i as u64 + 1;
                }
                Some(i) => {
                    // A candidate too close to the buffer's end: refill from it.
                    at += i as u64;
                    raw.seek(SeekFrom::Start(at))?;
                }
                None => {
                    at += buf.len() as u64;
                    let n = buf.len();
                    raw.consume(n);
                }
            }
        }
    }
}
