//! Finding a page's posts by repetition: the elements that repeat at one place of the page's
//! structure (the same tags and classes from the root down), each holding an author, a date
//! and a text, and within them the places ("columns") where each holds its author, its date
//! and its text.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

use super::outline::{AuthorMark, DateKind, DateSource, Outline, Sums};

type Map<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One post found: outline indices of its container and of the elements holding its author's
/// name, its date and its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Block {
    pub container: usize,
    pub author: Option<usize>,
    pub date: Option<usize>,
    pub body: Option<usize>,
}

/// A set of elements at one place of the page's structure.
#[derive(Clone, Debug)]
pub(super) struct Group {
    /// Their outline indices, in document order.
    pub members: Vec<usize>,
    /// How many of them hold an author, a date and a text.
    pub complete: usize,
}

/// The posts of a group, read by columns, and how well they read.
#[derive(Clone, Debug)]
pub(super) struct Reading {
    pub blocks: Vec<Block>,
    /// Blocks with an author, a date and a text each.
    pub complete: usize,
    /// How much post text the complete blocks hold, each counted up to 300 letters.
    pub score: u64,
    /// Blocks with a link elsewhere that reads as a title (see [`is_title_link`]), at the
    /// place most have one; and how many distinct texts those links show.
    pub titled: usize,
    pub distinct_titles: usize,
}

/// Whether item `d` of a block is a link that may be a title: a link to another page outside
/// the block's text, with a text of some length that is no date, neither the author's name
/// nor around the date, and not one of a post's own links: a permalink or quote link (a
/// fragment, or a URL naming a post), an action on the post (reply, quote, report, like).
fn is_title_link(outline: &Outline<'_>, d: usize, block: &Block, opening: Option<ego_tree::NodeId>) -> bool {
    const ACTIONS: &[&str] = &[
        "post",
        "reply",
        "quote",
        "report",
        "like",
        "reaction",
        "vote",
        "share",
        "edit",
        "delete",
        "warn",
        "ignore",
        "bookmark",
        "subscribe",
        "print",
        "javascript",
        "mailto",
    ];
    let item = &outline.items[d];
    let e = item.el.value();
    e.name() == "a"
        && item.author == AuthorMark::None
        && item.sum.text >= 10
        && item.date.is_none()
        && e.attr("href").is_some_and(|h| {
            let h = h.trim().to_ascii_lowercase();
            !h.is_empty() && !h.contains('#') && !ACTIONS.iter().any(|a| h.contains(a))
        })
        && block.body.is_none_or(|b| !outline.contains(b, d) || opening == Some(item.el.id()))
        && block.date.is_none_or(|x| !outline.contains(d, x))
}

/// The link a block's text opens with, if it does (a heading link opening a row's
/// description, as board indexes show a forum's name above what it is for).
fn opening_link(outline: &Outline<'_>, body: Option<usize>) -> Option<ego_tree::NodeId> {
    let body = outline.items[body?].el;
    let first = body.descendants().find(|n| n.value().as_text().is_some_and(|t| !t.trim().is_empty()))?;
    first
        .ancestors()
        .take_while(|a| a.id() != body.id())
        .find(|a| a.value().as_element().is_some_and(|e| e.name() == "a"))
        .map(|a| a.id())
}

/// The opening post when the page sets it apart from the replies (Vanilla's discussion above
/// its comments, inSided's question above the replies box): the nearest element before the
/// first post, outside it, whose class is the posts' own, holding elements keyed as the
/// posts' author, date and text.
pub(super) fn lead(outline: &Outline<'_>, reading: &Reading) -> Option<Block> {
    let items = &outline.items;
    let first = reading.blocks.first()?;
    let class_key = items[first.container].class_key;
    if class_key == 0 {
        return None;
    }
    let key = |x: Option<usize>| x.map(|x| items[x].key);
    let (author_key, date_key, body_key) = (key(first.author)?, key(first.date)?, key(first.body)?);
    let lead = (0..first.container)
        .rev()
        .find(|&i| items[i].class_key == class_key && items[i].end < first.container)?;
    if !is_complete(&items[lead].sum) {
        return None;
    }
    let inside = lead + 1..items[lead].end + 1;
    let find =
        |want: u64, ok: &dyn Fn(usize) -> bool| inside.clone().find(|&d| items[d].key == want && ok(d));
    let author = find(author_key, &|d| items[d].author != AuthorMark::None)?;
    let date = find(date_key, &|d| items[d].date.is_some_and(|m| m.kind == DateKind::Posted))?;
    let body = find(body_key, &|d| {
        items[d].sum.body > 0 && !outline.contains(d, author) && !outline.contains(d, date)
    })?;
    Some(Block { container: lead, author: Some(author), date: Some(date), body: Some(body) })
}

