//! [`Parser`]: the options of a parse, and the per-page context engines read fields with.

use chrono::{FixedOffset, NaiveDateTime};
use scraper::Html;
use url::Url;

use crate::detect;
use crate::engines;
use crate::error::Error;
use crate::limits;
use crate::model::{Engine, Format, Thread, Timestamp, Warning};
use crate::normalize::date::{self, DateContext, DateError, DayOrder};
use crate::normalize::url as nurl;
use crate::text;

/// Parses thread pages with options. Build one with [`Parser::builder`]; it is cheap to
/// clone and can be shared between threads.
///
/// ```
/// use forum_thread::{Engine, Parser};
///
/// let parser = Parser::builder()
///     .base_url("https://forum.example/index.php?topic=1.0")
///     .engine(Engine::Smf)
///     .build()?;
/// # Ok::<(), forum_thread::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Parser {
    base_url: Option<Url>,
    engine: Option<Engine>,
    format: Option<Format>,
    offset: Option<FixedOffset>,
    now: Option<NaiveDateTime>,
    content_type: Option<String>,
    max_input_bytes: Option<usize>,
    max_depth: Option<usize>,
    raw_html: bool,
}

/// Options for a [`Parser`].
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct ParserBuilder {
    base_url: Option<String>,
    engine: Option<Engine>,
    format: Option<Format>,
    offset: Option<FixedOffset>,
    now: Option<NaiveDateTime>,
    content_type: Option<String>,
    max_input_bytes: Option<usize>,
    max_depth: Option<usize>,
    raw_html: bool,
}

impl ParserBuilder {
    /// The page's URL: every link is made absolute against it, and it is [`Thread::url`].
    /// Without it, the page's `<base href>` or canonical link is used when present.
    pub fn base_url(mut self, url: &str) -> Self {
        self.base_url = Some(url.to_owned());
        self
    }

    /// Parse as this engine instead of detecting it.
    pub fn engine(mut self, engine: Engine) -> Self {
        self.engine = Some(engine);
        self
    }

    /// Read the input as HTML or as a text rendering instead of telling them apart (input
    /// whose first 4 KB hold no HTML tags is read as text).
    pub fn format(mut self, format: Format) -> Self {
        self.format = Some(format);
        self
    }

    /// The UTC offset the page's dates are displayed in. Dates then serialize with it.
    pub fn timezone(mut self, offset: FixedOffset) -> Self {
        self.offset = Some(offset);
        self
    }

    /// The reference time for relative dates ("Today at 10:31", "3 hours ago"), in the
    /// page's displayed time zone. Without it, a page that shows its own current time
    /// (SMF's header does) is read against that; else relative dates give `date: null`
    /// and a warning.
    pub fn now(mut self, now: NaiveDateTime) -> Self {
        self.now = Some(now);
        self
    }

    /// The HTTP Content-Type the page was served with (`"text/html; charset=ISO-8859-1"`):
    /// its charset comes before the page's `<meta>` in [`Parser::parse_bytes`] (a byte
    /// order mark comes first).
    pub fn content_type(mut self, content_type: &str) -> Self {
        self.content_type = Some(content_type.to_owned());
        self
    }

    /// The largest input accepted, in bytes; larger input is [`Error::TooLarge`].
    /// Default: 64 MiB.
    pub fn max_input_bytes(mut self, bytes: usize) -> Self {
        self.max_input_bytes = Some(bytes);
        self
    }

    /// The deepest nesting of elements accepted, as estimated from the tags before
    /// parsing; deeper pages are [`Error::TooDeep`]. Default: 512, where browsers stop
    /// nesting. Parse time grows with input size times depth, so raise it with care.
    pub fn max_depth(mut self, depth: usize) -> Self {
        self.max_depth = Some(depth);
        self
    }

    /// Keep the page's HTML in [`crate::Post::body_html`] and [`crate::Signature::html`]
    /// as it is. By default it is sanitized: scripts, styles, event handlers, `javascript:`
    /// and `data:` URLs, iframes and forms are removed; links, images, text formatting,
    /// quotes, code blocks and class names stay.
    pub fn raw_html(mut self, raw: bool) -> Self {
        self.raw_html = raw;
        self
    }

