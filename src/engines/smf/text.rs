//! Simple Machines Forum pages rendered as text: browser "copy", `w3m -dump`, `lynx -dump`,
//! web-text corpora. The chrome is recognized by the shapes SMF's templates print, in the
//! forum's language (the label tables below).
//!
//! **Posts** are found by their author blocks, in three layouts:
//! - *listed* (SMF 2.x themes): the name line, then a list of items (rank, stars, status,
//!   "Posts: N", fields); the status may lead the name line ("Offline rangerrebew");
//! - *cells* (SMF 1.x table themes in w3m): the left cell of a side-by-side row (see
//!   [`super::lines`]): its first line is the name;
//! - *flat* (SMF 1.x in lynx): unmarked lines; the block is found at its stars, status or guest
//!   label, the name one or two lines above it (with the rank between), and counts only when a
//!   post header (a `« ... »` date line or a rule) follows.
//!
//! A listed block needs two of: stars, status, post count, or a guest label alone; one suffices
//! when a post header follows. After the block comes the post header: the subject and the
//! date line ("« Reply #3 on: DATE »", "« : DATE »", "« Válasz #50 Dátum: DATE »"), or, in
//! SMF 1.x themes, subject, date and "#N" above a rule. The body runs to "Logged" (or the IP
//! icon, or "Report to moderator"); what follows it up to the next author block is the
//! signature. Without that note, a rule near the end starts the signature. The print view
//! ("Title: ..." / "Post by: NAME on DATE") is read on its own.

use crate::body::article;
use crate::body::{split_edit, split_header};
use crate::ctx::Ctx;
use crate::engines::chrome::split_title_views;
use crate::error::Error;
use crate::model::{
    Author, Board, Edited, Engine, Field, Format, Link, Page, Post, Site, Thread, Topic, Viewers,
};
use crate::normalize::label::is_posts_label;
use crate::normalize::number::parse_count;
use crate::normalize::text::squash;
use crate::text::body::{self, split_name_date};
use crate::text::labels::{self, is_one_of};
use crate::text::lines::{self, Ln, Side, is_placeholder, strip_placeholders};

/// "Topic:" in the header above the posts.
const TOPIC: &[&str] =
    &["topic", "тема", "téma", "thema", "tema", "sujet", "onderwerp", "temat", "konu", "aihe", "emne"];

/// First words of the views count in the topic header ("Read 104 times").
const READ: &[&str] =
    &["read", "прочитано", "megtekintve", "gelesen", "leído", "letto", "gelezen", "lu", "czytany", "okundu"];

/// Verbs of the "N Members and M Guests are viewing this topic." line.
const VIEWING: &[&str] = &[
    "viewing",
    "просматривают",
    "смотрят",
    "olvassák",
    "olvassa",
    "nézik",
    "betrachten",
    "viendo",
    "leyendo",
    "visualizzando",
    "bekijken",
    "consultent",
    "przeglądają",
];

/// "Pages:" before the page links.
const PAGES: &[&str] = &[
    "pages",
    "страницы",
    "страниц",
    "oldalak",
    "seiten",
    "páginas",
    "pagine",
    "pagina's",
    "strony",
    "sayfalar",
    "sivut",
];

/// The "Print" button, which SMF 2 lists right after the last post.
const PRINT: &[&str] =
    &["print", "печать", "nyomtatás", "drucken", "imprimir", "stampa", "afdrukken", "imprimer", "drukuj"];

/// Quote header labels: "Quote from: NAME on DATE", or a bare "Quote".
const QUOTE: &[&str] = &[
    "quote from",
    "quote",
    "цитата",
    "цитировать",
    "idézetet írta",
    "idézet",
    "zitat von",
    "zitat",
    "cita de",
    "cita",
    "citazione di",
    "citazione",
    "citaat van",
    "citaat",
    "citation de",
    "citation",
    "cytat",
];

/// The label above code blocks, left out of the text as in HTML input.
const CODE: &[&str] = &["code", "код", "kód", "código", "codice", "kod"];

/// The print view's "Title: ..." above each post.
const PRINT_TITLE: &[&str] =
    &["title", "название", "titel", "título", "cím", "titolo", "titre", "tytuł", "naslov"];
/// The print view's "Post by: NAME on DATE" above each post.
const PRINT_BY: &[&str] = &[
    "post by",
    "отправлено",
    "beitrag von",
    "publicado por",
    "írta",
    "inviato da",
    "poruka od",
    "post par",
    "bericht door",
];

/// Phrases of SMF's chrome in renderings, with weights, for `detect::detect_text`.
pub(crate) const TEXT_MARKERS: &[(&str, u32)] = &[
    ("« reply #", 3),
    ("« on:", 3),
    ("« ответ #", 3),
    ("« : ", 1),
    ("válasz #", 3),
    ("quote from:", 2),
    ("simple machines", 3),
    ("powered by smf", 3),
    ("post by:", 2),
    ("logged", 1),
    ("записан", 2),
    ("naplózva", 2),
    ("are viewing this topic", 2),
];

/// What an author block line says.
#[derive(Clone, Debug, PartialEq)]
enum Item {
    Stars(u32),
    Status(bool),
    Guest,
    /// "Label: value" (the post count among them); the label without a leading "-".
    Field(String, String),
    /// "Posts:" whose value wrapped to the next line.
    Label(String),
    /// Buttons, placeholders, empty list items.
    Chrome,
    Other,
}

fn classify(text: &str) -> Item {
    let t = strip_placeholders(text);
    if t.is_empty() || labels::is_buttons(t) {
        return Item::Chrome;
    }
    if t.chars().all(|c| c == '*' || c == ' ') {
        let n = t.chars().filter(|&c| c == '*').count();
        if n <= 12 {
            return Item::Stars(u32::try_from(n).unwrap_or(0));
        }
    }
    if let Some(online) = labels::status_line(t) {
        return Item::Status(online);
    }
    if labels::is_guest(t) {
        return Item::Guest;
    }
    match labeled(t) {
        Some((label, "")) => Item::Label(label.to_owned()),
        Some((label, value)) => Item::Field(label.to_owned(), value.to_owned()),
        None => Item::Other,
    }
}

