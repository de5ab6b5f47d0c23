//! Bytes to text: which charset a page is in, and repairs of pages whose text was mangled
//! on the way into an archive.
//!
//! The charset is chosen in the order a browser uses, then checked against the bytes:
//! 1. a byte order mark;
//! 2. the charset of the Content-Type the page was served with: the caller's
//!    (`ParserBuilder::content_type`), or a dump's (a WARC response's HTTP header);
//! 3. `<meta charset>` or `<meta http-equiv="Content-Type">` within the first
//!    [`PRESCAN_BYTES`] (not only in `<head>`: archives re-serialize pages with the head's
//!    tags moved into the body);
//! 4. else the bytes: valid UTF-8 is UTF-8, anything else is guessed by `chardetng`.
//!
//! Labels are read as the WHATWG Encoding Standard reads them (`encoding_rs`), so
//! `ISO-8859-1`, `latin1` and `us-ascii` mean windows-1252. A declaration the bytes
//! contradict is overridden, with a warning: a page that declares a legacy charset but is
//! valid UTF-8 holding non-ASCII text is UTF-8 (archives re-save pages as UTF-8 and keep
//! the old `<meta>`); a page that declares UTF-8 but is mostly invalid UTF-8 is guessed.
//! Finally, UTF-8 text that was decoded twice ("fÃ¼r" for "für", "â€™" for "’") is
//! repaired sequence by sequence where the repair is unambiguous (see [`repair_mojibake`]).

use std::borrow::Cow;

use encoding_rs::{Encoding as Charset, UTF_8, WINDOWS_1252};

use crate::model::{CharsetSource, Encoding, Warning};

/// How far into a page `<meta>` charset declarations are looked for.
pub const PRESCAN_BYTES: usize = 16 * 1024;

/// A page's text and how it was obtained from its bytes.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The charset used, how it was chosen, and the repairs made.
    pub encoding: Encoding,
    /// Declarations overridden, malformed bytes replaced, mojibake repaired: each as a
    /// warning on the page's `encoding` field.
    pub warnings: Vec<Warning>,
}

/// Decodes a page's bytes; `content_type` is the HTTP Content-Type header when known
/// (`"text/html; charset=ISO-8859-1"`). Never fails: bytes that are invalid in the chosen
/// charset become U+FFFD and `encoding.malformed` is set.
///
/// ```
/// let page = b"<meta charset=iso-8859-1><p>f\xfcr</p>";
/// let decoded = forum_thread::decode(page, None);
/// assert_eq!(decoded.text, "<meta charset=iso-8859-1><p>f\u{fc}r</p>");
/// assert_eq!(decoded.encoding.charset, "windows-1252");
/// ```
pub fn decode(bytes: &[u8], content_type: Option<&str>) -> Decoded {
    decode_declared(bytes, content_type.and_then(charset_param))
}

/// [`decode()`] given the charset label declared outside the page (the `charset` of a
/// Content-Type: see [`charset_param`], [`charset_label`]) rather than the header.
pub(crate) fn decode_declared(bytes: &[u8], declared: Option<&str>) -> Decoded {
    let mut warnings = Vec::new();
    let warn = |warnings: &mut Vec<Warning>, message: String| {
        warnings.push(Warning::new(None, "encoding", message));
    };

    if let Some((charset, bom_len)) = Charset::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        let (text, malformed) = charset.decode_without_bom_handling(rest);
        return finish(text, charset, CharsetSource::Bom, None, malformed, warnings);
    }

    let from_header = declared.map(|l| (l.as_bytes(), CharsetSource::ContentType));
    let declared = from_header.or_else(|| prescan(bytes).map(|l| (l, CharsetSource::Meta)));
    let declared = declared.and_then(|(label, source)| usable(label).map(|c| (c, source)));

    let utf8 = Utf8Stats::of(bytes);
    let (charset, source) = match declared {
        Some((charset, source)) if charset == UTF_8 && !utf8.mostly_valid() => {
            let guess = guess(bytes, false);
            warn(
                &mut warnings,
                format!(
                    "the page declares UTF-8 ({}) but {} of its byte sequences are not UTF-8; decoded as {}",
                    source_name(source),
                    utf8.invalid,
                    name(guess)
                ),
            );
            (guess, CharsetSource::Detected)
        }
        Some((charset, source))
            if charset != UTF_8 && charset.is_ascii_compatible() && utf8.is_utf8_text() =>
        {
            warn(
                &mut warnings,
                format!(
                    "the page declares {} ({}) but its bytes are UTF-8; decoded as UTF-8",
                    name(charset),
                    source_name(source)
                ),
            );
            (UTF_8, CharsetSource::Detected)
        }
        Some((charset, source)) => (charset, source),
        None if utf8.invalid == 0 && utf8.multibyte == 0 => (UTF_8, CharsetSource::Default),
        None if utf8.invalid == 0 => (UTF_8, CharsetSource::Detected),
        None => (guess(bytes, true), CharsetSource::Detected),
    };
    let (text, malformed) = charset.decode_without_bom_handling(bytes);
    let declared = declared.map(|(c, _)| c);
    finish(text, charset, source, declared, malformed, warnings)
}

