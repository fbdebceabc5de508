//! Python bindings of hearth (`import hearth`), built into one abi3 wheel by maturin.
//!
//! Every function takes JSON text and returns Python objects whose fields carry the Rust
//! report's names; `Report.to_json()` is `serde_json::to_string(&report)` of the Rust
//! [`hearth::Report`], byte for byte. Parsing and validation run with the GIL released,
//! and a [`Policy`] is compiled once and shared by any number of calls and threads.

use std::sync::Arc;

use chrono::NaiveDate;
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use serde::Serialize;

create_exception!(
    hearth,
    HearthError,
    PyValueError,
    "Base class of every error hearth raises."
);
create_exception!(
    hearth,
    ParseError,
    HearthError,
    "A case file or caseload that could not be read: `kind`, `line`, `column` and \
     `pointer` (JSON Pointer) say where; the message never quotes a value from the input."
);
create_exception!(
    hearth,
    PolicyError,
    HearthError,
    "A policy that could not be built: `line` and `column` point into the TOML text \
     when the text is at fault (else they are None)."
);

/// What the Rust side failed with, turned into a Python exception once the GIL is back.
enum Failure {
    Parse(hearth::ParseError),
    Policy(hearth::PolicyError),
    Other(String),
}

impl Failure {
    fn into_py(self, py: Python<'_>) -> PyErr {
        match self {
            Failure::Parse(e) => {
                let err = ParseError::new_err(e.to_string());
                let value = err.value(py);
                let kind = tag(&e.kind);
                let _ = value.setattr("kind", kind);
                let _ = value.setattr("line", e.line);
                let _ = value.setattr("column", e.column);
                let _ = value.setattr("pointer", e.pointer);
                err
            }
            Failure::Policy(e) => {
                let err = PolicyError::new_err(e.to_string());
                let value = err.value(py);
                let (line, column) = match &e {
                    hearth::PolicyError::Toml { line, column, .. } => (Some(*line), Some(*column)),
                    _ => (None, None),
                };
                let _ = value.setattr("line", line);
                let _ = value.setattr("column", column);
                err
            }
            Failure::Other(message) => HearthError::new_err(message),
        }
    }
}

/// The kebab-case tag a unit enum serialises to (`"error"`, `"violation"`, …).
fn tag<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn parse_date(as_of: &str) -> Result<NaiveDate, Failure> {
    as_of.parse().map_err(|_| {
        Failure::Other("as_of is not a date: write it as YYYY-MM-DD, e.g. 2026-01-19".into())
    })
}

fn builtin(name: &str) -> Result<hearth::Policy, Failure> {
    hearth::Policy::builtin(name).map_err(Failure::Policy)
}

/// A compiled policy: a built-in one by name, or a policy file's TOML text. Immutable,
/// so one object serves any number of calls and threads.
#[pyclass(frozen, module = "hearth")]
struct Policy {
    inner: Arc<hearth::Policy>,
}

impl Policy {
    fn wrap(policy: hearth::Policy) -> Self {
        Policy {
            inner: Arc::new(policy),
        }
    }
}

#[pymethods]
impl Policy {
    /// A built-in policy by name (see `hearth.policies()`).
    #[staticmethod]
    fn builtin(py: Python<'_>, name: &Bound<'_, PyAny>) -> PyResult<Self> {
        let name: String = name.extract()?;
        builtin(&name).map(Policy::wrap).map_err(|e| e.into_py(py))
    }

    /// A policy from the TOML text of a policy file.
    #[staticmethod]
    fn from_toml(py: Python<'_>, text: String) -> PyResult<Self> {
        py.detach(move || hearth::Policy::from_toml(&text))
            .map(Policy::wrap)
            .map_err(|e| Failure::Policy(e).into_py(py))
    }

    /// The policy's name (the built-in name, or the policy file's `name`).
    #[getter]
    fn name(&self) -> String {
        self.inner.name().to_owned()
    }

    /// Checks one case file (JSON text) as of a date (`YYYY-MM-DD`).
    fn validate(&self, py: Python<'_>, case_json: String, as_of: String) -> PyResult<Report> {
        run(py, Kind::Case, case_json, Arc::clone(&self.inner), as_of)
    }

