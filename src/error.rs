//! Errors the library reports to its callers; `main` prints them as one line.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("refusing to write {0}: it is one of the input files")]
    OutputIsInput(PathBuf),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write standard output: {0}")]
    Stdout(std::io::Error),
    #[error("{0}: no such file or directory")]
    NotFound(String),
    #[error("no document could be loaded from {0}")]
    NothingLoaded(String),
    #[error("loading failed: {0}")]
    LoadFailed(String),
    #[error("no index directory: give --index DIR (neither XDG_CACHE_HOME nor HOME is set)")]
    NoIndexDir,
    #[error("terminal error: {0}")]
    Terminal(#[from] std::io::Error),
}

pub type Result<T> = std::result::Result<T, Error>;
