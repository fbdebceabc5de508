//! `hearth catalog`: list the action-step catalog, the risk taxonomy and the assessment
//! instruments, optionally with agency extensions applied.

use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use hearth_catalog::{Catalog, Instrument, InstrumentStatus};

use crate::error::CliError;
use crate::Format;

/// Arguments of `hearth catalog`.
#[derive(Debug, Args)]
pub struct CatalogArgs {
    #[command(subcommand)]
    pub what: CatalogWhat,
    /// Apply an agency catalog extension (JSON) before listing; may be repeated.
    #[arg(long = "extension", value_name = "FILE", global = true)]
    pub extensions: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text, global = true)]
    pub format: Format,
}

/// What to list.
#[derive(Debug, Subcommand)]
pub enum CatalogWhat {
    /// Action steps by domain, with whether each needs an information-sharing consent.
    Steps {
        /// Only this domain (id, e.g. prevent-eviction).
        #[arg(long)]
        domain: Option<String>,
    },
    /// Observed risks by category, with the required response and addressing steps.
    Risks {
        /// Only this category (id, e.g. lease-violations).
        #[arg(long)]
        category: Option<String>,
    },
    /// Assessment instruments with their score ranges and bands.
    Instruments,
}

/// Runs the command.
pub fn run(args: &CatalogArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let catalog = load(&args.extensions)?;
    let text = match (&args.what, args.format) {
        (CatalogWhat::Steps { domain }, Format::Text) => steps_text(&catalog, domain.as_deref())?,
        (CatalogWhat::Steps { domain }, Format::Json) => {
            let steps = match domain {
                Some(d) => catalog.steps_in_domain(d).map_err(unknown)?,
                None => catalog.steps().iter().collect(),
            };
            json(&steps)
        }
        (CatalogWhat::Risks { category }, Format::Text) => {
            risks_text(&catalog, category.as_deref())?
        }
        (CatalogWhat::Risks { category }, Format::Json) => {
            let risks = match category {
                Some(c) => catalog.risks_in_category(c).map_err(unknown)?,
                None => catalog.risks().iter().collect(),
            };
            json(&risks)
        }
        (CatalogWhat::Instruments, Format::Text) => instruments_text(&catalog),
        (CatalogWhat::Instruments, Format::Json) => json(&catalog.instruments()),
    };
    out.write_all(text.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

fn load(extensions: &[PathBuf]) -> Result<Catalog, CliError> {
    let mut catalog = Catalog::builtin();
    for path in extensions {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.clone(),
            source,
        })?;
        let fail = |e: hearth_catalog::ExtensionError| CliError::Extension {
            path: path.clone(),
            message: e.to_string(),
        };
        let ext = hearth_catalog::parse_extension(&text).map_err(fail)?;
        catalog.extend(ext).map_err(fail)?;
    }
    Ok(catalog)
}

fn unknown(err: hearth_catalog::UnknownId) -> CliError {
    CliError::Lookup(err.to_string())
}

