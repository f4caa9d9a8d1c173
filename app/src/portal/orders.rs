//! The portal's order screens: the list (`/portal`), one order (`/portal/orders/:id`) and the
//! actions taken from it. The three files sit beside this one in `portal/`.

#[path = "order_actions.rs"]
pub mod order_actions;
#[path = "order_page.rs"]
pub mod order_page;
#[path = "orders_list.rs"]
pub mod orders_list;

pub use orders_list::PortalOrdersPage;
