//! The Python module `forum_thread`: [`parse`], [`detect`], [`iter_dump`] and the exceptions.
//!
//! Every dict handed to Python is the JSON that serde writes for the Rust value, the same
//! serialization the command-line tools print, read back by the standard library's
//! `json.loads`: the dicts follow the model whatever fields it gains, and equal the tools'
//! output by construction, whatever it holds. `pythonize`, which walks the same `Serialize`
//! impls into Python objects, was measured against it on the corpus (`python/README.md`): it
//! saves 0.65 ms of a 27 ms page and holds the interpreter as long as `json.loads` does, so
//! the one way that cannot drift from the tools' JSON was kept. Parsing and serializing
//! run with the interpreter released, so Python threads parse in parallel.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Mutex, MutexGuard};

use chrono::{FixedOffset, Offset, Utc};
use forum_thread::dump::{Pipeline, PostRecord, Record, Records, Stats};
use forum_thread::{Detection, Engine, Format, Parser};
use pyo3::IntoPyObjectExt;
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::sync::PyOnceLock;
use serde::Serialize;

create_exception!(
    forum_thread,
    Error,
    PyValueError,
    "Why a page could not be parsed as a thread. A subclass of `ValueError`; each kind of \
     failure is a subclass of this one, and `str(e)` is the Rust error's message."
);
create_exception!(
    forum_thread,
    NotAThread,
    Error,
    "The page is not a thread page of a known engine (a board index, a login wall, an \
     article). `e.looked_for` says what was looked for; `detect()` shows which markers matched."
);
create_exception!(
    forum_thread,
    UnsupportedEngine,
    Error,
    "The page was made by forum software that has no parser here (or `engine=` named one). \
     `e.detected` is the engine's name."
);
create_exception!(
    forum_thread,
    TooLarge,
    Error,
    "The input is larger than the parser's limit (64 MiB). `e.size` and `e.limit` are in bytes."
);
create_exception!(
    forum_thread,
    TooManyNodes,
    TooLarge,
    "The markup builds a much larger tree than its size allows (hostile markup). `e.size` is \
     the input's size and `e.limit` the tree's budget, in bytes."
);
create_exception!(
    forum_thread,
    TooManyAttributes,
    TooLarge,
    "A tag has more attributes than the parser allows. `e.limit` is the limit."
);
create_exception!(
    forum_thread,
    TooDeep,
    Error,
    "Elements nest deeper than the parser's limit (512 levels). `e.limit` is the limit."
);
create_exception!(
    forum_thread,
    InvalidUrl,
    Error,
    "The `url` option is not an absolute URL. `e.url` is the URL given, `e.reason` why."
);

/// The Python exception for a Rust error, with the error's fields as attributes.
fn to_py_err(py: Python<'_>, error: forum_thread::Error) -> PyErr {
    let message = error.to_string();
    let (err, attributes): (PyErr, Vec<(&str, Py<PyAny>)>) = match error {
        forum_thread::Error::NotAThread { looked_for } => {
            (NotAThread::new_err(message), vec![("looked_for", py_value(py, looked_for))])
        }
        forum_thread::Error::UnsupportedEngine { detected } => {
            (UnsupportedEngine::new_err(message), vec![("detected", py_value(py, detected.name()))])
        }
        forum_thread::Error::TooLarge { size, limit } => {
            (TooLarge::new_err(message), vec![("size", py_value(py, size)), ("limit", py_value(py, limit))])
        }
        forum_thread::Error::TooManyNodes { size, limit, .. } => (
            TooManyNodes::new_err(message),
            vec![("size", py_value(py, size)), ("limit", py_value(py, limit))],
        ),
        forum_thread::Error::TooManyAttributes { limit, .. } => {
            (TooManyAttributes::new_err(message), vec![("limit", py_value(py, limit))])
        }
        forum_thread::Error::TooDeep { limit } => {
            (TooDeep::new_err(message), vec![("limit", py_value(py, limit))])
        }
        forum_thread::Error::InvalidUrl { url, reason } => {
            (InvalidUrl::new_err(message), vec![("url", py_value(py, url)), ("reason", py_value(py, reason))])
        }
        // A kind added to the Rust error later: the base class, with its message.
        _ => (Error::new_err(message), Vec::new()),
    };
    for (name, value) in attributes {
        // Exceptions take attributes; a failure here would only lose the attribute.
        let _ = err.value(py).setattr(name, value);
    }
    err
}

