//! The parallel pipeline: one reader thread, a pool of parser threads, and the caller's
//! thread stitching, behind an iterator of [`Record`]s.
//!
//! ```text
//! reader ──(bounded queue)──▶ parsers ×N ──▶ caller: reorder (optional) ▶ stitch ▶ Record
//! ```
//! At most [`PipelineBuilder::in_flight`] pages are between the reader and the caller at
//! any time (a permit is taken per page read and given back when the caller has used it), so
//! memory is bounded whatever the dump's size and however slow one page is to parse.

use std::collections::{BTreeMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender, bounded};
use serde::{Deserialize, Serialize};

use super::input::{Pages, ReadOptions};
use super::raw::{ErrorKind, PageError, RawPage};
use super::source::ReadCounters;
use super::stitch::{StitchOptions, Stitcher, single};
use crate::model::{Origin, Thread, Warning};
use crate::parser::{Parser, Served};

/// The order records come out in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Order {
    /// Pages are stitched in input order: the output is the same on every run.
    #[default]
    Input,
    /// Pages are stitched as they are parsed: no waiting behind a slow page, but the order
    /// (and, with eviction, which pages share a record) may vary between runs.
    Completed,
}

/// The options of a [`Pipeline`].
#[derive(Clone, Debug)]
#[must_use]
pub struct PipelineBuilder {
    threads: usize,
    in_flight: Option<usize>,
    order: Order,
    stitch: bool,
    stitch_options: StitchOptions,
    parser: Parser,
    read: ReadOptions,
}

impl Default for PipelineBuilder {
    fn default() -> Self {
        PipelineBuilder {
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            in_flight: None,
            order: Order::Input,
            stitch: true,
            stitch_options: StitchOptions::default(),
            parser: Parser::default(),
            read: ReadOptions::default(),
        }
    }
}

impl PipelineBuilder {
    /// Parser threads (default: the number of CPUs). Reading and stitching run on two more
    /// threads, which are mostly idle.
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// The most pages read but not yet used by the caller (default 8 per parser thread plus
    /// 8): the memory bound of the pipeline, with [`ReadOptions::max_document`].
    pub fn in_flight(mut self, pages: usize) -> Self {
        self.in_flight = Some(pages.max(1));
        self
    }

    /// Input order (the default) or as completed.
    pub fn order(mut self, order: Order) -> Self {
        self.order = order;
        self
    }

    /// Whether pages of one thread are stitched into one record (default `true`); `false`
    /// emits every page as its own record.
    pub fn stitch(mut self, stitch: bool) -> Self {
        self.stitch = stitch;
        self
    }

    /// The limits of stitching.
    pub fn stitch_options(mut self, options: StitchOptions) -> Self {
        self.stitch_options = options;
        self
    }

    /// The parser options every page is parsed with. A page with a known URL (a WARC target
    /// URI, a JSON Lines URL field) gets it as its base URL unless the parser has one.
    pub fn parser(mut self, parser: Parser) -> Self {
        self.parser = parser;
        self
    }

    /// How inputs are read.
    pub fn read_options(mut self, options: ReadOptions) -> Self {
        self.read = options;
        self
    }

    /// The pipeline.
    pub fn build(self) -> Pipeline {
        Pipeline { opts: self }
    }
}

/// Reads, parses and stitches dumps on several threads. See [`PipelineBuilder`].
#[derive(Clone, Debug)]
pub struct Pipeline {
    opts: PipelineBuilder,
}

/// One output record. In JSON it is the line `dump2jsonl` writes for it: the [`Thread`]
/// itself, or an [`ErrorRecord`](super::ErrorRecord).
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Record {
    /// A thread: stitched from its pages, or one page when stitching is off.
    Thread(Box<Thread>),
    /// A document that could not be read or parsed.
    Error(PageError),
}

/// What a run did, complete once the records are exhausted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(default)]
#[non_exhaustive]
pub struct Stats {
    /// Input files opened.
    pub files: u64,
    /// Bytes read from the input files (compressed bytes for compressed files).
    pub bytes_read: u64,
    /// Documents read (parsed or not).
    pub pages_read: u64,
    /// Bytes of those documents, decompressed.
    pub page_bytes: u64,
    /// Pages parsed into a thread.
    pub pages_parsed: u64,
    /// Records passed over as not pages (WARC requests, metadata, non-HTML responses).
    pub records_skipped: u64,
    /// Thread records emitted.
    pub threads: u64,
    /// Posts in them.
    pub posts: u64,
    /// Threads emitted before all their pages arrived, to bound memory.
    pub threads_evicted: u64,
    /// Error records, by kind.
    #[cfg_attr(test, schemars(extend("propertyNames" = { "$ref": "#/$defs/ErrorKind" })))]
    pub errors: BTreeMap<ErrorKind, u64>,
    /// Error records of input that could not be read: a path that could not be opened or
    /// walked (`io`), a broken gzip member, WARC record or JSON line (`corrupt`), an input
    /// with nothing in it (`empty`), a failure of the reader itself (`panic`). Whatever is
    /// named there is missing from the output. Pages read and then refused (`too_large`,
    /// `not_a_thread`, ...) are not counted here.
    pub read_errors: u64,
}

