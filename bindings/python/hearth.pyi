"""hearth: housing case-management standards as checkable rules.

Validate a case file or caseload (JSON text) against a policy as of a date. Reports carry
the Rust report's field names; ``Report.to_json()`` is the Rust report's JSON byte for
byte. Dates are ``YYYY-MM-DD`` strings. Validation releases the GIL; a ``Policy`` is
immutable and may be shared by threads.
"""

from typing import List, Optional, Union

__version__: str

class HearthError(ValueError):
    """Base class of every error hearth raises."""

class ParseError(HearthError):
    """A document that could not be read. The message never quotes an input value."""

    kind: str
    line: int
    column: int
    pointer: str

class PolicyError(HearthError):
    """A policy that could not be built; line and column point into the TOML text."""

    line: Optional[int]
    column: Optional[int]

class Summary:
    participants: int
    errors: int
    warnings: int
    infos: int
    waived: int
    not_evaluated: int
    overdue: int
    due_soon: int

class Finding:
    code: str
    rule: str
    severity: str
    kind: str
    message: str
    participant_id: Optional[str]
    path: str
    on: str
    requirements: List[str]
    help: str
    waiver: Optional[str]

class Obligation:
    code: str
    requirement: str
    kind: str
    description: str
    participant_id: str
    enrollment: Optional[str]
    case_manager: Optional[str]
    path: str
    window_start: Optional[str]
    due_on: Optional[str]
    done_on: Optional[str]
    remaining: Optional[int]
    status: str
    waiver: Optional[str]

class Report:
    schema_version: str
    as_of: str
    policy: str
    summary: Summary
    findings: List[Finding]
    obligations: List[Obligation]
    def to_json(self) -> str:
        """The report as JSON, exactly as the Rust side serialises it."""

class Policy:
    @staticmethod
    def builtin(name: str) -> "Policy": ...
    @staticmethod
    def from_toml(text: str) -> "Policy": ...
    @property
    def name(self) -> str: ...
    def validate(self, case_json: str, as_of: str) -> Report: ...
    def validate_caseload(self, caseload_json: str, as_of: str) -> Report: ...

def validate(case_json: str, policy: Union[str, Policy], as_of: str) -> Report:
    """Checks one case file against a policy (built-in name or Policy) as of a date."""

def validate_caseload(caseload_json: str, policy: Union[str, Policy], as_of: str) -> Report:
    """Checks a caseload against a policy (built-in name or Policy) as of a date."""

def policies() -> List[str]:
    """The names of the built-in policies."""

def schema(name: str) -> str:
    """A JSON Schema by name, as the text committed under schemas/."""

def explain(code: str) -> str:
    """A rule's documentation, by code or name."""
