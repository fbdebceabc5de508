//! Identifier newtypes.
//!
//! Every record that another record points at has an id of its own type, so a goal id
//! cannot be passed where a staff id is expected. Ids are opaque, case-sensitive strings
//! chosen by the exporting system; hearth never derives meaning from them, and they are
//! the only way reports refer to records (never names).

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
        #[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// Makes an id from any string.
            pub fn new(id: impl Into<String>) -> Self {
                Self(id.into())
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                Self(id.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                Self(id)
            }
        }
    };
}

id_type!(
    /// A participant's pseudonymous id (for example the HMIS personal id or an agency
    /// case number). This is the only participant identifier reports ever print.
    ParticipantId
);
id_type!(
    /// A staff member's id in the agency roster.
    StaffId
);
id_type!(
    /// An enrollment (one program stay) within a case file.
    EnrollmentId
);
id_type!(
    /// A goal in a care plan.
    GoalId
);
id_type!(
    /// A long-term goal the participant names; short-term goals relate to one of these.
    LongTermGoalId
);
id_type!(
    /// A short-term, measurable objective under a goal.
    ObjectiveId
);
id_type!(
    /// A case-manager or participant task in a care plan.
    TaskId
);
id_type!(
    /// An action step placed in a care plan.
    ActionStepId
);
id_type!(
    /// A step id of the action-step catalog (`hearth-catalog`), e.g. `resolve-arrears`.
    StepId
);
id_type!(
    /// A risk id of the risk taxonomy (`hearth-catalog`), e.g. `rental-utility-arrears`.
    RiskId
);
id_type!(
    /// An assessment instrument id (`hearth-catalog`), e.g. `vi-spdat-v2` or `spdat`.
    InstrumentId
);
id_type!(
    /// An encounter (visit, call, meeting) record.
    EncounterId
);
id_type!(
    /// An assessment record.
    AssessmentId
);
id_type!(
    /// An observed or identified risk.
    RiskObservationId
);
id_type!(
    /// An outside party: an agency, provider, landlord or person information may go to.
    PartyId
);
id_type!(
    /// A consent or release-of-information record.
    ConsentId
);
id_type!(
    /// A referral to another party.
    ReferralId
);
id_type!(
    /// A record of information shared with another party.
    ShareId
);
id_type!(
    /// A crisis incident.
    IncidentId
);
id_type!(
    /// A plan (harm-reduction plan, crisis plan, lease-violation plan).
    PlanId
);
id_type!(
    /// A document held in the participant file.
    DocumentId
);
id_type!(
    /// Any other record id (refusals, services, supports, skills, reports).
    RecordId
);
