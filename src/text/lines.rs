//! The line model every text engine reads: indentation, list bullets and separators taken
//! apart, and side-by-side table columns (w3m's rendering of table-layout themes) turned
//! back into one stream per column.
//!
//! **Bullets.** w3m draws list items as `•` (nested `□`, `◦`), lynx as `*` (nested `+`,
//! `o`) indented by at least four columns. A lynx `*` nearer the margin is text (SMF's
//! one-star rank in a table layout).
//!
//! **Columns.** w3m lays a table's cells side by side: the author cell on the left, the
//! post on the right, with the post's header rule starting at the right column. When several
//! separator rules start at the same column past the margin and lines hold text on both sides
//! of it with a gap of two spaces or more, the page is a two-column layout. Each *row* (one
//! post) starts at a line holding text on both sides (the name beside the subject) from which
//! a contiguous run of split lines reaches the header rule, the nearest text on the right side
//! above the rule holding a digit (the date). A row's lines become its left cell's lines, then
//! its right cell's lines. Within a row the gutter may be one space wide (a left cell filled to
//! its width); a line whose text crosses the column is kept whole, after them, as
//! [`Side::Full`].
//!
//! **Frames.** w3m draws the borders of bordered tables with box-drawing characters: they
//! are layout, not text. Edges separate rows, the inner vertical line most rows share is the
//! gutter between author cells and posts (see [`unframe`]).

/// Which column of a side-by-side layout a line came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// Not in a side-by-side row: the whole line.
    Full,
    /// The left cell of a row (the author block).
    Left,
    /// The right cell of a row (the post).
    Right,
}

/// One line of a text rendering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Ln {
    /// The content: indentation, bullet marker and trailing spaces removed.
    pub text: String,
    /// Columns of indentation before the content (before the bullet of a list item), counted
    /// from the start of its cell in a side-by-side row.
    pub indent: usize,
    /// 0 for no bullet, 1 for a list item, 2 for a nested list item.
    pub bullet: u8,
    /// The column of a side-by-side row the line came from.
    pub side: Side,
    /// The first line of a side-by-side row (its left cell's first line).
    pub row_start: bool,
}

impl Ln {
    /// Whether the line holds nothing.
    pub fn is_blank(&self) -> bool {
        self.text.is_empty() && self.bullet == 0
    }

    /// Whether the line is a horizontal rule.
    pub fn is_sep(&self) -> bool {
        self.bullet == 0 && is_rule(&self.text)
    }
}

/// Characters browsers draw horizontal rules with (w3m `━`/`─`, lynx `_`). Typed rules
/// ("-----", "=====") are text.
const RULE_CHARS: &[char] = &['━', '─', '═', '_'];

/// A horizontal rule: ten or more rule characters and nothing else.
pub(crate) fn is_rule(s: &str) -> bool {
    let s = s.trim();
    s.chars().count() >= 10 && s.chars().all(|c| RULE_CHARS.contains(&c))
}

/// An image placeholder as browsers print it: `[xx]`, `[ip]`, `[index]`, `[]` (one bracketed
/// token without spaces).
pub(crate) fn is_placeholder(s: &str) -> bool {
    s.len() <= 40
        && s.starts_with('[')
        && s.ends_with(']')
        && !s.get(1..s.len().saturating_sub(1)).unwrap_or("").contains(['[', ']', ' '])
}

/// `s` without leading and trailing image placeholders.
pub(crate) fn strip_placeholders(s: &str) -> &str {
    let mut s = s.trim();
    loop {
        let before = s;
        if let Some((first, rest)) = s.split_once(char::is_whitespace) {
            if is_placeholder(first) {
                s = rest.trim_start();
            }
        } else if is_placeholder(s) {
            return "";
        }
        if let Some((rest, last)) = s.rsplit_once(char::is_whitespace) {
            if is_placeholder(last) {
                s = rest.trim_end();
            }
        }
        if s == before {
            return s;
        }
    }
}

