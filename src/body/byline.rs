//! Bylines: "Quote from: NAME on DATE", "NAME wrote:", "Last Edit: DATE by NAME" and their kin.

use crate::normalize::date::{DateContext, DateError, parse_date};
use crate::normalize::text::squash;

/// Verbs that end a "NAME wrote:" header, in the languages forums use.
const WROTE: &[&str] = &[
    "wrote",
    "said",
    "says",
    "hat gesagt",
    "a dit",
    "dijo",
    "disse",
    "schrieb",
    "a écrit",
    "escribió",
    "ha scritto",
    "schreef",
    "escreveu",
    "написал",
    "написала",
    "пишет",
    "napisał",
    "napisała",
    "írta",
    "kirjoitti",
    "skrev",
    "yazdı",
];

/// Labels that precede a quoted name without a colon of their own ("Zitat von NAME:",
/// XenForo's German and French quote headers).
const QUOTED_FROM: &[&str] = &["zitat von", "quote from", "citation de", "cita de", "citazione di", "citaat van"];

/// Words between a quoted name and the date ("X on DATE", "X от DATE", "X - DATE").
const CONNECTORS: &[&str] =
    &["on", "at", "от", "-", "–", "—", "am", "le", "el", "il", "op", "em", "dnia", ",", "|", "•"];

/// Splits a quote header's text into the quoted author and the date as shown.
///
/// Handles "Quote from: NAME on DATE" (any language: the label is whatever precedes the
/// first `": "`), "NAME wrote:" and "NAME wrote on DATE:". The date is the longest tail of
/// the text that the date pipeline recognizes, so names with spaces stay whole.
pub(crate) fn split_header(text: &str) -> (Option<String>, Option<String>) {
    let text = squash(text);
    let mut rest = text.as_str();
    // "Quote from: NAME on DATE": drop a short label without digits.
    if let Some((label, after)) = rest.split_once(": ") {
        if label.split_whitespace().count() <= 3 && !label.chars().any(|c| c.is_ascii_digit()) {
            rest = after;
        }
    }
    let rest = rest.trim().trim_end_matches(':').trim_end();
    let rest = strip_quoted_from(rest);
    let rest = strip_wrote(rest);
    if rest.is_empty() {
        return (None, None);
    }
    let words: Vec<&str> = rest.split(' ').collect();
    let ctx = DateContext::default();
    for i in 1..words.len() {
        let tail = words[i..].join(" ");
        match parse_date(&tail, &ctx) {
            Ok(_) | Err(DateError::NeedsNow(_)) => {
                let mut name = &words[..i];
                while let Some((last, init)) = name.split_last() {
                    if CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(last)) {
                        name = init;
                    } else {
                        break;
                    }
                }
                let name = strip_wrote(&name.join(" ")).to_owned();
                return ((!name.is_empty()).then_some(name), Some(tail));
            }
            Err(_) => {}
        }
    }
    // A lone label ("Quote", "Цитата") has no author.
    if !text.contains(':') && words.len() == 1 && rest == text {
        return (None, None);
    }
    (Some(rest.to_owned()), None)
}

/// Words between a date and an editor's name ("DATE by NAME", "DATE írta NAME").
const BY: &[&str] = &["by", "von", "par", "por", "da", "door", "przez", "от", "írta", "av", "tarafından"];

/// Splits "Last Edit: DATE by NAME" (any language: the label is whatever precedes the first
/// `": "`) into the date as shown and the editor's name. Decorations such as `«`/`»` and
/// `<em>` are expected to be gone already (callers pass squashed text).
pub(crate) fn split_edit(text: &str) -> (Option<String>, Option<String>) {
    let text = squash(text.trim_matches(|c: char| c == '«' || c == '»' || c.is_whitespace()));
    let rest = match text.split_once(": ") {
        Some((label, after)) if !label.chars().any(|c| c.is_ascii_digit()) => after,
        _ => text.as_str(),
    };
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    let ctx = DateContext::default();
    for j in (1..=words.len()).rev() {
        let head = words[..j].join(" ");
        if matches!(parse_date(&head, &ctx), Ok(_) | Err(DateError::NeedsNow(_))) {
            let mut by = &words[j..];
            if let Some((first, tail)) = by.split_first() {
                if BY.iter().any(|b| b.eq_ignore_ascii_case(first)) {
                    by = tail;
                }
            }
            let by = by.join(" ");
            return (Some(head), (!by.is_empty()).then_some(by));
        }
    }
    (None, None)
}

/// Removes a leading "Zitat von" from "Zitat von NAME".
fn strip_quoted_from(s: &str) -> &str {
    for label in QUOTED_FROM {
        if let Some(head) = s.get(..label.len()) {
            if head.eq_ignore_ascii_case(label) && s[label.len()..].starts_with(' ') {
                return s[label.len()..].trim_start();
            }
        }
    }
    s
}

/// Removes a trailing "wrote"-verb from "NAME wrote".
fn strip_wrote(s: &str) -> &str {
    let trimmed = s.trim_end_matches(':').trim_end();
    for verb in WROTE {
        if let Some(head) = trimmed.strip_suffix(verb) {
            if head.ends_with(' ') {
                return head.trim_end();
            }
        }
    }
    trimmed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_without_dates() {
        assert_eq!(split_header("Quote"), (None, None));
        assert_eq!(split_header("Цитировать"), (None, None));
        assert_eq!(split_header("John Smith wrote:"), (Some("John Smith".into()), None));
        assert_eq!(split_header("Quote from: John Smith"), (Some("John Smith".into()), None));
        assert_eq!(split_header("Hans schrieb:"), (Some("Hans".into()), None));
        assert_eq!(split_header("Zitat von Baal Netbeck:"), (Some("Baal Netbeck".into()), None));
        assert_eq!(split_header("Zitat von Atomfried"), (Some("Atomfried".into()), None));
        assert_eq!(split_header("baldgye:"), (Some("baldgye".into()), None));
        assert_eq!(split_header("Damon Otter said:"), (Some("Damon Otter".into()), None));
        assert_eq!(split_header("Jean-Luc a dit :"), (Some("Jean-Luc".into()), None));
    }

    #[test]
    fn headers_with_iso_dates() {
        assert_eq!(
            split_header("Quote from: John Smith on 2011-07-29 16:44:10"),
            (Some("John Smith".into()), Some("2011-07-29 16:44:10".into()))
        );
    }
}
