//! Invented staff: which case manager, supervisor and director a participant's file
//! names, from the participant's index alone, and the roster of a generated caseload.

use hearth_model::{Personal, Staff, StaffId, StaffRole};

use crate::names;
use crate::Program;

/// Participants per block of case managers, and how many each of the block's seven case
/// managers carries: most carry 13, one 16 and one 19, so a caseload check finds a few
/// workers above the ICM target of 15.
const BLOCK: usize = 100;
const CAPACITIES: [usize; 7] = [13, 13, 13, 13, 13, 16, 19];

/// Case managers per supervisor.
const TEAM: usize = 4;

/// The 1-based number of the case manager of participant `index`.
pub(crate) fn case_manager_number(index: usize) -> usize {
    let block = index / BLOCK;
    let mut rest = index % BLOCK;
    let mut slot = 0;
    for (i, cap) in CAPACITIES.iter().enumerate() {
        slot = i;
        if rest < *cap {
            break;
        }
        rest -= cap;
    }
    block
        .saturating_mul(CAPACITIES.len())
        .saturating_add(slot)
        .saturating_add(1)
}

fn supervisor_number(case_manager: usize) -> usize {
    case_manager.saturating_sub(1) / TEAM + 1
}

/// The case manager's id.
pub(crate) fn case_manager(program: Program, number: usize) -> StaffId {
    StaffId::new(format!("{}-CM-{number:03}", program.agency()))
}

/// The id of the supervisor of case manager `number`.
pub(crate) fn supervisor(program: Program, case_manager: usize) -> StaffId {
    StaffId::new(format!(
        "{}-SUP-{:02}",
        program.agency(),
        supervisor_number(case_manager)
    ))
}

/// The program director's id.
pub(crate) fn director(program: Program) -> StaffId {
    StaffId::new(format!("{}-DIR-01", program.agency()))
}

fn name(n: usize) -> Personal<String> {
    let first = names::FIRST_NAMES
        .get(n % names::FIRST_NAMES.len())
        .copied()
        .unwrap_or("Alex");
    let last = names::LAST_NAMES
        .get((n / names::FIRST_NAMES.len()) % names::LAST_NAMES.len())
        .copied()
        .unwrap_or("Example");
    Personal::new(format!("{first} {last}"))
}

/// The roster for participants `0..participants` of `program`: the director, every
/// supervisor and every case manager their files name.
pub(crate) fn roster(program: Program, participants: usize) -> Vec<Staff> {
    let last_cm = if participants == 0 {
        0
    } else {
        case_manager_number(participants - 1)
    };
    let mut staff = vec![Staff {
        id: director(program),
        role: StaffRole::Director,
        supervisor: None,
        carries_caseload: Some(false),
        name: Some(name(0)),
    }];
    for s in 1..=supervisor_number(last_cm.max(1)) {
        staff.push(Staff {
            id: supervisor(program, (s - 1) * TEAM + 1),
            role: StaffRole::Supervisor,
            supervisor: Some(director(program)),
            carries_caseload: Some(false),
            name: Some(name(s)),
        });
    }
    for cm in 1..=last_cm {
        staff.push(Staff {
            id: case_manager(program, cm),
            role: StaffRole::CaseManager,
            supervisor: Some(supervisor(program, cm)),
            carries_caseload: None,
            name: Some(name(cm + 7)),
        });
    }
    staff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_of_one_hundred_share_seven_case_managers() {
        assert_eq!(case_manager_number(0), 1);
        assert_eq!(case_manager_number(12), 1);
        assert_eq!(case_manager_number(13), 2);
        assert_eq!(case_manager_number(99), 7);
        assert_eq!(case_manager_number(100), 8);
        let per_cm = (0..100).filter(|i| case_manager_number(*i) == 7).count();
        assert_eq!(per_cm, 19);
        assert_eq!(supervisor_number(4), 1);
        assert_eq!(supervisor_number(5), 2);
    }

    #[test]
    fn the_roster_names_every_case_manager_and_their_supervisors() {
        let staff = roster(Program::IcmRrh, 250);
        let ids: Vec<&str> = staff.iter().map(|s| s.id.as_str()).collect();
        for i in 0..250 {
            let cm = case_manager_number(i);
            assert!(ids.contains(&case_manager(Program::IcmRrh, cm).as_str()));
            assert!(ids.contains(&supervisor(Program::IcmRrh, cm).as_str()));
        }
        assert!(!roster(Program::Rrh, 0).is_empty());
    }
}
