//! hearth's developer tasks, run as `cargo xtask TASK` (an alias in `.cargo/config.toml`).
//!
//! - `test`: the one test command. Every Rust test in the workspace, then the Python
//!   wheel and its pytest suite, the WebAssembly package and its `node --test` suite,
//!   and the care-plan page in headless Chromium. It installs what these need when it is
//!   missing (see `tools`), so it runs on a fresh machine with a Rust toolchain, Python 3
//!   and apt-get.
//! - `wheel`: build the Python wheel into `target/wheels/`.
//! - `wasm`: build the npm-style WebAssembly package into `bindings/wasm/pkg/`.
//! - `parity DIR`: write the parity fixtures (documents and their Rust reports).
//! - `bench`: per-call time of Rust, Python and WebAssembly `validate` on the typical
//!   case file, as ratios.
//! - `chromium`: install Chromium if missing and print its path.

mod parity;
mod proc;
mod tools;

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use proc::{cmd, run, run_tests, Error, Result, Runner};

/// The largest WebAssembly module the issue allows (2 MB).
const WASM_MAX_BYTES: u64 = 2_000_000;

const USAGE: &str = "usage: cargo xtask <test | wheel | wasm | parity DIR | bench | chromium>";

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let started = Instant::now();
    let result = match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("wheel") => paths().and_then(|p| wheel(&p).map(|_| ())),
        Some("wasm") => paths().and_then(|p| wasm(&p).map(|_| ())),
        Some("parity") => match args.get(1) {
            Some(dir) => paths().and_then(|p| {
                let n = parity::write(&p.root, Path::new(dir))?;
                println!("xtask: {n} parity cases in {dir}");
                Ok(())
            }),
            None => Err(Error::msg(USAGE)),
        },
        Some("bench") => bench(),
        Some("bench-rust") => match args.get(1) {
            Some(dir) => bench_rust(Path::new(dir)),
            None => Err(Error::msg(USAGE)),
        },
        Some("chromium") => tools::ensure_chromium().map(|p| println!("{}", p.display())),
        _ => Err(Error::msg(USAGE)),
    };
    match result {
        Ok(()) => {
            eprintln!("xtask: done in {:.0} s", started.elapsed().as_secs_f64());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The repository's folders.
struct Paths {
    root: PathBuf,
    target: PathBuf,
    bindings: PathBuf,
}

fn paths() -> Result<Paths> {
    // `cargo run` sets CARGO_MANIFEST_DIR for the process too: read it at run time, so a
    // binary built in one checkout and reused from a shared target directory still
    // works on the checkout that ran it (the compile-time value is the fallback).
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    let root = manifest_dir
        .parent()
        .map(Path::to_path_buf)
        .ok_or_else(|| Error::msg("xtask is not inside the repository"))?;
    let target = env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target"));
    let target = if target.is_absolute() {
        target
    } else {
        root.join(target)
    };
    Ok(Paths {
        bindings: root.join("bindings"),
        root,
        target,
    })
}

fn cargo() -> Command {
    Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// A cargo command on the bindings' workspace, building into the root `target/` (so it
/// shares the hearth crates' artifacts with the root workspace's builds).
fn bindings_cargo(p: &Paths, args: &[&str]) -> Command {
    let mut c = cargo();
    c.args(args)
        .arg("--manifest-path")
        .arg(p.bindings.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &p.target);
    c
}

fn test() -> Result<()> {
    let p = paths()?;
    let mut timings = Vec::new();
    let mut step = |name: &str, f: &mut dyn FnMut() -> Result<()>| -> Result<()> {
        let t = Instant::now();
        f()?;
        timings.push((name.to_owned(), t.elapsed().as_secs_f64()));
        Ok(())
    };

    step("cargo test --workspace", &mut || {
        run(cargo().args(["test", "--workspace"]).current_dir(&p.root))
    })?;
    let fixtures = p.target.join("parity");
    step("parity fixtures", &mut || {
        let n = parity::write(&p.root, &fixtures)?;
        println!("xtask: {n} parity cases in {}", fixtures.display());
        Ok(())
    })?;
    step("python: wheel + pytest", &mut || {
        let venv = wheel(&p)?;
        run_tests(
            Command::new(venv.join("python"))
                .args(["-m", "pytest", "-p", "no:cacheprovider", "-ra"])
                .arg(p.bindings.join("python").join("tests"))
                .env("HEARTH_PARITY_DIR", &fixtures),
            Runner::Pytest,
        )
        .map(|_| ())
    })?;
    let wasm_dir = p.bindings.join("wasm");
    step("wasm: build + node --test", &mut || {
        wasm(&p)?;
        tools::ensure_npm_packages(&wasm_dir)?;
        run_tests(
            cmd("node", ["--test", "--test-reporter=tap"])
                .arg(wasm_dir.join("tests").join("parity.test.mjs"))
                .env("HEARTH_PARITY_DIR", &fixtures),
            Runner::Node,
        )
        .map(|_| ())
    })?;
    step("browser: care-plan page in Chromium", &mut || {
        let chromium = tools::ensure_chromium()?;
        run_tests(
            cmd("node", ["--test", "--test-reporter=tap"])
                .arg(wasm_dir.join("tests").join("browser").join("page.test.mjs"))
                .env("CHROMIUM", &chromium)
                .env("CHROMIUM_FLAGS", tools::CHROMIUM_FLAGS.join(" "))
                .env("HEARTH_ROOT", &p.root)
                .env("HEARTH_ARTIFACTS", p.target.join("browser")),
            Runner::Node,
        )
        .map(|_| ())
    })?;
    step(
        "docs: CI set-ups against GitHub's and GitLab's schemas",
        &mut || {
            let venv = tools::ensure_venv(&p.target)?;
            run_tests(
                Command::new(venv.join("python"))
                    .args(["-m", "pytest", "-p", "no:cacheprovider", "-ra"])
                    .arg(p.root.join("tests").join("docs")),
                Runner::Pytest,
            )
            .map(|_| ())
        },
    )?;
    step("browser: the HTML report in Chromium", &mut || {
        let chromium = tools::ensure_chromium()?;
        tools::ensure_npm_packages(&p.root.join("tests").join("browser"))?;
        run(cargo()
            .args(["build", "-p", "hearth-cli"])
            .current_dir(&p.root))?;
        run_tests(
            cmd("node", ["--test", "--test-reporter=tap"])
                .arg(
                    p.root
                        .join("tests")
                        .join("browser")
                        .join("html_report.test.mjs"),
                )
                .env("CHROMIUM", &chromium)
                .env("HEARTH", p.target.join("debug").join("hearth"))
                .env("HEARTH_ARTIFACTS", p.target.join("browser")),
            Runner::Node,
        )
        .map(|_| ())
    })?;
    println!("== cargo xtask test: every step passed");
    for (name, secs) in &timings {
        println!("   {secs:7.1} s  {name}");
    }
    Ok(())
}

/// Builds the abi3 wheel into `target/wheels/` and installs it into the venv; returns
/// the venv's `bin` folder.
fn wheel(p: &Paths) -> Result<PathBuf> {
    let venv = tools::ensure_venv(&p.target)?;
    let wheels = p.target.join("wheels");
    let _ = fs::remove_dir_all(&wheels);
    run(Command::new(venv.join("maturin"))
        .args(["build", "--release", "-m"])
        .arg(p.bindings.join("python").join("Cargo.toml"))
        .arg("--out")
        .arg(&wheels)
        .arg("--interpreter")
        .arg(venv.join("python"))
        .env("CARGO_TARGET_DIR", &p.target))?;
    let wheel = fs::read_dir(&wheels)
        .map_err(|e| Error::io(&wheels, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|path| path.extension().is_some_and(|x| x == "whl"))
        .ok_or_else(|| Error::msg("maturin built no wheel"))?;
    let size = fs::metadata(&wheel).map(|m| m.len()).unwrap_or(0);
    println!("xtask: wheel {} ({size} bytes)", wheel.display());
    run(Command::new(venv.join("python"))
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--force-reinstall",
            "--no-deps",
        ])
        .arg(&wheel))?;
    Ok(venv)
}

/// Builds `bindings/wasm/pkg/`: the module (size-optimised), its JS glue and TypeScript
/// types from wasm-bindgen-cli at the locked version, and a package.json.
fn wasm(p: &Paths) -> Result<PathBuf> {
    tools::ensure_wasm_target()?;
    let version = tools::locked_version(&p.bindings.join("Cargo.lock"), "wasm-bindgen")?;
    let bindgen = tools::ensure_wasm_bindgen(&version)?;
    run(&mut bindings_cargo(
        p,
        &[
            "build",
            "-p",
            "hearth-wasm",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ],
    ))?;
    let module = p
        .target
        .join("wasm32-unknown-unknown")
        .join("wasm-release")
        .join("hearth_wasm.wasm");
    let pkg = p.bindings.join("wasm").join("pkg");
    let _ = fs::remove_dir_all(&pkg);
    run(Command::new(&bindgen)
        .args(["--target", "web", "--out-name", "hearth_wasm", "--out-dir"])
        .arg(&pkg)
        .arg(&module))?;
    let package = serde_json::json!({
        "name": "hearth-wasm",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "hearth in WebAssembly: validate housing case files and care plans in the browser or node.",
        "license": "MIT OR Apache-2.0",
        "type": "module",
        "main": "hearth_wasm.js",
        "types": "hearth_wasm.d.ts",
        "files": ["hearth_wasm_bg.wasm", "hearth_wasm.js", "hearth_wasm.d.ts", "hearth_wasm_bg.wasm.d.ts"],
        "sideEffects": false
    });
    let manifest = pkg.join("package.json");
    let text = serde_json::to_string_pretty(&package).map_err(|e| Error::msg(e.to_string()))?;
    fs::write(&manifest, text + "\n").map_err(|e| Error::io(&manifest, e))?;
    let wasm_file = pkg.join("hearth_wasm_bg.wasm");
    let size = fs::metadata(&wasm_file)
        .map_err(|e| Error::io(&wasm_file, e))?
        .len();
    println!("xtask: {} ({size} bytes)", wasm_file.display());
    if size > WASM_MAX_BYTES {
        return Err(Error::msg(format!(
            "the wasm module is {size} bytes, over the {WASM_MAX_BYTES}-byte budget"
        )));
    }
    Ok(pkg)
}

/// Per-call times of `validate` on the typical case file: Rust (release), Python, wasm.
fn bench() -> Result<()> {
    let p = paths()?;
    let fixtures = p.target.join("parity");
    parity::write(&p.root, &fixtures)?;
    run(cargo()
        .args([
            "run",
            "--release",
            "--quiet",
            "-p",
            "xtask",
            "--",
            "bench-rust",
        ])
        .arg(&fixtures)
        .current_dir(&p.root))?;
    let venv = wheel(&p)?;
    run(Command::new(venv.join("python"))
        .arg(p.bindings.join("python").join("bench.py"))
        .arg(&fixtures))?;
    wasm(&p)?;
    run(cmd("node", [p.bindings.join("wasm").join("bench.mjs")]).arg(&fixtures))?;
    let read = |name: &str| -> Option<f64> {
        fs::read_to_string(fixtures.join(name))
            .ok()?
            .trim()
            .parse()
            .ok()
    };
    if let (Some(rust), Some(py), Some(js)) = (
        read("bench-rust.txt"),
        read("bench-python.txt"),
        read("bench-wasm.txt"),
    ) {
        println!("validate(typical case file), parse + validate + report JSON, per call:");
        println!(
            "  Rust {rust:.0} µs, Python {py:.0} µs ({:.2}x), WebAssembly/node {js:.0} µs ({:.2}x)",
            py / rust,
            js / rust
        );
    }
    Ok(())
}

/// The Rust side of `bench`: parse, validate and serialise the typical case file with a
/// compiled policy, as the bindings do per call; writes µs per call to
/// `bench-rust.txt`.
fn bench_rust(dir: &Path) -> Result<()> {
    let input = dir.join("inputs").join("typical.json");
    let text = fs::read_to_string(&input).map_err(|e| Error::io(&input, e))?;
    let policy = hearth::Policy::builtin("stl-coc").map_err(|e| Error::msg(e.to_string()))?;
    let as_of = hearth_generate::DEFAULT_AS_OF;
    let call = || -> Result<usize> {
        let case = hearth::parse_case_file(&text).map_err(|e| Error::msg(e.to_string()))?;
        let report = hearth::validate(&case, &policy, as_of);
        let json = serde_json::to_string(&report).map_err(|e| Error::msg(e.to_string()))?;
        Ok(json.len())
    };
    for _ in 0..20 {
        call()?;
    }
    let mut best = f64::MAX;
    for _ in 0..5 {
        let n = 100;
        let t = Instant::now();
        for _ in 0..n {
            std::hint::black_box(call()?);
        }
        best = best.min(t.elapsed().as_secs_f64() * 1e6 / f64::from(n));
    }
    println!("rust: {best:.1} µs per call (best of 5 x 100)");
    let out = dir.join("bench-rust.txt");
    fs::write(&out, format!("{best}\n")).map_err(|e| Error::io(&out, e))
}
