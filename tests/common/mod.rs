//! Helpers shared by the integration tests.
#![allow(dead_code)]

pub mod json;

use std::path::{Path, PathBuf};

/// The shared corpus of real pages: `$FORUM_CORPUS`, else `../shared/corpus` beside the
/// checkout. `None` (after saying so on stderr) when it is absent.
pub fn corpus_root() -> Option<PathBuf> {
    let root = match std::env::var_os("FORUM_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    if root.join("PROVENANCE.tsv").is_file() {
        Some(root)
    } else {
        eprintln!(
            "SKIPPED: the real-page corpus is absent (looked for {}/PROVENANCE.tsv; set FORUM_CORPUS)",
            root.display()
        );
        None
    }
}

/// The engine fixtures: `tests/fixtures`, a folder per engine and `text/` for renderings.
pub fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The folders directly in `dir`, sorted by name.
pub fn dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out = entries(dir);
    out.retain(|p| p.is_dir());
    out
}

/// Files directly in `dir` whose extension is one of `exts`, sorted by name.
pub fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = entries(dir);
    out.retain(|p| p.extension().is_some_and(|e| exts.iter().any(|ext| e == *ext)));
    out
}

/// Everything directly in `dir`, sorted by name (nothing when it cannot be read).
fn entries(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.sort();
    out
}

/// `s` with each run of whitespace made one space, and none at either end: dates and names
/// compare so across renderings and hand-made files.
pub fn squash_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A page's bytes.
pub fn read_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A page's text, decoded as `forum_thread::parse_bytes` decodes it (byte order mark,
/// `<meta>` charset, else detection; see `forum_thread::decode`).
pub fn read_page(path: &Path) -> String {
    forum_thread::decode(&read_bytes(path), None).text
}

/// Parses a page file from its bytes.
pub fn parse_page(path: &Path) -> Result<forum_thread::Thread, forum_thread::Error> {
    forum_thread::parse_bytes(&read_bytes(path))
}

/// The post a phpBB "reply with quote" link names (`posting.php?mode=quote&f=3&p=ID`): its
/// `p` query parameter.
pub fn quoted_post_id(href: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    let id = query.split(['&', ';']).find_map(|pair| pair.strip_prefix("p="))?;
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| id.to_owned())
}

/// Files with extension `ext` in `dir` and in the folders below it, in name order, depth first.
pub fn files_under(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.sort();
    let mut out = Vec::new();
    for path in entries {
        if path.is_dir() {
            out.extend(files_under(&path, ext));
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
    out
}
