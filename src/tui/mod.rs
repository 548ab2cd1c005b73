//! The terminal explorer: tabbed tables (Provinces, Targets, Sectors, Documents, Legal)
//! with an accent-insensitive filter, previews, and detail views that trace every figure
//! back to its sentence.
//!
//! Shape: terminal events become [`Action`]s through the keymap table ([`keymap`]),
//! [`App::apply`] is the only code that changes state, and [`draw`] / [`render`] only read
//! it. Labels, search haystacks and cross-references are built once in [`App::new`]
//! (for a corpus from disk, on the loader thread with the corpus: [`Loading`]); a frame
//! builds only the rows on screen.

mod app;
mod clipboard;
mod compare;
mod content;
mod detail;
mod effect;
mod fit;
mod groups;
mod index;
pub mod keymap;
pub mod lang;
mod layout;
mod loading;
mod pane;
mod rich;
mod rows;
mod save;
mod sort;
mod target;
mod terminal;
mod theme;
mod ui;
mod watch;

use std::io;
use std::path::PathBuf;
use std::time::Duration;

use crossterm::event;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

pub use app::{App, Popup};
pub use effect::Effect;
pub use keymap::Action;
pub use loading::{Delivery, Loading, Model};
pub use target::{Tab, Target};
pub use theme::Theme;
pub use ui::{draw, render};

use crate::corpus::{Corpus, LoadOptions};

/// How long the loop waits for input while a background ranking runs: short, so that
/// its result shows within a frame or two.
const BUSY_POLL: Duration = Duration::from_millis(15);
/// How long it waits otherwise; bounds how late a termination signal is noticed, and
/// paces the progress line while a corpus loads.
const IDLE_POLL: Duration = Duration::from_millis(100);

/// Runs the explorer on `corpus` until the user quits or a termination signal arrives.
/// The terminal is restored on every way out, including errors and panics.
pub fn run(corpus: Corpus) -> crate::Result<()> {
    // Built before the terminal changes mode, so nothing here needs restoring.
    run_app(App::new(corpus))
}

/// Runs the explorer on the files and directories in `paths`, loaded on a background
/// thread: the first frame shows at once with a progress line, and the tables fill when
/// loading ends. A panic while loading ends the explorer with an error.
pub fn run_paths(paths: Vec<PathBuf>, opts: LoadOptions) -> crate::Result<()> {
    let loading = Loading::spawn(paths.clone(), opts.clone())?;
    let mut app = App::loading(loading);
    app.watch(paths, opts);
    run_app(app)
}

fn run_app(mut app: App) -> crate::Result<()> {
    let signals = terminal::Signals::register()?;
    let input = terminal::Input::open()?;
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    app.resize(size.width, size.height);
    let result = event_loop(&mut guard.terminal, &mut app, &signals, &input);
    if let Err(crate::Error::Terminal(e)) = &result {
        if terminal::is_hangup(e) {
            // Nobody is left to tell (not even ratatui, whose drop would complain on
            // stderr): end as the SIGHUP a terminal normally sends would.
            terminal::restore();
            drop(signals);
            terminal::die_of_hangup();
        }
    }
    drop(guard);
    result?;
    signals.finish()?;
    Ok(())
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    signals: &terminal::Signals,
    input: &terminal::Input,
) -> crate::Result<()> {
    let mut dirty = true;
    while !app.should_quit() && signals.received().is_none() {
        if dirty {
            frame(term, app)?;
            dirty = false;
        }
        let timeout = if app.busy() { BUSY_POLL } else { IDLE_POLL };
        if input.wait(timeout)? {
            // Handle everything already queued before drawing again, so a burst of keys
            // (a paste, key repeat) costs one frame.
            loop {
                dirty |= app.handle_event(&event::read()?);
                if app.should_quit() || !input.wait(Duration::ZERO)? {
                    break;
                }
            }
        }
        for e in app.take_effects() {
            dirty |= perform(e, term, app, signals)?;
        }
        dirty |= app.tick();
        if let Some(e) = app.take_load_error() {
            return Err(crate::Error::LoadFailed(e));
        }
    }
    Ok(())
}

/// Performs what an update asked for; true when the screen must be drawn again.
fn perform(
    e: Effect,
    term: &mut terminal::Term,
    app: &mut App,
    signals: &terminal::Signals,
) -> crate::Result<bool> {
    use std::io::Write;
    match e {
        Effect::Clipboard(text) => {
            let out = term.backend_mut();
            out.write_all(clipboard::osc52(&text).as_bytes())?;
            out.flush()?;
            Ok(false)
        }
        Effect::Export { table, tab, format } => {
            app.export_now(&table, tab, format);
            Ok(true)
        }
        Effect::Open { path, line } => {
            // The terminal is handed over as it was before the explorer, and taken back.
            let status = terminal::suspended(|| effect::open_command(&path, line).status())?;
            // Ctrl-C in the pager reached the explorer too; it was meant for the pager.
            signals.forget_interrupt();
            term.clear()?;
            app.note = match status {
                Ok(s) if s.success() => None,
                Ok(s) => Some(format!("{}: {s}", app.lang.t("the pager ended"))),
                Err(err) => Some(format!("{}: {err}", app.lang.t("cannot open a pager"))),
            };
            Ok(true)
        }
    }
}

/// One frame inside a synchronized update, so terminals that support it never show a
/// half-drawn screen.
fn frame(term: &mut terminal::Term, app: &App) -> io::Result<()> {
    crossterm::queue!(term.backend_mut(), BeginSynchronizedUpdate)?;
    term.draw(|f| draw(f, app))?;
    crossterm::execute!(term.backend_mut(), EndSynchronizedUpdate)
}
