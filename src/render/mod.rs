//! Notification drafts: pure functions from an incident, its tenants and the templates to text.
//! No I/O: the store hands in template overrides, the command writes the results.

pub mod bar;
pub mod charts;
pub mod eml;
pub mod report;
pub mod svg;
pub mod timeline;
pub mod timeline_mermaid;
pub mod timeline_svg;

use minijinja::value::Serde;
use minijinja::{Environment, UndefinedBehavior, Value, context};
use serde::Serialize;

use crate::model::incident::Incident;
use crate::model::regime::Catalog;
use crate::model::tenant::{Channel, Tenant, check_email, check_phone};
use crate::model::time::format_in;

/// Templates sirt ships; a store overrides any of them with `templates/<name>`.
pub const TEMPLATES: [(&str, &str); 7] = [
    ("subject.txt", include_str!("templates/subject.txt")),
    ("_sections.txt", include_str!("templates/_sections.txt")),
    ("message-center.txt", include_str!("templates/message-center.txt")),
    ("email-admin.txt", include_str!("templates/email-admin.txt")),
    ("email-privacy.txt", include_str!("templates/email-privacy.txt")),
    ("phone.txt", include_str!("templates/phone.txt")),
    ("status-page.txt", include_str!("templates/status-page.txt")),
];

/// The store's template overrides: each file under `templates/` must be named after a built-in
/// template, so a typo is not silently ignored. Hidden files are left out.
pub fn template_overrides(
    files: Vec<(String, String)>,
) -> Result<Vec<(String, String)>, crate::error::UserError> {
    let known: Vec<&str> = TEMPLATES.iter().map(|(n, _)| *n).collect();
    let mut overrides = Vec::new();
    for (name, source) in files {
        if name.rsplit('/').next().is_some_and(|n| n.starts_with('.')) {
            continue;
        }
        if !known.contains(&name.as_str()) {
            return Err(crate::error::UserError::new(format!(
                "templates/{name} is not a template sirt knows"
            ))
            .hint(format!("template files are named: {}", known.join(", "))));
        }
        overrides.push((name, source));
    }
    Ok(overrides)
}

/// Where a draft goes: one of a tenant's channels, or the public dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DraftChannel {
    MessageCenter,
    EmailAdmin,
    EmailPrivacy,
    Phone,
    /// One public entry per incident: no tenant names, no customer data.
    StatusPage,
}

impl DraftChannel {
    pub const ALL: [DraftChannel; 5] = [
        DraftChannel::MessageCenter,
        DraftChannel::EmailAdmin,
        DraftChannel::EmailPrivacy,
        DraftChannel::Phone,
        DraftChannel::StatusPage,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DraftChannel::MessageCenter => "message-center",
            DraftChannel::EmailAdmin => "email-admin",
            DraftChannel::EmailPrivacy => "email-privacy",
            DraftChannel::Phone => "phone",
            DraftChannel::StatusPage => "status-page",
        }
    }

    fn template(self) -> String {
        format!("{}.txt", self.as_str())
    }

    pub fn tenant_channel(self) -> Option<Channel> {
        match self {
            DraftChannel::MessageCenter => Some(Channel::MessageCenter),
            DraftChannel::EmailAdmin => Some(Channel::EmailAdmin),
            DraftChannel::EmailPrivacy => Some(Channel::EmailPrivacy),
            DraftChannel::Phone => Some(Channel::Phone),
            DraftChannel::StatusPage => None,
        }
    }
}

/// One rendered draft. Field names are the stable JSON of `sirt notify --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Draft {
    pub incident: String,
    /// `None` for the status page.
    pub tenant: Option<String>,
    pub channel: DraftChannel,
    /// Email addresses, phone numbers, or where the post goes.
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    /// Pieces marked as missing (with `--incomplete`).
    pub gaps: Vec<String>,
}

/// A draft that was not produced, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub tenant: Option<String>,
    pub channel: DraftChannel,
    pub reason: String,
}

/// Something a notification must say that the incident does not record yet.
#[derive(Debug, Clone, Serialize)]
pub struct Gap {
    pub what: &'static str,
    pub command: String,
}

/// Everything missing for a complete notification, each with the command that records it.
pub fn gaps(incident: &Incident) -> Vec<Gap> {
    let id = &incident.id;
    let mut gaps = Vec::new();
    if incident.description.is_none() {
        gaps.push(Gap {
            what: "what happened, for customers", command: format!("sirt describe {id} \"…\"")
        });
    }
    if incident.impact.is_none() {
        gaps.push(Gap {
            what: "the effect on customer data",
            command: format!("sirt impact {id} --effect … --summary \"…\" (or --none)"),
        });
    }
    if done_so_far(incident).is_empty() {
        gaps.push(Gap { what: "what we have done", command: format!("sirt act {id} \"…\"") });
    }
    if incident.advice.is_empty() {
        gaps.push(Gap { what: "what customers should do", command: format!("sirt advise {id} \"…\"") });
    }
    gaps
}

