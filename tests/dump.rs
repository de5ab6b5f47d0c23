//! Reading dumps: every input kind, corrupt records, stitching, the pipeline. Inputs are
//! small dumps made by the generator in `tests/dumpgen/` from the engine fixtures, written to
//! the system's temporary directory.
#![cfg(feature = "dump")]

mod dumpgen;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use dumpgen::{Format, GenPage, Generator, Options, TempDir, pages};
use forum_thread::dump::{self, ErrorKind, Order, Pipeline, ReadOptions, Record, StitchOptions, Stitcher};
use forum_thread::{Origin, Thread};

fn write(path: &Path, format: Format, pages: &[GenPage]) {
    let mut out = Vec::new();
    if matches!(format, Format::Warc | Format::WarcGz) {
        let info =
            dumpgen::warc_record("warcinfo", "urn:uuid:info", None, "application/warc-fields", b"x: y\r\n");
        dumpgen::write_record(&mut out, format, &info).expect("write");
    }
    for (n, page) in pages.iter().enumerate() {
        dumpgen::write_page(&mut out, format, page, n as u64).expect("write");
    }
    std::fs::write(path, out).expect("write dump");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).expect("gzip");
    gz.finish().expect("gzip")
}

/// Reads every item of `path`: (pages, errors).
fn read_all(opts: &ReadOptions, path: &Path) -> (Vec<dump::RawPage>, Vec<dump::PageError>) {
    let (mut ok, mut errors) = (Vec::new(), Vec::new());
    for item in opts.open(path).expect("open") {
        match item {
            Ok(page) => ok.push(page),
            Err(e) => errors.push(e),
        }
    }
    (ok, errors)
}

fn run(pipeline: &Pipeline, inputs: &[PathBuf]) -> (Vec<Thread>, Vec<dump::PageError>, dump::Stats) {
    let mut records = pipeline.run(inputs).expect("run");
    let (mut threads, mut errors) = (Vec::new(), Vec::new());
    for record in &mut records {
        match record {
            Record::Thread(t) => threads.push(*t),
            Record::Error(e) => errors.push(e),
            _ => unreachable!(),
        }
    }
    (threads, errors, records.stats())
}

