//! phpBB: 2.0 (subSilver and its table-layout kin), 3.0 (prosilver, subsilver2), 3.1–3.3
//! (prosilver with `<time datetime>`), heavily customized styles built on them, and
//! SEO-rewritten URLs (`topic123.html`, `-t123.html`, `membre54/`).
//!
//! Posts are found by their bodies: `div.postbody` (its `div.content` in prosilver-like
//! styles; subsilver2's `div.postbody` is the text itself), else phpBB 2's `span.postbody` /
//! `td.postbody` and the table cell holding it. A post is its `div.post` (or `article`)
//! wrapper; table layouts spread a post over several rows of one table, so there the post is
//! the run of rows from the row holding its anchor or author name to the next post's (or a
//! spacer row), and the author block is the left column of those rows. A block shaped like a
//! post with no id, no date and no member is the style's chrome (a header row), not a post.

use std::collections::{HashMap, HashSet};

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use crate::body::{self, Markup, Role};
use crate::ctx::Ctx;
use crate::engines::chrome;
use crate::error::Error;
use crate::model::{
    Attachment, Author, Board, Edited, Engine, Format, Link, Page, Post, Signature, Site, Thread, Timestamp,
    Topic,
};
use crate::normalize::date::DayOrder;
use crate::normalize::number::{parse_count, parse_size};
use crate::normalize::text::{non_empty, squash};
use crate::normalize::url::{leading_id, post_id, query_param};
use crate::page::Document;
use crate::page::{contains, has_class, own_text, selectors, text};

/// Detection markers: selectors with weights (3 for markup only this engine writes, 1 or 2
/// for hints other software may share).
pub(crate) const MARKERS: &[(&str, u32)] = &[
    // 3.x prosilver and the styles built on it: the profile beside the post body.
    ("div.post dl.postprofile, div.post div.postbody > div[id^='post_content']", 3),
    ("div.postbody div[id^='post_content'] > div.content", 3),
    ("div.postbody p.author, div.postbody div.author", 1),
    ("dl.attachbox, dl.codebox, blockquote.uncited", 1),
    // subsilver2 (3.0): a table per post, the name in `b.postauthor`.
    ("table.tablebg .postauthor", 3),
    // 2.0 subSilver and kin: the name cell with the post anchor, the body cell.
    ("td span.name > a[name]", 2),
    ("span.postbody, td.postbody", 1),
    ("td.spaceRow, td.spacerow", 1),
    ("a[href*='memberlist.php?mode=viewprofile'], a[href*='profile.php?mode=viewprofile']", 1),
    ("a[href*='posting.php?mode=quote'], a[href*='posting.php?mode=reply']", 1),
];

selectors! {
    POST_IDS = "div.post[id^='p'], a[name^='p']";
}

selectors! {
    POSTBODY = "div.postbody";
    CONTENT = "div.content";
    POSTBODY_2 = "span.postbody, td.postbody";
    WRAPPER = "div.post, article";
    PROFILE_BLOCK = "dl.postprofile, div.postprofile, div[id^='profile']";
    /// What starts a post in a table layout: its anchor or its author's name.
    TABLE_POST_MARK = "span.name, .postauthor, a[name]";
    TIME = "time[datetime]";
    AUTHOR_LINE = "p.author, div.author, .timepost";
    DATE_LINE = "p.author, div.author, .timepost, .postdetails, td.gensmall > div, td.gensmall";
    USERNAME_LINK = "a.username, a.username-coloured";
    PROFILE_HREF = "a[href*='mode=viewprofile']";
    NAME_EL = "span.username, span.username-coloured, .postauthor, span.name, .name";
    AUTHOR_LINE_LINK = "a.username, a.username-coloured, strong a, b a";
    AUTHOR_LINE_NAME = "strong, b, span.username";
    DT = "dt";
    DT_LINK = "dt a[href]";
    DD = "dd";
    LIST = "ul, .dropdown-container";
    PROFILE_ROW = ".user-profile-row";
    PROFILE_TAG = ".user-profile-tag";
    PROFILE_OUTPUT = ".user-profile-output";
    POSTDETAILS = ".postdetails";
    RANK = ".profile-rank";
    AVATAR = "img.avatar, .avatar-container img, a.avatar img, .avatar img, .user-profile-avatar img, img[src*='avatar'], img[alt*='avatar' i], .postdetails img[alt='']";
    RANK_IMG = "img[src*='ranks/'], img[src*='/rank']";
    STATUS = "[title], img[alt], .online, .offline, .user-online, .user-offline";
    SUBJECT = "h3";
    POST_NUMBER = "a.icon_post_target";
    NOTICE = ".notice";
    GENSMALL = "td.gensmall, span.gensmall";
    SIGNATURE = "div.signature";
    ATTACHMENT = "dl.file, dl.thumbnail";
    STRONG = "strong, b";
    ANCHOR_ID = "a[id], a[name]";
    TOPIC_HEADING = "h2.topic-title, h2.page-title, .index-title h1";
    HEADING_LINK = "h2 a[href], h1 a[href], .maintitle a[href], a.maintitle, a.topictitle, a.titles";
    PAGE_BODY_H2 = "h2";
    MAINTITLE = ".maintitle";
    CRUMB_LINK = ".crumb > a";
    CRUMB_BOXES = "ul.navlinks li.icon-home, .navlinks, p.breadcrumbs, .breadcrumbs, ul.sub-crumb, td.nav, span.nav";
    HOME_LINK = "a[accesskey='h'], a.icon-home";
    DROPDOWN = ".dropdown-menu, .dropdown, .jumpbox";
    PAGE_BOXES = ".pagination, .paging, td.nav, span.nav";
    CURRENT = "li.active span, li.active, strong, b";
    REL_NEXT = "a[rel='next'], li.next a, .arrow.next a";
    REL_PREV = "a[rel='prev'], li.previous a, .arrow.previous a, li.prev a";
    SITE_NAME = "#site-description h1, .site-description h1";
    RETURN_LINK = "a[accesskey='r'][href]";
    FORUM_OPTION = "select[name='f'] option[value]";
    PHPBB_LINK = "a[href*='phpbb.com']";
    CLOCK = ".time, p.right, li.rightside, p.datetime, #datebar td";
}

/// phpBB's body markup: 3.x `blockquote` with a `cite` inside, subsilver2's
/// `div.quotetitle` before `div.quotecontent`, phpBB 2's quote and code tables (a header row,
/// then `td.quote` / `td.code`), `dl.codebox`, attachment boxes and media embeds.
struct PhpbbMarkup;

impl Markup for PhpbbMarkup {
    fn role(&self, el: ElementRef<'_>) -> Role {
        let parent = el.parent().and_then(ElementRef::wrap);
        let parent_is = |class: &str| parent.is_some_and(|p| has_class(p, class));
        match el.value().name() {
            "blockquote" => Role::Quote,
            "cite" => Role::QuoteHeader,
            "iframe" if el.attr("src").is_some() => Role::Embed,
            "code" => Role::Code,
            // "Code: Select all" above a code box (`dl.codebox > dt`, 3.1+ `div.codebox > p`).
            "dt" | "p" if parent_is("codebox") => Role::Skip,
            // "(20.12 KiB) Downloaded 3033 times" under an inline attachment's name.
            "dd" if parent_is("file") || parent_is("thumbnail") => Role::Skip,
            "table" if bbcode_table(el) == Some("quote") => Role::Quote,
            "td" => match bbcode_cell(el) {
                // An anonymous quote's header is the bare label "Quote:"; a named one says
                // "NAME wrote:".
                Some(("quote", false)) if text(el).split_whitespace().count() == 1 => Role::Skip,
                Some(("quote", false)) => Role::QuoteHeader,
                Some(("code", false)) => Role::Skip,
                Some(("code", true)) => Role::Code,
                _ => Role::Normal,
            },
            _ if has_class(el, "quotetitle") => Role::QuoteHeader,
            _ if has_class(el, "quotecontent") => Role::Quote,
            _ if has_class(el, "codetitle") => Role::Skip,
            _ if has_class(el, "codecontent") => Role::Code,
            _ => Role::Normal,
        }
    }
}

