//! The HMIS value lists this crate reads, from the HMIS CSV Format Specifications FY2026
//! (and HUD's lists as `2026_hud_lists.json` publishes them). A value outside its list in
//! a column the import uses is a [`crate::RowIssue`]; columns it does not use are never
//! judged.

use hearth_model::ExitDestination;

/// One HMIS value list: its name, its Data Standards element and its codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeList {
    /// The list's name in the specifications, e.g. `Destination`.
    pub name: &'static str,
    /// The Data Standards element or list number, e.g. `3.12`.
    pub element: &'static str,
    /// Every code in the list.
    pub codes: &'static [i32],
}

impl CodeList {
    /// Whether `code` is in the list.
    pub fn contains(&self, code: i32) -> bool {
        self.codes.contains(&code)
    }
}

/// 2.02.6 ProjectType.
pub const PROJECT_TYPE: CodeList = CodeList {
    name: "ProjectType",
    element: "2.02.6",
    codes: &[0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14],
};

/// 1.8 No/Yes/Reasons for missing data (VeteranStatus).
pub const NO_YES_MISSING: CodeList = CodeList {
    name: "NoYesReasonsForMissingData",
    element: "1.8",
    codes: &[0, 1, 8, 9, 99],
};

/// 3.15.1 RelationshipToHoH.
pub const RELATIONSHIP_TO_HOH: CodeList = CodeList {
    name: "RelationshipToHoH",
    element: "3.15.1",
    codes: &[1, 2, 3, 4, 5, 99],
};

/// 3.12 Destination.
pub const DESTINATION: CodeList = CodeList {
    name: "Destination",
    element: "3.12",
    codes: &[
        8, 9, 17, 24, 30, 99, 101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 312, 313, 314, 327,
        329, 332, 410, 411, 421, 422, 423, 426, 435,
    ],
};

/// 4.12 CurrentLivingSituation.
pub const CURRENT_LIVING_SITUATION: CodeList = CodeList {
    name: "CurrentLivingSituation",
    element: "4.12",
    codes: &[
        8, 9, 17, 37, 99, 101, 116, 118, 204, 205, 206, 207, 215, 225, 302, 314, 329, 332, 335,
        336, 410, 411, 421, 435,
    ],
};

/// 1.4 RecordType (Services).
pub const RECORD_TYPE: CodeList = CodeList {
    name: "RecordType",
    element: "1.4",
    codes: &[141, 142, 143, 144, 151, 152, 161, 200, 210, 300],
};

/// 4.20.2 EventType.
pub const EVENT_TYPE: CodeList = CodeList {
    name: "EventType",
    element: "4.20.2",
    codes: &[
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    ],
};

/// 4.20.D ReferralResult.
pub const REFERRAL_RESULT: CodeList = CodeList {
    name: "ReferralResult",
    element: "4.20.D",
    codes: &[1, 2, 3],
};

/// 5.03.1 DataCollectionStage.
pub const DATA_COLLECTION_STAGE: CodeList = CodeList {
    name: "DataCollectionStage",
    element: "5.03.1",
    codes: &[1, 2, 3, 5, 6],
};

/// 2.06.1 FundingSource.
pub const FUNDING_SOURCE: CodeList = CodeList {
    name: "FundingSource",
    element: "2.06.1",
    codes: &[
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
        27, 30, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 55,
        56,
        // Deprecated (ESG - CV, HOPWA - CV, CoC Joint Component RRH/PSH), still valid on
        // the historical funder records an export carries.
        47, 48, 49,
    ],
};

/// The hearth exit destination for an HMIS 3.12 Destination code, or `None` for a code
/// outside the list.
///
/// Homeless situations (101, 116, 118) → `homeless`; institutional (204–225) →
/// `institution`; temporary (302–332) → `temporary`; 410, 411 → `permanent-unsubsidized`;
/// 421, 426, 435 → `permanent-subsidized`; 422, 423 → `permanent-with-family-or-friends`;
/// 24 → `deceased`; 8, 9, 17, 30, 99 → `unknown`.
pub fn destination(code: i32) -> Option<ExitDestination> {
    Some(match code {
        101 | 116 | 118 => ExitDestination::Homeless,
        204 | 205 | 206 | 207 | 215 | 225 => ExitDestination::Institution,
        302 | 312 | 313 | 314 | 327 | 329 | 332 => ExitDestination::Temporary,
        410 | 411 => ExitDestination::PermanentUnsubsidized,
        421 | 426 | 435 => ExitDestination::PermanentSubsidized,
        422 | 423 => ExitDestination::PermanentWithFamilyOrFriends,
        24 => ExitDestination::Deceased,
        8 | 9 | 17 | 30 | 99 => ExitDestination::Unknown,
        _ => return None,
    })
}

/// The HMIS 3.12 code the writer uses for a hearth destination (the first of its group).
pub fn destination_code(destination: ExitDestination) -> i32 {
    match destination {
        ExitDestination::Homeless => 116,
        ExitDestination::Institution => 206,
        ExitDestination::Temporary => 312,
        ExitDestination::PermanentUnsubsidized => 410,
        ExitDestination::PermanentSubsidized => 435,
        ExitDestination::PermanentWithFamilyOrFriends => 422,
        ExitDestination::Deceased => 24,
        ExitDestination::Unknown => 99,
    }
}

/// The hearth funding stream of an HMIS 2.06.1 funding source.
pub fn funding(code: i32) -> hearth_model::Funding {
    use hearth_model::Funding;
    match code {
        1..=7 | 43 | 44 | 49 | 54..=56 => Funding::Coc,
        8..=11 | 47 | 53 => Funding::Esg,
        _ => Funding::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_destination_code_maps_and_the_writer_codes_map_back() {
        for code in DESTINATION.codes {
            assert!(destination(*code).is_some(), "{code}");
        }
        assert_eq!(destination(999), None);
        for code in DESTINATION.codes {
            let d = destination(*code).unwrap();
            assert_eq!(destination(destination_code(d)), Some(d));
        }
    }

    #[test]
    fn lists_hold_their_codes_only() {
        assert!(CURRENT_LIVING_SITUATION.contains(116));
        assert!(!CURRENT_LIVING_SITUATION.contains(999));
        assert!(PROJECT_TYPE.contains(13) && !PROJECT_TYPE.contains(5));
    }
}
