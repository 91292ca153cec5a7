//! Tenants (customers) and their contacts: what notifications need to reach them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Version of the tenant file format, stored in every file.
pub const SCHEMA: u32 = 1;

/// The file `tenants/<id>.toml`, and the tenant's JSON form (`sirt tenant show --format json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tenant {
    pub schema: u32,
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub regions: Vec<String>,
    /// Ids from the regime catalog.
    #[serde(default)]
    pub regimes: Vec<String>,
    /// A contractual notification limit shorter than the store's default, e.g. `24h`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notify_within: Option<String>,
    #[serde(default, rename = "admin")]
    pub admins: Vec<Admin>,
    /// The Global Privacy Contact, where the tenant has named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy: Option<PrivacyContact>,
}

/// One of the tenant's administrators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Admin {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrivacyContact {
    pub email: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// The channels a notification goes out on.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// A post in the tenant's admin-portal message center.
    MessageCenter,
    /// Email to every administrator.
    EmailAdmin,
    /// Email to the Global Privacy Contact.
    EmailPrivacy,
    /// A call to an administrator by trained support staff.
    Phone,
}

impl Channel {
    pub const ALL: [Channel; 4] =
        [Channel::MessageCenter, Channel::EmailAdmin, Channel::EmailPrivacy, Channel::Phone];

