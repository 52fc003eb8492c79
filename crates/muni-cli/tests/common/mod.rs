//! What the command line's tests share: a fresh folder, and a SYNTHETIC catalog with its files
//! written there as a published folder.

use std::path::{Path, PathBuf};

use muni_view::fixture::Synthetic;

/// A fresh, empty folder with `indicators/` for the test `kind`'s case `name`.
pub fn tmp(kind: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("muni-{kind}-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(d.join("indicators")).unwrap();
    d
}

/// The synthetic catalog and files, written as a published folder.
pub fn publish(f: &Synthetic, dir: &Path) {
    std::fs::write(
        dir.join("catalog.json"),
        serde_json::to_vec(&f.catalog).unwrap(),
    )
    .unwrap();
    for (meta, file) in f.all() {
        std::fs::write(
            dir.join(meta.file.as_deref().unwrap()),
            serde_json::to_vec(&file).unwrap(),
        )
        .unwrap();
    }
}