/// The rows of a table, through its `tbody`/`thead`.
fn rows(table: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    let mut out = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => out.push(child),
            "tbody" | "thead" | "tfoot" => {
                out.extend(child.children().filter_map(ElementRef::wrap).filter(|r| r.value().name() == "tr"))
            }
            _ => {}
        }
    }
    out
}

fn cells(row: ElementRef<'_>) -> impl Iterator<Item = ElementRef<'_>> {
    row.children().filter_map(ElementRef::wrap).filter(|c| matches!(c.value().name(), "td" | "th"))
}

/// phpBB 2 writes `[quote]` and `[code]` as a table: a header row ("X wrote:", "Code:"), then
/// a row whose cell is `td.quote` or `td.code`. Returns "quote" or "code".
fn bbcode_table(table: ElementRef<'_>) -> Option<&'static str> {
    let rows = rows(table);
    if rows.len() != 2 {
        return None;
    }
    let cell = cells(rows[1]).next()?;
    ["quote", "code"].into_iter().find(|k| has_class(cell, k))
}

/// For a cell of a phpBB 2 quote or code table: the table's kind and whether the cell is the
/// content (`true`) or the header (`false`).
fn bbcode_cell(td: ElementRef<'_>) -> Option<(&'static str, bool)> {
    let row = td.parent().and_then(ElementRef::wrap)?;
    let table = row.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "table")?;
    let kind = bbcode_table(table)?;
    Some((kind, has_class(td, kind)))
}

/// One post as found on the page.
struct Found<'a> {
    /// The element whose children are the post's text.
    body: ElementRef<'a>,
    /// phpBB 2's body cell, which also holds the signature (after a rule of underscores)
    /// and the edit note.
    cell: bool,
    /// The elements making up the post: its wrapper, or its table rows.
    parts: Vec<ElementRef<'a>>,
    /// The author block: `dl.postprofile` and kin, or the left cells of a table post.
    author: Vec<ElementRef<'a>>,
    /// Bodies of later rows that carry this post's anchor again: a style that puts the
    /// signature in its own row (subsilver2 kin) draws it as a second body.
    signature_rows: Vec<ElementRef<'a>>,
}

impl<'a> Found<'a> {
    /// Elements of the post matching `sel`, outside the body, in page order.
    fn outside(&self, sel: &'static Selector) -> impl Iterator<Item = ElementRef<'a>> + '_ {
        self.parts.iter().flat_map(move |p| p.select(sel)).filter(move |e| !contains(self.body, *e))
    }

    /// Elements of the author block matching `sel`.
    fn in_author(&self, sel: &'static Selector) -> impl Iterator<Item = ElementRef<'a>> + '_ {
        self.author.iter().flat_map(move |b| b.select(sel))
    }

    fn in_author_block(&self, el: ElementRef<'_>) -> bool {
        self.author.iter().any(|b| contains(*b, el))
    }
}

pub(crate) fn parse(doc: &Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
    let found = find_posts(doc);
    if found.is_empty() {
        return Err(Error::NotAThread {
            looked_for: "phpBB post bodies (div.postbody, span.postbody, td.postbody)".into(),
        });
    }
    if ctx.dates.now.is_none() {
        ctx.dates.now = current_time(doc);
    }
    if ctx.dates.offset.is_none() {
        ctx.dates.offset = displayed_offset(doc);
    }
    let mut thread =
        Thread { engine_version: engine_version(doc), ..Thread::new(Engine::Phpbb, Format::Html) };
    thread.url = ctx.canonical();
    thread.topic = topic(doc, ctx);
    let (page, posts_total, start) = page(doc, ctx, thread.url.as_deref());
    thread.page = page;
    thread.topic.replies = posts_total.and_then(|n| n.checked_sub(1));
    thread.site = site(doc, thread.topic.title.as_deref(), &thread.topic.breadcrumbs);
    for f in &found {
        let n = thread.posts.len() + 1;
        let position = start.and_then(|s| u32::try_from(s + n).ok());
        let warned = ctx.warnings.len();
        let post = post(f, ctx, n, position);
        if is_chrome(&post) {
            // Its warnings are about a post that is not there.
            ctx.warnings.truncate(warned);
            continue;
        }
        thread.posts.push(post);
    }
    if thread.posts.is_empty() {
        return Err(Error::NotAThread {
            looked_for:
                "phpBB post bodies (div.postbody, span.postbody, td.postbody) with an id, a date or a member"
                    .into(),
        });
    }
    Ok(thread)
}

/// A block shaped like a post with nothing of a post: no id, no date and no member (a
/// name, if any, that links to no profile). Styles with a subsilver look draw their
/// "Author | Message" header row, and some a footer row, as a `div.post` without an id;
/// the name read from its profile column is the label "Author".
fn is_chrome(post: &Post) -> bool {
    post.id.is_none()
        && post.url.is_none()
        && post.date.is_none()
        && post.date_raw.is_none()
        && post.author.id.is_none()
        && post.author.url.is_none()
}

/// Post bodies in page order, each with its post's parts and author block.
fn find_posts<'a>(doc: &Document<'a>) -> Vec<Found<'a>> {
    let bodies = bodies(doc);
    let ids: Vec<NodeId> = bodies.iter().map(|(b, _)| b.id()).collect();
    // How many bodies each element holds (as an ancestor), counted once for the page: asking
    // each post's wrapper for every body made pages of thousands of posts quadratic.
    let counts = ancestor_counts(doc, &ids);
    let is_body: HashSet<NodeId> = ids.iter().copied().collect();
    let mut out = Vec::with_capacity(bodies.len());
    let mut tables = TableRows::new();
    for (body, cell) in bodies.iter().copied() {
        let holds_one = |el: ElementRef<'_>| {
            counts.get(&el.id()).copied().unwrap_or(0) + usize::from(is_body.contains(&el.id())) == 1
        };
        let wrapper = body
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find(|a| WRAPPER.matches(a))
            .filter(|w| holds_one(*w));
        let found = match wrapper {
            Some(w) => Found {
                body,
                cell,
                parts: vec![w],
                author: profile_blocks(w, body),
                signature_rows: Vec::new(),
            },
            None => match table_rows(body, &mut tables) {
                Some(rows) => {
                    let author = rows
                        .iter()
                        .filter_map(|r| cells(*r).next())
                        .filter(|c| !contains(*c, body))
                        .collect();
                    Found { body, cell, parts: rows, author, signature_rows: Vec::new() }
                }
                None => {
                    let c = largest_container(doc, body, &counts);
                    Found {
                        body,
                        cell,
                        parts: vec![c],
                        author: profile_blocks(c, body),
                        signature_rows: Vec::new(),
                    }
                }
            },
        };
        out.push(found);
    }
    join_signature_rows(out)
}

