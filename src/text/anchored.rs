//! The text reader shared by engines whose renderings mark every post with one line of post
//! chrome, its *anchor*: phpBB's "Post by NAME » DATE" (3.x) and "Posted: DATE" (2.0,
//! subsilver), vBulletin's and XenForo's "#N" permalink beside or under the date. What is
//! engine-specific (the words of those lines, profile labels, quote headers, the chrome under
//! a post, the markers that detect the engine) is one [`Table`] per engine, in the engine's
//! folder (`engines::phpbb::text`, ...); this file knows the line shapes.
//!
//! **Anchors.** An engine lists the [`Kind`]s of anchors its templates print, in order of
//! trust; the first kind found on the page gives the posts, one per anchor:
//! - [`Kind::By`]: "Post by NAME » DATE", the "by" word glued or not to the word before it
//!   ("Postby", "Messagepar", "Beitrag von"); or "#ID by NAME" with the date on the next line;
//! - [`Kind::Posted`]: "Posted: DATE" (the author is the name heading the post's block, or
//!   the left cell of w3m's side-by-side row);
//! - [`Kind::Number`]: "#N" alone, after a date ("10-04-2017, 11:00 AM #1"), with buttons
//!   ("#2 Zitieren"), or vBulletin 3's "post #2 of 23 (permalink) Old DATE". Without a date on
//!   its line, the date is one of the few lines above it, possibly after the author
//!   ("NAME, DATE": XenForo 1, which prints it under the post). The same number twice in a row
//!   is one post (themes print the permalink twice).
//!
//! **Authors** not on the anchor line are found by the shapes every template prints around
//! the name: an avatar before it (the same name, its initial letter, or an alt text such as
//! "Avatar von NAME" / "NAME's Avatar"), a status line after it ("NAME is offline"), or the
//! line right under an anchor that carries the date (vBulletin 4: the name heads the author
//! block below the date).
//!
//! **Pages**: the first "Page 2 of 5" line (in several languages) gives the page's number
//! and the number of pages.
//!
//! **Bodies** run from the end of the post's header (the anchor, the author block under it)
//! to where the next post's block starts, less the chrome under a post ("Top", "Reply With
//! Quote"); a typed signature separator (`_________________`, `--`) starts the signature.
//! Quotes are read by [`super::body`] with the table's quote headers ("X wrote:", "Quote:",
//! "X said: ↑", "Zitat von X").

use crate::body::article;
use crate::ctx::Ctx;
use crate::error::Error;
use crate::model::{Author, Engine, Format, Post, Signature, Thread};
use crate::normalize::date::parse_date;
use crate::normalize::number::parse_count;
use crate::normalize::text::squash;
use crate::text::body;
use crate::text::labels::{self, is_one_of, strip_word_prefix};
use crate::text::lines::{self, Ln, Side, is_placeholder, strip_placeholders};

/// A shape of post anchor (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// "Post by NAME » DATE", "#ID by NAME".
    By,
    /// "Posted: DATE".
    Posted,
    /// "#N" near the date.
    Number,
}

/// What one engine's renderings say, in the languages they show (lower case; compared
/// case-insensitively).
pub(crate) struct Table {
    /// The engine the table reads.
    pub engine: Engine,
    /// The anchors its templates print, in order of trust.
    pub kinds: &'static [Kind],
    /// The words that introduce the author in a post header ("by", "von", "par").
    pub by: &'static [&'static str],
    /// The labels of "Posted: DATE".
    pub posted: &'static [&'static str],
    /// Avatar alt texts around a name: (before, after), "avatar von " + NAME, NAME + "'s avatar".
    pub avatar: &'static [(&'static str, &'static str)],
    /// Status lines after a name: "NAME is offline".
    pub status: &'static [&'static str],
    /// Whether an anchor line that carries the date heads the author block under it
    /// (vBulletin 4) rather than closing the one above it.
    pub author_below: bool,
    /// Words before a date on an anchor line ("old"), left out of the date.
    pub date_noise: &'static [&'static str],
    /// Labels of profile facts in author blocks ("posts", "joined", "join date").
    pub fields: &'static [&'static str],
    /// Labels of the post count among [`Table::fields`].
    pub posts_label: &'static [&'static str],
    /// Quote headers that end with the author's verb: "NAME wrote:", "NAME said: ↑".
    pub wrote: &'static [&'static str],
    /// Quote headers that start with a label: "Quote:", "Zitat von NAME", "Citation de NAME".
    pub quote: &'static [&'static str],
    /// Whole lines of chrome around posts ("top", "reply with quote", "quote").
    pub chrome: &'static [&'static str],
    /// The first words of the line right under the topic's title ("thread starter",
    /// "discussion in"), compared case-insensitively: the title is the line above it.
    pub title_next: &'static [&'static str],
    /// The first words of lines under a post's text that are no part of it: reactions,
    /// edit notes ("reactions:", "last edited:"), compared case-insensitively.
    pub trailers: &'static [&'static str],
    /// The first words of lines under the last post that end the posts ("return to",
    /// "posting permissions", "you must log in"), compared case-insensitively.
    pub footer: &'static [&'static str],
    /// Detection markers: phrases of the engine's chrome with weights (see
    /// `detect::detect_text`).
    pub markers: &'static [(&'static str, u32)],
    /// Line shapes only this engine's templates print, each worth [`SHAPE_WEIGHT`] to
    /// detection when found twice.
    pub shapes: &'static [Shape],
}

/// A line shape that tells an engine's renderings apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// "by NAME » DATE" (phpBB 3).
    ByLine,
    /// "DATE #N" on one line (vBulletin 4's postbit head).
    DatedPermalink,
}

/// What a shape found twice adds to an engine's detection score.
pub(crate) const SHAPE_WEIGHT: u32 = 3;