/// "Label: value" in an author block: a label without digits or sentence punctuation glued
/// to its colon, a space (or nothing) after it. Themes add custom profile fields of any
/// label ("What is your relationship status with them: No contact"): up to eight words. A
/// leading "-" of the label goes ("-Given: 0"). The reply prefix "Re:" of a subject is no
/// label.
fn labeled(t: &str) -> Option<(&str, &str)> {
    let (label, value) = t.split_once(':')?;
    if label.ends_with(char::is_whitespace) || !(value.is_empty() || value.starts_with(char::is_whitespace)) {
        return None;
    }
    let label = label.trim().trim_start_matches('-').trim();
    let plain = !label.chars().any(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '!' | '?' | ';' | '"'));
    (plain
        && label.chars().count() <= 60
        && label.split_whitespace().count() <= 8
        && !label.is_empty()
        && !label.eq_ignore_ascii_case("re"))
    .then(|| (label, value.trim()))
}

/// The three layouts of author blocks (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Layout {
    Listed,
    Cell,
    Flat,
}

/// An author block: `lines[start..end]`, the author read from it.
struct Block {
    start: usize,
    end: usize,
    author: Author,
    layout: Layout,
}

/// Reads a text rendering of an SMF page.
pub(crate) fn parse(input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
    parse_lines(&lines::read(input, &ends_rows), ctx)
}

fn parse_lines(lines: &[Ln], ctx: &mut Ctx) -> Result<Thread, Error> {
    if let Some(thread) = print_view(lines, ctx) {
        return Ok(thread);
    }
    let blocks = blocks(lines);
    let Some(first) = blocks.first() else {
        return Err(Error::NotAThread {
            looked_for: "the chrome of a supported engine in a text rendering (SMF author blocks: a name, \
                         then rank, stars, \"Posts: N\" or a status; or \"Post by:\" lines)"
                .into(),
        });
    };
    let head = &lines[..first.start];
    if ctx.dates.now.is_none() {
        ctx.dates.now = header_time(head);
    }
    let last_end = blocks.last().map_or(lines.len(), |b| b.end);
    let region_end = (last_end..lines.len()).find(|&i| is_footer(&lines[i])).unwrap_or(lines.len());

    let mut thread = Thread::new(Engine::Smf, Format::Text);
    thread.topic = topic(head);
    thread.page = page(head).or_else(|| page(&lines[region_end..])).unwrap_or_default();
    thread.site =
        thread.topic.breadcrumbs.first().map(|c| Site { name: Some(c.text.clone()), url: c.url.clone() });
    thread.engine_version = engine_version(&lines[region_end..]);

    let mut parts: Vec<Parts> = Vec::new();
    for (k, b) in blocks.iter().enumerate() {
        let next = blocks.get(k + 1).map_or(region_end, |n| n.start);
        let unit: Vec<&Ln> = lines[b.end..next.max(b.end)]
            .iter()
            .filter(|l| b.layout != Layout::Cell || l.side == Side::Right)
            .collect();
        parts.push(split_post(&unit, b));
    }
    infer_repeated_signatures(&mut parts, &blocks);
    for (i, (p, b)) in parts.into_iter().zip(&blocks).enumerate() {
        let mut author = b.author.clone();
        if b.layout == Layout::Flat && author.title.is_none() {
            // The personal text below a flat block, before the subject ("Первоуральск").
            author.title = p
                .leftover
                .iter()
                .find(|t| classify(t) == Item::Other && t.chars().any(char::is_alphabetic))
                .cloned();
        }
        thread.posts.push(post(p, author, ctx, i + 1));
    }
    title_from_subject(&mut thread.topic, &thread.posts);
    Ok(thread)
}

/// Every author block, in page order.
fn blocks(lines: &[Ln]) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let floor = out.last().map_or(0, |b| b.end);
        let found = if lines[i].row_start {
            Some(row_block(lines, i))
        } else {
            listed_block(lines, i).or_else(|| flat_block(lines, i, floor))
        };
        match found {
            Some(b) => {
                i = b.end.max(i + 1);
                out.push(b);
            }
            None => i += 1,
        }
    }
    out
}

/// The left cell of a side-by-side row.
fn row_block(lines: &[Ln], start: usize) -> Block {
    let end = (start + 1..lines.len()).find(|&j| lines[j].side != Side::Left).unwrap_or(lines.len());
    let mut author = Author::default();
    name_line(&mut author, &lines[start].text);
    let items: Vec<&Ln> = lines[start + 1..end].iter().collect();
    fill(&mut author, &items, Layout::Cell);
    Block { start, end, author, layout: Layout::Cell }
}

/// A name line followed by a list whose items say "author".
fn listed_block(lines: &[Ln], i: usize) -> Option<Block> {
    let name = &lines[i];
    if name.bullet != 0 || name.is_blank() || name.is_sep() || name.text.chars().count() > 80 {
        return None;
    }
    let first = (i + 1..lines.len().min(i + 4)).find(|&j| !lines[j].is_blank())?;
    if lines[first].bullet != 1 {
        return None;
    }
    let end = (first..lines.len()).find(|&j| lines[j].bullet == 0).unwrap_or(lines.len());
    let items: Vec<&Ln> = lines[first..end].iter().filter(|l| l.bullet == 1).collect();
    let mut author = Author::default();
    let prefixed = name_line(&mut author, &name.text);
    let signals = fill(&mut author, &items, Layout::Listed) + usize::from(prefixed);
    let guest_only = author.guest && items.len() == 1;
    (signals >= 2 || guest_only || (signals == 1 && header_follows(lines, end))).then_some(Block {
        start: i,
        end,
        author,
        layout: Layout::Listed,
    })
}

