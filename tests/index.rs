//! The persistent index: a reopened folder gives the same model, byte for byte, as a
//! fresh run; changed, added and removed files are handled alone; a damaged index is
//! noticed and rebuilt; `vnie index prune` forgets files that are gone.

mod common;

use assert_cmd::Command;
use common::shared_dir;
use std::fs;
use std::path::Path;

fn vnie(index: &Path) -> Command {
    let mut c = Command::cargo_bin("vnie").expect("binary built");
    c.arg("--index").arg(index);
    c
}

fn export(index: Option<&Path>, dir: &Path) -> (Vec<u8>, String) {
    let mut c = Command::cargo_bin("vnie").expect("binary built");
    match index {
        Some(i) => c.arg("--index").arg(i),
        None => c.arg("--no-index"),
    };
    let out = c
        .args(["export", "--format", "json"])
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.stdout,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `check`'s lines for loaded files: (file name, from the index).
fn loaded(index: &Path, dir: &Path) -> Vec<(String, bool)> {
    let out = vnie(index).arg("check").arg(dir).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with("loaded\t"))
        .map(|l| {
            let name = l.split('\t').nth(1).unwrap_or("");
            let name = Path::new(name)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (name, l.ends_with("; from index"))
        })
        .collect()
}

fn packs(index: &Path) -> Vec<std::path::PathBuf> {
    fs::read_dir(index.join("packs"))
        .map(|d| d.filter_map(|e| Some(e.ok()?.path())).collect())
        .unwrap_or_default()
}

/// A folder of the seed articles, copied so that they can be changed.
fn seed_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/corpus");
    for e in fs::read_dir(seeds).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

#[test]
fn a_reopened_folder_is_the_same_model_byte_for_byte() {
    let mut folders = vec![seed_folder().keep()];
    if let Some(real) = shared_dir("corpus/real") {
        folders.push(real);
    }
    if let Some(formats) = shared_dir("corpus/formats") {
        folders.push(formats);
    }
    for dir in folders {
        let index = tempfile::tempdir().unwrap();
        let (fresh, _) = export(None, &dir);
        let (first, _) = export(Some(index.path()), &dir);
        let (again, _) = export(Some(index.path()), &dir);
        assert_eq!(first, fresh, "{}", dir.display());
        assert_eq!(again, fresh, "{}", dir.display());
        let lines = loaded(index.path(), &dir);
        assert!(!lines.is_empty());
        assert!(lines.iter().all(|(_, from)| *from), "{lines:?}");
        // Never inside the input folder.
        assert_eq!(packs(index.path()).len(), 1);
        assert!(fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .ends_with(".vnidx")));
    }
}

#[test]
fn changed_added_and_removed_files_are_handled_alone() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    export(Some(index.path()), dir.path());
    let changed = "000_6ea38480b863f6f0.txt";
    let text = fs::read_to_string(dir.path().join(changed)).unwrap();
    fs::write(
        dir.path().join(changed),
        format!("{text}\nTỉnh Sơn La phấn đấu đạt tỷ trọng công nghiệp 41% vào năm 2030.\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("new.txt"),
        "Kon Tum đặt mục tiêu tăng 12% năm 2030.",
    )
    .unwrap();
    fs::remove_file(dir.path().join("004_8d118ce11709c99e.txt")).unwrap();
    let (indexed, _) = export(Some(index.path()), dir.path());
    let (fresh, _) = export(None, dir.path());
    assert_eq!(indexed, fresh);
    let lines = loaded(index.path(), dir.path());
    let from: Vec<&str> = lines
        .iter()
        .filter(|(_, f)| !*f)
        .map(|(n, _)| n.as_str())
        .collect();
    // The second check reads everything from the pack the export wrote.
    assert!(from.is_empty(), "{lines:?}");
    assert_eq!(lines.len(), 5);
    assert!(!lines.iter().any(|(n, _)| n == "004_8d118ce11709c99e.txt"));
}

#[test]
fn only_the_changed_file_is_read_again() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    loaded(index.path(), dir.path());
    let name = "002_aa09f2c6ebd9e69f.txt";
    let path = dir.path().join(name);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("công nghiệp", "công  nghiệp")).unwrap();
    let lines = loaded(index.path(), dir.path());
    for (n, from) in &lines {
        assert_eq!(*from, n != name, "{lines:?}");
    }
}

#[test]
fn a_damaged_index_is_noticed_and_rebuilt() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    let (fresh, _) = export(None, dir.path());
    export(Some(index.path()), dir.path());
    let pack = packs(index.path()).pop().unwrap();
    let bytes = fs::read(&pack).unwrap();
    let damages: Vec<Vec<u8>> = vec![
        bytes[..bytes.len() / 2].to_vec(),
        {
            let mut b = bytes.clone();
            let mid = b.len() / 3;
            b[mid] ^= 0x55;
            b
        },
        b"not an index".to_vec(),
        Vec::new(),
    ];
    for damaged in damages {
        fs::write(&pack, &damaged).unwrap();
        let (out, stderr) = export(Some(index.path()), dir.path());
        assert_eq!(out, fresh);
        let flipped_payload = damaged.len() == bytes.len();
        assert!(
            flipped_payload || stderr.contains("unusable"),
            "no notice: {stderr}"
        );
        // Rebuilt: the next run reads every file from it.
        let lines = loaded(index.path(), dir.path());
        assert!(lines.iter().all(|(_, f)| *f), "{lines:?}");
    }
}

