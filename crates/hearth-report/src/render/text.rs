//! Text output for people: each finding in a rustc-like layout with the offending line
//! and a caret, then the open obligations, then one summary line.
//!
//! The offending line is shown with every string value masked (`"…"`) and every object
//! key that is not a plain `snake_case` field name masked too: the line is there to show
//! *where*, and a case file's strings are where names, dates of birth, addresses and
//! notes live. Numbers, `true`, `false`, `null` and punctuation are shown as written.

use std::io::{self, Write};

use crate::batch::{CheckSummary, DocumentResult, LocatedFinding};
use anstyle::{AnsiColor, Effects, Style};
use chrono::NaiveDate;
use hearth_rules::{FindingKind, ObligationStatus, Severity};

use super::{Sink, Spool, Spools};

/// The longest stretch of a source line shown, in characters.
const WINDOW: usize = 100;

/// One document's text and the byte offsets where its lines start.
#[derive(Debug)]
pub struct DocText<'a> {
    text: &'a str,
    starts: Vec<usize>,
    record: Option<u32>,
    /// Lines already masked, by line number: an NDJSON record is one long line that
    /// all its findings point into, and it is masked once.
    masked: std::collections::HashMap<u32, Masked>,
}

/// A masked line: its characters, and for every character of the original line (and
/// one past its end) its index in the masked one.
#[derive(Debug)]
struct Masked {
    chars: Vec<char>,
    map: Vec<usize>,
}

impl<'a> DocText<'a> {
    /// Indexes the lines of one document (an NDJSON record when `record` is its line).
    pub fn new(text: &'a str, record: Option<u32>) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        DocText {
            text,
            starts,
            record,
            masked: std::collections::HashMap::new(),
        }
    }

    /// The text of `line` (1-based, counted in the file) without its line ending: a
    /// lookup, so excerpting many findings of a large file stays linear.
    fn line(&self, line: u32) -> Option<&'a str> {
        let within = usize::try_from(line.checked_sub(self.record.unwrap_or(1))?).ok()?;
        let start = *self.starts.get(within)?;
        let end = self
            .starts
            .get(within + 1)
            .map_or(self.text.len(), |next| next - 1);
        self.text
            .get(start..end)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }

    /// `line` masked (see [`mask`]), masked once however many findings point into it.
    fn masked(&mut self, line: u32) -> Option<&Masked> {
        if !self.masked.contains_key(&line) {
            let text = self.line(line)?;
            let (masked, map) = mask(text);
            self.masked.insert(
                line,
                Masked {
                    chars: masked.chars().collect(),
                    map,
                },
            );
        }
        self.masked.get(&line)
    }
}

/// How the text is written.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// ANSI colours (on a terminal, unless `NO_COLOR` is set).
    pub color: bool,
    /// Leave out the obligations.
    pub no_obligations: bool,
}

struct Styles {
    error: Style,
    warning: Style,
    info: Style,
    muted: Style,
    gutter: Style,
    bold: Style,
}

impl Styles {
    fn new(color: bool) -> Self {
        if !color {
            let plain = Style::new();
            return Styles {
                error: plain,
                warning: plain,
                info: plain,
                muted: plain,
                gutter: plain,
                bold: plain,
            };
        }
        Styles {
            error: AnsiColor::Red.on_default().effects(Effects::BOLD),
            warning: AnsiColor::Yellow.on_default().effects(Effects::BOLD),
            info: AnsiColor::Cyan.on_default().effects(Effects::BOLD),
            muted: Style::new().effects(Effects::DIMMED),
            gutter: AnsiColor::Blue.on_default().effects(Effects::BOLD),
            bold: Style::new().effects(Effects::BOLD),
        }
    }

    fn paint(style: Style, text: &str) -> String {
        format!("{}{text}{}", style.render(), style.render_reset())
    }
}

/// The text format as a [`Sink`]: each document's findings as it arrives (with
/// excerpts from its text), the open obligations spooled until every finding is out,
/// then the summary line.
pub struct TextSink {
    options: Options,
    styles: Styles,
    obligations: Spool,
}

impl TextSink {
    /// A sink writing with `options`.
    pub fn new(options: Options) -> Self {
        Self::with_spools(options, Spools::default())
    }

    /// A sink writing with `options`, whose spool (the obligations) comes from `spools`.
    pub fn with_spools(options: Options, spools: Spools) -> Self {
        TextSink {
            options,
            styles: Styles::new(options.color),
            obligations: spools.spool(),
        }
    }
}

impl Sink for TextSink {
    fn wants_text(&self) -> bool {
        true
    }

