//! The whole public model of a parsed thread page.
//!
//! Every type here is a plain `pub` struct or enum that derives `Serialize` and `Deserialize`;
//! field names are the JSON contract that tools outside this crate read. A field the page does
//! not show is `None` (`null`) or empty (`[]`), never an invented value.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The version of the JSON contract: the shape of the records this crate writes (a
/// [`Thread`], and the post, error and totals records of [`crate::dump`]), each of which
/// carries it as `schema_version`. The JSON Schema of that contract is [`crate::JSON_SCHEMA`].
///
/// It is an integer that changes only when the contract breaks: when a record written by
/// the new version could fail to read with the previous release's `Deserialize`, or to
/// validate against its schema. That is a field removed, renamed, made optional (`null` or
/// left out where it was always written) or given another type or meaning, or an enum value
/// respelled, removed or added (a new [`Format`], [`CharsetSource`] or dump error kind).
/// Adding a field never changes it: readers ignore fields they do not know (the schema
/// allows them, and this crate's types skip them), and this crate reads a record without a
/// list or an optional field as empty or `null`. A new [`Engine`] name does not change it
/// either: engine names are an open set of strings.
///
/// Version 1 is the first versioned contract. Output written before it (forum-thread 0.1)
/// has no `schema_version` (read as 0) and otherwise reads as version 1: it differs only in
/// spelling the charset source `"content-type"`, which is read as `"content_type"`.
///
/// ```
/// let page = std::fs::read("examples/data/smf20-briefing-room.html")?;
/// let json = serde_json::to_value(forum_thread::parse_bytes(&page)?)?;
/// assert_eq!(json["schema_version"], forum_thread::SCHEMA_VERSION);
///
/// // A record of forum-thread 0.1: no version, no lists, no optional fields.
/// let old: forum_thread::Thread = serde_json::from_str(r#"{"engine": "smf"}"#)?;
/// assert_eq!((old.schema_version, old.format, old.page.number), (0, forum_thread::Format::Html, 1));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub const SCHEMA_VERSION: u32 = 1;

/// Writes [`SCHEMA_VERSION`], whatever version a record read back says: what is written has
/// this version's shape.
pub(crate) fn write_schema_version<S: Serializer>(_read: &u32, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u32(SCHEMA_VERSION)
}

/// The schema of a `schema_version` field: the integer [`SCHEMA_VERSION`], which every
/// record this version writes has (not the 0 that a record without it reads as).
#[cfg(test)]
pub(crate) fn schema_version_schema(schema: &mut schemars::Schema) {
    schema.insert("const".into(), SCHEMA_VERSION.into());
    schema.remove("default");
}

/// One parsed page of a forum thread.
///
/// In JSON, lists, optional fields, `format` (`"html"`), `topic` and `page` may be absent from
/// a record that is read, and fields it does not know are ignored: see [`SCHEMA_VERSION`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Thread {
    /// The version of the JSON contract the record was written in: [`SCHEMA_VERSION`] for a
    /// thread this crate made; for one read from JSON, the record's (0 when it has none:
    /// output from before versions). It is always written as [`SCHEMA_VERSION`].
    #[serde(default, serialize_with = "write_schema_version")]
    #[cfg_attr(test, schemars(transform = schema_version_schema))]
    pub schema_version: u32,
    /// Whether the fields were read from HTML markup, a plain-text rendering or a JSON API.
    #[serde(default)]
    pub format: Format,
    /// How the page's bytes were decoded: set by [`crate::parse_bytes`], `None` (and left
    /// out of the JSON) when the caller passed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// The forum software that produced the page.
    pub engine: Engine,
    /// The engine version when the page states it (generator meta tag, copyright line).
    pub engine_version: Option<String>,
    /// The software the page names itself as made by, as it names it, when the page was read
    /// by [`Engine::Generic`]: its `<meta name="generator">` ("Kunena 6.2.4", "Joomla! -
    /// Open Source Content Management"), else a "Powered by NAME" line. Not a detection: it
    /// is what the page says, and `None` (left out of the JSON) for the engines, which know
    /// what they read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software: Option<String>,
    /// The page's own URL: the caller's base URL, else the page's canonical link.
    pub url: Option<String>,
    /// The forum site the page belongs to.
    pub site: Option<Site>,
    /// The thread (topic) the page shows.
    #[serde(default)]
    pub topic: Topic,
    /// This page's place in the thread.
    #[serde(default)]
    pub page: Page,
    /// Every post on the page, in page order.
    #[serde(default)]
    pub posts: Vec<Post>,
    /// Problems met while reading fields; each names the post (1-based index) and field.
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// Where the page (or, for a thread stitched from several pages, each page) was read
    /// from, in page order, when it was read from a dump by [`crate::dump`]. Empty, and
    /// absent from the JSON, for a page parsed on its own.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<PageOrigin>,
    /// The key that groups the pages of this thread
    /// ([`dump::stitch_key`](crate::dump::stitch_key)), on every record [`crate::dump`]
    /// writes: a page record carries it so that the pages of one thread can be brought
    /// together elsewhere (a map-reduce job's shuffle) and stitched there. `None`, and absent
    /// from the JSON, for a page parsed on its own or one that gives no key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stitch_key: Option<String>,
}