fn finish(
    text: Cow<'_, str>,
    charset: &'static Charset,
    source: CharsetSource,
    declared: Option<&'static Charset>,
    malformed: bool,
    mut warnings: Vec<Warning>,
) -> Decoded {
    if malformed {
        let n = text.matches('\u{fffd}').count();
        warnings.push(Warning::new(
            None,
            "encoding",
            format!("bytes invalid in {} were replaced with U+FFFD ({n} in the text)", name(charset)),
        ));
    }
    let (text, repaired) = match repair_mojibake(&text) {
        Some((fixed, n, example)) => {
            warnings.push(Warning::new(
                None,
                "encoding",
                format!("repaired {n} UTF-8 sequences that had been decoded twice (such as {example})"),
            ));
            (fixed, true)
        }
        None => (text.into_owned(), false),
    };
    let encoding =
        Encoding { charset: name(charset), source, declared: declared.map(name), repaired, malformed };
    Decoded { text, encoding, warnings }
}

/// The lower-case WHATWG name of a charset ("utf-8", "windows-1252", "shift_jis").
fn name(charset: &'static Charset) -> String {
    charset.name().to_ascii_lowercase()
}

fn source_name(source: CharsetSource) -> &'static str {
    match source {
        CharsetSource::Bom => "byte order mark",
        CharsetSource::ContentType => "Content-Type",
        CharsetSource::Meta => "<meta>",
        CharsetSource::Detected => "detected",
        CharsetSource::Default => "default",
    }
}

/// The charset a label names, as an HTML page may use it: UTF-16 declared in a page that
/// has no byte order mark is read as UTF-8 (the page's own ASCII markup proves it is not
/// UTF-16), `x-user-defined` as windows-1252, and the `replacement` charset (labels of
/// unsafe encodings such as ISO-2022-KR) is no declaration at all.
fn usable(label: &[u8]) -> Option<&'static Charset> {
    let charset = Charset::for_label(label)?;
    if charset == encoding_rs::REPLACEMENT {
        None
    } else if charset == encoding_rs::UTF_16BE || charset == encoding_rs::UTF_16LE {
        Some(UTF_8)
    } else if charset == encoding_rs::X_USER_DEFINED {
        Some(WINDOWS_1252)
    } else {
        Some(charset)
    }
}

/// chardetng's guess from the whole input.
fn guess(bytes: &[u8], allow_utf8: bool) -> &'static Charset {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(
        None,
        if allow_utf8 { chardetng::Utf8Detection::Allow } else { chardetng::Utf8Detection::Deny },
    );
    // chardetng can name UTF-16 only through a BOM, handled before; keep the page readable.
    usable(guess.name().as_bytes()).unwrap_or(WINDOWS_1252)
}

/// How much of a byte string is UTF-8.
#[derive(Debug, Default)]
struct Utf8Stats {
    /// Well-formed sequences of two to four bytes.
    multibyte: usize,
    /// Ill-formed sequences (a truncated sequence at the very end counts too).
    invalid: usize,
}

