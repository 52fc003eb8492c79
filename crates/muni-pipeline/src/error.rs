//! Errors that name the file, the line or row, and the offending value.

use std::path::{Path, PathBuf};

/// Everything that can stop a build. Every variant says where, so a user can open the file.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("{}:{line}: {message}: {value:?}", file.display())]
    Input {
        file: PathBuf,
        line: u64,
        value: String,
        message: String,
    },
    #[error("{}: {message}", file.display())]
    File { file: PathBuf, message: String },
    #[error("reading {}: {source}", file.display())]
    Io {
        file: PathBuf,
        source: std::io::Error,
    },
    #[error("polars: {0}")]
    Polars(#[from] polars::error::PolarsError),
    #[error("{0}")]
    Check(String),
}

impl PipelineError {
    pub fn input(
        file: &Path,
        line: u64,
        value: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        PipelineError::Input {
            file: file.to_owned(),
            line,
            value: value.into(),
            message: message.into(),
        }
    }

    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        PipelineError::File {
            file: file.to_owned(),
            message: message.into(),
        }
    }

    pub fn io(file: &Path, source: std::io::Error) -> Self {
        PipelineError::Io {
            file: file.to_owned(),
            source,
        }
    }
}

pub type Result<T, E = PipelineError> = std::result::Result<T, E>;