impl Thread {
    /// An empty page read by `engine` from input of `format`: what every engine starts from
    /// and fills in.
    pub fn new(engine: Engine, format: Format) -> Thread {
        Thread {
            schema_version: SCHEMA_VERSION,
            format,
            encoding: None,
            engine,
            engine_version: None,
            software: None,
            url: None,
            site: None,
            topic: Topic::default(),
            page: Page::default(),
            posts: Vec::new(),
            warnings: Vec::new(),
            origins: Vec::new(),
            stitch_key: None,
        }
    }
}

/// One page of a thread read from a dump: its number and where it came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct PageOrigin {
    /// The page's number ([`Page::number`] of that page).
    pub page: u32,
    /// Where the page was read from.
    pub origin: Origin,
}

/// Where a document was read from in a dump: enough to find it again.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Origin {
    /// The input file, as given or as found walking a directory.
    pub file: String,
    /// The byte offset where the document (WARC record, JSON line) starts: in the file, or
    /// in the decompressed stream for gzip and zstd input.
    pub offset: u64,
    /// For gzip input, the file offset of the gzip member the document starts in: for WARC
    /// files gzipped per record, the record's own offset as CDX indexes give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<u64>,
    /// The WARC record's `WARC-Record-ID`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record_id: Option<String>,
    /// The URL the page was fetched from: the WARC record's `WARC-Target-URI`, or the JSON
    /// Lines record's URL field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl fmt::Display for Origin {
    /// `file@offset`, then the gzip member, record id and URL when known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.file, self.offset)?;
        if let Some(member) = self.member {
            write!(f, " (gzip member @{member})")?;
        }
        if let Some(id) = &self.record_id {
            write!(f, " {id}")?;
        }
        if let Some(url) = &self.url {
            write!(f, " {url}")?;
        }
        Ok(())
    }
}

/// The kind of input the fields were read from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// An HTML page.
    #[default]
    Html,
    /// A plain-text rendering of a page (browser "copy", `w3m -dump`, web-text corpora).
    Text,
    /// A forum's JSON API response (Discourse's topic JSON, `/t/ID.json`); bodies are still
    /// read from the HTML it carries.
    Json,
}

impl Format {
    const ALL: [Format; 3] = [Format::Html, Format::Text, Format::Json];

    /// The name used in JSON and on the command line: `"html"`, `"text"`, `"json"`.
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Text => "text",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = UnknownName;

    /// Parses a [`Format::name`], ignoring ASCII case and surrounding whitespace.
    ///
    /// ```
    /// use forum_thread::Format;
    ///
    /// assert_eq!("text".parse::<Format>(), Ok(Format::Text));
    /// assert_eq!(" HTML ".parse::<Format>(), Ok(Format::Html));
    /// assert_eq!(Format::Json.to_string(), "json");
    /// let e = "xml".parse::<Format>().unwrap_err();
    /// assert_eq!(e.to_string(), r#"unknown format "xml" (expected html, text or json)"#);
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        from_name(s, "format", &Format::ALL, |f| f.name())
    }
}

/// How a page's bytes became text (see [`crate::decode()`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Encoding {
    /// The charset the text was decoded with, as the WHATWG Encoding Standard names it, in
    /// lower case: `"utf-8"`, `"windows-1252"` (which is what `ISO-8859-1` means on the
    /// web), `"windows-1251"`, `"shift_jis"`.
    pub charset: String,
    /// How the charset was chosen.
    pub source: CharsetSource,
    /// The charset the Content-Type or the page's `<meta>` declared, when one did; when it
    /// differs from `charset`, the bytes contradicted it and a warning says so.
    pub declared: Option<String>,
    /// Whether UTF-8 text that had been decoded twice ("fÃ¼r" for "für") was repaired.
    pub repaired: bool,
    /// Whether bytes invalid in the charset were replaced with U+FFFD.
    pub malformed: bool,
}

/// Where the charset of a page came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CharsetSource {
    /// A byte order mark.
    Bom,
    /// The Content-Type the page was served with: the caller's
    /// (`ParserBuilder::content_type`), or in a dump a WARC response's. Spelled
    /// `"content-type"` before [`SCHEMA_VERSION`] 1, which is still read.
    #[serde(alias = "content-type")]
    ContentType,
    /// `<meta charset>` or `<meta http-equiv="Content-Type">`.
    Meta,
    /// The bytes themselves: valid UTF-8, or `chardetng`'s guess (also when they
    /// contradicted a declaration).
    Detected,
    /// Nothing to go by: the page is ASCII, read as UTF-8.
    #[default]
    Default,
}

impl CharsetSource {
    const ALL: [CharsetSource; 5] = [
        CharsetSource::Bom,
        CharsetSource::ContentType,
        CharsetSource::Meta,
        CharsetSource::Detected,
        CharsetSource::Default,
    ];

    /// The name used in JSON: `"bom"`, `"content_type"`, `"meta"`, `"detected"`, `"default"`.
    pub fn name(self) -> &'static str {
        match self {
            CharsetSource::Bom => "bom",
            CharsetSource::ContentType => "content_type",
            CharsetSource::Meta => "meta",
            CharsetSource::Detected => "detected",
            CharsetSource::Default => "default",
        }
    }
}

impl fmt::Display for CharsetSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for CharsetSource {
    type Err = UnknownName;

