//! The bodies of hearth's fuzz targets, shared by the cargo-fuzz binaries in
//! `fuzz/fuzz_targets/` and the regression test `tests/fuzz_regressions.rs`, so the
//! corpus replayed by `cargo test` runs exactly the fuzzed code.
//!
//! Each function takes arbitrary bytes, drives the public `hearth` API the way the
//! `hearth` program does, and panics only when an invariant breaks:
//!
//! - nothing panics, hangs or allocates without bound on any input (the fuzzer's own
//!   checks, with `-timeout` and `-rss_limit_mb`);
//! - checking is deterministic: the same document checked twice gives the same JSON
//!   report, and an NDJSON batch gives the same report in any record order;
//! - every finding's path is empty or a JSON Pointer into the document whose array
//!   indexes are all in range (a rule may name a missing field), and it is located at
//!   a line and column;
//! - the report round-trips through JSON, and its size is bounded by the input's;
//! - no report or error message repeats a personal value, free text or a waiver's
//!   reason from the input (long values with a space only; one that the output holds
//!   counts when changing its letters in the input changes the output, so the
//!   output's own words, which the fuzzer learns and copies into inputs, do not).

// Each fuzz binary uses one entry point of this file.
#![allow(dead_code)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use hearth::batch::{CheckReport, Checked, Document, Problem};
use hearth::{parse_extension, Catalog};

use hearth::{CaseFile, Input, Policy, Validator};
use serde_json::Value;

/// The name every fuzzed document is reported under.
const FILE: &str = "fuzz.json";

/// The example case files the policy and catalog targets check, with the date each was
/// exported (as in examples/data/hearth.toml) and its built-in policy.
const EXAMPLES: &[(&str, &str, &str)] = &[
    (
        "icms-high",
        "2026-02-20",
        include_str!("../examples/data/cases/icms-high-billing.json"),
    ),
    (
        "icms-low",
        "2026-04-17",
        include_str!("../examples/data/cases/icms-low-billing.json"),
    ),
    (
        "icm-rrh",
        "2026-10-22",
        include_str!("../examples/data/cases/icm-rrh.json"),
    ),
    (
        "rrh",
        "2026-06-26",
        include_str!("../examples/data/cases/rrh.json"),
    ),
    (
        "stl-coc",
        "2026-01-19",
        include_str!("../examples/data/cases/stl-coc.json"),
    ),
    (
        "ct-psh",
        "2026-11-09",
        include_str!("../examples/data/cases/ct-psh.json"),
    ),
];

/// Keys whose string values are personal data or free text (`Personal<T>` in the model).
const PRIVATE_KEYS: &[&str] = &[
    "personal",
    "name",
    "preferred_name",
    "address",
    "phone",
    "email",
    "note",
    "description",
    "breach_terms",
    "statement",
    "measure",
    "strengths",
    "participant_words",
    "summary",
    "details",
    "housing_risk",
    "option",
    "factors_for",
    "factors_against",
    "landlord_non_negotiables",
    "tenant_non_negotiables",
];