/// The detection score of `table`'s line shapes in `input`: [`SHAPE_WEIGHT`] for each shape
/// found on two lines or more.
pub(crate) fn shape_score(input: &str, table: &Table) -> u32 {
    let lines: Vec<Ln> = input
        .lines()
        .take(4000)
        .map(|l| Ln { text: l.trim().to_owned(), indent: 0, bullet: 0, side: Side::Full, row_start: false })
        .collect();
    let ctx = Ctx::default();
    let found = |shape: Shape| {
        let hits = (0..lines.len()).filter(|&i| match shape {
            Shape::ByLine => content(&lines[i]).contains('»') && by_anchor(&lines, i, table).is_some(),
            Shape::DatedPermalink => {
                let t = strip_list_number(strip_placeholders(&lines[i].text));
                number_token(t, table).is_some() && inline_date(t, table).is_some_and(|d| is_date(&d, &ctx))
            }
        });
        hits.take(2).count() == 2
    };
    table.shapes.iter().filter(|&&s| found(s)).map(|_| SHAPE_WEIGHT).sum()
}

/// One post's anchor.
#[derive(Clone, Debug, Default)]
struct Anchor {
    /// The anchor line.
    line: usize,
    /// Where the post's block starts (its author block, or the anchor).
    start: usize,
    /// Where the post's header ends: its body starts here.
    body: usize,
    /// Where the post's body ends (exclusive) when the anchor closes the post (XenForo 1).
    closes: Option<usize>,
    author: Option<String>,
    date_raw: Option<String>,
    position: Option<u32>,
    subject: Option<String>,
}

/// Reads a text rendering with `table`'s words.
pub(crate) fn parse(input: &str, table: &Table, ctx: &mut Ctx) -> Result<Thread, Error> {
    let lines = lines::read(input, &|_| false);
    let anchors = table
        .kinds
        .iter()
        .map(|&kind| anchors(&lines, kind, table, ctx))
        .find(|found| !found.is_empty())
        .unwrap_or_default();
    if anchors.is_empty() {
        return Err(Error::NotAThread {
            looked_for: format!(
                "the post headers of a {} text rendering (\"by NAME » DATE\", \"Posted: DATE\", \"#N\")",
                table.engine
            ),
        });
    }
    let mut thread = Thread::new(table.engine.clone(), Format::Text);
    for (k, a) in anchors.iter().enumerate() {
        let n = k + 1;
        let end = match a.closes {
            Some(end) => end,
            None => anchors.get(k + 1).map_or(lines.len(), |next| next.start),
        };
        // No body runs past the page's footer (the last post's would run to the page's end).
        let end = (a.body..end).find(|&j| is_footer(&lines[j], table)).unwrap_or(end);
        let body_lines: Vec<&Ln> = lines[a.body.min(end)..end].iter().collect();
        let mut post = post(a, &body_lines, table, ctx, n);
        post.author.post_count = post_count(&lines[a.start.min(a.body)..a.body.min(lines.len())], table);
        thread.posts.push(post);
    }
    let head = &lines[..anchors[0].start.min(lines.len())];
    // "Page 2 of 5" above the posts, else below them.
    if let Some((number, total)) = lines.iter().map(|l| l.text.as_str()).find_map(labels::page_of) {
        thread.page.number = number;
        thread.page.total = Some(total);
    }
    thread.topic.title = title(head, table).or_else(|| {
        anchors
            .first()
            .and_then(|a| a.subject.as_deref())
            .map(|s| strip_reply(s).to_owned())
            .filter(|s| !s.is_empty())
    });
    Ok(thread)
}

/// Whether a line starts the chrome under the posts (see [`Table::footer`]).
fn is_footer(l: &Ln, table: &Table) -> bool {
    let t = content(l);
    table.footer.iter().any(|f| t.get(..f.len()).is_some_and(|h| h.eq_ignore_ascii_case(f)))
}