    pub fn as_str(self) -> &'static str {
        match self {
            Channel::MessageCenter => "message-center",
            Channel::EmailAdmin => "email-admin",
            Channel::EmailPrivacy => "email-privacy",
            Channel::Phone => "phone",
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a tenant can be reached on one channel, and why not.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reach {
    pub channel: Channel,
    pub reachable: bool,
    /// Why not, or `None` when reachable.
    pub problem: Option<String>,
}

impl Tenant {
    pub fn new(id: &str, name: &str) -> Tenant {
        Tenant {
            schema: SCHEMA,
            id: id.into(),
            name: name.into(),
            regions: Vec::new(),
            regimes: Vec::new(),
            notify_within: None,
            admins: Vec::new(),
            privacy: None,
        }
    }

    /// Everything wrong with this tenant record, in words; empty when it is valid.
    /// `known_regime` says whether a regime id is in the catalog; `default_limit_hours` is the
    /// store's contractual limit, which a tenant's own limit may only shorten.
    pub fn problems(&self, known_regime: impl Fn(&str) -> bool, default_limit_hours: i64) -> Vec<String> {
        let mut problems = Vec::new();
        if self.schema != SCHEMA {
            problems.push(format!("unsupported schema {} (this sirt reads {SCHEMA})", self.schema));
        }
        if let Err(e) = check_slug(&self.id) {
            problems.push(format!("id: {e}"));
        }
        if let Err(e) = check_line("name", &self.name, true) {
            problems.push(e);
        }
        for admin in &self.admins {
            if let Err(e) = check_email(&admin.email) {
                problems.push(format!("admin email: {e}"));
            }
            if let Some(name) = &admin.name {
                if let Err(e) = check_line("admin name", name, true) {
                    problems.push(e);
                }
                // In CSV, `;` separates one administrator's name from the next.
                if name.contains(';') {
                    problems.push(format!("admin name '{name}' contains ';', which separates names in CSV"));
                }
            }
            if let Some(phone) = &admin.phone
                && let Err(e) = check_phone(phone)
            {
                problems.push(format!("admin phone: {e}"));
            }
        }
        if let Some(privacy) = &self.privacy {
            if let Err(e) = check_email(&privacy.email) {
                problems.push(format!("privacy email: {e}"));
            }
            if let Some(name) = &privacy.name
                && let Err(e) = check_line("privacy name", name, true)
            {
                problems.push(e);
            }
        }
        for region in &self.regions {
            if let Err(e) = check_slug(region) {
                problems.push(format!("region '{region}': {e}"));
            }
        }
        for regime in &self.regimes {
            if !known_regime(regime) {
                problems.push(format!("regime '{regime}' is not in the catalog (see: sirt regimes)"));
            }
        }
        if let Some(limit) = &self.notify_within {
            match super::time::parse_span(limit) {
                None => problems.push(format!("notify_within '{limit}' is not a duration like 24h or 2d")),
                Some(span) if span <= chrono::Duration::zero() => {
                    problems.push(format!("notify_within '{limit}' must be longer than zero"))
                }
                Some(span) if span.num_minutes() > default_limit_hours * 60 => problems.push(format!(
                    "notify_within '{limit}' is longer than the store's default of {default_limit_hours}h; a contract can only shorten it"
                )),
                Some(_) => {}
            }
        }
        problems
    }

    /// Whether each channel can reach the tenant. Checks the values again: a file may have been
    /// edited by hand since it was validated.
    pub fn reach(&self) -> Vec<Reach> {
        Channel::ALL.iter().map(|&channel| self.reach_on(channel)).collect()
    }

    pub fn reach_on(&self, channel: Channel) -> Reach {
        let problem = match channel {
            Channel::MessageCenter => {
                self.admins.is_empty().then(|| "no administrator on file to read the post".to_string())
            }
            Channel::EmailAdmin => {
                if self.admins.is_empty() {
                    Some("no administrator email".into())
                } else if self.admins.iter().any(|a| check_email(&a.email).is_ok()) {
                    None
                } else {
                    Some(format!("malformed administrator email '{}'", self.admins[0].email))
                }
            }
            Channel::EmailPrivacy => match &self.privacy {
                None => Some("no Global Privacy Contact".into()),
                Some(p) if check_email(&p.email).is_err() => {
                    Some(format!("malformed privacy email '{}'", p.email))
                }
                Some(_) => None,
            },
            Channel::Phone => {
                let phones: Vec<&str> = self.admins.iter().filter_map(|a| a.phone.as_deref()).collect();
                if phones.is_empty() {
                    Some("no administrator phone number".into())
                } else if phones.iter().any(|p| check_phone(p).is_ok()) {
                    None
                } else {
                    Some(format!("malformed phone number '{}'", phones[0]))
                }
            }
        };
        Reach { channel, reachable: problem.is_none(), problem }
    }

    /// Administrator emails that are well formed.
    pub fn admin_emails(&self) -> Vec<&str> {
        self.admins.iter().map(|a| a.email.as_str()).filter(|e| check_email(e).is_ok()).collect()
    }
}

/// A change to a tenant: each field present replaces that part of the record, each absent one
/// leaves it alone. `tenant add`, `tenant set` and each row of `tenant import` build one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TenantUpdate {
    pub name: Option<String>,
    pub admin_emails: Option<Vec<String>>,
    /// Aligned with the administrators by position; `None` leaves that one without.
    pub admin_names: Option<Vec<Option<String>>>,
    pub admin_phones: Option<Vec<Option<String>>>,
    /// `Some(None)` removes the Global Privacy Contact.
    pub privacy_email: Option<Option<String>>,
    pub privacy_name: Option<Option<String>>,
    pub regions: Option<Vec<String>>,
    pub regimes: Option<Vec<String>>,
    /// `Some(None)` returns to the store's default limit.
    pub notify_within: Option<Option<String>>,
}

/// The CSV columns of `tenant import` and `tenant export`; list columns separate values with `;`.
pub const COLUMNS: [&str; 10] = [
    "id",
    "name",
    "admin_email",
    "admin_name",
    "admin_phone",
    "privacy_email",
    "privacy_name",
    "region",
    "regime",
    "notify_within",
];

fn split_list(cell: &str) -> Vec<String> {
    cell.split(';').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect()
}

fn split_aligned(cell: &str) -> Vec<Option<String>> {
    if cell.trim().is_empty() {
        return Vec::new();
    }
    cell.split(';').map(str::trim).map(|v| (!v.is_empty()).then(|| v.to_string())).collect()
}

fn optional(cell: &str) -> Option<String> {
    let v = cell.trim();
    (!v.is_empty()).then(|| v.to_string())
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    values.into_iter().filter(|v| seen.insert(v.clone())).collect()
}

impl TenantUpdate {
    /// The same update with surrounding spaces removed, so flags and CSV cells store alike.
    fn trimmed(self) -> TenantUpdate {
        let text = |v: String| v.trim().to_string();
        let opt = |v: Option<String>| v.map(text).filter(|v| !v.is_empty());
        TenantUpdate {
            name: self.name.map(text),
            admin_emails: self.admin_emails.map(|l| l.into_iter().map(text).collect()),
            admin_names: self.admin_names.map(|l| l.into_iter().map(opt).collect()),
            admin_phones: self.admin_phones.map(|l| l.into_iter().map(opt).collect()),
            privacy_email: self.privacy_email.map(opt),
            privacy_name: self.privacy_name.map(opt),
            regions: self.regions.map(|l| l.into_iter().map(text).collect()),
            regimes: self.regimes.map(|l| l.into_iter().map(text).collect()),
            notify_within: self.notify_within.map(opt),
        }
    }

