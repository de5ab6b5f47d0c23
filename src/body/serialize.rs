//! HTML serialization of a parsed subtree: what `ElementRef::html` and
//! `ElementRef::inner_html` give (html5ever's `HtmlSerializer` with scraper's options), without
//! their cost (html5ever escapes text one `write!` per character, which made serializing post
//! bodies the largest cost of parsing pages with long posts), and, for post bodies and
//! signatures, leaving out the engine's chrome and sanitizing in the same walk (see
//! [`body_html`] and `super::sanitize`), so that no body is parsed a second time.
//!
//! The rules copied from html5ever 0.35 `serialize/mod.rs`: the children of void elements
//! (`br`, `img`, ...) are not written, text is escaped (`&`, U+00A0, `<`, `>`) unless its parent
//! is a raw-text HTML element (`style`, `script`, ...; `noscript` is escaped, scraper serializes
//! with scripting off), attribute values escape `&`, U+00A0 and `"`; comments and doctypes
//! are written as they are; processing instructions are not written (scraper skips them).
//! One difference: a carriage return left in the tree is written as a line feed.

use ego_tree::iter::Edge;
use html5ever::{LocalName, local_name, ns};
use scraper::{ElementRef, Node};

use super::render::{Markup, Role};
use super::sanitize::{self, Verdict};

/// `el.html()`.
#[cfg(test)]
pub(crate) fn outer_html(el: ElementRef<'_>) -> String {
    write(el, &Options { include_node: true, markup: None, sanitize: false })
}

/// `el.inner_html()`.
#[cfg(test)]
pub(crate) fn inner_html(el: ElementRef<'_>) -> String {
    write(el, &Options { include_node: false, markup: None, sanitize: false })
}

/// The inner HTML of a post body or signature, trimmed: without the chrome `markup` gives
/// [`Role::Skip`] (buttons, "Code:" labels) unless it is inside a quote, where it often
/// carries who is quoted; sanitized (see [`sanitize`]) when `sanitize` is set.
pub(crate) fn body_html(el: ElementRef<'_>, markup: Option<&dyn Markup>, sanitize: bool) -> String {
    write(el, &Options { include_node: false, markup, sanitize }).trim().to_owned()
}

struct Options<'a> {
    /// Whether `el` itself is written, or only its content.
    include_node: bool,
    /// Whose skipped chrome is left out.
    markup: Option<&'a dyn Markup>,
    sanitize: bool,
}

/// What the serializer keeps for each open element.
struct Open {
    /// The local name when the element is in the HTML namespace.
    html_name: Option<LocalName>,
    /// Whether the element's children are left out (a void element, or inside one; or a
    /// dropped or skipped element).
    ignore_children: bool,
    /// Whether its end tag is written.
    written: bool,
    /// Whether it is inside a quote of the body (chrome is kept there).
    in_quote: bool,
}

fn write(el: ElementRef<'_>, options: &Options<'_>) -> String {
    let mut out = String::new();
    let mut stack = vec![Open { html_name: None, ignore_children: false, written: false, in_quote: false }];
    let root = el.id();
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => {
                if node.id() == root && !options.include_node {
                    continue;
                }
                let Some(parent) = stack.last() else { continue };
                if parent.ignore_children {
                    if node.value().is_element() {
                        stack.push(Open {
                            html_name: None,
                            ignore_children: true,
                            written: false,
                            in_quote: false,
                        });
                    }
                    continue;
                }
                match node.value() {
                    Node::Doctype(doctype) if !options.sanitize => {
                        out.push_str("<!DOCTYPE ");
                        out.push_str(doctype.name());
                        out.push('>');
                    }
                    Node::Comment(comment) if !options.sanitize => {
                        out.push_str("<!--");
                        out.push_str(comment);
                        out.push_str("-->");
                    }
                    Node::Text(text) => {
                        let raw = parent.html_name.as_ref().is_some_and(|n| {
                            matches!(
                                *n,
                                local_name!("style")
                                    | local_name!("script")
                                    | local_name!("xmp")
                                    | local_name!("iframe")
                                    | local_name!("noembed")
                                    | local_name!("noframes")
                                    | local_name!("plaintext")
                            )
                        });
                        if raw {
                            out.push_str(text);
                        } else {
                            escape(&mut out, text, false);
                        }
                    }
                    Node::Element(elem) => {
                        let in_quote = parent.in_quote;
                        let (role, verdict) = match ElementRef::wrap(node) {
                            Some(element) => (
                                options.markup.map(|m| m.role(element)),
                                if options.sanitize { sanitize::verdict(&elem.name) } else { Verdict::Keep },
                            ),
                            None => (None, Verdict::Drop),
                        };
                        if verdict == Verdict::Drop || (role == Some(Role::Skip) && !in_quote) {
                            stack.push(Open {
                                html_name: None,
                                ignore_children: true,
                                written: false,
                                in_quote,
                            });
                            continue;
                        }
                        let html_name = (elem.name.ns == ns!(html)).then(|| elem.name.local.clone());
                        let ignore_children = html_name.as_ref().is_some_and(is_void);
                        let in_quote = in_quote || (role == Some(Role::Quote) && node.id() != root);
                        let written = verdict == Verdict::Keep;
                        stack.push(Open { html_name, ignore_children, written, in_quote });
                        if !written {
                            continue;
                        }
                        out.push('<');
                        out.push_str(&elem.name.local);
                        for (name, value) in elem.attrs.iter() {
                            if options.sanitize && !sanitize::keeps_attribute(&elem.name.local, name, value) {
                                continue;
                            }
                            out.push(' ');
                            match name.ns {
                                ns!() => {}
                                ns!(xml) => out.push_str("xml:"),
                                ns!(xmlns) if name.local != local_name!("xmlns") => out.push_str("xmlns:"),
                                ns!(xmlns) => {}
                                ns!(xlink) => out.push_str("xlink:"),
                                _ => out.push_str("unknown_namespace:"),
                            }
                            out.push_str(&name.local);
                            out.push_str("=\"");
                            escape(&mut out, value, true);
                            out.push('"');
                        }
                        out.push('>');
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if node.id() == root && !options.include_node {
                    continue;
                }
                if let Some(elem) = node.value().as_element() {
                    let open = stack.pop();
                    let void = open.as_ref().and_then(|o| o.html_name.as_ref()).is_some_and(is_void);
                    if open.is_some_and(|o| o.written) && !void {
                        out.push_str("</");
                        out.push_str(&elem.name.local);
                        out.push('>');
                    }
                }
            }
        }
    }
    out
}

