//! The [`Catalog`]: all domains, steps, risk categories, risks and instruments, with
//! lookups by id.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::ids::UnknownId;
use crate::instruments::{builtin_instruments, Instrument};
use crate::risks::{builtin_categories, builtin_risks, Risk, RiskCategory};
use crate::steps::{builtin_domains, builtin_steps, Domain, Step};

/// The action-step catalog, risk taxonomy and assessment instruments.
///
/// Start from [`Catalog::builtin`] and add an agency's entries with
/// [`Catalog::extend`]. Every listing keeps a stable order: built-in entries in source
/// order, then extension entries in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalog {
    pub(crate) domains: Vec<Domain>,
    pub(crate) steps: Vec<Step>,
    pub(crate) risk_categories: Vec<RiskCategory>,
    pub(crate) risks: Vec<Risk>,
    pub(crate) instruments: Vec<Instrument>,
    /// Agencies whose extensions have been applied, in order.
    pub(crate) agencies: Vec<String>,
    /// Every id and where its entry sits: lookups are a map search, not a scan, since
    /// rules look up ids for every record they read. Rebuilt by [`Catalog::reindex`].
    #[serde(skip)]
    index: BTreeMap<String, Entry>,
}

/// Where an id's entry sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Domain(usize),
    Step(usize),
    RiskCategory(usize),
    Risk(usize),
    Instrument(usize),
}

impl Entry {
    fn kind(self) -> &'static str {
        match self {
            Entry::Domain(_) => "domain",
            Entry::Step(_) => "action step",
            Entry::RiskCategory(_) => "risk category",
            Entry::Risk(_) => "risk",
            Entry::Instrument(_) => "instrument",
        }
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::builtin()
    }
}

impl Catalog {
    /// The built-in catalog: 5 domains, 73 steps (69 ICMS + 4 RRH move-in), 3 risk
    /// categories, 18 risks and 7 instruments.
    pub fn builtin() -> Catalog {
        let mut catalog = Catalog {
            domains: builtin_domains(),
            steps: builtin_steps(),
            risk_categories: builtin_categories(),
            risks: builtin_risks(),
            instruments: builtin_instruments(),
            agencies: Vec::new(),
            index: BTreeMap::new(),
        };
        catalog.reindex();
        catalog
    }

