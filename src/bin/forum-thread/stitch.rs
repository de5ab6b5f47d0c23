//! `forum-thread stitch`: page records into threads, the reduce step of a map-reduce job.

use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal};
use std::path::{Path, PathBuf};
use std::time::Instant;

use forum_thread::dump::{ErrorKind, PageError, Stitcher};
use forum_thread::{Origin, Thread};

use crate::shared::{Failure, INPUT_FAILED, Records, Status, StitchArgs, is_stdin, name, totals, unkeyed};

/// Stitches page records (the lines `forum-thread dump --pages` writes, with or without
/// `--keyed`'s keys) into threads: pages
/// in any order, threads interleaved, from files or standard input. The threads are those
/// one `forum-thread dump` run over the same pages writes, so that `dump --pages` can be
/// the map step of a map-reduce job, and this the reduce step over pages grouped by their
/// `stitch_key`. Error records are passed on as they are; a line that is not a record is
/// an error record of kind `corrupt`, and the exit status is 1.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files of page records (JSON Lines); `-` or none: standard input.
    inputs: Vec<PathBuf>,
    /// One post per line, with its thread's id, title, URL and site, instead of one thread.
    #[arg(long)]
    posts: bool,
    #[command(flatten)]
    stitch: StitchArgs,
    /// Leave error records out of the output (they are still counted).
    #[arg(long)]
    no_errors: bool,
    /// No totals on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

/// What a run counted.
#[derive(Default, serde::Serialize)]
struct Counts {
    pages: u64,
    threads: u64,
    posts: u64,
    threads_evicted: u64,
    /// Error records read and passed on.
    errors: u64,
    /// Lines that are no record, and inputs that could not be read.
    read_errors: u64,
}

pub fn run(args: &Args) -> Result<Status, Failure> {
    let stdin = [PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() { &stdin[..] } else { &args.inputs[..] };
    if inputs.iter().any(|p| is_stdin(p)) && std::io::stdin().is_terminal() {
        return Err(Failure::Usage("stitch: no input: give files of page records, or pipe them in".into()));
    }
    let started = Instant::now();
    let mut stitcher = Stitcher::new(args.stitch.options());
    let mut out = Records::stdout(args.posts, !args.no_errors);
    let mut counts = Counts::default();
    for input in inputs {
        let reader: Box<dyn BufRead> = if is_stdin(input) {
            Box::new(std::io::stdin().lock())
        } else {
            match File::open(input) {
                Ok(file) => Box::new(BufReader::with_capacity(1 << 20, file)),
                Err(e) => {
                    eprintln!("forum-thread: {}: {e}", name(input));
                    counts.read_errors += 1;
                    out.error(&PageError::new(origin(input, 0), ErrorKind::Io, e.to_string()))?;
                    continue;
                }
            }
        };
        let mut lines = Lines { reader, offset: 0, line: Vec::new() };
        loop {
            let offset = lines.offset;
            let line = match lines.next() {
                Ok(Some(line)) => unkeyed(line),
                Ok(None) => break,
                Err(e) => {
                    eprintln!("forum-thread: {}: {e}", name(input));
                    counts.read_errors += 1;
                    out.error(&PageError::new(origin(input, offset), ErrorKind::Io, e.to_string()))?;
                    break;
                }
            };
            match record(line) {
                Ok(Some((page, from))) => {
                    counts.pages += 1;
                    emit(&mut out, &mut counts, stitcher.push(page, from))?;
                }
                Ok(None) => {
                    counts.errors += 1;
                    out.line(line)?;
                }
                Err(reason) => {
                    eprintln!("forum-thread: {}@{offset}: {reason}", name(input));
                    counts.read_errors += 1;
                    out.error(&PageError::new(origin(input, offset), ErrorKind::Corrupt, reason))?;
                }
            }
        }
    }
    emit(&mut out, &mut counts, stitcher.finish())?;
    out.flush()?;
    counts.threads_evicted = stitcher.evicted();
    let status = if counts.read_errors > 0 { Status::InputFailed } else { Status::Read };
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let exit = if status == Status::Read { 0 } else { INPUT_FAILED };
        let json = serde_json::json!({
            "schema_version": forum_thread::SCHEMA_VERSION,
            "stats": counts,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "exit": exit,
        });
        totals("stitch", &json);
    }
    Ok(status)
}

/// A line's page and where it was read from; `None` for an error record; why the line is
/// neither.
fn record(line: &[u8]) -> Result<Option<(Thread, Origin)>, String> {
    let value: serde_json::Value =
        serde_json::from_slice(line).map_err(|e| format!("not a JSON record: {e}"))?;
    if value.get("error").is_some() {
        return Ok(None);
    }
    let mut page: Thread = serde_json::from_value(value).map_err(|e| format!("not a page record: {e}"))?;
    if page.origins.len() > 1 {
        return Err(format!(
            "a thread of {} pages, not a page record: stitch reads what `dump --pages` writes",
            page.origins.len()
        ));
    }
    let from = page.origins.pop().map(|o| o.origin).unwrap_or_default();
    // The stitcher finds the key again from the page's fields, as `dump` found it.
    page.stitch_key = None;
    Ok(Some((page, from)))
}

/// Writes threads, counting them.
fn emit(out: &mut Records, counts: &mut Counts, threads: Vec<Thread>) -> std::io::Result<()> {
    for thread in threads {
        counts.threads += 1;
        counts.posts += thread.posts.len() as u64;
        out.thread(&thread)?;
    }
    Ok(())
}

fn origin(input: &Path, offset: u64) -> Origin {
    let mut origin = Origin::default();
    origin.file = name(input);
    origin.offset = offset;
    origin
}

/// The non-empty lines of an input, with their offsets.
struct Lines {
    reader: Box<dyn BufRead>,
    offset: u64,
    line: Vec<u8>,
}

impl Lines {
    fn next(&mut self) -> std::io::Result<Option<&[u8]>> {
        loop {
            self.line.clear();
            let n = self.reader.read_until(b'\n', &mut self.line)?;
            if n == 0 {
                return Ok(None);
            }
            self.offset += n as u64;
            let Some(start) = self.line.iter().position(|b| !b.is_ascii_whitespace()) else {
                continue;
            };
            let end = self.line.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
            return Ok(Some(&self.line[start..end]));
        }
    }
}
