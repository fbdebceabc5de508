//! Reads one JSON document (case file or caseload) and says whether it parses.
//!
//! `cargo run -p hearth-model --example parse_file -- examples/data/cases/icms-high-billing.json`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_file FILE.json");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{path}: cannot read: {e}");
            return ExitCode::from(2);
        }
    };
    match hearth_model::parse_document(&text) {
        Ok(hearth_model::Document::CaseFile(case)) => {
            let encounters: usize = case.enrollments.iter().map(|e| e.encounters.len()).sum();
            println!(
                "{path}: case file for {} ({} enrollments, {encounters} encounters)",
                case.participant.id,
                case.enrollments.len()
            );
            ExitCode::SUCCESS
        }
        Ok(hearth_model::Document::Caseload(caseload)) => {
            println!(
                "{path}: caseload {} ({} staff, {} case files)",
                caseload.program.id,
                caseload.staff.len(),
                caseload.case_files.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{path}:{}:{}: {}", e.line, e.column, e);
            ExitCode::FAILURE
        }
    }
}
