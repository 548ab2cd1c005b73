//! `y`: the selected row, or a figure with its sentence and source, to the terminal's
//! clipboard through OSC 52, which works over SSH and in tmux with `set-clipboard on`.
//! The app only records what to copy; the event loop writes the sequence.

use super::app::App;
use super::target::Target;
use crate::export::figure_id;

impl App {
    /// What `y` copies, recorded for the event loop, with a word on the status bar.
    pub(super) fn copy(&mut self) {
        let Some(target) = self.detail().or_else(|| self.selected()) else {
            self.note = Some(self.lang.t("nothing to copy").to_string());
            return;
        };
        let text = self.copy_text(target);
        let lines = text.lines().count();
        self.note = Some(format!(
            "{} ({lines} {})",
            self.lang.t("copied to the clipboard"),
            self.lang.t("lines")
        ));
        self.effects.push(super::effect::Effect::Clipboard(text));
    }

    fn copy_text(&self, target: Target) -> String {
        let c = self.corpus();
        match target {
            // Who, what, how much and when; the sentence whole; where it came from.
            Target::Figure(i) => {
                let Some(f) = c.figures.get(i) else {
                    return String::new();
                };
                let doc = &c.documents[f.document as usize];
                let s = f.sentence as usize;
                format!(
                    "{}\n{}\n{} ({}, {}, {})",
                    crate::entities::figure_label(c, f),
                    crate::one_line(doc.sentence_text(s)),
                    doc.source,
                    figure_id(i),
                    doc.id,
                    doc.sentence_id(s)
                )
            }
            _ => self.row_label(target.tab(), target.index()),
        }
    }
}

/// The OSC 52 sequence that puts `text` on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_the_standard_has_it() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
            ("Sơn La", "U8ahbiBMYQ=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain}");
        }
        assert_eq!(osc52("foo"), "\x1b]52;c;Zm9v\x07");
    }
}
