//! The dashboard: business date, database status and the signed-in user.

pub mod page;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::StaffInfo;
use crate::error::AppError;
use crate::ktime::ClockView;
use crate::ops::DbStatus;

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The business clock.
    pub clock: ClockView,
    /// Primary, standby and replication.
    pub db: DbStatus,
    /// The signed-in user.
    pub staff: StaffInfo,
}

/// Loads the dashboard for any signed-in staff user.
#[server(prefix = "/api", endpoint = "load_dashboard", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_dashboard() -> Result<Dashboard, AppError> {
    use crate::request::services;
    use crate::request::with_status;
    with_status(
        async {
            let cap = crate::auth::guard::require_staff().await?;
            let services = services()?;
            let (clock, db) = futures::join!(
                services.ktime.view(&services.kdb),
                crate::kdb::status::probe(&services.kdb)
            );
            Ok(Dashboard {
                clock: clock?,
                db,
                staff: cap.staff,
            })
        }
        .await,
    )
}
