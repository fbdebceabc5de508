//! HTML for program managers and QA staff: one self-contained page to open in a browser
//! or print to PDF.
//!
//! The page holds, in order: a header with the policies, the evaluation dates (with how
//! many files were judged as of each) and the totals; the findings by rule, as a chart
//! and a table linking to each rule's explanation; a worklist per case manager (open
//! obligations, overdue first then by due date, and the findings of their
//! participants); a month-by-month grid of visit compliance per participant; the
//! obligations falling due in the next 30 days on a calendar; every finding under its
//! rule (participant, file, line, JSON Pointer); and the files read.
//!
//! Self-contained and private: styles, a small script and the charts (inline SVG drawn
//! here) are in the page, whose Content-Security-Policy forbids loading anything from
//! anywhere. Readable with scripts off: every table is plain HTML; the script only adds
//! sorting, filtering and paging of long tables, and opens collapsed sections before
//! printing. Status is always written in words (`met`, `missed`, `overdue`), never by
//! colour alone.
//!
//! Like every format it prints only what the report holds (ids, codes, dates, counts,
//! paths and the rules' own texts), and every value that came from an input (file
//! names, participant and staff ids, paths, messages) is HTML-escaped, with control
//! characters replaced.
//!
//! Streaming: nothing is written before the run's counts are known, so each section
//! waits in a [`Spool`] (one per rule, one per case manager, one for the grid and one
//! for the files); what stays in memory is bounded by the number of rules, case
//! managers, months and calendar days. Each case manager's worklist is sorted when it is
//! written, one case manager at a time. The page grows linearly with the findings and
//! open obligations: participants who met every visit month are listed by id only.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use chrono::{Datelike, Days, NaiveDate};
use hearth_rules::{registry, Area, FindingKind, ObligationStatus, Severity};

use super::{Sink, Spool, Spools};
use crate::batch::{
    CheckReport, CheckSummary, DocumentKind, DocumentResult, FiledObligation, LocatedFinding,
};

/// Days of obligations shown on the calendar, from the evaluation date.
pub const CALENDAR_DAYS: u64 = 30;

/// Obligations named in one calendar day (the others are counted).
const CALENDAR_ITEMS: usize = 5;

/// Months shown in the visit-compliance grid (the latest ones).
pub const GRID_MONTHS: usize = 12;

/// Rows a table shows per page when the page's script pages it.
pub const PAGE_ROWS: usize = 50;

/// Rules drawn in the findings chart (the most frequent; the table lists every one).
const CHART_RULES: usize = 20;

/// Which command the page reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Page {
    /// `hearth check`: findings and the open obligations.
    #[default]
    Check,
    /// `hearth due`: the obligations it was given, whatever their status.
    Due,
}

/// How the page is written.
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Options {
    /// The command the page reports.
    pub page: Page,
}

impl Options {
    /// The options of a page reporting `page`.
    pub fn for_page(page: Page) -> Self {
        Options { page }
    }
}

/// Writes `report` as an HTML page.
pub fn write(report: &CheckReport, options: Options, out: &mut dyn Write) -> io::Result<()> {
    let mut sink = HtmlSink::new(options);
    for doc in report.documents() {
        sink.document(&doc, None, out)?;
    }
    sink.finish(report.as_of, &report.summary, out)
}

/// Escapes `text` for HTML text and double- or single-quoted attribute values. Line
/// breaks and tabs become spaces and other control characters U+FFFD, so nothing from an
/// input can start markup, end an attribute or hide in the page.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// An `id` attribute for a key from the input: letters, digits and `-` kept, every other
/// character written as `_` and its hex code, so distinct keys give distinct ids.
fn anchor(prefix: &str, key: &str) -> String {
    let mut id = prefix.to_owned();
    for c in key.chars() {
        if c.is_ascii_alphanumeric() || c == '-' {
            id.push(c);
        } else {
            let _ = write!(id, "_{:x}_", u32::from(c));
        }
    }
    id
}

/// One rule's counts and texts.
struct RuleStat {
    name: String,
    severity: Severity,
    requirements: Vec<String>,
    help: String,
    findings: usize,
    waived: usize,
    not_evaluated: usize,
    rows: Spool,
}

/// One case manager's worklist, spooled.
struct StaffStat {
    /// Open obligations, one line each: a sort key, a tab, the row.
    obligations: Spool,
    /// Findings of their participants, one row each.
    findings: Spool,
    by_status: BTreeMap<ObligationStatus, usize>,
    /// Obligations in the worklist's table.
    listed: usize,
    finding_count: usize,
}

/// What one visit month looked like for one participant, worst first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cell {
    Missed,
    NotEvaluated,
    Open,
    MetLate,
    Met,
    Waived,
    NotApplicable,
}

impl Cell {
    fn of(status: ObligationStatus) -> Cell {
        match status {
            ObligationStatus::Overdue => Cell::Missed,
            ObligationStatus::DueSoon | ObligationStatus::Upcoming => Cell::Open,
            ObligationStatus::DoneLate => Cell::MetLate,
            ObligationStatus::Done => Cell::Met,
            ObligationStatus::Waived => Cell::Waived,
            ObligationStatus::NotApplicable => Cell::NotApplicable,
        }
    }

    fn letter(self) -> char {
        match self {
            Cell::Missed => 'x',
            Cell::NotEvaluated => 'e',
            Cell::Open => 'o',
            Cell::MetLate => 'l',
            Cell::Met => 'm',
            Cell::Waived => 'w',
            Cell::NotApplicable => 'n',
        }
    }

    fn from_letter(c: char) -> Option<Cell> {
        [
            Cell::Missed,
            Cell::NotEvaluated,
            Cell::Open,
            Cell::MetLate,
            Cell::Met,
            Cell::Waived,
            Cell::NotApplicable,
        ]
        .into_iter()
        .find(|cell| cell.letter() == c)
    }

    /// The cell's text: a symbol and a word, so colour is never the only sign.
    fn label(self) -> &'static str {
        match self {
            Cell::Missed => "✗ not met",
            Cell::NotEvaluated => "? not evaluated",
            Cell::Open => "… not yet due",
            Cell::MetLate => "✓ met late",
            Cell::Met => "✓ met",
            Cell::Waived => "– waived",
            Cell::NotApplicable => "– n/a",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Cell::Missed => "bad",
            Cell::NotEvaluated => "warn",
            Cell::Open => "open",
            Cell::MetLate => "late",
            Cell::Met => "ok",
            Cell::Waived | Cell::NotApplicable => "na",
        }
    }
}