/// Thread key and post ids, sorted: what stitching produced, whatever the order.
fn summary(threads: &[Thread]) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = threads
        .iter()
        .map(|t| {
            let key = format!("{:?}|{:?}", t.topic.id, t.origins.iter().map(|o| o.page).collect::<Vec<_>>());
            (key, t.posts.iter().map(|p| p.id.clone().unwrap_or_default()).collect())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn generator_rewrites_numbers_and_page_labels() {
    assert_eq!(dumpgen::replace_number("topic=4120.0 #msg41201 4120", "4120", "9"), "topic=9.0 #msg41201 9");
    assert_eq!(
        dumpgen::swap_page_numbers("<b>2</b> <a>1</a> <a> 3 </a>", 2, 1),
        "<b>1</b> <a>2</a> <a> 3 </a>"
    );
    // Page 2 of 2 made page 1: the count after "of <b>" stays.
    assert_eq!(
        dumpgen::swap_page_numbers_keeping("Page <b>2</b> of <b>2</b>: <a>1</a>", 2, 1, Some(b"</b> of <b>")),
        "Page <b>1</b> of <b>2</b>: <a>2</a>"
    );
    // A short topic id only in attribute values: not the time or the count.
    assert_eq!(
        dumpgen::replace_number_in_attributes(
            "<a href='t=57&p=2'>12:57</a> <i title=\"57\">57</i>",
            "57",
            "5001"
        ),
        "<a href='t=5001&p=2'>12:57</a> <i title=\"5001\">57</i>"
    );
}

#[test]
fn the_generator_uses_every_fixture() {
    let mut html_engines = BTreeSet::new();
    for (path, template) in dumpgen::fixture_templates() {
        match template {
            Ok(t) => eprintln!(
                "{}: {} ({} pages, whole: {}, posts vary: {})",
                t.name,
                t.engine,
                t.pages(),
                t.complete(),
                t.varies_posts()
            ),
            Err(why) => eprintln!("{}: not used: {why}", path.display()),
        }
        let page = std::fs::read(path).expect("read fixture");
        if let Ok(thread) = forum_thread::parse(&String::from_utf8_lossy(&page)) {
            if thread.format == forum_thread::Format::Html {
                html_engines.insert(thread.engine.to_string());
            }
        }
    }
    let generator = Generator::from_fixtures(Options::default());
    let fixtures = dumpgen::fixture_paths().len();
    assert!(
        generator.templates.len() >= fixtures.min(4),
        "{} of {fixtures} fixtures usable",
        generator.templates.len()
    );
    let whole: BTreeSet<String> =
        generator.templates.iter().filter(|t| t.complete()).map(|t| t.engine.clone()).collect();
    assert_eq!(whole, html_engines, "every engine with an HTML fixture makes whole threads");
    assert!(generator.templates.iter().any(|t| t.complete() && t.pages() > 1), "a multi-page thread");
    assert!(generator.templates.iter().any(|t| t.varies_posts()), "varied post counts");
}

#[test]
fn every_input_kind_is_read() {
    let dir = TempDir::new("dump", "kinds");
    let pages = pages(40, Options::default());
    let n = pages.len();

    // A directory tree at two depths, .html, .htm and .txt names (a saved page may be text),
    // and the text renderings of the fixtures (which the generator does not make: a text page
    // has no document boundary to split a concatenation at).
    for (i, page) in pages.iter().enumerate() {
        let sub = dir.path(&format!("tree/t{}/deeper", page.thread % 3));
        std::fs::create_dir_all(&sub).expect("mkdir");
        let ext = ["html", "htm", "txt"][i % 3];
        std::fs::write(sub.join(format!("p{i:03}.{ext}")), &page.html).expect("write");
    }
    let texts: Vec<Vec<u8>> = dumpgen::fixture_paths()
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| std::fs::read(p).expect("read fixture"))
        .collect();
    assert!(!texts.is_empty(), "text renderings among the fixtures");
    std::fs::create_dir_all(dir.path("tree/text")).expect("mkdir");
    for (i, text) in texts.iter().enumerate() {
        std::fs::write(dir.path(&format!("tree/text/r{i}.txt")), text).expect("write");
    }
    std::fs::write(dir.path("tree/style.css"), "body {}").expect("write");
    write(&dir.path("concat.html"), Format::Concat, &pages);
    let concat = std::fs::read(dir.path("concat.html")).expect("read");
    std::fs::write(dir.path("concat.html.gz"), gzip(&concat)).expect("write");
    // Compressed, named without a telling extension: detected by magic bytes.
    std::fs::write(dir.path("concat.bin"), zstd::encode_all(&concat[..], 3).expect("zstd")).expect("write");
    write(&dir.path("dump.warc"), Format::Warc, &pages);
    write(&dir.path("dump.warc.gz"), Format::WarcGz, &pages);
    let warc = std::fs::read(dir.path("dump.warc")).expect("read");
    std::fs::write(dir.path("whole.warc.gz"), gzip(&warc)).expect("write");
    write(&dir.path("dump.jsonl"), Format::Jsonl, &pages);
    let nested: String = pages
        .iter()
        .map(|p| {
            serde_json::json!({"id": p.page, "response": {"body": p.html, "uri": p.url}}).to_string() + "\n"
        })
        .collect();
    std::fs::write(dir.path("nested.jsonl.zst"), zstd::encode_all(nested.as_bytes(), 3).expect("zstd"))
        .expect("write");

    let opts = ReadOptions::default();
    for name in [
        "tree",
        "concat.html",
        "concat.html.gz",
        "concat.bin",
        "dump.warc",
        "dump.warc.gz",
        "whole.warc.gz",
        "dump.jsonl",
    ] {
        let (ok, errors) = read_all(&opts, &dir.path(name));
        assert!(errors.is_empty(), "{name}: {errors:?}");
        let mut got: Vec<&[u8]> = ok.iter().map(|p| p.bytes.as_slice()).collect();
        let mut want: Vec<&[u8]> = pages.iter().map(|p| p.html.as_bytes()).collect();
        if name == "tree" {
            want.extend(texts.iter().map(Vec::as_slice));
            got.sort();
            want.sort();
        } else {
            for (i, page) in ok.iter().enumerate() {
                assert!(page.origin.file.ends_with(name), "{name}: {:?}", page.origin);
                if i > 0 {
                    assert!(page.origin.offset > ok[i - 1].origin.offset, "{name}: offsets grow");
                }
            }
        }
        assert_eq!(got.len(), want.len(), "{name}");
        // Pages written back to back keep the newline written after each.
        let concat = name.starts_with("concat");
        let trimmed: Vec<&[u8]> =
            got.iter().map(|b| if concat { b.strip_suffix(b"\n").unwrap_or(b) } else { b }).collect();
        assert_eq!(trimmed, want, "{name}: the pages come back byte for byte");
    }

    // WARC: record ids, target URIs and the HTTP charset; per-record gzip gives members.
    let (ok, _) = read_all(&opts, &dir.path("dump.warc.gz"));
    assert!(ok.iter().all(|p| p.origin.record_id.as_deref().is_some_and(|id| id.starts_with("<urn:uuid:"))));
    assert_eq!(ok[3].origin.url.as_deref(), Some(pages[3].url.as_str()));
    assert_eq!(ok[3].charset.as_deref(), Some("UTF-8"));
    let members: Vec<u64> = ok.iter().filter_map(|p| p.origin.member).collect();
    assert_eq!(members.len(), n);
    assert!(members.windows(2).all(|w| w[0] < w[1]), "each response record is its own gzip member");

    // JSON Lines with the page in a nested field.
    let nested_opts =
        ReadOptions::default().jsonl_field("response.body").jsonl_url_field(Some("response.uri"));
    let (ok, errors) = read_all(&nested_opts, &dir.path("nested.jsonl.zst"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), n);
    assert_eq!(ok[5].origin.url.as_deref(), Some(pages[5].url.as_str()));
    let (_, errors) = read_all(&opts, &dir.path("nested.jsonl.zst"));
    assert_eq!(errors.len(), n, "the default field is absent from every line");
    assert!(errors.iter().all(|e| e.kind == ErrorKind::Corrupt && e.reason.contains("\"html\"")));

    // The same pages give the same threads and posts from every kind of input.
    let pipeline = Pipeline::builder().threads(2).build();
    let (threads, errors, stats) = run(&pipeline, &[dir.path("concat.html")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(stats.pages_parsed, n as u64);
    let expected = summary(&threads);
    for name in ["tree", "concat.bin", "dump.warc.gz", "whole.warc.gz", "dump.jsonl"] {
        let (threads, errors, stats) = run(&pipeline, &[dir.path(name)]);
        assert!(errors.is_empty(), "{name}: {errors:?}");
        if name != "tree" {
            // A directory walk reads pages in name order, so evictions could differ; the
            // rest read them in the same order.
            assert_eq!(summary(&threads), expected, "{name}");
        }
        let texts = if name == "tree" { texts.len() } else { 0 };
        assert_eq!(stats.pages_parsed, (n + texts) as u64, "{name}");
        if name.contains("warc") {
            assert_eq!(stats.records_skipped, n as u64 + 1, "{name}: warcinfo and requests are skipped");
        }
    }
}

#[test]
fn a_corrupt_record_in_the_middle_is_reported_and_the_rest_is_processed() {
    let dir = TempDir::new("dump", "corrupt");
    let pages = pages(12, Options::default());
    let n = pages.len();
    let opts = ReadOptions::default();

    // Concatenated pages with junk in the middle: the junk is an error record with its offset.
    let mut concat = Vec::new();
    let mut junk_at = 0;
    for (i, page) in pages.iter().enumerate() {
        if i == n / 2 {
            junk_at = concat.len() as u64;
            concat.extend_from_slice(
                b"<!DOCTYPE html><html><body>\x00\xff\xfe broken download</body></html>\n",
            );
        }
        concat.extend_from_slice(page.html.as_bytes());
    }
    std::fs::write(dir.path("concat.html"), &concat).expect("write");
    let (threads, errors, stats) = run(&Pipeline::builder().threads(2).build(), &[dir.path("concat.html")]);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].kind, errors[0].origin.offset), (ErrorKind::NotAThread, junk_at));
    assert_eq!(stats.pages_parsed, n as u64);
    assert_eq!(stats.errors.get(&ErrorKind::NotAThread), Some(&1));
    assert_eq!(threads.iter().map(|t| t.origins.len()).sum::<usize>(), n);

    // WARC with a mangled record header: reported, and reading resumes at the next record.
    let mut warc = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let mut record = Vec::new();
        dumpgen::write_page(&mut record, Format::Warc, page, i as u64).expect("write");
        if i == n / 2 {
            let text = String::from_utf8(record).expect("utf-8");
            // The response's Content-Length goes, leaving a record with no length.
            let at = text.rfind("WARC/1.1").expect("response record");
            let (request, response) = text.split_at(at);
            record =
                format!("{request}{}", response.replacen("Content-Length:", "Content-Lost:", 1)).into_bytes();
        }
        warc.extend_from_slice(&record);
    }
    std::fs::write(dir.path("dump.warc"), &warc).expect("write");
    let (ok, errors) = read_all(&opts, &dir.path("dump.warc"));
    assert_eq!(ok.len(), n - 1);
    assert!(!errors.is_empty() && errors.iter().all(|e| e.kind == ErrorKind::Corrupt), "{errors:?}");
    assert!(errors[0].origin.record_id.is_some(), "{:?}", errors[0]);

    // Per-record gzip with one member's compressed bytes overwritten.
    let mut gz = Vec::new();
    let mut broken_member = 0;
    for (i, page) in pages.iter().enumerate() {
        let mut record = Vec::new();
        dumpgen::write_page(&mut record, Format::WarcGz, page, i as u64).expect("write");
        if i == n / 2 {
            broken_member = gz.len() as u64;
            let mid = record.len() / 2;
            for b in &mut record[mid..mid + 64] {
                *b = !*b;
            }
        }
        gz.extend_from_slice(&record);
    }
    std::fs::write(dir.path("dump.warc.gz"), &gz).expect("write");
    let (ok, errors) = read_all(&opts, &dir.path("dump.warc.gz"));
    assert!(!errors.is_empty(), "the broken member is reported");
    assert!(errors.iter().all(|e| e.kind == ErrorKind::Corrupt), "{errors:?}");
    assert!(errors.iter().any(|e| e.origin.member.is_some_and(|m| m >= broken_member)), "{errors:?}");
    assert_eq!(ok.len(), n - 1, "every other record is read");

    // JSON Lines with a broken line.
    let mut lines = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i == n / 2 {
            lines.extend_from_slice(b"{\"url\": \"https://x.example/\", \"html\": \"unterminated\n");
        }
        dumpgen::write_page(&mut lines, Format::Jsonl, page, i as u64).expect("write");
    }
    std::fs::write(dir.path("dump.jsonl"), &lines).expect("write");
    let (ok, errors) = read_all(&opts, &dir.path("dump.jsonl"));
    assert_eq!((ok.len(), errors.len()), (n, 1), "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Corrupt);

    // A document over the size limit is skipped and reported; the next one is read.
    let small = ReadOptions::default().max_document(4096);
    let big = format!("<!DOCTYPE html><html><body>{}</body></html>", "x".repeat(pages[0].html.len() + 100));
    std::fs::write(dir.path("big.html"), format!("{big}\n{}", pages[0].html)).expect("write");
    let (ok, errors) = read_all(&small.clone().max_document(pages[0].html.len() + 16), &dir.path("big.html"));
    assert_eq!((ok.len(), errors.len()), (1, 1));
    assert_eq!(errors[0].kind, ErrorKind::TooLarge);
    assert_eq!(ok[0].bytes, pages[0].html.as_bytes());

    // A missing input is an error record, not a failure of the run.
    let (_, errors, _) = run(&Pipeline::builder().build(), &[dir.path("absent.warc")]);
    assert_eq!(errors[0].kind, ErrorKind::Io);
}

