//! Reads a JSON request body field by field, so that every malformed field
//! is reported by name and amounts are taken from their exact text.

use std::collections::HashMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::shared::errors::ApiError;
use crate::shared::money::Cents;

/// The body's name used in `ValidationError.field` when the body itself,
/// not one field, is wrong.
pub const WHOLE_BODY: &str = "body";

pub struct JsonObject {
    fields: HashMap<String, Box<RawValue>>,
}

impl JsonObject {
    pub fn parse(body: &[u8]) -> Result<JsonObject, ApiError> {
        let fields: HashMap<String, Box<RawValue>> = serde_json::from_slice(body)
            .map_err(|_| ApiError::validation(WHOLE_BODY, "The body must be a JSON object"))?;
        Ok(JsonObject { fields })
    }

    /// Every field name present, `null` ones included.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }

    fn raw(&self, name: &str) -> Option<&RawValue> {
        self.fields
            .get(name)
            .map(|raw| raw.as_ref())
            .filter(|raw| raw.get() != "null")
    }

    /// A field of any JSON shape `T` reads; absent and `null` are `None`.
    pub fn optional<T: DeserializeOwned>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>, ApiError> {
        self.raw(name)
            .map(|raw| {
                serde_json::from_str(raw.get())
                    .map_err(|_| ApiError::validation(name, format!("`{name}` must be {expected}")))
            })
            .transpose()
    }

    /// A string field, trimmed; an empty string counts as absent.
    pub fn optional_text(&self, name: &str) -> Result<Option<String>, ApiError> {
        Ok(self
            .optional::<String>(name, "a string")?
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty()))
    }

    /// An amount given as a JSON number, read from its text: `50000.00`.
    pub fn optional_amount(&self, name: &str) -> Result<Option<Cents>, ApiError> {
        let Some(raw) = self.raw(name) else {
            return Ok(None);
        };
        Cents::parse_decimal(raw.get())
            .map(Some)
            .map_err(|problem| ApiError::validation(name, format!("`{name}` {problem}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_their_exact_text() {
        let body = JsonObject::parse(br#"{"amount": 50000.07, "other": 0.1}"#).unwrap();
        assert_eq!(
            body.optional_amount("amount"),
            Ok(Some(Cents::from_cents(5_000_007)))
        );
        assert_eq!(body.optional_amount("missing"), Ok(None));
    }

    #[test]
    fn names_the_malformed_field() {
        let body =
            JsonObject::parse(br#"{"amount": "50000", "bank_id": "1007", "payer_email": 5}"#)
                .unwrap();
        assert_eq!(
            body.optional_amount("amount").unwrap_err().field.as_deref(),
            Some("amount")
        );
        assert_eq!(
            body.optional::<i64>("bank_id", "an integer")
                .unwrap_err()
                .field
                .as_deref(),
            Some("bank_id")
        );
        assert_eq!(
            body.optional_text("payer_email")
                .unwrap_err()
                .field
                .as_deref(),
            Some("payer_email")
        );
    }

    #[test]
    fn null_and_blank_count_as_absent() {
        let body = JsonObject::parse(br#"{"amount": null, "description": "  "}"#).unwrap();
        assert_eq!(body.optional_amount("amount"), Ok(None));
        assert_eq!(body.optional_text("description"), Ok(None));
    }

    #[test]
    fn refuses_what_is_not_an_object() {
        for body in [&b"[1]"[..], b"", b"{", b"\"x\""] {
            assert_eq!(
                JsonObject::parse(body).err().unwrap().field.as_deref(),
                Some(WHOLE_BODY)
            );
        }
    }
}