/// What [`read`] holds for `input` at most, in bytes: per line its [`Ln`] and its slice of
/// the input, and the line's text when it has some (as allocated: 32 bytes at least). A
/// rendering of ordinary lines takes 2 to 4 times its size; one of a million empty lines
/// takes 56 bytes per byte, which the input's budget refuses (`Budget::take`).
pub(crate) fn table_bytes(input: &str) -> usize {
    let lines = memchr::memchr_iter(b'\n', input.as_bytes()).count() + 1;
    let texts = input.lines().filter(|l| !l.trim().is_empty()).count();
    lines * (std::mem::size_of::<Ln>() + std::mem::size_of::<&str>()) + texts * 32 + input.len()
}

/// Reads a rendering into lines, undoing a side-by-side layout when there is one. `ends_rows`
/// says whether a line (whole, trimmed) ends the last row: the page's footer (pagination).
pub(crate) fn read(input: &str, ends_rows: &dyn Fn(&str) -> bool) -> Vec<Ln> {
    let input = without_stray_nbsp_lead(input);
    let raw: Vec<&str> = input.lines().map(str::trim_end).collect();
    if let Some(lines) = unframe(&raw) {
        return lines;
    }
    match body_column(&raw) {
        Some(col) => decolumnize(&raw, col, ends_rows),
        None => raw.iter().map(|l| line(l, Side::Full)).collect(),
    }
}

/// `input` without the "Â" that a no-break space leaves when a page's UTF-8 was read as
/// windows-1252 and the renderer turned the no-break space into a space ("14.12.2019Â 21:42"):
/// an "Â" before a space or a line end. The decoder repairs whole sequences; this one is
/// broken by the renderer.
fn without_stray_nbsp_lead(input: &str) -> std::borrow::Cow<'_, str> {
    if !input.contains("Â") {
        return std::borrow::Cow::Borrowed(input);
    }
    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == 'Â' && chars.peek().is_none_or(|n| matches!(n, ' ' | '\u{a0}' | '\n' | '\r')) {
            continue;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// The vertical lines of the frames w3m draws around bordered tables' cells.
const FRAME_V: &[char] = &['│', '┃', '║'];

/// Corners and junctions of frames: a line of them (and horizontal lines) is a frame's edge.
const FRAME_JOINTS: &[char] = &[
    '┌', '┐', '└', '┘', '├', '┤', '┬', '┴', '┼', '┏', '┓', '┗', '┛', '┣', '┫', '┳', '┻', '╋', '╔', '╗', '╚',
    '╝', '╠', '╣', '╦', '╩', '╬',
];

/// A frame's horizontal edge: joints and horizontal lines only, with one joint at least.
fn is_frame_edge(s: &str) -> bool {
    let t = s.trim();
    t.chars().any(|c| FRAME_JOINTS.contains(&c))
        && t.chars().all(|c| {
            c == ' ' || FRAME_JOINTS.contains(&c) || matches!(c, '─' | '━' | '═') || FRAME_V.contains(&c)
        })
}

/// The character columns of a line's vertical frame lines.
fn bars(s: &str) -> Vec<usize> {
    s.chars().enumerate().filter(|(_, c)| FRAME_V.contains(c)).map(|(i, _)| i).collect()
}

/// Reads a page whose tables w3m drew with frames (box-drawing characters), which are layout,
/// not text: edges separate rows, vertical lines separate cells. The gutter between the author
/// cells and the posts is the inner vertical line most rows share. A row whose right cell
/// holds a post header (a digit above a rule in its first lines) gives its left cell's lines,
/// then its right cell's ([`Side::Left`], [`Side::Right`]), as [`decolumnize`] does; other
/// framed lines lose their frame and keep their cells' text side by side. `None` when the page
/// has no frames.
fn unframe(raw: &[&str]) -> Option<Vec<Ln>> {
    let framed = raw.iter().filter(|l| bars(l).len() >= 2).count();
    if framed < 3 || !raw.iter().any(|l| is_frame_edge(l)) {
        return None;
    }
    // The gutter: the inner vertical line at the column most framed lines share.
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for l in raw {
        let b = bars(l);
        if b.len() >= 3 {
            for &col in &b[1..b.len() - 1] {
                match counts.iter_mut().find(|(c, _)| *c == col) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((col, 1)),
                }
            }
        }
    }
    let gutter = counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
        .map(|(c, _)| c);
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        if is_frame_edge(raw[i]) {
            out.push(line("", Side::Full));
            i += 1;
            continue;
        }
        if bars(raw[i]).is_empty() {
            out.push(line(raw[i], Side::Full));
            i += 1;
            continue;
        }
        // One row: the framed lines up to the next edge.
        let end =
            (i..raw.len()).find(|&j| is_frame_edge(raw[j]) || bars(raw[j]).is_empty()).unwrap_or(raw.len());
        let cells: Vec<(String, String)> = raw[i..end].iter().map(|l| cells_of(l, gutter)).collect();
        let post_row = gutter.is_some() && post_header(cells.iter().map(|(_, r)| r.as_str()));
        if post_row {
            let mut left: Vec<Ln> = cells.iter().map(|(l, _)| line(l, Side::Left)).collect();
            while left.last().is_some_and(Ln::is_blank) {
                left.pop();
            }
            if let Some(first) = left.iter_mut().find(|l| !l.is_blank()) {
                first.row_start = true;
            }
            out.extend(left);
            out.extend(cells.iter().map(|(_, r)| line(r, Side::Right)));
        } else {
            out.extend(
                cells.iter().map(|(l, r)| line(&format!("{}  {}", l.trim_end(), r.trim_end()), Side::Full)),
            );
        }
        i = end;
    }
    Some(out)
}

