//! `allowed_embed_origins` of a new link, Colurs or Belvo: the exact
//! origins that may frame its page (they go verbatim into `frame-ancestors`).

use crate::shared::body::JsonObject;
use crate::shared::errors::ApiError;
use crate::shared::field_rules::is_embed_origin;

/// They all go into the page's `frame-ancestors`: a policy header stays short.
const MAX_EMBED_ORIGINS: usize = 10;

/// The origins given, duplicates dropped; none when the field is absent.
pub fn read_embed_origins(body: &JsonObject) -> Result<Vec<String>, ApiError> {
    const FIELD: &str = "allowed_embed_origins";
    let given = body
        .optional::<Vec<String>>(FIELD, "a list of origins")?
        .unwrap_or_default();
    let mut origins: Vec<String> = Vec::new();
    for origin in given {
        if !is_embed_origin(&origin) {
            return Err(body.error(
                FIELD,
                format!(
                    "{origin:?} is not an exact origin: use https://host or https://host:port \
                     (lowercase, no path, no wildcard), or http://localhost:port or \
                     http://127.0.0.1:port"
                ),
            ));
        }
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    if origins.len() > MAX_EMBED_ORIGINS {
        return Err(body.error(
            FIELD,
            format!("`{FIELD}` lists at most {MAX_EMBED_ORIGINS} origins"),
        ));
    }
    Ok(origins)
}
