//! GitHub Actions workflow commands: one annotation per finding, shown on the pull
//! request's changed lines and in the run's summary.
//!
//! ```text
//! ::error file=cases/a.json,line=360,col=11,endLine=384,endColumn=12,title=PLAN002 goal-not-smart::goal G2 is missing: target_date (/enrollments/0/care_plan/goals/1, P-1; R-PLAN-2)
//! ```
//!
//! | finding | command |
//! | --- | --- |
//! | violation, severity error | `::error` |
//! | violation, severity warning; not evaluated (any severity) | `::warning` |
//! | violation, severity info; waived (any severity) | `::notice` |
//!
//! A waived finding's message starts `waived by W-…: `, a not-evaluated one's `not
//! evaluated: `. `line`, `col`, `endLine` and `endColumn` are given only when the report
//! has them. Values are escaped as the runner expects: in the message `%`, CR and LF
//! become `%25`, `%0D` and `%0A`; in property values `:` and `,` also become `%3A` and
//! `%2C`, so no finding can end a command early or start another. The last line is a
//! plain-text summary of the counts (not a command).

use std::io::{self, Write};

use crate::batch::{CheckSummary, DocumentResult, LocatedFinding};
use chrono::NaiveDate;
use hearth_rules::{FindingKind, Severity};

use super::Sink;

/// Writes one workflow command per finding of `report`, then a summary line.
#[cfg(test)]
pub fn write(report: &crate::batch::CheckReport, out: &mut dyn Write) -> io::Result<()> {
    super::feed(&mut GithubSink, report, out)
}

/// The GitHub format as a [`Sink`]: each document's commands as it arrives.
pub struct GithubSink;

impl Sink for GithubSink {
    fn document(
        &mut self,
        doc: &DocumentResult,
        _text: Option<&str>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        for finding in &doc.findings {
            writeln!(out, "{}", command(finding))?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        writeln!(out, "{}", summary_line(as_of, summary))
    }
}

/// The workflow command of one finding, without the line end.
fn command(f: &LocatedFinding) -> String {
    let name = if f.is_waived() {
        "notice"
    } else {
        match (f.finding.kind, f.finding.severity) {
            (FindingKind::NotEvaluated, _) | (FindingKind::Violation, Severity::Warning) => {
                "warning"
            }
            (FindingKind::Violation, Severity::Error) => "error",
            (FindingKind::Violation, Severity::Info) => "notice",
        }
    };
    let mut properties = vec![format!("file={}", escape_property(&f.file))];
    let numbers = [
        ("line", f.line),
        ("col", f.column),
        ("endLine", f.end_line),
        ("endColumn", f.end_column),
    ];
    // A column or end means nothing without the line it is on.
    if f.line.is_some() {
        for (key, value) in numbers {
            if let Some(value) = value {
                properties.push(format!("{key}={value}"));
            }
        }
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("{} {}", f.finding.code, f.finding.rule))
    ));
    format!(
        "::{name} {}::{}",
        properties.join(","),
        escape_data(&message(f))
    )
}

/// The annotation's text: the finding's message, then where and what it enforces.
fn message(f: &LocatedFinding) -> String {
    let mut text = String::new();
    if let Some(waiver) = &f.finding.waiver {
        text.push_str(&format!("waived by {waiver}: "));
    } else if f.finding.kind == FindingKind::NotEvaluated {
        text.push_str("not evaluated: ");
    }
    text.push_str(&f.finding.message);
    let mut context: Vec<&str> = Vec::new();
    if !f.finding.path.is_empty() {
        context.push(&f.finding.path);
    }
    if let Some(p) = &f.finding.participant_id {
        context.push(p.as_str());
    }
    let mut tail = context.join(", ");
    if !f.finding.requirements.is_empty() {
        if !tail.is_empty() {
            tail.push_str("; ");
        }
        tail.push_str(&f.finding.requirements.join(", "));
    }
    if !tail.is_empty() {
        text.push_str(&format!(" ({tail})"));
    }
    text
}

