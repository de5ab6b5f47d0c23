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

/// Labels of an author's registration date ("Joined: May 2, 2023").
const JOINED: &[&str] = &[
    "joined",
    "registered",
    "member since",
    "registriert",
    "registriert seit",
    "dabei seit",
    "mitglied seit",
    "anmeldedatum",
    "enregistré le",
    "inscrit le",
    "inscription",
    "date d'inscription",
    "registrado",
    "fecha de registro",
    "registrato",
    "iscritto il",
    "iscrizione",
    "lid geworden",
    "geregistreerd",
    "registrado em",
    "data de registo",
    "dołączył(a)",
    "dołączył",
    "rejestracja",
    "зарегистрирован",
    "регистрация",
    "csatlakozott",
    "regisztrált",
    "liittynyt",
    "rekisteröitynyt",
    "blev medlem",
    "registrert",
    "tilmeldt",
    "registrován",
    "katılım",
    "kayıt",
    "bergabung",
    "tham gia",
    "注册时间",
    "登録日",
];

/// Labels of an author's location ("Location: Hagen").
const LOCATION: &[&str] = &[
    "location",
    "from",
    "wohnort",
    "ort",
    "localisation",
    "lieu",
    "ubicación",
    "residencia",
    "località",
    "provenienza",
    "woonplaats",
    "locatie",
    "localização",
    "skąd",
    "lokalizacja",
    "откуда",
    "местоположение",
    "lakhely",
    "paikkakunta",
    "bosted",
    "sted",
    "bydliště",
    "konum",
    "lokasi",
    "来自",
    "所在地",
];

fn normalized(label: &str) -> String {
    label.trim().trim_end_matches(':').trim().to_lowercase()
}

/// Whether `label` names a registration date, in any language known here.
pub fn is_joined_label(label: &str) -> bool {
    JOINED.contains(&normalized(label).as_str())
}

/// Whether `label` names a location, in any language known here.
pub fn is_location_label(label: &str) -> bool {
    LOCATION.contains(&normalized(label).as_str())
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
        for l in ["Joined:", "Registriert", "Enregistré le", "Inscription:"] {
            assert!(is_joined_label(l), "{l}");
        }
        for l in ["Location:", "Wohnort", "Localisation"] {
            assert!(is_location_label(l), "{l}");
        }
        assert!(!is_joined_label("Posts") && !is_location_label("Posts"));
    }
}
