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
];

/// Whether `label` names a post count, in any language known here.
pub fn is_posts_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    POSTS.contains(&label.as_str())
}

/// Labels of an author's registration date ("Joined: ...", "Registered: ...").
const JOINED: &[&str] = &[
    "joined",
    "registered",
    "join date",
    "member since",
    "registriert",
    "registriert seit",
    "anmeldedatum",
    "dabei seit",
    "mitglied seit",
    "inscrit le",
    "inscription",
    "date d'inscription",
    "registrado",
    "fecha de registro",
    "registrato",
    "iscritto il",
    "lid sinds",
    "geregistreerd",
    "registrado em",
    "зарегистрирован",
    "регистрация",
    "dołączył",
    "rejestracja",
    "regisztrált",
];

/// Labels of an author's location.
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
    "woonplaats",
    "localização",
    "откуда",
    "skąd",
    "lokalizacja",
    "tartózkodási hely",
];

/// Whether `label` names a registration date, in any language known here.
pub fn is_joined_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    JOINED.contains(&label.as_str())
}

/// Whether `label` names a location, in any language known here.
pub fn is_location_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    LOCATION.contains(&label.as_str())
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
}
