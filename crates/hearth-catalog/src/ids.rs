//! Catalog ids: the kebab-case rule, and "did you mean" suggestions for unknown ids.
//!
//! Every id in the catalog (domain, action step, risk category, risk, instrument, and the
//! components and bands inside an instrument) matches `^[a-z0-9]+(-[a-z0-9]+)*$`:
//! lowercase ASCII letters and digits in words joined by single hyphens.
//!
//! When a lookup fails, [`UnknownId`] carries the closest id, if one is close enough.
//! Closeness is the Jaro-Winkler similarity (from `strsim`) between the requested string,
//! folded to kebab case, and both the candidate's id and its name folded the same way,
//! so `"resolve-arear"`, `"Resolve Arrears"` and `"RESOLVE ARREARS"` all suggest
//! `"resolve-arrears"`. A candidate must reach [`SUGGESTION_THRESHOLD`] to be offered;
//! ties go to the candidate listed first in the catalog, so suggestions are deterministic.

use serde::Serialize;

/// The lowest Jaro-Winkler similarity (0.0–1.0) at which an id is offered as a
/// "did you mean" suggestion.
pub const SUGGESTION_THRESHOLD: f64 = 0.85;

/// Whether `id` is a valid catalog id: lowercase ASCII letters and digits in words joined
/// by single hyphens (`^[a-z0-9]+(-[a-z0-9]+)*$`), e.g. `resolve-arrears` or `5x5`.
///
/// ```
/// assert!(hearth_catalog::is_kebab_id("resolve-arrears"));
/// assert!(hearth_catalog::is_kebab_id("5x5"));
/// assert!(!hearth_catalog::is_kebab_id("Resolve_Arrears"));
/// assert!(!hearth_catalog::is_kebab_id("double--hyphen"));
/// ```
pub fn is_kebab_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A lookup asked for an id the catalog does not have.
///
/// Displays as, for example:
/// `unknown action step id "resolve-arear"; did you mean "resolve-arrears"?`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("unknown {kind} id {id:?}{}", did_you_mean(.suggestion.as_deref()))]
pub struct UnknownId {
    /// What kind of entry was looked up: `"action step"`, `"domain"`, `"risk"`,
    /// `"risk category"` or `"instrument"`.
    pub kind: &'static str,
    /// The id that was asked for, as given.
    pub id: String,
    /// The closest existing id, when one is close enough to be a likely typo.
    pub suggestion: Option<String>,
}

fn did_you_mean(suggestion: Option<&str>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s:?}?"),
        None => String::new(),
    }
}

impl UnknownId {
    /// Builds the error for `id`, choosing a suggestion among `candidates`
    /// (`(id, name)` pairs, in catalog order).
    pub(crate) fn new<'a, I>(kind: &'static str, id: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        UnknownId {
            kind,
            id: id.to_string(),
            suggestion: suggest(id, candidates),
        }
    }
}

/// Folds free text to kebab case for comparison: lowercase, every run of characters that
/// are not letters or digits becomes one hyphen, no leading or trailing hyphen.
pub(crate) fn fold_to_kebab(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The candidate id closest to `query`, if it reaches [`SUGGESTION_THRESHOLD`].
pub(crate) fn suggest<'a, I>(query: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = (&'a str, &'a str)>,
{
    let key = fold_to_kebab(query);
    if key.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &str)> = None;
    for (id, name) in candidates {
        let name_key = fold_to_kebab(name);
        let score = if key == id || key == name_key {
            // Same id or name, differing only in case, spacing or punctuation.
            2.0
        } else {
            strsim::jaro_winkler(&key, id).max(strsim::jaro_winkler(&key, &name_key))
        };
        if best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, id));
        }
    }
    best.filter(|(score, _)| *score >= SUGGESTION_THRESHOLD)
        .map(|(_, id)| id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANDIDATES: &[(&str, &str)] = &[
        ("timely-rental-payment", "Timely Rental Payment"),
        ("resolve-arrears", "Resolve Arrears"),
        ("refer-to-ph", "Refer to PH?"),
        ("5x5", "5x5"),
    ];

    #[test]
    fn kebab_rule() {
        for ok in ["a", "5x5", "resolve-arrears", "re-certify-voucher", "a1-b2"] {
            assert!(is_kebab_id(ok), "{ok} should be kebab-case");
        }
        for bad in [
            "",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "a b",
            "é",
            "refer-to-ph?",
        ] {
            assert!(!is_kebab_id(bad), "{bad:?} should not be kebab-case");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold_to_kebab("Refer to PH?"), "refer-to-ph");
        assert_eq!(fold_to_kebab("  Spay/Neuter Pets "), "spay-neuter-pets");
        assert_eq!(fold_to_kebab("?!"), "");
    }

    #[test]
    fn suggestions() {
        let pairs = CANDIDATES.iter().copied();
        assert_eq!(
            suggest("resolve-arear", pairs.clone()).as_deref(),
            Some("resolve-arrears")
        );
        assert_eq!(
            suggest("Resolve Arrears", pairs.clone()).as_deref(),
            Some("resolve-arrears")
        );
        assert_eq!(
            suggest("refer to ph", pairs.clone()).as_deref(),
            Some("refer-to-ph")
        );
        assert_eq!(suggest("zebra", pairs.clone()), None);
        assert_eq!(suggest("", pairs.clone()), None);
        assert_eq!(suggest("???", pairs), None);
    }

    #[test]
    fn message() {
        let e = UnknownId::new("action step", "resolve-arear", CANDIDATES.iter().copied());
        assert_eq!(
            e.to_string(),
            r#"unknown action step id "resolve-arear"; did you mean "resolve-arrears"?"#
        );
        let e = UnknownId::new("risk", "zebra", CANDIDATES.iter().copied());
        assert_eq!(e.to_string(), r#"unknown risk id "zebra""#);
    }
}
