//! [`Parser`]: the options of a parse, and the per-page context engines read fields with.

use chrono::{FixedOffset, NaiveDateTime};
use scraper::Html;
use url::Url;

use crate::detect;
use crate::engines;
use crate::error::Error;
use crate::model::{Engine, Thread, Timestamp, Warning};
use crate::normalize::date::{self, DateContext, DateError};
use crate::normalize::url as nurl;

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
    offset: Option<FixedOffset>,
    now: Option<NaiveDateTime>,
}

/// Options for a [`Parser`].
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct ParserBuilder {
    base_url: Option<String>,
    engine: Option<Engine>,
    offset: Option<FixedOffset>,
    now: Option<NaiveDateTime>,
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

    /// Checks the options and builds the parser.
    ///
    /// # Errors
    /// [`Error::InvalidUrl`] when the base URL is not an absolute URL.
    pub fn build(self) -> Result<Parser, Error> {
        let base_url = match self.base_url {
            Some(s) => Some(Url::parse(&s).map_err(|e| Error::InvalidUrl { url: s, reason: e.to_string() })?),
            None => None,
        };
        Ok(Parser { base_url, engine: self.engine, offset: self.offset, now: self.now })
    }
}

impl Parser {
    /// Starts a builder with every option unset.
    pub fn builder() -> ParserBuilder {
        ParserBuilder::default()
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

    /// Parses one thread page.
    ///
    /// # Errors
    /// [`Error::NotAThread`] when the page is not a thread page of a known engine,
    /// [`Error::UnsupportedEngine`] when its engine has no parser here.
    pub fn parse(&self, html: &str) -> Result<Thread, Error> {
        let doc = Html::parse_document(html);
        let engine = match &self.engine {
            Some(engine) => engine.clone(),
            None => detect::detect_document(&doc)
                .ok_or_else(|| Error::NotAThread { looked_for: detect::looked_for() })?,
        };
        let base = self.base_url.clone().or_else(|| page_base(&doc));
        let mut ctx =
            Ctx { base, dates: DateContext { now: self.now, offset: self.offset }, warnings: Vec::new() };
        let mut thread = engines::parse(&engine, &doc, &mut ctx)?;
        thread.engine = engine;
        // The caller's URL, else what the engine read, else the page's canonical link.
        thread.url = self.base_url.as_ref().map(Url::to_string).or(thread.url).or_else(|| {
            doc.select(&crate::select::CANONICAL).next().and_then(|l| l.attr("href")).and_then(|h| ctx.url(h))
        });
        thread.warnings.append(&mut ctx.warnings);
        Ok(thread)
    }
}

/// The base URL a page gives itself: `<base href>`, else `<link rel=canonical>`, else
/// `og:url`, when absolute.
fn page_base(doc: &Html) -> Option<Url> {
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
        match date::parse_date(raw, &self.dates) {
            Ok(ts) => Some(ts),
            Err(e @ (DateError::NeedsNow(_) | DateError::Unrecognized(_))) => {
                self.warn(post, field, e.to_string());
                None
            }
        }
    }
}
