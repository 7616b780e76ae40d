//! The QR code of a text, as SVG: what the payment page shows a payer at a
//! computer so their phone opens the same link.
//!
//! The page loads this module only when the payer asks for the code
//! (`loader.mjs` beside this crate, which src/web/qr.rs starts), so its
//! bytes never count in the first load. Its interface is three exports, no
//! imports: `input()` is where the loader writes the text (at most
//! `INPUT_CAPACITY` bytes), `encode(len)` encodes it and returns the length
//! of the answer, and `output()` is where the answer is: the `<svg>` of the
//! code, dark on white whatever the colour scheme, hidden from assistive
//! technology (the page names the element it goes in). Zero is returned
//! for a text that is too long or empty.

use qrcode::{Color, EcLevel, QrCode};

/// The longest text the page may ask for: a page URL with its token.
pub const INPUT_CAPACITY: usize = 1024;
/// Light modules around the code, as ISO/IEC 18004 asks.
pub const QUIET_ZONE: usize = 4;

/// The `<svg>` of the code of `text`, or `None` when it cannot be encoded.
pub fn svg(text: &[u8]) -> Option<String> {
    let (side, path) = svg_path(text)?;
    let mut svg = String::from("<svg viewBox=\"0 0 ");
    for part in [
        &side,
        " ",
        &side,
        "\" shape-rendering=\"crispEdges\" aria-hidden=\"true\"><rect width=\"",
    ] {
        svg.push_str(part);
    }
    for part in [
        &side,
        "\" height=\"",
        &side,
        "\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
        &path,
        "\"/></svg>",
    ] {
        svg.push_str(part);
    }
    Some(svg)
}

/// The side of the code's view box in modules, with its quiet zone, and the
/// SVG path of its dark modules; `None` when `text` cannot be encoded.
pub fn svg_path(text: &[u8]) -> Option<(String, String)> {
    if text.is_empty() || text.len() > INPUT_CAPACITY {
        return None;
    }
    // Level M: a code that still reads with a smudge or a glare on the screen.
    let code = QrCode::with_error_correction_level(text, EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let side = width + 2 * QUIET_ZONE;
    let mut side_text = String::new();
    push_number(&mut side_text, side);
    let mut path = String::new();
    for (y, row) in colors.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            if row[x] == Color::Dark {
                let start = x;
                while x < width && row[x] == Color::Dark {
                    x += 1;
                }
                // One rectangle per run of dark modules in a row: `Mx yhNv1Hxz`.
                let left = start + QUIET_ZONE;
                for (prefix, number) in [('M', left), (' ', y + QUIET_ZONE), ('h', x - start)] {
                    path.push(prefix);
                    push_number(&mut path, number);
                }
                path.push_str("v1H");
                push_number(&mut path, left);
                path.push('z');
            } else {
                x += 1;
            }
        }
    }
    Some((side_text, path))
}

/// Decimal digits without `format!`, whose machinery would double the module.
fn push_number(text: &mut String, number: usize) {
    if number >= 10 {
        push_number(text, number / 10);
    }
    text.push(char::from(b'0' + (number % 10) as u8));
}

#[cfg(target_arch = "wasm32")]
mod exports {
    use std::cell::RefCell;

    use super::{svg, INPUT_CAPACITY};

    thread_local! {
        static INPUT: RefCell<[u8; INPUT_CAPACITY]> = const { RefCell::new([0; INPUT_CAPACITY]) };
        static OUTPUT: RefCell<String> = const { RefCell::new(String::new()) };
    }

    #[no_mangle]
    pub extern "C" fn input() -> *mut u8 {
        INPUT.with(|input| input.borrow_mut().as_mut_ptr())
    }

    #[no_mangle]
    pub extern "C" fn encode(len: usize) -> usize {
        let answer = INPUT.with(|input| svg(input.borrow().get(..len)?));
        OUTPUT.with(|output| {
            let mut output = output.borrow_mut();
            *output = answer.unwrap_or_default();
            output.len()
        })
    }

    #[no_mangle]
    pub extern "C" fn output() -> *const u8 {
        OUTPUT.with(|output| output.borrow().as_ptr())
    }
}

#[cfg(test)]
#[path = "lib_tests.rs"]
mod tests;
