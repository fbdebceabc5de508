//! Text output for people: each finding in a rustc-like layout with the offending line
//! and a caret, then the open obligations, then one summary line.
//!
//! The offending line is shown with every string value masked (`"…"`) and every object
//! key that is not a plain `snake_case` field name masked too: the line is there to show
//! *where*, and a case file's strings are where names, dates of birth, addresses and
//! notes live. Numbers, `true`, `false`, `null` and punctuation are shown as written.

use std::io::{self, Write};

use crate::batch::{CheckSummary, DocumentKind, DocumentResult, LocatedFinding};
use anstyle::{AnsiColor, Effects, Style};
use chrono::NaiveDate;
use hearth_rules::{FindingKind, ObligationStatus, Severity};

use super::{printable, Sink, Spool, Spools};

/// The longest stretch of a source line shown, in characters.
const WINDOW: usize = 100;

/// One document's text and the byte offsets where its lines start.
#[derive(Debug)]
pub struct DocText<'a> {
    text: &'a str,
    starts: Vec<usize>,
    record: Option<u32>,
    /// Whether the document parsed (numbers are shown only then).
    parsed: bool,
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
            parsed: true,
            masked: std::collections::HashMap::new(),
        }
    }

    /// Marks the document as one that did not parse: its numbers are masked too (a
    /// phone number or a birth date written as a number is not in a numeric field).
    pub fn unparsed(mut self) -> Self {
        self.parsed = false;
        self
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
            let (masked, map) = mask(text, self.parsed);
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
#[non_exhaustive]
pub struct Options {
    /// ANSI colours (on a terminal, unless `NO_COLOR` is set).
    pub color: bool,
    /// Leave out the obligations.
    pub no_obligations: bool,
    /// List every open obligation (upcoming too); by default only the overdue and the
    /// due-soon ones are listed (every status is counted in the summary either way).
    pub all_obligations: bool,
    /// Instead of each finding, one line per rule with its count (like ruff's
    /// `--statistics`), most frequent first.
    pub statistics: bool,
    /// Findings only (`-q`): no obligations, no dates and no summary line.
    pub quiet: bool,
}

impl Options {
    /// With ANSI colours or without.
    pub fn with_color(mut self, color: bool) -> Self {
        self.color = color;
        self
    }

    /// Leaving out the obligations, or not.
    pub fn with_no_obligations(mut self, no_obligations: bool) -> Self {
        self.no_obligations = no_obligations;
        self
    }

    /// Listing every open obligation (upcoming too), or only the overdue and due soon.
    pub fn with_all_obligations(mut self, all_obligations: bool) -> Self {
        self.all_obligations = all_obligations;
        self
    }

    /// One line per rule with its count instead of each finding, or not.
    pub fn with_statistics(mut self, statistics: bool) -> Self {
        self.statistics = statistics;
        self
    }

    /// Findings only (no obligations, dates or summary line), or not.
    pub fn with_quiet(mut self, quiet: bool) -> Self {
        self.quiet = quiet;
        self
    }
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
    /// Obligations by status, every status counted (the summary's last part).
    statuses: std::collections::BTreeMap<ObligationStatus, usize>,
    /// Findings by code: (rule name, label, count), for `--statistics`.
    rules: std::collections::BTreeMap<String, (String, &'static str, usize)>,
    /// The documents judged as of a date other than the run's: (file, date).
    dates: Vec<(String, NaiveDate)>,
    /// How many documents were judged as of each date.
    date_counts: std::collections::BTreeMap<NaiveDate, usize>,
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
            statuses: std::collections::BTreeMap::new(),
            rules: std::collections::BTreeMap::new(),
            dates: Vec::new(),
            date_counts: std::collections::BTreeMap::new(),
        }
    }
}

/// `n` and `noun`, with an `s` unless `n` is 1: "1 document", "2 documents".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The most documents named for one date in the summary's "judged as of" lines.
const DATED_FILES_SHOWN: usize = 10;

impl Sink for TextSink {
    fn wants_text(&self) -> bool {
        !self.options.statistics
    }

