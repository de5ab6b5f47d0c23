//! The JSON contract: every record this crate writes validates against the shipped JSON
//! Schema (`forum_thread::JSON_SCHEMA`, `schema/forum-thread.schema.json`), for every engine
//! fixture, every page of the shared corpus (`../shared/corpus` or `$FORUM_CORPUS`; without
//! it that test says so on stderr and checks nothing) and a generated dump; and JSON reads
//! back: every golden file round-trips to the same text, and records of older and newer
//! versions (fields missing, fields unknown) read.
//!
//! A failure names the page (or the dump record's origin) and the JSON path of each value
//! the schema refuses (`at '/posts/3/date': ...`).
#![cfg(feature = "dump")]

mod common;
mod dumpgen;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::json::{self, Ordered};
use dumpgen::{Generator, Options};
use forum_thread::dump::{ErrorKind, ErrorRecord, Pipeline, PostRecord, Record, Stats, Totals};
use forum_thread::{CharsetSource, Engine, Format, SCHEMA_VERSION, Thread};
use serde::Serialize;
use serde_json::{Value, json};

/// Where the schema is registered with the validator: the shipped file's path.
const SCHEMA_URL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/forum-thread.schema.json");

/// The record kinds, by their definition in the schema's `$defs`.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Thread,
    PostRecord,
    ErrorRecord,
    Totals,
}

/// The shipped schema, compiled once per record kind.
struct Validator {
    schemas: boon::Schemas,
    kinds: [(Kind, boon::SchemaIndex); 4],
}

impl Validator {
    fn new() -> Validator {
        let schema: Value = serde_json::from_str(forum_thread::JSON_SCHEMA).expect("the schema is JSON");
        let mut compiler = boon::Compiler::new();
        compiler.add_resource(SCHEMA_URL, schema).expect("the schema loads");
        let mut schemas = boon::Schemas::new();
        let kinds = [Kind::Thread, Kind::PostRecord, Kind::ErrorRecord, Kind::Totals].map(|kind| {
            let index = compiler
                .compile(&format!("{SCHEMA_URL}#/$defs/{kind:?}"), &mut schemas)
                .unwrap_or_else(|e| panic!("the schema's {kind:?} compiles: {e}"));
            (kind, index)
        });
        Validator { schemas, kinds }
    }

    /// Why `record` is not a valid record of `kind` (every value refused, by JSON path), or
    /// `None`.
    fn refuses(&self, kind: Kind, record: &impl Serialize) -> Option<String> {
        let value = serde_json::to_value(record).expect("a record serializes");
        let index = self.kinds.iter().find(|(k, _)| *k == kind).map(|(_, i)| *i)?;
        self.schemas.validate(&value, index).err().map(|e| e.to_string())
    }

    /// Checks a thread record and the post records of its posts, adding each refusal to
    /// `failures`, named by `what`; the number of records checked.
    fn check_thread(&self, what: &str, thread: &Thread, failures: &mut Vec<String>) -> usize {
        let mut checked = 1;
        failures.extend(self.refuses(Kind::Thread, thread).map(|e| format!("{what}: thread: {e}")));
        for (i, post) in PostRecord::all(thread).enumerate() {
            checked += 1;
            failures.extend(self.refuses(Kind::PostRecord, &post).map(|e| format!("{what}: post {i}: {e}")));
        }
        checked
    }
}

/// The JSON files stored beside the fixture pages, as (page, golden) pairs: the goldens of
/// pages that parse (pages refused keep their error message there, not a record).
fn golden_threads() -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    for dir in common::dirs(&common::fixtures_root()) {
        for path in common::files(&dir, &["json"]) {
            let name = path.to_string_lossy();
            if name.ends_with(".in.json") || name.ends_with(".actual.json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read golden");
            if !text.starts_with("{\"error\"") {
                out.push((path, text));
            }
        }
    }
    out
}