/// Table layouts spread a post over rows; a later row that carries the post's anchor again
/// (`a[name=pN]`) and a body of its own continues the post rather than starting one: some
/// subsilver2 styles put the signature in such a row. Its rows join the post's, and its
/// body is the post's signature.
fn join_signature_rows(found: Vec<Found<'_>>) -> Vec<Found<'_>> {
    let mut out: Vec<Found<'_>> = Vec::with_capacity(found.len());
    let mut last_anchor: Option<String> = None;
    for f in found {
        let anchor = post_anchor(&f);
        let in_rows = |f: &Found<'_>| f.parts.iter().all(|p| p.value().name() == "tr");
        match out.last_mut() {
            Some(prev) if anchor.is_some() && anchor == last_anchor && in_rows(prev) && in_rows(&f) => {
                prev.signature_rows.push(f.body);
                prev.parts.extend(f.parts);
                prev.author.extend(f.author);
            }
            _ => {
                last_anchor = anchor;
                out.push(f);
            }
        }
    }
    out
}

/// For every element, how many of the nodes `ids` it holds as an ancestor.
fn ancestor_counts(doc: &Document<'_>, ids: &[NodeId]) -> HashMap<NodeId, usize> {
    let mut counts: HashMap<NodeId, usize> = HashMap::new();
    for id in ids {
        if let Some(node) = doc.tree.get(*id) {
            for a in node.ancestors() {
                *counts.entry(a.id()).or_default() += 1;
            }
        }
    }
    counts
}

/// `els` without those inside another of them (in time linear in their depth).
fn outermost<'a>(els: &[ElementRef<'a>]) -> Vec<ElementRef<'a>> {
    let set: HashSet<NodeId> = els.iter().map(|e| e.id()).collect();
    els.iter().copied().filter(|e| !e.ancestors().any(|a| set.contains(&a.id()))).collect()
}

/// `div.postbody` (its `div.content` when it has one), else phpBB 2's body cells. The flag
/// says the body is a phpBB 2 cell.
fn bodies<'a>(doc: &Document<'a>) -> Vec<(ElementRef<'a>, bool)> {
    let postbodies: Vec<ElementRef<'_>> = doc
        .select(&POSTBODY)
        .filter(|p| !p.ancestors().filter_map(ElementRef::wrap).any(|a| POSTBODY.matches(&a)))
        .collect();
    if !postbodies.is_empty() {
        return postbodies
            .into_iter()
            .map(|p| {
                let content = p.select(&CONTENT).find(|c| {
                    !c.ancestors()
                        .take_while(|a| a.id() != p.id())
                        .filter_map(ElementRef::wrap)
                        .any(|a| a.value().name() == "blockquote")
                });
                (content.unwrap_or(p), false)
            })
            .collect();
    }
    // phpBB 2: the cell holding `span.postbody` (a quote splits the text into several spans)
    // or `td.postbody` itself; spans reopened inside a quote's `td.quote` are the same post.
    let mut cells: Vec<ElementRef<'_>> = Vec::new();
    let mut cell_ids: HashSet<NodeId> = HashSet::new();
    for el in doc.select(&POSTBODY_2) {
        let cell = if el.value().name() == "td" {
            Some(el)
        } else {
            el.ancestors().filter_map(ElementRef::wrap).find(|a| a.value().name() == "td")
        };
        let Some(cell) = cell else { continue };
        if has_class(cell, "quote")
            || cell_ids.contains(&cell.id())
            || cell.ancestors().any(|a| cell_ids.contains(&a.id()))
        {
            continue;
        }
        cell_ids.insert(cell.id());
        cells.push(cell);
    }
    cells.into_iter().map(|c| (c, true)).collect()
}

/// The author blocks inside a post wrapper: `dl.postprofile`, `div#profileN`, ... (not nested
/// in one another, not in the body).
fn profile_blocks<'a>(wrapper: ElementRef<'a>, body: ElementRef<'a>) -> Vec<ElementRef<'a>> {
    let all: Vec<ElementRef<'a>> = wrapper.select(&PROFILE_BLOCK).filter(|b| !contains(body, *b)).collect();
    outermost(&all)
}

/// The rows of a table-layout post: from the row holding its anchor or author name to the
/// next post's such row, a spacer row, or the table's end.
fn table_rows<'a>(body: ElementRef<'a>, tables: &mut TableRows<'a>) -> Option<Vec<ElementRef<'a>>> {
    let table = body
        .ancestors()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "table")
        .find(|t| t.select(&TABLE_POST_MARK).any(|m| !contains(body, m)))?;
    // A phpBB 2 page holds every post in one table: its rows are listed once per page, and
    // a body's row is found through its ancestors, not by scanning the rows.
    let (rows, index) = tables.entry(table.id()).or_insert_with(|| {
        let rows = rows(table);
        let index = rows.iter().enumerate().map(|(i, r)| (r.id(), i)).collect();
        (rows, index)
    });
    let rows: &[ElementRef<'a>] = rows;
    let at = std::iter::once(body.id())
        .chain(body.ancestors().map(|a| a.id()))
        .find_map(|id| index.get(&id).copied())?;
    let starts = |r: ElementRef<'_>| r.select(&TABLE_POST_MARK).any(|m| !contains(body, m));
    let start = (0..=at).rev().find(|&i| starts(rows[i])).unwrap_or(at);
    let mut end = at + 1;
    while end < rows.len() && !starts(rows[end]) && !is_spacer(rows[end]) {
        end += 1;
    }
    Some(rows[start..end].to_vec())
}

/// The rows of the tables met so far, with each row's index.
type TableRows<'a> = HashMap<NodeId, (Vec<ElementRef<'a>>, HashMap<NodeId, usize>)>;

/// A row between posts: its cells are classed `spacer`, `spacerow` or `spaceRow`.
fn is_spacer(row: ElementRef<'_>) -> bool {
    let mut cells = cells(row).peekable();
    cells.peek().is_some()
        && cells.all(|c| c.value().classes().any(|k| k.to_ascii_lowercase().starts_with("space")))
}

/// The largest ancestor of `body` holding no other body: the fallback for styles without a
/// post wrapper or table.
fn largest_container<'a>(
    doc: &scraper::Html,
    body: ElementRef<'a>,
    counts: &HashMap<NodeId, usize>,
) -> ElementRef<'a> {
    let mut best = body;
    for a in body.ancestors().filter_map(ElementRef::wrap) {
        if counts.get(&a.id()) == Some(&1) && a.id() != doc.root_element().id() && a.value().name() != "body"
        {
            best = a;
        } else {
            break;
        }
    }
    best
}

fn post(f: &Found<'_>, ctx: &mut Ctx, n: usize, position: Option<u32>) -> Post {
    let mut post = Post::default();
    post.id = post_anchor(f);
    post.url = permalink(f, post.id.as_deref()).and_then(|h| ctx.url(h));
    if post.id.is_none() {
        post.id = post.url.as_deref().and_then(post_id);
    }
    post.position = f
        .outside(&POST_NUMBER)
        .find_map(|a| text(a).strip_prefix('#').and_then(leading_id))
        .and_then(|p| p.parse().ok())
        .or(position);

    let line = date_line(f);
    let line_el = line.as_ref().map(|(el, _)| *el);
    post.subject = subject(f, line_el);
    let author_line = f.outside(&AUTHOR_LINE).find(|el| !f.in_author_block(*el));
    match f.outside(&TIME).find(|t| !f.in_author_block(*t)) {
        Some(time) => {
            post.date_raw = non_empty(&text(time));
            post.date = time.attr("datetime").and_then(|d| ctx.date(d, Some(n), "date"));
        }
        None => match line {
            Some((_, raw)) => {
                post.date = ctx.date(&raw, Some(n), "date");
                post.date_raw = Some(raw);
            }
            None => ctx.warn(Some(n), "date", "no date line found beside the post"),
        },
    }
    post.author = author(f, author_line.or(line_el), ctx, n);
    if post.author.name.is_none() {
        ctx.warn(Some(n), "author.name", "no author name in the author block");
    }

    let (read, separate_sig, edit_notes) = if f.cell {
        read_cell(f, ctx, n)
    } else {
        (body::read(f.body, &PhpbbMarkup, ctx, n), None, Vec::new())
    };
    read.fill(&mut post);
    post.signature = separate_sig.or_else(|| row_signature(f, ctx, n)).or_else(|| signature(f, ctx, n));
    post.edited = edit_notes
        .into_iter()
        .chain(f.outside(&NOTICE))
        .chain(f.outside(&GENSMALL).filter(|g| is_after(*g, f.body)))
        .find_map(|el| edited(el, ctx, n));
    post.attachments = attachments(f, ctx);
    post
}

