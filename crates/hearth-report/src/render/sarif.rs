//! SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, Azure DevOps, IDE
//! viewers).
//!
//! One run whose `tool.driver.rules` holds one entry per rule code that appears in the
//! report (and `INPUT001` when a document could not be read), sorted by code: the log
//! stays small (a run over a few files carries the handful of rules that fired, not the
//! documentation of every rule), and every result's `ruleIndex` points into it.
//!
//! How findings map onto results:
//!
//! | finding | `kind` | `level` |
//! | --- | --- | --- |
//! | violation, severity error / warning / info | `fail` | `error` / `warning` / `note` |
//! | not evaluated (any severity) | `review` | `none` |
//!
//! A check that could not be made is not a failure, but a person should look: SARIF's
//! `review` kind says exactly that, and SARIF §3.27.9 requires `level: "none"` for any
//! kind other than `fail`. The severity the policy gave it stays in
//! `properties.severity`. A waived finding keeps its kind and level and gets an external
//! suppression naming the waiver (`status: "accepted"`), so dashboards show it as
//! dismissed.
//!
//! Locations: the file as given (backslashes turned into `/`, percent-encoded where a URI
//! needs it), relative to `%SRCROOT%` unless it is absolute; the region in lines and
//! Unicode code points (`columnKind: "unicodeCodePoints"`, end column exclusive, as in the
//! report), omitted when the finding could not be located. The JSON Pointer is the
//! location's logical location and, with the participant id and the requirement ids, is
//! also in the result's `properties`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::batch::{
    CheckSummary, DocumentResult, LocatedFinding, INVALID_DOCUMENT, INVALID_DOCUMENT_HELP,
};
use chrono::NaiveDate;
use hearth_rules::registry;
use hearth_rules::{FindingKind, Severity};
use serde_json::{json, Map, Value};

/// The `$schema` of the log: the OASIS SARIF 2.1.0 schema (errata 01).
pub const SARIF_SCHEMA_URI: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The summary of the [`INVALID_DOCUMENT`] rule, which is not in the registry.
const INVALID_DOCUMENT_SUMMARY: &str =
    "A document could not be read: not UTF-8, not JSON, or not matching its schema.";

/// Writes `report` as a SARIF 2.1.0 log (pretty-printed JSON, one trailing newline).
#[cfg(test)]
pub fn write(report: &crate::batch::CheckReport, out: &mut dyn Write) -> io::Result<()> {
    super::feed(&mut SarifSink::default(), report, out)
}

/// The SARIF log of `report` as a JSON value.
#[cfg(test)]
pub fn to_value(report: &crate::batch::CheckReport) -> io::Result<Value> {
    let rules = rules_of(report);
    let index = rule_index(&rules);
    let results: Vec<Value> = report
        .findings
        .iter()
        .map(|f| result(f, index.get(f.finding.code.as_str()).copied()))
        .collect();
    log(rules, results, report.as_of, &report.summary)
}

/// Each rule's place in `driver.rules`.
fn rule_index(rules: &BTreeMap<String, Value>) -> BTreeMap<&str, usize> {
    rules
        .keys()
        .enumerate()
        .map(|(i, code)| (code.as_str(), i))
        .collect()
}

/// The SARIF format as a [`super::Sink`]: the rules that fired are gathered as
/// documents arrive and the findings wait in a spool (one JSON line each), because
/// `driver.rules` and each result's `ruleIndex` into it come first.
#[derive(Default)]
pub struct SarifSink {
    rules: BTreeMap<String, Value>,
    findings: super::Spool,
    spools: super::Spools,
}

impl SarifSink {
    /// A sink whose spools (the findings, then the results) come from `spools`.
    pub fn with_spools(spools: super::Spools) -> Self {
        SarifSink {
            rules: BTreeMap::new(),
            findings: spools.spool(),
            spools,
        }
    }
}

