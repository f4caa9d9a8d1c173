//! Server functions of the merchant screens (admin edits; support and finance read). Each
//! edit that worked sends the browser to the merchant page with its success message
//! (`ui::flash`); revoking a key needs its confirmation step first (`ui::confirm`); a failed
//! registration keeps what was typed (`ui::form`).

use leptos::prelude::*;

use super::types::{Agreement, AgreementPreview, Merchant, MerchantDetail, MerchantUserInfo};
use crate::error::AppError;

#[cfg(feature = "ssr")]
mod imp {
    pub use crate::auth::guard::require_role;
    pub use crate::auth::Role;
    pub use crate::error::AppError;
    pub use crate::kdb::ScopedFutureExt;
    pub use crate::merchants::store::to_app_error;
    pub use crate::request::{services, with_status};

    pub const READERS: &[Role] = &[Role::Admin, Role::Support, Role::Finance];
    pub const EDITORS: &[Role] = &[Role::Admin];

    /// The id under which the registration form parks what was typed.
    pub const CREATE_FORM: &str = "create-merchant";

    pub fn merchant_id(text: &str) -> Result<uuid::Uuid, AppError> {
        text.trim()
            .parse()
            .map_err(|_| AppError::invalid("id", "ERR_NOT_FOUND"))
    }
}

/// Merchants matching a search text (name or org number).
#[server(prefix = "/api", endpoint = "merchants_search", input = leptos::server_fn::codec::GetUrl)]
pub async fn search_merchants(q: Option<String>) -> Result<Vec<Merchant>, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let q = q.unwrap_or_default();
            let q = &q;
            Ok(services()?
                .kdb
                .read(|c| async move { crate::merchants::store::search(c, q).await }.scope_boxed())
                .await?)
        }
        .await,
    )
}

/// Registers a merchant (admin).
#[server(prefix = "/api", endpoint = "merchants_create")]
pub async fn create_merchant(
    legal_name: String,
    org_nr: String,
    country: String,
    currency: String,
    contact_email: String,
    contact_phone: Option<String>,
) -> Result<Merchant, AppError> {
    use imp::*;
    let phone = contact_phone.clone().unwrap_or_default();
    let typed = [
        ("legal_name", legal_name.as_str()),
        ("org_nr", org_nr.as_str()),
        ("country", country.as_str()),
        ("currency", currency.as_str()),
        ("contact_email", contact_email.as_str()),
        ("contact_phone", phone.as_str()),
    ];
    let result = async {
        let cap = require_role(EDITORS).await?;
        let form = super::types::MerchantForm::parse(
            &legal_name,
            &org_nr,
            &country,
            &currency,
            &contact_email,
            contact_phone.as_deref().unwrap_or(""),
        )?;
        let id = uuid::Uuid::new_v4();
        let (form, ctx) = (&form, &cap.ctx);
        let m = services()?
            .kdb
            .write(|c| {
                async move { crate::merchants::store::create(c, ctx, id, form).await }.scope_boxed()
            })
            .await
            .map_err(to_app_error)?;
        crate::ui::flash::redirect_done(&format!("/merchants/{}", m.id), "merchant-created");
        Ok(m)
    }
    .await;
    with_status(crate::ui::form::keep_on_error(CREATE_FORM, &typed, result).await)
}

/// Edits a merchant's record and status (admin).
#[server(prefix = "/api", endpoint = "merchants_update")]
#[allow(clippy::too_many_arguments)]
pub async fn update_merchant(
    id: String,
    legal_name: String,
    org_nr: String,
    country: String,
    currency: String,
    contact_email: String,
    contact_phone: Option<String>,
    status: String,
) -> Result<Merchant, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = merchant_id(&id)?;
            let form = super::types::MerchantForm::parse(
                &legal_name,
                &org_nr,
                &country,
                &currency,
                &contact_email,
                contact_phone.as_deref().unwrap_or(""),
            )?;
            let status = super::types::MerchantStatus::parse(status.trim())
                .ok_or_else(|| AppError::invalid("status", "ERR_INVALID_CHOICE"))?;
            let (form, ctx) = (&form, &cap.ctx);
            let saved = services()?
                .kdb
                .write(|c| {
                    async move { crate::merchants::store::update(c, ctx, id, form, status).await }
                        .scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            crate::ui::flash::redirect_done(&format!("/merchants/{id}"), "merchant-saved");
            Ok(saved)
        }
        .await,
    )
}

