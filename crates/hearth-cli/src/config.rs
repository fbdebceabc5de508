//! `hearth.toml`: the project's settings for `hearth check` and `hearth due`.
//!
//! Found by walking up from the working directory (like cargo and ruff), or named with
//! `--config FILE`; `--isolated` ignores it. Paths and globs in it are relative to the
//! folder that holds it.
//!
//! ```toml
//! policy = "stl-coc"               # built-in name, or a policy file relative to this file
//! as_of = "2026-01-19"             # evaluation date; default: today
//! include = ["cases/**/*.json"]    # what to check when no PATH is given
//! exclude = ["archive/**"]         # never checked when found in a directory
//! fail_on = "error"                # error | warning | info | never
//! select = ["PLAN", "VISIT001"]    # only these codes or code prefixes
//! ignore = ["LOAD001"]             # never these
//!
//! [limits]                         # raise what one run reads (defaults shown)
//! max_document_bytes = 16777216    # one JSON file, or one NDJSON line
//! max_depth = 64                   # nesting of objects and arrays (at most 128)
//! max_records = 1000000            # records in one NDJSON file
//!
//! [[overrides]]                    # per-path settings; the last match wins
//! paths = ["cases/icms/**"]
//! policy = "icms-high"
//! as_of = "2026-02-20"
//! ```

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use globset::{Glob, GlobSet, GlobSetBuilder};
use hearth::limits::{Limits, PARSER_MAX_DEPTH};
use serde::Deserialize;

use crate::error::CliError;

/// The file name looked for.
pub const CONFIG_NAME: &str = "hearth.toml";

/// The fail level: findings at or above it make the run exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum FailOn {
    /// Errors (the default).
    Error,
    /// Warnings and errors (and checks that could not be made).
    Warning,
    /// Every finding.
    Info,
    /// Never fail for findings (exit 0 unless hearth could not run).
    Never,
}

/// The settings file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    policy: Option<String>,
    as_of: Option<NaiveDate>,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
    fail_on: Option<FailOn>,
    #[serde(default)]
    select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
    #[serde(default)]
    limits: LimitsFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct LimitsFile {
    max_document_bytes: Option<u64>,
    max_depth: Option<usize>,
    max_records: Option<u64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    paths: Vec<String>,
    policy: Option<String>,
    as_of: Option<NaiveDate>,
}

/// A loaded `hearth.toml` (or the empty settings when there is none).
#[derive(Debug, Default)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// The folder its paths are relative to.
    pub dir: PathBuf,
    /// The policy for every file, unless an override or `--policy` says otherwise.
    pub policy: Option<String>,
    /// The evaluation date for every file.
    pub as_of: Option<NaiveDate>,
    /// Globs of the files to check when no PATH is given.
    pub include: Vec<String>,
    exclude: GlobSet,
    /// The fail level.
    pub fail_on: Option<FailOn>,
    /// Codes or prefixes to keep.
    pub select: Vec<String>,
    /// Codes or prefixes to drop.
    pub ignore: Vec<String>,
    /// The limits on what the run reads (`[limits]`; the defaults when not set).
    pub limits: Limits,
    overrides: Vec<Override>,
    /// Files never read when found in a folder (the run's own output), canonical.
    never_read: Vec<PathBuf>,
}

#[derive(Debug)]
struct Override {
    paths: GlobSet,
    policy: Option<String>,
    as_of: Option<NaiveDate>,
}

/// The settings that apply to one file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileSettings {
    /// The policy spec (a built-in name, or a policy file path already resolved against
    /// the config's folder).
    pub policy: Option<String>,
    /// The evaluation date.
    pub as_of: Option<NaiveDate>,
}

impl Config {
    /// The config for this run: `--isolated` gives none, `--config` names one, else the
    /// nearest `hearth.toml` in the working directory or above it.
    pub fn find(explicit: Option<&Path>, isolated: bool) -> Result<Config, CliError> {
        if isolated {
            return Ok(Config::default());
        }
        if let Some(path) = explicit {
            return Config::load(path);
        }
        let cwd = std::env::current_dir().map_err(|source| CliError::Read {
            path: PathBuf::from("."),
            source,
        })?;
        for dir in cwd.ancestors() {
            let candidate = dir.join(CONFIG_NAME);
            if candidate.is_file() {
                return Config::load(&candidate);
            }
        }
        Ok(Config::default())
    }