impl Pipeline {
    /// The options, to be set.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// Starts reading `inputs` (files and directory trees, in the order given). Paths that
    /// cannot be opened become error records.
    ///
    /// # Errors
    /// Only when a thread cannot be spawned.
    pub fn run<P: AsRef<Path>>(&self, inputs: impl IntoIterator<Item = P>) -> std::io::Result<Records> {
        self.run_pages(self.opts.read.open_all(inputs))
    }

    /// Starts reading paths taken one at a time from an iterator (see
    /// [`ReadOptions::open_iter`]).
    ///
    /// # Errors
    /// Only when a thread cannot be spawned.
    pub fn run_iter(
        &self,
        inputs: impl Iterator<Item = PathBuf> + Send + 'static,
    ) -> std::io::Result<Records> {
        self.run_pages(self.opts.read.open_iter(inputs))
    }

    /// Runs on pages already opened.
    ///
    /// # Errors
    /// Only when a thread cannot be spawned.
    pub fn run_pages(&self, pages: Pages) -> std::io::Result<Records> {
        let threads = self.opts.threads;
        let window = self.opts.in_flight.unwrap_or(8 * threads + 8);
        let counters = pages.counters();
        let (permit_tx, permit_rx) = bounded::<()>(window);
        let (work_tx, work_rx) = bounded::<(u64, Result<RawPage, PageError>)>(window);
        let (done_tx, done_rx) = bounded::<(u64, Parsed)>(window);
        let mut handles = Vec::with_capacity(threads + 1);
        handles.push(
            std::thread::Builder::new()
                .name("dump-reader".into())
                .spawn(move || read(pages, &permit_tx, &work_tx))?,
        );
        for n in 0..threads {
            let (rx, tx, parser) = (work_rx.clone(), done_tx.clone(), self.opts.parser.clone());
            handles.push(
                std::thread::Builder::new()
                    .name(format!("dump-parse-{n}"))
                    .spawn(move || parse(&rx, &tx, &parser))?,
            );
        }
        Ok(Records {
            done_rx,
            permit_rx,
            order: self.opts.order,
            stitcher: self.opts.stitch.then(|| Stitcher::new(self.opts.stitch_options.clone())),
            pending: BTreeMap::new(),
            next_seq: 0,
            out: VecDeque::new(),
            finished: false,
            counters,
            stats: Stats::default(),
            _handles: handles,
        })
    }
}

/// A parsed page, or why there is none, with the page's size.
struct Parsed {
    result: Result<(Thread, Origin), PageError>,
    size: u64,
    /// The error came from reading, not parsing.
    unread: bool,
}

fn read(mut pages: Pages, permits: &Sender<()>, work: &Sender<(u64, Result<RawPage, PageError>)>) {
    for seq in 0u64.. {
        let item = match catch_unwind(AssertUnwindSafe(|| pages.next())) {
            Ok(Some(item)) => item,
            Ok(None) => return,
            Err(panic) => {
                // A reader bug: report it rather than end the output silently.
                let origin = Origin { file: "(reader)".into(), ..Origin::default() };
                Err(PageError::new(origin, ErrorKind::Panic, panic_message(&*panic)))
            }
        };
        let stop = item.as_ref().is_err_and(|e| e.kind == ErrorKind::Panic);
        // Blocks while `window` pages are in flight; fails when the caller has gone.
        if permits.send(()).is_err() || work.send((seq, item)).is_err() || stop {
            return;
        }
    }
}

fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panicked".into())
}

fn parse(work: &Receiver<(u64, Result<RawPage, PageError>)>, done: &Sender<(u64, Parsed)>, parser: &Parser) {
    for (seq, item) in work {
        let result = match item {
            Ok(page) => {
                let size = page.bytes.len() as u64;
                Parsed { result: parse_one(parser, page), size, unread: false }
            }
            Err(e) => Parsed { result: Err(e), size: 0, unread: true },
        };
        if done.send((seq, result)).is_err() {
            return;
        }
    }
}

fn parse_one(parser: &Parser, page: RawPage) -> Result<(Thread, Origin), PageError> {
    let RawPage { bytes, origin, charset, notes } = page;
    let served = Served { charset: charset.as_deref(), url: origin.url.as_deref() };
    let (kind, reason) = match catch_unwind(AssertUnwindSafe(|| parser.parse_served(&bytes, served))) {
        Ok(Ok(mut thread)) => {
            thread.warnings.extend(notes.into_iter().map(|note| Warning::new(None, "document", note)));
            return Ok((thread, origin));
        }
        Ok(Err(e)) => (ErrorKind::of(&e), e.to_string()),
        Err(panic) => (ErrorKind::Panic, panic_message(&*panic)),
    };
    let reason = std::iter::once(reason).chain(notes).collect::<Vec<_>>().join("; ");
    Err(PageError::new(origin, kind, reason))
}

