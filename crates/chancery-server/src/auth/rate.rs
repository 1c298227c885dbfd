//! Rate limits, kept in memory (per server process; they reset when it restarts).
//!
//! - **Sign-in failures** ([`LoginLimiter`]): at most [`LOGIN_FAILURES`] failed sign-ins per
//!   [`LOGIN_WINDOW`] per account name and per client address; beyond that every sign-in of
//!   that account or from that address — right password or not — is answered 429 with
//!   `Retry-After` until the oldest failure leaves the window. A success clears the
//!   account's count (not the address's).
//! - **The JSON API** ([`ApiLimiter`]): a token bucket per API token (requests with
//!   `Authorization: Bearer`) or per client address (all others), refilled at
//!   [`ApiRate::per_minute`] requests a minute and holding at most [`ApiRate::burst`];
//!   an empty bucket is answered 429 with `Retry-After`. `chancery serve` turns it on
//!   (600 a minute, bursts of 120, `--api-rate-limit`); the reading room's pages are not
//!   limited (anonymous pages are cheap and cached).
//!
//! Client addresses are the TCP peer's: behind a reverse proxy every request comes from the
//! proxy, so let the proxy limit by address (or raise the API limit).

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failed sign-ins allowed per window, per account and per address.
pub const LOGIN_FAILURES: usize = 5;

/// The window of sign-in failures.
pub const LOGIN_WINDOW: Duration = Duration::from_secs(60);

/// Beyond this many keys, entries that no longer limit anything are dropped.
const MAX_KEYS: usize = 10_000;

/// Failed sign-ins by key (`account:NAME`, `address:IP`).
#[derive(Debug, Default)]
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl LoginLimiter {
    /// How long to wait before any of `keys` may try again, if one is over the limit.
    pub fn blocked(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let mut map = lock(&self.failures);
        let mut wait: Option<Duration> = None;
        for key in keys {
            let Some(times) = map.get_mut(key) else {
                continue;
            };
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) >= LOGIN_WINDOW)
            {
                times.pop_front();
            }
            if times.len() >= LOGIN_FAILURES
                && let Some(oldest) = times.front()
            {
                let left = LOGIN_WINDOW.saturating_sub(now.duration_since(*oldest));
                wait = Some(wait.map_or(left, |w| w.max(left)));
            }
        }
        wait
    }

    /// Counts a failed sign-in against each of `keys`.
    pub fn failed(&self, keys: &[String]) {
        let now = Instant::now();
        let mut map = lock(&self.failures);
        if map.len() > MAX_KEYS {
            map.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|t| now.duration_since(*t) < LOGIN_WINDOW)
            });
        }
        for key in keys {
            let times = map.entry(key.clone()).or_default();
            times.push_back(now);
            while times.len() > LOGIN_FAILURES {
                times.pop_front();
            }
        }
    }

    /// Forgets the failures of `key` (after a successful sign-in of that account).
    pub fn clear(&self, key: &str) {
        lock(&self.failures).remove(key);
    }
}

/// The API's rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiRate {
    /// Requests a minute, sustained.
    pub per_minute: u32,
    /// Requests at once, after a quiet spell.
    pub burst: u32,
}

impl Default for ApiRate {
    fn default() -> Self {
        Self {
            per_minute: 600,
            burst: 120,
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Token buckets by key (`token:ID-HASH`, `address:IP`); with no rate, nothing is limited.
#[derive(Debug, Default)]
pub struct ApiLimiter {
    rate: Option<ApiRate>,
    buckets: Mutex<HashMap<String, Bucket>>,
}

impl ApiLimiter {
    /// A limiter at `rate` (`None`: no limit).
    pub fn new(rate: Option<ApiRate>) -> Self {
        Self {
            rate: rate.filter(|r| r.per_minute > 0 && r.burst > 0),
            buckets: Mutex::default(),
        }
    }

    /// The rate, if any.
    pub fn rate(&self) -> Option<ApiRate> {
        self.rate
    }

    /// Takes one request from `key`'s bucket, or says how long until one is there.
    pub fn take(&self, key: &str) -> Result<(), Duration> {
        let Some(rate) = self.rate else {
            return Ok(());
        };
        let per_second = f64::from(rate.per_minute) / 60.0;
        let burst = f64::from(rate.burst);
        let now = Instant::now();
        let mut map = lock(&self.buckets);
        if map.len() > MAX_KEYS {
            // Full buckets limit nothing: drop them.
            map.retain(|_, b| {
                b.tokens + now.duration_since(b.at).as_secs_f64() * per_second < burst
            });
        }
        let bucket = map.entry(key.to_string()).or_insert(Bucket {
            tokens: burst,
            at: now,
        });
        bucket.tokens =
            (bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second).min(burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / per_second))
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match mutex.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// Seconds for `Retry-After`: whole, at least one.
pub fn retry_after_seconds(wait: Duration) -> u64 {
    wait.as_secs_f64().ceil().max(1.0) as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_the_account_and_the_address() {
        let limiter = LoginLimiter::default();
        let keys = vec!["account:alice".to_string(), "address:1.2.3.4".to_string()];
        for _ in 0..LOGIN_FAILURES {
            assert!(limiter.blocked(&keys).is_none());
            limiter.failed(&keys);
        }
        let wait = limiter.blocked(&keys).unwrap();
        assert!(wait <= LOGIN_WINDOW && wait > Duration::from_secs(50));
        // Another account from the same address is blocked too; the same account elsewhere too.
        assert!(
            limiter
                .blocked(&["account:bob".into(), "address:1.2.3.4".into()])
                .is_some()
        );
        assert!(
            limiter
                .blocked(&["account:alice".into(), "address:5.6.7.8".into()])
                .is_some()
        );
        limiter.clear("account:alice");
        assert!(
            limiter
                .blocked(&["account:alice".into(), "address:5.6.7.8".into()])
                .is_none()
        );
        assert_eq!(retry_after_seconds(Duration::from_millis(1)), 1);
    }

    #[test]
    fn buckets_allow_a_burst_then_the_rate() {
        let limiter = ApiLimiter::new(Some(ApiRate {
            per_minute: 60,
            burst: 3,
        }));
        for _ in 0..3 {
            assert!(limiter.take("a").is_ok());
        }
        let wait = limiter.take("a").unwrap_err();
        assert!(wait <= Duration::from_secs(1), "{wait:?}");
        assert!(limiter.take("b").is_ok(), "buckets are per key");
        let off = ApiLimiter::new(None);
        for _ in 0..1000 {
            assert!(off.take("a").is_ok());
        }
    }
}