/// One calendar day: how many obligations fall due, and the first few.
#[derive(Default)]
struct Day {
    count: usize,
    items: Vec<String>,
}

/// The HTML format as a [`Sink`]: counts kept in memory, rows spooled, the page written
/// at the end of the run.
pub struct HtmlSink {
    options: Options,
    spools: Spools,
    files: Spool,
    file_count: usize,
    policies: BTreeSet<String>,
    as_ofs: BTreeMap<NaiveDate, usize>,
    rules: BTreeMap<String, RuleStat>,
    staff: BTreeMap<(bool, String), StaffStat>,
    statuses: BTreeMap<ObligationStatus, usize>,
    grid: Spool,
    grid_rows: usize,
    months: BTreeSet<NaiveDate>,
    calendar: BTreeMap<NaiveDate, Day>,
    sequence: u64,
}

impl HtmlSink {
    /// A sink whose spools are in memory.
    pub fn new(options: Options) -> Self {
        Self::with_spools(options, Spools::default())
    }

    /// A sink whose spools use the storage `spools` makes.
    pub fn with_spools(options: Options, spools: Spools) -> Self {
        HtmlSink {
            options,
            spools,
            files: spools.spool(),
            file_count: 0,
            policies: BTreeSet::new(),
            as_ofs: BTreeMap::new(),
            rules: BTreeMap::new(),
            staff: BTreeMap::new(),
            statuses: BTreeMap::new(),
            grid: spools.spool(),
            grid_rows: 0,
            months: BTreeSet::new(),
            calendar: BTreeMap::new(),
            sequence: 0,
        }
    }

    fn staff_stat(&mut self, manager: Option<&str>) -> &mut StaffStat {
        let key = match manager {
            Some(m) => (false, m.to_owned()),
            None => (true, String::new()),
        };
        let spools = self.spools;
        self.staff.entry(key).or_insert_with(|| StaffStat {
            obligations: spools.spool(),
            findings: spools.spool(),
            by_status: BTreeMap::new(),
            listed: 0,
            finding_count: 0,
        })
    }

    fn is_worklisted(&self, status: ObligationStatus) -> bool {
        match self.options.page {
            Page::Due => true,
            Page::Check => matches!(
                status,
                ObligationStatus::Overdue | ObligationStatus::DueSoon | ObligationStatus::Upcoming
            ),
        }
    }

    fn finding(&mut self, f: &LocatedFinding, manager: Option<&str>) -> io::Result<()> {
        let code = f.finding.code.clone();
        let spools = self.spools;
        let stat = self.rules.entry(code).or_insert_with(|| RuleStat {
            name: f.finding.rule.clone(),
            severity: f.finding.severity,
            requirements: f.finding.requirements.clone(),
            help: f.finding.help.clone(),
            findings: 0,
            waived: 0,
            not_evaluated: 0,
            rows: spools.spool(),
        });
        stat.findings += 1;
        if f.is_waived() {
            stat.waived += 1;
        } else if f.finding.kind == FindingKind::NotEvaluated {
            stat.not_evaluated += 1;
        }
        let mut row = String::new();
        let _ = writeln!(
            row,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            participant(f.finding.participant_id.as_ref().map(|p| p.as_str())),
            file_cell(&f.file, f.record),
            f.line.map_or_else(|| "–".to_owned(), |l| match f.column {
                Some(c) => format!("{l}:{c}"),
                None => l.to_string(),
            }),
            pointer(&f.finding.path),
            f.finding.on,
            finding_status(f),
            escape(&f.finding.message),
        );
        stat.rows.write_all(row.as_bytes())?;
        if f.is_waived() {
            return Ok(());
        }
        let mut row = String::new();
        let _ = writeln!(
            row,
            "<tr><td>{}</td><td><a href=\"#{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            participant(f.finding.participant_id.as_ref().map(|p| p.as_str())),
            anchor("rule-", &f.finding.code),
            escape(&f.finding.code),
            finding_status(f),
            f.finding.on,
            location(f),
            escape(&f.finding.message),
        );
        let staff = self.staff_stat(manager);
        staff.finding_count += 1;
        staff.findings.write_all(row.as_bytes())
    }

    fn obligation(&mut self, f: &FiledObligation, as_of: Option<NaiveDate>) -> io::Result<()> {
        let o = &f.obligation;
        *self.statuses.entry(o.status).or_default() += 1;
        if !self.is_worklisted(o.status) {
            return Ok(());
        }
        // Due within the calendar's days after the file's date.
        let soon = match (o.due_on, as_of) {
            (Some(due), Some(as_of)) => {
                let last = as_of.checked_add_days(Days::new(CALENDAR_DAYS));
                due >= as_of && last.is_some_and(|last| due <= last)
            }
            _ => false,
        };
        let open = matches!(
            o.status,
            ObligationStatus::DueSoon | ObligationStatus::Upcoming
        );
        if let (true, true, Some(due)) = (open, soon, o.due_on) {
            let day = self.calendar.entry(due).or_default();
            day.count += 1;
            if day.items.len() < CALENDAR_ITEMS {
                day.items.push(format!(
                    "{} {}",
                    escape(o.participant_id.as_str()),
                    escape(&o.code)
                ));
            }
        }
        // A check page lists what needs action (overdue, due soon, due within the
        // calendar's days) and counts the later ones, so it grows with the work at hand
        // rather than with every obligation of the caseload.
        let listed =
            self.options.page == Page::Due || o.status != ObligationStatus::Upcoming || soon;
        let staff = self.staff_stat(o.case_manager.as_ref().map(|s| s.as_str()));
        *staff.by_status.entry(o.status).or_default() += 1;
        if !listed {
            return Ok(());
        }
        self.sequence += 1;
        let overdue = o.status == ObligationStatus::Overdue;
        let due = o
            .due_on
            .map_or_else(|| "9999-99-99".to_owned(), |d| d.to_string());
        let remaining = o
            .remaining
            .filter(|r| *r > 0)
            .map(|r| format!(" ({r} still needed)"))
            .unwrap_or_default();
        let line = format!(
            "{}{due}{:020}\t<tr><td>{}</td><td>{}</td><td>{}</td><td>{} {}</td><td>{}{}</td><td>{}</td></tr>\n",
            if overdue { 0 } else { 1 },
            self.sequence,
            o.due_on.map_or_else(|| "–".to_owned(), |d| d.to_string()),
            status_label(o.status),
            participant(Some(o.participant_id.as_str())),
            escape(&o.code),
            escape(&o.requirement),
            escape(&o.description),
            escape(&remaining),
            file_cell(&f.file, f.record),
        );
        let staff = self.staff_stat(o.case_manager.as_ref().map(|s| s.as_str()));
        staff.listed += 1;
        staff.obligations.write_all(line.as_bytes())
    }

