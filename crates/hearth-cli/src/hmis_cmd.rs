//! `hearth import hmis-csv`: read a HUD HMIS CSV export (a folder, a folder holding one
//! subfolder of CSVs, or a .zip) and write one case file per PersonalID as NDJSON, with
//! a summary of what was read, mapped and skipped.
//!
//! Reading files and archives is here; the mapping is `hearth-hmis`, which is pure.

use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use hearth_hmis::{ExportFiles, Imported, Map, RowIssue};

use crate::error::CliError;

/// Arguments of `hearth import hmis-csv`.
#[derive(Debug, Args)]
pub struct HmisCsvArgs {
    /// The export: a folder of CSV files (or holding one subfolder of them) or a .zip.
    pub export: PathBuf,
    /// The map (TOML): project types to programs, time zone, contact services. Without
    /// it, only ProjectType 13 (rapid re-housing) maps, to `rrh`.
    #[arg(long, value_name = "MAP.toml")]
    pub map: Option<PathBuf>,
    /// Where to write the case files, one per line; `-` for standard output.
    #[arg(long, short = 'o', value_name = "FILE.ndjson")]
    pub out: PathBuf,
    /// The IANA time zone of the export's datetimes (they carry no offset); overrides
    /// the map's.
    #[arg(long, value_name = "ZONE")]
    pub time_zone: Option<String>,
    /// Also write the summary as JSON (schemas/hmis-summary.schema.json).
    #[arg(long, value_name = "FILE")]
    pub summary: Option<PathBuf>,
    /// Refuse a zip whose files expand past this many bytes in all.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_EXPORT_BYTES, hide = true)]
    pub max_export_bytes: u64,
}

/// The most a zip may expand to (all its CSV files together): 2 GiB.
pub const DEFAULT_MAX_EXPORT_BYTES: u64 = 2 << 30;

/// Reads a map file, or the default map.
pub fn load_map(path: Option<&Path>, time_zone: Option<&str>) -> Result<Map, CliError> {
    let mut map = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| CliError::Read {
                path: path.to_path_buf(),
                source,
            })?;
            Map::from_toml(&text).map_err(|e| CliError::HmisMap {
                path: path.to_path_buf(),
                message: hearth::model::publishable_settings_message(&e.to_string()),
            })?
        }
        None => Map::default(),
    };
    if let Some(zone) = time_zone {
        map.time_zone = Some(zone.to_owned());
    }
    Ok(map)
}

