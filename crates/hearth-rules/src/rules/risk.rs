//! Rules of the risk area (`RISK…`): responses to observed risks, harm-reduction plans
//! for eviction risks, crisis plans after incidents.

use crate::rule::Rule;

mod common;
mod crisis_without_crisis_plan;
mod eviction_risk_without_harm_reduction_plan;
mod risk_response_missing;

pub use crisis_without_crisis_plan::CrisisWithoutCrisisPlan;
pub use eviction_risk_without_harm_reduction_plan::EvictionRiskWithoutHarmReductionPlan;
pub use risk_response_missing::RiskResponseMissing;

/// The rules of this area, in code order.
pub(crate) static RULES: &[&dyn Rule] = &[
    &RiskResponseMissing,
    &EvictionRiskWithoutHarmReductionPlan,
    &CrisisWithoutCrisisPlan,
];
