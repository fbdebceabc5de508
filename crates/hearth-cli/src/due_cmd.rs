//! `hearth due`: the obligations agenda. Every obligation of the documents checked, as a
//! worklist sorted by due date, filterable by participant, staff member and status.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use hearth::batch::{FiledObligation, LocatedFinding};
use hearth::ObligationStatus;
use serde::Serialize;

use crate::check_cmd::{run_batch, Filter, InputArgs};
use crate::config::Config;
use crate::error::CliError;
use crate::Format;

/// What `--status` asks for: one status, or every one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusArg {
    /// Every status.
    All,
    /// One status.
    Only(ObligationStatus),
}

impl StatusArg {
    fn admits(self, status: ObligationStatus) -> bool {
        match self {
            StatusArg::All => true,
            StatusArg::Only(wanted) => wanted == status,
        }
    }
}

/// `all`, or a status as reports write it (`overdue`, `due-soon`, …).
fn parse_status(s: &str) -> Result<StatusArg, String> {
    if s == "all" {
        return Ok(StatusArg::All);
    }
    s.parse()
        .map(StatusArg::Only)
        .map_err(|e: String| format!("{e}, or all"))
}

/// Arguments of `hearth due`.
#[derive(Debug, Args)]
pub struct DueArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only this participant (repeatable).
    #[arg(long, value_name = "ID")]
    pub participant: Vec<String>,
    /// Only obligations of enrollments this staff member manages (repeatable).
    #[arg(long, value_name = "STAFF_ID")]
    pub staff: Vec<String>,
    /// Only these statuses (repeatable, comma-separated): overdue, due-soon, upcoming,
    /// done-late, done, not-applicable, waived, or all. Default: the open ones —
    /// overdue, due-soon, upcoming.
    #[arg(long, value_name = "STATUS", value_delimiter = ',', value_parser = parse_status)]
    pub status: Vec<StatusArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Serialize)]
struct Agenda<'a> {
    as_of: chrono::NaiveDate,
    obligations: Vec<Row<'a>>,
    /// Documents that could not be read (their `INPUT001` findings): an agenda without
    /// them would be silently short.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    unreadable: &'a [LocatedFinding],
}

/// One obligation of the agenda with the date its file was judged as of.
#[derive(Debug, Serialize)]
struct Row<'a> {
    #[serde(flatten)]
    obligation: &'a FiledObligation,
    /// The date the obligation's file was judged as of (each file may have its own).
    #[serde(skip_serializing_if = "Option::is_none")]
    file_as_of: Option<chrono::NaiveDate>,
}

/// Runs `hearth due`: exit 0 with the agenda, 2 when hearth could not run.
pub fn run(args: &DueArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let config = Config::find(args.input.config.as_deref(), args.input.isolated)?;
    let mut obligations: Vec<(FiledObligation, Option<chrono::NaiveDate>)> = Vec::new();
    let mut unreadable: Vec<LocatedFinding> = Vec::new();
    let statuses = if args.status.is_empty() {
        vec![
            StatusArg::Only(ObligationStatus::Overdue),
            StatusArg::Only(ObligationStatus::DueSoon),
            StatusArg::Only(ObligationStatus::Upcoming),
        ]
    } else {
        args.status.clone()
    };
    // A worklist is sorted across every document, so the matching obligations are kept
    // (only those: findings and other obligations pass by).
    let admits = |f: &FiledObligation| {
        let o = &f.obligation;
        statuses.iter().any(|s| s.admits(o.status))
            && (args.participant.is_empty()
                || args
                    .participant
                    .iter()
                    .any(|p| p == o.participant_id.as_str()))
            && (args.staff.is_empty()
                || o.case_manager
                    .as_ref()
                    .is_some_and(|m| args.staff.iter().any(|s| s == m.as_str())))
    };
    let as_of = run_batch(
        &args.input,
        &config,
        &Filter::default(),
        false,
        &mut |doc, _| {
            let file_as_of = doc.entry.as_of;
            obligations.extend(
                doc.obligations
                    .into_iter()
                    .filter(|f| admits(f))
                    .map(|f| (f, file_as_of)),
            );
            if doc.summary.invalid > 0 {
                unreadable.extend(doc.findings);
            }
            Ok(())
        },
    )?;
    let mut agenda: Vec<Row<'_>> = obligations
        .iter()
        .map(|(obligation, file_as_of)| Row {
            obligation,
            file_as_of: *file_as_of,
        })
        .collect();
    // A worklist: by due date (undated last), then participant, then the rest.
    agenda.sort_by_key(|row| {
        let f = row.obligation;
        let o = &f.obligation;
        (
            o.due_on.is_none(),
            o.due_on,
            o.participant_id.as_str(),
            o.code.as_str(),
            o.kind.as_str(),
            o.path.as_str(),
            f.file.as_str(),
            f.record,
        )
    });
    match args.format {
        Format::Json => {
            let text = serde_json::to_string_pretty(&Agenda {
                as_of,
                obligations: agenda,
                unreadable: &unreadable,
            })
            .map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        Format::Text => {
            for row in &agenda {
                let o = &row.obligation.obligation;
                // Each file is judged as of its own date: a row whose file's date is
                // not the run's says so.
                let judged = row
                    .file_as_of
                    .filter(|d| *d != as_of)
                    .map(|d| format!("  (as of {d})"))
                    .unwrap_or_default();
                let due = o.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string());
                let staff = o.case_manager.as_ref().map_or("-", |s| s.as_str());
                let remaining = o
                    .remaining
                    .filter(|r| *r > 0)
                    .map(|r| format!(" ({r} still needed)"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{due}  {:<9} {:<18} {:<14} {:<12} {} {}: {}{remaining}{judged}",
                    o.status.as_str(),
                    o.kind,
                    o.participant_id,
                    staff,
                    o.code,
                    o.requirement,
                    o.description,
                )?;
            }
            for f in &unreadable {
                let place = match (f.line, f.column) {
                    (Some(line), Some(column)) => format!(":{line}:{column}"),
                    (Some(line), None) => format!(":{line}"),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "could not be read: {}{place}: {} {}",
                    f.file.escape_debug(),
                    f.finding.code,
                    f.finding.message
                )?;
            }
            let count = |n: usize, one: &str, many: &str| {
                format!("{n} {}", if n == 1 { one } else { many })
            };
            let unread = if unreadable.is_empty() {
                String::new()
            } else {
                format!(
                    "; {} could not be read",
                    count(unreadable.len(), "document", "documents")
                )
            };
            writeln!(
                out,
                "{} as of {} ({} overdue, {} due soon){unread}",
                count(agenda.len(), "obligation", "obligations"),
                as_of,
                agenda
                    .iter()
                    .filter(|r| r.obligation.obligation.status == ObligationStatus::Overdue)
                    .count(),
                agenda
                    .iter()
                    .filter(|r| r.obligation.obligation.status == ObligationStatus::DueSoon)
                    .count(),
            )?;
        }
    }
    // An agenda that left documents out is not a complete worklist: exit 1, as check.
    Ok(if unreadable.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
