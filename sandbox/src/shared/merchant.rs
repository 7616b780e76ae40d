//! Who asks for the money, as a merchant describes itself on a new link
//! (**[ext]**, the same on Colurs and Belvo links): the page shows it in its
//! summary and cleans it again, but refuses nothing a merchant can fix here.

use serde::Serialize;

use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{is_hex_color, is_hidden_character, is_web_url};

/// The page shows the merchant's name on one line of its summary.
const MAX_MERCHANT_NAME_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Merchant {
    pub name: String,
    pub logo_url: Option<String>,
    pub brand_color: Option<String>,
}

/// **[ext]** `merchant` of a new link: `name`, and optionally an http(s)
/// `logo_url` and a `brand_color` such as `#1a7f5a`; `None` when not sent.
pub fn read_merchant(body: &JsonObject) -> Result<Option<Merchant>, ApiError> {
    let Some(merchant) = body.object("merchant")? else {
        return Ok(None);
    };
    let name = merchant.required_text("name")?;
    if name.chars().count() > MAX_MERCHANT_NAME_CHARS {
        return Err(merchant.error(
            "name",
            format!("`merchant.name` must be at most {MAX_MERCHANT_NAME_CHARS} characters"),
        ));
    }
    if name.chars().any(is_hidden_character) {
        return Err(merchant.error(
            "name",
            "`merchant.name` must not contain invisible or direction-changing characters",
        ));
    }
    let logo_url = merchant.optional_text("logo_url")?;
    if logo_url.as_deref().is_some_and(|url| !is_web_url(url)) {
        return Err(merchant.error("logo_url", "`merchant.logo_url` must be an http(s) URL"));
    }
    let brand_color = merchant.optional_text("brand_color")?;
    if brand_color
        .as_deref()
        .is_some_and(|color| !is_hex_color(color))
    {
        return Err(merchant.error(
            "brand_color",
            "`merchant.brand_color` must look like #1a7f5a",
        ));
    }
    Ok(Some(Merchant {
        name,
        logo_url,
        brand_color,
    }))
}
