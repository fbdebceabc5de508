//! # hearth-generate
//!
//! A deterministic generator of wholly invented case files, for benchmarks, load tests
//! and demonstrations: `hearth generate` writes its output, and the criterion benchmarks
//! read [`typical`].
//!
//! ## What it generates
//!
//! Participant `index` (0-based) gets the id `P-000001`-style `index + 1` and the
//! program profile `programs[index % programs.len()]` of [`Options::programs`] — by
//! default the six built-in policies in turn ([`Program::ALL`]: ICMS high and low
//! billing, ICM with RRH, RRH, St. Louis CoC, Connecticut PSH). Each file holds one
//! enrollment whose history runs from about [`Options::months`] months before
//! [`Options::as_of`] (1 to 21 days later, on a weekday) to `as_of`, with what the
//! program's standards ask for and a real agency records:
//!
//! - the referral, initial contact and first interview; a triage VI-SPDAT (family or
//!   youth variant by household) with item scores and band; for St. Louis a shelter entry
//!   and the full SPDAT within 7 days; the full SPDAT repeated within the program's
//!   interval (ICM 6 months, St. Louis and Connecticut 11); ICMS 5x5 and HAI;
//! - releases of information for the landlord, clinic, benefits office and (by program)
//!   housing authority and counselling service, signed at intake and renewed before they
//!   expire; a refused release for a family member in about 30 % of files; a short-term
//!   legal-aid release with its referral in about 20 %;
//! - a care plan written in the first week: a housing goal and one or two others, each
//!   SMART with its long-term goal, objectives, tasks, services, supports, skills, the
//!   contact schedule, breach terms, signatures and a review every 24–30 days (a
//!   supervisor at every fourth); goals achieved and replaced every 5–8 months;
//! - encounters by the program's rhythm — ICMS high billing 2 in-person home visits, a
//!   call and a collateral contact a month; low billing 1, 1, 1; St. Louis a home visit,
//!   an office visit, a call and a collateral contact; RRH and Connecticut three contacts
//!   and some collateral; ICM weekly in the first two stages then every 10–21 days — plus
//!   no-shows (about one month in eight) and crisis calls; each with objectives tied to
//!   the plan, goal progress, steps done, the next visit scheduled, the note documented
//!   within hours (in St. Louis about 3 % a day or two later, marked as late entries);
//! - risks observed at visits (1–3 for ICMS, 0–2 elsewhere) with their category's
//!   responses: linked action steps, lease-violation or harm-reduction plans, immediate
//!   mitigation and incident reports; domestic violence reported at home with office
//!   visits meanwhile (St. Louis, about 8 %); crisis incidents and crisis plans
//!   (Connecticut about 25 %); ICM stage history with an occasional step back;
//! - rights explained and file documents (income and homelessness verification, the
//!   front-door assessment, ID, lease, inspection, the annual documents);
//! - outcomes: still enrolled, a planned positive exit with discharge meeting, linkages,
//!   survey and follow-up plan (5 % ICMS, 15 % ICM and Connecticut, 20 % RRH, 13 % St.
//!   Louis), or in St. Louis (12 %) a termination with full due process: case
//!   conference, written notice, an independent review, appeal, final notice, written
//!   resources and referrals, and an exit with a warm handoff.
//!
//! Personal fields hold obviously invented values: names such as "Wren Placeholder",
//! addresses on "Example Ave" in "Sampleton", telephone numbers in the 555-01xx range
//! kept for fiction, stock phrases for notes. The files validate against
//! `schemas/case-file.schema.json`.
//!
//! ## The lapses it injects
//!
//! A share [`Options::problem_percent`] (default 25 %) of files gets one to three
//! [`Problem`]s (one, then a second with 35 % and a third with 15 % chance; a
//! termination or planned exit draws its first from its due process or exit checklist
//! 60 % of the time), drawn from those the file's policy checks and its history can
//! show: missed monthly visits, a
//! visit without the next one scheduled, a risk without its response, information
//! shared after the release expired or before it was signed, ICM contact gaps and
//! skipped stages, overdue assessments and plan reviews, goals that are not SMART or not
//! tied to a long-term goal, too many goals, a plan without a housing goal or with parts
//! missing, a stalled goal, late or incomplete notes, unannounced home visits or a home
//! visit while violence is reported, a late first interview or front-door assessment, no
//! release at intake, a refusal not followed up, a missing document, rights explained
//! late, an eviction risk without a harm-reduction plan, a crisis without a crisis plan,
//! each step of termination due process missing, entry denied for a past termination and
//! an incomplete planned exit. Each problem names the rule it makes fire
//! ([`Problem::code`]), and the file breaks no other rule; every other file passes its
//! built-in policy with no violation. (Checked on its own, without the staff roster, a
//! St. Louis termination's review independence is reported as not evaluated; in a
//! [`caseload`] it is judged.)
//! Histories longer than 24 months also leave ICM enrollments past the horizon
//! ([`Problem::PastHorizon`], VISIT010) as real ones would be.
//!
//! ## Determinism
//!
//! A file depends only on the options and its index: each participant draws from its
//! own ChaCha8 stream keyed by `(seed, index)` ([`rand_chacha`], whose streams are
//! portable and value-stable), read through integer helpers of this crate, never through
//! a distribution whose algorithm a `rand` release may change. So the same options give
//! byte-identical output on every platform, participant `index` is the same whatever
//! [`Options::participants`] is, and files can be generated one at a time, in any order
//! or in parallel. The library reads no clock, file or environment: `as_of` is an input.
//!
//! ```
//! use hearth_generate::{case_file, Options};
//!
//! let options = Options { participants: 10, ..Options::default() };
//! let first = case_file(&options, 0);
//! assert_eq!(first.participant.id.as_str(), "P-000001");
//! // The same index gives the same file, whatever the number of participants.
//! let more = Options { participants: 1000, ..options.clone() };
//! assert_eq!(case_file(&more, 0), first);
//! ```

