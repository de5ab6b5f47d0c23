//! Prints a thread page as pretty JSON: the library's `parse_bytes` in a few lines.
//!
//! ```text
//! cargo run --example thread2json -- [FILE [URL]]
//! ```
//! With no FILE, parses the bundled sample SMF 2.0 page; URL is the page's address, the base
//! of its links. The `forum-thread parse` command does the same with every option.

use forum_thread::Parser;

const SAMPLE: &[u8] = include_bytes!("data/smf20-briefing-room.html");

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let bytes = match args.next() {
        Some(path) => std::fs::read(&path).map_err(|e| format!("{path}: {e}"))?,
        None => SAMPLE.to_vec(),
    };
    let mut parser = Parser::builder();
    if let Some(url) = args.next() {
        parser = parser.base_url(&url);
    }
    let thread = parser.build()?.parse_bytes(&bytes)?;
    println!("{}", serde_json::to_string_pretty(&thread)?);
    Ok(())
}
