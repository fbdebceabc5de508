//! The `--policy NAME|FILE` argument shared by the commands: a built-in policy name or
//! the path of a policy file.

use std::path::Path;

use hearth::Policy;

use crate::error::CliError;

/// Loads the policy named by `spec`: a built-in policy (`icms-high`, `icms-low`,
/// `icm-rrh`, `rrh`, `stl-coc`, `ct-psh`) or a policy file (TOML).
///
/// A built-in name always means the built-in policy, whatever files the working
/// directory holds (a file named `rrh` never replaces the `rrh` policy). Anything else is
/// read as a policy file when it is written as one: it ends in `.toml`, or it has a
/// folder part (`./rrh`, `policies/agency`). Any other word is taken as a built-in name,
/// and an unknown one keeps the library's "did you mean" suggestion in the error.
pub fn load_policy(spec: &str) -> Result<Policy, CliError> {
    let path = Path::new(spec);
    if !is_builtin(spec) && names_a_file(spec) {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        return Policy::from_toml(&text).map_err(|e| CliError::Policy {
            name: shown_spec(spec),
            message: e.to_string(),
        });
    }
    Policy::builtin(spec).map_err(|e| CliError::Policy {
        name: shown_spec(spec),
        message: e.to_string(),
    })
}

/// Whether `spec` is the name of a built-in policy.
pub fn is_builtin(spec: &str) -> bool {
    Policy::builtin_names().contains(&spec)
}

/// Whether `spec` is written as a file: it ends in `.toml` or has a folder part.
pub fn names_a_file(spec: &str) -> bool {
    let path = Path::new(spec);
    path.extension().is_some_and(|e| e == "toml")
        || spec.contains('/')
        || spec.contains(std::path::MAIN_SEPARATOR)
}

/// How a policy spec is shown in a message: as written when it is shaped like a name or
/// a path (ASCII letters, digits, `-`, `_`, `.`, `/`, at most 200 characters), and
/// otherwise not repeated, since a `policy = "…"` value in a settings file may hold free
/// text written in the wrong place.
pub fn shown_spec(spec: &str) -> String {
    let shaped = !spec.is_empty()
        && spec.len() <= 200
        && spec
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if shaped {
        spec.to_owned()
    } else {
        "(name not repeated here: not shaped like a policy name or path)".to_owned()
    }
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
    fn a_file_named_like_a_builtin_never_replaces_it() {
        let dir = std::env::temp_dir().join(format!("hearth-shadow-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let shadow = dir.join("rrh");
        std::fs::write(&shadow, "name = \"shadow\"\n").unwrap();
        let cwd = std::env::current_dir().unwrap();
        // Resolve relative to the scratch folder without changing the process's cwd
        // (tests run in parallel): a bare built-in name is never a path.
        assert!(is_builtin("rrh") && !names_a_file("rrh"));
        assert_eq!(load_policy("rrh").unwrap().name(), "rrh");
        // Written as a path, the file is read.
        let as_path = shadow.to_str().unwrap();
        assert_eq!(load_policy(as_path).unwrap().name(), "shadow");
        assert!(names_a_file("./rrh") && names_a_file("agency.toml"));
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(std::env::current_dir().unwrap(), cwd);
    }

    #[test]
    fn free_text_in_a_policy_spec_is_never_repeated() {
        let err = load_policy("Jordan Example, 12 Elm St")
            .unwrap_err()
            .to_string();
        assert!(!err.contains("Jordan") && !err.contains("Elm"), "{err}");
        assert!(load_policy("stl-cco")
            .unwrap_err()
            .to_string()
            .contains("stl-cco"));
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