/// Every place of the page's structure where elements holding an author, a date and a text
/// repeat, most members first; of places nested one in the other member for member, only the
/// outermost.
pub(super) fn groups(outline: &Outline<'_>) -> Vec<Group> {
    let mut by_path: Map<u64, (Vec<usize>, usize)> = Map::default();
    for (i, item) in outline.items.iter().enumerate() {
        if item.depth >= 2 {
            let entry = by_path.entry(item.path).or_default();
            entry.0.push(i);
            entry.1 += usize::from(is_complete(&item.sum));
        }
    }
    let mut groups: Vec<Group> = by_path
        .into_values()
        .filter(|(_, complete)| *complete > 0)
        .map(|(members, complete)| Group { members, complete })
        .collect();
    groups.sort_by_key(|g| (std::cmp::Reverse(g.complete), g.members.first().copied()));
    // Drop a group whose members each lie in the same-numbered member of a group of as many.
    let mut member_of: Map<usize, usize> = Map::default();
    for (g, group) in groups.iter().enumerate() {
        for &m in &group.members {
            member_of.insert(m, g);
        }
    }
    let nested: Vec<bool> = groups
        .iter()
        .map(|group| {
            let Some(&first) = group.members.first() else { return true };
            let mut at = outline.items[first].parent;
            while let Some(item) = outline.items.get(at) {
                if let Some(outer) = member_of.get(&at).map(|&g| &groups[g]) {
                    if outer.members.len() == group.members.len()
                        && outer.members.iter().zip(&group.members).all(|(&o, &m)| outline.contains(o, m))
                    {
                        return true;
                    }
                }
                at = item.parent;
            }
            false
        })
        .collect();
    groups.into_iter().zip(nested).filter(|(_, nested)| !nested).map(|(g, _)| g).collect()
}

fn is_complete(sum: &Sums) -> bool {
    sum.dates > 0 && sum.authors > 0 && sum.body > 0
}

