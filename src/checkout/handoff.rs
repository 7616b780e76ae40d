//! "Continue on your phone": a payer at a computer choosing a method that is
//! finished in a phone app is offered a QR code of this link's own URL, and
//! the page keeps watching the link while the phone pays (`state::LinkWatch`).
//!
//! A computer is a screen matching `COMPUTER` (the stylesheet shows the
//! offer only there). The code is drawn by a separate WebAssembly module
//! (the `qr/` crate) and its loader (`qr/loader.mjs`, served as `/qr.js`),
//! added to the page only when the payer opens the offer: their bytes never
//! count in the first load.

use super::link::Method;
use super::methods::spec;

/// A computer: a precise pointer that can hover, on a screen wide enough to
/// show the code below the form. A phone or a tablet (coarse pointer) or a
/// narrow window matches none of it, and pays right there. style/main.css
/// holds the same query (a test keeps them equal).
pub const COMPUTER: &str = "(hover: hover) and (pointer: fine) and (min-width: 48em)";

/// Whether a payer at a computer is offered to continue on their phone: the
/// chosen method is finished in a phone app.
pub fn offered(method: Option<Method>) -> bool {
    method.is_some_and(|m| spec(m).phone_handoff)
}

#[cfg(test)]
#[path = "handoff_tests.rs"]
mod tests;
