//! Text a provider gives for the payer to read (the merchant's name, the
//! description), cleaned where it is parsed so it can neither hide nor
//! reorder what is shown around it.

/// Longer names are cut: a name is a line of the summary, not a paragraph.
pub const MAX_MERCHANT_NAME_CHARS: usize = 100;
/// As the provider caps descriptions on creation.
pub const MAX_DESCRIPTION_CHARS: usize = 500;

/// Invisible characters that change how text around them reads: control
/// characters, bidi embeddings, overrides, isolates and marks (U+061C,
/// U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), zero-width characters
/// (U+200B–U+200D, U+2060–U+2064) and the byte order mark. A character
/// filter over the ranges is enough (std has no Unicode categories, and no
/// crate is worth its bundle bytes for these few ranges).
fn is_hidden(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'
        )
}

/// `text` without hidden characters, its whitespace runs as one space and
/// trimmed, and at most `max_chars` characters: a longer text ends in "…".
pub fn clean_text(text: &str, max_chars: usize) -> String {
    let mut out = String::new();
    let mut chars = 0;
    let mut gap = false;
    for c in text.chars() {
        if c.is_whitespace() {
            gap = chars > 0;
        } else if !is_hidden(c) {
            let needed = usize::from(gap) + 1;
            if chars + needed > max_chars {
                if chars == max_chars {
                    out.pop();
                }
                out.truncate(out.trim_end().len());
                out.push('…');
                break;
            }
            if gap {
                out.push(' ');
            }
            out.push(c);
            chars += needed;
            gap = false;
        }
    }
    out
}

#[cfg(test)]
#[path = "text_tests.rs"]
mod tests;
