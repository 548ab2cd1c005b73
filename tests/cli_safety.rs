//! What a hostile file name, an odd output target or an unlucky signal does to the
//! command line: nothing it should not (SPEC §6).
#![cfg(unix)]

use assert_cmd::Command;
use std::fs;
use std::os::unix::fs::{symlink, FileTypeExt, PermissionsExt};
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

fn vnie() -> Command {
    Command::cargo_bin("vnie").expect("binary built")
}

fn article(dir: &Path, name: &str) {
    fs::write(
        dir.join(name),
        "Thanh Hóa phấn đấu đến năm 2030 tỷ trọng công nghiệp đạt 40% GRDP.\n",
    )
    .unwrap();
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
}

/// vnie run with `args`, its standard output a pipe whose reader has gone.
fn reader_gone(args: &[&str]) -> std::process::Output {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vnie"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    child.wait_with_output().unwrap()
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[test]
fn a_full_disk_on_stdout_is_an_error_and_a_closed_pipe_is_not() {
    for args in [
        &["export"][..],
        &["search", "thanh hoa"],
        &["check"],
        &["export", "--format", "csv"],
    ] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("vnie"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("cannot write standard output"),
            "{args:?}: {err}"
        );
    }
    // A reader that goes away: quiet, and success.
    let out = reader_gone(&["export", "--kind", "sentences"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn output_goes_through_links_devices_and_pipes_without_replacing_them() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A symlink: its target gets the export, the link stays.
    fs::write(d.join("target.json"), "old").unwrap();
    symlink("target.json", d.join("link.json")).unwrap();
    vnie()
        .args(["export", "-o"])
        .arg(d.join("link.json"))
        .assert()
        .success();
    assert!(fs::symlink_metadata(d.join("link.json"))
        .unwrap()
        .file_type()
        .is_symlink());
    let written = fs::read_to_string(d.join("target.json")).unwrap();
    assert!(written.contains("\"schema\": \"vnie/1\""));
    // A FIFO: written into while someone reads, still a FIFO after.
    let fifo = d.join("pipe.json");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    vnie().args(["export", "-o"]).arg(&fifo).assert().success();
    assert!(reader.join().unwrap().contains("vnie/1"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // A device: written into; a full one is an error naming it.
    vnie()
        .args(["export", "-o", "/dev/null"])
        .assert()
        .success();
    let out = vnie().args(["export", "-o", "/dev/full"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot write /dev/full"), "{err}");
    assert!(fs::metadata("/dev/full")
        .unwrap()
        .file_type()
        .is_char_device());
    // Nothing but what was asked for is left in the folder.
    let mut names: Vec<String> = fs::read_dir(d)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["link.json", "pipe.json", "target.json"]);
    // Standard output named as a file: appended to where it points, never replaced.
    let log = d.join("log.json");
    fs::write(&log, "before\n").unwrap();
    let append = fs::OpenOptions::new().append(true).open(&log).unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("vnie"))
        .args(["export", "--kind", "legal", "-o", "/dev/stdout"])
        .stdout(append)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let logged = fs::read_to_string(&log).unwrap();
    // Written into the descriptor itself: what the shell writes next comes after it.
    let shared = d.join("shared.csv");
    let script = format!(
        "{{ echo PRE; '{}' export --format csv --kind legal -o /dev/stdout; echo POST; }} > '{}'",
        assert_cmd::cargo::cargo_bin("vnie").display(),
        shared.display()
    );
    let status = std::process::Command::new("sh")
        .args(["-c", &script])
        .status()
        .unwrap();
    assert!(status.success());
    let text = fs::read_to_string(&shared).unwrap();
    assert!(
        text.starts_with("PRE\nid,kind,") && text.ends_with("\nPOST\n"),
        "{text}"
    );
    // A reader that goes away is as quiet as on plain standard output.
    let out = reader_gone(&["export", "--kind", "sentences", "-o", "/dev/stdout"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        logged.starts_with("before\n[") && logged.contains("NĐ-CP"),
        "{logged}"
    );
}

#[test]
fn new_exports_get_the_umask_mode_and_errors_name_the_users_path() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fresh.csv");
    vnie()
        .args(["export", "--format", "csv", "-o"])
        .arg(&out)
        .assert()
        .success();
    // SAFETY: umask only reads and sets the process's file mode mask.
    let umask = unsafe {
        let m = libc::umask(0o022);
        libc::umask(m);
        m
    };
    let mode = fs::metadata(&out).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o666 & !(umask as u32), "mode {mode:o}");
    let missing = dir.path().join("no-such-dir").join("out.json");
    let run = vnie()
        .args(["export", "-o"])
        .arg(&missing)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("no-such-dir/out.json"), "{err}");
    assert!(!err.contains(".vnie."), "{err}");
}

#[test]
fn a_signal_during_export_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    // Enough text that the export takes a while to write.
    let input = tempfile::tempdir().unwrap();
    let para = "Thanh Hóa phấn đấu đến năm 2030 tỷ trọng công nghiệp đạt 40% GRDP, \
                tốc độ tăng trưởng ngành chế biến chế tạo đạt 11,9%/năm. ";
    for i in 0..40 {
        fs::write(input.path().join(format!("{i}.txt")), para.repeat(400)).unwrap();
    }
    let out_dir = tempfile::tempdir().unwrap();
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("vnie"))
            .args(["export", "-o"])
            .arg(out_dir.path().join("out.json"))
            .arg(input.path())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        let temporary = || {
            fs::read_dir(out_dir.path())
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"))
        };
        while !temporary() && started.elapsed() < Duration::from_secs(60) {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        // SAFETY: sending a signal to our own child.
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(signal), "{status:?}");
        assert!(
            !temporary(),
            "a temporary file was left after signal {signal}"
        );
    }
}

