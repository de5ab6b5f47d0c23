//! A post body read from rendered lines: clean text, quotes, links; and signatures.
//!
//! **Quotes.** An engine recognizes quote headers ("Quote from: NAME on DATE") at the text's
//! margin or opening an indented block (a quote box that holds its header). The quote's
//! text is what the rendering indents under the header (w3m and lynx indent blockquotes).
//! Where a rendering does not indent quotes (w3m's table layouts, lynx on some themes), the
//! quote is taken to run to the first blank line; with no blank line before the body ends its
//! extent is unknown, and the quote is kept with its author and date and an empty text (headers
//! right below it nest in it). Quotes
//! nest to [`MAX_DEPTH`] levels; deeper headers stay text.
//!
//! **Text.** Lines lose their indentation and runs of spaces; blank lines separate paragraphs,
//! several count as one; quotes become `> ` lines (a bare `>` for blank ones) as in HTML input.

use crate::body::{Body, article};
use crate::ctx::Ctx;
use crate::model::{Link, Quote, Signature};
use crate::normalize::text::squash;
use crate::text::lines::{Ln, is_placeholder};

/// Quote nesting read at most.
const MAX_DEPTH: usize = 8;

/// Recognizes a quote header: `Some((author, date as shown))` when the line is one.
pub(crate) type QuoteHeader<'a> = &'a dyn Fn(&str) -> Option<(Option<String>, Option<String>)>;

/// A body rendered to text.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub text: String,
    pub quotes: Vec<Quote>,
    pub links: Vec<Link>,
}

impl Rendered {
    /// The body as HTML engines give it (no HTML: renderings have none), with the pasted
    /// article and source link `found` in its text.
    pub fn into_body(self, found: article::Found) -> Body {
        Body {
            html: String::new(),
            text: self.text,
            quotes: self.quotes,
            links: self.links,
            article: found.article,
            source: found.source,
        }
    }
}

/// One body line: its indentation and text, or a blank.
type Item<'a> = Option<(usize, &'a str)>;

/// Renders body lines. `skip` says which lines are chrome to leave out ("Code:" labels).
pub(crate) fn render(
    lines: &[&Ln],
    header: QuoteHeader<'_>,
    skip: &dyn Fn(&str) -> bool,
    ctx: &mut Ctx,
    post: usize,
) -> Rendered {
    let items: Vec<Item> = lines
        .iter()
        .filter(|l| !skip(&l.text))
        .map(|l| (!l.is_blank()).then_some((l.indent, l.text.as_str())))
        .collect();
    let (out, quotes) = level(&items, header, ctx, post, 0);
    let text = tidy(&out);
    let links = text.lines().filter(|l| !l.starts_with('>')).flat_map(urls).collect();
    Rendered { text, quotes, links }
}

/// Renders one quote level: its lines (nested quotes as `> ` lines) and its quotes.
fn level(
    items: &[Item],
    header: QuoteHeader<'_>,
    ctx: &mut Ctx,
    post: usize,
    depth: usize,
) -> (Vec<String>, Vec<Quote>) {
    let base = items.iter().flatten().map(|(indent, _)| *indent).min().unwrap_or(0);
    // The first blank line at or after each line, so that finding it stays linear.
    let mut next_blank = vec![None; items.len() + 1];
    for k in (0..items.len()).rev() {
        next_blank[k] = if items[k].is_none() { Some(k) } else { next_blank[k + 1] };
    }
    let (mut out, mut quotes) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < items.len() {
        let Some((indent, text)) = items[i] else {
            out.push(String::new());
            i += 1;
            continue;
        };
        // A header at the text's margin, or one that opens an indented block (XenForo's and
        // vBulletin's quote boxes hold their "NAME said:" header).
        let opens_block = indent > base + 1 && (i == 0 || items[i - 1].is_none());
        let head = (depth < MAX_DEPTH && (indent <= base + 1 || opens_block)).then(|| header(text)).flatten();
        let Some((author, date_raw)) = head else {
            out.push(squash(text));
            i += 1;
            continue;
        };
        let first = (i + 1..items.len()).find(|&j| items[j].is_some());
        let (content, end) = match first.and_then(|j| items[j].map(|(ind, _)| (j, ind))) {
            Some((j, ind)) if ind > indent => {
                let mut end = j;
                while end < items.len() && items[end].is_none_or(|(ind, _)| ind > indent) {
                    end += 1;
                }
                while end > j && items[end - 1].is_none() {
                    end -= 1;
                }
                (&items[j..end], end)
            }
            Some((j, _)) => match next_blank[j] {
                Some(blank) => (&items[j..blank], blank),
                // No blank line: only headers right below nest; the rest stays text.
                None => {
                    let mut end = j;
                    while items.get(end).copied().flatten().is_some_and(|(_, t)| header(t).is_some()) {
                        end += 1;
                    }
                    (&items[j..end], end)
                }
            },
            None => (&items[0..0], i + 1),
        };
        let (inner, nested) = level(content, header, ctx, post, depth + 1);
        let inner = tidy(&inner);
        for l in inner.lines() {
            out.push(if l.is_empty() { ">".to_owned() } else { format!("> {l}") });
        }
        let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(post), "quotes.date"));
        quotes.push(Quote { author, date, date_raw, text: inner, quotes: nested, ..Quote::default() });
        if out.last().is_some_and(|l| !l.is_empty()) {
            out.push(String::new());
        }
        i = end;
    }
    (out, quotes)
}

