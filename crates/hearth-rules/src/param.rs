//! Rule parameters: typed, with defaults, overridable by policies.
//!
//! Each rule declares its parameters as [`ParamSpec`]s. A policy sets values; values are
//! checked against the spec when the policy is loaded (type, range, allowed choices), so
//! a rule reads them without any chance of failure. Unknown parameter names are errors
//! with a "did you mean" suggestion (see [`crate::PolicyError`]).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The type of a rule parameter and the values it accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// A whole number between `min` and `max`, inclusive (days, hours, months, counts).
    Integer {
        /// The smallest accepted value.
        min: i64,
        /// The largest accepted value.
        max: i64,
    },
    /// `true` or `false`.
    Flag,
    /// One of a fixed set of kebab-case words.
    Choice(&'static [&'static str]),
    /// A list of ids (catalog ids, enumerated values such as document kinds).
    Ids,
}

/// The default value of a rule parameter, as written in the rule's code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamDefault {
    /// A whole number.
    Integer(i64),
    /// A flag.
    Flag(bool),
    /// One of the choices.
    Choice(&'static str),
    /// A list of ids.
    Ids(&'static [&'static str]),
}

impl ParamDefault {
    /// The default as a value.
    pub fn value(self) -> ParamValue {
        match self {
            Self::Integer(n) => ParamValue::Integer(n),
            Self::Flag(b) => ParamValue::Flag(b),
            Self::Choice(c) => ParamValue::Text(c.to_owned()),
            Self::Ids(ids) => ParamValue::List(ids.iter().map(|s| (*s).to_owned()).collect()),
        }
    }
}

/// One parameter of a rule: its name, meaning, type and default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParamSpec {
    /// The parameter's name in policy files (`snake_case`), e.g. `review_interval_days`.
    pub name: &'static str,
    /// What the parameter means, with its unit.
    pub doc: &'static str,
    /// The values it accepts.
    pub kind: ParamKind,
    /// Its value when no policy sets it.
    pub default: ParamDefault,
}

/// A parameter's value as set by a policy (or its default).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum ParamValue {
    /// A whole number.
    Integer(i64),
    /// A flag.
    Flag(bool),
    /// A word (one of a [`ParamKind::Choice`]).
    Text(String),
    /// A list of ids.
    List(Vec<String>),
}

impl std::fmt::Display for ParamValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Integer(n) => write!(f, "{n}"),
            Self::Flag(b) => write!(f, "{b}"),
            Self::Text(s) => write!(f, "{s:?}"),
            Self::List(items) => {
                f.write_str("[")?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item:?}")?;
                }
                f.write_str("]")
            }
        }
    }
}

impl ParamSpec {
    /// Checks `value` against this spec; `Err` says what is wrong, without repeating the
    /// value (policy files are not personal, but the message stays short either way).
    pub fn check(&self, value: &ParamValue) -> Result<(), String> {
        match (self.kind, value) {
            (ParamKind::Integer { min, max }, ParamValue::Integer(n)) => {
                if *n < min || *n > max {
                    Err(format!("must be between {min} and {max}"))
                } else {
                    Ok(())
                }
            }
            (ParamKind::Flag, ParamValue::Flag(_)) => Ok(()),
            (ParamKind::Choice(choices), ParamValue::Text(s)) => {
                if choices.contains(&s.as_str()) {
                    Ok(())
                } else {
                    Err(format!("must be one of {}", quoted_list(choices)))
                }
            }
            (ParamKind::Ids, ParamValue::List(_)) => Ok(()),
            (kind, _) => Err(format!("must be {}", kind_name(kind))),
        }
    }
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A short description of what a parameter of this kind accepts, for messages and docs.
pub fn kind_name(kind: ParamKind) -> String {
    match kind {
        ParamKind::Integer { min, max } => format!("a whole number from {min} to {max}"),
        ParamKind::Flag => "true or false".to_owned(),
        ParamKind::Choice(choices) => format!("one of {}", quoted_list(choices)),
        ParamKind::Ids => "a list of ids".to_owned(),
    }
}

/// The resolved parameter values of one rule under one policy: every parameter the rule
/// declares, set by the policy or left at its default.
///
/// Values were checked against the rule's [`ParamSpec`]s when the policy was built, so
/// the typed getters cannot fail on a declared name. Asking for a name the rule does not
/// declare is a programming error; the getters then return a neutral value (`0`, `false`,
/// `""`, `[]`), and the rule tests catch it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct Params {
    values: BTreeMap<String, ParamValue>,
}

impl Params {
    /// The defaults of `specs`.
    pub fn defaults(specs: &[ParamSpec]) -> Params {
        Params {
            values: specs
                .iter()
                .map(|s| (s.name.to_owned(), s.default.value()))
                .collect(),
        }
    }

    /// Sets `name` to `value` (the caller has checked it against the spec).
    pub(crate) fn set(&mut self, name: &str, value: ParamValue) {
        self.values.insert(name.to_owned(), value);
    }

    /// Every parameter with its value, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.values.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// The value of `name`, if the rule declares it.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.get(name)
    }

    /// A whole-number parameter.
    pub fn int(&self, name: &str) -> i64 {
        match self.values.get(name) {
            Some(ParamValue::Integer(n)) => *n,
            _ => 0,
        }
    }

    /// A flag parameter.
    pub fn flag(&self, name: &str) -> bool {
        matches!(self.values.get(name), Some(ParamValue::Flag(true)))
    }

    /// A choice parameter.
    pub fn choice(&self, name: &str) -> &str {
        match self.values.get(name) {
            Some(ParamValue::Text(s)) => s,
            _ => "",
        }
    }

    /// A list-of-ids parameter.
    pub fn ids(&self, name: &str) -> &[String] {
        match self.values.get(name) {
            Some(ParamValue::List(items)) => items,
            _ => &[],
        }
    }
}