    /// Loads one settings file.
    pub fn load(path: &Path) -> Result<Config, CliError> {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let bad_at = |key: &str, message: String| CliError::Config {
            path: path.to_path_buf(),
            at: key_position(&text, key).map(|(l, c)| (l, c, Some(key.to_owned()))),
            message,
        };
        let file: ConfigFile = toml::from_str(&text).map_err(|e| CliError::Config {
            path: path.to_path_buf(),
            at: e.span().map(|span| {
                let (line, column) = line_column(&text, span.start);
                (line, column, key_at(&text, span.start))
            }),
            message: e.message().trim().to_owned(),
        })?;
        let dates = file
            .as_of
            .iter()
            .chain(file.overrides.iter().filter_map(|o| o.as_of.as_ref()));
        for date in dates {
            crate::args::check_range(*date).map_err(|m| bad_at("as_of", m))?;
        }
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or_else(|| PathBuf::from("."));
        let resolve = |spec: Option<String>| spec.map(|s| resolve_policy(&dir, &s));
        let overrides = file
            .overrides
            .into_iter()
            .map(|o| {
                Ok(Override {
                    paths: globs(&o.paths).map_err(|m| bad_at("paths", m))?,
                    policy: resolve(o.policy),
                    as_of: o.as_of,
                })
            })
            .collect::<Result<Vec<_>, CliError>>()?;
        let defaults = Limits::default();
        let max_depth = file.limits.max_depth.unwrap_or(defaults.max_depth);
        if !(1..=PARSER_MAX_DEPTH).contains(&max_depth) {
            return Err(bad_at("max_depth", format!(
                "[limits] max_depth must be between 1 and {PARSER_MAX_DEPTH} (the JSON parser's own limit)"
            )));
        }
        let limits = Limits {
            max_document_bytes: file
                .limits
                .max_document_bytes
                .unwrap_or(defaults.max_document_bytes),
            max_depth,
            max_records: file.limits.max_records.unwrap_or(defaults.max_records),
        };
        Ok(Config {
            limits,
            path: Some(path.to_path_buf()),
            policy: resolve(file.policy),
            as_of: file.as_of,
            include: file.include,
            exclude: globs(&file.exclude).map_err(|m| bad_at("exclude", m))?,
            fail_on: file.fail_on,
            select: file.select,
            ignore: file.ignore,
            overrides,
            dir,
            never_read: Vec::new(),
        })
    }

    /// The file's path relative to the config's folder, when it lies inside it.
    fn relative(&self, file: &Path) -> Option<PathBuf> {
        let base = std::fs::canonicalize(&self.dir).ok()?;
        let full = std::fs::canonicalize(file).ok()?;
        full.strip_prefix(base).ok().map(Path::to_path_buf)
    }

    /// Never reads `file` when it is found in a folder: the run's own output.
    pub fn never_read(&mut self, file: &Path) {
        let parent = match file.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let (Ok(dir), Some(name)) = (std::fs::canonicalize(parent), file.file_name()) {
            self.never_read.push(dir.join(name));
        }
    }

    /// Whether `exclude` (or the run's own output) drops a file found in a directory.
    pub fn excludes(&self, file: &Path) -> bool {
        if !self.never_read.is_empty()
            && std::fs::canonicalize(file).is_ok_and(|f| self.never_read.contains(&f))
        {
            return true;
        }
        !self.exclude.is_empty()
            && self
                .relative(file)
                .is_some_and(|r| self.exclude.is_match(r))
    }

    /// The settings for one file: the config's, then every matching override in order
    /// (the last one wins).
    pub fn for_file(&self, file: &Path) -> FileSettings {
        let mut settings = FileSettings {
            policy: self.policy.clone(),
            as_of: self.as_of,
        };
        if self.overrides.is_empty() {
            return settings;
        }
        let Some(relative) = self.relative(file) else {
            return settings;
        };
        for o in &self.overrides {
            if o.paths.is_match(&relative) {
                if let Some(policy) = &o.policy {
                    settings.policy = Some(policy.clone());
                }
                if let Some(as_of) = o.as_of {
                    settings.as_of = Some(as_of);
                }
            }
        }
        settings
    }

    /// The files `include` names, walking the config's folder; empty without a config.
    pub fn included(&self) -> Result<Vec<PathBuf>, CliError> {
        if self.include.is_empty() {
            return Ok(Vec::new());
        }
        let bad = |message: String| CliError::Config {
            path: self.path.clone().unwrap_or_default(),
            at: None,
            message: format!("include: {message}"),
        };
        let include = globs(&self.include).map_err(bad)?;
        let mut found = Vec::new();
        crate::inputs::walk(&self.dir, &mut found)?;
        let mut files: Vec<PathBuf> = found
            .into_iter()
            .filter(|f| f.strip_prefix(&self.dir).is_ok_and(|r| include.is_match(r)))
            .filter(|f| !self.excludes(f))
            .collect();
        files.sort();
        Ok(files)
    }
}

