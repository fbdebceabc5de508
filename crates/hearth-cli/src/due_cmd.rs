//! `hearth due`: the obligations agenda. Every obligation of the documents checked, as a
//! worklist sorted by due date, filterable by participant, staff member and status.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use hearth::batch::FiledObligation;
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
    obligations: Vec<&'a FiledObligation>,
}

/// Runs `hearth due`: exit 0 with the agenda, 2 when hearth could not run.
pub fn run(args: &DueArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let config = Config::find(args.input.config.as_deref(), args.input.isolated)?;
    let mut obligations: Vec<FiledObligation> = Vec::new();
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
            obligations.extend(doc.obligations.into_iter().filter(|f| admits(f)));
            Ok(())
        },
    )?;
    let mut agenda: Vec<&FiledObligation> = obligations.iter().collect();
    // A worklist: by due date (undated last), then participant, then the rest.
    agenda.sort_by_key(|f| {
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
            })
            .map_err(std::io::Error::other)?;
            writeln!(out, "{text}")?;
        }
        Format::Text => {
            for o in agenda.iter().map(|f| &f.obligation) {
                let due = o.due_on.map_or_else(|| "-".to_owned(), |d| d.to_string());
                let staff = o.case_manager.as_ref().map_or("-", |s| s.as_str());
                let remaining = o
                    .remaining
                    .filter(|r| *r > 0)
                    .map(|r| format!(" ({r} still needed)"))
                    .unwrap_or_default();
                writeln!(
                    out,
                    "{due}  {:<9} {:<18} {:<14} {:<12} {} {}: {}{remaining}",
                    o.status.as_str(),
                    o.kind,
                    o.participant_id,
                    staff,
                    o.code,
                    o.requirement,
                    o.description,
                )?;
            }
            writeln!(
                out,
                "{} obligations as of {} ({} overdue, {} due soon)",
                agenda.len(),
                as_of,
                agenda
                    .iter()
                    .filter(|f| f.obligation.status == ObligationStatus::Overdue)
                    .count(),
                agenda
                    .iter()
                    .filter(|f| f.obligation.status == ObligationStatus::DueSoon)
                    .count(),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
