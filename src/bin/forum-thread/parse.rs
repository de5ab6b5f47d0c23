//! `forum-thread parse`: one page, as pretty JSON.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use forum_thread::{Engine, Format, Parser};

use crate::shared::{Failure, Status, is_stdin, name, read};

/// Parses one thread page and prints it as pretty JSON.
///
/// The bytes are decoded as `forum_thread::parse_bytes` does (byte order mark,
/// `--content-type`, the page's `<meta>` charset, else detection). Text renderings
/// (`w3m -dump`, `lynx -dump`, copied pages) are told from HTML by the input itself unless
/// `--format` says which it is (`json`: a Discourse topic JSON).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The page; `-` or none: standard input.
    input: Option<PathBuf>,
    /// The page's URL: the base URL of its links.
    #[arg(long)]
    url: Option<String>,
    /// The engine to read the page with, instead of detecting it (`smf`, `phpbb`, ...).
    #[arg(long)]
    engine: Option<String>,
    /// What the input is: html, text or json.
    #[arg(long)]
    format: Option<Format>,
    /// The HTTP Content-Type the page was served with (`text/html; charset=ISO-8859-1`).
    #[arg(long)]
    content_type: Option<String>,
    /// Keep the bodies' HTML as the page wrote it, unsanitized.
    #[arg(long)]
    raw_html: bool,
    /// One line of JSON instead of pretty JSON.
    #[arg(long)]
    compact: bool,
}

pub fn run(args: &Args) -> Result<Status, Failure> {
    let mut builder = Parser::builder().raw_html(args.raw_html);
    if let Some(url) = &args.url {
        builder = builder.base_url(url);
    }
    if let Some(engine) = &args.engine {
        builder = builder.engine(engine.parse::<Engine>().unwrap_or_else(|never| match never {}));
    }
    if let Some(format) = args.format {
        builder = builder.format(format);
    }
    if let Some(content_type) = &args.content_type {
        builder = builder.content_type(content_type);
    }
    let parser = builder.build().map_err(|e| Failure::Usage(e.to_string()))?;
    let input = args.input.as_deref().unwrap_or(Path::new("-"));
    if is_stdin(input) && std::io::stdin().is_terminal() {
        return Err(Failure::Usage("parse: no page: give a FILE, or pipe one to standard input".into()));
    }
    let bytes = match read(input) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("forum-thread: {}: {e}", name(input));
            return Ok(Status::InputFailed);
        }
    };
    let thread = match parser.parse_bytes(&bytes) {
        Ok(thread) => thread,
        Err(e) => {
            eprintln!("forum-thread: {}: {e}", name(input));
            return Ok(Status::InputFailed);
        }
    };
    let mut out = std::io::stdout().lock();
    if args.compact {
        serde_json::to_writer(&mut out, &thread).map_err(std::io::Error::from)?;
    } else {
        serde_json::to_writer_pretty(&mut out, &thread).map_err(std::io::Error::from)?;
    }
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(Status::Read)
}
