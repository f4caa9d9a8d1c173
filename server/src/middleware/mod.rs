//! HTTP middleware: request ids, logs and metrics; CSRF; the login gate for pages.

pub mod csrf;
pub mod gate;
pub mod observe;
