//! Renders a post body's tree to clean text, collecting quotes and links on the way.
//!
//! The walk is iterative (an explicit stack), so absurdly deep markup cannot overflow the
//! call stack. Engines say which elements are quotes, quote headers and chrome through
//! [`Markup`]; everything else is rendered by the same rules for every engine.

use ego_tree::NodeRef;
use scraper::ElementRef;
use scraper::node::Node;

use crate::body::byline;
use crate::ctx::Ctx;
use crate::model::{Link, Quote};

/// What an element of a post body is, as far as rendering is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Rendered by the generic rules.
    Normal,
    /// Left out of the text (buttons, "Code:" labels, quote footers, scripts).
    Skip,
    /// The header of a quote ("Quote from: X on DATE"): read for the quote's author, date
    /// and link, left out of the text. It may precede its quote (SMF) or sit inside it
    /// (phpBB's `<cite>`).
    QuoteHeader,
    /// An element holding only the quoted author's name, inside or just before its quote
    /// (Phorum's `<strong>` under its "Quote" label): read as the author, left out of the text.
    QuoteAuthor,
    /// A quote block: rendered as `> ` lines and recorded as a [`Quote`].
    Quote,
    /// Preformatted text: whitespace kept as is.
    Code,
    /// An embedded player (`<iframe src>`): rendered as its source URL on a line of its own
    /// and recorded as a link, so a post that is only a video still has text.
    Embed,
}

/// An engine's knowledge of its body markup.
pub(crate) trait Markup {
    /// The role of one element inside a post body.
    fn role(&self, el: ElementRef<'_>) -> Role;

    /// The quoted author's name when the engine marks it up inside a quote header
    /// (vBulletin's "Originally Posted by <strong>NAME</strong>"); `None` reads it from the
    /// header's text.
    fn quote_author(&self, _header: ElementRef<'_>) -> Option<String> {
        None
    }

    /// The text an image stands for, such as a smiley's `alt` (":)"); `None`, the default,
    /// leaves the image out of the text.
    fn alt_text(&self, _img: ElementRef<'_>) -> Option<String> {
        None
    }

    /// What a [`Role::Quote`] element says of the quoted post in its own attributes
    /// (Invision's `data-ipsquote-username`, Discourse's `data-username`/`data-post`). It
    /// wins over the quote header's text, which only fills what this leaves `None`.
    fn quote_meta(&self, _quote: ElementRef<'_>) -> QuoteMeta {
        QuoteMeta::default()
    }
}

/// A quote's own account of the quoted post; see [`Markup::quote_meta`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct QuoteMeta {
    /// Who is quoted.
    pub author: Option<String>,
    /// When the quoted post was made, in a machine form the date pipeline reads exactly
    /// (ISO 8601, Unix seconds): it gives `Quote::date`, not the displayed `date_raw`.
    pub date: Option<String>,
    /// The quoted post's id.
    pub post_id: Option<String>,
    /// A link to the quoted post (made absolute like every link).
    pub href: Option<String>,
}

/// Quotes nested deeper than this are rendered as paragraphs of the deepest quote kept:
/// each level repeats its nested quotes' text (`Quote::text` and the `> ` lines), so
/// output grows with input size times quote depth, and a hostile pyramid must stay linear.
pub(crate) const MAX_QUOTE_DEPTH: usize = 16;

/// A post body (or a signature) rendered to text.
#[derive(Debug, Default)]
pub(crate) struct Rendered {
    pub text: String,
    pub quotes: Vec<Quote>,
    pub links: Vec<Link>,
}

/// Elements that never carry readable text.
fn is_invisible(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "button"
            | "select"
            | "textarea"
            | "input"
            | "iframe"
            | "object"
            | "embed"
            | "svg"
            | "video"
            | "audio"
    )
}

/// Elements whose start and end break a paragraph (a blank line).
fn is_paragraph(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "table"
            | "ul"
            | "ol"
            | "dl"
            | "hr"
            | "figure"
            | "fieldset"
            | "address"
    )
}