    /// Parses a [`CharsetSource::name`], ignoring ASCII case and surrounding whitespace.
    ///
    /// ```
    /// use forum_thread::CharsetSource;
    ///
    /// assert_eq!("content_type".parse::<CharsetSource>(), Ok(CharsetSource::ContentType));
    /// assert_eq!(CharsetSource::Meta.to_string(), "meta");
    /// assert!("http".parse::<CharsetSource>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        from_name(s, "charset source", &CharsetSource::ALL, |c| c.name())
    }
}

/// The error of parsing a [`Format`] or a [`CharsetSource`] from a string that names none of
/// its values.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {given:?} (expected {expected})")]
pub struct UnknownName {
    what: &'static str,
    given: String,
    expected: String,
}

/// The value of `all` whose name is `s`, ignoring ASCII case and surrounding whitespace.
fn from_name<T: Copy>(
    s: &str,
    what: &'static str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Result<T, UnknownName> {
    let s = s.trim();
    all.iter().copied().find(|&v| name(v).eq_ignore_ascii_case(s)).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|&v| name(v)).collect();
        let expected = match names.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => names.concat(),
        };
        UnknownName { what, given: s.to_owned(), expected }
    })
}

/// Forum software.
///
/// Serialized as a lowercase name (`"smf"`, `"phpbb"`, ...); [`Engine::Other`] carries the name
/// of software this crate recognizes but cannot parse.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Engine {
    /// Simple Machines Forum 1.x and 2.x, including YaBB SE descendants' print views.
    Smf,
    /// phpBB 2 and 3.
    Phpbb,
    /// vBulletin 3 to 6.
    Vbulletin,
    /// XenForo 1 and 2.
    Xenforo,
    /// Invision Power Board / Invision Community.
    Invision,
    /// Discourse.
    Discourse,
    /// Vanilla Forums.
    Vanilla,
    /// FluxBB and PunBB.
    Fluxbb,
    /// MyBB.
    Mybb,
    /// Phorum.
    Phorum,
    /// Forumotion (hosted).
    Forumotion,
    /// Discuz! X2.5 to X3.5.
    Discuz,
    /// UBB.threads 7.
    Ubbthreads,
    /// WoltLab Burning Board 3, 4 and 5.
    Woltlab,
    /// NodeBB 1.x to 4.x.
    Nodebb,
    /// Flarum 1.x.
    Flarum,
    /// Any forum software, read from what thread pages share rather than from one program's
    /// markup: schema.org posts (JSON-LD or microdata), else the repeated blocks that each
    /// hold an author, a date and a text. Used when no engine's markers match the page, when
    /// the engine they name finds no posts on it, and when asked for by name (`"generic"`).
    Generic,
    /// Any other software, by name.
    Other(String),
}

impl Engine {
    /// Every engine this crate has a parser for, in detection order.
    pub const SUPPORTED: &'static [Engine] = &[
        Engine::Smf,
        Engine::Phpbb,
        Engine::Vbulletin,
        Engine::Xenforo,
        Engine::Fluxbb,
        Engine::Mybb,
        Engine::Phorum,
        Engine::Forumotion,
        Engine::Invision,
        Engine::Discourse,
        Engine::Vanilla,
        Engine::Discuz,
        Engine::Ubbthreads,
        Engine::Woltlab,
        Engine::Nodebb,
        Engine::Flarum,
        Engine::Generic,
    ];

    /// The stable lowercase name used in JSON and on the command line.
    pub fn name(&self) -> &str {
        match self {
            Engine::Smf => "smf",
            Engine::Phpbb => "phpbb",
            Engine::Vbulletin => "vbulletin",
            Engine::Xenforo => "xenforo",
            Engine::Invision => "invision",
            Engine::Discourse => "discourse",
            Engine::Vanilla => "vanilla",
            Engine::Fluxbb => "fluxbb",
            Engine::Mybb => "mybb",
            Engine::Phorum => "phorum",
            Engine::Forumotion => "forumotion",
            Engine::Discuz => "discuz",
            Engine::Ubbthreads => "ubbthreads",
            Engine::Woltlab => "woltlab",
            Engine::Nodebb => "nodebb",
            Engine::Flarum => "flarum",
            Engine::Generic => "generic",
            Engine::Other(name) => name,
        }
    }
}

impl fmt::Display for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Engine {
    type Err = std::convert::Infallible;

    /// Parses a name case-insensitively; a few common aliases are accepted
    /// (`"simplemachines"`, `"vb"`, `"xf"`, `"ipb"`, `"punbb"`). Unknown names become
    /// [`Engine::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        Ok(match lower.as_str() {
            "smf" | "simplemachines" | "simple machines" => Engine::Smf,
            "phpbb" => Engine::Phpbb,
            "vbulletin" | "vb" => Engine::Vbulletin,
            "xenforo" | "xf" => Engine::Xenforo,
            "invision" | "ipb" | "ips" => Engine::Invision,
            "discourse" => Engine::Discourse,
            "vanilla" => Engine::Vanilla,
            "fluxbb" | "punbb" => Engine::Fluxbb,
            "mybb" => Engine::Mybb,
            "phorum" => Engine::Phorum,
            "forumotion" => Engine::Forumotion,
            "discuz" | "discuz!" | "discuzx" => Engine::Discuz,
            "ubbthreads" | "ubb.threads" | "ubb" => Engine::Ubbthreads,
            "woltlab" | "wbb" | "burning board" | "burningboard" => Engine::Woltlab,
            "nodebb" => Engine::Nodebb,
            "flarum" => Engine::Flarum,
            "generic" => Engine::Generic,
            _ => Engine::Other(lower),
        })
    }
}

