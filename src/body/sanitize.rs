//! Safe HTML out: what a sanitized post body or signature keeps. The policy is ammonia's
//! default one plus `class` (engines mark quotes, quote headers and code blocks with it) and
//! `title` on links and images, applied while the body is serialized from the page's own
//! tree (see [`super::serialize`]), so no body is parsed twice. `ammonia` checks it: the
//! `ammonia_agrees` test of this module and `tests/hostile.rs` run ammonia over our output
//! and expect nothing left to remove.
//!
//! Kept: links (`href`, `hreflang`, `title`), images (`src`, `alt`, `title`, `width`,
//! `height`, `align`), text formatting, lists, tables, headings, quotes (`blockquote`,
//! `cite`, `q`), code (`pre`, `code`), `class`, `lang` and `title` attributes. Removed with
//! their content: `script`, `style`, `iframe`, `object`, `embed`, `noscript`, `template`,
//! `textarea`, `select`, `svg`, `math` and everything outside the HTML namespace. Removed,
//! content kept: every other element (`font`, `form`, unknown tags). Removed: comments,
//! event handlers, `style` and `id` attributes, and URLs with schemes other than http,
//! https, mailto, ftp, ftps, news, nntp, irc, ircs, magnet, xmpp, tel (so `javascript:`,
//! `vbscript:`, `data:` go). Relative URLs stay as the page wrote them.
//!
//! Why the output is safe when a browser parses it again: only elements of the list below
//! are written, none of them raw text or foreign content, text is escaped (`<`, `>`, `&`)
//! and attribute values are double-quoted with `"` and `&` escaped; nothing written can
//! open an element that was not written as one.

use html5ever::{QualName, ns};

/// What becomes of an element of a body being sanitized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Verdict {
    /// Written, with its allowed attributes.
    Keep,
    /// Left out, its content written in its place.
    Unwrap,
    /// Left out with its content.
    Drop,
}

/// Elements written (ammonia's default list).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements dropped with their content: what runs, loads, restyles or takes input, and
/// the raw-text elements whose content is not markup.
const DROPPED: &[&str] = &[
    "script",
    "style",
    "iframe",
    "object",
    "embed",
    "noscript",
    "template",
    "textarea",
    "select",
    "noembed",
    "noframes",
    "xmp",
    "plaintext",
    "math",
    "svg",
];

/// Attributes kept on every written element.
const GENERIC_ATTRIBUTES: &[&str] = &["class", "lang", "title"];

/// Attributes kept on some elements.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("col", &["align", "char", "charoff", "span"]),
    ("colgroup", &["align", "char", "charoff", "span"]),
    ("del", &["cite", "datetime"]),
    ("hr", &["align", "size", "width"]),
    ("img", &["align", "alt", "height", "src", "width"]),
    ("ins", &["cite", "datetime"]),
    ("ol", &["start"]),
    ("q", &["cite"]),
    ("table", &["align", "char", "charoff", "summary"]),
    ("tbody", &["align", "char", "charoff"]),
    ("td", &["align", "char", "charoff", "colspan", "headers", "rowspan"]),
    ("tfoot", &["align", "char", "charoff"]),
    ("th", &["align", "char", "charoff", "colspan", "headers", "rowspan", "scope"]),
    ("thead", &["align", "char", "charoff"]),
    ("tr", &["align", "char", "charoff"]),
];

/// URL schemes a kept `href` or `src` may have.
const URL_SCHEMES: &[&str] =
    &["http", "https", "mailto", "ftp", "ftps", "news", "nntp", "irc", "ircs", "magnet", "xmpp", "tel"];

/// What becomes of element `name`.
pub(crate) fn verdict(name: &QualName) -> Verdict {
    let local: &str = &name.local;
    if name.ns != ns!(html) || DROPPED.contains(&local) {
        Verdict::Drop
    } else if TAGS.contains(&local) {
        Verdict::Keep
    } else {
        Verdict::Unwrap
    }
}

