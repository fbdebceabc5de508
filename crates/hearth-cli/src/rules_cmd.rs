//! `hearth rules`: list every rule with its code, name, severity, the requirements it
//! enforces and its parameters — at their defaults, or as a policy sets them.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use hearth::Policy;
use hearth_rules::{kind_name, registry, ParamKind, ParamSpec, ParamValue, Rule, Scope};
use serde::Serialize;

use crate::error::CliError;
use crate::policy_arg::load_policy;
use crate::Format;

/// Arguments of `hearth rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Show the severities and parameter values of this policy: a built-in policy name
    /// (icms-high, icms-low, icm-rrh, rrh, stl-coc, ct-psh) or a policy file (TOML).
    /// Rules the policy does not turn on are shown as `off`. Default: the policy of the
    /// nearest hearth.toml, if it names one.
    #[arg(long, value_name = "NAME|FILE")]
    pub policy: Option<String>,
    /// Ignore every hearth.toml: without --policy, list the rules' defaults.
    #[arg(long)]
    pub isolated: bool,
    /// List only these rules: a code (PLAN001), a code prefix (PLAN, VISIT00) or a rule
    /// name (too-many-active-goals). Repeat the flag or separate with commas.
    #[arg(long, value_name = "CODE|PREFIX", value_delimiter = ',', num_args = 1..)]
    pub select: Vec<String>,
}

/// One rule as `hearth rules --format json` and `hearth explain --format json` print it.
#[derive(Debug, Serialize)]
pub(crate) struct RuleView {
    /// The stable code, e.g. `PLAN001`.
    pub code: &'static str,
    /// The kebab-case name.
    pub name: &'static str,
    /// The area's name, e.g. `plan`.
    pub area: &'static str,
    /// `case-file` or `caseload`.
    pub scope: &'static str,
    /// The severity in the active policy (`off` when the policy leaves the rule off),
    /// else the rule's default.
    pub severity: &'static str,
    /// Whether the policy turns the rule on; absent when no policy was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// The requirement ids, each once.
    pub requirements: Vec<&'static str>,
    /// Where each requirement is stated.
    pub source: Vec<CitationView>,
    /// One line: what the rule checks.
    pub summary: &'static str,
    /// What to do about a finding.
    pub help: &'static str,
    /// The parameters a policy may set.
    pub parameters: Vec<ParamView>,
}

/// A requirement with the seed document and section that state it.
#[derive(Debug, Serialize)]
pub(crate) struct CitationView {
    /// The requirement id, e.g. `R-PLAN-1`.
    pub id: &'static str,
    /// The seed document's number (`000`…`004`).
    pub source: &'static str,
    /// The section of the seed document.
    pub section: &'static str,
}

/// One parameter of a rule, with its default and the value in force.
#[derive(Debug, Serialize)]
pub(crate) struct ParamView {
    /// The name in policy files.
    pub name: &'static str,
    /// `integer`, `flag`, `choice` or `ids`.
    pub kind: &'static str,
    /// What values it accepts, in words.
    pub accepts: String,
    /// The smallest accepted value (integers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// The largest accepted value (integers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    /// The accepted words (choices).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<&'static [&'static str]>,
    /// What the parameter means, with its unit.
    pub doc: &'static str,
    /// The value when no policy sets it.
    pub default: ParamValue,
    /// The value in force: the policy's when a policy is given and turns the rule on,
    /// else the default.
    pub value: ParamValue,
}

/// The view of `rule`, under `policy` when one is given.
pub(crate) fn rule_view(rule: &dyn Rule, policy: Option<&Policy>) -> RuleView {
    let meta = rule.meta();
    let setting = policy.and_then(|p| p.current().rule(meta.code));
    let severity = match (policy, setting) {
        (Some(_), Some(s)) => s.severity.as_str(),
        (Some(_), None) => "off",
        (None, _) => meta.severity.as_str(),
    };
    let parameters = meta
        .params
        .iter()
        .map(|spec| {
            let value = setting
                .and_then(|s| s.params.get(spec.name).cloned())
                .unwrap_or_else(|| spec.default.value());
            param_view(spec, value)
        })
        .collect();
    RuleView {
        code: meta.code,
        name: meta.name,
        area: meta.area.name(),
        scope: match meta.scope {
            Scope::CaseFile => "case-file",
            Scope::Caseload => "caseload",
        },
        severity,
        enabled: policy.map(|_| setting.is_some()),
        requirements: meta.requirement_ids().collect(),
        source: meta
            .requirements
            .iter()
            .map(|c| CitationView {
                id: c.id,
                source: c.source,
                section: c.section,
            })
            .collect(),
        summary: meta.summary,
        help: meta.help,
        parameters,
    }
}

fn param_view(spec: &ParamSpec, value: ParamValue) -> ParamView {
    let (kind, min, max, choices) = match spec.kind {
        ParamKind::Integer { min, max } => ("integer", Some(min), Some(max), None),
        ParamKind::Flag => ("flag", None, None, None),
        ParamKind::Choice(choices) => ("choice", None, None, Some(choices)),
        ParamKind::Ids => ("ids", None, None, None),
    };
    ParamView {
        name: spec.name,
        kind,
        accepts: kind_name(spec.kind),
        min,
        max,
        choices,
        doc: spec.doc,
        default: spec.default.value(),
        value,
    }
}

