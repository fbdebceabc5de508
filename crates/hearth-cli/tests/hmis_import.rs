//! `hearth import hmis-csv` and `hearth generate --format hmis-csv` through the built
//! binary: a generated export imports back, the summary JSON matches its schema, and bad
//! exports exit 2 naming what is wrong (a missing file, an unsupported version, a zip
//! that leaves itself or expands too far).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .output()
        .expect("hearth runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-hmis-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

const MAP: &str = "time_zone = \"America/Chicago\"\n[projects]\nicms = \"icms\"\nicm-rrh = \"icm-rrh\"\nrrh = \"rrh\"\nstl-coc = \"stl-coc\"\nct-psh = \"ct-psh\"\n";

fn generate(dir: &Path, out: &str, n: &str) -> PathBuf {
    let path = dir.join(out);
    let run = hearth(&[
        "generate",
        "--participants",
        n,
        "--format",
        "hmis-csv",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    path
}

#[test]
fn a_generated_export_imports_from_a_folder_and_a_zip() {
    let dir = scratch("round");
    let folder = generate(&dir, "export", "40");
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 24);
    let zip = generate(&dir, "export.zip", "40");
    let map = dir.join("map.toml");
    std::fs::write(&map, MAP).unwrap();
    let mut outputs = Vec::new();
    for source in [&folder, &zip] {
        let out = dir.join("cases.ndjson");
        let summary = dir.join("summary.json");
        let run = hearth(&[
            "import",
            "hmis-csv",
            source.to_str().unwrap(),
            "--map",
            map.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--summary",
            summary.to_str().unwrap(),
        ]);
        assert!(run.status.success(), "{}", text(&run.stderr));
        let stdout = text(&run.stdout);
        assert!(stdout.contains("40 participants"), "{stdout}");
        assert!(stdout.contains("Enrollment.csv"), "{stdout}");
        let cases = std::fs::read_to_string(&out).unwrap();
        assert_eq!(cases.lines().count(), 40);
        for line in cases.lines() {
            hearth::parse_case_file(line).expect("an imported case file parses");
        }
        let summary: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&summary).unwrap()).unwrap();
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(repo().join("schemas/hmis-summary.schema.json")).unwrap(),
        )
        .unwrap();
        let validator = jsonschema::draft202012::new(&schema).unwrap();
        assert!(validator.is_valid(&summary), "{summary}");
        assert_eq!(summary["participants"], 40);
        outputs.push(cases);
    }
    assert_eq!(
        outputs[0], outputs[1],
        "a folder and a zip of the same export"
    );
}

#[test]
fn the_case_files_go_to_standard_output_and_the_summary_to_standard_error() {
    let dir = scratch("stdout");
    let folder = generate(&dir, "export", "5");
    let map = dir.join("map.toml");
    std::fs::write(&map, MAP).unwrap();
    let run = hearth(&[
        "import",
        "hmis-csv",
        folder.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout).lines().count(), 5);
    assert!(text(&run.stderr).contains("5 participants"));
}

#[test]
fn csvs_inside_one_subfolder_are_found() {
    let dir = scratch("sub");
    generate(&dir.join("outer"), "inner", "3");
    let run = hearth(&[
        "import",
        "hmis-csv",
        dir.join("outer").to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert!(run.status.success(), "{}", text(&run.stderr));
}

#[test]
fn a_missing_required_file_exits_2_naming_it() {
    let dir = scratch("missing");
    let folder = generate(&dir, "export", "3");
    std::fs::remove_file(folder.join("Client.csv")).unwrap();
    let run = hearth(&["import", "hmis-csv", folder.to_str().unwrap(), "--out", "-"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("Client.csv"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn an_unsupported_version_exits_2_saying_which_are_supported() {
    let dir = scratch("version");
    let folder = generate(&dir, "export", "3");
    let export = std::fs::read_to_string(folder.join("Export.csv")).unwrap();
    std::fs::write(
        folder.join("Export.csv"),
        export.replace("2026 v1", "2020 v1.8"),
    )
    .unwrap();
    let run = hearth(&["import", "hmis-csv", folder.to_str().unwrap(), "--out", "-"]);
    assert_eq!(run.status.code(), Some(2));
    let err = text(&run.stderr);
    assert!(
        err.contains("2020 v1.8") && err.contains("2026 v1.x") && err.contains("2024 v1.x"),
        "{err}"
    );
}

fn zip_with(path: &Path, entries: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap();
}

#[test]
fn a_zip_with_a_path_outside_itself_is_refused() {
    let dir = scratch("slip");
    let zip = dir.join("evil.zip");
    zip_with(
        &zip,
        &[("Export.csv", b"a\n"), ("../../escape.csv", b"a\n")],
    );
    let run = hearth(&["import", "hmis-csv", zip.to_str().unwrap(), "--out", "-"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("outside the archive"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn a_zip_that_expands_past_the_limit_is_refused() {
    let dir = scratch("bomb");
    let zip = dir.join("bomb.zip");
    let big = vec![b'0'; 5_000_000];
    zip_with(&zip, &[("Export.csv", b"a\n"), ("Client.csv", &big)]);
    assert!(
        std::fs::metadata(&zip).unwrap().len() < 100_000,
        "deflate makes it small"
    );
    let run = hearth(&[
        "import",
        "hmis-csv",
        zip.to_str().unwrap(),
        "--out",
        "-",
        "--max-export-bytes",
        "1000000",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("expands past"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn a_map_with_an_unknown_project_type_exits_2() {
    let dir = scratch("map");
    let folder = generate(&dir, "export", "2");
    let map = dir.join("map.toml");
    std::fs::write(&map, "[project_types]\n5 = \"rrh\"\n").unwrap();
    let run = hearth(&[
        "import",
        "hmis-csv",
        folder.to_str().unwrap(),
        "--map",
        map.to_str().unwrap(),
        "--out",
        "-",
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("ProjectType"),
        "{}",
        text(&run.stderr)
    );
}