/// Elements whose start and end break a line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "div"
            | "li"
            | "tr"
            | "dt"
            | "dd"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "center"
            | "form"
            | "main"
            | "aside"
            | "nav"
            | "details"
            | "summary"
            | "figcaption"
            | "caption"
            | "tbody"
            | "thead"
            | "tfoot"
    )
}

/// Text being built, with the break owed before the next word.
#[derive(Debug, Default)]
struct Buffer {
    out: String,
    /// 0: none, 1: line break, 2: blank line.
    pending: u8,
    /// Whether a space is owed before the next word on the same line.
    space: bool,
    /// Whether a newline opening the next preformatted text repeats a `<br>`.
    skip_newline: bool,
}

impl Buffer {
    fn brk(&mut self, level: u8) {
        if !self.out.is_empty() {
            self.pending = self.pending.max(level);
        }
        self.space = false;
    }

    /// A `<br>`: a line break that is never merged with a following one.
    fn line_break(&mut self) {
        match self.pending {
            0 => self.pending = 1,
            _ => self.pending = self.pending.saturating_add(1).min(2),
        }
        self.space = false;
    }

    fn flush_break(&mut self) {
        if self.out.is_empty() {
            self.pending = 0;
            return;
        }
        for _ in 0..self.pending {
            self.out.push('\n');
        }
        self.pending = 0;
    }

    fn text(&mut self, s: &str) {
        for (i, word) in s.split(|c: char| c.is_whitespace()).enumerate() {
            if i > 0 {
                self.space = true;
            }
            if word.is_empty() {
                continue;
            }
            if self.pending > 0 {
                self.flush_break();
                self.space = false;
            }
            if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                self.out.push(' ');
            }
            self.space = false;
            self.out.push_str(word);
        }
        if s.ends_with(char::is_whitespace) {
            self.space = true;
        }
    }

    fn raw(&mut self, s: &str) {
        let s = match std::mem::take(&mut self.skip_newline) {
            true => s.strip_prefix("\r\n").or_else(|| s.strip_prefix('\n')).unwrap_or(s),
            false => s,
        };
        let mut lines = s.split('\n');
        if let Some(first) = lines.next() {
            self.text_verbatim(first);
        }
        for line in lines {
            self.line_break();
            self.text_verbatim(line);
        }
    }

    fn text_verbatim(&mut self, s: &str) {
        let s = s.trim_end_matches('\r');
        if s.is_empty() {
            return;
        }
        if self.pending > 0 {
            self.flush_break();
        } else if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push(' ');
        }
        self.space = false;
        self.out.push_str(s);
    }

    /// Appends a finished block (a quote's `> ` lines) as its own paragraph.
    fn block(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.brk(2);
        self.flush_break();
        self.out.push_str(s);
        self.pending = 2;
        self.space = false;
    }

    fn finish(self) -> String {
        tidy(&self.out)
    }
}