/// The topic's title in the lines above the first post: the line above the first line that
/// starts with one of [`Table::title_next`] (blank lines and list bullets aside).
fn title(head: &[Ln], table: &Table) -> Option<String> {
    let starts = |t: &str| {
        table.title_next.iter().any(|p| t.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
    };
    let at = head.iter().position(|l| starts(content(l)))?;
    let above =
        (at.saturating_sub(4)..at).rev().find(|&j| !content(&head[j]).is_empty() && head[j].bullet == 0)?;
    Some(squash(content(&head[above]))).filter(|t| t.chars().count() <= 200 && !starts(t))
}

/// "Re: Subject" without the reply prefix.
fn strip_reply(s: &str) -> &str {
    ["re:", "aw:", "re :"]
        .iter()
        .find_map(|p| {
            strip_word_prefix(s, p)
                .or_else(|| s.get(..p.len()).filter(|h| h.eq_ignore_ascii_case(p)).map(|_| &s[p.len()..]))
        })
        .map_or(s, str::trim)
}

/// Every anchor of `kind`, in page order, with its author, date and extent.
fn anchors(lines: &[Ln], kind: Kind, table: &Table, ctx: &Ctx) -> Vec<Anchor> {
    let mut out: Vec<Anchor> = Vec::new();
    let mut last_number: Option<(u32, usize)> = None;
    for i in 0..lines.len() {
        let floor = out.last().map_or(0, |a| a.line + 1);
        let found = match kind {
            Kind::By => by_anchor(lines, i, table),
            Kind::Posted => posted_anchor(lines, i, table, floor),
            Kind::Number => {
                let Some(n) = number_token(&lines[i].text, table) else { continue };
                // The same permalink printed twice close together is one post.
                if last_number.is_some_and(|(m, at)| m == n && i - at <= 6) {
                    continue;
                }
                last_number = Some((n, i));
                number_anchor(lines, i, n, table, ctx, floor).map(|mut a| {
                    // "NAME TITLE DATE" on one line (XenForo 1 themes): the date is no name.
                    if let Some((name, date)) = a.author.as_deref().and_then(|n| split_trailing_date(n, ctx))
                    {
                        a.author = Some(name);
                        a.date_raw = a.date_raw.or(Some(date));
                    }
                    a
                })
            }
        };
        if let Some(a) = found {
            out.push(a);
        }
    }
    out
}

/// The text of a line without an ordered list's number ("3. ") and placeholders.
fn content(l: &Ln) -> &str {
    let t = strip_placeholders(&l.text);
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && t[digits..].starts_with('.')
        && t[digits + 1..].chars().next().is_none_or(char::is_whitespace)
    {
        return t[digits + 1..].trim();
    }
    t
}

/// "Post by NAME » DATE" (the author and the date), or "#ID by NAME" (the author, the date
/// on the next line).
fn by_anchor(lines: &[Ln], i: usize, table: &Table) -> Option<Anchor> {
    let t = content(&lines[i]);
    if t.chars().count() > 160 {
        return None;
    }
    let (head, date) = match t.split_once('»') {
        Some((head, date)) => (head, Some(date.trim())),
        None if t.starts_with('#') => (t, None),
        None => return None,
    };
    let words: Vec<&str> = head.split_whitespace().collect();
    let at = words.iter().take(4).position(|w| {
        let lower = w.to_lowercase();
        table.by.iter().any(|b| lower == *b || (lower.len() > b.len() + 2 && lower.ends_with(b)))
    })?;
    let name = words[at + 1..].join(" ");
    if name.is_empty() || words.len() - at - 1 > 6 {
        return None;
    }
    let (date, body) = match date {
        Some(d) if d.chars().any(|c| c.is_ascii_digit()) => (d.to_owned(), i + 1),
        Some(_) => return None,
        None => {
            // "#171714  by NAME", the date alone on the next line.
            if !words[0][1..].bytes().all(|b| b.is_ascii_digit()) || words[0].len() < 2 {
                return None;
            }
            let j = next_text(lines, i + 1, lines.len())?;
            let d = content(&lines[j]);
            if !d.chars().any(|c| c.is_ascii_digit()) || d.chars().count() > 60 {
                return None;
            }
            (d.to_owned(), j + 1)
        }
    };
    let subject = prev_text(lines, i, i.saturating_sub(6))
        .map(|j| content(&lines[j]))
        .filter(|s| !is_chrome(s, table) && !s.is_empty())
        .map(squash);
    let start = block_start(lines, i, &name).unwrap_or(i);
    Some(Anchor {
        line: i,
        start,
        body,
        author: Some(squash(&name)),
        date_raw: Some(date),
        subject,
        ..Anchor::default()
    })
}

/// Where the author block headed by `name` starts, looking up from the anchor at `i`: the
/// name's line, or the avatar line above it.
fn block_start(lines: &[Ln], i: usize, name: &str) -> Option<usize> {
    let floor = i.saturating_sub(40);
    let at = (floor..i).rev().find(|&j| content(&lines[j]) == name)?;
    Some(match prev_text(lines, at, at.saturating_sub(3)) {
        Some(p) if avatar_of(content(&lines[p]), name) => p,
        _ => at,
    })
}

/// Whether `line` is an avatar's alt text for `name` (the name, or its initial letter).
fn avatar_of(line: &str, name: &str) -> bool {
    let first = name.chars().next().map(|c| c.to_uppercase().to_string());
    line == name || (line.chars().count() == 1 && first.as_deref() == Some(line))
}

/// "Posted: DATE" with its author: the first line of a side-by-side row at or above it, else
/// the first line of the block above it (after the previous post's chrome).
fn posted_anchor(lines: &[Ln], i: usize, table: &Table, floor: usize) -> Option<Anchor> {
    let t = content(&lines[i]);
    let lower = t.to_lowercase();
    let (at, label) =
        table.posted.iter().filter_map(|p| lower.find(&format!("{p}:")).map(|at| (at, p))).min()?;
    let rest = t.get(at + label.len() + 1..)?.trim();
    let date = rest.split("  ").next().unwrap_or(rest).trim();
    if !date.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let low = i.saturating_sub(40).max(floor);
    let row = (low..=i).rev().find(|&j| lines[j].row_start);
    let (author, start) = match row {
        Some(r) => (Some(squash(content(&lines[r]))), r),
        None => {
            // The block above: its profile facts, and over them the name and rank (the top
            // of at most two lines), after the previous post's chrome.
            let mut s = i;
            while s > low
                && (is_field(content(&lines[s - 1]), table) || lines[s - 1].text.contains(" subject:"))
            {
                s -= 1;
            }
            let mut k = 0;
            while s > low && k < 2 {
                let l = &lines[s - 1];
                let t = content(l);
                if l.is_blank()
                    || l.is_sep()
                    || t.is_empty()
                    || is_chrome(t, table)
                    || is_buttons_line(t, table)
                {
                    break;
                }
                s -= 1;
                k += 1;
            }
            let first = (s..i).find(|&j| !lines[j].is_blank() && !is_placeholder(&lines[j].text));
            (first.map(|j| squash(content(&lines[j]))).filter(|n| !is_field(n, table)), first.unwrap_or(i))
        }
    };
    let subject = lower
        .find("subject:")
        .and_then(|s| t.get(s + 8..))
        .map(|s| squash(s.split("  ").next().unwrap_or(s)));
    let body = match (i + 1..lines.len().min(i + 4)).find(|&j| lines[j].is_sep()) {
        Some(r) => r + 1,
        None => i + 1,
    };
    Some(Anchor {
        line: i,
        start,
        body,
        author,
        date_raw: Some(date.to_owned()),
        subject,
        ..Anchor::default()
    })
}

/// The number of a "#N" permalink on an anchor line (see the module docs).
fn number_token(text: &str, table: &Table) -> Option<u32> {
    let t = strip_list_number(strip_placeholders(text));
    if t.chars().count() > 120 || !t.contains('#') {
        return None;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let k = words
        .iter()
        .position(|w| w.len() > 1 && w.starts_with('#') && w[1..].bytes().all(|b| b.is_ascii_digit()))?;
    let n = words[k][1..].parse().ok()?;
    let rest: Vec<&str> = words.iter().enumerate().filter(|&(j, _)| j != k).map(|(_, w)| *w).collect();
    let joined = rest.join(" ");
    let shaped = rest.is_empty()
        || ((k == words.len() - 1 || is_buttons_line(&words[k + 1..].join(" "), table))
            && words[..k].join(" ").chars().any(|c| c.is_ascii_digit()))
        || (k == 1
            && words[0].eq_ignore_ascii_case("post")
            && words.get(2).is_some_and(|w| w.eq_ignore_ascii_case("of")))
        || (k == 0
            && (rest.iter().all(|w| is_placeholder(w)) || is_chrome(strip_placeholders(&joined), table)));
    shaped.then_some(n)
}

/// `t` without a leading ordered-list number ("3. ").
fn strip_list_number(t: &str) -> &str {
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && t[digits..].starts_with(". ") {
        return t[digits + 2..].trim_start();
    }
    t
}

/// A "#N" anchor: its date on the line, under it (a bulleted permalink over the date) or
/// above it; its author (see the module docs).
fn number_anchor(lines: &[Ln], i: usize, n: u32, table: &Table, ctx: &Ctx, floor: usize) -> Option<Anchor> {
    let t = strip_list_number(strip_placeholders(&lines[i].text));
    let mut a = Anchor { line: i, start: i, body: i + 1, position: Some(n), ..Anchor::default() };
    if let Some(date) = inline_date(t, table) {
        a.date_raw = Some(date);
        if table.author_below {
            // vBulletin 4: the date on the anchor line, the author block under it.
            a.start = prev_text(lines, i, i.saturating_sub(2))
                .filter(|&j| content(&lines[j]).is_empty() || lines[j].text.ends_with('.'))
                .unwrap_or(i);
            let (author, body) = author_below(lines, i + 1, table);
            a.author = author;
            a.body = body;
            return Some(a);
        }
        let (author, start) = author_above(lines, i, floor, table);
        (a.author, a.start) = (author, start);
        return Some(a);
    }
    // The author block right under the anchor (XenForo 2 themes that print the date and
    // permalink first): the name under its avatar.
    if let Some((name, at)) = avatar_pair_below(lines, i, table) {
        a.author = Some(name);
        a.date_raw = prev_text(lines, i, floor.max(i.saturating_sub(4)))
            .and_then(|p| name_date(content(&lines[p]), ctx))
            .map(|(_, d)| d);
        a.start =
            prev_text(lines, i, floor.max(i.saturating_sub(4))).filter(|_| a.date_raw.is_some()).unwrap_or(i);
        a.body = author_block_end(lines, at + 1, lines.len(), table);
        return Some(a);
    }
    // A permalink over the date (phpBB and vBulletin 5 themes): the date is one of the next
    // lines (a subject may come first), the author block above.
    let date_above = prev_text(lines, i, floor.max(i.saturating_sub(3)))
        .is_some_and(|p| name_date(content(&lines[p]), ctx).is_some());
    if !date_above {
        let mut j = i + 1;
        for _ in 0..3 {
            let Some(k) = next_text(lines, j, lines.len().min(i + 8)) else { break };
            // A list item under the permalink opens the next post (XenForo 1).
            let item = |m: usize| {
                let t = lines[m].text.as_str();
                strip_list_number(t).len() < t.len() || is_bare_list_number(t)
            };
            if (i + 1..=k).any(item) {
                break;
            }
            if let Some((None, date)) = name_date(content(&lines[k]), ctx) {
                a.date_raw = Some(date);
                a.subject = (k > i + 1)
                    .then(|| next_text(lines, i + 1, k))
                    .flatten()
                    .map(|s| squash(content(&lines[s])));
                a.body = k + 1;
                let (author, start) = author_above(lines, i, floor, table);
                (a.author, a.start) = (author, start);
                return Some(a);
            }
            j = k + 1;
        }
    }
    // The date above, within a few lines: "DATE", or "NAME, DATE" (XenForo 1).
    let mut date_at = None;
    let mut j = i;
    for _ in 0..4 {
        let Some(p) = prev_text(lines, j, floor.max(i.saturating_sub(8))) else { break };
        let text = content(&lines[p]);
        if !is_field(text, table) {
            if let Some((name, date)) = name_date(text, ctx) {
                a.author = name;
                a.date_raw = Some(date);
                date_at = Some(p);
                break;
            }
        }
        j = p;
    }
    let above = date_at.unwrap_or(i);
    // vBulletin 3 themes: the date opens the post as a list item ("5. DATE"), the author
    // block comes under the permalink.
    let numbered = |k: usize| {
        let t = lines[k].text.as_str();
        strip_list_number(t).len() < t.len()
            || (t.ends_with('.') && t[..t.len() - 1].bytes().all(|b| b.is_ascii_digit()))
    };
    let opens = date_at.is_some_and(|p| {
        numbered(p) || (p.saturating_sub(2)..p).rev().find(|&k| !lines[k].is_blank()).is_some_and(numbered)
    });
    if table.author_below && a.author.is_none() && opens {
        a.start = above;
        let (author, body) = author_below(lines, i + 1, table);
        a.author = author;
        a.body = body;
        return Some(a);
    }
    let rule_above =
        (i.saturating_sub(2)..i).rev().find(|&p| !lines[p].is_blank()).is_some_and(|p| lines[p].is_sep());
    let closing = a.author.is_some() || rule_above;
    if closing {
        // XenForo 1 closes each post with "NAME, DATE / #N": the post runs from its author
        // block (after the previous anchor) to here; the name may also head the body
        // ("NAME, DATE :").
        let from = floor.min(above);
        // The post's own list item, when the page is XenForo 1's list of messages.
        let item = (from..above).rev().find(|&k| {
            let t = lines[k].text.as_str();
            strip_list_number(t).len() < t.len() || is_bare_list_number(t)
        });
        let start = item.unwrap_or(from);
        let mut body = None;
        if a.author.is_none() {
            a.author = (start..above).find_map(|k| match name_date(content(&lines[k]), ctx) {
                Some((Some(name), date)) => {
                    a.date_raw = Some(date);
                    body = Some(k + 1);
                    Some(name)
                }
                _ => None,
            });
        }
        if a.author.is_none() {
            a.author = list_item_name(lines, start, above);
        }
        a.closes = Some(above);
        a.start = start;
        a.body = body.unwrap_or_else(|| author_block_end(lines, start, above, table));
        return Some(a);
    }
    // XenForo 2 and vBulletin themes that print the author block before the date.
    let (author, start) = author_above(lines, above, floor, table);
    a.author = author;
    a.start = start;
    let item = |m: &Ln| strip_list_number(&m.text).len() < m.text.len() || is_bare_list_number(&m.text);
    if lines[i + 1..].iter().filter(|l| !l.is_blank()).take(3).any(item) {
        // The next post's list item follows: the permalink closed this post, whose text runs
        // from its author block to here (XenForo 1 themes).
        a.closes = Some(above);
        a.body = author_block_end(lines, start, above, table);
        return Some(a);
    }
    a.body = (i + 1..lines.len()).find(|&k| !lines[k].is_blank() && lines[k].bullet == 0).unwrap_or(i + 1);
    Some(a)
}

/// The name of an ordered list's item that opens a post ("2. baldgye"): its text when short
/// and without numbers (a date or time).
fn list_item_name(lines: &[Ln], from: usize, to: usize) -> Option<String> {
    (from..to).find_map(|k| {
        let t = strip_placeholders(&lines[k].text);
        let rest = strip_list_number(t);
        (rest.len() < t.len()
            && !rest.is_empty()
            && rest.split_whitespace().count() <= 4
            && !rest
                .split_whitespace()
                .any(|w| w.chars().all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())))
        .then(|| squash(rest))
    })
}

/// The date on an anchor line, less the number and words around it ("post #2 of 23
/// (permalink) Old DATE", "DATE #1").
fn inline_date(t: &str, table: &Table) -> Option<String> {
    let words: Vec<&str> = t.split_whitespace().collect();
    let k = words.iter().position(|w| w.starts_with('#'))?;
    let before = words[..k].join(" ");
    let date = if before.chars().any(|c| c.is_ascii_digit()) && !before.to_lowercase().starts_with("post ") {
        before
    } else {
        let after = words[k + 1..].join(" ");
        let after = after.rsplit_once(')').map_or(after.as_str(), |(_, a)| a).trim().to_owned();
        let mut rest = after.as_str();
        while let Some(r) = table.date_noise.iter().find_map(|w| strip_word_prefix(rest, w)) {
            rest = r.trim_start();
        }
        rest.to_owned()
    };
    let date = date.trim().trim_end_matches(['-', '|', '\u{a0}']).trim().to_owned();
    date.chars().any(|c| c.is_ascii_digit()).then_some(date)
}

/// A line that is a date the pipeline reads, or "NAME, DATE": the name (if any) and the date.
fn name_date(text: &str, ctx: &Ctx) -> Option<(Option<String>, String)> {
    let text = text.trim().trim_end_matches(['-', '|', ':']).trim();
    if text.chars().count() > 80 || !text.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // "NAME, DATE" first: the lenient date pipeline would read the whole line as a date. A
    // name has a word that is no number ("Wed Mar 21, 2012" is a date, not "Wed Mar 21").
    if let Some((name, date)) = text.split_once(", ") {
        let named = !name.trim().is_empty()
            && !name
                .split_whitespace()
                .any(|w| w.chars().all(|c| c.is_ascii_digit() || c.is_ascii_punctuation()))
            && !is_date(name, ctx);
        if named && is_date(date, ctx) {
            return Some((Some(squash(name)), date.trim().to_owned()));
        }
    }
    is_date(text, ctx).then(|| (None, text.to_owned()))
}

/// A name line that ends with a date ("Kataster V.I.P. 14.01.2020, 00:09"): the words before
/// the date, and the date (from the first word with a digit on).
fn split_trailing_date(text: &str, ctx: &Ctx) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let k = (1..words.len()).find(|&k| words[k].chars().any(|c| c.is_ascii_digit()))?;
    let date = words[k..].join(" ");
    is_date(&date, ctx).then(|| (words[..k].join(" "), date))
}

