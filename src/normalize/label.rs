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
}
