//! EMVCo merchant-presented QR payloads (EMV QRCPS MPM), the format of both
//! the Pix BR Code and Colombia's interoperable Bre-B QR: data objects as a
//! two-digit ID, a two-digit length and the value, nested templates written
//! the same way, and a CRC-16/CCITT-FALSE over everything up to and
//! including the CRC's own ID and length (`6304`).

use crc::{Crc, CRC_16_IBM_3740};
use serde::Serialize;

use crate::test_controls::clock::Timestamp;

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF, no reflection), the CRC
/// the EMVCo specification and the BCB manual name; `crc` calls it by its
/// catalogue name.
const CRC16: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);

/// The longest value a two-digit length can announce.
const MAX_VALUE_CHARS: usize = 99;

/// A payload or a template under construction, in the order fields are added.
#[derive(Clone, Debug, Default)]
pub struct Tlv(String);

impl Tlv {
    pub fn new() -> Self {
        Tlv::default()
    }

    /// Adds data object `id` with `value`. Values are ASCII (see
    /// `plain_text`), so characters and bytes count alike.
    pub fn field(mut self, id: u8, value: &str) -> Self {
        debug_assert!(id < 100 && value.is_ascii(), "{id} {value:?}");
        let value: String = value.chars().take(MAX_VALUE_CHARS).collect();
        self.0
            .push_str(&format!("{id:02}{:02}{value}", value.len()));
        self
    }

    /// Adds `id` only when there is a value.
    pub fn optional(self, id: u8, value: Option<&str>) -> Self {
        match value {
            Some(value) => self.field(id, value),
            None => self,
        }
    }

    /// Adds the merchant's name (ID 59) and city (ID 60) within the lengths
    /// EMVCo allows them, 25 and 15 characters, as `plain_text`.
    pub fn merchant(self, name: &str, city: &str) -> Self {
        self.field(59, &plain_text(name, 25))
            .field(60, &plain_text(city, 15))
    }

    /// Adds a template: `inner`'s data objects as the value of `id`.
    pub fn template(self, id: u8, inner: Tlv) -> Self {
        let inner = inner.0;
        self.field(id, &inner)
    }

    /// The whole payload: the fields, then ID 63 with the CRC of all before it.
    pub fn finish(self) -> String {
        let mut payload = self.0;
        payload.push_str("6304");
        let crc = CRC16.checksum(payload.as_bytes());
        payload.push_str(&format!("{crc:04X}"));
        payload
    }
}

/// `text` as a QR field may carry it: Latin letters without their accents
/// (`São Paulo` is `Sao Paulo`), other characters outside printable ASCII
/// dropped, runs of spaces as one, at most `max_chars` characters. Payer
/// apps show the merchant name from the payload; both specifications keep
/// the base fields to the common character set.
pub fn plain_text(text: &str, max_chars: usize) -> String {
    let mut plain = String::new();
    for c in text.chars() {
        let folded = match c {
            'á' | 'à' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'Á' | 'À' | 'Â' | 'Ã' | 'Ä' | 'Å' => 'A',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'Í' | 'Ì' | 'Î' | 'Ï' => 'I',
            'ó' | 'ò' | 'ô' | 'õ' | 'ö' => 'o',
            'Ó' | 'Ò' | 'Ô' | 'Õ' | 'Ö' => 'O',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'Ú' | 'Ù' | 'Û' | 'Ü' => 'U',
            'ç' => 'c',
            'Ç' => 'C',
            'ñ' => 'n',
            'Ñ' => 'N',
            c if c.is_ascii_graphic() => c,
            c if c.is_whitespace() => ' ',
            _ => continue,
        };
        if folded == ' ' && (plain.is_empty() || plain.ends_with(' ')) {
            continue;
        }
        plain.push(folded);
    }
    let cut: String = plain.chars().take(max_chars).collect();
    cut.trim_end().to_owned()
}

/// A code to pay by **[ext]**, as the pay answer and the payment status
/// carry it: the payload the QR shows (and the payer may copy), the
/// provider's deadline for paying it, and for Bre-B the key it pays to and
/// the entity that receives the money.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PaymentCode {
    pub payload: String,
    pub expires_at: Timestamp,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub receiving_entity: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_ccitt_false() {
        // The catalogue's check value of CRC-16/CCITT-FALSE.
        assert_eq!(CRC16.checksum(b"123456789"), 0x29B1);
    }

    #[test]
    fn lengths_are_two_digits_and_templates_nest() {
        let payload = Tlv::new()
            .field(0, "01")
            .template(62, Tlv::new().field(5, "***"))
            .optional(54, None)
            .finish();
        assert!(payload.starts_with("00020162070503***6304"), "{payload}");
        assert_eq!(payload.len(), "00020162070503***6304".len() + 4);
    }

    #[test]
    fn text_is_folded_to_plain_ascii() {
        assert_eq!(
            plain_text("Padaria Pão Quente Ltda", 25),
            "Padaria Pao Quente Ltda"
        );
        assert_eq!(plain_text("  Bogotá   D.C.\u{200B} ", 15), "Bogota D.C.");
        assert_eq!(plain_text("Ñandú 😀 Niño", 99), "Nandu Nino");
        assert_eq!(plain_text("Equipamentos Nordeste Industria", 25).len(), 25);
    }
}