/// Whether `text` is a date and nothing else: the date pipeline reads it (it is lenient with
/// words around a date), it has at most three words of letters (month, weekday, "at", "Uhr")
/// and no labels ("Joined:") or words of letters and digits but ordinals and "19h46".
fn is_date(text: &str, ctx: &Ctx) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let lettered = words.iter().filter(|w| w.chars().any(char::is_alphabetic)).count();
    let odd = words.iter().any(|w| {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let digits = w.chars().any(|c| c.is_ascii_digit());
        (letters > 2 && digits) || (letters > 0 && w.ends_with(':'))
    });
    lettered <= 3 && !odd && parse_date(text, &ctx.dates).is_ok()
}

/// The author under a vBulletin date line: the first line that is not an avatar, a
/// placeholder, buttons or a list item; and where the body starts, after the author block
/// (its rank, status, buttons and "Label / value" profile facts).
fn author_below(lines: &[Ln], from: usize, table: &Table) -> (Option<String>, usize) {
    let mut name = None;
    let mut k = from;
    let limit = lines.len().min(from + 12);
    while k < limit {
        let l = &lines[k];
        let t = content(l);
        k += 1;
        if l.is_blank() || t.is_empty() || l.bullet != 0 || is_chrome(t, table) || is_buttons_line(t, table) {
            continue;
        }
        if let Some(n) = avatar_name(t, table) {
            name = Some(n);
            continue;
        }
        if let Some(n) = status_name(t, table) {
            name = name.or(Some(n));
            continue;
        }
        name = Some(squash(t));
        break;
    }
    let body = author_block_end(lines, k, lines.len(), table);
    (name, body)
}

