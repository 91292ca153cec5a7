//! `sirt notified ID TENANT… --via CHANNEL`: a notification went out. Stops the contract clock.

use anyhow::Result;
use clap::Args;

use super::{AtArg, Ctx};
use crate::error::UserError;
use crate::model::EventBody;
use crate::model::tenant::Channel;
use crate::text::name_some;

/// Record that tenants were notified on a channel; stops their contract clocks
#[derive(Debug, Args)]
pub struct NotifiedArgs {
    /// Incident id, or any unique prefix of it
    pub id: String,
    /// Tenant ids (or --all)
    pub tenants: Vec<String>,
    /// The channel it went out on
    #[arg(ignore_case = true, long, value_enum)]
    pub via: Via,
    /// Every affected tenant (e.g. a message-center post that went out in bulk)
    #[arg(long, conflicts_with = "tenants")]
    pub all: bool,
    /// A reference to what was sent: message id, ticket, call log
    #[arg(long = "ref", value_name = "TEXT")]
    pub reference: Option<String>,
    #[command(flatten)]
    pub at: AtArg,
}

/// `--via`: the tenant channels, mapped at the edge so the model carries no clap derive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Via {
    /// A post in the tenant's admin-portal message center.
    MessageCenter,
    /// Email to every administrator.
    EmailAdmin,
    /// Email to the Global Privacy Contact.
    EmailPrivacy,
    /// A call to an administrator by trained support staff.
    Phone,
}

impl From<Via> for Channel {
    fn from(via: Via) -> Channel {
        match via {
            Via::MessageCenter => Channel::MessageCenter,
            Via::EmailAdmin => Channel::EmailAdmin,
            Via::EmailPrivacy => Channel::EmailPrivacy,
            Via::Phone => Channel::Phone,
        }
    }
}

pub fn run(ctx: &Ctx, args: NotifiedArgs) -> Result<()> {
    let via = Channel::from(args.via);
    if args.tenants.is_empty() && !args.all {
        return Err(UserError::new("no tenants named")
            .hint(format!("sirt notified {} TENANT… --via {via}, or --all", args.id))
            .into());
    }
    let reference = args.reference.as_deref().map(|r| super::require_line("reference", r)).transpose()?;
    let recorded = super::record(ctx, &args.id, &args.at, |incident| {
        let named: Vec<String> =
            if args.all { incident.affected.keys().cloned().collect() } else { args.tenants.clone() };
        if args.all && named.is_empty() {
            return Err(UserError::new(format!("{} has no affected tenants yet", incident.id))
                .hint(format!("sirt affected {} TENANT…", incident.id))
                .into());
        }
        // Already recorded on this channel: nothing new to say about those.
        let fresh: Vec<String> = named
            .into_iter()
            .filter(|t| !incident.notifications.iter().any(|n| &n.tenant == t && n.channel == via))
            .collect();
        if fresh.is_empty() {
            ctx.ui.status(&format!("already recorded as notified via {via}; nothing recorded"));
            return Ok(None);
        }
        // A notification on a channel that cannot reach the tenant never reached it.
        let store = ctx.store()?;
        let mut unreachable: Vec<(String, String)> = Vec::new();
        for tenant in &fresh {
            let why = match store.read_tenant(tenant) {
                Ok(record) => record.reach_on(via).problem,
                Err(e) => Some(format!("{e:#}")),
            };
            if let Some(why) = why {
                unreachable.push((tenant.clone(), why));
            }
        }
        let fresh: Vec<String> =
            fresh.into_iter().filter(|t| !unreachable.iter().any(|(u, _)| u == t)).collect();
        if let Some((first, why)) = unreachable.first() {
            let names: Vec<String> = unreachable.iter().map(|(t, _)| t.clone()).collect();
            // A channel that does reach the first of them, for the hint.
            let reaching = store.read_tenant(first).ok().and_then(|record| {
                Channel::ALL.into_iter().find(|c| *c != via && record.reach_on(*c).problem.is_none())
            });
            if !args.all || fresh.is_empty() {
                return Err(UserError::new(format!(
                    "{} cannot be reached via {} ({first}: {why}); nothing recorded",
                    name_some(&names),
                    via
                ))
                .hint(match reaching {
                    Some(channel) => format!(
                        "record the channel that did reach them, e.g. --via {channel}; see each tenant's channels: sirt tenant check {first}"
                    ),
                    None => format!(
                        "nothing on file reaches {first} (see: sirt tenant check {first}); add a contact: sirt tenant set {first} --admin-email EMAIL"
                    ),
                })
                .into());
            }
            ctx.ui.warn(&format!(
                "skipped {} tenant(s) that {} cannot reach: {}",
                names.len(),
                via,
                name_some(&names)
            ));
        }
        Ok(Some(EventBody::Notified { tenants: fresh, channel: via, reference: reference.clone() }))
    })?;
    if let Some(incident) = recorded {
        let waiting = incident.affected.keys().filter(|t| incident.first_notified(t).is_none()).count();
        if waiting == 0 {
            ctx.ui.status(&format!("{}: every affected tenant has now been notified", incident.id));
        } else {
            ctx.ui.status(&format!("{}: {waiting} affected tenant(s) not yet notified", incident.id));
        }
    }
    Ok(())
}
