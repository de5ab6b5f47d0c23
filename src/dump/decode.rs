//! Bytes to text, then to a [`Thread`]: the one place where a dump page meets the parser.
//!
//! A stop-gap until `Parser::parse_bytes` (charset detection inside the parser) lands: at
//! that merge, [`parse_page`] becomes a call to it and the rest of this file goes.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::error::Error;
use crate::model::Thread;
use crate::parser::Parser;

/// Parses one page's bytes. `charset` is the one declared outside the page (the HTTP
/// `Content-Type` of a WARC record).
pub(crate) fn parse_page(parser: &Parser, bytes: Vec<u8>, charset: Option<&str>) -> Result<Thread, Error> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => decode(e.as_bytes(), charset),
    };
    parser.parse(&text)
}

/// UTF-8 when the bytes are valid UTF-8; else the declared charset, else the page's
/// `<meta charset>` / `http-equiv` charset, else windows-1252 (what browsers assume for
/// legacy pages that say nothing).
pub(crate) fn decode(bytes: &[u8], charset: Option<&str>) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let encoding = charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(bytes))
        .filter(|e| *e != UTF_8)
        .unwrap_or(WINDOWS_1252);
    encoding.decode(bytes).0.into_owned()
}

/// The charset a page declares in its first 4 KiB: `<meta charset="X">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=X">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(i) = memchr::memmem::find(&lower[from..], b"charset") {
        let mut j = from + i + "charset".len();
        from = j;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
            j += 1;
        }
        if lower.get(j) != Some(&b'=') {
            continue;
        }
        j += 1;
        while lower.get(j).is_some_and(|b| b.is_ascii_whitespace() || *b == b'"' || *b == b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |n| j + n);
        if let Some(e) = Encoding::for_label(&lower[j..end]) {
            return Some(e);
        }
    }
    None
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches(|c| c == '"' || c == '\'').to_owned())
            .filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charsets() {
        // "Тема" in windows-1251, declared by HTTP, by a meta tag, or not at all.
        let cp1251 = [0xd2, 0xe5, 0xec, 0xe0];
        assert_eq!(decode(&cp1251, Some("windows-1251")), "Тема");
        let mut page = b"<meta charset=\"windows-1251\"><p>".to_vec();
        page.extend_from_slice(&cp1251);
        assert!(decode(&page, None).ends_with("Тема"));
        let mut page = b"<meta http-equiv=Content-Type content='text/html; charset=KOI8-R'>".to_vec();
        page.extend_from_slice(&[0xf4, 0xc5, 0xcd, 0xc1]);
        assert!(decode(&page, None).ends_with("Тема"));
        assert_eq!(decode(b"caf\xe9", None), "café");
        assert_eq!(decode("já".as_bytes(), Some("iso-8859-1")), "já", "valid UTF-8 wins");
    }

    #[test]
    fn content_type_parameters() {
        assert_eq!(content_type_charset("text/html; charset=\"UTF-8\"").as_deref(), Some("UTF-8"));
        assert_eq!(content_type_charset("text/html;Charset=iso-8859-2").as_deref(), Some("iso-8859-2"));
        assert_eq!(content_type_charset("text/html"), None);
    }
}