    /// One grid line per participant of the document the visit rules report on: the
    /// month of each visit-rule finding (missed, waived or not evaluated, with the
    /// codes) and each monthly visit obligation (met, not yet due, …).
    fn grid(&mut self, doc: &DocumentResult) -> io::Result<()> {
        type Months = BTreeMap<NaiveDate, (Cell, BTreeSet<String>)>;
        let mut rows: BTreeMap<String, Months> = BTreeMap::new();
        let mut mark = |id: &str, day: NaiveDate, cell: Cell, code: Option<&str>| {
            let Some(month) = day.with_day(1) else {
                return;
            };
            let slot = rows
                .entry(id.to_owned())
                .or_default()
                .entry(month)
                .or_insert((cell, BTreeSet::new()));
            slot.0 = slot.0.min(cell);
            if let Some(code) = code {
                slot.1
                    .insert(code.chars().filter(|c| c.is_ascii_alphanumeric()).collect());
            }
        };
        for f in &doc.findings {
            let Some(id) = &f.finding.participant_id else {
                continue;
            };
            if !is_visit_rule(&f.finding.code) {
                continue;
            }
            let cell = if f.is_waived() {
                Cell::Waived
            } else if f.finding.kind == FindingKind::NotEvaluated {
                Cell::NotEvaluated
            } else {
                Cell::Missed
            };
            mark(id.as_str(), f.finding.on, cell, Some(&f.finding.code));
        }
        for f in &doc.obligations {
            let o = &f.obligation;
            if let (Some(start), true) = (o.window_start, o.kind.contains("visit")) {
                mark(o.participant_id.as_str(), start, Cell::of(o.status), None);
            }
        }
        for (id, months) in rows {
            let mut line = format!(
                "{}\t{}\t",
                participant(Some(&id)),
                file_cell(&doc.entry.file, doc.entry.record)
            );
            for (month, (cell, codes)) in months {
                self.months.insert(month);
                let codes: Vec<String> = codes.into_iter().collect();
                let _ = write!(
                    line,
                    "{}={}{};",
                    month.format("%Y-%m"),
                    cell.letter(),
                    codes.join(",")
                );
            }
            line.push('\n');
            self.grid.write_all(line.as_bytes())?;
            self.grid_rows += 1;
        }
        Ok(())
    }

