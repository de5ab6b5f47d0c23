//! Labels of profile fields in the languages forums are shown in.

/// Labels of an author's post count ("Posts: 165,733").
const POSTS: &[&str] = &[
    "posts",
    "post",
    "messages",
    "beiträge",
    "beitrag",
    "mensajes",
    "messaggi",
    "berichten",
    "mensagens",
    "posty",
    "postów",
    "wiadomości",
    "сообщений",
    "сообщения",
    "сообщение",
    "hozzászólások",
    "hozzászólás",
    "inlägg",
    "innlegg",
    "indlæg",
    "viestit",
    "příspěvky",
    "příspěvků",
    "mesaje",
    "mesajlar",
    "ileti",
    "pesan",
    "bài viết",
    "帖子",
    "投稿",
    "نوشته",
    "ارسال‌ها",
    "ارسال ها",
];

/// Labels of an author's registration date ("Joined: May 2, 2023").
const JOINED: &[&str] = &[
    "joined",
    "registered",
    "member since",
    "join date",
    "registriert seit",
    "registriert",
    "dabei seit",
    "mitglied seit",
    "im board seit",
    "inscrit",
    "inscrit le",
    "inscription",
    "enregistré le",
    "date d'inscription",
    "anmeldedatum",
    "registrado em",
    "registrován",
    "tilmeldt",
    "registrert",
    "membre depuis",
    "inscrição",
    "registrado",
    "miembro desde",
    "iscritto",
    "iscritto dal",
    "lid sinds",
    "geregistreerd",
    "регистрация",
    "зарегистрирован",
    "rejestracja",
    "dołączył",
    "regisztrált",
    "csatlakozott",
    "liittynyt",
    "medlem sedan",
    "registrerad",
    "kayıt",
    "kayıt tarihi",
    "date d'inscription",
    "inscription",
    "fecha de ingreso",
    "data di registrazione",
    "data de ingresso",
    "عضویت",
    "تاريخ التسجيل",
    // Forumotion's German and French profile labels.
    "anmeldedatum",
    "fecha de registro",
    "registrato",
    "iscritto il",
    "registrado em",
    // WoltLab Burning Board's German sidebar.
    "registrierungsdatum",
    // Discuz!'s profile fields, simplified and traditional Chinese.
    "注册时间",
    "註冊時間",
];

/// Labels of an author's location ("Location: Berlin").
const LOCATION: &[&str] = &[
    "location",
    "from",
    "ort",
    "wohnort",
    "herkunft",
    "localisation",
    "lieu",
    "ubicación",
    "localización",
    "località",
    "residenza",
    "provenienza",
    "residencia",
    "bydliště",
    "bosted",
    "woonplaats",
    "locatie",
    "localização",
    "откуда",
    "местоположение",
    "skąd",
    "lokalizacja",
    "lakhely",
    "paikkakunta",
    "plats",
    "konum",
    "tartózkodási hely",
    "محل سکونت",
    "مکان",
    // Discuz! ("来自 - 四川南充" in a post's header is the poster's IP region, not this).
    "来自",
    "來自",
    // UBB.threads' short label ("Loc: Ohio").
    "loc",
];

/// Whether `label` names a post count, in any language known here.
pub(crate) fn is_posts_label(label: &str) -> bool {
    POSTS.contains(&fold(label).as_str())
}

/// Whether `label` names a registration date, in any language known here.
pub(crate) fn is_joined_label(label: &str) -> bool {
    JOINED.contains(&fold(label).as_str())
}

/// Whether `label` names a location, in any language known here.
pub(crate) fn is_location_label(label: &str) -> bool {
    LOCATION.contains(&fold(label).as_str())
}

/// Lowercase, trimmed, without a trailing colon.
fn fold(label: &str) -> String {
    label.trim().trim_end_matches(':').trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_labels() {
        for l in ["Posts", "Сообщений", "Hozzászólások", "Beiträge:", " posts "] {
            assert!(is_posts_label(l), "{l}");
        }
        assert!(!is_posts_label("Karma"));
        assert!(is_joined_label("Registered:") && is_joined_label("Anmeldedatum"));
        assert!(is_location_label("From") && is_location_label("Ort"));
        assert!(!is_location_label("Posts"));
    }

    #[test]
    fn joined_and_location_labels() {
        for l in ["Joined:", "Registriert seit:", "Dabei seit", "Mitglied seit", "Im Board seit:"] {
            assert!(is_joined_label(l), "{l}");
        }
        for l in ["Join Date", "Date d'inscription:", "عضویت"] {
            assert!(is_joined_label(l), "{l}");
        }
        for l in ["Location:", "Ort", "Ort:", "Wohnort", "Localisation"] {
            assert!(is_location_label(l), "{l}");
        }
        // phpBB French: "Inscription :", "Localisation :".
        assert!(is_joined_label("Inscription :") && is_joined_label("Enregistré le:"));
        assert!(is_location_label("Localisation :"));
        assert!(!is_joined_label("Zuletzt hier:"));
        assert!(!is_joined_label("Posts"));
        assert!(!is_location_label("Messages"));
        assert!(!is_location_label("Join Date"));
        // Discuz!'s Chinese labels.
        assert!(is_joined_label("注册时间") && is_joined_label("註冊時間"));
        assert!(is_location_label("来自") && is_posts_label("帖子"));
        assert!(is_location_label("Loc:"));
        assert!(is_joined_label("Registrierungsdatum"));
    }
}
