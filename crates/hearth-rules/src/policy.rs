//! Policies: which rules are on for a program, with what parameters and severities, from
//! when. Policies are data: the built-in ones are TOML files in `policies/`, read by the
//! same loader as an agency's own policy file.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use hearth_model::ProgramModel;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::param::{ParamValue, Params};
use crate::registry;
use crate::rule::Rule;
use crate::severity::Severity;
use crate::waiver::Waiver;

/// The built-in policies: name and TOML text.
const BUILTIN: [(&str, &str); 6] = [
    ("icms-high", include_str!("policies/icms-high.toml")),
    ("icms-low", include_str!("policies/icms-low.toml")),
    ("icm-rrh", include_str!("policies/icm-rrh.toml")),
    ("rrh", include_str!("policies/rrh.toml")),
    ("stl-coc", include_str!("policies/stl-coc.toml")),
    ("ct-psh", include_str!("policies/ct-psh.toml")),
];

/// The default lead time, in days, before a due date at which an obligation is "due soon".
pub const DEFAULT_DUE_SOON_DAYS: i64 = 7;

/// A policy file, as written in TOML. [`Policy::from_toml`] reads it; its JSON Schema is
/// `schemas/policy.schema.json`.
///
/// ```toml
/// name = "eastside-stl"
/// extends = "stl-coc"
/// effective_from = "2026-07-01"   # periods before this are judged by stl-coc
/// due_soon_days = 10
///
/// [rules.PLAN005]                 # by code (or by name: [rules.plan-review-overdue])
/// review_interval_days = 21       # a parameter
/// severity = "warning"
///
/// [rules.VISIT005]
/// enabled = false
///
/// [[waivers]]
/// id = "W-2026-004"
/// rule = "VISIT001"
/// participant = "ICMS-H-0417"
/// reason = "hospital stay; visits resumed after discharge"
/// approved_by = "ICMS-SUP-01"
/// expires_on = "2026-03-31"
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "hearth policy file")]
pub struct PolicyFile {
    /// The policy's name (kebab-case), printed in every report.
    pub name: String,
    /// What the policy is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The program model the policy is written for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<ProgramModel>,
    /// A built-in policy this one starts from: its rules, parameters and severities, then
    /// this file's changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extends: Option<String>,
    /// The first day this policy is in force. Findings about earlier days are judged by
    /// the policy it extends. Absent: in force for all time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<NaiveDate>,
    /// Days of lead time before a due date at which an obligation is "due soon".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 366))]
    pub due_soon_days: Option<i64>,
    /// Rules to turn on or off or configure, keyed by code (`PLAN005`) or name
    /// (`plan-review-overdue`). A rule listed here is on unless `enabled = false`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub rules: BTreeMap<String, RuleOverride>,
    /// Waivers of rules for particular participants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub waivers: Vec<Waiver>,
}

/// How a policy file sets one rule: on or off, severity, and parameters (any other key).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, JsonSchema)]
pub struct RuleOverride {
    /// `false` turns the rule off; listing a rule turns it on otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The severity of the rule's findings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
    /// The rule's parameters by name (`hearth rules` lists them).
    #[serde(flatten)]
    pub params: BTreeMap<String, serde_json::Value>,
}