#[test]
fn stitching_works_out_of_order_and_interleaved() {
    let dir = TempDir::new("dump", "stitch");
    let generate = |seed: u64| {
        let mut generator = Generator::from_fixtures(Options { seed, open_threads: 6, ..Options::default() });
        let pages: Vec<GenPage> = (0..60).map(|_| generator.next_page()).collect();
        // Let every thread started finish, so that all are complete.
        let started = generator.threads();
        let mut rest = Vec::new();
        for _ in 0..200 {
            let page = generator.next_page();
            if page.thread <= started {
                rest.push(page);
            }
        }
        (pages.into_iter().chain(rest).collect::<Vec<GenPage>>(), started)
    };
    let out_of_order =
        |all: &[GenPage]| all.windows(2).any(|w| w[0].thread == w[1].thread && w[0].page > w[1].page);
    // Whether a seed's pages come out of order depends on the fixtures the generator draws
    // from: the first seed from the default one whose pages do is used.
    let (all, started) = (42..142)
        .map(generate)
        .find(|(all, _)| out_of_order(all))
        .expect("the generator writes some pages out of order");
    let mut reversed = all.clone();
    reversed.reverse();
    write(&dir.path("forward.html"), Format::Concat, &all);
    write(&dir.path("reversed.html"), Format::Concat, &reversed);

    let pipeline = Pipeline::builder().threads(2).build();
    let (forward, errors, stats) = run(&pipeline, &[dir.path("forward.html")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(stats.threads_evicted, 0);
    assert_eq!(forward.len() as u64, started, "one record per generated thread");
    let (backward, _, _) = run(&pipeline, &[dir.path("reversed.html")]);
    assert_eq!(summary(&forward), summary(&backward), "input order does not change the threads");
    for t in &forward {
        let numbers: Vec<u32> = t.origins.iter().map(|o| o.page).collect();
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "pages in order: {numbers:?}");
        assert_eq!(numbers.first(), Some(&1));
        assert_eq!(Some(*numbers.last().unwrap_or(&0)), t.page.total.or(Some(1)));
        assert!(
            !t.warnings.iter().any(|w| w.field == "page" && w.message.contains("missing")),
            "{:?}",
            t.warnings
        );
    }
    let unstitched = Pipeline::builder().threads(2).stitch(false).build();
    let (pages_out, _, _) = run(&unstitched, &[dir.path("forward.html")]);
    assert_eq!(pages_out.len(), all.len());
    // No post is lost or duplicated by stitching: each thread holds every distinct post of
    // its pages once (a page may repeat one: themes that show the opening post on every
    // page), and every post without an id.
    let posts = |threads: &[Thread], distinct: bool| {
        let mut ids: BTreeMap<String, Vec<String>> = BTreeMap::new();
        let mut without_id = 0;
        for t in threads {
            let key = dump::stitch_key(t, None).unwrap_or_default();
            for post in &t.posts {
                match &post.id {
                    Some(id) => ids.entry(key.clone()).or_default().push(id.clone()),
                    None => without_id += 1,
                }
            }
        }
        for list in ids.values_mut() {
            list.sort();
            if distinct {
                list.dedup();
            }
        }
        (ids, without_id)
    };
    assert_eq!(posts(&forward, false), posts(&pages_out, true), "no post is lost or duplicated by stitching");
}

#[test]
fn missing_and_repeated_pages() {
    let dir = TempDir::new("dump", "missing");
    let mut generator =
        Generator::from_fixtures(Options { missing: 0.3, duplicate: 0.3, seed: 7, ..Options::default() });
    let pages: Vec<GenPage> = (0..150).map(|_| generator.next_page()).collect();
    write(&dir.path("dump.html"), Format::Concat, &pages);
    let (threads, errors, _) = run(&Pipeline::builder().threads(2).build(), &[dir.path("dump.html")]);
    assert!(errors.is_empty(), "{errors:?}");
    let missing = threads
        .iter()
        .flat_map(|t| &t.warnings)
        .filter(|w| w.field == "page" && w.message.contains("missing"))
        .count();
    assert!(missing > 0, "some pages were left out and are reported");
    for t in &threads {
        let mut ids: Vec<&str> = t.posts.iter().filter_map(|p| p.id.as_deref()).collect();
        let before = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), before, "repeated pages add no post twice");
    }
    assert!(
        threads.iter().any(|t| t.origins.windows(2).any(|w| w[0].page == w[1].page)),
        "repeats are kept as origins"
    );
}

