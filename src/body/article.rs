//! A news article pasted into a post body, and the link crediting where it came from.
//!
//! [`find`] reads a post's `body_text`. Quoted lines (`> `) are left out: they break
//! paragraphs, and nothing inside them is an article or a source.
//!
//! **Source.** A *credit line* is either *labeled* (it starts with one of [`LABELS`] and
//! carries a URL, or names a body link: its rest or the whole line is a link's text, or on a
//! short line contains one) or *bare* (the line is a URL; when it is also a link's text, the
//! link's URL wins, so a shortened "https://site/news/…" gives the full URL). A labeled line
//! counts wherever it stands; a bare one only when no other line follows it, when it directly
//! follows quoted lines, or when it ends a recognized article ("right after the pasted text").
//! The last counting line is the source. A body that is only a URL thus has a source and no
//! article; a URL amid conversation is no source.
//!
//! **Article.** A *dateline* line starts with a date ending at its 4-digit year, then an
//! optional place ("CITY, ST" with a code from [`REGIONS`], or a name from [`PLACES`]), then
//! capitalized categories split at commas, " · ", " | ", " - ". Up to two following upper-case
//! lines of the same paragraph continue it. With no separator after the year ("2023WASHINGTON,
//! DCCYBER") the place ends where a region code meets the next upper-case word. The headline is
//! the title-like line after the dateline (or the one just above it); the text runs from there to
//! the first credit line. A dateline of only a date needs a headline. Without a dateline, an
//! article needs a title-like first paragraph, two paragraphs of [`LONG`] characters and a
//! credit line ending them. A wire dateline opening the text ("WASHINGTON (Reuters) -") gives
//! the location when the dateline did not.

use crate::model::{Article, Link, Source};
use crate::normalize::date::{DateContext, parse_date};
use crate::normalize::text::squash;
use crate::normalize::url::domain;

/// What body analysis found in a post's text.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Found {
    /// The pasted article the post consists of.
    pub article: Option<Article>,
    /// The link crediting where pasted content came from.
    pub source: Option<Source>,
}

/// Credit labels, lower case, and whether a colon must follow ("Source:", but "via URL").
const LABELS: &[(&str, bool)] = &[
    ("source", true),
    ("sources", true),
    ("quelle", true),
    ("fuente", true),
    ("fonte", true),
    ("источник", true),
    ("forrás", true),
    ("bron", true),
    ("read more at", false),
    ("read more", false),
    ("full story", false),
    ("via", false),
];

/// US state and territory codes, plus Canadian provinces, as datelines write them.
#[rustfmt::skip]
const REGIONS: &[&str] = &[
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
    "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
    "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
    "WI", "WY", "DC", "D.C.", "PR", "GU", "VI", "ON", "QC", "BC", "AB", "MB", "NS",
];

/// Places a dateline may name without a region code (matched case-insensitively).
#[rustfmt::skip]
const PLACES: &[&str] = &[
    "WASHINGTON", "NEW YORK", "LOS ANGELES", "CHICAGO", "HOUSTON", "MIAMI", "SAN FRANCISCO",
    "CALIFORNIA", "TEXAS", "FLORIDA", "LONDON", "PARIS", "BERLIN", "BRUSSELS", "GENEVA",
    "THE HAGUE", "ROME", "MADRID", "VIENNA", "WARSAW", "MOSCOW", "KYIV", "KIEV", "JERUSALEM",
    "CAIRO", "BEIJING", "HONG KONG", "TOKYO", "SEOUL", "NEW DELHI", "SINGAPORE", "SYDNEY",
    "CANBERRA", "OTTAWA", "TORONTO", "MEXICO CITY", "UNITED STATES", "UNITED KINGDOM", "CANADA",
    "MEXICO", "FRANCE", "GERMANY", "RUSSIA", "UKRAINE", "CHINA", "JAPAN", "INDIA", "ISRAEL",
];

/// English month names; their 3-letter abbreviations and "sept" are accepted too.
#[rustfmt::skip]
const MONTHS: [&str; 12] = [
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];

/// Lower-case words allowed inside capitalized names and categories.
const CONNECTORS: &[&str] = &["and", "of", "the", "for", "in", "on", "de", "la", "del", "da"];