impl Serialize for Engine {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Engine {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        Ok(name.parse().unwrap_or_else(|never| match never {}))
    }
}

/// An engine is its name: one of [`Engine::SUPPORTED`]'s, or any other (an open set).
#[cfg(test)]
impl schemars::JsonSchema for Engine {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Engine".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let names: Vec<&str> = Engine::SUPPORTED.iter().map(Engine::name).collect();
        schemars::json_schema!({
            "description": "The forum software, by its lowercase name: one this crate reads \
                (listed in `examples`), or another that it recognizes but cannot parse. Names \
                are an open set: a later version may write names not listed.",
            "type": "string",
            "minLength": 1,
            "examples": names,
        })
    }
}

/// The forum site.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Site {
    /// The forum's name, from its header or the first breadcrumb.
    pub name: Option<String>,
    /// The forum's home URL.
    pub url: Option<String>,
}

/// The thread a page belongs to.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Topic {
    /// The engine's topic id (SMF `topic=266`, phpBB `t=` or SEO `-t123.html`, XenForo
    /// `threads/slug.123`; vBulletin `t=`, `showthread.php?123-slug`, `/123-slug.html`, 5.x
    /// and 6.x node id; FluxBB `viewtopic.php?id=`, MyBB `tid`, Phorum the second id of
    /// `read.php?2,132`, Forumotion `/t7-slug`; Invision `/topic/123-slug/`, 3's
    /// `showtopic=123`; Discourse `/t/slug/123`; Vanilla `/discussion/123/slug`).
    pub id: Option<String>,
    /// The title as shown in the topic header, else the last breadcrumb or `<title>`. When
    /// the header shows it cut short (text renderings truncate long titles) and the first
    /// post's article headline or subject starts with it, that full text.
    pub title: Option<String>,
    /// The title exactly as the header shows it, when [`Topic::title`] is a longer text the
    /// shown one was cut from; else `None`.
    pub title_shown: Option<String>,
    /// The thread's URL (its first page when the page links it).
    pub url: Option<String>,
    /// The board (sub-forum) holding the thread: the last breadcrumb before the topic.
    pub board: Option<Board>,
    /// The navigation trail from the forum index down to the board.
    pub breadcrumbs: Vec<Link>,
    /// Times the thread was read ("Read 104 times", "Views: 1,234"). phpBB topic pages and
    /// XenForo thread pages do not show it (`null`).
    pub views: Option<u64>,
    /// Number of replies when the page shows it (phpBB: its "48 posts" less the first post;
    /// vBulletin 3.8 and 4.x: "Results 1 to 15 of 50" counts the thread's posts, the first
    /// is no reply; not on XenForo thread pages).
    pub replies: Option<u64>,
    /// Who was viewing the thread when the page was saved (SMF; not read for XenForo).
    pub viewers: Option<Viewers>,
}

/// A board (sub-forum).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Board {
    /// The engine's board id (SMF `board=5`, phpBB `f=12` or SEO `-f12.html`, XenForo
    /// `forums/name.5/`, FluxBB `viewforum.php?id=`, MyBB `fid` or `forum-11.html`, Phorum
    /// `list.php?2`, Forumotion `/f27-slug`, Invision `/forum/5-name/`, Discourse the
    /// category id of `/c/name/5` when the URL has one (the topic JSON's `category_id`),
    /// Vanilla the category's URL code, `/categories/loans`).
    pub id: Option<String>,
    /// The board's name.
    pub name: Option<String>,
    /// The board's URL.
    pub url: Option<String>,
}

/// "N Members and M Guests are viewing this topic."
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Viewers {
    /// Logged-in members viewing.
    pub members: u32,
    /// Guests viewing.
    pub guests: u32,
    /// Member names when the page lists them.
    pub names: Vec<String>,
}

/// The page's place in the thread.
///
/// For a thread stitched from several pages by [`crate::dump`], `number` is the first page
/// present, `total` the thread's page count, `prev_url` the first page's and `next_url` the
/// last page's; [`Thread::origins`] lists every page read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Page {
    /// This page's number, 1-based (1 when the page shows no pagination).
    pub number: u32,
    /// The thread's number of pages when the pagination shows it.
    pub total: Option<u32>,
    /// The next page's URL.
    pub next_url: Option<String>,
    /// The previous page's URL.
    pub prev_url: Option<String>,
}

impl Default for Page {
    fn default() -> Self {
        Page { number: 1, total: None, next_url: None, prev_url: None }
    }
}

/// A hyperlink: its absolute URL (when a base is known) and its text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Link {
    /// The link target, made absolute when the page or the caller gives a base URL.
    pub url: Option<String>,
    /// The visible text of the link.
    pub text: String,
}

