//! Reads a JSON request body (and the objects nested in it) field by field,
//! so that a `ValidationError` names the offending field by its full path
//! (`payment_method_details.open_finance.cpf`) and amounts are taken from
//! their exact text.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::shared::errors::ApiError;
use crate::shared::money::Cents;

/// The body's name used in `ValidationError.field` when the body itself,
/// not one field, is wrong.
pub const WHOLE_BODY: &str = "body";

pub struct JsonObject {
    fields: BTreeMap<String, Box<RawValue>>,
    /// Where this object sits in the body: empty at the top level.
    path: String,
}

impl JsonObject {
    pub fn parse(body: &[u8]) -> Result<JsonObject, ApiError> {
        let fields = serde_json::from_slice(body)
            .map_err(|_| ApiError::validation(WHOLE_BODY, "The body must be a JSON object"))?;
        Ok(JsonObject {
            fields,
            path: String::new(),
        })
    }

    /// The full name of one of this object's fields.
    pub fn path_of(&self, name: &str) -> String {
        if self.path.is_empty() {
            name.to_owned()
        } else {
            format!("{}.{name}", self.path)
        }
    }

    /// A `ValidationError` naming `name` by its full path.
    pub fn error(&self, name: &str, message: impl Into<String>) -> ApiError {
        ApiError::validation(&self.path_of(name), message)
    }

    /// Every field name present, `null` ones included.
    pub fn field_names(&self) -> impl Iterator<Item = &str> {
        self.fields.keys().map(String::as_str)
    }

    /// The names of the fields present and not `null`.
    pub fn present_names(&self) -> impl Iterator<Item = &str> {
        self.fields
            .iter()
            .filter(|(_, raw)| raw.get() != "null")
            .map(|(name, _)| name.as_str())
    }

    /// A field's exact JSON text; absent and `null` are `None`.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|raw| raw.get())
            .filter(|raw| *raw != "null")
    }

    pub fn optional<T: DeserializeOwned>(
        &self,
        name: &str,
        expected: &str,
    ) -> Result<Option<T>, ApiError> {
        self.raw(name)
            .map(|raw| {
                serde_json::from_str(raw).map_err(|_| {
                    self.error(name, format!("`{}` must be {expected}", self.path_of(name)))
                })
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
        Cents::parse_decimal(raw)
            .map(Some)
            .map_err(|problem| self.error(name, format!("`{}` {problem}", self.path_of(name))))
    }

    /// A string field read by `parse` (a vocabulary's, say); `message` names
    /// what it must be when it does not read.
    pub fn optional_parsed<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        message: &str,
    ) -> Result<Option<T>, ApiError> {
        self.optional_text(name)?
            .map(|text| parse(&text).ok_or_else(|| self.error(name, message)))
            .transpose()
    }

    pub fn required_parsed<T>(
        &self,
        name: &str,
        parse: impl FnOnce(&str) -> Option<T>,
        message: &str,
    ) -> Result<T, ApiError> {
        self.optional_parsed(name, parse, message)?
            .ok_or_else(|| self.missing(name))
    }

    /// A `ValidationError` naming `name`, as the `Err` a reader returns.
    pub fn refuse<T>(&self, name: &str, message: impl Into<String>) -> Result<T, ApiError> {
        Err(self.error(name, message))
    }

    pub fn required_text(&self, name: &str) -> Result<String, ApiError> {
        self.optional_text(name)?.ok_or_else(|| self.missing(name))
    }

    pub fn missing(&self, name: &str) -> ApiError {
        self.error(name, format!("`{}` is required", self.path_of(name)))
    }

    /// A nested object, read the same way.
    pub fn object(&self, name: &str) -> Result<Option<JsonObject>, ApiError> {
        let path = self.path_of(name);
        Ok(self
            .optional::<BTreeMap<String, Box<RawValue>>>(name, "an object")?
            .map(|fields| JsonObject { fields, path }))
    }

    pub fn required_object(&self, name: &str) -> Result<JsonObject, ApiError> {
        self.object(name)?.ok_or_else(|| self.missing(name))
    }
}
