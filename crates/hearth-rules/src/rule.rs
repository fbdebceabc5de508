//! What a rule is: its metadata, its documentation and the [`Rule`] trait.

use crate::context::{CaseContext, CaseloadContext, Out};
use crate::param::ParamSpec;
use crate::severity::Severity;

/// The area a rule belongs to; the prefix of its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Care plan and goals (`PLAN…`).
    Plan,
    /// Contact, visits and case notes (`VISIT…`).
    Visit,
    /// Intake, assessment and the client file (`ASMT…`).
    Assessment,
    /// Consent and information sharing (`CONS…`).
    Consent,
    /// Client rights at intake (`RIGHTS…`).
    Rights,
    /// Observed risks, harm reduction and crises (`RISK…`).
    Risk,
    /// Termination due process (`TERM…`).
    Termination,
    /// Exit and discharge planning (`EXIT…`).
    Exit,
    /// The whole caseload and its staff roster (`LOAD…`).
    Caseload,
    /// Waivers themselves (`WAIVER…`).
    Waiver,
    /// The integrity of the records themselves (`DATA…`): dates in order, unique ids,
    /// references that resolve. These rules enforce no requirement of their own; they
    /// guard every other rule, which reads the records as true.
    Data,
}

impl Area {
    /// The code prefix of the area's rules, e.g. `PLAN`.
    pub fn prefix(self) -> &'static str {
        match self {
            Self::Plan => "PLAN",
            Self::Visit => "VISIT",
            Self::Assessment => "ASMT",
            Self::Consent => "CONS",
            Self::Rights => "RIGHTS",
            Self::Risk => "RISK",
            Self::Termination => "TERM",
            Self::Exit => "EXIT",
            Self::Caseload => "LOAD",
            Self::Waiver => "WAIVER",
            Self::Data => "DATA",
        }
    }

    /// The area's name in lists and docs, e.g. `plan`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Plan => "plan",
            Self::Visit => "visits",
            Self::Assessment => "assessment",
            Self::Consent => "consent",
            Self::Rights => "rights",
            Self::Risk => "risk",
            Self::Termination => "termination",
            Self::Exit => "exit",
            Self::Caseload => "caseload",
            Self::Waiver => "waiver",
            Self::Data => "data",
        }
    }
}

/// Where a rule's requirement comes from: a requirement id of `DOMAIN.md` with the seed
/// document and section that state it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Citation {
    /// The requirement id, e.g. `R-PLAN-1`.
    pub id: &'static str,
    /// The seed document, by its number in `DOMAIN.md` (`000`…`004`).
    pub source: &'static str,
    /// The section of the seed document, in its own words.
    pub section: &'static str,
}

/// What a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// One participant's case file at a time.
    CaseFile,
    /// A whole caseload with its staff roster; such a rule does nothing in a single-file
    /// validation.
    Caseload,
}

/// Everything about a rule except its logic: code, name, severity, parameters,
/// requirements and documentation.
#[derive(Debug, Clone, Copy)]
pub struct RuleMeta {
    /// The stable code, e.g. `PLAN001`: area prefix and number. Never reused, even when a
    /// rule is removed.
    pub code: &'static str,
    /// The kebab-case name, e.g. `too-many-active-goals`.
    pub name: &'static str,
    /// The area.
    pub area: Area,
    /// Whether the rule reads one case file or a whole caseload.
    pub scope: Scope,
    /// The severity unless a policy says otherwise.
    pub severity: Severity,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// What to do about a finding; copied into each finding's `help`.
    pub help: &'static str,
    /// The requirements enforced, with their sources.
    pub requirements: &'static [Citation],
    /// The parameters a policy may set.
    pub params: &'static [ParamSpec],
    /// The rule's documentation in Markdown, with the sections listed in
    /// [`DOC_SECTIONS`].
    pub docs: &'static str,
}

/// The sections every rule's documentation has, in this order.
pub const DOC_SECTIONS: [&str; 4] = [
    "What it checks",
    "Why",
    "Example that fails",
    "Example that passes",
];

impl RuleMeta {
    /// The rule's documentation as Markdown, with the one space that follows `///` on
    /// each line removed.
    pub fn doc_text(&self) -> String {
        let mut text = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }

    /// The text of the documentation section headed `## {heading}`, trimmed, or `None`
    /// when the section is missing or empty.
    pub fn doc_section(&self, heading: &str) -> Option<String> {
        let mut body: Option<Vec<&str>> = None;
        for line in self.docs.lines() {
            let line = line.strip_prefix(' ').unwrap_or(line);
            if let Some(title) = line.strip_prefix("## ") {
                if body.is_some() {
                    break;
                }
                if title.trim() == heading {
                    body = Some(Vec::new());
                }
            } else if let Some(lines) = &mut body {
                lines.push(line);
            }
        }
        let text = body?.join("\n").trim().to_owned();
        (!text.is_empty()).then_some(text)
    }

    /// The specification of parameter `name`, if the rule has it.
    pub fn param(&self, name: &str) -> Option<&'static ParamSpec> {
        let params: &'static [ParamSpec] = self.params;
        params.iter().find(|p| p.name == name)
    }

    /// The requirement ids, e.g. `["R-PLAN-1"]`, each once, in citation order (a rule may
    /// cite one requirement from several seeds).
    pub fn requirement_ids(&self) -> impl Iterator<Item = &'static str> {
        let reqs: &'static [Citation] = self.requirements;
        reqs.iter()
            .enumerate()
            .filter(|(i, c)| !reqs.iter().take(*i).any(|earlier| earlier.id == c.id))
            .map(|(_, c)| c.id)
    }
}

/// A rule: one small type with its [`RuleMeta`] and its check.
///
/// A rule reads the case file (or caseload) through a context that carries the
/// evaluation date, the catalog, the rule's resolved parameters and severity, and pushes
/// [`crate::Finding`]s and [`crate::Obligation`]s into an [`Out`]. Rules are pure and
/// must not panic on any input: every missing or contradictory value becomes a finding
/// or is skipped with the reason documented.
pub trait Rule: Send + Sync + 'static {
    /// The rule's metadata.
    fn meta(&self) -> &'static RuleMeta;

    /// Checks one case file. Rules of [`Scope::Caseload`] leave this empty.
    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let _ = (cx, out);
    }

    /// Checks a whole caseload. Rules of [`Scope::CaseFile`] leave this empty.
    fn check_caseload(&self, cx: &CaseloadContext<'_>, out: &mut Out) {
        let _ = (cx, out);
    }
}

/// Declares a rule type with its documentation and metadata.
///
/// The doc comment becomes both the type's rustdoc and [`RuleMeta::docs`], so `cargo doc`,
/// `hearth explain` and the docs test read the same text.
///
/// ```text
/// declare_rule! {
///     /// ## What it checks
///     /// …
///     pub struct TooManyActiveGoals;
///     meta {
///         code: "PLAN001",
///         name: "too-many-active-goals",
///         …
///     }
/// }
/// ```
#[macro_export]
#[doc(hidden)]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident;
        meta {
            $($field:ident : $value:expr),* $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub struct $name;

        impl $name {
            /// The rule's metadata: code, name, severity, requirements, parameters, docs.
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                $($field: $value,)*
                docs: concat!($($doc, "\n"),*),
            };
        }
    };
}