/// Characters a paragraph needs to count as long in an article without a dateline.
const LONG: usize = 150;

/// A non-quoted, non-blank line of the body.
struct Line<'a> {
    /// The line, trimmed.
    text: &'a str,
    /// Its paragraph number; blank and quoted lines start a new paragraph.
    para: usize,
    /// Whether quoted lines come right before it (blank lines aside).
    after_quote: bool,
    /// The source it credits, when it is a credit line.
    credit: Option<Credit>,
}

/// A credit line's source.
struct Credit {
    /// The credited source; `text` is the line.
    source: Source,
    /// Whether the line starts with a label (else it is a bare URL).
    labeled: bool,
}

/// A dateline and its parts.
struct Dateline {
    /// The dateline's lines, whitespace squashed, joined with a space.
    shown: String,
    /// The date as shown, for `parse_date`.
    date: String,
    /// The place, normalized to "CITY, REGION" spacing.
    location: Option<String>,
    /// The category labels.
    categories: Vec<String>,
}

/// Finds a pasted article and the source link in a post's `text` (its `body_text`), using the
/// body's `links` to resolve link texts to URLs. See the module docs for the rules.
pub(crate) fn find(text: &str, links: &[Link]) -> Found {
    let links = LinkIndex::new(links);
    let links = &links;
    let mut lines: Vec<Line> = Vec::new();
    let (mut para, mut broken, mut after_quote) = (0, false, false);
    for raw in text.lines() {
        let t = raw.trim();
        if t.starts_with('>') || t.is_empty() {
            after_quote |= t.starts_with('>');
            broken = true;
            continue;
        }
        if broken && !lines.is_empty() {
            para += 1;
        }
        let credit = credit(&squash(t), links);
        lines.push(Line { text: t, para, after_quote, credit });
        (broken, after_quote) = (false, false);
    }
    let last = lines.len().checked_sub(1);
    let mut source_at = (0..lines.len()).rev().find(|&i| {
        lines[i].credit.as_ref().is_some_and(|c| c.labeled || lines[i].after_quote || Some(i) == last)
    });
    let article = article(&lines);
    if let Some((_, Some(end))) = article {
        source_at = source_at.filter(|&s| s > end).or(Some(end));
    }
    let source = source_at.and_then(|i| lines.get(i)?.credit.as_ref()).map(|c| c.source.clone());
    Found {
        article: article.map(|(mut a, _)| {
            a.source_url = source.as_ref().map(|s| s.url.clone());
            a
        }),
        source,
    }
}

/// The article made of `lines`, and the index of the credit line ending it.
fn article(lines: &[Line]) -> Option<(Article, Option<usize>)> {
    let mut art = Article::default();
    let title_at = |i: usize| lines.get(i).filter(|l| l.credit.is_none() && is_title(l.text));
    let mut dated = dateline_at(lines, 0);
    if dated.is_none() && title_at(0).is_some() {
        dated = dateline_at(lines, 1);
        art.headline = dated.as_ref().and(title_at(0)).map(|l| l.text.to_owned());
    }
    let mut next = dated.as_ref().map_or(0, |d| d.1);
    if art.headline.is_none() {
        if let Some(l) = title_at(next) {
            art.headline = Some(l.text.to_owned());
            next += 1;
        }
    }
    let end = (next..lines.len()).find(|&i| lines[i].credit.is_some());
    let body = lines.get(next..end.unwrap_or(lines.len()))?;
    art.text = join(body);
    match dated {
        Some((d, _)) => {
            let bare = d.location.is_none() && d.categories.is_empty();
            if art.text.is_empty() || (bare && art.headline.is_none()) {
                return None;
            }
            art.date = parse_date(&d.date, &DateContext::default()).ok();
            (art.dateline, art.location, art.categories) = (Some(d.shown), d.location, d.categories);
        }
        None => {
            let alone = lines.get(1).is_none_or(|l| l.para != lines[0].para);
            let long = art.text.split("\n\n").filter(|p| p.chars().count() >= LONG);
            if art.headline.is_none() || !alone || end.is_none() || long.count() < 2 {
                return None;
            }
        }
    }
    if art.location.is_none() {
        art.location = body.first().and_then(|l| wire_location(l.text));
    }
    Some((art, end))
}

