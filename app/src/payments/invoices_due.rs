//! The rows an import reads and writes in bulk: which bank transactions are already stored,
//! the invoices a file's references name (locked, with what each part has paid so far), and
//! their paid amounts and statuses afterwards. Arrays and `unnest` keep a 100,000-payment file
//! to a handful of statements.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use diesel::sql_types::{Array, BigInt, Date, Nullable, Text, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use uuid::Uuid;

use super::allocate::InvoiceDue;
use crate::kdb::{Conn, KdbError};
use crate::ktime::Country;

/// An invoice a file names, as locked for the import.
#[derive(Debug, Clone)]
pub struct LockedInvoice {
    /// Its country.
    pub country: Country,
    /// Its reference.
    pub ocr: String,
    /// Its merchant (ledger dimension).
    pub merchant_id: Uuid,
    /// Total, credited and paid before the import.
    pub total: i64,
    /// See [`LockedInvoice::total`].
    pub credited: i64,
    /// See [`LockedInvoice::total`].
    pub paid: i64,
    /// What is due and paid per part.
    pub due: InvoiceDue,
}

#[derive(diesel::QueryableByName)]
struct RefRow {
    #[diesel(sql_type = Text)]
    account: String,
    #[diesel(sql_type = Text)]
    bank_ref: String,
}

/// Which of `(account, bank_ref)` pairs are already stored.
pub async fn existing_bank_refs(
    conn: &mut Conn,
    pairs: &[(String, String)],
) -> Result<HashSet<(String, String)>, KdbError> {
    let (accounts, refs): (Vec<String>, Vec<String>) = pairs.iter().cloned().unzip();
    let rows: Vec<RefRow> = diesel::sql_query(
        "SELECT p.account, p.bank_ref FROM payments p \
         JOIN unnest($1::text[], $2::text[]) AS w(account, bank_ref) \
           ON p.account = w.account AND p.bank_ref = w.bank_ref",
    )
    .bind::<Array<Text>, _>(accounts)
    .bind::<Array<Text>, _>(refs)
    .load(conn)
    .await?;
    Ok(rows.into_iter().map(|r| (r.account, r.bank_ref)).collect())
}

#[derive(diesel::QueryableByName)]
struct InvoiceRow {
    #[diesel(sql_type = SqlUuid)]
    id: Uuid,
    #[diesel(sql_type = Text)]
    country: String,
    #[diesel(sql_type = Text)]
    ocr: String,
    #[diesel(sql_type = SqlUuid)]
    merchant_id: Uuid,
    #[diesel(sql_type = SqlUuid)]
    customer_id: Uuid,
    #[diesel(sql_type = BigInt)]
    invoice_fee: i64,
    #[diesel(sql_type = BigInt)]
    total_amount: i64,
    #[diesel(sql_type = BigInt)]
    credited_amount: i64,
    #[diesel(sql_type = BigInt)]
    paid_amount: i64,
    #[diesel(sql_type = BigInt)]
    fee_paid: i64,
    #[diesel(sql_type = BigInt)]
    interest_paid: i64,
}

/// Locks the invoices with these references (`FOR UPDATE`, in id order so two imports cannot
/// deadlock) and returns what each part has due and paid. The fee is due before the goods
/// only as far as anything is due at all (a credit note can leave less than the fee).
pub async fn lock(
    conn: &mut Conn,
    wanted: &[(Country, String)],
) -> Result<Vec<LockedInvoice>, KdbError> {
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let (countries, refs): (Vec<String>, Vec<String>) = wanted
        .iter()
        .map(|(c, r)| (c.code().to_string(), r.clone()))
        .unzip();
    let rows: Vec<InvoiceRow> = diesel::sql_query(
        "WITH locked AS ( \
           SELECT i.id, i.country, i.ocr, i.merchant_id, i.customer_id, i.invoice_fee, \
                  i.total_amount, i.credited_amount, i.paid_amount \
             FROM invoices i \
            WHERE (i.country, i.ocr) IN (SELECT * FROM unnest($1::text[], $2::text[])) \
            ORDER BY i.id FOR UPDATE) \
         SELECT l.*, \
                coalesce((SELECT sum(a.amount) FROM payment_allocations a \
                           WHERE a.invoice_id = l.id AND a.target = 'fee'), 0)::bigint AS fee_paid, \
                coalesce((SELECT sum(a.amount) FROM payment_allocations a \
                           WHERE a.invoice_id = l.id AND a.target = 'interest'), 0)::bigint AS interest_paid \
           FROM locked l",
    )
    .bind::<Array<Text>, _>(countries)
    .bind::<Array<Text>, _>(refs)
    .load(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            let country = Country::parse_code(&r.country)?;
            let due_total = (r.total_amount - r.credited_amount - r.paid_amount).max(0);
            let fee_due = (r.invoice_fee - r.fee_paid).clamp(0, due_total);
            let principal_paid = (r.paid_amount - r.fee_paid - r.interest_paid).max(0);
            Some(LockedInvoice {
                country,
                ocr: r.ocr,
                merchant_id: r.merchant_id,
                total: r.total_amount,
                credited: r.credited_amount,
                paid: r.paid_amount,
                due: InvoiceDue {
                    invoice_id: r.id,
                    customer_id: r.customer_id,
                    due: [fee_due, 0, due_total - fee_due],
                    paid: [r.fee_paid, r.interest_paid, principal_paid],
                },
            })
        })
        .collect())
}

/// Writes the paid amounts and statuses the import arrived at. `completed_on`: the booking
/// date of the payment that left nothing due, per invoice.
pub async fn update_paid(
    conn: &mut Conn,
    locked: &[LockedInvoice],
    dues: &HashMap<Uuid, InvoiceDue>,
    completed_on: &HashMap<Uuid, NaiveDate>,
) -> Result<(), KdbError> {
    let mut ids = Vec::new();
    let mut paid = Vec::new();
    let mut statuses = Vec::new();
    let mut paid_on: Vec<Option<NaiveDate>> = Vec::new();
    for l in locked {
        let Some(d) = dues.get(&l.due.invoice_id) else {
            continue;
        };
        let new_paid = l.paid + (d.paid.iter().sum::<i64>() - l.due.paid.iter().sum::<i64>());
        if new_paid == l.paid {
            continue;
        }
        ids.push(l.due.invoice_id);
        paid.push(new_paid);
        statuses.push(status(l.total, l.credited, new_paid).to_string());
        paid_on.push(if d.total_due() == 0 {
            completed_on.get(&l.due.invoice_id).copied()
        } else {
            None
        });
    }
    if ids.is_empty() {
        return Ok(());
    }
    diesel::sql_query(
        "UPDATE invoices i SET paid_amount = v.paid, status = v.status, paid_on = v.paid_on \
           FROM unnest($1::uuid[], $2::bigint[], $3::text[], $4::date[]) AS v(id, paid, status, paid_on) \
          WHERE i.id = v.id",
    )
    .bind::<Array<SqlUuid>, _>(ids)
    .bind::<Array<BigInt>, _>(paid)
    .bind::<Array<Text>, _>(statuses)
    .bind::<Array<Nullable<Date>>, _>(paid_on)
    .execute(conn)
    .await?;
    Ok(())
}

/// An invoice's status from its amounts: credited in full, paid (nothing left), partly paid,
/// or open.
pub fn status(total: i64, credited: i64, paid: i64) -> &'static str {
    if credited >= total {
        "credited"
    } else if paid + credited >= total {
        "paid"
    } else if paid > 0 {
        "partially_paid"
    } else {
        "open"
    }
}