/// Why a policy could not be built. Messages name the key at fault and, for a misspelt
/// rule, parameter or policy name, the closest valid one.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The TOML could not be read, or a value has the wrong type.
    #[error("policy file, line {line}, column {column}: {message}")]
    Toml {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// `extends` (or [`Policy::builtin`]) names a policy that does not exist.
    #[error("unknown policy {}{}; built-in policies are {}", shown(.name), did_you_mean(.suggestion), Policy::builtin_names().join(", "))]
    UnknownPolicy {
        /// The name asked for.
        name: String,
        /// The closest built-in name.
        suggestion: Option<String>,
    },
    /// A policy extends itself: `extends` names the policy's own `name`. (Only built-in
    /// policies can be extended, so no longer loop is possible.)
    #[error("policy {} extends itself (`extends` is its own `name`); a policy file extends a built-in policy ({}) under a name of its own", shown(.name), Policy::builtin_names().join(", "))]
    ExtendsItself {
        /// The policy's name.
        name: String,
    },
    /// `[rules.X]` names no rule.
    #[error("unknown rule {} in [rules]{}; `hearth rules` lists every code and name", shown(.key), did_you_mean(.suggestion))]
    UnknownRule {
        /// The key as written.
        key: String,
        /// The closest code or name.
        suggestion: Option<String>,
    },
    /// A rule has no such parameter.
    #[error("rule {code} has no parameter {}{}; its parameters are: {known}", shown(.param), did_you_mean(.suggestion))]
    UnknownParam {
        /// The rule's code.
        code: String,
        /// The parameter as written.
        param: String,
        /// The closest parameter name.
        suggestion: Option<String>,
        /// Every parameter of the rule, comma-separated.
        known: String,
    },
    /// A parameter's value is out of range or of the wrong type.
    #[error("rule {code}, parameter {param}: {problem}")]
    BadParam {
        /// The rule's code.
        code: String,
        /// The parameter.
        param: String,
        /// What is wrong.
        problem: String,
    },
    /// A waiver is malformed.
    #[error("waiver {}: {problem}", shown(.id))]
    BadWaiver {
        /// The waiver's id.
        id: String,
        /// What is wrong.
        problem: String,
    },
    /// Another policy setting is out of range.
    #[error("{key}: {problem}")]
    BadSetting {
        /// The key.
        key: String,
        /// What is wrong.
        problem: String,
    },
    /// One of the errors above, found in a policy file's text at a line and column (the
    /// key or value at fault). [`Policy::from_toml`] locates every error it can.
    #[error("policy file, line {line}, column {column}: {error}")]
    At {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong there.
        error: Box<PolicyError>,
    },
}

impl PolicyError {
    /// The error itself, without the location [`PolicyError::At`] adds.
    pub fn unlocated(&self) -> &PolicyError {
        match self {
            Self::At { error, .. } => error.unlocated(),
            other => other,
        }
    }
}

/// A name, code or key from a policy file as a message shows it: quoted as written when
/// it is shaped like one (ASCII letters, digits, `-` and `_`, in one case, at most 64
/// characters: `PLAN05`, `stl-coc`, `review_interval`, `W-2026-004`), and otherwise not
/// repeated, so a message never carries free text written in the wrong place (a name, a
/// note). The suggestion and the line still lead to the typo.
fn shown(key: &str) -> String {
    let charset = key
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let one_case = !key.chars().any(|c| c.is_ascii_uppercase())
        || !key.chars().any(|c| c.is_ascii_lowercase());
    if !key.is_empty() && key.len() <= 64 && charset && one_case {
        format!("{key:?}")
    } else {
        "(not repeated here: not shaped like a code or name)".to_owned()
    }
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s:?}?"),
        None => String::new(),
    }
}

/// The closest of `candidates` to `wanted`, if close enough to be a likely typo.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted = wanted.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        let score = strsim::jaro_winkler(&wanted, &candidate.to_ascii_lowercase());
        if score >= hearth_catalog::SUGGESTION_THRESHOLD && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c.to_owned())
}

/// How one rule is set in a policy version: its severity and parameter values.
#[derive(Clone)]
pub struct RuleSetting {
    /// The rule.
    pub rule: &'static dyn Rule,
    /// Its severity.
    pub severity: Severity,
    /// Its parameters, every one resolved.
    pub params: Params,
}

impl std::fmt::Debug for RuleSetting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleSetting")
            .field("code", &self.rule.meta().code)
            .field("severity", &self.severity)
            .field("params", &self.params)
            .finish()
    }
}

/// The rules in force from one date on.
#[derive(Debug, Clone)]
pub struct PolicyVersion {
    /// The first day in force; `None` for the earliest version.
    pub effective_from: Option<NaiveDate>,
    /// Days of lead time for "due soon".
    pub due_soon_days: i64,
    rules: BTreeMap<&'static str, RuleSetting>,
}