    /// The update a CSV row describes: `cells` pairs each present column with its value.
    pub fn from_columns(cells: &[(&str, &str)]) -> TenantUpdate {
        let mut update = TenantUpdate::default();
        for &(column, cell) in cells {
            match column {
                "name" => update.name = Some(cell.trim().to_string()),
                "admin_email" => update.admin_emails = Some(split_list(cell)),
                "admin_name" => update.admin_names = Some(split_aligned(cell)),
                "admin_phone" => update.admin_phones = Some(split_aligned(cell)),
                "privacy_email" => update.privacy_email = Some(optional(cell)),
                "privacy_name" => update.privacy_name = Some(optional(cell)),
                "region" => update.regions = Some(split_list(cell)),
                "regime" => update.regimes = Some(split_list(cell)),
                "notify_within" => update.notify_within = Some(optional(cell)),
                _ => {}
            }
        }
        update
    }
}

impl Tenant {
    /// Applies an update. Fails when the parts do not fit together (more administrator names
    /// than administrators, a privacy name with no privacy email).
    pub fn apply(&mut self, update: TenantUpdate) -> Result<(), String> {
        let update = update.trimmed();
        if let Some(name) = update.name {
            self.name = name;
        }
        let admin_count = update.admin_emails.as_ref().map_or(self.admins.len(), Vec::len);
        for (what, list) in
            [("administrator names", &update.admin_names), ("administrator phones", &update.admin_phones)]
        {
            if let Some(list) = list
                && list.len() > admin_count
            {
                return Err(format!(
                    "{} {what} for {admin_count} administrator email(s); give them in the same order as the emails",
                    list.len()
                ));
            }
        }
        if let Some(emails) = update.admin_emails {
            // Keep what is known of an administrator whose email stays.
            let old = std::mem::take(&mut self.admins);
            self.admins = dedup(emails)
                .into_iter()
                .map(|email| {
                    old.iter().find(|a| a.email == email).cloned().unwrap_or(Admin {
                        email,
                        name: None,
                        phone: None,
                    })
                })
                .collect();
        }
        if let Some(names) = update.admin_names {
            for (admin, name) in self.admins.iter_mut().zip(names.into_iter().chain(std::iter::repeat(None)))
            {
                admin.name = name;
            }
        }
        if let Some(phones) = update.admin_phones {
            for (admin, phone) in
                self.admins.iter_mut().zip(phones.into_iter().chain(std::iter::repeat(None)))
            {
                admin.phone = phone;
            }
        }
        match (update.privacy_email, update.privacy_name) {
            (Some(Some(email)), name) => {
                let name = name.unwrap_or_else(|| self.privacy.as_ref().and_then(|p| p.name.clone()));
                self.privacy = Some(PrivacyContact { email, name });
            }
            (Some(None), Some(Some(_))) => {
                return Err("a privacy contact name needs a privacy email".into());
            }
            (Some(None), _) => self.privacy = None,
            (None, Some(name)) => match &mut self.privacy {
                Some(privacy) => privacy.name = name,
                None if name.is_some() => {
                    return Err("a privacy contact name needs a privacy email".into());
                }
                None => {}
            },
            (None, None) => {}
        }
        if let Some(regions) = update.regions {
            self.regions = dedup(regions);
        }
        if let Some(regimes) = update.regimes {
            self.regimes = dedup(regimes);
        }
        if let Some(limit) = update.notify_within {
            self.notify_within = limit;
        }
        Ok(())
    }