/// Whether `el` comes after `other` (and outside it) in page order. Node ids are in page
/// order (`parser::parse_document` builds the tree so); walking the rest of the page from
/// `other` instead made every post cost the page after it.
fn is_after(el: ElementRef<'_>, other: ElementRef<'_>) -> bool {
    el.id() > other.id() && !contains(other, el)
}

/// The post id: the wrapper's `id="p123"`, else an anchor `id`/`name` (`p123`, phpBB 2's
/// bare `123`), else the body's `post_content123`.
fn post_anchor(f: &Found<'_>) -> Option<String> {
    let from_id = |id: &str| {
        let rest = id.strip_prefix('p').unwrap_or(id);
        (!rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit())).then(|| rest.to_owned())
    };
    f.parts
        .iter()
        .filter(|p| WRAPPER.matches(p))
        .find_map(|p| p.attr("id").and_then(from_id))
        .or_else(|| f.outside(&ANCHOR_ID).find_map(|a| a.attr("id").or(a.attr("name")).and_then(from_id)))
        .or_else(|| {
            f.body.ancestors().filter_map(ElementRef::wrap).chain(std::iter::once(f.body)).find_map(|a| {
                a.attr("id").and_then(|id| id.strip_prefix("post_content")).and_then(leading_id)
            })
        })
}

/// The permalink: a link to this post that is not a button (quote, report, PM); a bare
/// `#p123` fragment only when nothing better is there.
fn permalink<'a>(f: &Found<'a>, id: Option<&str>) -> Option<&'a str> {
    let links: Vec<&'a str> = f
        .outside(&crate::page::ANCHOR)
        .filter_map(|a| a.attr("href"))
        .filter(|h| post_id(h).is_some() && (id.is_none() || post_id(h).as_deref() == id))
        .filter(|h| {
            !["posting.php", "ucp.php", "report.php", "mcp.php", "mode="].iter().any(|b| h.contains(b))
        })
        .collect();
    links.iter().find(|h| !h.starts_with('#')).or(links.first()).copied()
}