impl super::Sink for SarifSink {
    fn document(
        &mut self,
        doc: &DocumentResult,
        _text: Option<&str>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        for finding in &doc.findings {
            if !self.rules.contains_key(&finding.finding.code) {
                self.rules
                    .insert(finding.finding.code.clone(), descriptor(finding));
            }
            let line = serde_json::to_string(finding)?;
            self.findings.write_all(line.as_bytes())?;
            self.findings.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let rules = std::mem::take(&mut self.rules);
        let index: BTreeMap<String, usize> = rule_index(&rules)
            .into_iter()
            .map(|(code, i)| (code.to_owned(), i))
            .collect();
        let header = serde_json::to_string_pretty(&log(rules, Vec::new(), as_of, summary)?)?;
        let mut results = self.spools.spool();
        self.findings.each_line(|line| {
            let finding: LocatedFinding = serde_json::from_str(line)?;
            let value = result(&finding, index.get(&finding.finding.code).copied());
            if !results.is_empty() {
                results.write_all(b",\n")?;
            }
            // Results sit four levels deep: log, runs, run, results.
            super::write_pretty_element(&value, 4, &mut results)
        })?;
        super::splice(&header, &mut [("results", 3, &mut results)], out)?;
        out.write_all(b"\n")
    }
}

/// The log around `results`.
fn log(
    rules: BTreeMap<String, Value>,
    results: Vec<Value>,
    as_of: NaiveDate,
    summary: &CheckSummary,
) -> io::Result<Value> {
    let summary = serde_json::to_value(summary)?;
    Ok(json!({
        "$schema": SARIF_SCHEMA_URI,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "hearth",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules.into_values().collect::<Vec<_>>(),
                }
            },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {
                "%SRCROOT%": {
                    "description": { "text": "The directory hearth check ran in." }
                }
            },
            "results": results,
            "properties": {
                "as_of": as_of.to_string(),
                "summary": summary,
            },
        }]
    }))
}

/// One reporting descriptor per code in the report, keyed (and so sorted) by code.
#[cfg(test)]
fn rules_of(report: &crate::batch::CheckReport) -> BTreeMap<String, Value> {
    let mut rules = BTreeMap::new();
    for finding in &report.findings {
        if rules.contains_key(&finding.finding.code) {
            continue;
        }
        rules.insert(finding.finding.code.clone(), descriptor(finding));
    }
    rules
}

/// The reporting descriptor of `finding`'s rule: from the registry, the built-in
/// [`INVALID_DOCUMENT`] rule, or (for a code hearth does not know, which the report
/// should never hold) the little the finding says about it.
fn descriptor(finding: &LocatedFinding) -> Value {
    if let Some(rule) =
        registry::find(&finding.finding.code).filter(|r| r.meta().code == finding.finding.code)
    {
        let meta = rule.meta();
        let what = meta
            .doc_section("What it checks")
            .unwrap_or_else(|| meta.summary.to_owned());
        let mut help = meta.help.to_owned();
        if !meta.requirements.is_empty() {
            help.push_str("\n\nRequirements:");
            for c in meta.requirements {
                help.push_str(&format!("\n- {} (seed {}, {})", c.id, c.source, c.section));
            }
        }
        let requirements: Vec<Value> = meta
            .requirements
            .iter()
            .map(|c| json!({ "id": c.id, "source": c.source, "section": c.section }))
            .collect();
        let mut tags = vec![meta.area.name().to_owned()];
        for id in meta.requirement_ids() {
            if !tags.iter().any(|t| t == id) {
                tags.push(id.to_owned());
            }
        }
        return json!({
            "id": meta.code,
            "name": meta.name,
            "shortDescription": { "text": meta.summary },
            "fullDescription": { "text": what },
            "help": { "text": help },
            "defaultConfiguration": { "level": level_of(meta.severity) },
            "properties": { "requirements": requirements, "tags": tags },
        });
    }
    let (summary, help, tags) = if finding.finding.code == INVALID_DOCUMENT {
        (
            INVALID_DOCUMENT_SUMMARY,
            INVALID_DOCUMENT_HELP,
            vec!["input"],
        )
    } else {
        (
            finding.finding.rule.as_str(),
            finding.finding.help.as_str(),
            Vec::new(),
        )
    };
    json!({
        "id": finding.finding.code,
        "name": finding.finding.rule,
        "shortDescription": { "text": summary },
        "fullDescription": { "text": summary },
        "help": { "text": help },
        "defaultConfiguration": { "level": level_of(finding.finding.severity) },
        "properties": { "requirements": [], "tags": tags },
    })
}