    fn write_page(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let title = match self.options.page {
            Page::Check => "hearth check report",
            Page::Due => "hearth due: obligations",
        };
        write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"hearth\">\n\
             <title>{title} as of {as_of}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n\
             <a class=\"skip\" href=\"#main\">Skip to the report</a>\n\
             <header>\n<h1>{title} <small>as of {as_of}</small></h1>\n"
        )?;
        self.write_header(as_of, summary, out)?;
        out.write_all(b"</header>\n<main id=\"main\">\n")?;
        self.write_rules(out)?;
        self.write_staff(out)?;
        self.write_grid(as_of, out)?;
        self.write_calendar(as_of, out)?;
        self.write_findings(out)?;
        self.write_files(out)?;
        write!(
            out,
            "</main>\n<footer><p>Written by hearth. The page holds ids, codes, dates, counts and JSON Pointers only: no names, birth dates, addresses or notes. It loads nothing from any other place.</p></footer>\n\
             <script>{SCRIPT}</script>\n</body>\n</html>\n"
        )
    }

    fn write_header(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let t = &summary.totals;
        let policies = if self.policies.is_empty() {
            "–".to_owned()
        } else {
            self.policies
                .iter()
                .map(|p| format!("<code>{}</code>", escape(p)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let dates = if self.as_ofs.is_empty() {
            format!("{as_of}")
        } else {
            self.as_ofs
                .iter()
                .map(|(d, n)| format!("{d} ({})", plural(*n, "file", "files")))
                .collect::<Vec<_>>()
                .join(", ")
        };
        write!(
            out,
            "<dl class=\"meta\">\n<dt>Policy</dt><dd>{policies}</dd>\n\
             <dt>Evaluation date</dt><dd>{as_of} for the run; files judged as of {dates}</dd>\n</dl>\n"
        )?;
        let cards: [(&str, usize, &str); 10] = [
            ("documents", summary.documents, ""),
            ("could not be read", summary.invalid, "bad"),
            ("participants", t.participants, ""),
            ("errors", t.errors, "bad"),
            ("warnings", t.warnings, "warn"),
            ("infos", t.infos, ""),
            ("waived", t.waived, "na"),
            ("not evaluated", t.not_evaluated, "warn"),
            ("obligations overdue", t.overdue, "bad"),
            ("obligations due soon", t.due_soon, "open"),
        ];
        out.write_all(b"<section aria-labelledby=\"totals\">\n<h2 id=\"totals\">Totals</h2>\n<ul class=\"cards\">\n")?;
        for (label, n, class) in cards {
            writeln!(
                out,
                "<li class=\"card {class}\" data-total=\"{}\"><strong>{n}</strong> {label}</li>",
                label.replace(' ', "-")
            )?;
        }
        out.write_all(b"</ul>\n</section>\n")
    }

    fn write_rules(&mut self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(
            b"<section aria-labelledby=\"by-rule\">\n<h2 id=\"by-rule\">Findings by rule</h2>\n",
        )?;
        if self.rules.is_empty() {
            out.write_all(b"<p>No findings.</p>\n</section>\n")?;
            return Ok(());
        }
        let mut ranked: Vec<(&String, &RuleStat)> = self.rules.iter().collect();
        ranked.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
        let bars: Vec<(String, usize, &str)> = ranked
            .iter()
            .take(CHART_RULES)
            .map(|(code, s)| ((*code).clone(), s.findings, severity_class(s.severity)))
            .collect();
        out.write_all(bar_chart("Findings per rule", &bars).as_bytes())?;
        if ranked.len() > CHART_RULES {
            writeln!(
                out,
                "<p>The chart shows the {CHART_RULES} rules with the most findings; the table lists all {}.</p>",
                ranked.len()
            )?;
        }
        out.write_all(
            b"<table class=\"sortable\" id=\"rules-table\">\n<caption>Findings per rule (all findings, waived and not evaluated included)</caption>\n\
              <thead><tr><th scope=\"col\">Rule</th><th scope=\"col\">Name</th><th scope=\"col\">Severity</th><th scope=\"col\">Requirements</th><th scope=\"col\">Findings</th><th scope=\"col\">Waived</th><th scope=\"col\">Not evaluated</th></tr></thead>\n<tbody>\n",
        )?;
        for (code, s) in &self.rules {
            writeln!(
                out,
                "<tr data-rule=\"{}\" data-count=\"{}\"><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(code),
                s.findings,
                anchor("rule-", code),
                escape(code),
                escape(&s.name),
                severity_label(s.severity),
                escape(&s.requirements.join(", ")),
                s.findings,
                s.waived,
                s.not_evaluated,
            )?;
        }
        out.write_all(b"</tbody>\n</table>\n</section>\n")
    }

    fn write_staff(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let open_words = match self.options.page {
            Page::Check => "obligations overdue, due soon or due in the next 30 days (overdue first, then by due date; later ones are counted, and <code>hearth due --staff ID</code> lists them) and the unwaived findings of their participants",
            Page::Due => "obligations (overdue first, then by due date)",
        };
        writeln!(
            out,
            "<section aria-labelledby=\"by-staff\">\n<h2 id=\"by-staff\">Worklists by case manager</h2>\n<p>Each case manager's {open_words}. Findings are assigned through the case manager of the participant's enrollment.</p>"
        )?;
        if self.staff.is_empty() {
            out.write_all(b"<p>Nothing to do.</p>\n</section>\n")?;
            return Ok(());
        }
        // The table of contents first.
        out.write_all(b"<table class=\"sortable\" id=\"staff-table\">\n<caption>Worklists</caption>\n<thead><tr><th scope=\"col\">Case manager</th><th scope=\"col\">Overdue</th><th scope=\"col\">Due soon</th><th scope=\"col\">Upcoming</th><th scope=\"col\">Other obligations</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n")?;
        for ((unassigned, id), s) in &self.staff {
            let n = |st: ObligationStatus| s.by_status.get(&st).copied().unwrap_or(0);
            let all: usize = s.by_status.values().sum();
            let other = all
                .saturating_sub(n(ObligationStatus::Overdue))
                .saturating_sub(n(ObligationStatus::DueSoon))
                .saturating_sub(n(ObligationStatus::Upcoming));
            writeln!(
                out,
                "<tr><th scope=\"row\"><a href=\"#{}\">{}</a></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                staff_anchor(*unassigned, id),
                staff_name(*unassigned, id),
                n(ObligationStatus::Overdue),
                n(ObligationStatus::DueSoon),
                n(ObligationStatus::Upcoming),
                other,
                s.finding_count,
            )?;
        }
        out.write_all(b"</tbody>\n</table>\n")?;
        let many = self.staff.len() > 1;
        for ((unassigned, id), s) in self.staff.iter_mut() {
            let count = s.listed;
            writeln!(
                out,
                "<section class=\"staff\" id=\"{}\" data-staff=\"{}\" aria-labelledby=\"{}-h\">\n<h3 id=\"{}-h\">{}</h3>",
                staff_anchor(*unassigned, id),
                if *unassigned { String::new() } else { escape(id) },
                staff_anchor(*unassigned, id),
                staff_anchor(*unassigned, id),
                staff_name(*unassigned, id),
            )?;
            writeln!(
                out,
                "<details{}><summary>{} listed and {}</summary>",
                if many { "" } else { " open" },
                plural(count, "obligation", "obligations"),
                plural(s.finding_count, "finding", "findings"),
            )?;
            if count > 0 {
                out.write_all(b"<table class=\"sortable paged worklist\">\n<caption>Obligations</caption>\n<thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Status</th><th scope=\"col\">Participant</th><th scope=\"col\">Rule</th><th scope=\"col\">What</th><th scope=\"col\">File</th></tr></thead>\n<tbody>\n")?;
                // One case manager's rows in memory at a time, sorted by their key.
                let mut rows: Vec<String> = Vec::new();
                s.obligations.each_line(|line| {
                    rows.push(line.to_owned());
                    Ok(())
                })?;
                rows.sort();
                for row in rows {
                    let html = row.split_once('\t').map_or("", |(_, html)| html);
                    writeln!(out, "{html}")?;
                }
                out.write_all(b"</tbody>\n</table>\n")?;
            }
            if s.finding_count > 0 {
                out.write_all(b"<table class=\"sortable paged\">\n<caption>Findings</caption>\n<thead><tr><th scope=\"col\">Participant</th><th scope=\"col\">Rule</th><th scope=\"col\">Status</th><th scope=\"col\">Date</th><th scope=\"col\">Where</th><th scope=\"col\">What is wrong</th></tr></thead>\n<tbody>\n")?;
                s.findings.copy_to(out)?;
                out.write_all(b"</tbody>\n</table>\n")?;
            }
            out.write_all(b"</details>\n</section>\n")?;
        }
        out.write_all(b"</section>\n")
    }

    fn write_grid(&mut self, as_of: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"<section aria-labelledby=\"visits\">\n<h2 id=\"visits\">Visit compliance by month</h2>\n")?;
        if self.grid_rows == 0 {
            out.write_all(
                b"<p>No monthly visit requirement applies to the documents read.</p>\n</section>\n",
            )?;
            return Ok(());
        }
        // The latest months, one column each, gaps included.
        let mut months: Vec<NaiveDate> = Vec::new();
        let first = self.months.first().copied();
        let mut month = self.months.last().copied().max(as_of.with_day(1));
        while let Some(m) =
            month.filter(|m| months.len() < GRID_MONTHS && first.is_some_and(|f| *m >= f))
        {
            months.push(m);
            month = m.checked_sub_months(chrono::Months::new(1));
        }
        months.reverse();
        let shown: Vec<String> = months
            .iter()
            .map(|m| m.format("%Y-%m").to_string())
            .collect();
        writeln!(
            out,
            "<p>One row per participant the visit rules report on, for up to {GRID_MONTHS} months to the evaluation month: <em>not met</em> (a visit rule's finding that month, its code beside), <em>not evaluated</em>, <em>waived</em>, <em>not yet due</em> (the month in progress), or <em>met</em> (no finding, from the participant's first reported month to the last). Months outside that span are <em>n/a</em>: the report does not say whether the participant was enrolled then. Participants with every month met are listed by id below the grid.</p>"
        )?;
        out.write_all(b"<details open><summary>Participants with a month not met</summary>\n<table class=\"sortable paged grid\">\n<caption>Visit compliance by month</caption>\n<thead><tr><th scope=\"col\">Participant</th><th scope=\"col\">File</th>")?;
        for m in &shown {
            write!(out, "<th scope=\"col\">{m}</th>")?;
        }
        out.write_all(b"</tr></thead>\n<tbody>\n")?;
        let mut all_met: Vec<String> = Vec::new();
        let mut problem_rows = 0usize;
        let mut rows_out: Vec<u8> = Vec::new();
        self.grid.each_line(|line| {
            let mut parts = line.splitn(3, '\t');
            let (Some(who), Some(file), Some(cells)) = (parts.next(), parts.next(), parts.next())
            else {
                return Ok(());
            };
            let mut by_month: BTreeMap<&str, (Cell, &str)> = BTreeMap::new();
            for entry in cells.split(';') {
                if let Some((month, rest)) = entry.split_once('=') {
                    let mut chars = rest.chars();
                    if let Some(cell) = chars.next().and_then(Cell::from_letter) {
                        by_month.insert(month, (cell, chars.as_str()));
                    }
                }
            }
            let (Some(first), Some(last)) = (
                by_month.keys().next().copied(),
                by_month.keys().next_back().copied(),
            ) else {
                return Ok(());
            };
            let in_view: Vec<(Cell, &str)> = shown
                .iter()
                .map(|m| match by_month.get(m.as_str()) {
                    Some(cell) => *cell,
                    None if m.as_str() > first && m.as_str() < last => (Cell::Met, ""),
                    None => (Cell::NotApplicable, ""),
                })
                .collect();
            if in_view.iter().all(|(c, _)| *c > Cell::NotEvaluated) {
                all_met.push(who.to_owned());
                return Ok(());
            }
            problem_rows += 1;
            let mut row = format!("<tr><th scope=\"row\">{who}</th><td>{file}</td>");
            for (cell, codes) in in_view {
                let _ = write!(row, "<td class=\"{}\">{}", cell.class(), cell.label());
                if !codes.is_empty() {
                    let _ = write!(row, " <small>{}</small>", escape(&codes.replace(',', " ")));
                }
                row.push_str("</td>");
            }
            row.push_str("</tr>\n");
            rows_out.extend_from_slice(row.as_bytes());
            if rows_out.len() > 1 << 16 {
                out.write_all(&rows_out)?;
                rows_out.clear();
            }
            Ok(())
        })?;
        out.write_all(&rows_out)?;
        out.write_all(b"</tbody>\n</table>\n")?;
        if problem_rows == 0 {
            out.write_all(b"<p>Every participant met every month shown.</p>\n")?;
        }
        out.write_all(b"</details>\n")?;
        writeln!(
            out,
            "<details><summary>{} met every month shown</summary>\n<p class=\"ids\">{}</p>\n</details>\n</section>",
            plural(all_met.len(), "participant", "participants"),
            all_met.join(" ")
        )
    }

    fn write_calendar(&mut self, as_of: NaiveDate, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<section aria-labelledby=\"calendar\">\n<h2 id=\"calendar\">Due in the next {CALENDAR_DAYS} days</h2>\n<p>Open obligations by due date, from {as_of}. Overdue ones are in the worklists above.</p>"
        )?;
        let Some(last) = as_of.checked_add_days(Days::new(CALENDAR_DAYS)) else {
            out.write_all(b"<p>No calendar past the last date.</p>\n</section>\n")?;
            return Ok(());
        };
        // Weeks from the Monday on or before the evaluation date.
        let back = u64::from(as_of.weekday().num_days_from_monday());
        let mut day = as_of.checked_sub_days(Days::new(back)).unwrap_or(as_of);
        out.write_all(
            b"<table class=\"calendar\">\n<caption>Obligations due per day</caption>\n<thead><tr>",
        )?;
        for name in ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] {
            write!(out, "<th scope=\"col\">{name}</th>")?;
        }
        out.write_all(b"</tr></thead>\n<tbody>\n")?;
        while day <= last {
            out.write_all(b"<tr>")?;
            for _ in 0..7 {
                if day < as_of || day > last {
                    out.write_all(b"<td class=\"out\"></td>")?;
                } else {
                    let entry = self.calendar.get(&day);
                    let count = entry.map_or(0, |d| d.count);
                    write!(
                        out,
                        "<td data-date=\"{day}\" data-due=\"{count}\"><span class=\"date\">{}</span>",
                        day.format("%b %-d")
                    )?;
                    if let Some(d) = entry.filter(|d| d.count > 0) {
                        write!(
                            out,
                            " <strong>{}</strong><ul>",
                            plural(d.count, "due", "due")
                        )?;
                        for item in &d.items {
                            write!(out, "<li>{item}</li>")?;
                        }
                        if d.count > d.items.len() {
                            write!(out, "<li>and {} more</li>", d.count - d.items.len())?;
                        }
                        out.write_all(b"</ul>")?;
                    }
                    out.write_all(b"</td>")?;
                }
                match day.succ_opt() {
                    Some(next) => day = next,
                    None => break,
                }
            }
            out.write_all(b"</tr>\n")?;
            if day == NaiveDate::MAX {
                break;
            }
        }
        out.write_all(b"</tbody>\n</table>\n")?;
        let bars: Vec<(String, usize, &str)> = ObligationStatus::ALL
            .iter()
            .map(|s| {
                (
                    s.as_str().to_owned(),
                    self.statuses.get(s).copied().unwrap_or(0),
                    status_class(*s),
                )
            })
            .collect();
        if bars.iter().any(|b| b.1 > 0) {
            out.write_all(bar_chart("Obligations by status", &bars).as_bytes())?;
        }
        out.write_all(b"</section>\n")
    }

    fn write_findings(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.rules.is_empty() {
            return Ok(());
        }
        out.write_all(b"<section aria-labelledby=\"rules\">\n<h2 id=\"rules\">Rules and their findings</h2>\n")?;
        for (code, s) in self.rules.iter_mut() {
            let id = anchor("rule-", code);
            writeln!(
                out,
                "<section class=\"rule\" id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h3 id=\"{id}-h\">{} <small>{}</small></h3>",
                escape(code),
                escape(&s.name)
            )?;
            out.write_all(explanation(code, s).as_bytes())?;
            writeln!(
                out,
                "<details><summary>{}</summary>\n<table class=\"sortable paged findings\" data-rule=\"{}\">\n<caption>Findings of {}</caption>\n<thead><tr><th scope=\"col\">Participant</th><th scope=\"col\">File</th><th scope=\"col\">Line</th><th scope=\"col\">JSON Pointer</th><th scope=\"col\">Date</th><th scope=\"col\">Status</th><th scope=\"col\">What is wrong</th></tr></thead>\n<tbody>",
                plural(s.findings, "finding", "findings"),
                escape(code),
                escape(code),
            )?;
            s.rows.copy_to(out)?;
            out.write_all(b"</tbody>\n</table>\n</details>\n</section>\n")?;
        }
        out.write_all(b"</section>\n")
    }

    fn write_files(&mut self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(
            out,
            "<section aria-labelledby=\"files\">\n<h2 id=\"files\">Files read</h2>\n<details><summary>{}</summary>\n<table class=\"sortable paged\">\n<caption>Documents</caption>\n<thead><tr><th scope=\"col\">File</th><th scope=\"col\">Kind</th><th scope=\"col\">Policy</th><th scope=\"col\">As of</th><th scope=\"col\">Participants</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>",
            plural(self.file_count, "document", "documents")
        )?;
        self.files.copy_to(out)?;
        out.write_all(b"</tbody>\n</table>\n</details>\n</section>\n")
    }
}

