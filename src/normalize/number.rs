//! Counts and sizes as forums show them: "165,733", "1.234", "1 234", "12k", "45.2 KB".
//!
//! Both read the first number in the string, so labels may stay ("Posts: 165,733",
//! "(45.2 KB)"). Digits may be ASCII, Persian (۰–۹) or Arabic-Indic (٠–٩).
//!
//! Grouping or decimal? The same "1.234" is a thousand and more in German and one and a bit
//! in English. The rules:
//! - a count is a whole number: a separator followed by exactly three digits groups them
//!   ("165,733", "1.234", "1 234"); any other separator makes a fraction, which is no count;
//! - after a k/M suffix ("1.2k", "1,2k", "3.4M") or before a size unit ("45.2 KB",
//!   "1,5 MB"), the last '.' or ',' is the decimal mark, unless it occurs more than once
//!   ("1,234,567 KB"); spaces only ever group.

/// The value of a decimal digit: ASCII, Persian (U+06F0–U+06F9) or Arabic-Indic
/// (U+0660–U+0669).
pub(crate) fn digit(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '\u{6f0}'..='\u{6f9}' => Some(c as u32 - 0x6f0),
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        _ => None,
    }
}

/// Parses a displayed count, tolerating grouping separators and k/M suffixes.
///
/// "165,733", "1.234", "1 234" (also with no-break and narrow no-break spaces), "12k",
/// "1,2k", "3.4M", "Posts: 165,733" (the first number of the string). `None` when there is
/// no number, for a fraction ("1.5", "12,5": no count has one), and for a negative number
/// ("-5": a score such as karma is not a count).
pub(crate) fn parse_count(s: &str) -> Option<u64> {
    let (number, rest) = Scanned::first_in(s)?;
    if number.negative {
        return None;
    }
    match multiplier(rest) {
        Some(mult) => number.decimal().and_then(|(m, decimals)| scale(m, decimals, mult)),
        None => number.grouped(),
    }
}

/// Parses a displayed file size ("45.2 KB", "1,5 MiB", "300 bytes") to bytes.
///
/// Units are 1024-based whatever their spelling (KB, KiB, Ko, КБ): that is how forum
/// software (phpBB, SMF, vBulletin, MyBB) computes the figure it labels "KB". The result is
/// rounded to the nearest byte ("45.2 KB" is 46285). `None` without a unit: "300" alone
/// could be bytes or kilobytes.
pub(crate) fn parse_size(s: &str) -> Option<u64> {
    let (number, rest) = Scanned::first_in(s)?;
    if number.negative {
        return None;
    }
    match unit_power(rest)? {
        0 => number.grouped(),
        power => {
            let (mantissa, decimals) = number.decimal()?;
            scale(mantissa, decimals, 1024u64.checked_pow(power)?)
        }
    }
}

/// Count suffixes, lowercase: thousands and millions in the languages forums show them.
const MULTIPLIERS: &[(&str, u64)] = &[
    ("k", 1_000),
    ("tsd", 1_000),
    ("тыс", 1_000),
    ("m", 1_000_000),
    ("mio", 1_000_000),
    ("mln", 1_000_000),
    ("млн", 1_000_000),
];

/// Size units, lowercase, to their power of 1024.
const UNITS: &[(&str, u32)] = &[
    ("b", 0),
    ("byte", 0),
    ("bytes", 0),
    ("o", 0),
    ("octet", 0),
    ("octets", 0),
    ("байт", 0),
    ("байта", 0),
    ("байтов", 0),
    ("bajt", 0),
    ("bajty", 0),
    ("bajtów", 0),
    ("bájt", 0),
    ("k", 1),
    ("kb", 1),
    ("kib", 1),
    ("ko", 1),
    ("kio", 1),
    ("kbyte", 1),
    ("kbytes", 1),
    ("кб", 1),
    ("mb", 2),
    ("mib", 2),
    ("mo", 2),
    ("mio", 2),
    ("mbyte", 2),
    ("mbytes", 2),
    ("мб", 2),
    ("gb", 3),
    ("gib", 3),
    ("go", 3),
    ("gio", 3),
    ("гб", 3),
    ("tb", 4),
    ("tib", 4),
    ("to", 4),
    ("tio", 4),
    ("тб", 4),
];

/// The most digit runs a number may have ("1,234,567,890" has four).
const MAX_RUNS: usize = 8;

