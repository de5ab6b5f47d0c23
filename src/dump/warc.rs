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
use crate::model::Origin;

/// The longest header line, and the most header lines, read before a record is malformed.
const MAX_LINE: usize = 64 * 1024;
const MAX_HEADERS: usize = 256;

pub(crate) struct Warc {
    src: Source,
    done: bool,
    /// After a malformed record: lines are skipped silently until the next `WARC/` line.
    resyncing: bool,
}

/// What a record read gives.
enum Outcome {
    Page(RawPage),
    Skip,
}

/// A failure inside a record: `Io` from the stream (the file is broken there), `Bad` when
/// the record's own content is malformed.
enum Fail {
    Io(io::Error),
    Bad(ErrorKind, String),
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
        Warc { src, done: false, resyncing: false }
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
                return Some(Err(PageError::new(
                    self.src.origin(offset, member),
                    ErrorKind::Corrupt,
                    format!("expected a WARC/1.x record, found {shown:?}; skipping to the next record"),
                )));
            }
            self.resyncing = false;
            let mut origin = self.src.origin(offset, member);
            match self.record(&mut origin) {
                Ok(Outcome::Page(page)) => return Some(Ok(page)),
                Ok(Outcome::Skip) => self.src.counters.skip(),
                Err(Fail::Bad(kind, reason)) => {
                    self.resyncing = kind == ErrorKind::Corrupt;
                    return Some(Err(PageError::new(origin, kind, reason)));
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
        let headers = read_headers(&mut self.src.stream)?;
        let get = |name: &str| header(&headers, name);
        origin.record_id = get("warc-record-id").map(str::to_owned);
        origin.url = get("warc-target-uri").map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned());
        let length: u64 = get("content-length").and_then(|l| l.trim().parse().ok()).ok_or_else(|| {
            Fail::Bad(ErrorKind::Corrupt, "WARC record without a valid Content-Length".into())
        })?;
        let kind = get("warc-type").unwrap_or_default().to_ascii_lowercase();
        let warc_content_type = get("content-type").unwrap_or_default().to_owned();
        let max = self.src.max;
        let mut body = (&mut self.src.stream).take(length);
        let outcome = match kind.as_str() {
            "response" if warc_content_type.to_ascii_lowercase().contains("application/http") => {
                response(&mut body, origin, max)
            }
            "resource" if is_html(&warc_content_type) => {
                if length > max as u64 {
                    Err(too_large(max))
                } else {
                    let mut bytes = Vec::with_capacity(length as usize);
                    body.read_to_end(&mut bytes)?;
                    Ok(RawPage {
                        bytes,
                        origin: origin.clone(),
                        charset: content_type_charset(&warc_content_type),
                    })
                }
            }
            _ => Err(Fail::Skip),
        };
        // A read error inside the block (a corrupt gzip member) ends the record here: the
        // stream would go on into the next member, and passing over the rest of the block
        // would swallow the records after it.
        if let Err(Fail::Io(e)) = outcome {
            return Err(Fail::Io(e));
        }
        // Whatever was not read of the block is passed over.
        io::copy(&mut body, &mut io::sink())?;
        if body.limit() > 0 {
            return Err(Fail::Bad(ErrorKind::Corrupt, "WARC record truncated".into()));
        }
        // The record's closing blank lines, then a look at what follows: for a file gzipped
        // per record, this ends the record's member and checks its CRC before the page is
        // given out.
        let stream = &mut self.src.stream;
        for _ in 0..4 {
            match stream.fill_buf()?.first() {
                Some(b'\r' | b'\n') => stream.consume(1),
                _ => break,
            }
        }
        let next = stream.fill_buf()?;
        let stray = !next.is_empty() && !next.starts_with(b"WARC/");
        // A record that began its own member must end it, or be followed by another record.
        if own_member.is_some() && stream.member() == own_member && stray {
            return Err(Fail::Bad(
                ErrorKind::Corrupt,
                "the record's gzip member goes on past the record".into(),
            ));
        }
        match outcome {
            Ok(page) => Ok(Outcome::Page(page)),
            Err(Fail::Skip) => Ok(Outcome::Skip),
            Err(fail) => Err(fail),
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
    let headers = read_headers(body)?;
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
    Ok(RawPage { bytes: payload, origin: origin.clone(), charset: content_type_charset(content_type) })
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

/// Header lines up to the blank line, names lowercased; continuation lines joined.
fn read_headers(r: &mut impl BufRead) -> Result<Vec<(String, String)>, Fail> {
    let mut headers: Vec<(String, String)> = Vec::new();
    for _ in 0..MAX_HEADERS {
        let line = match read_line(r, MAX_LINE)? {
            Line::Text(line) => line,
            Line::Eof => return Ok(headers),
            Line::TooLong => return Err(Fail::Bad(ErrorKind::Corrupt, "header line too long".into())),
        };
        if line.is_empty() {
            return Ok(headers);
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
