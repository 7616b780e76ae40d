//! Reads a JSON body (and the objects nested in it) field by field, so that
//! a `ValidationError` names the offending field by its full path
//! (`payment_method_details.open_finance.cpf`) and amounts are taken from
//! their exact text.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

use crate::shared::body::WHOLE_BODY;
use crate::shared::errors::ApiError;

pub struct Fields {
    fields: BTreeMap<String, Box<RawValue>>,
    /// Where this object sits in the body: empty at the top level.
    path: String,
}

impl Fields {
    pub fn parse(body: &[u8]) -> Result<Fields, ApiError> {
        let fields = serde_json::from_slice(body)
            .map_err(|_| ApiError::validation(WHOLE_BODY, "The body must be a JSON object"))?;
        Ok(Fields {
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

    pub fn typed<T: DeserializeOwned>(
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
    pub fn text(&self, name: &str) -> Result<Option<String>, ApiError> {
        Ok(self
            .typed::<String>(name, "a string")?
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty()))
    }

    pub fn required_text(&self, name: &str) -> Result<String, ApiError> {
        self.text(name)?.ok_or_else(|| self.missing(name))
    }

    pub fn missing(&self, name: &str) -> ApiError {
        self.error(name, format!("`{}` is required", self.path_of(name)))
    }

    /// A nested object, read the same way.
    pub fn object(&self, name: &str) -> Result<Option<Fields>, ApiError> {
        let path = self.path_of(name);
        Ok(self
            .typed::<BTreeMap<String, Box<RawValue>>>(name, "an object")?
            .map(|fields| Fields { fields, path }))
    }

    pub fn required_object(&self, name: &str) -> Result<Fields, ApiError> {
        self.object(name)?.ok_or_else(|| self.missing(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_errors_name_the_full_path() {
        let body = Fields::parse(
            br#"{"details": {"open_finance": {"cpf": 5, "url": " x "}}, "gone": null}"#,
        )
        .unwrap();
        let method = body
            .required_object("details")
            .unwrap()
            .required_object("open_finance")
            .unwrap();
        assert_eq!(
            method.text("cpf").unwrap_err().field.as_deref(),
            Some("details.open_finance.cpf")
        );
        assert_eq!(method.text("url").unwrap().as_deref(), Some("x"));
        assert_eq!(
            method
                .required_text("missing")
                .unwrap_err()
                .field
                .as_deref(),
            Some("details.open_finance.missing")
        );
        assert_eq!(body.present_names().collect::<Vec<_>>(), ["details"]);
        assert_eq!(body.object("gone").map(|found| found.is_none()), Ok(true));
        assert!(Fields::parse(b"[]").is_err());
    }
}