/// Lines joined with one blank line at most between paragraphs, none at the ends.
fn tidy(lines: &[String]) -> String {
    let mut out = String::new();
    let mut blank = false;
    for l in lines {
        if l.trim().is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(l);
        blank = false;
    }
    out
}

/// The URLs among the words of `line`, as links.
pub(crate) fn urls(line: &str) -> Vec<Link> {
    line.split_whitespace()
        .map(|w| w.trim_start_matches(['(', '<', '[', '"', '«']))
        .map(|w| w.trim_end_matches([')', '>', ']', '"', '.', ',', ';', ':', '!', '?', '»']))
        .filter(|w| {
            let lower = w.to_ascii_lowercase();
            ["http://", "https://", "www."].iter().any(|p| lower.starts_with(p) && lower.len() > p.len())
        })
        .map(|w| Link { url: Some(w.to_owned()), text: w.to_owned() })
        .collect()
}

/// A signature from its lines: clean text without rules and image placeholders; `None` when
/// nothing is left. Text signatures are always inferred from the layout.
pub(crate) fn signature(lines: &[&Ln]) -> Option<Signature> {
    let kept: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_sep() && !is_placeholder(&l.text))
        .map(|l| squash(&l.text))
        .filter(|t| !t.is_empty())
        .collect();
    if kept.is_empty() {
        return None;
    }
    let links = kept.iter().flat_map(|l| urls(l)).collect();
    Some(Signature { text: kept.join("\n"), html: String::new(), links, inferred: true })
}

/// For posts by the same author, the number of trailing lines every one of them ends with:
/// a signature the rendering does not mark. `bodies[i]` is post `i`'s author and body lines.
/// A post is left alone (0) when its author wrote no other post here, when the common tail
/// is shorter than 15 characters, or when it would leave a post empty.
pub(crate) fn repeated_tails(bodies: &[(Option<&str>, Vec<String>)]) -> Vec<usize> {
    let mut out = vec![0; bodies.len()];
    let mut by_author: Vec<(&str, Vec<usize>)> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (i, (author, _)) in bodies.iter().enumerate() {
        let Some(author) = author else { continue };
        let slot = *index.entry(author).or_insert_with(|| {
            by_author.push((author, Vec::new()));
            by_author.len() - 1
        });
        by_author[slot].1.push(i);
    }
    for (_, same) in by_author {
        if same.len() < 2 {
            continue;
        }
        let i = same[0];
        let shortest = same.iter().map(|&j| bodies[j].1.len()).min().unwrap_or(0);
        let mut k = 0;
        while k < shortest {
            let line = |j: usize| bodies[j].1.get(bodies[j].1.len() - 1 - k);
            if same.iter().all(|&j| line(j) == line(same[0])) {
                k += 1;
            } else {
                break;
            }
        }
        let chars: usize = bodies[i].1.iter().rev().take(k).map(|l| l.chars().count()).sum();
        if k > 0 && k < shortest && chars >= 15 {
            for &j in &same {
                out[j] = k;
            }
        }
    }
    out
}

/// Words that join a quoted name and its date ("NAME on DATE", "NAME - DATE").
const CONNECTORS: &[&str] =
    &["on", "от", "-", "–", "—", "am", "le", "el", "il", "op", "em", "dnia", "|", "@"];

