//! `hearth explain CODE|NAME`: print one rule's documentation — what it checks, why, the
//! requirements it enforces, its parameters and an example that fails and one that
//! passes — the way `ruff rule CODE` does.

use std::collections::BTreeMap;
use std::io::Write;
use std::process::ExitCode;

use clap::Args;
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
    let rule = find(&args.rule)?;
    match args.format {
        Format::Text => out.write_all(explain_text(rule).as_bytes())?,
        Format::Json => writeln!(out, "{}", to_json(&explanation(rule)))?,
    }
    Ok(ExitCode::SUCCESS)
}

fn find(key: &str) -> Result<&'static dyn Rule, CliError> {
    registry::find(key).ok_or_else(|| CliError::UnknownRule {
        key: key.to_owned(),
        suggestion: closest_rule(key),
    })
}

fn explanation(rule: &dyn Rule) -> Explanation {
    let meta = rule.meta();
    Explanation {
        rule: rule_view(rule, None),
        docs: meta.doc_text(),
        sections: DOC_SECTIONS
            .iter()
            .filter_map(|h| meta.doc_section(h).map(|text| (*h, text)))
            .collect(),
    }
}

/// The rule's documentation as text: heading, summary, requirements, parameters, what to
/// do about a finding, then the documentation sections verbatim.
fn explain_text(rule: &dyn Rule) -> String {
    use std::fmt::Write as _;

    let meta = rule.meta();
    let view = rule_view(rule, None);
    let mut text = String::new();
    let _ = writeln!(text, "{} {} ({})", view.code, view.name, view.severity);
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
        let _ = writeln!(
            text,
            "  {} ({}: {}), default {}",
            p.name, p.kind, p.accepts, p.default
        );
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
            },
            &mut out,
        )?;
        Ok(String::from_utf8(out).unwrap())
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