/// A framed line's text left and right of the gutter, frames taken out.
fn cells_of(l: &str, gutter: Option<usize>) -> (String, String) {
    let clean = |s: String| s.chars().map(|c| if FRAME_V.contains(&c) { ' ' } else { c }).collect::<String>();
    let chars: Vec<char> = l.chars().collect();
    let first = chars.iter().position(|c| FRAME_V.contains(c)).map_or(0, |p| p + 1);
    match gutter.filter(|&g| chars.get(g).is_some_and(|c| FRAME_V.contains(c)) && g >= first) {
        Some(g) => (clean(chars[first..g].iter().collect()), clean(chars[g + 1..].iter().collect())),
        None => (clean(chars[first.min(chars.len())..].iter().collect()), String::new()),
    }
}

/// Whether a right cell starts with a post header: a rule among its first lines with a digit
/// (the date) above it.
fn post_header<'a>(right: impl Iterator<Item = &'a str>) -> bool {
    let mut digit = false;
    for r in right.filter(|r| !r.trim().is_empty()).take(8) {
        if is_rule(r) {
            return digit;
        }
        digit |= r.chars().any(|c| c.is_ascii_digit());
    }
    false
}

/// Takes one line (or cell) apart.
fn line(s: &str, side: Side) -> Ln {
    let content = s.trim_start_matches([' ', '\t', '\u{a0}']);
    let indent = s.chars().count() - content.chars().count();
    let content = content.trim_end();
    let (bullet, text) = match content.chars().next() {
        Some(c @ ('•' | '□' | '◦' | '▪' | '○')) => {
            (if c == '•' { 1 } else { 2 }, content.get(c.len_utf8()..).unwrap_or(""))
        }
        Some('*') if indent >= 4 && (content.len() == 1 || content[1..].starts_with(' ')) => {
            (1, &content[1..])
        }
        Some('+' | 'o') if indent >= 8 && content.get(1..2) == Some(" ") => (2, &content[1..]),
        _ => (0, content),
    };
    Ln { text: text.trim().to_owned(), indent, bullet, side, row_start: false }
}

/// The start of a horizontal rule in `s`, in characters, and whether text stands before it.
fn rule_start(s: &str) -> Option<(usize, bool)> {
    let start = s.char_indices().find(|(_, c)| RULE_CHARS.contains(c))?;
    let (head, rule) = s.split_at(start.0);
    if !is_rule(rule) {
        return None;
    }
    let texted = !head.trim().is_empty();
    if texted && !head.ends_with("  ") {
        return None;
    }
    Some((head.chars().count(), texted))
}