/// Lines joined back into text: "\n" inside a paragraph, "\n\n" between paragraphs.
fn join(lines: &[Line]) -> String {
    let mut out = String::new();
    let mut para = None;
    for l in lines {
        if let Some(p) = para {
            out.push_str(if p == l.para { "\n" } else { "\n\n" });
        }
        out.push_str(l.text);
        para = Some(l.para);
    }
    out
}

/// A headline: 2 to 30 words, 10 to 250 characters, no URL, no sentence-ending period.
fn is_title(s: &str) -> bool {
    (2..=30).contains(&s.split_whitespace().count())
        && (10..=250).contains(&s.chars().count())
        && !s.ends_with(['.', ':', ',', ';'])
        && !s.starts_with(char::is_lowercase)
        && url_in(s).is_none()
}

/// The dateline starting at `lines[at]`, and the index of the line after it.
fn dateline_at(lines: &[Line], at: usize) -> Option<(Dateline, usize)> {
    let first = lines.get(at)?;
    let mut shown = squash(first.text);
    let (date, rest) = take_date(&shown)?;
    let glued = rest.starts_with(char::is_alphabetic);
    let (mut location, mut categories) = parts(rest, glued)?;
    let date = date.to_owned();
    let mut next = at + 1;
    while let Some(line) = lines.get(next).filter(|l| l.para == first.para && next <= at + 2) {
        let s = squash(line.text);
        if s.chars().any(char::is_lowercase) || !s.chars().any(char::is_alphabetic) {
            break;
        }
        let Some((loc, cats)) = parts(&s, false) else {
            break;
        };
        if loc.is_some() && location.is_some() {
            break;
        }
        location = location.or(loc);
        categories.extend(cats);
        shown = format!("{shown} {s}");
        next += 1;
    }
    Some((Dateline { shown, date, location, categories }, next))
}

/// Reads what follows a dateline's date: an optional place, then categories. `None` when
/// some part is not category-like (the line is prose, not a dateline).
fn parts(rest: &str, glued: bool) -> Option<(Option<String>, Vec<String>)> {
    let rest = rest.replace(" - ", "|");
    let mut segs = rest.split(['·', '|', '•', '—', '–']).map(str::trim).filter(|s| !s.is_empty());
    let first = segs.next().unwrap_or("");
    let (location, tail) = match take_place(first, glued) {
        Some((place, tail)) => (Some(place), tail),
        None => (None, first),
    };
    let mut categories = Vec::new();
    for item in std::iter::once(tail).chain(segs).flat_map(|s| s.split(',')).map(str::trim) {
        let words = item.split_whitespace().count();
        if item.is_empty() {
            continue;
        }
        if words > 6 || item.chars().count() > 60 || item.ends_with(['!', '?', ':', ';']) {
            return None;
        }
        if !capitalized(item) || !item.chars().any(char::is_alphabetic) {
            return None;
        }
        categories.push(item.to_owned());
    }
    Some((location, categories))
}

/// A leading place of `s` ("CITY, ST", "CITY, COUNTRY" or a known place) and what follows it.
fn take_place(s: &str, glued: bool) -> Option<(String, &str)> {
    if let Some((city, after)) = s.split_once(',') {
        let (city, after) = (city.trim(), after.trim_start());
        if let Some(n) = region_at(after, glued).filter(|_| is_city(city)) {
            return Some((format!("{city}, {}", after.get(..n)?), after.get(n..)?));
        }
    }
    let n = prefix_at(s, PLACES, true, glued)?;
    Some((s.get(..n)?.to_owned(), s.get(n..)?))
}

/// The length of a region code or known place starting `s`.
fn region_at(s: &str, glued: bool) -> Option<usize> {
    prefix_at(s, PLACES, true, glued).or_else(|| prefix_at(s, REGIONS, false, glued))
}