fn py_value<'py, T: IntoPyObjectExt<'py>>(py: Python<'py>, value: T) -> Py<PyAny> {
    value.into_py_any(py).unwrap_or_else(|_| py.None())
}

/// A failure of the parser itself (a bug), as the base exception rather than a crash.
fn panic_err(panic: &(dyn std::any::Any + Send)) -> PyErr {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panicked".into());
    Error::new_err(format!("the parser failed unexpectedly (please report the page): {what}"))
}

fn json_err(error: serde_json::Error) -> PyErr {
    Error::new_err(format!("serializing to JSON: {error}"))
}

/// `json.loads` of the standard library, looked up once.
fn loads(py: Python<'_>, json: &str) -> PyResult<Py<PyAny>> {
    static LOADS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let loads = LOADS.get_or_try_init(py, || py.import("json")?.getattr("loads").map(Bound::unbind))?;
    Ok(loads.bind(py).call1((json,))?.unbind())
}

/// A page as given: bytes (decoded as `parse_bytes` decodes them) or text.
enum Input {
    Bytes(PyBackedBytes),
    Text(PyBackedStr),
}

impl Input {
    fn extract(data: &Bound<'_, PyAny>) -> PyResult<Input> {
        if let Ok(text) = data.extract::<PyBackedStr>() {
            return Ok(Input::Text(text));
        }
        if let Ok(bytes) = data.extract::<PyBackedBytes>() {
            return Ok(Input::Bytes(bytes));
        }
        let kind = data.get_type().name().map_or_else(|_| "?".to_owned(), |n| n.to_string());
        Err(PyTypeError::new_err(format!("data must be bytes or str, not {kind}")))
    }

    /// The page's text: bytes decoded as `parse_bytes` decodes them.
    fn text(&self) -> Cow<'_, str> {
        match self {
            Input::Bytes(bytes) => Cow::Owned(forum_thread::decode(bytes, None).text),
            Input::Text(text) => Cow::Borrowed(text),
        }
    }
}

/// The UTC offset of the `timezone` option: `"+02:00"`, `"-0530"`, `"Z"`, `"UTC"`, a
/// `datetime.timedelta` or a fixed-offset `datetime.tzinfo` (`datetime.timezone(...)`).
fn offset(value: &Bound<'_, PyAny>) -> PyResult<FixedOffset> {
    let bad = |what: String| PyValueError::new_err(format!("timezone: {what}"));
    if let Ok(s) = value.extract::<PyBackedStr>() {
        let s = s.trim();
        if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
            return Ok(Utc.fix());
        }
        return FixedOffset::from_str(s)
            .map_err(|e| bad(format!("{s:?}: {e}; expected an offset like \"+02:00\"")));
    }
    let delta = if value.hasattr("total_seconds")? {
        value.clone()
    } else if value.hasattr("utcoffset")? {
        value.call_method1("utcoffset", (value.py().None(),))?
    } else {
        return Err(PyTypeError::new_err(
            "timezone must be a str, a datetime.timedelta or a datetime.tzinfo",
        ));
    };
    if delta.is_none() {
        return Err(bad("the tzinfo gives no UTC offset".into()));
    }
    let seconds: f64 = delta.call_method0("total_seconds")?.extract()?;
    FixedOffset::east_opt(seconds.round() as i32).ok_or_else(|| bad(format!("{seconds} s is out of range")))
}