/// Runs `hearth import hmis-csv`.
pub fn import_hmis(args: &HmisCsvArgs, out: &mut impl Write) -> Result<ExitCode, CliError> {
    let map = load_map(args.map.as_deref(), args.time_zone.as_deref())?;
    let files = read_export(&args.export, args.max_export_bytes)?;
    let imported = hearth_hmis::import(&files, &map).map_err(|e| CliError::HmisExport {
        path: args.export.clone(),
        message: e.to_string(),
    })?;
    let to_stdout = args.out.as_os_str() == "-";
    if to_stdout {
        let stdout = std::io::stdout();
        let mut w = BufWriter::new(stdout.lock());
        write_ndjson(&imported, &mut w, Path::new("standard output"))?;
    } else {
        let file = File::create(&args.out).map_err(|source| CliError::Write {
            path: args.out.clone(),
            source,
        })?;
        let mut w = BufWriter::new(file);
        write_ndjson(&imported, &mut w, &args.out)?;
    }
    if let Some(path) = &args.summary {
        let mut text = serde_json::to_string_pretty(&imported.summary)
            .map_err(|e| CliError::Output(e.into()))?;
        text.push('\n');
        std::fs::write(path, text).map_err(|source| CliError::Write {
            path: path.clone(),
            source,
        })?;
    }
    // With the case files on standard output, the summary goes to standard error.
    if to_stdout {
        print_summary(&imported, &mut std::io::stderr().lock())?;
    } else {
        print_summary(&imported, out)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn write_ndjson(imported: &Imported, w: &mut impl Write, path: &Path) -> Result<(), CliError> {
    let failed = |source: std::io::Error| CliError::Write {
        path: path.to_path_buf(),
        source,
    };
    for case in &imported.case_files {
        serde_json::to_writer(&mut *w, case).map_err(|e| failed(e.into()))?;
        w.write_all(b"\n").map_err(failed)?;
    }
    w.flush().map_err(failed)
}

/// How many located issues the text summary lists before it only counts them.
const ISSUES_SHOWN: usize = 20;

/// The summary as text: counts, then the located issues (ids, codes, counts only).
pub fn print_summary(imported: &Imported, out: &mut impl Write) -> Result<(), CliError> {
    let s = &imported.summary;
    writeln!(
        out,
        "HMIS export {} ({} to {}), datetimes read in {}",
        s.csv_version, s.export_start, s.export_end, s.time_zone
    )?;
    writeln!(
        out,
        "{} participants, {} enrollments, {} exits, {} move-ins, {} encounters, {} assessments, {} referrals, {} staff ids",
        s.participants, s.enrollments, s.exits, s.move_ins, s.encounters, s.assessments, s.referrals, s.staff
    )?;
    writeln!(out, "{:<28} {:>8} {:>8}  skipped", "file", "rows", "mapped")?;
    for (file, f) in &s.files {
        let skipped: Vec<String> = f
            .skipped
            .iter()
            .map(|(reason, n)| {
                let reason = serde_json::to_value(reason)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                format!("{reason} {n}")
            })
            .collect();
        writeln!(
            out,
            "{file:<28} {:>8} {:>8}  {}",
            f.rows,
            f.mapped,
            skipped.join(", ")
        )?;
    }
    for (code, t) in &s.project_types {
        writeln!(
            out,
            "ProjectType {code}: {} enrollment rows -> {}",
            t.enrollments, t.program
        )?;
    }
    if !imported.issues.is_empty() {
        writeln!(out, "{} rows with issues:", imported.issues.len())?;
        for issue in imported.issues.iter().take(ISSUES_SHOWN) {
            writeln!(out, "  {}", issue_line(issue))?;
        }
        if imported.issues.len() > ISSUES_SHOWN {
            writeln!(
                out,
                "  … and {} more (--summary FILE counts them by kind)",
                imported.issues.len() - ISSUES_SHOWN
            )?;
        }
    }
    Ok(())
}

/// One located issue: `File.csv:ROW COLUMN: message`.
pub fn issue_line(issue: &RowIssue) -> String {
    let column = issue
        .column
        .as_deref()
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    format!("{}:{}{}: {}", issue.file, issue.row, column, issue.message)
}

/// Reads an export: a .zip, a folder of CSV files, or a folder holding exactly one
/// subfolder of them.
pub fn read_export(path: &Path, max_bytes: u64) -> Result<ExportFiles, CliError> {
    let bad = |message: String| CliError::HmisExport {
        path: path.to_path_buf(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_dir() {
        let mut dir = path.to_path_buf();
        if csv_files(&dir)?.is_empty() {
            let subdirs: Vec<PathBuf> = std::fs::read_dir(&dir)
                .map_err(|source| CliError::Read {
                    path: dir.clone(),
                    source,
                })?
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            match subdirs.as_slice() {
                [one] => dir = one.clone(),
                _ => return Err(bad("the folder holds no CSV files".to_owned())),
            }
        }
        let mut files = ExportFiles::new();
        for file in csv_files(&dir)? {
            let bytes = std::fs::read(&file).map_err(|source| CliError::Read {
                path: file.clone(),
                source,
            })?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            files.insert(&name, bytes);
        }
        return Ok(files);
    }
    read_zip(path, max_bytes)
}

fn csv_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| CliError::Read {
            path: dir.to_path_buf(),
            source,
        })?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
        })
        .collect();
    out.sort();
    Ok(out)
}

