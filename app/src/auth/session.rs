//! Starting a signed-in session, the same way for both kinds of user (staff and merchant
//! portal users share the session cookie).

use rand::RngCore;
use tower_sessions::Session;

use super::keys;
use crate::error::AppError;
use crate::request::request_id;

/// A fresh CSRF token: 32 random bytes as 64 hex characters.
pub fn new_csrf_token() -> String {
    let mut bytes = [0u8; 32];
    rand::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Clears whatever the session held (a staff user *and* a merchant user: one login never
/// inherits the other kind's sign-in), gives it a new id (defeats session fixation) and a new
/// CSRF token bound to it (a token seen before login is worthless after it). Only the chosen
/// language survives. The caller then stores who signed in.
pub async fn begin(session: &Session) -> Result<(), AppError> {
    let internal = |_| AppError::Internal {
        correlation_id: request_id(),
    };
    let lang = session.get::<String>(keys::LANG).await.map_err(internal)?;
    session.clear().await;
    session.cycle_id().await.map_err(internal)?;
    session
        .insert(keys::CSRF, new_csrf_token())
        .await
        .map_err(internal)?;
    if let Some(lang) = lang {
        session.insert(keys::LANG, lang).await.map_err(internal)?;
    }
    Ok(())
}
