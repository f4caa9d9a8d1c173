//! The merchant portal (`/portal`): merchant users sign in with their own logins (table
//! `merchant_users`, separate from staff) and see only their own merchant's data.
//!
//! It shares the session machinery with the back office (the same tower-sessions store and
//! cookie) but keeps its sign-in under its own session key, so a staff session never counts
//! as a merchant session and a merchant session never opens a staff page.

pub mod api_keys;
#[cfg(feature = "ssr")]
pub mod api_keys_handoff;
pub mod api_keys_page;
pub mod batches;
pub mod batches_page;
pub mod layout;
pub mod login_page;
pub mod orders;
pub mod server_fns;

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod login;

use serde::{Deserialize, Serialize};

/// What a merchant user may do in the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PortalRole {
    /// Everything in the portal, including creating and revoking API keys.
    Owner,
    /// Day-to-day work: reads everything, but cannot manage credentials.
    Staff,
}

impl PortalRole {
    /// The database spelling (`merchant_users.role`).
    pub fn as_str(self) -> &'static str {
        match self {
            PortalRole::Owner => "owner",
            PortalRole::Staff => "staff",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<PortalRole> {
        [PortalRole::Owner, PortalRole::Staff]
            .into_iter()
            .find(|r| r.as_str() == s)
    }

    /// The Fluent id of the role's name.
    pub fn message_id(self) -> &'static str {
        match self {
            PortalRole::Owner => "portal-role-owner",
            PortalRole::Staff => "portal-role-staff",
        }
    }
}

/// The signed-in merchant user as portal pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalUser {
    /// Merchant user id.
    pub id: uuid::Uuid,
    /// The merchant the user belongs to: every portal query is scoped by this id, taken from
    /// the session, never from the browser.
    pub merchant_id: uuid::Uuid,
    /// The merchant's legal name, shown in the portal frame.
    pub merchant_name: String,
    /// The merchant's country (ISO code): the portal shows times on its wall clock.
    pub country: String,
    /// Role.
    pub role: PortalRole,
    /// Login e-mail.
    pub email: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// The UI language of this session (merchant users have no stored preference yet).
    pub lang: crate::i18n::Lang,
}

/// Session keys (server side). Deliberately different from [`crate::auth::keys::STAFF`].
#[cfg(feature = "ssr")]
pub mod keys {
    /// The signed-in merchant user ([`super::guard::SessionMerchantUser`]).
    pub const MERCHANT_USER: &str = "merchant_user";
    /// Why the last batch upload was refused, for the list page the browser is sent back to.
    pub const BATCH_UPLOAD_FAILURE: &str = "portal_batch_upload_failure";
}

/// The portal's sign-in page.
pub const LOGIN_PATH: &str = "/portal/login";
/// The portal's home page.
pub const HOME_PATH: &str = "/portal";
/// The API credentials page.
pub const API_KEYS_PATH: &str = "/portal/api-keys";

/// Whether `path` is a portal page (the login gate sends these to the portal's own login).
pub fn is_portal_path(path: &str) -> bool {
    path == HOME_PATH || path.starts_with("/portal/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_their_database_spelling() {
        for r in [PortalRole::Owner, PortalRole::Staff] {
            assert_eq!(PortalRole::parse(r.as_str()), Some(r));
        }
        assert_eq!(PortalRole::parse("admin"), None);
    }

    #[test]
    fn portal_paths() {
        assert!(is_portal_path("/portal"));
        assert!(is_portal_path("/portal/api-keys"));
        assert!(is_portal_path(LOGIN_PATH));
        assert!(!is_portal_path("/portals"));
        assert!(!is_portal_path("/merchants"));
        assert!(!is_portal_path("/"));
    }
}