/// Splits "NAME on DATE" at the last connector that has a digit after it, when the date
/// pipeline cannot tell where the date starts. The header's shape, not the date's, decides.
pub(crate) fn split_name_date(s: &str) -> (Option<String>, Option<String>) {
    let words: Vec<&str> = s.split_whitespace().collect();
    for i in (1..words.len().saturating_sub(1)).rev() {
        let tail = words[i + 1..].join(" ");
        if CONNECTORS.iter().any(|c| c.eq_ignore_ascii_case(words[i]))
            && tail.chars().any(|c| c.is_ascii_digit())
        {
            let name = words[..i].join(" ");
            return ((!name.is_empty()).then_some(name), Some(tail));
        }
    }
    let s = squash(s);
    ((!s.is_empty()).then_some(s), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::lines::Side;

    fn ln(indent: usize, text: &str) -> Ln {
        Ln { text: text.into(), indent, bullet: 0, side: Side::Full, row_start: false }
    }

    fn header(s: &str) -> Option<(Option<String>, Option<String>)> {
        s.strip_prefix("Quote from: ").map(split_name_date)
    }

    fn ctx() -> Ctx {
        Ctx::default()
    }

    #[test]
    fn indented_and_unmarked_quotes() {
        let lines = [
            ln(0, "Quote from: Ann on May 2, 2023, 10:00:00 am"),
            ln(0, ""),
            ln(4, "Quote from: Bob on May 1, 2023, 09:00:00 am"),
            ln(4, ""),
            ln(8, "inner"),
            ln(4, ""),
            ln(4, "outer"),
            ln(0, ""),
            ln(0, "reply  with   spaces"),
        ];
        let refs: Vec<&Ln> = lines.iter().collect();
        let r = render(&refs, &header, &|_| false, &mut ctx(), 1);
        assert_eq!(r.text, "> > inner\n>\n> outer\n\nreply with spaces");
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.quotes[0].author.as_deref(), Some("Ann"));
        assert_eq!(r.quotes[0].date_raw.as_deref(), Some("May 2, 2023, 10:00:00 am"));
        assert_eq!(r.quotes[0].quotes[0].text, "inner");

        let flat = [ln(0, "Quote from: Ann on 2023-05-02"), ln(0, "quoted"), ln(0, ""), ln(0, "reply")];
        let refs: Vec<&Ln> = flat.iter().collect();
        let r = render(&refs, &header, &|_| false, &mut ctx(), 1);
        assert_eq!(r.text, "> quoted\n\nreply");
        let unknown = [ln(0, "Quote from: Ann on 2023-05-02"), ln(0, "quoted or reply")];
        let refs: Vec<&Ln> = unknown.iter().collect();
        let r = render(&refs, &header, &|_| false, &mut ctx(), 1);
        assert_eq!((r.text.as_str(), r.quotes[0].text.as_str()), ("quoted or reply", ""));
    }

    #[test]
    fn deep_nesting_stays_bounded() {
        let lines: Vec<Ln> = (0..200).map(|i| ln(i * 2, "Quote from: X on 1")).collect();
        let refs: Vec<&Ln> = lines.iter().collect();
        let r = render(&refs, &header, &|_| false, &mut ctx(), 1);
        assert!(!r.text.is_empty());
    }

    #[test]
    fn name_and_date_split_at_the_last_connector() {
        let cases = [
            ("luisb on Today at 11:33:41 AM", Some("luisb"), Some("Today at 11:33:41 AM")),
            ("gabeszka97 - 2011-05-16, 15:51:26", Some("gabeszka97"), Some("2011-05-16, 15:51:26")),
            ("Rock on Band on May 2, 2023", Some("Rock on Band"), Some("May 2, 2023")),
            ("LPS", Some("LPS"), None),
        ];
        for (s, name, date) in cases {
            assert_eq!(split_name_date(s), (name.map(Into::into), date.map(Into::into)), "{s}");
        }
    }

    #[test]
    fn repeated_tails_need_two_posts_and_substance() {
        let sig = || vec!["body".to_owned(), "-- my long signature line".to_owned()];
        let bodies = vec![
            (Some("a"), sig()),
            (Some("b"), vec!["x".to_owned(), "-- my long signature line".to_owned()]),
            (Some("a"), vec!["other".to_owned(), "-- my long signature line".to_owned()]),
            (Some("c"), vec!["thanks".to_owned()]),
            (Some("c"), vec!["ok".to_owned(), "thanks".to_owned()]),
        ];
        assert_eq!(repeated_tails(&bodies), vec![1, 0, 1, 0, 0]);
    }
}
