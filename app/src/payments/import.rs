//! Importing a bank file: all-or-nothing in one write transaction, and idempotent twice over —
//! the same bytes again (content hash) are a no-op that says so, and a bank transaction that
//! an earlier file already brought (`payments (account, bank_ref)`) is skipped and counted.
//! Each new payment is divided by [`allocate::plan`] over the invoices its references name
//! (locked `FOR UPDATE` first, so two imports or a refund cannot both spend one invoice's due),
//! booked to the ledger, and becomes a case when money is left in suspense or over.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use scoped_futures::ScopedFutureExt;
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::allocate::{self, InvoiceDue, Outcome, Part, Placement, Resolved};
use super::bank_file::model::{BankFile, BankPayment, FileFormat, PaymentKind};
use super::error::PaymentError;
use super::invoices_due::{self, LockedInvoice};
use super::schema::{payment_allocations as pa, payment_files as pf, payments as p};
use crate::cases::open::{open_many, NewCase};
use crate::cases::types::{CaseKind, Priority};
use crate::invoices::ocr;
use crate::kdb::audit::{self, AuditEntry};
use crate::kdb::{Conn, Ctx};
use crate::ktime::{AppEnv, Country};
use crate::ledger::post::post_batch;
use crate::ledger::rules::{self, InvoiceRef};
use crate::money::{Currency, Money};
use crate::services::Services;

/// How the file reached Kreditor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A finance user uploaded it in the back office.
    Upload,
    /// `server import-payments FILE`.
    Command,
    /// The inbox directory job.
    Inbox,
}

impl Source {
    fn code(self) -> &'static str {
        match self {
            Source::Upload => "upload",
            Source::Command => "command",
            Source::Inbox => "inbox",
        }
    }
}

/// What an import did (or, for a file imported before, what that import did).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// The stored file.
    pub file_id: Uuid,
    /// True when these exact bytes were imported before: nothing was done now.
    pub already_imported: bool,
    /// The format read.
    pub format: String,
    /// New payments stored by this import.
    pub payments: u32,
    /// Bank transactions skipped because an earlier file brought them.
    pub duplicates: u32,
    /// Payments per outcome (`matched`, `partial`, `over`, `unmatched`, `returned`).
    pub outcomes: BTreeMap<String, u32>,
    /// Net money per currency (minor units).
    pub totals: BTreeMap<String, i64>,
    /// Cases opened for staff.
    pub cases: u32,
}

/// The SHA-256 of a file's bytes, hex: what "the same file" means.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The market a deposit's currency belongs to: Kreditor invoices each country in its own
/// currency (Finland in euro), so the currency says whose references to look for.
pub fn country_of(currency: Currency) -> Country {
    match currency {
        Currency::Sek => Country::SE,
        Currency::Nok => Country::NO,
        Currency::Eur => Country::FI,
        Currency::Dkk => Country::DK,
    }
}

/// Imports an already read bank file whose bytes hash to `sha256`.
pub async fn import_file(
    services: &Services,
    ctx: &Ctx,
    file_name: &str,
    source: Source,
    sha256: &str,
    file: &BankFile,
) -> Result<ImportReport, PaymentError> {
    if file.test && services.ktime.env() == AppEnv::Production {
        return Err(PaymentError::TestFile);
    }
    check_accounts(file)?;
    let name: String = file_name
        .chars()
        .filter(|c| !c.is_control())
        .take(255)
        .collect();
    let name = if name.trim().is_empty() {
        "payments".to_string()
    } else {
        name
    };
    let (name, name_ref) = (&name, &source);
    services
        .kdb
        .write(|conn| {
            async move { import_in(conn, services, ctx, name, *name_ref, sha256, file).await }
                .scope_boxed()
        })
        .await
}

/// Every deposit must be on the account Kreditor gave the customers of its currency's country
/// (`PAY_*`): a file for someone else's account is the wrong file, not money to book.
fn check_accounts(file: &BankFile) -> Result<(), PaymentError> {
    let me = crate::documents::company::get();
    let digits = |s: &str| -> String { s.chars().filter(char::is_ascii_alphanumeric).collect() };
    for d in &file.deposits {
        let ours: Vec<String> = match country_of(d.currency) {
            Country::SE | Country::DE => vec![digits(&me.se_bankgiro)],
            Country::NO => vec![digits(&me.no_account)],
            Country::FI => vec![digits(&me.fi_iban)],
            Country::DK => vec![digits(&me.dk_iban), digits(&me.dk_creditor)],
        };
        let account = digits(&d.account).to_ascii_uppercase();
        // A Norwegian account also arrives as its IBAN (NOkk + the 11 digits).
        let matches = ours
            .iter()
            .any(|o| account == *o || (account.len() > o.len() && account.ends_with(o.as_str())));
        if !matches {
            return Err(PaymentError::Account(format!(
                "{}: account {} ({}) is not Kreditor's {} account",
                d.position,
                d.account,
                d.currency.code(),
                country_of(d.currency).code()
            )));
        }
    }
    Ok(())
}