/// The line holding the post's date (`p.author` "by NAME » DATE", subsilver2's "Posted: DATE",
/// phpBB 2's `.postdetails`), outside the author block, with the date as shown: the first
/// text outside links the date pipeline reads, else the text of a link to the post that it
/// reads (3.3 styles whose `p.author` is only the permalink, the date its text), else the
/// first text that looks like a date (two runs of digits).
fn date_line<'a>(f: &Found<'a>) -> Option<(ElementRef<'a>, String)> {
    let lines: Vec<(ElementRef<'a>, Vec<String>)> =
        f.outside(&DATE_LINE).filter(|el| !f.in_author_block(*el)).map(|el| (el, own_texts(el))).collect();
    let find = |ok: &dyn Fn(&str) -> bool| {
        lines.iter().find_map(|(el, texts)| texts.iter().find(|t| ok(t)).map(|t| (*el, t.clone())))
    };
    let permalink_text = || {
        lines.iter().find_map(|(el, _)| {
            el.select(&crate::page::ANCHOR)
                .filter(|a| a.attr("href").and_then(post_id).is_some())
                .map(text)
                .find(|t| crate::normalize::date::is_date(t))
                .map(|t| (*el, t))
        })
    };
    let (el, date) = find(&crate::normalize::date::is_date)
        .or_else(permalink_text)
        .or_else(|| find(&|t| chrome::numbers(t).len() >= 2 && t.chars().count() <= 60))?;
    // The innermost line holding the date (subsilver2's `div` rather than its `td.gensmall`).
    let inner = lines
        .iter()
        .rfind(|(l, texts)| l.id() != el.id() && contains(el, *l) && texts.contains(&date))
        .map_or(el, |(l, _)| *l);
    Some((inner, date))
}

/// An element's text nodes outside links and bold labels (the author's name, "Posted:"),
/// without a leading "»" or "Posted:"-like label. Descendants count, not only children:
/// pages saved as XHTML (`<i class="icon"/>`) leave the date inside a reopened `<i>`.
fn own_texts(el: ElementRef<'_>) -> Vec<String> {
    el.descendants()
        .filter(|d| {
            d.value().is_text()
                && !d.ancestors().take_while(|a| a.id() != el.id()).filter_map(ElementRef::wrap).any(|a| {
                    matches!(a.value().name(), "a" | "strong" | "b")
                        || has_class(a, "sr-only")
                        || has_class(a, "username")
                })
        })
        .filter_map(|c| c.value().as_text().map(|t| squash(t)))
        .map(|t| {
            let t =
                t.trim_matches(|c: char| c == '»' || c == '•' || c == '|' || c.is_whitespace()).to_owned();
            match t.split_once(": ") {
                Some((label, rest))
                    if !label.chars().any(|c| c.is_ascii_digit())
                        && label.split_whitespace().count() <= 3 =>
                {
                    rest.trim().to_owned()
                }
                _ => t,
            }
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// The post's subject: its `h3` in 3.x; the "Post subject:" text of table layouts.
fn subject(f: &Found<'_>, line: Option<ElementRef<'_>>) -> Option<String> {
    if let Some(h3) = f.outside(&SUBJECT).next() {
        return non_empty(&text(h3));
    }
    let line = line?;
    // subsilver2: `<div><b>Post subject:</b> TEXT</div>` beside the date's div.
    let sibling_div = line
        .prev_siblings()
        .chain(line.next_siblings())
        .filter_map(ElementRef::wrap)
        .find(|s| s.value().name() == "div" && s.select(&STRONG).next().is_some());
    if let Some(div) = sibling_div {
        return non_empty(&own_text(div));
    }
    // phpBB 2: "Posted: DATE  Post subject: TEXT" in one span, the subject last.
    let texts: Vec<String> = line.children().filter_map(|c| c.value().as_text().map(|t| squash(t))).collect();
    let last = texts.iter().rev().find(|t| !t.is_empty())?;
    let (label, subject) = last.split_once(": ")?;
    (texts.iter().filter(|t| !t.is_empty()).count() > 1 && !label.chars().any(|c| c.is_ascii_digit()))
        .then(|| subject.trim().to_owned())
        .filter(|s| !s.is_empty())
}

/// Reads the author: the profile block's name link, else the "by NAME" link of the date
/// line; labeled facts from `dd`s (3.x), `.user-profile-row`s (bootstrap styles) or
/// `.postdetails` lines (2.0, subsilver2).
fn author(f: &Found<'_>, line: Option<ElementRef<'_>>, ctx: &mut Ctx, n: usize) -> Author {
    let mut a = Author::default();
    let has_text = |l: &ElementRef<'_>| !text(*l).is_empty();
    let name_link = f
        .in_author(&USERNAME_LINK)
        .find(has_text)
        .or_else(|| f.in_author(&DT_LINK).find(has_text))
        .or_else(|| line.and_then(|l| l.select(&AUTHOR_LINE_LINK).find(has_text)));
    let profile_href = name_link
        .and_then(|l| l.attr("href"))
        .or_else(|| f.in_author(&PROFILE_HREF).find_map(|l| l.attr("href")))
        .or_else(|| {
            f.outside(&PROFILE_HREF)
                .filter(|l| {
                    !l.ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|x| NOTICE.matches(&x) || GENSMALL.matches(&x))
                })
                .find_map(|l| l.attr("href"))
        });
    a.name = name_link.map(text).filter(|s| !s.is_empty()).or_else(|| {
        f.in_author(&NAME_EL)
            .find_map(|e| non_empty(&text(e)))
            .or_else(|| f.in_author(&DT).find_map(|e| non_empty(&text(e))))
            .or_else(|| line.and_then(|l| l.select(&AUTHOR_LINE_NAME).find_map(|e| non_empty(&text(e)))))
    });
    match profile_href {
        Some(href) => {
            a.id = chrome::id_param(href, "u").or_else(|| chrome::trailing_id(href, ""));
            a.url = ctx.url(href);
        }
        None => a.guest = true,
    }
    a.avatar_url = f.in_author(&AVATAR).find_map(|i| i.attr("src")).and_then(|s| ctx.url(s));
    a.online = online(f);

    a.rank = f.in_author(&RANK).find_map(|el| non_empty(&text(el)));
    let mut rank_img = f
        .in_author(&RANK_IMG)
        .next()
        .and_then(|img| img.attr("title").or(img.attr("alt")))
        .and_then(non_empty);
    let name = a.name.clone().unwrap_or_default();
    let mut labeled_seen = false;
    for (label, value, el) in facts(f) {
        match label {
            None => {
                if let Some(img) = el.and_then(|e| e.select(&crate::page::IMG).next()) {
                    rank_img = rank_img.or_else(|| img.attr("title").or(img.attr("alt")).and_then(non_empty));
                }
                if !labeled_seen && a.rank.is_none() && !value.is_empty() && value != name {
                    a.rank = Some(value);
                }
            }
            Some(label) => {
                labeled_seen = true;
                if value != name {
                    chrome::profile_field(&mut a, &label, &value, ctx, n, DayOrder::Auto);
                }
            }
        }
    }
    if a.rank.is_none() {
        a.rank = rank_img;
    }
    a
}

/// Labeled facts of the author block, in page order: (label, value, element). Unlabeled
/// lines have no label; the first is the rank in 3.0 and 2.0.
fn facts<'a>(f: &Found<'a>) -> Vec<(Option<String>, String, Option<ElementRef<'a>>)> {
    let mut out = Vec::new();
    for block in &f.author {
        // 3.x: `<dd><strong>Posts:</strong> 138</dd>`, unlabeled `<dd>Rank</dd>`.
        for dd in block.select(&DD) {
            // The rank is read apart; contact and PM buttons are no facts.
            if RANK.matches(&dd) || has_class(dd, "profile-contact") || dd.select(&LIST).next().is_some() {
                continue;
            }
            let full = text(dd);
            let label = dd.select(&STRONG).next().map(text).filter(|l| l.ends_with(':'));
            match label {
                Some(label) => {
                    let value = full.strip_prefix(label.as_str()).unwrap_or(&full).trim().to_owned();
                    out.push((Some(label.trim_end_matches(':').trim().to_owned()), value, Some(dd)));
                }
                None => out.push((None, full, Some(dd))),
            }
        }
        // Bootstrap styles: `.user-profile-tag` "Posts" beside `.user-profile-output` "7416".
        for row in block.select(&PROFILE_ROW) {
            let (Some(tag), Some(output)) =
                (row.select(&PROFILE_TAG).next(), row.select(&PROFILE_OUTPUT).next())
            else {
                continue;
            };
            out.push((non_empty(&text(tag)), text(output), Some(output)));
        }
        // 2.0 and subsilver2: "Joined: 20 Oct 2008<br />Posts: 72" lines, link texts
        // included (a rank or a value may be a link).
        let details: Vec<ElementRef<'a>> = block.select(&POSTDETAILS).collect();
        for d in outermost(&details) {
            for line in crate::page::text_lines(d, true) {
                match chrome::split_label(&line) {
                    Some((label, value)) => out.push((Some(label.to_owned()), value.to_owned(), None)),
                    None => out.push((None, line, Some(d))),
                }
            }
        }
    }
    out
}

/// Online status: an "Online"/"Offline" icon or title (subsilver2, custom 3.x styles), or
/// prosilver's `online` class on the post.
fn online(f: &Found<'_>) -> Option<bool> {
    let says = |s: &str| {
        let s = s.to_ascii_lowercase();
        if s.contains("offline") || s.contains("user-offline") {
            Some(false)
        } else if s.contains("online") {
            Some(true)
        } else {
            None
        }
    };
    if f.parts.iter().any(|p| WRAPPER.matches(p) && has_class(*p, "online")) {
        return Some(true);
    }
    f.author.iter().flat_map(|b| b.select(&STATUS)).find_map(|e| {
        let class = e.attr("class").unwrap_or_default();
        let src = e.attr("src").unwrap_or_default();
        let file = src.rsplit('/').next().unwrap_or_default();
        says(e.attr("title").unwrap_or_default())
            .filter(|_| e.value().name() != "a")
            .or_else(|| {
                says(class).filter(|_| {
                    class.contains("user-o") || class.split(' ').any(|c| c == "online" || c == "offline")
                })
            })
            .or_else(|| says(file))
    })
}

/// phpBB 2's body cell: the text before the signature rule is the body; a `span.gensmall`
/// after the text is the edit note. Returns the body, the signature and the edit notes.
fn read_cell<'a>(
    f: &Found<'a>,
    ctx: &mut Ctx,
    n: usize,
) -> (body::Body, Option<Signature>, Vec<ElementRef<'a>>) {
    let mut html = String::new();
    let mut notes = Vec::new();
    for child in f.body.children() {
        match child.value() {
            Node::Text(t) => html.push_str(&escape(t)),
            Node::Element(e) if e.name() == "span" && e.classes().any(|c| c == "gensmall") => {
                if let Some(el) = ElementRef::wrap(child) {
                    notes.push(el);
                }
            }
            Node::Element(_) => {
                if let Some(el) = ElementRef::wrap(child) {
                    html.push_str(&el.html());
                }
            }
            _ => {}
        }
    }
    let (body_html, sig_html) = split_signature(&html);
    let fragment = Html::parse_fragment(&body_html);
    let read = body::read(fragment.root_element(), &PhpbbMarkup, ctx, n);
    let signature = sig_html.and_then(|s| {
        let fragment = Html::parse_fragment(&s);
        body::signature(fragment.root_element(), &PhpbbMarkup, ctx, n)
    });
    (read, signature, notes)
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The rule phpBB 2 and subsilver2 put between a post and its signature.
const SIG_RULE: &str = "_________________";

/// Splits HTML at the last signature rule: the text before, and the signature after.
fn split_signature(html: &str) -> (String, Option<String>) {
    let Some(at) = html.rfind(SIG_RULE) else {
        return (html.to_owned(), None);
    };
    let before = html[..at].trim_end();
    let before = before.strip_suffix("<br>").unwrap_or(before);
    let after = html[at..].trim_start_matches('_').trim_start();
    let after = after.strip_prefix("<br>").unwrap_or(after);
    (before.to_owned(), Some(after.to_owned()))
}

/// The signature: `div.signature`, else (table layouts) an element after the body whose
/// text starts with the signature rule.
fn signature(f: &Found<'_>, ctx: &mut Ctx, n: usize) -> Option<Signature> {
    if let Some(sig) = f.outside(&SIGNATURE).next() {
        return body::signature(sig, &PhpbbMarkup, ctx, n);
    }
    if f.parts.iter().all(|p| WRAPPER.matches(p)) {
        return None;
    }
    let sig = f
        .parts
        .iter()
        .flat_map(|p| p.descendants().filter_map(ElementRef::wrap))
        .filter(|e| !contains(f.body, *e) && !f.in_author_block(*e))
        .find(|e| {
            text(*e).starts_with(SIG_RULE)
                && e.children().filter_map(ElementRef::wrap).all(|c| !text(c).starts_with(SIG_RULE))
        })?;
    let (_, after) = split_signature(&sig.inner_html());
    let fragment = Html::parse_fragment(&after?);
    body::signature(fragment.root_element(), &PhpbbMarkup, ctx, n)
}

/// The signature drawn in a row of its own (see [`join_signature_rows`]): that row's body,
/// after the signature rule when it has one.
fn row_signature(f: &Found<'_>, ctx: &mut Ctx, n: usize) -> Option<Signature> {
    let html: String = f.signature_rows.iter().map(|b| b.inner_html()).collect();
    if html.trim().is_empty() {
        return None;
    }
    let html = split_signature(&html).1.unwrap_or(html);
    let fragment = Html::parse_fragment(&html);
    body::signature(fragment.root_element(), &PhpbbMarkup, ctx, n)
}

/// Reads an edit note ("Last edited by X on DATE, edited N times in total.", with an
/// optional "Reason: ..." after a line break).
fn edited(el: ElementRef<'_>, ctx: &mut Ctx, n: usize) -> Option<Edited> {
    let mut first_line = String::new();
    let mut reason = String::new();
    let mut in_reason = false;
    for child in el.children() {
        match child.value() {
            // phpBB 2 puts two line breaks before the note; one after it starts the reason.
            Node::Element(e) if e.name() == "br" => in_reason = !first_line.trim().is_empty(),
            Node::Element(e) if matches!(e.name(), "strong" | "b") && in_reason => {}
            _ => {
                let t = match ElementRef::wrap(child) {
                    Some(c) => c.text().collect::<String>(),
                    None => child.value().as_text().map(|t| t.to_string()).unwrap_or_default(),
                };
                if in_reason {
                    reason.push_str(&t);
                } else {
                    first_line.push_str(&t);
                }
            }
        }
    }
    if !first_line.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let editor = el.select(&crate::page::ANCHOR).next().map(text);
    let (date_raw, by) = body::split_edit(&first_line, editor.as_deref());
    date_raw.as_ref()?;
    let date = date_raw.as_deref().and_then(|d| ctx.date(d, Some(n), "edited.date"));
    Some(Edited { date, date_raw, by, reason: non_empty(&reason) })
}

/// Attachments: `dl.file` (a link, then "(20.12 KiB) Downloaded 3033 times") and
/// `dl.thumbnail` (an image titled "name (43.61 KiB) Viewed 14887 times"), in the body or the
/// `dl.attachbox` below it.
fn attachments(f: &Found<'_>, ctx: &Ctx) -> Vec<Attachment> {
    let mut out: Vec<Attachment> = Vec::new();
    let mut seen: HashSet<(String, Option<String>)> = HashSet::new();
    for dl in f.parts.iter().flat_map(|p| p.select(&ATTACHMENT)) {
        if f.in_author_block(dl) {
            continue;
        }
        let link = dl.select(&crate::page::ANCHOR).next();
        let img = dl.select(&crate::page::IMG).next();
        let info = if has_class(dl, "thumbnail") {
            img.and_then(|i| i.attr("title")).map(squash)
        } else {
            dl.select(&DD).next().map(text)
        }
        .unwrap_or_default();
        let (named, info) = match info.split_once(" (") {
            Some((name, rest)) if !name.is_empty() => (Some(name.to_owned()), format!("({rest}")),
            _ => (None, info),
        };
        let name = link
            .map(text)
            .filter(|t| !t.is_empty())
            .or(named)
            .or_else(|| img.and_then(|i| i.attr("alt")).and_then(non_empty));
        let Some(name) = name else { continue };
        let (size, downloads) = match info.split_once(')') {
            Some((size, rest)) => (parse_size(size.trim_start_matches('(')), parse_count(rest)),
            None => (None, parse_count(&info)),
        };
        let url = link
            .and_then(|l| l.attr("href"))
            .or_else(|| img.and_then(|i| i.attr("src")))
            .and_then(|h| ctx.url(h));
        if !seen.insert((name.clone(), url.clone())) {
            continue;
        }
        out.push(Attachment { name, url, size, downloads });
    }
    out
}

/// The topic: title, id and URL, breadcrumbs and board.
fn topic(doc: &Document<'_>, ctx: &Ctx) -> Topic {
    let mut topic = Topic::default();
    let heading_link = doc.select(&HEADING_LINK).find(|a| a.attr("href").and_then(topic_id).is_some());
    topic.title = doc
        .select(&TOPIC_HEADING)
        .find_map(|h| non_empty(&text(h)))
        .or_else(|| heading_link.and_then(|a| non_empty(&text(a))))
        .or_else(|| doc.select(&MAINTITLE).find_map(|h| non_empty(&text(h))))
        .or_else(|| doc.select(&PAGE_BODY_H2).find_map(|h| non_empty(&text(h))))
        .or_else(|| doc.select(&crate::page::TITLE).next().and_then(|t| title_from_head(&text(t))));
    let topic_href = heading_link
        .and_then(|a| a.attr("href"))
        .or_else(|| ctx.page.canonical.as_deref().filter(|h| topic_id(h).is_some()))
        .or_else(|| {
            doc.select(&crate::page::ANCHOR).filter_map(|a| a.attr("href")).find(|h| {
                (h.contains("viewtopic") || h.contains("posting.php?mode=reply")) && topic_id(h).is_some()
            })
        });
    topic.id = topic_href.and_then(topic_id);
    topic.url = heading_link.and_then(|a| a.attr("href")).and_then(|h| ctx.url(h));
    topic.breadcrumbs = breadcrumbs(doc, ctx);
    topic.board = topic
        .breadcrumbs
        .iter()
        .rev()
        .find_map(|c| {
            let id = c.url.as_deref().and_then(forum_id)?;
            Some(Board { id: Some(id), name: Some(c.text.clone()), url: c.url.clone() })
        })
        .or_else(|| board_elsewhere(doc, ctx));
    topic
}

/// The board when no breadcrumb names it: the "Return to FORUM" link's forum id, named by
/// the jump box's option for it (or the jump box's selected forum).
fn board_elsewhere(doc: &Document<'_>, ctx: &Ctx) -> Option<Board> {
    let back = doc.select(&RETURN_LINK).find_map(|a| {
        let href = a.attr("href")?;
        Some((forum_id(href)?, href))
    });
    let options: Vec<ElementRef<'_>> = doc.select(&FORUM_OPTION).collect();
    let id = back
        .as_ref()
        .map(|(id, _)| id.clone())
        .or_else(|| {
            options
                .iter()
                .find(|o| o.attr("selected").is_some())
                .and_then(|o| o.attr("value"))
                .map(str::to_owned)
        })
        .filter(|id| id.bytes().all(|b| b.is_ascii_digit()) && id != "0")?;
    let name =
        options.iter().find(|o| o.attr("value") == Some(id.as_str())).and_then(|o| non_empty(&text(*o)));
    Some(Board { id: Some(id), name, url: back.and_then(|(_, href)| ctx.url(href)) })
}

/// The topic title from `<title>`: 3.0's "SITE • View topic - TITLE", 3.1+'s "TITLE - SITE".
fn title_from_head(title: &str) -> Option<String> {
    let title = match title.split_once(" - ") {
        Some((head, rest)) if head.contains('•') => rest,
        _ => title.rsplit_once(" - ").map_or(title, |(t, _)| t),
    };
    non_empty(title)
}

/// The site's name in `<title>` beside the topic title: 2.0's "SITE :: View topic - TITLE",
/// 3.0's "SITE • View topic - TITLE" (or "TITLE (View topic) • SITE"), 3.1+'s "TITLE - SITE".
fn site_from_head(head: &str, title: &str) -> Option<String> {
    let rest = head.replacen(title, "", 1);
    if rest.len() == head.len() {
        return None;
    }
    let piece = if rest.contains(" • ") || rest.contains(" :: ") {
        rest.split(" • ")
            .flat_map(|p| p.split(" :: "))
            .map(str::trim)
            .find(|p| !p.is_empty() && !p.starts_with(['(', ':', '-']))
            .map(str::to_owned)
    } else {
        rest.rsplit(" - ").map(str::trim).find(|p| !p.is_empty()).map(str::to_owned)
    };
    piece.and_then(|p| non_empty(&p))
}

/// The breadcrumbs from the forum index down to the board (the topic itself left out).
fn breadcrumbs(doc: &Document<'_>, ctx: &Ctx) -> Vec<Link> {
    let link = |a: ElementRef<'_>| chrome::link(a, ctx);
    let crumbs: Vec<Link> = doc.select(&CRUMB_LINK).filter_map(link).collect();
    if !crumbs.is_empty() {
        return chrome::distinct_links(crumbs);
    }
    let is_crumb = |a: &ElementRef<'_>| {
        let href = a.attr("href").unwrap_or_default();
        !a.ancestors().filter_map(ElementRef::wrap).any(|x| DROPDOWN.matches(&x))
            && (forum_id(href).is_some()
                || href.contains("index.php")
                || HOME_LINK.matches(a)
                || href.ends_with('/')
                || href.is_empty())
            && topic_id(href).is_none()
    };
    let boxes = doc
        .select(&CRUMB_BOXES)
        .chain(doc.select(&HOME_LINK).filter_map(|a| a.parent().and_then(ElementRef::wrap)));
    for b in boxes {
        let crumbs: Vec<Link> = b.select(&crate::page::ANCHOR).filter(is_crumb).filter_map(link).collect();
        if crumbs.iter().any(|c| c.url.as_deref().and_then(forum_id).is_some()) {
            return chrome::distinct_links(crumbs);
        }
    }
    Vec::new()
}

/// The site: the header's name (`#site-description h1`), else the part of `<title>` that
/// is not the topic's, else the first breadcrumb.
fn site(doc: &Document<'_>, title: Option<&str>, crumbs: &[Link]) -> Option<Site> {
    let name = doc.select(&SITE_NAME).find_map(|h| non_empty(&text(h))).or_else(|| {
        let head = text(doc.select(&crate::page::TITLE).next()?);
        site_from_head(&head, title?)
    });
    let first = crumbs.first();
    if name.is_none() && first.is_none() {
        return None;
    }
    Some(Site {
        name: name.or_else(|| first.map(|c| c.text.clone())),
        url: first.and_then(|c| c.url.clone()),
    })
}

/// The pagination: this page's number, the total, next/previous links; also the topic's
/// post count ("48 posts") and the offset of this page's first post, when known.
fn page(doc: &Document<'_>, ctx: &Ctx, canonical: Option<&str>) -> (Page, Option<u64>, Option<usize>) {
    let mut page = Page::default();
    let boxes: Vec<ElementRef<'_>> = doc
        .select(&PAGE_BOXES)
        .filter(|b| {
            b.select(&crate::page::ANCHOR).any(|a| text(a).parse::<u32>().is_ok())
                || b.select(&CURRENT).any(|c| text(c).parse::<u32>().is_ok())
        })
        .collect();
    let posts_total = doc.select(&PAGE_BOXES).find_map(post_total);
    let Some(pages) = boxes.first().copied() else {
        return (page, posts_total, Some(0));
    };
    // "Page <strong>3</strong> of <strong>10</strong>": two numbers in one element.
    let of = pages.descendants().filter_map(ElementRef::wrap).chain(std::iter::once(pages)).find_map(|el| {
        let nums: Vec<u32> = el
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| matches!(c.value().name(), "strong" | "b"))
            .filter_map(|c| text(c).parse().ok())
            .collect();
        (nums.len() == 2).then(|| (nums[0], nums[1]))
    });
    let links: Vec<(u32, &str)> = boxes
        .iter()
        .flat_map(|b| b.select(&crate::page::ANCHOR))
        .filter_map(|a| Some((text(a).parse::<u32>().ok()?, a.attr("href")?)))
        .collect();
    let current = of.map(|(n, _)| n).or_else(|| {
        pages
            .select(&CURRENT)
            .filter(|c| !c.ancestors().filter_map(ElementRef::wrap).any(|a| a.value().name() == "a"))
            .find_map(|c| text(c).parse::<u32>().ok())
    });
    let number = current.unwrap_or(1);
    page.number = number;
    page.total =
        of.map(|(_, t)| t).or_else(|| links.iter().map(|(n, _)| *n).chain(std::iter::once(number)).max());
    let linked = |n: Option<u32>| links.iter().find(|(k, _)| Some(*k) == n).map(|(_, h)| *h);
    page.next_url = boxes
        .iter()
        .find_map(|b| b.select(&REL_NEXT).find_map(|a| a.attr("href")))
        .or_else(|| linked(number.checked_add(1)))
        .and_then(|h| ctx.url(h));
    page.prev_url = boxes
        .iter()
        .find_map(|b| b.select(&REL_PREV).find_map(|a| a.attr("href")))
        .or_else(|| linked(number.checked_sub(1)))
        .and_then(|h| ctx.url(h));
    // The offset: page k starts at (k - 1) * per_page; a linked page's `start` gives per_page.
    let per_page = links.iter().find_map(|(k, href)| {
        let start = page_start(href)?;
        (*k > 1).then(|| start / (*k as usize - 1)).filter(|p| *p > 0)
    });
    // The page's own URL says it best (`start=40`, SEO `-t318-10.html`).
    let own =
        ctx.base.as_ref().and_then(|u| page_start(u.as_str())).or_else(|| canonical.and_then(page_start));
    let start = own.or(if number == 1 { Some(0) } else { per_page.map(|p| (number as usize - 1) * p) });
    (page, posts_total, start)
}

