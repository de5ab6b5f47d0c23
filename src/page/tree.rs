//! Building a page's tree: elements written self-closing are closed first, then
//! html5ever parses, then the tree is repaired where its parent links disagree with its child
//! lists.

use scraper::Html;

use super::build::Budget;
use crate::error::Error;
use crate::limits;

/// Elements whose content an HTML parser reads as raw text, up to their end tag.
const RAW_TEXT: &[&str] =
    &["iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp"];

/// Closes the elements written self-closing (`<iframe src=".."/>`, `<span id="post-1"/>`)
/// as pages saved from an XML serialization of the DOM have them, and as the DOM they were
/// saved from had them: empty. An HTML parser leaves such an element open: a raw-text one
/// reads everything after it as its text, up to an end tag that never comes (the rest of the
/// page is lost); any other wraps the blocks after it in its parent, so that a post's parts
/// nest in one another. Which tags count: [`limits::closes_itself`]; raw-text elements are
/// closed whatever stands before their `/`. Comments, the content of raw-text elements, and
/// SVG and MathML (where `/>` is read as written) are left as they are.
pub(crate) fn close_self_closed_tags(html: &str) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out = String::new();
    let mut copied = 0;
    let mut foreign = 0usize;
    let mut i = 0;
    while let Some(off) = html.get(i..).and_then(|rest| rest.find('<')) {
        let start = i + off;
        if html[start..].starts_with("<!--") {
            i = html[start + 4..].find("-->").map_or(html.len(), |e| start + 4 + e + 3);
            continue;
        }
        let end_tag = html[start + 1..].starts_with('/');
        let name_start = start + 1 + usize::from(end_tag);
        let name_end = html[name_start..]
            .find(|c: char| !c.is_ascii_alphanumeric())
            .map_or(html.len(), |e| name_start + e);
        let name = &html[name_start..name_end];
        i = name_start;
        let is_foreign = name.eq_ignore_ascii_case("svg") || name.eq_ignore_ascii_case("math");
        if end_tag {
            foreign = foreign.saturating_sub(usize::from(is_foreign));
            continue;
        }
        if name.is_empty() {
            continue;
        }
        // The end of the start tag, past quoted attribute values.
        let mut end = name_end;
        let mut quote = None;
        while end < bytes.len() {
            match (quote, bytes[end]) {
                (Some(q), b) if b == q => quote = None,
                (None, b'"' | b'\'') => quote = Some(bytes[end]),
                (None, b'>') => break,
                _ => {}
            }
            end += 1;
        }
        if end >= bytes.len() {
            break;
        }
        let raw_text = RAW_TEXT.iter().any(|r| r.eq_ignore_ascii_case(name));
        let self_closing = end > name_end && bytes[end - 1] == b'/';
        let closes = self_closing
            && (raw_text
                || foreign == 0 && limits::closes_itself(name.as_bytes(), &bytes[name_end..end - 1]));
        if closes {
            out.push_str(&html[copied..end - 1]);
            out.push_str("></");
            out.push_str(name);
            out.push('>');
            copied = end + 1;
            i = end + 1;
        } else if raw_text {
            i = end_tag_at(html, end + 1, name).unwrap_or(html.len());
        } else {
            if is_foreign && !self_closing {
                foreign += 1;
            }
            i = end + 1;
        }
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(html);
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Where the end tag `</name` starts at or after `from`, case-insensitively.
fn end_tag_at(html: &str, from: usize, name: &str) -> Option<usize> {
    let mut i = from;
    while let Some(off) = html.get(i..)?.find("</") {
        let at = i + off;
        let candidate = html.get(at + 2..at + 2 + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name)) {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// [`build_document`] with the default limits, for callers that read a page without a
/// parser (`detect`, tests): a page past them gives an [`empty_document`].
pub(crate) fn parse_document(html: &str) -> Html {
    let budget = Budget::new(html.len(), limits::DEFAULT_MAX_DEPTH);
    build_document(html, limits::Tags { self_closed: true }, &budget).unwrap_or_else(|_| empty_document())
}

/// The document of an empty page: `html`, `head` and `body`, as readers of a page expect
/// (`Html::root_element` panics without `html`).
pub(crate) fn empty_document() -> Html {
    Html::parse_document("")
}

/// Parses a page into a tree whose parent links agree with its child lists, within `budget`
/// (see [`super::build`]), and whose elements nest no deeper than the budget allows.
///
/// html5ever's adoption agency (misnested or self-closed formatting tags such as XenForo
/// 1's `<a name="post1"/>`) moves children from one element to another, and ego-tree 0.10's
/// `reparent_from_id_append` updates the parent link of the first and last moved child
/// only: the others keep their old parent, so `ancestors()`, `descendants()` and scoped
/// `select()` disagree with the child lists (a post's element then seems not to hold its
/// own permalink). Copying the tree along its child lists gives every node its true parent.
///
/// The copy is made in document order, which is also the order `Html::select` returns
/// matches in (it walks the node arena, not the tree).
///
/// Elements written self-closing are closed first when [`limits::scan_tags`] saw one (see
/// [`close_self_closed_tags`]).
///
/// # Errors
/// As [`super::build::build`]; [`Error::TooDeep`] when the finished tree nests deeper than
/// the budget's depth (not counting `html` and `body`).
pub(crate) fn build_document(html: &str, tags: limits::Tags, budget: &Budget) -> Result<Html, Error> {
    let doc = if tags.self_closed {
        super::build::build(&close_self_closed_tags(html), budget)?
    } else {
        super::build::build(html, budget)?
    };
    let (depth, sound) = survey(&doc.tree);
    if depth > budget.max_depth() {
        return Err(Error::TooDeep { limit: budget.max_depth() });
    }
    if sound {
        return Ok(doc);
    }
    Ok(repair(doc))
}

/// `doc` with its tree copied along its child lists, in document order.
fn repair(doc: Html) -> Html {
    // The nodes in document order, each as (its place in the arena, its parent's place in
    // the new tree), so that their values move into the new tree instead of being cloned.
    let arena: std::collections::HashMap<ego_tree::NodeId, usize> =
        doc.tree.nodes().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let place = |node: ego_tree::NodeRef<'_, scraper::Node>| arena.get(&node.id()).copied();
    let mut order: Vec<(Option<usize>, usize)> = Vec::with_capacity(arena.len());
    let mut stack: Vec<_> = doc.tree.root().children().rev().map(|c| (c, 0)).collect();
    while let Some((node, parent)) = stack.pop() {
        order.push((place(node), parent));
        let copy = order.len();
        stack.extend(node.children().rev().map(|c| (c, copy)));
    }
    let root = place(doc.tree.root());
    let mut seen = vec![false; arena.len()];
    let moves = std::iter::once(root)
        .chain(order.iter().map(|(p, _)| *p))
        .all(|p| p.and_then(|p| seen.get_mut(p)).is_some_and(|s| !std::mem::replace(s, true)));
    if !moves {
        return copy_tree(doc);
    }
    let Html { errors, quirks_mode, tree: old } = doc;
    let mut values: Vec<Option<scraper::Node>> = old.into_iter().map(Some).collect();
    let mut take = |p: Option<usize>| p.and_then(|p| values.get_mut(p)).and_then(Option::take);
    let Some(root_value) = take(root) else { return Html::new_document() };
    let mut tree = ego_tree::Tree::with_capacity(root_value, order.len() + 1);
    let mut ids = Vec::with_capacity(order.len() + 1);
    ids.push(tree.root().id());
    for (p, parent) in order {
        let (Some(value), Some(&parent)) = (take(p), ids.get(parent)) else { break };
        let Some(mut parent) = tree.get_mut(parent) else { break };
        ids.push(parent.append(value).id());
    }
    Html { errors, quirks_mode, tree }
}

/// A copy of `doc`'s tree built by walking it from the root, cloning every value.
fn copy_tree(doc: Html) -> Html {
    let old = &doc.tree;
    let mut tree = ego_tree::Tree::with_capacity(old.root().value().clone(), old.nodes().len());
    let root = tree.root().id();
    let mut stack: Vec<_> = old.root().children().rev().map(|c| (c, root)).collect();
    while let Some((node, parent)) = stack.pop() {
        let Some(mut parent) = tree.get_mut(parent) else { continue };
        let copy = parent.append(node.value().clone()).id();
        stack.extend(node.children().rev().map(|c| (c, copy)));
    }
    Html { errors: doc.errors, quirks_mode: doc.quirks_mode, tree }
}

/// One walk along the child lists: how deep elements nest below `html` and `body` (an
/// element's depth below the document, less 2), and whether the tree needs no repair: every
/// node's parent link agrees with the child list it is in, and the node arena is in
/// document order.
fn survey(tree: &ego_tree::Tree<scraper::Node>) -> (usize, bool) {
    let mut arena = tree.nodes();
    let root = tree.root();
    let mut sound = arena.next().is_some_and(|a| a.id() == root.id());
    let mut path = vec![root];
    let mut next = root.first_child();
    let mut deepest = 0;
    loop {
        match next {
            Some(node) => {
                sound = sound
                    && arena.next().is_some_and(|a| a.id() == node.id())
                    && node.parent().map(|p| p.id()) == path.last().map(|p| p.id());
                path.push(node);
                if node.value().is_element() {
                    deepest = deepest.max(path.len() - 1);
                }
                next = node.first_child();
            }
            None => {
                let Some(done) = path.pop() else { break };
                if path.is_empty() {
                    break;
                }
                next = done.next_sibling();
            }
        }
    }
    (deepest.saturating_sub(2), sound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_closed_elements_are_closed() {
        let cases = [
            (r#"<p>a</p><iframe src="x"/><p>b</p>"#, r#"<p>a</p><iframe src="x"></iframe><p>b</p>"#),
            (r#"<IFRAME title="a/>b" />x"#, r#"<IFRAME title="a/>b" ></IFRAME>x"#),
            (
                "<script>if (a<b) x('<iframe/>');</script><p/>",
                "<script>if (a<b) x('<iframe/>');</script><p></p>",
            ),
            ("<!-- <iframe/> --><p>x</p>", "<!-- <iframe/> --><p>x</p>"),
            ("<div/><a/>", "<div></div><a></a>"),
            (
                r#"<span class="u-anchorTarget" id="post-1"/><div>x</div>"#,
                r#"<span class="u-anchorTarget" id="post-1"></span><div>x</div>"#,
            ),
            ("<br/><img src=x /><a href=x/>y</a>", "<br/><img src=x /><a href=x/>y</a>"),
            ("<svg><path d='M0'/></svg><i/>", "<svg><path d='M0'/></svg><i></i>"),
            ("<iframe", "<iframe"),
        ];
        for (html, want) in cases {
            assert_eq!(close_self_closed_tags(html), want, "{html}");
        }
    }

    /// XenForo 1 pages self-close anchors (`<a name="post1"/>`); html5ever then moves the
    /// post's blocks from one reconstructed anchor to another.
    const MISNESTED: &str = r#"<ol><li class="message" id="post-1"><a name="post1"/>
        <div class="user"><h3>alice</h3></div><div class="info"><p>one</p><p>two</p>
        <div class="meta"><a class="postNumber" href="t/1/">#1</a></div></div></li></ol>"#;

    #[test]
    fn parent_links_agree_with_child_lists() {
        let doc = parse_document(MISNESTED);
        for node in doc.tree.nodes() {
            for child in node.children() {
                assert_eq!(child.parent().map(|p| p.id()), Some(node.id()));
            }
        }
        let li = doc.select(&crate::page::compile("li.message")).next().expect("li");
        assert_eq!(li.select(&crate::page::compile("a.postNumber")).count(), 1);
        let order: Vec<_> = doc.tree.nodes().map(|n| n.id()).collect();
        let walk: Vec<_> = doc.tree.root().descendants().map(|n| n.id()).collect();
        assert_eq!(order, walk, "arena order is document order");
    }
}