/// One post.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Post {
    /// The engine's message id (SMF `msg123`, phpBB `p123` (2.0: the bare anchor `123`),
    /// XenForo `post-123`, vBulletin `post_message_123`, 5.x and 6.x `a#post123`, FluxBB
    /// `#p123`, MyBB `pid_123`, Phorum the third id of `read.php?2,132,133`, Forumotion `#p123`,
    /// Invision `elComment_123` (3: `post_id_123`); Discourse the post number in the topic,
    /// which both the crawler view and the topic JSON give (`/t/slug/123/4`); Vanilla
    /// `Discussion_123` for the opening post and `Comment_456` for replies, numbered apart).
    pub id: Option<String>,
    /// The post's place in the thread, 1-based ("Reply #3" is position 4; XenForo's, FluxBB's
    /// and MyBB's "#4"; Forumotion's "Post n°2"), when shown (phpBB: a style's "#N", else the
    /// page's `start=` offset plus the post's place on the page; Phorum shows none; Invision
    /// 3's "#N", 4 and 5 show none; Discourse the post number; Vanilla the permalink's
    /// `Item_N` plus one, the opening post being 1).
    pub position: Option<u32>,
    /// The post's permalink.
    pub url: Option<String>,
    /// The post's subject line, when the engine shows one per post.
    pub subject: Option<String>,
    /// When the post was made, normalized (see [`Timestamp`]).
    pub date: Option<Timestamp>,
    /// The date exactly as the page shows it. XenForo shows a short form ("Sep 9, 2017",
    /// "Freitag um 00:40 Uhr") and the full one as its tooltip: the tooltip is given
    /// ("Sep 9, 2017 at 1:19 AM"), else the text. Invision and Vanilla show a short form
    /// ("January 30", "September 2019") and give `date` from `time[datetime]`; Discourse
    /// 2.5 shows the last change instead of the creation time (`date_raw` is then `null`,
    /// the shown time is the edit's); the topic JSON gives `created_at`.
    pub date_raw: Option<String>,
    /// The "Last edit" note (Invision's "Edited DATE by NAME" and reason; Discourse's
    /// `dateModified` when it differs from the creation time, the topic JSON's `updated_at`
    /// when `version` > 1; Vanilla's "edited" tooltip).
    pub edited: Option<Edited>,
    /// Who wrote the post.
    pub author: Author,
    /// The post body as HTML, signature excluded.
    pub body_html: String,
    /// The post body as clean text: paragraphs separated by a blank line, `<br>` as a line
    /// break, quotes as lines starting with `> `, no signature, no scripts.
    pub body_text: String,
    /// Quotes of other posts, in body order, nested quotes kept nested.
    pub quotes: Vec<Quote>,
    /// A pasted news article the post consists of, when recognized.
    pub article: Option<Article>,
    /// The link that credits where pasted content came from.
    pub source: Option<Source>,
    /// Links in the body (outside quotes' headers and the signature), in order.
    pub links: Vec<Link>,
    /// The author's signature, kept apart from the body (phpBB 2.0 and subsilver2: the text
    /// after the `_________________` rule).
    pub signature: Option<Signature>,
    /// Files attached to the post (phpBB: `dl.file` and `dl.thumbnail`, inline or in
    /// `dl.attachbox`).
    pub attachments: Vec<Attachment>,
    /// Likes, thanks and reactions shown under the post, one entry per kind (XenForo 1
    /// "likes", XenForo 2 likes bar or reactions bar, Invision's reaction counts, Discourse
    /// likes (the JSON's `actions_summary` or reactions), Vanilla's reaction buttons).
    pub reactions: Vec<Reaction>,
}

/// A kind of reaction to a post ("Like", "Thanks") with how many gave it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Reaction {
    /// The reaction's name as the page labels it ("Like", "Thanks", XenForo 2's reaction
    /// image title "Gefällt mir"); "reaction" when the page shows only a total (a XenForo 2
    /// bar listing several kinds without a count each).
    pub kind: String,
    /// How many members gave it: the number shown, else the names listed
    /// ("A, B and 12 others" is 14).
    pub count: u64,
    /// The members' names when listed.
    pub users: Vec<String>,
}

/// A "Last edit" note (phpBB: "Last edited by NAME on DATE, edited N times in total." with
/// an optional "Reason:").
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Edited {
    /// When, normalized.
    pub date: Option<Timestamp>,
    /// When, as shown.
    pub date_raw: Option<String>,
    /// Who edited, when shown (XenForo never names the editor: "Last edited: DATE",
    /// "Last edited by a moderator: DATE" give `null`).
    pub by: Option<String>,
    /// The reason given, when shown.
    pub reason: Option<String>,
}

