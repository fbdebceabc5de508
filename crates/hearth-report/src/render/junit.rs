//! JUnit XML, for the test view of any CI (GitLab, Jenkins, Azure Pipelines, CircleCI…).
//!
//! One `<testsuite>` per file, named by the file, in the report's file order. Each
//! finding is one `<testcase>`, its `classname` the rule's kebab-case name and its
//! `name` the code, the file (with `:record` for an NDJSON record) and the JSON Pointer,
//! e.g. `PLAN005 examples/data/cases/stl-coc.json /enrollments/0/care_plan/reviews/3`.
//! Names are unique in the whole report: a second finding with the same code, file and
//! path gets ` #2`, and so on. A document with no findings is one passing testcase
//! (`classname` `hearth`, `name` the file), so a clean run still lists what it checked.
//!
//! | finding | element |
//! | --- | --- |
//! | violation, any severity | `<failure message="…" type="CODE">` |
//! | a document that could not be read (`INPUT001`) | `<error message="…" type="INPUT001">` |
//! | waived | `<skipped message="waived by W-…" type="CODE">` |
//! | not evaluated | `<skipped message="not evaluated: …" type="CODE">` |
//!
//! A check that could not be made is reported as skipped, JUnit's word for "did not
//! run", rather than as a failure: the standard was not found broken. An unreadable
//! document is an `<error>` (the test could not run), not a `<failure>`. The severity is
//! in each body, with the location (`file:line:column-line:column`), message, path,
//! participant, requirements and help. There are no timestamps or durations.
//!
//! The XML is written by `quick-junit` (the crate cargo-nextest uses), which escapes
//! attribute values and text and drops characters XML 1.0 cannot hold. Its counts come
//! first, so the JUnit sink keeps the findings (not the obligations, which JUnit does
//! not show) and the names of clean documents until the end of the run.

use std::collections::{BTreeSet, HashSet};
use std::io::{self, Write};

use crate::batch::{CheckReport, CheckSummary, DocumentResult, LocatedFinding, INVALID_DOCUMENT};
use chrono::NaiveDate;
use hearth_rules::FindingKind;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// Writes `report` as a JUnit XML document.
pub fn write(report: &CheckReport, out: &mut dyn Write) -> io::Result<()> {
    to_junit(report)
        .serialize(&mut *out)
        .map_err(io::Error::other)
}

/// The JUnit format as a [`super::Sink`]: keeps the findings and the clean documents'
/// entries, and writes the XML at the end.
#[derive(Default)]
pub struct JunitSink {
    kept: Option<CheckReport>,
}

impl super::Sink for JunitSink {
    fn document(
        &mut self,
        doc: &DocumentResult,
        _text: Option<&str>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let kept = self.kept.get_or_insert_with(|| CheckReport {
            schema_version: String::new(),
            as_of: NaiveDate::MIN,
            summary: CheckSummary::default(),
            files: Vec::new(),
            findings: Vec::new(),
            obligations: Vec::new(),
        });
        kept.files.push(doc.entry.clone());
        kept.findings.extend(doc.findings.iter().cloned());
        Ok(())
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut kept = self
            .kept
            .take()
            .unwrap_or_else(|| CheckReport::new(as_of, Vec::new()));
        kept.as_of = as_of;
        kept.summary = summary.clone();
        write(&kept, out)
    }
}

/// The JUnit report of `report`.
pub fn to_junit(report: &CheckReport) -> Report {
    let mut junit = Report::new("hearth");
    let mut names = UniqueNames::default();
    // Every file, once, in the report's order (by file); a finding whose file has no
    // entry (a hand-built report) still gets its suite.
    let files: BTreeSet<&str> = report
        .files
        .iter()
        .map(|f| f.file.as_str())
        .chain(report.findings.iter().map(|f| f.file.as_str()))
        .collect();
    for file in files {
        let mut suite = TestSuite::new(file);
        for entry in report.files.iter().filter(|e| e.file == file) {
            if entry.findings == 0 {
                let name = match entry.record {
                    Some(record) => format!("{file}:{record}"),
                    None => file.to_owned(),
                };
                let mut case = TestCase::new(names.claim(name), TestCaseStatus::success());
                case.set_classname("hearth");
                suite.add_test_case(case);
            }
        }
        for finding in report.findings.iter().filter(|f| f.file == file) {
            suite.add_test_case(test_case(finding, &mut names));
        }
        junit.add_test_suite(suite);
    }
    junit
}

