//! Reading large thread dumps: many pages in directories, concatenated files, gzip or zstd
//! files, WARC files and JSON Lines; stitching the pages of one thread into one
//! [`Thread`](crate::Thread); parsing them on all cores in memory that does not grow with the
//! dump.
//!
//! Three layers, each usable alone:
//! - [`open`] / [`ReadOptions::open`]: the pages of a file or directory tree, each with its
//!   [`Origin`](crate::Origin), as [`Pages`]; a record that cannot be read is a [`PageError`] and reading
//!   goes on with the next one.
//! - [`Stitcher`]: pages in, threads out, in memory bounded by the threads still open.
//! - [`Pipeline`]: reading, parsing on a pool of worker threads and stitching, as an iterator
//!   of [`Record`]s with [`Stats`] at the end.
//!
//! ```no_run
//! use forum_thread::dump::{Pipeline, Record};
//!
//! let mut records = Pipeline::builder().build().run(["dumps/"])?;
//! for record in &mut records {
//!     match record {
//!         Record::Thread(thread) => println!("{} posts", thread.posts.len()),
//!         Record::Error(e) => eprintln!("{}: {}", e.origin, e.reason),
//!         _ => {}
//!     }
//! }
//! eprintln!("{:?}", records.stats());
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! # Inputs
//! Every file is sniffed, whatever its name: gzip and zstd by their magic numbers, then WARC
//! (`WARC/` first), a `.json` file as one page (a Discourse topic, `/t/ID.json`), JSON Lines
//! (`.jsonl`, `.ndjson` names, or `{` first; a line without the page field that is itself a
//! Discourse topic is the page), else HTML or text documents, back to back or alone. A
//! directory is walked to any depth in name order, taking the files whose names end in
//! `.html`, `.htm`, `.xhtml`, `.txt`, `.warc`, `.jsonl`, `.ndjson`, each optionally followed
//! by `.gz` or `.zst`, and following symbolic links (see [`Pages`]). An input with nothing in
//! it is an [`ErrorKind::Empty`] error; [`Stats::read_errors`] counts the errors that leave
//! part of the input unread.

// A `PageError` carries its origin (file, offsets, record id, URL): 128 bytes, once per
// failing page, next to the parse of a whole page. Boxing it would buy nothing measurable.
#![allow(clippy::result_large_err)]

use std::path::Path;

mod heap;
mod input;
mod lines;
mod pipeline;
mod raw;
mod source;
mod split;
mod stitch;
mod stream;
mod warc;

pub use input::{Pages, ReadOptions};
pub use lines::PostLine;
pub use pipeline::{Order, Pipeline, PipelineBuilder, Record, Records, Stats};
pub use raw::{ErrorKind, PageError, RawPage};
pub use source::ReadCounters;
pub use stitch::{StitchOptions, Stitcher, stitch_key};

/// Opens a file or directory tree of pages with default [`ReadOptions`].
///
/// # Errors
/// When `path` cannot be opened or read at all; a bad record inside it is a [`PageError`]
/// item instead.
pub fn open(path: impl AsRef<Path>) -> std::io::Result<Pages> {
    ReadOptions::default().open(path)
}