impl Sink for HtmlSink {
    fn document(
        &mut self,
        doc: &DocumentResult,
        _text: Option<&str>,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        let e = &doc.entry;
        self.file_count += 1;
        if let Some(policy) = &e.policy {
            self.policies.insert(policy.clone());
        }
        if let Some(as_of) = e.as_of {
            *self.as_ofs.entry(as_of).or_default() += 1;
        }
        let row = format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
            file_cell(&e.file, e.record),
            kind_label(e.kind),
            e.policy.as_deref().map_or_else(|| "–".to_owned(), escape),
            e.as_of.map_or_else(|| "–".to_owned(), |d| d.to_string()),
            e.participants,
            e.findings,
        );
        self.files.write_all(row.as_bytes())?;
        // Findings go to their participant's case manager (from the enrollment the
        // obligations name).
        let mut managers: HashMap<&str, &str> = HashMap::new();
        for f in &doc.obligations {
            if let Some(m) = &f.obligation.case_manager {
                managers
                    .entry(f.obligation.participant_id.as_str())
                    .or_insert(m.as_str());
            }
        }
        for f in &doc.findings {
            let manager = f
                .finding
                .participant_id
                .as_ref()
                .and_then(|p| managers.get(p.as_str()).copied());
            self.finding(f, manager)?;
        }
        for f in &doc.obligations {
            self.obligation(f, e.as_of)?;
        }
        self.grid(doc)
    }

    fn finish(
        &mut self,
        as_of: NaiveDate,
        summary: &CheckSummary,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        self.write_page(as_of, summary, out)
    }
}

