//! Rules about waivers themselves (`WAIVER…`). The engine applies these while it applies
//! a policy's waivers; they have no check of their own.

use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[&ExpiredWaiver, &UnusedWaiver];

crate::declare_rule! {
    /// ## What it checks
    /// That no waiver for a checked participant has passed its `expires_on` date. An
    /// expired waiver no longer covers anything: the findings it covered are reported
    /// unwaived, and this finding says which waiver ran out and how many it would have
    /// covered. The day after `expires_on` is the first day it is expired.
    ///
    /// ## Why
    /// A waiver is a supervisor's time-limited decision. When it runs out, either the
    /// standard applies again or someone decides anew; a stale waiver left in the policy
    /// file hides that decision.
    ///
    /// ## Example that fails
    /// A waiver `W1` of `VISIT001` for participant `P-1` that expired on 2026-03-31, in a
    /// run as of 2026-04-15: "waiver W1 for rule VISIT001 expired on 2026-03-31".
    ///
    /// ## Example that passes
    /// The same waiver with `expires_on = 2026-06-30`, or removed from the policy.
    pub struct ExpiredWaiver;
    meta {
        code: "WAIVER001",
        name: "expired-waiver",
        area: Area::Waiver,
        scope: Scope::CaseFile,
        severity: Severity::Warning,
        summary: "A waiver in the policy has expired.",
        help: "Renew the waiver with a new expiry and approval, or remove it from the policy file.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for ExpiredWaiver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}

crate::declare_rule! {
    /// ## What it checks
    /// That every waiver in force covers at least one finding or open obligation of its
    /// participant. In a caseload, a waiver for a participant the caseload does not hold
    /// is unused too. (In a single case file's check, waivers for other participants are
    /// not looked at.)
    ///
    /// ## Why
    /// An unused waiver usually means the rule code, participant id or path was mistyped,
    /// so the finding it was meant to cover is reported anyway, or the problem was fixed
    /// and the waiver should go.
    ///
    /// ## Example that fails
    /// A waiver of `VISIT004` for `P-1` when `P-1` has no `VISIT004` finding: "waiver W2
    /// for rule VISIT004 covers no finding or obligation".
    ///
    /// ## Example that passes
    /// The waiver removed, or naming the rule that actually reports the finding.
    pub struct UnusedWaiver;
    meta {
        code: "WAIVER002",
        name: "unused-waiver",
        area: Area::Waiver,
        scope: Scope::CaseFile,
        severity: Severity::Info,
        summary: "A waiver in the policy covers nothing.",
        help: "Check the waiver's rule code, participant id and path; remove it if the problem was fixed.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for UnusedWaiver {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }
}
