//! `sirt tenant remove ID`.

use anyhow::Result;
use clap::Args;

use crate::commands::Ctx;
use crate::error::UserError;
use crate::store::Store;

/// Remove a tenant from the directory; refused while an open incident names it
#[derive(Debug, Args)]
pub struct RemoveArgs {
    /// The tenant's id
    pub id: String,
}

pub fn run(ctx: &Ctx, args: RemoveArgs) -> Result<()> {
    let store = ctx.store()?;
    let actor = ctx.actor(store)?;
    let lock = store.lock()?;
    crate::commands::report_recovery(ctx, &lock);
    let tenant = store.read_tenant(&args.id)?;
    let naming = super::open_incidents_naming(store, &tenant.id)?;
    if let Some(first) = naming.first() {
        return Err(UserError::new(format!(
            "tenant '{}' is affected by open incident(s) {}; its contacts are still needed",
            tenant.id,
            naming.join(", ")
        ))
        .hint(format!("if it is not affected after all: sirt affected {first} {} --remove", tenant.id))
        .into());
    }
    super::commit(
        ctx,
        store,
        &lock,
        &actor,
        vec![(Store::tenant_path(&tenant.id), None)],
        format!("tenant {} removed: {}", tenant.id, tenant.name),
        vec![("Sirt-Tenant", tenant.id.clone()), ("Sirt-Action", "tenant-remove".into())],
    )
}
