//! The `forum-thread` command as a user runs it: help and version, exit statuses, one-line
//! errors naming the input, a closed pipe, and `stitch` giving the threads that stitching in
//! one process gives, over generated dumps (`tests/dumpgen/`).

mod dumpgen;

use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use dumpgen::{Format, GenPage, Options, Rng, TempDir, pages};
use forum_thread::dump::{Pipeline, Record};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/smf20-briefing-room.html");

fn forum_thread() -> Command {
    Command::new(env!("CARGO_BIN_EXE_forum-thread"))
}

/// Runs the command with `stdin` as its standard input.
fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = forum_thread()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn forum-thread");
    let mut input = child.stdin.take().expect("stdin");
    // The command may stop reading early (a usage error): that is no failure here.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("wait")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json_lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).expect("a JSON line"))
        .collect()
}

fn write(path: &Path, format: Format, pages: &[GenPage]) {
    let mut out = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        dumpgen::write_page(&mut out, format, page, n as u64).expect("write");
    }
    std::fs::write(path, out).expect("write dump");
}

#[test]
fn help_and_version_go_to_standard_output_with_status_0() {
    let out = run(&["--version"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout).trim(), format!("forum-thread {}", env!("CARGO_PKG_VERSION")));
    for args in [&["--help"][..], &["help"], &["parse", "--help"], &["dump", "-h"], &["stitch", "--help"]] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(text(&out.stdout).contains("Usage: forum-thread"), "{args:?}: {}", text(&out.stdout));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
    let help = text(&run(&["--help"], b"").stdout);
    for command in ["parse", "dump", "stitch", "detect", "Exit status"] {
        assert!(help.contains(command), "--help names {command}: {help}");
    }
}

/// `schema` prints the schema shipped in the repository, which the records are checked
/// against (`tests/schema.rs`); every record `dump` writes carries the version it names.
#[test]
fn schema_prints_the_shipped_schema() {
    let out = run(&["schema"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(text(&out.stdout), forum_thread::JSON_SCHEMA);
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(schema.get("$schema").is_some(), "{schema}");
    let out = run(&["dump", "-q", "--pages", SAMPLE, "/nonexistent/page.html"], b"");
    assert_eq!(out.status.code(), Some(1));
    let records: Vec<serde_json::Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(|r| r["schema_version"] == forum_thread::SCHEMA_VERSION), "{records:?}");
    assert_eq!(records[1]["error"]["kind"], "io");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &[][..],
        &["bogus"],
        &["parse", "--bogus", SAMPLE],
        &["parse", "--format", "xml", SAMPLE],
        &["parse", "--url", "not a URL", SAMPLE],
        &["dump", "--shard", "5/2", SAMPLE],
        &["dump", "-j", "many", SAMPLE],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out.stderr));
        assert!(out.stdout.is_empty(), "{args:?}");
        assert!(!out.stderr.is_empty(), "{args:?}: says why");
    }
}

#[test]
fn parse_prints_the_page_or_one_line_naming_the_input() {
    let out = run(&["parse", SAMPLE], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let thread: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(thread["engine"], "smf");
    assert_eq!(thread["topic"]["views"], 104);
    assert_eq!(thread["posts"][0]["author"]["name"], "rangerrebew");
    assert_eq!(thread["posts"][0]["date"], "2023-05-02T11:04:13");
    assert!(text(&out.stdout).starts_with("{\n  \"schema_version\": 1,\n  \"format\""), "pretty JSON");

    // Standard input, one line of JSON, and the options of `thread2json`.
    let html = std::fs::read(SAMPLE).expect("sample");
    let out = run(&["parse", "--compact", "--url", "https://other.example/index.php?topic=5.0", "-"], &html);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout).lines().count(), 1);
    let thread: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(thread["url"], "https://other.example/index.php?topic=5.0");

    let out = run(&["parse", "/nonexistent/page.html"], b"");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("forum-thread: /nonexistent/page.html: "), "{stderr}");

    let out = run(&["parse", "-"], b"<html><body><p>An article, no forum here.</p></body></html>");
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("forum-thread: standard input: not a forum thread page"), "{stderr}");
    assert!(out.stdout.is_empty());
}