#[test]
fn file_names_never_bring_escape_sequences_to_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    // An OSC 52 clipboard write and a colour change, in a file name.
    let evil = "a\u{1b}]52;c;SGVsbG8=\u{7}b\u{1b}[31m.txt";
    article(dir.path(), evil);
    fs::write(dir.path().join("x\u{1b}[2J.txt"), [0u8, 159, 146, 150]).unwrap();
    let check = vnie().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(
        text.contains("loaded") && text.contains("skipped"),
        "{text}"
    );
    for (args, what) in [
        (
            &["export", "--format", "csv", "--kind", "documents"][..],
            "csv",
        ),
        (&["export", "--format", "md", "--kind", "documents"], "md"),
        (&["export"], "json"),
        (&["search", "thanh"], "search"),
    ] {
        let out = vnie().args(args).arg(dir.path()).output().unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!has_control(&stdout), "{what}: {stdout:?}");
        assert!(!has_control(&stderr), "{what}: {stderr:?}");
        // JSON escapes control characters; the names must hold none to escape.
        assert!(!stdout.contains("\\u001b"), "{what}: {stdout}");
    }
    assert!(!has_control(&text));
    // Messages: nothing loadable in a folder named with escapes, and an output path.
    let named = dir.path().join("d\u{1b}]0;title\u{7}");
    fs::create_dir(&named).unwrap();
    let out = vnie().arg("export").arg(&named).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no document could be loaded"), "{err}");
    assert!(!has_control(&err), "{err:?}");
    let out = vnie()
        .args(["export", "-o"])
        .arg(named.join("missing\u{1b}[31m/out.json"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("cannot write"), "{err}");
    assert!(!has_control(&err), "{err:?}");
}

#[test]
fn a_fifo_is_skipped_with_its_reason_and_never_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.txt");
    mkfifo(&dir.path().join("b.txt"));
    let started = Instant::now();
    let out = vnie()
        .arg("check")
        .arg(dir.path())
        .arg(dir.path().join("b.txt"))
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(60));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text.matches("not a regular file (fifo)").count(),
        2,
        "{text}"
    );
    assert!(text.contains("1 loaded"), "{text}");
}

#[test]
fn hidden_files_are_reported_and_read_when_named() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.txt");
    article(dir.path(), ".draft.txt");
    fs::create_dir(dir.path().join(".git")).unwrap();
    // An editor's lock file: a hidden link to nowhere, hidden and not a failure.
    symlink("user@host.1234", dir.path().join(".#a.txt")).unwrap();
    article(&dir.path().join(".git"), "x.txt");
    let out = vnie().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains(".draft.txt\thidden file"), "{text}");
    assert!(text.contains(".git\thidden directory"), "{text}");
    assert!(!text.contains("x.txt"), "{text}");
    assert!(text.contains(".#a.txt\thidden file"), "{text}");
    assert!(text.contains("1 loaded, 3 skipped"), "{text}");
    assert!(out.status.success(), "{text}");
    let named = vnie()
        .arg("check")
        .arg(dir.path().join(".draft.txt"))
        .output()
        .unwrap();
    assert!(String::from_utf8(named.stdout)
        .unwrap()
        .contains("1 loaded"));
}

#[test]
fn a_file_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.txt");
    symlink("a.txt", dir.path().join("b.txt")).unwrap();
    let a = dir.path().join("a.txt");
    let out = vnie()
        .arg("check")
        .arg(dir.path())
        .arg(&a)
        .arg(dir.path().join(".").join("a.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("1 loaded, 3 skipped"), "{text}");
    assert_eq!(text.matches("already read as").count(), 3, "{text}");
    assert!(out.status.success());
}

#[test]
fn a_deep_tree_is_walked_to_its_bottom() {
    let dir = tempfile::tempdir().unwrap();
    let mut at = dir.path().to_path_buf();
    for _ in 0..400 {
        at.push("d");
    }
    fs::create_dir_all(&at).unwrap();
    article(&at, "deep.txt");
    let out = vnie().arg("check").arg(dir.path()).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("deep.txt\tutf-8"), "{text}");
}

#[test]
fn global_options_go_before_or_after_the_command_and_sizes_do_not_overflow() {
    let dir = tempfile::tempdir().unwrap();
    article(dir.path(), "a.txt");
    for args in [
        vec!["--max-file-size", "0", "check"],
        vec!["check", "--max-file-size", "0"],
    ] {
        let out = vnie().args(&args).arg(dir.path()).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("too large"), "{args:?}: {text}");
        assert!(text.contains("0 loaded, 1 skipped"), "{args:?}: {text}");
    }
    for size in ["17179869184G", "99999999999999999999", "16777216T"] {
        let out = vnie()
            .args(["check", "--max-file-size", size])
            .arg(dir.path())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{size}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("too large"), "{size}: {err}");
    }
    let out = vnie()
        .args(["check", "--max-file-size", "16E"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