    /// Checks the options and builds the parser.
    ///
    /// # Errors
    /// [`Error::InvalidUrl`] when the base URL is not an absolute URL.
    pub fn build(self) -> Result<Parser, Error> {
        let base_url = match self.base_url {
            Some(s) => Some(Url::parse(&s).map_err(|e| Error::InvalidUrl { url: s, reason: e.to_string() })?),
            None => None,
        };
        Ok(Parser {
            base_url,
            engine: self.engine,
            format: self.format,
            offset: self.offset,
            now: self.now,
            content_type: self.content_type,
            max_input_bytes: self.max_input_bytes,
            max_depth: self.max_depth,
            raw_html: self.raw_html,
        })
    }
}

impl Parser {
    /// Starts a builder with every option unset.
    pub fn builder() -> ParserBuilder {
        ParserBuilder::default()
    }

    /// Parses one thread page given as bytes: the charset is read from a byte order mark,
    /// the [`ParserBuilder::content_type`], the page's `<meta>`, else detected, and text
    /// mangled on the way into an archive is repaired (see [`crate::decode()`]).
    /// [`Thread::encoding`] says which charset was used and why.
    ///
    /// # Errors
    /// As [`Parser::parse`]; [`Error::TooLarge`] is checked on the bytes before decoding.
    pub fn parse_bytes(&self, bytes: &[u8]) -> Result<Thread, Error> {
        self.check_size(bytes.len())?;
        let decoded = crate::decode::decode(bytes, self.content_type.as_deref());
        let mut thread = self.parse(&decoded.text)?;
        thread.encoding = Some(decoded.encoding);
        thread.warnings.splice(0..0, decoded.warnings);
        Ok(thread)
    }

    fn check_size(&self, size: usize) -> Result<(), Error> {
        let limit = self.max_input_bytes.unwrap_or(limits::DEFAULT_MAX_INPUT_BYTES);
        if size > limit {
            return Err(Error::TooLarge { size, limit });
        }
        Ok(())
    }

    /// This parser with a caller-given `Content-Type`, for pages whose container declares one.
    #[cfg(feature = "dump")]
    pub(crate) fn with_content_type(&self, content_type: &str) -> Parser {
        Parser { content_type: Some(content_type.to_owned()), ..self.clone() }
    }

    /// This parser with `url` as its base URL, when it has none and `url` is absolute: dump
    /// pages carry the URL they were fetched from.
    #[cfg(feature = "dump")]
    pub(crate) fn or_base_url(&self, url: &str) -> Option<Parser> {
        if self.base_url.is_some() {
            return None;
        }
        let base_url = Some(Url::parse(url).ok()?);
        Some(Parser { base_url, ..self.clone() })
    }

    /// Parses one thread page, HTML or a text rendering of it (told apart by
    /// [`ParserBuilder::format`], else by the input itself). Input that starts with `{` is
    /// read as a Discourse topic JSON (`/t/ID.json`); give its URL as the base URL so that
    /// links come out absolute.
    ///
    /// # Errors
    /// [`Error::NotAThread`] when the page is not a thread page of a known engine,
    /// [`Error::UnsupportedEngine`] when its engine has no parser here,
    /// [`Error::TooLarge`] and [`Error::TooDeep`] beyond the parser's limits.
    pub fn parse(&self, input: &str) -> Result<Thread, Error> {
        self.check_size(input.len())?;
        let format = match self.format {
            Some(format) => format,
            // A JSON document is a forum API response: Discourse's topic JSON is the one read.
            None if input.trim_start().starts_with('{') => Format::Json,
            None if text::is_text(input) => Format::Text,
            None => Format::Html,
        };
        // HTML, and JSON whose posts are HTML strings (their tags are as plain in the JSON
        // text): refused before html5ever meets deep nesting.
        let max_depth = self.max_depth.unwrap_or(limits::DEFAULT_MAX_DEPTH);
        let tags = match format {
            Format::Text => limits::Tags::default(),
            _ => limits::scan_tags(input.as_bytes(), max_depth),
        };
        if tags.depth > max_depth {
            return Err(Error::TooDeep { limit: max_depth });
        }
        let mut ctx = Ctx {
            base: self.base_url.clone(),
            dates: DateContext { now: self.now, offset: self.offset },
            warnings: Vec::new(),
            raw_html: self.raw_html,
        };
        let mut thread = match format {
            Format::Json => self.parse_json(input, &mut ctx)?,
            Format::Text => text::parse(input, self.engine.as_ref(), &mut ctx)?,
            _ => self.parse_html(input, tags, &mut ctx)?,
        };
        thread.format = format;
        if let Some(url) = &self.base_url {
            thread.url = Some(url.to_string());
        }
        restore_cut_title(&mut thread);
        thread.warnings.append(&mut ctx.warnings);
        Ok(thread)
    }

