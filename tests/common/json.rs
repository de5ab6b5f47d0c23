//! JSON paths for the tests: the first difference between two JSON documents, named by where
//! it is (`posts[3].author.post_count: expected 1234, got null`), and a value looked up by
//! such a path (`get(&value, "posts[0].author.name")`).
//!
//! A path is the object keys and array indices from the top, written as in Rust or
//! JavaScript: `topic.board.id`, `posts[0].quotes[1].author`. The top itself is `(top)`.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::{Number, Value};

/// A JSON document whose objects keep their keys in the order of the text.
///
/// `serde_json::Value` sorts object keys (this crate does not enable serde_json's
/// `preserve_order`), so a walk over two `Value`s would meet `posts[0].author` before
/// `posts[0].date`: the first difference in the file's order needs the file's order.
#[derive(Clone, Debug, PartialEq)]
pub enum Ordered {
    Null,
    Bool(bool),
    Number(Number),
    String(String),
    Array(Vec<Ordered>),
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    /// Parses JSON text, keeping the order of each object's keys.
    pub fn parse(text: &str) -> serde_json::Result<Ordered> {
        serde_json::from_str(text)
    }
}

/// Where `actual` first differs from `expected`, walking both in the order of `expected`
/// (an object's keys in its order, then the keys only `actual` has; an array's items by
/// index, then a difference in length), or `None` when they are the same JSON, keys in the
/// same order.
pub fn first_difference(expected: &Ordered, actual: &Ordered) -> Option<String> {
    difference(&mut String::new(), expected, actual)
}

fn difference(path: &mut String, expected: &Ordered, actual: &Ordered) -> Option<String> {
    let here = path.len();
    let found = match (expected, actual) {
        (Ordered::Object(e), Ordered::Object(a)) => {
            let mut found = None;
            for (key, ev) in e {
                push_key(path, key);
                found = match a.iter().find(|(k, _)| k == key) {
                    None => Some(format!("{}: missing (expected {})", shown(path), ev.show())),
                    Some((_, av)) => difference(path, ev, av),
                };
                path.truncate(here);
                if found.is_some() {
                    break;
                }
            }
            if found.is_none() {
                if let Some((key, av)) = a.iter().find(|(k, _)| !e.iter().any(|(ek, _)| ek == k)) {
                    push_key(path, key);
                    found = Some(format!("{}: not expected (got {})", shown(path), av.show()));
                } else if keys(e) != keys(a) {
                    let (e, a) = (keys(e), keys(a));
                    found =
                        Some(format!("{}: keys in another order: expected {e:?}, got {a:?}", shown(path)));
                }
            }
            found
        }
        (Ordered::Array(e), Ordered::Array(a)) => {
            let lengths = (e.len() != a.len())
                .then(|| format!("{}: expected {}, got {}", shown(path), items(e.len()), items(a.len())));
            let mut found = None;
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                path.push_str(&format!("[{i}]"));
                found = difference(path, ev, av);
                path.truncate(here);
                if found.is_some() {
                    break;
                }
            }
            match (found, lengths) {
                // An item that differs may be one that moved: say that the lengths differ too.
                (Some(item), Some(lengths)) => Some(format!("{item} (and {lengths})")),
                (item, lengths) => item.or(lengths),
            }
        }
        (Ordered::String(e), Ordered::String(a)) if e != a => Some(strings_differ(shown(path), e, a)),
        (e, a) if e != a => Some(format!("{}: expected {}, got {}", shown(path), e.show(), a.show())),
        _ => None,
    };
    path.truncate(here);
    found
}

/// Two strings that differ: both in full when they are short, else where they part.
fn strings_differ(path: &str, expected: &str, actual: &str) -> String {
    let (e, a) = (json(expected), json(actual));
    if e.chars().count() <= SHORT && a.chars().count() <= SHORT {
        return format!("{path}: expected {e}, got {a}");
    }
    let at = expected.chars().zip(actual.chars()).take_while(|(x, y)| x == y).count();
    format!(
        "{path}: differs from character {at} on: expected {}, got {}",
        excerpt(expected, at),
        excerpt(actual, at)
    )
}

/// About what a message line can show of a value.
const SHORT: usize = 100;