/// Reads a group by columns: the relative place (the keys from the member down) where most
/// members hold an author's name, the one where most hold a post date, and the one that holds
/// most of their text. Text that repeats at one place in most members (a reply form, a
/// repeated title, labels) is chrome, not post text.
pub(super) fn read(outline: &Outline<'_>, group: &Group) -> Reading {
    let items = &outline.items;
    let n = group.members.len();
    // Each member's elements with their relative paths; how often each text shows at each.
    let mut member_paths: Vec<Vec<(usize, u64)>> = Vec::with_capacity(n);
    let mut texts: Map<(u64, u64), usize> = Map::default();
    for &m in &group.members {
        let range = m..items[m].end + 1;
        let mut paths: Vec<(usize, u64)> = Vec::with_capacity(range.len());
        for d in range {
            let item = &items[d];
            let path = if d == m {
                0
            } else {
                let parent = paths.get(item.parent - m).map_or(0, |p| p.1);
                parent.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(5) ^ item.key
            };
            paths.push((d, path));
            if item.sum.body > 0 && d != m {
                *texts.entry((path, item.text_hash)).or_default() += 1;
            }
        }
        member_paths.push(paths);
    }
    let repeated = n.div_ceil(2).max(2);
    let is_chrome = |d: usize, path: u64| {
        d != usize::MAX && texts.get(&(path, items[d].text_hash)).is_some_and(|&c| c >= repeated)
    };
    // Per place: members having it (once), and letters of post text there.
    // members, first offset, name, members where it shows text
    let mut authors: Map<u64, (usize, usize, bool, usize)> = Map::default();
    let mut dates: Map<u64, (usize, usize, DateSource, bool)> = Map::default();
    let mut bodies: Map<u64, (usize, u64, usize)> = Map::default(); // members, letters, repeats
    let mut varying: Vec<Vec<u32>> = Vec::with_capacity(n);
    for (&m, paths) in group.members.iter().zip(&member_paths) {
        // Post text per element, chrome left out, summed up from the leaves.
        let mut acc: Vec<u32> = paths.iter().map(|&(d, _)| items[d].own_body).collect();
        for k in (0..paths.len()).rev() {
            let (d, path) = paths[k];
            if k > 0 && is_chrome(d, path) {
                acc[k] = 0;
            }
            if let Some(p) = items[d].parent.checked_sub(m).filter(|_| k > 0) {
                let v = acc[k];
                if let Some(slot) = acc.get_mut(p) {
                    *slot += v;
                }
            }
        }
        let mut seen: Map<u64, u8> = Map::default();
        for (k, &(d, path)) in paths.iter().enumerate().skip(1) {
            let item = &items[d];
            let first = !seen.contains_key(&path);
            let flags = seen.entry(path).or_default();
            if item.author != AuthorMark::None && *flags & 1 == 0 {
                *flags |= 1;
                let e = authors.entry(path).or_insert((0, k, item.author == AuthorMark::Name, 0));
                e.0 += 1;
                e.3 += usize::from(item.sum.text > 0);
            }
            if let Some(mark) = item.date.filter(|d| d.kind == DateKind::Posted) {
                if *flags & 2 == 0 {
                    *flags |= 2;
                    let e = dates.entry(path).or_insert((0, k, mark.source, mark.timed));
                    e.0 += 1;
                }
            }
            if acc[k] > 0 {
                let e = bodies.entry(path).or_default();
                if first || *flags & 4 == 0 {
                    *flags |= 4;
                    e.0 += 1;
                    e.1 += u64::from(acc[k]);
                } else {
                    e.2 += 1;
                }
            }
        }
        varying.push(acc);
    }
    // The author column: names before blocks, then names shown as text (not an avatar's
    // link), then the most members, then the earliest.
    let author_col = authors
        .iter()
        .max_by_key(|(_, (members, offset, name, texts))| {
            (*name, *texts, *members, std::cmp::Reverse(*offset))
        })
        .map(|(&p, _)| p);
    let date_col = dates
        .iter()
        .max_by_key(|(_, (members, offset, source, timed))| {
            (*members, std::cmp::Reverse(*source), *timed, std::cmp::Reverse(*offset))
        })
        .map(|(&p, _)| p);
    let at = |paths: &[(usize, u64)], col: Option<u64>| {
        col.and_then(|c| paths.iter().skip(1).find(|(_, p)| *p == c).map(|(d, _)| *d))
    };
    let blocks: Vec<Block> = group
        .members
        .iter()
        .zip(&member_paths)
        .map(|(&m, paths)| Block {
            container: m,
            author: at(paths, author_col),
            date: at(paths, date_col),
            body: None,
        })
        .collect();
    // The body column: of the places found once in most members and not holding their author
    // or date, the deepest holding nearly as much post text as the one holding most.
    let holds = |d: usize, x: Option<usize>| x.is_some_and(|x| outline.contains(d, x));
    let eligible: Vec<(u64, u64, u32)> = bodies
        .iter()
        .filter(|(_, (members, _, repeats))| members * 2 >= n && repeats * 10 <= *members)
        .filter(|(path, (members, _, _))| {
            let clashes = blocks
                .iter()
                .zip(&member_paths)
                .filter(|(b, paths)| {
                    at(paths, Some(**path)).is_some_and(|d| holds(d, b.author) || holds(d, b.date))
                })
                .count();
            clashes * 2 <= *members
        })
        .map(|(&path, &(_, letters, _))| {
            let depth =
                member_paths.iter().find_map(|paths| at(paths, Some(path))).map_or(0, |d| items[d].depth);
            (path, letters, depth)
        })
        .collect();
    let most = eligible.iter().map(|e| e.1).max().unwrap_or(0);
    let body_col =
        eligible.iter().filter(|e| e.1 * 10 >= most * 9 && most > 0).max_by_key(|e| (e.2, e.1)).map(|e| e.0);
    // A member is a post when it holds the text's place and an author or a date: the rest
    // (a separator row, an advert slot) is not.
    let mut posts: Vec<(Block, u32)> = Vec::with_capacity(n);
    // Per place of a link that may be a title: the members having one there, and its texts.
    let mut titles: Map<u64, Vec<u64>> = Map::default();
    for ((mut block, paths), acc) in blocks.into_iter().zip(&member_paths).zip(&varying) {
        block.body = at(paths, body_col);
        if block.body.is_none() {
            continue;
        }
        // A variant of the template (a member without an avatar, a moderator's or a guest's
        // block) puts the name or the date elsewhere than most members: its own, outside its
        // text. A member with neither at the columns is a post only when it shows both.
        let outside = |d: usize| !block.body.is_some_and(|b| outline.contains(b, d));
        let own = |want: &dyn Fn(usize) -> bool| {
            paths.iter().skip(1).map(|&(d, _)| d).find(|&d| outside(d) && want(d))
        };
        let neither = block.author.is_none() && block.date.is_none();
        if block.author.is_none() {
            // A name, else (beside a post date at the column) the author's block, whose
            // first line is the name of a guest, who has no profile to link to.
            block.author = own(&|d| items[d].author == AuthorMark::Name)
                .or_else(|| own(&|d| !neither && items[d].author == AuthorMark::Block));
        }
        if block.date.is_none() {
            block.date = own(&|d| items[d].date.is_some_and(|x| x.kind == DateKind::Posted));
        }
        if neither && (block.author.is_none() || block.date.is_none()) {
            continue;
        }
        let letters = block
            .body
            .and_then(|d| paths.iter().position(|(e, _)| *e == d))
            .and_then(|k| acc.get(k).copied())
            .unwrap_or(0);
        let mut seen: Map<u64, ()> = Map::default();
        let opening = opening_link(outline, block.body);
        for &(d, path) in paths.iter().skip(1) {
            if is_title_link(outline, d, &block, opening) && seen.insert(path, ()).is_none() {
                titles.entry(path).or_default().push(items[d].text_hash);
            }
        }
        posts.push((block, letters));
    }
    // The title column: the place where most posts link elsewhere with a text.
    let (titled, distinct_titles) = titles
        .into_values()
        .map(|mut hashes| {
            let titled = hashes.len();
            hashes.sort_unstable();
            hashes.dedup();
            (titled, hashes.len())
        })
        .max()
        .unwrap_or((0, 0));
    let full = |(b, l): &&(Block, u32)| b.author.is_some() && b.date.is_some() && *l > 0;
    let complete = posts.iter().filter(full).count();
    let score = posts.iter().filter(full).map(|(_, l)| u64::from((*l).min(300))).sum();
    Reading { titled, distinct_titles, complete, score, blocks: posts.into_iter().map(|(b, _)| b).collect() }
}