/// The column where a side-by-side layout's right cells start, if the page has one.
fn body_column(raw: &[&str]) -> Option<usize> {
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for l in raw {
        if let Some((col, _)) = rule_start(l).filter(|(c, _)| *c >= 8) {
            match counts.iter_mut().find(|(c, _)| *c == col) {
                Some((_, n)) => *n += 1,
                None => counts.push((col, 1)),
            }
        }
    }
    let (col, n) = counts.into_iter().max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))?;
    let both = raw
        .iter()
        .filter(|l| matches!(split(l, col), Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty()))
        .count();
    (n >= 2 && both >= 2).then_some(col)
}

/// Splits `s` at character column `col` when no text crosses it: the left part is blank or
/// ends with two spaces. `None` when text crosses the column.
fn split(s: &str, col: usize) -> Option<(&str, &str)> {
    let Some((at, _)) = s.char_indices().nth(col) else {
        return Some((s, ""));
    };
    let (left, right) = s.split_at(at);
    (left.trim().is_empty() || left.ends_with("  ")).then_some((left, right))
}

/// Splits `s` at column `col` where a one-space gutter runs: a space right before the column,
/// text right at it (a left cell filled to its width).
fn split_at_gutter(s: &str, col: usize) -> Option<(&str, &str)> {
    let (at, c) = s.char_indices().nth(col)?;
    let before = s[..at].chars().next_back()?;
    (before == ' ' && c != ' ').then(|| s.split_at(at))
}

/// A line of a row split at the column: at a gap of two spaces, else at a one-space gutter.
fn row_split(s: &str, col: usize) -> Option<(&str, &str)> {
    split(s, col).or_else(|| split_at_gutter(s, col))
}

/// Rebuilds the line stream of a two-column layout, row by row.
fn decolumnize(raw: &[&str], col: usize, ends_rows: &dyn Fn(&str) -> bool) -> Vec<Ln> {
    let starts = row_starts(raw, col);
    let mut out = Vec::with_capacity(raw.len() + starts.len());
    let mut i = 0;
    while i < raw.len() {
        let Some(k) = starts.binary_search(&i).ok() else {
            out.push(line(raw[i], Side::Full));
            i += 1;
            continue;
        };
        let next = starts.get(k + 1).copied().unwrap_or(raw.len());
        let mut end = next;
        if k + 1 == starts.len() {
            // The last row runs to the footer.
            end = (i + 1..raw.len()).find(|&j| ends_rows(raw[j].trim())).unwrap_or(raw.len());
        }
        let (mut left, mut right, mut whole) = (Vec::new(), Vec::new(), Vec::new());
        for l in &raw[i..end] {
            match row_split(l, col) {
                Some((a, b)) => {
                    if !a.trim().is_empty() {
                        left.push(line(a, Side::Left));
                    } else if !left.is_empty() {
                        left.push(line("", Side::Left));
                    }
                    right.push(line(b, Side::Right));
                }
                None => whole.push(line(l, Side::Full)),
            }
        }
        while left.last().is_some_and(Ln::is_blank) {
            left.pop();
        }
        if let Some(first) = left.first_mut() {
            first.row_start = true;
        }
        out.extend(left);
        out.extend(right);
        out.extend(whole);
        i = end;
    }
    out
}

