//! Server functions of the provider call log screen: support and admins read it (it shows no
//! personal data, but it is an operations view, not a finance one); nothing here writes.

use leptos::prelude::*;

use super::stats::ProviderLog;
use crate::error::AppError;

/// The last 24 hours per provider and operation, and the latest calls filtered by provider
/// and outcome (empty = all). Read from the standby: a statistics page may lag a moment.
#[server(prefix = "/api", endpoint = "credit_provider_log", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_provider_log(
    provider: Option<String>,
    outcome: Option<String>,
) -> Result<ProviderLog, AppError> {
    use super::stats::{latest_calls, window_stats, CallFilter, OUTCOMES};
    use crate::auth::guard::require_role;
    use crate::auth::Role;
    use crate::kdb::{KdbError, ScopedFutureExt};
    use crate::request::services;
    use crate::request::with_status;
    /// Longest provider name accepted in the filter (names are short identifiers).
    const MAX_PROVIDER: usize = 100;

    with_status(
        async {
            require_role(&[Role::Admin, Role::Support]).await?;
            let nonempty =
                |s: Option<String>| s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
            let provider = nonempty(provider);
            if provider
                .as_ref()
                .is_some_and(|p| p.chars().count() > MAX_PROVIDER)
            {
                return Err(AppError::invalid("provider_name", "ERR_INVALID_CHOICE"));
            }
            let outcome = match nonempty(outcome) {
                Some(o) if OUTCOMES.iter().any(|(value, _)| *value == o) => Some(o),
                Some(_) => return Err(AppError::invalid("provider_outcome", "ERR_INVALID_CHOICE")),
                None => None,
            };
            let filter = CallFilter { provider, outcome };
            let kdb = services()?.kdb;
            let filter = &filter;
            let (stats, calls) = kdb
                .read(|c| {
                    async move {
                        let stats = window_stats(c).await?;
                        let calls = latest_calls(c, filter).await?;
                        Ok::<_, KdbError>((stats, calls))
                    }
                    .scope_boxed()
                })
                .await?;
            let mut providers: Vec<String> = stats.iter().map(|s| s.provider.clone()).collect();
            providers.extend(filter.provider.clone());
            providers.sort();
            providers.dedup();
            Ok(ProviderLog {
                stats,
                calls,
                providers,
            })
        }
        .await,
    )
}