/// The embedded explanation of a rule: the catalog's summary and citations when the
/// rule is built in, then the requirements and what to do from its findings.
fn explanation(code: &str, s: &RuleStat) -> String {
    let mut html = String::from("<dl class=\"explain\">\n");
    if let Some(rule) = registry::find(code) {
        let meta = rule.meta();
        let _ = writeln!(
            html,
            "<dt>What it checks</dt><dd>{}</dd>",
            escape(meta.summary)
        );
        if !meta.requirements.is_empty() {
            html.push_str("<dt>Requirements</dt><dd><ul>");
            for c in meta.requirements {
                let _ = write!(
                    html,
                    "<li><code>{}</code> — {}, {}</li>",
                    escape(c.id),
                    escape(c.source),
                    escape(c.section)
                );
            }
            html.push_str("</ul></dd>\n");
        }
    } else if !s.requirements.is_empty() {
        let _ = writeln!(
            html,
            "<dt>Requirements</dt><dd>{}</dd>",
            escape(&s.requirements.join(", "))
        );
    }
    let _ = writeln!(
        html,
        "<dt>Severity</dt><dd>{}</dd>\n<dt>What to do</dt><dd>{}</dd>\n</dl>",
        severity_label(s.severity),
        escape(&s.help)
    );
    html
}

/// A horizontal bar chart as inline SVG, each bar labelled with its name and count (the
/// same numbers are in a table beside it).
fn bar_chart(title: &str, bars: &[(String, usize, &str)]) -> String {
    const ROW: usize = 22;
    const LABEL: usize = 150;
    const WIDTH: usize = 640;
    let max = bars.iter().map(|b| b.1).max().unwrap_or(0).max(1);
    let height = ROW * bars.len() + 8;
    let id = anchor("chart-", title);
    let mut svg = format!(
        "<figure class=\"chart\">\n<svg role=\"img\" aria-labelledby=\"{id}\" width=\"{WIDTH}\" height=\"{height}\" viewBox=\"0 0 {WIDTH} {height}\" xmlns=\"http://www.w3.org/2000/svg\">\n<title id=\"{id}\">{}</title>\n",
        escape(title)
    );
    let span = WIDTH - LABEL - 60;
    for (i, (label, n, class)) in bars.iter().enumerate() {
        let y = i * ROW + 4;
        let w = if *n == 0 { 0 } else { (n * span / max).max(1) };
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"{class}\" x=\"{LABEL}\" y=\"{y}\" width=\"{w}\" height=\"{}\"><title>{}: {n}</title></rect><text x=\"{}\" y=\"{}\">{n}</text>",
            LABEL - 6,
            y + 14,
            escape(label),
            ROW - 6,
            escape(label),
            LABEL + w + 4,
            y + 14,
        );
    }
    let _ = write!(
        svg,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>\n",
        escape(title)
    );
    svg
}