/// `case_file`: bytes → UTF-8 → [`hearth::parse_input`] → checked like `hearth check`
/// does (its program's built-in policy, as of a date) and under every built-in policy.
pub fn case_file(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = as_of_for(data.len());
    match hearth::parse_input(text) {
        Err(error) => {
            let report = CheckReport::new(as_of, vec![Document::new(FILE, text).invalid(&error)]);
            assert_eq!(report.summary.invalid, 1);
            let json = round_trip(&report);
            check_unreadable(&report, text, None);
            assert_private(&json, &string_literals(text), text, &|t| {
                let checked = match hearth::parse_input(t) {
                    Ok(_) => return String::new(),
                    Err(error) => Document::new(FILE, t).invalid(&error),
                };
                serde_json::to_string(&CheckReport::new(as_of, vec![checked])).unwrap_or_default()
            });
        }
        Ok(Input::CatalogExtension(ext)) => {
            // Applying an extension is all or nothing, and never panics.
            let _ = Catalog::builtin().with_extension(*ext);
        }
        Ok(input) => {
            let value: Value = serde_json::from_str(text).expect("hearth read it, so it is JSON");
            let private = private_strings(&value);
            let mut policies: Vec<&str> = Policy::builtin_names();
            if let Some(own) = input.builtin_policy() {
                policies.retain(|p| *p != own);
                policies.insert(0, own);
            }
            for (i, name) in policies.into_iter().enumerate() {
                let policy = Policy::builtin(name).expect("built-in policies load");
                // The document's own policy as of the chosen date; the others as of a
                // fixed one.
                let as_of = if i == 0 { as_of } else { fixed_date() };
                let validator = Validator::new(&policy);
                let first = Document::new(FILE, text).check_parsed(&input, &validator, as_of);
                let again = Document::new(FILE, text).check(&policy, as_of);
                let first = CheckReport::new(as_of, vec![first]);
                let again = CheckReport::new(as_of, vec![again]);
                let json = round_trip(&first);
                assert_eq!(json, round_trip(&again), "checking twice differs");
                check_paths(&first, &value, text);
                assert_bounded(&first, text);
                assert_private(&json, &private, text, &|t| {
                    let again = Document::new(FILE, t).check(&policy, as_of);
                    serde_json::to_string(&CheckReport::new(as_of, vec![again])).unwrap_or_default()
                });
            }
        }
    }
}

/// `ndjson_batch`: bytes → UTF-8 → lines, each non-blank line a record checked like
/// `hearth check` checks an NDJSON file → one [`CheckReport`]; the records in reverse
/// order give the same report.
pub fn ndjson_batch(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let as_of = fixed_date();
    let records: Vec<(u32, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (u32::try_from(i + 1).unwrap_or(u32::MAX), line))
        .collect();
    let mut policies: Vec<(&'static str, Policy)> = Vec::new();
    let check = |order: &mut dyn Iterator<Item = &(u32, &str)>,
                 policies: &mut Vec<(&'static str, Policy)>| {
        let checked: Vec<Checked> = order
            .map(|(line, record)| {
                check_like_cli(Document::record(FILE, record, *line), policies, as_of)
            })
            .collect();
        CheckReport::new(as_of, checked)
    };
    let forward = check(&mut records.iter(), &mut policies);
    let backward = check(&mut records.iter().rev(), &mut policies);
    assert_eq!(forward.summary.documents, records.len());
    let json = round_trip(&forward);
    assert_eq!(
        json,
        round_trip(&backward),
        "record order changes the report"
    );
    for (line, record) in &records {
        // Each record's findings stand on its own line of the file.
        let in_record = forward
            .findings
            .iter()
            .filter(|f| f.record == Some(*line))
            .collect::<Vec<_>>();
        for f in &in_record {
            assert!(
                f.line.is_none() || f.line == Some(*line),
                "a finding of the record on line {line} is placed on line {:?}",
                f.line
            );
        }
        if let Ok(value) = serde_json::from_str::<Value>(record) {
            for f in &in_record {
                if f.finding.code != hearth::batch::INVALID_DOCUMENT {
                    assert_pointer_fits(&f.finding.path, &value);
                }
            }
            let own = serde_json::to_string(&in_record).expect("findings serialize");
            assert_private(&own, &private_strings(&value), record, &|t| {
                let checked =
                    check_like_cli(Document::record(FILE, t, *line), &mut Vec::new(), as_of);
                let report = CheckReport::new(as_of, vec![checked]);
                serde_json::to_string(&report.findings).unwrap_or_default()
            });
        }
    }
}

/// `policy_toml`: text → [`Policy::from_toml`] → if it loads, the example case file of
/// its program checked with it as of the example's date and as of each version's start.
pub fn policy_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let policy = match Policy::from_toml(text) {
        Ok(policy) => policy,
        Err(error) => {
            let message = error.to_string();
            assert!(!message.is_empty());
            return;
        }
    };
    let _ = policy.current();
    let example = policy
        .program()
        .and_then(|model| {
            examples()
                .iter()
                .find(|e| e.policy == hearth::input::builtin_policy(model, None))
        })
        .or_else(|| examples().first())
        .expect("examples parse");
    let mut dates = vec![example.as_of];
    dates.extend(
        policy
            .versions()
            .iter()
            .filter_map(|v| v.effective_from)
            .take(3),
    );
    // The waivers' reasons are for people reading the policy: never in a report.
    let reasons: Vec<String> = policy
        .waivers()
        .iter()
        .map(|w| w.reason.clone())
        .filter(|r| is_distinctive(r))
        .collect();
    let validator = Validator::new(&policy);
    for as_of in dates {
        let first = validator.validate(&example.case, as_of);
        let again = validator.validate(&example.case, as_of);
        let json = serde_json::to_string(&first).expect("a report serializes");
        assert_eq!(
            json,
            serde_json::to_string(&again).expect("a report serializes"),
            "checking twice differs"
        );
        for f in &first.findings {
            assert_pointer_fits(&f.path, &example.value);
        }
        assert_private(&json, &reasons, text, &|t| {
            Policy::from_toml(t)
                .ok()
                .and_then(|p| {
                    serde_json::to_string(&Validator::new(&p).validate(&example.case, as_of)).ok()
                })
                .unwrap_or_default()
        });
    }
}