    fn parse_html(&self, html: &str, tags: limits::Tags, ctx: &mut Ctx) -> Result<Thread, Error> {
        let doc = parse_scanned_document(html, tags);
        let doc = crate::select::Document::new(&doc);
        let engine = match &self.engine {
            Some(engine) => engine.clone(),
            None => detect::detect_document(&doc)
                .ok_or_else(|| Error::NotAThread { looked_for: detect::looked_for() })?,
        };
        if ctx.base.is_none() {
            ctx.base = page_base(&doc);
        }
        let mut thread = engines::parse(&engine, &doc, ctx)?;
        thread.engine = engine;
        // What the engine read, else the page's canonical link.
        if thread.url.is_none() {
            thread.url = doc
                .select(&crate::select::CANONICAL)
                .next()
                .and_then(|l| l.attr("href"))
                .and_then(|h| ctx.url(h));
        }
        Ok(thread)
    }

    fn parse_json(&self, json: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
        if let Some(engine) = self.engine.as_ref().filter(|e| **e != Engine::Discourse) {
            return Err(Error::NotAThread {
                looked_for: format!("a {engine} page; JSON input is read as a Discourse topic (/t/ID.json)"),
            });
        }
        let mut thread = engines::discourse::parse_json(json, ctx)?;
        thread.engine = Engine::Discourse;
        Ok(thread)
    }
}

/// Elements whose content an HTML parser reads as raw text, up to their end tag.
const RAW_TEXT: &[&str] =
    &["iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp"];

