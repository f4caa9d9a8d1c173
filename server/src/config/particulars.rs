//! Kreditor's particulars printed on invoices (`COMPANY_*`, `PAY_*`, `SERVICE_*`): read from
//! the environment over the example values, validated all at once, and required in production
//! so no customer is ever told to pay the example accounts.

use app::documents::company::{service_vars, Particulars};
use app::ktime::AppEnv;

use super::{var, ConfigError};

#[cfg(test)]
mod tests;

/// The variables production must set: the accounts customers pay into and the identity on
/// every invoice.
const REQUIRED_IN_PRODUCTION: [&str; 8] = [
    "COMPANY_ORG_NR",
    "COMPANY_VAT_NR",
    "PAY_SE_BANKGIRO",
    "PAY_NO_ACCOUNT",
    "PAY_FI_IBAN",
    "PAY_FI_BIC",
    "PAY_DK_CREDITOR",
    "PAY_DK_IBAN",
];

/// The particulars from the environment; the first problem names its variable, the message
/// lists every problem.
pub fn from_env(env: AppEnv) -> Result<Particulars, ConfigError> {
    from_lookup(env, var)
}

/// [`from_env`] over any source of variables (tests pass a map).
fn from_lookup(
    env: AppEnv,
    var: impl Fn(&'static str) -> Option<String>,
) -> Result<Particulars, ConfigError> {
    if env == AppEnv::Production {
        if let Some(missing) = REQUIRED_IN_PRODUCTION
            .into_iter()
            .find(|v| var(v).is_none())
        {
            return Err(ConfigError {
                var: missing,
                problem: "is required in production (the examples are nobody's real account)"
                    .into(),
            });
        }
    }
    let mut p = Particulars::example();
    for (name, field) in [
        ("COMPANY_NAME", &mut p.name),
        ("COMPANY_STREET", &mut p.street),
        ("COMPANY_POSTAL_TOWN", &mut p.postal_town),
        ("COMPANY_COUNTRY", &mut p.country),
        ("COMPANY_ORG_NR", &mut p.org_nr),
        ("COMPANY_VAT_NR", &mut p.vat_nr),
        ("COMPANY_WEB", &mut p.web),
        ("PAY_SE_BANKGIRO", &mut p.se_bankgiro),
        ("PAY_NO_ACCOUNT", &mut p.no_account),
        ("PAY_FI_IBAN", &mut p.fi_iban),
        ("PAY_FI_BIC", &mut p.fi_bic),
        ("PAY_DK_CREDITOR", &mut p.dk_creditor),
        ("PAY_DK_IBAN", &mut p.dk_iban),
    ] {
        if let Some(value) = var(name) {
            *field = value.trim().to_string();
        }
    }
    for desk in &mut p.service {
        let (phone, email) = service_vars(desk.country);
        if let Some(value) = var(phone) {
            desk.phone = value.trim().to_string();
        }
        if let Some(value) = var(email) {
            desk.email = value.trim().to_string();
        }
    }
    p.validated().map_err(|errors| ConfigError {
        var: errors[0].var,
        problem: errors
            .iter()
            .map(|e| format!("{} must be {}", e.var, e.problem))
            .collect::<Vec<_>>()
            .join("; "),
    })
}
