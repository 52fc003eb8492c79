//! Reading `.xls` and `.xlsx` sheets with calamine, as rows of strings with their row numbers.

use std::path::Path;

use calamine::{Data, Reader, open_workbook_auto};

use crate::error::{PipelineError, Result};

/// One sheet row: its 1-based row number as Excel shows it, and each cell as text.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub row: u64,
    pub cells: Vec<String>,
}

impl SheetRow {
    pub fn get(&self, i: usize) -> &str {
        self.cells.get(i).map_or("", |s| s.as_str())
    }
}

/// Reads the first sheet of a workbook. Numbers that are whole render without decimals
/// (`10551707`), booleans as `True`/`False`, empty cells as `""`.
pub fn read_first_sheet(path: &Path) -> Result<Vec<SheetRow>> {
    let mut wb = open_workbook_auto(path)
        .map_err(|e| PipelineError::file(path, format!("not a readable workbook: {e}")))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or_else(|| PipelineError::file(path, "workbook has no sheet"))?
        .map_err(|e| PipelineError::file(path, format!("unreadable sheet: {e}")))?;
    let first_row = range.start().map_or(0, |(r, _)| r as u64);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            let mut cells: Vec<String> = vec![String::new(); first_col];
            cells.extend(r.iter().map(cell_text));
            SheetRow {
                row: first_row + i as u64 + 1,
                cells,
            }
        })
        .collect())
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => {
            if *b {
                "True".into()
            } else {
                "False".into()
            }
        }
        // A date cell is not expected anywhere we read; render it so that validation names it.
        Data::DateTime(dt) => format!("#DATE {}", dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#ERROR {e:?}"),
    }
}
