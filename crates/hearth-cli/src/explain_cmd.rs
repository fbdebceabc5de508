//! `hearth explain CODE|NAME`: print one rule's documentation — what it checks, why, the
//! requirements it enforces, its parameters and an example that fails and one that
//! passes — the way `ruff rule CODE` does.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use hearth::batch::{INVALID_DOCUMENT, INVALID_DOCUMENT_HELP, INVALID_DOCUMENT_NAME};
use hearth_rules::{registry, Rule, DOC_SECTIONS};
use serde::Serialize;

use crate::error::CliError;
use crate::rules_cmd::{closest_rule, rule_view, to_json, RuleView};
use crate::Format;

/// Arguments of `hearth explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code (PLAN001, any case) or kebab-case name (too-many-active-goals).
    #[arg(value_name = "CODE|NAME")]
    pub rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show the severity and parameter values this policy sets: a built-in policy name
    /// or a policy file (TOML).
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
}

/// One rule with its documentation, as `hearth explain --format json` prints it.
#[derive(Debug, Serialize)]
struct Explanation {
    #[serde(flatten)]
    rule: RuleView,
    /// The whole documentation, Markdown.
    docs: String,
    /// Each documentation section by its heading.
    sections: BTreeMap<&'static str, String>,
}

/// Prints the documentation of the rule named by `args.rule`; an unknown code or name is
/// an error naming the closest one.
pub fn run(args: &ExplainArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    if crate::check_cmd::is_invalid_document(&args.rule) {
        match args.format {
            Format::Text => out.write_all(invalid_document_text().as_bytes())?,
            Format::Json => writeln!(
                out,
                "{}",
                to_json(&serde_json::json!({
                    "code": INVALID_DOCUMENT,
                    "name": INVALID_DOCUMENT_NAME,
                    "severity": "error",
                    "summary": INVALID_DOCUMENT_SUMMARY,
                    "help": INVALID_DOCUMENT_HELP,
                    "docs": INVALID_DOCUMENT_DOCS,
                }))
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let rule = find(&args.rule)?;
    let policy = args
        .policy
        .as_deref()
        .map(crate::policy_arg::load_policy)
        .transpose()?;
    match args.format {
        Format::Text => out.write_all(explain_text(rule, policy.as_ref()).as_bytes())?,
        Format::Json => writeln!(out, "{}", to_json(&explanation(rule, policy.as_ref())))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What `INPUT001` means, in one sentence.
const INVALID_DOCUMENT_SUMMARY: &str =
    "A document could not be read: not UTF-8, not JSON, past a limit, or not matching its schema.";

/// The rest of `hearth explain INPUT001`.
const INVALID_DOCUMENT_DOCS: &str = "\
INPUT001 is not a rule of a policy: it is reported for every document hearth could not
read, like a syntax error in a linter, at the line and column where reading stopped
(columns count characters). Its message says what is wrong without quoting the
document: the kind of value found, the field expected, or the limit crossed and the flag
that raises it. Every other document is still checked.

A document that could not be read always fails the run at the default fail level, and it
is always reported: `--select INPUT001` shows only such documents, and `--ignore
INPUT001` is accepted but leaves them in (with a note), so an unreadable file is never
passed over silently.";

fn invalid_document_text() -> String {
    format!(
        "{INVALID_DOCUMENT} {INVALID_DOCUMENT_NAME} (error)\n\n{INVALID_DOCUMENT_SUMMARY}\n\nArea: input; reads every document before any rule.\n\nWhat to do: {INVALID_DOCUMENT_HELP}\n\n{INVALID_DOCUMENT_DOCS}\n"
    )
}

fn find(key: &str) -> Result<&'static dyn Rule, CliError> {
    registry::find(key).ok_or_else(|| CliError::UnknownRule {
        key: key.to_owned(),
        suggestion: closest_rule(key),
    })
}

fn explanation(rule: &dyn Rule, policy: Option<&hearth::Policy>) -> Explanation {
    let meta = rule.meta();
    Explanation {
        rule: rule_view(rule, policy),
        docs: meta.doc_text(),
        sections: DOC_SECTIONS
            .iter()
            .filter_map(|h| meta.doc_section(h).map(|text| (*h, text)))
            .collect(),
    }
}

/// The rule's documentation as text: heading, summary, requirements, parameters, what to
/// do about a finding, then the documentation sections verbatim.
fn explain_text(rule: &dyn Rule, policy: Option<&hearth::Policy>) -> String {
    use std::fmt::Write as _;

    let meta = rule.meta();
    let view = rule_view(rule, policy);
    let mut text = String::new();
    let _ = writeln!(text, "{} {} ({})", view.code, view.name, view.severity);
    if let Some(p) = policy {
        let state = if view.enabled == Some(true) {
            "on"
        } else {
            "off"
        };
        let _ = writeln!(text, "Policy {}: {state}", p.name());
    }
    let _ = writeln!(text);
    let _ = writeln!(text, "{}", view.summary);
    let _ = writeln!(text);
    let reads = if view.scope == "caseload" {
        "a whole caseload with its staff roster"
    } else {
        "one case file at a time"
    };
    let _ = writeln!(text, "Area: {}; reads {reads}.", view.area);
    let _ = writeln!(text);
    let _ = writeln!(text, "Requirements:");
    if view.source.is_empty() {
        let _ = writeln!(text, "  (none)");
    }
    for c in &view.source {
        let _ = writeln!(text, "  {}  seed {}, {}", c.id, c.source, c.section);
    }
    let _ = writeln!(text);
    let _ = writeln!(text, "Parameters:");
    if view.parameters.is_empty() {
        let _ = writeln!(text, "  (none)");
    }
    for p in &view.parameters {
        if policy.is_some() && p.value != p.default {
            let _ = writeln!(
                text,
                "  {} ({}: {}), {} in this policy (default {})",
                p.name, p.kind, p.accepts, p.value, p.default
            );
        } else {
            let _ = writeln!(
                text,
                "  {} ({}: {}), default {}",
                p.name, p.kind, p.accepts, p.default
            );
        }
        let _ = writeln!(text, "    {}", p.doc);
    }
    let _ = writeln!(text);
    let _ = writeln!(text, "What to do: {}", view.help);
    let _ = writeln!(text);
    text.push_str(meta.doc_text().trim_end());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(rule: &str, format: Format) -> Result<String, CliError> {
        let mut out = Vec::new();
        run(
            &ExplainArgs {
                rule: rule.to_owned(),
                format,
                policy: None,
            },
            &mut out,
        )?;
        Ok(String::from_utf8(out).unwrap())
    }

    #[test]
    fn explain_knows_input001_and_takes_a_policy() {
        let text = render("INPUT001", Format::Text).unwrap();
        assert!(
            text.starts_with("INPUT001 invalid-document (error)"),
            "{text}"
        );
        assert!(text.contains("--ignore\nINPUT001"), "{text}");
        let json: serde_json::Value =
            serde_json::from_str(&render("invalid-document", Format::Json).unwrap()).unwrap();
        assert_eq!(json["code"], "INPUT001");

        let mut out = Vec::new();
        run(
            &ExplainArgs {
                rule: "PLAN005".to_owned(),
                format: Format::Text,
                policy: Some("stl-coc".to_owned()),
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Policy stl-coc: on"), "{text}");
        assert!(text.contains("review_interval_days ("), "{text}");
        // A rule the policy leaves off says so.
        let mut out = Vec::new();
        run(
            &ExplainArgs {
                rule: "VISIT001".to_owned(),
                format: Format::Text,
                policy: Some("stl-coc".to_owned()),
            },
            &mut out,
        )
        .unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("Policy stl-coc: off"), "{text}");
    }

    #[test]
    fn explain_plan001_snapshot() {
        let text = render("PLAN001", Format::Text).unwrap();
        insta::assert_snapshot!("explain_plan001", text);
    }

    #[test]
    fn codes_in_any_case_and_names_find_the_same_rule() {
        let by_code = render("PLAN001", Format::Text).unwrap();
        assert_eq!(render("plan001", Format::Text).unwrap(), by_code);
        assert_eq!(
            render("too-many-active-goals", Format::Text).unwrap(),
            by_code
        );
    }

    #[test]
    fn every_rule_explains_with_all_its_sections() {
        for rule in registry::all() {
            let meta = rule.meta();
            let text = render(meta.code, Format::Text).unwrap();
            assert!(
                text.starts_with(&format!(
                    "{} {} ({})\n",
                    meta.code, meta.name, meta.severity
                )),
                "{text}"
            );
            for heading in DOC_SECTIONS {
                assert!(
                    text.contains(&format!("\n## {heading}\n")),
                    "{}: {heading}",
                    meta.code
                );
            }
            for id in meta.requirement_ids() {
                assert!(text.contains(id), "{}: {id}", meta.code);
            }
            for p in meta.params {
                assert!(text.contains(p.name), "{}: {}", meta.code, p.name);
            }
            assert!(
                !text.lines().any(|l| l.starts_with(" ##")),
                "rustdoc's leading space left in {}",
                meta.code
            );
        }
    }

    #[test]
    fn json_is_one_object_with_the_docs() {
        let text = render("PLAN005", Format::Json).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["code"], "PLAN005");
        assert_eq!(value["name"], "plan-review-overdue");
        assert!(value["requirements"]
            .as_array()
            .is_some_and(|r| !r.is_empty()));
        assert!(value["parameters"]
            .as_array()
            .is_some_and(|p| p.iter().any(|p| p["name"] == "review_interval_days")));
        for heading in DOC_SECTIONS {
            assert!(
                value["sections"][heading]
                    .as_str()
                    .is_some_and(|s| !s.is_empty()),
                "{heading}: {value}"
            );
        }
        assert!(value["docs"]
            .as_str()
            .is_some_and(|d| d.starts_with("## What it checks\n")));
    }

    #[test]
    fn an_unknown_code_suggests_the_closest() {
        let err = render("PLAN0001", Format::Text).unwrap_err();
        assert!(matches!(err, CliError::UnknownRule { .. }), "{err:?}");
        assert!(err.to_string().contains("did you mean"), "{err}");
        let err = render("too-many-active-goal", Format::Text).unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean \"too-many-active-goals\""),
            "{err}"
        );
    }
}
