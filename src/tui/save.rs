//! Writing the table on screen to a file: a new name per export (tab and time), in
//! `$VNIE_EXPORT_DIR` or the working directory, written atomically like `vnie export -o`.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use super::target::Tab;
use crate::corpus::Corpus;
use crate::export::{self, Format, Table};

/// Where exports go unless `VNIE_EXPORT_DIR` names a directory.
fn export_dir() -> PathBuf {
    match std::env::var_os("VNIE_EXPORT_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from("."),
    }
}

/// `YYYYMMDD-HHMMSS` in UTC, from the civil-from-days algorithm (no time zone data is
/// needed, and none is available without a crate).
fn stamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// A file name in `dir` that does not exist yet.
fn fresh_path(dir: &Path, tab: Tab, format: Format, now: u64) -> PathBuf {
    let slug = tab.title().to_lowercase().replace(' ', "-");
    let ext = match format {
        Format::Md => "md",
        Format::Json => "json",
        Format::Csv => "csv",
    };
    let base = format!("vnie-{slug}-{}", stamp(now));
    let mut path = dir.join(format!("{base}.{ext}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.{ext}"));
        n += 1;
    }
    path
}

/// Writes `table` as CSV or Markdown to a new file; the path written, or why not.
pub fn save_table(
    table: &Table,
    tab: Tab,
    format: Format,
    corpus: &Corpus,
) -> Result<PathBuf, String> {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let path = fresh_path(&export_dir(), tab, format, now);
    export::check_not_input(&path, corpus).map_err(|e| e.to_string())?;
    let body = match format {
        Format::Md => export::to_markdown(table),
        _ => export::to_csv(table),
    };
    export::write_to(&path, |w| w.write_all(body.as_bytes()))
        .map_err(|e| format!("{}: {e}", crate::sanitize_line(&path.display().to_string())))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc_calendar_dates() {
        assert_eq!(stamp(0), "19700101-000000");
        assert_eq!(stamp(951_782_400), "20000229-000000");
        // 2026-11-30 11:23:11 UTC
        assert_eq!(stamp(1_796_037_791), "20261130-112311");
    }

    #[test]
    fn names_never_overwrite() {
        let dir = tempfile::tempdir().expect("temp dir");
        let a = fresh_path(dir.path(), Tab::Targets, Format::Csv, 0);
        std::fs::write(&a, "x").expect("write");
        let b = fresh_path(dir.path(), Tab::Targets, Format::Csv, 0);
        assert_ne!(a, b);
        assert!(b
            .to_string_lossy()
            .ends_with("vnie-targets-19700101-000000-2.csv"));
    }
}
