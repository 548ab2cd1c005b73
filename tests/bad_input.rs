//! Folders as users have them: every file is accounted for, the good ones still load.

use assert_cmd::Command;
use std::fs;

fn check(dir: &std::path::Path, extra: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("vnie")
        .unwrap()
        .arg("check")
        .args(extra)
        .arg(dir)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn line_for<'a>(out: &'a str, name: &str) -> &'a str {
    out.lines()
        .find(|l| l.contains(name))
        .unwrap_or_else(|| panic!("no line for {name} in:\n{out}"))
}

#[test]
fn every_file_is_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("good.txt"),
        "Mục tiêu đến năm 2030, tỉnh Sơn La đạt tỷ trọng công nghiệp là 40%.",
    )
    .unwrap();
    fs::write(d.join("empty.txt"), "").unwrap();
    fs::write(d.join("blank.md"), "  \n\n ").unwrap();
    fs::write(
        d.join("binary.txt"),
        [0x00u8, 0x01, 0x02, 0xFF, 0x00, 0x10, 0x00, 0x00].repeat(64),
    )
    .unwrap();
    fs::write(d.join("scan.pdf"), b"%PDF-1.7 ...").unwrap();
    fs::write(d.join("image.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    fs::write(d.join("big.txt"), "Thanh Hóa ".repeat(2000)).unwrap();
    fs::write(
        d.join("page.html"),
        "<html><head><title>Kon Tum</title><script>var x = '99%';</script><style>p{}</style></head>\
         <body><nav>Trang chủ | Tin tức</nav><article><h1>Kon Tum: Ưu tiên phát triển công nghiệp hỗ trợ</h1>\
         <p>Kon Tum đặt mục tiêu đến năm 2025 đáp ứng khoảng 10% nhu cầu &amp; hơn thế.</p></article>\
         <footer>Đường dây nóng</footer></body></html>",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink(d.join("nowhere.txt"), d.join("broken.txt")).unwrap();
        symlink(d.join("loop_b.txt"), d.join("loop_a.txt")).unwrap();
        symlink(d.join("loop_a.txt"), d.join("loop_b.txt")).unwrap();
        fs::create_dir(d.join("sub")).unwrap();
        symlink(d, d.join("sub/cycle")).unwrap();
    }
    let (code, out) = check(d, &["--max-file-size", "10K"]);
    assert_eq!(code, 1, "a failed file makes check exit 1:\n{out}");
    assert!(line_for(&out, "good.txt").starts_with("loaded"));
    assert!(line_for(&out, "page.html").starts_with("loaded"));
    assert!(line_for(&out, "empty.txt").contains("empty"));
    assert!(line_for(&out, "blank.md").starts_with("skipped"));
    assert!(line_for(&out, "binary.txt").contains("binary"));
    // A PDF header and nothing else: read as a PDF, and reported as a broken one.
    let pdf = line_for(&out, "scan.pdf");
    assert!(
        pdf.starts_with("failed") && pdf.contains("malformed file"),
        "{pdf}"
    );
    assert!(line_for(&out, "big.txt").contains("too large"));
    #[cfg(unix)]
    {
        assert!(line_for(&out, "broken.txt").contains("broken symlink"));
        assert!(line_for(&out, "loop_a.txt").contains("symlink loop"));
        assert!(line_for(&out, "cycle").contains("directory cycle"));
    }

    // Export still succeeds with what loaded, and names what it skipped on stderr.
    let out = Command::cargo_bin("vnie")
        .unwrap()
        .args(["export", "--max-file-size", "10K"])
        .arg(d)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("empty.txt") && stderr.contains("binary.txt"),
        "{stderr}"
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"].as_array().unwrap().len(), 2);
    let html_doc = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["source"].as_str().unwrap().ends_with("page.html"))
        .unwrap();
    assert_eq!(html_doc["provinces"], serde_json::json!(["Kon Tum"]));
    let figs = v["figures"].as_array().unwrap();
    assert!(figs
        .iter()
        .any(|f| f["province"] == "Kon Tum" && f["value"] == 10.0));
    assert!(
        !figs.iter().any(|f| f["value"] == 99.0),
        "script text must not be read"
    );
}

#[test]
fn a_missing_path_is_one_clear_error() {
    let out = Command::cargo_bin("vnie")
        .unwrap()
        .args(["export", "/no/such/dir"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("/no/such/dir"), "{stderr}");
}