/// The first number of a string as written: its digit runs and the separators between
/// them.
struct Scanned {
    /// Each run's value and length; a run is at most 18 digits.
    runs: [(u64, u32); MAX_RUNS],
    /// The separator before run `i + 1`.
    seps: [char; MAX_RUNS],
    len: usize,
    negative: bool,
}

/// Whether `c` may separate digit groups: punctuation, apostrophes (Swiss "1'234"), the
/// Arabic thousands and decimal signs, and spaces (only ever grouping).
fn is_separator(c: char) -> bool {
    matches!(c, ',' | '.' | '\'' | '’' | '\u{66b}' | '\u{66c}') || is_space(c)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

impl Scanned {
    /// The first number in `s`, and the text after it.
    fn first_in(s: &str) -> Option<(Scanned, &str)> {
        let start = s.find(|c| digit(c).is_some())?;
        let negative = s
            .get(..start)
            .and_then(|before| before.chars().next_back())
            .is_some_and(|c| matches!(c, '-' | '−'));
        let mut number = Scanned { runs: [(0, 0); MAX_RUNS], seps: ['\0'; MAX_RUNS], len: 0, negative };
        let mut rest = s.get(start..)?;
        loop {
            let run_len = rest.find(|c| digit(c).is_none()).unwrap_or(rest.len());
            let (run, after) = rest.split_at(run_len);
            let mut value: u64 = 0;
            let mut count: u32 = 0;
            for c in run.chars() {
                value = value.checked_mul(10)?.checked_add(u64::from(digit(c)?))?;
                count += 1;
            }
            if count > 18 {
                return None;
            }
            *number.runs.get_mut(number.len)? = (value, count);
            number.len += 1;
            rest = after;
            // A separator continues the number when a digit follows it; a space only when
            // exactly three digits follow ("1 234", but not "12 34").
            let mut chars = rest.chars();
            let Some(sep) = chars.next().filter(|&c| is_separator(c)) else {
                break;
            };
            let tail = chars.as_str();
            let next_run = tail.find(|c| digit(c).is_none()).unwrap_or(tail.len());
            let digits_after = tail.get(..next_run).map_or(0, |r| r.chars().count());
            if digits_after == 0 || (is_space(sep) && digits_after != 3) {
                break;
            }
            *number.seps.get_mut(number.len - 1)? = sep;
            rest = tail;
        }
        Some((number, rest))
    }

    fn runs(&self) -> &[(u64, u32)] {
        self.runs.get(..self.len).unwrap_or(&[])
    }

    fn seps(&self) -> &[char] {
        self.seps.get(..self.len.saturating_sub(1)).unwrap_or(&[])
    }

    /// The whole number, when every separator groups three digits.
    fn grouped(&self) -> Option<u64> {
        let mut value: u64 = 0;
        for (i, &(run, len)) in self.runs().iter().enumerate() {
            let grouping = i == 0 || (len == 3 && self.seps().get(i - 1) != Some(&'\u{66b}'));
            if !grouping {
                return None;
            }
            value = value.checked_mul(10u64.checked_pow(len)?)?.checked_add(run)?;
        }
        Some(value)
    }

    /// All the digits as one integer, and how many of them are decimals: the last '.' or
    /// ',' (or the Arabic decimal sign) is the decimal mark unless it occurs more than once.
    fn decimal(&self) -> Option<(u64, u32)> {
        let seps = self.seps();
        let decimal_at = seps.iter().rposition(|&c| !is_space(c)).filter(|&i| {
            let mark = seps.get(i).copied();
            mark == Some('\u{66b}') || seps.iter().filter(|&&c| Some(c) == mark).count() == 1
        });
        let mut mantissa: u64 = 0;
        let mut decimals = 0;
        for (i, &(run, len)) in self.runs().iter().enumerate() {
            mantissa = mantissa.checked_mul(10u64.checked_pow(len)?)?.checked_add(run)?;
            if decimal_at.is_some_and(|at| i > at) {
                decimals += len;
            }
        }
        Some((mantissa, decimals))
    }
}

/// `mantissa / 10^decimals * mult`, rounded half up; `None` on overflow.
fn scale(mantissa: u64, decimals: u32, mult: u64) -> Option<u64> {
    let numerator = u128::from(mantissa).checked_mul(u128::from(mult))?;
    let denominator = 10u128.checked_pow(decimals)?;
    u64::try_from(numerator.checked_add(denominator / 2)? / denominator).ok()
}

/// The word right after a number (one space allowed), lowercased into `buf`.
fn suffix<'b>(rest: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let rest = rest.strip_prefix(is_space).unwrap_or(rest);
    let end = rest.find(|c: char| !c.is_alphabetic()).unwrap_or(rest.len());
    let word = rest.get(..end).filter(|w| !w.is_empty())?;
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase) {
        let next = n + c.len_utf8();
        c.encode_utf8(buf.get_mut(n..next)?);
        n = next;
    }
    std::str::from_utf8(buf.get(..n)?).ok()
}

