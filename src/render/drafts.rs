//! The drafts of one incident: which tenant gets which channel, to whom, and in which language,
//! rendered from the views and the templates. Pure: no I/O.

use minijinja::value::Serde;
use minijinja::{Value, context};
use serde::Serialize;

use super::templates::{Renderer, TemplateError};
use super::views::{IncidentView, TenantView, moment, plain, prose};
use crate::model::incident::Incident;
use crate::model::regime::Catalog;
use crate::model::tenant::{Channel, Tenant, check_email, check_phone};

/// Where a draft goes: one of a tenant's channels, or the public dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

    /// Whether drafts on this channel are email messages.
    pub fn is_email(self) -> bool {
        matches!(self, DraftChannel::EmailAdmin | DraftChannel::EmailPrivacy)
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
    /// The recipients' names where known, aligned with `recipients` (for email display names).
    #[serde(skip)]
    pub recipient_names: Vec<Option<String>>,
    pub subject: String,
    pub body: String,
    /// The language the draft is written in.
    pub language: String,
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
    if incident.actions.is_empty() {
        gaps.push(Gap {
            what: "what we have done",
            command: format!("sirt act {id} \"…\" (or --for-customers on contain, eradicate, recover)"),
        });
    }
    if incident.advice.is_empty() {
        gaps.push(Gap { what: "what customers should do", command: format!("sirt advise {id} \"…\"") });
    }
    gaps
}

fn gap_marker(gap: &Gap) -> String {
    format!("[MISSING: {}. Record it with: {}]", gap.what, gap.command)
}