fn json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// The steps listing as text, grouped by domain in catalog order.
pub fn steps_text(catalog: &Catalog, only: Option<&str>) -> Result<String, CliError> {
    if let Some(domain) = only {
        catalog.domain(domain).map_err(unknown)?;
    }
    let width = catalog
        .steps()
        .iter()
        .map(|s| s.id.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    let mut total = 0;
    let mut consent = 0;
    for domain in catalog.domains() {
        if only.is_some_and(|d| d != domain.id) {
            continue;
        }
        let steps = catalog.steps_in_domain(&domain.id).map_err(unknown)?;
        let _ = writeln!(
            text,
            "{} [{}]: {} steps\n  {}",
            domain.title,
            domain.id,
            steps.len(),
            domain.purpose
        );
        for step in steps {
            total += 1;
            let _ = write!(text, "    {:<width$}  {}", step.id, step.name);
            if let Some(party) = &step.shares_with {
                consent += 1;
                let _ = write!(text, "  [consent: {party}]");
            }
            text.push('\n');
        }
        text.push('\n');
    }
    let _ = writeln!(
        text,
        "{total} steps, {consent} of them share information and need a release for that party"
    );
    Ok(text)
}

/// The risk taxonomy as text, by category.
pub fn risks_text(catalog: &Catalog, only: Option<&str>) -> Result<String, CliError> {
    if let Some(category) = only {
        catalog.risk_category(category).map_err(unknown)?;
    }
    let width = catalog
        .risks()
        .iter()
        .map(|r| r.id.len())
        .max()
        .unwrap_or(0);
    let mut text = String::new();
    for category in catalog.risk_categories() {
        if only.is_some_and(|c| c != category.id) {
            continue;
        }
        let risks = catalog.risks_in_category(&category.id).map_err(unknown)?;
        let _ = writeln!(
            text,
            "{} [{}]: {} risks\n  required response: {}",
            category.name,
            category.id,
            risks.len(),
            category.required_response
        );
        for risk in risks {
            let _ = writeln!(
                text,
                "    {:<width$}  {}\n    {:<width$}  steps: {}",
                risk.id,
                risk.name,
                "",
                risk.steps.join(", ")
            );
            if let Some(note) = &risk.placement_note {
                let _ = writeln!(text, "    {:<width$}  placement: {note}", "");
            }
        }
        text.push('\n');
    }
    Ok(text)
}

/// The instruments as text.
pub fn instruments_text(catalog: &Catalog) -> String {
    let mut text = String::new();
    for instrument in catalog.instruments() {
        let _ = writeln!(text, "{}", instrument_line(instrument));
    }
    text
}

fn instrument_line(i: &Instrument) -> String {
    let mut line = format!("{}: {}", i.id, i.name);
    if let Some(version) = &i.version {
        let _ = write!(line, ", version {version}");
    }
    let _ = write!(line, "\n  population: {}", i.population);
    match (&i.score, i.scored) {
        (Some(range), _) => {
            let _ = write!(line, "\n  score: {}–{}", range.min, range.max);
        }
        (None, true) => line.push_str("\n  score: local scale (stored as recorded)"),
        (None, false) => line.push_str("\n  score: not scored"),
    }
    if !i.components.is_empty() {
        let _ = write!(line, ", {} components", i.components.len());
    }
    if !i.bands.is_empty() {
        let bands: Vec<String> = i
            .bands
            .iter()
            .map(|b| match b.max {
                Some(max) => format!("{}–{} {}", b.min, max, b.label),
                None => format!("{}+ {}", b.min, b.label),
            })
            .collect();
        let _ = write!(line, "\n  bands: {}", bands.join("; "));
    }
    if let InstrumentStatus::Retired { year, note } = &i.status {
        let _ = write!(line, "\n  retired {year}: {note}");
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_text_snapshot() {
        let text = steps_text(&Catalog::builtin(), None).unwrap();
        insta::assert_snapshot!("catalog_steps_text", text);
    }

    #[test]
    fn risks_text_snapshot() {
        let text = risks_text(&Catalog::builtin(), None).unwrap();
        insta::assert_snapshot!("catalog_risks_text", text);
    }

    #[test]
    fn instruments_text_snapshot() {
        insta::assert_snapshot!(
            "catalog_instruments_text",
            instruments_text(&Catalog::builtin())
        );
    }

    #[test]
    fn unknown_domain_suggests_the_right_one() {
        let err = steps_text(&Catalog::builtin(), Some("prevent-evictions")).unwrap_err();
        assert!(
            err.to_string()
                .contains("did you mean \"prevent-eviction\""),
            "{err}"
        );
    }

    #[test]
    fn one_domain_lists_only_its_steps() {
        let text = steps_text(&Catalog::builtin(), Some("wellness")).unwrap();
        assert!(
            text.contains("Promoting Wellness [wellness]: 12 steps"),
            "{text}"
        );
        assert!(!text.contains("resolve-arrears"));
        assert!(
            text.ends_with(
                "12 steps, 3 of them share information and need a release for that party\n"
            ),
            "{text}"
        );
    }
}