#[test]
fn open_threads_stay_bounded() {
    let mut generator = Generator::from_fixtures(Options { open_threads: 12, ..Options::default() });
    let mut stitcher = Stitcher::new(StitchOptions::default().max_open_threads(3));
    let mut emitted = 0;
    for _ in 0..80 {
        let page = generator.next_page();
        let thread = forum_thread::parse(&page.html).expect("generated pages parse");
        emitted += stitcher.push(thread, Origin::default()).len();
        assert!(stitcher.open_threads() <= 3);
    }
    emitted += stitcher.finish().len();
    assert!(stitcher.evicted() > 0);
    assert!(emitted as u64 >= generator.threads());
}

#[test]
fn parallel_output_is_the_same_as_sequential() {
    let dir = TempDir::new("dump", "parallel");
    let pages = pages(50, Options::default());
    write(&dir.path("dump.warc.gz"), Format::WarcGz, &pages);
    let json = |threads: usize, order: Order| {
        let pipeline = Pipeline::builder().threads(threads).order(order).in_flight(4).build();
        let (threads, errors, _) = run(&pipeline, &[dir.path("dump.warc.gz")]);
        assert!(errors.is_empty(), "{errors:?}");
        threads.iter().map(|t| serde_json::to_string(t).expect("json")).collect::<Vec<_>>()
    };
    let one = json(1, Order::Input);
    assert_eq!(json(3, Order::Input), one, "input order is deterministic");
    let mut completed = json(3, Order::Completed);
    let mut sorted = one.clone();
    completed.sort();
    sorted.sort();
    // As completed, stitching sees pages in another order: the same threads, maybe with
    // origins listed differently for repeated pages (there are none here).
    assert_eq!(completed.len(), sorted.len());
    let posts = |v: &[String]| -> BTreeMap<usize, usize> {
        v.iter().fold(BTreeMap::new(), |mut m, s| {
            *m.entry(s.matches("\"body_html\"").count()).or_default() += 1;
            m
        })
    };
    assert_eq!(posts(&completed), posts(&sorted));
}

