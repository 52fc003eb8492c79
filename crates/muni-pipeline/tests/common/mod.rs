//! Helpers shared by the pipeline's integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use muni_model::{Catalog, IndicatorFile, Status};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// A fresh, empty temporary directory unique to this process and `name`.
pub fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("muni-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("create temp dir");
    d
}

/// `public/data` built once per test binary from the committed `data/`.
pub fn built() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = temp_dir("built").join("data");
        muni_pipeline::build(&root().join("data"), &out).expect("build from the committed data/");
        out
    })
}

pub fn catalog(dir: &Path) -> Catalog {
    serde_json::from_slice(&std::fs::read(dir.join("catalog.json")).unwrap()).unwrap()
}

pub fn indicator(dir: &Path, id: &str) -> IndicatorFile {
    serde_json::from_slice(&std::fs::read(dir.join(format!("indicators/{id}.json"))).unwrap())
        .unwrap()
}

/// The value and status of `region` in `year`.
pub fn value(file: &IndicatorFile, region: &str, year: u16) -> (Option<f64>, Status) {
    file.value(region, year)
        .unwrap_or_else(|| panic!("{} has no {region} {year}", file.id))
}

/// Every file under `dir`, relative, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap().to_owned());
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Asserts that two directory trees hold the same files with the same bytes.
pub fn assert_same_tree(a: &Path, b: &Path) {
    let (fa, fb) = (files(a), files(b));
    assert_eq!(
        fa,
        fb,
        "different file lists in {} and {}",
        a.display(),
        b.display()
    );
    for f in fa {
        let (x, y) = (
            std::fs::read(a.join(&f)).unwrap(),
            std::fs::read(b.join(&f)).unwrap(),
        );
        assert!(
            x == y,
            "{} differs between {} and {}",
            f.display(),
            a.display(),
            b.display()
        );
    }
}