/// What the provider has done: the recorded actions, then containment, eradication and
/// recovery as the response track records them.
pub fn done_so_far(incident: &Incident) -> Vec<String> {
    let mut done: Vec<String> = incident.actions.clone();
    let r = &incident.response;
    if let Some(containment) = &r.containment {
        done.push(format!("Contained the incident: {containment}"));
    }
    if let Some(eradication) = &r.eradication {
        done.push(format!("Removed the cause and evicted the intruder: {eradication}"));
    }
    if let Some(recovery) = &r.recovery {
        done.push(format!("Restored the service: {recovery}"));
    }
    if r.validated_by.is_some() {
        done.push("Confirmed, under heightened monitoring, that no sign of the breach remains.".into());
    }
    done
}

fn gap_marker(gap: &Gap) -> String {
    format!("[MISSING: {}. Record it with: {}]", gap.what, gap.command)
}

/// A template error, with the file and line to fix.
#[derive(Debug)]
pub struct TemplateError {
    pub message: String,
}

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Where a template comes from, as an error names it: the store's file, or sirt's own.
fn origin(overridden: &[String], name: &str) -> String {
    if overridden.iter().any(|o| o == name) {
        format!("templates/{name}")
    } else {
        format!("built-in {name}")
    }
}

fn template_error(error: &minijinja::Error, overridden: &[String]) -> TemplateError {
    let name = error.name().unwrap_or("a template");
    let location = match error.line() {
        Some(line) => format!("{}:{line}", origin(overridden, name)),
        None => origin(overridden, name),
    };
    let detail = error.detail().map(str::to_string).unwrap_or_else(|| error.kind().to_string());
    TemplateError { message: format!("{location}: {detail}") }
}

/// Values every draft of one incident shares.
pub struct Setting<'a> {
    pub organisation: &'a str,
    pub contact: &'a str,
    pub catalog: &'a Catalog,
    /// Severities that get a call script.
    pub phone: bool,
    pub zone: chrono::FixedOffset,
}

pub struct Renderer {
    env: Environment<'static>,
    /// Names of templates the store overrides, to say which file an error is in.
    overridden: Vec<String>,
}

impl Renderer {
    /// The built-in templates, with the store's `(name, source)` overrides on top.
    pub fn new(overrides: Vec<(String, String)>) -> Result<Renderer, TemplateError> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        let overridden: Vec<String> = overrides.iter().map(|(n, _)| n.clone()).collect();
        for (name, source) in TEMPLATES {
            if !overridden.iter().any(|o| o == name) {
                env.add_template(name, source).map_err(|e| template_error(&e, &overridden))?;
            }
        }
        for (name, source) in overrides {
            env.add_template_owned(name, source).map_err(|e| template_error(&e, &overridden))?;
        }
        Ok(Renderer { env, overridden })
    }

    fn render(&self, template: &str, ctx: &Value) -> Result<String, TemplateError> {
        let template = self.env.get_template(template).map_err(|e| template_error(&e, &self.overridden))?;
        template.render(ctx).map_err(|e| template_error(&e, &self.overridden))
    }
}

#[derive(Serialize)]
struct IncidentView {
    id: String,
    title: String,
    severity: String,
    declared_at: String,
    description: String,
    effects: Vec<String>,
    impact_summary: String,
    no_effect: bool,
    actions: Vec<String>,
    advice: Vec<String>,
}

#[derive(Serialize)]
struct AdminView {
    name: Option<String>,
    email: String,
    phone: Option<String>,
}

#[derive(Serialize)]
struct Duty {
    recipient: String,
    when: String,
    unverified: bool,
}

#[derive(Serialize)]
struct RegimeView {
    id: String,
    name: String,
    duties: Vec<Duty>,
}

#[derive(Serialize)]
struct TenantView {
    id: String,
    name: String,
    admins: Vec<AdminView>,
    privacy: Option<AdminView>,
    detail: Option<String>,
    regimes: Vec<RegimeView>,
}

/// Text from a record, made safe to put anywhere: control characters (a CR/LF could forge a
/// header line) become spaces.
fn plain(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect::<String>().trim().to_string()
}

