//! Staff users, login, sessions and roles.

#[cfg(feature = "ssr")]
pub mod guard;
#[cfg(feature = "ssr")]
pub mod login;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod password;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod session_store;
#[cfg(feature = "ssr")]
pub mod settings;
#[cfg(feature = "ssr")]
pub mod staff;
#[cfg(feature = "ssr")]
pub mod throttle;

use serde::{Deserialize, Serialize};

/// What a staff user may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Everything, including users, settings and the business clock.
    Admin,
    /// Customer service: customers, invoices, cases.
    Support,
    /// Finance: payments, settlements, bookkeeping.
    Finance,
}

impl Role {
    /// Every role, for forms and validation.
    pub const ALL: [Role; 3] = [Role::Admin, Role::Support, Role::Finance];

    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Support => "support",
            Role::Finance => "finance",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// A signed-in staff user as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInfo {
    /// Staff user id.
    pub id: uuid::Uuid,
    /// Login e-mail.
    pub email: String,
    /// Name shown in the UI.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Preferred UI language (restored at login).
    pub lang: crate::i18n::Lang,
}

/// Session keys (server side).
#[cfg(feature = "ssr")]
pub mod keys {
    /// The signed-in staff user ([`super::guard::SessionStaff`]).
    pub const STAFF: &str = "staff";
    /// The chosen UI language (`sv` / `en`).
    pub const LANG: &str = "lang";
    /// The CSRF token bound to this session (set at login; see the server's CSRF middleware).
    pub const CSRF: &str = "csrf";
}

#[cfg(test)]
mod tests {
    use super::Role;

    #[test]
    fn roles_round_trip_their_database_spelling() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
