//! The JSON Schema of the records this crate writes, shipped as
//! `schema/forum-thread.schema.json` and compiled in as [`JSON_SCHEMA`].
//!
//! The file is generated from the model: the model's types derive `schemars::JsonSchema`
//! in this crate's unit tests only (schemars is a dev-dependency, so library users never
//! compile it), and the test below writes the schema and fails when the shipped file
//! differs. `BLESS=1 cargo test --lib schema` rewrites it.

/// The JSON Schema (draft 2020-12) of every record this crate writes, as text: a
/// [`Thread`](crate::Thread) (one page, or a thread stitched from pages), and the post,
/// error and totals records of `dump` ([`dump::PostRecord`](crate::dump::PostRecord),
/// [`dump::ErrorRecord`](crate::dump::ErrorRecord), [`dump::Totals`](crate::dump::Totals)).
///
/// One document: the top level accepts any of the four records (`anyOf`), and each is a
/// definition of its own under `$defs` (`Thread`, `PostRecord`, `ErrorRecord`, `Totals`) that
/// a validator can be pointed at, as `forum-thread.schema.json#/$defs/Thread`. The records
/// share their parts (a post is the same in a thread and in a post record), which one file
/// keeps in one place. It describes what this version writes: every field it always writes
/// is required, and `schema_version` is [`SCHEMA_VERSION`](crate::SCHEMA_VERSION). Fields it
/// does not list are allowed, so a record of a later version with the same `schema_version`
/// still validates.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(forum_thread::JSON_SCHEMA)?;
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["$defs"]["Thread"]["properties"]["schema_version"]["const"], forum_thread::SCHEMA_VERSION);
/// # Ok::<(), serde_json::Error>(())
/// ```
pub const JSON_SCHEMA: &str = include_str!("../schema/forum-thread.schema.json");

#[cfg(all(test, feature = "dump"))]
mod tests {
    use std::path::Path;

    use schemars::JsonSchema;
    use schemars::generate::SchemaSettings;

    use crate::Thread;
    use crate::dump::{ErrorRecord, PostRecord, Totals};

    /// A record written by forum-thread: a thread (one page with `--pages`, else stitched
    /// from its pages), a post with its thread's names (`--posts`), a document that could
    /// not be read or parsed, or the totals of a run. Every record carries `schema_version`.
    #[derive(JsonSchema)]
    #[schemars(title = "forum-thread records")]
    #[serde(untagged)]
    // Never built: only its schema is used.
    #[allow(dead_code, clippy::large_enum_variant)]
    enum AnyRecord {
        Thread(Thread),
        PostRecord(PostRecord<'static>),
        ErrorRecord(ErrorRecord<'static>),
        Totals(Totals),
    }

    /// The schema as the file holds it: pretty JSON (keys sorted, required fields in the
    /// model's order), descriptions as plain text, a final newline.
    fn generated() -> String {
        let generator = SchemaSettings::draft2020_12().for_serialize().into_generator();
        let mut schema =
            serde_json::to_value(generator.into_root_schema_for::<AnyRecord>()).expect("a schema serializes");
        plain_descriptions(&mut schema);
        serde_json::to_string_pretty(&schema).expect("a schema serializes") + "\n"
    }

    /// Every `description` (a doc comment) made text for readers of the schema: without the
    /// doc's code examples, links written as their text, lines joined into paragraphs.
    fn plain_descriptions(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                for (key, v) in map.iter_mut() {
                    match v {
                        serde_json::Value::String(text) if key == "description" => *text = plain(text),
                        _ => plain_descriptions(v),
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(plain_descriptions),
            _ => {}
        }
    }

    /// A doc comment as plain text: see [`plain_descriptions`].
    fn plain(doc: &str) -> String {
        let mut paragraphs: Vec<String> = Vec::new();
        let mut in_code = false;
        let mut current = String::new();
        for line in doc.lines() {
            let line = line.trim();
            if line.starts_with("```") {
                in_code = !in_code;
                continue;
            }
            if in_code {
                continue;
            }
            if line.is_empty() || line.starts_with("- ") {
                if !current.is_empty() {
                    paragraphs.push(std::mem::take(&mut current));
                }
            } else if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
        if !current.is_empty() {
            paragraphs.push(current);
        }
        let text = paragraphs.join("\n\n");
        unlink(&text)
    }

    /// `[text](target)` and `[text]` as `text`.
    fn unlink(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('[') {
            let Some(close) = rest[open..].find(']').map(|c| open + c) else { break };
            out.push_str(&rest[..open]);
            out.push_str(&rest[open + 1..close]);
            rest = &rest[close + 1..];
            if rest.starts_with('(') {
                if let Some(end) = rest.find(')') {
                    rest = &rest[end + 1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn descriptions_are_plain_text() {
        let doc = "The [`Topic::id`](crate::Topic::id), see [`SCHEMA_VERSION`]: a\nline.\n\n```\nlet x = [1];\n```\n- one\n- two";
        assert_eq!(plain(doc), "The `Topic::id`, see `SCHEMA_VERSION`: a line.\n\n- one\n\n- two");
    }

    #[test]
    fn the_shipped_schema_is_the_one_the_model_generates() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/forum-thread.schema.json");
        let schema = generated();
        if std::env::var_os("BLESS").is_some() {
            std::fs::write(&path, &schema).expect("write the schema");
            return;
        }
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            shipped == schema && super::JSON_SCHEMA == schema,
            "{} is not the schema the model generates: run `BLESS=1 cargo test --lib schema` \
             to rewrite it, review the diff, and change `SCHEMA_VERSION` if a record of the \
             new schema could fail the old one",
            path.display()
        );
    }
}
