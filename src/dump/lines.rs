//! The lines of a JSON Lines output of a run, beside the [`Thread`] itself: one post a line
//! ([`PostLine`]), with its thread's fields. `dump2jsonl --posts` and the Python bindings'
//! `iter_dump(posts=True)` write these.

use serde::Serialize;

use crate::model::{Post, Thread};

/// One post with its thread's id, title, URL, site and engine, for outputs of one post a
/// line. It serializes as the post's own fields after these five.
///
/// ```
/// let page = std::fs::read("examples/data/smf20-briefing-room.html")?;
/// let thread = forum_thread::parse_bytes(&page)?;
/// let lines: Vec<_> = forum_thread::dump::PostLine::all(&thread).collect();
/// assert_eq!(lines.len(), thread.posts.len());
/// let json = serde_json::to_value(&lines[0])?;
/// assert_eq!(json["thread_id"], "612940");
/// assert_eq!(json["engine"], "smf");
/// assert_eq!(json["author"]["name"], "rangerrebew");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Serialize)]
#[non_exhaustive]
pub struct PostLine<'a> {
    /// The thread's [`Topic::id`](crate::Topic::id).
    pub thread_id: Option<&'a str>,
    /// The thread's [`Topic::title`](crate::Topic::title).
    pub thread_title: Option<&'a str>,
    /// The thread's [`Topic::url`](crate::Topic::url), else the page's [`Thread::url`].
    pub thread_url: Option<&'a str>,
    /// The forum's name ([`Site::name`](crate::Site::name)).
    pub site: Option<&'a str>,
    /// The engine's name (`"smf"`).
    pub engine: &'a str,
    /// The post.
    #[serde(flatten)]
    pub post: &'a Post,
}

impl<'a> PostLine<'a> {
    /// The lines of every post of `thread`, in order.
    pub fn all(thread: &'a Thread) -> impl Iterator<Item = PostLine<'a>> {
        let site = thread.site.as_ref().and_then(|s| s.name.as_deref());
        thread.posts.iter().map(move |post| PostLine {
            thread_id: thread.topic.id.as_deref(),
            thread_title: thread.topic.title.as_deref(),
            thread_url: thread.topic.url.as_deref().or(thread.url.as_deref()),
            site,
            engine: thread.engine.name(),
            post,
        })
    }
}
