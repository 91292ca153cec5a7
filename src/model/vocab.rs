//! The words of the process: severities, sources, roles, effects, classifications and phases.
//! Each is stored and shown by its kebab-case word.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A closed list of words, each stored and shown as itself; the command line offers them as
/// possible values.
pub trait Words: Copy + 'static {
    const ALL: &'static [Self];
    fn as_str(self) -> &'static str;
}

macro_rules! word_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($variant),+ }

        impl Words for $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];
            fn as_str(self) -> &'static str {
                self.as_str()
            }
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            /// The stored word, in any case.
            fn from_str(text: &str) -> Result<Self, String> {
                $name::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(text.trim()))
                    .ok_or_else(|| format!("'{text}' is not one of: {}",
                        $name::ALL.iter().map(|v| v.as_str()).collect::<Vec<_>>().join(", ")))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

word_enum!(
    /// How bad it is; sev1 is the worst.
    Severity { Sev1 => "sev1", Sev2 => "sev2", Sev3 => "sev3", Sev4 => "sev4" }
);

word_enum!(
    /// How the event came to our attention. Customers reporting an incident is one way in.
    Source {
        Monitoring => "monitoring",
        CustomerReport => "customer-report",
        InternalReport => "internal-report",
        ExternalReport => "external-report",
        ThreatIntel => "threat-intel",
        Audit => "audit",
        Other => "other",
    }
);

word_enum!(
    /// Who is engaged on an incident.
    Role {
        Oce => "oce",
        Srt => "srt",
        Eim => "eim",
        Comms => "comms",
        Service => "service",
    }
);

impl Role {
    pub fn title(self) -> &'static str {
        match self {
            Role::Oce => "on-call engineer",
            Role::Srt => "security response team",
            Role::Eim => "executive incident manager",
            Role::Comms => "communications",
            Role::Service => "service team",
        }
    }
}

word_enum!(
    /// The effect on customer data that makes an event a security incident.
    Effect {
        Destruction => "destruction",
        Loss => "loss",
        Alteration => "alteration",
        Disclosure => "disclosure",
        Access => "access",
    }
);

impl Effect {
    /// The effect in plain words, for customers.
    pub fn plain(self) -> &'static str {
        match self {
            Effect::Destruction => "data was destroyed",
            Effect::Loss => "data was lost",
            Effect::Alteration => "data was altered",
            Effect::Disclosure => "data was disclosed without authorization",
            Effect::Access => "data was accessed without authorization",
        }
    }
}

word_enum!(
    /// Classifications some regimes start their clocks from (DORA: major; SEC: material).
    Classification { Major => "major", Material => "material" }
);

word_enum!(
    /// Where an incident stands on the main track of the process.
    Phase {
        Detected => "detected",
        OceEngaged => "oce-engaged",
        SrtEngaged => "srt-engaged",
        Confirmed => "confirmed",
        ImpactDetermined => "impact-determined",
        TenantsDetermined => "tenants-determined",
        Notified => "notified",
        Closed => "closed",
        Dismissed => "dismissed",
    }
);

impl Phase {
    pub fn is_open(self) -> bool {
        !matches!(self, Phase::Dismissed | Phase::Closed)
    }
}