    /// Checks a caseload (JSON text) as of a date (`YYYY-MM-DD`).
    fn validate_caseload(
        &self,
        py: Python<'_>,
        caseload_json: String,
        as_of: String,
    ) -> PyResult<Report> {
        run(
            py,
            Kind::Caseload,
            caseload_json,
            Arc::clone(&self.inner),
            as_of,
        )
    }

    fn __repr__(&self) -> String {
        format!("hearth.Policy({:?})", self.inner.name())
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Case,
    Caseload,
}

/// Parses and validates with the GIL released.
fn run(
    py: Python<'_>,
    kind: Kind,
    json: String,
    policy: Arc<hearth::Policy>,
    as_of: String,
) -> PyResult<Report> {
    py.detach(move || -> Result<Report, Failure> {
        let as_of = parse_date(&as_of)?;
        let report = match kind {
            Kind::Case => {
                let case = hearth::parse_case_file(&json).map_err(Failure::Parse)?;
                hearth::validate(&case, &policy, as_of)
            }
            Kind::Caseload => {
                let caseload = hearth::parse_caseload(&json).map_err(Failure::Parse)?;
                hearth::validate_caseload(&caseload, &policy, as_of)
            }
        };
        Ok(Report {
            inner: Arc::new(report),
        })
    })
    .map_err(|e| e.into_py(py))
}

/// A built-in policy name or a `Policy` object, compiled.
fn policy_arg(py: Python<'_>, policy: &Bound<'_, PyAny>) -> PyResult<Arc<hearth::Policy>> {
    if let Ok(compiled) = policy.cast::<Policy>() {
        return Ok(Arc::clone(&compiled.get().inner));
    }
    let name: String = policy.extract().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(
            "policy must be a built-in policy name (str) or a hearth.Policy",
        )
    })?;
    builtin(&name).map(Arc::new).map_err(|e| e.into_py(py))
}

/// Checks one case file (JSON text) against a policy (a built-in name or a `Policy`) as
/// of a date (`YYYY-MM-DD`).
#[pyfunction]
fn validate(
    py: Python<'_>,
    case_json: String,
    policy: &Bound<'_, PyAny>,
    as_of: String,
) -> PyResult<Report> {
    let policy = policy_arg(py, policy)?;
    run(py, Kind::Case, case_json, policy, as_of)
}

/// Checks a caseload (JSON text) against a policy (a built-in name or a `Policy`) as of
/// a date (`YYYY-MM-DD`).
#[pyfunction]
fn validate_caseload(
    py: Python<'_>,
    caseload_json: String,
    policy: &Bound<'_, PyAny>,
    as_of: String,
) -> PyResult<Report> {
    let policy = policy_arg(py, policy)?;
    run(py, Kind::Caseload, caseload_json, policy, as_of)
}

/// The names of the built-in policies.
#[pyfunction]
fn policies() -> Vec<&'static str> {
    hearth::Policy::builtin_names()
}

/// A JSON Schema by name (`case-file`, `caseload`, `catalog-extension`, `policy`,
/// `report`, `check-report`), as the text committed under `schemas/`.
#[pyfunction]
fn schema(name: &str) -> PyResult<String> {
    let name: hearth::schema::SchemaName = name
        .parse()
        .map_err(|e: hearth::schema::UnknownSchema| HearthError::new_err(e.to_string()))?;
    Ok(hearth::schema::generate_text(name))
}

/// A rule's documentation (what it checks, why, how to fix a finding), by code or name.
#[pyfunction]
fn explain(code: &str) -> PyResult<String> {
    hearth_rules::registry::find(code)
        .map(|rule| rule.meta().doc_text())
        .ok_or_else(|| HearthError::new_err("no rule with that code or name"))
}

/// A report: findings (what is wrong now) and obligations (what is due, and when).
#[pyclass(frozen, module = "hearth")]
struct Report {
    inner: Arc<hearth::Report>,
}

#[pymethods]
impl Report {
    /// The report format's version.
    #[getter]
    fn schema_version(&self) -> String {
        self.inner.schema_version.clone()
    }

    /// The evaluation date, `YYYY-MM-DD`.
    #[getter]
    fn as_of(&self) -> String {
        self.inner.as_of.to_string()
    }

    /// The policy applied.
    #[getter]
    fn policy(&self) -> String {
        self.inner.policy.clone()
    }

