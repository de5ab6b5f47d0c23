//! Streams thread dumps to JSON Lines: one thread per line (its pages stitched), or one post
//! per line with `--posts`; error records as `{"error": {...}}` lines. Runs on all cores in
//! bounded memory; see the README's "Thread dumps" section.
//!
//! ```text
//! dump2jsonl [OPTIONS] [INPUT]...        files or directories; none or `-`: paths on stdin
//! dump2jsonl --shard 3/16 dumps/ > part-03.jsonl
//! ```
//! A progress line (pages/s, MB/s, errors) is drawn on standard error when it is a terminal;
//! the run's totals are printed there as one JSON line at the end (`--quiet` drops them).
//!
//! Exit status, as grep and ripgrep give theirs:
//! - 0: every input was read, whatever the pages' errors (`not_a_thread`, `too_large`, ...);
//!   also when the reader of the output stops early (`| head`): the program ends quietly.
//! - 2: some input could not be read (a missing file, a broken gzip member, a damaged WARC
//!   record, a directory without pages: `stats.read_errors` of the totals, which also give
//!   `"exit": 2`), after writing everything that could be read; or bad arguments.
//! - 1: the run stopped: the output could not be written, or a thread could not start.

use std::io::{BufRead, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use forum_thread::Thread;
use forum_thread::dump::{Order, Pipeline, PostLine, ReadOptions, Record, StitchOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;

/// Streams thread dumps (directories of pages, concatenated pages, gzip/zstd, WARC, JSON
/// Lines) to JSON Lines.
#[derive(Parser, Debug)]
#[command(name = "dump2jsonl")]
struct Args {
    /// Files or directory trees. None, or `-`: a list of paths on standard input, one a line.
    inputs: Vec<PathBuf>,
    /// One post per line, with its thread's id, title, URL and site, instead of one thread.
    #[arg(long)]
    posts: bool,
    /// Do not stitch: one record per page.
    #[arg(long)]
    pages: bool,
    /// Take shard I of N (`3/16`): a deterministic share of the input files, so that N
    /// processes given the same inputs split them without overlap.
    #[arg(long, value_parser = parse_shard)]
    shard: Option<(u64, u64)>,
    /// Parser threads (default: every core).
    #[arg(long, short = 'j')]
    threads: Option<usize>,
    /// Emit records as pages are parsed rather than in input order.
    #[arg(long)]
    as_completed: bool,
    /// The JSON Lines field holding the page (dotted for nested fields).
    #[arg(long, default_value = "html")]
    jsonl_field: String,
    /// The JSON Lines field holding the page's URL.
    #[arg(long, default_value = "url")]
    jsonl_url_field: String,
    /// Threads kept open waiting for their other pages.
    #[arg(long, default_value_t = 4096)]
    max_open_threads: usize,
    /// Memory kept in open threads, in MiB: what their pages hold, as allocated.
    #[arg(long, default_value_t = 32)]
    max_open_mib: usize,
    /// Leave error records out of the output (they are still counted).
    #[arg(long)]
    no_errors: bool,
    /// No progress and no totals on standard error.
    #[arg(long, short = 'q')]
    quiet: bool,
}

fn parse_shard(s: &str) -> Result<(u64, u64), String> {
    let (i, n) = s.split_once('/').ok_or("expected I/N, like 3/16")?;
    let (i, n): (u64, u64) = (i.trim().parse().map_err(|_| "bad I")?, n.trim().parse().map_err(|_| "bad N")?);
    if n == 0 || i >= n {
        return Err(format!("shard {i}/{n}: I must be below N"));
    }
    Ok((i, n))
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    error: &'a forum_thread::dump::PageError,
}

/// The exit status when some input could not be read.
const INPUT_FAILED: u8 = 2;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => ExitCode::from(code),
        // The reader of the output has gone (`| head`): nothing more to say to anyone.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("dump2jsonl: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Writes the records; the exit status when every record is written.
fn run(args: &Args) -> std::io::Result<u8> {
    let mut read =
        ReadOptions::default().jsonl_field(&args.jsonl_field).jsonl_url_field(Some(&args.jsonl_url_field));
    if let Some((i, n)) = args.shard {
        read = read.shard(i, n);
    }
    let mut builder = Pipeline::builder()
        .read_options(read)
        .stitch(!args.pages)
        .order(if args.as_completed { Order::Completed } else { Order::Input })
        .stitch_options(
            StitchOptions::default()
                .max_open_threads(args.max_open_threads)
                .max_open_bytes(args.max_open_mib << 20),
        );
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build();
    let stdin_list = args.inputs.is_empty() || args.inputs.iter().any(|p| p.as_os_str() == "-");
    let mut records = if stdin_list {
        let listed = args.inputs.clone().into_iter().filter(|p| p.as_os_str() != "-");
        // `Stdin` (unlike its lock) can move to the reader thread: the list is read as
        // reading goes on, never held whole.
        let from_stdin = std::io::BufReader::new(std::io::stdin())
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .map(|l| PathBuf::from(l.trim()));
        pipeline.run_iter(listed.chain(from_stdin))?
    } else {
        pipeline.run(&args.inputs)?
    };

    let bar = if args.quiet || !std::io::stderr().is_terminal() {
        ProgressBar::hidden()
    } else {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar
    };
    let started = Instant::now();
    let mut last_draw = started;
    let counters = records.counters();

    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut errors = 0u64;
    let mut pages = 0u64;
    for record in &mut records {
        match &record {
            Record::Thread(thread) => {
                pages += thread.origins.len() as u64;
                write_thread(&mut out, thread, args.posts)?;
            }
            Record::Error(e) => {
                errors += 1;
                if !args.no_errors {
                    serde_json::to_writer(&mut out, &ErrorLine { error: e })?;
                    out.write_all(b"\n")?;
                }
            }
            _ => {}
        }
        if !bar.is_hidden() && last_draw.elapsed() >= Duration::from_millis(250) {
            last_draw = Instant::now();
            let secs = started.elapsed().as_secs_f64().max(1e-3);
            let mb = counters.bytes_read() as f64 / 1e6;
            bar.set_message(format!(
                "{pages} pages ({:.0}/s), {mb:.0} MB read ({:.1} MB/s), {errors} errors",
                pages as f64 / secs,
                mb / secs
            ));
            bar.tick();
        }
    }
    out.flush()?;
    bar.finish_and_clear();
    let stats = records.stats();
    let code = if stats.read_errors > 0 { INPUT_FAILED } else { 0 };
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let totals = serde_json::json!({
            "stats": stats,
            "seconds": (secs * 1000.0).round() / 1000.0,
            "exit": code,
        });
        let _ = writeln!(std::io::stderr(), "dump2jsonl: {totals}");
    }
    Ok(code)
}

fn write_thread(out: &mut impl Write, thread: &Thread, posts: bool) -> std::io::Result<()> {
    if !posts {
        serde_json::to_writer(&mut *out, thread)?;
        return out.write_all(b"\n");
    }
    for line in PostLine::all(thread) {
        serde_json::to_writer(&mut *out, &line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}