/// Peak resident memory of this process so far, in KiB (Linux), from `/proc/self/status`.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Heavy, so not in the default run: `cargo test --release --test dump -- --ignored`
/// (`FORUM_DUMP_TEST_MB` sets the size, 256 by default). The figures for the record are
/// measured on `dump2jsonl` (benches/README.md); this keeps the bound checked.
#[test]
#[ignore = "writes and streams a large generated dump"]
fn a_large_dump_streams_in_bounded_memory() {
    let mb: u64 = std::env::var("FORUM_DUMP_TEST_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(256);
    let dir = TempDir::new("dump", "large");
    let path = dir.path("large.warc.gz");
    let mut generator =
        Generator::from_fixtures(Options { missing: 0.01, duplicate: 0.01, ..Options::default() });
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    let written = dumpgen::write_dump(&mut out, Format::WarcGz, mb << 20, &mut generator).expect("write");
    out.flush().expect("write");
    drop(out);
    let before = peak_rss_kib();
    let mut records = Pipeline::builder().build().run([&path]).expect("run");
    let mut threads = 0;
    for record in &mut records {
        if let Record::Thread(_) = record {
            threads += 1;
        }
    }
    let stats = records.stats();
    assert_eq!(stats.pages_read, written.pages);
    assert!(threads > 0);
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        eprintln!("peak RSS {before} KiB before, {after} KiB after streaming {mb} MiB: {stats:?}");
        assert!(
            after.saturating_sub(before) < 64 * 1024,
            "streaming grew the peak by {} KiB",
            after - before
        );
    }
}

/// A Discourse topic JSON (`/t/ID.json`) saved as a `.json` file is one page, however it is
/// laid out; as lines of a JSON Lines file, each line is a page.
#[test]
fn discourse_topic_json_files_and_lines() {
    let dir = TempDir::new("dump", "discourse-json");
    let topic = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/discourse/discourse32-topic.in.json"),
    )
    .expect("fixture");
    let value: serde_json::Value = serde_json::from_str(&topic).expect("JSON");
    let pretty = serde_json::to_string_pretty(&value).expect("JSON");
    assert!(pretty.lines().count() > 10);
    std::fs::write(dir.path("topic.json"), &pretty).expect("write");
    std::fs::write(dir.path("topic.json.gz"), gzip(pretty.as_bytes())).expect("write");
    let line = serde_json::to_string(&value).expect("JSON");
    std::fs::write(dir.path("topics.jsonl"), format!("{line}\n{line}\n")).expect("write");

    let opts = ReadOptions::default();
    for name in ["topic.json", "topic.json.gz"] {
        let (ok, errors) = read_all(&opts, &dir.path(name));
        assert!(errors.is_empty(), "{name}: {errors:?}");
        assert_eq!(ok.len(), 1, "{name}");
        assert_eq!(ok[0].bytes, pretty.as_bytes(), "{name}");
    }
    let (ok, errors) = read_all(&opts, &dir.path("topics.jsonl"));
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);

    let expected = forum_thread::parse(&topic).expect("the fixture parses");
    let pipeline = Pipeline::builder().threads(1).stitch(false).build();
    let (threads, errors, _) = run(&pipeline, &[dir.path("topic.json"), dir.path("topics.jsonl")]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(threads.len(), 3);
    for thread in &threads {
        assert_eq!(thread.engine, forum_thread::Engine::Discourse);
        assert_eq!(thread.posts.len(), expected.posts.len());
        assert_eq!(thread.topic.title, expected.topic.title);
    }
}

/// A directory walk follows links to files and to directories, once each: a link to what
/// the walk reads anyway, or to a directory above (a loop), is passed over; a broken link
/// named as a page is an error, one named as something else (`gone.css`) is no loss.
#[cfg(unix)]
#[test]
fn symbolic_links_are_followed_without_reading_anything_twice() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new("dump", "links");
    let pages = pages(4, Options::default());
    let (tree, outside) = (dir.path("tree"), dir.path("outside"));
    std::fs::create_dir_all(tree.join("sub")).expect("mkdir");
    std::fs::create_dir_all(outside.join("more")).expect("mkdir");
    std::fs::write(tree.join("sub/p0.html"), &pages[0].html).expect("write");
    std::fs::write(outside.join("p1.html"), &pages[1].html).expect("write");
    std::fs::write(outside.join("more/p2.html"), &pages[2].html).expect("write");
    // A page saved under a name the walk does not take, linked under one it takes.
    std::fs::write(outside.join("p3.data"), &pages[3].html).expect("write");
    symlink(outside.join("p1.html"), tree.join("linked.html")).expect("symlink");
    symlink(outside.join("more"), tree.join("more")).expect("symlink");
    symlink(outside.join("p3.data"), tree.join("p3.html")).expect("symlink");
    symlink(tree.join("sub/p0.html"), tree.join("again.html")).expect("symlink");
    symlink(tree.join("sub"), tree.join("sub-again")).expect("symlink");
    symlink(&dir.0, tree.join("up")).expect("symlink");
    symlink(tree.join("nothing"), tree.join("gone.css")).expect("symlink");
    symlink(tree.join("nothing"), tree.join("gone.html")).expect("symlink");

    let (ok, errors) = read_all(&ReadOptions::default(), &tree);
    let mut got: Vec<&[u8]> = ok.iter().map(|p| p.bytes.as_slice()).collect();
    let mut want: Vec<&[u8]> = pages.iter().map(|p| p.html.as_bytes()).collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "each page once: {:?}", ok.iter().map(|p| &p.origin.file).collect::<Vec<_>>());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, ErrorKind::Io);
    assert!(errors[0].origin.file.ends_with("gone.html"), "{:?}", errors[0]);

    // The size of what the walk reads, found beforehand (for progress): what it then reads.
    let opts = ReadOptions::default();
    let mut walk = opts.open(&tree).expect("open");
    let counters = walk.counters();
    walk.by_ref().for_each(drop);
    let total: usize = pages.iter().map(|p| p.html.len()).sum();
    assert_eq!(counters.bytes_read(), total as u64);
    assert_eq!(opts.input_bytes([&tree]), total as u64);
}

