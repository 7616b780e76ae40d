//! The versioned message protocol between the page (in an iframe) and
//! `public/embed.js` (in the merchant's page). Documented in docs/embedding.md.
//!
//! Every message is `{"source": "paylink", "version": 1, "type": …}`. Each
//! side sends to the other's exact origin and ignores any message from
//! another origin, of another source or version, or of unknown shape.

use serde::{Deserialize, Serialize};

pub const SOURCE: &str = "paylink";
pub const VERSION: u32 = 1;

/// What the page tells the merchant's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum PageMessage {
    /// The page is running and listening.
    Ready,
    /// The content's height in CSS pixels, so the frame never scrolls inside.
    Resize { height: u32 },
    /// The checkout's state as it changes (the `data-state` names).
    Status { state: &'static str },
    /// The top window must go to `url` (a bank must never be framed).
    Redirect { url: String },
    /// The final outcome, with the provider's reference.
    Complete {
        outcome: Outcome,
        reference: Option<String>,
    },
    /// The link cannot be shown: `not-found`, `load-failed`, `malformed`, `expired`, `cancelled`.
    Error { code: &'static str },
}

/// How a payment ended, as the merchant's page reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Paid,
    Failed,
}

#[derive(Serialize)]
struct Envelope<'a> {
    source: &'static str,
    version: u32,
    #[serde(flatten)]
    message: &'a PageMessage,
}

impl PageMessage {
    pub fn to_json(&self) -> String {
        serde_json::to_string(&Envelope {
            source: SOURCE,
            version: VERSION,
            message: self,
        })
        .expect("messages are strings and numbers")
    }
}

/// What the merchant's page may tell the page: theme tokens, `--paylink-*`
/// custom properties and their values.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParentMessage {
    Theme {
        tokens: std::collections::BTreeMap<String, String>,
    },
}

/// A plain struct, not a tagged enum: serde's tagged enums buffer the whole
/// message first, which weighed several kilobytes in the bundle.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParentWire {
    source: String,
    version: u32,
    #[serde(rename = "type")]
    kind: String,
    tokens: std::collections::BTreeMap<String, String>,
}

/// Reads a message from the parent; anything not exactly of this protocol is `None`.
pub fn read_parent_message(json: &str) -> Option<ParentMessage> {
    let wire: ParentWire = serde_json::from_str(json).ok()?;
    (wire.source == SOURCE && wire.version == VERSION && wire.kind == "theme").then_some(
        ParentMessage::Theme {
            tokens: wire.tokens,
        },
    )
}

/// Whether `origin` is exactly one of the link's allowed embed origins: no
/// prefix, suffix or case games (`https://shop.example.evil` is not
/// `https://shop.example`).
pub fn is_allowed_origin(origin: &str, allowed: &[String]) -> bool {
    origin != "null" && allowed.iter().any(|a| a == origin)
}

#[cfg(test)]
#[path = "protocol_tests.rs"]
mod tests;
