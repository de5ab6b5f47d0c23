//! `forum-thread detect`: which forum software made a page, and why.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use forum_thread::{Detection, Engine, Format, Parser};
use serde::Serialize;

use crate::shared::{Failure, Status, is_stdin, name, read};

/// Says which forum software made each page: the engine detected from its markup, each
/// engine's score with the markers that matched, and what the parser made of the page.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Pages; `-` or none: standard input.
    inputs: Vec<PathBuf>,
    /// The HTTP Content-Type the pages were served with (`text/html; charset=ISO-8859-1`).
    #[arg(long)]
    content_type: Option<String>,
    /// List every engine, with the markers it looks for, not only those found.
    #[arg(long)]
    all: bool,
    /// One JSON line per page instead of text.
    #[arg(long)]
    json: bool,
}

/// A page's `--json` line.
#[derive(Serialize)]
struct Report<'a> {
    input: &'a str,
    /// The engine the markup points to, if any.
    detected: Option<&'a Engine>,
    /// What the parser made of the page: the engine and format it read it with, or why not.
    parsed: Parsed<'a>,
    /// Each engine's tally, best first.
    engines: &'a [Detection],
}

#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum Parsed<'a> {
    Thread { engine: &'a Engine, format: Format, posts: usize },
    Error(String),
}

pub fn run(args: &Args) -> Result<Status, Failure> {
    let stdin = [PathBuf::from("-")];
    let inputs = if args.inputs.is_empty() { &stdin[..] } else { &args.inputs[..] };
    if inputs.iter().any(|p| is_stdin(p)) && std::io::stdin().is_terminal() {
        return Err(Failure::Usage("detect: no page: give FILEs, or pipe one to standard input".into()));
    }
    let mut parser = Parser::builder();
    if let Some(content_type) = &args.content_type {
        parser = parser.content_type(content_type);
    }
    let parser = parser.build().map_err(|e| Failure::Usage(e.to_string()))?;
    let mut status = Status::Read;
    let mut out = std::io::stdout().lock();
    for input in inputs {
        let bytes = match read(input) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("forum-thread: {}: {e}", name(input));
                status = Status::InputFailed;
                continue;
            }
        };
        report(&mut out, args, &parser, input, &bytes)?;
    }
    out.flush()?;
    Ok(status)
}

fn report(
    out: &mut impl Write,
    args: &Args,
    parser: &Parser,
    input: &Path,
    bytes: &[u8],
) -> std::io::Result<()> {
    let text = forum_thread::decode(bytes, args.content_type.as_deref()).text;
    let detected = forum_thread::detect(&text);
    let mut engines = forum_thread::detect_verbose(&text);
    if !args.all {
        engines.retain(|d| d.score > 0);
    }
    let thread = parser.parse_bytes(bytes);
    let parsed = match &thread {
        Ok(t) => Parsed::Thread { engine: &t.engine, format: t.format, posts: t.posts.len() },
        Err(e) => Parsed::Error(e.to_string()),
    };
    let input = name(input);
    if args.json {
        let report = Report { input: &input, detected: detected.as_ref(), parsed, engines: &engines };
        serde_json::to_writer(&mut *out, &report)?;
        return out.write_all(b"\n");
    }
    let detected = detected.as_ref().map_or("no engine's markup", Engine::name);
    writeln!(out, "{input}: {detected}")?;
    match parsed {
        Parsed::Thread { engine, format, posts } => {
            writeln!(out, "  parsed as {engine} ({format}): {posts} posts")?;
        }
        Parsed::Error(e) => writeln!(out, "  not parsed: {e}")?,
    }
    for d in &engines {
        let matched = if d.matched.is_empty() { "none".to_owned() } else { d.matched.join(", ") };
        writeln!(out, "  {} score {}: matched {matched}", d.engine, d.score)?;
        if args.all {
            writeln!(out, "    looks for {}", d.looked_for.join(", "))?;
        }
    }
    Ok(())
}