impl Utf8Stats {
    fn of(bytes: &[u8]) -> Self {
        let mut stats = Utf8Stats::default();
        for chunk in bytes.utf8_chunks() {
            stats.multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
            if !chunk.invalid().is_empty() {
                stats.invalid += 1;
            }
        }
        stats
    }

    /// Valid UTF-8 with non-ASCII text in it.
    fn is_utf8_text(&self) -> bool {
        self.invalid == 0 && self.multibyte > 0
    }

    /// UTF-8 with a few damaged bytes (a cut-off page, a stray Latin-1 character) rather
    /// than text in another charset: at least four well-formed sequences per ill-formed one.
    fn mostly_valid(&self) -> bool {
        self.invalid == 0 || self.multibyte >= self.invalid.saturating_mul(4)
    }
}

/// The charset label of the `charset` parameter of a Content-Type value.
pub(crate) fn charset_param(content_type: &str) -> Option<&str> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = content_type.get(at + "charset".len()..)?.trim_start();
    charset_label(rest.strip_prefix('=')?)
}

/// The charset label in the value of a `charset` parameter: spaces and quotes before it are
/// skipped, and it ends at a `;`, a quote or a space.
pub(crate) fn charset_label(value: &str) -> Option<&str> {
    let rest = value.trim_start().trim_start_matches(['"', '\'']);
    let end =
        rest.find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace()).unwrap_or(rest.len());
    let label = rest.get(..end)?;
    (!label.is_empty()).then_some(label)
}

/// The charset label a page declares in a `<meta>` (a simplified form
/// of the HTML standard's prescan: comments and other tags are skipped, attribute values
/// may be quoted or not).
fn prescan(bytes: &[u8]) -> Option<&[u8]> {
    let b = bytes.get(..PRESCAN_BYTES.min(bytes.len()))?;
    let mut i = 0;
    while i < b.len() {
        let Some(lt) = memchr(b'<', b, i) else { break };
        i = lt + 1;
        let rest = &b[i..];
        if rest.starts_with(b"!--") {
            i = find(b, i + 3, b"-->").map_or(b.len(), |e| e + 3);
        } else if starts_with_ci(rest, b"meta") && rest.get(4).is_some_and(|&c| is_space(c) || c == b'/') {
            let (attrs, end) = attributes(b, i + 4);
            i = end;
            if let Some(label) = meta_charset(&attrs) {
                return Some(label);
            }
        } else if rest.first().is_some_and(u8::is_ascii_alphabetic)
            || (rest.first() == Some(&b'/') && rest.get(1).is_some_and(u8::is_ascii_alphabetic))
        {
            let name_end = rest.iter().position(|&c| is_space(c) || c == b'>').map_or(b.len(), |p| i + p);
            let (_, end) = attributes(b, name_end);
            i = end;
        } else if matches!(rest.first(), Some(b'!' | b'?' | b'/')) {
            i = memchr(b'>', b, i).map_or(b.len(), |e| e + 1);
        }
    }
    None
}

/// The charset a `<meta>`'s attributes declare.
fn meta_charset<'a>(attrs: &[Attribute<'a>]) -> Option<&'a [u8]> {
    let get = |name: &[u8]| attrs.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| *v);
    if let Some(label) = get(b"charset") {
        let label = label.trim_ascii();
        return (!label.is_empty()).then_some(label);
    }
    let equiv = get(b"http-equiv")?;
    if !equiv.trim_ascii().eq_ignore_ascii_case(b"content-type") {
        return None;
    }
    let content = std::str::from_utf8(get(b"content")?).ok()?;
    charset_param(content).map(str::as_bytes)
}

/// An attribute's name and value, as bytes of the page.
type Attribute<'a> = (&'a [u8], &'a [u8]);

