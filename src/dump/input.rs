//! Readers: a queue of files and directory trees, each file sniffed and read as HTML or text
//! documents back to back, a WARC file, or JSON Lines.

use std::io::{self, BufRead};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::raw::{ErrorKind, PageError, RawPage};
use super::source::{Line, ReadCounters, Source, has_content, read_line};
use super::split::Documents;
use super::warc::Warc;
use crate::model::Origin;

/// Options for reading dumps. Cheap to clone.
#[derive(Clone, Debug)]
#[must_use]
pub struct ReadOptions {
    pub(crate) jsonl_field: String,
    pub(crate) jsonl_url_field: Option<String>,
    pub(crate) max_document: usize,
    pub(crate) shard: Option<(u64, u64)>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            jsonl_field: "html".into(),
            jsonl_url_field: Some("url".into()),
            max_document: 8 << 20,
            shard: None,
        }
    }
}

impl ReadOptions {
    /// The JSON Lines field that holds the page (default `"html"`); a dotted path reaches into
    /// nested objects (`"response.body"`).
    pub fn jsonl_field(mut self, name: &str) -> Self {
        self.jsonl_field = name.to_owned();
        self
    }

    /// The JSON Lines field that holds the page's URL (default `"url"`), used as the base URL
    /// and in the origin; `None` to ignore URLs.
    pub fn jsonl_url_field(mut self, name: Option<&str>) -> Self {
        self.jsonl_url_field = name.map(str::to_owned);
        self
    }

    /// The largest document read, in bytes (default 8 MiB). A larger one is skipped and
    /// reported as [`ErrorKind::TooLarge`]: this bounds the memory a single page can take.
    pub fn max_document(mut self, bytes: usize) -> Self {
        self.max_document = bytes.max(1024);
        self
    }

    /// Reads only shard `index` of `count` (`index < count`): the files (found in the inputs
    /// and in the directory trees they name) whose path, as given or found, hashes to
    /// `index`. The same inputs give the same split on every machine, each file in exactly
    /// one shard, so `count` processes can share a dump without talking to each other.
    pub fn shard(mut self, index: u64, count: u64) -> Self {
        self.shard = (count > 1).then_some((index % count, count));
        self
    }

    /// Opens one file or directory tree.
    ///
    /// # Errors
    /// When `path` does not exist or cannot be inspected.
    pub fn open(&self, path: impl AsRef<Path>) -> io::Result<Pages> {
        std::fs::metadata(path.as_ref())?;
        Ok(self.open_all([path]))
    }

    /// Reads every path in turn, in the order given. A path that cannot be opened becomes an
    /// [`ErrorKind::Io`] item, and reading goes on.
    pub fn open_all<P: AsRef<Path>>(&self, paths: impl IntoIterator<Item = P>) -> Pages {
        let paths: Vec<PathBuf> = paths.into_iter().map(|p| p.as_ref().to_path_buf()).collect();
        self.open_iter(paths.into_iter())
    }

    /// Reads the paths of an iterator, taken one at a time as reading goes on (a list of
    /// millions of files read from standard input is never held whole).
    pub fn open_iter(&self, paths: impl Iterator<Item = PathBuf> + Send + 'static) -> Pages {
        Pages {
            opts: self.clone(),
            queue: Box::new(paths),
            walk: None,
            current: None,
            counters: Arc::default(),
            input: None,
        }
    }
}

impl ReadOptions {
    /// The bytes that reading `paths` reads from disk, as [`ReadCounters::bytes_read`]
    /// counts them: the sizes of the files given and of the files a directory walk takes,
    /// in this shard. For progress displays: directories are walked once more to find it,
    /// and a path that cannot be inspected counts nothing.
    ///
    /// ```no_run
    /// use forum_thread::dump::ReadOptions;
    ///
    /// let opts = ReadOptions::default();
    /// let total = opts.input_bytes(["crawl/", "more.warc.gz"]);
    /// let pages = opts.open_all(["crawl/", "more.warc.gz"]);
    /// let counters = pages.counters();
    /// for page in pages {
    ///     eprint!("\r{}%", counters.bytes_read() * 100 / total.max(1));
    /// }
    /// ```
    pub fn input_bytes<P: AsRef<Path>>(&self, paths: impl IntoIterator<Item = P>) -> u64 {
        let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
        let in_shard = |path: &Path| self.shard.is_none_or(|(index, count)| shard_of(path, count) == index);
        let mut total = 0;
        for path in paths {
            let path = path.as_ref();
            if !path.is_dir() {
                total += if in_shard(path) { size(path) } else { 0 };
                continue;
            }
            // The walk of `Pages::next_in_walk`: links into the tree are read under their
            // own name, links to directories above it are not followed.
            let root = std::fs::canonicalize(path).ok();
            let mut entries = walkdir::WalkDir::new(path).follow_links(true).into_iter();
            while let Some(entry) = entries.next() {
                let Ok(entry) = entry else { continue };
                if entry.path_is_symlink()
                    && entry.depth() > 0
                    && points_inside(entry.path(), root.as_deref())
                {
                    if entry.file_type().is_dir() {
                        entries.skip_current_dir();
                        continue;
                    }
                    if std::fs::canonicalize(entry.path()).is_ok_and(|target| wanted(&target)) {
                        continue;
                    }
                }
                if entry.file_type().is_file() && wanted(entry.path()) && in_shard(entry.path()) {
                    total += entry.metadata().map_or(0, |m| m.len());
                }
            }
        }
        total
    }
}