/// SARIF's level for a hearth severity.
fn level_of(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The result for one finding; `rule_index` is its rule's place in `driver.rules`.
fn result(f: &LocatedFinding, rule_index: Option<usize>) -> Value {
    let (kind, level) = match f.finding.kind {
        FindingKind::Violation => ("fail", level_of(f.finding.severity)),
        FindingKind::NotEvaluated => ("review", "none"),
    };
    let mut physical = Map::new();
    physical.insert("artifactLocation".to_owned(), artifact_location(&f.file));
    if let Some(region) = region(f) {
        physical.insert("region".to_owned(), region);
    }
    let mut properties = Map::new();
    properties.insert("path".to_owned(), json!(f.finding.path));
    if let Some(participant) = &f.finding.participant_id {
        properties.insert("participant_id".to_owned(), json!(participant.as_str()));
    }
    properties.insert("requirements".to_owned(), json!(f.finding.requirements));
    properties.insert("severity".to_owned(), json!(f.finding.severity.as_str()));
    properties.insert(
        "kind".to_owned(),
        json!(match f.finding.kind {
            FindingKind::Violation => "violation",
            FindingKind::NotEvaluated => "not-evaluated",
        }),
    );
    if let Some(record) = f.record {
        properties.insert("record".to_owned(), json!(record));
    }
    properties.insert("on".to_owned(), json!(f.finding.on.to_string()));
    if let Some(waiver) = &f.finding.waiver {
        properties.insert("waiver".to_owned(), json!(waiver));
    }
    let mut result = Map::new();
    result.insert("ruleId".to_owned(), json!(f.finding.code));
    if let Some(i) = rule_index {
        result.insert("ruleIndex".to_owned(), json!(i));
    }
    result.insert("kind".to_owned(), json!(kind));
    result.insert("level".to_owned(), json!(level));
    result.insert("message".to_owned(), json!({ "text": f.finding.message }));
    result.insert(
        "locations".to_owned(),
        json!([{
            "physicalLocation": physical,
            "logicalLocations": [{ "fullyQualifiedName": f.finding.path }],
        }]),
    );
    // A stable identity across runs, from ids and paths only, so a dashboard can tell a
    // finding that moved lines from a new one.
    let participant = f.finding.participant_id.as_ref().map_or("", |p| p.as_str());
    result.insert(
        "partialFingerprints".to_owned(),
        json!({ "hearthFinding/v1": format!("{}|{}|{}|{}", f.finding.code, f.file, participant, f.finding.path) }),
    );
    if let Some(waiver) = &f.finding.waiver {
        result.insert(
            "suppressions".to_owned(),
            json!([{
                "kind": "external",
                "status": "accepted",
                "justification": format!("waiver {waiver}"),
            }]),
        );
    }
    result.insert("properties".to_owned(), Value::Object(properties));
    Value::Object(result)
}

/// The region of a located finding: `None` when it has no line.
fn region(f: &LocatedFinding) -> Option<Value> {
    let line = f.line?;
    let mut region = Map::new();
    region.insert("startLine".to_owned(), json!(line));
    if let Some(c) = f.column {
        region.insert("startColumn".to_owned(), json!(c));
    }
    if let Some(l) = f.end_line {
        region.insert("endLine".to_owned(), json!(l));
    }
    if let Some(c) = f.end_column {
        region.insert("endColumn".to_owned(), json!(c));
    }
    Some(Value::Object(region))
}

/// The artifact location of `file`: relative to `%SRCROOT%` as given, or a `file://` URI
/// when absolute.
fn artifact_location(file: &str) -> Value {
    let slashed = file.replace('\\', "/");
    let bytes = slashed.as_bytes();
    let drive = bytes.first().is_some_and(u8::is_ascii_alphabetic)
        && bytes.get(1) == Some(&b':')
        && bytes.get(2) == Some(&b'/');
    if slashed.starts_with('/') {
        json!({ "uri": format!("file://{}", encode_uri_path(&slashed, false)) })
    } else if drive {
        json!({ "uri": format!("file:///{}", encode_uri_path(&slashed, true)) })
    } else {
        json!({ "uri": encode_uri_path(&slashed, false), "uriBaseId": "%SRCROOT%" })
    }
}

/// Percent-encodes a `/`-separated path for a URI: unreserved characters, `/` and the
/// sub-delimiters stay; everything else (spaces, `%`, `:`, `?`, `#`, non-ASCII) becomes
/// `%XX` of its UTF-8 bytes. A `:` is encoded so a relative path never reads as a scheme,
/// except the one after a drive letter (`C:/`) when `drive` is set.
fn encode_uri_path(path: &str, drive: bool) -> String {
    let mut out = String::with_capacity(path.len());
    for (i, byte) in path.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(
                byte,
                b'-' | b'.'
                    | b'_'
                    | b'~'
                    | b'/'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'@'
            )
            || (drive && i == 1 && byte == b':');
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::CheckReport;
    use crate::render::fixture;

    fn sarif(report: &CheckReport) -> Value {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        serde_json::from_slice(&out).unwrap()
    }

    #[test]
    fn results_point_into_the_rules_and_carry_paths() {
        let report = fixture::report();
        let log = sarif(&report);
        let run = &log["runs"][0];
        let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
        let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(
            ids,
            ["INPUT001", "PLAN002", "PLAN005", "TERM003", "VISIT007"]
        );
        let results = run["results"].as_array().unwrap();
        assert_eq!(results.len(), report.findings.len());
        for (r, f) in results.iter().zip(&report.findings) {
            let i = r["ruleIndex"].as_u64().unwrap() as usize;
            assert_eq!(rules[i]["id"], r["ruleId"]);
            assert_eq!(r["ruleId"], f.finding.code.as_str());
            assert_eq!(r["properties"]["path"], f.finding.path.as_str());
            assert_eq!(
                r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"],
                f.finding.path.as_str()
            );
        }
        assert_eq!(run["columnKind"], "unicodeCodePoints");
    }

    #[test]
    fn levels_kinds_and_suppressions() {
        let log = sarif(&fixture::report());
        let results = log["runs"][0]["results"].as_array().unwrap();
        let by_code = |code: &str| results.iter().find(|r| r["ruleId"] == code).unwrap();
        let plan = by_code("PLAN002");
        assert_eq!(
            (&plan["kind"], &plan["level"]),
            (&json!("fail"), &json!("error"))
        );
        let term = by_code("TERM003");
        assert_eq!(
            (&term["kind"], &term["level"]),
            (&json!("review"), &json!("none"))
        );
        assert_eq!(term["properties"]["kind"], "not-evaluated");
        let waived = by_code("PLAN005");
        assert_eq!(
            waived["suppressions"],
            json!([{ "kind": "external", "status": "accepted", "justification": "waiver W-TEST-1" }])
        );
        assert!(plan.get("suppressions").is_none());
        assert_eq!(plan["properties"]["participant_id"], "STL-2025-0611");
    }

    #[test]
    fn info_is_a_note_and_unlocated_findings_have_no_region() {
        let mut report = fixture::report();
        let f = &mut report.findings[1];
        f.finding.severity = Severity::Info;
        f.line = None;
        f.column = None;
        f.end_line = None;
        f.end_column = None;
        let log = sarif(&report);
        let r = &log["runs"][0]["results"][1];
        assert_eq!(r["level"], "note");
        let physical = &r["locations"][0]["physicalLocation"];
        assert!(physical.get("region").is_none(), "{physical}");
        assert_eq!(physical["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    }

    #[test]
    fn located_findings_have_the_report_region() {
        let report = fixture::report();
        let log = sarif(&report);
        let f = &report.findings[1];
        let region = &log["runs"][0]["results"][1]["locations"][0]["physicalLocation"]["region"];
        assert_eq!(region["startLine"], f.line.unwrap());
        assert_eq!(region["startColumn"], f.column.unwrap());
        assert_eq!(region["endLine"], f.end_line.unwrap());
        assert_eq!(region["endColumn"], f.end_column.unwrap());
    }

    #[test]
    fn uris_are_relative_slashed_and_encoded() {
        assert_eq!(
            artifact_location("cases\\a b.json"),
            json!({ "uri": "cases/a%20b.json", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("x:y/é%.json"),
            json!({ "uri": "x%3Ay/%C3%A9%25.json", "uriBaseId": "%SRCROOT%" })
        );
        assert_eq!(
            artifact_location("/srv/c.json"),
            json!({ "uri": "file:///srv/c.json" })
        );
        assert_eq!(
            artifact_location("C:\\data\\c.json"),
            json!({ "uri": "file:///C:/data/c.json" })
        );
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write(&fixture::report(), &mut a).unwrap();
        write(&fixture::report(), &mut b).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn streamed_output_is_the_whole_log_pretty_printed() {
        let report = fixture::report();
        assert!(report.findings.len() > 2);
        let mut streamed = Vec::new();
        write(&report, &mut streamed).unwrap();
        let whole = serde_json::to_string_pretty(&to_value(&report).unwrap()).unwrap() + "\n";
        assert_eq!(String::from_utf8(streamed).unwrap(), whole);
    }

    /// The vendored official schema (see `tests/sarif/README.md`), draft 2020-12, with
    /// `format` checks on (URIs).
    fn validator() -> jsonschema::Validator {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../hearth-cli/tests/sarif/sarif-2.1.0.json"
        ))
        .unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&schema)
            .unwrap()
    }

    fn errors(validator: &jsonschema::Validator, log: &Value) -> Vec<String> {
        validator
            .iter_errors(log)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    /// Every example case file under the policy of its program, and a broken document.
    fn examples_report() -> CheckReport {
        let as_of = fixture::AS_OF.parse().unwrap();
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/cases");
        let files = [
            ("ct-psh.json", "ct-psh"),
            ("icm-rrh.json", "icm-rrh"),
            ("icms-high-billing.json", "icms-high"),
            ("icms-low-billing.json", "icms-low"),
            ("rrh.json", "rrh"),
            ("stl-coc.json", "stl-coc"),
        ];
        let mut docs = Vec::new();
        for (file, policy) in files {
            let text = std::fs::read_to_string(format!("{dir}/{file}")).unwrap();
            let policy = hearth_rules::Policy::builtin(policy).unwrap();
            let name = format!("examples/data/cases/{file}");
            docs.push(crate::batch::Document::new(&name, &text).check(&policy, as_of));
        }
        let policy = hearth_rules::Policy::builtin("stl-coc").unwrap();
        docs.push(
            crate::batch::Document::new("broken.json", fixture::BROKEN).check(&policy, as_of),
        );
        CheckReport::new(as_of, docs)
    }

    #[test]
    fn output_for_the_examples_matches_the_official_schema() {
        let validator = validator();
        let report = examples_report();
        assert!(report.findings.len() > 5, "the examples have findings");
        let log = sarif(&report);
        assert_eq!(errors(&validator, &log), Vec::<String>::new());
        let log = sarif(&fixture::report());
        assert_eq!(errors(&validator, &log), Vec::<String>::new());
    }

    #[test]
    fn the_schema_rejects_a_broken_log() {
        let validator = validator();
        let mut log = sarif(&fixture::report());
        log["runs"][0]["results"][0]["level"] = json!("fatal");
        assert!(!errors(&validator, &log).is_empty(), "level fatal accepted");
        let mut log = sarif(&fixture::report());
        log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] =
            json!(0);
        assert!(!errors(&validator, &log).is_empty(), "startLine 0 accepted");
        let mut log = sarif(&fixture::report());
        log["runs"][0]["tool"]["driver"]["rules"][0]
            .as_object_mut()
            .unwrap()
            .remove("id");
        assert!(
            !errors(&validator, &log).is_empty(),
            "a rule without id accepted"
        );
    }

    #[test]
    fn snapshot() {
        let mut out = Vec::new();
        write(&fixture::report(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}