/// A reference with its lookup key (country, normalised reference) when well-formed.
type ResolvedRef = (Option<(Country, String)>, Part);

/// One payment of the file with its deposit's account, currency and booking date.
struct Transaction<'a> {
    account: &'a str,
    currency: Currency,
    booking_date: NaiveDate,
    payment: &'a BankPayment,
    /// What identifies the bank transaction across files (see [`transactions`]).
    bank_ref: String,
}

/// The file's payments in order, each with the key that says "this bank transaction was
/// imported before". camt.054 gives each transaction the bank's own reference. BgMax's BGC
/// serial number is not unique (Bankgirot's own sample repeats one within a deposit and across
/// currencies), so there the key is booking date / deposit serial / serial / occurrence of that
/// serial in the deposit — the same for the same deposit sent again, different for any other.
fn transactions(file: &BankFile) -> Vec<Transaction<'_>> {
    let mut out = Vec::new();
    for d in &file.deposits {
        let mut seen: HashMap<&str, u32> = HashMap::new();
        for pm in &d.payments {
            let bank_ref = match file.format {
                FileFormat::BgMax => {
                    let n = seen.entry(pm.bank_ref.as_str()).or_default();
                    *n += 1;
                    format!("{}/{}/{}/{}", d.booking_date, d.bank_ref, pm.bank_ref, n)
                }
                FileFormat::Camt054V02 | FileFormat::Camt054V08 => pm.bank_ref.clone(),
            };
            out.push(Transaction {
                account: &d.account,
                currency: d.currency,
                booking_date: d.booking_date,
                payment: pm,
                bank_ref,
            });
        }
    }
    out
}

/// One payment of the file with what planning decided.
struct Planned<'a> {
    id: Uuid,
    payment: &'a BankPayment,
    bank_ref: String,
    account: &'a str,
    currency: Currency,
    booking_date: NaiveDate,
    plan: allocate::Plan,
    customer_id: Option<Uuid>,
    unplaced: i64,
}