/// Where an author block that starts at `from` ends: after its rank, status line, buttons,
/// avatars and profile facts. The block ends at the second line of other text in a row (a
/// rank or a value may stand between facts; a body does not stop).
fn author_block_end(lines: &[Ln], from: usize, end: usize, table: &Table) -> usize {
    let limit = end.min(lines.len()).min(from + 60);
    let mut last = None;
    let mut others = 0;
    let mut k = from;
    while k < limit && others < 2 {
        let l = &lines[k];
        let t = content(l);
        if is_field(t, table) {
            // "Label: value", or the label with its value on the next line.
            let alone = t.trim_end().ends_with(':') || !t.contains(':');
            last = Some(if alone { (k + 1).min(limit - 1) } else { k });
            k += usize::from(alone);
            others = 0;
        } else if l.bullet != 0
            || status_name(t, table).is_some()
            || avatar_name(t, table).is_some()
            || is_placeholder(&l.text)
            || (l.is_sep() && last.is_none())
        {
            last = Some(k);
            others = 0;
        } else if !l.is_blank() && !t.is_empty() {
            others += 1;
        }
        k += 1;
    }
    last.map_or(from, |l| (l + 1).min(end))
}

/// The author above an anchor whose date has no name beside it (XenForo 2, some vBulletin
/// and phpBB themes), and where its block starts. Going up from the anchor: a status line
/// ("NAME is offline") or an avatar's alt text names it; the name under its avatar (the same
/// name, or its initial letter); the line over the block's profile facts, indented less than
/// they are; an ordered list's item opening the post ("2. NAME").
fn author_above(lines: &[Ln], above: usize, floor: usize, table: &Table) -> (Option<String>, usize) {
    let low = floor.max(above.saturating_sub(60));
    let mut field_indent: Option<usize> = None;
    // A name found by indentation alone, kept while a few more lines are searched for an
    // avatar (in lynx the rank stands out of the block as the name does).
    let mut by_indent: Option<(String, usize)> = None;
    for j in (low..above).rev() {
        if by_indent.as_ref().is_some_and(|&(_, at)| at > j + 8) {
            break;
        }
        let l = &lines[j];
        let t = content(l);
        if t.is_empty() {
            continue;
        }
        if let Some(n) = status_name(t, table).or_else(|| avatar_name(t, table)) {
            let start = block_start(lines, j, &n).unwrap_or(j);
            return (Some(n), start);
        }
        if is_field(t, table) {
            field_indent = Some(l.indent);
            continue;
        }
        let short = t.chars().count() <= 60;
        if l.bullet != 0 {
            continue;
        }
        if let Some(p) = (low.max(j.saturating_sub(3))..j).rev().find(|&p| !content(&lines[p]).is_empty()) {
            let prev = content(&lines[p]);
            if short && (avatar_of(prev, t) || avatar_name(prev, table).as_deref() == Some(t)) {
                return (Some(squash(t)), p);
            }
        }
        if by_indent.is_none() && field_indent.is_some_and(|f| l.indent < f) && short {
            // The top of the run of lines set apart from the facts: the name over its rank
            // and badges ("qf789 / Moderator / Topic Author"), up to an avatar or chrome.
            let f = field_indent.unwrap_or(0);
            let mut top = j;
            while top > low && top + 3 > j {
                let up = &lines[top - 1];
                let ut = content(up);
                if up.is_blank()
                    || ut.is_empty()
                    || up.indent >= f
                    || up.bullet != 0
                    || is_chrome(ut, table)
                    || ut.chars().count() > 60
                {
                    break;
                }
                top -= 1;
            }
            by_indent = Some((squash(content(&lines[top])), top));
            continue;
        }
        if let Some(name) = list_item_name(lines, j, j + 1) {
            return (Some(name), j);
        }
    }
    match by_indent {
        Some((name, at)) => (Some(name), at),
        None => (None, above),
    }
}