/// A short description of where item `i` is (`div.posts > div.post`), for the page warning.
pub(super) fn describe(outline: &Outline<'_>, i: usize) -> String {
    let mut parts = Vec::new();
    let mut at = i;
    while let Some(item) = outline.items.get(at) {
        let e = item.el.value();
        let mut s = e.name().to_owned();
        if let Some(id) = e.id() {
            s.push('#');
            s.push_str(id);
        }
        for c in e.classes().take(3) {
            s.push('.');
            s.push_str(c);
        }
        parts.push(s);
        if parts.len() >= 3 {
            break;
        }
        at = item.parent;
    }
    parts.reverse();
    parts.join(" > ")
}

/// Whether an article stands before item `first` (outside it): a block of its own with a
/// byline (an author and one or two dates) and a long text, as blogs and news sites show the
/// article their reader comments are about.
pub(super) fn article_before(outline: &Outline<'_>, first: usize) -> bool {
    outline.items[..first].iter().any(|item| {
        item.end < first
            && item.sum.authors >= 1
            && (1..=2).contains(&item.sum.dates)
            && item.sum.body >= 200
            && item.depth >= 2
    })
}

/// A date shown just before item `first`, outside it (the opening post's date in the topic's
/// header, above a post that shows none of its own): the nearest post date among the few
/// dozen elements before it.
pub(super) fn header_date(outline: &Outline<'_>, first: usize) -> Option<usize> {
    let items = &outline.items;
    (first.saturating_sub(80)..first)
        .rev()
        .find(|&i| items[i].end < first && items[i].date.is_some_and(|m| m.kind == DateKind::Posted))
}