async fn import_in(
    conn: &mut Conn,
    services: &Services,
    ctx: &Ctx,
    file_name: &str,
    source: Source,
    sha256: &str,
    file: &BankFile,
) -> Result<ImportReport, PaymentError> {
    let now = services.ktime.now_in(conn).await?;
    let file_id = Uuid::new_v4();
    let inserted = diesel::insert_into(pf::table)
        .values((
            pf::id.eq(file_id),
            pf::format.eq(file.format.code()),
            pf::bank_file_id.eq(file.file_id.chars().take(100).collect::<String>()),
            pf::sha256.eq(sha256),
            pf::file_name.eq(file_name),
            pf::source.eq(source.code()),
            pf::test_file.eq(file.test),
            pf::summary.eq(json!({})),
            pf::imported_at.eq(now),
            pf::imported_by.eq(ctx.actor.label()),
        ))
        .on_conflict(pf::sha256)
        .do_nothing()
        .execute(conn)
        .await?;
    if inserted == 0 {
        return earlier_import(conn, sha256).await;
    }

    // The file's payments with their deposit's account, currency and booking date.
    let all = transactions(file);
    let seen = invoices_due::existing_bank_refs(
        conn,
        &all.iter()
            .map(|t| (t.account.to_string(), t.bank_ref.clone()))
            .collect::<Vec<_>>(),
    )
    .await?;
    let mut in_file = std::collections::HashSet::new();
    let mut fresh = Vec::new();
    let mut duplicates = 0u32;
    for t in all {
        let key = (t.account.to_string(), t.bank_ref.clone());
        if seen.contains(&key) || !in_file.insert(key) {
            duplicates += 1;
        } else {
            fresh.push(t);
        }
    }

    // Resolve every reference, then lock the invoices they name (one statement, id order).
    let ocr_config = services.invoicing.ocr;
    let resolved: Vec<Vec<ResolvedRef>> = fresh
        .iter()
        .map(|t| resolve_refs(country_of(t.currency), t.payment, ocr_config))
        .collect();
    let wanted: Vec<(Country, String)> = resolved
        .iter()
        .flatten()
        .filter_map(|(key, _)| key.clone())
        .collect();
    let locked: Vec<LockedInvoice> = invoices_due::lock(conn, &wanted).await?;
    let by_ref: HashMap<(Country, String), Uuid> = locked
        .iter()
        .map(|l| ((l.country, l.ocr.clone()), l.due.invoice_id))
        .collect();
    let info: HashMap<Uuid, &LockedInvoice> =
        locked.iter().map(|l| (l.due.invoice_id, l)).collect();
    let mut dues: HashMap<Uuid, InvoiceDue> = locked
        .iter()
        .map(|l| (l.due.invoice_id, l.due.clone()))
        .collect();
    let mut completed_on: HashMap<Uuid, NaiveDate> = HashMap::new();

    let mut planned: Vec<Planned<'_>> = Vec::with_capacity(fresh.len());
    for (t, refs) in fresh.iter().zip(resolved) {
        let (pm, booking_date) = (t.payment, &t.booking_date);
        let parts: Vec<Part> = refs
            .into_iter()
            .map(|(key, mut part)| {
                if let Some(key) = key {
                    part.resolved = by_ref
                        .get(&key)
                        .map_or(Resolved::Unknown, |id| Resolved::Invoice(*id));
                }
                part
            })
            .collect();
        let plan = allocate::plan(pm.amount, &parts, &mut dues, services.invoicing.allocation);
        let mut customer_id = None;
        let mut unplaced = 0;
        for placement in &plan.placements {
            match placement {
                Placement::Invoice { invoice_id, .. } => {
                    customer_id = customer_id.or(Some(dues[invoice_id].customer_id));
                    if dues[invoice_id].total_due() == 0 {
                        completed_on.entry(*invoice_id).or_insert(*booking_date);
                    } else {
                        completed_on.remove(invoice_id);
                    }
                }
                Placement::Overpayment { customer_id: c, .. } => {
                    customer_id = customer_id.or(Some(*c));
                }
                Placement::Suspense { amount, .. } => unplaced += amount,
            }
        }
        planned.push(Planned {
            id: Uuid::new_v4(),
            payment: pm,
            bank_ref: t.bank_ref.clone(),
            account: t.account,
            currency: t.currency,
            booking_date: *booking_date,
            plan,
            customer_id,
            unplaced,
        });
    }

    let actor = ctx.actor.label();
    store_payments(conn, file_id, &planned, now).await?;
    store_allocations(conn, &planned, now, &actor).await?;
    invoices_due::update_paid(conn, &locked, &dues, &completed_on).await?;
    book(conn, ctx, &planned, &info).await?;
    let cases = cases_for(&planned);
    open_many(conn, ctx, now, &cases).await?;

    let mut outcomes: BTreeMap<String, u32> = BTreeMap::new();
    let mut totals: BTreeMap<String, i64> = BTreeMap::new();
    for pl in &planned {
        *outcomes
            .entry(pl.plan.outcome.code().to_string())
            .or_default() += 1;
        *totals.entry(pl.currency.code().to_string()).or_default() += pl.payment.amount;
    }
    let report = ImportReport {
        file_id,
        already_imported: false,
        format: file.format.code().to_string(),
        payments: u32::try_from(planned.len()).unwrap_or(u32::MAX),
        duplicates,
        outcomes,
        totals,
        cases: u32::try_from(cases.len()).unwrap_or(u32::MAX),
    };
    let summary =
        serde_json::to_value(&report).map_err(|e| PaymentError::Internal(e.to_string()))?;
    diesel::update(pf::table.find(file_id))
        .set(pf::summary.eq(&summary))
        .execute(conn)
        .await?;
    audit::record(
        conn,
        ctx,
        AuditEntry {
            action: "payments.import",
            entity_type: "payment_file",
            entity_id: &file_id.to_string(),
            before: None,
            after: Some(summary),
        },
    )
    .await?;
    Ok(report)
}

