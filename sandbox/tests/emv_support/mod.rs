//! Reading an EMV QR payload as a payer's bank app would, written apart from
//! the sandbox's writer so that a mistake in one cannot hide in the other:
//! ID, two-digit length, value; the CRC-16/CCITT-FALSE computed bit by bit.

// Each test file uses its own subset of these helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;

use axum::http::{Method, StatusCode};

use super::common::{Reply, Sandbox};

/// The data objects of a payload (or of a template's value), by ID, in order.
pub fn fields(payload: &str) -> BTreeMap<String, String> {
    let mut fields = BTreeMap::new();
    let mut rest = payload;
    while !rest.is_empty() {
        assert!(
            rest.len() >= 4,
            "a truncated field at {rest:?} in {payload}"
        );
        let (id, after_id) = rest.split_at(2);
        let (length, after_length) = after_id.split_at(2);
        let length: usize = length
            .parse()
            .unwrap_or_else(|_| panic!("length {length:?} in {payload}"));
        assert!(
            after_length.len() >= length,
            "field {id} overruns {payload}"
        );
        let (value, after_value) = after_length.split_at(length);
        assert!(
            fields.insert(id.to_owned(), value.to_owned()).is_none(),
            "field {id} twice in {payload}"
        );
        rest = after_value;
    }
    fields
}

/// The template `id`'s own fields.
pub fn template(payload: &str, id: &str) -> BTreeMap<String, String> {
    let outer = fields(payload);
    let value = outer
        .get(id)
        .unwrap_or_else(|| panic!("no template {id} in {payload}"));
    fields(value)
}

/// CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor.
pub fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0xFFFF;
    for byte in bytes {
        crc ^= u16::from(*byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// The payload ends with field 63 of 4 upper-case hex digits, the CRC of
/// everything before them (its own `6304` included).
pub fn assert_crc(payload: &str) {
    let (covered, written) = payload.split_at(payload.len() - 4);
    assert!(covered.ends_with("6304"), "no CRC field last in {payload}");
    assert_eq!(
        written,
        format!("{:04X}", crc16(covered.as_bytes())),
        "CRC of {payload}"
    );
}

/// The simulated bank app, as a tester uses it: a pasted code (or its id),
/// then a press on one of its buttons.
impl Sandbox {
    pub async fn bank_app(&self, pasted: &str) -> Reply {
        let query: String = url::form_urlencoded::byte_serialize(pasted.as_bytes()).collect();
        self.get(&format!("/sandbox/bank-app?code={query}")).await
    }

    pub async fn bank_app_action(&self, reference: &str, action: &str) -> Reply {
        let path = format!("/sandbox/bank-app/{reference}/{action}");
        let reply = self.request(Method::POST, &path, &[], "").await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
        reply
    }
}