/// Values every draft of one incident shares.
pub struct Setting<'a> {
    pub organisation: &'a str,
    /// How customers reach the response team: free text for the body.
    pub contact: &'a str,
    pub catalog: &'a Catalog,
    /// Whether this incident's severity gets a call script.
    pub phone: bool,
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
        let (effects, effect_keys, summary, no_effect) = match &incident.impact {
            Some(impact) => (
                impact.effects.iter().map(|e| e.plain().to_string()).collect(),
                impact.effects.iter().map(|e| e.as_str().to_string()).collect(),
                impact.summary.as_deref().map(prose).unwrap_or_default(),
                impact.effects.is_empty(),
            ),
            None => {
                (Vec::new(), Vec::new(), missing("the effect on customer data").unwrap_or_default(), false)
            }
        };
        let listed = |items: &[String], what: &str| -> Vec<String> {
            if items.is_empty() {
                missing(what).into_iter().collect()
            } else {
                items.iter().map(|a| prose(a)).collect()
            }
        };
        let view = IncidentView {
            id: incident.id.clone(),
            title: plain(&incident.title),
            severity: incident.severity.to_string(),
            effects,
            effect_keys,
            impact_summary: summary,
            no_effect,
            description: incident
                .description
                .as_deref()
                .map(prose)
                .or_else(|| missing("what happened, for customers"))
                .unwrap_or_default(),
            actions: listed(&incident.actions, "what we have done"),
            advice: listed(&incident.advice, "what customers should do"),
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

    /// The incident as one audience sees it: times in `zone`, and for the status page the
    /// public text.
    fn incident_for(&self, zone: Option<chrono_tz::Tz>, public_text: Option<String>) -> Value {
        let declared = self.incident.declared_at.map(|t| moment(t, zone));
        context! {
            declared_at => declared.as_ref().map(|m| m.text.clone()).unwrap_or_default(),
            declared => Value::from(Serde(&declared)),
            public_text => public_text,
            ..self.view.clone()
        }
    }

    fn recipients(
        &self,
        tenant: &Tenant,
        channel: DraftChannel,
    ) -> Result<Vec<(String, Option<String>)>, String> {
        match channel {
            // A post nobody can read reaches nobody: the portal needs an administrator.
            DraftChannel::MessageCenter => match tenant.reach_on(Channel::MessageCenter).problem {
                Some(why) => Err(why),
                None => Ok(vec![(format!("{} admin portal: message center, data privacy", tenant.id), None)]),
            },
            DraftChannel::EmailAdmin => {
                let to: Vec<(String, Option<String>)> = tenant
                    .admins
                    .iter()
                    .filter(|a| check_email(&a.email).is_ok())
                    .map(|a| (a.email.clone(), a.name.as_deref().map(plain)))
                    .collect();
                if to.is_empty() { Err("no valid administrator email".into()) } else { Ok(to) }
            }
            DraftChannel::EmailPrivacy => match &tenant.privacy {
                Some(p) if check_email(&p.email).is_ok() => {
                    Ok(vec![(p.email.clone(), p.name.as_deref().map(plain))])
                }
                Some(p) => Err(format!("malformed privacy email '{}'", plain(&p.email))),
                None => Err("no Global Privacy Contact on file".into()),
            },
            DraftChannel::Phone if !self.setting.phone => Err(format!(
                "{} incidents get no call (phone_severities in sirt.toml)",
                self.incident.severity
            )),
            DraftChannel::Phone => {
                let numbers: Vec<(String, Option<String>)> = tenant
                    .admins
                    .iter()
                    .filter_map(|a| a.phone.as_deref().map(|p| (p, a.name.as_deref())))
                    .filter(|(p, _)| check_phone(p).is_ok())
                    .map(|(p, name)| (p.to_string(), name.map(plain)))
                    .collect();
                if numbers.is_empty() {
                    Err("no valid administrator phone number".into())
                } else {
                    Ok(numbers)
                }
            }
            DraftChannel::StatusPage => Err("the status page is drafted once per incident".into()),
        }
    }

    /// The drafts for one tenant on the requested channels, and the ones not produced.
    pub fn for_tenant(
        &self,
        tenant: &Tenant,
        channels: &[DraftChannel],
    ) -> Result<(Vec<Draft>, Vec<Skipped>), TemplateError> {
        let mut drafts = Vec::new();
        let mut skipped = Vec::new();
        let detail = self.incident.affected.get(&tenant.id).and_then(|a| a.detail.as_deref());
        let view = Value::from(Serde(&TenantView::new(tenant, detail, self.setting.catalog)));
        // A zone that does not parse was reported by `tenant check`; the draft falls back to UTC.
        let zone = tenant.timezone.as_deref().and_then(|z| z.parse::<chrono_tz::Tz>().ok());
        let incident = self.incident_for(zone, None);
        let language = self.renderer.language_for(tenant.language.as_deref());
        for &channel in channels.iter().filter(|c| **c != DraftChannel::StatusPage) {
            match self.recipients(tenant, channel) {
                Err(reason) => skipped.push(Skipped { tenant: Some(tenant.id.clone()), channel, reason }),
                Ok(recipients) => {
                    let ctx = context! { org => self.org.clone(), incident => incident.clone(), tenant => view.clone() };
                    let (recipients, recipient_names) = recipients.into_iter().unzip();
                    drafts.push(Draft {
                        incident: self.incident.id.clone(),
                        tenant: Some(tenant.id.clone()),
                        channel,
                        recipients,
                        recipient_names,
                        subject: plain(&self.renderer.render(language, "subject.txt", &ctx)?),
                        body: self.renderer.render(language, &channel.template(), &ctx)?,
                        language: language.to_string(),
                        gaps: self.gaps.clone(),
                    });
                }
            }
        }
        Ok((drafts, skipped))
    }

    /// The public dashboard entry: its own public text, no tenant, no customer data.
    pub fn status_page(&self) -> Result<Result<Draft, Skipped>, TemplateError> {
        let skip =
            |reason: String| Ok(Err(Skipped { tenant: None, channel: DraftChannel::StatusPage, reason }));
        let id = &self.incident.id;
        if !self.incident.public {
            return skip(format!("not marked for the public dashboard (sirt publish {id} --text \"…\")"));
        }
        let Some(text) = &self.incident.public_text else {
            return skip(format!("no public text for the dashboard (sirt publish {id} --text \"…\")"));
        };
        let incident = self.incident_for(None, Some(prose(text)));
        let ctx = context! { org => self.org.clone(), incident => incident, tenant => Value::from(()) };
        let language = super::templates::DEFAULT_LANGUAGE;
        Ok(Ok(Draft {
            incident: id.clone(),
            tenant: None,
            channel: DraftChannel::StatusPage,
            recipients: vec!["public service health dashboard".into()],
            recipient_names: vec![None],
            subject: plain(&self.renderer.render(language, "subject.txt", &ctx)?),
            body: self.renderer.render(language, &DraftChannel::StatusPage.template(), &ctx)?,
            language: language.to_string(),
            gaps: self.gaps.clone(),
        }))
    }
}
