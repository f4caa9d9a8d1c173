//! The checks an export must pass before a single byte is written.
//!
//! An accountant imports the file into another program; a file that is wrong in a way that
//! program does not notice (a voucher that doesn't balance, a closing balance that doesn't
//! follow from the rows) is worse than no file, so the writer refuses instead.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::{SieAccountKind, SieError, SieExport, SieVoucher};

/// Checks the structure and arithmetic of an export (encodability is checked while writing).
pub(super) fn check_export(export: &SieExport) -> Result<(), SieError> {
    check_year(export.fiscal_year)?;
    if let Some(previous) = export.previous_year {
        check_year(previous)?;
    }
    let kinds = chart_kinds(export)?;
    let opening = balances(&kinds, "#IB", &export.opening, true)?;
    let closing = balances(&kinds, "#UB", &export.closing, true)?;
    let results = balances(&kinds, "#RES", &export.results, false)?;
    let movements = check_vouchers(export, &kinds)?;
    check_balances(&kinds, &opening, &closing, &results, &movements)
}

fn check_year((start, end): (NaiveDate, NaiveDate)) -> Result<(), SieError> {
    if end < start {
        return Err(SieError::InvalidYear { start, end });
    }
    Ok(())
}

/// The chart as a map from number to kind; refuses duplicates because a reader would keep
/// only one of the two names.
fn chart_kinds(export: &SieExport) -> Result<HashMap<u32, SieAccountKind>, SieError> {
    let mut kinds = HashMap::with_capacity(export.accounts.len());
    for account in &export.accounts {
        if kinds.insert(account.number, account.kind).is_some() {
            return Err(SieError::DuplicateAccount(account.number));
        }
    }
    Ok(kinds)
}

/// Checks one kind of balance record and returns it as a map.
fn balances(
    kinds: &HashMap<u32, SieAccountKind>,
    record: &'static str,
    rows: &[(u32, Decimal)],
    balance_sheet: bool,
) -> Result<HashMap<u32, Decimal>, SieError> {
    let mut map = HashMap::with_capacity(rows.len());
    for &(account, amount) in rows {
        let context = format!("{record} {account}");
        let kind = known_kind(kinds, account, &context)?;
        if kind.is_balance_sheet() != balance_sheet {
            return Err(SieError::WrongAccountKind {
                record,
                account,
                kind,
            });
        }
        check_decimals(amount, &context)?;
        if map.insert(account, amount).is_some() {
            return Err(SieError::DuplicateBalance { record, account });
        }
    }
    Ok(map)
}

/// Checks every voucher and returns the year's movement per account.
fn check_vouchers(
    export: &SieExport,
    kinds: &HashMap<u32, SieAccountKind>,
) -> Result<BTreeMap<u32, Decimal>, SieError> {
    let (start, end) = export.fiscal_year;
    let mut seen = HashSet::with_capacity(export.vouchers.len());
    let mut movements = BTreeMap::new();
    for voucher in &export.vouchers {
        let label = || (voucher.series.clone(), voucher.number.to_string());
        if !seen.insert((voucher.series.as_str(), voucher.number)) {
            let (series, number) = label();
            return Err(SieError::DuplicateVoucher { series, number });
        }
        if voucher.transactions.is_empty() {
            let (series, number) = label();
            return Err(SieError::EmptyVoucher { series, number });
        }
        if voucher.date < start || voucher.date > end {
            let (series, number) = label();
            let date = voucher.date;
            return Err(SieError::VoucherOutsideYear {
                series,
                number,
                date,
            });
        }
        let sum = check_rows(voucher, kinds, &mut movements)?;
        if !sum.is_zero() {
            let (series, number) = label();
            return Err(SieError::UnbalancedVoucher {
                series,
                number,
                sum,
            });
        }
    }
    Ok(movements)
}

/// Checks one voucher's rows, adds them to `movements` and returns their sum.
fn check_rows(
    voucher: &SieVoucher,
    kinds: &HashMap<u32, SieAccountKind>,
    movements: &mut BTreeMap<u32, Decimal>,
) -> Result<Decimal, SieError> {
    let mut sum = Decimal::ZERO;
    for (i, row) in voucher.transactions.iter().enumerate() {
        let context = format!(
            "voucher {} {} row {}",
            voucher.series,
            voucher.number,
            i + 1
        );
        known_kind(kinds, row.account, &context)?;
        check_decimals(row.amount, &context)?;
        sum += row.amount;
        *movements.entry(row.account).or_default() += row.amount;
    }
    Ok(sum)
}

/// IB + rows = UB for balance-sheet accounts and rows = RES for result accounts, each missing
/// balance counting as zero: the file must agree with itself.
fn check_balances(
    kinds: &HashMap<u32, SieAccountKind>,
    opening: &HashMap<u32, Decimal>,
    closing: &HashMap<u32, Decimal>,
    results: &HashMap<u32, Decimal>,
    movements: &BTreeMap<u32, Decimal>,
) -> Result<(), SieError> {
    let mut accounts: Vec<u32> = kinds.keys().copied().collect();
    accounts.sort_unstable();
    for account in accounts {
        let movement = movements.get(&account).copied().unwrap_or_default();
        let get = |map: &HashMap<u32, Decimal>| map.get(&account).copied().unwrap_or_default();
        let is_balance_sheet = kinds.get(&account).is_some_and(|k| k.is_balance_sheet());
        let (record, start, stated) = if is_balance_sheet {
            ("#UB", get(opening), get(closing))
        } else {
            ("#RES", Decimal::ZERO, get(results))
        };
        if start + movement != stated {
            return Err(SieError::BalanceMismatch {
                account,
                record,
                opening: start,
                movements: movement,
                stated,
            });
        }
    }
    Ok(())
}

fn known_kind(
    kinds: &HashMap<u32, SieAccountKind>,
    account: u32,
    context: &str,
) -> Result<SieAccountKind, SieError> {
    kinds
        .get(&account)
        .copied()
        .ok_or_else(|| SieError::UnknownAccount {
            account,
            context: context.to_owned(),
        })
}

/// SIE amounts are kronor with öre; fractions of öre would be rounded differently by each
/// importing program, so the ledger must round (by its named rule) before exporting.
fn check_decimals(amount: Decimal, context: &str) -> Result<(), SieError> {
    if amount.normalize().scale() > 2 {
        return Err(SieError::TooManyDecimals {
            amount,
            context: context.to_owned(),
        });
    }
    Ok(())
}
