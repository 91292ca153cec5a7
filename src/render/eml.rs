//! RFC 5322 messages a mail client opens: headers built here from checked values, never from
//! templates, so nothing a tenant record or a template holds can add a header.

use chrono::{DateTime, Utc};

/// A header value on one line: control characters (CR, LF) become spaces.
fn one_line(value: &str) -> String {
    value.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// RFC 2047 encoded-word for non-ASCII header text.
fn encode(value: &str) -> String {
    let value = one_line(value);
    if value.is_ascii() {
        return value;
    }
    // Base64 by hand: one small function is simpler than a dependency.
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes = value.as_bytes();
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |acc, (i, b)| acc | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    format!("=?UTF-8?B?{out}?=")
}

/// The message, with CRLF line ends. `to` must hold checked addresses.
pub fn message(
    from_name: &str,
    from: &str,
    to: &[String],
    subject: &str,
    date: DateTime<Utc>,
    message_id: &str,
    body: &str,
) -> String {
    let mut text = String::new();
    let mut header = |name: &str, value: &str| {
        text.push_str(name);
        text.push_str(": ");
        text.push_str(value);
        text.push_str("\r\n");
    };
    header("From", &format!("{} <{}>", encode(from_name), one_line(from)));
    // One address per folded line keeps long lists readable and within line limits.
    header("To", &to.iter().map(|a| one_line(a)).collect::<Vec<_>>().join(",\r\n "));
    header("Subject", &encode(subject));
    header("Date", &date.to_rfc2822());
    header("Message-ID", &format!("<{}>", one_line(message_id)));
    header("MIME-Version", "1.0");
    header("Content-Type", "text/plain; charset=utf-8");
    header("Content-Transfer-Encoding", "8bit");
    text.push_str("\r\n");
    for line in body.lines() {
        text.push_str(line);
        text.push_str("\r\n");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_cannot_be_injected_and_non_ascii_is_encoded() {
        let date = DateTime::UNIX_EPOCH;
        let text = message(
            "Example Cloud",
            "sec@example.com",
            &["a@x.example".into(), "b@x.example".into()],
            "Incident\r\nBcc: evil@x.example",
            date,
            "id@example.com",
            "Body line\nsecond",
        );
        assert!(!text.contains("\r\nBcc:"), "{text}");
        assert!(text.contains("To: a@x.example,\r\n b@x.example\r\n"));
        assert!(text.ends_with("\r\n\r\nBody line\r\nsecond\r\n"));
        assert_eq!(encode("Café"), "=?UTF-8?B?Q2Fmw6k=?=");
        assert_eq!(encode("plain"), "plain");
    }
}