/// `catalog_extension`: text → [`parse_extension`] → the built-in catalog extended with
/// it → if that succeeds, an example case file checked with that catalog.
pub fn catalog_extension(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let ext = match parse_extension(text) {
        Ok(ext) => ext,
        Err(error) => {
            assert!(!error.to_string().is_empty());
            assert_private(&error.to_string(), &string_literals(text), text, &|t| {
                parse_extension(t)
                    .err()
                    .map(|e| e.to_string())
                    .unwrap_or_default()
            });
            return;
        }
    };
    // hearth check reads it the same way when it has the key `agency` and no key of
    // another document.
    if let Ok(Input::CatalogExtension(read)) = hearth::parse_input(text) {
        assert_eq!(*read, ext, "parse_input and parse_extension differ");
    }
    let builtin = Catalog::builtin();
    let mut attempt = builtin.clone();
    match attempt.extend(ext.clone()) {
        Err(error) => {
            assert_eq!(attempt, builtin, "a failed extension changed the catalog");
            assert!(!error.to_string().is_empty());
        }
        Ok(()) => {
            // Every id it adds is now taken: the same extension again must fail (or add
            // nothing), and leave the catalog as it was.
            let mut twice = attempt.clone();
            if twice.extend(ext).is_err() {
                assert_eq!(twice, attempt, "a failed extension changed the catalog");
            }
            let example = examples()
                .iter()
                .find(|e| e.policy == "stl-coc")
                .expect("examples parse");
            let policy = Policy::builtin(example.policy).expect("built-in policies load");
            let validator = Validator::new(&policy).with_catalog(&attempt);
            let first = validator.validate(&example.case, example.as_of);
            let again = validator.validate(&example.case, example.as_of);
            assert_eq!(first, again, "checking twice differs");
            for f in &first.findings {
                assert_pointer_fits(&f.path, &example.value);
            }
        }
    }
}

/// An example case file, parsed once.
struct Example {
    policy: &'static str,
    as_of: NaiveDate,
    case: CaseFile,
    value: Value,
}

fn examples() -> &'static [Example] {
    static EXAMPLES_PARSED: OnceLock<Vec<Example>> = OnceLock::new();
    EXAMPLES_PARSED.get_or_init(|| {
        EXAMPLES
            .iter()
            .map(|(policy, as_of, text)| Example {
                policy,
                as_of: as_of.parse().expect("a date"),
                case: hearth::parse_case_file(text).expect("the examples parse"),
                value: serde_json::from_str(text).expect("the examples are JSON"),
            })
            .collect()
    })
}

fn fixed_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 6, 30).expect("a date")
}

/// The evaluation date for a case file: mostly a fixed date, and chrono's first and last
/// days for some lengths of input, since `hearth check --as-of` takes any date.
fn as_of_for(len: usize) -> NaiveDate {
    match len % 8 {
        0 => NaiveDate::MIN,
        1 => NaiveDate::MAX,
        _ => fixed_date(),
    }
}

