//! Pix QR ("copia e cola"): the BR Code of a payment intent, per the Banco
//! Central do Brasil's "Manual de Padrões para Iniciação do Pix" (the BR
//! Code section): merchant account information (ID 26) with the GUI
//! `br.gov.bcb.pix` and the receiver's Pix key, MCC, currency 986, amount,
//! country BR, merchant name and city, and the transaction id (txid) in the
//! additional data field (ID 62).

use uuid::Uuid;

use super::model::{Amount, PaymentLink};
use crate::shared::emv::Tlv;
use crate::shared::money::Cents;

pub const PIX_GUI: &str = "br.gov.bcb.pix";
/// The sandbox's merchants are not registered with a category.
const MCC_UNSPECIFIED: &str = "0000";
const BRL: &str = "986";
/// The Belvo links name no city; the sandbox's merchants are all in São Paulo.
pub const MERCHANT_CITY: &str = "SAO PAULO";
const MAX_TXID_CHARS: usize = 25;

/// What a BR Code says.
pub struct BrCode<'a> {
    /// The receiver's Pix key (here a random key, "chave aleatória").
    pub key: &'a str,
    /// Absent: the payer types it (the manual's static example).
    pub amount: Option<Cents>,
    pub merchant_name: &'a str,
    pub merchant_city: &'a str,
    /// Letters and digits only, at most 25; `***` when there is none.
    pub txid: &'a str,
    /// Point of initiation `12`: the code is for one payment only.
    pub single_use: bool,
}

impl BrCode<'_> {
    pub fn payload(&self) -> String {
        let amount = self.amount.map(|amount| amount.to_string());
        Tlv::new()
            .field(0, "01")
            .optional(1, self.single_use.then_some("12"))
            .template(26, Tlv::new().field(0, PIX_GUI).field(1, self.key))
            .field(52, MCC_UNSPECIFIED)
            .field(53, BRL)
            .optional(54, amount.as_deref())
            .field(58, "BR")
            .merchant(self.merchant_name, self.merchant_city)
            .template(62, Tlv::new().field(5, self.txid))
            .finish()
    }
}

/// The single-use BR Code of payment intent `intent_id` on `link`: the
/// link's amount, to its merchant, whose random key in the sandbox is the
/// beneficiary account's id (a uuid, as random keys are).
pub fn pix_qr_payload(link: &PaymentLink, intent_id: Uuid) -> String {
    let amount = match link.amount {
        Amount::Reais(reais) => reais,
        Amount::WholePesos(pesos) => Cents::units(pesos),
    };
    let merchant = link.merchant.as_ref().map_or("", |m| m.name.as_str());
    BrCode {
        key: &link.beneficiary_bank_account.to_string(),
        amount: Some(amount),
        merchant_name: merchant,
        merchant_city: MERCHANT_CITY,
        txid: &txid_of(intent_id),
        single_use: true,
    }
    .payload()
}

/// The txid of a payment intent's code: its id's hex digits, as many as fit.
pub fn txid_of(intent_id: Uuid) -> String {
    intent_id.simple().to_string()[..MAX_TXID_CHARS].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The static BR Code example of the BCB's manual (no amount, txid
    /// `***`), byte for byte: https://www.bcb.gov.br/content/estabilidadefinanceira/spb_docs/ManualBRCode.pdf
    #[test]
    fn writes_the_manuals_example() {
        let code = BrCode {
            key: "123e4567-e12b-12d1-a456-426655440000",
            amount: None,
            merchant_name: "Fulano de Tal",
            merchant_city: "BRASILIA",
            txid: "***",
            single_use: false,
        };
        assert_eq!(
            code.payload(),
            "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-426655440000\
             5204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
        );
    }

    #[test]
    fn a_txid_is_alphanumeric_and_fits() {
        let txid = txid_of(Uuid::new_v4());
        assert_eq!(txid.len(), 25);
        assert!(txid.bytes().all(|b| b.is_ascii_alphanumeric()));
    }
}
