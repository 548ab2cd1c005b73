//! Writing an export where the user pointed: a regular file is replaced atomically
//! (a temporary file beside it, then a rename), anything else is written through —
//! a device or a pipe is opened and written, a symlink is followed to its target —
//! and never replaced. New files get the mode the umask gives; a file replaced keeps
//! its mode. Messages name the user's path, never the temporary file.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once};

/// How many links are followed before giving up, as the kernel does (`ELOOP`).
const MAX_LINKS: usize = 40;

/// Temporary files being written, removed by the signal handler of
/// [`remove_temporaries_on_signals`] if the process is stopped mid-write.
static TEMPORARIES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Write `write`'s output to `path`: atomically when it is (or will be) a regular
/// file, straight into it when it is a device, a pipe or an open descriptor
/// (`/dev/stdout`), into its target when it is a symlink. A directory is an error,
/// and so is a file the user may not write (as for `>` in a shell).
pub fn write_to(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    // Every link on the way, walked once; a loop is reported by the kernel below.
    let chain = link_chain(path);
    #[cfg(unix)]
    if let Some(fd) = chain.as_deref().ok().and_then(descriptor) {
        return write_descriptor(fd, write);
    }
    // What the kernel says the path is, every link followed.
    match fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(io::Error::other("is a directory")),
        Ok(m) if !m.is_file() => return write_through(path, write),
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let chain = chain?;
    let target = chain.last().cloned().unwrap_or_else(|| path.to_path_buf());
    if through_descriptor(&chain) {
        // Another process's descriptor: append where it points.
        return write_through(path, write);
    }
    match fs::metadata(&target) {
        Ok(m) if m.is_file() => {
            // Refused as a shell's `>` would refuse it, before anything is written.
            OpenOptions::new().write(true).open(&target)?;
            replace(&target, Some(m.permissions()), write)
        }
        Ok(_) => write_through(&target, write),
        Err(e) if e.kind() == io::ErrorKind::NotFound => replace(&target, None, write),
        Err(e) => Err(e),
    }
}

/// The path `path` names once every symlink on it is followed (the last may not exist
/// yet: writing through a dangling link creates its target, as `cp` and shells do).
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    Ok(link_chain(path)?
        .pop()
        .unwrap_or_else(|| path.to_path_buf()))
}

