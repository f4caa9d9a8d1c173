//! Reading a camt.054 file into the bank-file model, validating all of it first: the reader
//! returns either the whole file or the first problem with its XML path, never a part.
//!
//! The walk follows the schema's nesting: `Document/BkToCstmrDbtCdtNtfctn` holds `GrpHdr` and
//! one `Ntfctn` per account; each `Ntfctn` holds the account (`Acct`), an optional summary
//! (`TxsSummry`) and the entries (`Ntry`), each of which becomes one [`Deposit`]; an entry's
//! `NtryDtls/TxDtls` become its [`BankPayment`]s (an entry without any is one payment of the
//! entry's amount). See `mod.rs` for what is refused and why.

use std::ops::Range;

use chrono::NaiveDate;

use super::amount::{self, parse_date, parse_date_time};
use super::xml::{segment, Cursor, Item, Kind, Node};
use super::{Version, MAX_FILE_BYTES};
use crate::money::Currency;
use crate::payments::bank_file::model::{
    BankFile, BankPayment, Deposit, FileError, Payer, PaymentKind, PaymentReference, Position,
};

/// Reads a camt.054 file (version 001.02 or 001.08, detected by its namespace).
pub fn read(bytes: &[u8]) -> Result<BankFile, FileError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(err(
            "/",
            "file",
            format!(
                "the file has {} bytes; camt.054 files over {} MiB are refused",
                bytes.len(),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(err(
            "/",
            "encoding",
            "the file is UTF-16; camt.054 files are read in UTF-8 only",
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        // Cut in the middle of a character: read what is whole, which ends inside an
        // element and so is refused as truncated, with its path.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()])
            .map_err(|_| err("/", "encoding", "the file is not UTF-8"))?,
        Err(e) => {
            return Err(err(
                "/",
                "encoding",
                format!(
                    "the file is not UTF-8 (invalid byte sequence at byte {})",
                    e.valid_up_to()
                ),
            ))
        }
    };
    Parser {
        cur: Cursor::new(text),
        version: Version::V02,
        file_id: None,
        created: None,
        notifications: 0,
        deposits: Vec::new(),
    }
    .run()
}

fn err(position: &str, field: &str, message: impl Into<String>) -> FileError {
    FileError {
        position: Position::Path(position.to_string()),
        field: field.to_string(),
        message: message.into(),
    }
}

/// Credit (money in) or debit (money out), `CdtDbtInd`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Credit,
    Debit,
}

impl Dir {
    fn parse(node: &Node, path: &str, field: &str) -> Result<Dir, FileError> {
        match node.value() {
            Some("CRDT") => Ok(Dir::Credit),
            Some("DBIT") => Ok(Dir::Debit),
            other => Err(err(
                path,
                field,
                format!(
                    "{} is not CRDT or DBIT",
                    other.map_or("an empty value".to_string(), short)
                ),
            )),
        }
    }

    fn sign(self) -> i64 {
        match self {
            Dir::Credit => 1,
            Dir::Debit => -1,
        }
    }
}

/// A value from the file quoted in an error message, cut short (never a whole field of
/// personal data; callers only quote codes and amounts).
fn short(v: &str) -> String {
    let cut: String = v.chars().take(20).collect();
    if cut.len() < v.len() {
        format!("\"{cut}…\"")
    } else {
        format!("\"{cut}\"")
    }
}

/// An amount element read with its currency: (currency, minor units ≥ 0).
fn read_amount(node: &Node, path: &str, field: &str) -> Result<(Currency, i64), FileError> {
    let code = node.ccy.as_deref().unwrap_or("");
    let currency = Currency::parse(code)
        .filter(|c| c.code() == code)
        .ok_or_else(|| {
            err(
                path,
                &format!("{field}@Ccy"),
                if code.is_empty() {
                    "the amount has no Ccy attribute".to_string()
                } else {
                    format!(
                        "currency {} is not one Kreditor settles in (SEK, NOK, DKK, EUR)",
                        short(code)
                    )
                },
            )
        })?;
    let minor = amount::parse_minor(&node.text, currency.minor_units()).map_err(|e| {
        err(
            path,
            field,
            e.message(node.text.trim(), currency.minor_units()),
        )
    })?;
    Ok((currency, minor))
}

fn parse_count(node: &Node, path: &str, field: &str) -> Result<u64, FileError> {
    node.value()
        .filter(|v| v.len() <= 15 && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| err(path, field, "not a count (up to 15 digits)"))
}

/// A `DateAndDateTimeChoice` (`Dt` or `DtTm`) as a date.
fn read_date(node: &Node, path: &str, field: &str) -> Result<NaiveDate, FileError> {
    if let Some(dt) = node.child("Dt") {
        return parse_date(&dt.text).ok_or_else(|| {
            err(
                &format!("{path}/Dt"),
                &format!("{field}/Dt"),
                "not a date YYYY-MM-DD",
            )
        });
    }
    if let Some(dt) = node.child("DtTm") {
        return parse_date_time(&dt.text).ok_or_else(|| {
            err(
                &format!("{path}/DtTm"),
                &format!("{field}/DtTm"),
                "not a date and time YYYY-MM-DDThh:mm:ss",
            )
        });
    }
    Err(err(path, field, "neither Dt nor DtTm is given"))
}

/// An account id as the model keeps it: the IBAN or other id without any white space.
fn account_id(id: &Node) -> Option<String> {
    let raw = id
        .text_at(&["IBAN"])
        .or_else(|| id.text_at(&["Othr", "Id"]))?;
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    (!compact.is_empty()).then_some(compact)
}

/// The account a notification is about.
struct Account {
    id: String,
    currency: Option<Currency>,
}

/// Totals of a notification's entries, checked against its `TxsSummry`.
#[derive(Default)]
struct Totals {
    count: u64,
    sum: i64,
    net: i64,
    credit_count: u64,
    credit_sum: i64,
    debit_count: u64,
    debit_sum: i64,
    decimals: Option<u32>,
}

impl Totals {
    fn add(&mut self, d: &Deposit) {
        let abs = d.total.saturating_abs();
        self.count += 1;
        self.sum = self.sum.saturating_add(abs);
        self.net = self.net.saturating_add(d.total);
        if d.total < 0 {
            self.debit_count += 1;
            self.debit_sum = self.debit_sum.saturating_add(abs);
        } else {
            self.credit_count += 1;
            self.credit_sum = self.credit_sum.saturating_add(abs);
        }
        self.decimals.get_or_insert(d.currency.minor_units());
    }
}

/// One `TxDtls` as read, before the entry it belongs to is complete.
struct RawTx {
    path: String,
    amount: Option<(Currency, i64, String)>,
    direction: Option<Dir>,
    acct_svcr_ref: Option<String>,
    end_to_end: Option<String>,
    references: Vec<RawRef>,
    information: Vec<String>,
    payer: Payer,
}

struct RawRef {
    value: String,
    structured: bool,
    /// (currency, minor units, a credit note (deducted), path of the amount element).
    amount: Option<(Currency, i64, bool, String)>,
}

/// An `NtryDtls/Btch` summary and the transactions it covers.
struct Batch {
    path: String,
    node: Node,
    txs: Range<usize>,
}

/// The `Ntry` children read so far.
#[derive(Default)]
struct Entry {
    fields: Vec<Node>,
    txs: Vec<RawTx>,
    batches: Vec<Batch>,
}

impl Entry {
    fn field(&self, name: &str) -> Option<&Node> {
        self.fields.iter().find(|n| n.name == name)
    }
}

struct Parser<'a> {
    cur: Cursor<'a>,
    version: Version,
    file_id: Option<String>,
    created: Option<String>,
    notifications: u32,
    deposits: Vec<Deposit>,
}

impl Parser<'_> {
    fn run(mut self) -> Result<BankFile, FileError> {
        let Item::Open { name, namespace } = self.cur.next(|_| Kind::Skip)? else {
            return Err(err("/", "Document", "the file holds no XML element"));
        };
        if name != "Document" {
            return Err(self.cur.error(
                "Document",
                format!(
                    "the root element is {}, not Document: not an ISO 20022 camt.054 file",
                    short(&name)
                ),
            ));
        }
        let namespace = namespace.unwrap_or_default();
        self.version = Version::from_namespace(&namespace).ok_or_else(|| {
            let message = if let Some(v) = namespace.strip_prefix(super::NAMESPACE_PREFIX) {
                format!(
                    "camt.054 version {} is not read; Kreditor reads 001.02 and 001.08",
                    short(v)
                )
            } else if namespace.is_empty() {
                "the Document element has no namespace; a camt.054 file names \
                 urn:iso:std:iso:20022:tech:xsd:camt.054.001.02 or .08"
                    .to_string()
            } else {
                format!(
                    "the namespace {} is not camt.054 (001.02 or 001.08)",
                    short(&namespace)
                )
            };
            self.cur.error("Document@xmlns", message)
        })?;
        let mut message_seen = false;
        loop {
            match self.cur.next(|n| {
                if n == "BkToCstmrDbtCdtNtfctn" {
                    Kind::Container
                } else {
                    Kind::Skip
                }
            })? {
                Item::Open { .. } => {
                    if message_seen {
                        return Err(self.cur.error(
                            "BkToCstmrDbtCdtNtfctn",
                            "a second BkToCstmrDbtCdtNtfctn in one Document",
                        ));
                    }
                    message_seen = true;
                    self.message()?;
                }
                Item::Close => break,
                Item::Leaf(_) | Item::End => {}
            }
        }
        if !message_seen {
            return Err(err(
                "/Document",
                "BkToCstmrDbtCdtNtfctn",
                "the Document holds no BkToCstmrDbtCdtNtfctn",
            ));
        }
        match self.cur.next(|_| Kind::Skip)? {
            Item::End => {}
            _ => return Err(err("/", "Document", "content after the Document element")),
        }
        Ok(BankFile {
            format: self.version.format(),
            file_id: self.file_id.unwrap_or_default(),
            created: self.created.unwrap_or_default(),
            test: false,
            deposits: self.deposits,
        })
    }

    fn message(&mut self) -> Result<(), FileError> {
        let path = self.cur.path();
        loop {
            match self.cur.next(|n| match n {
                "GrpHdr" => Kind::Capture,
                "Ntfctn" => Kind::Container,
                _ => Kind::Skip,
            })? {
                Item::Leaf(node) => self.group_header(&node, &format!("{path}/GrpHdr"))?,
                Item::Open { .. } => self.notification()?,
                Item::Close => break,
                Item::End => {}
            }
        }
        if self.file_id.is_none() {
            return Err(err(&path, "GrpHdr", "the group header GrpHdr is missing"));
        }
        if self.notifications == 0 {
            return Err(err(
                &path,
                "Ntfctn",
                "the file holds no notification Ntfctn",
            ));
        }
        Ok(())
    }

    fn group_header(&mut self, node: &Node, path: &str) -> Result<(), FileError> {
        if self.file_id.is_some() {
            return Err(err(path, "GrpHdr", "a second group header GrpHdr"));
        }
        let id = node
            .text_at(&["MsgId"])
            .ok_or_else(|| err(&format!("{path}/MsgId"), "GrpHdr/MsgId", "missing or empty"))?;
        let created = node.text_at(&["CreDtTm"]).ok_or_else(|| {
            err(
                &format!("{path}/CreDtTm"),
                "GrpHdr/CreDtTm",
                "missing or empty",
            )
        })?;
        if parse_date_time(created).is_none() {
            return Err(err(
                &format!("{path}/CreDtTm"),
                "GrpHdr/CreDtTm",
                "not a date and time YYYY-MM-DDThh:mm:ss",
            ));
        }
        self.file_id = Some(id.to_string());
        self.created = Some(created.to_string());
        Ok(())
    }

    fn notification(&mut self) -> Result<(), FileError> {
        if self.file_id.is_none() {
            return Err(self.cur.error(
                "GrpHdr",
                "the group header GrpHdr must come before the notifications",
            ));
        }
        self.notifications += 1;
        let path = self.cur.path();
        let mut account: Option<Account> = None;
        let mut summary: Option<Node> = None;
        let mut totals = Totals::default();
        loop {
            match self.cur.next(|n| match n {
                "Acct" | "TxsSummry" => Kind::Capture,
                "Ntry" => Kind::Container,
                _ => Kind::Skip,
            })? {
                Item::Leaf(node) if node.name == "Acct" => {
                    account = Some(read_account(&node, &format!("{path}/Acct"))?);
                }
                Item::Leaf(node) => summary = Some(node),
                Item::Open { .. } => {
                    let Some(acct) = &account else {
                        return Err(self.cur.error(
                            "Ntfctn/Acct",
                            "the account Acct must come before the entries",
                        ));
                    };
                    let deposit = self.entry(acct)?;
                    totals.add(&deposit);
                    self.deposits.push(deposit);
                }
                Item::Close => break,
                Item::End => {}
            }
        }
        if account.is_none() {
            return Err(err(&path, "Ntfctn/Acct", "the account Acct is missing"));
        }
        if let Some(s) = summary {
            check_summary(&s, &format!("{path}/TxsSummry"), &totals)?;
        }
        Ok(())
    }

    fn entry(&mut self, account: &Account) -> Result<Deposit, FileError> {
        let path = self.cur.path();
        let mut e = Entry::default();
        loop {
            match self.cur.next(|n| match n {
                "Amt" | "CdtDbtInd" | "RvslInd" | "Sts" | "BookgDt" | "ValDt" | "AcctSvcrRef"
                | "NtryRef" => Kind::Capture,
                "NtryDtls" => Kind::Container,
                _ => Kind::Skip,
            })? {
                Item::Leaf(node) => e.fields.push(node),
                Item::Open { .. } => self.entry_details(&mut e)?,
                Item::Close => break,
                Item::End => {}
            }
        }
        finish_entry(e, account, &path)
    }

    fn entry_details(&mut self, e: &mut Entry) -> Result<(), FileError> {
        let path = self.cur.path();
        let first = e.txs.len();
        let mut batch = None;
        loop {
            match self.cur.next(|n| match n {
                "Btch" | "TxDtls" => Kind::Capture,
                _ => Kind::Skip,
            })? {
                Item::Leaf(node) if node.name == "Btch" => batch = Some(node),
                Item::Leaf(node) => {
                    let tx_path = format!("{path}/{}", segment("TxDtls", node.index));
                    e.txs.push(read_transaction(&node, tx_path, self.version)?);
                }
                Item::Close => break,
                Item::Open { .. } | Item::End => {}
            }
        }
        if let Some(node) = batch {
            e.batches.push(Batch {
                path: format!("{path}/Btch"),
                node,
                txs: first..e.txs.len(),
            });
        }
        Ok(())
    }
}