/// A block of unmarked lines found at its stars, status or guest label (see the module docs).
fn flat_block(lines: &[Ln], p: usize, floor: usize) -> Option<Block> {
    let pivot = &lines[p];
    if pivot.bullet != 0 || pivot.side != Side::Full {
        return None;
    }
    let kind = classify(&pivot.text);
    let take = match kind {
        Item::Guest => 1,
        Item::Stars(_) | Item::Status(_) => 2,
        _ => return None,
    };
    let mut above = Vec::new();
    let mut j = p;
    while j > floor && above.len() < take {
        let l = &lines[j - 1];
        if l.is_blank() || l.bullet != 0 || l.is_sep() || classify(&l.text) != Item::Other || is_note(&l.text)
        {
            break;
        }
        above.push(j - 1);
        j -= 1;
    }
    let start = *above.last()?;
    let mut end = p + 1;
    while end < lines.len()
        && !lines[end].is_blank()
        && lines[end].bullet == 0
        && !lines[end].is_sep()
        && !matches!(classify(&lines[end].text), Item::Other)
    {
        end += 1;
    }
    if !header_follows(lines, end) {
        return None;
    }
    let mut author = Author::default();
    name_line(&mut author, &lines[start].text);
    let items: Vec<&Ln> = above.iter().rev().skip(1).map(|&k| &lines[k]).chain(&lines[p..end]).collect();
    fill(&mut author, &items, Layout::Flat);
    Some(Block { start, end, author, layout: Layout::Flat })
}

/// Reads the name line (an online status may lead it); whether it held the status.
fn name_line(author: &mut Author, text: &str) -> bool {
    let text = strip_placeholders(text);
    match labels::status_prefix(text) {
        Some((online, rest)) if !rest.is_empty() => {
            author.online = Some(online);
            author.name = Some(squash(rest));
            true
        }
        _ => {
            author.name = (!text.is_empty()).then(|| squash(text));
            false
        }
    }
}

/// Reads an author block's items; returns how many say "author" (stars, status, post count,
/// guest label). Before the stars, the first unlabeled line is the rank (in a list, a second
/// one the post group); after them, the first is the personal text ([`Author::title`]). A
/// cell wraps long lines: adjacent unlabeled lines are one ("Глобальный" / "модератор"). In
/// a list, an empty item right after the rank is the stars item of a rank without stars.
fn fill(a: &mut Author, lines: &[&Ln], layout: Layout) -> usize {
    let mut items: Vec<(String, Item, bool)> = Vec::new();
    let mut joinable = false;
    // A cell wraps a line when its next word would not fit: the widest line is the width.
    let width = lines.iter().map(|l| l.indent + l.text.chars().count()).max().unwrap_or(0);
    let mut previous_len = 0;
    for l in lines {
        if l.is_blank() {
            joinable = false;
            continue;
        }
        let text = squash(strip_placeholders(&l.text));
        let kind = classify(&l.text);
        let first_word = text.split_whitespace().next().map_or(0, |w| w.chars().count());
        let wrapped = layout == Layout::Cell && previous_len + 1 + first_word > width;
        match items.last_mut() {
            // A long label or value wrapped by the cell ("What is your relationship status" /
            // "with them: No" / "contact").
            Some(last)
                if wrapped
                    && ((last.1 == Item::Other && matches!(kind, Item::Field(..) | Item::Label(_)))
                        || (matches!(last.1, Item::Field(..)) && kind == Item::Other)) =>
            {
                last.0 = format!("{} {text}", last.0);
                last.1 = classify(&last.0);
            }
            Some(last) if joinable && layout == Layout::Cell && kind == Item::Other => {
                last.0 = format!("{} {text}", last.0);
                last.1 = classify(&last.0);
            }
            _ => items.push((text, kind, l.bullet > 0 && l.text.is_empty())),
        }
        joinable = items.last().is_some_and(|i| i.1 == Item::Other);
        previous_len = l.indent + l.text.chars().count();
    }
    let mut signals = 0;
    let mut stars_seen = false;
    let mut rank_at = None;
    let mut k = 0;
    while k < items.len() {
        let (text, kind, empty_item) = &items[k];
        match kind {
            Item::Stars(n) => {
                a.stars = Some(*n);
                stars_seen = true;
                signals += 1;
            }
            Item::Status(online) => {
                a.online = Some(*online);
                signals += 1;
            }
            Item::Guest => {
                a.guest = true;
                a.rank = Some(text.clone());
                signals += 1;
            }
            Item::Label(label) => {
                if let Some((value, Item::Other, _)) = items.get(k + 1) {
                    signals += field(a, label, value);
                    k += 1;
                }
            }
            Item::Field(label, value) => signals += field(a, label, value),
            Item::Chrome => {
                if *empty_item && !stars_seen && rank_at.is_some_and(|r| r + 1 == k) {
                    a.stars = Some(0);
                    stars_seen = true;
                }
            }
            Item::Other => {
                // A heading of "-Label: value" items (a mod's "Thank You" box).
                let heading = items.get(k + 1).is_some_and(|n| n.0.starts_with('-'));
                let words = text.chars().any(char::is_alphabetic);
                if heading || a.guest {
                } else if !stars_seen && a.rank.is_none() {
                    a.rank = Some(text.clone());
                    rank_at = Some(k);
                } else if !stars_seen && layout == Layout::Listed && a.fields.is_empty() {
                    a.fields.push(Field { label: "Post group".into(), value: text.clone() });
                } else if stars_seen && a.title.is_none() && words {
                    a.title = Some(text.clone());
                }
            }
        }
        k += 1;
    }
    signals
}

/// Records "Label: value"; 1 when it is the post count. The policy of
/// `chrome::profile_fact` (a count that is no number stays a field, as shown) without its
/// warning: blocks are read while they are being found, before there is a post to warn
/// about. An SMF author block shows no join date or location: other labels stay fields.
fn field(a: &mut Author, label: &str, value: &str) -> usize {
    if is_posts_label(label) {
        if let Some(n) = parse_count(value) {
            a.post_count = Some(n);
            return 1;
        }
    }
    a.fields.push(Field { label: label.to_owned(), value: value.to_owned() });
    0
}

/// Whether a post header (a `« ... »` date line or a rule) comes within the next lines.
/// Profile fields and buttons left between the block and the header do not count.
fn header_follows(lines: &[Ln], from: usize) -> bool {
    lines[from.min(lines.len())..]
        .iter()
        .take(40)
        .filter(|l| !l.is_blank() && !is_placeholder(&l.text))
        .filter(|l| l.is_sep() || !matches!(classify(&l.text), Item::Field(..) | Item::Chrome))
        .take(6)
        .any(|l| l.is_sep() || is_date_line(&l.text))
}