/// "48 posts", "[ 2 posts ]", "1 Beitrag": a number and one word among a pagination box's
/// text (or its row's, in table layouts).
fn post_total(b: ElementRef<'_>) -> Option<u64> {
    let scope = if b.value().name() == "td" { b.parent().and_then(ElementRef::wrap).unwrap_or(b) } else { b };
    scope.text().flat_map(|t| t.split(['•', '|', '[', ']', '\u{2022}'])).find_map(|part| {
        let words: Vec<&str> = part.split_whitespace().collect();
        match words.as_slice() {
            [n, w] if w.chars().all(char::is_alphabetic) => {
                parse_count(n).filter(|_| n.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.'))
            }
            _ => None,
        }
    })
}

/// The offset of a page link: `start=50`, or a SEO URL's `-t123-50.html`.
fn page_start(href: &str) -> Option<usize> {
    if let Some(s) = query_param(href, "start") {
        return s.parse().ok();
    }
    let (_, start) = seo_ids(href, "t")?;
    start
}

/// The topic id of a URL: `t=123`, or SEO `-t123.html`, `topic123.html`, `-t123-50.html`.
fn topic_id(href: &str) -> Option<String> {
    chrome::id_param(href, "t").or_else(|| seo_ids(href, "t").map(|(id, _)| id))
}

/// The forum id of a URL: `f=12`, or SEO `-f12.html`, `forum12.html`, `-f12/`.
fn forum_id(href: &str) -> Option<String> {
    if href.contains("viewtopic") {
        return None;
    }
    chrome::id_param(href, "f").or_else(|| seo_ids(href, "f").map(|(id, _)| id))
}

/// Reads a SEO-rewritten path segment `slug-t123-50.html` (or `topic123.html`, `forum12/`)
/// for `kind` "t" or "f": the id and the page offset after it.
fn seo_ids(href: &str, kind: &str) -> Option<(String, Option<usize>)> {
    let path = href.split(['?', '#']).next().unwrap_or(href);
    let segment = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = segment.strip_suffix(".html").or_else(|| path.ends_with('/').then_some(segment))?;
    let parts: Vec<&str> = stem.split('-').collect();
    let long = if kind == "t" { "topic" } else { "forum" };
    parts.iter().enumerate().rev().find_map(|(i, p)| {
        let digits =
            p.strip_prefix(long).filter(|_| i == 0).or_else(|| p.strip_prefix(kind).filter(|_| i > 0))?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let start = parts.get(i + 1).and_then(|s| s.parse().ok());
        Some((digits.to_owned(), start))
    })
}

/// "It is currently Wed Jun 03, 2020 5:17 am": the time the page was made, for "Today, 10:31".
fn current_time(doc: &Document<'_>) -> Option<chrono::NaiveDateTime> {
    use crate::normalize::date::{DateContext, parse_date};
    doc.select(&CLOCK).find_map(|el| {
        let tail = chrome::date_tail(&text(el))?;
        match parse_date(&tail, &DateContext::default()) {
            Ok(Timestamp::Local(dt)) => Some(dt),
            Ok(Timestamp::Offset(dt)) => Some(dt.naive_local()),
            _ => None,
        }
    })
}

/// "All times are UTC + 1 hour \[ DST \]", "All times are UTC", "Alle Zeiten sind UTC+01:00":
/// the offset of the displayed times, from a short line outside the posts.
fn displayed_offset(doc: &Document<'_>) -> Option<chrono::FixedOffset> {
    let lines = doc.root_element().descendants().filter_map(|node| {
        let t = node.value().as_text()?;
        if !(t.contains("UTC") || t.contains("GMT")) {
            return None;
        }
        // The line around the text: past a `<span title="Europe/Berlin">UTC+02:00</span>`.
        let parent = node.parent().and_then(ElementRef::wrap)?;
        let line = match parent.value().name() {
            "span" | "abbr" | "strong" | "b" => parent.parent().and_then(ElementRef::wrap).unwrap_or(parent),
            _ => parent,
        };
        (!line.ancestors().filter_map(ElementRef::wrap).any(|a| IN_POST.matches(&a))).then_some(line)
    });
    lines.into_iter().find_map(|el| {
        let t = text(el);
        if t.chars().count() > 200 {
            return None;
        }
        let (_, after) = t.split_once("UTC").or_else(|| t.split_once("GMT"))?;
        // Only the clause about the time zone: up to the next bullet.
        let after = after.split(['•', '|']).next().unwrap_or(after);
        let rest = after.trim_start();
        let mut minutes = 0i32;
        if let Some(sign @ ('+' | '-' | '−')) = rest.chars().next() {
            let num: String = rest[sign.len_utf8()..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_ascii_digit() || matches!(c, ':' | '.' | ','))
                .collect();
            let (h, m) = match num.split_once([':', '.', ',']) {
                Some((h, m)) if m.len() == 2 => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?),
                Some((h, m)) => (h.parse::<i32>().ok()?, m.parse::<i32>().ok()? * 6),
                None => (num.parse::<i32>().ok()?, 0),
            };
            minutes = h * 60 + m;
            if sign != '+' {
                minutes = -minutes;
            }
        } else if rest.starts_with(|c: char| c.is_alphanumeric())
            && !rest.starts_with(['[', '('])
            && !rest.is_empty()
        {
            // "UTC" followed by a word (a sentence mentioning UTC) is not a time-zone line,
            // unless it is the DST flag.
            if !rest.starts_with("DST") {
                return None;
            }
        }
        // 3.0 adds "[ DST ]" (localized: "[ Heure d’été ]") when summer time applies.
        if after.contains("DST") || (after.contains('[') && after.contains(']')) {
            minutes += 60;
        }
        chrono::FixedOffset::east_opt(minutes * 60)
    })
}

