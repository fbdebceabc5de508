use std::collections::BTreeMap;

use chrono::NaiveDate;
use hearth_model::{Consent, Enrollment};

use crate::calendar::local_date;
use crate::context::{CaseContext, Out};
use crate::path::Pointer;
use crate::rule::{Area, Citation, Rule, RuleMeta, Scope};
use crate::severity::Severity;

crate::declare_rule! {
    /// ## What it checks
    /// That participant information went to an outside party only under a release for
    /// that party valid on the day. Three kinds of record disclose information, each
    /// judged on its own date when that date is on or before the evaluation date:
    ///
    /// - every `information_shares` entry (its `shared_on`);
    /// - every `referrals` entry with `shares_information` true (the default; its
    ///   `made_on`); a referral with `shares_information` false needs no release;
    /// - every `steps_done` entry of an encounter that names a `party` and whose catalog
    ///   step `needs_consent` (the encounter's local date). A step with no party is not
    ///   judged (there is no party to hold a release for); a step the catalog does not
    ///   know is not evaluated. Steps planned in the care plan are plans, not
    ///   disclosures, and are not judged.
    ///
    /// A release (`consents`) is valid on a day when it is for the same `party`, was
    /// signed on or before that day (a release signed on the day of the sharing covers
    /// it), has not expired (`expires_on` on or after the day; none means no expiry), and
    /// was not revoked on or before the day. A refused or unsigned release is never
    /// valid. When a share names the release it relied on (`consent`), that release must
    /// be valid and for the same party; another valid release does not make up for it.
    ///
    /// One finding per offending record, at its path
    /// (`/enrollments/N/information_shares/M`, `/enrollments/N/referrals/M`,
    /// `/enrollments/N/encounters/K/steps_done/J`), dated the day of the disclosure; the
    /// message names the party id and the releases considered, never names.
    ///
    /// For the latest enrollment open on the evaluation date the rule lists one
    /// obligation `release-expiry` per signed, unrevoked release that expires on or after
    /// the evaluation date, due on its `expires_on` (renew it before sharing again); with
    /// no open enrollment there are none.
    ///
    /// ## Why
    /// Participants have a right to confidential services. St. Louis asks for a signed,
    /// written release before anything is shared, one for each agency or person, and the
    /// ICMS guide warns that connecting to some community supports depends on having an
    /// adequate information-sharing consent on record. Sharing under an expired, revoked
    /// or not-yet-signed release is sharing without consent. (Emergencies are recorded
    /// as confidentiality exceptions, not as shares.)
    ///
    /// ## Example that fails
    /// A legal-aid referral shared with `PTY-LEGAL` on 2025-11-18 under release `C4`,
    /// which expired on 2025-10-31: one finding at `/enrollments/0/information_shares/0`
    /// dated 2025-11-18 ("... under C4, which expired on 2025-10-31").
    ///
    /// ## Example that passes
    /// The same share made on 2025-11-25 under the new release `C7`, signed that day.
    pub struct ShareWithoutRelease;
    meta {
        code: "CONS001",
        name: "share-without-release",
        area: Area::Consent,
        scope: Scope::CaseFile,
        severity: Severity::Error,
        summary: "Information was shared with a party without a release for that party valid on the day.",
        help: "Share information only under a signed, unexpired, unrevoked release for that party; obtain or renew the release first, and record which release a share relied on in its `consent`.",
        requirements: &[
            Citation {
                id: "R-CONS-1",
                source: "003",
                section: "Protecting Client Information",
            },
            Citation {
                id: "R-CONS-1",
                source: "000",
                section: "Supporting Safety & Stability",
            },
        ],
        params: &[],
    }
}

/// Why a release does not cover a disclosure on a day, or `None` when it does.
fn invalid_because(consent: &Consent, party: &str, on: NaiveDate) -> Option<String> {
    if consent.party.as_str() != party {
        return Some(format!("is for {}", consent.party));
    }
    if let Some(refused) = consent.refused_on {
        return Some(format!("was refused on {refused}"));
    }
    let Some(signed) = consent.signed_on else {
        return Some("was never signed".to_owned());
    };
    if signed > on {
        return Some(format!("was only signed on {signed}"));
    }
    if let Some(expired) = consent.expires_on.filter(|e| *e < on) {
        return Some(format!("expired on {expired}"));
    }
    if let Some(revoked) = consent.revoked_on.filter(|r| *r <= on) {
        return Some(format!("was revoked on {revoked}"));
    }
    None
}

/// The case file's releases by party, each list sorted by id.
struct Releases<'a> {
    by_party: BTreeMap<&'a str, Vec<&'a Consent>>,
    by_id: BTreeMap<&'a str, &'a Consent>,
}