fn read_account(node: &Node, path: &str) -> Result<Account, FileError> {
    let id = node
        .child("Id")
        .and_then(account_id)
        .ok_or_else(|| err(&format!("{path}/Id"), "Acct/Id", "no IBAN or Othr/Id given"))?;
    let currency = match node.child("Ccy") {
        None => None,
        Some(c) => {
            let code = c.value().unwrap_or("");
            Some(
                Currency::parse(code)
                    .filter(|cur| cur.code() == code)
                    .ok_or_else(|| {
                        err(
                            &format!("{path}/Ccy"),
                            "Acct/Ccy",
                            format!(
                                "currency {} is not one Kreditor settles in (SEK, NOK, DKK, EUR)",
                                short(code)
                            ),
                        )
                    })?,
            )
        }
    };
    Ok(Account { id, currency })
}

fn check_summary(node: &Node, path: &str, t: &Totals) -> Result<(), FileError> {
    let decimals = t.decimals.unwrap_or(2);
    let check_count = |name: &str, want: u64| -> Result<(), FileError> {
        let Some(n) = node.get(&[name, "NbOfNtries"]) else {
            return Ok(());
        };
        let p = format!("{path}/{name}/NbOfNtries");
        let f = format!("TxsSummry/{name}/NbOfNtries");
        let got = parse_count(n, &p, &f)?;
        if got != want {
            return Err(err(
                &p,
                &f,
                format!("the summary says {got} entries, the notification holds {want}"),
            ));
        }
        Ok(())
    };
    let check_sum = |name: &str, sub: &[&str], want: i64| -> Result<(), FileError> {
        let mut full = vec![name];
        full.extend_from_slice(sub);
        let Some(n) = node.get(&full) else {
            return Ok(());
        };
        let p = format!("{path}/{}", full.join("/"));
        let f = format!("TxsSummry/{}", full.join("/"));
        let got = amount::parse_minor_lenient(&n.text, decimals)
            .map_err(|e| err(&p, &f, e.message(n.text.trim(), decimals)))?;
        if got != want {
            return Err(err(
                &p,
                &f,
                format!(
                    "the summary says {}, the entries add up to {}",
                    amount::format_minor(got.unsigned_abs(), decimals),
                    amount::format_minor(want.unsigned_abs(), decimals)
                ),
            ));
        }
        Ok(())
    };
    check_count("TtlNtries", t.count)?;
    check_sum("TtlNtries", &["Sum"], t.sum)?;
    check_count("TtlCdtNtries", t.credit_count)?;
    check_sum("TtlCdtNtries", &["Sum"], t.credit_sum)?;
    check_count("TtlDbtNtries", t.debit_count)?;
    check_sum("TtlDbtNtries", &["Sum"], t.debit_sum)?;
    // The net total: 001.02 `TtlNetNtryAmt` + `CdtDbtInd`, 001.08 `TtlNetNtry/Amt` + `CdtDbtInd`.
    let net = node.child("TtlNtries").and_then(|g| {
        g.child("TtlNetNtryAmt")
            .map(|a| (a, g.child("CdtDbtInd"), "TtlNtries/TtlNetNtryAmt"))
            .or_else(|| {
                g.child("TtlNetNtry").and_then(|n| {
                    n.child("Amt")
                        .map(|a| (a, n.child("CdtDbtInd"), "TtlNtries/TtlNetNtry/Amt"))
                })
            })
    });
    if let Some((amt, ind, rel)) = net {
        let p = format!("{path}/{rel}");
        let f = format!("TxsSummry/{rel}");
        let got = amount::parse_minor_lenient(&amt.text, decimals)
            .map_err(|e| err(&p, &f, e.message(amt.text.trim(), decimals)))?;
        let dir = match ind {
            Some(i) => Dir::parse(i, &p, "TxsSummry/…/CdtDbtInd")?,
            None => Dir::Credit,
        };
        if got.saturating_mul(dir.sign()) != t.net && !(got == 0 && t.net == 0) {
            return Err(err(
                &p,
                &f,
                "the summary's net total differs from the entries' net total",
            ));
        }
    }
    Ok(())
}

