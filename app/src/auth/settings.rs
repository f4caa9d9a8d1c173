//! Login and session rules, as configured (`SESSION_*`, `LOGIN_*`); below the login throttle
//! that applies them and the services that carry them.

use std::time::Duration;

/// Login and session rules.
#[derive(Debug, Clone)]
pub struct AuthSettings {
    /// A session unused this long is gone.
    pub idle_timeout: Duration,
    /// A session is gone this long after login, used or not.
    pub absolute_timeout: Duration,
    /// Wrong passwords for one e-mail from one IP address before each further attempt from
    /// there waits (1 s, doubling); there is no lock-out anyone else could trigger.
    pub free_failures: u32,
    /// The longest such wait.
    pub max_delay: Duration,
    /// Login attempts per minute from one IP address (also the burst), checked before hashing.
    pub per_ip_per_minute: u32,
    /// Login attempts per second from everyone together (burst twice that).
    pub global_per_second: u32,
    /// Password hashes computed at once (argon2 needs ~19 MiB each); the rest wait.
    pub hash_concurrency: usize,
}

impl Default for AuthSettings {
    fn default() -> Self {
        AuthSettings {
            idle_timeout: Duration::from_secs(30 * 60),
            absolute_timeout: Duration::from_secs(12 * 3600),
            free_failures: 3,
            max_delay: Duration::from_secs(15 * 60),
            per_ip_per_minute: 20,
            global_per_second: 20,
            hash_concurrency: std::thread::available_parallelism().map_or(2, |n| n.get()),
        }
    }
}
