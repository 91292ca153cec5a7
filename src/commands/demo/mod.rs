//! `sirt demo [DIR]`: builds a store and walks a realistic incident through every step, printing
//! each command as a user would type it, then what a user would look at.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Args, Parser};

use super::{Cli, Ctx};
use crate::clock;

/// Build a demo store and walk an incident through the process, showing each command
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to build the demo store (new or empty) [default: a new temporary directory]
    pub dir: Option<PathBuf>,
}

/// The example tenant directory, also documented in README.
const EXAMPLE_TENANTS: &str = include_str!("tenants.csv");

const ANA: &str = "Ana Lima <ana.lima@example.com>";
const BO: &str = "Bo Chen <bo.chen@example.com>";
const CARLA: &str = "Carla Diaz <carla.diaz@example.com>";
const DEV: &str = "Dev Patel <dev.patel@example.com>";

pub fn run(ctx: &Ctx, args: DemoArgs) -> Result<()> {
    let dir = args.dir.unwrap_or_else(|| {
        std::env::temp_dir().join(format!("sirt-demo-{:08x}", clock::random_u64() as u32))
    });
    let demo = Demo { ctx, store: dir.to_string_lossy().into_owned() };

    demo.say(
        "A monitoring alert fires at night; the on-call engineer opens an incident, backfilling the times.",
    )?;
    demo.step(
        ANA,
        &["init", &demo.store, "--org", "Northwind Cloud", "--sender", "security@northwind.example"],
    )?;
    demo.answer_to_nis2(&dir)?;
    demo.step(
        ANA,
        &[
            "detect",
            "Unusual sign-ins to the tenant admin API from an unfamiliar network",
            "--severity",
            "sev1",
            "--source",
            "monitoring",
            "--started",
            "30h ago",
            "--at",
            "26h ago",
        ],
    )?;
    let store = crate::store::Store::open(&dir)?;
    let id = store.incident_ids()?.into_iter().next().context("the demo incident was not created")?;
    demo.step(ANA, &["engage", &id, "oce", "Ana Lima", "--at", "25h 50m ago"])?;
    demo.step(ANA, &["engage", &id, "srt", "Bo Chen", "--at", "25h ago"])?;
    demo.step(
        BO,
        &["note", &id, "Sign-ins used a token minted by the support tooling service", "--at", "24h ago"],
    )?;

    demo.say("The security response team confirms it: the official declaration, which starts the clocks.")?;
    demo.step(BO, &["confirm", &id, "--at", "22h ago"])?;
    demo.step(BO, &["engage", &id, "eim", "Carla Diaz", "--at", "21h ago"])?;
    demo.step(
        BO,
        &[
            "impact",
            &id,
            "--effect",
            "access,disclosure",
            "--summary",
            "Mailbox contents of some tenants were read through the support tooling API",
            "--at",
            "20h ago",
        ],
    )?;
    demo.step(CARLA, &["engage", &id, "comms", "Dev Patel"])?;

    demo.say("The tenant directory: contacts and regimes, checked before anyone needs them.")?;
    let tenants_csv = format!("{}-tenants.csv", demo.store);
    std::fs::write(&tenants_csv, EXAMPLE_TENANTS).with_context(|| format!("cannot write {tenants_csv}"))?;
    demo.step(CARLA, &["tenant", "import", &tenants_csv])?;
    demo.step(CARLA, &["tenant", "check", "--problems"])?;

    demo.say("The investigation finds the affected customers as it widens; one of them cannot be emailed.")?;
    demo.step(BO, &["affected", &id, "contoso", "woodgrove", "--at", "19h ago"])?;
    demo.step(BO, &["affected", &id, "contoso", "--detail", "12 mailboxes read", "--at", "18h ago"])?;
    demo.step(BO, &["affected", &id, "fabrikam", "litware", "--at", "17h ago"])?;
    demo.step(BO, &["tenant", "check", "--check", "contoso", "woodgrove", "fabrikam", "litware"])?;
    demo.step(
        CARLA,
        &["tenant", "set", "litware", "--admin-email", "it@litware.example", "--admin-name", "Lea Martin"],
    )?;
    demo.step(BO, &["tenant", "check", "--check", "litware"])?;

    demo.say("The clocks: which promise breaks first? Two tenants have 24-hour contracts.")?;
    demo.step(CARLA, &["deadlines"])?;
    demo.step(
        BO,
        &["filed", &id, "nis2-art23", "early warning", "--ref", "CSIRT-2026-114", "--at", "20h ago"],
    )?;

    demo.say("What customers will read: the parts every notification carries, then the drafts.")?;
    demo.step(
        DEV,
        &["describe", &id, "Someone used a stolen token of our support tooling to read mailbox contents through the support API on 20 November, between 03:00 and 11:00 UTC."],
    )?;
    demo.step(BO, &["act", &id, "Revoked every support-tooling token and rotated the keys that sign them."])?;
    demo.step(
        BO,
        &["act", &id, "Blocked the network the sign-ins came from and added monitoring for token reuse."],
    )?;
    demo.step(
        DEV,
        &[
            "advise",
            &id,
            "Review your mailbox audit logs for reads by the support service account on 20 November.",
        ],
    )?;
    demo.step(DEV, &["advise", &id, "Change any password or secret that was sent by email in that window."])?;
    demo.step(
        CARLA,
        &[
            "publish",
            &id,
            "--text",
            "On 20 November some customers' mailbox contents were read through our support tooling. The access is stopped; affected customers are being told directly.",
        ],
    )?;
    demo.step(DEV, &["notify", &id, "--tenant", "woodgrove", "--channel", "email-admin"])?;
    let drafts = format!("{}-drafts", demo.store);
    demo.step(DEV, &["notify", &id, "--out", &drafts, "--format", "eml"])?;

    demo.say("Communications send them and record it; each recording stops that tenant's clock.")?;
    demo.step(
        DEV,
        &[
            "notified",
            &id,
            "fabrikam",
            "woodgrove",
            "--via",
            "email-admin",
            "--ref",
            "case 4711",
            "--at",
            "1h ago",
        ],
    )?;
    demo.step(DEV, &["notified", &id, "--all", "--via", "message-center"])?;
    demo.step(CARLA, &["deadlines", "--all", "--incident", &id])?;

    demo.say(
        "The response track: contain, eradicate (a sev1 needs the executive incident manager), recover.",
    )?;
    demo.step(
        BO,
        &[
            "contain",
            &id,
            "--summary",
            "Revoked the stolen token and blocked the source network",
            "--at",
            "20h ago",
        ],
    )?;
    demo.step(
        BO,
        &[
            "eradicate",
            &id,
            "--summary",
            "Removed the token-minting path from the support tool",
            "--vulnerability",
            "support tokens were not scoped to one tenant; now they are",
            "--approved-by",
            "Carla Diaz",
            "--at",
            "10h ago",
        ],
    )?;
    demo.step(
        BO,
        &[
            "recover",
            &id,
            "--last-known-good",
            "support API build 2026.11.19",
            "--restored-from",
            "configuration snapshot of 19 November",
            "--inspected",
            "--at",
            "6h ago",
        ],
    )?;
    demo.step(ANA, &["recover", &id, "--monitoring", "--validated-by", "Ana Lima", "--at", "1h ago"])?;
    demo.expect_refusal(ANA, &["close", &id])?;

    demo.say("The review, and the incident can be closed; the report is ready to share.")?;
    demo.step(
        CARLA,
        &[
            "review",
            &id,
            "--root-cause",
            "Support-tool tokens could reach every tenant",
            "--went-well",
            "Detected within four hours by monitoring",
            "--went-badly",
            "One tenant had no administrator email on file",
            "--action",
            "Scope support tokens to one tenant",
            "--owner",
            "Bo Chen",
            "--due",
            "2026-12-15",
            "--action",
            "Check tenant contacts every quarter",
            "--owner",
            "Dev Patel",
        ],
    )?;
    demo.step(BO, &["action", "done", &id, "A1"])?;
    demo.step(CARLA, &["close", &id])?;
    let report = format!("{}-report.md", demo.store);
    demo.step(CARLA, &["report", &id, "--out", &report])?;
    demo.step(CARLA, &["stats"])?;

    demo.say("A second alert turns out to be a red-team exercise; sirt refuses to declare it afterwards.")?;
    demo.step(ANA, &["detect", "Port scan from a partner network", "--severity", "sev4", "--at", "3h ago"])?;
    let store = crate::store::Store::open(&dir)?;
    let drill =
        store.incident_ids()?.into_iter().find(|other| *other != id).context("second demo incident")?;
    demo.step(ANA, &["dismiss", &drill, "--reason", "scheduled red-team exercise", "--at", "2h ago"])?;
    demo.expect_refusal(ANA, &["confirm", &drill[..8]])?;

    demo.say("What the people on the incident look at:")?;
    demo.step(ANA, &["list", "--all"])?;
    demo.step(ANA, &["show", &id])?;
    demo.step(ANA, &["timeline", &id])?;
    demo.step(ANA, &["history", &id])?;
    demo.step(ANA, &["tenant", "show", "woodgrove"])?;
    ctx.ui.line("")?;
    ctx.ui.line(&format!(
        "The demo store is in {}. Look around: sirt --store {} list --all",
        demo.store, demo.store
    ))?;
    Ok(())
}

