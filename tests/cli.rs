//! The command line as a user runs it: exit codes, export contract, search, check.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn vnie() -> Command {
    Command::cargo_bin("vnie").expect("binary built")
}

fn export_json(args: &[&str]) -> Value {
    let out = vnie().arg("export").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn export_without_paths_is_the_embedded_corpus() {
    let v = export_json(&["--format", "json"]);
    assert_eq!(v["schema"], "vnie/1");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    for d in docs {
        assert!(d["source"].as_str().unwrap().starts_with("embedded:"));
        assert!(d["id"].is_string() && d["title"].is_string() && d["chars"].is_u64());
        assert!(d["date"].is_null() || d["date"].is_string());
        assert!(["text", "inferred"].contains(&d["date_origin"].as_str().unwrap_or("inferred")));
        assert_eq!(d["date"].is_null(), d["date_origin"].is_null());
        assert!(d["provinces"].is_array());
    }
}

#[test]
fn export_fields_have_the_contract_types() {
    let v = export_json(&[]);
    for f in v["figures"].as_array().unwrap() {
        assert!(f["id"].is_string() && f["document"].is_string() && f["metric"].is_string());
        assert!(f["province"].is_null() || f["province"].is_string());
        assert!(["share", "growth", "count", "amount", "capacity", "other"]
            .contains(&f["kind"].as_str().unwrap()));
        assert!(["=", ">=", ">", "<=", "<", "~"].contains(&f["comparator"].as_str().unwrap()));
        assert!(f["value"].is_number());
        assert!(f["value_max"].is_null() || f["value_max"].is_number());
        assert!(f["unit"].is_string() && f["per_year"].is_boolean() && f["sentence"].is_string());
        assert!(f["year"].is_null() || f["year"].is_i64());
        assert!(f["period"].is_null() || f["period"].as_array().is_some_and(|p| p.len() == 2));
        assert!(["target", "achieved", "estimate"].contains(&f["status"].as_str().unwrap()));
        let span = f["span"].as_array().unwrap();
        assert!(span[0].as_u64() < span[1].as_u64());
        let reason = &f["status_reason"];
        assert!(reason["rule"].is_string());
        match reason["cue"].as_str() {
            Some(cue) => {
                let cue_span = reason["span"].as_array().unwrap();
                let (a, b) = (cue_span[0].as_u64().unwrap(), cue_span[1].as_u64().unwrap());
                assert_eq!(cue.len() as u64, b - a, "{cue}");
            }
            None => assert!(reason["cue"].is_null() && reason["span"].is_null()),
        }
    }
    for p in v["provinces"].as_array().unwrap() {
        assert!(p["name"].is_string());
        for k in ["documents", "figures", "sectors"] {
            assert!(p[k].is_array());
        }
    }
    let sectors = v["sectors"].as_array().unwrap();
    assert_eq!(sectors.len(), 22);
    for s in sectors {
        for k in ["id", "name_vi", "name_en"] {
            assert!(s[k].is_string());
        }
        assert!(s["vsic"].is_array() && s["provinces"].is_array() && s["mentions"].is_array());
    }
    for l in v["legal"].as_array().unwrap() {
        assert!(l["kind"].is_string() && l["number"].is_string() && l["documents"].is_array());
    }
}

#[test]
fn seed_figures_and_legal_refs() {
    let v = export_json(&[]);
    let figs = v["figures"].as_array().unwrap();
    let find = |place: &str, value: f64| {
        figs.iter()
            .find(|f| f["province"] == place && f["value"].as_f64() == Some(value))
            .unwrap_or_else(|| panic!("no {value} for {place}"))
    };
    let sl = find("Sơn La", 40.0);
    assert_eq!(
        (sl["year"].as_i64(), sl["status"].as_str()),
        (Some(2030), Some("target"))
    );
    assert!(sl["metric"]
        .as_str()
        .unwrap()
        .contains("tỷ trọng công nghiệp"));
    let sl_targets = figs
        .iter()
        .filter(|f| f["province"] == "Sơn La" && f["year"] == 2030 && f["status"] == "target")
        .count();
    assert_eq!(sl_targets, 6);
    assert_eq!(find("Thanh Hóa", 20.0)["comparator"], "~");
    assert_eq!(find("Thanh Hóa", 11.0)["year"], 2025);
    assert_eq!(find("Kon Tum", 10.0)["status"], "target");
    assert_eq!(find("Kon Tum", 9.13)["status"], "achieved");
    let alumina = find("Lâm Đồng", 800000.0);
    assert_eq!(alumina["unit"], "tấn/năm");
    assert_eq!(alumina["kind"], "capacity");
    assert_eq!(
        (&alumina["unit_base"], &alumina["value_base"]),
        (&serde_json::json!("tấn/năm"), &serde_json::json!(800000.0))
    );
    for (value, status) in [
        (18.1, "achieved"),
        (15.59, "achieved"),
        (9.8, "achieved"),
        (29.1, "achieved"),
        (37.5, "estimate"),
    ] {
        assert_eq!(find("Thanh Hóa", value)["status"], status, "{value}");
    }
    let ld: Vec<_> = figs
        .iter()
        .filter(|f| f["province"] == "Lâm Đồng" && f["unit"] == "%" && f["per_year"] == true)
        .map(|f| {
            (
                f["value"].as_f64().unwrap(),
                f["value_max"].as_f64().unwrap(),
                f["year"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ld,
        [
            (11.9, 12.3, 2025),
            (13.0, 14.0, 2025),
            (14.7, 16.5, 2030),
            (14.0, 15.0, 2030)
        ]
    );
    for f in figs {
        let v = f["value"].as_f64().unwrap();
        assert!(
            ![6.0_f64, 8.0, 2015.0, 2030.0, 111.0, 866.0].contains(&v) || f["unit"] == "%",
            "{f}"
        );
    }
    let numbers: Vec<&str> = v["legal"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["number"].as_str().unwrap())
        .collect();
    for n in [
        "111/2015/NĐ-CP",
        "55/2015/TT-BCT",
        "23-NQ/TW",
        "684/QĐ-UBND",
        "121/2021/NQ-HĐND",
        "506/QĐ-UBND",
        "43/2024/NĐ-CP",
    ] {
        assert!(numbers.contains(&n), "missing {n} in {numbers:?}");
    }
    let thanh_hoa_interview = &v["documents"][3];
    assert_eq!(
        thanh_hoa_interview["provinces"],
        serde_json::json!(["Thanh Hóa"])
    );
}

#[test]
fn export_kinds_in_csv_and_markdown() {
    let out = vnie()
        .args(["export", "--format", "csv", "--kind", "figures"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("id,province,document,metric,kind,comparator,value"));
    assert!(csv.contains("Sơn La"));
    let out = vnie()
        .args(["export", "--format", "md", "--kind", "sectors"])
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.starts_with("| id | name_vi |"));
    assert!(md.contains("| textiles-garments | Dệt may |"));
}

#[test]
fn export_to_file_is_atomic_and_never_overwrites_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("a.txt");
    fs::write(
        &input,
        "Mục tiêu đến năm 2030, tỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp là 40%.",
    )
    .unwrap();
    let out = dir.path().join("out.json");
    vnie()
        .args(["export", "-o"])
        .arg(&out)
        .arg(dir.path())
        .assert()
        .success();
    let v: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(v["figures"][0]["province"], "Sơn La");
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 2, "no temporary file left behind");
    vnie()
        .args(["export", "-o"])
        .arg(&input)
        .arg(&input)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("input"));
    assert!(fs::read_to_string(&input).unwrap().starts_with("Mục tiêu"));
}

#[test]
fn directories_load_recursively_and_bad_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub/a.md"), "Tỉnh Kon Tum: tỷ lệ đạt 10%.").unwrap();
    fs::write(dir.path().join("b.txt"), "Thanh Hóa sẽ chi 100 tỷ đồng.").unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("c.xls"), b"\xD0\xCF\x11\xE0").unwrap();
    let v = export_json(&[dir.path().to_str().unwrap()]);
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    vnie()
        .arg("check")
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("skipped").and(predicate::str::contains("empty")));
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            dir.path().join("missing.txt"),
            dir.path().join("broken.txt"),
        )
        .unwrap();
        vnie()
            .arg("check")
            .arg(dir.path())
            .assert()
            .code(1)
            .stdout(predicate::str::contains("broken symlink"));
    }
}

