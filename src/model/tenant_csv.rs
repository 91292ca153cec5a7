//! The CSV form of the tenant directory (`tenant import`, `tenant export`, `tenant list --format
//! csv`): one row per tenant, list columns separated by `;`.

use super::tenant::{Admin, Tenant, TenantUpdate};

/// The CSV columns of `tenant import` and `tenant export`; list columns separate values with `;`.
pub const COLUMNS: [&str; 12] = [
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
    "language",
    "timezone",
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

impl TenantUpdate {
    /// The update a CSV row describes: `cells` pairs each present column with its value. An
    /// empty cell leaves its field alone unless `clear_empty`, when it clears it.
    pub fn from_columns(cells: &[(&str, &str)], clear_empty: bool) -> TenantUpdate {
        let mut update = TenantUpdate::default();
        for &(column, cell) in cells {
            if cell.trim().is_empty() && !clear_empty {
                continue;
            }
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
                "language" => update.language = Some(optional(cell).map(|l| l.to_ascii_lowercase())),
                "timezone" => update.timezone = Some(optional(cell)),
                _ => {}
            }
        }
        update
    }
}

/// How one column of a tenant changes in an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldChange {
    Added { column: &'static str, to: String },
    Changed { column: &'static str, from: String, to: String },
    Cleared { column: &'static str, from: String },
}

/// The columns that differ between `before` (None for a new tenant) and `after`, as CSV reads them.
pub fn field_changes(before: Option<&Tenant>, after: &Tenant) -> Vec<FieldChange> {
    let old = before.map(Tenant::to_columns).unwrap_or_else(|| vec![String::new(); COLUMNS.len()]);
    let new = after.to_columns();
    COLUMNS
        .iter()
        .zip(old.into_iter().zip(new))
        .skip(1)
        .filter(|(_, (from, to))| from != to)
        .map(|(&column, (from, to))| match (from.is_empty(), to.is_empty()) {
            (true, _) => FieldChange::Added { column, to },
            (_, true) => FieldChange::Cleared { column, from },
            _ => FieldChange::Changed { column, from, to },
        })
        .collect()
}

impl Tenant {
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
            self.language.clone().unwrap_or_default(),
            self.timezone.clone().unwrap_or_default(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tenant() -> Tenant {
        crate::model::tenant::example()
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
        t.language = Some("de".into());
        t.timezone = Some("Europe/Berlin".into());
        let row = t.to_columns();
        assert_eq!(row[3], "Ida;");
        let cells: Vec<(&str, &str)> = COLUMNS.iter().copied().zip(row.iter().map(String::as_str)).collect();
        let mut back = Tenant::new(&row[0], "");
        back.apply(TenantUpdate::from_columns(&cells, true)).unwrap();
        assert_eq!(back, t);
    }
}