/// The parser for the options of `parse`.
fn parser(
    py: Python<'_>,
    url: Option<&str>,
    engine: Option<&str>,
    format: Option<&str>,
    content_type: Option<&str>,
    raw_html: bool,
    timezone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Parser> {
    let mut builder = Parser::builder().raw_html(raw_html);
    if let Some(url) = url {
        builder = builder.base_url(url);
    }
    if let Some(name) = engine {
        builder = builder.engine(Engine::from_str(name).unwrap_or_else(|never| match never {}));
    }
    if let Some(name) = format {
        let format = Format::from_str(name).map_err(|e| PyValueError::new_err(format!("format: {e}")))?;
        builder = builder.format(format);
    }
    if let Some(value) = content_type {
        builder = builder.content_type(value);
    }
    if let Some(value) = timezone {
        builder = builder.timezone(offset(value)?);
    }
    builder.build().map_err(|e| to_py_err(py, e))
}

/// Parses one saved thread page into a dict: the same JSON the command-line tool prints for
/// the same page and options, read with `json.loads`.
///
/// `data` is `bytes` (decoded as the tool decodes a file: byte order mark, `content_type`'s
/// charset, the page's `<meta>`, else detection) or `str`. `url` is the page's URL (links are
/// made absolute against it), `engine` forces an engine by name (`"smf"`, `"phpbb"`, ...,
/// `"generic"`), `format` is `"html"`, `"text"` or `"json"` instead of telling them apart,
/// `raw_html` keeps bodies unsanitized, `timezone` is the UTC offset the page's dates are
/// shown in (`"+02:00"`, a `datetime.timezone` or `timedelta`).
///
/// Raises `NotAThread`, `UnsupportedEngine`, `TooLarge`, `TooDeep` (all `forum_thread.Error`,
/// a `ValueError`); `InvalidUrl` for a bad `url`; `ValueError` for a bad `format` or
/// `timezone`; `TypeError` when `data` is neither bytes nor str. The interpreter is
/// released while the page is parsed.
///
/// >>> import forum_thread
/// >>> thread = forum_thread.parse(open("page.html", "rb").read())
/// >>> thread["engine"], len(thread["posts"]), thread["posts"][0]["author"]["name"]
/// ('smf', 1, 'rangerrebew')
#[pyfunction]
#[pyo3(signature = (data, *, url=None, engine=None, format=None, content_type=None, raw_html=false, timezone=None))]
#[allow(clippy::too_many_arguments)]
fn parse(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    url: Option<&str>,
    engine: Option<&str>,
    format: Option<&str>,
    content_type: Option<&str>,
    raw_html: bool,
    timezone: Option<&Bound<'_, PyAny>>,
) -> PyResult<Py<PyAny>> {
    let input = Input::extract(data)?;
    let parser = parser(py, url, engine, format, content_type, raw_html, timezone)?;
    let parsed = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            let thread = match &input {
                Input::Bytes(bytes) => parser.parse_bytes(bytes),
                Input::Text(text) => parser.parse(text),
            }?;
            Ok(serde_json::to_string(&thread))
        }))
    });
    match parsed {
        Ok(Ok(Ok(json))) => loads(py, &json),
        Ok(Ok(Err(e))) => Err(json_err(e)),
        Ok(Err(e)) => Err(to_py_err(py, e)),
        Err(panic) => Err(panic_err(&*panic)),
    }
}

/// What `detect` returns.
#[derive(Serialize)]
struct Detected<'a> {
    engine: Option<&'a Engine>,
    version: Option<String>,
    score: u32,
    matched: &'a [&'static str],
    candidates: &'a [Detection],
}

