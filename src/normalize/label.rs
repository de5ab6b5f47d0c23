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

/// Whether `label` names a post count, in any language known here.
pub fn is_posts_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    POSTS.contains(&label.as_str())
}

/// Labels of an author's registration date ("Join Date: Jan 2005").
const JOINED: &[&str] = &[
    "join date",
    "joined",
    "registered",
    "registriert seit",
    "registriert",
    "mitglied seit",
    "dabei seit",
    "date d'inscription",
    "inscrit le",
    "inscription",
    "fecha de ingreso",
    "registrado",
    "data di registrazione",
    "iscritto dal",
    "lid sinds",
    "geregistreerd",
    "data de ingresso",
    "dołączył",
    "rejestracja",
    "регистрация",
    "зарегистрирован",
    "csatlakozott",
    "regisztrált",
    "kayıt tarihi",
    "عضویت",
    "تاريخ التسجيل",
];

/// Whether `label` names the date an author registered, in any language known here.
pub fn is_joined_label(label: &str) -> bool {
    let label = label.trim().trim_end_matches(':').trim().to_lowercase();
    JOINED.contains(&label.as_str())
}

/// Labels of an author's location ("Location: Ohio").
const LOCATION: &[&str] = &[
    "location",
    "ort",
    "wohnort",
    "localisation",
    "lieu",
    "ubicación",
    "località",
    "locatie",
    "woonplaats",
    "localização",
    "lokalizacja",
    "skąd",
    "откуда",
    "местоположение",
    "tartózkodási hely",
    "konum",
    "محل سکونت",
    "مکان",
];

/// Whether `label` names an author's location, in any language known here.
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
    }

    #[test]
    fn joined_and_location_labels() {
        for l in ["Join Date", "Registriert seit", "Date d'inscription:", "عضویت"] {
            assert!(is_joined_label(l), "{l}");
        }
        for l in ["Location:", "Ort", "Localisation"] {
            assert!(is_location_label(l), "{l}");
        }
        assert!(!is_joined_label("Posts"));
        assert!(!is_location_label("Join Date"));
    }
}
