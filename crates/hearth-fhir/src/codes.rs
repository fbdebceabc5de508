//! The URIs hearth uses in FHIR: its own code systems, identifier systems and
//! extensions, and the standard code systems the mapping draws on.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};

/// The base of every URI hearth defines for FHIR (code systems, identifier systems,
/// extensions). Stable: a URI once released keeps its meaning.
pub const BASE: &str = "https://example.invalid/hearth/fhir";

/// Every resource type of FHIR R4 (4.0.1), as the official JSON Schema lists them.
pub const R4_RESOURCE_TYPES: &[&str] = &[
    "Account",
    "ActivityDefinition",
    "AdverseEvent",
    "AllergyIntolerance",
    "Appointment",
    "AppointmentResponse",
    "AuditEvent",
    "Basic",
    "Binary",
    "BiologicallyDerivedProduct",
    "BodyStructure",
    "Bundle",
    "CapabilityStatement",
    "CarePlan",
    "CareTeam",
    "CatalogEntry",
    "ChargeItem",
    "ChargeItemDefinition",
    "Claim",
    "ClaimResponse",
    "ClinicalImpression",
    "CodeSystem",
    "Communication",
    "CommunicationRequest",
    "CompartmentDefinition",
    "Composition",
    "ConceptMap",
    "Condition",
    "Consent",
    "Contract",
    "Coverage",
    "CoverageEligibilityRequest",
    "CoverageEligibilityResponse",
    "DetectedIssue",
    "Device",
    "DeviceDefinition",
    "DeviceMetric",
    "DeviceRequest",
    "DeviceUseStatement",
    "DiagnosticReport",
    "DocumentManifest",
    "DocumentReference",
    "EffectEvidenceSynthesis",
    "Encounter",
    "Endpoint",
    "EnrollmentRequest",
    "EnrollmentResponse",
    "EpisodeOfCare",
    "EventDefinition",
    "Evidence",
    "EvidenceVariable",
    "ExampleScenario",
    "ExplanationOfBenefit",
    "FamilyMemberHistory",
    "Flag",
    "Goal",
    "GraphDefinition",
    "Group",
    "GuidanceResponse",
    "HealthcareService",
    "ImagingStudy",
    "Immunization",
    "ImmunizationEvaluation",
    "ImmunizationRecommendation",
    "ImplementationGuide",
    "InsurancePlan",
    "Invoice",
    "Library",
    "Linkage",
    "List",
    "Location",
    "Measure",
    "MeasureReport",
    "Media",
    "Medication",
    "MedicationAdministration",
    "MedicationDispense",
    "MedicationKnowledge",
    "MedicationRequest",
    "MedicationStatement",
    "MedicinalProduct",
    "MedicinalProductAuthorization",
    "MedicinalProductContraindication",
    "MedicinalProductIndication",
    "MedicinalProductIngredient",
    "MedicinalProductInteraction",
    "MedicinalProductManufactured",
    "MedicinalProductPackaged",
    "MedicinalProductPharmaceutical",
    "MedicinalProductUndesirableEffect",
    "MessageDefinition",
    "MessageHeader",
    "MolecularSequence",
    "NamingSystem",
    "NutritionOrder",
    "Observation",
    "ObservationDefinition",
    "OperationDefinition",
    "OperationOutcome",
    "Organization",
    "OrganizationAffiliation",
    "Parameters",
    "Patient",
    "PaymentNotice",
    "PaymentReconciliation",
    "Person",
    "PlanDefinition",
    "Practitioner",
    "PractitionerRole",
    "Procedure",
    "Provenance",
    "Questionnaire",
    "QuestionnaireResponse",
    "RelatedPerson",
    "RequestGroup",
    "ResearchDefinition",
    "ResearchElementDefinition",
    "ResearchStudy",
    "ResearchSubject",
    "RiskAssessment",
    "RiskEvidenceSynthesis",
    "Schedule",
    "SearchParameter",
    "ServiceRequest",
    "Slot",
    "Specimen",
    "SpecimenDefinition",
    "StructureDefinition",
    "StructureMap",
    "Subscription",
    "Substance",
    "SubstanceNucleicAcid",
    "SubstancePolymer",
    "SubstanceProtein",
    "SubstanceReferenceInformation",
    "SubstanceSourceMaterial",
    "SubstanceSpecification",
    "SupplyDelivery",
    "SupplyRequest",
    "Task",
    "TerminologyCapabilities",
    "TestReport",
    "TestScript",
    "ValueSet",
    "VerificationResult",
    "VisionPrescription",
];

/// SDOH Clinical Care IG category codes (SDOHCC CodeSystem Temporary Codes).
pub const SDOHCC_CATEGORY: &str =
    "http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes";