/// Trims trailing spaces of lines, collapses runs of blank lines to one, trims the ends.
pub(crate) fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0usize;
    for line in s.lines() {
        let line = line.trim_end().trim_end_matches('\u{a0}');
        let line = if line.trim_start_matches('\u{a0}').is_empty() { "" } else { line };
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// A quote being rendered.
#[derive(Debug, Default)]
struct OpenQuote {
    quote: Quote,
    buf: Buffer,
    has_header: bool,
}

enum Step<'a> {
    Enter(NodeRef<'a, Node>),
    Exit(Exit),
}

enum Exit {
    Paragraph,
    Block,
    Quote,
    CodeEnd,
}

/// A quote header waiting for its quote: author, date as shown, link.
#[derive(Debug, Default)]
struct Header {
    author: Option<String>,
    date_raw: Option<String>,
    url: Option<String>,
}

/// Renders the children of `root`.
pub(crate) fn render(
    root: ElementRef<'_>,
    markup: &dyn Markup,
    ctx: &mut Ctx,
    post: Option<usize>,
) -> Rendered {
    let mut out = Buffer::default();
    let mut quotes: Vec<OpenQuote> = Vec::new();
    let mut top_quotes: Vec<Quote> = Vec::new();
    let mut links = Vec::new();
    let mut pending_header: Option<Header> = None;
    let mut code_depth = 0usize;
    let mut too_deep_warned = false;

    let mut stack: Vec<Step<'_>> = root.children().rev().map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let quote_depth = quotes.len();
        let buf = match quotes.last_mut() {
            Some(q) => &mut q.buf,
            None => &mut out,
        };
        match step {
            Step::Exit(Exit::Paragraph) => buf.brk(2),
            Step::Exit(Exit::Block) => buf.brk(1),
            Step::Exit(Exit::CodeEnd) => {
                code_depth = code_depth.saturating_sub(1);
                buf.brk(2);
            }
            Step::Exit(Exit::Quote) => {
                let Some(open) = quotes.pop() else { continue };
                let mut quote = open.quote;
                quote.text = open.buf.finish();
                let prefixed = prefix_quote(&quote.text);
                match quotes.last_mut() {
                    Some(parent) => {
                        parent.buf.block(&prefixed);
                        parent.quote.quotes.push(quote);
                    }
                    None => {
                        out.block(&prefixed);
                        top_quotes.push(quote);
                    }
                }
            }
            Step::Enter(node) => match node.value() {
                Node::Text(t) => {
                    if code_depth > 0 {
                        buf.raw(t);
                    } else {
                        buf.text(t);
                    }
                }
                Node::Element(_) => {
                    let Some(el) = ElementRef::wrap(node) else {
                        continue;
                    };
                    let name = el.value().name();
                    let role = markup.role(el);
                    if is_invisible(name) && role != Role::Embed {
                        continue;
                    }
                    match role {
                        Role::Skip => continue,
                        Role::Embed => {
                            if let Some(url) = el.attr("src").and_then(|h| ctx.url(h)) {
                                buf.brk(1);
                                buf.text(&url);
                                buf.brk(1);
                                links.push(Link { url: Some(url), text: String::new() });
                            }
                            continue;
                        }
                        role @ (Role::QuoteHeader | Role::QuoteAuthor) => {
                            let header = if role == Role::QuoteAuthor {
                                Header {
                                    author: crate::normalize::text::non_empty(&el.text().collect::<String>()),
                                    ..Header::default()
                                }
                            } else {
                                read_header(el, markup, ctx)
                            };
                            match quotes.last_mut() {
                                Some(q) if !q.has_header && q.buf.out.is_empty() => {
                                    apply_header(&mut q.quote, header, ctx, post);
                                    q.has_header = true;
                                }
                                _ => pending_header = Some(header),
                            }
                            continue;
                        }
                        Role::Quote if quote_depth >= MAX_QUOTE_DEPTH => {
                            if !too_deep_warned {
                                too_deep_warned = true;
                                ctx.warn(
                                    post,
                                    "quotes",
                                    format!(
                                        "quotes nested deeper than {MAX_QUOTE_DEPTH} levels are kept as text of the deepest"
                                    ),
                                );
                            }
                            pending_header = None;
                            buf.brk(2);
                            stack.push(Step::Exit(Exit::Paragraph));
                        }
                        Role::Quote => {
                            buf.brk(2);
                            let mut open = OpenQuote::default();
                            apply_meta(&mut open.quote, markup.quote_meta(el), ctx, post);
                            if let Some(h) = pending_header.take() {
                                apply_header(&mut open.quote, h, ctx, post);
                                open.has_header = true;
                            }
                            quotes.push(open);
                            stack.push(Step::Exit(Exit::Quote));
                        }
                        Role::Code => {
                            buf.brk(2);
                            code_depth += 1;
                            stack.push(Step::Exit(Exit::CodeEnd));
                        }
                        Role::Normal => {
                            pending_header = None;
                            match name {
                                "br" => {
                                    buf.line_break();
                                    // In code, `<br />` followed by a newline (MyBB) is one
                                    // line break, not two.
                                    buf.skip_newline = code_depth > 0;
                                    continue;
                                }
                                "img" => {
                                    if let Some(alt) = markup.alt_text(el) {
                                        buf.text(&alt);
                                    }
                                    continue;
                                }
                                "pre" => {
                                    buf.brk(2);
                                    code_depth += 1;
                                    stack.push(Step::Exit(Exit::CodeEnd));
                                }
                                "a" => {
                                    if let Some(url) = el.attr("href").and_then(|h| ctx.url(h)) {
                                        let text = crate::normalize::text::squash(&header_text(el, markup));
                                        links.push(Link { url: Some(url), text });
                                    }
                                }
                                "td" | "th" => {
                                    buf.space = true;
                                }
                                n if is_paragraph(n) => {
                                    buf.brk(2);
                                    stack.push(Step::Exit(Exit::Paragraph));
                                }
                                n if is_block(n) => {
                                    buf.brk(1);
                                    stack.push(Step::Exit(Exit::Block));
                                }
                                _ => {}
                            }
                        }
                    }
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                _ => {}
            },
        }
    }
    // Unclosed quotes cannot happen (every Enter pushes its Exit), but be total anyway.
    while let Some(open) = quotes.pop() {
        let mut quote = open.quote;
        quote.text = open.buf.finish();
        top_quotes.push(quote);
    }
    Rendered { text: out.finish(), quotes: top_quotes, links }
}

/// Prefixes each line of a quote's text with `> ` (a bare `>` for blank lines).
fn prefix_quote(text: &str) -> String {
    let mut s = String::with_capacity(text.len() + 16);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            s.push('\n');
        }
        if line.is_empty() {
            s.push('>');
        } else {
            s.push_str("> ");
            s.push_str(line);
        }
    }
    s
}

