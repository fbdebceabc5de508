//! Checks of a Bundle that the FHIR R4 JSON Schema cannot express: the R4 invariants
//! that apply to the resources hearth writes, the required status and intent codes,
//! and that every reference resolves inside the Bundle.

use std::collections::{HashMap, HashSet};

use serde_json::Value;

/// One broken rule, located by JSON Pointer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// The invariant's R4 key (`gol-1`, `cpl-3`, `con-3`, `con-4`, `ppc-1`, `bdl-7`,
    /// `obs-6`), `required` for a missing or unknown required code, or `reference` for
    /// a reference that does not resolve inside the Bundle.
    pub key: &'static str,
    /// JSON Pointer of the element at fault.
    pub pointer: String,
    /// What is wrong, in words (never quoting the input).
    pub message: &'static str,
}

/// The required code elements hearth writes, with the codes R4 allows.
const REQUIRED_CODES: &[(&str, &str, &[&str])] = &[
    (
        "Bundle",
        "type",
        &[
            "document",
            "message",
            "transaction",
            "transaction-response",
            "batch",
            "batch-response",
            "history",
            "searchset",
            "collection",
        ],
    ),
    (
        "EpisodeOfCare",
        "status",
        &[
            "planned",
            "waitlist",
            "active",
            "onhold",
            "finished",
            "cancelled",
            "entered-in-error",
        ],
    ),
    (
        "CarePlan",
        "status",
        &[
            "draft",
            "active",
            "on-hold",
            "revoked",
            "completed",
            "entered-in-error",
            "unknown",
        ],
    ),
    (
        "CarePlan",
        "intent",
        &["proposal", "plan", "order", "option"],
    ),
    (
        "Goal",
        "lifecycleStatus",
        &[
            "proposed",
            "planned",
            "accepted",
            "active",
            "on-hold",
            "completed",
            "cancelled",
            "entered-in-error",
            "rejected",
        ],
    ),
    (
        "Encounter",
        "status",
        &[
            "planned",
            "arrived",
            "triaged",
            "in-progress",
            "onleave",
            "finished",
            "cancelled",
            "entered-in-error",
            "unknown",
        ],
    ),
    (
        "Consent",
        "status",
        &[
            "draft",
            "proposed",
            "active",
            "rejected",
            "inactive",
            "entered-in-error",
        ],
    ),
    (
        "ServiceRequest",
        "status",
        &[
            "draft",
            "active",
            "on-hold",
            "revoked",
            "completed",
            "entered-in-error",
            "unknown",
        ],
    ),
    (
        "ServiceRequest",
        "intent",
        &[
            "proposal",
            "plan",
            "directive",
            "order",
            "original-order",
            "reflex-order",
            "filler-order",
            "instance-order",
            "option",
        ],
    ),
    (
        "Observation",
        "status",
        &[
            "registered",
            "preliminary",
            "final",
            "amended",
            "corrected",
            "cancelled",
            "entered-in-error",
            "unknown",
        ],
    ),
    (
        "CodeSystem",
        "status",
        &["draft", "active", "retired", "unknown"],
    ),
    (
        "CodeSystem",
        "content",
        &[
            "not-present",
            "example",
            "fragment",
            "complete",
            "supplement",
        ],
    ),
];

/// Checks the R4 invariants the JSON Schema cannot express, for the resources hearth
/// writes: `gol-1` (a goal target with a detail has a measure), `cpl-3` (a care-plan
/// activity has a reference or a detail, not both), `con-3` (a problem-list condition
/// has a clinical status), `con-4` (an abated condition is inactive, resolved or in
/// remission), `ppc-1` (a consent has a policy or a policy rule), `obs-6` (a data-absent
/// reason only without a value), `bdl-7` (full URLs are unique); the required status
/// and intent codes; and that every `reference` resolves to an entry's full URL.
pub fn check_invariants(bundle: &Value) -> Vec<Violation> {
    let mut out = Vec::new();
    let entries = bundle
        .get("entry")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    required(bundle, "Bundle", "", &mut out);
    let mut urls: HashMap<&str, usize> = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        if let Some(url) = entry.get("fullUrl").and_then(Value::as_str) {
            if urls.insert(url, i).is_some() {
                out.push(Violation {
                    key: "bdl-7",
                    pointer: format!("/entry/{i}/fullUrl"),
                    message: "two entries have the same fullUrl",
                });
            }
        }
    }
    let known: HashSet<&str> = urls.keys().copied().collect();
    for (i, entry) in entries.iter().enumerate() {
        let Some(resource) = entry.get("resource") else {
            continue;
        };
        let at = format!("/entry/{i}/resource");
        let kind = resource
            .get("resourceType")
            .and_then(Value::as_str)
            .unwrap_or("");
        required(resource, kind, &at, &mut out);
        match kind {
            "Goal" => gol_1(resource, &at, &mut out),
            "CarePlan" => cpl_3(resource, &at, &mut out),
            "Condition" => con_3_4(resource, &at, &mut out),
            "Consent" => ppc_1(resource, &at, &mut out),
            "Observation" => obs_6(resource, &at, &mut out),
            _ => {}
        }
        references(resource, &at, &known, &mut out);
    }
    out
}

