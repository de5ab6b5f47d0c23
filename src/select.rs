//! Selectors shared by several modules, compiled once. Engine-specific selectors live in
//! their engine's file, declared with [`selectors!`].

/// Declares `LazyLock<Selector>` statics. A selector that fails to compile is a bug in this
/// crate caught by the `selectors_compile` test of each module, never a page problem.
macro_rules! selectors {
    ($($(#[$meta:meta])* $name:ident = $css:expr;)+) => {
        $(
            $(#[$meta])*
            pub(crate) static $name: std::sync::LazyLock<scraper::Selector> =
                std::sync::LazyLock::new(|| $crate::select::compile($css));
        )+
    };
}
pub(crate) use selectors;

/// Compiles a selector written in this crate.
#[allow(clippy::expect_used)]
pub(crate) fn compile(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e}"))
}

selectors! {
    BASE_HREF = "base[href]";
    CANONICAL = "link[rel=canonical][href]";
    OG_URL = r#"meta[property="og:url"][content]"#;
    TITLE = "title";
    ANCHOR = "a[href]";
}

/// The first descendant of `el` matching `sel`.
pub(crate) fn first<'a>(
    el: scraper::ElementRef<'a>,
    sel: &scraper::Selector,
) -> Option<scraper::ElementRef<'a>> {
    el.select(sel).next()
}

/// Whether `el` has class `class` (ASCII case-sensitive, as HTML classes are).
pub(crate) fn has_class(el: scraper::ElementRef<'_>, class: &str) -> bool {
    el.value().classes().any(|c| c == class)
}

/// The nearest ancestor of `el` (not `el` itself) matching `sel`.
pub(crate) fn closest<'a>(
    el: scraper::ElementRef<'a>,
    sel: &scraper::Selector,
) -> Option<scraper::ElementRef<'a>> {
    el.ancestors().filter_map(scraper::ElementRef::wrap).find(|a| sel.matches(a))
}

/// Whether `el` lies inside `outer` (`outer` itself excluded).
pub(crate) fn is_inside(el: scraper::ElementRef<'_>, outer: scraper::ElementRef<'_>) -> bool {
    el.ancestors().any(|a| a.id() == outer.id())
}

/// The first descendant of `el` matching `sel` that is not inside any of `outside`.
pub(crate) fn first_outside<'a>(
    el: scraper::ElementRef<'a>,
    sel: &scraper::Selector,
    outside: &[scraper::ElementRef<'_>],
) -> Option<scraper::ElementRef<'a>> {
    el.select(sel).find(|e| !outside.iter().any(|o| e.id() == o.id() || is_inside(*e, *o)))
}

selectors! {
    IMG = "img";
    SPAN = "span";
}
