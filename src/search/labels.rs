//! A tab's search labels, which a large corpus builds after its first frame.
//!
//! Folding two million figure labels takes seconds on two cores; the table needs none of
//! it (rows, sort and selection come from the corpus), only the filter does. So a tab with
//! many entities shows at once, its labels are filled in by a thread of their own, and a
//! query typed before then is ranked when they arrive.

use super::*;

pub struct Labels {
    len: usize,
    hay: OnceLock<Arc<Vec<Haystack>>>,
    lock: Mutex<()>,
    filled: Condvar,
}

impl Labels {
    /// Labels already built.
    pub fn ready(hay: Vec<Haystack>) -> Arc<Labels> {
        let labels = Labels::pending(hay.len());
        labels.fill(hay);
        labels
    }

    /// `len` labels still to come through [`Labels::fill`].
    pub fn pending(len: usize) -> Arc<Labels> {
        Arc::new(Labels {
            len,
            hay: OnceLock::new(),
            lock: Mutex::new(()),
            filled: Condvar::new(),
        })
    }

    /// Hands the labels over; the first call wins. A count other than the one promised
    /// is padded or cut, so that an entity's index is always its label's.
    pub fn fill(&self, mut hay: Vec<Haystack>) {
        hay.resize_with(self.len, || Haystack::new(""));
        let _ = self.hay.set(Arc::new(hay));
        // Taken so that a waiter between its check and its wait is not missed.
        let _guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        self.filled.notify_all();
    }

    /// How many entities the labels are for, whether or not they are built yet.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The labels, once built.
    pub fn get(&self) -> Option<&Arc<Vec<Haystack>>> {
        self.hay.get()
    }

    /// The labels, waiting for them if need be.
    pub fn wait(&self) -> &Arc<Vec<Haystack>> {
        let mut guard = self.lock.lock().unwrap_or_else(|e| e.into_inner());
        loop {
            if let Some(hay) = self.hay.get() {
                return hay;
            }
            guard = self.filled.wait(guard).unwrap_or_else(|e| e.into_inner());
        }
    }

    /// Builds the labels on a thread of their own (inline when no thread can be had),
    /// from `label` of each entity. Called once what needs the cores first is done (the
    /// explorer's tables): the build then takes the pool. A label that panics leaves
    /// every label empty: the filter then finds nothing in this tab, rather than the
    /// explorer waiting on it for ever.
    pub fn build_later(self: &Arc<Self>, label: impl Fn(usize) -> String + Send + Sync + 'static) {
        let n = self.len;
        let filler = Arc::clone(self);
        let label = Arc::new(label);
        let build = {
            let label = Arc::clone(&label);
            move || {
                let hay = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    Haystack::build_from(n, |i| label(i))
                }))
                .unwrap_or_default();
                filler.fill(hay);
            }
        };
        let spawned = std::thread::Builder::new()
            .name("vnie-labels".into())
            .spawn(build);
        if spawned.is_err() {
            self.fill(Haystack::build_from(n, |i| label(i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_waiter_gets_the_labels_filled_on_another_thread() {
        let labels = Labels::pending(3);
        assert_eq!(labels.len(), 3);
        assert!(labels.get().is_none());
        labels.build_later(|i| format!("Nhãn {i}"));
        let hay = labels.wait();
        assert_eq!(hay.len(), 3);
        assert_eq!(&*hay[2].folded, "nhan 2");
    }

    #[test]
    fn a_label_that_panics_leaves_empty_labels_not_a_wait_for_ever() {
        let labels = Labels::pending(2);
        labels.build_later(|i| if i == 1 { panic!("label") } else { "a".into() });
        let hay = labels.wait();
        assert_eq!(hay.len(), 2);
        assert!(hay.iter().all(|h| h.folded.is_empty()));
    }
}
