//! A draft as a file or a block of output: plain text, Markdown, an email message, or JSON.

use chrono::{DateTime, Utc};

use super::drafts::{Draft, DraftChannel};
use super::eml::{self, Sender};

/// How drafts are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftFormat {
    Text,
    Markdown,
    /// RFC 5322 messages for the email channels (other channels are written as text).
    Eml,
    Json,
}

/// The file extension of a draft in `format`.
pub fn extension(format: DraftFormat, channel: DraftChannel) -> &'static str {
    match format {
        DraftFormat::Eml if channel.is_email() => "eml",
        DraftFormat::Markdown => "md",
        DraftFormat::Json => "json",
        _ => "txt",
    }
}

/// The Message-ID's local part: unique per incident, tenant and channel.
fn local_id(draft: &Draft) -> String {
    format!("{}.{}.{}", draft.incident, draft.tenant.as_deref().unwrap_or("public"), draft.channel.as_str())
}

/// The email message of an email draft.
pub fn message(draft: &Draft, sender: &Sender, now: DateTime<Utc>) -> String {
    let to: Vec<(String, Option<String>)> = draft
        .recipients
        .iter()
        .cloned()
        .zip(draft.recipient_names.iter().cloned().chain(std::iter::repeat(None)))
        .collect();
    eml::message(sender, &to, &draft.subject, now, &local_id(draft), &draft.body)
}

/// The draft as one file's content.
pub fn file_text(draft: &Draft, format: DraftFormat, sender: &Sender, now: DateTime<Utc>) -> String {
    let who = draft.tenant.as_deref().unwrap_or("public");
    match format {
        DraftFormat::Eml if draft.channel.is_email() => message(draft, sender, now),
        DraftFormat::Markdown => format!(
            "## {}: {}\n\n**To:** {}\\\n**Subject:** {}\n\n{}\n",
            escape(who),
            draft.channel.as_str(),
            escape(&draft.recipients.join(", ")),
            escape(&draft.subject),
            markdown_body(&draft.body)
        ),
        DraftFormat::Json => serde_json::to_string_pretty(draft).unwrap_or_default() + "\n",
        DraftFormat::Text | DraftFormat::Eml => format!(
            "To: {}\nSubject: {}\n\n{}\n",
            draft.recipients.join(", "),
            draft.subject,
            draft.body.trim_end()
        ),
    }
}

/// Backslash-escapes what Markdown would read as formatting, so record text reads as written:
/// inline marks anywhere, and block marks (headings, list markers, rules) at the start.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    for (i, c) in text.chars().enumerate() {
        let block_mark = (i == 0 && "#-+=".contains(c)) || (i == digits && digits > 0 && ".)".contains(c));
        if block_mark || "\\`*_[]<>|~&".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text body as Markdown: paragraphs stay paragraphs, lines within one keep their breaks,
/// `- ` bullets stay list items (a blank line ends a list, so text after it never folds into
/// the last item), and everything else is escaped.
fn markdown_body(body: &str) -> String {
    let lines: Vec<&str> = body.trim_end().lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let next_continues = lines.get(i + 1).is_some_and(|next| !next.trim().is_empty());
        if trimmed.is_empty() {
            out.push('\n');
            continue;
        }
        let is_item = trimmed.starts_with("- ");
        if is_item {
            // Nested under a bullet needs two spaces; deeper indents read the same.
            out.push_str(if indent >= 2 { "  - " } else { "- " });
            out.push_str(&escape(&trimmed[2..]));
        } else {
            out.push_str(&escape(trimmed));
        }
        let next_is_item = lines.get(i + 1).is_some_and(|next| next.trim_start().starts_with("- "));
        if next_continues && !is_item && !next_is_item {
            out.push('\\');
        }
        if next_continues && is_item != next_is_item {
            // A list neither starts inside a paragraph nor swallows the line after it.
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_keeps_lists_apart_from_the_text_after_them() {
        let body = "What it means\n- data was read\n\nMail was read.\nSecond line *not bold*\n";
        assert_eq!(
            markdown_body(body),
            "What it means\n\n- data was read\n\nMail was read.\\\nSecond line \\*not bold\\*\n"
        );
    }
}