/// The closest rule code or name to `key`, when it is close enough to be a likely typo.
pub(crate) fn closest_rule(key: &str) -> Option<String> {
    let wanted = key.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for candidate in registry::all()
        .iter()
        .flat_map(|r| [r.meta().code, r.meta().name])
    {
        let score = strsim::jaro_winkler(&wanted, &candidate.to_ascii_lowercase());
        if score >= hearth_catalog::SUGGESTION_THRESHOLD && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c.to_owned())
}

/// Whether `selector` (a code, code prefix or name) picks `rule`.
pub(crate) fn selects(selector: &str, rule: &dyn Rule) -> bool {
    let meta = rule.meta();
    let code = meta.code.as_bytes();
    let wanted = selector.as_bytes();
    meta.name == selector
        || (!wanted.is_empty()
            && code.len() >= wanted.len()
            && code
                .iter()
                .zip(wanted)
                .all(|(c, w)| c.eq_ignore_ascii_case(w)))
}

/// The rules picked by `selectors`, in registry order; every rule when there are none.
/// A selector that picks no rule is an error naming the closest code or name.
pub(crate) fn select_rules(selectors: &[String]) -> Result<Vec<&'static dyn Rule>, CliError> {
    let all = registry::all();
    for selector in selectors {
        if !all.iter().any(|r| selects(selector, *r)) {
            return Err(CliError::UnknownRule {
                key: selector.clone(),
                suggestion: closest_rule(selector),
            });
        }
    }
    Ok(all
        .iter()
        .copied()
        .filter(|r| selectors.is_empty() || selectors.iter().any(|s| selects(s, *r)))
        .collect())
}