/// The pages of one or more inputs, in input order: an iterator of documents, or of the
/// errors met reading them. Memory is bounded by [`ReadOptions::max_document`].
///
/// An input (a path given) that holds nothing at all, a directory without a file of the
/// names taken or a file without a document, is an [`ErrorKind::Empty`] item. A directory
/// is walked following symbolic links: a link to a file is read as the file, a link to a
/// directory is walked, except where the link points inside the tree being walked (what
/// it points to is read under its own name) or to a directory above it (that would loop).
pub struct Pages {
    opts: ReadOptions,
    queue: Box<dyn Iterator<Item = PathBuf> + Send>,
    walk: Option<Walk>,
    current: Option<Reader>,
    counters: Arc<ReadCounters>,
    /// The input being read, until it is done.
    input: Option<Input>,
}

/// A directory tree being walked.
struct Walk {
    entries: walkdir::IntoIter,
    /// The tree's canonical path, to tell the links that point inside it.
    root: Option<PathBuf>,
}

/// What came of the input being read: whether it held anything.
struct Input {
    path: PathBuf,
    dir: bool,
    /// Items (pages and errors) it gave, and the records it passed over.
    items: u64,
    skipped_before: u64,
    /// For a directory: the files taken, those left to other shards, the rest.
    taken: u64,
    other_shards: u64,
    not_taken: u64,
}

impl std::fmt::Debug for Pages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").field("counters", &self.counters).finish_non_exhaustive()
    }
}

impl Pages {
    /// The reader's running totals, shared: keep the `Arc` to watch progress from another
    /// thread.
    pub fn counters(&self) -> Arc<ReadCounters> {
        Arc::clone(&self.counters)
    }

    fn open_file(&self, path: &Path) -> io::Result<Reader> {
        let src = Source::open(path, self.opts.max_document, &self.counters)?;
        Ok(Reader::sniff(src, path, &self.opts))
    }

    /// Ends the input being read: an error when nothing at all came of it.
    fn finish_input(&mut self) -> Option<PageError> {
        let input = self.input.take()?;
        if input.items > 0 || self.counters.records_skipped() > input.skipped_before || input.other_shards > 0
        {
            return None;
        }
        let reason = if !input.dir {
            "no document in this file".to_owned()
        } else if input.taken > 0 {
            format!("no document in the {} files taken under this directory", input.taken)
        } else {
            format!(
                "no file under this directory is named as a page or dump ({}; {} other files)",
                TAKEN.join(", "),
                input.not_taken
            )
        };
        Some(PageError::new(file_origin(input.path.display().to_string()), ErrorKind::Empty, reason))
    }

    /// The next file of the directory walk, or an error met walking; `None` at its end.
    fn next_in_walk(&mut self) -> Option<Result<PathBuf, PageError>> {
        let walk = self.walk.as_mut()?;
        let input = self.input.as_mut()?;
        loop {
            let entry = match walk.entries.next()? {
                Ok(entry) => entry,
                // A link to a directory above this one: its files are not under the tree
                // asked for, and following it would loop.
                Err(e) if e.loop_ancestor().is_some() => continue,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                    // A broken link, or a file or directory that cannot be read. A broken
                    // link named as neither a page nor a directory (`style.css`) is no loss.
                    if path.extension().is_some() && !wanted(&path) && is_link(&path) {
                        continue;
                    }
                    return Some(Err(PageError::new(
                        file_origin(path.display().to_string()),
                        ErrorKind::Io,
                        e.to_string(),
                    )));
                }
            };
            if entry.path_is_symlink()
                && entry.depth() > 0
                && points_inside(entry.path(), walk.root.as_deref())
            {
                // Read (or walked) under its own name; a file that is not named as a page
                // is read through the link.
                if entry.file_type().is_dir() {
                    walk.entries.skip_current_dir();
                    continue;
                }
                if std::fs::canonicalize(entry.path()).is_ok_and(|target| wanted(&target)) {
                    continue;
                }
            }
            if !entry.file_type().is_file() {
                continue;
            }
            if !wanted(entry.path()) {
                input.not_taken += 1;
                continue;
            }
            if let Some((index, count)) = self.opts.shard {
                if shard_of(entry.path(), count) != index {
                    input.other_shards += 1;
                    continue;
                }
            }
            input.taken += 1;
            return Some(Ok(entry.into_path()));
        }
    }
}

