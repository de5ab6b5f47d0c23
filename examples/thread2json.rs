//! Prints a thread page as pretty JSON.
//!
//! ```text
//! thread2json [--url URL] [--engine NAME] [--format html|text|json] [--content-type TYPE] [--raw-html] [FILE | -]
//! ```
//! With no FILE, parses the bundled sample SMF 2.0 page. `-` reads standard input. The
//! file's bytes are decoded as `forum_thread::parse_bytes` does (byte order mark,
//! `--content-type`, `<meta>` charset, else detection); `--raw-html` keeps the page's HTML
//! unsanitized. Text renderings (`w3m -dump`, `lynx -dump`, copied pages) are told from HTML
//! by the input itself unless `--format` says which it is (`json`: a Discourse topic JSON).
//! Exits 0 with JSON on standard output; on error, prints one line to standard error and
//! exits 1 (2 for bad arguments).

use std::io::{Read, Write};
use std::process::ExitCode;

use forum_thread::{Engine, Format, Parser};

const SAMPLE: &[u8] = include_bytes!("data/smf20-briefing-room.html");
const USAGE: &str = "usage: thread2json [--url URL] [--engine NAME] [--format html|text|json] [--content-type TYPE] [--raw-html] [FILE | -]";

fn main() -> ExitCode {
    match run() {
        Ok(json) => {
            // A reader that stops early (`| head`) closes the pipe: that ends the output quietly.
            let _ = writeln!(std::io::stdout().lock(), "{json}");
            ExitCode::SUCCESS
        }
        Err((code, message)) => {
            eprintln!("thread2json: {message}");
            ExitCode::from(code)
        }
    }
}

fn run() -> Result<String, (u8, String)> {
    let mut builder = Parser::builder();
    let mut input: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--url" => {
                builder = builder.base_url(&args.next().ok_or((2, format!("--url needs a value; {USAGE}")))?)
            }
            "--engine" => {
                let name = args.next().ok_or((2, format!("--engine needs a value; {USAGE}")))?;
                builder = builder.engine(name.parse::<Engine>().unwrap_or_else(|never| match never {}));
            }
            "--format" => {
                let name = args.next().ok_or((2, format!("--format needs a value; {USAGE}")))?;
                let format = name.parse::<Format>().map_err(|e| (2, format!("--format: {e}; {USAGE}")))?;
                builder = builder.format(format);
            }
            "--content-type" => {
                let value = args.next().ok_or((2, format!("--content-type needs a value; {USAGE}")))?;
                builder = builder.content_type(&value);
            }
            "--raw-html" => builder = builder.raw_html(true),
            "-h" | "--help" => return Err((2, USAGE.to_owned())),
            s if s.starts_with("--") => return Err((2, format!("unknown option {s}; {USAGE}"))),
            _ if input.is_some() => return Err((2, format!("more than one input; {USAGE}"))),
            _ => input = Some(arg),
        }
    }
    let parser = builder.build().map_err(|e| (2, e.to_string()))?;
    let bytes = match input.as_deref() {
        None => SAMPLE.to_vec(),
        Some("-") => {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes).map_err(|e| (1, format!("reading stdin: {e}")))?;
            bytes
        }
        Some(path) => std::fs::read(path).map_err(|e| (1, format!("{path}: {e}")))?,
    };
    let thread = parser.parse_bytes(&bytes).map_err(|e| (1, e.to_string()))?;
    serde_json::to_string_pretty(&thread).map_err(|e| (1, e.to_string()))
}