/// Which forum software made a page, as a dict:
///
/// - `engine`: its name (`"smf"`, `"phpbb"`, ...), or `None` when no engine's markup is
///   found (`parse` may still read the page with the generic reader);
/// - `version`: the engine's version as `parse` reads it (a generator tag, a footer), or
///   `None` when the page does not show it or is not a thread page;
/// - `score` and `matched`: the detected engine's score and the marker selectors found;
/// - `candidates`: every engine with a marker on the page, best first, each with its
///   `engine`, `score`, `matched` and every marker it `looked_for`.
///
/// `data` is bytes or str, as for `parse`.
///
/// >>> forum_thread.detect(b'<div class="post_wrapper"><div class="keyinfo"></div></div>')["engine"]
/// 'smf'
#[pyfunction]
fn detect(py: Python<'_>, data: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
    let input = Input::extract(data)?;
    let detected = py.detach(|| {
        catch_unwind(AssertUnwindSafe(|| {
            let text = input.text();
            let engine = forum_thread::detect(&text);
            let tally: Vec<Detection> =
                forum_thread::detect_verbose(&text).into_iter().filter(|d| d.score > 0).collect();
            let winner = engine.as_ref().and_then(|e| tally.iter().find(|d| d.engine == *e));
            let version = engine.as_ref().and_then(|e| {
                let parser = Parser::builder().engine(e.clone()).build().ok()?;
                parser.parse(&text).ok()?.engine_version
            });
            serde_json::to_string(&Detected {
                engine: engine.as_ref(),
                version,
                score: winner.map_or(0, |d| d.score),
                matched: winner.map_or(&[], |d| &d.matched),
                candidates: &tally,
            })
        }))
    });
    match detected {
        Ok(Ok(json)) => loads(py, &json),
        Ok(Err(e)) => Err(json_err(e)),
        Err(panic) => Err(panic_err(&*panic)),
    }
}

/// The state of a running dump: the records, and the lines of a record not yet handed out.
struct Run {
    /// `None` once closed: dropping the records stops the pipeline's threads.
    records: Option<Records>,
    /// The totals when it was closed.
    closed_stats: Stats,
    /// Serialized lines waiting (a thread's posts, with `posts=True`).
    lines: VecDeque<String>,
    posts: bool,
}

impl Run {
    fn stats(&self) -> Stats {
        self.records.as_ref().map_or_else(|| self.closed_stats.clone(), Records::stats)
    }

    /// Stops the pipeline's threads, keeping the totals.
    fn close(&mut self) {
        if let Some(records) = self.records.take() {
            self.closed_stats = records.stats();
        }
        self.lines.clear();
    }

    /// The next line as JSON, `None` at the end.
    fn next_line(&mut self) -> Result<Option<String>, serde_json::Error> {
        loop {
            if let Some(line) = self.lines.pop_front() {
                return Ok(Some(line));
            }
            let Some(records) = self.records.as_mut() else { return Ok(None) };
            match records.next() {
                None => return Ok(None),
                Some(Record::Thread(thread)) if self.posts => {
                    for line in PostRecord::all(&thread) {
                        self.lines.push_back(serde_json::to_string(&line)?);
                    }
                }
                Some(Record::Thread(thread)) => return serde_json::to_string(&thread).map(Some),
                // `{"schema_version": 1, "error": {...}}`, as `forum-thread dump` writes it.
                Some(record) => return serde_json::to_string(&record).map(Some),
            }
        }
    }
}

/// The records of a dump, as `iter_dump` returns them: an iterator of dicts, the lines
/// `forum-thread dump` writes. Pages are read and parsed on Rust threads while the iterator is
/// used; `close()` (or leaving a `with` block) stops them early.
#[pyclass(module = "forum_thread", name = "DumpIterator")]
struct DumpIterator {
    run: Mutex<Run>,
}

impl DumpIterator {
    /// The run, locked. Called only while detached from the interpreter: a thread waiting
    /// here never holds it, so the thread holding the lock can always attach again.
    fn lock(&self) -> MutexGuard<'_, Run> {
        self.run.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[pymethods]
impl DumpIterator {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        let line = py.detach(|| {
            let mut run = self.lock();
            let line = catch_unwind(AssertUnwindSafe(|| run.next_line()));
            if !matches!(line, Ok(Ok(_))) {
                run.close();
            }
            line
        });
        match line {
            Ok(Ok(Some(json))) => loads(py, &json).map(Some),
            Ok(Ok(None)) => Ok(None),
            Ok(Err(e)) => Err(json_err(e)),
            Err(panic) => Err(panic_err(&*panic)),
        }
    }

