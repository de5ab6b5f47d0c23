//! The page index: [`Document`] answers whole-page and subtree selects from buckets of
//! elements by class, id and tag name, built in one walk.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use rustc_hash::FxHasher;

/// A parsed page with its elements indexed by class, id and tag name in one walk, so that
/// a whole-page [`Document::select`] looks only at the elements that can match (those carrying
/// the id, a class or the tag name of each alternative's last compound) instead of running
/// the selector on every element, as browsers bucket their style rules. Derefs to the
/// page's [`Html`](scraper::Html).
///
/// Buckets are looked up exactly, as scraper 0.24 matches classes and ids (case-sensitively,
/// even in quirks mode); the `page_select_agrees_with_html_select` test holds them to it.
pub(crate) struct Document<'a> {
    doc: &'a scraper::Html,
    by_class: Buckets<'a>,
    by_id: Buckets<'a>,
    by_tag: Buckets<'a>,
    /// See [`Document::noscript_documents`].
    noscript: std::cell::OnceCell<Vec<scraper::Html>>,
    /// How deep the elements of `<noscript>` markup may nest.
    max_depth: usize,
    /// Why some `<noscript>` markup was not read (see [`Document::take_exceeded`]).
    exceeded: std::cell::RefCell<Option<crate::error::Error>>,
}

type Buckets<'a> = HashMap<&'a str, Vec<scraper::ElementRef<'a>>, BuildHasherDefault<FxHasher>>;

impl<'a> Document<'a> {
    /// Indexes `doc`, whose node arena must be in document order (as
    /// [`super::tree::parse_document`] leaves it) for selects to return matches in that
    /// order.
    pub(crate) fn new(doc: &'a scraper::Html) -> Self {
        let mut page = Document {
            doc,
            by_class: Buckets::default(),
            by_id: Buckets::default(),
            by_tag: Buckets::default(),
            noscript: std::cell::OnceCell::new(),
            max_depth: crate::limits::DEFAULT_MAX_DEPTH,
            exceeded: std::cell::RefCell::new(None),
        };
        for el in doc.tree.nodes().filter_map(scraper::ElementRef::wrap) {
            let value = el.value();
            page.by_tag.entry(&*value.name.local).or_default().push(el);
            if let Some(id) = value.id() {
                page.by_id.entry(id).or_default().push(el);
            }
            for class in value.classes() {
                page.by_class.entry(class).or_default().push(el);
            }
        }
        page
    }

