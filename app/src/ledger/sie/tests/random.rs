//! Randomized write → read round trips: texts full of quotes, backslashes, braces and Swedish
//! letters, amounts of every size, and vouchers that balance by construction.
//!
//! A small fixed-seed generator instead of a property-testing crate: failures reproduce exactly
//! and the test needs no dependency.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use super::super::*;
use super::{as_export, sorted};

/// xorshift64*: plenty for test data, deterministic per seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// Öre between -max and max kronor.
    fn amount(&mut self, max_kronor: i64) -> Decimal {
        let span = u64::try_from(max_kronor * 200 + 1).unwrap_or(1);
        let ore = i64::try_from(self.below(span)).unwrap_or(0) - max_kronor * 100;
        Decimal::new(ore, 2)
    }

    fn text(&mut self) -> String {
        const ALPHABET: &[char] = &[
            'a', 'b', 'K', 'å', 'ä', 'ö', 'Å', 'Ä', 'Ö', 'é', 'ü', 'Æ', '½', '£', ' ', ' ', '"',
            '\\', '{', '}', '#', '-', '.', '0', '7', '\u{A0}', '░',
        ];
        let len = self.below(12);
        (0..len)
            .map(|_| ALPHABET[usize::try_from(self.below(ALPHABET.len() as u64)).unwrap_or(0)])
            .collect()
    }
}

const CHART: &[(u32, SieAccountKind)] = &[
    (1510, SieAccountKind::Asset),
    (1930, SieAccountKind::Asset),
    (2420, SieAccountKind::Liability),
    (2440, SieAccountKind::Liability),
    (2610, SieAccountKind::Liability),
    (3740, SieAccountKind::Income),
    (3921, SieAccountKind::Income),
    (6570, SieAccountKind::Expense),
    (8313, SieAccountKind::Income),
];

fn pick_account(rng: &mut Rng) -> u32 {
    CHART[usize::try_from(rng.below(CHART.len() as u64)).unwrap_or(0)].0
}

fn random_vouchers(rng: &mut Rng, start: NaiveDate) -> Vec<SieVoucher> {
    let count = rng.below(6);
    (1..=count)
        .map(|number| {
            let mut rows: Vec<SieTransaction> = (0..=rng.below(4))
                .map(|_| SieTransaction {
                    account: pick_account(rng),
                    amount: rng.amount(100_000),
                    text: rng.chance(40).then(|| rng.text()),
                })
                .collect();
            let sum: Decimal = rows.iter().map(|r| r.amount).sum();
            rows.push(SieTransaction {
                account: pick_account(rng),
                amount: -sum,
                text: None,
            });
            let date = start + Days::new(rng.below(365));
            SieVoucher {
                series: if rng.chance(50) {
                    "A".to_owned()
                } else {
                    rng.text()
                },
                number,
                date,
                text: rng.text(),
                registered_on: date + Days::new(rng.below(10)),
                transactions: rows,
            }
        })
        .collect()
}

fn random_export(rng: &mut Rng) -> SieExport {
    let start = NaiveDate::from_ymd_opt(2009, 1, 1).unwrap_or_default();
    let end = NaiveDate::from_ymd_opt(2009, 12, 31).unwrap_or_default();
    let mut accounts = Vec::new();
    for &(number, kind) in CHART {
        if rng.chance(90) {
            accounts.push(SieAccount {
                number,
                name: rng.text(),
                kind,
            });
        }
    }
    let mut vouchers = random_vouchers(rng, start);
    // Rows may only use accounts in the chart; move the others to the first account.
    for row in vouchers.iter_mut().flat_map(|v| v.transactions.iter_mut()) {
        if !accounts.iter().any(|a| a.number == row.account) {
            row.account = accounts.first().map_or(1510, |a| a.number);
        }
    }
    let mut movements: BTreeMap<u32, Decimal> = BTreeMap::new();
    for row in vouchers.iter().flat_map(|v| &v.transactions) {
        *movements.entry(row.account).or_default() += row.amount;
    }
    let (mut opening, mut closing, mut results) = (Vec::new(), Vec::new(), Vec::new());
    for a in &accounts {
        let moved = movements.get(&a.number).copied().unwrap_or_default();
        if a.kind.is_balance_sheet() {
            let ib = if rng.chance(70) {
                rng.amount(10_000_000)
            } else {
                Decimal::ZERO
            };
            if !ib.is_zero() {
                opening.push((a.number, ib));
            }
            if !(ib + moved).is_zero() || rng.chance(20) {
                closing.push((a.number, ib + moved));
            }
        } else if !moved.is_zero() || rng.chance(20) {
            results.push((a.number, moved));
        }
    }
    SieExport {
        program: rng.text(),
        program_version: rng.text(),
        generated_on: end + Days::new(rng.below(60)),
        generated_by: rng.chance(50).then(|| format!("x{}", rng.text())),
        company_name: rng.text(),
        org_nr: if rng.chance(80) {
            "556677-8899".to_owned()
        } else {
            rng.text()
        },
        fiscal_year: (start, end),
        previous_year: rng.chance(50).then(|| {
            let previous_start = NaiveDate::from_ymd_opt(2008, 1, 1).unwrap_or_default();
            (previous_start, start - Days::new(1))
        }),
        chart: if rng.chance(80) {
            "BAS2014".to_owned()
        } else {
            rng.text()
        },
        accounts,
        opening,
        closing,
        results,
        vouchers,
    }
}

#[test]
fn random_exports_round_trip_and_validate() {
    let mut rng = Rng(0x5EED_5135_4E00_0001);
    for case in 0..300 {
        let export = random_export(&mut rng);
        if export.accounts.is_empty() {
            continue;
        }
        let bytes = write_sie4(&export).unwrap_or_else(|e| panic!("case {case}: {e}\n{export:?}"));
        let file = read_sie4(&bytes).unwrap_or_else(|e| panic!("case {case}: {e}"));
        assert_eq!(validate(&file), Vec::<String>::new(), "case {case}");
        assert_eq!(as_export(&file), sorted(export), "case {case}");
    }
}

#[test]
fn random_unbalanced_vouchers_are_refused_by_the_writer_and_found_by_the_validator() {
    let mut rng = Rng(0xBAD_BA1A_0CE5);
    let mut checked = 0;
    for _ in 0..100 {
        let export = random_export(&mut rng);
        let Some(voucher) = export.vouchers.first() else {
            continue;
        };
        let mut broken = export.clone();
        let off = Decimal::new(i64::try_from(rng.below(1000)).unwrap_or(0) + 1, 2);
        broken.vouchers[0].transactions[0].amount += off;
        let err = write_sie4(&broken).expect_err("unbalanced voucher is refused");
        assert_eq!(err.code(), "ERR_SIE_UNBALANCED_VOUCHER", "{err}");

        // Write the balanced export, then unbalance the same row in the text.
        let mut file = read_sie4(&write_sie4(&export).expect("valid")).expect("reads");
        file.vouchers[0].transactions[0].amount += off;
        let series = &voucher.series;
        let problems = validate(&file);
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with(&format!("voucher {series} 1 "))
                    && p.contains("does not balance")),
            "{problems:?}"
        );
        checked += 1;
    }
    assert!(checked > 50);
}