/// The last line: the run's counts, as plain text.
fn summary_line(as_of: NaiveDate, summary: &CheckSummary) -> String {
    let (documents, invalid) = (summary.documents, summary.invalid);
    let s = &summary.totals;
    format!(
        "hearth: {} document{} ({} unreadable), {} participant{}, as of {}: {} error{}, {} warning{}, {} info, {} waived, {} not evaluated",
        documents,
        plural(documents),
        invalid,
        s.participants,
        plural(s.participants),
        as_of,
        s.errors,
        plural(s.errors),
        s.warnings,
        plural(s.warnings),
        s.infos,
        s.waived,
        s.not_evaluated,
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// Escapes a command's message: `%`, CR, LF.
fn escape_data(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '%' => out.push_str("%25"),
            '\r' => out.push_str("%0D"),
            '\n' => out.push_str("%0A"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes a property value: as [`escape_data`], and `:` and `,`.
fn escape_property(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in escape_data(text).chars() {
        match c {
            ':' => out.push_str("%3A"),
            ',' => out.push_str("%2C"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    #[allow(unused_imports)]
    use crate::batch::CheckReport;
    use crate::render::fixture;

    fn render(report: &CheckReport) -> Vec<String> {
        let mut out = Vec::new();
        write(report, &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn one_command_per_finding_then_a_summary() {
        let report = fixture::report();
        let lines = render(&report);
        assert_eq!(lines.len(), report.findings.len() + 1);
        assert_eq!(
            lines[1],
            "::error file=examples/data/cases/stl-coc.json,line=360,col=11,endLine=384,endColumn=12,title=PLAN002 goal-not-smart::goal G2 is missing: target_date (/enrollments/0/care_plan/goals/1, STL-2025-0611; R-PLAN-2)"
        );
        let summary = lines.last().unwrap();
        assert!(!summary.starts_with("::"), "{summary}");
        assert_eq!(
            summary,
            "hearth: 3 documents (1 unreadable), 2 participants, as of 2026-01-19: 3 errors, 0 warnings, 0 info, 1 waived, 1 not evaluated"
        );
    }

    #[test]
    fn commands_follow_severity_kind_and_waiver() {
        let lines = render(&fixture::report());
        let of = |code: &str| {
            lines
                .iter()
                .find(|l| l.contains(&format!("title={code} ")))
                .unwrap()
                .clone()
        };
        assert!(of("INPUT001").starts_with("::error file=broken.json,line=3,col=18,"));
        assert!(of("PLAN005").starts_with("::notice "), "{}", of("PLAN005"));
        assert!(of("PLAN005").contains("::waived by W-TEST-1: plan reviewed"));
        assert!(of("TERM003").starts_with("::warning "), "{}", of("TERM003"));
        assert!(of("TERM003").contains("::not evaluated: no staff roster"));
        let mut report = fixture::report();
        report.findings[1].finding.severity = Severity::Warning;
        report.findings[2].finding.severity = Severity::Info;
        report.findings[2].finding.waiver = None;
        let changed = render(&report);
        assert!(changed[1].starts_with("::warning "), "{}", changed[1]);
        assert!(changed[2].starts_with("::notice "), "{}", changed[2]);
    }

    #[test]
    fn unlocated_findings_have_no_line_or_column() {
        let mut report = fixture::report();
        let f = &mut report.findings[1];
        f.line = None;
        f.end_line = None;
        let lines = render(&report);
        assert!(
            lines[1].starts_with(
                "::error file=examples/data/cases/stl-coc.json,title=PLAN002 goal-not-smart::"
            ),
            "{}",
            lines[1]
        );
    }

    #[test]
    fn values_are_escaped() {
        assert_eq!(escape_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
        assert_eq!(escape_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
        let mut report = fixture::report();
        report.findings[1].file = "odd,dir:x/100%.json".to_owned();
        report.findings[1].finding.message = "two\nlines ::error::injected".to_owned();
        let lines = render(&report);
        assert_eq!(
            lines.len(),
            report.findings.len() + 1,
            "one line per finding"
        );
        // The renamed finding is now a document of its own, in file order.
        let odd = lines
            .iter()
            .find(|l| l.contains("odd%2Cdir"))
            .expect("the renamed finding's line");
        assert!(
            odd.starts_with("::error file=odd%2Cdir%3Ax/100%25.json,line=360,"),
            "{odd}"
        );
        assert!(odd.contains("::two%0Alines ::error::injected ("), "{odd}");
    }

    #[test]
    fn the_same_report_gives_the_same_bytes() {
        assert_eq!(render(&fixture::report()), render(&fixture::report()));
    }

    #[test]
    fn snapshot() {
        let mut out = Vec::new();
        write(&fixture::report(), &mut out).unwrap();
        insta::assert_snapshot!(String::from_utf8(out).unwrap());
    }
}