fn required(resource: &Value, kind: &str, at: &str, out: &mut Vec<Violation>) {
    for (resource_type, element, allowed) in REQUIRED_CODES {
        if *resource_type != kind {
            continue;
        }
        match resource.get(*element).and_then(Value::as_str) {
            Some(code) if allowed.contains(&code) => {}
            Some(_) => out.push(Violation {
                key: "required",
                pointer: format!("{at}/{element}"),
                message: "the code is not one the required R4 value set allows",
            }),
            None => out.push(Violation {
                key: "required",
                pointer: format!("{at}/{element}"),
                message: "a required code is missing",
            }),
        }
    }
}

fn items<'v>(value: &'v Value, key: &str) -> &'v [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn has_prefixed(value: &Value, prefix: &str) -> bool {
    value
        .as_object()
        .is_some_and(|o| o.keys().any(|k| k.starts_with(prefix)))
}

fn gol_1(goal: &Value, at: &str, out: &mut Vec<Violation>) {
    for (i, target) in items(goal, "target").iter().enumerate() {
        if has_prefixed(target, "detail") && target.get("measure").is_none() {
            out.push(Violation {
                key: "gol-1",
                pointer: format!("{at}/target/{i}"),
                message: "a goal target with a detail has no measure",
            });
        }
    }
}

fn cpl_3(plan: &Value, at: &str, out: &mut Vec<Violation>) {
    for (i, activity) in items(plan, "activity").iter().enumerate() {
        if activity.get("detail").is_some() && activity.get("reference").is_some() {
            out.push(Violation {
                key: "cpl-3",
                pointer: format!("{at}/activity/{i}"),
                message: "a care-plan activity has both a reference and a detail",
            });
        }
    }
}

fn codes_in<'v>(concept: Option<&'v Value>) -> impl Iterator<Item = &'v str> + 'v {
    concept
        .map(|c| items(c, "coding"))
        .unwrap_or(&[])
        .iter()
        .filter_map(|c| c.get("code").and_then(Value::as_str))
}

fn con_3_4(condition: &Value, at: &str, out: &mut Vec<Violation>) {
    let entered_in_error =
        codes_in(condition.get("verificationStatus")).any(|c| c == "entered-in-error");
    let problem_list = items(condition, "category")
        .iter()
        .any(|c| codes_in(Some(c)).any(|code| code == "problem-list-item"));
    let clinical: Vec<&str> = codes_in(condition.get("clinicalStatus")).collect();
    if problem_list && !entered_in_error && clinical.is_empty() {
        out.push(Violation {
            key: "con-3",
            pointer: format!("{at}/clinicalStatus"),
            message: "a problem-list condition has no clinical status",
        });
    }
    if has_prefixed(condition, "abatement")
        && !clinical
            .iter()
            .any(|c| matches!(*c, "inactive" | "resolved" | "remission"))
    {
        out.push(Violation {
            key: "con-4",
            pointer: format!("{at}/clinicalStatus"),
            message: "an abated condition is not inactive, resolved or in remission",
        });
    }
}

fn ppc_1(consent: &Value, at: &str, out: &mut Vec<Violation>) {
    if consent.get("policy").is_none() && consent.get("policyRule").is_none() {
        out.push(Violation {
            key: "ppc-1",
            pointer: at.to_owned(),
            message: "a consent has neither a policy nor a policy rule",
        });
    }
}

fn obs_6(observation: &Value, at: &str, out: &mut Vec<Violation>) {
    let mut check = |value: &Value, pointer: String| {
        if value.get("dataAbsentReason").is_some() && has_prefixed(value, "value") {
            out.push(Violation {
                key: "obs-6",
                pointer,
                message: "a data-absent reason is given beside a value",
            });
        }
    };
    check(observation, at.to_owned());
    for (i, component) in items(observation, "component").iter().enumerate() {
        check(component, format!("{at}/component/{i}"));
    }
}

fn references(value: &Value, at: &str, known: &HashSet<&str>, out: &mut Vec<Violation>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                if key == "reference" {
                    if let Some(target) = child.as_str() {
                        if !target.starts_with('#') && !known.contains(target) {
                            out.push(Violation {
                                key: "reference",
                                pointer: here,
                                message: "the reference does not resolve inside the Bundle",
                            });
                        }
                    }
                } else {
                    references(child, &here, known, out);
                }
            }
        }
        Value::Array(list) => {
            for (i, child) in list.iter().enumerate() {
                references(child, &format!("{at}/{i}"), known, out);
            }
        }
        _ => {}
    }
}
