//! A small streaming WARC reader (ISO 28500, WARC/1.0 and 1.1).
//!
//! Written here rather than taken from the `warc` crate: that crate (0.4) buffers whole
//! record bodies whatever their size, stops at the first malformed record, and brings an old
//! `uuid` and `nom`. Dumps need the opposite on each point: HTTP responses that are not HTML
//! skipped without buffering, a corrupt record reported and the next one found (a line
//! starting with `WARC/`, or the next gzip member of a per-record gzipped file), and each
//! record's offset for its origin.
//!
//! Pages are `response` records (the HTTP payload of a successful HTML response, de-chunked
//! and decompressed when the headers say so) and `resource` records whose type is HTML.
//! `WARC-Target-URI` becomes the page's base URL, the HTTP `Content-Type` charset its
//! declared charset.

use std::io::{self, BufRead, Read};

use super::raw::{ErrorKind, PageError, RawPage};
use super::source::{Line, Source, read_line, starts_ci};
use super::stream::Stream;
use crate::model::Origin;

/// The longest header line, and the most header lines, read before a record is malformed.
const MAX_LINE: usize = 64 * 1024;
const MAX_HEADERS: usize = 256;

pub(crate) struct Warc {
    src: Source,
    done: bool,
    /// After a malformed record: lines are skipped silently until the next `WARC/` line.
    resyncing: bool,
    /// The id of the last record read, to name where stray bytes follow.
    last: Option<String>,
}

/// What a record read gives.
enum Outcome {
    Page(RawPage),
    Skip,
}

/// A failure inside a record: `Io` from the stream (the file is broken there), `Bad` when
/// the record's own content is malformed, `Damaged` when its length is wrong (reading has
/// gone back to where the next record starts, or goes on to find it).
enum Fail {
    Io(io::Error),
    Bad(ErrorKind, String),
    Damaged(String),
    /// Not a page: passed over.
    Skip,
}

impl From<io::Error> for Fail {
    fn from(e: io::Error) -> Fail {
        Fail::Io(e)
    }
}

impl Warc {
    pub(crate) fn new(src: Source) -> Warc {
        Warc { src, done: false, resyncing: false, last: None }
    }

    pub(crate) fn next(&mut self) -> Option<Result<RawPage, PageError>> {
        loop {
            if self.done {
                return None;
            }
            let (offset, member) = self.src.mark();
            let line = match read_line(&mut self.src.stream, MAX_LINE) {
                Ok(Line::Eof) => return None,
                Ok(Line::TooLong) => b"(a line too long)".to_vec(),
                Ok(Line::Text(line)) => line,
                Err(e) => return Some(Err(self.broken(offset, member, None, e))),
            };
            if line.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            if !line.starts_with(b"WARC/") {
                if std::mem::replace(&mut self.resyncing, true) {
                    continue;
                }
                let shown = String::from_utf8_lossy(&line[..line.len().min(60)]).into_owned();
                let after = self.last.as_ref().map(|id| format!(" after record {id}")).unwrap_or_default();
                return Some(Err(PageError::new(
                    self.src.origin(offset, member),
                    ErrorKind::Corrupt,
                    format!(
                        "expected a WARC/1.x record{after}, found {shown:?}; skipping to the next record"
                    ),
                )));
            }
            self.resyncing = false;
            let mut origin = self.src.origin(offset, member);
            let outcome = self.record(&mut origin);
            self.last.clone_from(&origin.record_id);
            match outcome {
                Ok(Outcome::Page(page)) => return Some(Ok(page)),
                Ok(Outcome::Skip) => self.src.counters.skip(),
                Err(Fail::Bad(kind, reason)) => {
                    self.resyncing = kind == ErrorKind::Corrupt;
                    return Some(Err(PageError::new(origin, kind, reason)));
                }
                Err(Fail::Damaged(reason)) => {
                    return Some(Err(PageError::new(origin, ErrorKind::Corrupt, reason)));
                }
                Err(Fail::Io(e)) => {
                    let record_id = origin.record_id.take();
                    return Some(Err(self.broken(offset, member, record_id, e)));
                }
                Err(Fail::Skip) => self.src.counters.skip(),
            }
        }
    }

    /// A read error inside the file: report it, then go on from the next gzip member if
    /// there is one.
    fn broken(
        &mut self,
        offset: u64,
        member: Option<u64>,
        record: Option<String>,
        e: io::Error,
    ) -> PageError {
        if self.src.stream.recover() {
            self.resyncing = true;
        } else {
            self.done = true;
        }
        let mut origin = self.src.origin(offset, member);
        origin.record_id = record;
        PageError::new(origin, ErrorKind::Corrupt, e.to_string())
    }

