//! Where a command writes its report: standard output, or a file that is replaced only
//! when the run completes.
//!
//! A file output is written to a temporary file beside it and renamed over the old one
//! at the end, so a run that stops (exit 2) leaves the previous report untouched, and a
//! reader never sees half a report. An output that is also an input is refused before
//! anything is read or written: `hearth check case.json -o case.json` must never
//! replace the case file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::CliError;

/// The names of output formats: `--output json` is almost certainly meant as
/// `--format json`, so such a bare name is refused rather than written as a file.
const FORMAT_NAMES: &[&str] = &["text", "json", "sarif", "junit", "github", "html", "ndjson"];

/// Whether an `--output` value means standard output (`-`, or nothing).
pub fn is_stdout(path: Option<&Path>) -> bool {
    path.is_none_or(|p| p.as_os_str() == "-")
}

/// Refuses an output path that is a format's bare name (`--output json`): write
/// `./json` to mean a file of that name.
pub fn check_not_a_format_name(path: &Path) -> Result<(), CliError> {
    let bare = path.to_str().is_some_and(|p| FORMAT_NAMES.contains(&p));
    if bare {
        return Err(CliError::Usage(format!(
            "--output {} would write a file named {0}; to choose the format use --format {0}, and to \
             write a file of that name write ./{0}",
            path.display()
        )));
    }
    Ok(())
}

/// Refuses an output file that is one of the inputs (the same file under any spelling).
pub fn check_not_an_input(output: &Path, inputs: &[PathBuf]) -> Result<(), CliError> {
    let Ok(out) = std::fs::canonicalize(output) else {
        // Not there yet: it cannot be an input.
        return Ok(());
    };
    if inputs
        .iter()
        .filter_map(|i| std::fs::canonicalize(i).ok())
        .any(|i| i == out)
    {
        return Err(CliError::Usage(format!(
            "the output {} is also an input: hearth never writes over what it reads; name \
             another --output file",
            output.display()
        )));
    }
    Ok(())
}

/// A file being written: a temporary file beside the destination until [`commit`].
///
/// [`commit`]: Staged::commit
pub struct Staged {
    path: PathBuf,
    file: io::BufWriter<tempfile::NamedTempFile>,
}

impl Staged {
    /// Starts writing `path` (through a temporary file in the same folder). Refuses a
    /// path that is a dangling symbolic link or a folder.
    pub fn create(path: &Path) -> Result<Staged, CliError> {
        let failed = |source: io::Error| CliError::Write {
            path: path.to_path_buf(),
            source,
        };
        refuse_odd_destination(path)?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The temporary name does not end in .json, so a run over the folder never
        // reads it.
        let file = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".hearth-tmp")
            .tempfile_in(&dir)
            .map_err(failed)?;
        Ok(Staged {
            path: path.to_path_buf(),
            file: io::BufWriter::new(file),
        })
    }

    /// Flushes and renames the temporary file over the destination.
    pub fn commit(self) -> Result<(), CliError> {
        let failed = |source: io::Error| CliError::Write {
            path: self.path.clone(),
            source,
        };
        let file = self.file.into_inner().map_err(|e| failed(e.into_error()))?;
        file.as_file().sync_all().map_err(failed)?;
        file.persist(&self.path).map_err(|e| failed(e.error))?;
        Ok(())
    }
}

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Whether something is at `path` already: a file, a folder, or a link (even one that
/// points nowhere, which `Path::exists` calls absent).
pub fn occupied(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Writes a whole file: its folder is created when missing, a link to nothing is
/// refused, and the file is written aside and renamed into place.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(|source| CliError::Write {
            path: parent.to_path_buf(),
            source,
        })?;
    }
    let mut staged = Staged::create(path)?;
    staged.write_all(bytes).map_err(|source| CliError::Write {
        path: path.to_path_buf(),
        source,
    })?;
    staged.commit()
}

/// Refuses to write through a symbolic link that points nowhere (the write would
/// create a file wherever the link points) and over a folder.
pub fn refuse_odd_destination(path: &Path) -> Result<(), CliError> {
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        if meta.file_type().is_symlink() && std::fs::metadata(path).is_err() {
            return Err(CliError::Usage(format!(
                "{} is a symbolic link to nothing; hearth does not write through it",
                path.display()
            )));
        }
        if meta.is_dir() {
            return Err(CliError::Usage(format!(
                "{} is a folder; name a file",
                path.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("hearth-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_staged_file_replaces_the_old_one_only_on_commit() {
        let dir = scratch("staged");
        let path = dir.join("report.json");
        std::fs::write(&path, "old").unwrap();
        let mut staged = Staged::create(&path).unwrap();
        staged.write_all(b"new").unwrap();
        drop(staged);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        let mut staged = Staged::create(&path).unwrap();
        staged.write_all(b"new").unwrap();
        staged.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(
            std::fs::read_dir(&dir).unwrap().count(),
            1,
            "no temporary left"
        );
    }

    #[test]
    fn outputs_that_are_inputs_or_format_names_are_refused() {
        let dir = scratch("refused");
        let case = dir.join("case.json");
        std::fs::write(&case, "{}").unwrap();
        let other_spelling = dir.join(".").join("case.json");
        assert!(check_not_an_input(&other_spelling, std::slice::from_ref(&case)).is_err());
        assert!(check_not_an_input(&dir.join("r.json"), &[case]).is_ok());
        assert!(check_not_a_format_name(Path::new("json")).is_err());
        assert!(check_not_a_format_name(Path::new("./json")).is_ok());
        assert!(is_stdout(Some(Path::new("-"))) && is_stdout(None));
    }

    #[cfg(unix)]
    #[test]
    fn dangling_links_are_not_written_through() {
        let dir = scratch("dangling");
        let link = dir.join("out.json");
        std::os::unix::fs::symlink(dir.join("nowhere/else.json"), &link).unwrap();
        assert!(Staged::create(&link).is_err());
        assert!(!dir.join("nowhere").exists());
    }
}
