//! Tenants (customers) and their contacts: what notifications need to reach them.

use std::fmt;

use serde::{Deserialize, Serialize};

pub use super::contact::{check_email, check_line, check_phone, check_slug};
use super::contact::{check_language, check_timezone};
pub use super::tenant_csv::COLUMNS;

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
    /// The language drafts are written in, where templates exist for it (`de`, `fr`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The zone customer-facing times are shown in (`Europe/Berlin`); UTC when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
            language: None,
            timezone: None,
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
        if let Some(language) = &self.language
            && let Err(e) = check_language(language)
        {
            problems.push(format!("language: {e}"));
        }
        if let Some(zone) = &self.timezone
            && let Err(e) = check_timezone(zone)
        {
            problems.push(format!("timezone: {e}"));
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
    /// `Some(None)` returns to English.
    pub language: Option<Option<String>>,
    /// `Some(None)` returns to UTC.
    pub timezone: Option<Option<String>>,
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
            language: self.language.map(opt),
            timezone: self.timezone.map(opt),
        }
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
        if let Some(language) = update.language {
            self.language = language;
        }
        if let Some(zone) = update.timezone {
            self.timezone = zone;
        }
        Ok(())
    }
}

/// A complete tenant, for the model's unit tests.
#[cfg(test)]
pub(crate) fn example() -> Tenant {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> Tenant {
        example()
    }

    #[test]
    fn a_complete_tenant_is_valid_and_reachable_everywhere() {
        let t = tenant();
        assert!(t.problems(|_| true, 72).is_empty());
        assert!(t.reach().iter().all(|r| r.reachable));
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
    fn the_file_round_trips() {
        let t = tenant();
        let text = toml::to_string(&t).unwrap();
        assert_eq!(toml::from_str::<Tenant>(&text).unwrap(), t);
    }
}