    /// Reads one record after its version line.
    fn record(&mut self, origin: &mut Origin) -> Result<Outcome, Fail> {
        // The version line has been read: the record began a gzip member if the member's
        // data began at the record's offset.
        let own_member = origin.member.filter(|_| self.src.stream.member_data_start() == Some(origin.offset));
        let mut headers = Vec::new();
        let read = read_headers(&mut self.src.stream, &mut headers);
        let get = |name: &str| header(&headers, name);
        origin.record_id = get("warc-record-id").map(str::to_owned);
        origin.url = get("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned());
        read?;
        let length: u64 = get("content-length").and_then(|l| l.trim().parse().ok()).ok_or_else(|| {
            Fail::Bad(ErrorKind::Corrupt, "WARC record without a valid Content-Length".into())
        })?;
        let kind = get("warc-type").unwrap_or_default().to_ascii_lowercase();
        let warc_content_type = get("content-type").unwrap_or_default().to_owned();
        let max = self.src.max;
        let block_start = self.src.stream.position();
        let mut body = Block::new(&mut self.src.stream, length, max);
        let (page_record, outcome) = match kind.as_str() {
            "response" if warc_content_type.to_ascii_lowercase().contains("application/http") => {
                (true, response(&mut body, origin, max))
            }
            "resource" if is_html(&warc_content_type) => {
                let outcome = if length > max as u64 {
                    Err(too_large(max))
                } else {
                    let mut bytes = Vec::new();
                    body.read_to_end(&mut bytes)
                        .map(|_| RawPage {
                            bytes,
                            origin: origin.clone(),
                            charset: content_type_charset(&warc_content_type),
                            notes: Vec::new(),
                        })
                        .map_err(Fail::Io)
                };
                (true, outcome)
            }
            _ => (false, Err(Fail::Skip)),
        };
        // A read error inside the block (a corrupt gzip member) ends the record here: the
        // stream would go on into the next member, and passing over the rest of the block
        // would swallow the records after it.
        if let Err(Fail::Io(e)) = outcome {
            return Err(Fail::Io(e));
        }
        // Whatever was not read of the block is passed over.
        io::copy(&mut body, &mut io::sink())?;
        let (found, cut, short) = (body.found(), body.cut, body.remaining > 0);
        let block_end = block_start + length;
        // The record's closing blank lines, then a look at what follows: for a file gzipped
        // per record, this ends the record's member and checks its CRC before the page is
        // given out.
        let stream = &mut self.src.stream;
        // Line feeds among them: a record ends with two.
        let mut closing = 0;
        if !cut && !short {
            for _ in 0..4 {
                match stream.peek(1)?.first() {
                    Some(b'\n') => closing += 1,
                    Some(b'\r') => {}
                    _ => break,
                }
                stream.consume(1);
            }
        }
        let next = stream.peek(5)?;
        let stray = !next.is_empty() && next != b"WARC/";
        // How the claimed length is told wrong: a record header inside the block (of a page:
        // a page's HTML holds none; of another record, when the claim does not end the record
        // where it says), or a claimed end that is not one.
        let damaged = if cut {
            Some(format!(
                "a record header follows at offset {} and the claimed block goes on past it",
                found.unwrap_or(0)
            ))
        } else if short && found.is_some() {
            Some(
                "the file ends before the claimed end, and a record header lies inside the claimed block"
                    .into(),
            )
        } else if short {
            None
        } else if found.is_some() && page_record {
            Some(format!("a record header lies inside the claimed block, at offset {}", found.unwrap_or(0)))
        } else if closing < 2 && !next.is_empty() {
            Some(format!(
                "the claimed end, offset {block_end}, is not followed by the blank lines that end a record"
            ))
        } else if own_member.is_some() && stream.member() == own_member && stray {
            Some("the record's gzip member goes on past the claimed end".into())
        } else {
            None
        };
        if let Some(why) = damaged {
            let resumed = if found.is_some() && stream.rewind() {
                // Read again from the header found in the claimed block.
                self.resyncing = false;
                format!("reading goes on from offset {}", stream.position())
            } else {
                stream.stop_tape();
                self.resyncing = true;
                "reading goes on at the next record header".into()
            };
            return Err(Fail::Damaged(format!(
                "WARC record with a wrong Content-Length ({length}): {why}; the record is skipped and {resumed}"
            )));
        }
        stream.stop_tape();
        if short {
            return Err(Fail::Bad(
                ErrorKind::Corrupt,
                format!(
                    "WARC record truncated: the file ends before the end its Content-Length ({length}) \
                     claims, offset {block_end}"
                ),
            ));
        }
        match outcome {
            Ok(page) => Ok(Outcome::Page(page)),
            Err(Fail::Skip) => Ok(Outcome::Skip),
            Err(fail) => Err(fail),
        }
    }
}

/// A record's block as its `Content-Length` claims it, read while watching for what a wrong
/// claim leaves there: the next record's header, a `WARC/1.0` or `WARC/1.1` line after a
/// blank line. The stream keeps the bytes from the first such header on (up to `bound`), so
/// that reading can go back to it; a claim that runs more than `bound` bytes past such a
/// header is given up there (`cut`): a record whose length is right holds a record header
/// only when it holds a WARC file, which a page never is.
struct Block<'a> {
    stream: &'a mut Stream,
    remaining: u64,
    bound: usize,
    watch: Watch,
    cut: bool,
}

