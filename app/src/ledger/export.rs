//! Builds the SIE 4 export of a period from the journal. Kreditor keeps its books per
//! currency; a SIE file carries one currency, so the export is per currency (SEK is the
//! company's reporting currency; the NOK, DKK and EUR books export separately until FX
//! revaluation exists).

use chrono::NaiveDate;
use diesel::prelude::*;
use diesel::sql_types::{BigInt, Date, Integer, Numeric, Text, Timestamptz};
use diesel_async::RunQueryDsl;
use rust_decimal::Decimal;

use super::accounts::AccountKind;
use super::sie::{SieAccount, SieAccountKind, SieExport, SieTransaction, SieVoucher};
use crate::kdb::{Conn, KdbError};
use crate::schema::ledger_accounts;

/// Who the books belong to (the SIE header).
#[derive(Debug, Clone)]
pub struct Company {
    /// `#FNAMN`.
    pub name: String,
    /// `#ORGNR`.
    pub org_nr: String,
}

#[derive(diesel::QueryableByName)]
struct AccountSum {
    #[diesel(sql_type = Integer)]
    account: i32,
    #[diesel(sql_type = Numeric)]
    total: Decimal,
}

#[derive(diesel::QueryableByName)]
struct VoucherLine {
    #[diesel(sql_type = BigInt)]
    id: i64,
    #[diesel(sql_type = Date)]
    business_date: NaiveDate,
    #[diesel(sql_type = Text)]
    description: String,
    #[diesel(sql_type = Timestamptz)]
    created_at: chrono::DateTime<chrono::Utc>,
    #[diesel(sql_type = Integer)]
    account: i32,
    #[diesel(sql_type = Numeric)]
    amount: Decimal,
}

fn sie_kind(kind: AccountKind) -> SieAccountKind {
    match kind {
        AccountKind::Asset => SieAccountKind::Asset,
        AccountKind::Liability | AccountKind::Equity => SieAccountKind::Liability,
        AccountKind::Income => SieAccountKind::Income,
        AccountKind::Expense => SieAccountKind::Expense,
    }
}

async fn sums(
    conn: &mut Conn,
    currency: &str,
    from: Option<NaiveDate>,
    to: NaiveDate,
) -> Result<Vec<AccountSum>, KdbError> {
    Ok(diesel::sql_query(
        "SELECT l.account, sum(l.amount) AS total FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id \
         WHERE l.currency = $1 AND ($2::date IS NULL OR e.business_date >= $2) AND e.business_date <= $3 \
         GROUP BY l.account HAVING sum(l.amount) <> 0 ORDER BY l.account",
    )
    .bind::<Text, _>(currency)
    .bind::<diesel::sql_types::Nullable<Date>, _>(from)
    .bind::<Date, _>(to)
    .load(conn)
    .await?)
}

/// The SIE 4 export of `from..=to` in `currency`, generated on `today`.
pub async fn build(
    conn: &mut Conn,
    company: &Company,
    currency: &str,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<SieExport, KdbError> {
    let rows: Vec<(i32, String, String)> = ledger_accounts::table
        .order(ledger_accounts::number)
        .select((
            ledger_accounts::number,
            ledger_accounts::name_sv,
            ledger_accounts::kind,
        ))
        .load(conn)
        .await?;
    let kinds: Vec<(u32, AccountKind)> = rows
        .iter()
        .map(|(n, _, k)| {
            (
                u32::try_from(*n).unwrap_or_default(),
                AccountKind::parse(k).unwrap_or(AccountKind::Asset),
            )
        })
        .collect();
    let is_balance = |account: i32| {
        kinds
            .iter()
            .find(|(n, _)| i64::from(*n) == i64::from(account))
            .is_some_and(|(_, k)| k.is_balance_sheet())
    };
    let accounts = rows
        .iter()
        .map(|(n, name, k)| SieAccount {
            number: u32::try_from(*n).unwrap_or_default(),
            name: name.clone(),
            kind: sie_kind(AccountKind::parse(k).unwrap_or(AccountKind::Asset)),
        })
        .collect();
    let day_before = from.pred_opt().unwrap_or(from);
    let as_pairs = |v: Vec<AccountSum>, balance_sheet: bool| -> Vec<(u32, Decimal)> {
        v.into_iter()
            .filter(|s| is_balance(s.account) == balance_sheet)
            .map(|s| (u32::try_from(s.account).unwrap_or_default(), s.total))
            .collect()
    };
    let opening = as_pairs(sums(conn, currency, None, day_before).await?, true);
    let closing = as_pairs(sums(conn, currency, None, to).await?, true);
    let results = as_pairs(sums(conn, currency, Some(from), to).await?, false);

    let lines: Vec<VoucherLine> = diesel::sql_query(
        "SELECT e.id, e.business_date, e.description, e.created_at, l.account, l.amount \
         FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id \
         WHERE l.currency = $1 AND e.business_date BETWEEN $2 AND $3 ORDER BY e.id, l.line_no",
    )
    .bind::<Text, _>(currency)
    .bind::<Date, _>(from)
    .bind::<Date, _>(to)
    .load(conn)
    .await?;
    let mut vouchers: Vec<SieVoucher> = Vec::new();
    for l in lines {
        let number = u64::try_from(l.id).unwrap_or_default();
        if vouchers.last().map(|v| v.number) != Some(number) {
            vouchers.push(SieVoucher {
                series: "K".into(),
                number,
                date: l.business_date,
                text: l.description,
                registered_on: l.created_at.date_naive(),
                transactions: Vec::new(),
            });
        }
        if let Some(v) = vouchers.last_mut() {
            v.transactions.push(SieTransaction {
                account: u32::try_from(l.account).unwrap_or_default(),
                amount: l.amount,
                text: None,
            });
        }
    }
    Ok(SieExport {
        program: "Kreditor".into(),
        program_version: env!("CARGO_PKG_VERSION").into(),
        generated_on: today,
        generated_by: None,
        company_name: company.name.clone(),
        org_nr: company.org_nr.clone(),
        fiscal_year: (from, to),
        previous_year: None,
        chart: "BAS2024".into(),
        accounts,
        opening,
        closing,
        results,
        vouchers,
    })
}