#[test]
fn detect_names_the_engine_and_the_markers_found() {
    let out = run(&["detect", SAMPLE, "/nonexistent/page.html"], b"");
    assert_eq!(out.status.code(), Some(1), "one input could not be read");
    let stdout = text(&out.stdout);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some(format!("{SAMPLE}: smf").as_str()));
    assert_eq!(lines.next(), Some("  parsed as smf (html): 2 posts"));
    assert!(lines.next().is_some_and(|l| l.starts_with("  smf score ") && l.contains("div.post_wrapper")));
    assert!(text(&out.stderr).starts_with("forum-thread: /nonexistent/page.html: "));

    let out = run(&["detect", "--json", "-"], b"<p>hello</p>");
    assert_eq!(out.status.code(), Some(0));
    let report = &json_lines(&out.stdout)[0];
    assert_eq!(report["input"], "standard input");
    assert_eq!(report["detected"], serde_json::Value::Null);
    assert_eq!(report["engines"], serde_json::json!([]));
    assert!(report["parsed"]["error"].as_str().is_some_and(|e| e.starts_with("not a forum thread page")));
}

/// `dump` writes what it can read, then exits 1 when an input could not be read (a missing
/// file, a broken gzip, a directory without pages), saying so in its totals; a page that is
/// not a thread is no read error.
#[test]
fn dump_exits_1_after_unreadable_input() {
    let dir = TempDir::new("cli", "exit");
    let pages = pages(3, Options::default());
    write(&dir.path("good.html"), Format::Concat, &pages);
    std::fs::write(dir.path("junk.html"), "<p>not a forum</p>").expect("write");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&std::fs::read(dir.path("good.html")).expect("read")).expect("gzip");
    let gz = gz.finish().expect("gzip");
    std::fs::write(dir.path("cut.html.gz"), &gz[..gz.len() / 2]).expect("write");
    std::fs::create_dir_all(dir.path("nothing-here")).expect("mkdir");
    let good = dir.path("good.html").display().to_string();

    let out = run(&["dump", "-q", "-j", "1", &good], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stderr.is_empty(), "-q: no totals");
    assert!(!json_lines(&out.stdout).is_empty());
    for (bad, status) in [("absent.html", 1), ("cut.html.gz", 1), ("nothing-here", 1), ("junk.html", 0)] {
        let bad_path = dir.path(bad).display().to_string();
        let out = run(&["dump", "-j", "1", "--pages", &good, &bad_path], b"");
        assert_eq!(out.status.code(), Some(status), "{bad}: {}", text(&out.stderr));
        let lines = json_lines(&out.stdout);
        let threads = lines.iter().filter(|l| l.get("error").is_none()).count();
        // The first half of the cut gzip holds pages too.
        assert!(threads >= pages.len(), "{bad}: every page that could be read is written");
        assert!(lines.iter().any(|l| l.get("error").is_some()), "{bad}: the failure is a record");
        let stderr = text(&out.stderr);
        let totals: serde_json::Value =
            serde_json::from_str(stderr.trim().strip_prefix("forum-thread dump: ").expect("the totals line"))
                .expect("JSON totals");
        assert_eq!(totals["exit"], status, "{bad}: {totals}");
        assert_eq!(totals["stats"]["read_errors"].as_u64() > Some(0), status == 1, "{bad}: {totals}");
    }
    // The paths on standard input.
    let out = run(&["dump", "-q", "-j", "1"], format!("{good}\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(!json_lines(&out.stdout).is_empty());
}

/// The reader of the output has gone before the first line: no message, status 0, with or
/// without a read error.
#[test]
fn a_closed_pipe_ends_quietly() {
    let dir = TempDir::new("cli", "pipe");
    write(&dir.path("good.html"), Format::Concat, &pages(30, Options::default()));
    let good = dir.path("good.html").display().to_string();
    let pages_file = dir.path("pages.jsonl");
    let out = run(&["dump", "-q", "--pages", &good], b"");
    std::fs::write(&pages_file, &out.stdout).expect("write");
    let pages_file = pages_file.display().to_string();
    for args in [
        &["dump", "-j", "1", &good][..],
        &["dump", "-j", "1", &good, "/nonexistent/dump.warc"],
        &["dump", "--posts", &good],
        &["stitch", &pages_file],
        &["parse", SAMPLE],
        &["detect", SAMPLE, SAMPLE, SAMPLE],
    ] {
        let mut child = forum_thread()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?}: {}", text(&out.stderr));
    }
}