    fn document(
        &mut self,
        doc: &DocumentResult,
        text: Option<&str>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if let Some(as_of) = doc.entry.as_of {
            *self.date_counts.entry(as_of).or_default() += 1;
            let name = match doc.entry.record {
                Some(record) => format!("{}:{record}", doc.entry.file),
                None => doc.entry.file.clone(),
            };
            self.dates.push((name, as_of));
        }
        if self.options.statistics {
            for f in &doc.findings {
                let (label, _) = label_of(f, &self.styles);
                let slot = self
                    .rules
                    .entry(f.finding.code.clone())
                    .or_insert_with(|| (f.finding.rule.clone(), label, 0));
                slot.2 += 1;
            }
        } else {
            let parsed = doc.entry.kind != DocumentKind::Invalid;
            let mut lines = text.map(|t| {
                let lines = DocText::new(t, doc.entry.record);
                if parsed {
                    lines
                } else {
                    lines.unparsed()
                }
            });
            for finding in &doc.findings {
                write_finding(finding, lines.as_mut(), &self.styles, out)?;
            }
        }
        for filed in &doc.obligations {
            *self.statuses.entry(filed.obligation.status).or_default() += 1;
        }
        if self.options.no_obligations || self.options.quiet {
            return Ok(());
        }
        let styles = &self.styles;
        for filed in &doc.obligations {
            let o = &filed.obligation;
            let listed = match o.status {
                ObligationStatus::Overdue | ObligationStatus::DueSoon => true,
                ObligationStatus::Upcoming => self.options.all_obligations,
                _ => false,
            };
            if !listed {
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
                printable(&o.kind.to_string()),
                printable(o.participant_id.as_str()),
                printable(&o.code),
                printable(&o.requirement),
                printable(&o.description),
                Styles::paint(styles.muted, &printable(&format!("{}{record}", filed.file))),
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
        if self.options.statistics && !self.rules.is_empty() {
            let mut rows: Vec<_> = self.rules.iter().collect();
            rows.sort_by(|a, b| b.1 .2.cmp(&a.1 .2).then_with(|| a.0.cmp(b.0)));
            let width = rows
                .iter()
                .map(|(_, (_, _, n))| n.to_string().len())
                .max()
                .unwrap_or(1);
            for (code, (rule, label, n)) in rows {
                writeln!(
                    out,
                    "{n:>width$}\t{}\t{}\t[{label}]",
                    printable(code),
                    printable(rule)
                )?;
            }
        }
        if self.options.quiet {
            return Ok(());
        }
        if !self.obligations.is_empty() {
            let heading = if self.options.all_obligations {
                "obligations"
            } else {
                "obligations overdue or due soon (--all-obligations for every open one)"
            };
            writeln!(out, "{}", Styles::paint(styles.bold, heading))?;
            self.obligations.copy_to(out)?;
        }
        // Each document is judged as of its own date when it carries one: say which
        // documents were judged as of a date other than the run's.
        let other: Vec<&(String, NaiveDate)> =
            self.dates.iter().filter(|(_, d)| *d != as_of).collect();
        if !other.is_empty() {
            let mut by_date: std::collections::BTreeMap<NaiveDate, Vec<&str>> =
                std::collections::BTreeMap::new();
            for (file, date) in &other {
                by_date.entry(*date).or_default().push(file);
            }
            for (date, files) in by_date {
                let shown: Vec<String> = files
                    .iter()
                    .take(DATED_FILES_SHOWN)
                    .map(|f| printable(f).into_owned())
                    .collect();
                let more = files.len().saturating_sub(DATED_FILES_SHOWN);
                let tail = if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                writeln!(out, "judged as of {date}: {}{tail}", shown.join(", "))?;
            }
        }
        let (documents, invalid) = (summary.documents, summary.invalid);
        let s = &summary.totals;
        let statuses: Vec<String> = ObligationStatus::ALL
            .iter()
            .map(|status| {
                let n = self.statuses.get(status).copied().unwrap_or(0);
                let name = match status {
                    ObligationStatus::DueSoon => "due soon".to_owned(),
                    ObligationStatus::DoneLate => "done late".to_owned(),
                    ObligationStatus::NotApplicable => "not applicable".to_owned(),
                    other => other.to_string(),
                };
                format!("{n} {name}")
            })
            .collect();
        // Only the overdue and due-soon counts come from the run's totals (a caller may
        // feed documents without obligations); the others are counted here.
        let statuses = if self.statuses.is_empty() {
            format!("{} overdue, {} due soon", s.overdue, s.due_soon)
        } else {
            statuses.join(", ")
        };
        writeln!(
            out,
            "{}",
            Styles::paint(
                styles.bold,
                &format!(
                    "checked {} ({}) as of {}: {}, {}, {} info, {} waived, {} not evaluated; {} could not be read; obligations: {}",
                    count(documents, "document"),
                    count(s.participants, "participant"),
                    as_of,
                    count(s.errors, "error"),
                    count(s.warnings, "warning"),
                    s.infos,
                    s.waived,
                    s.not_evaluated,
                    invalid,
                    statuses,
                )
            )
        )
    }
}

/// A finding's label (`error`, `waived`…) and its style.
fn label_of(f: &LocatedFinding, styles: &Styles) -> (&'static str, Style) {
    match (&f.finding.waiver, f.finding.kind, f.finding.severity) {
        (Some(_), _, _) => ("waived", styles.muted),
        (None, FindingKind::NotEvaluated, _) => ("not evaluated", styles.warning),
        (None, FindingKind::Violation, Severity::Error) => ("error", styles.error),
        (None, FindingKind::Violation, Severity::Warning) => ("warning", styles.warning),
        (None, FindingKind::Violation, Severity::Info) => ("info", styles.info),
    }
}

fn write_finding(
    f: &LocatedFinding,
    lines: Option<&mut DocText<'_>>,
    styles: &Styles,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (label, style) = label_of(f, styles);
    writeln!(
        out,
        "{}{}",
        Styles::paint(style, &format!("{label}[{}]", printable(&f.finding.code))),
        Styles::paint(styles.bold, &format!(": {}", printable(&f.finding.message))),
    )?;
    let number = f.line.map(|l| l.to_string()).unwrap_or_default();
    let pad = " ".repeat(number.len().max(1));
    let file = printable(&f.file);
    let place = match (f.line, f.column) {
        (Some(line), Some(column)) => format!("{file}:{line}:{column}"),
        (Some(line), None) => format!("{file}:{line}"),
        _ => file.into_owned(),
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
    let label_text = printable(&label_line.join(" · ")).into_owned();
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
            printable(&f.finding.requirements.join(", "))
        )?;
    }
    writeln!(
        out,
        "{pad} {} help: {}",
        Styles::paint(styles.gutter, "="),
        printable(&f.finding.help)
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
    let (masked, map) = mask(line, true);
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

/// The object keys of every input format (case file, caseload, catalog extension), from
/// their schemas: the only strings an excerpt shows.
fn known_fields() -> &'static std::collections::HashSet<String> {
    static FIELDS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut fields = std::collections::HashSet::new();
        for schema in [
            schemars::schema_for!(hearth_model::CaseFile),
            schemars::schema_for!(hearth_model::Caseload),
            schemars::schema_for!(hearth_catalog::CatalogExtension),
        ] {
            collect_properties(schema.as_value(), &mut fields);
        }
        fields
    })
}