/// `ReadOptions::input_bytes` counts what reading counts: compressed files as stored, the
/// files of this shard only, nothing for a path that is not there.
#[test]
fn input_bytes_are_what_reading_reads() {
    let dir = TempDir::new("dump", "input-bytes");
    let pages = pages(6, Options::default());
    write(&dir.path("a.html"), Format::Concat, &pages[..3]);
    std::fs::create_dir_all(dir.path("tree")).expect("mkdir");
    std::fs::write(dir.path("tree/b.html.gz"), gzip(pages[3].html.as_bytes())).expect("write");
    std::fs::write(dir.path("tree/c.htm"), &pages[4].html).expect("write");
    std::fs::write(dir.path("tree/style.css"), "body {}").expect("write");
    let inputs = [dir.path("a.html"), dir.path("tree"), dir.path("absent.html")];
    let size = |name: &str| std::fs::metadata(dir.path(name)).expect("a file").len();
    let whole = size("a.html") + size("tree/b.html.gz") + size("tree/c.htm");
    let opts = ReadOptions::default();
    assert_eq!(opts.input_bytes(&inputs), whole);
    let mut pages_read = opts.open_all(&inputs);
    let counters = pages_read.counters();
    pages_read.by_ref().for_each(drop);
    assert_eq!(counters.bytes_read(), whole);
    let shards: Vec<u64> = (0..3).map(|i| ReadOptions::default().shard(i, 3).input_bytes(&inputs)).collect();
    assert_eq!(shards.iter().sum::<u64>(), whole, "{shards:?}");
}

/// An input that holds nothing is an `empty` error, counted with the read errors; so is a
/// path that does not exist (`io`). Pages that do not parse are not read errors.
#[test]
fn inputs_with_nothing_in_them_are_read_errors() {
    let dir = TempDir::new("dump", "empty");
    let pages = pages(2, Options::default());
    std::fs::create_dir_all(dir.path("no-files")).expect("mkdir");
    std::fs::create_dir_all(dir.path("no-pages")).expect("mkdir");
    std::fs::write(dir.path("no-pages/style.css"), "body {}").expect("write");
    std::fs::create_dir_all(dir.path("empty-pages")).expect("mkdir");
    std::fs::write(dir.path("empty-pages/a.html"), "").expect("write");
    std::fs::write(dir.path("empty.html"), "").expect("write");
    std::fs::write(dir.path("blank.html"), " \n\u{feff}\n").expect("write");
    std::fs::write(dir.path("junk.html"), "<p>not a forum</p>").expect("write");
    write(&dir.path("good.html"), Format::Concat, &pages);
    let inputs: Vec<PathBuf> =
        ["no-files", "no-pages", "empty-pages", "empty.html", "blank.html", "absent.html"]
            .iter()
            .map(|n| dir.path(n))
            .collect();
    let (threads, errors, stats) = run(&Pipeline::builder().threads(1).build(), &inputs);
    assert!(threads.is_empty());
    let kinds: Vec<(ErrorKind, &str)> =
        errors.iter().map(|e| (e.kind, e.origin.file.rsplit('/').next().unwrap_or_default())).collect();
    assert_eq!(
        kinds,
        [
            (ErrorKind::Empty, "no-files"),
            (ErrorKind::Empty, "no-pages"),
            (ErrorKind::Empty, "empty-pages"),
            (ErrorKind::Empty, "empty.html"),
            (ErrorKind::Empty, "blank.html"),
            (ErrorKind::Io, "absent.html"),
        ]
    );
    assert!(errors[1].reason.contains("1 other files"), "{}", errors[1].reason);
    assert_eq!((stats.read_errors, stats.pages_read), (6, 0));

    let (threads, errors, stats) =
        run(&Pipeline::builder().threads(1).build(), &[dir.path("good.html"), dir.path("junk.html")]);
    assert_eq!(threads.len() + errors.len(), 3, "{errors:?}");
    assert_eq!(stats.errors.get(&ErrorKind::NotAThread), Some(&1));
    assert_eq!(stats.read_errors, 0, "a page that does not parse was read");

    // A directory whose files all belong to other shards is not empty in this one.
    std::fs::create_dir_all(dir.path("one")).expect("mkdir");
    std::fs::write(dir.path("one/a.html"), &pages[0].html).expect("write");
    for shard in 0..2 {
        let read = ReadOptions::default().shard(shard, 2);
        let (ok, errors) = read_all(&read, &dir.path("one"));
        assert!(errors.is_empty(), "shard {shard}: {errors:?}");
        assert!(ok.len() <= 1);
    }
}

