//! The nightly print run from the database: the selected invoices' address keys in one query,
//! sorted in address order, then each invoice loaded, rendered and appended in turn — loading
//! (async, on the standby) and rendering (CPU, on a blocking thread) overlap through a small
//! bounded queue, so memory holds a few documents whatever the batch's size.

use std::io::Write;

use chrono::NaiveDate;
use diesel::sql_types::{Array, BigInt, Date, Text, Uuid as SqlUuid};
use diesel_async::RunQueryDsl;
use scoped_futures::ScopedFutureExt;

use super::super::load;
use super::super::model::Document;
use super::{AddressKey, BatchWriter};
use crate::error::AppError;
use crate::kdb::{Kdb, KdbError};

/// Which invoices a print run prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// These invoices (ids that do not exist are left out).
    Invoices(Vec<uuid::Uuid>),
    /// Every invoice dated `from` to `to`, both included.
    InvoiceDates {
        /// First invoice date.
        from: NaiveDate,
        /// Last invoice date.
        to: NaiveDate,
    },
}

/// What a print run wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintRun {
    /// Documents in the PDF (and rows in the manifest).
    pub documents: u64,
    /// Pages in the PDF.
    pub pages: usize,
    /// Documents that needed fonts of their own (a character outside the shared subsets).
    pub own_fonts: u64,
}

/// Invoices loaded per read transaction: short transactions on the standby (a long one can
/// be cancelled by recovery conflicts), few documents in memory.
const CHUNK: usize = 64;

#[derive(diesel::QueryableByName)]
struct KeyRow {
    #[diesel(sql_type = SqlUuid)]
    id: uuid::Uuid,
    #[diesel(sql_type = BigInt)]
    number: i64,
    #[diesel(sql_type = Text)]
    name: String,
    #[diesel(sql_type = Text)]
    postal_code: String,
}

/// Name and postal code as the document prints them: the customer's name as in
/// `load::INVOICE_SQL`, the address as of the invoice date in `load::address_as_of`'s order
/// (verified and recorded by the end of that day, else the order's billing address, else
/// the newest).
const KEYS_SQL: &str = "SELECT i.id, i.invoice_number AS number, \
    trim(c.given_name || ' ' || c.family_name) AS name, \
    COALESCE(a.postal_code, '') AS postal_code \
    FROM invoices i JOIN customers c ON c.id = i.customer_id \
    LEFT JOIN LATERAL (SELECT ca.postal_code FROM customer_addresses ca \
      WHERE ca.customer_id = i.customer_id ORDER BY \
      (ca.verified AND ca.recorded_at < (i.invoice_date + 1)) DESC, \
      COALESCE(ca.id = i.billing_address_id, false) DESC, ca.recorded_at DESC, ca.id DESC \
      LIMIT 1) a ON true";

/// The selected invoices' ids in address order (postal code, then name, then number).
async fn ids_in_address_order(
    kdb: &Kdb,
    selection: &Selection,
) -> Result<Vec<uuid::Uuid>, KdbError> {
    let rows: Vec<KeyRow> = kdb
        .read(|conn| {
            let selection = selection.clone();
            async move {
                match selection {
                    Selection::Invoices(ids) => {
                        diesel::sql_query(format!("{KEYS_SQL} WHERE i.id = ANY($1)"))
                            .bind::<Array<SqlUuid>, _>(ids)
                            .load(conn)
                            .await
                    }
                    Selection::InvoiceDates { from, to } => {
                        diesel::sql_query(format!(
                            "{KEYS_SQL} WHERE i.invoice_date BETWEEN $1 AND $2"
                        ))
                        .bind::<Date, _>(from)
                        .bind::<Date, _>(to)
                        .load(conn)
                        .await
                    }
                }
                .map_err(KdbError::from)
            }
            .scope_boxed()
        })
        .await?;
    let mut keyed: Vec<(AddressKey, uuid::Uuid)> = rows
        .into_iter()
        .map(|r| (AddressKey::new(&r.postal_code, &r.name, r.number), r.id))
        .collect();
    keyed.sort();
    Ok(keyed.into_iter().map(|(_, id)| id).collect())
}

/// Prints the invoices of `selection` into one PDF (`pdf_out`) in address order, with the
/// CSV manifest (`manifest_out`). Streams: the PDF grows as documents are rendered and memory
/// stays flat for 10,000 invoices. Invoices load from the standby, [`CHUNK`] per read.
pub async fn print_run<W, M>(
    kdb: &Kdb,
    selection: &Selection,
    pdf_out: W,
    manifest_out: M,
) -> Result<PrintRun, AppError>
where
    W: Write + Send + 'static,
    M: Write + Send + 'static,
{
    let ids = ids_in_address_order(kdb, selection).await?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Document>(CHUNK);
    // Rendering is CPU work: on a blocking thread, never on the async workers.
    let writer = tokio::task::spawn_blocking(move || {
        let mut batch = BatchWriter::new(pdf_out, manifest_out)?;
        while let Some(doc) = rx.blocking_recv() {
            batch.add(&doc)?;
        }
        let own_fonts = batch.own_fonts();
        let (documents, pages) = batch.finish()?;
        Ok::<_, super::PdfError>(PrintRun {
            documents,
            pages,
            own_fonts,
        })
    });
    'load: for chunk in ids.chunks(CHUNK) {
        let docs = kdb
            .read(|conn| {
                async move {
                    let mut docs = Vec::with_capacity(chunk.len());
                    for id in chunk {
                        // Gone since the keys were read: nothing to print.
                        if let Some(doc) = load::invoice_in(conn, *id, None).await? {
                            docs.push(doc);
                        }
                    }
                    Ok::<_, KdbError>(docs)
                }
                .scope_boxed()
            })
            .await?;
        for doc in docs {
            if tx.send(doc).await.is_err() {
                // The writer stopped on an error: it is reported below.
                break 'load;
            }
        }
    }
    drop(tx);
    let run = writer
        .await
        .map_err(|e| super::super::internal(&e))?
        .map_err(|e| super::super::internal(&e))?;
    Ok(run)
}