/// The report of the import that stored these bytes before.
async fn earlier_import(conn: &mut Conn, sha256: &str) -> Result<ImportReport, PaymentError> {
    let (id, summary): (Uuid, serde_json::Value) = pf::table
        .filter(pf::sha256.eq(sha256))
        .select((pf::id, pf::summary))
        .first(conn)
        .await?;
    let mut report: ImportReport = serde_json::from_value(summary)
        .map_err(|e| PaymentError::Internal(format!("stored summary: {e}")))?;
    report.file_id = id;
    report.already_imported = true;
    Ok(report)
}

/// Each reference as a lookup key (country, normalised reference) when its check digit is
/// right, else as what it is. Structured references with a wrong check digit are `Invalid`;
/// free text that is not a valid reference is no reference at all.
fn resolve_refs(country: Country, pm: &BankPayment, config: ocr::OcrConfig) -> Vec<ResolvedRef> {
    pm.references
        .iter()
        .filter_map(|r| {
            let value: String = r.value.chars().filter(|c| !c.is_whitespace()).collect();
            let valid = !r.bank_flagged_invalid
                && !value.is_empty()
                && (ocr::validate_reference(country, &value, config).is_ok()
                    || (value.len() > 4
                        && value[..2].eq_ignore_ascii_case("RF")
                        && ocr::validate_rf(&value.to_ascii_uppercase()).is_ok()));
            let part = |resolved| Part {
                resolved,
                amount: r.amount,
            };
            if valid {
                Some((
                    Some((country, value.to_ascii_uppercase())),
                    part(Resolved::Unknown),
                ))
            } else if r.structured || r.bank_flagged_invalid {
                Some((None, part(Resolved::Invalid)))
            } else {
                None
            }
        })
        .collect()
}

async fn store_payments(
    conn: &mut Conn,
    file_id: Uuid,
    planned: &[Planned<'_>],
    now: DateTime<Utc>,
) -> Result<(), PaymentError> {
    let to_json = |v: serde_json::Result<serde_json::Value>| {
        v.map_err(|e| PaymentError::Internal(format!("json: {e}")))
    };
    for chunk in planned.chunks(1_000) {
        let mut rows = Vec::with_capacity(chunk.len());
        for pl in chunk {
            let pm = pl.payment;
            let refs = to_json(serde_json::to_value(
                pm.references
                    .iter()
                    .map(|r| {
                        json!({"value": r.value, "structured": r.structured, "amount": r.amount,
                               "bank_flagged_invalid": r.bank_flagged_invalid})
                    })
                    .collect::<Vec<_>>(),
            ))?;
            let payer = json!({
                "name": pm.payer.name, "address": pm.payer.address,
                "postal_code": pm.payer.postal_code, "city": pm.payer.city,
                "country": pm.payer.country, "account": pm.payer.account,
                "national_id": pm.payer.national_id,
            });
            rows.push((
                p::id.eq(pl.id),
                p::file_id.eq(file_id),
                p::bank_ref.eq(&pl.bank_ref),
                p::account.eq(pl.account),
                p::country.eq(country_of(pl.currency).code()),
                p::currency.eq(pl.currency.code()),
                p::amount.eq(pm.amount),
                p::kind.eq(kind_code(pm.kind)),
                p::booking_date.eq(pl.booking_date),
                p::value_date.eq(pm.value_date),
                p::refs.eq(refs),
                p::information.eq(json!(pm.information)),
                p::payer.eq(payer),
                p::position.eq(pm.position.to_string()),
                p::outcome.eq(pl.plan.outcome.code()),
                p::unplaced.eq(pl.unplaced),
                p::customer_id.eq(pl.customer_id),
                p::created_at.eq(now),
            ));
        }
        diesel::insert_into(p::table)
            .values(rows)
            .execute(conn)
            .await?;
    }
    Ok(())
}

fn kind_code(kind: PaymentKind) -> &'static str {
    match kind {
        PaymentKind::Payment => "payment",
        PaymentKind::Deduction => "deduction",
        PaymentKind::Return => "return",
    }
}

