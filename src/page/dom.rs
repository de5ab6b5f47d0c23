//! DOM helpers: one set, with names that say whether an element counts as inside itself
//! ([`contains`] counts it, [`is_descendant`] does not).

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};

use crate::normalize::text::{non_empty, squash};

/// The first descendant of `el` matching `sel`.
pub(crate) fn first<'a>(el: ElementRef<'a>, sel: &Selector) -> Option<ElementRef<'a>> {
    el.select(sel).next()
}

/// Whether `el` has class `class` (ASCII case-sensitive, as HTML classes are).
pub(crate) fn has_class(el: ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// The nearest ancestor of `el` (not `el` itself) matching `sel`.
pub(crate) fn closest<'a>(el: ElementRef<'a>, sel: &Selector) -> Option<ElementRef<'a>> {
    el.ancestors().filter_map(ElementRef::wrap).find(|a| sel.matches(a))
}

/// Whether `el` is `outer` or lies inside it.
pub(crate) fn contains(outer: ElementRef<'_>, el: ElementRef<'_>) -> bool {
    el.id() == outer.id() || is_descendant(el, outer)
}

/// Whether `el` lies inside `ancestor` (`ancestor` itself excluded).
pub(crate) fn is_descendant(el: ElementRef<'_>, ancestor: ElementRef<'_>) -> bool {
    el.ancestors().any(|a| a.id() == ancestor.id())
}

/// The first descendant of `el` matching `sel` that is not inside any of `outside` (nor one
/// of them).
pub(crate) fn first_outside<'a>(
    el: ElementRef<'a>,
    sel: &Selector,
    outside: &[ElementRef<'_>],
) -> Option<ElementRef<'a>> {
    el.select(sel).find(|e| !outside.iter().any(|o| contains(*o, *e)))
}

/// The text of an element, whitespace squashed.
pub(crate) fn text(el: ElementRef<'_>) -> String {
    squash(&el.text().collect::<String>())
}

/// The text of an element, whitespace squashed; `None` when empty.
pub(crate) fn non_empty_text(el: ElementRef<'_>) -> Option<String> {
    non_empty(&el.text().collect::<String>())
}

/// The text of `el`'s own text children (not of its child elements), whitespace squashed.
pub(crate) fn own_text(el: ElementRef<'_>) -> String {
    squash(&el.children().filter_map(|c| c.value().as_text().map(|t| t.to_string())).collect::<String>())
}

/// The text lines of an element (an author-block item, say): `<br>` and nested blocks
/// (`li ul div p`) split lines, scripts and styles are left out, and so are link texts
/// (profile, ignore, PM buttons) unless `links` is set (a value shown as a link, such as
/// MyBB's reputation).
pub(crate) fn text_lines(item: ElementRef<'_>, links: bool) -> Vec<String> {
    enum Step<'a> {
        Node(ego_tree::NodeRef<'a, scraper::Node>),
        Break,
    }
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut stack: Vec<Step<'_>> = item.children().rev().map(Step::Node).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Break => {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            Step::Node(node) => node,
        };
        match node.value() {
            scraper::Node::Text(t) => current.push_str(t),
            scraper::Node::Element(e) => match e.name() {
                "br" => lines.push(std::mem::take(&mut current)),
                "a" if !links => {}
                "script" | "style" => {}
                "li" | "ul" | "div" | "p" => {
                    lines.push(std::mem::take(&mut current));
                    stack.push(Step::Break);
                    stack.extend(node.children().rev().map(Step::Node));
                }
                _ => stack.extend(node.children().rev().map(Step::Node)),
            },
            _ => {}
        }
    }
    lines.push(current);
    lines.into_iter().filter_map(|l| non_empty(&l)).collect()
}

/// For each post body, its post container: the largest ancestor that contains it and no
/// other body, or, sooner, the first such ancestor that `stop` accepts (an engine's own
/// post element, so that a page of one post does not take the whole page as its post).
pub(crate) fn containers<'a>(
    doc: &'a Html,
    bodies: &[ElementRef<'a>],
    stop: impl Fn(ElementRef<'a>) -> bool,
) -> Vec<ElementRef<'a>> {
    let mut counts: HashMap<NodeId, usize> = HashMap::new();
    for body in bodies {
        for a in body.ancestors() {
            *counts.entry(a.id()).or_default() += 1;
        }
    }
    bodies
        .iter()
        .map(|body| {
            let mut best = *body;
            for a in body.ancestors().filter_map(ElementRef::wrap) {
                if counts.get(&a.id()) == Some(&1) && a.id() != doc.root_element().id() {
                    best = a;
                    if stop(a) {
                        break;
                    }
                } else {
                    break;
                }
            }
            best
        })
        .collect()
}