/// The length of the longest entry of `table` that starts `s` (ASCII case-insensitively when
/// `ci`) and ends at a word boundary; in glued text an upper-case letter after it is one too.
fn prefix_at(s: &str, table: &[&str], ci: bool, glued: bool) -> Option<usize> {
    let ends = |n: usize| match s.get(n..).and_then(|r| r.chars().next()) {
        Some(c) => !c.is_alphanumeric() || (glued && c.is_uppercase()),
        None => true,
    };
    let hit = |p: &str| s.get(..p.len()).is_some_and(|h| h == p || (ci && h.eq_ignore_ascii_case(p)));
    table.iter().filter(|p| hit(p)).map(|p| p.len()).filter(|&n| ends(n)).max()
}

/// A city name: capitalized words of letters, spaces, ".", "'" and "-".
fn is_city(s: &str) -> bool {
    s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && s.len() <= 40
        && s.chars().all(|c| c.is_alphabetic() || " .'-".contains(c))
        && capitalized(s)
}

/// Every word starts with a non-lower-case character or is a connector ("of", "and").
fn capitalized(s: &str) -> bool {
    s.split_whitespace().all(|w| CONNECTORS.contains(&w) || !w.starts_with(char::is_lowercase))
}

/// The location of a wire dateline opening an article's text: "WASHINGTON —",
/// "WASHINGTON (Reuters) -", "LONDON, May 2 (Reuters) -", "NEW YORK, NY —".
fn wire_location(line: &str) -> Option<String> {
    let head = line.get(..line.char_indices().nth(80).map_or(line.len(), |(i, _)| i))?;
    let dash = ["—", "–", " - "].iter().filter_map(|d| head.find(d)).min()?;
    let pre = head.get(..dash)?;
    let pre = pre.split('(').next().unwrap_or(pre).trim().trim_end_matches(',');
    let (city, region) = match pre.split_once(',') {
        Some((c, r)) => (c.trim(), Some(r.trim()).filter(|r| region_at(r, false) == Some(r.len()))),
        None => (pre, None),
    };
    if !is_city(city) || city.chars().any(char::is_lowercase) {
        return None;
    }
    Some(region.map_or_else(|| city.to_owned(), |r| format!("{city}, {r}")))
}

/// Splits a leading date off `s`: "MAY 2, 2023", "2 May 2023", "2023-05-02", "05/02/2023".
/// The date ends at its 4-digit year, so "2023WASHINGTON" splits too.
fn take_date(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    let end = month_first(b).or_else(|| day_first(b)).or_else(|| numeric(b))?;
    if b.get(end).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((s.get(..end)?, s.get(end..)?))
}

/// "May 2, 2023", "Sept. 12 2023": the index after the year.
fn month_first(b: &[u8]) -> Option<usize> {
    let mut i = month(b, 0)?;
    i += usize::from(b.get(i) == Some(&b'.'));
    i = digits(b, spaces(b, i, 1)?, 1, 2)?;
    let comma = b.get(i) == Some(&b',');
    i += usize::from(comma);
    digits(b, spaces(b, i, usize::from(!comma))?, 4, 4)
}

/// "2 May 2023", "2. May 2023": the index after the year.
fn day_first(b: &[u8]) -> Option<usize> {
    let mut i = digits(b, 0, 1, 2)?;
    i += usize::from(b.get(i) == Some(&b'.'));
    i = month(b, spaces(b, i, 1)?)?;
    i += usize::from(matches!(b.get(i), Some(b'.' | b',')));
    digits(b, spaces(b, i, 1)?, 4, 4)
}

/// "2023-05-02", "05/02/2023", "02.05.2023": the index after the year.
fn numeric(b: &[u8]) -> Option<usize> {
    let dash = |i: usize| (b.get(i) == Some(&b'-')).then_some(i + 1);
    if let Some(i) = digits(b, 0, 4, 4) {
        let i = digits(b, dash(i)?, 2, 2)?;
        return digits(b, dash(i)?, 2, 2);
    }
    let i = digits(b, 0, 1, 2)?;
    let sep = *b.get(i).filter(|c| matches!(c, b'/' | b'.'))?;
    let i = digits(b, i + 1, 1, 2)?;
    let i = (b.get(i) == Some(&sep)).then_some(i + 1)?;
    digits(b, i, 4, 4)
}

