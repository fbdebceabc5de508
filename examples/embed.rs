//! How agency software embeds hearth: validate a care plan as a case manager edits it,
//! and list the obligations due, for a worklist.
//!
//! Run with `cargo run --example embed`.

use hearth::model::{Goal, GoalArea, GoalStatus};
use hearth::{ObligationStatus, Policy};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The app has the participant's record (here, the bundled Connecticut PSH example)
    // and the program's policy. hearth never reads the clock: the app passes "today".
    let json = include_str!("data/cases/ct-psh.json");
    let mut case = hearth::parse_case_file(json)?;
    let policy = Policy::builtin("ct-psh")?;
    let today = "2026-11-09".parse()?;

    let before = hearth::validate(&case, &policy, today);
    println!(
        "Before the edit: {} errors, {} warnings",
        before.summary.errors, before.summary.warnings
    );

    // The case manager adds a fourth active goal. The app re-validates on every edit and
    // shows the new finding next to the plan, without any personal text.
    let plan = case
        .enrollments
        .first_mut()
        .and_then(|e| e.care_plan.as_mut())
        .ok_or("the example has a care plan")?;
    let active = plan
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .count();
    for n in active..4 {
        plan.goals.push(Goal {
            id: format!("G-NEW-{n}").into(),
            area: GoalArea::Education,
            status: GoalStatus::Active,
            set_on: today,
            closed_on: None,
            statement: None,
            measure: None,
            target_date: None,
            strengths: Vec::new(),
            participant_words: None,
            participant_priority: None,
            set_by: None,
            long_term_goal: None,
            objectives: Vec::new(),
        });
    }
    let after = hearth::validate(&case, &policy, today);
    for finding in after
        .findings
        .iter()
        .filter(|f| !before.findings.contains(f))
    {
        println!(
            "New: {} [{}] at {}: {}\n     help: {}",
            finding.severity, finding.code, finding.path, finding.message, finding.help
        );
    }

    // The worklist: what is open, soonest first (the report is already sorted by date).
    println!("Obligations for {}:", case.participant.id);
    for o in after.obligations.iter().filter(|o| {
        matches!(
            o.status,
            ObligationStatus::Overdue | ObligationStatus::DueSoon | ObligationStatus::Upcoming
        )
    }) {
        let due = o.due_on.map(|d| d.to_string()).unwrap_or_default();
        println!(
            "  {due:<10} {:<9} {} ({})",
            o.status, o.description, o.requirement
        );
    }
    Ok(())
}