impl PolicyVersion {
    /// The rules on in this version, by code.
    pub fn rules(&self) -> impl Iterator<Item = &RuleSetting> {
        self.rules.values()
    }

    /// The setting of rule `code`, if it is on.
    pub fn rule(&self, code: &str) -> Option<&RuleSetting> {
        self.rules.get(code)
    }
}

/// A policy: the program's rules, parameters and severities over time, and its waivers.
///
/// ```
/// use hearth_rules::Policy;
///
/// let policy = Policy::builtin("stl-coc")?;
/// assert!(policy.is_enabled("PLAN005"));
///
/// let agency = Policy::from_toml(r#"
///     name = "eastside-stl"
///     extends = "stl-coc"
///     [rules.PLAN005]
///     review_interval_days = 21
/// "#)?;
/// let review = agency.current().rule("PLAN005").map(|r| r.params.int("review_interval_days"));
/// assert_eq!(review, Some(21));
///
/// let typo = Policy::from_toml("name = \"x\"\nextends = \"stl-coc\"\n[rules.PLAN05]\n");
/// assert!(typo.unwrap_err().to_string().contains("did you mean \"PLAN005\""));
/// # Ok::<(), hearth_rules::PolicyError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Policy {
    name: String,
    description: Option<String>,
    program: Option<ProgramModel>,
    extends: Option<String>,
    versions: Vec<PolicyVersion>,
    waivers: Vec<Waiver>,
    disabled: BTreeSet<&'static str>,
}

