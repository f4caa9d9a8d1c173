//! Shared UI pieces: the back-office layout and small components, the list-page kit, the
//! confirmation step, the success message and forms that keep what was typed.

pub mod components;
pub mod confirm;
pub mod flash;
pub mod form;
pub mod layout;
pub mod list;