/// Whether attribute `attr` with `value` is kept on a written element `element`.
pub(crate) fn keeps_attribute(element: &str, attr: &QualName, value: &str) -> bool {
    let name: &str = &attr.local;
    let allowed = attr.ns == ns!()
        && (GENERIC_ATTRIBUTES.contains(&name)
            || TAG_ATTRIBUTES.iter().any(|(e, attrs)| *e == element && attrs.contains(&name)));
    if !allowed {
        return false;
    }
    if name != "href" && name != "src" {
        return true;
    }
    // As a browser reads the URL (tabs and newlines dropped, case folded): relative URLs
    // pass, absolute ones by their scheme, anything unreadable goes.
    match url::Url::parse(value) {
        Ok(url) => URL_SCHEMES.contains(&url.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use scraper::Html;

    /// `html` read as a body and written sanitized.
    pub(crate) fn clean(html: &str) -> String {
        let doc = Html::parse_fragment(html);
        super::super::serialize::body_html(doc.root_element(), None, true)
    }

    #[test]
    fn script_injection_is_removed() {
        let cases = [
            ("<script>alert(1)</script>hi", "hi"),
            ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>hi", "hi"),
            (r#"<img src="x.png" onerror="alert(1)">"#, r#"<img src="x.png">"#),
            (r#"<a href="javascript:alert(1)">x</a>"#, "<a>x</a>"),
            (r#"<a href=" JaVaScRiPt:alert(1)">x</a>"#, "<a>x</a>"),
            (r#"<a href="java&#x09;script:alert(1)">x</a>"#, "<a>x</a>"),
            (r#"<a href="vbscript:msgbox(1)">x</a>"#, "<a>x</a>"),
            (r#"<img src="data:image/svg+xml;base64,PHN2Zz4=">"#, "<img>"),
            (r#"<a href="data:text/html,<script>alert(1)</script>">x</a>"#, "<a>x</a>"),
            (r#"<iframe src="https://evil.example/"></iframe>ok"#, "ok"),
            (r#"<style>body{display:none}</style><p style="position:fixed">x</p>"#, "<p>x</p>"),
            (r#"<svg onload="alert(1)"><script>alert(1)</script></svg>ok"#, "ok"),
            (r#"<form action="https://evil.example/"><input name=p></form>ok"#, "ok"),
            (r#"<object data="x.swf"></object><embed src="x.swf">ok"#, "ok"),
            (r#"<div onclick="x()" id="a" class="quote">q</div>"#, r#"<div class="quote">q</div>"#),
            ("<!-- <script>alert(1)</script> -->ok", "ok"),
            (r#"<meta http-equiv="refresh" content="0;url=javascript:alert(1)">ok"#, "ok"),
            (r#"<base href="https://evil.example/">ok"#, "ok"),
            (r#"<img src=x onerror=alert(1)//"#, ""),
            (r#"<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>"#, ""),
            (r#"<a href="x" xlink:href="javascript:alert(1)">x</a>"#, r#"<a href="x">x</a>"#),
            // Read with scripting on, as the page was: `<noscript>` ends inside the title.
            (
                r#"<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>"#,
                r#"<img src="x">"&gt;"#,
            ),
        ];
        for (dirty, expected) in cases {
            assert_eq!(clean(dirty), expected, "{dirty}");
        }
    }

    #[test]
    fn forum_markup_is_kept() {
        let cases = [
            (
                r#"<div class="quoteheader"><a href="index.php?topic=1.msg2#msg2">Quote from: bob</a></div><blockquote class="bbc_standard_quote">hi<br>there</blockquote>"#,
                r#"<div class="quoteheader"><a href="index.php?topic=1.msg2#msg2">Quote from: bob</a></div><blockquote class="bbc_standard_quote">hi<br>there</blockquote>"#,
            ),
            (
                r#"<div class="codeheader">Code:</div><code class="bbc_code">a &lt; b</code>"#,
                r#"<div class="codeheader">Code:</div><code class="bbc_code">a &lt; b</code>"#,
            ),
            (
                r#"<img src="https://x.example/a.png" alt="a" title="t" width="10">"#,
                r#"<img alt="a" src="https://x.example/a.png" title="t" width="10">"#,
            ),
            (
                "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <ul><li>x</li></ul>",
                "<b>bold</b> <i>it</i> <u>u</u> <s>s</s> <ul><li>x</li></ul>",
            ),
            (
                r#"<span style="color: red;" class="bbc_color">red</span> <font size=4>big</font>"#,
                r#"<span class="bbc_color">red</span> big"#,
            ),
        ];
        for (html, expected) in cases {
            assert_eq!(clean(html), expected, "{html}");
        }
    }

    /// ammonia, configured with this module's policy, finds nothing to remove from what we
    /// write.
    #[test]
    fn ammonia_agrees() {
        use std::collections::HashSet;
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["class"])
            .add_tag_attributes("img", ["title"])
            .add_tag_attributes("a", ["title"])
            .url_schemes(super::URL_SCHEMES.iter().copied().collect::<HashSet<_>>())
            .clean_content_tags(super::DROPPED.iter().copied().collect::<HashSet<_>>())
            .link_rel(None);
        let pages = [
            include_str!("../../tests/fixtures/smf/smf20-curve-page2.html"),
            r#"<p>a<b>b<i>c</b>d</i></p><table><td>x<form><input></form><a href="javascript:x">y</a>"#,
            r#"<svg><iframe><a title="</iframe><img src onerror=alert(1)>">test"#,
            r#"<select><template><style><!--</style><a rel="--><img src onerror=alert(1)>">"#,
            r#"<a href="http://x/?a=1&amp;b=&quot;2&quot;" title="&lt;b&gt;">&lt;&amp;&gt;&nbsp;</a>"#,
        ];
        for page in pages {
            let ours = clean(page);
            assert_eq!(b.clean(&ours).to_string(), ours, "{page}");
        }
    }
}
