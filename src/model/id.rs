//! Identifiers minted without coordination.
//!
//! An incident id is 40 random bits in Crockford base32 (`INC-7K3M-9QX2`): short enough to read
//! over the phone, and with no counter to collide across offline clones. Crockford's alphabet
//! leaves out I, L, O and U, so a misheard letter maps back to the digit it looks like.

const CROCKFORD: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Prefix of every incident id.
pub const INCIDENT_PREFIX: &str = "INC-";

fn base32(mut bits: u64, chars: usize) -> String {
    let mut out = vec![b'0'; chars];
    for slot in out.iter_mut().rev() {
        *slot = CROCKFORD[(bits & 31) as usize];
        bits >>= 5;
    }
    String::from_utf8(out).expect("alphabet is ASCII")
}

/// `INC-XXXX-XXXX` from 40 of the given random bits.
pub fn incident_id(random: u64) -> String {
    let body = base32(random, 8);
    format!("{INCIDENT_PREFIX}{}-{}", &body[..4], &body[4..])
}

/// Event ids only need to be unique within one incident's log, across clones: 60 random bits.
pub fn event_id(random: u64) -> String {
    format!("E{}", base32(random, 12))
}

/// Whether `candidate` has the shape of an event id.
pub fn is_event_id(candidate: &str) -> bool {
    candidate.len() == 13
        && candidate.starts_with('E')
        && candidate.bytes().skip(1).all(|b| CROCKFORD.contains(&b))
}

/// The 8 significant characters of an incident id or of a prefix someone typed:
/// case folded, `INC` and dashes dropped, look-alike letters mapped to their digits.
pub fn canonical(query: &str) -> String {
    let upper = query.trim().to_ascii_uppercase();
    let body = upper.strip_prefix("INC").unwrap_or(&upper);
    body.chars()
        .filter(|c| *c != '-' && *c != ' ')
        .map(|c| match c {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// Whether `query` could be the start of an incident id at all.
pub fn is_valid_query(query: &str) -> bool {
    let c = canonical(query);
    !c.is_empty() && c.len() <= 8 && c.bytes().all(|b| CROCKFORD.contains(&b))
}

/// Whether a file stem is a well-formed incident id.
pub fn is_incident_id(candidate: &str) -> bool {
    candidate.len() == 13
        && candidate.starts_with(INCIDENT_PREFIX)
        && candidate.as_bytes()[8] == b'-'
        && is_valid_query(candidate)
        && canonical(candidate).len() == 8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_have_the_readable_shape() {
        let id = incident_id(0x12_3456_789A);
        assert_eq!(id, "INC-28T5-CY4T");
        assert!(is_incident_id(&id));
        assert_eq!(incident_id(0).len(), 13);
        assert_eq!(event_id(u64::MAX).len(), 13);
    }

    #[test]
    fn prefixes_are_forgiving() {
        assert_eq!(canonical("inc-28t5-c"), "28T5C");
        assert_eq!(canonical("28t5"), "28T5");
        assert_eq!(canonical("o1l"), "011");
        assert!(is_valid_query("INC-28T5"));
        assert!(!is_valid_query("INC-"));
        assert!(!is_valid_query("28T5-CY4T-9"));
        assert!(!is_valid_query("UUU"));
        assert!(!is_incident_id("INC-28T5CY4T"));
    }
}
