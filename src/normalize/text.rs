//! Whitespace cleanup for strings taken from pages.

/// Collapses every run of whitespace (including non-breaking spaces) to one space and trims.
pub(crate) fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c == '\u{a0}') {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`squash`], then `None` when nothing is left.
pub(crate) fn non_empty(s: &str) -> Option<String> {
    let s = squash(s);
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_collapses_all_whitespace() {
        assert_eq!(squash("  a \u{a0}\n b\t"), "a b");
        assert_eq!(non_empty(" \u{a0} "), None);
    }
}
