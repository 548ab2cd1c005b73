//! Tables: CSV and Markdown.

use super::*;

/// A plain table: what CSV and Markdown write, and what the explorer exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The columns of one kind's table.
pub fn headers(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Figures => &[
            "id",
            "province",
            "document",
            "metric",
            "kind",
            "comparator",
            "value",
            "value_max",
            "unit",
            "per_year",
            "year",
            "period",
            "status",
            "status_reason",
            "sentence",
            "sentence_id",
        ],
        Kind::Provinces => &[
            "name",
            "code",
            "region",
            "successor_2025",
            "documents",
            "figures",
            "sectors",
        ],
        Kind::Sectors => &["id", "name_vi", "name_en", "vsic", "provinces"],
        Kind::Documents => &[
            "id",
            "source",
            "title",
            "date",
            "date_origin",
            "provinces",
            "chars",
        ],
        Kind::Legal => &["id", "kind", "number", "issuer", "date", "documents"],
        Kind::Sentences => &["id", "document", "span", "text"],
    }
}

pub(super) fn kind_str(k: FigureKind) -> &'static str {
    k.as_str()
}

/// A number as its JSON text; a non-finite one is JSON `null`, an empty cell.
pub(super) fn number_cell(v: f64) -> String {
    serde_json::Number::from_f64(v)
        .map(|n| n.to_string())
        .unwrap_or_default()
}

pub(super) fn opt_cell<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub(super) fn join<T: AsRef<str>>(items: impl Iterator<Item = T>) -> String {
    let mut s = String::new();
    for (n, it) in items.enumerate() {
        if n > 0 {
            s.push_str("; ");
        }
        s.push_str(it.as_ref());
    }
    s
}

/// `goal-cue: phấn đấu`, or the rule alone when no word decided.
pub(super) fn reason_cell(doc: &Document, r: StatusReason) -> String {
    match r.cue.and_then(|c| doc.text.get(c.range())) {
        Some(cue) => format!("{}: {cue}", r.rule.as_str()),
        None => r.rule.as_str().to_string(),
    }
}

/// The cells of row `i` of one kind's table (nested lists joined with "; "), each
/// on one line.
pub fn row(c: &Corpus, kind: Kind, i: usize) -> Vec<String> {
    let mut cells = raw_row(c, kind, i);
    for cell in &mut cells {
        if let std::borrow::Cow::Owned(line) = crate::one_line(cell) {
            *cell = line;
        }
    }
    cells
}

fn raw_row(c: &Corpus, kind: Kind, i: usize) -> Vec<String> {
    let r = Reference::get();
    match kind {
        Kind::Figures => {
            let f = &c.figures[i];
            let doc = &c.documents[f.document as usize];
            vec![
                figure_id(i),
                place_name(f.place).unwrap_or_default(),
                doc.id.clone(),
                f.metric.to_string(),
                kind_str(f.kind).to_string(),
                f.comparator.symbol().to_string(),
                number_cell(f.value),
                f.value_max.map(number_cell).unwrap_or_default(),
                f.unit.to_string(),
                f.per_year.to_string(),
                opt_cell(f.year),
                opt_cell(f.period.map(|[a, b]| format!("{a}-{b}"))),
                f.status.as_str().to_string(),
                reason_cell(doc, f.reason),
                doc.sentence_excerpt(f.sentence as usize, f.span)
                    .into_owned(),
                doc.sentence_id(f.sentence as usize),
            ]
        }
        Kind::Provinces => {
            let e = &c.places[i];
            let prov = match e.place {
                Place::Province(p) => r.provinces.get(p as usize),
                Place::National => None,
            };
            vec![
                r.place_name(e.place).to_string(),
                opt_cell(prov.map(|p| &p.code)),
                opt_cell(prov.map(|p| &p.region)),
                opt_cell(prov.map(|p| &p.successor_2025)),
                join(e.documents.iter().map(|&d| &c.documents[d].id)),
                join(e.figures.iter().map(|&f| figure_id(f))),
                join(e.sectors.iter().map(|&s| &r.sectors[s].id)),
            ]
        }
        Kind::Sectors => {
            let e = &c.sectors[i];
            let s = &r.sectors[e.sector];
            vec![
                s.id.clone(),
                s.name_vi.clone(),
                s.name_en.clone(),
                join(s.vsic.iter()),
                join(e.places.iter().map(|p| r.place_name(*p))),
            ]
        }
        Kind::Documents => {
            let d = &c.documents[i];
            vec![
                d.id.clone(),
                d.source.clone(),
                d.title.clone(),
                opt_cell(d.date),
                opt_cell(d.date_origin.map(DateOrigin::as_str)),
                join(d.main_places.iter().map(|p| r.place_name(*p))),
                d.text.chars().count().to_string(),
            ]
        }
        Kind::Legal => {
            let l = &c.legal[i];
            vec![
                legal_id(i),
                l.kind.name().to_string(),
                l.number.clone(),
                opt_cell(l.issuer.as_ref()),
                opt_cell(l.date),
                join(l.documents.iter().map(|&d| &c.documents[d].id)),
            ]
        }
        Kind::Sentences => {
            let Some((d, s)) = c.sentence_at(i) else {
                return vec![String::new(); 4];
            };
            let doc = &c.documents[d];
            let span = doc.sentences[s].span();
            vec![
                doc.sentence_id(s),
                doc.id.clone(),
                format!("{}-{}", span.start, span.end),
                doc.sentence_text(s).to_string(),
            ]
        }
    }
}

