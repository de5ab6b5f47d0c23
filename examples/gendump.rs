//! Writes a generated thread dump of a given size, made from the engine fixtures (see
//! `tests/dumpgen/mod.rs`), for benchmarks and trials of `dump2jsonl`.
//!
//! ```text
//! cargo run --release --example gendump -- --size 1G --format warc.gz /tmp/dump-1g.warc.gz
//! ```
//! Formats: `concat` (HTML documents back to back, the default), `warc`, `warc.gz` (gzip per
//! record), `jsonl`; `--zstd` or `--gzip` compresses the whole file. Sizes count page HTML
//! bytes, with `K`, `M`, `G` suffixes (powers of 1024). Same options, same bytes.

#[path = "../tests/dumpgen/mod.rs"]
mod dumpgen;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

/// Writes a generated thread dump.
#[derive(Parser, Debug)]
#[command(name = "gendump")]
struct Args {
    /// Page HTML bytes to write, at least (`100M`, `1G`).
    #[arg(long, default_value = "100M", value_parser = parse_size)]
    size: u64,
    /// concat, warc, warc.gz or jsonl.
    #[arg(long, default_value = "concat")]
    format: dumpgen::Format,
    /// Gzip the whole file.
    #[arg(long, conflicts_with = "zstd")]
    gzip: bool,
    /// Zstd the whole file.
    #[arg(long)]
    zstd: bool,
    /// Seed of the generator.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Threads written interleaved at any time.
    #[arg(long, default_value_t = 24)]
    open_threads: usize,
    /// Probability that a page of a multi-page thread is left out.
    #[arg(long, default_value_t = 0.0)]
    missing: f64,
    /// Probability that a page is written twice.
    #[arg(long, default_value_t = 0.0)]
    duplicate: f64,
    /// The file to write.
    out: PathBuf,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (digits, unit) = s.split_at(s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len()));
    let n: u64 = digits.parse().map_err(|_| format!("not a size: {s:?}"))?;
    let shift = match unit.to_ascii_uppercase().trim_end_matches(['B', 'I']) {
        "" => 0,
        "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err(format!("unknown unit in {s:?}")),
    };
    Ok(n << shift)
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(w) => {
            eprintln!(
                "gendump: {} pages of {} threads, {} bytes of HTML -> {}",
                w.pages,
                w.threads,
                w.bytes,
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("gendump: {}: {e}", args.out.display());
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> std::io::Result<dumpgen::Written> {
    let opts = dumpgen::Options {
        seed: args.seed,
        open_threads: args.open_threads,
        missing: args.missing,
        duplicate: args.duplicate,
    };
    let mut generator = dumpgen::Generator::from_fixtures(opts);
    let file = BufWriter::with_capacity(1 << 20, std::fs::File::create(&args.out)?);
    if args.gzip {
        let mut out = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        let w = dumpgen::write_dump(&mut out, args.format, args.size, &mut generator)?;
        out.finish()?.flush()?;
        Ok(w)
    } else if args.zstd {
        let mut out = zstd::stream::write::Encoder::new(file, 3)?;
        let w = dumpgen::write_dump(&mut out, args.format, args.size, &mut generator)?;
        out.finish()?.flush()?;
        Ok(w)
    } else {
        let mut out = file;
        let w = dumpgen::write_dump(&mut out, args.format, args.size, &mut generator)?;
        out.flush()?;
        Ok(w)
    }
}