/// HL7 v3 ActCode (encounter class, consent policy).
pub const V3_ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// HL7 v3 NullFlavor.
pub const V3_NULL_FLAVOR: &str = "http://terminology.hl7.org/CodeSystem/v3-NullFlavor";
/// HL7 v3 ParticipationType (consent actor role).
pub const V3_PARTICIPATION: &str = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
/// HL7 v3 RoleCode (relationship of a related person).
pub const V3_ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
/// HL7 v3 DataOperation (provenance activity).
pub const V3_DATA_OPERATION: &str = "http://terminology.hl7.org/CodeSystem/v3-DataOperation";
/// FHIR consent scope codes.
pub const CONSENT_SCOPE: &str = "http://terminology.hl7.org/CodeSystem/consentscope";
/// LOINC.
pub const LOINC: &str = "http://loinc.org";
/// FHIR goal achievement status codes.
pub const GOAL_ACHIEVEMENT: &str = "http://terminology.hl7.org/CodeSystem/goal-achievement";
/// FHIR condition clinical status codes.
pub const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
/// US Core condition category (health-concern), as the SDOH Clinical Care IG uses it.
pub const US_CORE_CONDITION_CATEGORY: &str =
    "http://hl7.org/fhir/us/core/CodeSystem/condition-category";
/// FHIR observation category codes.
pub const OBSERVATION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/observation-category";
/// FHIR data-absent reasons.
pub const DATA_ABSENT_REASON: &str = "http://terminology.hl7.org/CodeSystem/data-absent-reason";
/// FHIR provenance participant types.
pub const PROVENANCE_AGENT_TYPE: &str =
    "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
/// ASTM signature types.
pub const SIGNATURE_TYPE: &str = "urn:iso-astm:E1762-95:2013";
/// UCUM units.
pub const UCUM: &str = "http://unitsofmeasure.org";
/// The R4 core extension linking a request or event to its episode of care.
pub const EXT_EPISODE: &str = "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare";
/// The R4 core extension relating goals (here: a goal to its objectives, type milestone).
pub const EXT_GOAL_RELATIONSHIP: &str = "http://hl7.org/fhir/StructureDefinition/goal-relationship";
/// The R4 goal relationship type codes.
pub const GOAL_RELATIONSHIP_TYPE: &str =
    "http://terminology.hl7.org/CodeSystem/goal-relationship-type";

/// A hearth code system URI, e.g. `{BASE}/CodeSystem/program`.
pub fn system(name: &str) -> String {
    format!("{BASE}/CodeSystem/{name}")
}

/// A hearth identifier system URI, e.g. `{BASE}/id/goal`.
pub fn id_system(name: &str) -> String {
    format!("{BASE}/id/{name}")
}

/// A hearth extension URI, e.g. `{BASE}/StructureDefinition/goal-progress`.
pub fn extension(name: &str) -> String {
    format!("{BASE}/StructureDefinition/{name}")
}

/// The kebab-case code of a model enumeration (its serde name).
pub(crate) fn code_of<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(code)) => code,
        _ => String::new(),
    }
}

/// The model enumeration with this kebab-case code, if there is one.
pub(crate) fn parse_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(Value::String(code.to_owned())).ok()
}

/// White space as the FHIR patterns' `\s` means it: Unicode white space, and the byte
/// order mark that ECMAScript validators also count.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

/// Whether `s` is a valid FHIR `code`: no leading, trailing or repeated white space.
pub fn is_fhir_code(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && !s.chars().any(|c| is_space(c) && c != ' ')
}

/// Whether `s` is a valid FHIR `string`: not empty, and no white space but space, tab,
/// carriage return and line feed.
pub fn is_fhir_string(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| is_space(c) && !matches!(c, ' ' | '\t' | '\r' | '\n'))
}

/// A Coding of `system` for a value from the input: the code when it is a valid FHIR
/// code, else the display when it is a valid string, else the system alone.
pub(crate) fn coding(system: &str, value: &str) -> Value {
    if is_fhir_code(value) {
        json!({ "system": system, "code": value })
    } else if is_fhir_string(value) {
        json!({ "system": system, "display": value })
    } else {
        json!({ "system": system })
    }
}

/// A CodeableConcept of one Coding.
pub(crate) fn concept(system: &str, value: &str) -> Value {
    json!({ "coding": [coding(system, value)] })
}

/// A CodeableConcept of one fixed Coding with its display.
pub(crate) fn fixed(system: &str, code: &str, display: &str) -> Value {
    json!({ "coding": [{ "system": system, "code": code, "display": display }] })
}

/// An Identifier for a record id from the input (an id that is not a valid FHIR string,
/// such as an empty one, leaves the value out).
pub(crate) fn identifier(kind: &str, value: &str) -> Value {
    if is_fhir_string(value) {
        json!({ "system": id_system(kind), "value": value })
    } else {
        json!({ "system": id_system(kind) })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_strings_follow_the_r4_patterns() {
        assert!(is_fhir_code("resolve-arrears"));
        assert!(is_fhir_code("a b"));
        assert!(!is_fhir_code("a  b") && !is_fhir_code(" a") && !is_fhir_code(""));
        assert!(!is_fhir_code("a\tb"));
        assert!(is_fhir_string("a\tb") && !is_fhir_string("") && !is_fhir_string("a\u{b}"));
        assert_eq!(R4_RESOURCE_TYPES.len(), 146);
        assert_eq!(code_of(&hearth_model::ProgramModel::IcmRrh), "icm-rrh");
        assert_eq!(
            parse_code::<hearth_model::ProgramModel>("ct-psh"),
            Some(hearth_model::ProgramModel::CtPsh)
        );
    }
}
