//! What a merchant writes on a new link, read the same on Colurs and Belvo
//! links: who asks for the money (**[ext]** `merchant`), what for
//! (`description`), where the payer goes after the outcome
//! (`callback_urls`) and which sites may frame the page
//! (**[ext]** `allowed_embed_origins`). The page shows the text and cleans
//! it again, but refuses nothing a merchant can fix here.

use serde::Serialize;

use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::{
    is_embed_origin, is_followable_url, is_hex_color, is_hidden_character, is_web_url,
};

/// The page shows the merchant's name on one line of its summary.
const MAX_MERCHANT_NAME_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 500;
/// They all go into the page's `frame-ancestors`: a policy header stays short.
const MAX_EMBED_ORIGINS: usize = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Merchant {
    pub name: String,
    pub logo_url: Option<String>,
    pub brand_color: Option<String>,
}

/// Text a payer reads: at most `max` characters, none of them hidden (a
/// name with one could pass for another).
fn check_shown_text(body: &JsonObject, name: &str, text: &str, max: usize) -> Result<(), ApiError> {
    let path = body.path_of(name);
    if text.chars().count() > max {
        return body.refuse(name, format!("`{path}` must be at most {max} characters"));
    }
    if text.chars().any(is_hidden_character) {
        return body.refuse(
            name,
            format!("`{path}` must not contain invisible or direction-changing characters"),
        );
    }
    Ok(())
}

/// `merchant` of a new link: `name`, and optionally an http(s) `logo_url`
/// and a `brand_color` such as `#1a7f5a`; `None` when not sent.
pub fn read_merchant(body: &JsonObject) -> Result<Option<Merchant>, ApiError> {
    let Some(merchant) = body.object("merchant")? else {
        return Ok(None);
    };
    let name = merchant.required_text("name")?;
    check_shown_text(&merchant, "name", &name, MAX_MERCHANT_NAME_CHARS)?;
    let logo_url = merchant.optional_text("logo_url")?;
    if logo_url.as_deref().is_some_and(|url| !is_web_url(url)) {
        return merchant.refuse("logo_url", "`merchant.logo_url` must be an http(s) URL");
    }
    let brand_color = merchant.optional_text("brand_color")?;
    if brand_color.as_deref().is_some_and(|c| !is_hex_color(c)) {
        return merchant.refuse(
            "brand_color",
            "`merchant.brand_color` must look like #1a7f5a",
        );
    }
    Ok(Some(Merchant {
        name,
        logo_url,
        brand_color,
    }))
}

/// `description`, trimmed; `None` when not sent.
pub fn read_description(body: &JsonObject) -> Result<Option<String>, ApiError> {
    let description = body.optional_text("description")?;
    if let Some(text) = &description {
        check_shown_text(body, "description", text, MAX_DESCRIPTION_CHARS)?;
    }
    Ok(description)
}

/// `callback_urls` as `(success, cancel)`: only URLs the page will follow,
/// so a merchant learns of a bad one now, not from a payer stuck at the
/// end. Judged as given, untrimmed, as the page's redirect rule reads them.
pub fn read_callback_urls(
    body: &JsonObject,
    development: bool,
) -> Result<Option<(String, String)>, ApiError> {
    let Some(urls) = body.object("callback_urls")? else {
        return Ok(None);
    };
    let read = |name: &str| {
        let url = urls
            .optional::<String>(name, "a string")?
            .filter(|url| !url.is_empty())
            .ok_or_else(|| urls.missing(name))?;
        if !is_followable_url(&url, development) {
            let path = urls.path_of(name);
            return urls.refuse(
                name,
                format!("`{path}` must be an https URL with a plain host name, no user info and a valid port"),
            );
        }
        Ok(url)
    };
    Ok(Some((read("success")?, read("cancel")?)))
}

/// `allowed_embed_origins`: the exact origins that may frame the link's
/// page, duplicates dropped; none when the field is absent.
pub fn read_embed_origins(body: &JsonObject) -> Result<Vec<String>, ApiError> {
    const FIELD: &str = "allowed_embed_origins";
    let given = body
        .optional::<Vec<String>>(FIELD, "a list of origins")?
        .unwrap_or_default();
    let mut origins: Vec<String> = Vec::new();
    for origin in given {
        if !is_embed_origin(&origin) {
            return body.refuse(
                FIELD,
                format!(
                    "{origin:?} is not an exact origin: use https://host or https://host:port \
                     (lowercase, no path, no wildcard), or http://localhost:port or \
                     http://127.0.0.1:port"
                ),
            );
        }
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    if origins.len() > MAX_EMBED_ORIGINS {
        return body.refuse(
            FIELD,
            format!("`{FIELD}` lists at most {MAX_EMBED_ORIGINS} origins"),
        );
    }
    Ok(origins)
}
