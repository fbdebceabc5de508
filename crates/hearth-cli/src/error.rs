//! Errors that stop `hearth` from running (exit code 2).

use std::path::PathBuf;

/// Something that stopped the command, as opposed to a problem found in a document.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A file or directory could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// Writing to standard output failed.
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    /// A catalog extension could not be loaded.
    #[error("catalog extension {path}: {message}")]
    Extension {
        /// The path.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// An id given on the command line is not in the catalog.
    #[error("{0}")]
    Lookup(String),
    /// The named schema does not exist.
    #[error(transparent)]
    UnknownSchema(#[from] hearth::schema::UnknownSchema),
    /// A policy could not be loaded.
    #[error("policy {name}: {message}")]
    Policy {
        /// The name or path given.
        name: String,
        /// What is wrong with it.
        message: String,
    },
    /// The config file could not be read. The message is shown as
    /// [`hearth::model::publishable_settings_message`] words it: toml's own messages
    /// quote the value or key at fault, and hearth never repeats a file's contents (a
    /// misspelt key shaped like a field name excepted).
    #[error("config {path}{}: {}", located(.at), hearth::model::publishable_settings_message(.message))]
    Config {
        /// The path.
        path: std::path::PathBuf,
        /// Where in the file, when known: 1-based line and column, and the key at fault
        /// (dotted, `overrides.policy`) when it is shaped like one.
        at: Option<(usize, usize, Option<String>)>,
        /// What is wrong with it.
        message: String,
    },
    /// A path named on the command line held no JSON documents.
    #[error("no documents found under {0} (hearth reads *.json, and *.ndjson or *.jsonl where it checks)")]
    NoInputs(PathBuf),
    /// A rule code, name or code prefix given on the command line matches no rule.
    #[error("unknown rule {}{}", shown_rule_key(.key), did_you_mean(.suggestion))]
    UnknownRule {
        /// The code, name or prefix as given.
        key: String,
        /// The closest rule code or name, when one is close enough to be a likely typo.
        suggestion: Option<String>,
    },
    /// A file `hearth init` would write is already there.
    #[error("{0} already exists")]
    Exists(PathBuf),
    /// No path was named and no config names any.
    #[error("nothing to check: no PATH was given and no hearth.toml `include` names any file")]
    NoPaths,
    /// `hearth generate` would replace output that is already there.
    #[error("{path} {what}")]
    WouldOverwrite {
        /// The file or folder.
        path: PathBuf,
        /// What is in the way ("already exists", "is not empty").
        what: &'static str,
    },
    /// Flags that do not go together.
    #[error("{0}")]
    Usage(String),
}

/// A rule selector as a message shows it: quoted when it is shaped like a rule code,
/// code prefix or rule name (ASCII letters, digits and `-`, at most 64 characters), and
/// otherwise not repeated: a `select`/`ignore` entry in a settings file may hold free
/// text written in the wrong place.
fn shown_rule_key(key: &str) -> String {
    let shaped = !key.is_empty()
        && key.len() <= 64
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if shaped {
        format!("{key:?}")
    } else {
        "(not repeated here: not shaped like a rule code or name)".to_owned()
    }
}

fn located(at: &Option<(usize, usize, Option<String>)>) -> String {
    match at {
        Some((line, column, Some(key))) => format!(", line {line}, column {column}, key `{key}`"),
        Some((line, column, None)) => format!(", line {line}, column {column}"),
        None => String::new(),
    }
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    match suggestion {
        Some(s) => format!("; did you mean {s:?}?"),
        None => String::new(),
    }
}

impl CliError {
    /// Whether the output was closed by its reader (`hearth check | head`): the run
    /// ends quietly then, as other command-line tools do.
    pub fn is_broken_pipe(&self) -> bool {
        match self {
            Self::Output(e) | Self::Write { source: e, .. } => {
                e.kind() == std::io::ErrorKind::BrokenPipe
            }
            _ => false,
        }
    }

    /// A hint on what to do next, when there is one.
    pub fn help(&self) -> Option<&'static str> {
        match self {
            Self::Read { .. } => Some("check the path exists and is readable"),
            Self::UnknownSchema(_) => Some("run `hearth schema --help` to see the names"),
            Self::NoInputs(_) => Some("name .json files or directories that contain them"),
            Self::NoPaths => Some(
                "name files or directories (or - for standard input), or set `include` in hearth.toml",
            ),
            Self::Extension { .. } => {
                Some("see schemas/catalog-extension.schema.json for the extension format")
            }
            Self::Lookup(_) => {
                Some("run `hearth catalog steps` or `hearth catalog risks` to see the ids")
            }
            Self::Policy { .. } => Some(
                "name a built-in policy (icms-high, icms-low, icm-rrh, rrh, stl-coc, ct-psh) or a policy file; see schemas/policy.schema.json",
            ),
            Self::Config { .. } => Some("see README.md for the config file's keys"),
            Self::UnknownRule { .. } => Some("run `hearth rules` to see every rule's code and name"),
            Self::Exists(_) => Some(
                "hearth init never overwrites files: pass --force to replace them, or choose another folder with --dir",
            ),
            Self::WouldOverwrite { .. } => Some(
                "hearth generate never replaces files unasked: pass --force, or choose another --out",
            ),
            Self::Usage(_) => Some("run `hearth generate --help` to see the flags"),
            Self::Write { .. } | Self::Output(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_never_repeat_the_value_at_fault() {
        let err = CliError::Config {
            path: "hearth.toml".into(),
            at: None,
            message: "unknown variant `Jordan Example`, expected one of `error`, `warning`".into(),
        };
        let text = err.to_string();
        assert!(!text.contains("Jordan"), "{text}");
        assert!(
            text.contains("expected one of `error`, `warning`"),
            "{text}"
        );
        let err = CliError::Config {
            path: "hearth.toml".into(),
            at: None,
            message: "unknown field `Jordan Example`, expected `policy`".into(),
        };
        assert!(!err.to_string().contains("Jordan"), "{err}");
    }
}