/// Whether `code` is a rule about contacts and visits (`VISIT…`).
fn is_visit_rule(code: &str) -> bool {
    registry::find(code).map_or_else(
        || code.starts_with("VISIT"),
        |rule| rule.meta().area == Area::Visit,
    )
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn participant(id: Option<&str>) -> String {
    id.map_or_else(|| "–".to_owned(), |p| format!("<code>{}</code>", escape(p)))
}

fn pointer(path: &str) -> String {
    if path.is_empty() {
        "(whole document)".to_owned()
    } else {
        escape(path)
    }
}

fn file_cell(file: &str, record: Option<u32>) -> String {
    match record {
        Some(r) => format!("{}:{r}", escape(file)),
        None => escape(file),
    }
}

fn location(f: &LocatedFinding) -> String {
    let mut text = file_cell(&f.file, f.record);
    if let Some(line) = f.line {
        let _ = write!(text, " line {line}");
    }
    let _ = write!(text, " <code>{}</code>", pointer(&f.finding.path));
    text
}

fn finding_status(f: &LocatedFinding) -> String {
    if let Some(w) = &f.finding.waiver {
        return format!("waived ({})", escape(w));
    }
    match f.finding.kind {
        FindingKind::Violation => severity_label(f.finding.severity).to_owned(),
        FindingKind::NotEvaluated => "not evaluated".to_owned(),
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity.as_str() {
        "error" => "<span class=\"sev bad\">error</span>",
        "warning" => "<span class=\"sev warn\">warning</span>",
        _ => "<span class=\"sev\">info</span>",
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity.as_str() {
        "error" => "bad",
        "warning" => "warn",
        _ => "info",
    }
}

fn status_label(status: ObligationStatus) -> String {
    format!(
        "<span class=\"st {}\">{}</span>",
        status_class(status),
        status.as_str()
    )
}

fn status_class(status: ObligationStatus) -> &'static str {
    match status {
        ObligationStatus::Overdue => "bad",
        ObligationStatus::DueSoon => "open",
        ObligationStatus::Upcoming => "info",
        ObligationStatus::DoneLate => "late",
        ObligationStatus::Done => "ok",
        ObligationStatus::NotApplicable | ObligationStatus::Waived => "na",
    }
}

fn kind_label(kind: DocumentKind) -> &'static str {
    match kind {
        DocumentKind::CaseFile => "case file",
        DocumentKind::Caseload => "caseload",
        DocumentKind::CatalogExtension => "catalog extension",
        DocumentKind::Invalid => "could not be read",
    }
}

fn staff_anchor(unassigned: bool, id: &str) -> String {
    if unassigned {
        "staff--none".to_owned()
    } else {
        anchor("staff-", id)
    }
}

fn staff_name(unassigned: bool, id: &str) -> String {
    if unassigned {
        "No case manager on record".to_owned()
    } else {
        format!("Case manager <code>{}</code>", escape(id))
    }
}

/// The page's styles: readable on screen, in high contrast, and printed.
const STYLE: &str = r#"
:root{--bad:#b00020;--warn:#8a5a00;--ok:#1b6e20;--open:#0b57a4;--late:#6b4fa0;--na:#5f6368;--bg:#fff;--fg:#1d1d1f;--line:#d0d4d9}
*{box-sizing:border-box}
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;max-width:1200px;padding:0 1rem 2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#ffd;padding:.3rem}
h1{margin:1rem 0 .3rem}h1 small{font-weight:normal;color:var(--na)}
h2{border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3 small{font-weight:normal;color:var(--na)}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.92em;overflow-wrap:anywhere}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dl.meta dt{font-weight:600}dl.meta dd{margin:0}
.cards{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
.card{border:1px solid var(--line);border-left:6px solid var(--na);border-radius:4px;padding:.4rem .7rem;min-width:9rem}
.card strong{display:block;font-size:1.5rem}
.card.bad{border-left-color:var(--bad)}.card.warn{border-left-color:var(--warn)}.card.open{border-left-color:var(--open)}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}
caption{text-align:left;font-weight:600;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.25rem .45rem;text-align:left;vertical-align:top}
thead th{background:#f1f3f4;position:sticky;top:0}
td.bad,.st.bad,.sev.bad{color:var(--bad);font-weight:600}td.ok,.st.ok{color:var(--ok)}td.open,.st.open{color:var(--open)}
td.late,.st.late{color:var(--late)}td.na,.st.na{color:var(--na)}.sev.warn{color:var(--warn);font-weight:600}
td.bad{background:#fdecee}td.ok{background:#eef7ee}
.grid td{white-space:nowrap;font-size:.9em}
.calendar td{height:5rem;width:14.28%;font-size:.85em}.calendar td.out{background:#f8f9fa}
.calendar ul{margin:.2rem 0;padding-left:1rem}.calendar .date{color:var(--na)}
figure.chart{margin:.5rem 0}figure.chart svg{max-width:100%;height:auto;font:12px system-ui,sans-serif}
svg rect{fill:var(--na)}svg rect.bad{fill:var(--bad)}svg rect.warn{fill:var(--warn)}svg rect.info,svg rect.open{fill:var(--open)}svg rect.ok{fill:var(--ok)}svg rect.late{fill:var(--late)}
details{margin:.4rem 0}summary{cursor:pointer;font-weight:600}
.ids{overflow-wrap:anywhere;font-family:ui-monospace,monospace;font-size:.85em}
.tools{display:flex;gap:.5rem;align-items:center;flex-wrap:wrap;margin:.3rem 0}
.tools input{padding:.2rem .4rem}
th button{all:inherit;cursor:pointer;text-decoration:underline dotted}
footer{margin-top:2rem;color:var(--na);font-size:.9em}
@media print{.tools,.skip{display:none}tr[hidden]{display:table-row!important}thead th{position:static}body{max-width:none}a{color:inherit;text-decoration:none}section.rule,section.staff{break-inside:auto}}
"#;

/// The page's script: sorting, filtering and paging of long tables, and every section
/// opened before printing. The page is complete without it.
const SCRIPT: &str = r#"
(function(){
var PAGE=50;
function rows(t){return Array.prototype.slice.call(t.tBodies[0]?t.tBodies[0].rows:[]);}
function show(t){
  var q=(t._q||'').toLowerCase(),all=rows(t),hit=all.filter(function(r){return !q||r.textContent.toLowerCase().indexOf(q)>=0;});
  var paged=t.classList.contains('paged'),pages=Math.max(1,Math.ceil(hit.length/PAGE));
  t._p=Math.min(t._p||0,pages-1);
  all.forEach(function(r){r.hidden=true;});
  hit.forEach(function(r,i){if(!paged||Math.floor(i/PAGE)===t._p)r.hidden=false;});
  if(t._info)t._info.textContent=hit.length+' of '+all.length+' rows'+(paged&&pages>1?', page '+(t._p+1)+' of '+pages:'');
  if(t._prev){t._prev.disabled=t._p<=0;t._next.disabled=t._p>=pages-1;}
}
function button(text,f){var b=document.createElement('button');b.type='button';b.textContent=text;b.addEventListener('click',f);return b;}
document.querySelectorAll('table.sortable').forEach(function(t){
  var n=rows(t).length;
  if(n>10){
    var bar=document.createElement('div');bar.className='tools';
    var input=document.createElement('input');input.type='search';input.placeholder='Filter rows';
    input.setAttribute('aria-label','Filter the rows of '+(t.caption?t.caption.textContent:'the table'));
    input.addEventListener('input',function(){t._q=input.value;t._p=0;show(t);});
    bar.appendChild(input);
    if(t.classList.contains('paged')&&n>PAGE){
      t._prev=button('Previous',function(){t._p--;show(t);});t._next=button('Next',function(){t._p++;show(t);});
      bar.appendChild(t._prev);bar.appendChild(t._next);
    }
    t._info=document.createElement('span');t._info.setAttribute('aria-live','polite');bar.appendChild(t._info);
    t.parentNode.insertBefore(bar,t);show(t);
  }
  var heads=t.tHead?t.tHead.rows[0].cells:[];
  Array.prototype.forEach.call(heads,function(th,col){
    var b=button(th.textContent,function(){
      var asc=th.getAttribute('aria-sort')!=='ascending';
      Array.prototype.forEach.call(heads,function(h){h.removeAttribute('aria-sort');});
      th.setAttribute('aria-sort',asc?'ascending':'descending');
      var body=t.tBodies[0],list=rows(t);
      list.sort(function(a,b){
        var x=a.cells[col]?a.cells[col].textContent:'',y=b.cells[col]?b.cells[col].textContent:'';
        var nx=parseFloat(x),ny=parseFloat(y),c=(!isNaN(nx)&&!isNaN(ny)&&String(nx)===x.trim()&&String(ny)===y.trim())?nx-ny:x.localeCompare(y);
        return asc?c:-c;});
      list.forEach(function(r){body.appendChild(r);});t._p=0;show(t);
    });
    th.textContent='';th.appendChild(b);
  });
});
window.addEventListener('beforeprint',function(){
  document.querySelectorAll('details').forEach(function(d){d.open=true;});
  document.querySelectorAll('tr[hidden]').forEach(function(r){r.hidden=false;});
});
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Document;
    use crate::render::fixture;

    fn html(report: &CheckReport) -> String {
        let mut out = Vec::new();
        write(report, Options::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn snapshot_of_the_fixture() {
        insta::assert_snapshot!(html(&fixture::report()));
    }

    #[test]
    fn the_page_is_deterministic_and_streams_like_the_whole_report() {
        let report = fixture::report();
        let whole = html(&report);
        let mut sink = HtmlSink::new(Options::default());
        let mut out = Vec::new();
        super::super::feed(&mut sink, &report, &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), whole);
        assert_eq!(html(&report), whole);
    }

    #[test]
    fn every_rule_is_counted_as_in_the_report() {
        let report = fixture::report();
        let page = html(&report);
        let mut codes: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &report.findings {
            *codes.entry(f.finding.code.as_str()).or_default() += 1;
        }
        assert!(codes.len() > 2);
        for (code, n) in codes {
            assert!(
                page.contains(&format!("data-rule=\"{code}\" data-count=\"{n}\"")),
                "{code}: {n}"
            );
        }
    }

    #[test]
    fn the_page_loads_nothing_and_has_one_script() {
        let page = html(&fixture::report());
        assert!(page.contains("default-src 'none'"));
        assert_eq!(page.matches("<script").count(), 1);
        for outside in ["src=\"http", "href=\"http", "url(", "@import", "src=\"//"] {
            assert!(!page.contains(outside), "{outside}");
        }
    }

    #[test]
    fn escape_leaves_no_markup_quote_or_control() {
        assert_eq!(
            escape("<script>alert('x')</script>&\"\u{0}\u{7}\n"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;\u{FFFD}\u{FFFD} "
        );
        assert_eq!(anchor("r-", "A b<"), "r-A_20_b_3c_");
    }

    /// Ids, file names and a waiver id holding markup, quotes and control characters
    /// come out escaped wherever they are shown.
    #[test]
    fn every_input_value_is_escaped() {
        let hostile = "P-<script>alert(\"x\")</script>'\u{1}\u{1b}[31m";
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../examples/data/cases/stl-coc.json"
        ))
        .unwrap()
        .replace(
            "STL-2025-0611",
            hostile
                .replace('"', "\\\"")
                .replace('\u{1}', "\\u0001")
                .replace('\u{1b}', "\\u001b")
                .as_str(),
        );
        let policy = hearth_rules::Policy::builtin("stl-coc").unwrap();
        let as_of = fixture::AS_OF.parse().unwrap();
        let file = "dir/<img src=x onerror=alert(1)>\"'\u{7}.json";
        let report = CheckReport::new(
            as_of,
            vec![Document::new(file, &text).check(&policy, as_of)],
        );
        assert!(
            report.findings.iter().any(|f| f
                .finding
                .participant_id
                .as_ref()
                .is_some_and(|p| p.as_str() == hostile)),
            "the hostile id must reach the report"
        );
        let page = html(&report);
        assert_eq!(
            page.matches("<script").count(),
            1,
            "only the page's own script"
        );
        assert!(!page.contains("<img"));
        assert!(!page.contains(hostile));
        assert!(!page.contains(file));
        assert!(!page.contains('\u{1}') && !page.contains('\u{7}') && !page.contains('\u{1b}'));
        assert!(page.contains("P-&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39;"));
        assert!(page.contains("dir/&lt;img src=x onerror=alert(1)&gt;&quot;&#39;\u{FFFD}.json"));
    }

    #[test]
    fn an_empty_run_is_a_whole_page() {
        let report = CheckReport::new(fixture::AS_OF.parse().unwrap(), Vec::new());
        let page = html(&report);
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.ends_with("</html>\n"));
        assert!(page.contains("<p>No findings.</p>"));
    }

    #[test]
    fn the_last_date_does_not_loop() {
        let report = CheckReport::new(NaiveDate::MAX, Vec::new());
        assert!(html(&report).contains("No calendar past the last date"));
        let report = CheckReport::new(NaiveDate::MIN, Vec::new());
        assert!(html(&report).contains("</html>"));
    }
}