fn collect_properties(value: &serde_json::Value, into: &mut std::collections::HashSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, child) in map {
                if key == "properties" {
                    if let serde_json::Value::Object(props) = child {
                        into.extend(props.keys().cloned());
                    }
                }
                collect_properties(child, into);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_properties(item, into);
            }
        }
        _ => {}
    }
}

/// Whether `name` is a field name of some input format (so an excerpt may show it as
/// an object key).
pub fn is_known_field(name: &str) -> bool {
    known_fields().contains(name)
}

/// Whether `token` (a bare word of a line) is a JSON number.
fn is_json_number(token: &str) -> bool {
    let t = token.strip_prefix('-').unwrap_or(token);
    let (int, rest) = t.split_at(t.find(['.', 'e', 'E']).unwrap_or(t.len()));
    let int_ok = int == "0"
        || (!int.is_empty() && !int.starts_with('0') && int.bytes().all(|b| b.is_ascii_digit()));
    if !int_ok {
        return false;
    }
    let (frac, exp) = rest.split_at(rest.find(['e', 'E']).unwrap_or(rest.len()));
    let frac_ok =
        frac.is_empty() || (frac.len() > 1 && frac.bytes().skip(1).all(|b| b.is_ascii_digit()));
    let exp_ok = exp.is_empty() || {
        let digits = exp.get(1..).unwrap_or("");
        let digits = digits.strip_prefix(['+', '-']).unwrap_or(digits);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    };
    frac_ok && exp_ok
}

/// The excerpt of `line` as the text format shows it, with no caret: what `mask`
/// keeps of it. `parsed` says whether the document parsed (numbers are shown only
/// then). Public for the fuzz target that holds the masking promise.
pub fn masked_line(line: &str, parsed: bool) -> String {
    mask(line, parsed).0
}