fn read_transaction(node: &Node, path: String, version: Version) -> Result<RawTx, FileError> {
    let amount_node = match version {
        Version::V08 => node
            .child("Amt")
            .map(|a| (a, format!("{path}/Amt"), "TxDtls/Amt")),
        Version::V02 => None,
    }
    .or_else(|| {
        node.get(&["AmtDtls", "TxAmt", "Amt"]).map(|a| {
            (
                a,
                format!("{path}/AmtDtls/TxAmt/Amt"),
                "TxDtls/AmtDtls/TxAmt/Amt",
            )
        })
    });
    let amount = match amount_node {
        Some((a, p, f)) => {
            let (c, m) = read_amount(a, &p, f)?;
            Some((c, m, p))
        }
        None => None,
    };
    let direction = match (version, node.child("CdtDbtInd")) {
        (Version::V08, Some(ind)) => Some(Dir::parse(
            ind,
            &format!("{path}/CdtDbtInd"),
            "TxDtls/CdtDbtInd",
        )?),
        _ => None,
    };
    let (mut references, information) = match node.child("RmtInf") {
        Some(rmt) => read_remittance(rmt, &format!("{path}/RmtInf"))?,
        None => (Vec::new(), Vec::new()),
    };
    if references.is_empty() {
        // No structured reference: the free-text lines are what the payer gave.
        references = information
            .iter()
            .map(|line| RawRef {
                value: line.clone(),
                structured: false,
                amount: None,
            })
            .collect();
    }
    Ok(RawTx {
        amount,
        direction,
        acct_svcr_ref: node.text_at(&["Refs", "AcctSvcrRef"]).map(str::to_string),
        end_to_end: node
            .text_at(&["Refs", "EndToEndId"])
            .filter(|v| !v.eq_ignore_ascii_case("NOTPROVIDED"))
            .map(str::to_string),
        references,
        information,
        payer: node.child("RltdPties").map(read_payer).unwrap_or_default(),
        path,
    })
}