/// Reads the CSV files of a zip. Refused: an entry whose path leaves the archive
/// (`../`, an absolute path), and an archive whose CSV files expand past `max_bytes` in
/// all (counted as they are read, not as the archive claims).
fn read_zip(path: &Path, max_bytes: u64) -> Result<ExportFiles, CliError> {
    let bad = |message: String| CliError::HmisExport {
        path: path.to_path_buf(),
        message,
    };
    let file = File::open(path).map_err(|source| CliError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut archive = zip::ZipArchive::new(file)
        .map_err(|_| bad("is neither a folder nor a readable .zip archive".to_owned()))?;
    let mut files = ExportFiles::new();
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|_| bad(format!("entry {} of the zip cannot be read", i + 1)))?;
        let Some(name) = entry.enclosed_name() else {
            return Err(bad(format!(
                "entry {} of the zip has a path outside the archive; the zip is refused",
                i + 1
            )));
        };
        if entry.is_dir() {
            continue;
        }
        let is_csv = name
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
        if !is_csv {
            continue;
        }
        let base = name
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let left = max_bytes.saturating_sub(total);
        let mut bytes = Vec::new();
        (&mut entry)
            .take(left.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|_| bad(format!("{base} in the zip cannot be expanded")))?;
        total = total.saturating_add(bytes.len() as u64);
        if total > max_bytes {
            return Err(bad(format!(
                "the zip expands past {max_bytes} bytes; it is refused"
            )));
        }
        files.insert(&base, bytes);
    }
    Ok(files)
}

/// `hearth generate --format hmis-csv`: the generator's case files written as an FY2026
/// export, to a folder (24 CSV files) or, when `out` ends in `.zip`, a zip of them.
pub fn write_generated(
    options: &hearth_generate::Options,
    out: &Path,
    force: bool,
    lapse_percent: u8,
) -> Result<(), CliError> {
    let months = chrono::Months::new(options.months);
    let start = options
        .as_of
        .checked_sub_months(months)
        .unwrap_or(options.as_of);
    let write_options = hearth_hmis::WriteOptions {
        start,
        end: options.as_of,
        time_zone: GENERATED_TIME_ZONE.to_owned(),
        lapse_percent,
        seed: options.seed,
    };
    let files = hearth_hmis::write_export(hearth_generate::case_files(options), &write_options)
        .map_err(|e| CliError::Usage(e.to_string()))?;
    let failed = |source: std::io::Error| CliError::Write {
        path: out.to_path_buf(),
        source,
    };
    let is_zip = out
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
    if is_zip {
        if out.exists() && !force {
            return Err(CliError::WouldOverwrite {
                path: out.to_path_buf(),
                what: "already exists",
            });
        }
        let file = File::create(out).map_err(failed)?;
        let mut zip = zip::ZipWriter::new(BufWriter::new(file));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in &files {
            zip.start_file(name.as_str(), opts)
                .map_err(|e| failed(std::io::Error::other(e)))?;
            zip.write_all(bytes).map_err(failed)?;
        }
        zip.finish().map_err(|e| failed(std::io::Error::other(e)))?;
        return Ok(());
    }
    if out.exists() && !force {
        let mut entries = std::fs::read_dir(out).map_err(|source| CliError::Read {
            path: out.to_path_buf(),
            source,
        })?;
        if entries.next().is_some() {
            return Err(CliError::WouldOverwrite {
                path: out.to_path_buf(),
                what: "is not empty",
            });
        }
    }
    std::fs::create_dir_all(out).map_err(failed)?;
    for (name, bytes) in &files {
        let path = out.join(name);
        std::fs::write(&path, bytes).map_err(|source| CliError::Write { path, source })?;
    }
    Ok(())
}

/// The time zone generated exports are written in (and read back with).
pub const GENERATED_TIME_ZONE: &str = "America/Chicago";
