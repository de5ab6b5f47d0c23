//! Whitespace and label cleanup for strings taken from pages.

/// Collapses every run of whitespace (including non-breaking spaces) to one space and trims.
pub fn squash(s: &str) -> String {
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
pub fn non_empty(s: &str) -> Option<String> {
    let s = squash(s);
    (!s.is_empty()).then_some(s)
}

/// Splits "Label: value" and returns the trimmed value when the label matches one of
/// `labels` (case-insensitive).
pub fn labeled<'a>(s: &'a str, labels: &[&str]) -> Option<&'a str> {
    let (label, value) = s.split_once(':')?;
    let label = label.trim();
    labels
        .iter()
        .any(|l| l.eq_ignore_ascii_case(label) || label.to_lowercase() == l.to_lowercase())
        .then(|| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn squash_collapses_all_whitespace() {
        assert_eq!(squash("  a \u{a0}\n b\t"), "a b");
        assert_eq!(non_empty(" \u{a0} "), None);
    }

    #[test]
    fn labeled_matches_case_insensitively() {
        assert_eq!(labeled("Posts: 165,733", &["posts"]), Some("165,733"));
        assert_eq!(labeled("Сообщений: 12", &["сообщений"]), Some("12"));
        assert_eq!(labeled("Karma: +1", &["posts"]), None);
    }
}