/// A name under its avatar among the first lines under the anchor at `i`: the name and its
/// line.
fn avatar_pair_below(lines: &[Ln], i: usize, table: &Table) -> Option<(String, usize)> {
    let first = next_text(lines, i + 1, lines.len().min(i + 4))?;
    let second = next_text(lines, first + 1, lines.len().min(first + 4))?;
    let (avatar, name) = (content(&lines[first]), content(&lines[second]));
    let shaped = name.chars().count() <= 60 && !is_field(name, table) && lines[second].bullet == 0;
    (shaped && (avatar_of(avatar, name) || avatar_name(avatar, table).as_deref() == Some(name)))
        .then(|| (squash(name), second))
}

/// The name in an avatar's alt text ("Avatar von NAME", "NAME's Avatar").
fn avatar_name(t: &str, table: &Table) -> Option<String> {
    let lower = t.to_lowercase();
    table.avatar.iter().find_map(|(before, after)| {
        let at = lower.find(before)?;
        let rest = &t[at + before.len()..];
        let name = if after.is_empty() {
            rest
        } else {
            let lower_rest = rest.to_lowercase();
            let end = lower_rest.rfind(after)?;
            if end + after.len() != lower_rest.len() {
                return None;
            }
            &rest[..end]
        };
        let name = squash(name);
        (!name.is_empty() && name.split_whitespace().count() <= 5).then_some(name)
    })
}

/// The name in a status line ("NAME is offline").
fn status_name(t: &str, table: &Table) -> Option<String> {
    let lower = t.to_lowercase();
    table.status.iter().find_map(|s| {
        let at = lower.find(s)?;
        let name = squash(t.get(..at)?);
        (!name.is_empty() && name.split_whitespace().count() <= 5).then_some(name)
    })
}