#[test]
fn search_ranks_accent_free_queries() {
    let out = vnie().args(["search", "thanh hoa"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let first = text.lines().next().unwrap();
    assert_eq!(
        first.split('\t').collect::<Vec<_>>(),
        ["province", "38", "Thanh Hóa"]
    );
    let out = vnie()
        .args(["search", "det may", "--kind", "sectors"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().next().unwrap().contains("Dệt may"), "{text}");
    let out = vnie()
        .args(["search", "da nang", "--limit", "3"])
        .output()
        .unwrap();
    assert!(String::from_utf8(out.stdout).unwrap().lines().count() <= 3);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    vnie().args(["export", "--format", "xml"]).assert().code(2);
    vnie()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("export"));
    vnie().arg("--version").assert().success();
}

#[test]
fn export_filter_keeps_matching_rows() {
    let out = vnie()
        .args([
            "export", "--format", "csv", "--kind", "figures", "--filter", "son la",
        ])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r.contains("Sơn La")), "{csv}");
}

/// Every export the command line writes, as bytes.
fn export_bytes(args: &[&str]) -> Vec<u8> {
    let out = vnie().arg("export").args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn streamed_export_is_the_json_model_byte_for_byte() {
    use vnie::export::{self, Format, Kind};
    let c = vnie::corpus::Corpus::embedded();
    let kinds = [
        None,
        Some(Kind::Figures),
        Some(Kind::Provinces),
        Some(Kind::Sectors),
        Some(Kind::Documents),
        Some(Kind::Legal),
    ];
    for kind in kinds {
        // The `Value` tree, written the way `vnie export` always wrote it.
        let mut expected = serde_json::to_string_pretty(&export::to_json(&c, kind)).unwrap();
        expected.push('\n');
        let mut streamed = Vec::new();
        export::write_export(&c, Format::Json, kind, None, &mut streamed).unwrap();
        assert_eq!(String::from_utf8(streamed).unwrap(), expected, "{kind:?}");
        assert_eq!(export::render(&c, Format::Json, kind), expected, "{kind:?}");
        let mut args = vec!["export", "--format", "json"];
        let name;
        if let Some(k) = kind {
            name = format!("{k:?}").to_lowercase();
            args.extend(["--kind", name.as_str()]);
        }
        assert_eq!(
            String::from_utf8(export_bytes(&args[1..])).unwrap(),
            expected,
            "{args:?}"
        );
    }
    let figures = export::to_json(&c, Some(Kind::Figures));
    for (i, f) in c.figures.iter().enumerate() {
        assert_eq!(export::figure_json(&c, i, f), figures[i]);
    }
}

#[test]
fn streamed_tables_equal_the_table_writers() {
    use vnie::export::{self, Format, Kind};
    let c = vnie::corpus::Corpus::embedded();
    for kind in [
        Kind::Figures,
        Kind::Provinces,
        Kind::Sectors,
        Kind::Documents,
        Kind::Legal,
    ] {
        let t = export::table(&c, kind);
        assert_eq!(
            t.rows.len(),
            export::to_json(&c, Some(kind)).as_array().unwrap().len()
        );
        let name = format!("{kind:?}").to_lowercase();
        for (format, fname, text) in [
            (Format::Csv, "csv", export::to_csv(&t)),
            (Format::Md, "md", export::to_markdown(&t)),
        ] {
            assert_eq!(export::render(&c, format, Some(kind)), text, "{kind:?}");
            let cli = export_bytes(&["--format", fname, "--kind", &name]);
            assert_eq!(String::from_utf8(cli).unwrap(), text, "{fname} {kind:?}");
            // filtered: the table writers over `filtered_table`
            let ft = export::filtered_table(&c, kind, "thanh hoa");
            let expected = match format {
                Format::Csv => export::to_csv(&ft),
                _ => export::to_markdown(&ft),
            };
            assert_eq!(
                export::render_filtered(&c, format, kind, "thanh hoa"),
                expected
            );
        }
        // filtered JSON: one object of strings per row, keys sorted
        let ft = export::filtered_table(&c, kind, "thanh hoa");
        let v: serde_json::Value = serde_json::from_str(&export::render_filtered(
            &c,
            Format::Json,
            kind,
            "thanh hoa",
        ))
        .unwrap();
        let rows = v.as_array().unwrap();
        assert_eq!(rows.len(), ft.rows.len());
        for (obj, row) in rows.iter().zip(&ft.rows) {
            for (h, cell) in ft.headers.iter().zip(row) {
                assert_eq!(obj[h], serde_json::Value::String(cell.clone()));
            }
        }
    }
}

#[test]
fn export_to_file_replaces_the_old_file_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("figures.csv");
    fs::write(&out, "old contents\n").unwrap();
    vnie()
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let expected = export_bytes(&["--format", "csv"]);
    assert_eq!(fs::read(&out).unwrap(), expected);
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["figures.csv"], "no temporary file left behind");
    // An output that cannot be created leaves nothing behind and fails.
    let missing = dir.path().join("no/such/dir/out.json");
    vnie()
        .args(["export", "-o"])
        .arg(&missing)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot write"));
    // `write_to` keeps the old file when writing fails half-way.
    let err = vnie::export::write_to(&out, |w| {
        w.write_all(b"half")?;
        Err(std::io::Error::other("disk full"))
    });
    assert!(err.is_err());
    assert_eq!(fs::read(&out).unwrap(), expected);
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn export_fields_follow_the_contract_order() {
    let out = vnie()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let v: Value = serde_json::from_str(&text).unwrap();
    let keys = |o: &Value| -> Vec<String> { o.as_object().unwrap().keys().cloned().collect() };
    assert_eq!(
        keys(&v["documents"][0]),
        [
            "chars",
            "date",
            "date_origin",
            "id",
            "provinces",
            "source",
            "title"
        ]
    );
    let f = &v["figures"][0];
    let fk = keys(f);
    let at = fk.iter().position(|k| k == "status").unwrap();
    assert_eq!(fk[at + 1], "status_reason");
    assert_eq!(keys(&f["status_reason"]), ["cue", "rule", "span"]);
    // The bytes follow the same order as the parsed keys.
    let first = text.find("\"status\": ").unwrap();
    assert!(text[first..].find("\"status_reason\": {").unwrap() < 30);
}