/// The index after `min..=max` ASCII digits at `i`.
fn digits(b: &[u8], i: usize, min: usize, max: usize) -> Option<usize> {
    let n = b.get(i..)?.iter().take(max).take_while(|c| c.is_ascii_digit()).count();
    (n >= min).then_some(i + n)
}

/// The index after at least `min` spaces at `i`.
fn spaces(b: &[u8], i: usize, min: usize) -> Option<usize> {
    let n = b.get(i..)?.iter().take_while(|c| **c == b' ').count();
    (n >= min).then_some(i + n)
}

/// The index after an English month name or abbreviation at `i`.
fn month(b: &[u8], i: usize) -> Option<usize> {
    let n = b.get(i..)?.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    let word = std::str::from_utf8(b.get(i..i + n)?).ok()?.to_ascii_lowercase();
    let known = |m: &&str| *m == word || (n == 3 && m.starts_with(&word));
    (MONTHS.iter().any(known) || word == "sept").then_some(i + n)
}

/// A post's links, indexed once so that each line is checked in constant time: a post of
/// many credit lines and many links stays linear.
struct LinkIndex<'a> {
    /// Each text (whitespace squashed) and the URL of the last link showing it.
    by_text: std::collections::HashMap<String, Option<&'a str>>,
    /// Distinct non-empty texts of links with a URL, with the index and URL of the last.
    named: std::collections::HashMap<String, (usize, &'a str)>,
    /// The short ones of `named` (at most 120 bytes), latest first, when there are at most
    /// [`LinkIndex::SHORT`] of them; a link farm's credit lines must name a link exactly.
    short: Vec<(String, usize, &'a str)>,
}

impl<'a> LinkIndex<'a> {
    const SHORT: usize = 64;

    fn new(links: &'a [Link]) -> Self {
        let mut by_text = std::collections::HashMap::new();
        let mut named = std::collections::HashMap::new();
        for (i, l) in links.iter().enumerate() {
            let text = squash(&l.text);
            if let (Some(url), false) = (l.url.as_deref(), text.is_empty()) {
                named.insert(text.clone(), (i, url));
            }
            by_text.insert(text, l.url.as_deref());
        }
        let mut short: Vec<(String, usize, &str)> =
            named.iter().filter(|(t, _)| t.len() <= 120).map(|(t, &(i, u))| (t.clone(), i, u)).collect();
        if short.len() > Self::SHORT {
            short.clear();
        }
        short.sort_by_key(|&(_, i, _)| std::cmp::Reverse(i));
        LinkIndex { by_text, named, short }
    }

    /// The URL of the last link whose text is `text`.
    fn by_text(&self, text: &str) -> Option<String> {
        self.by_text.get(text).copied().flatten().map(str::to_owned)
    }
}

/// The source `line` credits, if it is a credit line (see the module docs).
fn credit(line: &str, links: &LinkIndex<'_>) -> Option<Credit> {
    let by_text = |text: &str| links.by_text(text);
    let (url, labeled) = match label_rest(line) {
        Some(rest) => match url_in(rest) {
            Some(url) => (by_text(url).unwrap_or_else(|| url.to_owned()), true),
            None => (named_link(line, rest, links)?, true),
        },
        None if !line.contains(char::is_whitespace) => {
            let shown = url_in(line)?;
            (by_text(line).unwrap_or_else(|| shown.to_owned()), false)
        }
        None => return None,
    };
    let domain = domain(&url).or_else(|| domain(&format!("http://{url}")));
    let source = Source { url, domain, text: Some(line.to_owned()) };
    Some(Credit { source, labeled })
}

/// The URL of the link a labeled line names: its rest or the whole line is the link's text, or
/// (on a line of at most 120 bytes) the rest contains it. The last such link wins.
fn named_link(line: &str, rest: &str, links: &LinkIndex<'_>) -> Option<String> {
    let exact = [rest, line].into_iter().filter_map(|t| links.named.get(t)).max_by_key(|(i, _)| *i);
    let contained = (line.len() <= 120)
        .then(|| links.short.iter().find(|(text, _, _)| rest.contains(text.as_str())))
        .flatten()
        .map(|(_, i, url)| (*i, *url));
    exact.copied().into_iter().chain(contained).max_by_key(|(i, _)| *i).map(|(_, url)| url.to_owned())
}

/// What follows a credit label at the start of `line`, separators trimmed.
fn label_rest(line: &str) -> Option<&str> {
    LABELS.iter().find_map(|&(label, colon)| {
        let rest = strip_prefix_ci(line, label)?;
        if rest.starts_with(char::is_alphanumeric) {
            return None;
        }
        let rest = rest.trim_start();
        let rest = if colon { rest.strip_prefix(':')? } else { rest };
        Some(rest.trim_start_matches(|c: char| c.is_whitespace() || ":-–—»›.…|".contains(c)))
    })
}

/// `s` without `prefix`, compared case-insensitively character by character.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    // An ASCII prefix without `k` (the Kelvin sign lowercases to `k`, the one non-ASCII
    // character that lowercases to a single ASCII one) matches only ASCII characters: bytes.
    if prefix.is_ascii() && !prefix.contains(['k', 'K']) {
        let head = s.as_bytes().get(..prefix.len())?;
        return head.eq_ignore_ascii_case(prefix.as_bytes()).then(|| s.get(prefix.len()..)).flatten();
    }
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or("", |(i, _)| s.get(i..).unwrap_or("")))
}

