//! The parity fixtures: documents with the policy and date to check them with, and the
//! Rust report of each as `serde_json::to_string(&report)`. The Python and node tests
//! check that their bindings give the same text, byte for byte.
//!
//! `manifest.json` lists the cases: `{name, kind ("case" | "caseload"), input (path),
//! policy (built-in name) or policy_toml (policy file text), as_of, expected (path)}`.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use hearth_generate::{Options, Program};
use serde_json::{json, Value};

use crate::proc::{Error, Result};

/// A policy file, to check `Policy.from_toml` the same way as the built-in ones.
const CUSTOM_POLICY: &str = r#"name = "parity-agency"
extends = "stl-coc"

[rules.PLAN005]
severity = "warning"
"#;

struct Case {
    name: String,
    caseload: bool,
    input: PathBuf,
    policy: Policy,
    as_of: NaiveDate,
}

enum Policy {
    Builtin(String),
    Toml(&'static str),
}

/// Writes the fixtures into `dir` (created afresh) and returns how many cases.
pub fn write(root: &Path, dir: &Path) -> Result<usize> {
    let _ = fs::remove_dir_all(dir);
    let inputs = dir.join("inputs");
    fs::create_dir_all(&inputs).map_err(|e| Error::io(&inputs, e))?;

    let mut cases = examples(root)?;
    cases.extend(generated(&inputs)?);

    let mut manifest = Vec::new();
    for case in &cases {
        let text = fs::read_to_string(&case.input).map_err(|e| Error::io(&case.input, e))?;
        let policy = match &case.policy {
            Policy::Builtin(name) => hearth::Policy::builtin(name),
            Policy::Toml(text) => hearth::Policy::from_toml(text),
        }
        .map_err(|e| Error::msg(format!("{}: {e}", case.name)))?;
        let report = if case.caseload {
            let doc = hearth::parse_caseload(&text)
                .map_err(|e| Error::msg(format!("{}: {e}", case.name)))?;
            hearth::validate_caseload(&doc, &policy, case.as_of)
        } else {
            let doc = hearth::parse_case_file(&text)
                .map_err(|e| Error::msg(format!("{}: {e}", case.name)))?;
            hearth::validate(&doc, &policy, case.as_of)
        };
        let json = serde_json::to_string(&report).map_err(|e| Error::msg(e.to_string()))?;
        let expected = dir.join(format!("{}.report.json", case.name));
        fs::write(&expected, json).map_err(|e| Error::io(&expected, e))?;
        let mut entry = json!({
            "name": case.name,
            "kind": if case.caseload { "caseload" } else { "case" },
            "input": case.input,
            "as_of": case.as_of.to_string(),
            "expected": expected,
            "findings": report.findings.len(),
        });
        match &case.policy {
            Policy::Builtin(name) => entry["policy"] = Value::from(name.as_str()),
            Policy::Toml(text) => entry["policy_toml"] = Value::from(*text),
        }
        manifest.push(entry);
    }
    let path = dir.join("manifest.json");
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| Error::msg(e.to_string()))?;
    fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(manifest.len())
}

/// The bundled examples, each with the policy and date `examples/data/hearth.toml`
/// gives it.
fn examples(root: &Path) -> Result<Vec<Case>> {
    let data = root.join("examples").join("data");
    let config_path = data.join("hearth.toml");
    let text = fs::read_to_string(&config_path).map_err(|e| Error::io(&config_path, e))?;
    let config: toml::Value =
        toml::from_str(&text).map_err(|e| Error::msg(format!("{}: {e}", config_path.display())))?;
    let overrides = config
        .get("overrides")
        .and_then(toml::Value::as_array)
        .ok_or_else(|| Error::msg(format!("{}: no [[overrides]]", config_path.display())))?;
    let mut cases = Vec::new();
    for o in overrides {
        let policy = o.get("policy").and_then(toml::Value::as_str);
        let as_of = o.get("as_of").and_then(toml::Value::as_str);
        let paths = o.get("paths").and_then(toml::Value::as_array);
        let (Some(policy), Some(as_of), Some(paths)) = (policy, as_of, paths) else {
            return Err(Error::msg(format!(
                "{}: an override without policy, as_of and paths",
                config_path.display()
            )));
        };
        let as_of: NaiveDate = as_of
            .parse()
            .map_err(|e| Error::msg(format!("{}: {e}", config_path.display())))?;
        for path in paths.iter().filter_map(toml::Value::as_str) {
            let stem = Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            cases.push(Case {
                name: format!("example-{stem}"),
                caseload: path.starts_with("caseloads/"),
                input: data.join(path),
                policy: Policy::Builtin(policy.to_owned()),
                as_of,
            });
        }
    }
    if cases.len() < 7 {
        return Err(Error::msg(format!(
            "{}: expected the 7 bundled examples, found {}",
            config_path.display(),
            cases.len()
        )));
    }
    Ok(cases)
}

/// Generated case files (two per program, with the usual share of lapses), a generated
/// caseload, the benchmarks' typical case file, and one file under a policy file.
fn generated(dir: &Path) -> Result<Vec<Case>> {
    let options = Options {
        participants: 12,
        months: 12,
        seed: 16,
        problem_percent: 50,
        ..Options::default()
    };
    let mut cases = Vec::new();
    let mut write = |name: String, text: String, caseload: bool, policy: Policy| -> Result<()> {
        let input = dir.join(format!("{name}.json"));
        fs::write(&input, text).map_err(|e| Error::io(&input, e))?;
        cases.push(Case {
            name,
            caseload,
            input,
            policy,
            as_of: options.as_of,
        });
        Ok(())
    };
    let to_json = |value: &dyn erased::Json| value.json();
    for index in 0..options.participants {
        let generated = hearth_generate::generate(&options, index);
        let policy = generated.program.policy().to_owned();
        write(
            format!("generated-{index:02}-{policy}"),
            to_json(&generated.case)?,
            false,
            Policy::Builtin(policy),
        )?;
    }
    let small = Options {
        participants: 8,
        months: 6,
        ..options.clone()
    };
    let caseload = hearth_generate::caseload(&small, Program::StlCoc);
    write(
        "generated-caseload-stl-coc".into(),
        to_json(&caseload)?,
        true,
        Policy::Builtin(Program::StlCoc.policy().into()),
    )?;
    let typical = hearth_generate::typical(0);
    write(
        "typical".into(),
        to_json(&typical)?,
        false,
        Policy::Builtin(Program::StlCoc.policy().into()),
    )?;
    write(
        "policy-file".into(),
        to_json(&typical)?,
        false,
        Policy::Toml(CUSTOM_POLICY),
    )?;
    Ok(cases)
}

mod erased {
    //! Serialising the two document types through one closure.
    use crate::proc::{Error, Result};

    pub trait Json {
        fn json(&self) -> Result<String>;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> Result<String> {
            serde_json::to_string(self).map_err(|e| Error::msg(e.to_string()))
        }
    }
}
