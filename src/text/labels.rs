//! Chrome labels of forum pages, in the languages the renderings show, for reading text
//! where no markup says what a word is. All comparisons are case-insensitive; tables are
//! lower case.

/// Online status words (an icon's alt text and its label: "Online Online").
const ONLINE: &[&str] =
    &["online", "онлайн", "в сети", "elérhető", "en línea", "conectado", "connecté", "in linea", "w sieci"];

/// Offline status words. Checked before [`ONLINE`]: "nem elérhető" holds "elérhető".
const OFFLINE: &[&str] = &[
    "offline",
    "оффлайн",
    "офлайн",
    "не в сети",
    "nem elérhető",
    "desconectado",
    "déconnecté",
    "non in linea",
    "nicht online",
];

/// Labels SMF (and others) print instead of a rank for posts by guests.
const GUEST: &[&str] =
    &["guest", "гость", "vendég", "gast", "invitado", "invité", "ospite", "gość", "misafir"];

/// "Logged" (SMF's note under a post, beside the IP icon).
const LOGGED: &[&str] =
    &["logged", "записан", "naplózva", "gespeichert", "registrado", "memorizzato", "zapisane", "enregistré"];

/// Links and buttons of author blocks and post footers, as whole phrases.
const BUTTONS: &[&str] = &[
    "view profile",
    "personal message",
    "ignore",
    "www",
    "e-mail",
    "email",
    "icq",
    "aim",
    "msn",
    "yim",
    "report to moderator",
    "reply with quote",
    "просмотр профиля",
    "личное сообщение",
    "сообщить модератору",
    "profil megtekintése",
    "privát üzenet",
    "(offline)",
    "(online)",
];

/// "Page" before the page's number in "Page 2 of 5".
const PAGE: &[&str] = &["page", "seite", "página", "pagina", "strona", "sayfa", "страница", "oldal"];

/// "of" between the page's number and the number of pages.
const OF: &[&str] = &["of", "von", "sur", "de", "di", "z", "/", "из", "van"];

/// "Page 2 of 5" (in the languages of [`PAGE`] and [`OF`]) anywhere in `s`: this page's number
/// and the number of pages, when the first is not past the second.
pub(crate) fn page_of(s: &str) -> Option<(u32, u32)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    words.windows(4).find_map(|w| {
        let number = w[1].trim_end_matches([',', '.']).parse::<u32>().ok()?;
        let total = w[3].trim_end_matches([',', '.', ')']).parse::<u32>().ok()?;
        (is_one_of(w[0], PAGE) && is_one_of(w[2], OF) && number >= 1 && number <= total)
            .then_some((number, total))
    })
}

/// `s` without `prefix`, compared case-insensitively, when the prefix ends at a word end.
pub(crate) fn strip_word_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut chars = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = chars.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    let rest = chars.next().map_or("", |(i, _)| s.get(i..).unwrap_or(""));
    rest.chars().next().is_none_or(|c| !c.is_alphanumeric()).then_some(rest)
}

/// Whether `s` is one of `table`, case-insensitively.
pub(crate) fn is_one_of(s: &str, table: &[&str]) -> bool {
    let s = s.trim().to_lowercase();
    table.contains(&s.as_str())
}

/// An online status at the start of `s`: whether it says online, and the rest of `s`.
/// "Offline rangerrebew" gives `(false, "rangerrebew")`.
pub(crate) fn status_prefix(s: &str) -> Option<(bool, &str)> {
    let s = s.trim();
    OFFLINE
        .iter()
        .map(|w| (false, w))
        .chain(ONLINE.iter().map(|w| (true, w)))
        .find_map(|(online, w)| strip_word_prefix(s, w).map(|rest| (online, rest.trim())))
}

/// A line that is only an online status ("Offline", "Offline Offline", "Оффлайн Оффлайн").
pub(crate) fn status_line(s: &str) -> Option<bool> {
    let (online, rest) = status_prefix(s)?;
    match status_prefix(rest) {
        _ if rest.is_empty() => Some(online),
        Some((again, "")) if again == online => Some(online),
        _ => None,
    }
}

/// The label shown instead of a rank for guests.
pub(crate) fn is_guest(s: &str) -> bool {
    is_one_of(s, GUEST)
}

/// SMF's "Logged" note.
pub(crate) fn is_logged(s: &str) -> bool {
    is_one_of(s, LOGGED)
}

/// A line made only of buttons and links ("View Profile Personal Message (Offline)").
pub(crate) fn is_buttons(s: &str) -> bool {
    let mut rest = s.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(after) = BUTTONS.iter().find_map(|b| strip_word_prefix(rest, b)) else {
            return false;
        };
        rest = after.trim_start();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses() {
        assert_eq!(status_prefix("Offline rangerrebew"), Some((false, "rangerrebew")));
        assert_eq!(status_prefix("Nem elérhető mcbence12"), Some((false, "mcbence12")));
        assert_eq!(status_prefix("Onlineuser"), None);
        assert_eq!(status_line("Online Online"), Some(true));
        assert_eq!(status_line("Оффлайн Оффлайн"), Some(false));
        assert_eq!(status_line("Offline rangerrebew"), None);
    }

    #[test]
    fn pages() {
        assert_eq!(page_of("229 posts • Page 1 of 10 • 1, 2, 3"), Some((1, 10)));
        assert_eq!(page_of("Seite 34 von 40 Erste"), Some((34, 40)));
        assert_eq!(page_of("Page 3 sur 3"), Some((3, 3)));
        assert_eq!(page_of("page 9 of 3"), None);
        assert_eq!(page_of("read the page of rules"), None);
    }

    #[test]
    fn buttons_and_notes() {
        assert!(is_buttons("View Profile Personal Message (Offline)"));
        assert!(is_buttons("Ignore"));
        assert!(!is_buttons("Ignore this"));
        assert!(is_logged("Записан"));
        assert!(is_guest("Vendég"));
    }
}