/// The first URL ("http://", "https://", "www.") among the words of `s`, brackets trimmed.
fn url_in(s: &str) -> Option<&str> {
    s.split_whitespace()
        .map(|w| w.trim_start_matches(['(', '<', '[', '"']))
        .map(|w| w.trim_end_matches([')', '>', ']', '"', '.', ',', ';', ':', '!', '?']))
        .find(|w| {
            ["http://", "https://", "www."]
                .iter()
                .any(|p| strip_prefix_ci(w, p).is_some_and(|r| !r.is_empty()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_kelvin_sign_lowercases_to_ascii() {
        let to_ascii: Vec<char> = (char::from(128u8)..=char::MAX)
            .filter(|c| {
                let mut lower = c.to_lowercase();
                lower.next().is_some_and(|l| l.is_ascii()) && lower.next().is_none()
            })
            .collect();
        assert_eq!(to_ascii, ['\u{212A}']);
        assert_eq!(strip_prefix_ci("HTTP://x", "http://"), Some("x"));
        assert_eq!(strip_prefix_ci("\u{212A}b: x", "kb: "), Some("x"));
        assert_eq!(strip_prefix_ci("ht", "http://"), None);
    }
    use chrono::NaiveDate;

    use crate::model::Timestamp;

    const HEADLINE: &str = "Largest international operation against darknet trafficking of fentanyl, opioids results \
         in record arrests, seizures";
    const P1: &str = "WASHINGTON — International partners, including Homeland Security Investigations (HSI) and \
         the U.S. Department of Justice (DOJ) and its Joint Criminal Opioid and Darknet Enforcement \
         (JCODE) team announced the results of Operation SpecTor, which included 288 arrests — the \
         most ever for any JCODE operation and nearly double that of the prior operation. Law \
         enforcement conducted more seizures than any previous operation, including 117 firearms, \
         850 kilograms of drugs that include 64 kilograms of fentanyl or fentanyl-laced narcotics, \
         and $53.4 million in cash and virtual currencies.";
    const P2: &str = "“The illicit movement of opioids poses a significant threat to public health and safety — \
         whether by known transnational criminal gang members across international borders or \
         anonymously through darknet spaces,” said U.S. Immigration and Customs Enforcement’s (ICE) \
         Senior Official Performing the Duties of Deputy Director P.J. Lechleitner. “Our HSI \
         special agents, alongside federal and international partners, continue to aggressively \
         investigate, disrupt and dismantle networks responsible for trafficking dangerous, deadly \
         narcotics and other contraband across global communities we are charged with protecting. \
         We will continue to pursue bad actors engaged in these crimes to ensure they face justice \
         while protecting victims from these lethal substances.”";
    const URL: &str = "https://www.ice.gov/news/releases/largest-international-operation-against-darknet-trafficking-fentanyl-opioids-results";

    /// The canonical release with `dateline` and `gap` (the separator before the headline).
    fn release(dateline: &str, gap: &str) -> String {
        format!("{dateline}{gap}{HEADLINE}\n\n{P1}\n\n{P2}\n\n{URL}")
    }

    fn link(url: &str, text: &str) -> Link {
        Link { url: Some(url.to_owned()), text: text.to_owned() }
    }

    fn source(url: &str, domain: &str, text: &str) -> Option<Source> {
        let (url, domain, text) = (url.into(), Some(domain.into()), Some(text.into()));
        Some(Source { url, domain, text })
    }

    /// Dateline shapes of the canonical release: (dateline as posted, gap, dateline expected).
    const SHAPES: &[(&str, &str, &str)] = &[
        ("MAY 2, 2023 · WASHINGTON, DC · CYBER CRIMES, NARCOTICS", "\n\n", ""),
        ("MAY 2, 2023 | WASHINGTON, DC | CYBER CRIMES, NARCOTICS", "\n\n", ""),
        ("MAY 2, 2023 - WASHINGTON, DC - CYBER CRIMES, NARCOTICS", "\n\n", ""),
        (
            "MAY 2, 2023\nWASHINGTON, DC\nCYBER CRIMES, NARCOTICS",
            "\n\n",
            "MAY 2, 2023 WASHINGTON, DC CYBER CRIMES, NARCOTICS",
        ),
        // Glued, as text renderings produce it, headline on the next line.
        ("MAY 2, 2023WASHINGTON, DCCYBER CRIMES, NARCOTICS", "\n", ""),
    ];

    #[test]
    fn canonical_release_in_every_dateline_shape() {
        for &(dateline, gap, shown) in SHAPES {
            let found = find(&release(dateline, gap), &[]);
            let Some(got) = found.article else { panic!("no article for {dateline:?}") };
            let expected = Article {
                headline: Some(HEADLINE.into()),
                dateline: Some(if shown.is_empty() { dateline } else { shown }.into()),
                date: got.date, // asserted in dateline_dates_are_parsed
                location: Some("WASHINGTON, DC".into()),
                categories: vec!["CYBER CRIMES".into(), "NARCOTICS".into()],
                text: format!("{P1}\n\n{P2}"),
                source_url: Some(URL.into()),
            };
            assert_eq!(got, expected, "dateline {dateline:?}");
            assert_eq!(found.source, source(URL, "www.ice.gov", URL), "{dateline:?}");
        }
    }

    #[test]
    fn dateline_dates_are_parsed() {
        let may2 = NaiveDate::from_ymd_opt(2023, 5, 2).map(Timestamp::Date);
        for &(dateline, gap, _) in SHAPES {
            let date = find(&release(dateline, gap), &[]).article.and_then(|a| a.date);
            assert_eq!(date, may2, "dateline {dateline:?}");
        }
    }

    #[test]
    fn dateline_parts() {
        let cases: &[(&str, &str, Option<&str>, &[&str])] = &[
            ("2 May 2023 · LONDON · POLITICS", "2 May 2023", Some("LONDON"), &["POLITICS"]),
            ("2023-05-02 NEW YORK, NY", "2023-05-02", Some("NEW YORK, NY"), &[]),
            (
                "05/02/2023LONDON, UNITED KINGDOMTRADE",
                "05/02/2023",
                Some("LONDON, UNITED KINGDOM"),
                &["TRADE"],
            ),
            ("Sept. 12, 2023 | Press Release", "Sept. 12, 2023", None, &["Press Release"]),
            ("MAY 2, 2023 D.C. · ARMS", "MAY 2, 2023", None, &["D.C.", "ARMS"]),
        ];
        for &(line, date, location, categories) in cases {
            let lines = [Line { text: line, para: 0, after_quote: false, credit: None }];
            let Some((d, _)) = dateline_at(&lines, 0) else { panic!("no dateline in {line:?}") };
            assert_eq!((d.date.as_str(), d.location.as_deref()), (date, location), "{line:?}");
            assert_eq!(d.categories, categories, "{line:?}");
        }
        for prose in ["May 2, 2023 we went to Boston, MA", "May 2, 20234", "Mayday 2, 2023"] {
            let lines = [Line { text: prose, para: 0, after_quote: false, credit: None }];
            assert!(dateline_at(&lines, 0).is_none(), "{prose:?}");
        }
    }

    #[test]
    fn wire_datelines() {
        let cases = [
            ("WASHINGTON (Reuters) - The U.S. said", Some("WASHINGTON")),
            ("LONDON, May 2 (Reuters) - Britain said", Some("LONDON")),
            ("NEW YORK, NY — The city said", Some("NEW YORK, NY")),
            ("Hello everyone - today I read", None),
            ("No dash at all in this line", None),
        ];
        for (line, expected) in cases {
            assert_eq!(wire_location(line).as_deref(), expected, "{line:?}");
        }
    }

    #[test]
    fn pasted_story_without_dateline() {
        let text = format!("{HEADLINE}\n\n{P1}\n\n{P2}\n\n{URL}\n\nWhat a haul.");
        let found = find(&text, &[]);
        let article = found.article.expect("article");
        assert_eq!(article.headline.as_deref(), Some(HEADLINE));
        assert_eq!((article.date, article.dateline), (None, None));
        assert_eq!(article.location.as_deref(), Some("WASHINGTON"));
        assert_eq!(article.text, format!("{P1}\n\n{P2}"));
        assert_eq!(found.source, source(URL, "www.ice.gov", URL));
    }

    #[test]
    fn links_without_articles() {
        let lines_with_link = "Did you see this?\nhttps://example.com/story\nI doubt it is real.";
        let read_more = link("https://example.com/full", "Read more");
        let quelle = link("https://www.spiegel.de/a-1", "Spiegel Online");
        let shortened = link("https://example.com/news/2023/long-slug", "https://example.com/news/…");
        let cases: Vec<(&str, Vec<Link>, Option<Source>)> = vec![
            (lines_with_link, vec![], None),
            ("See https://example.com/x for more, it is good.", vec![], None),
            (
                "Short note on this.\n\nSource: https://example.com/x",
                vec![],
                source("https://example.com/x", "example.com", "Source: https://example.com/x"),
            ),
            (
                "Interesting.\n\nRead more",
                vec![read_more.clone()],
                source("https://example.com/full", "example.com", "Read more"),
            ),
            (
                "https://example.com/x",
                vec![],
                source("https://example.com/x", "example.com", "https://example.com/x"),
            ),
            (
                "Kurzer Text.\n\nQuelle: Spiegel Online",
                vec![quelle],
                source("https://www.spiegel.de/a-1", "www.spiegel.de", "Quelle: Spiegel Online"),
            ),
            (
                "One short paragraph.\n\nhttps://example.com/news/…",
                vec![shortened],
                source(
                    "https://example.com/news/2023/long-slug",
                    "example.com",
                    "https://example.com/news/…",
                ),
            ),
            (
                "> quoted story\n>\nwww.example.com/q\n\nMy comment.",
                vec![],
                source("www.example.com/q", "www.example.com", "www.example.com/q"),
            ),
            ("Via the back door, we left.", vec![read_more], None),
            (
                "Great news for the border\n\nhttps://example.com/x",
                vec![],
                source("https://example.com/x", "example.com", "https://example.com/x"),
            ),
        ];
        for (text, links, expected) in cases {
            let found = find(text, &links);
            assert_eq!(found, Found { article: None, source: expected }, "{text:?}");
        }
    }

    #[test]
    fn quoted_release_is_not_an_article() {
        let quoted: String =
            release("MAY 2, 2023 · WASHINGTON, DC", "\n\n").lines().map(|l| format!("> {l}\n")).collect();
        assert_eq!(find(&quoted, &[]), Found::default());
    }

    #[test]
    fn junk_never_panics() {
        let long = "é·MAY 2, 2023WASHINGTON, ".repeat(4_000);
        let junk =
            ["", "\n\n\n", "> a\n> b", "·", "😀😀 2023", "MAY", "2023-", "05/", "Source:", "via", "x, D"];
        for text in junk.iter().copied().chain([long.as_str()]) {
            let _ = find(text, &[link("", "")]);
            let _ = find(&format!("{text}\n\n{text}"), &[]);
        }
    }
}
