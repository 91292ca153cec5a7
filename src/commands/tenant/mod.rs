//! `sirt tenant …`: the directory of customers and their contacts.

mod add;
mod check;
mod export;
mod import;
mod list;
mod remove;
mod set;
mod show;

use anyhow::Result;
use clap::{Args, Subcommand};

use super::Ctx;
use crate::model::tenant::TenantUpdate;

/// Manage the tenant directory: customers, their contacts and the regimes that apply to them
#[derive(Debug, Args)]
pub struct TenantArgs {
    #[command(subcommand)]
    pub command: TenantCommand,
}

#[derive(Debug, Subcommand)]
// Built only when chosen, as `commands::Command`'s subcommands are.
#[command(defer = true)]
pub enum TenantCommand {
    Add(add::AddArgs),
    Import(import::ImportArgs),
    Export(export::ExportArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Set(set::SetArgs),
    Remove(remove::RemoveArgs),
    Check(check::CheckArgs),
}

/// Returns the exit code: `tenant check --check` has one of its own.
pub fn run(ctx: &Ctx, args: TenantArgs) -> Result<i32> {
    if let TenantCommand::Check(args) = args.command {
        return check::run(ctx, args);
    }
    match args.command {
        TenantCommand::Add(args) => add::run(ctx, args),
        TenantCommand::Import(args) => import::run(ctx, args),
        TenantCommand::Export(args) => export::run(ctx, args),
        TenantCommand::List(args) => list::run(ctx, args),
        TenantCommand::Show(args) => show::run(ctx, args),
        TenantCommand::Set(args) => set::run(ctx, args),
        TenantCommand::Remove(args) => remove::run(ctx, args),
        TenantCommand::Check(_) => unreachable!("handled above"),
    }?;
    Ok(crate::error::exit::OK)
}

/// Contact and attribute flags shared by `tenant add` and `tenant set`.
#[derive(Debug, Args)]
pub struct ContactFlags {
    /// An administrator's email; repeat for each administrator
    #[arg(long = "admin-email", value_name = "EMAIL")]
    pub admin_email: Vec<String>,
    /// The administrators' names, in the order of their emails; repeat
    #[arg(long = "admin-name", value_name = "NAME")]
    pub admin_name: Vec<String>,
    /// The administrators' phone numbers (E.164, e.g. +14155550123), in the order of their
    /// emails; repeat
    #[arg(long = "admin-phone", value_name = "PHONE")]
    pub admin_phone: Vec<String>,
    /// The Global Privacy Contact's email
    #[arg(long = "privacy-email", value_name = "EMAIL")]
    pub privacy_email: Option<String>,
    /// The Global Privacy Contact's name
    #[arg(long = "privacy-name", value_name = "NAME")]
    pub privacy_name: Option<String>,
    /// A region the tenant's data lives in; repeat or separate with commas
    #[arg(long, value_delimiter = ',', value_name = "REGION")]
    pub region: Vec<String>,
    /// A regime that applies to the tenant (an id from `sirt regimes`); repeat or separate with commas
    #[arg(long, value_delimiter = ',', value_name = "ID")]
    pub regime: Vec<String>,
    /// A contractual notification limit shorter than the store's default, e.g. 24h
    #[arg(long = "notify-within", value_name = "DURATION")]
    pub notify_within: Option<String>,
    /// The language of the tenant's drafts (de, fr, …); English where no templates exist for it
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    /// The time zone customer-facing times are shown in, e.g. Europe/Berlin [default: UTC]
    #[arg(long, value_name = "ZONE")]
    pub timezone: Option<String>,
}

impl ContactFlags {
    pub fn update(self, name: Option<String>) -> TenantUpdate {
        let present = |values: Vec<String>| (!values.is_empty()).then_some(values);
        let aligned = |values: Vec<String>| present(values).map(|v| v.into_iter().map(Some).collect());
        TenantUpdate {
            name,
            admin_emails: present(self.admin_email),
            admin_names: aligned(self.admin_name),
            admin_phones: aligned(self.admin_phone),
            privacy_email: self.privacy_email.map(Some),
            privacy_name: self.privacy_name.map(Some),
            regions: present(self.region),
            regimes: present(self.regime),
            notify_within: self.notify_within.map(Some),
            language: self.language.map(|l| Some(l.trim().to_ascii_lowercase())),
            timezone: self.timezone.map(Some),
        }
    }
}
