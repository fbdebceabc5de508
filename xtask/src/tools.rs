//! Installing what the bindings' builds and tests need, on a fresh machine, from the
//! registries the project reaches: the wasm32 target (rustup), wasm-bindgen-cli
//! (crates.io), maturin and pytest (PyPI, into a venv under `target/`), playwright-core
//! (npm) and Chromium and node (Debian packages). Each `ensure_*` does nothing when the
//! tool is already there.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::proc::{cmd, output, run, Error, Result};

/// maturin and pytest, pinned: the wheel build and the test runner.
pub const MATURIN: &str = "maturin==1.16.0";
/// pytest, pinned.
pub const PYTEST: &str = "pytest==9.0.2";
/// The validator of docs/ci.md's CI set-ups: it vendors GitHub's workflow schema and
/// GitLab's CI schema, so the docs test needs no network beyond PyPI.
pub const CHECK_JSONSCHEMA: &str = "check-jsonschema==0.39.0";
/// YAML for reading the workflows out of docs/ci.md.
pub const PYYAML: &str = "PyYAML==6.0.4";

/// Chromium from Debian's packages: `/usr/bin/chromium`, or `$CHROMIUM` when set.
/// Installs the `chromium` package with apt-get when it is missing. The browser tests
/// (this crate's and the HTML-report helper's) call this one function.
pub fn ensure_chromium() -> Result<PathBuf> {
    if let Some(path) = env::var_os("CHROMIUM") {
        return Ok(PathBuf::from(path));
    }
    let path = PathBuf::from("/usr/bin/chromium");
    if !path.exists() {
        apt_install(&["chromium"])?;
    }
    if !path.exists() {
        return Err(Error::msg(
            "apt-get installed `chromium` but /usr/bin/chromium is missing; set CHROMIUM to the browser's path",
        ));
    }
    Ok(path)
}

/// The flags every headless Chromium run here uses (a fresh `--user-data-dir` is added
/// by each caller): no GPU, no network beyond the page, no first-run or sync chatter.
pub const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// node and npm (Debian's `nodejs` and `npm`) when `node` is not on the PATH.
pub fn ensure_node() -> Result<()> {
    if output(&mut cmd("node", ["--version"])).is_ok() {
        return Ok(());
    }
    apt_install(&["nodejs", "npm"])
}

/// `apt-get update` then `apt-get install -y` (as root, or through sudo).
pub fn apt_install(packages: &[&str]) -> Result<()> {
    let sudo = !is_root() && output(&mut cmd("sudo", ["-n", "true"])).is_ok();
    let apt = |args: &[&str]| {
        let mut c = if sudo {
            let mut c = Command::new("sudo");
            c.arg("apt-get");
            c
        } else {
            Command::new("apt-get")
        };
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut apt(&["update"]))?;
    let mut args = vec!["install", "-y"];
    args.extend_from_slice(packages);
    run(&mut apt(&args))
}

fn is_root() -> bool {
    output(&mut cmd("id", ["-u"]))
        .map(|s| s.trim() == "0")
        .unwrap_or(false)
}

/// `rustup target add wasm32-unknown-unknown` when the target's standard library is
/// missing.
pub fn ensure_wasm_target() -> Result<()> {
    let installed = output(&mut cmd("rustup", ["target", "list", "--installed"]))?;
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(&mut cmd(
        "rustup",
        ["target", "add", "wasm32-unknown-unknown"],
    ))
}

/// The version of a package in a Cargo.lock.
pub fn locked_version(lock: &Path, package: &str) -> Result<String> {
    let text = fs::read_to_string(lock).map_err(|e| Error::io(lock, e))?;
    let value: toml::Value =
        toml::from_str(&text).map_err(|e| Error::msg(format!("{}: {e}", lock.display())))?;
    value
        .get("package")
        .and_then(toml::Value::as_array)
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(toml::Value::as_str) == Some(package))
        .and_then(|p| p.get("version").and_then(toml::Value::as_str))
        .map(str::to_owned)
        .ok_or_else(|| Error::msg(format!("{} does not lock {package}", lock.display())))
}

/// wasm-bindgen-cli at exactly `version` (it must match the wasm-bindgen crate), built
/// once with `cargo install` into `$CARGO_HOME/hearth-tools/wasm-bindgen-cli-VERSION`.
pub fn ensure_wasm_bindgen(version: &str) -> Result<PathBuf> {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
        .ok_or_else(|| Error::msg("neither CARGO_HOME nor HOME is set"))?;
    let root = cargo_home
        .join("hearth-tools")
        .join(format!("wasm-bindgen-cli-{version}"));
    let bin = root.join("bin").join("wasm-bindgen");
    let wanted = format!("wasm-bindgen {version}");
    if output(Command::new(&bin).arg("--version")).is_ok_and(|v| v.trim() == wanted) {
        return Ok(bin);
    }
    let install = |locked: bool| {
        let mut c = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
        c.arg("install");
        if locked {
            c.arg("--locked");
        }
        c.args(["wasm-bindgen-cli", "--version"])
            .arg(format!("={version}"))
            .arg("--root")
            .arg(&root);
        run(&mut c)
    };
    if let Err(locked) = install(true) {
        // The crate's own Cargo.lock can name a dependency version the registry no
        // longer serves (seen: webpki-roots 1.0.11 for 0.2.130); resolve afresh then.
        eprintln!("xtask: `cargo install --locked` failed ({locked}); retrying without --locked");
        install(false)?;
    }
    Ok(bin)
}

/// A venv under `target/` with maturin and pytest; returns its `bin` folder.
pub fn ensure_venv(target: &Path) -> Result<PathBuf> {
    let venv = target.join("py-venv");
    let bin = venv.join("bin");
    let python = bin.join("python");
    let stamp = venv.join("hearth-requirements.txt");
    let wanted = format!("{MATURIN}\n{PYTEST}\n{CHECK_JSONSCHEMA}\n{PYYAML}\n");
    if python.exists() && fs::read_to_string(&stamp).is_ok_and(|s| s == wanted) {
        return Ok(bin);
    }
    let system = env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    if run(cmd(&system, ["-m", "venv", "--clear"]).arg(&venv)).is_err() {
        // Debian's python3 needs python3-venv (ensurepip) to make a venv.
        apt_install(&["python3-venv"])?;
        run(cmd(&system, ["-m", "venv", "--clear"]).arg(&venv))?;
    }
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        MATURIN,
        PYTEST,
        CHECK_JSONSCHEMA,
        PYYAML,
    ]))?;
    fs::write(&stamp, wanted).map_err(|e| Error::io(&stamp, e))?;
    Ok(bin)
}

/// `npm ci` in `dir` when its `node_modules` is missing or older than its lock file.
pub fn ensure_npm_packages(dir: &Path) -> Result<()> {
    ensure_node()?;
    let lock = dir.join("package-lock.json");
    let installed = dir.join("node_modules").join(".package-lock.json");
    let modified = |p: &Path| fs::metadata(p).and_then(|m| m.modified()).ok();
    if let (Some(have), Some(want)) = (modified(&installed), modified(&lock)) {
        if have >= want {
            return Ok(());
        }
    }
    run(cmd("npm", ["ci", "--no-audit", "--no-fund"]).current_dir(dir))
}