/// Text that may run over lines (descriptions, actions): keeps newlines, drops other controls.
fn prose(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || *c == '\n').collect()
}

/// "within 72 hours of becoming aware", "without undue delay", "within 3 business days of …".
fn when(within: &str, trigger: &str) -> String {
    let from = match trigger {
        "aware" => "of becoming aware of the breach",
        "discovered" => "of discovering it",
        "declared" => "of the declaration",
        "assessed" => "of determining that a breach occurred",
        "classified_major" => "of classifying the incident as major",
        "determined_material" => "of determining that it is material",
        _ => "of the triggering event",
    };
    let split = within.find(|c: char| !c.is_ascii_digit()).unwrap_or(within.len());
    let (n, unit) = within.split_at(split);
    let plural = |word: &str| if n == "1" { word.to_string() } else { format!("{word}s") };
    match unit {
        "h" => format!("within {n} {} {from}", plural("hour")),
        "d" => format!("within {n} calendar {} {from}", plural("day")),
        "bd" => format!("within {n} business {} {from}", plural("day")),
        "mo" => format!("within {n} calendar {} {from}", plural("month")),
        _ => "without undue delay".to_string(),
    }
}

/// Builds the drafts of one incident. `gaps` are rendered as visible markers.
pub struct Drafting<'a> {
    renderer: &'a Renderer,
    setting: &'a Setting<'a>,
    incident: &'a Incident,
    org: Value,
    view: Value,
    gaps: Vec<String>,
}

