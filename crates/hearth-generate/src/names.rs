//! Wholly invented values for the personal and free-text fields: names that are plainly
//! made up, addresses on "Example Ave" in "Sampleton", telephone numbers in the 555-01xx
//! range kept for fiction, and stock phrases for notes. No value is taken from a real
//! person or place.

pub(crate) const FIRST_NAMES: &[&str] = &[
    "Alex", "Bay", "Cam", "Dale", "Emery", "Finley", "Gray", "Harper", "Indigo", "Jules", "Kit",
    "Lane", "Marlo", "Noor", "Oakley", "Parker", "Quinn", "Reese", "Sage", "Tatum", "Umber",
    "Vale", "Wren", "Yael", "Zephyr",
];

pub(crate) const LAST_NAMES: &[&str] = &[
    "Example",
    "Sample",
    "Placeholder",
    "Testcase",
    "Fictional",
    "Madeup",
    "Dummy",
    "Specimen",
    "Mockton",
    "Inventa",
];

pub(crate) const STREETS: &[&str] = &[
    "Example Ave",
    "Sample St",
    "Placeholder Rd",
    "Fiction Ln",
    "Testing Way",
];

pub(crate) const GOAL_PHRASES: &[&str] = &[
    "Keep my apartment and the lease in good standing.",
    "Get my income sorted so the rent is never late.",
    "See the doctor regularly and keep my appointments.",
    "Feel less alone during the week.",
    "Find work a few days a week.",
    "Learn to budget so the money lasts the month.",
    "Get my papers in order.",
    "Stay safe at home.",
];

pub(crate) const MEASURES: &[&str] = &[
    "Rent ledger at zero each month",
    "Attends every scheduled appointment",
    "Budget reviewed at each visit",
    "Two activities a week recorded",
    "Documents obtained and filed",
];

pub(crate) const STRENGTHS: &[&str] = &[
    "Keeps a tidy calendar",
    "Good relationship with a neighbour",
    "Has paid rent on time before",
    "Motivated to stay housed",
    "Knows the bus routes",
    "Cooks for themself",
];

pub(crate) const OWN_WORDS: &[&str] = &[
    "I want to stay here.",
    "I don't want to go back to the shelter.",
    "I want things to feel normal.",
    "I want to be able to handle it myself.",
];

pub(crate) const OBJECTIVES: &[&str] = &[
    "Review progress on the plan",
    "Health and safety check of the unit",
    "Go over the budget and rent ledger",
    "Prepare for the housing authority recertification",
    "Follow up on the clinic appointment",
    "Plan the week's activities",
];

pub(crate) const NOTES: &[&str] = &[
    "Reviewed the plan together; next steps agreed.",
    "Unit in good order; talked through the week ahead.",
    "Went over the rent ledger and upcoming appointments.",
    "Participant reports things are going well; no new concerns.",
    "Discussed supports and how the last appointment went.",
];

pub(crate) const COLLATERAL_NOTES: &[&str] = &[
    "Call with the provider to coordinate services.",
    "Update exchanged with the property manager under the release on file.",
    "Checked the status of the application.",
];

pub(crate) const TASKS: &[&str] = &[
    "Call the property manager about the repair",
    "Bring the income letter to the office",
    "Book the clinic appointment",
    "Fill in the benefits form",
    "Keep the hallway clear",
];

pub(crate) const SERVICES: &[&str] = &[
    "Rental subsidy",
    "Primary care",
    "Benefits advocacy",
    "Mental health counselling",
    "Food box",
];

pub(crate) const SKILLS: &[&str] = &[
    "Keeping a monthly budget",
    "Reading the lease",
    "Booking appointments by phone",
    "Using the bus pass",
];
