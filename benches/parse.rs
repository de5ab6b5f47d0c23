//! Full extraction against the floor of any scraper-based parser: `Html::parse_document` of
//! the same page, in the same group, so results read as a ratio measured in one run.
//!
//! `cargo bench --bench parse`. Pages: the bundled sample, every engine's fixtures
//! (`tests/fixtures/<engine>/*.html`, so a new engine is benched as soon as it has one), plus
//! two pages of the shared corpus when `../shared/corpus` (or `$FORUM_CORPUS`) is present,
//! and then the group `corpus-all`: every HTML page of the corpus in one iteration, the
//! figure that weighs pages by their size (`cargo bench --bench parse -- corpus-all`); and the
//! groups `generic/...`: pages of known engines read by their engine and by the generic reader
//! (`cargo bench --bench parse -- generic`).

#![allow(missing_docs)] // criterion_group! generates undocumented items

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn corpus_root() -> PathBuf {
    std::env::var_os("FORUM_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

fn pages() -> Vec<(String, String)> {
    let mut pages = vec![(
        "sample-smf20".to_owned(),
        include_str!("../examples/data/smf20-briefing-room.html").to_owned(),
    )];
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut engines: Vec<PathBuf> =
        std::fs::read_dir(&fixtures).into_iter().flatten().flatten().map(|e| e.path()).collect();
    engines.sort();
    for dir in engines {
        let mut files: Vec<PathBuf> =
            std::fs::read_dir(&dir).into_iter().flatten().flatten().map(|e| e.path()).collect();
        files.sort();
        for file in files.into_iter().filter(|p| p.extension().is_some_and(|e| e == "html")) {
            if let Ok(bytes) = std::fs::read(&file) {
                let name = file.strip_prefix(&fixtures).unwrap_or(&file).display().to_string();
                pages.push((name, String::from_utf8_lossy(&bytes).into_owned()));
            }
        }
    }
    let root = corpus_root();
    for name in ["smf/metin2hungary-topic66925-p3.html", "smf/bitcointalk-topic602041-p621.html"] {
        if let Ok(bytes) = std::fs::read(root.join(name)) {
            pages.push((name.to_owned(), String::from_utf8_lossy(&bytes).into_owned()));
        }
    }
    pages
}

fn bench(c: &mut Criterion) {
    for (name, html) in pages() {
        let mut group = c.benchmark_group(name.as_str());
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_with_input(BenchmarkId::new("html5ever_tree", html.len()), &html, |b, h| {
            b.iter(|| scraper::Html::parse_document(h))
        });
        group.bench_with_input(BenchmarkId::new("forum_thread_parse", html.len()), &html, |b, h| {
            b.iter(|| forum_thread::parse(h))
        });
        group.finish();
    }
    bench_corpus(c);
    bench_generic(c);
}

/// Pages of known engines, each read by its engine and by the generic reader forced on it
/// (`Engine::Generic`), in one group: issue 12 asks the generic parse to cost at most 1.5x
/// the engine's. `cargo bench --bench parse -- generic` runs these alone; `generic/all-pages`
/// reads every engine page of the corpus per iteration, the figure weighted by size.
fn bench_generic(c: &mut Criterion) {
    let root = corpus_root();
    let generic =
        forum_thread::Parser::builder().engine(forum_thread::Engine::Generic).build().expect("options");
    let engine = forum_thread::Parser::default();
    let read = |rel: &str| std::fs::read(root.join(rel)).ok().map(|b| forum_thread::decode(&b, None).text);
    for rel in [
        "smf/metin2hungary-topic66925-p3.html",
        "phpbb/phpbb33-prosilver-virtualbox-t112320.html",
        "xenforo/macrumors-t2231616.html",
        "vbulletin/msworld-sort-of-new-here.html",
    ] {
        let Some(html) = read(rel) else { continue };
        let mut group = c.benchmark_group(format!("generic/{rel}"));
        group.throughput(Throughput::Bytes(html.len() as u64));
        group.bench_function("engine", |b| b.iter(|| engine.parse(&html)));
        group.bench_function("generic", |b| b.iter(|| generic.parse(&html)));
        group.finish();
    }
    let dirs = ["smf", "phpbb", "vbulletin", "xenforo", "fluxbb", "mybb", "ipb", "discourse", "vanilla"];
    let mut pages: Vec<String> = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .collect();
        files.sort();
        pages.extend(
            files.iter().filter_map(|f| std::fs::read(f).ok()).map(|b| forum_thread::decode(&b, None).text),
        );
    }
    if pages.is_empty() {
        eprintln!("generic/all-pages: SKIPPED, no corpus at {}", root.display());
        return;
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("generic/all-pages");
    group.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("engine", pages.len()), |b| {
        b.iter(|| pages.iter().for_each(|p| drop(std::hint::black_box(engine.parse(p)))))
    });
    group.bench_function(BenchmarkId::new("generic", pages.len()), |b| {
        b.iter(|| pages.iter().for_each(|p| drop(std::hint::black_box(generic.parse(p)))))
    });
    group.finish();
}

/// Every HTML page of the corpus (decoded as `parse_bytes` decodes it) in one iteration.
fn bench_corpus(c: &mut Criterion) {
    let root = corpus_root();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .into_iter()
        .flatten()
        .flatten()
        .flat_map(|dir| std::fs::read_dir(dir.path()).into_iter().flatten().flatten())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "html" || e == "htm"))
        .collect();
    files.sort();
    let pages: Vec<String> = files
        .iter()
        .filter_map(|f| std::fs::read(f).ok())
        .map(|b| forum_thread::decode(&b, None).text)
        .collect();
    if pages.is_empty() {
        eprintln!("corpus-all: SKIPPED, no corpus at {}", root.display());
        return;
    }
    let bytes: usize = pages.iter().map(String::len).sum();
    let mut group = c.benchmark_group("corpus-all");
    group.sample_size(10).throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(BenchmarkId::new("html5ever_tree", pages.len()), |b| {
        b.iter(|| {
            for page in &pages {
                std::hint::black_box(scraper::Html::parse_document(page));
            }
        })
    });
    group.bench_function(BenchmarkId::new("forum_thread_parse", pages.len()), |b| {
        b.iter(|| {
            for page in &pages {
                let _ = std::hint::black_box(forum_thread::parse(page));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