    /// The page with `<noscript>` markup nesting at most `depth` deep.
    pub(crate) fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }

    /// The markup inside each `<noscript>` that holds some, parsed on first use and kept: a
    /// parser with scripting enabled (as a browser, and scraper) keeps it as text, and
    /// Discourse serves its whole crawler view there, so detection and the Discourse engine
    /// both read it. The documents share one budget, that of their text together (see
    /// [`super::Budget`]); markup past it is left out, and why is kept for
    /// [`Document::take_exceeded`].
    pub(crate) fn noscript_documents(&self) -> &[scraper::Html] {
        self.noscript.get_or_init(|| {
            let texts: Vec<String> = self
                .select(&super::select::NOSCRIPT)
                .map(|n| n.text().collect::<String>())
                .filter(|text| text.contains('<'))
                .collect();
            let budget = super::Budget::new(texts.iter().map(String::len).sum(), self.max_depth);
            let mut docs = Vec::with_capacity(texts.len());
            for text in &texts {
                let tags = crate::limits::scan_tags(text.as_bytes());
                match super::tree::build_document(text, tags, &budget) {
                    Ok(doc) => docs.push(doc),
                    Err(e) => {
                        self.exceeded.borrow_mut().get_or_insert(e);
                        break;
                    }
                }
            }
            docs
        })
    }

    /// Why some `<noscript>` markup was left out of [`Document::noscript_documents`]: its
    /// trees passed their budget or the depth limit.
    pub(crate) fn take_exceeded(&self) -> Option<crate::error::Error> {
        self.exceeded.borrow_mut().take()
    }

    /// Whether some element of the page has class `class`.
    pub(crate) fn has_class(&self, class: &str) -> bool {
        self.by_class.contains_key(class)
    }

    /// The page's elements matching `sel`, in document order, as `Html::select` gives them.
    pub(crate) fn select<'d, 's>(&'d self, sel: &'s scraper::Selector) -> Matches<'a, 'd, 's> {
        match plan(sel) {
            Some(plan) => self.matches(&plan, sel, |bucket| bucket),
            None => Matches::Scan(Box::new(self.doc.select(sel))),
        }
    }

    /// `el.select(sel)` through the index: the descendants of `el` matching `sel`, in
    /// document order. `el` must be an element of this page.
    pub(crate) fn select_in<'d, 's>(
        &'d self,
        el: scraper::ElementRef<'a>,
        sel: &'s scraper::Selector,
    ) -> Matches<'a, 'd, 's> {
        let Some(plan) = plan(sel).filter(|_| !sel_uses_scope(sel)) else {
            return Matches::Within(Box::new(el.select(sel)));
        };
        // In document order, a subtree is the run of ids from its root to its last
        // descendant; the root itself is not among the matches.
        let first = el.id();
        let mut last = *el;
        while let Some(child) = last.last_child() {
            last = child;
        }
        let last = last.id();
        self.matches(&plan, sel, |bucket| {
            let start = bucket.partition_point(|e| e.id() <= first);
            let end = bucket.partition_point(|e| e.id() <= last);
            bucket.get(start..end).unwrap_or_default()
        })
    }

    /// The elements of `plan`'s buckets, narrowed by `within`, that match `sel`.
    fn matches<'d, 's>(
        &'d self,
        plan: &Plan,
        sel: &'s scraper::Selector,
        within: impl Fn(&'d [scraper::ElementRef<'a>]) -> &'d [scraper::ElementRef<'a>],
    ) -> Matches<'a, 'd, 's> {
        let bucket = |key: &Key| {
            let bucket = match key {
                Key::Id(id) => self.by_id.get(id.as_str()),
                Key::Class(class) => self.by_class.get(class.as_str()),
                Key::Tag(tag) => self.by_tag.get(tag.as_str()),
            };
            within(bucket.map_or(&[][..], Vec::as_slice))
        };
        if let [(key, _)] = plan.groups.as_slice() {
            return Matches::Bucket(bucket(key).iter(), sel);
        }
        let mut found: Vec<scraper::ElementRef<'a>> = plan
            .groups
            .iter()
            .flat_map(|(key, group)| bucket(key).iter().filter(|el| group.matches(el)))
            .copied()
            .collect();
        found.sort_by_key(|el| el.id());
        found.dedup_by_key(|el| el.id());
        Matches::Found(found.into_iter())
    }
}

/// Whether `sel` uses `:scope`, which means the element a subtree select starts from: the
/// index matches without one.
fn sel_uses_scope(sel: &scraper::Selector) -> bool {
    use scraper::selector::ToCss;
    sel.to_css_string().contains(":scope")
}

impl std::ops::Deref for Document<'_> {
    type Target = scraper::Html;

    fn deref(&self) -> &scraper::Html {
        self.doc
    }
}

/// The matches of a [`Document::select`].
pub(crate) enum Matches<'a, 'd, 's> {
    /// The elements carrying the one key of the selector's subject, to be matched.
    Bucket(std::slice::Iter<'d, scraper::ElementRef<'a>>, &'s scraper::Selector),
    /// Matched through the index, merged in document order.
    Found(std::vec::IntoIter<scraper::ElementRef<'a>>),
    /// A selector the index cannot answer, run over every element.
    Scan(Box<scraper::html::Select<'a, 's>>),
    /// The same, over one element's subtree.
    Within(Box<scraper::element_ref::Select<'a, 's>>),
}

impl<'a> Iterator for Matches<'a, '_, '_> {
    type Item = scraper::ElementRef<'a>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Matches::Bucket(els, sel) => els.find(|el| sel.matches(el)).copied(),
            Matches::Found(found) => found.next(),
            Matches::Scan(scan) => scan.next(),
            Matches::Within(scan) => scan.next(),
        }
    }
}

impl DoubleEndedIterator for Matches<'_, '_, '_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        match self {
            Matches::Bucket(els, sel) => els.rfind(|el| sel.matches(el)).copied(),
            Matches::Found(found) => found.next_back(),
            Matches::Scan(scan) => scan.next_back(),
            Matches::Within(scan) => {
                // scraper's subtree select only runs forwards.
                let mut rest: Vec<_> = scan.collect();
                let last = rest.pop();
                *self = Matches::Found(rest.into_iter());
                last
            }
        }
    }
}

/// What the last compound of a selector alternative requires of the element it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Key {
    Id(String),
    Class(String),
    Tag(String),
}

