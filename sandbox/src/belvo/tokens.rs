//! Random strings for capabilities and the bank's answer: base64url
//! without padding, from the operating system's random source (by way of
//! version-4 uuids, which already draw from it).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use uuid::Uuid;

/// 43 characters: 32 bytes, the length of a Belvo `access_token`.
pub fn access_token() -> String {
    let halves = [Uuid::new_v4().into_bytes(), Uuid::new_v4().into_bytes()];
    URL_SAFE_NO_PAD.encode(halves.concat())
}

/// 22 characters, for an authorization `code` or an `id_token`.
pub fn short_token() -> String {
    URL_SAFE_NO_PAD.encode(Uuid::new_v4().as_bytes())
}

pub fn is_token_text(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_have_their_length_and_alphabet() {
        let (first, second) = (access_token(), access_token());
        assert_eq!(first.len(), 43);
        assert!(is_token_text(&first));
        assert_ne!(first, second);
        assert_eq!(short_token().len(), 22);
        assert!(!is_token_text("a b") && !is_token_text(""));
    }
}
