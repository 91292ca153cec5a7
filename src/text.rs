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

/// Whether a character ends a line somewhere: a control character, or Unicode's line and
/// paragraph separators, any of which could forge a header line in a message.
fn breaks_line(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// Text from a record, made safe to put on one line anywhere (a header, a cell): every line
/// break and control character becomes a space.
pub fn plain(text: &str) -> String {
    text.chars().map(|c| if breaks_line(c) { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// One line of at most `max` characters, as [`plain`], and a cut ends in `…`. For commit
/// subjects, table cells and headers.
pub fn one_line(text: &str, max: usize) -> String {
    let flat = plain(text);
    let flat = flat.as_str();
    if flat.chars().count() > max {
        format!("{}…", flat.chars().take(max.saturating_sub(1)).collect::<String>())
    } else {
        flat.to_string()
    }
}

/// Text that may run over lines (descriptions, actions): every kind of line break becomes `\n`,
/// a tab a space, other control characters are dropped.
pub fn prose(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{b}' | '\u{c}' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect::<String>()
        .trim()
        .to_string()
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

/// The known names closest to a mistyped one, best first: "did you mean …?". Uses the
/// Jaro-Winkler similarity, which favours a shared start, as typos of ids usually keep it.
pub fn closest<'a>(typed: &str, known: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let typed = typed.to_ascii_lowercase();
    let mut scored: Vec<(f64, &str)> = known
        .into_iter()
        .map(|name| (strsim::jaro_winkler(&typed, &name.to_ascii_lowercase()), name))
        .filter(|(score, _)| *score >= 0.85)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
    scored.into_iter().take(3).map(|(_, name)| name).collect()
}

/// `did you mean a or b?`, or nothing when no name is close.
pub fn did_you_mean(typed: &str, known: &[&str]) -> Option<String> {
    did_you_mean_of(&closest(typed, known.iter().copied()))
}

/// `did you mean a or b?` for names already found close (at most three are named).
pub fn did_you_mean_of(close: &[&str]) -> Option<String> {
    let close = &close[..close.len().min(3)];
    match close {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [rest @ .., last] => Some(format!("did you mean {} or {last}?", rest.join(", "))),
    }
}

/// `text` as one word a shell reads back unchanged: quoted when it needs to be.
pub fn shell_word(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:@,".contains(c)) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// The longest one-line value sirt records (a title, a name, a reason).
pub const MAX_LINE_CHARS: usize = 1_000;
/// The longest text sirt records in one event (a note, a summary, a description).
pub const MAX_TEXT_CHARS: usize = 64 * 1024;

/// Why a piece of text from a user is refused.
pub fn check_text(what: &str, text: &str, multi_line: bool) -> Result<String, (String, String)> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err((format!("the {what} is empty"), format!("give the {what} in quotes")));
    }
    let limit = if multi_line { MAX_TEXT_CHARS } else { MAX_LINE_CHARS };
    let length = trimmed.chars().count();
    if length > limit {
        return Err((
            format!("the {what} is {length} characters long; sirt records at most {limit}"),
            if multi_line {
                format!("shorten the {what}, or keep the long text elsewhere and refer to it")
            } else {
                format!("give a shorter {what}; longer text belongs in a note")
            },
        ));
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
    fn close_names_are_suggested() {
        assert_eq!(
            did_you_mean("bluebnak", &["bluebank", "contoso", "fabrikam"]).unwrap(),
            "did you mean bluebank?"
        );
        assert_eq!(did_you_mean("zzz", &["bluebank", "contoso"]), None);
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
