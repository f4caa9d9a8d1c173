//! Checks a read SIE file the way an auditor's program would, independently of the writer's checks.
//!
//! Returns every problem as a sentence instead of stopping at the first, so one run over a
//! file from anywhere shows all that is wrong with it.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rust_decimal::Decimal;

use super::{SieAccountKind, SieFile, SieFileVoucher};

/// Every problem found in the file; empty means valid. Checks: `#FORMAT PC8` and `#SIETYP 4`
/// present, `#RAR 0` present and every voucher inside it, vouchers non-empty, unique and
/// balanced, rows on accounts from the chart, and per account IB + rows = UB (balance sheet) or
/// rows = RES (result), missing balances counting as zero.
pub fn validate(file: &SieFile) -> Vec<String> {
    let mut problems = file.warnings.clone();
    check_header(file, &mut problems);
    let chart: HashMap<u32, Option<SieAccountKind>> =
        file.accounts.iter().map(|a| (a.number, a.kind)).collect();
    for voucher in &file.vouchers {
        check_voucher(file, &chart, voucher, &mut problems);
    }
    check_unique(file, &mut problems);
    check_balances(file, &chart, &mut problems);
    problems
}

fn check_header(file: &SieFile, problems: &mut Vec<String>) {
    match file.format.as_deref() {
        Some("PC8") => {}
        Some(other) => problems.push(format!("#FORMAT is {other}, not PC8")),
        None => problems.push("#FORMAT PC8 is missing".to_owned()),
    }
    match file.sie_type.as_deref() {
        Some("4") => {}
        Some(other) => problems.push(format!("#SIETYP is {other}, not 4")),
        None => problems.push("#SIETYP 4 is missing".to_owned()),
    }
    if !file.fiscal_years.contains_key(&0) {
        problems.push("#RAR 0 (the current fiscal year) is missing".to_owned());
    }
}

fn name(v: &SieFileVoucher) -> String {
    let number = v.number.map(|n| n.to_string()).unwrap_or_default();
    format!("voucher {} {} (line {})", v.series, number, v.line)
}

fn check_voucher(
    file: &SieFile,
    chart: &HashMap<u32, Option<SieAccountKind>>,
    v: &SieFileVoucher,
    problems: &mut Vec<String>,
) {
    if v.transactions.is_empty() {
        problems.push(format!("{} has no rows", name(v)));
    }
    let sum: Decimal = v.transactions.iter().map(|t| t.amount).sum();
    if !sum.is_zero() {
        problems.push(format!(
            "{} does not balance: its rows sum to {sum}",
            name(v)
        ));
    }
    if let Some(&(start, end)) = file.fiscal_years.get(&0) {
        if v.date < start || v.date > end {
            problems.push(format!("{} is dated {}, outside #RAR 0", name(v), v.date));
        }
    }
    for t in &v.transactions {
        if !chart.contains_key(&t.account) {
            problems.push(format!(
                "{} uses account {}, which has no #KONTO",
                name(v),
                t.account
            ));
        }
    }
}

fn check_unique(file: &SieFile, problems: &mut Vec<String>) {
    let mut seen = HashSet::new();
    for v in &file.vouchers {
        if let Some(number) = v.number {
            if !seen.insert((v.series.as_str(), number)) {
                problems.push(format!("{} repeats an earlier series and number", name(v)));
            }
        }
    }
}

/// Whether an account is a balance-sheet account: its `#KTYP` if given, otherwise the BAS
/// class (1xxx assets, 2xxx equity and liabilities, 3xxx–8xxx results). `None`: can't tell.
fn is_balance_sheet(chart: &HashMap<u32, Option<SieAccountKind>>, account: u32) -> Option<bool> {
    let kind = chart.get(&account).copied().flatten();
    match (kind, account) {
        (Some(kind), _) => Some(kind.is_balance_sheet()),
        (None, 1000..=2999) => Some(true),
        (None, 3000..=8999) => Some(false),
        (None, _) => None,
    }
}

fn check_balances(
    file: &SieFile,
    chart: &HashMap<u32, Option<SieAccountKind>>,
    problems: &mut Vec<String>,
) {
    let year = file.fiscal_years.get(&0).copied();
    let mut movements: BTreeMap<u32, Decimal> = BTreeMap::new();
    for v in &file.vouchers {
        if year.is_some_and(|(start, end)| v.date < start || v.date > end) {
            continue;
        }
        for t in &v.transactions {
            *movements.entry(t.account).or_default() += t.amount;
        }
    }
    let this_year = |map: &BTreeMap<(i32, u32), Decimal>| -> BTreeMap<u32, Decimal> {
        map.iter()
            .filter(|((y, _), _)| *y == 0)
            .map(|(&(_, a), &amount)| (a, amount))
            .collect()
    };
    let (opening, closing, results) = (
        this_year(&file.opening),
        this_year(&file.closing),
        this_year(&file.results),
    );
    let accounts: BTreeSet<u32> = chart
        .keys()
        .copied()
        .chain(movements.keys().copied())
        .chain(opening.keys().copied())
        .chain(closing.keys().copied())
        .chain(results.keys().copied())
        .collect();
    for account in accounts {
        let get = |map: &BTreeMap<u32, Decimal>| map.get(&account).copied().unwrap_or_default();
        let moved = get(&movements);
        match is_balance_sheet(chart, account) {
            Some(true) if get(&opening) + moved != get(&closing) => problems.push(format!(
                "account {account}: #IB {} + rows {moved} = {}, but #UB is {}",
                get(&opening),
                get(&opening) + moved,
                get(&closing)
            )),
            Some(false) if moved != get(&results) => problems.push(format!(
                "account {account}: rows sum to {moved}, but #RES is {}",
                get(&results)
            )),
            _ => {}
        }
    }
}
