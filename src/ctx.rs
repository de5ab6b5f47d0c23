//! [`Ctx`]: what engines read a page's fields with: the caller's options that shape fields,
//! the date context, the warnings sink, and the page's own metadata, read once.

use chrono::{FixedOffset, NaiveDateTime};
use scraper::Html;
use url::Url;

use crate::error::Error;
use crate::model::{Timestamp, Warning};
use crate::normalize::date::{self, DateContext, DateError, DayOrder, Precision};
use crate::normalize::url as nurl;
use crate::page::{BASE_HREF, Budget, CANONICAL, Document, OG_URL};

/// The per-page context. [`Ctx::default`] is a page with no options, no metadata and no base
/// URL (what unit tests start from).
#[derive(Debug, Default)]
pub(crate) struct Ctx {
    /// What links are made absolute against: the caller's base URL, else the page's own
    /// (see [`Ctx::read_page`]).
    pub base: Option<Url>,
    pub dates: DateContext,
    pub warnings: Vec<Warning>,
    /// Whether bodies and signatures keep the page's HTML unsanitized.
    pub raw_html: bool,
    /// The page's own metadata, as the page wrote it.
    pub page: PageMeta,
    /// The page's URL as the caller gave it: the thread's URL whatever the page says.
    pub given_url: Option<Url>,
    /// What the trees built from the input may take (the page's, and those of HTML carried
    /// inside it: a JSON topic's posts).
    pub budget: Budget,
    /// The first error of a document built with [`Ctx::parse_html`]: the parse's error.
    pub exceeded: Option<Error>,
}

/// A page's own metadata from its `<head>`, read once per page by [`Ctx::read_page`].
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    /// `<link rel=canonical href>`, as written.
    pub canonical: Option<String>,
    /// `<meta property="og:url" content>`, as written.
    pub og_url: Option<String>,
}

impl Ctx {
    /// A context for one parse with the caller's options.
    pub fn new(
        base: Option<Url>,
        offset: Option<FixedOffset>,
        now: Option<NaiveDateTime>,
        raw_html: bool,
    ) -> Ctx {
        Ctx { given_url: base.clone(), base, dates: DateContext { now, offset }, raw_html, ..Ctx::default() }
    }

    /// Reads the page's metadata, and takes its own base URL when the caller gave none:
    /// `<base href>`, else the canonical link, else `og:url`, the first that is absolute
    /// with a safe scheme (`<base href="javascript:...//">` would make every relative link
    /// a script).
    pub fn read_page(&mut self, doc: &Document<'_>) {
        let first = |sel, attr| doc.select(sel).next().and_then(|e| e.attr(attr)).map(str::to_owned);
        let base_href = first(&BASE_HREF, "href");
        self.page = PageMeta { canonical: first(&CANONICAL, "href"), og_url: first(&OG_URL, "content") };
        if self.base.is_none() {
            self.base = [&base_href, &self.page.canonical, &self.page.og_url]
                .into_iter()
                .flatten()
                .find_map(|s| Url::parse(s.trim()).ok().filter(|u| nurl::is_safe_scheme(u.scheme())));
        }
    }

    /// The page's canonical link, absolute against the base URL.
    pub fn canonical(&self) -> Option<String> {
        self.page.canonical.as_deref().and_then(|h| self.url(h))
    }

    /// Makes `href` absolute against the base URL when one is known; `None` when it is
    /// empty or its scheme, as a browser reads it, is not http, https, ftp or mailto
    /// (`javascript:`, `data:`, `vbscript:`, disguised with tabs, newlines or control
    /// characters or not): see `normalize::url::resolve`.
    pub fn url(&self, href: &str) -> Option<String> {
        nurl::resolve(self.base.as_ref(), href)
    }

    /// Whether a URL the page's thread is about to carry may stay: relative, or with one of
    /// the safe schemes, or with the scheme of the caller's base URL (a `file:` base makes
    /// relative links `file:` URLs; that choice is the caller's).
    pub fn keeps_url(&self, url: &str) -> bool {
        nurl::is_safe(url)
            || self.given_url.as_ref().is_some_and(|base| {
                !base.cannot_be_a_base()
                    && url.trim_start().get(..base.scheme().len() + 1).is_some_and(|s| {
                        s.ends_with(':') && s[..base.scheme().len()].eq_ignore_ascii_case(base.scheme())
                    })
            })
    }

    /// Parses HTML carried inside the input (a JSON topic's `cooked` post) within the input's
    /// budget. Past it, the document is empty (`html`, `head`, `body`) and the error is kept in
    /// [`Ctx::exceeded`] for the parser to return.
    pub fn parse_html(&mut self, html: &str) -> Html {
        let tags = crate::limits::scan_tags(html.as_bytes());
        crate::page::build_document(html, tags, &self.budget).unwrap_or_else(|e| {
            self.exceeded.get_or_insert(e);
            crate::page::empty_document()
        })
    }

    /// Records a warning about `field` of post `post` (1-based) or of the page.
    pub fn warn(&mut self, post: Option<usize>, field: &str, message: impl Into<String>) {
        self.warnings.push(Warning::new(post, field, message));
    }

    /// Normalizes a displayed date, recording a warning when it cannot.
    pub fn date(&mut self, raw: &str, post: Option<usize>, field: &str) -> Option<Timestamp> {
        self.date_with_order(raw, post, field, DayOrder::Auto)
    }

    /// The first of `candidates` (in order of trust) that the date pipeline reads, as post
    /// `post`'s date; when none does, the first one is read again for its warning, or
    /// `missing` is the warning.
    pub fn first_date(
        &mut self,
        candidates: &[Option<String>],
        post: usize,
        missing: &str,
    ) -> Option<Timestamp> {
        let present: Vec<&str> = candidates.iter().flatten().map(String::as_str).collect();
        if let Some(ts) = present.iter().find_map(|c| date::parse_date(c, &self.dates).ok()) {
            return Some(ts);
        }
        match present.first() {
            Some(first) => self.date(first, Some(post), "date"),
            None => {
                self.warn(Some(post), "date", missing);
                None
            }
        }
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
        self.date_at(raw, post, field, order, Precision::Day)
    }

    /// [`Ctx::date_with_order`] for a field that takes a month or a year alone (join dates:
    /// "Join Date: Aug 2008" is `2008-08`; see [`Precision`]).
    pub fn coarse_date(
        &mut self,
        raw: &str,
        post: Option<usize>,
        field: &str,
        order: DayOrder,
    ) -> Option<Timestamp> {
        self.date_at(raw, post, field, order, Precision::Month)
    }

    fn date_at(
        &mut self,
        raw: &str,
        post: Option<usize>,
        field: &str,
        order: DayOrder,
        precision: Precision,
    ) -> Option<Timestamp> {
        match date::parse_date_at(raw, &self.dates, order, precision) {
            Ok(ts) => Some(ts),
            Err(e @ (DateError::NeedsNow(_) | DateError::Unrecognized(_))) => {
                self.warn(post, field, e.to_string());
                None
            }
        }
    }
}
