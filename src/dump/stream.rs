//! The byte stream under every reader: a file, decompressed when its first bytes are a gzip
//! or zstd magic number, with the position of the next byte (and, for gzip, the gzip member
//! it is in) so that each document can say where it came from.
//!
//! Gzip is decoded member by member, as `MultiGzDecoder` does, so that a WARC file gzipped
//! per record gives each record's member offset, and so that a corrupt member is reported
//! and skipped: the reader seeks back to the member's start and looks for the next gzip
//! header ([`Stream::recover`]). A corrupt zstd stream ends its file.
//!
//! A reader that must look ahead, or go back, does it here: [`Stream::peek`] shows the next
//! bytes without consuming them, and [`Stream::start_tape`] keeps the bytes consumed from
//! then on, so that [`Stream::rewind`] can give them back (a WARC record whose length claims
//! the records after it is read again from the record header found inside it). Bytes given
//! back keep their offsets and gzip members.

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
    /// Bytes read ahead of the inner stream (peeked, or given back), read before it.
    front: Kept,
    /// Bytes consumed since [`Stream::start_tape`], kept to be given back.
    tape: Option<(u64, Kept)>,
}

/// Bytes held apart from the inner stream, with the gzip member of each stretch.
#[derive(Default)]
struct Kept {
    data: Vec<u8>,
    /// How many of `data` have been consumed (for the front).
    read: usize,
    /// Where each stretch of one gzip member begins, by stream offset, in order.
    marks: Vec<Mark>,
}

/// The gzip member of the bytes from `pos` on: its file offset, and the stream offset where
/// its data began.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Mark {
    pos: u64,
    member: Option<u64>,
    data_start: Option<u64>,
}

impl Kept {
    fn unread(&self) -> &[u8] {
        &self.data[self.read..]
    }

    /// Appends `bytes`, the stream's from `mark.pos` on.
    fn push(&mut self, bytes: &[u8], mark: Mark) {
        if self.marks.last().is_none_or(|m| (m.member, m.data_start) != (mark.member, mark.data_start)) {
            self.marks.push(mark);
        }
        self.data.extend_from_slice(bytes);
    }

    /// The mark of the byte at stream offset `pos`.
    fn mark_at(&self, pos: u64) -> Option<Mark> {
        self.marks.iter().rev().find(|m| m.pos <= pos).map(|m| Mark { pos, ..*m })
    }
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
        Ok(Stream { inner, pos: 0, front: Kept::default(), tape: None })
    }

    /// The offset of the next byte in the decompressed stream.
    pub(crate) fn position(&self) -> u64 {
        self.pos
    }

    /// The gzip member of the next byte (call after `fill_buf`, so that a finished member has
    /// given way to the next).
    fn mark(&self) -> Mark {
        if !self.front.unread().is_empty() {
            if let Some(mark) = self.front.mark_at(self.pos) {
                return mark;
            }
        }
        match &self.inner {
            Inner::Gzip(m) => {
                Mark { pos: self.pos, member: Some(m.member_start), data_start: Some(m.data_start) }
            }
            _ => Mark { pos: self.pos, member: None, data_start: None },
        }
    }

    /// The file offset of the gzip member holding the next byte (call after `fill_buf`, so
    /// that a finished member has given way to the next).
    pub(crate) fn member(&self) -> Option<u64> {
        self.mark().member
    }

    /// The decompressed offset where the gzip member of the next byte began.
    pub(crate) fn member_data_start(&self) -> Option<u64> {
        self.mark().data_start
    }

    /// After a read error: skips to the next gzip member that starts after the broken one.
    /// Returns `false` when nothing more can be read (plain and zstd files, or no further
    /// member).
    pub(crate) fn recover(&mut self) -> bool {
        self.front = Kept::default();
        self.tape = None;
        match &mut self.inner {
            Inner::Gzip(m) => m.recover().unwrap_or(false),
            _ => false,
        }
    }

    /// The next `n` bytes (fewer at the end of the stream), not consumed.
    pub(crate) fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.front.unread().len() < n {
            let pos = self.pos + self.front.unread().len() as u64;
            let chunk = match &mut self.inner {
                Inner::Plain(r) => r.fill_buf()?,
                Inner::Gzip(m) => m.fill_buf(pos)?,
                Inner::Zstd(r) => r.fill_buf()?,
            };
            if chunk.is_empty() {
                break;
            }
            let take = chunk.len().min(n - self.front.unread().len());
            // `chunk` borrows `inner`: copy it out before asking for the member.
            let bytes = chunk[..take].to_vec();
            let (member, data_start) = match &self.inner {
                Inner::Gzip(m) => (Some(m.member_start), Some(m.data_start)),
                _ => (None, None),
            };
            if self.front.unread().is_empty() {
                self.front = Kept::default();
            }
            self.front.push(&bytes, Mark { pos, member, data_start });
            match &mut self.inner {
                Inner::Plain(r) => r.consume(take),
                Inner::Gzip(m) => m.consume(take),
                Inner::Zstd(r) => r.consume(take),
            }
        }
        let unread = self.front.unread();
        Ok(&unread[..unread.len().min(n)])
    }

    /// Keeps the bytes consumed from here on (forgetting any kept before), to give them back
    /// with [`Stream::rewind`].
    pub(crate) fn start_tape(&mut self) {
        let _ = self.fill_buf();
        let mark = self.mark();
        self.tape = Some((self.pos, Kept { marks: vec![mark], ..Kept::default() }));
    }

    /// Forgets the kept bytes.
    pub(crate) fn stop_tape(&mut self) {
        self.tape = None;
    }

    /// How many bytes have been kept since [`Stream::start_tape`].
    pub(crate) fn tape_len(&self) -> usize {
        self.tape.as_ref().map_or(0, |(_, t)| t.data.len())
    }

    /// Goes back to where the tape started: the bytes kept are read again, then what
    /// follows them. `false` (and nothing changes) without a tape.
    pub(crate) fn rewind(&mut self) -> bool {
        let Some((start, mut tape)) = self.tape.take() else {
            return false;
        };
        let _ = self.fill_buf();
        let here = self.mark();
        let rest = std::mem::take(&mut self.front);
        tape.marks.push(here);
        tape.data.extend_from_slice(rest.unread());
        tape.marks.extend(rest.marks.into_iter().filter(|m| m.pos > here.pos));
        tape.marks.dedup_by(|b, a| (a.member, a.data_start) == (b.member, b.data_start));
        self.front = tape;
        self.pos = start;
        true
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
        if self.front.read < self.front.data.len() {
            return Ok(self.front.unread());
        }
        match &mut self.inner {
            Inner::Plain(r) => r.fill_buf(),
            Inner::Gzip(m) => m.fill_buf(self.pos),
            Inner::Zstd(r) => r.fill_buf(),
        }
    }

    fn consume(&mut self, n: usize) {
        if n == 0 {
            return;
        }
        let mark = self.mark();
        let from_front = self.front.read < self.front.data.len();
        if let Some((_, tape)) = &mut self.tape {
            let bytes = if from_front {
                Ok(self.front.unread())
            } else {
                match &mut self.inner {
                    // Filled before: no reading happens here.
                    Inner::Plain(r) => r.fill_buf(),
                    Inner::Gzip(m) => m.fill_buf(self.pos),
                    Inner::Zstd(r) => r.fill_buf(),
                }
            };
            if let Ok(bytes) = bytes {
                tape.push(&bytes[..n.min(bytes.len())], mark);
            }
        }
        self.pos += n as u64;
        if from_front {
            self.front.read = (self.front.read + n).min(self.front.data.len());
            return;
        }
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
