//! Documents as published: PDF, .docx and .doc load like text, scans are reported, and
//! the same document in two formats gives the same model. Every check runs with the
//! built-in PDF reader, and again with poppler's `pdftotext` where it is installed.

mod common;

use assert_cmd::Command;
use common::shared_dir;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The PDF readers to try: the built-in one always, poppler's when installed.
fn readers() -> Vec<&'static str> {
    let poppler = std::process::Command::new("pdftotext")
        .arg("-v")
        .output()
        .is_ok();
    if poppler {
        vec!["builtin", "pdftotext"]
    } else {
        vec!["builtin"]
    }
}

fn vnie(reader: &str) -> Command {
    let mut c = Command::cargo_bin("vnie").expect("binary built");
    c.env("VNIE_PDF_READER", reader);
    c
}

fn export(reader: &str, paths: &[&Path]) -> Value {
    let out = vnie(reader)
        .args(["export", "--format", "json"])
        .args(paths)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

/// `check`'s line for each file: (fate, reason or how it was read).
fn check(reader: &str, dir: &Path) -> Vec<(String, String, String)> {
    let out = vnie(reader).arg("check").arg(dir).output().expect("runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, '\t');
            let fate = f.next()?.to_string();
            let path = f.next()?;
            let name = Path::new(path).file_name()?.to_string_lossy().into_owned();
            Some((name, fate, f.next()?.to_string()))
        })
        .collect()
}

fn legal(v: &Value) -> BTreeSet<String> {
    v["legal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                l["kind"].as_str().unwrap(),
                l["number"].as_str().unwrap()
            )
        })
        .collect()
}

/// Every figure as what a user compares: who, what, how much, when, how sure.
fn figures(v: &Value) -> Vec<String> {
    let mut out: Vec<String> = v["figures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            [
                "province",
                "metric",
                "kind",
                "comparator",
                "value",
                "value_max",
                "unit",
                "year",
                "status",
            ]
            .iter()
            .map(|k| f[k].to_string())
            .collect::<Vec<_>>()
            .join(" · ")
        })
        .collect();
    out.sort();
    out
}

fn document(v: &Value) -> &Value {
    &v["documents"][0]
}

#[test]
fn every_sample_loads_as_expected() {
    let Some(dir) = shared_dir("corpus/formats") else {
        return;
    };
    for reader in readers() {
        let lines = check(reader, &dir);
        let line = |prefix: &str| {
            lines
                .iter()
                .find(|(name, ..)| name.starts_with(prefix))
                .unwrap_or_else(|| panic!("{reader}: no line for {prefix} in {lines:?}"))
        };
        // The scan: no text to read, said as such, not an empty document.
        let (_, fate, why) = line("s01_");
        assert_eq!(
            (fate.as_str(), why.as_str()),
            ("skipped", "no text layer (scanned pages: 3)")
        );
        for (sample, kind) in [
            ("s02_", "pdf"),
            ("s03_", "docx"),
            ("s04_", "pdf"),
            ("s05_", "pdf"),
            ("s06_", "pdf"),
            ("s07_", "docx"),
            ("s08_", "doc"),
            ("s09_", "doc"),
            ("s10_", "pdf"),
            ("s11_", "pdf"),
        ] {
            let (name, fate, how) = line(sample);
            assert_eq!(fate, "loaded", "{reader}: {name}: {how}");
            assert!(
                how.starts_with(&format!("{kind} (")),
                "{reader}: {name}: {how}"
            );
        }
        assert!(line("s11_").2.contains("tcvn3"), "{reader}");
        assert!(line("s02_")
            .2
            .contains("metadata date 2025-06-28 (PDF CreationDate)"));
        assert!(line("s03_")
            .2
            .contains("metadata date 2025-06-28 (docProps/core.xml"));
    }
}

#[test]
fn the_tcvn3_pdf_reads_as_vietnamese_with_its_reference() {
    let Some(dir) = shared_dir("corpus/formats") else {
        return;
    };
    for reader in readers() {
        let v = export(reader, &[&dir.join("s11_synthetic-tcvn3-font.pdf")]);
        assert_eq!(
            document(&v)["title"],
            "Quyết định số 12/2010/QĐ-UBND về phát triển công nghiệp hỗ trợ tỉnh đến năm 2020"
        );
        assert_eq!(
            legal(&v),
            BTreeSet::from(["Quyết định 12/2010/QĐ-UBND".to_string()])
        );
    }
}