#[test]
fn documents_say_where_their_date_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Tỉnh Thanh Hóa phấn đấu đến năm 2030 tỷ trọng công nghiệp đạt 45%.";
    fs::write(
        dir.path().join("a-trang.html"),
        format!(
            r#"<meta property="article:published_time" content="2020-10-17T08:00:00+07:00">
            <h1>Thanh Hóa thu hút đầu tư</h1><p>{body}</p>"#
        ),
    )
    .unwrap();
    fs::write(
        dir.path().join("b_2021-03-05.txt"),
        format!("Thanh Hóa thu hút đầu tư\n\n{body}\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("c_6ea38480.txt"),
        format!("Thanh Hóa thu hút đầu tư\n\n{body}\n"),
    )
    .unwrap();
    let path = dir.path().to_str().unwrap();
    let v = export_json(&["--format", "json", path]);
    let docs = v["documents"].as_array().unwrap();
    let dated: Vec<(&str, &str)> = docs
        .iter()
        .map(|d| {
            (
                d["date"].as_str().unwrap_or("-"),
                d["date_origin"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(dated[0], ("2020-10-17", "metadata"));
    assert_eq!(dated[1], ("2021-03-05", "file name"));
    assert_ne!(dated[2].1, "file name");
    let csv = vnie()
        .args(["export", "--format", "csv", "--kind", "documents", path])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("id,source,title,date,date_origin,provinces,chars")
    );
    assert!(lines.next().unwrap().contains(",2020-10-17,metadata,"));
    assert!(lines.next().unwrap().contains(",2021-03-05,file name,"));
    let figs = vnie()
        .args(["export", "--format", "csv", path])
        .output()
        .unwrap();
    let figs = String::from_utf8(figs.stdout).unwrap();
    assert!(figs
        .lines()
        .next()
        .unwrap()
        .ends_with(",status,status_reason,sentence,sentence_id"));
}

#[test]
fn nothing_to_read_or_nothing_found_is_said_and_exits_1() {
    let out = vnie()
        .args(["search", "thanh", "/nonexistent"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no document could be loaded from /nonexistent"),
        "{err}"
    );
    let out = vnie().args(["search", "zzzqqq"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no match for zzzqqq"));
    // The explorer does not open on nothing.
    let out = vnie().arg("/nonexistent").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent: no such file"));
}