/// The attributes of a tag whose name ends at `i`, and the index after its `>`.
fn attributes(b: &[u8], mut i: usize) -> (Vec<Attribute<'_>>, usize) {
    let mut attrs = Vec::new();
    loop {
        while b.get(i).is_some_and(|&c| is_space(c) || c == b'/') {
            i += 1;
        }
        match b.get(i) {
            None => return (attrs, b.len()),
            Some(b'>') => return (attrs, i + 1),
            Some(_) => {}
        }
        let start = i;
        while b.get(i).is_some_and(|&c| !is_space(c) && !matches!(c, b'=' | b'>' | b'/')) {
            i += 1;
        }
        // A lone '=' or '/' where a name should start: step over it.
        let name = &b[start..i];
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        if b.get(i) != Some(&b'=') {
            if name.is_empty() {
                i += 1;
            }
            attrs.push((name, &b""[..]));
            continue;
        }
        i += 1;
        while b.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        let value = match b.get(i) {
            Some(&q @ (b'"' | b'\'')) => {
                let end = memchr(q, b, i + 1).unwrap_or(b.len());
                let v = &b[(i + 1).min(end)..end];
                i = end + 1;
                v
            }
            _ => {
                let s = i;
                while b.get(i).is_some_and(|&c| !is_space(c) && c != b'>') {
                    i += 1;
                }
                &b[s..i]
            }
        };
        attrs.push((name, value));
    }
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

fn starts_with_ci(s: &[u8], prefix: &[u8]) -> bool {
    s.get(..prefix.len()).is_some_and(|p| p.eq_ignore_ascii_case(prefix))
}

fn memchr(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?.iter().position(|&c| c == needle).map(|p| p + from)
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    hay.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

/// Repairs UTF-8 text that was decoded a second time as windows-1252 (or ISO-8859-1):
/// "fÃ¼r" becomes "für", "â€™" becomes "’", "Ð¿Ñ€Ð¸" becomes "при".
///
/// A run of characters is repaired when it is exactly one UTF-8 sequence read as
/// windows-1252 (a lead character `Â`..`ô`, then as many characters of bytes 0x80..0xBF as
/// the lead calls for) and the character it encodes is in a script such text usually holds
/// (Latin, Greek, Cyrillic, punctuation, currency and letter-like symbols, emoji). Legitimate
/// text rarely has such pairs ("Ã" followed by "¼"), and a page is repaired only when at
/// least two runs qualify, so one accidental pair in real text is left alone.
///
/// Returns the repaired text, the number of runs repaired and the first one as an example
/// (`"Ã¼" → "ü"`), or `None` when nothing qualifies.
pub(crate) fn repair_mojibake(text: &str) -> Option<(String, usize, String)> {
    let mut out: Option<String> = None;
    let mut count = 0usize;
    let mut example = String::new();
    let mut copied = 0usize; // bytes of `text` already in `out`
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        let needed = match u32::from(c) {
            0xC2..=0xDF => 1,
            0xE0..=0xEF => 2,
            0xF0..=0xF4 => 3,
            _ => continue,
        };
        let mut bytes = [0u8; 4];
        bytes[0] = u8::try_from(u32::from(c)).unwrap_or(0);
        let mut end = at + c.len_utf8();
        let mut ok = true;
        let mut lookahead = iter.clone();
        for slot in bytes.iter_mut().skip(1).take(needed) {
            match lookahead.next().and_then(|(i, n)| continuation(n).map(|b| (i, n, b))) {
                Some((i, n, b)) => {
                    *slot = b;
                    end = i + n.len_utf8();
                }
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if !ok {
            continue;
        }
        let Some(fixed) = std::str::from_utf8(&bytes[..=needed]).ok().and_then(|s| s.chars().next()) else {
            continue;
        };
        if !likely_target(fixed) {
            continue;
        }
        let buf = out.get_or_insert_with(|| String::with_capacity(text.len()));
        buf.push_str(text.get(copied..at).unwrap_or_default());
        buf.push(fixed);
        copied = end;
        if count == 0 {
            example = format!("\"{}\" → \"{fixed}\"", text.get(at..end).unwrap_or_default());
        }
        count += 1;
        iter = lookahead;
    }
    let mut out = out?;
    if count < 2 {
        return None;
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Some((out, count, example))
}

/// The byte 0x80..=0xBF that windows-1252 (or ISO-8859-1, for C1 controls) decodes to `c`.
fn continuation(c: char) -> Option<u8> {
    let byte = match u32::from(c) {
        cp @ 0x80..=0xBF => cp,
        0x20AC => 0x80,
        0x201A => 0x82,
        0x0192 => 0x83,
        0x201E => 0x84,
        0x2026 => 0x85,
        0x2020 => 0x86,
        0x2021 => 0x87,
        0x02C6 => 0x88,
        0x2030 => 0x89,
        0x0160 => 0x8A,
        0x2039 => 0x8B,
        0x0152 => 0x8C,
        0x017D => 0x8E,
        0x2018 => 0x91,
        0x2019 => 0x92,
        0x201C => 0x93,
        0x201D => 0x94,
        0x2022 => 0x95,
        0x2013 => 0x96,
        0x2014 => 0x97,
        0x02DC => 0x98,
        0x2122 => 0x99,
        0x0161 => 0x9A,
        0x203A => 0x9B,
        0x0153 => 0x9C,
        0x017E => 0x9E,
        0x0178 => 0x9F,
        _ => return None,
    };
    u8::try_from(byte).ok()
}

/// Characters double-decoded text plausibly held.
fn likely_target(c: char) -> bool {
    matches!(
        u32::from(c),
        0xA0..=0x24F          // Latin-1 Supplement, Latin Extended-A and -B
        | 0x370..=0x4FF       // Greek, Cyrillic
        | 0x2010..=0x206F     // general punctuation: dashes, quotes, ellipsis, bullets
        | 0x20A0..=0x20CF     // currency signs (€)
        | 0x2100..=0x214F     // letter-like symbols (™, №)
        | 0xFEFF              // a byte order mark decoded twice ("ï»¿")
        | 0x1F300..=0x1FAFF // emoji
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn charset_of(bytes: &[u8], content_type: Option<&str>) -> (String, CharsetSource, Option<String>) {
        let d = decode(bytes, content_type);
        (d.encoding.charset, d.encoding.source, d.encoding.declared)
    }

    #[test]
    fn charset_sources_in_order() {
        use CharsetSource::*;
        let latin = b"<meta charset=\"ISO-8859-1\"><p>f\xfcr</p>";
        type Case<'a> = (&'a [u8], Option<&'a str>, (&'a str, CharsetSource, Option<&'a str>));
        let cases: Vec<Case<'_>> = vec![
            (b"\xef\xbb\xbf<p>f\xc3\xbcr", Some("text/html; charset=koi8-r"), ("utf-8", Bom, None)),
            (b"\xff\xfe<\x00p\x00>\x00", None, ("utf-16le", Bom, None)),
            (latin, Some("text/html; charset=\"koi8-r\""), ("koi8-r", ContentType, Some("koi8-r"))),
            (latin, None, ("windows-1252", Meta, Some("windows-1252"))),
            (
                b"<meta http-equiv=Content-Type content='text/html;charset=windows-1251'><p>\xcf\xf0\xe8",
                None,
                ("windows-1251", Meta, Some("windows-1251")),
            ),
            // A declaration inside a comment or an attribute is not the page's; one after
            // `<body>` is (archives re-serialize pages with the head's tags in the body).
            (b"<!-- <meta charset=koi8-r> --><p>plain</p>", None, ("utf-8", Default, None)),
            (b"<a title='<meta charset=koi8-r>'>plain</a>", None, ("utf-8", Default, None)),
            (b"<body><p><meta charset=koi8-r><p>plain</p>", None, ("koi8-r", Meta, Some("koi8-r"))),
            (b"<p>f\xc3\xbcr</p>", None, ("utf-8", Detected, None)),
            // UTF-16 named by a page that is not UTF-16 means UTF-8.
            (b"<meta charset=utf-16><p>f\xc3\xbcr</p>", None, ("utf-8", Meta, Some("utf-8"))),
            // An unknown label is no declaration.
            (b"<meta charset=klingon><p>x</p>", None, ("utf-8", Default, None)),
        ];
        for (bytes, ct, (charset, source, declared)) in cases {
            let got = charset_of(bytes, ct);
            assert_eq!(got, (charset.to_owned(), source, declared.map(str::to_owned)), "{bytes:?}");
        }
    }

    #[test]
    fn declarations_the_bytes_contradict_are_overridden() {
        // Declares Latin-1, is UTF-8 (worldofplayers, mazdaworld in the corpus).
        let d = decode("<meta charset=iso-8859-1><p>für</p>".as_bytes(), None);
        assert_eq!(d.encoding.charset, "utf-8");
        assert_eq!(d.encoding.source, CharsetSource::Detected);
        assert_eq!(d.encoding.declared.as_deref(), Some("windows-1252"));
        assert!(d.text.contains("für"));
        assert!(d.warnings[0].message.contains("declares windows-1252"), "{:?}", d.warnings);

        // Declares UTF-8, is windows-1252.
        let d = decode(b"<meta charset=utf-8><p>Gr\xfc\xdfe aus K\xf6ln, sch\xf6ne Gr\xfc\xdfe</p>", None);
        assert_eq!(d.encoding.charset, "windows-1252");
        assert!(d.text.contains("Grüße aus Köln"), "{}", d.text);
        assert!(!d.encoding.malformed);

        // UTF-8 with one damaged byte stays UTF-8, the byte replaced.
        let mut page = "<meta charset=utf-8><p>für Größe über ähnliche Öl</p>".as_bytes().to_vec();
        page.push(0x80);
        let d = decode(&page, None);
        assert_eq!(d.encoding.charset, "utf-8");
        assert!(d.encoding.malformed);
    }

    #[test]
    fn no_declaration_is_detected() {
        let d = decode(
            b"<p>\xcf\xf0\xe8\xe2\xe5\xf2, \xea\xe0\xea \xe4\xe5\xeb\xe0? \xd1\xef\xe0\xf1\xe8\xe1\xee.</p>",
            None,
        );
        assert_eq!(d.encoding.charset, "windows-1251");
        assert!(d.text.contains("Привет, как дела?"), "{}", d.text);
    }

    #[test]
    fn mojibake_is_repaired() {
        let (fixed, n, example) =
            repair_mojibake("fÃ¼r MÃ¼nchen â€“ itâ€™s Ð¿Ñ€Ð¸Ð²ÐµÑ‚ ðŸ˜€").expect("repairs");
        assert_eq!(fixed, "für München – it’s привет 😀");
        assert_eq!(n, 11);
        assert_eq!(example, "\"Ã¼\" → \"ü\"");
        // Real text with such pairs is left alone: one pair, or pairs that decode to
        // characters no such text holds ("ß“" would be U+07D3).
        for real in ["„groß“ und „Fuß“", "ESPAÑA»", "Ã¼", "naïve café", "plain"] {
            assert_eq!(repair_mojibake(real), None, "{real}");
        }
        let d = decode("<p>fÃ¼r MÃ¼nchen</p>".as_bytes(), None);
        assert_eq!(d.text, "<p>für München</p>");
        assert!(d.encoding.repaired);
    }

    #[test]
    fn content_type_params() {
        assert_eq!(charset_param("text/html; charset=UTF-8"), Some("UTF-8"));
        assert_eq!(charset_param("text/html;Charset = \"koi8-r\"; x=y"), Some("koi8-r"));
        assert_eq!(charset_param("text/html"), None);
        assert_eq!(charset_param("charset="), None);
        assert_eq!(charset_label(" 'windows-1251' "), Some("windows-1251"));
        assert_eq!(charset_label("\" \""), None);
    }

    #[test]
    fn junk_never_panics() {
        for bytes in [
            &b""[..],
            b"<",
            b"<meta",
            b"<meta charset",
            b"<meta charset=",
            b"<meta charset='",
            b"<!--",
            b"\xff",
            b"\xc3",
            b"<meta http-equiv=content-type content",
            b"<a b=\"",
            b"</",
            b"<meta/charset=utf-8/>",
            b"\xef\xbb",
        ] {
            let _ = decode(bytes, Some("charset="));
            let _ = decode(bytes, None);
        }
        let _ = repair_mojibake("Ã");
        let _ = repair_mojibake("â€");
        let _ = repair_mojibake("ð\u{9f}");
    }
}
