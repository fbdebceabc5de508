//! `hearth init`: write a starter `hearth.toml` and a sample case file, so a program can
//! run `hearth check` straight away and replace the sample with its own exports.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use crate::error::CliError;

/// The starter config: every key, commented where it has a default.
pub(crate) const CONFIG_TEMPLATE: &str = include_str!("init/hearth.toml");

/// A small, wholly invented case file (ids only, no personal details) that loads and
/// checks under the `rrh` policy.
pub(crate) const EXAMPLE_CASE: &str = include_str!("init/example.json");

/// The config file `hearth init` writes, relative to the folder.
const CONFIG_FILE: &str = "hearth.toml";

/// The sample case file `hearth init` writes, relative to the folder.
const EXAMPLE_FILE: &str = "cases/example.json";

/// Arguments of `hearth init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// The folder to write into (created when missing). Default: the current directory.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
    /// Replace hearth.toml and cases/example.json when they already exist.
    #[arg(long)]
    pub force: bool,
}

/// Writes `hearth.toml` and `cases/example.json` into the folder. Without `--force`
/// nothing is written when either file exists.
pub fn run(args: &InitArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let files = [
        (args.dir.join(CONFIG_FILE), CONFIG_TEMPLATE),
        (args.dir.join(EXAMPLE_FILE), EXAMPLE_CASE),
    ];
    if !args.force {
        if let Some((path, _)) = files.iter().find(|(path, _)| crate::output::occupied(path)) {
            return Err(CliError::Exists(path.clone()));
        }
    }
    for (path, text) in &files {
        write_file(path, text)?;
        writeln!(out, "wrote {}", path.display())?;
    }
    writeln!(
        out,
        "next: run `hearth check` in {} to check the sample case file, then replace it with your own exports",
        args.dir.display()
    )?;
    Ok(ExitCode::SUCCESS)
}

fn write_file(path: &Path, text: &str) -> Result<(), CliError> {
    crate::output::write_file(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_case_file_parses_and_has_the_documented_shape() {
        let case = hearth::parse_case_file(EXAMPLE_CASE).unwrap();
        assert_eq!(case.enrollments.len(), 1);
        let enrollment = &case.enrollments[0];
        let plan = enrollment.care_plan.as_ref().unwrap();
        assert_eq!(plan.goals.len(), 2);
        assert_eq!(enrollment.encounters.len(), 3);
        assert!(
            case.participant.personal.is_none(),
            "the sample holds no personal details"
        );
    }

    #[test]
    fn the_template_is_valid_toml_with_the_documented_keys() {
        let value: toml::Value = toml::from_str(CONFIG_TEMPLATE).unwrap();
        assert_eq!(value["policy"].as_str(), Some("rrh"));
        assert_eq!(
            value["include"].as_array().map(Vec::len),
            Some(1),
            "{value}"
        );
        assert!(value["exclude"].as_array().is_some_and(Vec::is_empty));
        for commented in [
            "# as_of = ",
            "# fail_on = ",
            "# select = ",
            "# ignore = ",
            "# [[overrides]]",
        ] {
            assert!(CONFIG_TEMPLATE.contains(commented), "{commented}");
        }
        // The template's policy loads.
        let policy = value["policy"].as_str().unwrap();
        assert!(crate::policy_arg::load_policy(policy).is_ok());
    }
}
