//! The terminal explorer: tabbed tables (Provinces, Targets, Sectors, Documents, Legal)
//! with an accent-insensitive filter, previews, and detail views that trace every figure
//! back to its sentence.
//!
//! Shape: terminal events become [`Action`]s through the keymap table ([`keymap`]),
//! [`App::apply`] is the only code that changes state, and [`draw`] / [`render`] only read
//! it. Labels, search haystacks and cross-references are built once in [`App::new`]; a
//! frame builds only the rows on screen.

mod app;
mod compare;
mod content;
mod detail;
mod fit;
mod groups;
mod index;
pub mod keymap;
pub mod lang;
mod pane;
mod rich;
mod rows;
mod save;
mod target;
mod terminal;
mod theme;
mod ui;

use std::io;
use std::time::Duration;

use crossterm::event;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};

pub use app::{App, Popup};
pub use keymap::Action;
pub use target::{Tab, Target};
pub use theme::Theme;
pub use ui::{draw, render};

use crate::corpus::Corpus;

/// How long the loop waits for input while a background ranking runs: short, so that
/// its result shows within a frame or two.
const BUSY_POLL: Duration = Duration::from_millis(15);
/// How long it waits otherwise; bounds how late a termination signal is noticed.
const IDLE_POLL: Duration = Duration::from_millis(100);

/// Runs the explorer on `corpus` until the user quits or a termination signal arrives.
/// The terminal is restored on every way out, including errors and panics.
pub fn run(corpus: Corpus) -> crate::Result<()> {
    // Built before the terminal changes mode, so nothing here needs restoring.
    let mut app = App::new(corpus);
    let signals = terminal::Signals::register()?;
    let mut guard = terminal::Guard::enter()?;
    let size = guard.terminal.size()?;
    app.resize(size.width, size.height);
    let result = event_loop(&mut guard.terminal, &mut app, &signals);
    drop(guard);
    result?;
    signals.finish()?;
    Ok(())
}

fn event_loop(
    term: &mut terminal::Term,
    app: &mut App,
    signals: &terminal::Signals,
) -> io::Result<()> {
    let mut dirty = true;
    while !app.should_quit() && signals.received().is_none() {
        if dirty {
            frame(term, app)?;
            dirty = false;
        }
        let timeout = if app.busy() { BUSY_POLL } else { IDLE_POLL };
        if wait(timeout)? {
            // Handle everything already queued before drawing again, so a burst of keys
            // (a paste, key repeat) costs one frame.
            loop {
                dirty |= app.handle_event(&event::read()?);
                if app.should_quit() || !wait(Duration::ZERO)? {
                    break;
                }
            }
        }
        dirty |= app.tick();
    }
    Ok(())
}

/// Whether an event is ready; a signal interrupting the wait is not an error.
fn wait(timeout: Duration) -> io::Result<bool> {
    match event::poll(timeout) {
        Err(e) if e.kind() == io::ErrorKind::Interrupted => Ok(false),
        other => other,
    }
}

/// One frame inside a synchronized update, so terminals that support it never show a
/// half-drawn screen.
fn frame(term: &mut terminal::Term, app: &App) -> io::Result<()> {
    crossterm::queue!(term.backend_mut(), BeginSynchronizedUpdate)?;
    term.draw(|f| draw(f, app))?;
    crossterm::execute!(term.backend_mut(), EndSynchronizedUpdate)
}