    fn document(
        &mut self,
        doc: &DocumentResult,
        text: Option<&str>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut lines = text.map(|t| DocText::new(t, doc.entry.record));
        for finding in &doc.findings {
            write_finding(finding, lines.as_mut(), &self.styles, out)?;
        }
        if self.options.no_obligations {
            return Ok(());
        }
        let styles = &self.styles;
        for filed in &doc.obligations {
            let o = &filed.obligation;
            if !matches!(
                o.status,
                ObligationStatus::Overdue | ObligationStatus::DueSoon | ObligationStatus::Upcoming
            ) {
                continue;
            }
            let due = o.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string());
            let status = match o.status {
                ObligationStatus::Overdue => Styles::paint(styles.error, "overdue"),
                ObligationStatus::DueSoon => Styles::paint(styles.warning, "due-soon"),
                other => other.to_string(),
            };
            let record = filed.record.map(|r| format!(":{r}")).unwrap_or_default();
            let line = format!(
                "  due {due} {status} {} {} ({}, {}): {}  {}\n",
                o.kind,
                o.participant_id,
                o.code,
                o.requirement,
                o.description,
                Styles::paint(styles.muted, &format!("{}{record}", filed.file)),
            );
            self.obligations.write_all(line.as_bytes())?;
        }
        Ok(())
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let styles = &self.styles;
        if !self.obligations.is_empty() {
            writeln!(out, "{}", Styles::paint(styles.bold, "obligations"))?;
            self.obligations.copy_to(out)?;
        }
        let (documents, invalid) = (summary.documents, summary.invalid);
        let s = &summary.totals;
        writeln!(
            out,
            "{}",
            Styles::paint(
                styles.bold,
                &format!(
                    "checked {} documents ({} participants) as of {}: {} errors, {} warnings, {} info, {} waived, {} not evaluated; {} could not be read; obligations: {} overdue, {} due soon",
                    documents,
                    s.participants,
                    as_of,
                    s.errors,
                    s.warnings,
                    s.infos,
                    s.waived,
                    s.not_evaluated,
                    invalid,
                    s.overdue,
                    s.due_soon,
                )
            )
        )
    }
}

fn write_finding(
    f: &LocatedFinding,
    lines: Option<&mut DocText<'_>>,
    styles: &Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (label, style) = match (&f.finding.waiver, f.finding.kind, f.finding.severity) {
        (Some(_), _, _) => ("waived", styles.muted),
        (None, FindingKind::NotEvaluated, _) => ("not evaluated", styles.warning),
        (None, FindingKind::Violation, Severity::Error) => ("error", styles.error),
        (None, FindingKind::Violation, Severity::Warning) => ("warning", styles.warning),
        (None, FindingKind::Violation, Severity::Info) => ("info", styles.info),
    };
    writeln!(
        out,
        "{}{}",
        Styles::paint(style, &format!("{label}[{}]", f.finding.code)),
        Styles::paint(styles.bold, &format!(": {}", f.finding.message)),
    )?;
    let number = f.line.map(|l| l.to_string()).unwrap_or_default();
    let pad = " ".repeat(number.len().max(1));
    let place = match (f.line, f.column) {
        (Some(line), Some(column)) => format!("{}:{line}:{column}", f.file),
        (Some(line), None) => format!("{}:{line}", f.file),
        _ => f.file.clone(),
    };
    writeln!(out, "{pad}{} {place}", Styles::paint(styles.gutter, "-->"))?;
    let bar = Styles::paint(styles.gutter, "|");
    let mut label_line = vec![f.finding.rule.clone()];
    if let Some(p) = &f.finding.participant_id {
        label_line.push(p.to_string());
    }
    label_line.push(if f.finding.path.is_empty() {
        "/".to_owned()
    } else {
        f.finding.path.clone()
    });
    if let Some(w) = &f.finding.waiver {
        label_line.push(format!("waiver {w}"));
    }
    let label_text = label_line.join(" · ");
    let source = f.line.and_then(|line| lines.and_then(|l| l.masked(line)));
    match (source, f.line, f.column) {
        (Some(masked), Some(line), Some(column)) => {
            let (shown, start, width) =
                excerpt_masked(masked, column, f.end_line == Some(line), f.end_column);
            writeln!(out, "{pad} {bar}")?;
            writeln!(
                out,
                "{} {bar} {shown}",
                Styles::paint(styles.gutter, &number)
            )?;
            writeln!(
                out,
                "{pad} {bar} {}{} {label_text}",
                " ".repeat(start),
                Styles::paint(style, &"^".repeat(width.max(1))),
            )?;
        }
        _ => writeln!(out, "{pad} {bar} {label_text}")?,
    }
    if !f.finding.requirements.is_empty() {
        writeln!(
            out,
            "{pad} {} requirements: {}",
            Styles::paint(styles.gutter, "="),
            f.finding.requirements.join(", ")
        )?;
    }
    writeln!(
        out,
        "{pad} {} help: {}",
        Styles::paint(styles.gutter, "="),
        f.finding.help
    )?;
    writeln!(out)
}

/// The masked source line around the value, the caret's offset in it and its width.
#[cfg(test)]
fn excerpt(
    line: &str,
    column: u32,
    same_line: bool,
    end_column: Option<u32>,
) -> (String, usize, usize) {
    let (masked, map) = mask(line);
    let masked = Masked {
        chars: masked.chars().collect(),
        map,
    };
    excerpt_masked(&masked, column, same_line, end_column)
}