/// One kind as a table; nested lists are joined with "; ".
pub fn table(c: &Corpus, kind: Kind) -> Table {
    table_of(c, kind, 0..count(c, kind))
}

pub(super) fn table_of(c: &Corpus, kind: Kind, rows: impl Iterator<Item = usize>) -> Table {
    Table {
        headers: headers(kind).iter().map(|s| s.to_string()).collect(),
        rows: rows.map(|i| row(c, kind, i)).collect(),
    }
}

/// One CSV line: fields quoted when they hold `,` `"` or a line break.
pub fn write_csv_row<W: Write + ?Sized, S: AsRef<str>>(
    w: &mut W,
    fields: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    for (n, field) in fields.into_iter().enumerate() {
        let s = field.as_ref();
        if n > 0 {
            w.write_all(b",")?;
        }
        if s.contains([',', '"', '\n', '\r']) {
            w.write_all(b"\"")?;
            let mut parts = s.split('"');
            if let Some(first) = parts.next() {
                w.write_all(first.as_bytes())?;
            }
            for p in parts {
                w.write_all(b"\"\"")?;
                w.write_all(p.as_bytes())?;
            }
            w.write_all(b"\"")?;
        } else {
            w.write_all(s.as_bytes())?;
        }
    }
    w.write_all(b"\n")
}

/// One Markdown table line: `|` escaped, line breaks as spaces.
pub fn write_md_row<W: Write + ?Sized, S: AsRef<str>>(
    w: &mut W,
    fields: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    w.write_all(b"| ")?;
    for (n, field) in fields.into_iter().enumerate() {
        if n > 0 {
            w.write_all(b" | ")?;
        }
        let s = field.as_ref().as_bytes();
        let mut from = 0;
        for (at, &b) in s.iter().enumerate() {
            let with: &[u8] = match b {
                b'|' => b"\\|",
                b'\n' | b'\r' => b" ",
                _ => continue,
            };
            w.write_all(&s[from..at])?;
            w.write_all(with)?;
            from = at + 1;
        }
        w.write_all(&s[from..])?;
    }
    w.write_all(b" |\n")
}

pub(super) fn write_md_rule<W: Write + ?Sized>(w: &mut W, columns: usize) -> io::Result<()> {
    w.write_all(b"|")?;
    for n in 0..columns {
        if n > 0 {
            w.write_all(b"|")?;
        }
        w.write_all(b"---")?;
    }
    w.write_all(b"|\n")
}

pub fn to_csv(t: &Table) -> String {
    let mut out = Vec::new();
    for row in std::iter::once(&t.headers).chain(t.rows.iter()) {
        let _ = write_csv_row(&mut out, row);
    }
    String::from_utf8(out).unwrap_or_default()
}

pub fn to_markdown(t: &Table) -> String {
    let mut out = Vec::new();
    let _ = write_md_row(&mut out, &t.headers);
    let _ = write_md_rule(&mut out, t.headers.len());
    for row in &t.rows {
        let _ = write_md_row(&mut out, row);
    }
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figure_kind_cells_are_the_serde_names() {
        use FigureKind::*;
        for k in [Share, Growth, Count, Amount, Capacity, Other] {
            assert_eq!(serde_json::to_value(k).unwrap(), kind_str(k));
        }
    }

    #[test]
    fn number_cells_are_json_numbers() {
        assert_eq!(number_cell(40.0), "40.0");
        assert_eq!(number_cell(9.13), "9.13");
        assert_eq!(number_cell(f64::NAN), "");
    }

    #[test]
    fn csv_and_markdown_escape_like_before() {
        let t = Table {
            headers: vec!["a".into(), "b|c".into()],
            rows: vec![vec!["x,\"y\"".into(), "p|q\r\nr".into()]],
        };
        assert_eq!(to_csv(&t), "a,b|c\n\"x,\"\"y\"\"\",\"p|q\r\nr\"\n");
        assert_eq!(
            to_markdown(&t),
            "| a | b\\|c |\n|---|---|\n| x,\"y\" | p\\|q  r |\n"
        );
    }
}