async fn store_allocations(
    conn: &mut Conn,
    planned: &[Planned<'_>],
    now: DateTime<Utc>,
    actor: &str,
) -> Result<(), PaymentError> {
    let rows: Vec<_> = planned
        .iter()
        .flat_map(|pl| {
            pl.plan.placements.iter().map(move |placement| {
                let (invoice_id, customer_id, target, amount) = match placement {
                    Placement::Invoice {
                        invoice_id,
                        target,
                        amount,
                    } => (Some(*invoice_id), pl.customer_id, target.code(), *amount),
                    Placement::Overpayment {
                        customer_id,
                        invoice_id,
                        amount,
                    } => (
                        Some(*invoice_id),
                        Some(*customer_id),
                        "overpayment",
                        *amount,
                    ),
                    Placement::Suspense { amount, .. } => (None, None, "suspense", *amount),
                };
                (
                    pa::payment_id.eq(pl.id),
                    pa::invoice_id.eq(invoice_id),
                    pa::customer_id.eq(customer_id),
                    pa::target.eq(target),
                    pa::amount.eq(amount),
                    pa::booked_on.eq(pl.booking_date),
                    pa::created_at.eq(now),
                    pa::created_by.eq(actor.to_string()),
                )
            })
        })
        .collect();
    for chunk in rows.chunks(1_000) {
        diesel::insert_into(pa::table)
            .values(chunk.to_vec())
            .execute(conn)
            .await?;
    }
    Ok(())
}

/// The ledger: per payment, the bank against each invoice's receivable, the customer's credit
/// for an overpayment, suspense for the unplaced; a return the other way round.
async fn book(
    conn: &mut Conn,
    ctx: &Ctx,
    planned: &[Planned<'_>],
    info: &HashMap<Uuid, &LockedInvoice>,
) -> Result<(), PaymentError> {
    let mut entries = Vec::new();
    for pl in planned {
        let money = |minor: i64| Money::from_minor(minor, pl.currency);
        let mut per_invoice: BTreeMap<Uuid, i64> = BTreeMap::new();
        for placement in &pl.plan.placements {
            match placement {
                Placement::Invoice {
                    invoice_id, amount, ..
                } => *per_invoice.entry(*invoice_id).or_default() += amount,
                Placement::Overpayment {
                    customer_id,
                    amount,
                    ..
                } => entries.push(rules::overpayment(
                    pl.booking_date,
                    &customer_id.to_string(),
                    money(*amount),
                )),
                Placement::Suspense { amount, .. } if *amount > 0 => entries.push(
                    rules::unmatched_payment(pl.booking_date, &pl.id.to_string(), money(*amount)),
                ),
                Placement::Suspense { amount, .. } => entries.push(rules::payment_returned(
                    pl.booking_date,
                    None,
                    &pl.id.to_string(),
                    money(-amount),
                )),
            }
        }
        for (invoice_id, amount) in per_invoice {
            let l = info
                .get(&invoice_id)
                .ok_or_else(|| PaymentError::Internal(format!("invoice {invoice_id}")))?;
            let inv = InvoiceRef {
                merchant_id: l.merchant_id.to_string(),
                customer_id: l.due.customer_id.to_string(),
                invoice_id: invoice_id.to_string(),
            };
            if amount > 0 {
                entries.push(rules::customer_payment(
                    pl.booking_date,
                    &inv,
                    money(amount),
                ));
            } else if amount < 0 {
                entries.push(rules::payment_returned(
                    pl.booking_date,
                    Some(&inv),
                    &pl.id.to_string(),
                    money(-amount),
                ));
            }
        }
    }
    for chunk in entries.chunks(5_000) {
        post_batch(conn, ctx, chunk).await?;
    }
    Ok(())
}

/// A case for money left in suspense and for an overpayment.
fn cases_for(planned: &[Planned<'_>]) -> Vec<NewCase> {
    planned
        .iter()
        .filter_map(|pl| {
            let kind = match pl.plan.outcome {
                Outcome::Unmatched => CaseKind::UnmatchedPayment,
                Outcome::Over => CaseKind::Overpayment,
                Outcome::Returned if pl.unplaced != 0 => CaseKind::UnmatchedPayment,
                _ => return None,
            };
            let invoice_id = pl.plan.placements.iter().find_map(|p| match p {
                Placement::Invoice { invoice_id, .. }
                | Placement::Overpayment { invoice_id, .. } => Some(*invoice_id),
                Placement::Suspense { .. } => None,
            });
            let money = Money::from_minor(pl.payment.amount, pl.currency);
            Some(NewCase {
                kind,
                priority: Priority::Normal,
                title: format!(
                    "{} {} {}, {}",
                    kind.code(),
                    money.amount(),
                    pl.currency.code(),
                    pl.booking_date
                ),
                customer_id: pl.customer_id,
                invoice_id,
                payment_id: Some(pl.id),
                order_id: None,
            })
        })
        .collect()
}