#[test]
fn every_golden_thread_reads_back_to_the_same_json() {
    let goldens = golden_threads();
    let mut failures = Vec::new();
    for (path, text) in &goldens {
        let thread: Thread = match serde_json::from_str(text) {
            Ok(t) => t,
            Err(e) => {
                failures.push(format!("{}: does not read: {e}", path.display()));
                continue;
            }
        };
        assert_eq!(thread.schema_version, SCHEMA_VERSION, "{}", path.display());
        let again = serde_json::to_string_pretty(&thread).expect("a thread serializes") + "\n";
        if again != *text {
            let golden = Ordered::parse(text).expect("golden JSON");
            let written = Ordered::parse(&again).expect("written JSON");
            let difference = json::first_difference(&golden, &written).unwrap_or_else(|| "whitespace".into());
            failures.push(format!("{}: {difference}", path.display()));
        }
    }
    // Every engine folder but the text renderings' holds goldens of threads.
    assert!(goldens.len() >= 50, "only {} golden threads found", goldens.len());
    assert!(failures.is_empty(), "{} goldens do not read back:\n{}", failures.len(), failures.join("\n"));
}

/// A record of forum-thread 0.1 (no version, no lists, no optional fields, the charset
/// source spelled `content-type`) and one of a later version (fields this version does not
/// know, at every level) both read.
#[test]
fn older_and_newer_records_read() {
    let old: Thread = serde_json::from_value(json!({
        "engine": "phpbb",
        "encoding": {"charset": "windows-1252", "source": "content-type"},
        "posts": [{"author": {"name": "alice"}, "body_text": "Hello"}],
    }))
    .expect("an old thread reads");
    assert_eq!((old.schema_version, old.format, &old.engine), (0, Format::Html, &Engine::Phpbb));
    let encoding = old.encoding.as_ref().expect("the encoding");
    assert_eq!(
        (encoding.charset.as_str(), encoding.source, encoding.declared.as_deref()),
        ("windows-1252", CharsetSource::ContentType, None)
    );
    assert_eq!((old.page.number, old.page.total, old.topic.title.as_deref()), (1, None, None));
    assert_eq!((old.warnings.len(), old.origins.len(), old.site.is_none()), (0, 0, true));
    let post = &old.posts[0];
    assert_eq!(
        (post.author.name.as_deref(), post.body_text.as_str(), post.date),
        (Some("alice"), "Hello", None)
    );
    assert_eq!(
        (post.quotes.len(), post.links.len(), post.reactions.len(), post.author.guest),
        (0, 0, 0, false)
    );
    // Written again, it is a record of this version, which the schema takes.
    let written = serde_json::to_value(&old).expect("serializes");
    assert_eq!(
        (&written["schema_version"], &written["encoding"]["source"]),
        (&json!(SCHEMA_VERSION), &json!("content_type"))
    );
    assert_eq!(Validator::new().refuses(Kind::Thread, &old), None);

    let newer: Thread = serde_json::from_value(json!({
        "schema_version": SCHEMA_VERSION,
        "format": "text",
        "engine": "xenforo",
        "language": "de",
        "topic": {"title": "Hallo", "tags": ["a"]},
        "page": {"number": 2, "cursor": "x"},
        "posts": [{"id": "7", "author": {"name": "bob", "badges": 3}, "mood": "fine"}],
        "warnings": [{"field": "date", "message": "odd", "severity": "low"}],
    }))
    .expect("a newer thread reads");
    assert_eq!(
        (newer.format, newer.topic.title.as_deref(), newer.page.number),
        (Format::Text, Some("Hallo"), 2)
    );
    assert_eq!(
        (newer.posts[0].id.as_deref(), newer.posts[0].author.name.as_deref()),
        (Some("7"), Some("bob"))
    );
    assert_eq!((newer.warnings[0].post, newer.warnings[0].field.as_str()), (None, "date"));

    let post: PostRecord = serde_json::from_value(json!({"engine": "smf", "id": "42", "body_text": "Hi"}))
        .expect("a post record without its thread's names reads");
    assert_eq!((post.schema_version, post.thread_id, post.post.id.as_deref()), (0, None, Some("42")));
    assert_eq!(post.post.body_text, "Hi");
    let error: ErrorRecord = serde_json::from_value(
        json!({"error": {"origin": {"file": "a.warc", "offset": 7}, "kind": "corrupt"}}),
    )
    .expect("an error record without version or reason reads");
    assert_eq!(
        (error.error.origin.offset, error.error.kind, error.error.reason.as_str()),
        (7, ErrorKind::Corrupt, "")
    );
    let totals: Totals =
        serde_json::from_value(json!({"stats": {"threads": 3, "errors": {"not_a_thread": 2}}}))
            .expect("totals read");
    assert_eq!(
        (totals.stats.threads, totals.stats.errors.get(&ErrorKind::NotAThread), totals.exit),
        (3, Some(&2), 0)
    );
}