/// `RmtInf`: the references (one per `Strd` that has `CdtrRefInf/Ref` or, failing that,
/// `RfrdDocInf/Nb`) and the `Ustrd` lines.
fn read_remittance(rmt: &Node, path: &str) -> Result<(Vec<RawRef>, Vec<String>), FileError> {
    let information = rmt
        .children_named("Ustrd")
        .filter_map(Node::value)
        .map(str::to_string)
        .collect();
    let mut references = Vec::new();
    for strd in rmt.children_named("Strd") {
        let strd_path = format!("{path}/{}", segment("Strd", strd.index));
        let (value, structured) = match strd.text_at(&["CdtrRefInf", "Ref"]) {
            Some(r) => (r, true),
            None => match strd
                .children_named("RfrdDocInf")
                .find_map(|d| d.text_at(&["Nb"]))
            {
                Some(nb) => (nb, false),
                None => continue,
            },
        };
        let amount = match strd.child("RfrdDocAmt") {
            Some(doc) => {
                let pick = doc
                    .child("RmtdAmt")
                    .map(|a| (a, false, "RmtdAmt"))
                    .or_else(|| doc.child("CdtNoteAmt").map(|a| (a, true, "CdtNoteAmt")));
                match pick {
                    Some((a, credit_note, name)) => {
                        let p = format!("{strd_path}/RfrdDocAmt/{name}");
                        let (c, m) = read_amount(a, &p, &format!("Strd/RfrdDocAmt/{name}"))?;
                        Some((c, m, credit_note, p))
                    }
                    None => None,
                }
            }
            None => None,
        };
        references.push(RawRef {
            value: value.to_string(),
            structured,
            amount,
        });
    }
    Ok((references, information))
}