/// Testcase names handed out so far: each name once.
#[derive(Default)]
struct UniqueNames {
    used: HashSet<String>,
}

impl UniqueNames {
    /// `base` if it is free, else `base #2`, `base #3`… (the first free one).
    fn claim(&mut self, base: String) -> String {
        if !self.used.contains(&base) {
            self.used.insert(base.clone());
            return base;
        }
        let mut n = 2u64;
        loop {
            let name = format!("{base} #{n}");
            if !self.used.contains(&name) {
                self.used.insert(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

/// The testcase of one finding.
fn test_case(f: &LocatedFinding, names: &mut UniqueNames) -> TestCase {
    let mut base = format!("{} {}", f.finding.code, f.file);
    if let Some(record) = f.record {
        base.push_str(&format!(":{record}"));
    }
    if !f.finding.path.is_empty() {
        base.push(' ');
        base.push_str(&f.finding.path);
    }
    let mut status = if let Some(waiver) = &f.finding.waiver {
        let mut s = TestCaseStatus::skipped();
        s.set_message(format!("waived by {waiver}"));
        s
    } else if f.finding.kind == FindingKind::NotEvaluated {
        let mut s = TestCaseStatus::skipped();
        s.set_message(format!("not evaluated: {}", f.finding.message));
        s
    } else {
        let kind = if f.finding.code == INVALID_DOCUMENT {
            NonSuccessKind::Error
        } else {
            NonSuccessKind::Failure
        };
        let mut s = TestCaseStatus::non_success(kind);
        s.set_message(f.finding.message.as_str());
        s
    };
    status.set_type(f.finding.code.as_str());
    status.set_description(body(f));
    let mut case = TestCase::new(names.claim(base), status);
    case.set_classname(f.finding.rule.as_str());
    case
}

/// The text of a finding's failure or skip: location, rule, message and what to do.
fn body(f: &LocatedFinding) -> String {
    let mut text = location(f);
    let kind = match f.finding.kind {
        FindingKind::Violation => "violation",
        FindingKind::NotEvaluated => "not evaluated",
    };
    text.push_str(&format!(
        "\n{} {} ({}, {kind})",
        f.finding.code,
        f.finding.rule,
        f.finding.severity.as_str()
    ));
    text.push_str(&format!("\n{}", f.finding.message));
    text.push_str(&format!("\npath: {}", f.finding.path));
    if let Some(p) = &f.finding.participant_id {
        text.push_str(&format!("\nparticipant: {p}"));
    }
    if !f.finding.requirements.is_empty() {
        text.push_str(&format!(
            "\nrequirements: {}",
            f.finding.requirements.join(", ")
        ));
    }
    if let Some(w) = &f.finding.waiver {
        text.push_str(&format!("\nwaiver: {w}"));
    }
    text.push_str(&format!("\nhelp: {}", f.finding.help));
    text
}

/// `file[:line[:column][-end_line:end_column]]`, as far as the finding is located.
fn location(f: &LocatedFinding) -> String {
    let mut text = f.file.clone();
    if let Some(line) = f.line {
        text.push_str(&format!(":{line}"));
        if let Some(column) = f.column {
            text.push_str(&format!(":{column}"));
        }
        if let (Some(l), Some(c)) = (f.end_line, f.end_column) {
            text.push_str(&format!("-{l}:{c}"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;
    use quick_xml::events::Event;
    use quick_xml::Reader;
    use std::collections::BTreeMap;

    fn xml(report: &CheckReport) -> String {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// A testcase as read back from the XML.
    #[derive(Debug, Default)]
    struct Case {
        name: String,
        classname: String,
        outcome: Option<String>,
        message: Option<String>,
        ty: Option<String>,
        body: String,
    }

    /// Parses the XML strictly (well-formed, matched tags) into suites of testcases,
    /// with each suite's count attributes, and the root's.
    #[allow(clippy::type_complexity)]
    fn parse(
        text: &str,
    ) -> (
        BTreeMap<String, String>,
        Vec<(BTreeMap<String, String>, Vec<Case>)>,
    ) {
        let mut reader = Reader::from_str(text);
        reader.config_mut().check_end_names = true;
        let attrs = |e: &quick_xml::events::BytesStart<'_>| -> BTreeMap<String, String> {
            e.attributes()
                .map(|a| {
                    let a = a.unwrap();
                    (
                        String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .unwrap()
                            .into_owned(),
                    )
                })
                .collect()
        };
        let mut root = BTreeMap::new();
        let mut suites: Vec<(BTreeMap<String, String>, Vec<Case>)> = Vec::new();
        let mut depth = 0;
        // Inside a failure, error or skipped element: its text is the body.
        let mut in_outcome = false;
        loop {
            let event = reader.read_event().unwrap();
            let (start, empty) = match &event {
                Event::Start(e) => (Some(e.clone()), false),
                Event::Empty(e) => (Some(e.clone()), true),
                _ => (None, false),
            };
            if let Some(e) = start {
                let a = attrs(&e);
                match e.name().as_ref() {
                    b"testsuites" => root = a,
                    b"testsuite" => suites.push((a, Vec::new())),
                    b"testcase" => suites.last_mut().unwrap().1.push(Case {
                        name: a["name"].clone(),
                        classname: a["classname"].clone(),
                        ..Case::default()
                    }),
                    tag @ (b"failure" | b"error" | b"skipped") => {
                        let case = suites.last_mut().unwrap().1.last_mut().unwrap();
                        assert!(case.outcome.is_none(), "one outcome per testcase");
                        case.outcome = Some(String::from_utf8(tag.to_vec()).unwrap());
                        case.message = a.get("message").cloned();
                        case.ty = a.get("type").cloned();
                        in_outcome = !empty;
                    }
                    other => panic!("unexpected element {}", String::from_utf8_lossy(other)),
                }
                if !empty {
                    depth += 1;
                }
            }
            match event {
                Event::Text(t) if in_outcome => {
                    let case = suites.last_mut().unwrap().1.last_mut().unwrap();
                    case.body.push_str(&t.decode().unwrap());
                }
                Event::GeneralRef(r) => {
                    assert!(in_outcome, "an entity outside a body");
                    let case = suites.last_mut().unwrap().1.last_mut().unwrap();
                    let name = r.decode().unwrap();
                    case.body.push_str(match name.as_ref() {
                        "lt" => "<",
                        "gt" => ">",
                        "amp" => "&",
                        "quot" => "\"",
                        "apos" => "'",
                        other => panic!("unknown entity {other}"),
                    });
                }
                Event::End(_) => {
                    in_outcome = false;
                    depth -= 1;
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0, "every element closed");
        (root, suites)
    }

    #[test]
    fn suites_cases_and_counts() {
        let report = fixture::report();
        let (root, suites) = parse(&xml(&report));
        let names: Vec<&str> = suites.iter().map(|s| s.0["name"].as_str()).collect();
        assert_eq!(
            names,
            [
                "broken.json",
                "clean.json",
                "examples/data/cases/stl-coc.json"
            ]
        );
        assert_eq!(root["tests"], "6");
        assert_eq!(root["failures"], "2");
        assert_eq!(root["errors"], "1");
        assert_eq!(root["skipped"], "2");
        for (attrs, cases) in &suites {
            let count = |o: &str| {
                cases
                    .iter()
                    .filter(|c| c.outcome.as_deref() == Some(o))
                    .count()
            };
            assert_eq!(attrs["tests"], cases.len().to_string());
            assert_eq!(attrs["failures"], count("failure").to_string());
            assert_eq!(attrs["errors"], count("error").to_string());
            assert_eq!(attrs["skipped"], count("skipped").to_string());
        }
        let clean = &suites[1].1;
        assert_eq!(clean.len(), 1);
        assert_eq!(clean[0].name, "clean.json");
        assert_eq!(clean[0].outcome, None);

        let stl = &suites[2].1;
        let by_code = |code: &str| stl.iter().find(|c| c.ty.as_deref() == Some(code)).unwrap();
        let plan = by_code("PLAN002");
        assert_eq!(plan.outcome.as_deref(), Some("failure"));
        assert_eq!(plan.classname, "goal-not-smart");
        assert_eq!(
            plan.name,
            "PLAN002 examples/data/cases/stl-coc.json /enrollments/0/care_plan/goals/1"
        );
        assert!(
            plan.body
                .starts_with("examples/data/cases/stl-coc.json:360:11-384:12\n"),
            "{}",
            plan.body
        );
        assert!(
            plan.body.contains("requirements: R-PLAN-2"),
            "{}",
            plan.body
        );
        assert!(
            plan.body.contains("participant: STL-2025-0611"),
            "{}",
            plan.body
        );
        let waived = by_code("PLAN005");
        assert_eq!(waived.outcome.as_deref(), Some("skipped"));
        assert_eq!(waived.message.as_deref(), Some("waived by W-TEST-1"));
        let term = by_code("TERM003");
        assert_eq!(term.outcome.as_deref(), Some("skipped"));
        assert!(term
            .message
            .as_deref()
            .unwrap()
            .starts_with("not evaluated: "));
        let broken = &suites[0].1[0];
        assert_eq!(broken.outcome.as_deref(), Some("error"));
        assert_eq!(broken.ty.as_deref(), Some("INPUT001"));
    }

    #[test]
    fn names_are_unique_even_for_the_same_code_and_path() {
        let mut report = fixture::report();
        let twin = report.findings[1].clone();
        report.findings.insert(2, twin.clone());
        report.findings.insert(3, twin);
        let (_, suites) = parse(&xml(&report));
        let names: Vec<&str> = suites
            .iter()
            .flat_map(|s| s.1.iter().map(|c| c.name.as_str()))
            .collect();
        let unique: HashSet<&str> = names.iter().copied().collect();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        let base = "PLAN002 examples/data/cases/stl-coc.json /enrollments/0/care_plan/goals/1";
        for name in [base.to_owned(), format!("{base} #2"), format!("{base} #3")] {
            assert!(unique.contains(name.as_str()), "{name} in {names:?}");
        }
    }

    #[test]
    fn markup_in_messages_is_escaped() {
        let mut report = fixture::report();
        let nasty = "a <b> & \"c\" 'd' ]]> </failure> \u{1}e";
        report.findings[1].finding.message = nasty.to_owned();
        report.findings[1].finding.path = "/x&<y>".to_owned();
        let text = xml(&report);
        assert!(!text.contains("<b>"), "{text}");
        let (_, suites) = parse(&text);
        let case = suites[2]
            .1
            .iter()
            .find(|c| c.ty.as_deref() == Some("PLAN002"))
            .unwrap();
        // Control characters cannot be written in XML 1.0: dropped.
        let shown = nasty.replace('\u{1}', "");
        assert_eq!(case.message.as_deref(), Some(shown.as_str()));
        assert!(case.body.contains(&shown), "{}", case.body);
        assert!(case.name.ends_with(" /x&<y>"), "{}", case.name);
    }

    #[test]
    fn malformed_xml_is_caught_by_the_parser() {
        let text = xml(&fixture::report()).replacen("</testsuite>", "", 1);
        let caught = std::panic::catch_unwind(|| parse(&text));
        assert!(caught.is_err(), "a missing end tag must fail the parse");
    }

    #[test]
    fn a_finding_without_a_file_entry_still_gets_a_suite() {
        let mut report = fixture::report();
        report.files.retain(|f| f.file != "broken.json");
        let (_, suites) = parse(&xml(&report));
        assert_eq!(suites[0].0["name"], "broken.json");
        assert_eq!(suites[0].1.len(), 1);
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        assert_eq!(xml(&fixture::report()), xml(&fixture::report()));
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(xml(&fixture::report()));
    }
}
