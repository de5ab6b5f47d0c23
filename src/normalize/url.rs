//! URLs: making links absolute, judging their schemes, reading ids out of query strings
//! and paths.

use url::Url;

use crate::model::{Link, Quote, Thread};

/// The schemes a URL the crate outputs may have. Any other (`javascript:`, `vbscript:`,
/// `data:`, `file:`, ...) leaves the field empty; relative URLs (no scheme) pass.
const SAFE_SCHEMES: &[&str] = &["http", "https", "ftp", "mailto"];

/// Whether `scheme` (as [`Url::scheme`] gives it, lowercase) is one of [`SAFE_SCHEMES`].
pub(crate) fn is_safe_scheme(scheme: &str) -> bool {
    SAFE_SCHEMES.contains(&scheme)
}

/// Whether `href` is relative or has one of [`SAFE_SCHEMES`], read as the URL standard
/// (and so a browser) reads it: leading and trailing C0 controls and spaces stripped, tabs
/// and newlines removed anywhere (`jav\tascript:` is `javascript:`), then an ASCII letter
/// followed by letters, digits, `+`, `-` or `.` up to a `:` is the scheme, in any case. A
/// string that does not start so has no scheme: it is a relative reference.
pub(crate) fn is_safe(href: &str) -> bool {
    // Long enough for every safe scheme; a longer one is not safe.
    let mut scheme = [0u8; 8];
    let cleaned =
        href.trim_matches(|c: char| c <= ' ').bytes().filter(|b| !matches!(b, b'\t' | b'\n' | b'\r'));
    for (len, b) in cleaned.enumerate() {
        if b == b':' && len > 0 {
            return scheme.get(..len).is_some_and(|s| SAFE_SCHEMES.iter().any(|safe| safe.as_bytes() == s));
        }
        let in_scheme = if len == 0 {
            b.is_ascii_alphabetic()
        } else {
            b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.')
        };
        if !in_scheme {
            return true;
        }
        if let Some(slot) = scheme.get_mut(len) {
            *slot = b.to_ascii_lowercase();
        }
    }
    true
}

/// Resolves `href` against `base`; without a base, returns `href` trimmed. `None` when it
/// is empty or has a scheme other than http, https, ftp and mailto (see [`is_safe`]): a
/// `javascript:` pseudo-link, `data:` and `vbscript:` URLs, however they are disguised.
/// A relative `href` takes the base's scheme: the caller's, or an http(s) or ftp one read
/// from the page (`Ctx::read_page`).
pub(crate) fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || !is_safe(href) {
        return None;
    }
    match base {
        Some(base) => base.join(href).ok().map(String::from),
        None => Some(href.to_owned()),
    }
}

/// Clears every URL field of `thread` that `keep` refuses: the links of posts and
/// signatures go, a source goes with its URL, every other field becomes `None`. The
/// engines read URLs through [`resolve`]; this is the net under URLs an engine builds
/// itself (from a JSON field, a base URL's path).
pub(crate) fn retain_urls(thread: &mut Thread, keep: impl Fn(&str) -> bool) {
    let field = |url: &mut Option<String>| {
        if url.as_deref().is_some_and(|u| !keep(u)) {
            *url = None;
        }
    };
    let links = |links: &mut Vec<Link>| links.retain(|l| l.url.as_deref().is_none_or(&keep));
    fn quotes(list: &mut [Quote], field: &dyn Fn(&mut Option<String>)) {
        for q in list {
            field(&mut q.url);
            quotes(&mut q.quotes, field);
        }
    }
    field(&mut thread.url);
    if let Some(site) = &mut thread.site {
        field(&mut site.url);
    }
    field(&mut thread.topic.url);
    if let Some(board) = &mut thread.topic.board {
        field(&mut board.url);
    }
    for crumb in &mut thread.topic.breadcrumbs {
        field(&mut crumb.url);
    }
    field(&mut thread.page.next_url);
    field(&mut thread.page.prev_url);
    for post in &mut thread.posts {
        field(&mut post.url);
        field(&mut post.author.url);
        field(&mut post.author.avatar_url);
        quotes(&mut post.quotes, &field);
        if let Some(article) = &mut post.article {
            field(&mut article.source_url);
        }
        if post.source.as_ref().is_some_and(|s| !keep(&s.url)) {
            post.source = None;
        }
        links(&mut post.links);
        if let Some(sig) = &mut post.signature {
            links(&mut sig.links);
        }
        for attachment in &mut post.attachments {
            field(&mut attachment.url);
        }
    }
}