#[test]
fn two_processes_on_one_folder_leave_a_sound_index() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    let bin = assert_cmd::cargo::cargo_bin("vnie");
    let spawn = || {
        std::process::Command::new(&bin)
            .arg("--index")
            .arg(index.path())
            .args(["export", "--format", "json"])
            .arg(dir.path())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    let (fresh, _) = export(None, dir.path());
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success());
        assert_eq!(out.stdout, fresh);
    }
    let (again, stderr) = export(Some(index.path()), dir.path());
    assert_eq!(again, fresh);
    assert!(!stderr.contains("unusable"), "{stderr}");
}

#[test]
fn prune_forgets_files_that_are_gone() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    export(Some(index.path()), dir.path());
    fs::remove_file(dir.path().join("001_d8e4e48b8682bf70.txt")).unwrap();
    let out = vnie(index.path())
        .args(["index", "prune"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "removed 1 entries of missing files and 0 packs"
    );
    // The folder gone altogether: its pack goes too.
    let path = dir.path().to_path_buf();
    drop(dir);
    assert!(!path.exists());
    let out = vnie(index.path())
        .args(["index", "prune"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "removed 4 entries of missing files and 1 packs"
    );
    assert!(packs(index.path()).is_empty());
}

/// A file rewritten right after it was indexed, with the same size and the same time
/// (a filesystem's coarse clock, or a tool that keeps times), is still read again.
#[test]
fn a_change_within_the_clock_resolution_is_not_missed() {
    let dir = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.txt");
    fs::write(&path, "Thanh Hóa đạt tỷ trọng công nghiệp 40% năm 2020.").unwrap();
    let (first, _) = export(Some(index.path()), dir.path());
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    fs::write(&path, "Thanh Hóa đạt tỷ trọng công nghiệp 45% năm 2020.").unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    let (second, _) = export(Some(index.path()), dir.path());
    let (fresh, _) = export(None, dir.path());
    assert_ne!(first, second);
    assert_eq!(second, fresh);
}

#[test]
fn a_pack_grows_by_a_changed_file_and_is_rewritten_when_mostly_stale() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    loaded(index.path(), dir.path());
    let pack = packs(index.path()).pop().expect("a pack");
    let before = fs::read(&pack).unwrap();
    // One of five files changed: the pack keeps every byte it had and grows.
    let one = dir.path().join("001_d8e4e48b8682bf70.txt");
    let text = fs::read_to_string(&one).unwrap();
    fs::write(&one, format!("{text}\nHà Nam phấn đấu tăng 9% năm 2030.\n")).unwrap();
    let lines = loaded(index.path(), dir.path());
    assert_eq!(lines.iter().filter(|(_, f)| !*f).count(), 1, "{lines:?}");
    let grown = fs::read(&pack).unwrap();
    assert!(grown.len() > before.len());
    assert_eq!(
        &grown[..before.len()],
        &before[..],
        "earlier bytes never change"
    );
    assert_eq!(
        export(Some(index.path()), dir.path()).0,
        export(None, dir.path()).0
    );
    assert!(loaded(index.path(), dir.path()).iter().all(|(_, f)| *f));
    // Four of five changed: most of the pack is stale, so it is written anew, smaller
    // than growing it again would make it.
    for e in fs::read_dir(dir.path()).unwrap() {
        let p = e.unwrap().path();
        if !p.ends_with("000_6ea38480b863f6f0.txt") {
            let text = fs::read_to_string(&p).unwrap();
            fs::write(&p, text.replace("công nghiệp", "công  nghiệp")).unwrap();
        }
    }
    loaded(index.path(), dir.path());
    let rewritten = fs::read(packs(index.path()).pop().unwrap()).unwrap();
    assert!(
        rewritten.len() < grown.len() + grown.len() / 2,
        "{} vs {}",
        rewritten.len(),
        grown.len()
    );
    assert_ne!(
        &rewritten[..before.len().min(rewritten.len())],
        &before[..before.len().min(rewritten.len())]
    );
    assert_eq!(
        export(Some(index.path()), dir.path()).0,
        export(None, dir.path()).0
    );
}

#[test]
fn an_older_build_s_pack_is_retired_when_a_new_one_is_written() {
    let dir = seed_folder();
    let index = tempfile::tempdir().unwrap();
    export(Some(index.path()), dir.path());
    let ours = packs(index.path());
    assert_eq!(ours.len(), 1);
    let name = ours[0].file_name().unwrap().to_string_lossy().into_owned();
    let (_, inputs) = name.split_once('-').unwrap();
    // Three older builds' packs for the same folder, and one for another folder.
    let old = |producer: &str, rest: &str, age_s: u64| {
        let p = index
            .path()
            .join("packs")
            .join(format!("{producer}-{rest}"));
        fs::write(&p, b"an older build's pack").unwrap();
        let t = std::time::SystemTime::now() - std::time::Duration::from_secs(age_s);
        fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(t)
            .unwrap();
        p
    };
    let oldest = old("0000000000000001", inputs, 300);
    let older = old("0000000000000002", inputs, 200);
    let newest = old("0000000000000003", inputs, 100);
    let elsewhere = old("0000000000000004", "00000000000000aa.vnidx", 400);
    // A change makes this build write its pack again.
    fs::write(
        dir.path().join("new.txt"),
        "Tỉnh Nam Định đạt 5 tỷ USD năm 2024.",
    )
    .unwrap();
    export(Some(index.path()), dir.path());
    assert!(!oldest.exists() && !older.exists());
    assert!(newest.exists(), "the newest other build keeps its pack");
    assert!(
        elsewhere.exists(),
        "another folder's pack is not this load's"
    );
    assert!(ours[0].exists());
}