#![deny(missing_docs)]
// No panics: library code may not unwrap, expect or index (tests may).
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

mod build;
mod dice;
mod names;
mod problem;
mod program;
mod staff;
mod time;

use chrono::NaiveDate;
use hearth_model::{CaseFile, Caseload, ProgramInfo, SchemaVersion};

pub use problem::Problem;
pub use program::Program;

/// The longest history generated, in months (50 years); longer requests are cut to it.
pub const MAX_MONTHS: u32 = 600;

/// The evaluation date used when none is given: fixed, so that output never depends on
/// the day it is generated.
pub const DEFAULT_AS_OF: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 30) {
    Some(date) => date,
    None => NaiveDate::MIN,
};

/// What to generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// How many participants (case files) [`case_files`] yields.
    pub participants: usize,
    /// Months of history before `as_of` (1 to [`MAX_MONTHS`]; 0 counts as 1).
    pub months: u32,
    /// The seed: the same seed gives the same files.
    pub seed: u64,
    /// The evaluation date the files are exported on: the history ends here.
    pub as_of: NaiveDate,
    /// The share of files, in percent (0 to 100), that get injected problems.
    pub problem_percent: u8,
    /// The program profiles participants are spread over, in turn (all six when empty).
    pub programs: Vec<Program>,
}

impl Default for Options {
    /// 100 participants, 24 months, seed 0, as of [`DEFAULT_AS_OF`], 25 % with
    /// problems, all six programs.
    fn default() -> Self {
        Options {
            participants: 100,
            months: 24,
            seed: 0,
            as_of: DEFAULT_AS_OF,
            problem_percent: 25,
            programs: Program::ALL.to_vec(),
        }
    }
}

impl Options {
    /// The program profile of participant `index`.
    pub fn program_of(&self, index: usize) -> Program {
        let programs: &[Program] = if self.programs.is_empty() {
            &Program::ALL
        } else {
            &self.programs
        };
        programs
            .get(index % programs.len())
            .copied()
            .unwrap_or(Program::IcmsHigh)
    }
}

