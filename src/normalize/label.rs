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

/// Labels of an author's location ("Location: Berlin").
const LOCATION: &[&str] = &[
    "location",
    "from",
    "wohnort",
    "ort",
    "herkunft",
    "localisation",
    "lieu",
    "ubicación",
    "ubicacion",
    "località",
    "localizzazione",
    "woonplaats",
    "locatie",
    "localização",
    "lokalizacja",
    "skąd",
    "откуда",
    "местоположение",
    "город",
    "tartózkodási hely",
    "hely",
];

/// Labels of an author's registration date ("Joined: May 2, 2023").
const JOINED: &[&str] = &[
    "joined",
    "registered",
    "member since",
    "join date",
    "registriert",
    "registriert seit",
    "dabei seit",
    "mitglied seit",
    "inscrit",
    "inscrit le",
    "inscription",
    "membre depuis",
    "registrado",
    "miembro desde",
    "iscritto",
    "registrato",
    "lid sinds",
    "geregistreerd",
    "dołączył",
    "rejestracja",
    "регистрация",
    "зарегистрирован",
    "csatlakozott",
    "regisztrált",
];

/// Whether `label` names a post count, in any language known here.
pub fn is_posts_label(label: &str) -> bool {
    is_one_of(label, POSTS)
}

/// Whether `label` names the author's location, in any language known here.
pub fn is_location_label(label: &str) -> bool {
    is_one_of(label, LOCATION)
}

/// Whether `label` names the author's registration date, in any language known here.
pub fn is_joined_label(label: &str) -> bool {
    is_one_of(label, JOINED)
}

fn is_one_of(label: &str, labels: &[&str]) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    labels.contains(&label.as_str())
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
        assert!(is_location_label("Location:") && is_location_label("Wohnort"));
        assert!(is_joined_label("Joined") && is_joined_label("Member since:"));
        assert!(!is_joined_label("Location"));
    }
}
