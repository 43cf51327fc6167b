//! Results remembered per text: checking after an edit (each keystroke in the app) reads again
//! only the texts that changed. Validation's character checks and the checks' per-text rules share it.

use std::collections::HashMap;
use std::sync::Mutex;

type Map<V> = HashMap<Box<str>, V, foldhash::fast::RandomState>;

/// A memo of values computed from a text (under a key naming the computation), emptied when the
/// texts it keeps pass `max_bytes`.
pub struct TextMemo<V> {
    map: Mutex<Option<(Map<V>, usize)>>,
    max_bytes: usize,
}

impl<V: Clone> TextMemo<V> {
    /// An empty memo keeping at most `max_bytes` of texts.
    pub const fn new(max_bytes: usize) -> Self {
        TextMemo { map: Mutex::new(None), max_bytes }
    }

    /// The value for `key` + `text`, computed by `compute` the first time.
    pub fn get(&self, key: &str, text: &str, compute: impl FnOnce() -> V) -> V {
        let mut k = String::with_capacity(key.len() + text.len());
        k.push_str(key);
        k.push_str(text);
        if let Some((map, _)) = &*self.lock() {
            if let Some(found) = map.get(k.as_str()) {
                return found.clone();
            }
        }
        // Computed without the lock: other threads check meanwhile.
        let found = compute();
        let mut memo = self.lock();
        let (map, bytes) = memo.get_or_insert_with(Default::default);
        if *bytes + k.len() > self.max_bytes {
            map.clear();
            *bytes = 0;
        }
        *bytes += k.len();
        map.insert(k.into(), found.clone());
        found
    }

    /// Forgets everything.
    pub fn clear(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Map<V>, usize)>> {
        self.map.lock().unwrap_or_else(|e| e.into_inner())
    }
}
