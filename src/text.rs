//! Text from users and files, made safe to show and short enough to read: the one place that
//! strips or escapes control characters and that names "a few of these".

/// A few names and how many more: `a, b, c and 9,997 more`.
pub fn name_some(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN + 1 {
        names.join(", ")
    } else {
        format!("{} and {} more", names[..SHOWN].join(", "), names.len() - SHOWN)
    }
}

/// The same for a list of which only the first few names are at hand, out of `total`.
pub fn name_some_of(first: &[String], total: usize) -> String {
    if first.len() >= total {
        return name_some(first);
    }
    let shown = first.len().min(3);
    format!("{} and {} more", first[..shown].join(", "), total - shown)
}

/// One line of at most `max` characters: every control character becomes a space, and a cut
/// ends in `…`. For commit subjects, table cells and headers.
pub fn one_line(text: &str, max: usize) -> String {
    let flat: String = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let flat = flat.trim();
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        flat.to_string()
    }
}

/// Text with every control character but newline and tab removed: multi-line prose from a user.
pub fn prose(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// Text as a terminal may safely show it: control characters written as escapes (`\u{1b}`), so
/// input can never drive the terminal that prints a message about it.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| if c.is_control() && c != '\n' { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

/// Why a piece of text from a user is refused.
pub fn check_text(what: &str, text: &str, multi_line: bool) -> Result<String, (String, String)> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err((format!("the {what} is empty"), format!("give the {what} in quotes")));
    }
    let allowed = |c: char| multi_line && (c == '\n' || c == '\t');
    if let Some(bad) = trimmed.chars().find(|c| c.is_control() && !allowed(*c)) {
        return Err((
            format!("the {what} contains the control character {}", bad.escape_default()),
            format!("give the {what} as plain text"),
        ));
    }
    Ok(trimmed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_a_few() {
        let names: Vec<String> = (1..=6).map(|n| format!("t{n}")).collect();
        assert_eq!(name_some(&names[..4]), "t1, t2, t3, t4");
        assert_eq!(name_some(&names), "t1, t2, t3 and 3 more");
        assert_eq!(name_some_of(&names[..2], 10), "t1, t2 and 8 more");
    }

    #[test]
    fn lines_are_flat_and_cut() {
        assert_eq!(one_line("a\nb\u{1b}c", 120), "a b c");
        assert_eq!(one_line("abcdef", 4), "abc…");
    }

    #[test]
    fn controls_are_escaped_for_terminals() {
        assert_eq!(escape_controls("ok"), "ok");
        assert_eq!(escape_controls("a\u{1b}[31mb\0"), "a\\u{1b}[31mb\\u{0}");
    }

    #[test]
    fn refused_text_says_why() {
        assert!(check_text("note", "  ", true).is_err());
        assert!(check_text("title", "a\nb", false).is_err());
        assert_eq!(check_text("note", " a\nb ", true).unwrap(), "a\nb");
    }
}