/// A generated case file with what went into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The case file.
    pub case: CaseFile,
    /// Its program profile: check it with the built-in policy [`Program::policy`].
    pub program: Program,
    /// The problems injected, in [`Problem`] order (empty for a file meant to pass).
    pub problems: Vec<Problem>,
}

/// The participant id of participant `index`: `P-` and `index + 1`, zero-padded to six
/// digits (`P-000001`).
pub fn participant_id(index: usize) -> String {
    format!("P-{:06}", index.saturating_add(1))
}

/// Participant `index`, with its program and injected problems. Depends only on
/// `options` (not on `participants`) and `index`.
pub fn generate(options: &Options, index: usize) -> Generated {
    build::build(
        options,
        index,
        options.program_of(index),
        build::Overrides::default(),
    )
}

/// The case file of participant `index` (see [`generate`]).
pub fn case_file(options: &Options, index: usize) -> CaseFile {
    generate(options, index).case
}

/// Every participant's case file, `0..options.participants`, generated one at a time as
/// the iterator is advanced (nothing is kept between items).
pub fn case_files(options: &Options) -> impl Iterator<Item = CaseFile> + '_ {
    (0..options.participants).map(move |index| case_file(options, index))
}

/// The benchmark's "typical case file": a St. Louis CoC participant (the policy with the
/// most rules) still enrolled after 24 months of history as of [`DEFAULT_AS_OF`], with
/// the usual 25 % chance of problems. For seed 0 it holds exactly 99 encounters (about
/// four a month), 5 assessments, 26 plan reviews and is 75,255 bytes of compact JSON;
/// other seeds vary by a few encounters (95 to 105) and kilobytes.
pub fn typical(seed: u64) -> CaseFile {
    let options = Options {
        participants: 1,
        months: 24,
        seed,
        as_of: DEFAULT_AS_OF,
        problem_percent: 25,
        programs: vec![Program::StlCoc],
    };
    build::build(
        &options,
        0,
        Program::StlCoc,
        build::Overrides {
            outcome: Some(build::Outcome::Open),
        },
    )
    .case
}