    /// Builds the id index. The first entry to claim an id keeps it (extensions reject
    /// duplicates before adding).
    fn reindex(&mut self) {
        let mut index = BTreeMap::new();
        let ids = self
            .domains
            .iter()
            .enumerate()
            .map(|(i, d)| (&d.id, Entry::Domain(i)))
            .chain(
                self.steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| (&s.id, Entry::Step(i))),
            )
            .chain(
                self.risk_categories
                    .iter()
                    .enumerate()
                    .map(|(i, c)| (&c.id, Entry::RiskCategory(i))),
            )
            .chain(
                self.risks
                    .iter()
                    .enumerate()
                    .map(|(i, r)| (&r.id, Entry::Risk(i))),
            )
            .chain(
                self.instruments
                    .iter()
                    .enumerate()
                    .map(|(i, x)| (&x.id, Entry::Instrument(i))),
            );
        for (id, entry) in ids {
            index.entry(id.clone()).or_insert(entry);
        }
        self.index = index;
    }

    /// Adds a domain and indexes its id (the caller has checked the id is new).
    pub(crate) fn push_domain(&mut self, domain: Domain) {
        self.index
            .entry(domain.id.clone())
            .or_insert(Entry::Domain(self.domains.len()));
        self.domains.push(domain);
    }

    /// Adds a step and indexes its id (the caller has checked the id is new).
    pub(crate) fn push_step(&mut self, step: Step) {
        self.index
            .entry(step.id.clone())
            .or_insert(Entry::Step(self.steps.len()));
        self.steps.push(step);
    }

    /// Adds an instrument and indexes its id (the caller has checked the id is new).
    pub(crate) fn push_instrument(&mut self, instrument: Instrument) {
        self.index
            .entry(instrument.id.clone())
            .or_insert(Entry::Instrument(self.instruments.len()));
        self.instruments.push(instrument);
    }

    fn entry(&self, id: &str) -> Option<Entry> {
        self.index.get(id).copied()
    }

    /// All domains.
    pub fn domains(&self) -> &[Domain] {
        &self.domains
    }

    /// All action steps.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// All risk categories.
    pub fn risk_categories(&self) -> &[RiskCategory] {
        &self.risk_categories
    }

    /// All risks.
    pub fn risks(&self) -> &[Risk] {
        &self.risks
    }

    /// All assessment instruments.
    pub fn instruments(&self) -> &[Instrument] {
        &self.instruments
    }

    /// The agencies whose extensions have been applied, in the order applied.
    pub fn agencies(&self) -> &[String] {
        &self.agencies
    }

    /// The domain with this id.
    pub fn domain(&self, id: &str) -> Result<&Domain, UnknownId> {
        let found = match self.entry(id) {
            Some(Entry::Domain(i)) => self.domains.get(i),
            _ => None,
        };
        found.ok_or_else(|| {
            UnknownId::new(
                "domain",
                id,
                self.domains
                    .iter()
                    .map(|d| (d.id.as_str(), d.title.as_str())),
            )
        })
    }

    /// The action step with this id.
    ///
    /// ```
    /// let catalog = hearth_catalog::Catalog::builtin();
    /// assert_eq!(catalog.step("refer-to-ph").unwrap().name, "Refer to PH?");
    /// let err = catalog.step("resolve-arear").unwrap_err();
    /// assert_eq!(err.suggestion.as_deref(), Some("resolve-arrears"));
    /// ```
    pub fn step(&self, id: &str) -> Result<&Step, UnknownId> {
        let found = match self.entry(id) {
            Some(Entry::Step(i)) => self.steps.get(i),
            _ => None,
        };
        found.ok_or_else(|| {
            UnknownId::new(
                "action step",
                id,
                self.steps.iter().map(|s| (s.id.as_str(), s.name.as_str())),
            )
        })
    }

    /// The risk category with this id.
    pub fn risk_category(&self, id: &str) -> Result<&RiskCategory, UnknownId> {
        let found = match self.entry(id) {
            Some(Entry::RiskCategory(i)) => self.risk_categories.get(i),
            _ => None,
        };
        found.ok_or_else(|| {
            UnknownId::new(
                "risk category",
                id,
                self.risk_categories
                    .iter()
                    .map(|c| (c.id.as_str(), c.name.as_str())),
            )
        })
    }

    /// The risk with this id.
    pub fn risk(&self, id: &str) -> Result<&Risk, UnknownId> {
        let found = match self.entry(id) {
            Some(Entry::Risk(i)) => self.risks.get(i),
            _ => None,
        };
        found.ok_or_else(|| {
            UnknownId::new(
                "risk",
                id,
                self.risks.iter().map(|r| (r.id.as_str(), r.name.as_str())),
            )
        })
    }

    /// The assessment instrument with this id.
    pub fn instrument(&self, id: &str) -> Result<&Instrument, UnknownId> {
        let found = match self.entry(id) {
            Some(Entry::Instrument(i)) => self.instruments.get(i),
            _ => None,
        };
        found.ok_or_else(|| {
            UnknownId::new(
                "instrument",
                id,
                self.instruments
                    .iter()
                    .map(|i| (i.id.as_str(), i.name.as_str())),
            )
        })
    }

    /// The steps of a domain, in catalog order; an error when the domain is unknown.
    pub fn steps_in_domain(&self, domain: &str) -> Result<Vec<&Step>, UnknownId> {
        let domain = self.domain(domain)?;
        Ok(self
            .steps
            .iter()
            .filter(|s| s.domain == domain.id)
            .collect())
    }

    /// The risks of a category, in catalog order; an error when the category is unknown.
    pub fn risks_in_category(&self, category: &str) -> Result<Vec<&Risk>, UnknownId> {
        let category = self.risk_category(category)?;
        Ok(self
            .risks
            .iter()
            .filter(|r| r.category == category.id)
            .collect())
    }

    /// The steps that address a risk, in the risk's order; an error when the risk is
    /// unknown.
    pub fn steps_for_risk(&self, risk: &str) -> Result<Vec<&Step>, UnknownId> {
        let risk = self.risk(risk)?;
        Ok(risk
            .steps
            .iter()
            .filter_map(|id| self.step(id).ok())
            .collect())
    }

    /// Whether any entry of any kind (domain, step, risk category, risk, instrument)
    /// already uses this id. Ids are unique across the whole catalog.
    pub fn contains_id(&self, id: &str) -> bool {
        self.id_kind(id).is_some()
    }

    /// The kind of entry that uses this id, if any.
    pub(crate) fn id_kind(&self, id: &str) -> Option<&'static str> {
        self.entry(id).map(Entry::kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::is_kebab_id;
    use std::collections::HashSet;

    #[test]
    fn builtin_counts() {
        let c = Catalog::builtin();
        assert_eq!(c.domains().len(), 5);
        assert_eq!(c.steps().len(), 73);
        assert_eq!(c.risk_categories().len(), 3);
        assert_eq!(c.risks().len(), 18);
        assert_eq!(c.instruments().len(), 7);
        assert!(c.agencies().is_empty());
    }

    #[test]
    fn ids_unique_across_kinds_and_kebab() {
        let c = Catalog::builtin();
        let ids = c
            .domains
            .iter()
            .map(|d| &d.id)
            .chain(c.steps.iter().map(|s| &s.id))
            .chain(c.risk_categories.iter().map(|r| &r.id))
            .chain(c.risks.iter().map(|r| &r.id))
            .chain(c.instruments.iter().map(|i| &i.id));
        let mut seen = HashSet::new();
        for id in ids {
            assert!(is_kebab_id(id), "{id} is not kebab-case");
            assert!(seen.insert(id), "{id} is used twice");
        }
    }

    #[test]
    fn a_lookup_finds_only_its_own_kind() {
        let c = Catalog::builtin();
        assert!(c.domain("wellness").is_ok());
        let err = c.step("wellness").unwrap_err();
        assert_eq!(err.kind, "action step");
        assert!(
            c.instrument("5x5").is_err(),
            "5x5 is a step, not an instrument"
        );
        assert!(c.step("5x5").is_ok());
        assert_eq!(c.id_kind("hai"), Some("instrument"));
        assert_eq!(c.id_kind("resolve-arrears"), Some("action step"));
    }

    #[test]
    fn lookups() {
        let c = Catalog::builtin();
        assert_eq!(c.domain("wellness").unwrap().title, "Promoting Wellness");
        assert_eq!(c.risk("contagions").unwrap().category, "health-concerns");
        assert_eq!(
            c.risk_category("safety-hazards").unwrap().name,
            "Safety Hazards"
        );
        assert_eq!(c.instrument("spdat").unwrap().components.len(), 15);
        assert_eq!(c.steps_in_domain("rrh-move-in").unwrap().len(), 4);
        assert_eq!(c.risks_in_category("lease-violations").unwrap().len(), 7);
        let pets: Vec<&str> = c
            .steps_for_risk("too-many-pets")
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(
            pets,
            [
                "Spay/Neuter Pets",
                "Adopt Out Pets",
                "Emotional Support Companion Certification"
            ]
        );
        assert!(c.contains_id("hai"));
        assert!(!c.contains_id("nothing-here"));
    }

    #[test]
    fn unknown_ids_suggest() {
        let c = Catalog::builtin();
        let e = c.step("resolve-arear").unwrap_err();
        assert_eq!(
            e.to_string(),
            r#"unknown action step id "resolve-arear"; did you mean "resolve-arrears"?"#
        );
        assert_eq!(
            c.step("Resolve Arrears").unwrap_err().suggestion.as_deref(),
            Some("resolve-arrears")
        );
        assert_eq!(
            c.step("Refer to PH?").unwrap_err().suggestion.as_deref(),
            Some("refer-to-ph")
        );
        assert_eq!(
            c.risk("too-many-pet").unwrap_err().suggestion.as_deref(),
            Some("too-many-pets")
        );
        assert_eq!(
            c.domain("Promoting Wellness")
                .unwrap_err()
                .suggestion
                .as_deref(),
            Some("wellness")
        );
        assert_eq!(
            c.instrument("vi-spdat").unwrap_err().suggestion.as_deref(),
            Some("vi-spdat-v2")
        );
        assert_eq!(c.risk_category("lease").unwrap_err().kind, "risk category");
        let none = c.step("quantum chromodynamics").unwrap_err();
        assert_eq!(none.suggestion, None);
        assert_eq!(
            none.to_string(),
            r#"unknown action step id "quantum chromodynamics""#
        );
        assert!(c.steps_in_domain("welness").is_err());
        assert!(c.risks_in_category("nope").is_err());
        assert!(c.steps_for_risk("nope").is_err());
    }
}
