//! RFC 5322 messages a mail client opens, built by mail-builder from checked values: headers
//! folded and encoded as the RFCs say, bodies quoted-printable (or base64) where they need it.
//! Nothing a tenant record or a template holds can add a header. And the mboxrd stream that
//! carries several messages on stdout.

use chrono::{DateTime, Utc};
use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::date::Date;
use mail_builder::headers::message_id::MessageId;

use super::views::plain;
use crate::model::contact::EmailAddress;

/// Who a message comes from: checked settings, never free text.
pub struct Sender<'a> {
    pub name: String,
    pub address: &'a EmailAddress,
    pub reply_to: Option<&'a EmailAddress>,
}

/// One message. `to` holds checked addresses with optional display names; `local_id` is the
/// part of the Message-ID before the `@` (the sender's domain follows it).
pub fn message(
    sender: &Sender,
    to: &[(String, Option<String>)],
    subject: &str,
    date: DateTime<Utc>,
    local_id: &str,
    body: &str,
) -> String {
    let recipients: Vec<Address> = to
        .iter()
        .map(|(address, name)| match name {
            Some(name) => Address::new_address(Some(plain(name)), address.clone()),
            None => Address::new_address(None::<String>, address.clone()),
        })
        .collect();
    let mut builder = MessageBuilder::new()
        .from((plain(&sender.name), sender.address.as_str().to_string()))
        .to(recipients)
        .subject(plain(subject))
        .date(Date::new(date.timestamp()))
        .message_id(MessageId::new(format!("{}@{}", id_part(local_id), sender.address.domain())));
    if let Some(reply_to) = sender.reply_to {
        builder = builder.reply_to(reply_to.as_str().to_string());
    }
    builder.text_body(body.replace("\r\n", "\n")).write_to_string().unwrap_or_default()
}

/// A Message-ID's left part: only characters an atom allows.
fn id_part(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c) { c } else { '-' })
        .collect()
}

/// One message in an mboxrd stream: the `From ` separator line, the message with LF line ends,
/// each line that starts with `From ` after any number of `>` given one more `>`, and a blank
/// line after it.
pub fn mbox_entry(message: &str, sender: &EmailAddress, date: DateTime<Utc>) -> String {
    let mut out = format!("From {} {}\n", sender.as_str(), date.format("%a %b %e %H:%M:%S %Y"));
    for line in message.replace("\r\n", "\n").lines() {
        if line.trim_start_matches('>').starts_with("From ") {
            out.push('>');
        }
        out.push_str(line);
        out.push('\n');
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sender(address: &EmailAddress) -> Sender<'_> {
        Sender { name: "Contoso, Inc. Security Response".into(), address, reply_to: None }
    }

    #[test]
    fn headers_cannot_be_injected_and_names_are_quoted() {
        let address = EmailAddress::try_from("sec@contoso.example".to_string()).unwrap();
        let text = message(
            &sender(&address),
            &[("a@x.example".into(), Some("Doe, Jane".into())), ("b@x.example".into(), None)],
            "Incident\r\nBcc: evil@x.example",
            DateTime::UNIX_EPOCH,
            "INC-1.t.email-admin",
            "Body line\nsecond",
        );
        assert!(!text.contains("\r\nBcc:"), "{text}");
        assert!(text.contains("From: \"Contoso, Inc. Security Response\" <sec@contoso.example>"), "{text}");
        assert!(text.contains("\"Doe, Jane\" <a@x.example>"), "{text}");
        assert!(text.contains("Message-ID: <INC-1.t.email-admin@contoso.example>"), "{text}");
    }

    #[test]
    fn mboxrd_escapes_from_lines_at_any_depth() {
        let address = EmailAddress::try_from("sec@contoso.example".to_string()).unwrap();
        let entry = mbox_entry(
            "Subject: x\r\n\r\nFrom the logs\r\n>From here\r\nok\r\n",
            &address,
            DateTime::UNIX_EPOCH,
        );
        assert!(entry.starts_with("From sec@contoso.example Thu Jan  1 00:00:00 1970\n"), "{entry}");
        assert!(entry.contains("\n>From the logs\n>>From here\nok\n\n"), "{entry}");
    }
}
