//! Decoding of upstream text files: UTF-8, or Latin-1 (Windows-1252) when a file is not UTF-8.

use std::path::Path;

use crate::error::{PipelineError, Result};

/// Which encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Latin1,
}

/// Reads a whole file as text: UTF-8 (a BOM is dropped) if it is valid UTF-8, else Windows-1252,
/// the superset of Latin-1 that SCB's exports use.
pub fn read_text(path: &Path) -> Result<(String, Encoding)> {
    let bytes = std::fs::read(path).map_err(|e| PipelineError::io(path, e))?;
    Ok(decode(&bytes))
}

pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_owned(), Encoding::Utf8),
        Err(_) => {
            let (s, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (s.into_owned(), Encoding::Latin1)
        }
    }
}

/// Folds a label for matching: lower case, and å/ä/ö/é and the replacement character U+FFFD
/// (which SCB's exports carry in place of å/ä/ö) all become `?`, so that `förbrukarkategori`,
/// `f�rbrukarkategori` and a Latin-1 `förbrukarkategori` compare equal.
pub fn fold(label: &str) -> String {
    label
        .trim()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | 'é' | 'É' | '\u{FFFD}' => '?',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded_and_utf8_kept() {
        let (s, e) = decode(b"\"0382 \xd6sthammar\"");
        assert_eq!((s.as_str(), e), ("\"0382 Östhammar\"", Encoding::Latin1));
        let (s, e) = decode("\u{feff}Östhammar".as_bytes());
        assert_eq!((s.as_str(), e), ("Östhammar", Encoding::Utf8));
    }

    #[test]
    fn folding_matches_defective_labels() {
        assert_eq!(fold("f\u{FFFD}rbrukarkategori"), fold("Förbrukarkategori"));
        assert_ne!(fold("vattenkraft"), fold("vindkraft"));
    }
}