fn multiplier(rest: &str) -> Option<u64> {
    let mut buf = [0; 24];
    let word = suffix(rest, &mut buf)?;
    MULTIPLIERS.iter().find(|(name, _)| *name == word).map(|&(_, m)| m)
}

fn unit_power(rest: &str) -> Option<u32> {
    let mut buf = [0; 24];
    let word = suffix(rest, &mut buf)?;
    UNITS.iter().find(|(name, _)| *name == word).map(|&(_, p)| p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts() {
        let cases: &[(&str, Option<u64>)] = &[
            ("165,733", Some(165_733)),
            ("1.234", Some(1234)),
            ("1 234", Some(1234)),
            ("1\u{a0}234", Some(1234)),
            ("1\u{202f}234", Some(1234)),
            ("1'234", Some(1234)),
            ("1,234,567", Some(1_234_567)),
            ("12k", Some(12_000)),
            ("12K", Some(12_000)),
            ("1.2k", Some(1200)),
            ("1,2k", Some(1200)),
            ("1.1K posts", Some(1100)), // moneysavingexpert (Vanilla)
            ("27.3K posts", Some(27_300)),
            ("22K", Some(22_000)),
            ("3.4M", Some(3_400_000)),
            ("1,5 Mio", Some(1_500_000)),
            ("12 тыс", Some(12_000)),
            ("Posts: 165,733", Some(165_733)),
            ("Beiträge 6.418", Some(6418)), // computerbase (XenForo, German)
            ("Messages: 6,023", Some(6023)),
            ("Карма: +147/-1", Some(147)),
            ("42", Some(42)),
            ("۱۲۳", Some(123)),
            ("٤٥٦", Some(456)),
            ("۱٬۲۳۴", Some(1234)), // Arabic thousands sign
            ("0", Some(0)),
            ("18446744073709551615", None),  // more than 18 digits in a run
            ("99999999999999999,999", None), // overflow after grouping
            // Not counts
            ("", None),
            ("abc", None),
            ("-5", None),
            ("−5", None),
            ("1.5", None),
            ("12,5", None),
            ("12 Kommentare", Some(12)), // a word, not a suffix
            ("12 34", Some(12)),         // a space groups only three digits
        ];
        for &(input, expected) in cases {
            assert_eq!(parse_count(input), expected, "parse_count({input:?})");
        }
    }

    #[test]
    fn sizes() {
        let cases: &[(&str, Option<u64>)] = &[
            ("45.2 KB", Some(46_285)), // 45.2 * 1024 = 46284.8
            ("(45.2 KB)", Some(46_285)),
            ("45.2KB", Some(46_285)),
            ("45,2 Ko", Some(46_285)),
            ("1,5 MB", Some(1_572_864)),
            ("1.5 MiB", Some(1_572_864)),
            ("2.1 KiB", Some(2150)), // 2150.4
            ("300 bytes", Some(300)),
            ("12 Bytes", Some(12)),
            ("1,234 bytes", Some(1234)),
            ("1 234 Ko", Some(1_263_616)),
            ("1,234,567 KB", Some(1_264_196_608)),
            ("1.234,5 KB", Some(1_264_128)),
            ("2 GB", Some(2_147_483_648)),
            ("3 Mo", Some(3_145_728)),
            ("12 КБ", Some(12_288)),
            ("Size: 0.5 KB", Some(512)),
            ("300", None),
            ("", None),
            ("KB", None),
            ("-3 KB", None),
            ("99999999999999 TB", None),
        ];
        for &(input, expected) in cases {
            assert_eq!(parse_size(input), expected, "parse_size({input:?})");
        }
    }
}
