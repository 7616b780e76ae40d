//! Random strings for capabilities and the bank's answer: base64url
//! without padding, from the operating system's random source (by way of
//! version-4 uuids, which already draw from it).

use uuid::Uuid;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// 43 characters: 32 bytes, the length of a Belvo `access_token`.
pub fn access_token() -> String {
    let mut bytes = [0u8; 32];
    bytes[..16].copy_from_slice(Uuid::new_v4().as_bytes());
    bytes[16..].copy_from_slice(Uuid::new_v4().as_bytes());
    base64url(&bytes)
}

/// 22 characters, for an authorization `code` or an `id_token`.
pub fn short_token() -> String {
    base64url(Uuid::new_v4().as_bytes())
}

pub fn is_token_text(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn base64url(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let group = chunk.iter().enumerate().fold(0u32, |group, (index, byte)| {
            group | u32::from(*byte) << (16 - 8 * index)
        });
        for sextet in 0..=chunk.len() {
            let index = (group >> (18 - 6 * sextet)) & 0x3f;
            text.push(char::from(ALPHABET[index as usize]));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_base64url_without_padding() {
        assert_eq!(base64url(b""), "");
        assert_eq!(base64url(b"f"), "Zg");
        assert_eq!(base64url(b"fo"), "Zm8");
        assert_eq!(base64url(b"foo"), "Zm9v");
        assert_eq!(base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
    }

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