/// One comma-separated alternative of a selector, as [`scan`] reads it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Alternative<'s> {
    /// Every `.name` outside attribute brackets, quotes and parentheses (so `:not(.x)`
    /// requires nothing): the classes the page must have for the alternative to match.
    pub classes: Vec<&'s str>,
    /// The last compound's id, else its first class, else its tag name.
    pub subject: Option<Key>,
    /// The alternative's own CSS.
    pub css: &'s str,
}

/// How the index answers a selector: the key of each alternative's subject, with the
/// alternatives that carry it (one selector per key, so an element is matched only against
/// the alternatives that can match it). `None` when an alternative has no key (`*`,
/// `[attr]`) or the selector is beyond [`scan`].
struct Plan {
    groups: Vec<(Key, scraper::Selector)>,
}

thread_local! {
    /// Plans by selector CSS. The crate's selectors are a fixed set of a few hundred, so
    /// this stays small; per thread, so the dump pipeline's workers never wait on a lock.
    static PLANS: std::cell::RefCell<HashMap<String, Option<std::rc::Rc<Plan>>>> =
        std::cell::RefCell::new(HashMap::new());
}

fn plan(sel: &scraper::Selector) -> Option<std::rc::Rc<Plan>> {
    use scraper::selector::ToCss;
    let css = sel.to_css_string();
    if let Some(plan) = PLANS.with(|plans| plans.borrow().get(&css).cloned()) {
        return plan;
    }
    let plan = make_plan(&css).map(std::rc::Rc::new);
    PLANS.with(|plans| plans.borrow_mut().insert(css, plan.clone()));
    plan
}

fn make_plan(css: &str) -> Option<Plan> {
    let mut by_key: Vec<(Key, Vec<&str>)> = Vec::new();
    for alt in scan(css)? {
        let key = alt.subject?;
        match by_key.iter_mut().find(|(k, _)| *k == key) {
            Some((_, alts)) => alts.push(alt.css),
            None => by_key.push((key, vec![alt.css])),
        }
    }
    let groups = by_key
        .into_iter()
        .map(|(key, alts)| Some((key, scraper::Selector::parse(&alts.join(", ")).ok()?)))
        .collect::<Option<_>>()?;
    Some(Plan { groups })
}

