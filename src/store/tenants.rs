//! The tenant directory as the commit holds it: one record per customer (where: `layout.rs`).

use anyhow::{Context, Result, anyhow};

use super::layout::Record;
use super::{Oid, Store, Txn, toml_error, utf8};
use crate::error::UserError;
use crate::model::tenant::{self, Tenant};

impl Store {
    fn tenant_blobs(&self) -> Result<Vec<(String, Oid)>> {
        let Some(tree) = self.tree() else { return Ok(Vec::new()) };
        self.tenant_files_in(tree)
    }

    /// Ids of every tenant file, sorted.
    pub fn tenant_ids(&self) -> Result<Vec<String>> {
        Ok(self.tenant_blobs()?.into_iter().map(|(id, _)| id).collect())
    }

    pub fn tenant_exists(&self, id: &str) -> bool {
        tenant::check_slug(id).is_ok()
            && matches!(self.record_bytes(&Record::Tenant(id.to_string())), Ok(Some(_)))
    }

    /// The tenant `id` as the commit holds it, or `None` when the directory has no such tenant:
    /// one lookup, where `tenant_exists` and then `read_tenant` read the record twice.
    pub fn find_tenant(&self, id: &str) -> Result<Option<Tenant>> {
        if tenant::check_slug(id).is_err() {
            return Ok(None);
        }
        match self.record_bytes(&Record::Tenant(id.to_string()))? {
            Some(bytes) => Ok(Some(self.parse_tenant(id, bytes)?)),
            None => Ok(None),
        }
    }

    pub fn read_tenant(&self, id: &str) -> Result<Tenant> {
        let bytes = match tenant::check_slug(id) {
            Ok(()) => self.record_bytes(&Record::Tenant(id.to_string()))?,
            Err(_) => None,
        };
        let Some(bytes) = bytes else {
            return Err(UserError::new(format!(
                "no tenant '{}' in the directory",
                crate::text::escape_controls(id)
            ))
            .hint("list them with: sirt tenant list, or add it: sirt tenant add ID --name NAME --admin-email EMAIL")
            .into());
        };
        self.parse_tenant(id, bytes)
    }

    pub(super) fn parse_tenant(&self, id: &str, bytes: Vec<u8>) -> Result<Tenant> {
        let path = self.root.join(self.tenant_path(id));
        let text = utf8(&path.display().to_string(), bytes)?;
        let tenant: Tenant = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
        if tenant.schema != tenant::SCHEMA {
            return Err(UserError::new(format!(
                "{}: schema {} is not one this sirt reads ({})",
                path.display(),
                tenant.schema,
                tenant::SCHEMA
            ))
            .hint(format!("upgrade sirt, or see what changed it: git log -p -- {}", self.tenant_path(id)))
            .into());
        }
        if tenant.id != id {
            return Err(UserError::new(format!("{} holds tenant '{}', not {id}", path.display(), tenant.id))
                .hint(format!("see what changed it: git log -p -- {}", self.tenant_path(id)))
                .into());
        }
        Ok(tenant)
    }

    /// Every tenant that reads, and a line for each file that doesn't.
    pub fn load_tenants(&self) -> Result<(Vec<Tenant>, Vec<String>)> {
        let mut tenants = Vec::new();
        let mut unreadable = Vec::new();
        for (id, blob) in self.tenant_blobs()? {
            match self.parse_tenant(&id, self.git.blob(blob)?) {
                Ok(tenant) => tenants.push(tenant),
                Err(e) => unreadable.push(format!("{e:#}")),
            }
        }
        Ok((tenants, unreadable))
    }
}

impl Txn<'_> {
    /// Writes `tenant`'s record, checked to read back as the same tenant.
    pub fn write_tenant(&mut self, tenant: &Tenant) -> Result<()> {
        let text = tenant_text(tenant)?;
        self.write(self.store().tenant_path(&tenant.id), text.into_bytes());
        Ok(())
    }
}

/// A tenant's record as written, checked to read back as the same tenant. Needs no store, so an
/// import encodes its thousands of records on every core.
pub fn tenant_text(tenant: &Tenant) -> Result<String> {
    let text = toml::to_string(tenant).context("cannot encode the tenant")?;
    let back: Tenant = toml::from_str(&text).context("the encoded tenant does not read back")?;
    if &back != tenant {
        return Err(anyhow!("the encoded tenant {} reads back differently; nothing was written", tenant.id));
    }
    Ok(text)
}
