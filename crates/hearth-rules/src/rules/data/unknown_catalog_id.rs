use super::common::{reference_pointer, references, CatalogKind, Target};
use crate::context::{CaseContext, Out};
use crate::index::CaseIndex;
use crate::rule::{Area, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That every catalog id in a case file is in the catalog the run uses (the built-in
    /// one, extended by any agency catalog extension given): the `step` of action steps,
    /// of steps done in encounters, of referrals and of information shares; the `risk` of
    /// risk observations; the `instrument` of assessments.
    ///
    /// One finding per unknown id, at the field that holds it (for example
    /// `/enrollments/0/encounters/4/steps_done/0/step`), dated the evaluation date, with
    /// the closest catalog id when one is close enough to be a likely typo. Catalog ids
    /// are kebab-case; a value that is not (`Paid the landlord`) may be note text typed
    /// into the wrong field, so the message does not repeat it.
    ///
    /// ## Why
    /// Rules read what a step, risk or instrument means from the catalog: whether a step
    /// shares information and so needs a release, which response a risk category asks
    /// for, an instrument's score range. An id the catalog does not know gives them
    /// nothing to go on, so they skip it or report it as not evaluated. A misspelt id, or
    /// an agency's own step checked without the agency's catalog extension, is the usual
    /// cause. This rule enforces no requirement of the standards; it guards the others,
    /// and is on in every built-in policy.
    ///
    /// ## Example that fails
    /// An encounter with a step done `resolve-arear`: a finding at
    /// `/enrollments/0/encounters/4/steps_done/0/step`, "encounter E005 names catalog step
    /// resolve-arear, which is not in the catalog; did you mean \"resolve-arrears\"?".
    ///
    /// ## Example that passes
    /// The step written `resolve-arrears`; or an agency step `eastside-food-pantry` with
    /// the agency's extension (which defines it) in the run.
    pub struct UnknownCatalogId;
    meta {
        code: "DATA004",
        name: "unknown-catalog-id",
        area: Area::Data,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "An action step, risk or instrument id is not in the catalog.",
        help: "Use an id from `hearth catalog steps`, `hearth catalog risks` or `hearth catalog instruments`; for an agency's own ids, add its catalog extension to the run.",
        requirements: &[],
        params: &[],
    }
}

impl Rule for UnknownCatalogId {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        cx.with_index(|index| self.check_indexed(cx, index, out));
    }
}

impl UnknownCatalogId {
    fn check_indexed(&self, cx: &CaseContext<'_>, index: &CaseIndex<'_>, out: &mut Out) {
        // Paths are built only when an unknown catalog id is found.
        let mut located = None;
        for (n, reference) in index.references.iter().enumerate() {
            let Target::Catalog(kind) = reference.target else {
                continue;
            };
            let (noun, unknown) = match kind {
                CatalogKind::Step => ("catalog step", cx.catalog.step(reference.id).err()),
                CatalogKind::Risk => ("risk", cx.catalog.risk(reference.id).err()),
                CatalogKind::Instrument => {
                    ("instrument", cx.catalog.instrument(reference.id).err())
                }
            };
            let Some(unknown) = unknown else {
                continue;
            };
            let message = if hearth_catalog::is_kebab_id(reference.id) {
                let hint = unknown
                    .suggestion
                    .map(|s| format!("; did you mean {s:?}?"))
                    .unwrap_or_default();
                format!(
                    "{} names {noun} {}, which is not in the catalog{hint}",
                    reference.by, reference.id
                )
            } else {
                // Not even shaped like a catalog id: it may be text typed into the
                // wrong field, so it is not repeated.
                format!(
                    "the {noun} named by {} is not a catalog id (it is not kebab-case, so it is not repeated here)",
                    reference.by
                )
            };
            let located = located.get_or_insert_with(|| references(cx.case));
            out.findings
                .push(cx.finding(&reference_pointer(located, n), cx.as_of, message));
        }
    }
}
