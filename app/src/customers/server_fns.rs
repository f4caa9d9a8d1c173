//! Server functions of the customer screens (support, finance and admin).

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::types::{AddressRecord, CustomerSummary};
use crate::error::AppError;

/// The customer page: the only place the national id is shown in clear.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerPageData {
    /// Summary (masked id).
    pub summary: CustomerSummary,
    /// The national id in clear.
    pub national_id: String,
    /// Age today (business date).
    pub age: Option<u32>,
    /// Address history, newest first.
    pub addresses: Vec<AddressRecord>,
}

/// The last customer search of this session (kept in the session, not the URL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CustomerSearch {
    /// Name, e-mail or national id as typed.
    pub q: String,
    /// Country of an exact national-id search; empty for a name search.
    pub country: String,
    /// The customers found (masked ids).
    pub results: Vec<CustomerSummary>,
}

/// Session key of the last search.
#[cfg(feature = "ssr")]
const SEARCH_KEY: &str = "customer_search";

/// Customers by name or e-mail, or by exact national id (`country` + `q`). A POST, so a
/// national id never appears in a URL (browser history, proxy logs, Referer headers); the
/// search is kept in the session for the page to show (also after a plain no-JS form post,
/// which comes back to `/customers`).
#[server(prefix = "/api", endpoint = "customers_search")]
pub async fn search_customers(
    q: Option<String>,
    country: Option<String>,
) -> Result<CustomerSearch, AppError> {
    with_readers(async {
        let q = q
            .unwrap_or_default()
            .trim()
            .chars()
            .take(200)
            .collect::<String>();
        let country = country.unwrap_or_default().trim().to_string();
        let internal = |_| AppError::Internal {
            correlation_id: crate::request::request_id(),
        };
        crate::request::session()
            .await?
            .insert(SEARCH_KEY, (&q, &country))
            .await
            .map_err(internal)?;
        run_search(q, country).await
    })
    .await
}

/// The session's last customer search, run again (`None` before the first search).
#[server(prefix = "/api", endpoint = "customers_last_search", input = leptos::server_fn::codec::GetUrl)]
pub async fn last_customer_search() -> Result<Option<CustomerSearch>, AppError> {
    with_readers(async {
        let internal = |_| AppError::Internal {
            correlation_id: crate::request::request_id(),
        };
        let last = crate::request::session()
            .await?
            .get::<(String, String)>(SEARCH_KEY)
            .await
            .map_err(internal)?;
        match last {
            Some((q, country)) if !q.is_empty() => Ok(Some(run_search(q, country).await?)),
            _ => Ok(None),
        }
    })
    .await
}

#[cfg(feature = "ssr")]
async fn run_search(q: String, country: String) -> Result<CustomerSearch, AppError> {
    use crate::kdb::ScopedFutureExt;
    let s = crate::request::services()?;
    let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
    let exact = crate::merchants::parse_country(&country)
        .and_then(|c| super::national_id::NationalId::parse(c, q.trim(), today).ok());
    let (q_ref, exact) = (&q, exact.as_ref());
    let results = s
        .kdb
        .read(|c| async move { super::records::search(c, q_ref, exact).await }.scope_boxed())
        .await?;
    Ok(CustomerSearch {
        q,
        country,
        results,
    })
}

/// One customer with the clear national id and the address history. Every such view is
/// audited (`customer.national_id_viewed`: who, which customer, when), so who looked at whose
/// national id can be answered.
#[server(prefix = "/api", endpoint = "customers_detail", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_customer(id: String) -> Result<CustomerPageData, AppError> {
    use crate::auth::Role;
    use crate::kdb::ScopedFutureExt;
    crate::request::with_status(
        async {
            let cap =
                crate::auth::guard::require_role(&[Role::Admin, Role::Support, Role::Finance])
                    .await?;
            let s = crate::request::services()?;
            let id: uuid::Uuid = id
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("id", "ERR_NOT_FOUND"))?;
            let today = s.ktime.today(&s.kdb, crate::ktime::Country::SE).await?;
            let found = s
                .kdb
                .read_primary(|c| async move { super::records::by_id(c, id).await }.scope_boxed())
                .await?;
            let (summary, national_id) =
                found.ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))?;
            let age = crate::merchants::parse_country(&summary.country)
                .and_then(|c| super::national_id::NationalId::parse(c, &national_id, today).ok())
                .map(|n| n.age_on(today));
            let addresses = s
                .kdb
                .read_primary(|c| {
                    async move { super::addresses::history(c, id).await }.scope_boxed()
                })
                .await?;
            let (ctx, id_text) = (&cap.ctx, &id.to_string());
            s.kdb
                .write(|c| {
                    async move {
                        crate::kdb::audit::record(
                            c,
                            ctx,
                            crate::kdb::audit::AuditEntry {
                                action: "customer.national_id_viewed",
                                entity_type: "customer",
                                entity_id: id_text,
                                before: None,
                                after: None,
                            },
                        )
                        .await
                    }
                    .scope_boxed()
                })
                .await?;
            Ok(CustomerPageData {
                summary,
                national_id,
                age,
                addresses,
            })
        }
        .await,
    )
}

