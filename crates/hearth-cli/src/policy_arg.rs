//! The `--policy NAME|FILE` argument shared by the commands: a built-in policy name or
//! the path of a policy file.

use std::path::Path;

use hearth::Policy;

use crate::error::CliError;

/// Loads the policy named by `spec`: a built-in policy (`icms-high`, `icms-low`,
/// `icm-rrh`, `rrh`, `stl-coc`, `ct-psh`) or a policy file (TOML).
///
/// `spec` is read as a file when it ends in `.toml` or names an existing file; anything
/// else is a built-in name, and an unknown one keeps the library's "did you mean"
/// suggestion in the error.
pub fn load_policy(spec: &str) -> Result<Policy, CliError> {
    let path = Path::new(spec);
    if path.extension().is_some_and(|e| e == "toml") || path.is_file() {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        return Policy::from_toml(&text).map_err(|e| CliError::Policy {
            name: spec.to_owned(),
            message: e.to_string(),
        });
    }
    Policy::builtin(spec).map_err(|e| CliError::Policy {
        name: spec.to_owned(),
        message: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_names_load() {
        for name in Policy::builtin_names() {
            let policy = load_policy(name).unwrap();
            assert_eq!(policy.name(), name);
        }
    }

    #[test]
    fn unknown_names_keep_the_suggestion() {
        let err = load_policy("stl-cco").unwrap_err();
        assert!(matches!(err, CliError::Policy { .. }), "{err:?}");
        assert!(
            err.to_string().contains("did you mean \"stl-coc\""),
            "{err}"
        );
    }

    #[test]
    fn policy_files_load_and_report_their_errors() {
        let dir = std::env::temp_dir().join(format!("hearth-policy-arg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let good = dir.join("agency.toml");
        std::fs::write(
            &good,
            "name = \"agency\"\nextends = \"stl-coc\"\n[rules.PLAN005]\nreview_interval_days = 21\n",
        )
        .unwrap();
        let policy = load_policy(good.to_str().unwrap()).unwrap();
        assert_eq!(policy.name(), "agency");
        assert_eq!(
            policy
                .current()
                .rule("PLAN005")
                .map(|r| r.params.int("review_interval_days")),
            Some(21)
        );

        let bad = dir.join("bad.toml");
        std::fs::write(&bad, "name = \"bad\"\n[rules.PLAN05]\n").unwrap();
        let err = load_policy(bad.to_str().unwrap()).unwrap_err();
        assert!(
            err.to_string().contains("did you mean \"PLAN005\""),
            "{err}"
        );

        let missing = dir.join("missing.toml");
        let err = load_policy(missing.to_str().unwrap()).unwrap_err();
        assert!(matches!(err, CliError::Read { .. }), "{err:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
