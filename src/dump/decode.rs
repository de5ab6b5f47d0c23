//! Bytes to a [`Thread`]: the one place where a dump page meets the parser. Charsets are the
//! parser's business ([`Parser::parse_bytes`]); a dump only knows the one its container
//! declared (a WARC record's HTTP `Content-Type`).

use crate::error::Error;
use crate::model::Thread;
use crate::parser::Parser;

/// Parses one page's bytes. `charset` is the one declared outside the page (the HTTP
/// `Content-Type` of a WARC record), which the parser weighs with the page's own.
pub(crate) fn parse_page(parser: &Parser, bytes: Vec<u8>, charset: Option<&str>) -> Result<Thread, Error> {
    match charset {
        Some(charset) => {
            parser.with_content_type(&format!("text/html; charset={charset}")).parse_bytes(&bytes)
        }
        None => parser.parse_bytes(&bytes),
    }
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
    fn declared_charsets_reach_the_parser() {
        assert_eq!(content_type_charset("text/html; charset=\"KOI8-R\"").as_deref(), Some("KOI8-R"));
        assert_eq!(content_type_charset("text/html"), None);
        // A Russian SMF page in windows-1251 whose only charset is the WARC record's header.
        let page = include_str!("../../tests/fixtures/smf/smf11-default.html")
            .replace(r#"<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />"#, "");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let thread =
            parse_page(&Parser::default(), bytes.into_owned(), Some("windows-1251")).expect("parses");
        assert_eq!(thread.topic.title.as_deref(), Some("IPTV через роутер: пропадает картинка"));
    }
}