/// The schema is no rubber stamp: it names what is wrong, where.
#[test]
fn the_schema_refuses_what_this_version_does_not_write() {
    let validator = Validator::new();
    let page = std::fs::read("examples/data/smf20-briefing-room.html").expect("the sample page");
    let thread = serde_json::to_value(forum_thread::parse_bytes(&page).expect("parses")).expect("serializes");
    assert_eq!(validator.refuses(Kind::Thread, &thread), None);
    let broken = |path: &[&str], value: Option<Value>| {
        let mut t = thread.clone();
        let (last, parents) = path.split_last().expect("a path");
        let mut at = &mut t;
        for key in parents {
            at = match key.parse::<usize>() {
                Ok(i) => &mut at[i],
                Err(_) => &mut at[*key],
            };
        }
        let object = at.as_object_mut().expect("an object");
        match value {
            Some(v) => object.insert((*last).to_owned(), v),
            None => object.remove(*last),
        };
        validator.refuses(Kind::Thread, &t).unwrap_or_default()
    };
    let cases = [
        (&["schema_version"][..], Some(json!(2)), "at '/schema_version'"),
        (&["format"][..], Some(json!("xml")), "at '/format'"),
        (&["engine"][..], None, "missing properties 'engine'"),
        (&["posts", "0", "date"][..], Some(json!("May 2, 2023")), "at '/posts/0/date'"),
        (&["posts", "0", "author", "post_count"][..], Some(json!(-1)), "at '/posts/0/author/post_count'"),
        (&["posts", "0", "quotes"][..], None, "at '/posts/0': missing properties 'quotes'"),
    ];
    for (path, value, message) in cases {
        let refusal = broken(path, value.clone());
        assert!(refusal.contains(message), "{path:?} = {value:?}: {refusal:?} does not say {message:?}");
    }
    let totals = json!({"schema_version": 1, "stats": Stats::default(), "seconds": 0.5, "exit": 0});
    assert_eq!(validator.refuses(Kind::Totals, &totals), None);
    let mut unknown_kind = totals.clone();
    unknown_kind["stats"]["errors"] = json!({"not_a_thread": 2, "timeout": 1});
    let refusal = validator.refuses(Kind::Totals, &unknown_kind).unwrap_or_default();
    assert!(refusal.contains("invalid property 'timeout'"), "{refusal}");
}

#[test]
fn every_fixture_output_validates() {
    let validator = Validator::new();
    let (mut pages, mut records, mut failures) = (0, 0, Vec::new());
    for dir in common::dirs(&common::fixtures_root()) {
        let mut inputs = common::files(&dir, &["html", "txt"]);
        inputs.extend(
            common::files(&dir, &["json"]).into_iter().filter(|p| p.to_string_lossy().ends_with(".in.json")),
        );
        for page in inputs {
            // Pages refused are error records of a dump: the corpus and dump tests check those.
            if let Ok(thread) = common::parse_page(&page) {
                pages += 1;
                records += validator.check_thread(&page.display().to_string(), &thread, &mut failures);
            }
        }
    }
    assert!(pages >= 50 && records > pages, "{pages} fixture pages, {records} records");
    assert!(failures.is_empty(), "{} records refused:\n{}", failures.len(), failures.join("\n"));
}

/// The pages of the corpus: the files a dump reader takes from it (`.html`, `.htm`, `.txt`).
fn corpus_pages(root: &Path) -> BTreeSet<String> {
    ["html", "htm", "txt"]
        .iter()
        .flat_map(|ext| common::files_under(root, ext))
        .map(|p| p.display().to_string())
        .collect()
}