fn read_header(el: ElementRef<'_>, markup: &dyn Markup, ctx: &Ctx) -> Header {
    let text = crate::normalize::text::squash(&header_text(el, markup));
    // The link to the quoted post; a header may also link the quoted member's profile
    // (phpBB 3.2+: "<a>NAME</a> wrote: <a href=#p123>↑</a>"), or start with a `href="#"`
    // toggle (Invision's citation).
    let hrefs: Vec<&str> = el.select(&crate::page::ANCHOR).filter_map(|a| a.attr("href")).collect();
    let url = hrefs
        .iter()
        .find(|h| crate::normalize::url::post_id(h).is_some())
        .or_else(|| hrefs.iter().find(|h| !h.trim().starts_with('#')))
        .and_then(|h| ctx.url(h));
    let (author, date_raw) = byline::split_header(&text);
    Header { author: markup.quote_author(el).or(author), date_raw, url }
}

/// The text of a quote header or a link without the elements the engine marks
/// [`Role::Skip`] (a "jump to the quoted post" arrow, "Original zeigen", the size line of
/// Discourse's image links).
fn header_text(el: ElementRef<'_>, markup: &dyn Markup) -> String {
    let mut text = String::new();
    let mut stack: Vec<NodeRef<'_, Node>> = el.children().rev().collect();
    while let Some(node) = stack.pop() {
        match node.value() {
            Node::Text(t) => text.push_str(t),
            Node::Element(e) => {
                let skip = is_invisible(e.name())
                    || ElementRef::wrap(node).is_some_and(|c| markup.role(c) == Role::Skip);
                if !skip {
                    stack.extend(node.children().rev());
                }
            }
            _ => {}
        }
    }
    text
}

/// Fills what the quote's own attributes left unknown from its header.
fn apply_header(q: &mut Quote, h: Header, ctx: &mut Ctx, post: Option<usize>) {
    if q.author.is_none() {
        q.author = h.author;
    }
    if q.date.is_none() {
        q.date = h.date_raw.as_deref().and_then(|d| ctx.date(d, post, "quotes.date"));
    }
    if q.date_raw.is_none() {
        q.date_raw = h.date_raw;
    }
    if q.post_id.is_none() {
        q.post_id = h.url.as_deref().and_then(crate::normalize::url::post_id);
    }
    if q.url.is_none() {
        q.url = h.url;
    }
}

fn apply_meta(q: &mut Quote, meta: QuoteMeta, ctx: &mut Ctx, post: Option<usize>) {
    q.author = meta.author.filter(|a| !a.trim().is_empty());
    q.date = meta.date.as_deref().and_then(|d| ctx.date(d, post, "quotes.date"));
    q.post_id = meta.post_id;
    q.url = meta.href.as_deref().and_then(|h| ctx.url(h));
}
