//! Time as a parameter: the store asks a [`Clock`] for the time of every write, so tests (and
//! embargo or datestamp logic built on the store) can set it.

use std::sync::{Mutex, PoisonError};

use jiff::{SignedDuration, Timestamp};

/// A source of the current time.
pub trait Clock: Send + Sync {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A clock that says what it was last set to, for tests.
///
/// ```
/// use chancery_store::{Clock, FixedClock};
///
/// let clock = FixedClock::new("1950-06-27T12:00:00Z".parse().unwrap());
/// clock.advance(jiff::SignedDuration::from_secs(60));
/// assert_eq!(clock.now().to_string(), "1950-06-27T12:01:00Z");
/// ```
#[derive(Debug)]
pub struct FixedClock {
    now: Mutex<Timestamp>,
}

impl FixedClock {
    /// A clock stopped at `now`.
    pub fn new(now: Timestamp) -> Self {
        Self {
            now: Mutex::new(now),
        }
    }

    /// Sets the time.
    pub fn set(&self, now: Timestamp) {
        // A poisoned lock only means another test thread panicked; the timestamp is still whole.
        *self.now.lock().unwrap_or_else(PoisonError::into_inner) = now;
    }

    /// Moves the time forward (or back, for a negative duration). The time stays put when the
    /// result would leave the range of timestamps.
    pub fn advance(&self, by: SignedDuration) {
        let mut now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        if let Ok(later) = now.checked_add(by) {
            *now = later;
        }
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        *self.now.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
