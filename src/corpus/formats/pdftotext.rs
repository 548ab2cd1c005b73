//! poppler's `pdftotext`, where it is installed: its word boxes (`-bbox-layout`) go
//! through the same layout as the built-in reader's glyphs, so both give paragraphs
//! alike; the blocks it finds tell a table's cells apart.
//!
//! `VNIE_PDF_READER=builtin` turns it off (`=pdftotext` is the default when present).

use super::layout::{Glyph, Page};
use regex::Regex;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A PDF that keeps poppler busy longer than this is read by the built-in reader.
const TIMEOUT: Duration = Duration::from_secs(30);
const MAX_OUTPUT: u64 = 256 << 20;

pub(super) fn available() -> bool {
    version().is_some()
}

/// poppler's version line (`pdftotext version 22.02.0`), when it is there and wanted.
pub(super) fn version() -> Option<&'static str> {
    static FOUND: OnceLock<Option<String>> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            if std::env::var("VNIE_PDF_READER").is_ok_and(|v| v == "builtin") {
                return None;
            }
            let out = Command::new("pdftotext").arg("-v").output().ok()?;
            // It prints its version on stderr.
            let text = String::from_utf8_lossy(&out.stderr).into_owned()
                + &String::from_utf8_lossy(&out.stdout);
            Some(text.lines().next().unwrap_or("pdftotext").to_string())
        })
        .as_deref()
}

/// poppler's words on each page; `None` when `pdftotext` is not there or could not
/// read the file.
pub fn words(path: &Path) -> Option<Vec<Page>> {
    if !available() {
        return None;
    }
    Some(word_boxes(&run(path)?))
}

fn run(path: &Path) -> Option<String> {
    let mut child = Command::new("pdftotext")
        .args(["-q", "-bbox-layout", "-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let mut stdout = child.stdout.take()?;
    // More text than any document holds is not kept (the pipe is still drained).
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        (&mut stdout).take(MAX_OUTPUT).read_to_end(&mut out)?;
        std::io::copy(&mut stdout, &mut std::io::sink())?;
        Ok::<_, std::io::Error>(out)
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() < TIMEOUT => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    let out = reader.join().ok()?.ok()?;
    status
        .success()
        .then(|| String::from_utf8_lossy(&out).into_owned())
}

/// The words of `pdftotext -bbox-layout` output as glyphs, page by page, each with
/// its block's number.
fn word_boxes(xhtml: &str) -> Vec<Page> {
    static WORD: OnceLock<Regex> = OnceLock::new();
    let word = WORD.get_or_init(|| {
        Regex::new(
            r#"<page\b|<block\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>"#,
        )
        .expect("valid regex")
    });
    let mut pages: Vec<Page> = Vec::new();
    let mut block = 0;
    for c in word.captures_iter(xhtml) {
        let Some(text) = c.get(5) else {
            if c[0].starts_with("<page") {
                pages.push(Page::default());
            } else {
                block += 1;
            }
            continue;
        };
        let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<f64>().ok());
        let (Some(x0), Some(y0), Some(x1), Some(y1)) = (num(1), num(2), num(3), num(4)) else {
            continue;
        };
        if let Some(page) = pages.last_mut() {
            let size = (y1 - y0).max(1.0);
            page.glyphs.push(Glyph {
                x: x0,
                y: y1,
                end: x1,
                size,
                text: unescape(text.as_str()),
                block,
            });
            // poppler has already split the words: each ends with a space, however
            // narrow the gap to the next one.
            page.glyphs.push(Glyph {
                x: x1,
                y: y1,
                end: x1,
                size,
                text: " ".to_string(),
                block,
            });
        }
    }
    pages
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_boxes_become_lines_and_blocks_cells() {
        let xhtml = r#"<doc><page width="595" height="842"><block>
<word xMin="50.0" yMin="90.0" xMax="80.0" yMax="100.0">Nghị</word>
<word xMin="80.5" yMin="90.0" xMax="110.0" yMax="100.0">định</word>
<word xMin="113.0" yMin="90.0" xMax="130.0" yMax="100.0">A&amp;B</word></block><block>
<word xMin="136.0" yMin="90.0" xMax="150.0" yMax="100.0">42%</word></block>
</page><page width="595" height="842"></page></doc>"#;
        let pages = word_boxes(xhtml);
        assert_eq!(pages.len(), 2);
        assert_eq!(
            super::super::layout::page_text(&pages).0,
            "Nghị định A&B | 42%"
        );
    }
}