/// The customer page's orders, credit decisions (`customer_key` = the customer id), open
/// invoices and current exposure in the customer's currency.
#[server(prefix = "/api", endpoint = "customers_activity", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_customer_activity(
    id: String,
) -> Result<crate::orders::staff::types::CustomerActivity, AppError> {
    use crate::kdb::ScopedFutureExt;
    with_readers(async {
        let s = crate::request::services()?;
        let id: uuid::Uuid = id
            .trim()
            .parse()
            .map_err(|_| AppError::invalid("id", "ERR_NOT_FOUND"))?;
        let kt = &s.ktime;
        s.kdb
            .read(|c| async move { activity(c, kt, id).await }.scope_boxed())
            .await?
            .ok_or_else(|| AppError::invalid("id", "ERR_NOT_FOUND"))
    })
    .await
}

#[cfg(feature = "ssr")]
async fn activity(
    c: &mut crate::kdb::Conn,
    kt: &crate::ktime::Ktime,
    id: uuid::Uuid,
) -> Result<Option<crate::orders::staff::types::CustomerActivity>, crate::kdb::KdbError> {
    use crate::orders::staff::queries as q;
    use diesel::prelude::*;
    use diesel_async::RunQueryDsl;
    let country: Option<String> = super::schema::customers::table
        .find(id)
        .select(super::schema::customers::country)
        .first(c)
        .await
        .optional()?;
    let Some(country) = country.and_then(|c| crate::ktime::Country::parse_code(&c)) else {
        return Ok(None);
    };
    let currency = crate::orders::validate::currency_of(country).code();
    let now = kt.now_in(c).await?;
    let today = country.date_at(now);
    Ok(Some(crate::orders::staff::types::CustomerActivity {
        orders: q::customer_orders(c, id).await?,
        decisions: q::customer_decisions(c, id).await?,
        open_invoices: q::customer_open_invoices(c, id, today).await?,
        exposure: q::exposure(c, id, currency, now).await?,
    }))
}

/// Staff record a new address (verified after checking with the customer).
#[server(prefix = "/api", endpoint = "customers_add_address")]
pub async fn add_address(
    id: String,
    care_of: Option<String>,
    street: String,
    postal_code: String,
    city: String,
    country: String,
) -> Result<(), AppError> {
    use crate::auth::Role;
    use crate::kdb::ScopedFutureExt;
    crate::request::with_status(
        async {
            let cap = crate::auth::guard::require_role(&[Role::Admin, Role::Support]).await?;
            let id: uuid::Uuid = id
                .trim()
                .parse()
                .map_err(|_| AppError::invalid("id", "ERR_NOT_FOUND"))?;
            let address = super::types::Address::parse(
                care_of.as_deref().unwrap_or(""),
                &street,
                &postal_code,
                &city,
                &country,
            )?;
            let s = crate::request::services()?;
            let (address, ctx, kt) = (&address, &cap.ctx, &s.ktime);
            s.kdb
                .write(|c| {
                    async move {
                        super::addresses::record(
                            c,
                            ctx,
                            kt,
                            id,
                            address,
                            super::types::AddressSource::Staff,
                            true,
                        )
                        .await
                        .map(|_| ())
                    }
                    .scope_boxed()
                })
                .await?;
            crate::ui::flash::back_done(&format!("/customers/{id}"), "address-added");
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
async fn with_readers<T>(
    body: impl std::future::Future<Output = Result<T, AppError>>,
) -> Result<T, AppError> {
    use crate::auth::Role;
    crate::request::with_status(
        async {
            crate::auth::guard::require_role(&[Role::Admin, Role::Support, Role::Finance]).await?;
            body.await
        }
        .await,
    )
}