/// Where the watch for a record header is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Watch {
    /// Within a line; `blank` while it holds nothing but a carriage return.
    Line { blank: bool },
    /// At the start of, or within, a line that follows a blank line, `len` bytes into it:
    /// the stream keeps it, in case it is a version line.
    Maybe { len: usize, line: [u8; VERSION_LINE] },
    /// A record header at this stream offset.
    Found(u64),
}

/// `WARC/1.0\r`, the longest version line looked for, without its line feed.
const VERSION_LINE: usize = 9;

impl<'a> Block<'a> {
    fn new(stream: &'a mut Stream, length: u64, bound: usize) -> Block<'a> {
        // The block follows the header's blank line.
        stream.start_tape();
        let watch = Watch::Maybe { len: 0, line: [0; VERSION_LINE] };
        Block { stream, remaining: length, bound, watch, cut: false }
    }

    /// The offset of the record header found inside the block.
    fn found(&self) -> Option<u64> {
        match self.watch {
            Watch::Found(at) => Some(at),
            _ => None,
        }
    }
}

/// Watches `bytes`, the next to be consumed, the first at stream offset `pos`: how many
/// to consume before the watch needs the stream's tape started (`Some(true)`) or
/// stopped (`Some(false)`).
fn watch(watch: &mut Watch, bytes: &[u8], pos: u64) -> (usize, Option<bool>) {
    let mut i = 0;
    while i < bytes.len() {
        match watch {
            Watch::Found(_) => return (bytes.len(), None),
            Watch::Line { blank } => match memchr::memchr(b'\n', &bytes[i..]) {
                None => {
                    *blank &= bytes[i..].iter().all(|b| *b == b'\r');
                    return (bytes.len(), None);
                }
                Some(k) => {
                    let was_blank = *blank && bytes[i..i + k].iter().all(|b| *b == b'\r');
                    i += k + 1;
                    if was_blank {
                        *watch = Watch::Maybe { len: 0, line: [0; VERSION_LINE] };
                        return (i, Some(true));
                    }
                    *watch = Watch::Line { blank: true };
                }
            },
            Watch::Maybe { len, line } => {
                let b = bytes[i];
                i += 1;
                if b == b'\n' {
                    let text = &line[..*len];
                    let text = text.strip_suffix(b"\r").unwrap_or(text);
                    if text == b"WARC/1.0" || text == b"WARC/1.1" {
                        let at = pos + i as u64 - *len as u64 - 1;
                        *watch = Watch::Found(at);
                        return (i, None);
                    }
                    if text.is_empty() {
                        // Another blank line: the next line is the one to keep.
                        *watch = Watch::Maybe { len: 0, line: [0; VERSION_LINE] };
                        return (i, Some(true));
                    }
                    *watch = Watch::Line { blank: true };
                    return (i, Some(false));
                }
                if *len == VERSION_LINE {
                    *watch = Watch::Line { blank: false };
                    return (i, Some(false));
                }
                line[*len] = b;
                *len += 1;
            }
        }
    }
    (bytes.len(), None)
}

impl Read for Block<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Block<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.remaining == 0 || self.cut {
            return Ok(&[]);
        }
        if matches!(self.watch, Watch::Found(_)) && self.stream.tape_len() > self.bound {
            self.cut = true;
            return Ok(&[]);
        }
        let bytes = self.stream.fill_buf()?;
        let n = bytes.len().min(usize::try_from(self.remaining).unwrap_or(usize::MAX));
        Ok(&bytes[..n])
    }

    fn consume(&mut self, mut n: usize) {
        self.remaining -= n as u64;
        while n > 0 {
            // The bytes were filled: looking at them again reads nothing.
            let pos = self.stream.position();
            let Ok(bytes) = self.stream.fill_buf() else { return };
            let bytes = &bytes[..n.min(bytes.len())];
            if bytes.is_empty() {
                return;
            }
            let (k, tape) = watch(&mut self.watch, bytes, pos);
            self.stream.consume(k);
            n -= k;
            match tape {
                Some(true) => self.stream.start_tape(),
                Some(false) => self.stream.stop_tape(),
                None => {}
            }
        }
    }
}

fn too_large(max: usize) -> Fail {
    Fail::Bad(ErrorKind::TooLarge, format!("page larger than {max} bytes; skipped"))
}