/// Scans the CSS of a selector list once: its comma-separated alternatives with the
/// classes they require and their subject keys. `None` when it holds an escape, which this
/// small scanner does not read.
pub(crate) fn scan(css: &str) -> Option<Vec<Alternative<'_>>> {
    let bytes = css.as_bytes();
    let ident_end = |from: usize| {
        (from..bytes.len())
            .find(|&j| {
                !(bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], b'-' | b'_') || bytes[j] >= 0x80)
            })
            .unwrap_or(bytes.len())
    };
    // The alternatives, and the id, first class and tag of the current compound.
    let mut out = vec![Alternative::default()];
    let mut alt_start = 0;
    let (mut id, mut class, mut tag): (Option<&str>, Option<&str>, Option<&str>) = (None, None, None);
    let mut compound_start = true;
    let (mut depth, mut quote, mut i) = (0i32, None, 0);
    let finish = |alt: &mut Alternative<'_>, id: Option<&str>, class: Option<&str>, tag: Option<&str>| {
        alt.subject = id
            .map(|s| Key::Id(s.to_owned()))
            .or_else(|| class.map(|s| Key::Class(s.to_owned())))
            .or_else(|| tag.map(|s| Key::Tag(s.to_ascii_lowercase())));
    };
    while i < bytes.len() {
        let b = bytes[i];
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'\\') => return None,
            (None, b'\'' | b'"') => quote = Some(b),
            (None, b'[' | b'(') => depth += 1,
            (None, b']' | b')') => depth -= 1,
            (None, _) if depth > 0 => {}
            (None, b',') => {
                let alt = out.last_mut()?;
                finish(alt, id, class, tag);
                alt.css = css.get(alt_start..i)?.trim();
                alt_start = i + 1;
                out.push(Alternative::default());
                (id, class, tag, compound_start) = (None, None, None, true);
            }
            (None, b' ' | b'\t' | b'\n')
                if bytes[i..]
                    .iter()
                    .find(|c| !c.is_ascii_whitespace())
                    .is_none_or(|c| b",>+~".contains(c)) => {}
            (None, b' ' | b'>' | b'+' | b'~' | b'\t' | b'\n') => {
                (id, class, tag, compound_start) = (None, None, None, true);
            }
            (None, b'.' | b'#') => {
                let end = ident_end(i + 1);
                let name = css.get(i + 1..end).filter(|n| !n.is_empty());
                if b == b'.' {
                    out.last_mut()?.classes.extend(name);
                    class = class.or(name);
                } else {
                    id = id.or(name);
                }
                (i, compound_start) = (end, false);
                continue;
            }
            (None, _) if compound_start && b.is_ascii_alphabetic() => {
                let end = ident_end(i);
                tag = css.get(i..end);
                (i, compound_start) = (end, false);
                continue;
            }
            _ => compound_start = false,
        }
        i += 1;
    }
    let alt = out.last_mut()?;
    finish(alt, id, class, tag);
    alt.css = css.get(alt_start..)?.trim();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::page::{compile, parse_document};

    fn subjects(css: &str) -> Option<Vec<Key>> {
        assert!(scan(css).is_none_or(|alts| alts.iter().all(|a| css.contains(a.css))));
        scan(css)?.into_iter().map(|a| a.subject).collect()
    }

    #[test]
    fn subject_keys_of_alternatives() {
        let class = |c: &str| Key::Class(c.into());
        assert_eq!(subjects("div.post_wrapper div.keyinfo.x"), Some(vec![class("keyinfo")]));
        assert_eq!(subjects(".a > .b, li.c:not(.d)"), Some(vec![class("b"), class("c")]));
        assert_eq!(subjects(".a div"), Some(vec![Key::Tag("div".into())]));
        assert_eq!(subjects("form#quickModForm"), Some(vec![Key::Id("quickModForm".into())]));
        assert_eq!(
            subjects("a[href*='x.php?a=1, b'] , DIV[id^=\"p\"]"),
            Some(vec![Key::Tag("a".into()), Key::Tag("div".into())])
        );
        assert_eq!(subjects(".a, [data-x]"), None);
        assert_eq!(subjects("* > .b"), Some(vec![class("b")]));
        assert_eq!(subjects(".a *"), None);
        assert_eq!(subjects("#posts .post "), Some(vec![class("post")]));
        assert_eq!(subjects("td > .a ,td  ~  p"), Some(vec![class("a"), Key::Tag("p".into())]));
        assert_eq!(subjects(r".a\:b"), None);
    }

    #[test]
    fn classes_alternatives_require() {
        let classes = |css| scan(css).map(|alts| alts.into_iter().map(|a| a.classes).collect::<Vec<_>>());
        assert_eq!(
            classes("div.post dl.postprofile, td.x"),
            Some(vec![vec!["post", "postprofile"], vec!["x"]])
        );
        assert_eq!(classes("a[href*='.php'], div:not(.a)"), Some(vec![vec![], vec![]]));
        assert_eq!(
            classes("h2.normaltext ~ table div[style*='margin: 0 5ex']"),
            Some(vec![vec!["normaltext"]])
        );
    }

    /// Every select through the index gives what `Html::select` gives, in the same order.
    #[test]
    fn page_select_agrees_with_html_select() {
        let html = r#"<div id=a class="x y"><p class=x>1</p><span id=b>2<a href="/u1" class=y>3</a></span></div>
            <ul class=x><li>4<li class="y z">5</ul><A HREF=/u2>6</A><b class=X id=A>7</b>"#;
        let doc = parse_document(html);
        // No doctype: quirks mode, where scraper still matches classes and ids exactly.
        assert_eq!(doc.quirks_mode, html5ever::tree_builder::QuirksMode::Quirks);
        let page = Document::new(&doc);
        for css in [
            ".x",
            ".y, .x",
            "#a .x",
            "span#b > a.y",
            "li",
            "a[href^='/u']",
            "div, ul.x li",
            "*",
            "[href]",
            "li:not(.y)",
            "#nope",
            ".x.y",
            "p + span",
            ".X",
            "#A",
            "#a",
            "B.x, b#A, li.z",
            ":scope > p",
            "div :scope span",
        ] {
            let sel = compile(css);
            let ours: Vec<_> = page.select(&sel).map(|e| e.id()).collect();
            let theirs: Vec<_> = doc.select(&sel).map(|e| e.id()).collect();
            assert_eq!(ours, theirs, "{css}");
            for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
                let ours: Vec<_> = page.select_in(el, &sel).map(|e| e.id()).collect();
                let theirs: Vec<_> = el.select(&sel).map(|e| e.id()).collect();
                assert_eq!(ours, theirs, "{css} in {:?}", el.value());
                let last = page.select_in(el, &sel).next_back().map(|e| e.id());
                assert_eq!(last, theirs.last().copied(), "{css} in {:?}", el.value());
            }
        }
    }
}