/// Each page's request and response records, as `write_page` writes them in WARC, with the
/// response's record id.
fn warc_records(pages: &[GenPage]) -> Vec<(Vec<u8>, Vec<u8>, String)> {
    pages
        .iter()
        .enumerate()
        .map(|(n, page)| {
            let mut both = Vec::new();
            dumpgen::write_page(&mut both, Format::Warc, page, n as u64).expect("write");
            let text = String::from_utf8(both).expect("utf-8");
            let at = text.find("WARC/1.1\r\nWARC-Type: response").expect("a response record");
            let id = text[at..].split("WARC-Record-ID: ").nth(1).and_then(|s| s.split("\r\n").next());
            (text[..at].into(), text[at..].into(), id.expect("an id").to_owned())
        })
        .collect()
}

/// A record's WARC `Content-Length` (its first) changed by `by` bytes, or set to `to`.
fn with_length(record: &[u8], length: impl Fn(u64) -> u64) -> Vec<u8> {
    let text = String::from_utf8(record.to_vec()).expect("utf-8");
    let (head, rest) = text.split_once("Content-Length: ").expect("a length");
    let (n, tail) = rest.split_once("\r\n").expect("a line");
    format!("{head}Content-Length: {}\r\n{tail}", length(n.parse().expect("a number"))).into_bytes()
}

/// WARC records whose `Content-Length` is wrong: too long by part of the next record (which
/// would merge two pages), 2 GB (which would hide every later record), too short. Each is
/// reported by its record id, and every other page is read, in plain WARC, gzipped per
/// record, and gzipped whole.
#[test]
fn warc_records_with_a_wrong_length_are_reported_by_id_and_lose_nothing_else() {
    let dir = TempDir::new("dump", "warc-length");
    let pages = pages(10, Options::default());
    let records = warc_records(&pages);
    let next_len = |i: usize| (records[i + 1].0.len() + records[i + 1].1.len()) as u64;
    /// A record's number, and the wrong length it gets from its right one.
    type Damage<'a> = (usize, Box<dyn Fn(u64) -> u64 + 'a>);
    let cases: Vec<(&str, Vec<Damage>)> = vec![
        ("into the next record", vec![(2, Box::new(move |n| n + next_len(2) - 200))]),
        ("over the next record exactly", vec![(3, Box::new(move |n| n + next_len(3)))]),
        ("2 GB", vec![(4, Box::new(|_| 2 << 30))]),
        ("too short", vec![(5, Box::new(|n| n - 300))]),
        ("zero", vec![(6, Box::new(|_| 0))]),
        (
            "several",
            vec![
                (1, Box::new(move |n| n + next_len(1) - 10)),
                (5, Box::new(|_| 2 << 30)),
                (7, Box::new(|n| n / 2)),
                (9, Box::new(|n| n + 5000)),
            ],
        ),
    ];
    for (name, damage) in &cases {
        let mut plain = Vec::new();
        let mut per_record = Vec::new();
        for (i, (request, response, _)) in records.iter().enumerate() {
            let response = match damage.iter().find(|(at, _)| *at == i) {
                Some((_, length)) => with_length(response, length),
                None => response.clone(),
            };
            for record in [request, &response] {
                plain.extend_from_slice(record);
                dumpgen::write_record(&mut per_record, Format::WarcGz, record).expect("gzip");
            }
        }
        std::fs::write(dir.path("plain.warc"), &plain).expect("write");
        std::fs::write(dir.path("records.warc.gz"), &per_record).expect("write");
        std::fs::write(dir.path("whole.warc.gz"), gzip(&plain)).expect("write");
        for file in ["plain.warc", "records.warc.gz", "whole.warc.gz"] {
            let (ok, errors) = read_all(&ReadOptions::default(), &dir.path(file));
            let damaged: BTreeSet<usize> = damage.iter().map(|(i, _)| *i).collect();
            let want: Vec<&str> =
                (0..pages.len()).filter(|i| !damaged.contains(i)).map(|i| pages[i].html.as_str()).collect();
            let got: Vec<String> =
                ok.iter().map(|p| String::from_utf8_lossy(&p.bytes).into_owned()).collect();
            assert_eq!(got, want, "{name}, {file}: every other page, whole, in order; errors: {errors:#?}");
            let ids: Vec<Option<&str>> = errors.iter().map(|e| e.origin.record_id.as_deref()).collect();
            let want_ids: Vec<Option<&str>> = damaged.iter().map(|i| Some(records[*i].2.as_str())).collect();
            assert_eq!(ids, want_ids, "{name}, {file}: each damaged record named once: {errors:#?}");
            assert!(
                errors.iter().all(|e| e.kind == ErrorKind::Corrupt && e.reason.contains("Content-Length")),
                "{name}, {file}: {errors:#?}"
            );
            // Pages keep their record's id and offset.
            for page in &ok {
                let i = pages.iter().position(|p| p.html.as_bytes() == page.bytes).expect("a page");
                assert_eq!(page.origin.record_id.as_deref(), Some(records[i].2.as_str()), "{name}, {file}");
            }
            if file == "records.warc.gz" {
                let members: Vec<u64> = ok.iter().filter_map(|p| p.origin.member).collect();
                assert_eq!(members.len(), ok.len());
                assert!(members.windows(2).all(|w| w[0] < w[1]), "{name}: each page its own member");
            }
        }
    }

    // A record whose length is right may hold a WARC file (here a resource record of one,
    // with a page in it): it is passed over whole, its page neither read nor lost.
    let inner: Vec<u8> = records[0].0.iter().chain(&records[0].1).copied().collect();
    let held = dumpgen::warc_record("resource", "urn:uuid:held", None, "application/warc", &inner);
    let mut warc = Vec::new();
    for (i, (request, response, _)) in records.iter().enumerate().skip(1) {
        warc.extend_from_slice(request);
        if i == 4 {
            warc.extend_from_slice(&held);
        }
        warc.extend_from_slice(response);
    }
    std::fs::write(dir.path("holds.warc"), &warc).expect("write");
    let mut pages_read = ReadOptions::default().open(dir.path("holds.warc")).expect("open");
    let ok: Vec<dump::RawPage> = pages_read.by_ref().map(|p| p.expect("no error")).collect();
    assert_eq!(ok.len(), pages.len() - 1);
    assert!(ok.iter().zip(&pages[1..]).all(|(got, want)| got.bytes == want.html.as_bytes()));
    assert_eq!(pages_read.counters().records_skipped(), pages.len() as u64);
}