impl<'a> Releases<'a> {
    fn new(consents: &'a [Consent]) -> Self {
        let mut by_party: BTreeMap<&str, Vec<&Consent>> = BTreeMap::new();
        let mut by_id = BTreeMap::new();
        for c in consents {
            by_party.entry(c.party.as_str()).or_default().push(c);
            by_id.entry(c.id.as_str()).or_insert(c);
        }
        for list in by_party.values_mut() {
            list.sort_by(|a, b| a.id.cmp(&b.id));
        }
        Releases { by_party, by_id }
    }

    /// Why no release covers a disclosure to `party` on `on` (relying on `named`, if
    /// given), or `None` when one does.
    fn problem(&self, party: &str, on: NaiveDate, named: Option<&str>) -> Option<String> {
        if let Some(id) = named {
            return match self.by_id.get(id) {
                None => Some(format!("under {id}, which is not in the file")),
                Some(c) => {
                    invalid_because(c, party, on).map(|why| format!("under {id}, which {why}"))
                }
            };
        }
        let candidates = self.by_party.get(party).map(Vec::as_slice).unwrap_or(&[]);
        if candidates.is_empty() {
            return Some(format!("no release for {party} in the file"));
        }
        let reasons: Vec<String> = candidates
            .iter()
            .map(|c| invalid_because(c, party, on).map(|why| format!("{} {why}", c.id)))
            .collect::<Option<Vec<_>>>()?;
        Some(format!(
            "no valid release for {party}: {}",
            reasons.join("; ")
        ))
    }
}

impl Rule for ShareWithoutRelease {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &CaseContext<'_>, out: &mut Out) {
        let releases = Releases::new(&cx.case.consents);
        for (path, enrollment) in cx.enrollments() {
            check_shares(cx, &releases, &path, enrollment, out);
            check_referrals(cx, &releases, &path, enrollment, out);
            check_steps(cx, &releases, &path, enrollment, out);
        }
        release_obligations(cx, out);
    }
}

fn check_shares(
    cx: &CaseContext<'_>,
    releases: &Releases<'_>,
    path: &Pointer,
    enrollment: &Enrollment,
    out: &mut Out,
) {
    let list = path.key("information_shares");
    for (m, share) in enrollment.information_shares.iter().enumerate() {
        let on = share.shared_on;
        if on > cx.as_of {
            continue;
        }
        let named = share.consent.as_ref().map(|c| c.as_str());
        if let Some(problem) = releases.problem(share.party.as_str(), on, named) {
            out.findings.push(cx.finding(
                &list.index(m),
                on,
                format!("share {} with {} on {on}: {problem}", share.id, share.party),
            ));
        }
    }
}

fn check_referrals(
    cx: &CaseContext<'_>,
    releases: &Releases<'_>,
    path: &Pointer,
    enrollment: &Enrollment,
    out: &mut Out,
) {
    let list = path.key("referrals");
    for (m, referral) in enrollment.referrals.iter().enumerate() {
        let on = referral.made_on;
        if !referral.shares_information || on > cx.as_of {
            continue;
        }
        if let Some(problem) = releases.problem(referral.party.as_str(), on, None) {
            out.findings.push(cx.finding(
                &list.index(m),
                on,
                format!(
                    "referral {} to {} on {on} shares information: {problem}",
                    referral.id, referral.party
                ),
            ));
        }
    }
}

fn check_steps(
    cx: &CaseContext<'_>,
    releases: &Releases<'_>,
    path: &Pointer,
    enrollment: &Enrollment,
    out: &mut Out,
) {
    let encounters = path.key("encounters");
    for (k, encounter) in enrollment.encounters.iter().enumerate() {
        let on = local_date(&encounter.started_at);
        if on > cx.as_of {
            continue;
        }
        let steps = encounters.index(k).key("steps_done");
        for (j, done) in encounter.steps_done.iter().enumerate() {
            let Some(party) = &done.party else {
                continue;
            };
            let step_path = steps.index(j);
            match cx.catalog.step(done.step.as_str()) {
                Err(_) => out.findings.push(cx.not_evaluated(
                    &step_path,
                    on,
                    format!(
                        "step {} of encounter {} is not in the catalog, so whether it needs a release is unknown",
                        done.step, encounter.id
                    ),
                )),
                Ok(step) if step.needs_consent => {
                    if let Some(problem) = releases.problem(party.as_str(), on, None) {
                        out.findings.push(cx.finding(
                            &step_path,
                            on,
                            format!(
                                "step {} with {party} in encounter {} on {on}: {problem}",
                                done.step, encounter.id
                            ),
                        ));
                    }
                }
                Ok(_) => {}
            }
        }
    }
}

