//! The chart of accounts: the BAS numbers the posting rules use, and account rows as screens
//! show them.

use serde::{Deserialize, Serialize};

use crate::money::Currency;

/// 1510 Kundfordringar.
pub const RECEIVABLES: u32 = 1510;
/// 1515 Osäkra kundfordringar.
pub const DOUBTFUL: u32 = 1515;
/// 2420 Förskott från kunder: overpayments and refunds owed to customers.
pub const OVERPAYMENTS: u32 = 2420;
/// 2421 Oidentifierade inbetalningar: the suspense account for unmatched payments.
pub const SUSPENSE: u32 = 2421;
/// 2440 Skulder till handlare.
pub const OWED_TO_MERCHANTS: u32 = 2440;
/// 2611 Utgående moms 25 %.
pub const OUTPUT_VAT_25: u32 = 2611;
/// 2621 Utgående moms 12 %.
pub const OUTPUT_VAT_12: u32 = 2621;
/// 2631 Utgående moms 6 %.
pub const OUTPUT_VAT_6: u32 = 2631;
/// 3305 Försäljning tjänster till land utanför EU: commission from merchants outside the EU
/// (no VAT; box 40 of the VAT return).
pub const COMMISSION_OUTSIDE_EU: u32 = 3305;
/// 3308 Försäljning tjänster till annat EU-land: commission from merchants in other EU
/// countries (reverse charge; box 39 of the VAT return).
pub const COMMISSION_EU_REVERSE_CHARGE: u32 = 3308;
/// 3540 Faktureringsavgifter.
pub const INVOICE_FEES: u32 = 3540;
/// 3541 Påminnelseavgifter.
pub const REMINDER_FEES: u32 = 3541;
/// 3740 Öres- och kronutjämning.
pub const ROUNDING: u32 = 3740;
/// 3921 Provisionsintäkter.
pub const COMMISSION: u32 = 3921;
/// 3950 Återvunna kundförluster.
pub const RECOVERIES: u32 = 3950;
/// 6351 Konstaterade kundförluster.
pub const REALISED_LOSSES: u32 = 6351;
/// 8313 Ränteintäkter från kundfordringar.
pub const INTEREST_INCOME: u32 = 8313;

/// The Swedish output-VAT account of a rate in hundredths of a percent (2500 → 2611,
/// 1200 → 2621, 600 → 2631); other rates have none.
pub fn output_vat(tax_rate: i64) -> Option<u32> {
    match tax_rate {
        2500 => Some(OUTPUT_VAT_25),
        1200 => Some(OUTPUT_VAT_12),
        600 => Some(OUTPUT_VAT_6),
        _ => None,
    }
}

/// The bank account of a currency (1930 SEK, 1931 NOK, 1932 DKK, 1933 EUR).
pub fn bank(currency: Currency) -> u32 {
    match currency {
        Currency::Sek => 1930,
        Currency::Nok => 1931,
        Currency::Dkk => 1932,
        Currency::Eur => 1933,
    }
}

/// Account type, deciding where it appears (balance sheet or result) and its SIE `#KTYP`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountKind {
    /// Tillgång.
    Asset,
    /// Skuld.
    Liability,
    /// Eget kapital.
    Equity,
    /// Intäkt.
    Income,
    /// Kostnad.
    Expense,
}

impl AccountKind {
    /// Every kind.
    pub const ALL: [AccountKind; 5] = [
        AccountKind::Asset,
        AccountKind::Liability,
        AccountKind::Equity,
        AccountKind::Income,
        AccountKind::Expense,
    ];

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Asset => "asset",
            AccountKind::Liability => "liability",
            AccountKind::Equity => "equity",
            AccountKind::Income => "income",
            AccountKind::Expense => "expense",
        }
    }

    /// Parses the stored spelling.
    pub fn parse(s: &str) -> Option<AccountKind> {
        AccountKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Balance-sheet accounts carry opening balances into the next year.
    pub fn is_balance_sheet(self) -> bool {
        matches!(
            self,
            AccountKind::Asset | AccountKind::Liability | AccountKind::Equity
        )
    }
}

/// An account row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// BAS number.
    pub number: u32,
    /// Swedish name.
    pub name_sv: String,
    /// English name.
    pub name_en: String,
    /// Type.
    pub kind: AccountKind,
    /// The only currency it takes, if any.
    pub currency: Option<Currency>,
    /// VAT code, if any.
    pub vat_code: Option<String>,
    /// Inactive accounts take no new postings.
    pub active: bool,
}

impl Account {
    /// The name in `lang`.
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::Sv => &self.name_sv,
            // The chart is Swedish (BAS) with English names; readers of the other languages
            // get the English name rather than a Swedish one.
            _ => &self.name_en,
        }
    }
}