impl<'a> Drafting<'a> {
    pub fn new(
        renderer: &'a Renderer,
        setting: &'a Setting<'a>,
        incident: &'a Incident,
        gaps: &[Gap],
    ) -> Drafting<'a> {
        let missing = |what: &str| gaps.iter().find(|g| g.what == what).map(gap_marker);
        let (effects, summary, no_effect) = match &incident.impact {
            Some(impact) => (
                impact.effects.iter().map(|e| e.plain().to_string()).collect(),
                impact.summary.as_deref().map(prose).unwrap_or_default(),
                impact.effects.is_empty(),
            ),
            None => (Vec::new(), missing("the effect on customer data").unwrap_or_default(), false),
        };
        let view = IncidentView {
            id: incident.id.clone(),
            title: plain(&incident.title),
            severity: incident.severity.to_string(),
            declared_at: incident.declared_at.map(|t| format_in(t, setting.zone)).unwrap_or_default(),
            description: incident
                .description
                .as_deref()
                .map(prose)
                .or_else(|| missing("what happened, for customers"))
                .unwrap_or_default(),
            effects,
            impact_summary: summary,
            no_effect,
            actions: match done_so_far(incident) {
                done if done.is_empty() => missing("what we have done").into_iter().collect(),
                done => done.iter().map(|a| prose(a)).collect(),
            },
            advice: if incident.advice.is_empty() {
                missing("what customers should do").into_iter().collect()
            } else {
                incident.advice.iter().map(|a| prose(a)).collect()
            },
        };
        Drafting {
            renderer,
            setting,
            incident,
            org: context! { name => plain(setting.organisation), contact => plain(setting.contact) },
            view: Value::from(Serde(&view)),
            gaps: gaps.iter().map(|g| g.what.to_string()).collect(),
        }
    }

    fn tenant_view(&self, tenant: &Tenant) -> Value {
        let admin = |name: &Option<String>, email: &str, phone: &Option<String>| AdminView {
            name: name.as_deref().map(plain),
            email: plain(email),
            phone: phone.as_deref().map(plain),
        };
        let regimes = tenant
            .regimes
            .iter()
            .filter_map(|id| self.setting.catalog.get(id))
            .map(|regime| RegimeView {
                id: regime.id.clone(),
                name: plain(&regime.name),
                duties: regime
                    .stages
                    .iter()
                    .filter(|stage| stage.anchor.is_none())
                    .map(|stage| Duty {
                        recipient: plain(&regime.recipient(stage)),
                        when: when(&stage.within, &regime.trigger),
                        unverified: stage.verified == "unverified",
                    })
                    .collect(),
            })
            .collect();
        Value::from(Serde(&TenantView {
            id: tenant.id.clone(),
            name: plain(&tenant.name),
            admins: tenant.admins.iter().map(|a| admin(&a.name, &a.email, &a.phone)).collect(),
            privacy: tenant.privacy.as_ref().map(|p| admin(&p.name, &p.email, &None)),
            detail: self.incident.affected.get(&tenant.id).and_then(|a| a.detail.as_deref()).map(plain),
            regimes,
        }))
    }

    /// The drafts for one tenant on the requested channels, and the ones not produced.
    pub fn for_tenant(
        &self,
        tenant: &Tenant,
        channels: &[DraftChannel],
    ) -> Result<(Vec<Draft>, Vec<Skipped>), TemplateError> {
        let mut drafts = Vec::new();
        let mut skipped = Vec::new();
        let view = self.tenant_view(tenant);
        for &channel in channels.iter().filter(|c| **c != DraftChannel::StatusPage) {
            let recipients: Result<Vec<String>, String> = match channel {
                DraftChannel::MessageCenter => {
                    Ok(vec![format!("{} admin portal: message center, data privacy", tenant.id)])
                }
                DraftChannel::EmailAdmin => {
                    let to: Vec<String> = tenant.admin_emails().into_iter().map(String::from).collect();
                    if to.is_empty() { Err("no valid administrator email".into()) } else { Ok(to) }
                }
                DraftChannel::EmailPrivacy => match &tenant.privacy {
                    Some(p) if check_email(&p.email).is_ok() => Ok(vec![p.email.clone()]),
                    Some(p) => Err(format!("malformed privacy email '{}'", plain(&p.email))),
                    None => Err("no Global Privacy Contact on file".into()),
                },
                DraftChannel::Phone if !self.setting.phone => Err(format!(
                    "{} incidents get no call (phone_severities in sirt.toml)",
                    self.incident.severity
                )),
                DraftChannel::Phone => {
                    let numbers: Vec<String> = tenant
                        .admins
                        .iter()
                        .filter_map(|a| a.phone.as_deref())
                        .filter(|p| check_phone(p).is_ok())
                        .map(String::from)
                        .collect();
                    if numbers.is_empty() {
                        Err("no valid administrator phone number".into())
                    } else {
                        Ok(numbers)
                    }
                }
                DraftChannel::StatusPage => unreachable!("filtered above"),
            };
            match recipients {
                Err(reason) => skipped.push(Skipped { tenant: Some(tenant.id.clone()), channel, reason }),
                Ok(recipients) => {
                    let ctx = context! { org => self.org.clone(), incident => self.view.clone(), tenant => view.clone() };
                    drafts.push(Draft {
                        incident: self.incident.id.clone(),
                        tenant: Some(tenant.id.clone()),
                        channel,
                        recipients,
                        subject: plain(&self.renderer.render("subject.txt", &ctx)?),
                        body: self.renderer.render(&channel.template(), &ctx)?,
                        gaps: self.gaps.clone(),
                    });
                }
            }
        }
        Ok((drafts, skipped))
    }

    /// The public dashboard entry: no tenant, no customer data.
    pub fn status_page(&self) -> Result<Result<Draft, Skipped>, TemplateError> {
        if !self.incident.public {
            return Ok(Err(Skipped {
                tenant: None,
                channel: DraftChannel::StatusPage,
                reason: format!("not marked for the public dashboard (sirt publish {})", self.incident.id),
            }));
        }
        let ctx =
            context! { org => self.org.clone(), incident => self.view.clone(), tenant => Value::from(()) };
        Ok(Ok(Draft {
            incident: self.incident.id.clone(),
            tenant: None,
            channel: DraftChannel::StatusPage,
            recipients: vec!["public service health dashboard".into()],
            subject: plain(&self.renderer.render("subject.txt", &ctx)?),
            body: self.renderer.render(&DraftChannel::StatusPage.template(), &ctx)?,
            gaps: self.gaps.clone(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_sentences() {
        assert_eq!(when("72h", "aware"), "within 72 hours of becoming aware of the breach");
        assert_eq!(when("1mo", "declared"), "within 1 calendar month of the declaration");
        assert_eq!(when("3bd", "discovered"), "within 3 business days of discovering it");
        assert_eq!(when("asap", "aware"), "without undue delay");
    }

    #[test]
    fn record_text_cannot_break_lines_where_it_must_not() {
        assert_eq!(plain("Eve\r\nBcc: x@evil.example"), "Eve  Bcc: x@evil.example");
        assert_eq!(prose("line one\nline two\x1b[31m"), "line one\nline two[31m");
    }

    #[test]
    fn the_built_in_templates_compile() {
        assert!(Renderer::new(Vec::new()).is_ok());
    }

    #[test]
    fn a_broken_override_names_its_file_and_line() {
        let err = Renderer::new(vec![("phone.txt".into(), "line one\n{% if %}\n".into())]).err().unwrap();
        assert!(err.message.starts_with("templates/phone.txt:2:"), "{}", err.message);
    }
}
