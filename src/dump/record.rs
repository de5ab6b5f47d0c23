//! The JSON Lines records a dump is written as, besides the [`Thread`] itself: a post with
//! its thread's names ([`PostRecord`]), a document that failed ([`ErrorRecord`]), and the
//! totals of a run ([`Totals`]). Each carries `schema_version` ([`SCHEMA_VERSION`]), and
//! reads back from its JSON; [`crate::JSON_SCHEMA`] describes them all.
//!
//! They borrow what they write from the thread or error they are made of, and own what
//! they read. A pipeline's [`Record`] is written as its thread or its [`ErrorRecord`].

use std::borrow::Cow;

use serde::{Deserialize, Serialize, Serializer};

use super::pipeline::{Record, Stats};
use super::raw::PageError;
use crate::model::{Engine, Post, SCHEMA_VERSION, Thread, write_schema_version};

/// One post with the names of its thread: a line of `dump2jsonl --posts`.
///
/// In JSON the post's own fields sit beside the thread's, as in
/// `{"schema_version": 1, "thread_id": "266", "thread_title": "Hello", "thread_url": null,
/// "site": null, "engine": "smf", "id": "42", "position": 1, "author": {...}, ...}`.
///
/// ```
/// use forum_thread::dump::PostRecord;
///
/// let page = std::fs::read("examples/data/smf20-briefing-room.html")?;
/// let thread = forum_thread::parse_bytes(&page)?;
/// let line = serde_json::to_string(&PostRecord::all(&thread).next().expect("a post"))?;
/// let read: PostRecord = serde_json::from_str(&line)?;
/// assert_eq!(read.thread_id.as_deref(), Some("612940"));
/// assert_eq!(read.post.author.name.as_deref(), Some("rangerrebew"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct PostRecord<'a> {
    /// The version of the JSON contract: see [`Thread::schema_version`].
    #[serde(default, serialize_with = "write_schema_version")]
    #[cfg_attr(test, schemars(transform = crate::model::schema_version_schema))]
    pub schema_version: u32,
    /// The thread's [`Topic::id`](crate::Topic::id).
    #[serde(default)]
    pub thread_id: Option<Cow<'a, str>>,
    /// The thread's [`Topic::title`](crate::Topic::title).
    #[serde(default)]
    pub thread_title: Option<Cow<'a, str>>,
    /// The thread's [`Topic::url`](crate::Topic::url), else the page's [`Thread::url`].
    #[serde(default)]
    pub thread_url: Option<Cow<'a, str>>,
    /// The forum's [`Site::name`](crate::Site::name).
    #[serde(default)]
    pub site: Option<Cow<'a, str>>,
    /// The thread's [`Thread::engine`].
    pub engine: Cow<'a, Engine>,
    /// The post, its fields written beside the thread's.
    #[serde(flatten)]
    pub post: Cow<'a, Post>,
}

impl<'a> PostRecord<'a> {
    /// The record of `post`, one of `thread`'s posts.
    pub fn new(thread: &'a Thread, post: &'a Post) -> PostRecord<'a> {
        PostRecord {
            schema_version: SCHEMA_VERSION,
            thread_id: thread.topic.id.as_deref().map(Cow::Borrowed),
            thread_title: thread.topic.title.as_deref().map(Cow::Borrowed),
            thread_url: thread.topic.url.as_deref().or(thread.url.as_deref()).map(Cow::Borrowed),
            site: thread.site.as_ref().and_then(|s| s.name.as_deref()).map(Cow::Borrowed),
            engine: Cow::Borrowed(&thread.engine),
            post: Cow::Borrowed(post),
        }
    }

    /// The records of every post of `thread`, in order.
    pub fn all(thread: &'a Thread) -> impl Iterator<Item = PostRecord<'a>> {
        thread.posts.iter().map(move |post| PostRecord::new(thread, post))
    }
}

/// A document that could not be read or parsed: `{"schema_version": 1, "error": {"origin":
/// {...}, "kind": "not_a_thread", "reason": "..."}}`, a line of `dump2jsonl` beside the
/// threads.
///
/// ```
/// use forum_thread::dump::{ErrorKind, ErrorRecord};
///
/// let line = r#"{"schema_version": 1, "error": {"origin": {"file": "a.html", "offset": 0},
///                "kind": "not_a_thread", "reason": "no posts"}}"#;
/// let record: ErrorRecord = serde_json::from_str(line)?;
/// assert_eq!((record.error.kind, record.error.origin.file.as_str()), (ErrorKind::NotAThread, "a.html"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ErrorRecord<'a> {
    /// The version of the JSON contract: see [`Thread::schema_version`].
    #[serde(default, serialize_with = "write_schema_version")]
    #[cfg_attr(test, schemars(transform = crate::model::schema_version_schema))]
    pub schema_version: u32,
    /// The error.
    pub error: Cow<'a, PageError>,
}

impl<'a> ErrorRecord<'a> {
    /// The record of `error`.
    pub fn new(error: &'a PageError) -> ErrorRecord<'a> {
        ErrorRecord { schema_version: SCHEMA_VERSION, error: Cow::Borrowed(error) }
    }
}

/// The totals of a run: what it read and wrote ([`Stats`]), how long it took, and the exit
/// status the command gave. `dump2jsonl` prints it on standard error at the end, as
/// `{"schema_version": 1, "stats": {"files": 2, ...}, "seconds": 1.25, "exit": 0}`.
///
/// ```
/// use forum_thread::dump::Totals;
///
/// let line = r#"{"schema_version": 1, "stats": {"files": 2, "threads": 5}, "seconds": 1.25, "exit": 0}"#;
/// let totals: Totals = serde_json::from_str(line)?;
/// assert_eq!((totals.stats.files, totals.stats.threads, totals.exit), (2, 5, 0));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Totals {
    /// The version of the JSON contract: see [`Thread::schema_version`].
    #[serde(default, serialize_with = "write_schema_version")]
    #[cfg_attr(test, schemars(transform = crate::model::schema_version_schema))]
    pub schema_version: u32,
    /// What the run read and wrote.
    #[serde(default)]
    pub stats: Stats,
    /// The run's wall-clock time, in seconds.
    #[serde(default)]
    pub seconds: f64,
    /// The exit status of the command (0: every input was read).
    #[serde(default)]
    pub exit: u8,
}

impl Totals {
    /// The totals of a run.
    pub fn new(stats: Stats, seconds: f64, exit: u8) -> Totals {
        Totals { schema_version: SCHEMA_VERSION, stats, seconds, exit }
    }
}

impl Serialize for Record {
    /// The thread, or the [`ErrorRecord`] of the error.
    ///
    /// ```
    /// use forum_thread::dump::{Pipeline, Record};
    ///
    /// let mut records = Pipeline::builder().build().run(["no/such/dump"])?;
    /// let error: Vec<Record> = records.by_ref().collect();
    /// let json = serde_json::to_value(&error[0])?;
    /// assert_eq!((&json["schema_version"], &json["error"]["kind"]), (&1.into(), &"io".into()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Record::Thread(thread) => thread.serialize(serializer),
            Record::Error(error) => ErrorRecord::new(error).serialize(serializer),
        }
    }
}
