//! Who records a change: the commit's author and each event's `by`.

/// Who made a change: the commit's author and the event's `by`.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub name: String,
    pub email: String,
}

impl Actor {
    /// Reads `Name <email>`, or just a name.
    pub fn parse(text: &str) -> Option<Actor> {
        let text = text.trim();
        if text.is_empty() || text.chars().any(char::is_control) {
            return None;
        }
        match text.split_once('<') {
            Some((name, rest)) => {
                let email = rest.strip_suffix('>')?.trim();
                let name = name.trim();
                (!name.is_empty() && !email.contains(['<', '>']))
                    .then(|| Actor { name: name.into(), email: email.into() })
            }
            None => (!text.contains('>')).then(|| Actor { name: text.into(), email: String::new() }),
        }
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.email.is_empty() {
            write!(f, "{}", self.name)
        } else {
            write!(f, "{} <{}>", self.name, self.email)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actors_read_with_or_without_email() {
        assert_eq!(
            Actor::parse("Ana Lima <ana@example.com>"),
            Some(Actor { name: "Ana Lima".into(), email: "ana@example.com".into() })
        );
        assert_eq!(Actor::parse("ana"), Some(Actor { name: "ana".into(), email: String::new() }));
        assert_eq!(Actor::parse(""), None);
        assert_eq!(Actor::parse("ana <a@b"), None);
        assert_eq!(Actor::parse("ana\n<a@b>"), None);
        assert_eq!(Actor::parse("<a@b>"), None);
    }
}
