//! Helpers shared by the integration tests.
#![allow(dead_code)]

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

/// Files with extension `ext` directly in `dir`, sorted by name.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    out.retain(|p| p.extension().is_some_and(|e| e == ext));
    out.sort();
    out
}

/// A page's text: UTF-8, else Latin-1 (windows-1252's printable subset), as the corpus
/// stores pages that declare ISO-8859-1.
pub fn read_page(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => e.into_bytes().iter().map(|&b| char::from(b)).collect(),
    }
}