/// [`excerpt`] of a line already masked.
fn excerpt_masked(
    masked: &Masked,
    column: u32,
    same_line: bool,
    end_column: Option<u32>,
) -> (String, usize, usize) {
    let chars = &masked.chars;
    let to_masked = |col: u32| -> usize {
        let index = usize::try_from(col.saturating_sub(1)).unwrap_or(usize::MAX);
        masked.map.get(index).copied().unwrap_or(chars.len())
    };
    let start = to_masked(column);
    let end = match (same_line, end_column) {
        (true, Some(end)) => to_masked(end).max(start + 1),
        _ => start + 1,
    };
    // A long line (a minified file, an NDJSON record) is cut to a window at the value.
    let from = if chars.len() <= WINDOW {
        0
    } else {
        start.saturating_sub(WINDOW / 4)
    };
    let to = (from + WINDOW).min(chars.len());
    let mut shown: String = chars.get(from..to).unwrap_or(&[]).iter().collect();
    let mut offset = start - from;
    if from > 0 {
        shown.insert(0, '…');
        offset += 1;
    }
    if to < chars.len() {
        shown.push('…');
    }
    let width = end.min(to).saturating_sub(start).max(1);
    (shown.trim_end().to_owned(), offset, width)
}

/// The line with string values and unusual keys replaced by `"…"`, and for every
/// character of the original line (and one past its end) its index in the masked line.
fn mask(line: &str) -> (String, Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut len = 0usize;
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut i = 0usize;
    while let Some(&c) = chars.get(i) {
        if c != '"' {
            map.push(len);
            out.push(c);
            len += 1;
            i += 1;
            continue;
        }
        // A string literal: find its closing quote (strings never span lines in JSON).
        let mut j = i + 1;
        while let Some(&d) = chars.get(j) {
            if d == '\\' {
                j += 2;
            } else if d == '"' {
                break;
            } else {
                j += 1;
            }
        }
        let close = j.min(chars.len());
        let content: String = chars.get(i + 1..close).unwrap_or(&[]).iter().collect();
        let is_key = chars
            .get(close + 1..)
            .unwrap_or(&[])
            .iter()
            .find(|c| !c.is_whitespace())
            == Some(&':');
        let plain_field = !content.is_empty()
            && content
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        let replacement = if is_key && plain_field {
            format!("\"{content}\"")
        } else {
            "\"…\"".to_owned()
        };
        let start = len;
        let width = replacement.chars().count();
        for _ in i..=close.min(chars.len().saturating_sub(1)) {
            map.push(start);
        }
        out.push_str(&replacement);
        len += width;
        i = close + 1;
    }
    while map.len() < chars.len() {
        map.push(len);
    }
    map.push(len);
    (out, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_looked_up_by_number_in_files_and_records() {
        let a = DocText::new("{\r\n  \"x\": 1\n}", None);
        let b = DocText::new("{\"y\": 2}", Some(7));
        assert_eq!(a.line(1), Some("{"));
        assert_eq!(a.line(2), Some("  \"x\": 1"));
        assert_eq!(a.line(3), Some("}"));
        assert_eq!(a.line(4), None);
        assert_eq!(b.line(7), Some("{\"y\": 2}"));
        assert_eq!(b.line(6), None);
    }

    #[test]
    fn mask_hides_values_and_odd_keys_but_keeps_field_names() {
        let (masked, map) = mask(r#"  "name": "Robin \"Q\" Sample", "Robin": 3, "minutes": 45,"#);
        assert_eq!(masked, r#"  "name": "…", "…": 3, "minutes": 45,"#);
        assert!(!masked.contains("Robin"));
        // The value's opening quote (column 11) maps onto the masked value's quote.
        assert_eq!(map[10], 10);
        assert_eq!(
            map.len(),
            r#"  "name": "Robin \"Q\" Sample", "Robin": 3, "minutes": 45,"#
                .chars()
                .count()
                + 1
        );
    }

    #[test]
    fn excerpt_puts_the_caret_under_the_value() {
        let line = r#"      "target_date": "2026-03-01", "x": 1"#;
        let (shown, start, width) = excerpt(line, 22, true, Some(34));
        assert_eq!(shown, r#"      "target_date": "…", "x": 1"#);
        let caret: String = shown.chars().skip(start).take(width).collect();
        assert_eq!(caret, "\"…\"");
    }

    #[test]
    fn long_lines_are_cut_to_a_window() {
        let line = format!("{{{}\"k\": 1}}", "\"a\": 1, ".repeat(200));
        let column = u32::try_from(line.find("\"k\"").unwrap() + 1).unwrap();
        let (shown, start, _) = excerpt(&line, column, false, None);
        assert!(shown.chars().count() <= WINDOW + 2);
        assert!(shown.starts_with('…'));
        assert_eq!(shown.chars().nth(start), Some('"'));
    }
}
