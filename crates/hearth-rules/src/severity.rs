//! How serious a finding is.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// How serious a finding is. A policy may change a rule's severity.
///
/// Ordered from most to least serious, so sorting puts errors first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// The standard is broken: a participant's rights or housing may be at stake.
    Error,
    /// The standard is probably not met, or is at risk; a person should look.
    Warning,
    /// Worth knowing; no action is required by the standard.
    Info,
}

impl Severity {
    /// The severity's name as written in policies and reports (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }

    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Self::Error, Self::Warning, Self::Info];
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