/// The page in an HTTP response block, or `Fail::Skip` when it is not a successful HTML
/// response.
fn response(body: &mut impl BufRead, origin: &Origin, max: usize) -> Result<RawPage, Fail> {
    let status_line = match read_line(body, MAX_LINE)? {
        Line::Text(line) => line,
        _ => return Err(Fail::Skip),
    };
    let status: Option<u16> =
        std::str::from_utf8(&status_line).ok().and_then(|s| s.split_whitespace().nth(1)?.parse().ok());
    if !status.is_some_and(|s| (200..300).contains(&s)) {
        return Err(Fail::Skip);
    }
    let mut headers = Vec::new();
    read_headers(body, &mut headers)?;
    let content_type = header(&headers, "content-type").unwrap_or_default();
    if !content_type.trim().is_empty() && !is_html(content_type) {
        return Err(Fail::Skip);
    }
    let mut payload = Vec::new();
    body.take(max as u64 + 1).read_to_end(&mut payload)?;
    if payload.len() > max {
        return Err(too_large(max));
    }
    if header(&headers, "transfer-encoding").is_some_and(|t| t.to_ascii_lowercase().contains("chunked")) {
        payload = dechunk(&payload)
            .ok_or_else(|| Fail::Bad(ErrorKind::Corrupt, "malformed chunked transfer encoding".into()))?;
    }
    match header(&headers, "content-encoding").map(|e| e.trim().to_ascii_lowercase()).as_deref() {
        None | Some("" | "identity") => {}
        Some("gzip" | "x-gzip") => payload = inflate(flate2::read::MultiGzDecoder::new(&payload[..]), max)?,
        Some("deflate") => {
            payload = match inflate(flate2::read::ZlibDecoder::new(&payload[..]), max) {
                Ok(p) => p,
                Err(_) => inflate(flate2::read::DeflateDecoder::new(&payload[..]), max)?,
            }
        }
        Some(other) => {
            return Err(Fail::Bad(ErrorKind::Corrupt, format!("unsupported Content-Encoding {other:?}")));
        }
    }
    if content_type.trim().is_empty()
        && payload.iter().find(|b| !b.is_ascii_whitespace()).is_none_or(|b| *b != b'<')
    {
        return Err(Fail::Skip);
    }
    Ok(RawPage {
        bytes: payload,
        origin: origin.clone(),
        charset: content_type_charset(content_type),
        notes: Vec::new(),
    })
}

fn inflate(r: impl Read, max: usize) -> Result<Vec<u8>, Fail> {
    let mut out = Vec::new();
    r.take(max as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| Fail::Bad(ErrorKind::Corrupt, format!("bad compressed HTTP payload: {e}")))?;
    if out.len() > max {
        return Err(too_large(max));
    }
    Ok(out)
}

/// The `charset` parameter of a `Content-Type` value, as written (quotes and spaces around it
/// dropped): the parser reads the charset label in it.
fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
            .filter(|v| !v.is_empty())
    })
}

fn is_html(content_type: &str) -> bool {
    let mime = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    mime == "text/html" || mime == "application/xhtml+xml"
}

/// Header lines up to the blank line into `headers`, names lowercased; continuation lines
/// joined. On an error, `headers` holds those read before it.
fn read_headers(r: &mut impl BufRead, headers: &mut Vec<(String, String)>) -> Result<(), Fail> {
    for _ in 0..MAX_HEADERS {
        let line = match read_line(r, MAX_LINE)? {
            Line::Text(line) => line,
            Line::Eof => return Ok(()),
            Line::TooLong => return Err(Fail::Bad(ErrorKind::Corrupt, "header line too long".into())),
        };
        if line.is_empty() {
            return Ok(());
        }
        let line = String::from_utf8_lossy(&line);
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
        }
    }
    Err(Fail::Bad(ErrorKind::Corrupt, format!("more than {MAX_HEADERS} header lines")))
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Decodes `Transfer-Encoding: chunked`.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = memchr::memchr(b'\n', data)?;
        let size_line = std::str::from_utf8(&data[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = &data[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = &data[size..];
        if starts_ci(data, b"\r\n") {
            data = &data[2..];
        } else if data.first() == Some(&b'\n') {
            data = &data[1..];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"zz\r\n"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn declared_charsets() {
        assert_eq!(content_type_charset("text/html; charset=\"KOI8-R\"").as_deref(), Some("KOI8-R"));
        assert_eq!(
            content_type_charset("text/html; CharSet = windows-1251 ").as_deref(),
            Some("windows-1251")
        );
        assert_eq!(content_type_charset("text/html"), None);
    }

    #[test]
    fn html_types() {
        assert!(is_html("text/html; charset=UTF-8"));
        assert!(is_html("application/xhtml+xml"));
        assert!(!is_html("image/png"));
    }
}