/// Whether `path` is a symbolic link.
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

/// Whether the link at `path` points inside the tree at `root` (both canonical).
fn points_inside(path: &Path, root: Option<&Path>) -> bool {
    let (Some(root), Ok(target)) = (root, std::fs::canonicalize(path)) else {
        return false;
    };
    target.starts_with(root)
}

impl Iterator for Pages {
    type Item = Result<RawPage, PageError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(reader) = &mut self.current {
                if let Some(item) = reader.next() {
                    if let Some(input) = &mut self.input {
                        input.items += 1;
                    }
                    return Some(item);
                }
                self.current = None;
            }
            let path = if self.walk.is_some() {
                match self.next_in_walk() {
                    Some(Ok(path)) => path,
                    Some(Err(e)) => {
                        if let Some(input) = &mut self.input {
                            input.items += 1;
                        }
                        return Some(Err(e));
                    }
                    None => {
                        self.walk = None;
                        continue;
                    }
                }
            } else {
                if let Some(empty) = self.finish_input() {
                    return Some(Err(empty));
                }
                let path = self.queue.next()?;
                let dir = path.is_dir();
                if !dir {
                    if let Some((index, count)) = self.opts.shard {
                        if shard_of(&path, count) != index {
                            continue;
                        }
                    }
                }
                self.input = Some(Input {
                    path: path.clone(),
                    dir,
                    items: 0,
                    skipped_before: self.counters.records_skipped(),
                    taken: 0,
                    other_shards: 0,
                    not_taken: 0,
                });
                if dir {
                    let root = std::fs::canonicalize(&path).ok();
                    let entries =
                        walkdir::WalkDir::new(&path).sort_by_file_name().follow_links(true).into_iter();
                    self.walk = Some(Walk { entries, root });
                    continue;
                }
                path
            };
            match self.open_file(&path) {
                Ok(reader) => self.current = Some(reader),
                Err(e) => {
                    if let Some(input) = &mut self.input {
                        input.items += 1;
                    }
                    let origin = file_origin(path.display().to_string());
                    return Some(Err(PageError::new(origin, ErrorKind::Io, e.to_string())));
                }
            }
        }
    }
}

/// The shard of a path: FNV-1a of its bytes, modulo `count`. Stable across platforms and
/// versions, unlike `std`'s hasher.
fn shard_of(path: &Path, count: u64) -> u64 {
    let hash = path
        .as_os_str()
        .as_encoded_bytes()
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3));
    hash % count
}

fn file_origin(file: String) -> Origin {
    Origin { file, ..Origin::default() }
}

