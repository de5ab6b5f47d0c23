//! [`Parser`]: the options of a parse, and the dispatch: the input's format, its engine (given
//! or detected), then the engine's reader through the registry (`engines`). The top floor:
//! nothing below imports it.

use chrono::{FixedOffset, NaiveDateTime};
use url::Url;

use crate::ctx::Ctx;
use crate::decode;
use crate::detect;
use crate::engines;
use crate::error::Error;
use crate::limits;
use crate::model::{Engine, Format, Thread};
use crate::page;
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

/// What a dump's container says about how one page was served, beyond its bytes: see
/// [`Parser::parse_served`].
#[cfg(feature = "dump")]
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Served<'a> {
    /// The `charset` parameter of the HTTP `Content-Type` it was served with (a WARC
    /// response's), as written.
    pub(crate) charset: Option<&'a str>,
    /// The URL it was fetched from (a WARC target URI, a JSON Lines URL field).
    pub(crate) url: Option<&'a str>,
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
        let declared = self.content_type.as_deref().and_then(decode::charset_param);
        self.parse_bytes_with(bytes, declared, self.base_url.as_ref())
    }

    /// Parses one page's bytes as its container served it: the charset the container
    /// declared replaces the parser's Content-Type, and the URL it was fetched from is the
    /// base URL when the parser has none and it is absolute.
    #[cfg(feature = "dump")]
    pub(crate) fn parse_served(&self, bytes: &[u8], served: Served<'_>) -> Result<Thread, Error> {
        let declared = match served.charset {
            Some(value) => decode::charset_label(value),
            None => self.content_type.as_deref().and_then(decode::charset_param),
        };
        let fetched = match &self.base_url {
            Some(_) => None,
            // A dump's URL is the page's data, not the caller's choice: a `javascript://x/`
            // base would make every relative link a script.
            None => served
                .url
                .and_then(|url| Url::parse(url).ok())
                .filter(|u| crate::normalize::url::is_safe_scheme(u.scheme())),
        };
        self.parse_bytes_with(bytes, declared, self.base_url.as_ref().or(fetched.as_ref()))
    }

    /// Decodes `bytes` with the charset label declared outside the page, then parses them
    /// against `base_url`.
    fn parse_bytes_with(
        &self,
        bytes: &[u8],
        declared: Option<&str>,
        base_url: Option<&Url>,
    ) -> Result<Thread, Error> {
        self.check_size(bytes.len())?;
        let decoded = decode::decode_declared(bytes, declared);
        let mut thread = self.parse_with(&decoded.text, base_url)?;
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
        self.parse_with(input, self.base_url.as_ref())
    }

    /// [`Parser::parse`] with `base_url` in place of the parser's.
    fn parse_with(&self, input: &str, base_url: Option<&Url>) -> Result<Thread, Error> {
        self.check_size(input.len())?;
        let format = match self.format {
            Some(format) => format,
            // A JSON document is a forum API response: Discourse's topic JSON is the one read.
            None if input.trim_start().starts_with('{') => Format::Json,
            None if text::is_text(input) => Format::Text,
            None => Format::Html,
        };
        // The trees built from the input (the page's, those of its `<noscript>` markup, a
        // JSON topic's posts) are held within its budget and the depth limit: see
        // `page::Budget`.
        let max_depth = self.max_depth.unwrap_or(limits::DEFAULT_MAX_DEPTH);
        let mut ctx = Ctx::new(base_url.cloned(), self.offset, self.now, self.raw_html);
        ctx.budget = page::Budget::new(input.len(), max_depth);
        let engine = self.engine.as_ref();
        let thread = match format {
            Format::Json => engines::read_json(engine, input, &mut ctx),
            Format::Text => {
                // The table of lines a text reader builds, charged once: the readers tried
                // one after the other each build and drop theirs.
                ctx.budget.take(text::lines::table_bytes(input))?;
                match engine {
                    Some(engine) => engines::read_text(Some(engine), input, &mut ctx),
                    None => Self::read_detected_text(input, &mut ctx),
                }
            }
            _ => {
                let tags = limits::scan_tags(input.as_bytes());
                let doc = page::build_document(input, tags, &ctx.budget)?;
                let doc = page::Document::new(&doc).with_max_depth(max_depth);
                ctx.read_page(&doc);
                let read = match engine {
                    Some(engine) => engines::read_html(engine, &doc, &mut ctx),
                    None => self.read_detected(&doc, &mut ctx),
                };
                doc.take_exceeded().map_or(read, Err)
            }
        };
        ctx.exceeded.take().map_or(thread, Err)
    }

    /// Reads a text rendering whose engine was not given: as the engine its chrome names
    /// (`detect::rank_text`), else by each text reader in turn, best score first; the first
    /// reader's refusal is the error when every one refuses.
    fn read_detected_text(input: &str, ctx: &mut Ctx) -> Result<Thread, Error> {
        let mut first_error = None;
        for (engine, _) in crate::detect::rank_text(input) {
            let warned = ctx.warnings.len();
            match engines::read_text(Some(&engine), input, ctx) {
                Ok(thread) => return Ok(thread),
                Err(e) => {
                    ctx.warnings.truncate(warned);
                    first_error.get_or_insert(e);
                }
            }
        }
        Err(first_error.unwrap_or(Error::NotAThread { looked_for: "a text reader".into() }))
    }

    /// Reads an HTML page whose engine was not given: as the engine its markers name, else
    /// generically ([`Engine::Generic`]); generically too when that engine finds no posts on it
    /// (a fork or a heavy theme of known software). A page the generic reader refuses as well
    /// is refused for the first reason, the generic reader's added.
    fn read_detected(&self, doc: &page::Document<'_>, ctx: &mut Ctx) -> Result<Thread, Error> {
        let refused = match detect::detect_document(doc) {
            Some(engine) => match engines::read_html(&engine, doc, ctx) {
                Err(Error::NotAThread { .. }) => format!("{engine} posts"),
                read => return read,
            },
            None => detect::LOOKED_FOR.to_owned(),
        };
        // What the engine warned about is not the generic reader's; the budget is the page's.
        let budget = std::mem::take(&mut ctx.budget);
        let exceeded = ctx.exceeded.take();
        *ctx =
            Ctx { budget, exceeded, ..Ctx::new(ctx.given_url.clone(), self.offset, self.now, self.raw_html) };
        ctx.read_page(doc);
        engines::read_html(&Engine::Generic, doc, ctx).map_err(|e| match e {
            // One log line: what the engine looked for, briefly, then the generic reader's reason.
            Error::NotAThread { looked_for } => {
                Error::NotAThread { looked_for: format!("{refused}, then generically {looked_for}") }
            }
            e => e,
        })
    }
}