/// `html` with `snippet` put right after its `<body ...>` tag.
fn in_body(html: &str, snippet: &str) -> String {
    let body = html.find("<body").expect("a body");
    let at = body + html[body..].find('>').expect("the tag's end") + 1;
    format!("{}{snippet}{}", &html[..at], &html[at..])
}

/// A page with a comment it never closes, followed by more pages in one file: each page is
/// read, the first with a warning that says what was left open; the others come out as
/// they do without it.
#[test]
fn an_unclosed_comment_does_not_swallow_the_pages_after_it() {
    let dir = TempDir::new("dump", "unclosed");
    let mut pages = pages(5, Options::default());
    let clean = pages.clone();
    // Before the page's footer, which it swallows with the page's `</html>`.
    let footer = pages[0].html.rfind("</body>").expect("a body end");
    pages[0].html.insert_str(footer, "<!-- an unclosed comment ");
    write(&dir.path("clean.html"), Format::Concat, &clean);
    write(&dir.path("dump.html"), Format::Concat, &pages);
    let pipeline = Pipeline::builder().threads(1).stitch(false).build();
    let (threads, errors, stats) = run(&pipeline, &[dir.path("dump.html")]);
    assert_eq!(stats.pages_read, 5, "{errors:?}");
    let (clean_threads, _, _) = run(&pipeline, &[dir.path("clean.html")]);
    let strip = |t: &Thread| (t.topic.id.clone(), t.posts.len());
    assert_eq!(
        threads.iter().map(strip).collect::<Vec<_>>(),
        clean_threads.iter().map(strip).collect::<Vec<_>>()
    );
    let note = threads[0].warnings.iter().find(|w| w.field == "document").expect("a note");
    // Inside the comment, or past it when a comment after the page's `</html>` closes it (a
    // template's end marker): either way, cut short.
    assert!(note.message.starts_with("the document is cut short"), "{}", note.message);
    assert!(clean_threads.iter().all(|t| t.warnings.iter().all(|w| w.field != "document")));
}

/// Document starts that are part of a page: in attribute values (as DOM-serialized saves
/// write them), written by scripts, commented out, included by a server, or after a script a
/// host put before the doctype. Each saved page is one page, read as it is without them.
#[test]
fn a_saved_page_is_one_page_whatever_document_starts_it_holds() {
    let dir = TempDir::new("dump", "one-page");
    let pages = pages(4, Options::default());
    let snippets = [
        "<div data-saved=\"<!DOCTYPE html><html><body>x</body></html>\"></div>",
        "<iframe srcdoc=\"\n<!DOCTYPE html>\n<html><body>inner</body>\n</html>\n\"></iframe>",
        "<script>document.write('<!DOCTYPE html><html><body>');</script>",
        "<script>w.document.write(`\n<!DOCTYPE html>\n<html><body>${x}</body>\n</html>\n`);</script>",
        "<!--\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0//EN\">\n<p>old</p>\n-->",
        "<div class=ssi>\n<!DOCTYPE html>\n<html><head></head><body>inc</body>\n</html>\n</div>",
    ];
    let mut expected = Vec::new();
    let mut n = 0;
    for page in &pages {
        let clean = forum_thread::parse(&page.html).expect("generated pages parse");
        for snippet in snippets {
            std::fs::write(dir.path(&format!("p{n:02}.html")), in_body(&page.html, snippet)).expect("write");
            n += 1;
            expected.push((clean.topic.id.clone(), clean.posts.len()));
        }
        let hosted = format!("<script src=\"http://host.example/x.js\"></script>{}", page.html);
        std::fs::write(dir.path(&format!("p{n:02}.html")), hosted).expect("write");
        n += 1;
        expected.push((clean.topic.id.clone(), clean.posts.len()));
    }
    let pipeline = Pipeline::builder().threads(1).stitch(false).build();
    let (threads, errors, stats) = run(&pipeline, std::slice::from_ref(&dir.0));
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(stats.pages_read, n as u64);
    let got: Vec<(Option<String>, usize)> =
        threads.iter().map(|t| (t.topic.id.clone(), t.posts.len())).collect();
    assert_eq!(got, expected);
    assert!(threads.iter().all(|t| t.warnings.iter().all(|w| w.field != "document")));
}
