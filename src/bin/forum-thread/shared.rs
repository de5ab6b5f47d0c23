//! What the subcommands share: how a run ends, reading and naming an input, the limits of
//! stitching, and what `dump` and `stitch` write (JSON Lines of threads, or of their posts,
//! and error records; the totals line on standard error).

use std::io::{BufWriter, Read, StdoutLock, Write};
use std::path::Path;

use forum_thread::Thread;
use forum_thread::dump::{ErrorRecord, PageError, PostRecord, StitchOptions};
use serde::Serialize;

/// How a run that wrote its output ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every input was read.
    Read,
    /// Some input could not be read (said on standard error, and in error records).
    InputFailed,
}

/// Why a run stopped.
#[derive(Debug)]
pub enum Failure {
    /// The arguments do not make sense together (clap checks the rest).
    Usage(String),
    /// The output could not be written, or a thread could not start.
    Io(std::io::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::Io(e)
    }
}

/// The exit status when some input failed.
pub const INPUT_FAILED: u8 = 1;

/// The limits of stitching, options of `dump` and `stitch`.
#[derive(clap::Args, Debug)]
pub struct StitchArgs {
    /// Threads kept open waiting for their other pages.
    #[arg(long, default_value_t = 4096)]
    max_open_threads: usize,
    /// Memory kept in open threads, in MiB: what their pages hold, as allocated.
    #[arg(long, default_value_t = 32)]
    max_open_mib: usize,
}

impl StitchArgs {
    pub fn options(&self) -> StitchOptions {
        StitchOptions::default()
            .max_open_threads(self.max_open_threads)
            .max_open_bytes(self.max_open_mib << 20)
    }
}

/// Writes records to standard output as JSON Lines.
pub struct Records {
    out: BufWriter<StdoutLock<'static>>,
    posts: bool,
    errors: bool,
    keyed: bool,
}

impl Records {
    /// One thread a line, or with `posts` one post a line; error records unless `errors` is
    /// false.
    pub fn stdout(posts: bool, errors: bool) -> Records {
        let out = BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
        Records { out, posts, errors, keyed: false }
    }

    /// Starts every line with its record's key and a tab (see [`key`]).
    pub fn keyed(mut self, keyed: bool) -> Records {
        self.keyed = keyed;
        self
    }

    /// Writes a thread, or its posts.
    pub fn thread(&mut self, thread: &Thread) -> std::io::Result<()> {
        let key = self.keyed.then(|| match (&thread.stitch_key, thread.origins.first()) {
            (Some(key), _) => key.clone(),
            (None, Some(first)) => at(&first.origin),
            (None, None) => String::new(),
        });
        if !self.posts {
            self.key(key.as_deref())?;
            serde_json::to_writer(&mut self.out, thread)?;
            return self.out.write_all(b"\n");
        }
        for line in PostRecord::all(thread) {
            self.key(key.as_deref())?;
            serde_json::to_writer(&mut self.out, &line)?;
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    /// Writes an error record.
    pub fn error(&mut self, error: &PageError) -> std::io::Result<()> {
        if !self.errors {
            return Ok(());
        }
        if self.keyed {
            self.key(Some(&at(&error.origin)))?;
        }
        serde_json::to_writer(&mut self.out, &ErrorRecord::new(error))?;
        self.out.write_all(b"\n")
    }

    /// Writes a line read from an input as it was (an error record passed on).
    pub fn line(&mut self, line: &[u8]) -> std::io::Result<()> {
        if !self.errors {
            return Ok(());
        }
        self.out.write_all(line)?;
        self.out.write_all(b"\n")
    }

    fn key(&mut self, key: Option<&str>) -> std::io::Result<()> {
        let Some(key) = key else { return Ok(()) };
        // A tab or line break would end the key early, or the line.
        let key = key.replace(['\t', '\n', '\r'], " ");
        self.out.write_all(key.as_bytes())?;
        self.out.write_all(b"\t")
    }

    /// Writes out what is buffered.
    pub fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// The key of a record without a stitching key: where it was read, `file@offset`.
fn at(origin: &forum_thread::Origin) -> String {
    format!("{}@{}", origin.file, origin.offset)
}

/// A record line, without the key and tab that `dump --keyed` puts before it. A record
/// starts with `{`, and JSON Lines hold no raw tab.
pub fn unkeyed(line: &[u8]) -> &[u8] {
    match line.first() {
        Some(b'{') | None => line,
        Some(_) => line.iter().position(|b| *b == b'\t').map_or(line, |tab| &line[tab + 1..]),
    }
}

/// Prints a run's totals on standard error as one JSON line, `forum-thread COMMAND: {...}`.
pub fn totals(command: &str, totals: &impl Serialize) {
    let json = serde_json::to_string(totals).unwrap_or_default();
    // Standard error gone too: there is no one left to tell.
    let _ = writeln!(std::io::stderr(), "forum-thread {command}: {json}");
}

/// How an input is named in messages: its path, or `standard input` for `-`.
pub fn name(path: &Path) -> String {
    if is_stdin(path) { "standard input".to_owned() } else { path.display().to_string() }
}

/// Whether `path` is `-`, standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The bytes of a file, or of standard input for `-`.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    if is_stdin(path) {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        Ok(bytes)
    } else {
        std::fs::read(path)
    }
}