impl Policy {
    /// The names of the built-in policies.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILTIN.iter().map(|(name, _)| *name).collect()
    }

    /// A built-in policy by name: `icms-high`, `icms-low`, `icm-rrh`, `rrh`, `stl-coc`,
    /// `ct-psh`.
    pub fn builtin(name: &str) -> Result<Policy, PolicyError> {
        let text = BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, text)| *text)
            .ok_or_else(|| PolicyError::UnknownPolicy {
                name: name.to_owned(),
                suggestion: closest(name, BUILTIN.iter().map(|(n, _)| *n)),
            })?;
        Policy::from_toml(text)
    }

    /// The TOML text of a built-in policy, for `hearth` to show or an agency to copy.
    pub fn builtin_source(name: &str) -> Option<&'static str> {
        BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// A policy with no rules on, to build up with [`Policy::with_rule`].
    pub fn empty(name: impl Into<String>) -> Policy {
        Policy {
            name: name.into(),
            description: None,
            program: None,
            extends: None,
            versions: vec![PolicyVersion {
                effective_from: None,
                due_soon_days: DEFAULT_DUE_SOON_DAYS,
                rules: BTreeMap::new(),
            }],
            waivers: Vec::new(),
            disabled: BTreeSet::new(),
        }
    }

    /// This policy with rule `code_or_name` turned on at its default severity and
    /// parameters, in every version.
    pub fn with_rule(mut self, code_or_name: &str) -> Result<Policy, PolicyError> {
        let rule = find_rule(code_or_name)?;
        for version in &mut self.versions {
            version
                .rules
                .insert(rule.meta().code, default_setting(rule));
        }
        Ok(self)
    }

    /// This policy with every registered rule turned on at its defaults.
    pub fn all_rules(name: impl Into<String>) -> Policy {
        let mut policy = Policy::empty(name);
        for version in &mut policy.versions {
            for rule in registry::all() {
                version
                    .rules
                    .insert(rule.meta().code, default_setting(*rule));
            }
        }
        policy
    }

    /// This policy with `waivers` added.
    pub fn with_waivers(mut self, waivers: impl IntoIterator<Item = Waiver>) -> Policy {
        self.waivers.extend(waivers);
        self
    }

    /// Reads a policy file (TOML). `extends` may name a built-in policy.
    ///
    /// Every error is located by line and column where the text allows: a TOML error at
    /// its span, and an unknown rule, parameter or parent policy, a bad value or a
    /// malformed waiver at the key or value at fault ([`PolicyError::At`]).
    pub fn from_toml(text: &str) -> Result<Policy, PolicyError> {
        let file: PolicyFile = toml::from_str(text).map_err(|e| toml_error(text, &e))?;
        let waiver_ids: Vec<String> = file.waivers.iter().map(|w| w.id.clone()).collect();
        Policy::from_file(file).map_err(|error| match error_span(text, &error, &waiver_ids) {
            Some(offset) => {
                let (line, column) = line_column(text, offset);
                PolicyError::At {
                    line,
                    column,
                    error: Box::new(error),
                }
            }
            None => error,
        })
    }

    /// Builds a policy from a parsed policy file.
    pub fn from_file(file: PolicyFile) -> Result<Policy, PolicyError> {
        let parent = match &file.extends {
            Some(parent) if parent == &file.name => {
                return Err(PolicyError::ExtendsItself { name: file.name });
            }
            Some(parent) => Some(Policy::builtin(parent)?),
            None => None,
        };
        Policy::from_file_over(file, parent)
    }

    /// Builds a policy from a parsed policy file on top of `parent` (the policy it
    /// extends, already loaded), for callers that resolve `extends` themselves.
    pub fn from_file_over(file: PolicyFile, parent: Option<Policy>) -> Result<Policy, PolicyError> {
        if let Some(days) = file.due_soon_days {
            if !(0..=366).contains(&days) {
                return Err(PolicyError::BadSetting {
                    key: "due_soon_days".to_owned(),
                    problem: "must be between 0 and 366".to_owned(),
                });
            }
        }
        let mut changes: Vec<(&'static dyn Rule, &RuleOverride)> = Vec::new();
        for (key, over) in &file.rules {
            let rule = find_rule(key)?;
            for (param, value) in &over.params {
                check_param(rule, param, value)?;
            }
            changes.push((rule, over));
        }
        for waiver in &file.waivers {
            if registry::find(&waiver.rule).is_none() {
                return Err(PolicyError::BadWaiver {
                    id: waiver.id.clone(),
                    problem: format!(
                        "unknown rule {}{}",
                        shown(&waiver.rule),
                        did_you_mean(&closest(&waiver.rule, registry::codes()))
                    ),
                });
            }
            if file.waivers.iter().filter(|w| w.id == waiver.id).count() > 1 {
                return Err(PolicyError::BadWaiver {
                    id: waiver.id.clone(),
                    problem: "the id is used by more than one waiver".to_owned(),
                });
            }
        }
        let apply = |base: &PolicyVersion, from: Option<NaiveDate>| -> PolicyVersion {
            let mut version = PolicyVersion {
                effective_from: from,
                due_soon_days: file.due_soon_days.unwrap_or(base.due_soon_days),
                rules: base.rules.clone(),
            };
            for (rule, over) in &changes {
                let code = rule.meta().code;
                if over.enabled == Some(false) {
                    version.rules.remove(code);
                    continue;
                }
                let setting = version
                    .rules
                    .entry(code)
                    .or_insert_with(|| default_setting(*rule));
                if let Some(severity) = over.severity {
                    setting.severity = severity;
                }
                for (param, value) in &over.params {
                    if let Some(value) = to_param_value(value) {
                        setting.params.set(param, value);
                    }
                }
            }
            version
        };
        let base_policy = parent
            .clone()
            .unwrap_or_else(|| Policy::empty(file.name.clone()));
        let versions = match file.effective_from {
            None => base_policy
                .versions
                .iter()
                .map(|v| apply(v, v.effective_from))
                .collect(),
            Some(from) => {
                let mut kept: Vec<PolicyVersion> = base_policy
                    .versions
                    .iter()
                    .filter(|v| v.effective_from.is_none_or(|f| f < from))
                    .cloned()
                    .collect();
                let base = base_policy.version_at(from).clone();
                kept.push(apply(&base, Some(from)));
                kept
            }
        };
        let mut waivers = base_policy.waivers.clone();
        waivers.extend(file.waivers);
        let mut disabled = base_policy.disabled.clone();
        for (rule, over) in &changes {
            if over.enabled == Some(false) {
                disabled.insert(rule.meta().code);
            } else {
                disabled.remove(rule.meta().code);
            }
        }
        Ok(Policy {
            name: file.name,
            description: file.description.or(base_policy.description),
            program: file.program.or(base_policy.program),
            extends: file.extends,
            versions,
            waivers,
            disabled,
        })
    }

    /// The policy's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// What the policy is for.
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The program model the policy is written for.
    pub fn program(&self) -> Option<ProgramModel> {
        self.program
    }

    /// The policy it extends, if any.
    pub fn extends(&self) -> Option<&str> {
        self.extends.as_deref()
    }

    /// Every version, earliest first.
    pub fn versions(&self) -> &[PolicyVersion] {
        &self.versions
    }

    /// The version in force on `date`.
    pub fn version_at(&self, date: NaiveDate) -> &PolicyVersion {
        let mut current = self.versions.first();
        for version in &self.versions {
            if version.effective_from.is_none_or(|from| from <= date) {
                current = Some(version);
            }
        }
        // `versions` is never empty: every constructor makes at least one.
        current.unwrap_or(&EMPTY_VERSION)
    }

    /// The latest version.
    pub fn current(&self) -> &PolicyVersion {
        self.versions.last().unwrap_or(&EMPTY_VERSION)
    }

    /// Whether rule `code` is on in the latest version.
    pub fn is_enabled(&self, code: &str) -> bool {
        self.current().rules.contains_key(code)
    }

    /// Whether the policy file (or one it extends) turns rule `code` off explicitly
    /// (`enabled = false`), as opposed to not turning it on.
    pub fn disables(&self, code: &str) -> bool {
        self.disabled.contains(code)
    }

    /// The waivers.
    pub fn waivers(&self) -> &[Waiver] {
        &self.waivers
    }
}