/// A caseload document for `program`: participants `0..options.participants`, all of
/// that program, and the staff roster their files name (a director, supervisors of four
/// case managers each, and case managers carrying 13 files, one in seven 16 and one 19),
/// for the caseload-ratio rule and reviewer independence.
pub fn caseload(options: &Options, program: Program) -> Caseload {
    let single = Options {
        programs: vec![program],
        ..options.clone()
    };
    Caseload {
        schema_version: SchemaVersion::CURRENT,
        program: ProgramInfo {
            id: format!("{}-generated", program.policy()),
            model: program.model(),
            name: Some(format!("Invented {} program", program.policy())),
        },
        staff: staff::roster(program, options.participants),
        case_files: case_files(&single).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(options: &Options) -> Vec<u8> {
        let mut out = Vec::new();
        for case in case_files(options) {
            serde_json::to_writer(&mut out, &case).unwrap();
            out.push(b'\n');
        }
        out
    }

    fn encounters(case: &CaseFile) -> usize {
        case.enrollments.iter().map(|e| e.encounters.len()).sum()
    }

    #[test]
    fn the_same_options_give_the_same_bytes() {
        let options = Options {
            participants: 24,
            seed: 42,
            ..Options::default()
        };
        let first = bytes(&options);
        assert_eq!(first, bytes(&options.clone()));
        assert!(first.len() > 24 * 10_000, "{} bytes", first.len());
    }

    #[test]
    fn another_seed_gives_other_files() {
        let a = Options {
            participants: 12,
            ..Options::default()
        };
        let b = Options {
            seed: 1,
            ..a.clone()
        };
        let (a, b) = (
            case_files(&a).collect::<Vec<_>>(),
            case_files(&b).collect::<Vec<_>>(),
        );
        // Every participant differs, not just one.
        assert!(a.iter().zip(&b).all(|(x, y)| x != y));
        // Ids and programs are by index, so they agree.
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.participant.id, y.participant.id);
            assert_eq!(x.enrollments[0].program, y.enrollments[0].program);
        }
    }

    #[test]
    fn a_participant_is_the_same_whatever_the_number_of_participants() {
        let small = Options {
            participants: 5,
            seed: 9,
            ..Options::default()
        };
        let large = Options {
            participants: 5_000,
            ..small.clone()
        };
        for index in [0, 3, 4] {
            assert_eq!(generate(&small, index), generate(&large, index));
        }
        // Random access: the 200th file on its own is the 200th of the stream.
        let streamed = case_files(&large).nth(199).unwrap();
        assert_eq!(streamed, case_file(&large, 199));
        assert_eq!(streamed.participant.id.as_str(), "P-000200");
    }

    #[test]
    fn participants_are_spread_over_every_program_in_turn() {
        let options = Options::default();
        let programs: Vec<Program> = (0..12).map(|i| generate(&options, i).program).collect();
        assert_eq!(&programs[..6], &Program::ALL);
        assert_eq!(&programs[6..], &Program::ALL);
        let only = Options {
            programs: vec![Program::CtPsh],
            ..Options::default()
        };
        assert!((0..5).all(|i| generate(&only, i).program == Program::CtPsh));
        assert_eq!(Program::from_policy("icm-rrh"), Some(Program::IcmRrh));
        assert_eq!(Program::from_policy("nope"), None);
    }

    #[test]
    fn encounters_grow_linearly_with_the_months_of_history() {
        let count = |months: u32| -> usize {
            let options = Options {
                participants: 60,
                months,
                problem_percent: 0,
                ..Options::default()
            };
            case_files(&options).map(|c| encounters(&c)).sum()
        };
        let (one, two, four) = (count(12), count(24), count(48));
        for (short, long) in [(one, two), (two, four)] {
            let ratio = long as f64 / short as f64;
            assert!((1.8..2.2).contains(&ratio), "{short} -> {long}: {ratio}");
        }
        // About four a month on average over the programs.
        let per_month = two as f64 / 60.0 / 24.0;
        assert!((3.0..5.0).contains(&per_month), "{per_month}");
    }

    #[test]
    fn the_typical_file_has_the_documented_shape() {
        let case = typical(0);
        let enrollment = &case.enrollments[0];
        assert_eq!(enrollment.program, hearth_model::ProgramModel::StlCoc);
        assert!(enrollment.exit.is_none());
        assert_eq!(encounters(&case), 99);
        assert_eq!(case.assessments.len(), 5);
        assert_eq!(enrollment.care_plan.as_ref().unwrap().reviews.len(), 26);
        assert_eq!(serde_json::to_string(&case).unwrap().len(), 75_255);
        for seed in 1..8 {
            let n = encounters(&typical(seed));
            assert!((95..=105).contains(&n), "seed {seed}: {n}");
        }
        assert_eq!(typical(3), typical(3));
    }

    #[test]
    fn a_caseload_names_every_case_manager_in_its_roster() {
        let options = Options {
            participants: 30,
            ..Options::default()
        };
        let caseload = caseload(&options, Program::IcmRrh);
        assert_eq!(caseload.case_files.len(), 30);
        assert_eq!(caseload.program.model, hearth_model::ProgramModel::IcmRrh);
        for case in &caseload.case_files {
            let cm = case.enrollments[0].case_manager.as_ref().unwrap();
            assert!(caseload.staff.iter().any(|s| &s.id == cm), "{cm}");
        }
    }

    #[test]
    fn extreme_options_do_not_panic() {
        for as_of in [NaiveDate::MIN, NaiveDate::MAX, DEFAULT_AS_OF] {
            for months in [0, 1, MAX_MONTHS, u32::MAX] {
                let options = Options {
                    participants: 2,
                    months: months.min(if as_of == DEFAULT_AS_OF { u32::MAX } else { 3 }),
                    as_of,
                    problem_percent: 100,
                    programs: Vec::new(),
                    ..Options::default()
                };
                for index in [0, 4, usize::MAX] {
                    let _ = generate(&options, index);
                }
            }
        }
    }
}