fn release_obligations(cx: &CaseContext<'_>, out: &mut Out) {
    let Some(enrollment) = cx
        .case
        .enrollments
        .iter()
        .filter(|e| e.entered_on <= cx.as_of && cx.is_open(e))
        .max_by(|a, b| (a.entered_on, &a.id).cmp(&(b.entered_on, &b.id)))
    else {
        return;
    };
    let consents = Pointer::root().key("consents");
    for (i, consent) in cx.case.consents.iter().enumerate() {
        let signed =
            consent.signed_on.is_some_and(|s| s <= cx.as_of) && consent.refused_on.is_none();
        let revoked = consent.revoked_on.is_some_and(|r| r <= cx.as_of);
        let Some(expires) = consent.expires_on.filter(|e| *e >= cx.as_of) else {
            continue;
        };
        if signed && !revoked {
            out.obligations.push(cx.obligation(
                enrollment,
                "release-expiry",
                "R-CONS-1",
                format!(
                    "release {} for {} expires on {expires}; renew it before sharing with {} after that day",
                    consent.id, consent.party, consent.party
                ),
                &consents.index(i).key("expires_on"),
                expires,
                None,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::param::Params;
    use hearth_catalog::Catalog;

    fn run(json: &str, as_of: &str) -> Out {
        let case = hearth_model::parse_case_file(json).unwrap();
        let catalog = Catalog::builtin();
        let params = Params::defaults(ShareWithoutRelease::META.params);
        let cx = CaseContext::new(
            &case,
            as_of.parse().unwrap(),
            &catalog,
            &params,
            &ShareWithoutRelease::META,
        );
        let mut out = Out::default();
        ShareWithoutRelease.check(&cx, &mut out);
        out
    }

    fn case(consent: &str, shared_on: &str) -> String {
        format!(
            r#"{{"schema_version":"1.0","participant":{{"id":"P"}},
            "consents":[{consent}],
            "enrollments":[{{"id":"E1","program":"icms","entered_on":"2025-05-01",
              "information_shares":[{{"id":"S1","party":"PTY-LL","shared_on":"{shared_on}"}}]}}]}}"#
        )
    }

    #[test]
    fn signed_on_the_day_and_expiring_on_the_day_both_cover() {
        let c =
            r#"{"id":"C1","party":"PTY-LL","signed_on":"2025-06-01","expires_on":"2025-06-30"}"#;
        assert!(run(&case(c, "2025-06-01"), "2025-07-31")
            .findings
            .is_empty());
        assert!(run(&case(c, "2025-06-30"), "2025-07-31")
            .findings
            .is_empty());
        let before = run(&case(c, "2025-05-31"), "2025-07-31");
        assert_eq!(before.findings.len(), 1);
        assert!(before.findings[0]
            .message
            .contains("C1 was only signed on 2025-06-01"));
        let after = run(&case(c, "2025-07-01"), "2025-07-31");
        assert_eq!(after.findings.len(), 1);
        assert!(after.findings[0]
            .message
            .contains("C1 expired on 2025-06-30"));
    }

    #[test]
    fn revoked_on_the_day_no_longer_covers() {
        let c =
            r#"{"id":"C1","party":"PTY-LL","signed_on":"2025-06-01","revoked_on":"2025-06-10"}"#;
        assert!(run(&case(c, "2025-06-09"), "2025-07-31")
            .findings
            .is_empty());
        assert_eq!(run(&case(c, "2025-06-10"), "2025-07-31").findings.len(), 1);
    }

    #[test]
    fn a_named_release_for_another_party_does_not_cover() {
        let json = r#"{"schema_version":"1.0","participant":{"id":"P"},
            "consents":[{"id":"C1","party":"PTY-LL","signed_on":"2025-06-01"},
                        {"id":"C2","party":"PTY-PHA","signed_on":"2025-06-01"}],
            "enrollments":[{"id":"E1","program":"icms","entered_on":"2025-05-01",
              "information_shares":[{"id":"S1","party":"PTY-LL","shared_on":"2025-06-05","consent":"C2"}]}]}"#;
        let out = run(json, "2025-07-31");
        assert_eq!(out.findings.len(), 1);
        assert!(out.findings[0]
            .message
            .contains("under C2, which is for PTY-PHA"));
    }

    #[test]
    fn release_expiry_obligation_only_for_live_releases() {
        let c = r#"{"id":"C1","party":"PTY-LL","signed_on":"2025-06-01","expires_on":"2025-08-01"},
                   {"id":"C2","party":"PTY-LL","signed_on":"2025-06-01","expires_on":"2025-07-01"},
                   {"id":"C3","party":"PTY-LL","signed_on":"2025-06-01","expires_on":"2025-09-01","revoked_on":"2025-06-20"},
                   {"id":"C4","party":"PTY-LL","refused_on":"2025-06-01","expires_on":"2025-09-01"}"#;
        let out = run(&case(c, "2025-06-05"), "2025-07-31");
        let due: Vec<_> = out.obligations.iter().map(|o| o.path.as_str()).collect();
        assert_eq!(due, vec!["/consents/0/expires_on"]);
    }
}