/// Whether `t` is a profile fact of an author block: a table label, alone or before ":".
fn is_field(t: &str, table: &Table) -> bool {
    let label = t.split_once(':').map_or(t, |(l, _)| l);
    is_one_of(label, table.fields) || is_label_alone(t)
}

/// "Label:" alone on its line, its value on the next: a profile fact of any label (custom
/// fields: "Im Board seit:", "Kekse:").
fn is_label_alone(t: &str) -> bool {
    t.strip_suffix(':').is_some_and(|l| {
        let words = l.split_whitespace().count();
        (1..=4).contains(&words) && !l.chars().any(|c| c.is_ascii_digit() || c == ':')
    })
}

/// A whole line of chrome around posts.
fn is_chrome(t: &str, table: &Table) -> bool {
    is_one_of(t, table.chrome)
}

/// A line of buttons: chrome words (and image placeholders) only ("Reply With Quote Reply
/// With Quote", "[progress] ZitierenZitieren").
fn is_buttons_line(t: &str, table: &Table) -> bool {
    let mut rest = t.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        // Buttons may be glued ("ZitierenZitieren"): a prefix needs no word end here, as the
        // whole line must be buttons.
        let Some(after) = table.chrome.iter().find_map(|b| {
            let head = rest.get(..b.len())?;
            head.eq_ignore_ascii_case(b).then(|| &rest[b.len()..])
        }) else {
            return false;
        };
        rest = strip_placeholders(after.trim_start());
    }
    true
}

/// The nearest line above `i` (down to `floor`) with text.
fn prev_text(lines: &[Ln], i: usize, floor: usize) -> Option<usize> {
    (floor..i).rev().find(|&j| !content(&lines[j]).is_empty() && lines[j].bullet == 0)
}

/// The first line at or after `from` (before `end`) with text.
fn next_text(lines: &[Ln], from: usize, end: usize) -> Option<usize> {
    (from..end.min(lines.len())).find(|&j| !content(&lines[j]).is_empty())
}

/// Builds a post from its anchor and body lines.
fn post(a: &Anchor, lines: &[&Ln], table: &Table, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post { position: a.position, subject: a.subject.clone(), ..Post::default() };
    post.author = Author { name: a.author.clone(), ..Author::default() };
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name found near the post's header");
    }
    match &a.date_raw {
        Some(raw) => {
            post.date = ctx.date(raw, Some(n), "date");
            post.date_raw = Some(raw.clone());
        }
        None => ctx.warn(Some(n), "date", "the rendering shows no date for this post"),
    }
    let mut body: Vec<&Ln> = lines.iter().copied().filter(|l| l.side != Side::Left).collect();
    // The chrome under the post ("Top", "Reply With Quote", rules) and blank lines.
    while body.last().is_some_and(|l| {
        l.is_blank()
            || l.is_sep()
            || l.bullet != 0
            || is_placeholder(&l.text)
            || is_chrome(content(l), table)
            || is_buttons_line(strip_placeholders(&l.text), table)
            || is_bare_list_number(&l.text)
            || table
                .trailers
                .iter()
                .any(|p| content(l).get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)))
    }) {
        body.pop();
    }
    while body
        .first()
        .is_some_and(|l| l.is_blank() || l.bullet != 0 || l.is_sep() || is_chrome(content(l), table))
    {
        body.remove(0);
    }
    let mut signature: Option<Signature> = None;
    if let Some(s) = body.iter().rposition(|l| is_signature_separator(&l.text)) {
        signature = body::signature(&body[s + 1..]);
        body.truncate(s);
    }
    let header = |t: &str| quote_header(t, table);
    let read = body::render(&body, &header, &|t: &str| is_code_label(t) || is_chrome(t, table), ctx, n);
    let found = article::find(&read.text, &read.links);
    read.into_body(found).fill(&mut post);
    post.signature = signature;
    post
}

/// The post count among an author block's profile facts: "Posts: 12", or the label alone with
/// the count on the next line.
fn post_count(block: &[Ln], table: &Table) -> Option<u64> {
    block.iter().enumerate().find_map(|(k, l)| {
        let t = content(l);
        let (label, value) = t.split_once(':').unwrap_or((t, ""));
        if !is_one_of(label, table.posts_label) {
            return None;
        }
        let value = match value.trim() {
            "" => block[k + 1..].iter().map(content).find(|v| !v.is_empty())?,
            v => v,
        };
        parse_count(value)
    })
}

/// A list item's number alone ("5."): the next item of a list of posts.
fn is_bare_list_number(t: &str) -> bool {
    t.strip_suffix('.').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The separator phpBB and vBulletin type above a signature: underscores (a rendered rule is
/// drawn with other characters) or "--".
fn is_signature_separator(t: &str) -> bool {
    let t = t.trim();
    t == "--"
        || t == "__________________"
        || t == "_________________"
        || (t.len() >= 10
            && t.len() <= 20
            && t.bytes().all(|b| b == b'_')
            && !lines::is_rule(&format!("{t}{t}{t}")))
}

/// `s` without the buttons at its end ("NAME View Post").
fn without_trailing_buttons<'a>(s: &'a str, table: &Table) -> &'a str {
    let lower = s.to_lowercase();
    table
        .chrome
        .iter()
        .filter(|b| b.contains(' ') && lower.ends_with(&format!(" {b}")))
        .find_map(|b| s.get(..s.len() - b.len()))
        .map_or(s, str::trim_end)
}

/// "Code:", "Code: Select all" and their kin: the label above a code block.
fn is_code_label(t: &str) -> bool {
    let t = t.trim();
    let label = t.split_once(':').map_or(t, |(l, _)| l);
    is_one_of(label, &["code", "kod", "código", "codice", "код", "quellcode"]) && t.chars().count() <= 40
}