selectors! {
    IN_POST = ".postbody, .content, .signature, .quote, blockquote, td.postbody";
}

/// "phpBB 3.0.12" from a footer link's text, when the board shows its version.
fn engine_version(doc: &Document<'_>) -> Option<String> {
    doc.select(&PHPBB_LINK).find_map(|a| {
        let t = a.parent().and_then(ElementRef::wrap).map(text).unwrap_or_else(|| text(a));
        chrome::version_after(&t, &["phpBB "])
    })
}

/// The page's posts counted by their ids, apart from the bodies the parser reads posts from
/// (`engines::POST_COUNTERS`): distinct post ids of div.post#pN and a[name=pN].
pub(crate) fn count_posts(doc: &Document<'_>) -> Option<(usize, &'static str)> {
    let n = chrome::distinct_ids(doc, &POST_IDS);
    (n > 0).then_some((n, "distinct post ids of div.post#pN and a[name=pN]"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seo_urls() {
        assert_eq!(topic_id("./viewtopic.php?f=3&t=1428699&sid=2d").as_deref(), Some("1428699"));
        assert_eq!(topic_id("https://f.example/credit-immobilier-t2720.html").as_deref(), Some("2720"));
        assert_eq!(topic_id("https://f.example/recherche-contacts-t2129-20.html").as_deref(), Some("2129"));
        assert_eq!(topic_id("https://f.example/topic55.html").as_deref(), Some("55"));
        assert_eq!(page_start("https://f.example/recherche-contacts-t2129-20.html"), Some(20));
        assert_eq!(forum_id("https://f.example/emprunts-bancaires-f261.html").as_deref(), Some("261"));
        assert_eq!(forum_id("./viewforum.php?f=12&sid=a").as_deref(), Some("12"));
        assert_eq!(forum_id("https://f.example/membre6665/"), None);
        assert_eq!(topic_id("https://f.example/forum/"), None);
    }

    #[test]
    fn titles_from_head() {
        assert_eq!(title_from_head("CoDJumper.com • View topic - [ADDED] x").as_deref(), Some("[ADDED] x"));
        assert_eq!(
            title_from_head("Future of Boutique? - Airliners.net").as_deref(),
            Some("Future of Boutique?")
        );
    }

    #[test]
    fn sites_from_head() {
        let cases = [
            ("CoDJumper.com • View topic - [ADDED] x", "[ADDED] x", Some("CoDJumper.com")),
            ("Freeman Club :: View topic - back in water", "back in water", Some("Freeman Club")),
            ("Docs (View topic) • Apache OpenOffice Forum", "Docs", Some("Apache OpenOffice Forum")),
            ("Le Forum • recherche : Board - Page 3", "recherche", Some("Le Forum")),
            ("Watching? - Page 48 - eBaum's World", "Watching?", Some("eBaum's World")),
            ("Jeux Zelda", "Jeux Zelda", None),
        ];
        for (head, title, want) in cases {
            assert_eq!(site_from_head(head, title).as_deref(), want, "{head}");
        }
    }

    #[test]
    fn signature_rule() {
        let (body, sig) = split_signature("text<br>_________________<br>George");
        assert_eq!((body.as_str(), sig.as_deref()), ("text", Some("George")));
    }
}