/// The host of an absolute URL ("www.ice.gov").
pub(crate) fn domain(url: &str) -> Option<String> {
    Url::parse(url).ok()?.host_str().map(str::to_owned)
}

/// The value of query parameter `name` in `href`, which may be relative. SMF-style values
/// such as `topic=266.0` or `msg=19476` are returned whole; see [`leading_id`].
pub(crate) fn query_param(href: &str, name: &str) -> Option<String> {
    let query = href.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split([';', '&']).find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        k.eq_ignore_ascii_case(name).then(|| v.to_owned())
    })
}

/// The leading run of ASCII digits of `s` ("266.0" gives "266").
pub(crate) fn leading_id(s: &str) -> Option<String> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    (!digits.is_empty()).then_some(digits)
}

/// The post id a permalink points at: `#msg123`, `msg=123`, `.msg123`, `p=123`, `#p123`,
/// `#post123`, `#post-123`, `pid=123`, `#comment-123`, and XenForo's path forms
/// `threads/slug.5/post-123` and `goto/post?id=123`; the first match in that order of
/// specificity wins.
pub(crate) fn post_id(href: &str) -> Option<String> {
    let fragment = href.rsplit_once('#').map(|(_, f)| f);
    if let Some(f) = fragment {
        for prefix in ["msg", "post-", "post", "p", "pid", "comment-", "reply-"] {
            if let Some(id) =
                f.strip_prefix(prefix).filter(|r| !r.is_empty() && r.bytes().all(|b| b.is_ascii_digit()))
            {
                return Some(id.to_owned());
            }
        }
    }
    for name in ["msg", "p", "pid", "postid", "post"] {
        if let Some(id) = query_param(href, name).as_deref().and_then(leading_id) {
            return Some(id);
        }
    }
    // SMF "topic=266.msg5687" and queryless "topic,66925.msg556541.html".
    if let Some(i) = href.find(".msg") {
        return leading_id(&href[i + 4..]);
    }
    // XenForo: "threads/slug.5/post-123" and "goto/post?id=123".
    let path = href.split(['?', '#']).next().unwrap_or(href);
    if let Some((_, last)) = path.trim_end_matches('/').rsplit_once("/post-") {
        if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) {
            return Some(last.to_owned());
        }
    }
    if path.ends_with("goto/post") {
        return query_param(href, "id").as_deref().and_then(leading_id);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_in_smf_and_phpbb_urls() {
        let smf = "index.php?topic=266.msg19476;topicseen#msg19476";
        assert_eq!(query_param(smf, "topic").as_deref(), Some("266.msg19476"));
        assert_eq!(query_param(smf, "topicseen"), None);
        assert_eq!(query_param("viewtopic.php?f=2&t=17", "t").as_deref(), Some("17"));
        assert_eq!(leading_id("266.msg19476").as_deref(), Some("266"));
    }

    #[test]
    fn post_ids_of_permalinks() {
        let cases = [
            ("index.php?topic=266.msg5687#msg5687", Some("5687")),
            ("index.php/topic,66925.msg556541.html?PHPSESSID=9#msg556541", Some("556541")),
            ("index.php?topic=266.msg5687", Some("5687")),
            ("viewtopic.php?p=123#p123", Some("123")),
            ("viewtopic.php?f=2&t=17", None),
            ("showthread.php?t=5&p=77#post77", Some("77")),
            ("index.php?topic=266.0", None),
            ("/threads/custom-tags-examples.44340/post-261446", Some("261446")),
            ("goto/post?id=12323222#post-12323222", Some("12323222")),
            ("/forum/goto/post?id=24019707", Some("24019707")),
            ("threads/df-hilferuf.416785/", None),
        ];
        for (href, want) in cases {
            assert_eq!(post_id(href).as_deref(), want, "{href}");
        }
    }

    #[test]
    fn resolve_and_domain() {
        let base = Url::parse("https://forum.example/index.php?topic=1.0").ok();
        assert_eq!(
            resolve(base.as_ref(), "index.php?topic=2.0").as_deref(),
            Some("https://forum.example/index.php?topic=2.0")
        );
        assert_eq!(resolve(None, "javascript:void(0)"), None);
        assert_eq!(domain("https://www.ice.gov/news").as_deref(), Some("www.ice.gov"));
    }

    /// Schemes as a browser reads them: every disguise of an unsafe one is refused, every
    /// relative reference passes, with or without a base URL.
    #[test]
    fn unsafe_schemes_are_refused() {
        let base = Url::parse("https://forum.example/t/1").ok();
        let refused = [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "\u{0}\u{1f} javascript:alert(1)",
            "jav\tascript:alert(1)",
            "jav\nascript:alert(1)",
            "java\r\nscript:alert(1)",
            "javascript\t:alert(1)",
            "\tjavascript:alert(1)\u{1}",
            "data:text/html,<script>alert(1)</script>",
            "DATA:image/svg+xml;base64,PHN2Zz4=",
            "vbscript:msgbox(1)",
            "livescript:x",
            "file:///etc/passwd",
            "chrome-extension://abc/x",
            "ios-app://1/x",
            "tel:+123",
            "magnet:?xt=urn:btih:x",
            "c:\\windows",
            "javascript://x/%0aalert(1)",
            "javascriptjavascript:x",
        ];
        for href in refused {
            assert!(!is_safe(href), "{href:?}");
            assert_eq!(resolve(None, href), None, "{href:?}");
            assert_eq!(resolve(base.as_ref(), href), None, "{href:?} with a base");
        }
        // A browser sees no scheme behind a no-break space, but `resolve` trims it, and what
        // it would return is judged.
        assert_eq!(resolve(None, "\u{a0}javascript:alert(1)"), None);
        assert_eq!(resolve(base.as_ref(), "\u{a0}javascript:alert(1)"), None);
        let kept = [
            ("https://x.example/a", "https://x.example/a"),
            ("HTTP://x.example/a", "http://x.example/a"),
            ("ftp://x.example/f", "ftp://x.example/f"),
            ("mailto:a@x.example", "mailto:a@x.example"),
            ("/u/alice", "https://forum.example/u/alice"),
            ("//cdn.example/a.png", "https://cdn.example/a.png"),
            ("index.php?topic=1.0", "https://forum.example/t/index.php?topic=1.0"),
            ("#msg5", "https://forum.example/t/1#msg5"),
            // No scheme where a browser sees none: a character that cannot be in a scheme
            // comes before the colon.
            ("java script:x", "https://forum.example/t/java%20script:x"),
            ("java\u{0}script:x", "https://forum.example/t/java%00script:x"),
            ("\u{feff}javascript:x", "https://forum.example/t/%EF%BB%BFjavascript:x"),
            ("1javascript:x", "https://forum.example/t/1javascript:x"),
            ("./javascript:x", "https://forum.example/t/javascript:x"),
        ];
        for (href, resolved) in kept {
            assert!(is_safe(href), "{href:?}");
            assert_eq!(resolve(None, href).as_deref(), Some(href.trim()), "{href:?}");
            assert_eq!(resolve(base.as_ref(), href).as_deref(), Some(resolved), "{href:?} with a base");
        }
    }

    /// The net clears every URL field of the model it is given an unsafe URL in.
    #[test]
    fn every_url_field_is_cleared() {
        use crate::model::{Article, Attachment, Author, Board, Post, Signature, Site, Source};
        let bad = || Some("jav\tascript:x".to_owned());
        let link = || Link { url: bad(), text: "t".into() };
        let ok = Link { url: Some("/ok".into()), text: "ok".into() };
        let mut thread = Thread {
            url: bad(),
            site: Some(Site { url: bad(), ..Site::default() }),
            ..Thread::new(crate::model::Engine::Smf, crate::model::Format::Html)
        };
        thread.topic.url = bad();
        thread.topic.board = Some(Board { url: bad(), ..Board::default() });
        thread.topic.breadcrumbs = vec![link()];
        thread.page.next_url = bad();
        thread.page.prev_url = bad();
        let nested =
            Quote { url: bad(), quotes: vec![Quote { url: bad(), ..Quote::default() }], ..Quote::default() };
        thread.posts.push(Post {
            url: bad(),
            author: Author { url: bad(), avatar_url: bad(), ..Author::default() },
            quotes: vec![nested],
            article: Some(Article { source_url: bad(), ..Article::default() }),
            source: Some(Source { url: "data:text/html,x".into(), ..Source::default() }),
            links: vec![link(), ok.clone()],
            signature: Some(Signature { links: vec![ok.clone(), link()], ..Signature::default() }),
            attachments: vec![Attachment { url: bad(), ..Attachment::default() }],
            ..Post::default()
        });
        retain_urls(&mut thread, is_safe);
        let json = serde_json::to_string(&thread).unwrap_or_default();
        assert!(!json.contains("script:") && !json.contains("data:"), "{json}");
        assert_eq!(thread.topic.breadcrumbs.len(), 1, "a crumb keeps its text");
        assert_eq!(thread.posts[0].links, std::slice::from_ref(&ok));
        assert_eq!(thread.posts[0].signature.as_ref().map(|s| s.links.clone()), Some(vec![ok]));
    }
}
