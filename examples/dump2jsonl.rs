//! Streams thread dumps to JSON Lines, one thread per line, with the library's `dump`
//! pipeline: pages read, parsed on every core and stitched into threads.
//!
//! ```text
//! cargo run --release --example dump2jsonl -- INPUT... > threads.jsonl
//! ```
//! INPUTs are files (concatenated pages, gzip, zstd, WARC, JSON Lines) or directory trees.
//! A page that could not be read or parsed is a line `{"schema_version": 1, "error": {...}}`;
//! the totals go to standard error. The `forum-thread dump` command does the same with every
//! option, a progress bar and exit statuses.

use std::io::{BufWriter, Write};

use forum_thread::dump::Pipeline;

fn main() -> std::io::Result<()> {
    let inputs: Vec<String> = std::env::args().skip(1).collect();
    let mut records = Pipeline::builder().build().run(&inputs)?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for record in &mut records {
        // A thread, or the record of a page that failed.
        serde_json::to_writer(&mut out, &record)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!("{:?}", records.stats());
    Ok(())
}