/// Whether an HTML element is void: it has no end tag, and its children (which only a
/// script could have given it) are not written.
fn is_void(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("area")
            | local_name!("base")
            | local_name!("basefont")
            | local_name!("bgsound")
            | local_name!("br")
            | local_name!("col")
            | local_name!("embed")
            | local_name!("frame")
            | local_name!("hr")
            | local_name!("img")
            | local_name!("input")
            | local_name!("keygen")
            | local_name!("link")
            | local_name!("meta")
            | local_name!("param")
            | local_name!("source")
            | local_name!("track")
            | local_name!("wbr")
    )
}

/// Appends `text` escaped as html5ever does: `&`, U+00A0, and `"` in attribute values or `<`
/// and `>` in text. A carriage return becomes a line feed (`\r\n` one line feed), as HTML
/// parsing would have made it: html5ever 0.35's SIMD fast path leaves some in text.
fn escape(out: &mut String, text: &str, attr: bool) {
    let bytes = text.as_bytes();
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let entity = match b {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => "",
            b'\r' => "\n",
            b'&' => "&amp;",
            // U+00A0 is the one character encoded as C2 A0.
            0xC2 if bytes.get(i + 1) == Some(&0xA0) => "&nbsp;",
            b'"' if attr => "&quot;",
            b'<' if !attr => "&lt;",
            b'>' if !attr => "&gt;",
            _ => continue,
        };
        out.push_str(text.get(from..i).unwrap_or_default());
        out.push_str(entity);
        from = if b == 0xC2 { i + 2 } else { i + 1 };
    }
    out.push_str(text.get(from..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use scraper::Html;

    #[test]
    fn carriage_returns_are_line_feeds() {
        let mut out = String::new();
        super::escape(&mut out, "a\r\nb\rc\n", false);
        assert_eq!(out, "a\nb\nc\n");
    }

    #[test]
    fn same_bytes_as_scraper() {
        let page = r##"<!DOCTYPE html><html><body><div id=t class="a &quot;b&quot;" title='x&amp;y&nbsp;<z>'>
            a &amp; b &lt; c &gt; d&nbsp;e "q" 'é' 😀<br><img src="x.png?a=1&amp;b=2" alt="">
            <script>if (a < b && c > d) {}</script><style>p > a {}</style><noscript><b>x</b> &lt;</noscript>
            <xmp><b>raw</b></xmp><iframe src=x>in &amp; frame</iframe><textarea>t &lt; u</textarea>
            <!-- a comment --><svg viewBox="0 0 1 1" xmlns:xlink="http://www.w3.org/1999/xlink"><use xlink:href="#i"/><foreignObject><p>f</p></foreignObject></svg>
            <math><mi xml:lang="en">x</mi></math><table><tr><td>1<td>2</table><template><b>t</b></template>
            <p>un<b>closed<i>nest</b>ed</i></div></body></html>"##;
        let doc = Html::parse_document(page);
        let sel = crate::page::compile("*");
        for el in doc.select(&sel) {
            assert_eq!(super::inner_html(el), el.inner_html());
            assert_eq!(super::outer_html(el), el.html());
        }
        let root = doc.root_element();
        assert_eq!(super::outer_html(root), root.html());
    }
}