    /// The tenant as a CSV row, in the order of [`COLUMNS`]; `tenant import` reads it back as is.
    pub fn to_columns(&self) -> Vec<String> {
        let aligned = |field: fn(&Admin) -> Option<&String>| -> String {
            if self.admins.iter().all(|a| field(a).is_none()) {
                return String::new();
            }
            self.admins.iter().map(|a| field(a).cloned().unwrap_or_default()).collect::<Vec<_>>().join(";")
        };
        vec![
            self.id.clone(),
            self.name.clone(),
            self.admins.iter().map(|a| a.email.as_str()).collect::<Vec<_>>().join(";"),
            aligned(|a| a.name.as_ref()),
            aligned(|a| a.phone.as_ref()),
            self.privacy.as_ref().map(|p| p.email.clone()).unwrap_or_default(),
            self.privacy.as_ref().and_then(|p| p.name.clone()).unwrap_or_default(),
            self.regions.join(";"),
            self.regimes.join(";"),
            self.notify_within.clone().unwrap_or_default(),
        ]
    }
}

/// Tenant ids and regions: letters, digits, `-` and `_`.
pub fn check_slug(value: &str) -> Result<(), String> {
    if value.is_empty() {
        return Err("is empty".into());
    }
    if value.len() > 64 {
        return Err("is longer than 64 characters".into());
    }
    if let Some(bad) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        return Err(format!("'{value}' has '{}'; use letters, digits, '-' and '_'", bad.escape_default()));
    }
    Ok(())
}

/// A one-line text: no control characters, so nothing can inject a header into an email draft.
pub fn check_line(what: &str, value: &str, required: bool) -> Result<(), String> {
    if required && value.trim().is_empty() {
        return Err(format!("{what} is empty"));
    }
    if let Some(bad) = value.chars().find(|c| c.is_control()) {
        return Err(format!("{what} contains the control character {bad:?}"));
    }
    Ok(())
}

/// A syntactically valid address: `local@domain.tld`, the local part in the characters RFC 5322
/// allows unquoted, the domain in letters, digits and hyphens.
pub fn check_email(value: &str) -> Result<(), String> {
    let bad = |why: &str| Err(format!("'{}' is not a valid email address ({why})", value.escape_default()));
    let Some((local, domain)) = value.rsplit_once('@') else {
        return bad("no @");
    };
    if local.is_empty() || local.len() > 64 {
        return bad("nothing before the @");
    }
    let local_ok = local.chars().all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return bad("unexpected characters before the @");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 || domain.len() > 253 {
        return bad("the domain needs a dot");
    }
    for label in &labels {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return bad("the domain has an invalid part");
        }
    }
    if labels.last().is_some_and(|tld| tld.len() < 2 || tld.chars().all(|c| c.is_ascii_digit())) {
        return bad("the domain ends oddly");
    }
    Ok(())
}

