//! Server functions of the ruleset and decision screens. Admins edit and activate; support
//! and finance read (including the backtest, which writes nothing). Every function checks the
//! caller's role first.

use leptos::prelude::*;

use super::types::{
    BacktestReport, CompileMessage, DecisionDetail, DecisionSummary, RulesetSummary, RulesetView,
};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    pub use crate::auth::guard::require_role;
    pub use crate::auth::Role;
    pub use crate::kdb::ScopedFutureExt;
    pub use crate::request::services;
    pub use crate::request::with_status;

    /// Everyone who may read rulesets and decisions.
    pub const READERS: &[Role] = &[Role::Admin, Role::Support, Role::Finance];
    /// Everyone who may change rulesets.
    pub const EDITORS: &[Role] = &[Role::Admin];

    /// A form's id field.
    pub fn parse_id(text: &str) -> Result<i64, crate::error::AppError> {
        text.trim()
            .parse()
            .map_err(|_| crate::error::AppError::invalid("id", "ERR_NOT_FOUND"))
    }

    /// A trimmed, non-empty query field.
    pub fn nonempty(s: Option<String>) -> Option<String> {
        s.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
    }
}

/// Every ruleset version. Seeds the country defaults first if the store is empty, so a fresh
/// installation shows (and decides with) sensible rules even before the server seeded them.
#[server(prefix = "/api", endpoint = "credit_rulesets", input = leptos::server_fn::codec::GetUrl)]
pub async fn list_rulesets() -> Result<Vec<RulesetSummary>, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let s = services()?;
            let seeded = s
                .kdb
                .read_primary(|c| async move { super::store::any(c).await }.scope_boxed())
                .await?;
            if !seeded {
                super::store::seed_defaults(&s.kdb, &s.ktime).await?;
            }
            Ok(s.kdb
                .read_primary(|c| async move { super::store::list(c).await }.scope_boxed())
                .await?)
        }
        .await,
    )
}

/// One version with its compile errors and its diff against `against` (default: the active
/// version of its country and product).
#[server(prefix = "/api", endpoint = "credit_ruleset", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_ruleset(id: i64, against: Option<i64>) -> Result<RulesetView, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(READERS).await?;
            let kdb = services()?.kdb;
            let (view, other) = kdb
                .read_primary(|c| {
                    async move {
                        let Some((summary, source)) = super::store::get(c, id).await? else {
                            return Ok(None);
                        };
                        let other = match against {
                            Some(o) => super::store::get(c, o).await?,
                            None => {
                                super::store::active(c, &summary.country, summary.product).await?
                            }
                        };
                        Ok::<_, crate::kdb::KdbError>(Some(((summary, source), other)))
                    }
                    .scope_boxed()
                })
                .await?
                .ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))?;
            let (summary, source) = view;
            let other = other.filter(|(o, _)| o.id != summary.id);
            let diff = other
                .as_ref()
                .map(|(_, old)| super::diff::line_diff(old, &source))
                .unwrap_or_default();
            Ok(RulesetView {
                errors: super::store::check_source(&source),
                can_edit: cap.staff.role == Role::Admin,
                compared_with: other.map(|(o, _)| o),
                diff,
                summary,
                source,
            })
        }
        .await,
    )
}

/// Creates a draft of (country, product) from the active version or the country default, and
/// goes to its editor (admin).
#[server(prefix = "/api", endpoint = "credit_ruleset_draft")]
pub async fn create_draft(country: String, product: String) -> Result<i64, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let country = super::types::parse_country(&country)
                .ok_or_else(|| AppError::invalid("policy_country", "ERR_INVALID_CHOICE"))?;
            let product = super::types::Product::parse(&product)
                .ok_or_else(|| AppError::invalid("policy_product", "ERR_INVALID_CHOICE"))?;
            let s = services()?;
            let (ctx, ktime) = (&cap.ctx, &s.ktime);
            let id = s
                .kdb
                .write(|c| {
                    async move { super::store::create_draft(c, ctx, ktime, country, product).await }
                        .scope_boxed()
                })
                .await?;
            crate::ui::flash::redirect_done(&format!("/credit/rulesets/{id}"), "ruleset-created");
            Ok(id)
        }
        .await,
    )
}