/// The first lines of the rows of a two-column layout (see the module docs).
fn row_starts(raw: &[&str], col: usize) -> Vec<usize> {
    let mut starts = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        if rule_start(l).is_none_or(|(c, _)| c != col) {
            continue;
        }
        let mut s = i;
        while s > 0
            && i - s < 8
            && !raw[s - 1].trim().is_empty()
            && rule_start(raw[s - 1]).is_none()
            && row_split(raw[s - 1], col).is_some()
        {
            s -= 1;
        }
        if s == i || starts.last().is_some_and(|&last| last >= s) {
            continue;
        }
        // The name and the subject stand apart by a real gap.
        let both = matches!(split(raw[s], col), Some((a, b)) if !a.trim().is_empty() && !b.trim().is_empty());
        // The post header's date stands right above its rule: the nearest right cell text
        // above it holds a digit (a signature's rule has the post's last line above it).
        let dated = raw[s..i]
            .iter()
            .rev()
            .filter_map(|l| row_split(l, col).map(|(_, b)| b.trim()).filter(|b| !b.is_empty()))
            .next()
            .is_some_and(|b| b.chars().any(|c| c.is_ascii_digit()) && !is_placeholder(strip_placeholders(b)));
        if both && dated {
            starts.push(s);
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_and_rules() {
        let l = line("  • Posts: 165,733", Side::Full);
        assert_eq!((l.bullet, l.text.as_str(), l.indent), (1, "Posts: 165,733", 2));
        let l = line("     * * * * * *", Side::Full);
        assert_eq!((l.bullet, l.text.as_str()), (1, "* * * * *"));
        let l = line("   *", Side::Full);
        assert_eq!((l.bullet, l.text.as_str()), (0, "*"));
        let l = line("     *", Side::Full);
        assert_eq!((l.bullet, l.text.as_str()), (1, ""));
        assert!(line("   ______________", Side::Full).is_sep());
        assert!(!line("-- me", Side::Full).is_sep());
    }

    #[test]
    fn placeholders() {
        assert_eq!(strip_placeholders("[xx] VeriSMS"), "VeriSMS");
        assert_eq!(strip_placeholders("[ip] Logged"), "Logged");
        assert_eq!(strip_placeholders("[ip]"), "");
        assert_eq!(strip_placeholders("[a b] c"), "[a b] c");
    }

    #[test]
    fn frames_are_layout() {
        let page = "\
┌──────────┬────────────────────────┐
│Author    │Topic: Kilns (Read 9 times)│
├──────────┼────────────────────────┤
│potter_pat│Re: Kilns               │
│Hero      │May 2, 2023             │
│Member    │━━━━━━━━━━━━━━━━━━━━━━━━│
│          │Body text               │
└──────────┴────────────────────────┘
";
        let lines = read(page, &|_| false);
        let texts: Vec<(&str, Side, bool)> =
            lines.iter().filter(|l| !l.is_blank()).map(|l| (l.text.as_str(), l.side, l.row_start)).collect();
        assert_eq!(texts[0], ("Author  Topic: Kilns (Read 9 times)", Side::Full, false));
        assert_eq!(texts[1], ("potter_pat", Side::Left, true));
        assert_eq!(texts[3], ("Member", Side::Left, false));
        assert_eq!(texts[4], ("Re: Kilns", Side::Right, false));
        assert_eq!(texts.last().map(|t| (t.0, t.1)), Some(("Body text", Side::Right)));
        assert!(!texts.iter().any(|t| t.0.contains(['│', '┼', '└'])));
        assert_eq!(without_stray_nbsp_lead("14.12.2019Â 21:42 Â -Â\nÂge"), "14.12.2019 21:42  -\nÂge");
    }

    #[test]
    fn two_columns_become_two_streams() {
        let page = "\
header line of the page
name             [xx]   Subject
Rank                    May 2, 2023
*
Offline Offline  ━━━━━━━━━━━━━━━━━━━━
                 Body text
Posts: 12        more body

                                 [ip]


other            [xx]   Re: Subject
Rank                    May 3, 2023
*                ━━━━━━━━━━━━━━━━━━━━
                 Reply
Pages: [1]            Print
";
        let lines = read(page, &|l: &str| l.starts_with("Pages:"));
        let texts: Vec<(&str, Side)> =
            lines.iter().filter(|l| !l.is_blank()).map(|l| (l.text.as_str(), l.side)).collect();
        assert_eq!(texts[0], ("header line of the page", Side::Full));
        assert_eq!(
            &texts[1..6],
            &[
                ("name", Side::Left),
                ("Rank", Side::Left),
                ("*", Side::Left),
                ("Offline Offline", Side::Left),
                ("Posts: 12", Side::Left),
            ]
        );
        assert_eq!(texts[6], ("[xx]   Subject", Side::Right));
        assert!(lines.iter().filter(|l| l.row_start).count() == 2);
        assert_eq!(texts.last().map(|t| t.0), Some("Pages: [1]            Print"));
    }
}