/// The line with everything not known safe masked, and for every character of the
/// original line (and one past its end) its index in the masked line.
///
/// Shown as written: spaces, tabs, the punctuation `{}[]:,`, the words `true`, `false`
/// and `null`, object keys (in double quotes) that are field names of an input format,
/// and — only when the document parsed, so every number sits in a numeric field of the
/// schema — JSON numbers. Every other string (double- or single-quoted) becomes `"…"`,
/// every other word (bare words, comments, numbers in a document that did not parse)
/// `…`, and control characters (ESC, BEL, CR…) are dropped.
fn mask(line: &str, parsed: bool) -> (String, Vec<usize>) {
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut len = 0usize;
    let mut map = Vec::with_capacity(chars.len() + 1);
    let mut i = 0usize;
    let is_punct = |c: char| matches!(c, '{' | '}' | '[' | ']' | ':' | ',');
    while let Some(&c) = chars.get(i) {
        if c == ' ' || c == '\t' || is_punct(c) {
            map.push(len);
            out.push(c);
            len += 1;
            i += 1;
            continue;
        }
        if super::is_unsafe_char(c) {
            // Dropped: nothing of it is shown.
            map.push(len);
            i += 1;
            continue;
        }
        let (close, replacement) = if c == '"' || c == '\'' {
            // A string literal, in JSON's quotes or a Python export's: to its closing
            // quote, or the end of the line.
            let mut j = i + 1;
            while let Some(&d) = chars.get(j) {
                if d == '\\' {
                    j += 2;
                } else if d == c {
                    break;
                } else {
                    j += 1;
                }
            }
            let close = j.min(chars.len().saturating_sub(1));
            let content: String = chars
                .get(i + 1..j.min(chars.len()))
                .unwrap_or(&[])
                .iter()
                .collect();
            let is_key = chars
                .get(close + 1..)
                .unwrap_or(&[])
                .iter()
                .find(|c| !c.is_whitespace())
                == Some(&':');
            let shown = if c == '"' && j < chars.len() && is_key && is_known_field(&content) {
                format!("\"{content}\"")
            } else {
                "\"…\"".to_owned()
            };
            (close, shown)
        } else {
            // A bare word: to the next space, punctuation, quote or control character.
            let mut j = i;
            while let Some(&d) = chars.get(j) {
                if d == ' '
                    || d == '\t'
                    || is_punct(d)
                    || d == '"'
                    || d == '\''
                    || super::is_unsafe_char(d)
                {
                    break;
                }
                j += 1;
            }
            let word: String = chars.get(i..j).unwrap_or(&[]).iter().collect();
            let shown = if matches!(word.as_str(), "true" | "false" | "null")
                || (parsed && is_json_number(&word))
            {
                word
            } else {
                "…".to_owned()
            };
            (j.saturating_sub(1).max(i), shown)
        };
        let start = len;
        for _ in i..=close {
            map.push(start);
        }
        len += replacement.chars().count();
        out.push_str(&replacement);
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
        let (masked, map) = mask(
            r#"  "name": "Robin \"Q\" Sample", "Robin": 3, "minutes": 45,"#,
            true,
        );
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
        assert_eq!(shown, r#"      "target_date": "…", "…": 1"#);
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

    #[test]
    fn mask_shows_only_what_is_known_safe() {
        // A Python str(dict) export, a comment, bare words, text after the document.
        let line = "{'name': 'Robin Sample', \"dob\": 19840203} // call Robin 5551234 trailing";
        let shown = masked_line(line, false);
        assert_eq!(shown, "{\"…\": \"…\", \"…\": …} … … … … …");
        // Numbers are shown only where the document parsed.
        assert_eq!(masked_line("\"minutes\": 45,", true), "\"minutes\": 45,");
        assert_eq!(masked_line("\"minutes\": 45,", false), "\"minutes\": …,");
        assert_eq!(masked_line("\"minutes\": 4-5,", true), "\"minutes\": …,");
        // true, false, null and known field names stay.
        assert_eq!(
            masked_line("{\"schema_version\": null, \"x\": true}", false),
            "{\"schema_version\": null, \"…\": true}"
        );
    }

    #[test]
    fn snake_case_keys_that_are_not_field_names_are_masked() {
        assert!(is_known_field("participant"));
        assert!(!is_known_field("robin_sample"));
        assert_eq!(
            masked_line("  \"robin_sample\": 1, \"participant\": {", true),
            "  \"…\": 1, \"participant\": {"
        );
    }

    #[test]
    fn control_characters_are_dropped_from_excerpts() {
        let shown = masked_line("{\u{1b}[2J\u{7}\"participant\"\r: \u{0}null}", false);
        assert!(
            !shown.chars().any(crate::render::is_unsafe_char),
            "{shown:?}"
        );
        assert_eq!(shown, "{[…\"participant\": null}");
        // The caret still lands under the value after dropped characters.
        let (shown, start, width) = excerpt("\u{1b}\u{1b}{\"a\": 1}", 9, true, Some(10));
        let caret: String = shown.chars().skip(start).take(width).collect();
        assert_eq!(caret, "1");
    }

    #[test]
    fn json_numbers_are_recognised() {
        for yes in ["0", "-1", "12.5", "1e9", "-0.5E-3"] {
            assert!(is_json_number(yes), "{yes}");
        }
        for no in ["01", "1.", ".5", "1e", "+1", "1-2", "2026-01-01", "x1", ""] {
            assert!(!is_json_number(no), "{no}");
        }
    }
}