/// Checks one document the way `hearth check` does (crates/hearth-cli/src/check_cmd.rs):
/// the built-in policy of its program, a catalog extension read but not checked, no
/// policy for a case file without enrollments.
fn check_like_cli(
    doc: Document<'_>,
    policies: &mut Vec<(&'static str, Policy)>,
    as_of: NaiveDate,
) -> Checked {
    let input = match hearth::parse_input(doc.text) {
        Ok(input) => input,
        Err(error) => return doc.invalid(&error),
    };
    if matches!(input, Input::CatalogExtension(_)) {
        return doc.extension();
    }
    let Some(name) = input.builtin_policy() else {
        return doc.unreadable(Problem::new(
            Some(doc.record.unwrap_or(1)),
            Some(1),
            "/enrollments",
            "no policy",
        ));
    };
    if !policies.iter().any(|(n, _)| *n == name) {
        policies.push((name, Policy::builtin(name).expect("built-in policies load")));
    }
    let policy = &policies
        .iter()
        .find(|(n, _)| *n == name)
        .expect("just added")
        .1;
    doc.check_parsed(&input, &Validator::new(policy), as_of)
}

/// Serializes the report, reads it back, and checks it is unchanged.
fn round_trip(report: &CheckReport) -> String {
    let json = serde_json::to_string(report).expect("a report serializes");
    let back: CheckReport = serde_json::from_str(&json).expect("a report reads back");
    assert_eq!(&back, report, "the report does not round-trip through JSON");
    json
}

/// Output grows with the input, not with the span of its dates: at most 100 findings
/// and obligations per byte (a month-by-month rule walks at most 3,612 months, 1900 to
/// 2200, for one enrollment record of a few dozen bytes). A walk to chrono's last day
/// gave millions.
fn assert_bounded(report: &CheckReport, text: &str) {
    let items = report.findings.len() + report.obligations.len();
    let limit = text.len().saturating_add(1).saturating_mul(100);
    assert!(
        items <= limit,
        "{items} findings and obligations for {} bytes of input",
        text.len()
    );
}

/// Every finding of a checked document: a path present in it, located at a line and
/// column in the text.
fn check_paths(report: &CheckReport, value: &Value, text: &str) {
    let lines = line_count(text);
    for f in &report.findings {
        if f.finding.code == hearth::batch::INVALID_DOCUMENT {
            continue;
        }
        assert_pointer_fits(&f.finding.path, value);
        let (Some(line), Some(column)) = (f.line, f.column) else {
            panic!("finding at {:?} is not located", f.finding.path);
        };
        assert!(
            line >= 1 && line <= lines && column >= 1,
            "finding at {:?} located at {line}:{column}, outside the text",
            f.finding.path
        );
    }
    for o in &report.obligations {
        assert_pointer_fits(&o.obligation.path, value);
    }
}

/// An unreadable document's one finding is located inside the text.
fn check_unreadable(report: &CheckReport, text: &str, record: Option<u32>) {
    let lines = line_count(text);
    let finding = report
        .findings
        .first()
        .expect("an unreadable document has a finding");
    assert_eq!(finding.finding.code, hearth::batch::INVALID_DOCUMENT);
    if let Some(line) = finding.line {
        let first = record.unwrap_or(1);
        assert!(
            line >= first && line < first.saturating_add(lines),
            "the parse error is placed on line {line}, outside the text"
        );
    }
    assert!(finding.finding.path.is_empty() || finding.finding.path.starts_with('/'));
}

fn line_count(text: &str) -> u32 {
    let breaks = text.bytes().filter(|b| *b == b'\n').count();
    u32::try_from(breaks).unwrap_or(u32::MAX).saturating_add(1)
}

/// `path` is empty or an RFC 6901 JSON Pointer into `value`: every array index it
/// passes is in range; a missing object key ends the walk (rules point at missing
/// fields, including below an object that the model defaults when absent).
fn assert_pointer_fits(path: &str, value: &Value) {
    assert!(
        path.is_empty() || path.starts_with('/'),
        "path {path:?} is not a JSON Pointer"
    );
    let mut chars = path.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            assert!(
                matches!(chars.next(), Some('0' | '1')),
                "path {path:?} has a bad ~ escape"
            );
        }
    }
    // A rule may point at a field that is missing (a check it could not make), even
    // below a missing object that the model defaults (an absent `intake`); but an
    // array index must be one that is there, and nothing is below a number or string.
    let mut at = Some(value);
    for token in path.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        at = match at {
            None => None,
            Some(Value::Null) => None,
            Some(Value::Object(map)) => map.get(&token),
            Some(Value::Array(items)) => {
                let item = token.parse::<usize>().ok().and_then(|i| items.get(i));
                assert!(
                    item.is_some(),
                    "path {path:?}: no item {token:?} in an array of {}",
                    items.len()
                );
                item
            }
            Some(_) => panic!("path {path:?} goes below a value that is not an object"),
        };
    }
}

