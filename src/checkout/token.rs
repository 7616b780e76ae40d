//! The link token from the page URL, checked before it goes anywhere near a request.

/// Colurs uuids (36 chars with dashes) and Belvo access tokens (43 base64url
/// chars) both fit; anything else cannot be a link and never reaches an API URL.
const ALPHABET_OK: fn(char) -> bool = |c| c.is_ascii_alphanumeric() || c == '-' || c == '_';
const MIN_LEN: usize = 8;
const MAX_LEN: usize = 64;

/// Extracts the token from a path such as `/pay/{token}` (a trailing slash is fine).
pub fn token_from_path(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/pay/")?;
    let token = rest.strip_suffix('/').unwrap_or(rest);
    is_valid_token(token).then_some(token)
}

pub fn is_valid_token(token: &str) -> bool {
    (MIN_LEN..=MAX_LEN).contains(&token.len()) && token.chars().all(ALPHABET_OK)
}

/// A payment reference from the return URL (`?payment=mm_xyz789`): the same
/// alphabet, shorter allowed.
pub fn is_valid_reference(reference: &str) -> bool {
    (3..=MAX_LEN).contains(&reference.len()) && reference.chars().all(ALPHABET_OK)
}

#[cfg(test)]
#[path = "token_tests.rs"]
mod tests;