    /// The run's totals so far, as a dict (complete once the iterator is exhausted): files,
    /// bytes_read, pages_read, page_bytes, pages_parsed, records_skipped, threads, posts,
    /// threads_evicted, errors (by kind), read_errors; as `forum-thread dump` prints them.
    #[getter]
    fn stats(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let json = py.detach(|| serde_json::to_string(&self.lock().stats())).map_err(json_err)?;
        loads(py, &json)
    }

    /// Stops reading and parsing; the iterator then ends. The totals stay readable.
    fn close(&self, py: Python<'_>) {
        py.detach(|| self.lock().close());
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_args))]
    fn __exit__(&self, py: Python<'_>, _args: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }
}

/// Reads thread dumps lazily: an iterator of dicts, the records `forum-thread dump` writes. `paths`
/// is one path or a list of paths (str or `os.PathLike`): directory trees of saved pages,
/// files of pages back to back, gzip or zstd files, WARC files, JSON Lines. Each record is a
/// thread (its pages stitched, unless `pages=True`), or with `posts=True` one post with its
/// thread's `thread_id`, `thread_title`, `thread_url`, `site` and `engine`; a page that could
/// not be read or parsed is `{"error": {"origin": ..., "kind": "not_a_thread", "reason": ...}}`
/// and reading goes on. Pages are parsed on `threads` Rust threads (default: every core) with
/// the interpreter released, in bounded memory; `.stats` gives the totals.
///
/// >>> for record in forum_thread.iter_dump(["crawl.warc.gz", "saved-pages/"]):
/// ...     if "error" not in record:
/// ...         print(record["topic"]["title"], len(record["posts"]))
#[pyfunction]
#[pyo3(signature = (paths, *, posts=false, pages=false, threads=None))]
fn iter_dump(
    py: Python<'_>,
    paths: &Bound<'_, PyAny>,
    posts: bool,
    pages: bool,
    threads: Option<usize>,
) -> PyResult<DumpIterator> {
    let inputs: Vec<PathBuf> = match paths.extract::<PathBuf>() {
        Ok(one) => vec![one],
        Err(_) => paths.try_iter()?.map(|p| p?.extract::<PathBuf>()).collect::<PyResult<_>>()?,
    };
    let mut builder = Pipeline::builder().stitch(!pages);
    if let Some(n) = threads {
        builder = builder.threads(n);
    }
    let pipeline = builder.build();
    let records = py
        .detach(|| pipeline.run(&inputs))
        .map_err(|e| Error::new_err(format!("starting the dump's threads: {e}")))?;
    Ok(DumpIterator {
        run: Mutex::new(Run {
            records: Some(records),
            closed_stats: Stats::default(),
            lines: VecDeque::new(),
            posts,
        }),
    })
}

/// Parse saved web-forum thread pages (SMF, phpBB, vBulletin, XenForo, Invision, Discourse,
/// ... and a generic reader for other software) into one model, as dicts.
///
/// >>> import forum_thread
/// >>> thread = forum_thread.parse(open("page.html", "rb").read())
/// >>> print(thread["topic"]["title"], [p["author"]["name"] for p in thread["posts"]])
#[pymodule]
#[pyo3(name = "forum_thread")]
fn forum_thread_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(detect, m)?)?;
    m.add_function(wrap_pyfunction!(iter_dump, m)?)?;
    m.add_class::<DumpIterator>()?;
    m.add("Error", py.get_type::<Error>())?;
    m.add("NotAThread", py.get_type::<NotAThread>())?;
    m.add("UnsupportedEngine", py.get_type::<UnsupportedEngine>())?;
    m.add("TooLarge", py.get_type::<TooLarge>())?;
    m.add("TooManyNodes", py.get_type::<TooManyNodes>())?;
    m.add("TooManyAttributes", py.get_type::<TooManyAttributes>())?;
    m.add("TooDeep", py.get_type::<TooDeep>())?;
    m.add("InvalidUrl", py.get_type::<InvalidUrl>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
