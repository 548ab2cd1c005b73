//! Owning the terminal: raw mode, the alternate screen and mouse capture on the way in,
//! and the way back out on every exit path — a normal return, an early `?` (the guard's
//! `Drop`), a panic (the hook restores before the message prints), SIGTERM / SIGHUP /
//! SIGINT (a flag the event loop checks), and a terminal that goes away without a signal
//! ([`Input`] reports the hang-up).

use std::fs::File;
use std::io::{self, Read, Stdout, Write};
use std::os::fd::{AsRawFd, RawFd};
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, Once, OnceLock};
use std::thread::ThreadId;
use std::time::Duration;

use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    disable_raw_mode, enable_raw_mode, EnterAlternateScreen, LeaveAlternateScreen,
};
use ratatui::backend::CrosstermBackend;
use ratatui::Terminal;

/// Set while the terminal is in the explorer's modes, so that restoring is done once and
/// only when needed.
static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// The thread that entered the explorer's modes: the one whose panic ends the explorer.
static OWNER: OnceLock<ThreadId> = OnceLock::new();
/// Panics of other threads while the explorer owns the screen, printed once it is
/// restored: written at the time, they would scribble over the alternate screen and be
/// wiped with it.
static DEFERRED: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Leaves raw mode, the alternate screen and mouse capture, and shows the cursor; then
/// prints the panic messages of other threads held back meanwhile. Safe to call any
/// number of times, from any thread.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = disable_raw_mode();
        let _ = execute!(
            io::stdout(),
            DisableMouseCapture,
            LeaveAlternateScreen,
            crossterm::cursor::Show
        );
    }
    let held = std::mem::take(&mut *DEFERRED.lock().unwrap_or_else(|e| e.into_inner()));
    for msg in held {
        let _ = writeln!(io::stderr(), "{msg}");
    }
}

/// On the owning thread: restores the terminal before the previous hook prints the panic,
/// so the message lands on the normal screen instead of being wiped with the alternate
/// one. On another thread (the loader, a ranking) while the explorer runs: holds the
/// message back for [`restore`]; that thread's owner turns the panic into an error.
fn install_panic_hook() {
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A parser's panic on one bad file is that file's error, not the explorer's.
            if crate::contain::active() {
                return;
            }
            let me = std::thread::current();
            let owner = OWNER.get().is_none_or(|&id| id == me.id());
            if ACTIVE.load(Ordering::SeqCst) && !owner {
                let name = me.name().unwrap_or("<unnamed>").to_string();
                DEFERRED
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(format!("thread '{name}' {info}"));
                return;
            }
            restore();
            previous(info);
        }));
    });
}

pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// The terminal in the explorer's modes; dropping it restores the terminal.
pub struct Guard {
    pub terminal: Term,
}

impl Guard {
    pub fn enter() -> io::Result<Guard> {
        install_panic_hook();
        let _ = OWNER.set(std::thread::current().id());
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // From here on a failure must undo what was done; `restore` does.
        let entered = execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)
            .and_then(|_| Terminal::new(CrosstermBackend::new(io::stdout())));
        match entered {
            Ok(terminal) => Ok(Guard { terminal }),
            Err(e) => {
                restore();
                Err(e)
            }
        }
    }
}

/// Runs `f` with the terminal as it was before the explorer (cooked mode, main screen,
/// no mouse capture), for a pager or an editor, then takes the explorer's modes back.
pub fn suspended<T>(f: impl FnOnce() -> T) -> io::Result<T> {
    disable_raw_mode()?;
    execute!(
        io::stdout(),
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    )?;
    let out = f();
    enable_raw_mode()?;
    execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    Ok(out)
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

/// Termination signals turned into a flag for the event loop; the handlers are removed
/// again on drop.
pub struct Signals {
    /// The number of the last signal received, 0 for none.
    received: Arc<AtomicUsize>,
    ids: Vec<signal_hook::SigId>,
}

impl Signals {
    pub fn register() -> io::Result<Signals> {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let received = Arc::new(AtomicUsize::new(0));
        let mut ids = Vec::new();
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            ids.push(signal_hook::flag::register_usize(
                sig,
                Arc::clone(&received),
                sig as usize,
            )?);
        }
        Ok(Signals { received, ids })
    }

    /// Forgets a SIGINT: one typed in a program the terminal was handed to.
    pub fn forget_interrupt(&self) {
        let int = signal_hook::consts::SIGINT as usize;
        let _ = self
            .received
            .compare_exchange(int, 0, Ordering::SeqCst, Ordering::SeqCst);
    }

    pub fn received(&self) -> Option<i32> {
        match self.received.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }

    /// Once the terminal is restored: dies of the signal that stopped the explorer, as
    /// its default action would have, so the parent sees the usual status (143 for
    /// SIGTERM). Returns when no signal arrived.
    pub fn finish(self) -> io::Result<()> {
        let sig = self.received();
        drop(self);
        match sig {
            Some(sig) => signal_hook::low_level::emulate_default_handler(sig),
            None => Ok(()),
        }
    }
}

impl Drop for Signals {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            signal_hook::low_level::unregister(id);
        }
    }
}

/// How long the hang-up watchdog lets the event loop notice a hang-up itself before it
/// ends the process.
const HANGUP_GRACE: Duration = Duration::from_secs(2);

/// Exit status after a hang-up the event loop could not act on: what dying of SIGHUP
/// gives in a shell.
const HANGUP_STATUS: i32 = 128 + libc::SIGHUP;