/// The payer from `RltdPties`: `Dbtr` (001.08 wraps it in `Pty`) and `DbtrAcct`.
fn read_payer(parties: &Node) -> Payer {
    let mut payer = Payer::default();
    if let Some(dbtr) = parties.child("Dbtr") {
        let party = dbtr.child("Pty").unwrap_or(dbtr);
        payer.name = party.text_at(&["Nm"]).map(str::to_string);
        if let Some(adr) = party.child("PstlAdr") {
            if let Some(street) = adr.text_at(&["StrtNm"]) {
                payer.address.push(match adr.text_at(&["BldgNb"]) {
                    Some(nb) => format!("{street} {nb}"),
                    None => street.to_string(),
                });
            }
            payer.address.extend(
                adr.children_named("AdrLine")
                    .filter_map(Node::value)
                    .map(str::to_string),
            );
            payer.postal_code = adr.text_at(&["PstCd"]).map(str::to_string);
            payer.city = adr.text_at(&["TwnNm"]).map(str::to_string);
            payer.country = adr.text_at(&["Ctry"]).map(str::to_string);
        }
        payer.national_id = party
            .text_at(&["Id", "OrgId", "Othr", "Id"])
            .or_else(|| party.text_at(&["Id", "PrvtId", "Othr", "Id"]))
            .map(str::to_string);
    }
    payer.account = parties.get(&["DbtrAcct", "Id"]).and_then(account_id);
    payer
}

