//! `forum-thread dump`: dumps of pages to JSON Lines, with a progress bar.

use std::io::{BufRead, IsTerminal};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use forum_thread::dump::{Order, Pipeline, ReadOptions, Record};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::shared::{Failure, INPUT_FAILED, Records, Status, StitchArgs, is_stdin, totals};

/// Streams thread dumps (directories of pages, concatenated pages, gzip/zstd, WARC, JSON
/// Lines) to JSON Lines: one thread per line, its pages stitched; error records as
/// `{"error": {...}}` lines. Runs on all cores in bounded memory.
///
/// On a terminal, a progress bar on standard error shows the share of the input read and
/// the time left (a spinner when the paths come from standard input); the totals follow as
/// one JSON line at the end.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files or directory trees. None, or `-`: a list of paths on standard input, one a line.
    inputs: Vec<PathBuf>,
    /// One post per line, with its thread's id, title, URL and site, instead of one thread.
    #[arg(long)]
    posts: bool,
    /// Do not stitch: one record per page, each with its `stitch_key` (the map step of a
    /// map-reduce job whose reduce is `forum-thread stitch`).
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
    /// Start each line with its record's `stitch_key` (else its origin, `file@offset`) and a
    /// tab: the key of Hadoop Streaming, and of `sort`, for a reduce by `stitch`.
    #[arg(long)]
    keyed: bool,
    #[command(flatten)]
    stitch: StitchArgs,
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

pub fn run(args: &Args) -> Result<Status, Failure> {
    let mut read =
        ReadOptions::default().jsonl_field(&args.jsonl_field).jsonl_url_field(Some(&args.jsonl_url_field));
    if let Some((i, n)) = args.shard {
        read = read.shard(i, n);
    }
    let mut builder = Pipeline::builder()
        .read_options(read.clone())
        .stitch(!args.pages)
        .order(if args.as_completed { Order::Completed } else { Order::Input })
        .stitch_options(args.stitch.options());
    if let Some(n) = args.threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build();
    let stdin_list = args.inputs.is_empty() || args.inputs.iter().any(|p| is_stdin(p));
    if stdin_list && std::io::stdin().is_terminal() {
        return Err(Failure::Usage("dump: no input: give paths, or list them on standard input".into()));
    }
    let bar = progress(args.quiet);
    let mut records = if stdin_list {
        let listed = args.inputs.clone().into_iter().filter(|p| !is_stdin(p));
        // `Stdin` (unlike its lock) can move to the reader thread: the list is read as
        // reading goes on, never held whole.
        let from_stdin = std::io::BufReader::new(std::io::stdin())
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .map(|l| PathBuf::from(l.trim()));
        pipeline.run_iter(listed.chain(from_stdin))?
    } else {
        if !bar.is_hidden() {
            // The total is found by walking the inputs once more, beside the run.
            let (bar, inputs) = (bar.clone(), args.inputs.clone());
            std::thread::spawn(move || {
                let total = read.input_bytes(&inputs);
                bar.set_style(style("{spinner} {percent:>3}% {wide_bar} {eta} left, {msg}"));
                bar.set_length(total);
            });
        }
        pipeline.run(&args.inputs)?
    };

    let started = Instant::now();
    let mut last_draw = started;
    let counters = records.counters();
    let mut out = Records::stdout(args.posts, !args.no_errors).keyed(args.keyed);
    let mut errors = 0u64;
    let written = (|| {
        while let Some(record) = records.next() {
            match &record {
                Record::Thread(thread) => out.thread(thread)?,
                Record::Error(e) => {
                    errors += 1;
                    out.error(e)?;
                }
                _ => {}
            }
            if !bar.is_hidden() && last_draw.elapsed() >= Duration::from_millis(250) {
                last_draw = Instant::now();
                let secs = started.elapsed().as_secs_f64().max(1e-3);
                // The reader runs ahead of the parsers by a window of pages: the bytes of the
                // pages already out measure progress better, unless they were compressed.
                let stats = records.stats();
                bar.set_position(counters.bytes_read().min(stats.page_bytes));
                bar.set_message(format!(
                    "{} pages ({:.0}/s), {:.1} MB/s, {errors} errors",
                    stats.pages_read,
                    stats.pages_read as f64 / secs,
                    counters.bytes_read() as f64 / 1e6 / secs
                ));
            }
        }
        out.flush()
    })();
    bar.finish_and_clear();
    written?;
    let stats = records.stats();
    let status = if stats.read_errors > 0 { Status::InputFailed } else { Status::Read };
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64();
        let exit = if status == Status::Read { 0 } else { INPUT_FAILED };
        totals("dump", &forum_thread::dump::Totals::new(stats, (secs * 1000.0).round() / 1000.0, exit));
    }
    Ok(status)
}

/// The progress display: hidden unless standard error is a terminal; a spinner until the
/// total size of the input is known.
fn progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(4));
    bar.set_style(style("{spinner} {elapsed} {msg}"));
    bar.enable_steady_tick(Duration::from_millis(250));
    bar
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_spinner())
}
