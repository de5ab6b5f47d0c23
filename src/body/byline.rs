//! Bylines: "Quote from: NAME on DATE", "NAME wrote:", "Last Edit: DATE by NAME" and their kin.

use crate::normalize::date::{DateContext, DateError, parse_date};
use crate::normalize::text::squash;

/// Verbs that end a "NAME wrote:" header, in the languages forums use.
const WROTE: &[&str] = &[
    "wrote",
    "said",
    "says",
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
    if let Some((label, after)) = rest.split_once(": ") {
        // "NAME wrote: ↑ DATE" (phpBB 3.2+ puts the date, after a link arrow, behind the verb).
        let name = strip_wrote(label);
        if name.len() < label.trim_end_matches(':').trim_end().len() {
            let date = after.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
            return (
                (!name.is_empty()).then(|| name.to_owned()),
                (!date.is_empty()).then(|| date.to_owned()),
            );
        }
        // "Quote from: NAME on DATE": drop a short label without digits.
        if label.split_whitespace().count() <= 3 && !label.chars().any(|c| c.is_ascii_digit()) {
            rest = after;
        }
    }
    let rest = rest.trim().trim_end_matches(':').trim_end();
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
    // A lone label ("Quote", "Цитата", phpBB 2's "Quote:") has no author.
    if words.len() == 1 && rest == text.trim_end_matches(':').trim_end() {
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

/// Splits an edit note that names the editor before the date: phpBB's "Last edited by NAME
/// on DATE, edited N times in total." (2.0: "...; edited N times in total"), in any language
/// ("Zuletzt geändert von NAME am DATE, insgesamt 1-mal geändert."). `editor` is the name
/// when the page links it; without it, the name runs from the first "by"-word to the next
/// connector ("on", "am", "le"). Returns the date as shown and the editor.
pub(crate) fn split_edit_note(text: &str, editor: Option<&str>) -> (Option<String>, Option<String>) {
    let text = squash(text);
    let (by, after) = match editor.filter(|e| !e.is_empty()).and_then(|e| text.find(e).map(|i| (e, i))) {
        Some((e, i)) => (e.to_owned(), text[i + e.len()..].to_owned()),
        None => {
            let words: Vec<&str> = text.split(' ').collect();
            let is = |w: &str, list: &[&str]| list.iter().any(|l| l.eq_ignore_ascii_case(w));
            let Some(b) = words.iter().position(|w| is(w, BY)) else {
                return (None, None);
            };
            let Some(c) = (b + 2..words.len()).find(|&k| is(words[k], CONNECTORS)) else {
                return (None, None);
            };
            (words[b + 1..c].join(" "), words[c..].join(" "))
        }
    };
    let after = after.trim();
    let after = match after.split_once(' ') {
        Some((first, rest)) if CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(first)) => rest,
        _ => after,
    };
    let after = after.trim().trim_end_matches('.').trim_end();
    // The count clause follows the last ';' (2.0) or ',' (3.x); a clause holding a time
    // ("2016 8:00 am") is part of the date.
    let mut candidates: Vec<&str> = Vec::new();
    if let Some((date, _)) = after.rsplit_once(';') {
        candidates.push(date);
    }
    if let Some((date, tail)) = after.rsplit_once(',') {
        if !tail.contains(':') {
            candidates.push(date);
        }
    }
    candidates.push(after);
    let ctx = DateContext::default();
    let date = candidates
        .iter()
        .find(|c| matches!(parse_date(c.trim(), &ctx), Ok(_) | Err(DateError::NeedsNow(_))))
        .or(candidates.first())
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty());
    let by = by.trim().to_owned();
    (date, (!by.is_empty()).then_some(by))
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
    }

    #[test]
    fn headers_with_the_date_after_the_verb() {
        assert_eq!(
            split_header("almostapathetic wrote: ↑Thu Apr 02, 2020 8:41 am"),
            (Some("almostapathetic".into()), Some("Thu Apr 02, 2020 8:41 am".into()))
        );
        assert_eq!(split_header("Quote:"), (None, None));
        assert_eq!(split_header("Hans schrieb: ↑"), (Some("Hans".into()), None));
    }

    #[test]
    fn phpbb_edit_notes() {
        assert_eq!(
            split_edit_note(
                "Last edited by John_Ha on Sun Apr 08, 2018 1:00 pm, edited 1 time in total.",
                Some("John_Ha")
            ),
            (Some("Sun Apr 08, 2018 1:00 pm".into()), Some("John_Ha".into()))
        );
        assert_eq!(
            split_edit_note(
                "Zuletzt geändert von hinter dem Ofen am 13 Jan 2018, 12:42, insgesamt 1-mal geändert.",
                Some("hinter dem Ofen")
            ),
            (Some("13 Jan 2018, 12:42".into()), Some("hinter dem Ofen".into()))
        );
        assert_eq!(
            split_edit_note(
                "Last edited by Deano on Thu Jun 03, 2010 7:27 pm; edited 2 times in total",
                None
            ),
            (Some("Thu Jun 03, 2010 7:27 pm".into()), Some("Deano".into()))
        );
    }

    #[test]
    fn headers_with_iso_dates() {
        assert_eq!(
            split_header("Quote from: John Smith on 2011-07-29 16:44:10"),
            (Some("John Smith".into()), Some("2011-07-29 16:44:10".into()))
        );
    }
}