static EMPTY_VERSION: PolicyVersion = PolicyVersion {
    effective_from: None,
    due_soon_days: DEFAULT_DUE_SOON_DAYS,
    rules: BTreeMap::new(),
};

fn default_setting(rule: &'static dyn Rule) -> RuleSetting {
    RuleSetting {
        rule,
        severity: rule.meta().severity,
        params: Params::defaults(rule.meta().params),
    }
}

fn find_rule(key: &str) -> Result<&'static dyn Rule, PolicyError> {
    registry::find(key).ok_or_else(|| PolicyError::UnknownRule {
        key: key.to_owned(),
        suggestion: closest(
            key,
            registry::all()
                .iter()
                .flat_map(|r| [r.meta().code, r.meta().name]),
        ),
    })
}

fn to_param_value(value: &serde_json::Value) -> Option<ParamValue> {
    serde_json::from_value(value.clone()).ok()
}

fn check_param(
    rule: &'static dyn Rule,
    param: &str,
    value: &serde_json::Value,
) -> Result<(), PolicyError> {
    let meta = rule.meta();
    let spec = meta.param(param).ok_or_else(|| PolicyError::UnknownParam {
        code: meta.code.to_owned(),
        param: param.to_owned(),
        suggestion: closest(param, meta.params.iter().map(|p| p.name)),
        known: if meta.params.is_empty() {
            "(none)".to_owned()
        } else {
            meta.params
                .iter()
                .map(|p| p.name)
                .collect::<Vec<_>>()
                .join(", ")
        },
    })?;
    let bad = |problem: String| PolicyError::BadParam {
        code: meta.code.to_owned(),
        param: param.to_owned(),
        problem,
    };
    let value = to_param_value(value)
        .ok_or_else(|| bad(format!("must be {}", crate::param::kind_name(spec.kind))))?;
    spec.check(&value).map_err(bad)
}

