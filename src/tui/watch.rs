//! The explorer's folders, watched while it is open: the platform's file-watch API
//! (inotify, FSEvents, ReadDirectoryChanges) through `notify`, polling every two seconds
//! where that cannot start. Changes are gathered until the folders have been quiet for a
//! moment (an editor's save or a copy of many files is one change), then the explorer
//! loads again — through the index, so only what changed is read.

use notify::{Event, EventKind, PollWatcher, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver};
use std::time::{Duration, Instant};

/// How long the folders must be quiet before the tables are reloaded.
const QUIET: Duration = Duration::from_millis(400);
/// A file written without pause (a log, a download) still gets its reload this often.
const AT_MOST: Duration = Duration::from_secs(5);

pub struct Watch {
    // Kept alive: dropping it stops the watch.
    _watcher: Box<dyn Watcher + Send>,
    events: Receiver<notify::Result<Event>>,
    roots: Vec<PathBuf>,
    /// The index directory, whose writes are not changes.
    ignore: Option<PathBuf>,
    changed: BTreeSet<PathBuf>,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Watch {
    /// Watches `paths` (folders recursively); `None` if nothing can be watched.
    pub fn start(paths: &[PathBuf], ignore: Option<PathBuf>) -> Option<Watch> {
        let (tx, events) = channel();
        let native = notify::recommended_watcher(tx.clone())
            .ok()
            .map(|w| Box::new(w) as Box<dyn Watcher + Send>);
        let mut watcher = match native {
            Some(w) => w,
            None => {
                let config = notify::Config::default().with_poll_interval(Duration::from_secs(2));
                Box::new(PollWatcher::new(tx, config).ok()?) as Box<dyn Watcher + Send>
            }
        };
        let watched = paths
            .iter()
            .filter(|p| watcher.watch(p, RecursiveMode::Recursive).is_ok())
            .count();
        let roots = paths
            .iter()
            .map(|p| std::fs::canonicalize(p).unwrap_or_else(|_| p.clone()))
            .collect();
        let ignore = ignore.map(|d| std::fs::canonicalize(&d).unwrap_or(d));
        (watched > 0).then_some(Watch {
            _watcher: watcher,
            events,
            roots,
            ignore,
            changed: BTreeSet::new(),
            first: None,
            last: None,
        })
    }

    /// The files changed since the last reload, once the folders have been quiet.
    pub fn poll(&mut self) -> Option<Vec<PathBuf>> {
        while let Ok(event) = self.events.try_recv() {
            let Ok(event) = event else { continue };
            if !matters(&event.kind) {
                continue;
            }
            for path in event.paths {
                if self.ignored(&path) {
                    continue;
                }
                self.changed.insert(path);
                let now = Instant::now();
                self.first.get_or_insert(now);
                self.last = Some(now);
            }
        }
        let quiet = self.last.is_some_and(|t| t.elapsed() >= QUIET);
        let overdue = self.first.is_some_and(|t| t.elapsed() >= AT_MOST);
        if (quiet || overdue) && !self.changed.is_empty() {
            self.first = None;
            self.last = None;
            return Some(std::mem::take(&mut self.changed).into_iter().collect());
        }
        None
    }

    /// Whether changes are waiting for the folders to be quiet.
    pub fn pending(&self) -> bool {
        !self.changed.is_empty()
    }
}

/// Creations, writes, renames and removals; not reads or metadata alone.
fn matters(kind: &EventKind) -> bool {
    use notify::event::ModifyKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Modify(_) => true,
        _ => false,
    }
}

impl Watch {
    /// The index's own writes, and anything hidden below a watched folder (editors' swap
    /// files, `.git`), which the load skips too.
    fn ignored(&self, path: &Path) -> bool {
        if self.ignore.as_ref().is_some_and(|d| path.starts_with(d)) {
            return true;
        }
        let below = self
            .roots
            .iter()
            .find_map(|r| path.strip_prefix(r).ok())
            .unwrap_or(path);
        below
            .components()
            .any(|c| c.as_os_str().as_encoded_bytes().first() == Some(&b'.'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_file_is_noticed_once_the_folder_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        let mut watch = Watch::start(&[dir.path().to_path_buf()], None).expect("watch starts");
        std::fs::create_dir(dir.path().join(".git")).unwrap();
        std::fs::write(dir.path().join(".git/index"), "x").unwrap();
        std::fs::write(dir.path().join("a.txt"), "Thanh Hóa").unwrap();
        std::fs::write(dir.path().join(".a.txt.swp"), "x").unwrap();
        let start = Instant::now();
        let changed = loop {
            if let Some(c) = watch.poll() {
                break c;
            }
            assert!(start.elapsed() < Duration::from_secs(10), "no change seen");
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(changed.iter().all(|p| p.ends_with("a.txt")), "{changed:?}");
        assert!(watch.poll().is_none());
    }
}