/// The demo provider answers to NIS2 itself, so its own-regime clocks show too. A store's
/// settings are edited by hand and committed; the demo does the same through the store.
impl Demo<'_> {
    fn answer_to_nis2(&self, dir: &std::path::Path) -> Result<()> {
        let store = crate::store::Store::open(dir)?;
        let settings =
            store.read_file(crate::store::SETTINGS_FILE)?.context("the demo store has settings")?;
        let settings =
            String::from_utf8(settings)?.replace("own_regimes = []", "own_regimes = [\"nis2-art23\"]");
        let mut txn = store.begin()?;
        txn.write(crate::store::SETTINGS_FILE, settings.into_bytes());
        let message = crate::store::Message::new("settings: the provider answers to NIS2 (own_regimes)")
            .trailer("Sirt-Action", "settings");
        let author = crate::model::actor::Actor::parse(CARLA).context("demo actor")?;
        txn.commit(&message, &author, self.ctx.now)?;
        self.ctx.ui.line("$ # sirt.toml: own_regimes = [\"nis2-art23\"], committed")?;
        Ok(())
    }
}

struct Demo<'a> {
    ctx: &'a Ctx,
    store: String,
}

impl Demo<'_> {
    fn say(&self, text: &str) -> Result<()> {
        self.ctx.ui.line("")?;
        Ok(self.ctx.ui.line(&self.ctx.ui.bold(&format!("# {text}")))?)
    }

    fn command_line(&self, words: &[&str]) -> String {
        let shown: Vec<String> = words.iter().map(|w| quote(w)).collect();
        format!("$ sirt {}", shown.join(" "))
    }

    fn parse(&self, actor: &str, words: &[&str]) -> Result<Cli> {
        let mut argv = vec!["sirt", "--store", &self.store, "--actor", actor];
        if self.ctx.ui.colored() {
            argv.extend(["--color", "always"]);
        }
        argv.extend(words);
        Ok(Cli::try_parse_from(argv)?)
    }

    fn step(&self, actor: &str, words: &[&str]) -> Result<()> {
        self.ctx.ui.line(&self.ctx.ui.toned(&self.command_line(words), crate::output::Tone::Good))?;
        let code = super::run(self.parse(actor, words)?)?;
        if code != crate::error::exit::OK {
            // A runbook would stop here; the demo shows the exit code and goes on.
            self.ctx.ui.line(&format!("(exit code {code})"))?;
        }
        Ok(())
    }

    fn expect_refusal(&self, actor: &str, words: &[&str]) -> Result<()> {
        self.ctx.ui.line(&self.ctx.ui.toned(&self.command_line(words), crate::output::Tone::Good))?;
        match super::run(self.parse(actor, words)?) {
            Ok(_) => anyhow::bail!("the demo expected '{}' to be refused", words.join(" ")),
            Err(error) => {
                crate::report_error(&self.ctx.ui, &error);
                Ok(())
            }
        }
    }
}

/// Quotes a word the way a shell user would type it.
fn quote(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:,@".contains(c)) {
        word.to_string()
    } else {
        format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
    }
}
