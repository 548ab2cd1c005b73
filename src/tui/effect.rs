//! What an update asks the outside world to do: the event loop performs it, so the
//! state changes stay pure and tests can look at what was asked.

use std::path::PathBuf;

use super::app::App;
use super::target::{Tab, Target};
use crate::export::{Format, Table};

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Put text on the terminal's clipboard (OSC 52).
    Clipboard(String),
    /// Write a table as shown to a new file.
    Export {
        table: Table,
        tab: Tab,
        format: Format,
    },
    /// Hand the terminal to a pager or editor on a file, at a line (1-based).
    Open { path: PathBuf, line: usize },
}

impl App {
    /// The effects asked for since the last call, oldest first.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// What `y` copied, if it was asked for since the last look (tests and scripts).
    pub fn take_clipboard(&mut self) -> Option<String> {
        let i = self
            .effects
            .iter()
            .position(|e| matches!(e, Effect::Clipboard(_)))?;
        match self.effects.remove(i) {
            Effect::Clipboard(t) => Some(t),
            _ => None,
        }
    }

    /// Performs an export effect and says in the status bar how it went; the loop
    /// calls it, and so may a test.
    pub fn export_now(&mut self, table: &Table, tab: Tab, format: Format) {
        let result = super::save::save_table(table, tab, format, &self.corpus);
        self.note = Some(match result {
            Ok(path) => format!(
                "{} {} ({} {})",
                self.lang.t("wrote"),
                path.display(),
                table.rows.len(),
                self.lang.t("rows")
            ),
            Err(e) => format!("{}: {e}", self.lang.t("export failed")),
        });
    }

    /// `v`: the source file of what is selected (or shown), at its sentence's line.
    pub(super) fn open_source(&mut self) {
        let target = self.detail().or_else(|| self.selected());
        let Some((path, line)) = target.and_then(|t| self.source_line(t)) else {
            self.note = Some(self.lang.t("no source file to open").to_string());
            return;
        };
        self.effects.push(Effect::Open { path, line });
    }

    /// The file a target came from and the line (1-based) of its sentence; `None` for
    /// the embedded articles and entities without one document.
    fn source_line(&self, t: Target) -> Option<(PathBuf, usize)> {
        let c = &self.corpus;
        let (doc, offset) = match t {
            Target::Figure(i) => {
                let f = c.figures.get(i)?;
                (f.document as usize, f.span.start)
            }
            Target::Document(d) => (d, 0),
            _ => return None,
        };
        let file = c.files.iter().find(|f| {
            matches!(f.fate, crate::model::FileFate::Loaded { document, .. } if document == doc)
        })?;
        let text = std::fs::read(&file.os_path).ok()?;
        let d = c.documents.get(doc)?;
        Some((file.os_path.clone(), line_in_file(&text, &d.text, offset)))
    }
}

/// The line of the file on which the document text at byte `offset` is: the sentence's
/// first words looked up in the file (its text was decoded and normalised, so offsets
/// do not carry over), else line 1.
fn line_in_file(file: &[u8], doc_text: &str, offset: usize) -> usize {
    let file = String::from_utf8_lossy(file);
    let from = doc_text.get(offset..).unwrap_or("");
    // The longest prefix of a few words that occurs in the file, as it is written there.
    let words: Vec<&str> = from.split_whitespace().take(6).collect();
    for n in (1..=words.len()).rev() {
        let probe = words[..n].join(" ");
        if let Some(at) = file.find(&probe) {
            return 1 + file[..at].matches('\n').count();
        }
    }
    1
}

/// The command that shows `path` at `line`: `$PAGER`, else `$EDITOR`, else `less`; the
/// line is passed as `+N`, which less, more, vi, vim, nvim, nano, emacs and kak read.
pub fn open_command(path: &std::path::Path, line: usize) -> std::process::Command {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
    let program = var("PAGER")
        .or_else(|| var("EDITOR"))
        .unwrap_or_else(|| "less".to_string());
    // `PAGER="less -R"`: the program and its own arguments.
    let mut parts = program.split_whitespace();
    let mut cmd = std::process::Command::new(parts.next().unwrap_or("less"));
    cmd.args(parts).arg(format!("+{line}")).arg(path);
    cmd
}

#[cfg(test)]
mod tests {
    use super::line_in_file;

    #[test]
    fn the_line_is_found_by_the_sentence_words() {
        let file = "Title\n\nFirst para.\nSecond   para with <b>x</b> here.\n".as_bytes();
        let doc = "Title\n\nFirst para. Second para with x here.";
        let at = doc.find("Second").unwrap();
        // "Second para" is not in the file as spaced in the text, "Second" is.
        assert_eq!(line_in_file(file, doc, at), 4);
        assert_eq!(line_in_file(file, doc, 0), 1);
        assert_eq!(line_in_file(b"", doc, at), 1);
    }
}