#[test]
fn a_document_and_its_pdf_give_the_same_model() {
    let Some(dir) = shared_dir("corpus/formats") else {
        return;
    };
    let twins = [
        (
            "s03_word2019_totrinh-2114-hiephoi-dn.docx",
            "s02_word2019_totrinh-2114-hiephoi-dn.pdf",
        ),
        (
            "s09_totrinh-156-snv-vnifont.doc",
            "s10_word2016-esign_totrinh-156-snv.pdf",
        ),
    ];
    for reader in readers() {
        for (word, pdf) in twins {
            let w = export(reader, &[&dir.join(word)]);
            let p = export(reader, &[&dir.join(pdf)]);
            assert!(!legal(&w).is_empty(), "{word}");
            assert_eq!(legal(&w), legal(&p), "{reader}: {word} / {pdf}");
            assert_eq!(figures(&w), figures(&p), "{reader}: {word} / {pdf}");
            // The letter's own dateline dates both, over either file's metadata.
            for v in [&w, &p] {
                assert_eq!(document(v)["date_origin"], "text", "{reader}: {word}");
            }
            // A day left blank in the Word file may be stamped into the signed PDF
            // (poppler reads the stamp): the dates agree as far as both go.
            let (wd, pd) = (
                document(&w)["date"].to_string(),
                document(&p)["date"].to_string(),
            );
            assert!(
                pd.trim_end_matches('"')
                    .starts_with(wd.trim_end_matches('"')),
                "{reader}: {wd} / {pd}"
            );
        }
    }
    let v = export("builtin", &[&dir.join(twins[0].0)]);
    assert_eq!(
        legal(&v),
        BTreeSet::from(["Nghị định 126/2024/NĐ-CP".to_string()])
    );
    assert_eq!(document(&v)["date"], "2025-06-28");
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A seed article saved as .docx and that .docx as PDF (`tests/fixtures/make.sh`),
/// both dated 2024-05-20 in their metadata: the figures are the text's, read from the
/// same date (given to the text by its file name).
#[test]
fn a_seed_article_round_trips_through_docx_and_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("seed003-2024-05-20.txt");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus/003_00da2c5f05ae2b87.txt"),
        &text,
    )
    .unwrap();
    let original = export("builtin", &[&text]);
    let want = figures(&original);
    assert!(want.len() >= 10, "{want:?}");
    for reader in readers() {
        for name in ["seed003.docx", "seed003.pdf"] {
            let v = export(reader, &[&fixture(name)]);
            assert_eq!(figures(&v), want, "{reader}: {name}");
            assert_eq!(legal(&v), legal(&original), "{reader}: {name}");
            assert_eq!(document(&v)["title"], document(&original)["title"]);
            assert_eq!(document(&v)["date"], "2024-05-20");
            assert_eq!(document(&v)["date_origin"], "metadata");
        }
    }
    assert_eq!(document(&original)["date_origin"], "file name");
}

/// A plan's table of targets: each value keeps its row's label and its column's year,
/// in the Word file and in its PDF alike.
#[test]
fn a_table_keeps_row_labels_and_column_years() {
    for reader in readers() {
        let docx = export(reader, &[&fixture("plan-table.docx")]);
        let pdf = export(reader, &[&fixture("plan-table.pdf")]);
        assert_eq!(figures(&docx), figures(&pdf), "{reader}");
        let got: BTreeSet<(String, String, u64)> = docx["figures"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["metric"].as_str().unwrap().to_string(),
                    f["value"].to_string(),
                    f["year"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        let want: BTreeSet<(String, String, u64)> = [
            ("Tỷ trọng công nghiệp trong GRDP", "38.0", 2025),
            ("Tỷ trọng công nghiệp trong GRDP", "42.0", 2030),
            (
                "Tốc độ tăng trưởng giá trị sản xuất công nghiệp",
                "12.0",
                2025,
            ),
            (
                "Tốc độ tăng trưởng giá trị sản xuất công nghiệp",
                "13.0",
                2030,
            ),
        ]
        .into_iter()
        .map(|(m, v, y)| (m.to_string(), v.to_string(), y))
        .collect();
        assert_eq!(got, want, "{reader}");
    }
}

/// A broken, an encrypted and a truncated file each get their reason; none stops the
/// others from loading.
#[test]
fn broken_documents_are_reported_with_their_reason() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let pdf = std::fs::read(fixture("seed003.pdf")).unwrap();
    std::fs::write(d.join("truncated.pdf"), &pdf[..pdf.len() / 3]).unwrap();
    std::fs::write(d.join("header-only.pdf"), b"%PDF-1.7\n").unwrap();
    let docx = std::fs::read(fixture("seed003.docx")).unwrap();
    std::fs::write(d.join("truncated.docx"), &docx[..docx.len() / 2]).unwrap();
    std::fs::write(
        d.join("not-ole.doc"),
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1garbage",
    )
    .unwrap();
    std::fs::copy(fixture("plan-table.docx"), d.join("good.docx")).unwrap();
    for name in ["encrypted.pdf", "owner-locked.pdf"] {
        std::fs::copy(fixture(name), d.join(name)).unwrap();
    }
    for reader in readers() {
        let lines = check(reader, d);
        let fate = |name: &str| {
            lines
                .iter()
                .find(|(n, ..)| n == name)
                .map(|(_, f, why)| (f.clone(), why.clone()))
                .unwrap_or_else(|| panic!("{name} not in {lines:?}"))
        };
        assert_eq!(fate("good.docx").0, "loaded");
        for name in ["header-only.pdf", "truncated.docx", "not-ole.doc"] {
            let (f, why) = fate(name);
            assert_eq!(f, "failed", "{reader}: {name}: {why}");
            assert!(!why.is_empty());
        }
        let (f, why) = fate("encrypted.pdf");
        assert_eq!(
            (f.as_str(), why.as_str()),
            ("failed", "encrypted (a password is needed to read it)")
        );
        // Locked only against copying and printing: anyone may read it.
        assert_eq!(fate("owner-locked.pdf").0, "loaded", "{reader}");
        // A cut PDF may still give its first pages; either way it is accounted for.
        let (f, _) = fate("truncated.pdf");
        assert!(f == "failed" || f == "loaded", "{reader}: {f}");
    }
}