/// Whether a value is long and specific enough that finding it in a message cannot be
/// chance: at least 10 characters with a space or other white space.
fn is_distinctive(s: &str) -> bool {
    s.trim().chars().count() >= 10 && s.trim().chars().any(char::is_whitespace)
}

/// The distinctive string values under the keys of personal data and free text, less
/// any that another, printable, value (an id, a code, a key) contains: the report may
/// name those.
fn private_strings(value: &Value) -> Vec<String> {
    fn walk(value: &Value, private: bool, secret: &mut Vec<String>, public: &mut Vec<String>) {
        match value {
            Value::String(s) => {
                if !private {
                    public.push(s.clone());
                } else if is_distinctive(s) {
                    secret.push(s.trim().to_owned());
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, private, secret, public)),
            Value::Object(map) => {
                for (k, v) in map {
                    public.push(k.clone());
                    walk(
                        v,
                        private || PRIVATE_KEYS.contains(&k.as_str()),
                        secret,
                        public,
                    );
                }
            }
            _ => {}
        }
    }
    let mut secret = Vec::new();
    let mut public = Vec::new();
    walk(value, false, &mut secret, &mut public);
    secret.retain(|s| !public.iter().any(|p| p.contains(s.as_str())));
    secret
}

/// The distinctive contents of the string literals in `text`, JSON or not (for a
/// document that does not parse, any of them could be personal).
fn string_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut escaped = false;
    for c in text.chars() {
        match current.as_mut() {
            None if c == '"' => current = Some(String::new()),
            None => {}
            Some(s) if escaped => {
                escaped = false;
                s.push(c);
            }
            Some(_) if c == '\\' => escaped = true,
            Some(s) if c == '"' => {
                if is_distinctive(s) && !s.contains('\\') {
                    out.push(s.trim().to_owned());
                }
                current = None;
            }
            Some(s) => s.push(c),
        }
    }
    out
}

/// `output` repeats none of `private`, values found in `text`. A value that `output`
/// contains may be the output's own words (the fuzzer learns them from this very
/// check and writes them into the input), so it counts only if it is echoed: `again`
/// run on `text` with the value's letters shifted (`a`→`b`, …) no longer prints it.
fn assert_private(output: &str, private: &[String], text: &str, again: &dyn Fn(&str) -> String) {
    for value in private {
        // As JSON would escape it, and as it stands.
        let escaped = serde_json::to_string(value).expect("a string serializes");
        let inner = escaped.trim_matches('"');
        if !output.contains(value.as_str()) && !output.contains(inner) {
            continue;
        }
        let shifted: String = value.chars().map(shift_letter).collect();
        let changed = text.replace(value.as_str(), &shifted);
        let rerun = again(&changed);
        assert!(
            rerun.contains(value.as_str()) || rerun.contains(inner),
            "the output repeats a personal or free-text value of {} characters",
            value.chars().count()
        );
    }
}

/// The next ASCII letter (`z`→`a`, `Z`→`A`); any other character unchanged.
fn shift_letter(c: char) -> char {
    match c {
        'a'..='y' | 'A'..='Y' => char::from(u8::try_from(c).unwrap_or(b'a') + 1),
        'z' => 'a',
        'Z' => 'A',
        _ => c,
    }
}