/// The merchant page's data.
#[server(prefix = "/api", endpoint = "merchants_detail", input = leptos::server_fn::codec::GetUrl)]
pub async fn load_merchant(id: String) -> Result<MerchantDetail, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(READERS).await?;
            let id = merchant_id(&id)?;
            services()?
                .kdb
                .read_primary(|c| {
                    async move { crate::merchants::detail::detail(c, id).await }.scope_boxed()
                })
                .await
                .map_err(to_app_error)
        }
        .await,
    )
}

/// Checks a new agreement version without saving it (admin), for the confirm page: every
/// invalid field at once, or the terms that change from the latest version. A GET, so the
/// "review" step works as a plain link/form without JavaScript.
#[server(prefix = "/api", endpoint = "merchants_preview_agreement", input = leptos::server_fn::codec::GetUrl)]
#[allow(clippy::too_many_arguments)]
pub async fn preview_agreement(
    id: String,
    valid_from: String,
    invoice_fee: String,
    commission_percent: String,
    commission_fixed: String,
    payment_terms_days: String,
    authorization_days: String,
    settlement_schedule: String,
    payout_account: String,
    reminder_fees: Option<String>,
) -> Result<AgreementPreview, AppError> {
    use imp::*;
    with_status(
        async {
            require_role(EDITORS).await?;
            let id = merchant_id(&id)?;
            let detail = services()?
                .kdb
                .read_primary(|c| {
                    async move { crate::merchants::detail::detail(c, id).await }.scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            let base = detail.agreements.first().cloned();
            let mut problems: Vec<(String, String)> = Vec::new();
            let date = chrono::NaiveDate::parse_from_str(valid_from.trim(), "%Y-%m-%d").ok();
            match (date, &base) {
                (None, _) => problems.push(("valid_from".into(), "ERR_INVALID_DATE".into())),
                (Some(d), Some(b)) if d <= b.valid_from => {
                    problems.push(("valid_from".into(), "ERR_AGREEMENT_DATE".into()))
                }
                _ => {}
            }
            let checked = super::types::Terms::check(&super::types::TermsForm {
                invoice_fee: &invoice_fee,
                commission_percent: &commission_percent,
                commission_fixed: &commission_fixed,
                payment_terms_days: &payment_terms_days,
                authorization_days: &authorization_days,
                settlement_schedule: &settlement_schedule,
                payout_account: &payout_account,
                reminder_fees: reminder_fees.is_some(),
            });
            let terms = match checked {
                Ok(t) => Some(t),
                Err(p) => {
                    problems.extend(p.into_iter().map(|(f, c)| (f.to_string(), c.to_string())));
                    None
                }
            };
            let changed = match (&terms, &base) {
                (Some(t), Some(b)) => b.terms.changed(t),
                (Some(_), None) => super::types::TERM_FIELDS.to_vec(),
                _ => Vec::new(),
            };
            let input = [
                ("valid_from", valid_from),
                ("invoice_fee", invoice_fee),
                ("commission_percent", commission_percent),
                ("commission_fixed", commission_fixed),
                ("payment_terms_days", payment_terms_days),
                ("authorization_days", authorization_days),
                ("settlement_schedule", settlement_schedule),
                ("payout_account", payout_account),
                ("reminder_fees", reminder_fees.unwrap_or_default()),
            ]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
            Ok(AgreementPreview {
                merchant: detail.merchant,
                base,
                input,
                proposed: match (date, terms) {
                    (Some(d), Some(t)) if problems.is_empty() => Some((d, t)),
                    _ => None,
                },
                problems,
                changed: changed.into_iter().map(str::to_string).collect(),
            })
        }
        .await,
    )
}

/// Adds an agreement version valid from a business date (admin). `based_on` is the version
/// the confirm page showed the diff against: if another version was added meanwhile, the
/// diff is stale and nothing is saved (checked under the merchant's row lock).
#[server(prefix = "/api", endpoint = "merchants_add_agreement")]
#[allow(clippy::too_many_arguments)]
pub async fn add_agreement(
    id: String,
    valid_from: String,
    invoice_fee: String,
    commission_percent: String,
    commission_fixed: String,
    payment_terms_days: String,
    authorization_days: String,
    settlement_schedule: String,
    payout_account: String,
    reminder_fees: Option<String>,
    based_on: Option<String>,
) -> Result<Agreement, AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = merchant_id(&id)?;
            let valid_from = chrono::NaiveDate::parse_from_str(valid_from.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("valid_from", "ERR_INVALID_DATE"))?;
            // The review page listed every problem; a post that still has one (edited by hand,
            // or sent without the review) is refused on its first field.
            let terms = super::types::Terms::check(&super::types::TermsForm {
                invoice_fee: &invoice_fee,
                commission_percent: &commission_percent,
                commission_fixed: &commission_fixed,
                payment_terms_days: &payment_terms_days,
                authorization_days: &authorization_days,
                settlement_schedule: &settlement_schedule,
                payout_account: &payout_account,
                reminder_fees: reminder_fees.is_some(),
            })
            .map_err(|problems| {
                let (field, code) = problems.first().copied().unwrap_or_default();
                AppError::invalid(field, code)
            })?;
            // "" or "0": the diff was shown against no version (a first agreement).
            let based_on = match based_on.as_deref().map(str::trim) {
                None => None,
                Some("") | Some("0") => Some(0),
                Some(v) => Some(
                    v.parse::<i32>()
                        .map_err(|_| AppError::invalid("based_on", "ERR_AGREEMENT_CHANGED"))?,
                ),
            };
            let (terms, ctx) = (&terms, &cap.ctx);
            let added = services()?
                .kdb
                .write(|c| {
                    async move {
                        crate::merchants::agreements::add_after(
                            c, ctx, id, based_on, valid_from, terms,
                        )
                        .await
                    }
                    .scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            // Back to the merchant page, where the new version is listed.
            crate::ui::flash::redirect_done(&format!("/merchants/{id}"), "agreement-added");
            Ok(added)
        }
        .await,
    )
}

/// Creates an API credential (admin); returns `(key id, secret)`: the secret is shown once.
#[server(prefix = "/api", endpoint = "merchants_create_key")]
pub async fn create_api_key(id: String, label: String) -> Result<(String, String), AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = merchant_id(&id)?;
            let label = label.trim().to_string();
            if label.is_empty() {
                return Err(AppError::invalid("label", "ERR_REQUIRED"));
            }
            let (key_id, secret) = crate::merchants::credentials::generate();
            let (label_ref, key_ref, secret_ref, ctx) = (&label, &key_id, &secret, &cap.ctx);
            services()?
                .kdb
                .write(|c| {
                    async move {
                        crate::merchants::credentials::create(
                            c, ctx, id, label_ref, key_ref, secret_ref,
                        )
                        .await
                    }
                    .scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            // A hydrated page shows the secret from the answer; a plain post can only be told
            // that the key exists (the secret is not carried through a redirect).
            if crate::request::accepts_html() {
                crate::ui::flash::redirect_done(&format!("/merchants/{id}"), "key-created");
            }
            Ok((key_id, secret))
        }
        .await,
    )
}

