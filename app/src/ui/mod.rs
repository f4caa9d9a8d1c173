//! Shared UI pieces: the back-office layout and small components.

pub mod components;
pub mod layout;
pub mod list;