/// "« Reply #3 on: May 02, 2023, 11:04:13 am »" and its kin: guillemets around a digit.
fn is_date_line(text: &str) -> bool {
    let t = strip_placeholders(text);
    t.starts_with('«')
        && t.ends_with('»')
        && t.chars().count() <= 120
        && t.chars().any(|c| c.is_ascii_digit())
}

/// Splits a date line into its label ("Reply #3 on", "Ответ #1", "Válasz #50 Dátum", "") and
/// the date. The label is what precedes the first colon when it holds no digit but "#N".
fn split_date_line(text: &str) -> (Option<&str>, &str) {
    let inner = strip_placeholders(text).trim_start_matches('«').trim_end_matches('»').trim();
    if let Some((label, date)) = inner.split_once(':') {
        let digits_outside_number = label.split('#').enumerate().any(|(i, part)| {
            part.chars().skip_while(|c| i > 0 && c.is_ascii_digit()).any(|c| c.is_ascii_digit())
        });
        if !digits_outside_number {
            return (Some(label.trim()), date.trim());
        }
    }
    (None, inner)
}

/// The position a date line's label gives: "Reply #3" is the 4th post, no number the 1st.
fn label_position(label: &str) -> Option<u32> {
    match label.split_once('#') {
        Some((_, n)) => parse_count(n.split_whitespace().next()?)
            .and_then(|n| u32::try_from(n).ok())
            .and_then(|n| n.checked_add(1)),
        None => Some(1),
    }
}

/// SMF's notes under a body: "Logged" (beside the IP icon), the icon alone, "Report to
/// moderator".
fn is_note(text: &str) -> bool {
    let t = text.trim();
    t == "[ip]"
        || labels::is_logged(strip_placeholders(t))
        || is_one_of(strip_placeholders(t), &["report to moderator"])
}

/// Lines after the posts: pagination, the "Print" button, the previous/next topic links,
/// the copyright line.
fn is_footer(l: &Ln) -> bool {
    let t = l.text.as_str();
    pages_label(t).is_some()
        || (l.bullet == 1 && is_one_of(t, PRINT))
        || (t.starts_with('«')
            && t.ends_with('»')
            && !t.chars().any(|c| c.is_ascii_digit())
            && t.split_whitespace().count() <= 8)
        || t.contains("Simple Machines")
        || t.starts_with("Powered by")
}

/// One post's lines taken apart, before rendering.
#[derive(Default)]
struct Parts<'a> {
    subject: Option<String>,
    date_raw: Option<String>,
    position: Option<u32>,
    edited: Option<String>,
    /// Lines between a flat author block and the subject: the rest of the author block.
    leftover: Vec<String>,
    body: Vec<&'a Ln>,
    signature: Option<Vec<&'a Ln>>,
}

/// Takes a post's lines (after its author block) apart: header, body, notes, signature.
/// SMF 1.x themes draw a rule above the signature, below the "Logged" note; SMF 2.x themes
/// put the signature right below the note.
fn split_post<'a>(unit: &[&'a Ln], block: &Block) -> Parts<'a> {
    let mut parts = Parts::default();
    let start = header(unit, block.layout == Layout::Cell, &mut parts);
    let mut rest: Vec<&Ln> = unit.get(start..).unwrap_or(&[]).to_vec();
    while rest.last().is_some_and(|l| l.is_blank() || l.is_sep() || is_placeholder(&l.text)) {
        rest.pop();
    }
    if let Some(t) = rest.iter().position(|l| is_note(&l.text)) {
        let tail: Vec<&Ln> = rest[t + 1..].iter().copied().filter(|l| !is_note(&l.text)).collect();
        parts.signature = match tail.iter().position(|l| l.is_sep()) {
            Some(r) => Some(tail[r + 1..].to_vec()),
            None if block.layout == Layout::Listed => Some(tail),
            None => None,
        };
        rest.truncate(t);
    } else if let Some(s) = rest.iter().rposition(|l| l.is_sep()) {
        let tail: Vec<&Ln> = rest[s + 1..].iter().copied().filter(|l| !l.is_blank()).collect();
        let chars: usize = tail.iter().map(|l| l.text.chars().count()).sum();
        if !tail.is_empty() && tail.len() <= 8 && chars <= 600 {
            parts.signature = Some(tail);
            rest.truncate(s);
        }
    }
    while rest.last().is_some_and(|l| l.is_blank() || l.is_sep()) {
        rest.pop();
    }
    // "« Last Edit: DATE by NAME »" closes the body.
    let last = rest.iter().rposition(|l| !l.is_blank());
    if let Some(e) =
        last.filter(|&e| is_date_line(&rest[e].text) && split_date_line(&rest[e].text).0.is_some())
    {
        parts.edited = Some(strip_placeholders(&rest[e].text).to_owned());
        rest.truncate(e);
    }
    parts.body = rest;
    parts
}

/// Reads the post header at the start of `unit` into `parts`; returns where the body starts.
/// In a cell (`wrapped`) the subject may take several lines.
fn header(unit: &[&Ln], wrapped: bool, parts: &mut Parts) -> usize {
    let near: Vec<usize> =
        (0..unit.len()).filter(|&i| !unit[i].is_blank() && !is_placeholder(&unit[i].text)).take(8).collect();
    let text = |i: usize| strip_position(&unit[i].text);
    if let Some(&d) = near.iter().find(|&&i| is_date_line(&unit[i].text)) {
        let (label, date) = split_date_line(&unit[d].text);
        parts.date_raw = Some(date.to_owned()).filter(|d| !d.is_empty());
        parts.position = label.and_then(label_position);
        let before: Vec<String> = near.iter().filter(|&&i| i < d).map(|&i| text(i).0).collect();
        take_subject(parts, before, wrapped);
        let body = d + 1;
        return match (body..unit.len()).find(|&i| !unit[i].is_blank()).filter(|&i| unit[i].is_sep()) {
            Some(s) => s + 1,
            None => body,
        };
    }
    let Some(&s) = near.iter().take(6).find(|&&i| unit[i].is_sep()) else {
        return 0;
    };
    // SMF 1.x: subject, date, "#N" (and buttons) above the rule.
    let mut kept: Vec<String> = Vec::new();
    let mut position = None;
    for &i in near.iter().filter(|&&i| i < s) {
        let (t, at) = text(i);
        position = at.or(position);
        if !t.is_empty() {
            kept.push(t);
        }
    }
    let Some(date) = kept.pop().filter(|t| t.chars().any(|c| c.is_ascii_digit())) else {
        return 0;
    };
    parts.date_raw = Some(date);
    parts.position = position;
    take_subject(parts, kept, wrapped);
    s + 1
}

