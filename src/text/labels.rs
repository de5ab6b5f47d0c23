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
    fn buttons_and_notes() {
        assert!(is_buttons("View Profile Personal Message (Offline)"));
        assert!(is_buttons("Ignore"));
        assert!(!is_buttons("Ignore this"));
        assert!(is_logged("Записан"));
        assert!(is_guest("Vendég"));
    }
}