/// Waiting for terminal input without trusting crossterm with a dead terminal.
///
/// When the terminal goes away (terminal emulator or tmux server killed, ssh dropped)
/// and no SIGHUP arrives (the explorer is not in the terminal's foreground session, or
/// the shell that would forward it was killed), every `read` of the tty returns 0 or
/// EIO at once. crossterm 0.28's `event::poll`/`read` retry such reads in a loop without
/// returning (`UnixInternalEventSource::try_read` only leaves its read loop on
/// `WouldBlock`), so the explorer would spin at 100 % CPU forever. `Input` therefore
/// waits with its own `poll(2)` on the tty, which reports the hang-up as `POLLHUP`, and
/// calls crossterm only when input is ready. SIGWINCH wakes the wait through a pipe, so
/// crossterm's resize event is not delayed.
///
/// A watchdog thread covers the short moments the event loop spends inside crossterm:
/// if the tty hangs up and the terminal is still in the explorer's modes after
/// [`HANGUP_GRACE`], it ends the process.
pub struct Input {
    tty: RawFd,
    /// `/dev/tty`, opened when standard input is not the terminal (as crossterm does).
    _owned: Option<Arc<File>>,
    winch: UnixStream,
    winch_id: signal_hook::SigId,
}

impl Input {
    pub fn open() -> io::Result<Input> {
        // SAFETY: isatty only inspects the descriptor.
        let (tty, owned) = if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
            (libc::STDIN_FILENO, None)
        } else {
            let f = Arc::new(File::options().read(true).write(true).open("/dev/tty")?);
            (f.as_raw_fd(), Some(f))
        };
        let (rx, tx) = UnixStream::pair()?;
        rx.set_nonblocking(true)?;
        tx.set_nonblocking(true)?;
        let winch_id = signal_hook::low_level::pipe::register(libc::SIGWINCH, tx)?;
        let keep = owned.clone();
        // Without the watchdog the explorer still works; it only loses the safety net.
        let _ = std::thread::Builder::new()
            .name("vnie-hangup".into())
            .spawn(move || watchdog(tty, keep));
        Ok(Input {
            tty,
            _owned: owned,
            winch: rx,
            winch_id,
        })
    }

    /// Waits up to `timeout` for an event. Ok(true) when `crossterm::event::read` has one
    /// ready; Ok(false) on timeout or when a signal interrupted the wait; an error
    /// (`BrokenPipe`) when the terminal has hung up.
    pub fn wait(&self, timeout: Duration) -> io::Result<bool> {
        // Events crossterm has already parsed (a paste, a burst of keys) come first; the
        // hang-up check before it keeps crossterm away from a dead tty.
        if self.poll_fds(Duration::ZERO)?.0 && event::poll(Duration::ZERO)? {
            return Ok(true);
        }
        let (tty, winch) = self.poll_fds(timeout)?;
        if winch {
            let mut sink = [0u8; 64];
            while matches!((&self.winch).read(&mut sink), Ok(n) if n > 0) {}
        }
        if tty || winch {
            return match event::poll(Duration::ZERO) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
                other => other,
            };
        }
        Ok(false)
    }

    /// One `poll(2)` on the tty and the SIGWINCH pipe: (tty readable, window resized),
    /// both false on timeout or interruption; an error when the tty has hung up.
    /// `Duration::ZERO` only checks for a hang-up and reports the tty as readable.
    fn poll_fds(&self, timeout: Duration) -> io::Result<(bool, bool)> {
        let mut fds = [
            libc::pollfd {
                fd: self.tty,
                events: libc::POLLIN,
                revents: 0,
            },
            libc::pollfd {
                fd: self.winch.as_raw_fd(),
                events: libc::POLLIN,
                revents: 0,
            },
        ];
        let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is a valid array of two pollfd for the duration of the call.
        let n = unsafe { libc::poll(fds.as_mut_ptr(), 2, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok((false, false))
            } else {
                Err(e)
            };
        }
        if hung_up(fds[0].revents) {
            return Err(hangup_error());
        }
        let tty = timeout.is_zero() || fds[0].revents & libc::POLLIN != 0;
        Ok((tty, fds[1].revents & libc::POLLIN != 0))
    }
}

impl Drop for Input {
    fn drop(&mut self) {
        signal_hook::low_level::unregister(self.winch_id);
    }
}

fn hung_up(revents: libc::c_short) -> bool {
    revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
}

pub fn hangup_error() -> io::Error {
    io::Error::new(io::ErrorKind::BrokenPipe, "the terminal hung up")
}

/// Whether `e` is the error [`Input::wait`] or a write to a dead terminal gives.
pub fn is_hangup(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe || e.raw_os_error() == Some(libc::EIO)
}

/// Blocks until the tty reports a hang-up (a `poll` asking for no events still reports
/// `POLLHUP`/`POLLERR`), then gives the event loop [`HANGUP_GRACE`] to leave on its own
/// and ends the process if the explorer still holds the terminal.
fn watchdog(tty: RawFd, _keep: Option<Arc<File>>) {
    loop {
        let mut fd = libc::pollfd {
            fd: tty,
            events: 0,
            revents: 0,
        };
        // SAFETY: one valid pollfd; the descriptor stays open (stdin, or `_keep`).
        let n = unsafe { libc::poll(&mut fd, 1, -1) };
        if n > 0 && hung_up(fd.revents) {
            break;
        }
        if n < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
            return;
        }
    }
    std::thread::sleep(HANGUP_GRACE);
    if ACTIVE.load(Ordering::SeqCst) {
        restore();
        die_of_hangup();
    }
}

/// Ends the process as SIGHUP's default action would (status 129 in a shell).
pub fn die_of_hangup() -> ! {
    let _ = signal_hook::low_level::emulate_default_handler(libc::SIGHUP);
    std::process::exit(HANGUP_STATUS)
}