/// Canonical JSON lines (keys sorted), as a set.
fn canonical(lines: &[serde_json::Value]) -> BTreeSet<String> {
    lines.iter().map(|l| serde_json::to_string(l).expect("JSON")).collect()
}

/// The map-reduce form: `dump --pages` (every page with its `stitch_key`), the page records
/// shuffled into several files as a shuffle by key would leave them, then `stitch`, gives
/// the threads that stitching in one process gives: the same JSON, origins included, as a
/// set (the order of threads differs). Threads with missing pages are among them.
#[test]
fn stitch_gives_the_threads_of_one_process() {
    let dir = TempDir::new("cli", "stitch");
    let pages = pages(120, Options { missing: 0.2, ..Options::default() });
    let dump = dir.path("dump.warc.gz");
    write(&dump, Format::WarcGz, &pages);
    let dump = dump.display().to_string();

    let out = run(&["dump", "-q", "--pages", &dump], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page_records = json_lines(&out.stdout);
    assert_eq!(page_records.len(), pages.len());
    // Each page record carries the key the library stitches by.
    for record in &page_records {
        let page: forum_thread::Thread = serde_json::from_value(record.clone()).expect("a page record");
        let url = page.origins[0].origin.url.as_deref();
        let key = forum_thread::dump::stitch_key(&page, url);
        assert!(key.is_some(), "generated pages have keys");
        assert_eq!(record["stitch_key"].as_str(), key.as_deref());
    }

    // In one process: the command and the library.
    let out = run(&["dump", "-q", &dump], b"");
    assert_eq!(out.status.code(), Some(0));
    let one_process = canonical(&json_lines(&out.stdout));
    let mut records = Pipeline::builder().build().run([&dump]).expect("run");
    let library: Vec<serde_json::Value> = records
        .by_ref()
        .map(|r| match r {
            Record::Thread(t) => serde_json::to_value(t).expect("JSON"),
            r => panic!("{r:?}"),
        })
        .collect();
    assert_eq!(canonical(&library), one_process);
    let stats = records.stats();
    assert!(stats.threads > 10 && stats.threads < pages.len() as u64, "{stats:?}: pages were stitched");
    assert!(
        library
            .iter()
            .any(|t| t["warnings"].as_array().is_some_and(|w| w.iter().any(|w| w["field"] == "page"))),
        "some threads miss pages"
    );

    // Page records shuffled into three files, read in turn, and on standard input.
    let mut rng = Rng::new(7);
    let mut shuffled: Vec<String> = out_lines(&page_records);
    for i in (1..shuffled.len()).rev() {
        shuffled.swap(i, rng.below(i + 1));
    }
    let parts: Vec<String> = (0..3)
        .map(|n| {
            let path = dir.path(&format!("part-{n}.jsonl"));
            let lines: String = shuffled.iter().skip(n).step_by(3).map(|l| format!("{l}\n")).collect();
            std::fs::write(&path, lines).expect("write");
            path.display().to_string()
        })
        .collect();
    let mut args = vec!["stitch"];
    args.extend(parts.iter().map(String::as_str));
    let out = run(&args, b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stitched = json_lines(&out.stdout);
    assert_eq!(stitched.len() as u64, stats.threads);
    assert_eq!(canonical(&stitched), one_process);
    let totals = text(&out.stderr);
    assert!(totals.starts_with("forum-thread stitch: {"), "{totals}");
    let totals: serde_json::Value =
        serde_json::from_str(totals.trim().trim_start_matches("forum-thread stitch: ")).expect("JSON");
    assert_eq!(totals["stats"]["pages"], pages.len());
    assert_eq!(totals["stats"]["threads"], stats.threads);

    let out = run(&["stitch", "-q"], shuffled.join("\n").as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(canonical(&json_lines(&out.stdout)), one_process);

    // Hadoop Streaming's form: each line keyed by its stitch_key and a tab, the lines
    // sorted by key, the keys left on the lines the reducer reads.
    let out = run(&["dump", "-q", "--pages", "--keyed", &dump], b"");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let keyed = text(&out.stdout);
    let mut lines: Vec<(&str, &str)> = keyed.lines().map(|l| l.split_once('\t').expect("a key")).collect();
    assert_eq!(lines.len(), pages.len());
    for (key, record) in &lines {
        let record: serde_json::Value = serde_json::from_str(record).expect("JSON");
        assert_eq!(record["stitch_key"].as_str(), Some(*key));
    }
    lines.sort_by_key(|(key, _)| *key);
    let sorted: String = lines.iter().map(|(key, record)| format!("{key}\t{record}\n")).collect();
    let out = run(&["stitch", "-q"], sorted.as_bytes());
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(canonical(&json_lines(&out.stdout)), one_process);
}

fn out_lines(values: &[serde_json::Value]) -> Vec<String> {
    values.iter().map(|v| serde_json::to_string(v).expect("JSON")).collect()
}

/// Error records are passed on; a line that is not a page record becomes an error record
/// of kind `corrupt` with its offset, and the status is 1; the other pages are stitched.
#[test]
fn stitch_passes_error_records_on_and_reports_lines_that_are_no_records() {
    let dir = TempDir::new("cli", "stitch-bad");
    let pages = pages(30, Options { open_threads: 3, ..Options::default() });
    let dump = dir.path("dump.html");
    write(&dump, Format::Concat, &pages);
    std::fs::write(dir.path("junk.html"), "<p>not a forum</p>").expect("write");
    let dump = dump.display().to_string();
    let junk = dir.path("junk.html").display().to_string();
    let out = run(&["dump", "-q", "--pages", &dump, &junk], b"");
    let mut lines = out_lines(&json_lines(&out.stdout));
    let error_record = lines.iter().find(|l| l.starts_with("{\"error\"")).cloned().expect("an error record");
    let one_process = canonical(&json_lines(&run(&["dump", "-q", &dump, &junk], b"").stdout));

    let thread = json_lines(&run(&["dump", "-q", &dump], b"").stdout)
        .into_iter()
        .find(|t| t["origins"].as_array().is_some_and(|o| o.len() > 1))
        .expect("a stitched thread");
    lines.insert(1, "{\"format\": \"html\", truncated".into());
    lines.insert(3, serde_json::to_string(&thread).expect("JSON"));
    let input = lines.join("\n");
    let bad_offset = lines[0].len() + 1;

    let out = run(&["stitch", "-q", "-"], input.as_bytes());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.starts_with(&format!("forum-thread: standard input@{bad_offset}: not a JSON record")));
    assert!(stderr.contains("not a page record: stitch reads what `dump --pages` writes"), "{stderr}");
    let records = json_lines(&out.stdout);
    let errors: Vec<&serde_json::Value> = records.iter().filter(|r| r.get("error").is_some()).collect();
    assert_eq!(errors.len(), 3);
    assert!(errors.iter().any(|e| serde_json::to_string(e).ok().as_ref() == Some(&error_record)));
    let corrupt: Vec<(&str, u64)> = errors
        .iter()
        .filter(|e| e["error"]["kind"] == "corrupt")
        .map(|e| {
            (
                e["error"]["origin"]["file"].as_str().unwrap_or_default(),
                e["error"]["origin"]["offset"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(corrupt.len(), 2);
    assert_eq!(corrupt[0], ("standard input", bad_offset as u64));
    let threads: BTreeSet<String> =
        records.iter().filter(|r| r.get("error").is_none()).map(|r| r.to_string()).collect();
    let want: BTreeSet<String> =
        one_process.iter().filter(|r| !r.starts_with("{\"error\"")).cloned().collect();
    assert_eq!(threads, want);
}