/// The author block of a post.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Author {
    /// The display name (Invision: the account name of `data-quotedata`, without the
    /// decoration a member group adds, Neowin's "+"; Discourse: the username, the full name
    /// going to `fields` as "Name").
    pub name: Option<String>,
    /// The engine's member id (SMF `u=123`, phpBB `u=123` or SEO `membre123/`, XenForo
    /// `members/name.123`, vBulletin `u=123`, `member.php?123-name`, `members/123-name`,
    /// Invision `/profile/123-name/` or `data-quotedata`'s `userid`, Discourse the topic
    /// JSON's `user_id`, Vanilla `/profile/123/name` or `data-userid`).
    pub id: Option<String>,
    /// The profile URL.
    pub url: Option<String>,
    /// The member group or rank label shown under the name ("Hero Member", "TBR Contributor";
    /// SMF's membergroup, else its post group; phpBB's rank title, else its rank image's
    /// title; vBulletin's rank when separate from the user title: the rank image's
    /// alternative text, rarely given; XenForo's user-group banner, "Staff member",
    /// "Moderator", while the thread starter's badge, "Original poster", and further banners
    /// go to `fields` as "Banner"; FluxBB/PunBB's user title; MyBB's group image name when
    /// shown, else its user title; Phorum's "Admin"/"Moderator"; Forumotion's rank line;
    /// Invision's member group; Discourse's primary group (topic JSON); Vanilla's Ranks
    /// label, else its role, the role then going to `fields` as "Role").
    pub rank: Option<String>,
    /// A custom user title shown separately from the rank (SMF personal text / "blurb",
    /// vBulletin/XenForo user title: XenForo's `userTitle`, "Well-known member"; MyBB's user
    /// title when a group image is the rank; Invision's member title or rank title,
    /// "Advanced Member"; Discourse's `user_title` (topic JSON); Vanilla's `AuthorTitle`).
    pub title: Option<String>,
    /// Rank stars or pips: the number of star images shown (SMF `stars`; vBulletin: the
    /// images or icons of the rank, `span.rank`, 5.x and 6.x `b-userinfo__rank`; MyBB
    /// `star.png`; Invision's pips; Vanilla's "✭" rank labels).
    pub stars: Option<u32>,
    /// The author's post count ("Posts: 165,733").
    pub post_count: Option<u64>,
    /// Online status icon or text, when the page shows one. XenForo marks online members
    /// only: `true` there, else `null` (offline and hidden look the same); so does phpBB's
    /// prosilver, while subsilver2 and custom styles show Online/Offline icons.
    pub online: Option<bool>,
    /// The avatar image URL.
    pub avatar_url: Option<String>,
    /// Registration date ("Joined: ...", "Registered: ...", phpBB "Registriert:",
    /// "Inscription :", XenForo "Joined", "Dabei seit", vBulletin "Join Date", FluxBB
    /// "Registered:", Forumotion "Anmeldedatum"). Kept at the precision shown: XenForo 2's,
    /// MyBB's and vBulletin's "Joined: Oct 2007" is the month `"2007-10"`, "Joined: 2008" the
    /// year `"2008"` (see [`Timestamp`]). A value that is no date (Phorum's "9 years ago")
    /// stays in `fields` as shown, with a warning.
    pub joined: Option<Timestamp>,
    /// Location, when shown (XenForo "Location"/"Ort", or a flag image's tooltip).
    pub location: Option<String>,
    /// Other labeled facts from the profile block, in page order ("Activity: 42",
    /// "Karma: +3/-1", "Merit: 10", "Gender"; phpBB's custom profile fields; XenForo's
    /// "Reaction score", "Points", custom fields, and "Banner" for badges that are not the
    /// rank; MyBB "Threads", "Reputation"; Phorum "IP"; Forumotion's image-labeled fields by
    /// their image's alt text).
    pub fields: Vec<Field>,
    /// True when the post was made by a guest (unregistered) user: a name without member
    /// id, profile link or member facts (phpBB: no profile link; vBulletin 4.x marks guests
    /// `span.username.guest`, which some boards also print for members they hide from
    /// guests).
    pub guest: bool,
}

/// A labeled value from an author block.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Field {
    /// The label, without its colon ("Activity").
    pub label: String,
    /// The value as shown ("42").
    pub value: String,
}

/// A quote of another post inside a post body.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Quote {
    /// Who is quoted, from the quote header ("Quote from: NAME on DATE").
    pub author: Option<String>,
    /// When the quoted post was made, normalized.
    pub date: Option<Timestamp>,
    /// The date as the quote header shows it.
    pub date_raw: Option<String>,
    /// The quoted post's id, from the header's link, or the quote's own attributes
    /// (Invision `data-ipsquote-contentcommentid`, Discourse `data-post`, Vanilla the
    /// "»" link's `Comment_N`).
    pub post_id: Option<String>,
    /// The header's link to the quoted post.
    pub url: Option<String>,
    /// The quote's own text, nested quotes rendered as `> ` lines.
    pub text: String,
    /// Quotes nested inside this one.
    pub quotes: Vec<Quote>,
}

/// A news article pasted into a post: dateline, headline, body, source link.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Article {
    /// The article's headline.
    pub headline: Option<String>,
    /// The dateline as shown ("MAY 2, 2023 · WASHINGTON, DC · CYBER CRIMES, NARCOTICS").
    pub dateline: Option<String>,
    /// The article's date, from its dateline.
    pub date: Option<Timestamp>,
    /// The place in the dateline ("WASHINGTON, DC").
    pub location: Option<String>,
    /// Category labels from the dateline.
    pub categories: Vec<String>,
    /// The article's body text, paragraphs separated by blank lines.
    pub text: String,
    /// Where the article was copied from.
    pub source_url: Option<String>,
}

/// The link crediting where pasted content came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Source {
    /// The source URL.
    pub url: String,
    /// The URL's host ("www.ice.gov").
    pub domain: Option<String>,
    /// The link text or the line it stood on.
    pub text: Option<String>,
}

/// A post signature.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Signature {
    /// The signature as clean text.
    pub text: String,
    /// The signature's HTML (empty for text input).
    pub html: String,
    /// Links in the signature.
    pub links: Vec<Link>,
    /// True when the signature was inferred from a text rendering's layout (the lines after
    /// "Logged" or a rule, a block repeated under every post of one author, the lines after
    /// a pasted article's source link) rather than read from markup.
    pub inferred: bool,
}