/// Prints the rule list.
pub fn run(args: &RulesArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let spec = match &args.policy {
        Some(spec) => Some(spec.clone()),
        None => crate::config::Config::find(None, args.isolated)?.policy,
    };
    let policy = spec.as_deref().map(load_policy).transpose()?;
    let rules = select_rules(&args.select)?;
    let views: Vec<RuleView> = rules
        .iter()
        .map(|r| rule_view(*r, policy.as_ref()))
        .collect();
    match args.format {
        Format::Json => writeln!(out, "{}", to_json(&views))?,
        Format::Text => write_text(&views, policy.as_ref(), out)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Pretty JSON of a serialisable view (these views cannot fail to serialise).
pub(crate) fn to_json(value: &impl Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

fn write_text(
    views: &[RuleView],
    policy: Option<&Policy>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let rows: Vec<[String; 5]> = views
        .iter()
        .map(|v| {
            let reqs = if v.requirements.is_empty() {
                "-".to_owned()
            } else {
                v.requirements.join(", ")
            };
            [
                v.code.to_owned(),
                v.name.to_owned(),
                v.severity.to_owned(),
                reqs,
                v.summary.to_owned(),
            ]
        })
        .collect();
    let mut widths = [0usize; 4];
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row.iter()) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let [code_w, name_w, sev_w, req_w] = widths;
    for [code, name, severity, reqs, summary] in &rows {
        writeln!(
            out,
            "{code:<code_w$}  {name:<name_w$}  {severity:<sev_w$}  {reqs:<req_w$}  {summary}"
        )?;
    }
    let count = views.len();
    let noun = if count == 1 { "rule" } else { "rules" };
    match policy {
        Some(p) => {
            let on = views.iter().filter(|v| v.enabled == Some(true)).count();
            writeln!(out, "{count} {noun}, {on} on in policy {}", p.name())
        }
        None => writeln!(out, "{count} {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn render(args: &RulesArgs) -> String {
        let mut out = Vec::new();
        run(args, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn args(format: Format, policy: Option<&str>, select: &[&str]) -> RulesArgs {
        RulesArgs {
            format,
            policy: policy.map(str::to_owned),
            // Unit tests run in the crate's folder: never pick up a hearth.toml above it.
            isolated: true,
            select: select.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    #[test]
    fn rules_text_snapshot() {
        let text = render(&args(Format::Text, None, &[]));
        insta::assert_snapshot!("rules_text", text);
    }

    #[test]
    fn rules_text_with_a_policy_snapshot() {
        let text = render(&args(Format::Text, Some("rrh"), &["PLAN", "VISIT001"]));
        insta::assert_snapshot!("rules_text_rrh_plan", text);
    }

    #[test]
    fn rules_json_lists_every_rule_with_its_fields() {
        let text = render(&args(Format::Json, None, &[]));
        let rules: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(rules.len(), registry::all().len());
        for (rule, registered) in rules.iter().zip(registry::all()) {
            let meta = registered.meta();
            assert_eq!(rule["code"], meta.code);
            assert_eq!(rule["name"], meta.name);
            assert_eq!(rule["area"], meta.area.name());
            assert_eq!(rule["severity"], meta.severity.as_str());
            assert!(rule.get("enabled").is_none(), "{rule}");
            let reqs: Vec<&str> = meta.requirement_ids().collect();
            assert_eq!(rule["requirements"], serde_json::json!(reqs));
            let sources = rule["source"].as_array().unwrap();
            assert_eq!(sources.len(), meta.requirements.len());
            for (s, c) in sources.iter().zip(meta.requirements) {
                assert_eq!(s["id"], c.id);
                assert_eq!(s["source"], c.source);
                assert_eq!(s["section"], c.section);
            }
            assert_eq!(rule["summary"], meta.summary);
            assert_eq!(rule["help"], meta.help);
            let params = rule["parameters"].as_array().unwrap();
            assert_eq!(params.len(), meta.params.len());
            for (p, spec) in params.iter().zip(meta.params) {
                assert_eq!(p["name"], spec.name);
                assert_eq!(p["doc"], spec.doc);
                assert!(p["kind"].is_string(), "{p}");
                let default = serde_json::to_value(spec.default.value()).unwrap();
                assert_eq!(p["default"], default);
                assert_eq!(p["value"], default);
            }
        }
        // The printed text of the first three rules, in the order the fields are written.
        let codes: Vec<&str> = registry::all()
            .iter()
            .take(3)
            .map(|r| r.meta().code)
            .collect();
        let first = render(&args(Format::Json, None, &codes));
        insta::assert_snapshot!(
            "rules_json_first_3",
            format!("{} rules; the first 3:\n{first}", rules.len())
        );
    }

    #[test]
    fn rules_json_with_a_policy_shows_its_settings() {
        let policy = Policy::builtin("stl-coc").unwrap();
        let text = render(&args(Format::Json, Some("stl-coc"), &[]));
        let rules: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(rules.len(), registry::all().len());
        let mut on = 0;
        for rule in &rules {
            let code = rule["code"].as_str().unwrap();
            match policy.current().rule(code) {
                Some(setting) => {
                    on += 1;
                    assert_eq!(rule["enabled"], true, "{rule}");
                    assert_eq!(rule["severity"], setting.severity.as_str());
                    for p in rule["parameters"].as_array().unwrap() {
                        let name = p["name"].as_str().unwrap();
                        let value = serde_json::to_value(setting.params.get(name)).unwrap();
                        assert_eq!(p["value"], value, "{code} {name}");
                    }
                }
                None => {
                    assert_eq!(rule["enabled"], false, "{rule}");
                    assert_eq!(rule["severity"], "off", "{rule}");
                }
            }
        }
        assert!(on > 0 && on < rules.len(), "{on} of {} on", rules.len());
        // stl-coc reviews the plan every 30 days, not at the rule's default.
        let plan005 = rules.iter().find(|r| r["code"] == "PLAN005").unwrap();
        let interval = plan005["parameters"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["name"] == "review_interval_days")
            .unwrap();
        assert_eq!(interval["value"], 30);
    }

    #[test]
    fn a_policy_file_sets_values() {
        let dir = std::env::temp_dir().join(format!("hearth-rules-cmd-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("agency.toml");
        std::fs::write(
            &file,
            "name = \"agency\"\nextends = \"stl-coc\"\n[rules.PLAN005]\nreview_interval_days = 21\nseverity = \"info\"\n",
        )
        .unwrap();
        let text = render(&args(
            Format::Json,
            Some(file.to_str().unwrap()),
            &["PLAN005"],
        ));
        let rules: Vec<Value> = serde_json::from_str(&text).unwrap();
        assert_eq!(rules.len(), 1);
        assert_eq!(rules[0]["severity"], "info");
        assert_eq!(rules[0]["parameters"][0]["value"], 21);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn select_takes_codes_prefixes_and_names() {
        let codes = |sel: &[&str]| -> Vec<&str> {
            let sel: Vec<String> = sel.iter().map(|s| (*s).to_owned()).collect();
            select_rules(&sel)
                .unwrap()
                .iter()
                .map(|r| r.meta().code)
                .collect()
        };
        assert_eq!(codes(&["PLAN001"]), ["PLAN001"]);
        assert_eq!(
            codes(&["too-many-active-goals", "visit001"]),
            ["PLAN001", "VISIT001"]
        );
        let plan = codes(&["PLAN"]);
        assert!(
            plan.len() > 1 && plan.iter().all(|c| c.starts_with("PLAN")),
            "{plan:?}"
        );
        assert_eq!(codes(&[]).len(), registry::all().len());
    }

    #[test]
    fn an_unknown_selector_suggests_the_closest_rule() {
        let Err(err) = select_rules(&["PLAM001".to_owned()]) else {
            panic!("PLAM001 selected a rule");
        };
        assert!(matches!(err, CliError::UnknownRule { .. }), "{err:?}");
        assert!(
            err.to_string().contains("did you mean \"PLAN001\""),
            "{err}"
        );
        assert!(err.help().is_some());
    }
}