fn toml_error(text: &str, error: &toml::de::Error) -> PolicyError {
    let (line, column) = match error.span() {
        Some(span) => line_column(text, span.start),
        None => (1, 1),
    };
    PolicyError::Toml {
        line,
        column,
        // toml's messages quote the value at fault (an unknown severity, a string where a
        // number belongs), and a waiver's reason is free text: describe it, never repeat
        // it. A misspelt key shaped like a field name is still named, with the closest key.
        message: hearth_model::publishable_settings_message(error.message().trim()),
    }
}

/// One step of a path into a TOML document.
enum Step<'a> {
    /// A key of a table.
    Key(&'a str),
    /// The key of a table whose key names rule `code` (by code or name).
    Rule(&'a str),
    /// An element of an array (of tables).
    Index(usize),
}

/// Which part of the last step's entry an error points at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Key,
    Value,
}

/// The byte offset of what `error` is about in the policy text: the key or value at
/// fault, found in the document's spanned tables. `None` when the text does not show it
/// (a built-in parent's own error, say).
fn error_span(text: &str, error: &PolicyError, waiver_ids: &[String]) -> Option<usize> {
    use Step::{Index, Key, Rule};
    let (path, part) = match error {
        PolicyError::ExtendsItself { .. } | PolicyError::UnknownPolicy { .. } => {
            (vec![Key("extends")], Part::Value)
        }
        PolicyError::UnknownRule { key, .. } => (vec![Key("rules"), Key(key)], Part::Key),
        PolicyError::UnknownParam { code, param, .. } => {
            (vec![Key("rules"), Rule(code), Key(param)], Part::Key)
        }
        PolicyError::BadParam { code, param, .. } => {
            (vec![Key("rules"), Rule(code), Key(param)], Part::Value)
        }
        PolicyError::BadWaiver { id, .. } => {
            // The last waiver with the id: for a repeated id, the repeat.
            let index = waiver_ids.iter().rposition(|w| w == id)?;
            (vec![Key("waivers"), Index(index), Key("rule")], Part::Value)
        }
        PolicyError::BadSetting { key, .. } => (vec![Key(key)], Part::Value),
        PolicyError::Toml { .. } | PolicyError::At { .. } => return None,
    };
    let root = toml::de::DeValue::Table(toml::de::DeTable::parse(text).ok()?.into_inner());
    let mut value = &root;
    let mut span = None;
    for step in &path {
        let (key_span, next) = match (step, value) {
            (Key(name), toml::de::DeValue::Table(table)) => table
                .iter()
                .find(|(k, _)| k.get_ref().as_ref() == *name)
                .map(|(k, v)| (k.span(), v))?,
            (Rule(code), toml::de::DeValue::Table(table)) => table
                .iter()
                .find(|(k, _)| {
                    registry::find(k.get_ref().as_ref()).is_some_and(|r| r.meta().code == *code)
                })
                .map(|(k, v)| (k.span(), v))?,
            (Index(i), toml::de::DeValue::Array(items)) => {
                let item = items.get(*i)?;
                (item.span(), item)
            }
            _ => return None,
        };
        span = Some(match part {
            Part::Key => key_span.start,
            Part::Value => next.span().start,
        });
        value = next.get_ref();
    }
    span
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads() {
        for name in Policy::builtin_names() {
            let policy = Policy::builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(policy.name(), name);
            assert!(
                policy.current().rules().count() > 0,
                "{name} turns no rule on"
            );
        }
    }

    #[test]
    fn unknown_names_suggest() {
        let err = Policy::builtin("stl-cco").unwrap_err();
        assert!(
            err.to_string().contains("did you mean \"stl-coc\""),
            "{err}"
        );
        let err =
            Policy::from_toml("name = \"x\"\n[rules.PLAN001]\nmax_active_goal = 2\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean \"max_active_goals\""),
            "{err}"
        );
        let err = Policy::from_toml("name = \"x\"\nextends = \"x\"\n").unwrap_err();
        assert_eq!(
            err.unlocated(),
            &PolicyError::ExtendsItself { name: "x".into() }
        );
        let err = Policy::from_toml("name = \"x\"\nextend = \"rrh\"\n").unwrap_err();
        assert!(matches!(err, PolicyError::Toml { line: 2, .. }), "{err:?}");
    }

    /// `(line, column)` of a located error, and the error's message without them.
    fn located(text: &str) -> (usize, usize, String) {
        match Policy::from_toml(text).unwrap_err() {
            PolicyError::At {
                line,
                column,
                error,
            } => (line, column, error.to_string()),
            PolicyError::Toml {
                line,
                column,
                message,
            } => (line, column, message),
            other => panic!("not located: {other:?}"),
        }
    }

    #[test]
    fn errors_are_located_at_the_key_or_value_at_fault() {
        let (line, column, message) = located("name = \"a\"\nextends = \"a\"\n");
        assert_eq!((line, column), (2, 11));
        assert!(message.contains("extends itself"), "{message}");
        let (line, column, message) = located("name = \"a\"\n\nextends = \"stl-cco\"\n");
        assert_eq!((line, column), (3, 11));
        assert!(message.contains("did you mean \"stl-coc\""), "{message}");
        let (line, column, message) =
            located("name = \"a\"\nextends = \"rrh\"\n\n[rules.PLAN05]\n");
        assert_eq!((line, column), (4, 8));
        assert!(message.contains("did you mean \"PLAN005\""), "{message}");
        // A rule named by its name, with a misspelt parameter and then a bad value.
        let text =
            "name = \"a\"\n[rules.too-many-active-goals]\nseverity = \"info\"\nmax_goals = 2\n";
        let (line, column, message) = located(text);
        assert_eq!((line, column), (4, 1));
        assert!(
            message.contains("did you mean \"max_active_goals\""),
            "{message}"
        );
        let text = "name = \"a\"\n[rules.PLAN001]\nmax_active_goals = 0\n";
        let (line, column, _) = located(text);
        assert_eq!((line, column), (3, 20));
        let (line, column, _) = located("name = \"a\"\ndue_soon_days = 400\n");
        assert_eq!((line, column), (2, 17));
        let waiver = "[[waivers]]\nid = \"W1\"\nrule = \"PLAN001\"\nparticipant = \"P\"\nreason = \"r\"\napproved_by = \"S\"\nexpires_on = \"2026-03-31\"\n";
        let text = format!(
            "name = \"a\"\n{waiver}{}",
            waiver.replace("PLAN001", "PLAN01").replace("W1", "W2")
        );
        let (line, column, message) = located(&text);
        assert_eq!((line, column), (11, 8));
        assert!(message.contains("did you mean \"PLAN001\""), "{message}");
        let text = format!("name = \"a\"\n{waiver}{waiver}");
        let (line, _, message) = located(&text);
        assert_eq!(line, 11, "the repeated waiver: {message}");
    }

    #[test]
    fn misspelt_keys_and_impossible_dates_say_what_to_write() {
        let (line, column, message) =
            located("name = \"a\"\nextends = \"rrh\"\ndue_soon_dayz = 3\n");
        assert_eq!((line, column), (3, 1));
        assert!(
            message.ends_with("did you mean `due_soon_days`?"),
            "{message}"
        );
        let (_, _, message) = located("name = \"a\"\nzzz = 3\n");
        assert!(!message.contains("did you mean"), "{message}");
        let (line, _, message) = located("name = \"a\"\neffective_from = \"2026-02-30\"\n");
        assert_eq!(line, 2);
        assert!(message.contains("out of range"), "{message}");
        // A TOML date (unquoted) is checked by the TOML reader, in its own words.
        let (line, _, message) = located("name = \"a\"\neffective_from = 2026-02-30\n");
        assert_eq!(line, 2);
        assert!(message.contains("day between 01 and 28"), "{message}");
    }

    #[test]
    fn bad_values_are_rejected() {
        let err =
            Policy::from_toml("name = \"x\"\n[rules.PLAN001]\nmax_active_goals = \"three\"\n")
                .unwrap_err();
        assert!(
            matches!(err.unlocated(), PolicyError::BadParam { .. }),
            "{err:?}"
        );
        let err = Policy::from_toml("name = \"x\"\n[rules.PLAN001]\nmax_active_goals = -1\n")
            .unwrap_err();
        assert!(err.to_string().contains("between"), "{err}");
    }

    #[test]
    fn toml_errors_never_repeat_the_value_or_key_at_fault() {
        let bad = [
            "name = \"x\"\n[rules.PLAN005]\nseverity = \"Jordan Example\"\n",
            "name = [\"Jordan Example\"]\n",
            "name = \"x\"\nJordanExample = 1\n",
            "name = \"x\"\ndue_soon_days = \"Jordan Example\"\n",
            "name = \"x\"\n[[waivers]]\nid = \"W\"\nrule = \"PLAN005\"\nreason = \"Jordan Example\"\napproved_by = \"S\"\napproved_on = \"2026-01-02\"\nexpires_on = 3\nJordan = 1\n",
        ];
        for text in bad {
            let err = Policy::from_toml(text).unwrap_err();
            assert!(matches!(err, PolicyError::Toml { .. }), "{err:?}");
            assert!(!err.to_string().contains("Jordan"), "{text}: {err}");
        }
        let err = Policy::from_toml("name = \"x\"\nextend = \"rrh\"\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("unknown field `extend`; expected one of")
                && text.contains("did you mean `extends`?"),
            "{text}"
        );
    }

    #[test]
    fn names_and_keys_are_repeated_only_when_shaped_like_one() {
        let err = Policy::from_toml("name = \"x\"\n[rules.PLAN05]\n").unwrap_err();
        assert!(
            err.unlocated()
                .to_string()
                .starts_with("unknown rule \"PLAN05\" in [rules]; did you mean \"PLAN005\"?"),
            "{err}"
        );
        let bad = [
            "name = \"x\"\n[rules.\"Jordan Example\"]\n",
            "name = \"x\"\n[rules.Jordan-Example]\n",
            "name = \"x\"\nextends = \"Jordan\"\n",
            "name = \"x\"\n[rules.PLAN005]\n\"Jordan Example\" = 1\n",
            "name = \"x\"\n[[waivers]]\nid = \"Jordan Example\"\nrule = \"Jordan\"\nparticipant = \"P\"\nreason = \"r\"\napproved_by = \"S\"\napproved_on = \"2026-01-02\"\nexpires_on = \"2026-12-31\"\n",
        ];
        for text in bad {
            let err = Policy::from_toml(text).unwrap_err();
            assert!(!err.to_string().contains("Jordan"), "{text}: {err}");
            assert!(err.to_string().contains("not repeated here"), "{err}");
        }
        assert_eq!(shown("review_interval"), "\"review_interval\"");
        assert_eq!(shown("W-2026-004"), "\"W-2026-004\"");
        assert!(shown("").contains("not repeated"));
    }

    #[test]
    fn effective_date_keeps_the_parent_before_it() {
        let policy = Policy::from_toml(
            "name = \"x\"\nextends = \"stl-coc\"\neffective_from = \"2026-07-01\"\n[rules.PLAN005]\nreview_interval_days = 21\n",
        )
        .unwrap();
        let before = policy.version_at("2026-06-30".parse().unwrap());
        let after = policy.version_at("2026-07-01".parse().unwrap());
        let interval = |v: &PolicyVersion| {
            v.rule("PLAN005")
                .map(|r| r.params.int("review_interval_days"))
        };
        assert_eq!(interval(before), Some(30));
        assert_eq!(interval(after), Some(21));
        assert_eq!(policy.versions().len(), 2);
    }

    #[test]
    fn rules_turn_off_and_on() {
        let policy = Policy::from_toml(
            "name = \"x\"\nextends = \"stl-coc\"\n[rules.PLAN005]\nenabled = false\n[rules.too-many-active-goals]\nseverity = \"info\"\n",
        )
        .unwrap();
        assert!(!policy.is_enabled("PLAN005"));
        assert_eq!(
            policy.current().rule("PLAN001").map(|r| r.severity),
            Some(Severity::Info)
        );
    }
}
