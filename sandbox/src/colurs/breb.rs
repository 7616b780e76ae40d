//! Bre-B, Colombia's instant payments: the interoperable QR of a payment,
//! on EMVCo's merchant-presented profile as Colombia's QR standard uses it,
//! and the key ("llave") a payer may pay to instead.
//!
//! The profile's own tags are not public; where it is silent the sandbox
//! follows EMVCo MPM, and each choice is a convention of the sandbox
//! (docs/api.md, "Pay by code"): the key in a merchant account template
//! (ID 26) under the GUI `CO.EXAMPLE.BREB`, the transaction id in the
//! additional data's reference label (62-05), the IVA in an unreserved
//! template (ID 80) under the GUI `CO.EXAMPLE.IVA`.

use crate::colurs::model::Link;
use crate::shared::emv::{plain_text, Tlv};
use crate::shared::money::Cents;

pub const BREB_GUI: &str = "CO.EXAMPLE.BREB";
pub const IVA_GUI: &str = "CO.EXAMPLE.IVA";
const MCC_UNSPECIFIED: &str = "0000";
const COP: &str = "170";
/// Colurs links name no city; the sandbox's merchants are all in Bogotá.
pub const MERCHANT_CITY: &str = "BOGOTA";
/// The entity that receives Bre-B payments for the sandbox's merchants.
pub const RECEIVING_ENTITY: &str = "Colurs";
const MAX_KEY_CHARS: usize = 20;

/// What a Bre-B QR says.
pub struct BrebCode<'a> {
    pub key: &'a str,
    pub amount: Cents,
    /// The IVA of the link's breakdown, for the payer's records.
    pub iva: Cents,
    pub merchant_name: &'a str,
    pub merchant_city: &'a str,
    pub transaction_id: &'a str,
}

impl BrebCode<'_> {
    pub fn payload(&self) -> String {
        Tlv::new()
            .field(0, "01")
            // A code per payment attempt: paid once.
            .field(1, "12")
            .template(26, Tlv::new().field(0, BREB_GUI).field(1, self.key))
            .field(52, MCC_UNSPECIFIED)
            .field(53, COP)
            .field(54, &self.amount.to_string())
            .field(58, "CO")
            .merchant(self.merchant_name, self.merchant_city)
            .template(62, Tlv::new().field(5, self.transaction_id))
            .template(
                80,
                Tlv::new().field(0, IVA_GUI).field(1, &self.iva.to_string()),
            )
            .finish()
    }
}

/// The merchant's alphanumeric key: `@` and the letters and digits of the
/// name the payer sees (`@tiendaaurora`), as Bre-B's alphanumeric keys look.
pub fn merchant_key(link: &Link) -> String {
    let handle: String = plain_text(link.display_name(), usize::MAX)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .take(MAX_KEY_CHARS - 1)
        .collect();
    format!("@{handle}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_the_amount_the_iva_and_the_key() {
        let payload = BrebCode {
            key: "@tiendaaurora",
            amount: Cents::units(51_190),
            iva: Cents::units(190),
            merchant_name: "Tienda Aurora",
            merchant_city: MERCHANT_CITY,
            transaction_id: "mm0123456789abcdef",
        }
        .payload();
        for part in [
            "000201010212",
            "26360015CO.EXAMPLE.BREB0113@tiendaaurora",
            "5303170540851190.00",
            "5802CO5913Tienda Aurora6006BOGOTA",
            "62220518mm0123456789abcdef",
            "80280014CO.EXAMPLE.IVA0106190.00",
        ] {
            assert!(payload.contains(part), "{part} in {payload}");
        }
    }
}