/// A file attached to a post.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Attachment {
    /// The file name.
    pub name: String,
    /// The download URL.
    pub url: Option<String>,
    /// The size in bytes, from "(45.2 KB)"-style labels.
    pub size: Option<u64>,
    /// Times downloaded or viewed, when shown (XenForo's "Views").
    pub downloads: Option<u64>,
}

/// A problem met while reading a field. The page still parsed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Warning {
    /// The post concerned, as its 1-based index in [`Thread::posts`]; `None` for the page.
    pub post: Option<usize>,
    /// The field concerned, named as in the JSON (`"date"`, `"author.post_count"`).
    pub field: String,
    /// What went wrong, quoting the offending text where useful.
    pub message: String,
}

impl Warning {
    /// A warning about `field` of post number `post` (1-based), or of the page.
    pub fn new(post: Option<usize>, field: impl Into<String>, message: impl Into<String>) -> Self {
        Warning { post, field: field.into(), message: message.into() }
    }
}

/// A normalized point in time, or the day, month or year a page gave.
///
/// Forum pages show dates at several precisions, and this type keeps them apart instead of
/// inventing what the page did not say. In JSON it is an ISO 8601 string at the precision
/// shown, and [`Display`](fmt::Display) and [`FromStr`] write and read the same strings:
/// - `"2008"`: a year alone, ISO 8601's reduced precision ("Joined: 2008");
/// - `"2008-08"`: a month of a year, likewise ("Join Date: Aug 2008", "Registriert: Feb 2019");
/// - `"2023-05-02"`: a calendar day (a dateline, "Joined: May 2, 2023");
/// - `"2023-05-02T11:04:13"`: a local time in the forum's (unknown) time zone;
/// - `"2023-05-02T11:04:13+02:00"`: a time whose offset the page (or the caller) gave.
///
/// Years are written with four digits, and with a sign outside 0 to 9999 (`"+10000"`,
/// `"-0001"`), as chrono writes the years of days and times.
///
/// Which fields take a month or a year: a member's registration ([`Author::joined`]), a
/// fact that pages show coarsely ("Join Date: Aug 2008" on vBulletin, "Registriert: Feb
/// 2019" on MyBB). The dates of things the forum stamps when they happen, a post, an edit,
/// a quoted post ([`Post::date`], [`Edited::date`], [`Quote::date`]), are a day at least: a
/// post's date line that reads "Aug 2008" is no post date (it is kept in `date_raw`, with a
/// warning). A pasted article's dateline ([`Article::date`]) is recognized by its day.
///
/// ```
/// use forum_thread::Timestamp;
///
/// let joined: Timestamp = "2008-08".parse().unwrap();
/// assert_eq!(joined, Timestamp::Month { year: 2008, month: chrono::Month::August });
/// assert_eq!(joined.to_string(), "2008-08");
/// assert_eq!(joined.date(), None);
/// assert_eq!(("2008".parse::<Timestamp>()).map(|t| t.to_string()).as_deref(), Ok("2008"));
/// assert!("2008-13".parse::<Timestamp>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Timestamp {
    /// A year, without a month or day.
    Year(i32),
    /// A month of a year, without a day.
    Month {
        /// The year.
        year: i32,
        /// The month.
        month: chrono::Month,
    },
    /// A calendar day without a time.
    Date(NaiveDate),
    /// A wall-clock time whose zone is not known.
    Local(NaiveDateTime),
    /// A time with a known UTC offset.
    Offset(DateTime<FixedOffset>),
}

impl Timestamp {
    /// The calendar day; `None` for a month or a year alone, which name no day.
    pub fn date(&self) -> Option<NaiveDate> {
        match self {
            Timestamp::Year(_) | Timestamp::Month { .. } => None,
            Timestamp::Date(d) => Some(*d),
            Timestamp::Local(dt) => Some(dt.date()),
            Timestamp::Offset(dt) => Some(dt.date_naive()),
        }
    }

    /// The year, whatever the precision.
    pub fn year(&self) -> i32 {
        match self {
            Timestamp::Year(year) | Timestamp::Month { year, .. } => *year,
            Timestamp::Date(d) => d.year(),
            Timestamp::Local(dt) => dt.year(),
            Timestamp::Offset(dt) => dt.year(),
        }
    }

    /// The month (1 to 12); `None` for a year alone.
    pub fn month(&self) -> Option<u32> {
        match self {
            Timestamp::Year(_) => None,
            Timestamp::Month { month, .. } => Some(month.number_from_month()),
            Timestamp::Date(d) => Some(d.month()),
            Timestamp::Local(dt) => Some(dt.month()),
            Timestamp::Offset(dt) => Some(dt.month()),
        }
    }

    /// Whether the value names a day or a time: not a month or a year alone.
    pub fn has_day(&self) -> bool {
        self.date().is_some()
    }
}

/// Writes a year as chrono's `%Y` does: four digits, with a sign outside 0 to 9999.
fn write_year(f: &mut fmt::Formatter<'_>, year: i32) -> fmt::Result {
    if (0..=9999).contains(&year) { write!(f, "{year:04}") } else { write!(f, "{year:+05}") }
}

