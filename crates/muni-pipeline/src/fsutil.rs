//! Writing files so that nothing a user has is lost half-way: write into a temporary sibling,
//! then rename over the target.

use std::path::{Path, PathBuf};

use crate::error::{PipelineError, Result};

/// Spreadsheet-formula neutralising, shared with the dashboard's extracts.
pub use muni_model::extract::csv_text;

/// Writes a UTF-8 CSV (comma, `\n`, minimal quoting) into `path`. Text columns are passed
/// through [`csv_text`].
pub fn write_csv<I, R>(path: &Path, header: &[&str], rows: I) -> Result<()>
where
    I: IntoIterator<Item = R>,
    R: IntoIterator<Item = String>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_path(path)
        .map_err(|e| PipelineError::file(path, e.to_string()))?;
    w.write_record(header)
        .map_err(|e| PipelineError::file(path, e.to_string()))?;
    for row in rows {
        let row: Vec<String> = row.into_iter().map(|c| csv_text(&c)).collect();
        w.write_record(&row)
            .map_err(|e| PipelineError::file(path, e.to_string()))?;
    }
    w.flush().map_err(|e| PipelineError::io(path, e))?;
    Ok(())
}

/// Fills a fresh temporary directory next to `target` with `fill`, and only if that succeeds
/// swaps it in place of `target`. On error the old `target` is untouched and the temporary
/// directory is removed.
pub fn replace_dir(target: &Path, fill: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let parent = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| PipelineError::io(parent, e))?;
    let name = target.file_name().and_then(|n| n.to_str()).unwrap_or("out");
    let tmp: PathBuf = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old: PathBuf = parent.join(format!(".{name}.old-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).map_err(|e| PipelineError::io(&tmp, e))?;
    if let Err(e) = fill(&tmp) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    let had_old = target.exists();
    if had_old {
        std::fs::rename(target, &old).map_err(|e| PipelineError::io(target, e))?;
    }
    if let Err(e) = std::fs::rename(&tmp, target) {
        if had_old {
            let _ = std::fs::rename(&old, target);
        }
        return Err(PipelineError::io(target, e));
    }
    if had_old {
        let _ = std::fs::remove_dir_all(&old);
    }
    Ok(())
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so that an existing
/// file is either the old one or the whole new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = dir.join(format!(".{name}.tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(|e| PipelineError::io(&tmp, e))?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        PipelineError::io(path, e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(csv_text("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_text("Örnsköldsvik"), "Örnsköldsvik");
    }

    #[test]
    fn failed_fill_keeps_the_old_directory() {
        let base = std::env::temp_dir().join(format!("muni-fsutil-{}", std::process::id()));
        let target = base.join("out");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("keep.txt"), "old").unwrap();
        let r = replace_dir(&target, |d| {
            std::fs::write(d.join("half.txt"), "new").unwrap();
            Err(PipelineError::Check("boom".into()))
        });
        assert!(r.is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("keep.txt")).unwrap(),
            "old"
        );
        assert!(!target.join("half.txt").exists());
        replace_dir(&target, |d| {
            std::fs::write(d.join("new.txt"), "n").map_err(|e| PipelineError::io(d, e))
        })
        .unwrap();
        assert!(target.join("new.txt").exists() && !target.join("keep.txt").exists());
        std::fs::remove_dir_all(&base).unwrap();
    }
}