/// The records of a [`Pipeline`] run. [`Records::stats`] is complete once the iterator has
/// returned `None`. Dropping it early stops the threads.
pub struct Records {
    done_rx: Receiver<(u64, Parsed)>,
    permit_rx: Receiver<()>,
    order: Order,
    stitcher: Option<Stitcher>,
    /// Parsed pages waiting for an earlier one, in input order mode.
    pending: BTreeMap<u64, Parsed>,
    next_seq: u64,
    out: VecDeque<Record>,
    finished: bool,
    counters: Arc<ReadCounters>,
    stats: Stats,
    _handles: Vec<JoinHandle<()>>,
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Records").field("stats", &self.stats()).finish_non_exhaustive()
    }
}

impl Records {
    /// The run's totals so far.
    pub fn stats(&self) -> Stats {
        let mut stats = self.stats.clone();
        stats.files = self.counters.files();
        stats.bytes_read = self.counters.bytes_read();
        stats.records_skipped = self.counters.records_skipped();
        stats.threads_evicted = self.stitcher.as_ref().map_or(0, Stitcher::evicted);
        stats
    }

    /// The reader's live counters (bytes read, files), for progress displays.
    pub fn counters(&self) -> Arc<ReadCounters> {
        Arc::clone(&self.counters)
    }

    fn take(&mut self, Parsed { result, size, unread }: Parsed) {
        // The page has left the pipeline: the reader may read another.
        let _ = self.permit_rx.try_recv();
        self.stats.pages_read += 1;
        self.stats.page_bytes += size;
        match result {
            Ok((thread, origin)) => {
                self.stats.pages_parsed += 1;
                let threads = match &mut self.stitcher {
                    Some(s) => s.push(thread, origin),
                    None => vec![single(thread, origin)],
                };
                for t in threads {
                    self.emit(t);
                }
            }
            Err(e) => {
                if matches!(e.kind, ErrorKind::Io | ErrorKind::Empty) {
                    // An input that could not be opened, or held nothing, is not a page.
                    self.stats.pages_read -= 1;
                }
                if unread && e.kind != ErrorKind::TooLarge {
                    self.stats.read_errors += 1;
                }
                *self.stats.errors.entry(e.kind).or_default() += 1;
                self.out.push_back(Record::Error(e));
            }
        }
    }

    fn emit(&mut self, thread: Thread) {
        self.stats.threads += 1;
        self.stats.posts += thread.posts.len() as u64;
        self.out.push_back(Record::Thread(Box::new(thread)));
    }
}

impl Iterator for Records {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.out.pop_front() {
                return Some(record);
            }
            if self.finished {
                return None;
            }
            match self.done_rx.recv() {
                Ok((seq, parsed)) => match self.order {
                    Order::Completed => self.take(parsed),
                    Order::Input => {
                        self.pending.insert(seq, parsed);
                        while let Some(parsed) = self.pending.remove(&self.next_seq) {
                            self.next_seq += 1;
                            self.take(parsed);
                        }
                    }
                },
                Err(_) => {
                    // Every worker is done: what is pending cannot be waiting for anything.
                    for parsed in std::mem::take(&mut self.pending).into_values() {
                        self.take(parsed);
                    }
                    let rest = self.stitcher.as_mut().map(Stitcher::finish).unwrap_or_default();
                    for t in rest {
                        self.emit(t);
                    }
                    self.finished = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CharsetSource;

    #[test]
    fn pages_are_parsed_as_their_container_served_them() {
        // A Russian SMF page in windows-1251 whose only charset is the WARC record's header.
        let page = include_str!("../../tests/fixtures/smf/smf11-default.html")
            .replace(r#"<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" />"#, "");
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(&page);
        let url = "https://forum.example/index.php?topic=7.0";
        let origin = Origin { url: Some(url.into()), ..Origin::default() };
        let raw = RawPage {
            bytes: bytes.into_owned(),
            origin,
            charset: Some("windows-1251".into()),
            notes: Vec::new(),
        };
        let (thread, _) = parse_one(&Parser::default(), raw.clone()).expect("parses");
        assert_eq!(thread.topic.title.as_deref(), Some("IPTV через роутер: пропадает картинка"));
        assert_eq!(thread.encoding.map(|e| e.source), Some(CharsetSource::ContentType));
        assert_eq!(thread.url.as_deref(), Some(url));
        // The parser's own base URL comes first.
        let parser = Parser::builder().base_url("https://other.example/t/1").build().expect("a valid URL");
        let (thread, _) = parse_one(&parser, raw).expect("parses");
        assert_eq!(thread.url.as_deref(), Some("https://other.example/t/1"));
    }
}
