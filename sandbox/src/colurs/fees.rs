//! The Colurs fee rules: the provider's fee on a link's amount and the IVA
//! on that fee, paid by the payer or the merchant (`fee_mode`).

use crate::colurs::model::FeeMode;
use crate::shared::money::Cents;

/// What a link costs the payer, per the provider's fee rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fees {
    pub fee: Cents,
    pub iva: Cents,
    pub total_to_pay: Cents,
}

impl Fees {
    /// `fee = round(amount × fee_rate_bps / 10000)`, `iva = round(fee ×
    /// iva_rate_bps / 10000)`; the payer pays both in `payer` mode, the
    /// merchant in `receiver` mode.
    pub fn for_amount(
        amount: Cents,
        fee_mode: FeeMode,
        fee_rate_bps: u32,
        iva_rate_bps: u32,
    ) -> Fees {
        let fee = amount.times_basis_points(fee_rate_bps);
        let iva = fee.times_basis_points(iva_rate_bps);
        let total_to_pay = match fee_mode {
            FeeMode::Payer => amount + fee + iva,
            FeeMode::Receiver => amount,
        };
        Fees {
            fee,
            iva,
            total_to_pay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_half_away_from_zero() {
        // 25.00 × 2 % = 0.50; 0.50 × 19 % = 0.095 -> 0.10.
        let fees = Fees::for_amount(Cents::units(25), FeeMode::Payer, 200, 1900);
        assert_eq!(
            (fees.fee, fees.iva, fees.total_to_pay),
            (
                Cents::from_cents(50),
                Cents::from_cents(10),
                Cents::from_cents(2560)
            )
        );
        // 0.25 × 2 % = 0.005 -> 0.01; 0.24 × 2 % = 0.0048 -> 0.00.
        assert_eq!(
            Cents::from_cents(25).times_basis_points(200),
            Cents::from_cents(1)
        );
        assert_eq!(Cents::from_cents(24).times_basis_points(200), Cents::ZERO);
        assert_eq!(
            Cents::from_cents(-25).times_basis_points(200),
            Cents::from_cents(-1)
        );
        // 1234.56 × 2 % = 24.6912 -> 24.69; × 19 % = 4.6911 -> 4.69.
        let fees = Fees::for_amount(Cents::from_cents(123_456), FeeMode::Payer, 200, 1900);
        assert_eq!(fees.total_to_pay.to_string(), "1263.94");
    }
}
