//! A table as lines of text a sentence reader understands: one row per line, its
//! label first, and a value cell prefixed with its column's heading when that heading
//! dates it ("Năm 2025", "Mục tiêu đến năm 2030", "Ước TH 2024"), so a figure in a cell
//! keeps both its row's label and its column's year.

use crate::text::CELL_SEPARATOR;

/// The rows (cells already on one line each) as text lines.
pub fn table_lines(rows: &[Vec<String>]) -> Vec<String> {
    let header = rows
        .first()
        .filter(|h| rows.len() >= 2 && is_dated_header(h));
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(j, cell)| match header {
                    Some(h) if i > 0 && j > 0 && row.len() == h.len() => headed(&h[j], cell),
                    _ => cell.clone(),
                })
                .collect();
            cells.join(CELL_SEPARATOR)
        })
        .collect()
}

/// A heading row: some column after the first is headed by a year, and no cell holds
/// anything else numeric (a data row would).
fn is_dated_header(row: &[String]) -> bool {
    row.len() >= 2
        && row.iter().skip(1).any(|c| has_year(c))
        && row.iter().all(|c| !c.contains('%'))
}

fn has_year(s: &str) -> bool {
    s.split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && d.parse::<u16>().is_ok_and(|y| (1990..=2100).contains(&y)))
}

fn headed(heading: &str, cell: &str) -> String {
    if heading.trim().is_empty() || !cell.contains(|c: char| c.is_ascii_digit()) {
        return cell.to_string();
    }
    format!("{} {cell}", heading.trim_end_matches([':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(t: &[&[&str]]) -> Vec<Vec<String>> {
        t.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn a_dated_column_heading_goes_with_each_value() {
        let t = rows(&[
            &["Chỉ tiêu", "Đơn vị", "Năm 2025", "Mục tiêu đến năm 2030"],
            &["Tỷ trọng công nghiệp trong GRDP", "%", "38", "42"],
        ]);
        assert_eq!(
            table_lines(&t),
            [
                "Chỉ tiêu | Đơn vị | Năm 2025 | Mục tiêu đến năm 2030",
                "Tỷ trọng công nghiệp trong GRDP | % | Năm 2025 38 | Mục tiêu đến năm 2030 42",
            ]
        );
    }

    #[test]
    fn a_letter_head_or_a_table_without_dated_columns_is_left_as_it_is() {
        let t = rows(&[
            &["UBND TỈNH BÌNH THUẬN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
            &["Số: 2114/TTr-SNV", "Bình Thuận, ngày 28 tháng 6 năm 2025"],
        ]);
        assert_eq!(
            table_lines(&t),
            [
                "UBND TỈNH BÌNH THUẬN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Số: 2114/TTr-SNV | Bình Thuận, ngày 28 tháng 6 năm 2025",
            ]
        );
        // The first row holds data: it is no heading.
        let t = rows(&[&["Năm 2025", "38%"], &["Năm 2030", "42%"]]);
        assert_eq!(table_lines(&t), ["Năm 2025 | 38%", "Năm 2030 | 42%"]);
    }
}