fn finish_entry(e: Entry, account: &Account, path: &str) -> Result<Deposit, FileError> {
    let amt = e
        .field("Amt")
        .ok_or_else(|| err(path, "Ntry/Amt", "the entry has no amount Amt"))?;
    let amt_path = format!("{path}/Amt");
    let (currency, minor) = read_amount(amt, &amt_path, "Ntry/Amt")?;
    if let Some(acct) = account.currency {
        if acct != currency {
            return Err(err(
                &amt_path,
                "Ntry/Amt@Ccy",
                format!("the entry is in {currency} but the account (Acct/Ccy) is in {acct}"),
            ));
        }
    }
    let dir = Dir::parse(
        e.field("CdtDbtInd")
            .ok_or_else(|| err(path, "Ntry/CdtDbtInd", "missing"))?,
        &format!("{path}/CdtDbtInd"),
        "Ntry/CdtDbtInd",
    )?;
    let reversal = match e.field("RvslInd") {
        None => false,
        Some(n) => match n.value() {
            Some("true") | Some("1") => true,
            Some("false") | Some("0") => false,
            _ => {
                return Err(err(
                    &format!("{path}/RvslInd"),
                    "Ntry/RvslInd",
                    "not true or false",
                ))
            }
        },
    };
    if reversal && dir == Dir::Credit {
        return Err(err(
            &format!("{path}/RvslInd"),
            "Ntry/RvslInd",
            "a credit with RvslInd true reverses an earlier debit (money Kreditor paid out); \
             it is not an incoming payment and must be booked by hand",
        ));
    }
    let status = e.field("Sts").and_then(|s| {
        s.value()
            .or_else(|| s.text_at(&["Cd"]))
            .or_else(|| s.text_at(&["Prtry"]))
    });
    if status != Some("BOOK") {
        return Err(err(
            &format!("{path}/Sts"),
            "Ntry/Sts",
            match status {
                None => "the entry has no status Sts".to_string(),
                Some(s) => format!(
                    "the entry's status is {}; only booked entries (BOOK) are imported",
                    short(s)
                ),
            },
        ));
    }
    let booking_date = read_date(
        e.field("BookgDt").ok_or_else(|| {
            err(
                path,
                "Ntry/BookgDt",
                "the entry has no booking date BookgDt",
            )
        })?,
        &format!("{path}/BookgDt"),
        "Ntry/BookgDt",
    )?;
    let value_date = match e.field("ValDt") {
        Some(v) => Some(read_date(v, &format!("{path}/ValDt"), "Ntry/ValDt")?),
        None => None,
    };
    let bank_ref = e
        .field("AcctSvcrRef")
        .and_then(Node::value)
        .or_else(|| e.field("NtryRef").and_then(Node::value))
        .unwrap_or("")
        .to_string();
    let total = minor * dir.sign();
    let kind_of = |d: Dir| match d {
        Dir::Credit => PaymentKind::Payment,
        Dir::Debit => PaymentKind::Return,
    };

    let payments = if e.txs.is_empty() {
        vec![BankPayment {
            bank_ref: if bank_ref.is_empty() {
                String::new()
            } else {
                format!("{bank_ref}/1")
            },
            amount: total,
            kind: kind_of(dir),
            references: Vec::new(),
            information: Vec::new(),
            payer: Payer::default(),
            value_date,
            position: Position::Path(path.to_string()),
        }]
    } else {
        let n = e.txs.len();
        let mut out = Vec::with_capacity(n);
        for (i, tx) in e.txs.into_iter().enumerate() {
            let tx_dir = tx.direction.unwrap_or(dir);
            let tx_minor = match &tx.amount {
                Some((c, m, p)) => {
                    if *c != currency {
                        return Err(err(
                            p,
                            "TxDtls/Amt@Ccy",
                            format!("the transaction is in {c} but its entry is in {currency}"),
                        ));
                    }
                    *m
                }
                None if n == 1 => minor,
                None => {
                    return Err(err(
                        &tx.path,
                        "TxDtls/Amt",
                        format!(
                            "the transaction has no amount; in an entry with {n} transactions \
                             each must give its own"
                        ),
                    ))
                }
            };
            let sign = tx_dir.sign();
            let mut references = Vec::with_capacity(tx.references.len());
            for r in tx.references {
                let amount = match r.amount {
                    Some((c, m, credit_note, p)) => {
                        if c != currency {
                            return Err(err(
                                &p,
                                "RfrdDocAmt@Ccy",
                                format!("the amount is in {c} but its entry is in {currency}"),
                            ));
                        }
                        Some(if credit_note { -m * sign } else { m * sign })
                    }
                    None => None,
                };
                references.push(PaymentReference {
                    value: r.value,
                    structured: r.structured,
                    amount,
                    bank_flagged_invalid: false,
                });
            }
            let tx_ref = match (&tx.acct_svcr_ref, &tx.end_to_end) {
                (Some(r), _) => r.clone(),
                (None, Some(e2e)) if !bank_ref.is_empty() => format!("{bank_ref}/{e2e}"),
                (None, Some(e2e)) => format!("{booking_date}/{e2e}"),
                (None, None) if !bank_ref.is_empty() => format!("{bank_ref}/{}", i + 1),
                (None, None) => String::new(),
            };
            out.push(BankPayment {
                bank_ref: tx_ref,
                amount: tx_minor * sign,
                kind: kind_of(tx_dir),
                references,
                information: tx.information,
                payer: tx.payer,
                value_date,
                position: Position::Path(tx.path),
            });
        }
        out
    };

    let sum = payments
        .iter()
        .try_fold(0i64, |acc, p| acc.checked_add(p.amount))
        .ok_or_else(|| err(&amt_path, "Ntry/Amt", "the transactions' amounts overflow"))?;
    if sum != total {
        return Err(err(
            &amt_path,
            "Ntry/Amt",
            format!(
                "the entry's amount {}{} differs from the sum of its {} transactions {}{}",
                if total < 0 { "-" } else { "" },
                amount::format_minor(total.unsigned_abs(), currency.minor_units()),
                payments.len(),
                if sum < 0 { "-" } else { "" },
                amount::format_minor(sum.unsigned_abs(), currency.minor_units()),
            ),
        ));
    }
    for b in &e.batches {
        check_batch(b, &payments, currency, dir)?;
    }
    Ok(Deposit {
        account: account.id.clone(),
        currency,
        booking_date,
        total,
        bank_ref,
        payments,
        position: Position::Path(path.to_string()),
    })
}

