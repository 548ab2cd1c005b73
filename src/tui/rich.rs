//! Rich text for the detail view and the preview: logical lines of styled segments, some of
//! them links, word-wrapped to a width. The detail view wraps once when it opens and again
//! on resize, never per frame; the preview wraps only the lines that fit on screen.

use super::fit::{clusters, width};
use super::lang::Lang;
use super::target::Target;
use super::theme::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seg {
    pub text: String,
    pub role: Role,
    /// Index into [`RichDoc::links`].
    pub link: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RLine {
    pub segs: Vec<Seg>,
    /// Continuation lines start this many columns in, under the value of a field.
    pub hang: u16,
}

/// A wrapped line: what one terminal row shows.
pub type VLine = Vec<Seg>;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RichDoc {
    pub lines: Vec<RLine>,
    pub links: Vec<Target>,
    /// The language field labels and section titles are shown in.
    lang: Lang,
}

/// Continuation lines keep their hang only if this many columns remain beside it.
const MIN_HANGING_TEXT: usize = 12;

/// Width of the label column of [`RichDoc::field`].
const LABEL_W: usize = 12;

impl RichDoc {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn with_lang(lang: Lang) -> Self {
        RichDoc {
            lang,
            ..Self::default()
        }
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Starts a line; segments are added with the returned builder.
    pub fn line(&mut self) -> LineBuilder<'_> {
        self.lines.push(RLine::default());
        LineBuilder { doc: self }
    }

    pub fn blank(&mut self) {
        self.lines.push(RLine::default());
    }

    pub fn heading(&mut self, text: &str) {
        self.line().push(text, Role::Heading);
    }

    /// A section title, preceded by a blank line.
    pub fn section(&mut self, text: &str) {
        self.blank();
        let text = self.lang.tr(text);
        self.heading(text);
    }

    /// `Label       value`, with the value's continuation lines hanging under it.
    pub fn field(&mut self, label: &str, value: &str) {
        self.field_with(label, |l| {
            l.text(value);
        });
    }

    pub fn field_link(&mut self, label: &str, text: &str, target: Target) {
        self.field_with(label, |l| {
            l.link(text, target);
        });
    }

    pub fn field_with(&mut self, label: &str, value: impl FnOnce(&mut LineBuilder<'_>)) {
        let label = self.lang.tr(label);
        let pad = LABEL_W.saturating_sub(width(label)).max(1);
        let mut l = self.line();
        l.push(&format!("{label}{}", " ".repeat(pad)), Role::Label);
        l.hang(LABEL_W.max(width(label) + 1));
        value(&mut l);
    }

    fn add_link(&mut self, target: Target) -> usize {
        self.links.push(target);
        self.links.len() - 1
    }
}

pub struct LineBuilder<'a> {
    doc: &'a mut RichDoc,
}

impl LineBuilder<'_> {
    fn current(&mut self) -> &mut RLine {
        // `RichDoc::line` pushed a line before handing out the builder.
        if self.doc.lines.is_empty() {
            self.doc.lines.push(RLine::default());
        }
        let last = self.doc.lines.len() - 1;
        &mut self.doc.lines[last]
    }

    /// Adds a segment; every string drawn passes through here, so it is sanitised here.
    pub fn push(&mut self, text: &str, role: Role) -> &mut Self {
        self.push_seg(text, role, None)
    }

    fn push_seg(&mut self, text: &str, role: Role, link: Option<usize>) -> &mut Self {
        let text = crate::sanitize_line(text);
        if !text.is_empty() {
            self.current().segs.push(Seg { text, role, link });
        }
        self
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        self.push(text, Role::Text)
    }

    pub fn dim(&mut self, text: &str) -> &mut Self {
        self.push(text, Role::Dim)
    }

    pub fn link(&mut self, text: &str, target: Target) -> &mut Self {
        let id = self.doc.add_link(target);
        self.push_seg(text, Role::Link, Some(id))
    }

    /// A link drawn in another role (a figure span inside a quoted sentence).
    pub fn link_as(&mut self, text: &str, role: Role, target: Target) -> &mut Self {
        let id = self.doc.add_link(target);
        self.push_seg(text, role, Some(id))
    }

    pub fn hang(&mut self, cols: usize) -> &mut Self {
        self.current().hang = cols.min(u16::MAX as usize) as u16;
        self
    }
}

/// Appends the rows `line` takes at `width` columns to `out`. Breaks at spaces; a word
/// wider than the line is broken between clusters. Never returns zero rows.
pub fn wrap(line: &RLine, width_cols: usize, out: &mut Vec<VLine>) {
    wrap_max(line, width_cols, usize::MAX, out);
}

/// [`wrap`], stopping after `max_rows` rows (at least one): the preview wraps only what
/// it can show.
pub fn wrap_max(line: &RLine, width_cols: usize, max_rows: usize, out: &mut Vec<VLine>) {
    let width_cols = width_cols.max(1);
    // Hanging only while it leaves room for a few words.
    let hang = if line.hang as usize + MIN_HANGING_TEXT <= width_cols {
        line.hang as usize
    } else {
        0
    };
    let mut w = Wrapper {
        out,
        cur: Vec::new(),
        cur_w: 0,
        avail: width_cols,
        rest_avail: width_cols - hang,
        hang,
        rows: 0,
        max_rows: max_rows.max(1),
        segs: &line.segs,
    };
    let mut word: Vec<(&str, usize)> = Vec::new();
    let mut space: Vec<(&str, usize)> = Vec::new();
    'segs: for (si, seg) in line.segs.iter().enumerate() {
        for c in clusters(&seg.text) {
            if w.rows >= w.max_rows {
                break 'segs;
            }
            if c == " " {
                if !word.is_empty() {
                    w.place(&space, &std::mem::take(&mut word));
                    space.clear();
                }
                space.push((c, si));
            } else {
                word.push((c, si));
            }
        }
    }
    if !word.is_empty() && w.rows < w.max_rows {
        w.place(&space, &word);
    }
    if w.rows < w.max_rows {
        w.flush(true);
    }
}

