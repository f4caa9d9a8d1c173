//! VAT on what Kreditor itself charges: the invoice fee (to consumers) and the commission (to
//! merchants). Kreditor is a Swedish company, so the rules are the Swedish VAT act's
//! (mervärdesskattelagen 2023:200) for a seller established in Sweden; the goods' VAT is the
//! merchant's and never passes through these accounts. `docs/ledger.md` explains the choices.

use rust_decimal::Decimal;

use super::accounts as acct;
use crate::ktime::Country;
use crate::money::{Currency, Money};

/// Swedish standard VAT, as a fraction (25 %).
pub const SWEDISH_STANDARD_RATE: Decimal = Decimal::from_parts(25, 0, 0, false, 2);

/// VAT on an amount Kreditor charges: how much of it is VAT and the output-VAT account it is
/// booked on (see [`acct::output_vat`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputVat {
    /// The output-VAT account (2611 / 2621 / 2631).
    pub account: u32,
    /// The VAT included in the charged amount.
    pub amount: Money,
}

/// How VAT applies to the commission Kreditor invoices a merchant (a business customer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommissionVat {
    /// A Swedish merchant: a domestic supply, Swedish VAT at `rate` (a fraction) charged on top
    /// of the commission and booked on 2611.
    Swedish {
        /// The rate, as a fraction (0.25).
        rate: Decimal,
    },
    /// A merchant in another EU country: a B2B service taxed where the buyer is (the general
    /// rule, ML 6 kap. 33 §); the merchant accounts for the VAT itself (reverse charge), so none
    /// is charged. Booked on 3308, which feeds box 39 of the Swedish VAT return.
    EuReverseCharge,
    /// A merchant outside the EU (Norway): the service is supplied outside Sweden and the EU,
    /// no Swedish VAT (export of services). Booked on 3305, box 40 of the VAT return.
    OutsideEu,
}

/// The VAT treatment of a merchant's commission, from the merchant's country (where it is
/// established, as registered on the merchant record). Every merchant is a business (they sign
/// a merchant agreement with an organisation number), so the B2B rules apply.
pub fn commission_vat(merchant_country: Country) -> CommissionVat {
    match merchant_country {
        Country::SE => CommissionVat::Swedish {
            rate: SWEDISH_STANDARD_RATE,
        },
        Country::FI | Country::DK | Country::DE => CommissionVat::EuReverseCharge,
        Country::NO => CommissionVat::OutsideEu,
    }
}

/// Why the VAT of a fee cannot be booked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeeVatError {
    /// A rate with no Swedish output-VAT account (only 25, 12 and 6 % exist).
    #[error(
        "no output-VAT account for a rate of {0} hundredths of a percent (25, 12 or 6 % only)"
    )]
    UnsupportedRate(i64),
}

/// The VAT part of the invoice fee and its account, or `None` when the fee carries no VAT
/// (`tax_rate` 0, the default: a credit fee is an exempt financial service) or the VAT is 0.
/// `tax` is the VAT the invoice shows for the fee (minor units, from the invoice's breakdown),
/// so the books and the printed invoice agree to the öre.
pub fn invoice_fee_vat(
    tax_rate: i64,
    tax: i64,
    currency: Currency,
) -> Result<Option<OutputVat>, FeeVatError> {
    if tax_rate == 0 || tax == 0 {
        return Ok(None);
    }
    let account = acct::output_vat(tax_rate).ok_or(FeeVatError::UnsupportedRate(tax_rate))?;
    Ok(Some(OutputVat {
        account,
        amount: Money::from_minor(tax, currency),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commission_vat_follows_the_merchant_country() {
        assert_eq!(
            commission_vat(Country::SE),
            CommissionVat::Swedish {
                rate: Decimal::new(25, 2)
            }
        );
        assert_eq!(commission_vat(Country::FI), CommissionVat::EuReverseCharge);
        assert_eq!(commission_vat(Country::DK), CommissionVat::EuReverseCharge);
        assert_eq!(commission_vat(Country::DE), CommissionVat::EuReverseCharge);
        assert_eq!(commission_vat(Country::NO), CommissionVat::OutsideEu);
    }

    #[test]
    fn fee_vat_account_by_rate() {
        let v = invoice_fee_vat(2500, 580, Currency::Sek).unwrap().unwrap();
        assert_eq!(v.account, 2611);
        assert_eq!(v.amount, Money::from_minor(580, Currency::Sek));
        assert_eq!(
            invoice_fee_vat(1200, 5, Currency::Sek)
                .unwrap()
                .unwrap()
                .account,
            2621
        );
        assert_eq!(
            invoice_fee_vat(600, 5, Currency::Sek)
                .unwrap()
                .unwrap()
                .account,
            2631
        );
        assert_eq!(invoice_fee_vat(0, 0, Currency::Sek), Ok(None));
        assert_eq!(
            invoice_fee_vat(2400, 5, Currency::Eur),
            Err(FeeVatError::UnsupportedRate(2400))
        );
    }
}
