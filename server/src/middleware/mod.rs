//! HTTP middleware: request ids, logs and metrics; security headers; CSRF; the login gate for
//! pages; control characters in forms and query strings.

pub mod csrf;
pub mod gate;
pub mod observe;
pub mod security_headers;
pub mod text;