/// Saves a draft's source, even when it does not compile; returns its compile errors (admin).
#[server(prefix = "/api", endpoint = "credit_ruleset_save")]
pub async fn save_ruleset(id: String, source: String) -> Result<Vec<CompileMessage>, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = parse_id(&id)?;
            // Browsers post textareas with CRLF line ends; store what people see.
            let source = source.replace("\r\n", "\n");
            let kdb = services()?.kdb;
            let (ctx, source) = (&cap.ctx, &source);
            let messages = kdb
                .write(|c| {
                    async move { super::store::save_draft(c, ctx, id, source).await }.scope_boxed()
                })
                .await?;
            crate::ui::flash::back_done(&format!("/credit/rulesets/{id}"), "ruleset-saved");
            Ok(messages)
        }
        .await,
    )
}

/// Activates a draft that compiles, retiring the previous active version (admin).
#[server(prefix = "/api", endpoint = "credit_ruleset_activate")]
pub async fn activate_ruleset(id: String) -> Result<RulesetSummary, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = parse_id(&id)?;
            let s = services()?;
            let (ctx, ktime) = (&cap.ctx, &s.ktime);
            let active = s
                .kdb
                .write(|c| {
                    async move { super::store::activate(c, ctx, ktime, id).await }.scope_boxed()
                })
                .await?;
            crate::ui::flash::back_done(&format!("/credit/rulesets/{id}"), "ruleset-activated");
            Ok(active)
        }
        .await,
    )
}

/// Replays the last `limit` decisions (default 1000) of the ruleset's country and product
/// through it.
#[server(prefix = "/api", endpoint = "credit_backtest", input = leptos::server_fn::codec::GetUrl)]
pub async fn run_backtest(id: i64, limit: Option<String>) -> Result<BacktestReport, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let limit = match nonempty(limit) {
                None => 1000,
                Some(l) => l
                    .parse::<i64>()
                    .ok()
                    .filter(|n| (1..=super::backtest::MAX_DECISIONS).contains(n))
                    .ok_or_else(|| AppError::invalid("backtest_limit", "ERR_INVALID_COUNT"))?,
            };
            let kdb = services()?.kdb;
            Ok(kdb
                .read_primary(|c| {
                    async move { super::backtest::backtest(c, id, limit).await }.scope_boxed()
                })
                .await?)
        }
        .await,
    )
}

/// The decision log, newest first, filtered by customer key, order reference, outcome,
/// reason and country; 50 a page.
#[server(prefix = "/api", endpoint = "credit_decisions", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_decisions(
    customer: Option<String>,
    order: Option<String>,
    outcome: Option<String>,
    reason: Option<String>,
    country: Option<String>,
    before_id: Option<i64>,
) -> Result<Vec<DecisionSummary>, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let outcome =
                match nonempty(outcome) {
                    None => None,
                    Some(o) => Some(super::decisions::parse_outcome(&o).ok_or_else(|| {
                        AppError::invalid("decision_outcome", "ERR_INVALID_CHOICE")
                    })?),
                };
            let filter = super::decisions::DecisionFilter {
                customer_key: nonempty(customer),
                order_ref: nonempty(order),
                outcome,
                reason: nonempty(reason).map(|r| r.to_ascii_uppercase()),
                country: nonempty(country).map(|c| c.to_ascii_uppercase()),
                before_id,
            };
            let kdb = services()?.kdb;
            let filter = &filter;
            Ok(kdb
                .read(|c| async move { super::decisions::search(c, filter).await }.scope_boxed())
                .await?)
        }
        .await,
    )
}

/// One decision with its facts and fired rules.
#[server(prefix = "/api", endpoint = "credit_decision", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_decision(id: i64) -> Result<DecisionDetail, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let kdb = services()?.kdb;
            kdb.read(|c| async move { super::decisions::detail(c, id).await }.scope_boxed())
                .await?
                .ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))
        }
        .await,
    )
}