/// Revokes an API credential (admin), once confirmed: without `confirmed` it only sends the
/// browser to the confirmation step on the merchant page it came from.
#[server(prefix = "/api", endpoint = "merchants_revoke_key")]
pub async fn revoke_api_key(key_id: String, confirmed: Option<String>) -> Result<(), AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let from = crate::ui::flash::referer_or("/merchants");
            if !crate::ui::confirm::is_confirmed(confirmed.as_deref()) {
                let page = from.split('?').next().unwrap_or("/merchants");
                let key: String = key_id
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                leptos_axum::redirect(&format!("{page}?revoke={key}"));
                return Ok(());
            }
            let (key, ctx) = (&key_id, &cap.ctx);
            services()?
                .kdb
                .write(|c| {
                    async move { crate::merchants::credentials::revoke(c, ctx, key).await }
                        .scope_boxed()
                })
                .await
                .map_err(to_app_error)?;
            crate::ui::flash::redirect_done(&from, "key-revoked");
            Ok(())
        }
        .await,
    )
}

/// Creates a portal user (admin); returns it with the generated password, shown once.
#[server(prefix = "/api", endpoint = "merchants_create_user")]
pub async fn create_merchant_user(
    id: String,
    email: String,
    role: String,
) -> Result<(MerchantUserInfo, String), AppError> {
    use imp::*;
    with_status(
        async {
            let cap = require_role(EDITORS).await?;
            let id = merchant_id(&id)?;
            let created = crate::merchants::users::create_with_password(
                &services()?.kdb,
                &cap.ctx,
                id,
                &email,
                role.trim(),
            )
            .await?;
            // As for keys: a plain post can only be told that the user exists.
            if crate::request::accepts_html() {
                crate::ui::flash::redirect_done(&format!("/merchants/{id}"), "user-created");
            }
            Ok(created)
        }
        .await,
    )
}
