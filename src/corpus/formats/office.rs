//! Word documents, `.docx` and Word 97–2003 `.doc`, read by `undoc` into paragraphs and
//! tables; the creation date from the document properties (`docProps/core.xml`, or the
//! summary information stream of a `.doc`).

use super::layout::CELL_SEPARATOR;
use super::table::table_lines;
use super::{Extracted, FormatError, MetaDate};
use undoc::model::{Block, ListType, Paragraph, RevisionType, Table};

pub fn extract(bytes: &[u8], kind: &'static str) -> Result<Extracted, FormatError> {
    let doc = undoc::parse_bytes(bytes).map_err(|e| {
        let text = e.to_string();
        if text.to_ascii_lowercase().contains("encrypt") || text.contains("password") {
            FormatError::Encrypted
        } else {
            FormatError::Malformed(text)
        }
    })?;
    let mut paragraphs: Vec<String> = Vec::new();
    // A section's headers and footers repeat on every page: furniture, not read.
    for section in &doc.sections {
        for block in &section.content {
            match block {
                Block::Paragraph(p) => paragraphs.push(paragraph(p)),
                Block::Table(t) => rows(t, &mut paragraphs),
                Block::Note { content, .. } => paragraphs.extend(content.iter().map(paragraph)),
                _ => {}
            }
        }
    }
    let date = doc
        .metadata
        .created
        .as_deref()
        .and_then(crate::corpus::html::parse_meta_date)
        .map(|date| MetaDate {
            date,
            origin: if kind == "docx" {
                "docProps/core.xml created"
            } else {
                "summary information created"
            },
        });
    let text = paragraphs
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    Ok(Extracted {
        text,
        kind,
        reader: "undoc",
        note: Vec::new(),
        date,
    })
}

/// A paragraph's text on one line, its list number or bullet in front as displayed.
fn paragraph(p: &Paragraph) -> String {
    let mut text = String::new();
    if let Some(list) = &p.list_info {
        match list.list_type {
            ListType::Numbered => match list.number {
                Some(n) => text.push_str(&format!("{n}. ")),
                None => text.push_str("- "),
            },
            ListType::Bullet => text.push_str("- "),
            ListType::None => {}
        }
    }
    for run in &p.runs {
        if run.revision == RevisionType::Deleted {
            continue;
        }
        text.push_str(&run.text);
        if run.line_break {
            text.push(' ');
        }
    }
    one_line(&text)
}

/// Whitespace runs as one space; a tab that sets text in a column of its own (a letter
/// head's two halves) apart as a cell, as a table's would be.
fn one_line(s: &str) -> String {
    let parts: Vec<String> = s
        .split('\t')
        .map(|part| part.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|part| !part.is_empty())
        .collect();
    // The tab after a list marker ("a)\tTỷ trọng …") only aligns the item's text.
    match parts.split_first() {
        Some((marker, rest)) if is_marker(marker) && !rest.is_empty() => {
            format!("{marker} {}", rest.join(CELL_SEPARATOR))
        }
        _ => parts.join(CELL_SEPARATOR),
    }
}

/// "a)", "1.", "(2)", "IV.", "-", "•": a list item's mark.
fn is_marker(s: &str) -> bool {
    let core = s.trim_matches(|c: char| matches!(c, '(' | ')' | '.' | ':'));
    s.chars().count() <= 5
        && (matches!(s, "-" | "–" | "•" | "+" | "*")
            || (!core.is_empty()
                && (core.chars().all(|c| c.is_ascii_digit())
                    || core.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
                    || (core.chars().count() == 1 && core.chars().all(char::is_alphabetic)))))
}

/// Each row one line, its cells apart, so a figure in a cell keeps its row's label; a
/// table nested in a cell follows the table. Cells that hold several paragraphs (a letter
/// head set in a table: agency, number and date on the left, the motto and the place
/// and date on the right) give one line per paragraph, side by side, as a PDF of the
/// same page reads.
fn rows(table: &Table, out: &mut Vec<String>) {
    let mut lines: Vec<Vec<String>> = Vec::new();
    for row in &table.rows {
        let cells: Vec<Vec<String>> = row
            .cells
            .iter()
            .map(|c| {
                c.content
                    .iter()
                    .map(paragraph)
                    .filter(|p| !p.is_empty())
                    .collect()
            })
            .collect();
        let depth = cells.iter().map(Vec::len).max().unwrap_or(0);
        for i in 0..depth {
            lines.push(cells.iter().filter_map(|c| c.get(i).cloned()).collect());
        }
    }
    out.extend(table_lines(&lines));
    for row in &table.rows {
        for cell in &row.cells {
            for nested in &cell.nested_tables {
                rows(nested, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tab_parts_columns_but_not_a_list_mark_from_its_item() {
        assert_eq!(
            one_line("Số: 12/TTr\t\tBình Thuận, ngày"),
            "Số: 12/TTr | Bình Thuận, ngày"
        );
        assert_eq!(
            one_line("a)\tTỷ trọng công nghiệp 38%"),
            "a) Tỷ trọng công nghiệp 38%"
        );
        assert_eq!(one_line("\t\tKính gửi:  Chủ tịch"), "Kính gửi: Chủ tịch");
        assert_eq!(one_line("II.\tMục tiêu\t42%"), "II. Mục tiêu | 42%");
    }
}