/// Closes raw-text elements written self-closing (`<iframe src=".."/>`), as pages saved from
/// an XML serialization of the DOM have them. An HTML parser reads everything after such a
/// tag as the element's text, up to an end tag that never comes: the rest of the page would
/// be lost. Comments and the content of raw-text elements are left as they are.
pub(crate) fn close_raw_text_tags(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..].find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let name_start = start + 1;
        let name_end = html[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| name_start + e);
        let name = &html[name_start..name_end];
        i = name_start;
        if name.is_empty() || !RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name)) {
            continue;
        }
        // The end of the start tag, past quoted attribute values.
        let mut end = name_end;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(bytes[end]),
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        if end >= bytes.len() {
            break;
        }
        if end > name_end && bytes[end - 1] == b'/' {
            out.push_str(&html[copied..end - 1]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = end + 1;
            i = end + 1;
        } else {
            i = end_tag(html, end + 1, name).unwrap_or(html.len());
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Where the end tag `</name` starts at or after `from`, case-insensitively.
fn end_tag(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(off) = html.get(i..)?.find("</") {
        let at = i + off;
        let candidate = html.get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// Parses a page into a tree whose parent links agree with its child lists.
///
/// html5ever's adoption agency (misnested or self-closed formatting tags such as XenForo
/// 1's `<a name="post1"/>`) moves children from one element to another, and ego-tree 0.10's
/// `reparent_from_id_append` updates the parent link of the first and last moved child
/// only: the others keep their old parent, so `ancestors()`, `descendants()` and scoped
/// `select()` disagree with the child lists (a post's element then seems not to hold its
/// own permalink). Copying the tree along its child lists gives every node its true parent.
///
/// The copy is made in document order, which is also the order `Html::select` returns
/// matches in (it walks the node arena, not the tree).
///
/// Raw-text elements written self-closing are closed first (see [`close_raw_text_tags`]).
pub(crate) fn parse_document(html: &str) -> Html {
    parse_scanned_document(html, limits::Tags { depth: 0, self_closed_raw_text: true })
}

/// [`parse_document`] of a page whose tags [`limits::scan_tags`] has seen: raw-text
/// elements are closed only when it saw one written self-closing.
fn parse_scanned_document(html: &str, tags: limits::Tags) -> Html {
    let doc = if tags.self_closed_raw_text {
        Html::parse_document(&close_raw_text_tags(html))
    } else {
        Html::parse_document(html)
    };
    if tree_is_sound(&doc.tree) {
        return doc;
    }
    // The nodes in document order, each as (its place in the arena, its parent's place in
    // the new tree), so that their values move into the new tree instead of being cloned.
    let arena: std::collections::HashMap<ego_tree::NodeId, usize> =
        doc.tree.nodes().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let place = |node: ego_tree::NodeRef<'_, scraper::Node>| arena.get(&node.id()).copied();
    let mut order: Vec<(Option<usize>, usize)> = Vec::with_capacity(arena.len());
    let mut stack: Vec<_> = doc.tree.root().children().rev().map(|c| (c, 0)).collect();
    while let Some((node, parent)) = stack.pop() {
        order.push((place(node), parent));
        let copy = order.len();
        stack.extend(node.children().rev().map(|c| (c, copy)));
    }
    let root = place(doc.tree.root());
    let mut seen = vec![false; arena.len()];
    let moves = std::iter::once(root)
        .chain(order.iter().map(|(p, _)| *p))
        .all(|p| p.and_then(|p| seen.get_mut(p)).is_some_and(|s| !std::mem::replace(s, true)));
    if !moves {
        return copy_tree(doc);
    }
    let Html { errors, quirks_mode, tree: old } = doc;
    let mut values: Vec<Option<scraper::Node>> = old.into_iter().map(Some).collect();
    let mut take = |p: Option<usize>| p.and_then(|p| values.get_mut(p)).and_then(Option::take);
    let Some(root_value) = take(root) else { return Html::new_document() };
    let mut tree = ego_tree::Tree::with_capacity(root_value, order.len() + 1);
    let mut ids = Vec::with_capacity(order.len() + 1);
    ids.push(tree.root().id());
    for (p, parent) in order {
        let (Some(value), Some(&parent)) = (take(p), ids.get(parent)) else { break };
        let Some(mut parent) = tree.get_mut(parent) else { break };
        ids.push(parent.append(value).id());
    }
    Html { errors, quirks_mode, tree }
}

/// A copy of `doc`'s tree built by walking it from the root, cloning every value.
fn copy_tree(doc: Html) -> Html {
    let old = &doc.tree;
    let mut tree = ego_tree::Tree::with_capacity(old.root().value().clone(), old.nodes().len());
    let root = tree.root().id();
    let mut stack: Vec<_> = old.root().children().rev().map(|c| (c, root)).collect();
    while let Some((node, parent)) = stack.pop() {
        let Some(mut parent) = tree.get_mut(parent) else { continue };
        let copy = parent.append(node.value().clone()).id();
        stack.extend(node.children().rev().map(|c| (c, copy)));
    }
    Html { errors: doc.errors, quirks_mode: doc.quirks_mode, tree }
}

/// When the page shows the title cut short (SMF stores subjects of at most 100 characters;
/// text renderings truncate headers) and the first post's article headline or subject starts
/// with it, the full text is the title and the shown one is kept in `title_shown`.
fn restore_cut_title(thread: &mut Thread) {
    let Some(shown) = thread.topic.title.as_deref() else { return };
    let first = thread.posts.first();
    let candidates = [
        first.and_then(|p| p.article.as_ref()).and_then(|a| a.headline.as_deref()),
        first.and_then(|p| p.subject.as_deref()),
    ];
    if let Some(full) =
        candidates.into_iter().flatten().find(|c| c.len() > shown.len() && c.starts_with(shown))
    {
        let full = full.to_owned();
        thread.topic.title_shown = thread.topic.title.replace(full);
    }
}

/// Whether every node's parent link agrees with its parent's child list and the node arena
/// is in document order: then the tree needs no copy. One walk, no allocation.
fn tree_is_sound(tree: &ego_tree::Tree<scraper::Node>) -> bool {
    let mut arena = tree.nodes();
    tree.root().descendants().all(|node| {
        arena.next().is_some_and(|a| a.id() == node.id())
            && node.children().all(|c| c.parent().is_some_and(|p| p.id() == node.id()))
    })
}

/// The base URL a page gives itself: `<base href>`, else `<link rel=canonical>`, else
/// `og:url`, when absolute.
fn page_base(doc: &crate::select::Document<'_>) -> Option<Url> {
    use crate::select::{BASE_HREF, CANONICAL, OG_URL};
    let candidates = [
        doc.select(&BASE_HREF).next().and_then(|e| e.attr("href")),
        doc.select(&CANONICAL).next().and_then(|e| e.attr("href")),
        doc.select(&OG_URL).next().and_then(|e| e.attr("content")),
    ];
    candidates.into_iter().flatten().find_map(|s| Url::parse(s.trim()).ok())
}

/// What engines read fields with: the base URL, the date context, and the warnings sink.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub base: Option<Url>,
    pub dates: DateContext,
    pub warnings: Vec<Warning>,
    /// Whether bodies and signatures keep the page's HTML unsanitized.
    pub raw_html: bool,
}

impl Ctx {
    /// Makes `href` absolute against the base URL when one is known.
    pub fn url(&self, href: &str) -> Option<String> {
        nurl::resolve(self.base.as_ref(), href)
    }

    /// Records a warning about `field` of post `post` (1-based) or of the page.
    pub fn warn(&mut self, post: Option<usize>, field: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(post, field, message));
    }

    /// Normalizes a displayed date, recording a warning when it cannot.
    pub fn date(&mut self, raw: &str, post: Option<usize>, field: &str) -> Option<Timestamp> {
        self.date_with_order(raw, post, field, DayOrder::Auto)
    }

    /// [`Ctx::date`] for engines that know how their all-numeric dates are ordered
    /// (Forumotion's "24/03/16" is day first).
    pub fn date_with_order(
        &mut self,
        raw: &str,
        post: Option<usize>,
        field: &str,
        order: DayOrder,
    ) -> Option<Timestamp> {
        match date::parse_date_with_order(raw, &self.dates, order) {
            Ok(ts) => Some(ts),
            Err(e @ (DateError::NeedsNow(_) | DateError::Unrecognized(_))) => {
                self.warn(post, field, e.to_string());
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_closing_raw_text_elements_are_closed() {
        let cases = [
            (r#"<p>a</p><iframe src="x"/><p>b</p>"#, r#"<p>a</p><iframe src="x"></iframe><p>b</p>"#),
            (r#"<IFRAME title="a/>b" />x"#, r#"<IFRAME title="a/>b" ></IFRAME>x"#),
            (
                "<script>if (a<b) x('<iframe/>');</script><p/>",
                "<script>if (a<b) x('<iframe/>');</script><p/>",
            ),
            ("<!-- <iframe/> --><p>x</p>", "<!-- <iframe/> --><p>x</p>"),
            ("<div/><a/>", "<div/><a/>"),
            ("<iframe", "<iframe"),
        ];
        for (html, want) in cases {
            assert_eq!(close_raw_text_tags(html), want, "{html}");
        }
    }

    /// XenForo 1 pages self-close anchors (`<a name="post1"/>`); html5ever then moves the
    /// post's blocks from one reconstructed anchor to another.
    const MISNESTED: &str = r#"<ol><li class="message" id="post-1"><a name="post1"/>
        <div class="user"><h3>alice</h3></div><div class="info"><p>one</p><p>two</p>
        <div class="meta"><a class="postNumber" href="t/1/">#1</a></div></div></li></ol>"#;

    #[test]
    fn parent_links_agree_with_child_lists() {
        let doc = parse_document(MISNESTED);
        for node in doc.tree.nodes() {
            for child in node.children() {
                assert_eq!(child.parent().map(|p| p.id()), Some(node.id()));
            }
        }
        let li = doc.select(&crate::select::compile("li.message")).next().expect("li");
        assert_eq!(li.select(&crate::select::compile("a.postNumber")).count(), 1);
        let order: Vec<_> = doc.tree.nodes().map(|n| n.id()).collect();
        let walk: Vec<_> = doc.tree.root().descendants().map(|n| n.id()).collect();
        assert_eq!(order, walk, "arena order is document order");
    }
}