/// The subject from the lines above the date: the nearest one, or in a cell all of them (it
/// wraps). Lines above a single-line subject are left over from the author block.
fn take_subject(parts: &mut Parts, mut before: Vec<String>, wrapped: bool) {
    let subject = match wrapped {
        true => std::mem::take(&mut before).join(" "),
        false => before.pop().unwrap_or_default(),
    };
    parts.subject = (!subject.is_empty()).then_some(subject);
    parts.leftover = before;
}

/// A header line without placeholders, and the post number at its end: "#N" right-aligned
/// beside the subject (three or more spaces away, with any buttons), or alone on its line
/// with buttons or mojibake ("Reply with quote  #2", "Â #1"). A "#N" that is part of the
/// subject ("Re: Question #2") stays in it.
fn strip_position(text: &str) -> (String, Option<u32>) {
    let t = strip_placeholders(text);
    let Some((head, number)) = t.rsplit_once('#') else {
        return (squash(t), None);
    };
    if number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return (squash(t), None);
    }
    let trimmed = head.trim_end();
    // The gap may end right at the "#" (mojibake "Â " repaired to a no-break space).
    let gap_at_end = head.get(trimmed.len()..).is_some_and(|gap| gap.chars().count() >= 3);
    let head = trimmed;
    let (head, apart) = match head.rfind("   ") {
        _ if gap_at_end => (head, true),
        Some(gap) => (head[..gap].trim_end(), true),
        None => (head, false),
    };
    let alone = labels::is_buttons(head) || head.chars().filter(|c| c.is_alphanumeric()).count() <= 1;
    match (apart, alone) {
        (_, true) => (String::new(), number.parse().ok()),
        (true, false) => (squash(head), number.parse().ok()),
        (false, false) => (squash(t), None),
    }
}

/// Renders the posts' parts into posts.
fn post(p: Parts<'_>, author: Author, ctx: &mut Ctx, n: usize) -> Post {
    let mut post = Post { author, subject: p.subject, position: p.position, ..Post::default() };
    match p.date_raw {
        Some(raw) => {
            post.date = ctx.date(&raw, Some(n), "date");
            post.date_raw = Some(raw);
        }
        None => ctx.warn(Some(n), "date", "the rendering shows no date for this post"),
    }
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name above the post");
    }
    if let Some(line) = p.edited {
        let inner = line.trim_start_matches('«').trim_end_matches('»');
        let (mut date_raw, mut by) = split_edit(inner, None);
        if date_raw.is_none() {
            (date_raw, by) = split_edit_by(inner);
        }
        let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
        post.edited = Some(Edited { date, date_raw, by, reason: None });
    }
    let mut body_lines = p.body;
    let mut signature = p.signature.as_deref().and_then(body::signature);
    let warned = ctx.warnings.len();
    let mut read = render(&body_lines, ctx, n);
    let mut found = article::find(&read.text, &read.links);
    // A pasted article's source link ends the post; what follows it is the signature.
    if signature.is_none() {
        if let (Some(art), Some(src)) = (&found.article, &found.source) {
            let at = body_lines.iter().rposition(|l| src.text.as_deref() == Some(squash(&l.text).as_str()));
            let tail = at.filter(|_| art.source_url.as_deref() == Some(src.url.as_str())).and_then(|at| {
                let sig = body::signature(&body_lines[at + 1..])?;
                Some((at, sig))
            });
            if let Some((at, sig)) = tail {
                signature = Some(sig);
                body_lines.truncate(at + 1);
                // The body is read again: keep one set of its warnings.
                ctx.warnings.truncate(warned);
                read = render(&body_lines, ctx, n);
                found = article::find(&read.text, &read.links);
            }
        }
    }
    read.into_body(found).fill(&mut post);
    post.signature = signature;
    post
}

/// Renders body lines with SMF's quote headers and code labels.
fn render(lines: &[&Ln], ctx: &mut Ctx, n: usize) -> body::Rendered {
    body::render(lines, &quote_header, &|t| is_code_label(t), ctx, n)
}

/// "Quote from: NAME on DATE", "Цитата: \"NAME\"", "Idézetet írta: NAME - DATE", "Quote".
fn quote_header(text: &str) -> Option<(Option<String>, Option<String>)> {
    let t = text.trim();
    let (label, rest) = match t.split_once(':') {
        Some((label, rest)) => (label.trim(), rest.trim()),
        None => (t, ""),
    };
    if !is_one_of(label, QUOTE) || t.chars().count() > 200 {
        return None;
    }
    if rest.is_empty() {
        return Some((None, None));
    }
    let (mut name, mut date) = split_header(t);
    if date.is_none() {
        (name, date) = split_name_date(rest);
    }
    let name = name.map(|n| n.trim_matches('"').trim().to_owned()).filter(|n| !n.is_empty());
    Some((name, date))
}

fn is_code_label(text: &str) -> bool {
    text.strip_suffix(':').is_some_and(|l| is_one_of(l, CODE))
}

/// "DATE by NAME" split at the last "by" word, when the date pipeline cannot find the date.
fn split_edit_by(inner: &str) -> (Option<String>, Option<String>) {
    const BY: &[&str] = &["by", "от", "írta", "von", "par", "por", "da", "door", "przez"];
    let rest = inner.split_once(':').map_or(inner, |(_, r)| r).trim();
    let words: Vec<&str> = rest.split_whitespace().collect();
    match words.iter().rposition(|w| BY.iter().any(|b| b.eq_ignore_ascii_case(w))) {
        Some(i) if i > 0 => {
            (Some(words[..i].join(" ")), Some(words[i + 1..].join(" ")).filter(|s| !s.is_empty()))
        }
        _ => ((!rest.is_empty()).then(|| rest.to_owned()), None),
    }
}