/// Reads a year as [`write_year`] writes it: four digits, or a sign and at least four.
fn parse_year(s: &str) -> Option<i32> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let signed = digits.len() < s.len();
    let ok =
        digits.bytes().all(|b| b.is_ascii_digit()) && (digits.len() == 4 || (signed && digits.len() > 4));
    ok.then(|| s.parse().ok()).flatten()
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Timestamp::Year(year) => write_year(f, *year),
            Timestamp::Month { year, month } => {
                write_year(f, *year)?;
                write!(f, "-{:02}", month.number_from_month())
            }
            Timestamp::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Timestamp::Local(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S")),
            Timestamp::Offset(dt) => write!(f, "{}", dt.format("%Y-%m-%dT%H:%M:%S%:z")),
        }
    }
}

/// The error of [`Timestamp::from_str`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not an ISO 8601 date, date-time, month or year: {0:?}")]
pub struct TimestampParseError(String);

impl FromStr for Timestamp {
    type Err = TimestampParseError;

    /// Reads what [`Display`](fmt::Display) writes: an RFC 3339 date-time with offset, a
    /// local date-time (`2023-05-02T11:04:13`), a day (`2023-05-02`), a month (`2008-08`) or
    /// a year (`2008`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp::Offset(dt));
        }
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
            return Ok(Timestamp::Local(dt));
        }
        if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
            return Ok(Timestamp::Date(d));
        }
        // The year may carry a sign: the month's dash is the last one.
        if let Some((year, month)) = s.rsplit_once('-').filter(|(year, _)| !year.is_empty()) {
            let month = (month.len() == 2 && month.bytes().all(|b| b.is_ascii_digit()))
                .then(|| month.parse::<u8>().ok())
                .flatten()
                .and_then(|m| chrono::Month::try_from(m).ok());
            if let (Some(year), Some(month)) = (parse_year(year), month) {
                return Ok(Timestamp::Month { year, month });
            }
        }
        if let Some(year) = parse_year(s) {
            return Ok(Timestamp::Year(year));
        }
        Err(TimestampParseError(s.to_owned()))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A timestamp is the ISO 8601 string [`Display`](fmt::Display) writes, at its precision.
#[cfg(test)]
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An ISO 8601 date at the precision the page shows: a year (`2008`), a \
                month (`2008-08`), a day (`2023-05-02`), a local time whose zone is unknown \
                (`2023-05-02T11:04:13`) or a time with its UTC offset \
                (`2023-05-02T11:04:13+02:00`). Years outside 0 to 9999 carry a sign.",
            "type": "string",
            "pattern": "^([0-9]{4}|[+-][0-9]{4,})(-[0-9]{2}(-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}([+-][0-9]{2}:[0-9]{2})?)?)?)?$",
            "examples": ["2008", "2008-08", "2023-05-02", "2023-05-02T11:04:13", "2023-05-02T11:04:13+02:00"],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_the_json_names_and_parse_back() {
        fn check<T>(all: &[T])
        where
            T: Copy + fmt::Debug + PartialEq + Serialize + fmt::Display + FromStr<Err = UnknownName>,
        {
            for &value in all {
                let json = serde_json::to_value(value).expect("serializes");
                assert_eq!(json.as_str(), Some(value.to_string().as_str()), "{value:?}");
                assert_eq!(value.to_string().parse::<T>(), Ok(value));
                assert_eq!(value.to_string().to_uppercase().parse::<T>(), Ok(value));
            }
            assert!("".parse::<T>().is_err());
        }
        check(&Format::ALL);
        check(&CharsetSource::ALL);
    }

    #[test]
    fn timestamps_write_and_read_the_same_strings() {
        let day = NaiveDate::from_ymd_opt(2023, 5, 2).expect("a day");
        let time = day.and_hms_opt(11, 4, 13).expect("a time");
        let offset = FixedOffset::east_opt(7200).expect("an offset");
        let cases = [
            (Timestamp::Year(2008), "2008"),
            (Timestamp::Year(987), "0987"),
            (Timestamp::Year(10_000), "+10000"),
            (Timestamp::Year(-1), "-0001"),
            (Timestamp::Month { year: 2008, month: chrono::Month::August }, "2008-08"),
            (Timestamp::Month { year: 2019, month: chrono::Month::December }, "2019-12"),
            (Timestamp::Month { year: -44, month: chrono::Month::March }, "-0044-03"),
            (Timestamp::Date(day), "2023-05-02"),
            (Timestamp::Local(time), "2023-05-02T11:04:13"),
            (
                Timestamp::Offset(time.and_local_timezone(offset).single().expect("one")),
                "2023-05-02T11:04:13+02:00",
            ),
        ];
        for (value, text) in cases {
            assert_eq!(value.to_string(), text);
            assert_eq!(text.parse::<Timestamp>(), Ok(value), "{text}");
            let json = serde_json::to_string(&value).expect("serializes");
            assert_eq!(json, format!("{text:?}"));
            assert_eq!(serde_json::from_str::<Timestamp>(&json).expect("deserializes"), value);
        }
        for junk in [
            "", "08", "208", "2008-8", "2008-13", "2008-00", "2008-08-", "-08", "+208", "2008-W05",
            "Aug 2008",
        ] {
            assert!(junk.parse::<Timestamp>().is_err(), "{junk:?}");
        }
        let month = Timestamp::Month { year: 2008, month: chrono::Month::August };
        assert_eq!(
            (month.date(), month.year(), month.month(), month.has_day()),
            (None, 2008, Some(8), false)
        );
        assert_eq!((Timestamp::Year(2008).month(), Timestamp::Date(day).month()), (None, Some(5)));
        assert_eq!(Timestamp::Local(time).date(), Some(day));
    }
}
