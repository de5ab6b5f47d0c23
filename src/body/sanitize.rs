//! Safe HTML out: post bodies and signatures through `ammonia`, configured once.
//!
//! Kept: links (`href`, `title`), images (`src`, `alt`,
//! `title`, `width`, `height`), text formatting, lists, tables, headings, quotes (`blockquote`,
//! `cite`, `q`), code (`pre`, `code`) and `class` attributes (engines mark quotes, quote
//! headers and code blocks with them). Removed with their content: `script`, `style`,
//! `iframe`, `object`, `embed`, `noscript`, `template`, `textarea`, `select`. Removed, content
//! kept: every other element (`font`, `form`, unknown tags). Removed: event handlers, `style`
//! and `id` attributes, and URLs with schemes other than http, https, mailto, ftp, ftps,
//! news, nntp, irc, ircs, magnet, xmpp, tel (so `javascript:`, `vbscript:`, `data:` go).
//! Relative URLs stay as the page wrote them.

use std::collections::HashSet;
use std::sync::LazyLock;

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_generic_attributes(["class"])
        .add_tag_attributes("img", ["title"])
        .add_tag_attributes("a", ["title"])
        .url_schemes(HashSet::from([
            "http", "https", "mailto", "ftp", "ftps", "news", "nntp", "irc", "ircs", "magnet", "xmpp", "tel",
        ]))
        .clean_content_tags(HashSet::from([
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
        ]))
        .strip_comments(true)
        // `target` is not kept, so the `rel="noopener"` ammonia adds by default protects
        // nothing: leave links as the page wrote them.
        .link_rel(None);
    b
});

/// `html` with everything that could run, load or restyle removed (see the module docs).
pub(crate) fn clean(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::clean;

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
                r#"<img src="https://x.example/a.png" alt="a" title="t" width="10">"#,
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
}
