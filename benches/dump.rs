//! The dump pipeline on one parser thread against all cores, on a generated dump, in one
//! group so that the result reads as a ratio measured in one run.
//!
//! `cargo bench --bench dump`. The dump (HTML pages back to back, generated from the engine
//! fixtures by `tests/dumpgen/`) is 24 MiB of page HTML by default, written to the system's
//! temporary directory; `FORUM_BENCH_DUMP_MB=200` for a bigger one. Throughput counts page
//! bytes.

#![allow(missing_docs)] // criterion_group! generates undocumented items

#[path = "../tests/dumpgen/mod.rs"]
mod dumpgen;

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use forum_thread::dump::{Pipeline, Record};

/// Writes the dump once; returns its path and its page bytes.
fn dump() -> (PathBuf, u64) {
    let mb: u64 = std::env::var("FORUM_BENCH_DUMP_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(24);
    let path = std::env::temp_dir().join(format!("forum-thread-bench-{mb}m.html"));
    let mut generator = dumpgen::Generator::from_fixtures(dumpgen::Options::default());
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create the bench dump"));
    let written = dumpgen::write_dump(&mut out, dumpgen::Format::Concat, mb << 20, &mut generator)
        .expect("write the bench dump");
    std::io::Write::flush(&mut out).expect("write the bench dump");
    (path, written.bytes)
}

fn run(path: &PathBuf, threads: usize) -> usize {
    let records = Pipeline::builder().threads(threads).build().run([path]).expect("run");
    records.filter(|r| matches!(r, Record::Thread(_))).count()
}

fn bench(c: &mut Criterion) {
    let (path, bytes) = dump();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut group = c.benchmark_group("dump_pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(20));
    for threads in [1, cores] {
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, &t| {
            b.iter(|| run(&path, t))
        });
    }
    group.finish();
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, bench);
criterion_main!(benches);
