//! Running third-party parsers on untrusted files without letting them take the
//! process down.
//!
//! The PDF and Word readers are large and were not written for hostile input: a
//! malformed file can make them panic. [`contained`] turns such a panic into an error
//! for that one file, and keeps its message off the terminal (the explorer may be
//! drawing there, and `check` prints the reason on the file's own line).

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Whether the current thread is inside [`contained`]: panic hooks stay quiet then.
pub fn active() -> bool {
    CONTAINED.with(Cell::get)
}

/// Runs `f`; a panic in it comes back as `Err(message)`.
pub fn contained<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !active() {
                previous(info);
            }
        }));
    });
    let was = CONTAINED.with(|c| c.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_an_error_and_the_flag_is_reset() {
        assert_eq!(contained(|| 7), Ok(7));
        let e = contained(|| -> u8 { panic!("bad xref {}", 3) });
        assert_eq!(e, Err("bad xref 3".to_string()));
        assert!(!active());
    }
}