struct Wrapper<'a, 'o> {
    out: &'o mut Vec<VLine>,
    /// (cluster, segment index) of the row being filled.
    cur: Vec<(&'a str, usize)>,
    cur_w: usize,
    avail: usize,
    rest_avail: usize,
    hang: usize,
    rows: usize,
    max_rows: usize,
    segs: &'a [Seg],
}

impl<'a> Wrapper<'a, '_> {
    /// Places a word and the spaces before it.
    fn place(&mut self, space: &[(&'a str, usize)], word: &[(&'a str, usize)]) {
        let ww: usize = word.iter().map(|(c, _)| width(c)).sum();
        // Spaces at the very start of the text are indentation; at a break they vanish.
        let lead = if self.cur.is_empty() && self.rows > 0 {
            0
        } else {
            space.len()
        };
        if self.cur_w + lead + ww <= self.avail {
            self.cur.extend_from_slice(&space[..lead]);
            self.cur.extend_from_slice(word);
            self.cur_w += lead + ww;
            return;
        }
        if ww > self.rest_avail && self.cur_w + lead < self.avail {
            // Too long for any row: break it right here rather than leave a row half
            // empty (a long path after a field label).
            self.cur.extend_from_slice(&space[..lead]);
            self.cur_w += lead;
        } else if !self.cur.is_empty() {
            self.flush(false);
        }
        for &(c, si) in word {
            let cw = width(c);
            if self.cur_w + cw > self.avail && !self.cur.is_empty() {
                self.flush(false);
            }
            if self.rows >= self.max_rows {
                return;
            }
            self.cur.push((c, si));
            self.cur_w += cw;
        }
    }

    fn flush(&mut self, last: bool) {
        if last && self.cur.is_empty() && self.rows > 0 {
            return;
        }
        let mut row: VLine = Vec::new();
        for (c, si) in self.cur.drain(..) {
            let seg = &self.segs[si];
            match row.last_mut() {
                Some(last) if last.link == seg.link && last.role == seg.role => {
                    last.text.push_str(c)
                }
                _ => row.push(Seg {
                    text: c.to_string(),
                    role: seg.role,
                    link: seg.link,
                }),
            }
        }
        if self.rows > 0 && self.hang > 0 {
            row.insert(
                0,
                Seg {
                    text: " ".repeat(self.hang),
                    role: Role::Text,
                    link: None,
                },
            );
        }
        self.out.push(row);
        self.rows += 1;
        self.cur_w = 0;
        self.avail = self.rest_avail;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(line: &RLine, w: usize) -> Vec<String> {
        let mut out = Vec::new();
        wrap(line, w, &mut out);
        out.iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect()
    }

    fn plain(text: &str) -> RLine {
        let mut d = RichDoc::new();
        d.line().text(text);
        d.lines.remove(0)
    }

    #[test]
    fn wraps_at_spaces() {
        let l = plain("Tỷ trọng công nghiệp trong GRDP đạt 40%");
        assert_eq!(rows(&l, 20), ["Tỷ trọng công nghiệp", "trong GRDP đạt 40%"]);
        assert_eq!(rows(&l, 100), ["Tỷ trọng công nghiệp trong GRDP đạt 40%"]);
        for w in 1..45 {
            for r in rows(&l, w) {
                assert!(width(&r) <= w.max(1), "{r:?} at {w}");
            }
        }
    }

    #[test]
    fn long_words_break_between_clusters() {
        let l = plain("Ho\u{0300}aBi\u{0300}nh");
        assert_eq!(rows(&l, 3), ["Ho\u{0300}a", "Bi\u{0300}n", "h"]);
    }

    #[test]
    fn wrap_max_stops_early() {
        let l = plain(&"từ ".repeat(1000));
        let mut out = Vec::new();
        wrap_max(&l, 10, 3, &mut out);
        assert_eq!(out.len(), 3);
    }

    #[test]
    fn overlong_words_start_on_the_current_row() {
        let mut d = RichDoc::new();
        d.field("Source", "/tmp/a/very/long/path/without/any/spaces.txt");
        let mut out = Vec::new();
        wrap(&d.lines[0], 30, &mut out);
        let rows: Vec<String> = out
            .iter()
            .map(|r| r.iter().map(|s| s.text.as_str()).collect())
            .collect();
        assert_eq!(rows[0], "Source      /tmp/a/very/long/p");
        assert_eq!(rows[1], "            ath/without/any/sp");
    }

    #[test]
    fn empty_line_is_one_row() {
        assert_eq!(rows(&RLine::default(), 10), [""]);
    }

    #[test]
    fn fields_hang_and_links_survive() {
        let mut d = RichDoc::new();
        d.field_with("Province", |l| {
            l.link("Sơn La", Target::Figure(0))
                .text(" and a long tail of words");
        });
        let mut out = Vec::new();
        wrap(&d.lines[0], 30, &mut out);
        assert_eq!(out[0][0].text, "Province    ");
        assert_eq!(out[0][1].text, "Sơn La");
        assert_eq!(out[0][1].link, Some(0));
        assert!(out[1][0].text.chars().all(|c| c == ' '));
        assert_eq!(out[1][0].text.len(), 12);
    }

    #[test]
    fn sanitises_segments() {
        let l = plain("a\u{1b}[31mb\tc\nd");
        assert_eq!(rows(&l, 40), ["ab c d"]);
    }
}