/// `path` and every path its links lead to, in order.
fn link_chain(path: &Path) -> io::Result<Vec<PathBuf>> {
    let mut chain = vec![path.to_path_buf()];
    for _ in 0..MAX_LINKS {
        let at = &chain[chain.len() - 1];
        match fs::symlink_metadata(at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(at)?;
                let next = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
                chain.push(next);
            }
            _ => return Ok(chain),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Whether a path whose links are `chain` reaches a file through an open descriptor (`/dev/stdout`,
/// `/dev/fd/1`, `/proc/self/fd/1`): the file behind it is the shell's to manage.
fn through_descriptor(chain: &[PathBuf]) -> bool {
    chain
        .iter()
        .any(|p| p.starts_with("/proc") || p.starts_with("/dev/fd"))
}

/// The descriptor of this process that a path whose links are `chain` names
/// (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`), if it names one.
#[cfg(unix)]
fn descriptor(chain: &[PathBuf]) -> Option<i32> {
    let own = format!("/proc/{}/fd/", std::process::id());
    chain.iter().find_map(|p| {
        let s = p.to_str()?;
        match s {
            "/dev/stdout" => Some(1),
            "/dev/stderr" => Some(2),
            _ => s
                .strip_prefix("/dev/fd/")
                .or_else(|| s.strip_prefix("/proc/self/fd/"))
                .or_else(|| s.strip_prefix(own.as_str()))?
                .parse()
                .ok(),
        }
    })
}

/// Written into the open descriptor itself, as a shell's `>&N` would: its offset moves
/// for whatever writes next, a socket or a pipe works, and a closed pipe ends the
/// output quietly, as on standard output.
#[cfg(unix)]
fn write_descriptor(
    fd: i32,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    use std::os::unix::io::FromRawFd;
    // SAFETY: dup has no preconditions; a valid result is a descriptor we own.
    let own = unsafe { libc::dup(fd) };
    if own < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `own` is a fresh descriptor that nothing else closes.
    let file = unsafe { File::from_raw_fd(own) };
    let mut w = BufWriter::with_capacity(1 << 16, file);
    match write(&mut w).and_then(|()| w.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        done => done,
    }
}

/// A device, a pipe, a socket or a descriptor: opened as it is and written (appended
/// to, when it is a file), never created, truncated or replaced.
fn write_through(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let file = OpenOptions::new().append(true).open(path)?;
    let mut w = BufWriter::with_capacity(1 << 16, file);
    write(&mut w)?;
    w.flush()
}

/// A temporary file registered for removal: removed (and unregistered) when dropped
/// unless renamed into place, so no error or panic leaves it behind.
struct Temporary {
    path: PathBuf,
    file: File,
    renamed: bool,
}

impl Temporary {
    /// Rename over `to`; the lock is held across it, so a signal handler either
    /// removes the file before or finds it gone.
    fn rename(mut self, to: &Path) -> io::Result<()> {
        let mut temporaries = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
        fs::rename(&self.path, to)?;
        self.renamed = true;
        temporaries.retain(|t| t != &self.path);
        Ok(())
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        if !self.renamed {
            let mut temporaries = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
            let _ = fs::remove_file(&self.path);
            temporaries.retain(|t| t != &self.path);
        }
    }
}

/// A regular file, or none yet: written beside it under a temporary name, then
/// renamed over it once everything was written and synced.
fn replace(
    path: &Path,
    keep: Option<fs::Permissions>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let tmp = create_temporary(path)?;
    {
        let mut w = BufWriter::with_capacity(1 << 16, &tmp.file);
        write(&mut w)?;
        w.flush()?;
    }
    if let Some(p) = keep {
        tmp.file.set_permissions(p)?;
    }
    tmp.file.sync_all()?;
    tmp.rename(path)
}

/// A new file beside `path` (`.vnie.PID.N.tmp`: short, so that a long name still
/// fits), registered for removal on signals while the lock is held, so that no
/// signal finds it created and unregistered.
fn create_temporary(path: &Path) -> io::Result<Temporary> {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = dir.join(format!(".vnie.{}.{n}.tmp", std::process::id()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            // What any new file gets: the umask decides, as for `>` in a shell.
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o666);
        }
        let mut temporaries = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
        match options.open(&tmp) {
            Ok(file) => {
                temporaries.push(tmp.clone());
                return Ok(Temporary {
                    path: tmp,
                    file,
                    renamed: false,
                });
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

/// On SIGINT, SIGTERM or SIGHUP, remove the temporary files being written, then die
/// of the signal as if it had not been caught. For command-line runs that write files;
/// the explorer handles its signals itself (its writes are done before it looks).
pub fn remove_temporaries_on_signals() {
    static INSTALLED: Once = Once::new();
    INSTALLED.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // Held until the process is gone: no rename can slip in between.
                    let temporaries = TEMPORARIES.lock().unwrap_or_else(|e| e.into_inner());
                    for t in temporaries.iter() {
                        let _ = fs::remove_file(t);
                    }
                    let _ = signal_hook::low_level::emulate_default_handler(signal);
                    std::process::exit(128 + signal);
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(path: &Path, text: &str) -> io::Result<()> {
        write_to(path, |w| w.write_all(text.as_bytes()))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_regular_file_is_replaced_whole_and_nothing_is_left_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.json");
        put(&out, "first").unwrap();
        put(&out, "second").unwrap();
        assert_eq!(fs::read_to_string(&out).unwrap(), "second");
        assert_eq!(names(dir.path()), ["out.json"]);
        // A failed write leaves the old file as it was, and no temporary; so does a panic.
        let failed = write_to(&out, |w| {
            w.write_all(b"half")?;
            Err(io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(fs::read_to_string(&out).unwrap(), "second");
        assert_eq!(names(dir.path()), ["out.json"]);
        let panicked = std::panic::catch_unwind(|| {
            let _ = write_to(&out, |w| {
                w.write_all(b"half")?;
                panic!("stopped");
            });
        });
        assert!(panicked.is_err());
        assert_eq!(names(dir.path()), ["out.json"]);
        // A name as long as a file system takes still fits its temporary beside it.
        let long = dir.path().join("x".repeat(250));
        put(&long, "long").unwrap();
        assert_eq!(fs::read_to_string(&long).unwrap(), "long");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.csv");
        fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("target.csv", &link).unwrap();
        put(&link, "new").unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(&target).unwrap(), "new");
        // A dangling link creates its target.
        let dangling = dir.path().join("dangling.csv");
        std::os::unix::fs::symlink("made.csv", &dangling).unwrap();
        put(&dangling, "made").unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join("made.csv")).unwrap(),
            "made"
        );
        // A loop is an error, not a hang.
        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        assert!(put(&a, "x").is_err());
    }

    #[cfg(unix)]
    #[test]
    fn new_files_get_the_umask_mode_and_replaced_files_keep_theirs() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join("fresh.md");
        put(&fresh, "x").unwrap();
        // SAFETY: umask only reads and sets the process's file mode mask.
        let umask = unsafe {
            let m = libc::umask(0o022);
            libc::umask(m);
            m
        };
        let mode = fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !(umask as u32), "mode {mode:o}");
        let kept = dir.path().join("kept.md");
        fs::write(&kept, "x").unwrap();
        fs::set_permissions(&kept, fs::Permissions::from_mode(0o640)).unwrap();
        put(&kept, "y").unwrap();
        assert_eq!(
            fs::metadata(&kept).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_written_into_not_replaced() {
        // /dev/null takes anything; /dev/full refuses with ENOSPC, which is the error.
        use std::os::unix::fs::FileTypeExt;
        put(Path::new("/dev/null"), "x").unwrap();
        assert!(fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device());
        if Path::new("/dev/full").exists() {
            let err = put(Path::new("/dev/full"), "x").unwrap_err();
            assert_eq!(err.raw_os_error(), Some(libc::ENOSPC));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_written_into_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe");
        crate::test_fs::mkfifo(&fifo);
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        put(&fifo, "through the pipe").unwrap();
        assert_eq!(reader.join().unwrap(), "through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    }

    #[test]
    fn a_directory_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        assert!(put(dir.path(), "x").is_err());
    }
}
