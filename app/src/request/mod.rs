//! The current HTTP request. What the server's middleware decides about it and the pages
//! need in both builds (the CSRF token forms echo, the language) is defined here, below the
//! pages and components that read it; behind `ssr`, what server functions see of the request
//! ([`ssr`]: request id, session, services) and how a failure answers it ([`failure`]).

use crate::i18n::Lang;

#[cfg(feature = "ssr")]
mod failure;
#[cfg(feature = "ssr")]
mod ssr;
#[cfg(feature = "ssr")]
pub use failure::with_status;
#[cfg(feature = "ssr")]
pub use ssr::*;

/// The CSRF token forms must echo back (double-submit: it equals the `kreditor_csrf` cookie).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsrfToken(pub String);

/// The language chosen by the server middleware for this request (session, else
/// `Accept-Language`, else Swedish).
#[derive(Debug, Clone, Copy)]
pub struct RequestLang(pub Lang);
