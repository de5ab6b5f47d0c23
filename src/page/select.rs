//! [`selectors!`]: selectors compiled once, as named statics; and the selectors several
//! modules share.

/// Declares `LazyLock<Selector>` statics, compiled on first use. Each invocation also
/// declares a test (in a module named after its first static) that compiles every selector
/// it declares: a selector that fails to compile is a bug in this crate caught by
/// `cargo test`, never a page problem.
macro_rules! selectors {
    (
        $(#[$first_meta:meta])* $first:ident = $first_css:expr;
        $($(#[$meta:meta])* $name:ident = $css:expr;)*
    ) => {
        $(#[$first_meta])*
        pub(crate) static $first: std::sync::LazyLock<scraper::Selector> =
            std::sync::LazyLock::new(|| $crate::page::compile($first_css));
        $(
            $(#[$meta])*
            pub(crate) static $name: std::sync::LazyLock<scraper::Selector> =
                std::sync::LazyLock::new(|| $crate::page::compile($css));
        )*
        #[cfg(test)]
        #[allow(non_snake_case)]
        mod $first {
            #[test]
            fn selectors_compile() {
                std::sync::LazyLock::force(&super::$first);
                $(std::sync::LazyLock::force(&super::$name);)*
            }
        }
    };
}
pub(crate) use selectors;

/// Compiles a selector written in this crate.
pub(crate) fn compile(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("invalid built-in selector {css:?}: {e}"))
}

selectors! {
    BASE_HREF = "base[href]";
    CANONICAL = "link[rel=canonical][href]";
    OG_URL = r#"meta[property="og:url"][content]"#;
    TITLE = "title";
    ANCHOR = "a[href]";
    IMG = "img";
    SPAN = "span";
    NOSCRIPT = "noscript";
}