/// E.164: `+`, then 8 to 15 digits, the first not zero.
pub fn check_phone(value: &str) -> Result<(), String> {
    let digits = value.strip_prefix('+').unwrap_or("");
    let ok = (8..=15).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !digits.starts_with('0');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "'{}' is not an E.164 number (+ then 8 to 15 digits, e.g. +14155550123)",
            value.escape_default()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> Tenant {
        let mut t = Tenant::new("contoso", "Contoso Ltd");
        t.admins.push(Admin {
            email: "it@contoso.example".into(),
            name: Some("Ida".into()),
            phone: Some("+442071234567".into()),
        });
        t.privacy = Some(PrivacyContact { email: "privacy@contoso.example".into(), name: None });
        t.regimes.push("gdpr-art33".into());
        t
    }

    #[test]
    fn a_complete_tenant_is_valid_and_reachable_everywhere() {
        let t = tenant();
        assert!(t.problems(|_| true, 72).is_empty());
        assert!(t.reach().iter().all(|r| r.reachable));
    }

    #[test]
    fn emails_are_checked_for_shape() {
        for good in ["a@b.co", "first.last+tag@mail.example.org", "x_y@sub-domain.example.com"] {
            assert!(check_email(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a",
            "a@b",
            "@b.co",
            "a@.co",
            "a..b@c.co",
            "a@b..co",
            "a b@c.co",
            "a@b.co\r\nBcc: x@y.co",
            "a@-b.co",
            "a@b.1",
        ] {
            assert!(check_email(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn phones_are_e164() {
        assert!(check_phone("+14155550123").is_ok());
        for bad in
            ["14155550123", "+1 415 555 0123", "+0123456789", "+123", "+1234567890123456", "+1415555012a"]
        {
            assert!(check_phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn slugs_and_names_refuse_what_could_break_things() {
        assert!(check_slug("tenant_01-eu").is_ok());
        assert!(check_slug("a/b").is_err());
        assert!(check_slug("").is_err());
        assert!(check_line("name", "Ida\r\nBcc: evil@x.co", true).is_err());
        assert!(check_line("name", "  ", true).is_err());
    }

    #[test]
    fn problems_are_listed_in_words() {
        let mut t = tenant();
        t.id = "bad id".into();
        t.admins[0].phone = Some("555".into());
        t.regimes.push("made-up".into());
        t.notify_within = Some("96h".into());
        let problems = t.problems(|r| r == "gdpr-art33", 72);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("E.164")));
        assert!(problems.iter().any(|p| p.contains("made-up")));
        assert!(problems.iter().any(|p| p.contains("only shorten")));
    }

    #[test]
    fn reach_says_why_not() {
        let mut t = Tenant::new("bare", "Bare");
        let reasons: Vec<String> = t.reach().into_iter().filter_map(|r| r.problem).collect();
        assert_eq!(reasons.len(), 4);
        assert!(reasons.iter().any(|r| r.contains("no Global Privacy Contact")));
        t.admins.push(Admin { email: "not-an-email".into(), name: None, phone: Some("12".into()) });
        assert!(t.reach_on(Channel::EmailAdmin).problem.unwrap().contains("malformed"));
        assert!(t.reach_on(Channel::Phone).problem.unwrap().contains("malformed phone"));
        assert!(t.reach_on(Channel::MessageCenter).reachable);
    }

    #[test]
    fn updates_replace_only_what_they_name() {
        let mut t = tenant();
        t.apply(TenantUpdate {
            regions: Some(vec!["eu-west".into(), "eu-west".into()]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(t.regions, ["eu-west"]);
        assert_eq!(t.admins[0].name.as_deref(), Some("Ida"));

        // A new email list keeps what is known of an administrator who stays.
        t.apply(TenantUpdate {
            admin_emails: Some(vec!["ops@contoso.example".into(), "it@contoso.example".into()]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(t.admins[1].name.as_deref(), Some("Ida"));
        assert_eq!(t.admins[0].name, None);

        let too_many =
            TenantUpdate { admin_names: Some(vec![None, None, Some("x".into())]), ..Default::default() };
        assert!(t.clone().apply(too_many).unwrap_err().contains("3 administrator names for 2"));
        let orphan_name = TenantUpdate {
            privacy_email: Some(None),
            privacy_name: Some(Some("P".into())),
            ..Default::default()
        };
        assert!(t.clone().apply(orphan_name).is_err());
        t.apply(TenantUpdate { privacy_email: Some(None), ..Default::default() }).unwrap();
        assert_eq!(t.privacy, None);
    }

    #[test]
    fn csv_columns_round_trip() {
        let mut t = tenant();
        t.admins.push(Admin {
            email: "b@contoso.example".into(),
            name: None,
            phone: Some("+14155550123".into()),
        });
        t.regions = vec!["eu-west".into(), "us-east".into()];
        t.notify_within = Some("24h".into());
        let row = t.to_columns();
        assert_eq!(row[3], "Ida;");
        let cells: Vec<(&str, &str)> = COLUMNS.iter().copied().zip(row.iter().map(String::as_str)).collect();
        let mut back = Tenant::new(&row[0], "");
        back.apply(TenantUpdate::from_columns(&cells)).unwrap();
        assert_eq!(back, t);
    }

    #[test]
    fn the_file_round_trips() {
        let t = tenant();
        let text = toml::to_string(&t).unwrap();
        assert_eq!(toml::from_str::<Tenant>(&text).unwrap(), t);
    }
}
