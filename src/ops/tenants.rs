//! Changes to the tenant directory: add, change, remove and import customers, each one commit.

use anyhow::Result;

use super::Recorder;
use crate::error::UserError;
use crate::model::regime::Catalog;
use crate::model::tenant::Tenant;
use crate::model::tenant_csv::FieldChange;
use crate::model::tenant_csv::field_changes;
use crate::store::{Committed, Message, Store};

/// Every problem with a tenant record, in words; empty when it may be written.
pub fn problems(store: &Store, catalog: &Catalog, tenant: &Tenant) -> Result<Vec<String>> {
    let limit = store.settings.contract_limit_hours().map_err(UserError::new)?;
    Ok(tenant.problems(|id| catalog.contains(id), limit))
}

/// Refuses a tenant record with problems, listing them all.
/// For a tenant naming regimes not in the catalog, the close ids; else the general advice.
fn regime_hint(catalog: &Catalog, tenant: &Tenant) -> String {
    let close: Vec<String> = tenant
        .regimes
        .iter()
        .filter(|id| !catalog.contains(id))
        .filter_map(|id| catalog.did_you_mean(id).map(|close| format!("'{id}': {close}")))
        .collect();
    if close.is_empty() {
        "correct the values and run the command again; regime ids are listed by: sirt regimes".to_string()
    } else {
        close.join("; ")
    }
}

pub fn validate(store: &Store, catalog: &Catalog, tenant: &Tenant) -> Result<()> {
    let problems = problems(store, catalog, tenant)?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(UserError::new(format!("tenant '{}' is not valid: {}", tenant.id, problems.join("; ")))
        .hint(regime_hint(catalog, tenant))
        .into())
}

/// Adds a new tenant.
pub fn add(rec: &Recorder, tenant: &Tenant) -> Result<Committed> {
    let mut txn = rec.store.begin()?;
    if rec.store.tenant_exists(&tenant.id) {
        return Err(UserError::new(format!("tenant '{}' is already in the directory", tenant.id))
            .hint(format!("change it with: sirt tenant set {} --name …", tenant.id))
            .into());
    }
    validate(rec.store, &Catalog::built_in(), tenant)?;
    txn.write_tenant(tenant)?;
    let message = Message::new(format!("tenant {} added: {}", tenant.id, tenant.name))
        .trailer("Sirt-Tenant", tenant.id.clone())
        .trailer("Sirt-Action", "tenant-add");
    committed(txn.commit(&message, &rec.actor, rec.now)?)
}

/// A tenant record changed: as it was, as it is, and the commit (none when nothing changed).
pub struct Changed {
    pub before: Tenant,
    pub after: Tenant,
    pub committed: Option<Committed>,
}

/// Changes one tenant's record with `change`, read and written under the lock; `describe` names
/// what changed for the commit subject.
pub fn change(
    rec: &Recorder,
    id: &str,
    change: impl FnOnce(&mut Tenant) -> Result<()>,
    describe: impl FnOnce(&Tenant, &Tenant) -> String,
) -> Result<Changed> {
    let mut txn = rec.store.begin()?;
    let before = rec.store.read_tenant(id)?;
    let mut after = before.clone();
    change(&mut after)?;
    validate(rec.store, &Catalog::built_in(), &after)?;
    if after == before {
        return Ok(Changed { before, after, committed: None });
    }
    txn.write_tenant(&after)?;
    let message = Message::new(format!("tenant {} changed: {}", after.id, describe(&before, &after)))
        .trailer("Sirt-Tenant", after.id.clone())
        .trailer("Sirt-Action", "tenant-set");
    let committed = txn.commit(&message, &rec.actor, rec.now)?;
    Ok(Changed { before, after, committed })
}

/// Removes a tenant; refused while an open incident names it as affected.
pub fn remove(rec: &Recorder, id: &str) -> Result<Committed> {
    let mut txn = rec.store.begin()?;
    let tenant = rec.store.read_tenant(id)?;
    let naming = open_incidents_naming(rec.store, &tenant.id)?;
    if let Some(first) = naming.first() {
        return Err(UserError::new(format!(
            "tenant '{}' is affected by open incident(s) {}; its contacts are still needed",
            tenant.id,
            naming.join(", ")
        ))
        .hint(format!("if it is not affected after all: sirt affected {first} {} --remove", tenant.id))
        .into());
    }
    txn.remove(rec.store.tenant_path(&tenant.id));
    let message = Message::new(format!("tenant {} removed: {}", tenant.id, tenant.name))
        .trailer("Sirt-Tenant", tenant.id.clone())
        .trailer("Sirt-Action", "tenant-remove");
    committed(txn.commit(&message, &rec.actor, rec.now)?)
}

/// What an import did.
pub struct Imported {
    pub tenants: Vec<Tenant>,
    pub added: usize,
    pub updated: usize,
    /// Per tenant that changes, in file order: its id, whether it is new, and what changes.
    pub changes: Vec<(String, bool, Vec<FieldChange>)>,
    pub committed: Option<Committed>,
}

/// Imports the tenants `read_rows` gives in one commit; with `dry_run`, works out the same
/// changes and commits nothing. `read_rows` runs under the lock, so the records it builds on are
/// the ones the commit replaces; it gives each tenant as the file leaves it and as the directory
/// holds it now (`None`: new). `source` names the file for the commit subject.
pub fn import(
    rec: &Recorder,
    source: &str,
    dry_run: bool,
    read_rows: impl FnOnce(&Store) -> Result<Vec<(Tenant, Option<Tenant>)>>,
) -> Result<Imported> {
    let mut txn = rec.store.begin()?;
    let rows = read_rows(rec.store)?;
    let (mut added, mut updated) = (0, 0);
    let mut changes = Vec::new();
    let mut changed: Vec<&Tenant> = Vec::new();
    for (tenant, current) in &rows {
        match current {
            Some(current) if current == tenant => continue,
            Some(_) => updated += 1,
            None => added += 1,
        }
        changes.push((tenant.id.clone(), current.is_none(), field_changes(current.as_ref(), tenant)));
        changed.push(tenant);
    }
    // Encoding (and reading back) thousands of records is most of an import's own work.
    let texts = crate::parallel::by_chunks(&changed, crate::parallel::cores(), |part| {
        part.iter().map(|tenant| crate::store::tenant_text(tenant)).collect::<Result<Vec<String>>>()
    });
    for (tenant, text) in changed.iter().zip(texts.into_iter().collect::<Result<Vec<_>>>()?.concat()) {
        txn.write(rec.store.tenant_path(&tenant.id), text.into_bytes());
    }
    let tenants: Vec<Tenant> = rows.into_iter().map(|(tenant, _)| tenant).collect();
    if dry_run {
        return Ok(Imported { tenants, added, updated, changes, committed: None });
    }
    let message = Message::new(format!("tenants imported from {source}: {added} added, {updated} updated"))
        .trailer("Sirt-Action", "tenant-import");
    let committed = txn.commit(&message, &rec.actor, rec.now)?;
    Ok(Imported { tenants, added, updated, changes, committed })
}

/// Ids of the open incidents that name `tenant` as affected.
pub fn open_incidents_naming(store: &Store, tenant: &str) -> Result<Vec<String>> {
    let loaded = store.load_incidents()?;
    Ok(loaded
        .incidents
        .into_iter()
        .filter(|i| i.open && i.affected.contains_key(tenant))
        .map(|i| i.id)
        .collect())
}

/// A change that must have made a commit.
fn committed(committed: Option<Committed>) -> Result<Committed> {
    committed.ok_or_else(|| anyhow::anyhow!("the change left every file as it was"))
}