/// Marks signatures that repeat under every post of one author, when the rendering shows no
/// "Logged" note or rule that would mark them.
fn infer_repeated_signatures(parts: &mut [Parts<'_>], blocks: &[Block]) {
    let bodies: Vec<(Option<&str>, Vec<String>)> = parts
        .iter()
        .zip(blocks)
        .map(|(p, b)| {
            let author = if p.signature.is_none() { b.author.name.as_deref() } else { None };
            (author, p.body.iter().filter(|l| !l.is_blank()).map(|l| squash(&l.text)).collect())
        })
        .collect();
    let tails = body::repeated_tails(&bodies);
    for (p, k) in parts.iter_mut().zip(tails) {
        if k == 0 {
            continue;
        }
        let mut seen = 0;
        let Some(at) = p.body.iter().rposition(|l| {
            seen += usize::from(!l.is_blank());
            seen == k
        }) else {
            continue;
        };
        p.signature = Some(p.body.split_off(at));
    }
}

/// The topic header ("Author Topic: TITLE (Read 104 times)"), its viewers line, and the
/// breadcrumb trail, from the lines above the first post.
fn topic(head: &[Ln]) -> Topic {
    let mut topic = Topic::default();
    for i in 0..head.len() {
        let mut text = strip_placeholders(&head[i].text).to_owned();
        if head[i].bullet != 0 || !has_topic_label(&text) {
            continue;
        }
        // The views may wrap to the next line or two.
        let mut j = i;
        while j + 1 < head.len() && j < i + 2 && !head[j + 1].is_blank() && !closed_views(&text) {
            j += 1;
            text = format!("{text} {}", head[j].text);
        }
        if !closed_views(&text) {
            continue;
        }
        if let (Some(title), views) = split_title_views(&text) {
            topic.title = Some(strip_topic_label(&title).to_owned());
            topic.views = views;
            break;
        }
    }
    topic.viewers = head.iter().find_map(|l| viewers(&l.text));
    topic.breadcrumbs = breadcrumbs(head);
    topic.board = topic.breadcrumbs.last().map(|c| Board { id: None, name: Some(c.text.clone()), url: None });
    if topic.title.is_none() {
        topic.title = head.iter().filter(|l| l.bullet == 1).find_map(|l| {
            let t = strip_topic_label(&l.text);
            (t.len() < l.text.len()).then(|| t.to_owned())
        });
    }
    topic
}

/// Whether one of the first words is "Topic:" in a known language.
fn has_topic_label(text: &str) -> bool {
    text.split_whitespace().take(4).any(|w| w.strip_suffix(':').is_some_and(|w| is_one_of(w, TOPIC)))
}

/// `title` without a leading "Author Topic:"-style label.
fn strip_topic_label(title: &str) -> &str {
    let mut rest = title;
    for _ in 0..3 {
        let Some((word, after)) = rest.split_once(' ') else { break };
        if word.strip_suffix(':').is_some_and(|w| is_one_of(w, TOPIC)) {
            return after.trim();
        }
        rest = after;
    }
    title
}

/// Whether the text ends with a parenthesis saying "Read N times" in a known language.
fn closed_views(text: &str) -> bool {
    let Some(open) = text.rfind('(') else { return false };
    text.trim_end().ends_with(')')
        && text[open + 1..].split_whitespace().next().is_some_and(|w| is_one_of(w, READ))
}

/// "0 Members and 1 Guest are viewing this topic." in a known language.
fn viewers(text: &str) -> Option<Viewers> {
    let lower = text.to_lowercase();
    if !text.starts_with(|c: char| c.is_ascii_digit()) || !VIEWING.iter().any(|v| lower.contains(v)) {
        return None;
    }
    let nums = crate::engines::chrome::numbers(text);
    let members = u32::try_from(*nums.first()?).ok()?;
    let guests = u32::try_from(*nums.get(1)?).ok()?;
    Some(Viewers { members, guests, names: Vec::new() })
}

/// The breadcrumb trail without the topic: SMF 2's list ("Forum >", "Board >", "Topic: X")
/// or SMF 1's line ("Forum > Board > Topic"), which may wrap.
fn breadcrumbs(head: &[Ln]) -> Vec<Link> {
    let crumb = |s: &str| Link { url: None, text: squash(s) };
    for i in 0..head.len() {
        if head[i].bullet == 1 && arrow(&head[i].text).is_some() {
            let mut crumbs = Vec::new();
            for l in &head[i..] {
                match arrow(&l.text).filter(|_| l.bullet == 1) {
                    Some(t) => crumbs.push(crumb(t)),
                    None => break,
                }
            }
            return crumbs;
        }
        if head[i].bullet == 0 && head[i].text.contains(" > ") {
            let mut text = head[i].text.clone();
            let mut j = i + 1;
            while j < head.len() && j <= i + 2 && !head[j].is_blank() && !has_topic_label(&text) {
                if pages_label(&head[j].text).is_some() || head[j].text.starts_with('«') {
                    break;
                }
                text = format!("{text} {}", head[j].text);
                j += 1;
            }
            let parts: Vec<&str> = text.split(" > ").collect();
            let crumbs: Vec<&str> = if text.trim_end().ends_with('>') {
                parts
                    .iter()
                    .map(|p| p.trim().trim_end_matches('>').trim())
                    .filter(|p| !p.is_empty())
                    .collect()
            } else {
                parts[..parts.len().saturating_sub(1)].to_vec()
            };
            return crumbs.into_iter().map(|c| crumb(strip_moderators(c))).collect();
        }
    }
    Vec::new()
}

/// A crumb of SMF 2's list: its text before the trailing arrow.
fn arrow(s: &str) -> Option<&str> {
    s.strip_suffix('>').or_else(|| s.strip_suffix('»')).map(str::trim_end)
}

/// "Economics (Moderator: hazek)" without the moderators.
fn strip_moderators(crumb: &str) -> &str {
    match crumb.rfind(" (") {
        Some(i) if crumb.ends_with(')') && crumb[i..].contains(':') => &crumb[..i],
        _ => crumb,
    }
}

/// The rest of a "Pages: ..." line.
fn pages_label(text: &str) -> Option<&str> {
    let (label, rest) = text.split_once(':')?;
    is_one_of(label, PAGES).then_some(rest)
}

/// "Pages: \[1\] 2 3" / "Pages: 1 ... 620 \[621\]" (which may wrap): the bracketed number is this
/// page, the largest number the total.
fn page(lines: &[Ln]) -> Option<Page> {
    let i = lines.iter().position(|l| pages_label(&l.text).is_some())?;
    let mut numbers = Vec::new();
    let mut current = None;
    let mut take = |text: &str| {
        for w in text.split_whitespace() {
            let bracketed = w.strip_prefix('[').and_then(|w| w.strip_suffix(']'));
            if let Some(n) = bracketed.and_then(|n| n.parse::<u32>().ok()) {
                current = Some(n);
                numbers.push(n);
            } else if let Ok(n) = w.parse::<u32>() {
                numbers.push(n);
            } else if !w.chars().all(|c| c == '.' || c == '…') {
                break; // "Go down", "Print", "« previous topic" beside the links
            }
        }
    };
    take(pages_label(&lines[i].text).unwrap_or(""));
    let mut j = i + 1;
    while j < lines.len() && j <= i + 4 && lines[j].text.starts_with(|c: char| c.is_ascii_digit()) {
        take(&lines[j].text);
        j += 1;
    }
    let number = current?;
    Some(Page { number, total: numbers.iter().copied().max(), next_url: None, prev_url: None })
}

/// The forum's current time in the page header (for "Today at ..."): a line near the top that
/// the date pipeline reads as a time, a trailing "*" aside.
fn header_time(head: &[Ln]) -> Option<chrono::NaiveDateTime> {
    use crate::model::Timestamp;
    use crate::normalize::date::{DateContext, parse_date};
    head.iter().take(20).find_map(|l| {
        let t = l.text.trim_end_matches('*').trim();
        if !t.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        match parse_date(t, &DateContext::default()) {
            Ok(Timestamp::Local(dt)) => Some(dt),
            Ok(Timestamp::Offset(dt)) => Some(dt.naive_local()),
            _ => None,
        }
    })
}

/// "SMF 2.0.2" from the footer's copyright line.
fn engine_version(footer: &[Ln]) -> Option<String> {
    footer.iter().find_map(|l| {
        let (_, after) = l.text.split_once("SMF ")?;
        let version: String = after.chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
        let version = version.trim_end_matches('.');
        version.contains('.').then(|| version.to_owned())
    })
}

/// Without a topic header, the first post's subject (less SMF's reply prefix) is the title.
fn title_from_subject(topic: &mut Topic, posts: &[Post]) {
    if topic.title.is_none() {
        let subject = posts.first().and_then(|p| p.subject.as_deref());
        topic.title = subject.map(|s| s.strip_prefix("Re:").unwrap_or(s).trim().to_owned());
    }
}

/// The print view: "Title: ..." and "Post by: NAME on DATE" above each body.
fn print_view(lines: &[Ln], ctx: &mut Ctx) -> Option<Thread> {
    let labeled = |text: &str, table: &[&str]| {
        let (label, rest) = text.split_once(':')?;
        is_one_of(label, table).then(|| rest.trim().to_owned())
    };
    let pairs: Vec<usize> = (0..lines.len().saturating_sub(1))
        .filter(|&i| {
            labeled(&lines[i].text, PRINT_TITLE).is_some() && labeled(&lines[i + 1].text, PRINT_BY).is_some()
        })
        .collect();
    let first = *pairs.first()?;
    let mut thread = Thread::new(Engine::Smf, Format::Text);
    let head = &lines[..first];
    thread.site =
        head.iter().find(|l| !l.is_blank()).map(|l| Site { name: Some(squash(&l.text)), url: None });
    if let Some(trail) = head.iter().position(|l| l.text.contains(" => ")) {
        let mut text = head[trail].text.clone();
        if let Some(next) = head.get(trail + 1).filter(|l| !l.is_blank() && !l.is_sep()) {
            text = format!("{text} {}", next.text);
        }
        let parts: Vec<&str> = text.split(" => ").collect();
        if let Some((_, boards)) = parts.split_last() {
            thread.topic.breadcrumbs = boards.iter().map(|b| Link { url: None, text: squash(b) }).collect();
            thread.topic.board = boards.last().map(|b| Board { id: None, name: Some(squash(b)), url: None });
        }
    }
    let footer = (first..lines.len()).rev().find(|&i| !lines[i].is_blank()).filter(|&i| is_footer(&lines[i]));
    let end_all = footer.unwrap_or(lines.len());
    thread.engine_version = engine_version(&lines[end_all..]);
    for (k, &at) in pairs.iter().enumerate() {
        let n = k + 1;
        let end = pairs.get(k + 1).copied().unwrap_or(end_all).max(at + 2);
        let mut post = Post { position: u32::try_from(n).ok(), ..Post::default() };
        post.subject = labeled(&lines[at].text, PRINT_TITLE).filter(|s| !s.is_empty());
        let by = labeled(&lines[at + 1].text, PRINT_BY).unwrap_or_default();
        let (mut name, mut date) = split_header(&format!("x: {by}"));
        if date.is_none() {
            (name, date) = split_name_date(&by);
        }
        post.author.name = name;
        match date {
            Some(raw) => {
                post.date = ctx.date(&raw, Some(n), "date");
                post.date_raw = Some(raw);
            }
            None => ctx.warn(Some(n), "date", "no date after the author in \"Post by\""),
        }
        let mut body: Vec<&Ln> = lines[at + 2..end].iter().collect();
        while body.first().is_some_and(|l| l.is_blank() || l.is_sep()) {
            body.remove(0);
        }
        while body.last().is_some_and(|l| l.is_blank() || l.is_sep()) {
            body.pop();
        }
        let read = render(&body, ctx, n);
        let found = article::find(&read.text, &read.links);
        read.into_body(found).fill(&mut post);
        thread.posts.push(post);
    }
    thread.topic.title = thread.posts.first().and_then(|p| p.subject.clone());
    Some(thread)
}

/// Whether a trimmed line ends the posts of a side-by-side layout (its pagination).
pub(crate) fn ends_rows(text: &str) -> bool {
    pages_label(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines() {
        assert_eq!(
            split_date_line("« Reply #3 on: May 02, 2023, 11:04:13 am »"),
            (Some("Reply #3 on"), "May 02, 2023, 11:04:13 am")
        );
        assert_eq!(
            split_date_line("« : 30 Декабрь 2009, 00:17:53 »"),
            (Some(""), "30 Декабрь 2009, 00:17:53")
        );
        assert_eq!(
            split_date_line("« Válasz #1 Dátum: 2011-04-24, 22:48:56 »"),
            (Some("Válasz #1 Dátum"), "2011-04-24, 22:48:56")
        );
        assert_eq!(split_date_line("« May 02, 2023, 11:04:13 am »"), (None, "May 02, 2023, 11:04:13 am"));
        assert_eq!(label_position("Reply #3 on"), Some(4));
        assert_eq!(label_position("Ответ #1"), Some(2));
        assert_eq!(label_position(""), Some(1));
    }

    #[test]
    fn positions_beside_subjects() {
        assert_eq!(
            strip_position("[xx] VeriSMS                    Â #12401"),
            ("VeriSMS".into(), Some(12401))
        );
        assert_eq!(strip_position("Â #2"), (String::new(), Some(2)));
        assert_eq!(strip_position("[xx] VeriSMS       \u{a0}#12401"), ("VeriSMS".into(), Some(12401)));
        assert_eq!(strip_position("Reply with quote  #2"), (String::new(), Some(2)));
        assert_eq!(
            strip_position("1406845588          Reply with quote  #2"),
            ("1406845588".into(), Some(2))
        );
        assert_eq!(strip_position("Re: Question #2"), ("Re: Question #2".into(), None));
    }

    #[test]
    fn author_items() {
        assert_eq!(classify("*****"), Item::Stars(5));
        assert_eq!(classify("* * *"), Item::Stars(3));
        assert_eq!(classify("Posts: 165,733"), Item::Field("Posts".into(), "165,733".into()));
        assert_eq!(classify("-Given: 0"), Item::Field("Given".into(), "0".into()));
        assert_eq!(classify("Posts:"), Item::Label("Posts".into()));
        assert_eq!(classify("Оффлайн Оффлайн"), Item::Status(false));
        assert_eq!(classify("Гость"), Item::Guest);
        assert_eq!(classify("[index]"), Item::Chrome);
        assert_eq!(classify("TBR Contributor"), Item::Other);
    }

    #[test]
    fn quote_headers() {
        assert_eq!(quote_header("Цитата: \"sashtel\""), Some((Some("sashtel".into()), None)));
        assert_eq!(
            quote_header("Quote from: luisb on Today at 11:33:41 AM"),
            Some((Some("luisb".into()), Some("Today at 11:33:41 AM".into())))
        );
        assert_eq!(quote_header("Цитировать"), Some((None, None)));
        assert_eq!(quote_header("Quoted text follows"), None);
    }

    fn parse_text(text: &str) -> Result<Thread, Error> {
        parse(text, &mut Ctx::default())
    }

    /// SMF 1.x in lynx: no bullets, no cells; blocks are found at their stars and status.
    #[test]
    fn flat_blocks() {
        let page = "\
   Author Topic: Kilns  (Read 9 times)
   potter_pat
   Hero Member
   * * * * *
   Offline Offline
   Posts: 920
   View Profile
   Re: Kilns
   « Reply #1 on: May 02, 2023, 11:04:13 am »
   ______________________________________________________________________

   The kiln needs a new element.
   Logged
   ______________________________________________________________________

   Clay is patient.
   visitor
   Guest
   Re: Kilns
   « Reply #2 on: May 02, 2023, 11:30:00 am »
   ______________________________________________________________________

   Which element?
   Logged
";
        let t = parse_text(page).expect("parses");
        let names: Vec<_> = t.posts.iter().map(|p| p.author.name.as_deref()).collect();
        assert_eq!(names, [Some("potter_pat"), Some("visitor")]);
        let p = &t.posts[0];
        assert_eq!(
            (p.author.rank.as_deref(), p.author.stars, p.author.post_count),
            (Some("Hero Member"), Some(5), Some(920))
        );
        assert_eq!((p.subject.as_deref(), p.position), (Some("Re: Kilns"), Some(2)));
        assert_eq!(p.body_text, "The kiln needs a new element.");
        assert_eq!(p.signature.as_ref().map(|s| s.text.as_str()), Some("Clay is patient."));
        assert!(t.posts[1].author.guest);
    }

    /// Lists and starred lines inside bodies are not author blocks.
    #[test]
    fn body_lists_are_not_authors() {
        let page = "\
Offline alice

  • Posts: 12
  • *****
« on: May 02, 2023, 11:04:13 am »
My shopping list
  • Price: 5
  • Size: 3
*****
Offline
Logged
";
        let t = parse_text(page).expect("parses");
        assert_eq!(t.posts.len(), 1);
        assert!(t.posts[0].body_text.contains("Price: 5"), "{}", t.posts[0].body_text);
        assert!(parse_text("plain words\n  • Price: 5\n  • *****\n").is_err());
    }

    /// Shapes repeated tens of thousands of times: every step of the parse must stay linear.
    #[test]
    fn adversarial_repetition_stays_linear() {
        let shapes = [
            "Quote from: a on 1\nx\n",
            "*****\n",
            "name\n  • *****\n  • Posts: 1\n",
            "a                [xx] b\nc                1\n                 ━━━━━━━━━━━━\n",
            "Title: t\nPost by: a on 1\n",
            "Offline x\n\n  • Posts: 1\n  • Offline\nsame signature line here\n",
        ];
        for shape in shapes {
            let input = shape.repeat(10_000);
            let _ = parse(&input, &mut Ctx::default());
        }
    }
}