/// Files a directory walk takes: pages and dumps by name, optionally compressed.
fn wanted(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name.starts_with('.') {
        return false;
    }
    let name = name.to_ascii_lowercase();
    let base = [".gz", ".gzip", ".zst", ".zstd"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(&name);
    TAKEN.iter().any(|ext| base.ends_with(ext))
}

/// The names a directory walk takes, each optionally followed by `.gz`, `.gzip`, `.zst` or
/// `.zstd`.
const TAKEN: [&str; 7] = [".html", ".htm", ".xhtml", ".txt", ".warc", ".jsonl", ".ndjson"];

enum Reader {
    Documents(Box<Documents>),
    Warc(Box<Warc>),
    Jsonl(Jsonl),
    /// A file that is one page: a `.json` API response (Discourse's `/t/ID.json`).
    Whole(Option<Source>),
}

impl Reader {
    fn sniff(mut src: Source, path: &Path, opts: &ReadOptions) -> Reader {
        let head: Vec<u8> = match src.stream.fill_buf() {
            Ok(b) => b[..b.len().min(64)].to_vec(),
            Err(_) => Vec::new(),
        };
        let first = head.iter().position(|b| !b.is_ascii_whitespace()).map(|i| &head[i..]).unwrap_or(&[]);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_ascii_lowercase();
        let base =
            [".gz", ".gzip", ".zst", ".zstd"].iter().find_map(|s| name.strip_suffix(s)).unwrap_or(&name);
        if first.starts_with(b"WARC/") {
            Reader::Warc(Box::new(Warc::new(src)))
        } else if base.ends_with(".json") {
            Reader::Whole(Some(src))
        } else if name.contains(".jsonl") || name.contains(".ndjson") || first.starts_with(b"{") {
            Reader::Jsonl(Jsonl { src, opts: opts.clone(), done: false })
        } else {
            Reader::Documents(Box::new(Documents::new(src)))
        }
    }

    fn next(&mut self) -> Option<Result<RawPage, PageError>> {
        match self {
            Reader::Documents(r) => r.next(),
            Reader::Warc(r) => r.next(),
            Reader::Jsonl(r) => r.next(),
            Reader::Whole(src) => src.take().map(read_whole),
        }
    }
}

/// The whole of `src` as one page, unless it is longer than a page may be.
fn read_whole(mut src: Source) -> Result<RawPage, PageError> {
    let origin = src.origin(0, None);
    let mut bytes = Vec::new();
    let limit = u64::try_from(src.max).unwrap_or(u64::MAX).saturating_add(1);
    if let Err(e) = std::io::Read::read_to_end(&mut std::io::Read::take(&mut src.stream, limit), &mut bytes) {
        return Err(PageError::new(origin, ErrorKind::Corrupt, e.to_string()));
    }
    if bytes.len() > src.max {
        let reason = format!("file longer than {} bytes; skipped", src.max);
        return Err(PageError::new(origin, ErrorKind::TooLarge, reason));
    }
    Ok(RawPage { bytes, origin, charset: None, notes: Vec::new() })
}

/// JSON Lines: one JSON object per line, the page in a string field.
pub(crate) struct Jsonl {
    src: Source,
    opts: ReadOptions,
    done: bool,
}

impl Jsonl {
    fn next(&mut self) -> Option<Result<RawPage, PageError>> {
        loop {
            if self.done {
                return None;
            }
            let (offset, member) = self.src.mark();
            let line = match read_line(&mut self.src.stream, self.src.max) {
                Ok(Line::Eof) => return None,
                Ok(Line::TooLong) => {
                    let reason = format!("line longer than {} bytes; skipped", self.src.max);
                    return Some(Err(PageError::new(
                        self.src.origin(offset, member),
                        ErrorKind::TooLarge,
                        reason,
                    )));
                }
                Ok(Line::Text(line)) => line,
                Err(e) => {
                    if !self.src.stream.recover() {
                        self.done = true;
                    }
                    return Some(Err(PageError::new(
                        self.src.origin(offset, member),
                        ErrorKind::Corrupt,
                        e.to_string(),
                    )));
                }
            };
            if !has_content(&line) {
                continue;
            }
            let mut origin = self.src.origin(offset, member);
            return Some(self.record(&line, &mut origin).map(|bytes| RawPage {
                bytes,
                origin,
                charset: None,
                notes: Vec::new(),
            }));
        }
    }

    fn record(&self, line: &[u8], origin: &mut Origin) -> Result<Vec<u8>, PageError> {
        let value: serde_json::Value = serde_json::from_slice(line).map_err(|e| {
            PageError::new(origin.clone(), ErrorKind::Corrupt, format!("not a JSON line: {e}"))
        })?;
        if let Some(url) = self.opts.jsonl_url_field.as_deref().and_then(|f| field(&value, f)) {
            origin.url = url.as_str().map(str::to_owned);
        }
        match field(&value, &self.opts.jsonl_field) {
            Some(serde_json::Value::String(page)) => Ok(page.clone().into_bytes()),
            // A line that is itself a Discourse topic (`/t/ID.json`), as API crawls save them.
            None if value.get("post_stream").is_some() => Ok(line.to_vec()),
            _ => Err(PageError::new(
                origin.clone(),
                ErrorKind::Corrupt,
                format!("no string field {:?} in the JSON line", self.opts.jsonl_field),
            )),
        }
    }
}

/// A dotted path into nested objects.
fn field<'a>(value: &'a serde_json::Value, path: &str) -> Option<&'a serde_json::Value> {
    path.split('.').try_fold(value, |v, key| v.get(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_split_files_deterministically() {
        let names: Vec<PathBuf> =
            (0..200).map(|i| PathBuf::from(format!("dumps/part-{i:05}.warc.gz"))).collect();
        let counts: Vec<usize> =
            (0..4).map(|shard| names.iter().filter(|p| shard_of(p, 4) == shard).count()).collect();
        assert_eq!(counts.iter().sum::<usize>(), 200);
        assert!(counts.iter().all(|&c| c > 30), "{counts:?}");
        assert_eq!(shard_of(Path::new("dumps/part-00000.warc.gz"), 4), shard_of(&names[0], 4));
    }
}