/// A policy spec from the config: a policy file path is taken relative to the config's
/// folder; a built-in name is kept.
fn resolve_policy(dir: &Path, spec: &str) -> String {
    if spec.ends_with(".toml") || spec.contains('/') {
        dir.join(spec).display().to_string()
    } else {
        spec.to_owned()
    }
}

/// The globs of a list, or what is wrong with one, by its position in the list: a glob
/// is file content and is not repeated in the message (nor is globset's error, which
/// quotes it).
fn globs(patterns: &[String]) -> Result<GlobSet, String> {
    let mut builder = GlobSetBuilder::new();
    for (i, pattern) in patterns.iter().enumerate() {
        let glob = Glob::new(pattern).map_err(|e| {
            format!(
                "glob number {} of the list is not a valid glob ({})",
                i + 1,
                glob_problem(e.kind())
            )
        })?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|_| "the globs could not be combined".to_owned())
}

/// globset's error kind in words, without the glob itself.
fn glob_problem(kind: &globset::ErrorKind) -> &'static str {
    use globset::ErrorKind;
    match kind {
        ErrorKind::InvalidRecursive => "`**` must stand alone between separators",
        ErrorKind::UnclosedClass => "a `[` class is not closed",
        ErrorKind::InvalidRange(..) => "a character range is backwards",
        ErrorKind::UnopenedAlternates => "a `}` has no `{`",
        ErrorKind::UnclosedAlternates => "a `{` is not closed",
        ErrorKind::NestedAlternates => "`{…}` alternatives cannot nest",
        ErrorKind::DanglingEscape => "it ends in a lone `\\`",
        _ => "malformed",
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    let column = before.get(start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

/// Whether a key is shaped like one of the settings' keys (lower-case letters, digits,
/// `_`), so a message may name it.
fn key_shaped(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 64
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The key whose entry holds byte `offset`, dotted under its table (`overrides.policy`,
/// `limits.max_depth`), when the line reads `key = …` and both are shaped like keys.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let before = text.get(..offset)?;
    let start = before.rfind('\n').map_or(0, |at| at + 1);
    let line = text.get(start..)?.lines().next()?;
    let key = line.split_once('=')?.0.trim();
    if !key_shaped(key) {
        return None;
    }
    let table = before
        .get(..start)?
        .lines()
        .rev()
        .map(str::trim)
        .find(|l| l.starts_with('['))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim());
    match table {
        Some(t) if key_shaped(t) => Some(format!("{t}.{key}")),
        Some(_) => None,
        None => Some(key.to_owned()),
    }
}

/// Line and column of the first `key =` entry in the text (for errors found after
/// parsing, such as a glob that does not compile).
fn key_position(text: &str, key: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(line_column(text, offset + (line.len() - trimmed.len())));
            }
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hearth-config-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("cases/icms")).unwrap();
        dir
    }

    #[test]
    fn overrides_apply_in_order_and_policy_files_resolve_against_the_folder() {
        let dir = scratch("overrides");
        std::fs::write(dir.join("cases/icms/a.json"), "{}").unwrap();
        std::fs::write(dir.join("cases/b.json"), "{}").unwrap();
        std::fs::write(
            dir.join(CONFIG_NAME),
            r#"
policy = "agency.toml"
as_of = "2026-01-01"
include = ["cases/**/*.json"]
exclude = ["cases/b.json"]
[[overrides]]
paths = ["cases/**"]
policy = "rrh"
[[overrides]]
paths = ["cases/icms/**"]
policy = "icms-high"
as_of = "2026-02-20"
"#,
        )
        .unwrap();
        let config = Config::load(&dir.join(CONFIG_NAME)).unwrap();
        assert_eq!(
            config.policy,
            Some(dir.join("agency.toml").display().to_string())
        );
        let a = config.for_file(&dir.join("cases/icms/a.json"));
        assert_eq!(a.policy.as_deref(), Some("icms-high"));
        assert_eq!(a.as_of, "2026-02-20".parse().ok());
        let b = config.for_file(&dir.join("cases/b.json"));
        assert_eq!(b.policy.as_deref(), Some("rrh"));
        assert_eq!(b.as_of, "2026-01-01".parse().ok());
        assert!(config.excludes(&dir.join("cases/b.json")));
        assert_eq!(
            config.included().unwrap(),
            vec![dir.join("cases/icms/a.json")]
        );
    }

    #[test]
    fn unknown_keys_are_errors_that_name_the_key() {
        let dir = scratch("unknown");
        std::fs::write(dir.join(CONFIG_NAME), "polcy = \"rrh\"\n").unwrap();
        let err = Config::load(&dir.join(CONFIG_NAME))
            .unwrap_err()
            .to_string();
        assert!(err.contains("polcy") && err.contains("policy"), "{err}");
    }
}