/// `s` around character `at`, JSON-quoted, with `…` where it is cut.
fn excerpt(s: &str, at: usize) -> String {
    let chars: Vec<char> = s.chars().collect();
    let (start, end) = (at.saturating_sub(30), (at + 50).min(chars.len()));
    let cut = |yes: bool| if yes { "…" } else { "" };
    let part: String = chars[start.min(end)..end].iter().collect();
    format!("{}{}{}", cut(start > 0), json(&part), cut(end < chars.len()))
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// JSON text cut to about [`SHORT`] characters.
pub fn abbreviate(text: String) -> String {
    let n = text.chars().count();
    if n <= SHORT {
        return text;
    }
    let head: String = text.chars().take(SHORT * 3 / 4).collect();
    let tail: String = text.chars().skip(n - SHORT / 4).collect();
    format!("{head}…{tail}")
}

/// A value as a message shows it: its JSON, cut when long.
pub fn show(value: &Value) -> String {
    abbreviate(value.to_string())
}

impl Ordered {
    fn show(&self) -> String {
        abbreviate(serde_json::to_string(self).unwrap_or_default())
    }
}

/// `1 item`, `2 items`.
pub fn items(n: usize) -> String {
    if n == 1 { "1 item".to_owned() } else { format!("{n} items") }
}

fn keys(object: &[(String, Ordered)]) -> Vec<&str> {
    object.iter().map(|(k, _)| k.as_str()).collect()
}

fn push_key(path: &mut String, key: &str) {
    let plain = key.chars().all(|c| c.is_alphanumeric() || c == '_') && !key.is_empty();
    match (plain, path.is_empty()) {
        (true, true) => path.push_str(key),
        (true, false) => path.push_str(&format!(".{key}")),
        (false, _) => path.push_str(&format!("[{}]", json(key))),
    }
}

fn shown(path: &str) -> &str {
    if path.is_empty() { "(top)" } else { path }
}

/// The value at `path` (`posts[1].author.name`) in `root`, or why there is none, naming the
/// part of the path that is there (`posts[1].signature is null`).
pub fn get<'v>(root: &'v Value, path: &str) -> Result<&'v Value, String> {
    let mut here = root;
    let mut walked = String::new();
    let mut rest = path;
    while !rest.is_empty() {
        let step = if let Some(after) = rest.strip_prefix('[') {
            let (index, after) = after.split_once(']').ok_or_else(|| format!("bad path {path:?}"))?;
            let index: usize = index.parse().map_err(|_| format!("bad index in path {path:?}"))?;
            rest = after;
            match here {
                Value::Array(list) => list
                    .get(index)
                    .ok_or_else(|| format!("{} has {}, no [{index}]", shown(&walked), items(list.len()))),
                other => Err(format!("{} is {}, not an array", shown(&walked), show(other))),
            }
            .map(|v| (v, format!("[{index}]")))
        } else {
            let from = if walked.is_empty() { rest } else { rest.strip_prefix('.').unwrap_or("") };
            let end = from.find(['.', '[']).unwrap_or(from.len());
            let key = &from[..end];
            if key.is_empty() {
                return Err(format!("bad path {path:?}"));
            }
            rest = &from[end..];
            match here {
                Value::Object(fields) => {
                    fields.get(key).ok_or_else(|| format!("{} has no field {key:?}", shown(&walked)))
                }
                other => Err(format!("{} is {}, not an object", shown(&walked), show(other))),
            }
            .map(|v| (v, key.to_owned()))
        };
        let (value, segment) = step?;
        if !walked.is_empty() && !segment.starts_with('[') {
            walked.push('.');
        }
        walked.push_str(&segment);
        here = value;
    }
    Ok(here)
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = Ordered;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_unit<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Null)
    }
    fn visit_bool<E>(self, b: bool) -> Result<Ordered, E> {
        Ok(Ordered::Bool(b))
    }
    fn visit_u64<E>(self, n: u64) -> Result<Ordered, E> {
        Ok(Ordered::Number(n.into()))
    }
    fn visit_i64<E>(self, n: i64) -> Result<Ordered, E> {
        Ok(Ordered::Number(n.into()))
    }
    fn visit_f64<E>(self, n: f64) -> Result<Ordered, E> {
        Ok(Number::from_f64(n).map_or(Ordered::Null, Ordered::Number))
    }
    fn visit_str<E>(self, s: &str) -> Result<Ordered, E> {
        Ok(Ordered::String(s.to_owned()))
    }
    fn visit_string<E>(self, s: String) -> Result<Ordered, E> {
        Ok(Ordered::String(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Ordered::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
        let mut fields = Vec::new();
        while let Some(entry) = map.next_entry()? {
            fields.push(entry);
        }
        Ok(Ordered::Object(fields))
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Null => serializer.serialize_unit(),
            Ordered::Bool(b) => serializer.serialize_bool(*b),
            Ordered::Number(n) => n.serialize(serializer),
            Ordered::String(s) => serializer.serialize_str(s),
            Ordered::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Object(fields) => {
                let mut map = serializer.serialize_map(Some(fields.len()))?;
                for (k, v) in fields {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}