/// `Btch/NbOfTxs` and `Btch/TtlAmt` against the `TxDtls` of the same `NtryDtls` (when the
/// bank lists them; a batch given only as a summary has nothing to check against).
fn check_batch(
    b: &Batch,
    payments: &[BankPayment],
    currency: Currency,
    entry_dir: Dir,
) -> Result<(), FileError> {
    let txs = payments.get(b.txs.clone()).unwrap_or(&[]);
    if txs.is_empty() {
        return Ok(());
    }
    if let Some(n) = b.node.child("NbOfTxs") {
        let p = format!("{}/NbOfTxs", b.path);
        let got = parse_count(n, &p, "Btch/NbOfTxs")?;
        if got != txs.len() as u64 {
            return Err(err(
                &p,
                "Btch/NbOfTxs",
                format!(
                    "the batch says {got} transactions, the entry details list {}",
                    txs.len()
                ),
            ));
        }
    }
    if let Some(a) = b.node.child("TtlAmt") {
        let p = format!("{}/TtlAmt", b.path);
        let (c, m) = read_amount(a, &p, "Btch/TtlAmt")?;
        if c != currency {
            return Err(err(
                &p,
                "Btch/TtlAmt@Ccy",
                format!("the batch total is in {c} but its entry is in {currency}"),
            ));
        }
        let dir = match b.node.child("CdtDbtInd") {
            Some(i) => Dir::parse(i, &format!("{}/CdtDbtInd", b.path), "Btch/CdtDbtInd")?,
            None => entry_dir,
        };
        let sum: i64 = txs.iter().fold(0i64, |acc, p| acc.saturating_add(p.amount));
        if m.saturating_mul(dir.sign()) != sum && !(m == 0 && sum == 0) {
            return Err(err(
                &p,
                "Btch/TtlAmt",
                format!(
                    "the batch total {} differs from the sum of its {} transactions",
                    amount::format_minor(m.unsigned_abs(), currency.minor_units()),
                    txs.len()
                ),
            ));
        }
    }
    Ok(())
}
