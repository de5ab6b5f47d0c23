//! URLs: making links absolute, reading ids out of query strings and paths.

use url::Url;

/// Resolves `href` against `base`; without a base, returns `href` unchanged unless it is
/// empty, a fragment-only link or a `javascript:` pseudo-link.
pub(crate) fn resolve(base: Option<&Url>, href: &str) -> Option<String> {
    let href = href.trim();
    if href.is_empty() || href.to_ascii_lowercase().starts_with("javascript:") {
        return None;
    }
    match base {
        Some(base) => base.join(href).ok().map(String::from),
        None => Some(href.to_owned()),
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
}