    /// Counts of findings and obligations.
    #[getter]
    fn summary(&self) -> Summary {
        let s = &self.inner.summary;
        Summary {
            participants: s.participants,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            waived: s.waived,
            not_evaluated: s.not_evaluated,
            overdue: s.overdue,
            due_soon: s.due_soon,
        }
    }

    /// The findings, in the report's order.
    #[getter]
    fn findings<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.findings.iter().map(Finding::from))
    }

    /// The obligations, in the report's order.
    #[getter]
    fn obligations<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.inner.obligations.iter().map(Obligation::from))
    }

    /// The report as JSON: exactly `serde_json::to_string(&report)` on the Rust side.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.inner).map_err(|e| HearthError::new_err(e.to_string()))
    }

    fn __repr__(&self) -> String {
        let s = &self.inner.summary;
        format!(
            "hearth.Report(policy={:?}, as_of={:?}, errors={}, warnings={}, obligations={})",
            self.inner.policy,
            self.inner.as_of.to_string(),
            s.errors,
            s.warnings,
            self.inner.obligations.len()
        )
    }
}

/// Counts of a report's findings and obligations.
#[pyclass(frozen, get_all, module = "hearth")]
struct Summary {
    participants: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    waived: usize,
    not_evaluated: usize,
    overdue: usize,
    due_soon: usize,
}

/// One finding: a rule, a participant, a place in the input (`path`, a JSON Pointer) and
/// what is wrong there. Dates are `YYYY-MM-DD` strings.
#[pyclass(frozen, get_all, module = "hearth")]
struct Finding {
    code: String,
    rule: String,
    severity: String,
    kind: String,
    message: String,
    participant_id: Option<String>,
    path: String,
    on: String,
    requirements: Vec<String>,
    help: String,
    waiver: Option<String>,
}

impl From<&hearth::Finding> for Finding {
    fn from(f: &hearth::Finding) -> Self {
        Finding {
            code: f.code.clone(),
            rule: f.rule.clone(),
            severity: tag(&f.severity),
            kind: tag(&f.kind),
            message: f.message.clone(),
            participant_id: f.participant_id.as_ref().map(tag),
            path: f.path.clone(),
            on: f.on.to_string(),
            requirements: f.requirements.clone(),
            help: f.help.clone(),
            waiver: f.waiver.clone(),
        }
    }
}

#[pymethods]
impl Finding {
    fn __repr__(&self) -> String {
        format!("hearth.Finding({} at {:?})", self.code, self.path)
    }
}

/// One thing a requirement asks of a participant's team, with its due date or window and
/// where it stands. Dates are `YYYY-MM-DD` strings.
#[pyclass(frozen, get_all, module = "hearth")]
struct Obligation {
    code: String,
    requirement: String,
    kind: String,
    description: String,
    participant_id: String,
    enrollment: Option<String>,
    case_manager: Option<String>,
    path: String,
    window_start: Option<String>,
    due_on: Option<String>,
    done_on: Option<String>,
    remaining: Option<u32>,
    status: String,
    waiver: Option<String>,
}

impl From<&hearth::Obligation> for Obligation {
    fn from(o: &hearth::Obligation) -> Self {
        Obligation {
            code: o.code.clone(),
            requirement: o.requirement.clone(),
            kind: o.kind.clone(),
            description: o.description.clone(),
            participant_id: tag(&o.participant_id),
            enrollment: o.enrollment.as_ref().map(tag),
            case_manager: o.case_manager.as_ref().map(tag),
            path: o.path.clone(),
            window_start: o.window_start.map(|d| d.to_string()),
            due_on: o.due_on.map(|d| d.to_string()),
            done_on: o.done_on.map(|d| d.to_string()),
            remaining: o.remaining,
            status: tag(&o.status),
            waiver: o.waiver.clone(),
        }
    }
}

#[pymethods]
impl Obligation {
    fn __repr__(&self) -> String {
        format!(
            "hearth.Obligation({} {} {})",
            self.code, self.kind, self.status
        )
    }
}

/// The `hearth` Python module.
#[pymodule(name = "hearth")]
fn hearth_module(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_caseload, m)?)?;
    m.add_function(wrap_pyfunction!(policies, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_class::<Policy>()?;
    m.add_class::<Report>()?;
    m.add_class::<Summary>()?;
    m.add_class::<Finding>()?;
    m.add_class::<Obligation>()?;
    m.add("HearthError", py.get_type::<HearthError>())?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add("PolicyError", py.get_type::<PolicyError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
