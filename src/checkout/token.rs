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
mod tests {
    use super::*;

    #[test]
    fn reads_uuids_and_access_tokens() {
        assert_eq!(
            token_from_path("/pay/550e8400-e29b-41d4-a716-446655440000"),
            Some("550e8400-e29b-41d4-a716-446655440000")
        );
        assert_eq!(
            token_from_path("/pay/YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU/"),
            Some("YggaKvPbM5aJhksu1BEwDI5FKTcUc5wZqNB-wH7MFGU")
        );
    }

    #[test]
    fn references_share_the_alphabet() {
        assert!(is_valid_reference("mm_xyz789"));
        assert!(!is_valid_reference("mm/../x"));
        assert!(!is_valid_reference("mm"));
    }

    #[test]
    fn refuses_what_could_inject_into_an_api_path() {
        for path in [
            "/pay/",
            "/pay/short",
            "/pay/../../api/payment_link",
            "/pay/abc%2F..%2Fadmin-xx",
            "/pay/550e8400-e29b-41d4-a716-446655440000/pay",
            "/pay/550e8400?x=1-e29b-41d4",
            "/other/550e8400-e29b-41d4-a716-446655440000",
            &format!("/pay/{}", "a".repeat(65)),
        ] {
            assert_eq!(token_from_path(path), None, "{path}");
        }
    }
}