/// Every page of the corpus read as a dump with one record per page (`dump2jsonl --pages`):
/// each thread record and the post records of its posts, the error records of the pages that
/// are not threads (the negatives), and the totals.
#[test]
fn every_corpus_page_output_validates() {
    let Some(root) = common::corpus_root() else { return };
    let validator = Validator::new();
    let mut records = Pipeline::builder().stitch(false).build().run([&root]).expect("the pipeline starts");
    let (mut seen, mut failures) = (BTreeSet::new(), Vec::new());
    let (mut threads, mut errors) = (0, 0);
    for record in &mut records {
        match record {
            Record::Thread(thread) => {
                threads += 1;
                let file = thread.origins.first().map(|o| o.origin.file.clone()).unwrap_or_default();
                validator.check_thread(&file, &thread, &mut failures);
                seen.insert(file);
            }
            Record::Error(e) => {
                errors += 1;
                let error = ErrorRecord::new(&e);
                failures.extend(
                    validator.refuses(Kind::ErrorRecord, &error).map(|r| format!("{}: {r}", e.origin)),
                );
                seen.insert(e.origin.file.clone());
            }
            _ => {}
        }
    }
    let stats = records.stats();
    let totals = Totals::new(stats.clone(), 1.5, 0);
    failures.extend(validator.refuses(Kind::Totals, &totals).map(|r| format!("totals: {r}")));
    let pages = corpus_pages(&root);
    let unseen: Vec<&String> = pages.difference(&seen).collect();
    assert!(unseen.is_empty(), "pages without a record: {unseen:?}");
    // One record a page: a thread, or the error of a page that is not one (the negatives,
    // and text renderings of engines that have no text reader), never a failure to read.
    assert_eq!((stats.pages_read, threads + errors), (pages.len() as u64, stats.pages_read), "{stats:?}");
    assert_eq!(stats.errors.keys().collect::<Vec<_>>(), [&ErrorKind::NotAThread], "{stats:?}");
    assert!(failures.is_empty(), "{} records refused:\n{}", failures.len(), failures.join("\n"));
}

/// A generated dump of interleaved threads, pages missing and repeated, and a page that is
/// no thread: the stitched threads, their post records, the error record (as the pipeline's
/// `Record` serializes) and the totals.
#[test]
fn the_records_of_a_generated_dump_validate() {
    let dir = std::env::temp_dir().join(format!("forum-thread-{}-schema", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create temp dir");
    let mut generator =
        Generator::from_fixtures(Options { missing: 0.1, duplicate: 0.1, ..Options::default() });
    let mut dump = Vec::new();
    let written =
        dumpgen::write_dump(&mut dump, dumpgen::Format::Concat, 256 << 10, &mut generator).expect("generate");
    std::fs::write(dir.join("dump.html"), &dump).expect("write dump");
    std::fs::write(dir.join("junk.html"), "<html><body><p>not a forum</p></body></html>")
        .expect("write junk");

    let validator = Validator::new();
    let mut records = Pipeline::builder().build().run([&dir]).expect("the pipeline starts");
    let (mut threads, mut checked, mut errors, mut failures) = (0, 0, Vec::new(), Vec::new());
    for record in &mut records {
        match record {
            Record::Thread(thread) => {
                threads += 1;
                let what = format!("{:?}", thread.origins.first().map(|o| o.origin.to_string()));
                checked += validator.check_thread(&what, &thread, &mut failures);
            }
            // A pipeline's error record serializes as the error record itself.
            Record::Error(ref e) => {
                failures.extend(validator.refuses(Kind::ErrorRecord, &record).map(|r| format!("{e}: {r}")));
                errors.push(e.kind);
            }
            _ => {}
        }
    }
    let stats: Stats = records.stats();
    failures.extend(
        validator.refuses(Kind::Totals, &Totals::new(stats.clone(), 0.25, 0)).map(|r| format!("totals: {r}")),
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(errors, [ErrorKind::NotAThread], "{stats:?}");
    assert_eq!((stats.threads, stats.posts as usize + threads), (threads as u64, checked), "{stats:?}");
    assert!(written.pages > 20 && threads > 5, "{written:?}, {threads} threads");
    assert!(failures.is_empty(), "{} records refused:\n{}", failures.len(), failures.join("\n"));
}
