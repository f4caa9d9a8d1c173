//! The success message after an action: the action sends the browser to its result page with
//! `?done=<what>` (a word from the closed list [`DONE`], never data), and the frame shows that
//! word's translated message (`flash-<what>`) once, at the top of the page, as a
//! `role="status"` box. The same link works with and without JavaScript (a plain form post
//! gets a 302 to it, a hydrated form navigates to it). A failed action's error (`__err`, put
//! in the URL by the server-function machinery) hides an older success flag left in the
//! address, so a page never shows "done" and an error for one click.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The query parameter that names what was done.
pub const PARAM: &str = "done";

/// Everything an action can report as done; each has the message `flash-<word>` in every
/// language. Anything else in `?done=` shows nothing (a typed-in address cannot make the page
/// say something it has no message for).
pub const DONE: &[&str] = &[
    // Portal orders.
    "order-captured",
    "order-refunded",
    "order-cancelled",
    "order-released",
    // API keys (portal and staff).
    "key-created",
    "key-revoked",
    // Merchants (staff).
    "merchant-created",
    "merchant-saved",
    "agreement-added",
    "user-created",
    // Bookkeeping.
    "account-added",
    "account-renamed",
    "entry-reversed",
    "day-closed",
    // Customers, credit rules, settings.
    "address-added",
    "ruleset-created",
    "ruleset-saved",
    "ruleset-activated",
    "clock-changed",
    // Portal batches.
    "batch-uploaded",
];

/// The message id of `done`, if it is one of [`DONE`].
pub fn message_id(done: &str) -> Option<String> {
    DONE.contains(&done).then(|| format!("flash-{done}"))
}

/// `path` (a local path, maybe with a query) with `done=<done>` set, and without what an
/// earlier action left in it (its `done`, the framework's `__err`/`__path`) or a
/// confirmation step (`confirm`, `revoke`, `close`).
pub fn with_done(path: &str, done: &str) -> String {
    debug_assert!(DONE.contains(&done), "{done} has no flash message");
    let (base, query) = path.split_once('?').unwrap_or((path, ""));
    let mut parts: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("");
            !p.is_empty()
                && ![PARAM, "__err", "__path", "confirm", "revoke", "close"].contains(&key)
        })
        .collect();
    let flag = format!("{PARAM}={done}");
    parts.push(&flag);
    format!("{base}?{}", parts.join("&"))
}

/// The local path (and query) of the page the form was posted from, when the browser said so
/// and it is on this site; else `fallback`.
#[cfg(feature = "ssr")]
pub fn referer_or(fallback: &str) -> String {
    use http::request::Parts;
    let from = use_context::<Parts>().and_then(|p| {
        let host = p
            .headers
            .get(http::header::HOST)?
            .to_str()
            .ok()?
            .to_string();
        let referer = p.headers.get(http::header::REFERER)?.to_str().ok()?;
        let rest = referer
            .strip_prefix("https://")
            .or_else(|| referer.strip_prefix("http://"))?;
        let path = rest.strip_prefix(host.as_str())?;
        (path.starts_with('/') && !path.starts_with("//")).then(|| path.to_string())
    });
    from.unwrap_or_else(|| fallback.to_string())
}

/// Sends the browser to `path` with the success flag `done` (a 302 for a plain form post; a
/// hydrated form follows it client-side).
#[cfg(feature = "ssr")]
pub fn redirect_done(path: &str, done: &str) {
    leptos_axum::redirect(&with_done(path, done));
}

/// Sends the browser back to the page the form came from (or `fallback`) with `done`.
#[cfg(feature = "ssr")]
pub fn back_done(fallback: &str, done: &str) {
    redirect_done(&referer_or(fallback), done);
}

/// The success box of the current address's `?done=`, if any (and no error beside it).
#[component]
pub fn Flash() -> impl IntoView {
    let query = use_query_map();
    move || {
        query.with(|q| {
            if q.get("__err").is_some() {
                return None;
            }
            let id = message_id(&q.get(PARAM)?)?;
            Some(view! {
                <div class="alert alert-success flash" role="status" data-testid="flash">{t_owned(id)}</div>
            })
        })
    }
}

/// [`t`] for a message id made at run time.
fn t_owned(id: String) -> impl Fn() -> String + Send + Sync + 'static {
    let lang = crate::i18n::use_lang();
    move || crate::i18n::tr(lang.get(), &id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_replaces_old_flags_errors_and_confirmation_steps() {
        assert_eq!(
            with_done("/portal/orders/x", "order-captured"),
            "/portal/orders/x?done=order-captured"
        );
        assert_eq!(
            with_done(
                "/merchants/1?done=merchant-saved&__err=abc&__path=/api/x&tab=keys&revoke=k",
                "key-revoked"
            ),
            "/merchants/1?tab=keys&done=key-revoked"
        );
    }

    #[test]
    fn only_known_words_have_a_message() {
        assert_eq!(
            message_id("order-cancelled").as_deref(),
            Some("flash-order-cancelled")
        );
        assert_eq!(message_id("<script>"), None);
    }
}