/// A quote header in the table's words: "NAME wrote:", "NAME said: ↑", "Quote:",
/// "Zitat von NAME", "Quote from NAME".
fn quote_header(t: &str, table: &Table) -> Option<(Option<String>, Option<String>)> {
    // phpBB 3.2+: "NAME wrote: ↑DATE", the arrow a link to the quoted post.
    let (t, date) = match t.split_once('↑') {
        Some((head, date)) => (head, Some(date.trim()).filter(|d| d.chars().any(|c| c.is_ascii_digit()))),
        None => (t, None),
    };
    let t = t.trim();
    if t.is_empty() || t.chars().count() > 120 {
        return None;
    }
    let lower = t.to_lowercase();
    for w in table.wrote {
        if let Some(head) =
            lower.strip_suffix(&format!(" {w}:")).or_else(|| lower.strip_suffix(&format!(" {w}")))
        {
            let name = squash(t.get(..head.len())?);
            let name = name.trim_matches('"').trim().to_owned();
            if !name.is_empty() && name.split_whitespace().count() <= 6 {
                return Some((Some(name), date.map(str::to_owned)));
            }
        }
    }
    for q in table.quote {
        if let Some(rest) = strip_word_prefix(t, q) {
            let rest = rest.trim_start_matches(':').trim();
            // "Zitat Zitat von NAME Beitrag anzeigen": buttons around the name.
            let rest = strip_word_prefix(rest, q).unwrap_or(rest).trim();
            let rest = without_trailing_buttons(rest, table);
            let words: Vec<&str> = rest.split_whitespace().collect();
            let name = if words.len() > 6 { None } else { Some(squash(rest)).filter(|n| !n.is_empty()) };
            if words.len() <= 6 {
                return Some((name, None));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: Table = Table {
        engine: Engine::Xenforo,
        kinds: &[Kind::By, Kind::Number],
        by: &["by"],
        posted: &["posted"],
        avatar: &[("avatar von ", ""), ("", "'s avatar")],
        status: &[" is offline"],
        author_below: false,
        date_noise: &["old"],
        fields: &["posts", "joined"],
        posts_label: &["posts"],
        wrote: &["wrote", "said"],
        quote: &["quote"],
        chrome: &["top", "reply with quote", "quote", "view post"],
        title_next: &["thread starter"],
        trailers: &["reactions:"],
        footer: &["return to"],
        markers: &[],
        shapes: &[],
    };

    #[test]
    fn quote_headers() {
        assert_eq!(
            quote_header("crisis-trustee said: ↑", &TABLE),
            Some((Some("crisis-trustee".into()), None))
        );
        assert_eq!(quote_header("Ann wrote:", &TABLE), Some((Some("Ann".into()), None)));
        assert_eq!(quote_header("Quote:", &TABLE), Some((None, None)));
        assert_eq!(
            quote_header("Ann wrote: ↑02. May 2023, 18:36", &TABLE),
            Some((Some("Ann".into()), Some("02. May 2023, 18:36".into())))
        );
        assert_eq!(quote_header("Quote Ann View Post", &TABLE), Some((Some("Ann".into()), None)));
        assert_eq!(quote_header("I said that it works and more words here wrote:", &TABLE), None);
        assert_eq!(quote_header("Quoted text follows here", &TABLE), None);
    }

    #[test]
    fn dates_alone() {
        let ctx = Ctx::default();
        assert_eq!(
            name_date("Aaahh, Nov 14, 2015 :", &ctx),
            Some((Some("Aaahh".into()), "Nov 14, 2015".into()))
        );
        assert_eq!(
            name_date("Wed Mar 21, 2012 1:33 pm", &ctx),
            Some((None, "Wed Mar 21, 2012 1:33 pm".into()))
        );
        assert_eq!(name_date("Reboot101 Level: KitKat Nov 14, 2015", &ctx), None);
        assert_eq!(name_date("Joined: Thu Nov 17, 2011 6:12 am", &ctx), None);
        assert_eq!(
            split_trailing_date("Kataster V.I.P. 14.01.2020, 00:09", &ctx),
            Some(("Kataster V.I.P.".into(), "14.01.2020, 00:09".into()))
        );
        assert_eq!(split_trailing_date("DVB-T2 HD", &ctx), None);
    }

    /// Shapes repeated tens of thousands of times: every step stays linear, nothing panics.
    #[test]
    fn adversarial_repetition_stays_linear() {
        let shapes = [
            "Post by a » 1 Jan 2020\nx\n",
            "#1\n",
            "1. 10-04-2017, 11:00 AM #1\nname\n",
            "A\n\nAbc\n\nMessages:\n 12\nMar 4, 2021\n  • #2\n",
            "Posted: 1 Jan 2020\n",
            "a, Nov 14, 2015 :\n━━━━━━━━━━━━\n#3\n 4.\n",
            "#171714  by x\n 1 Jan 2020\n",
        ];
        for shape in shapes {
            let input = shape.repeat(10_000);
            let _ = parse(&input, &TABLE, &mut Ctx::default());
        }
    }

    #[test]
    fn permalinks() {
        assert_eq!(number_token("#12", &TABLE), Some(12));
        assert_eq!(number_token("10-04-2017, 11:00 AM #1", &TABLE), Some(1));
        assert_eq!(number_token("post #2 of 23 (permalink) Old 04-26-2015, 01:55 PM", &TABLE), Some(2));
        assert_eq!(number_token("#2 [progress] Quote", &TABLE), Some(2));
        assert_eq!(number_token("Post #938535 (5)", &TABLE), None);
        assert_eq!(number_token("Re: Question #2", &TABLE), None);
        assert_eq!(
            inline_date("post #2 of 23 (permalink) Old 04-26-2015, 01:55 PM", &TABLE).as_deref(),
            Some("04-26-2015, 01:55 PM")
        );
    }
}
