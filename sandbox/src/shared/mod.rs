//! What both providers are built from: merchant credentials, request bodies
//! and the idempotency key, the error format, closed wire vocabularies, the
//! field rules, money, the EMV QR payloads of the pay-by-code methods, and
//! the shell of the sandbox's own HTML pages.

pub mod auth;
pub mod body;
pub mod emv;
pub mod errors;
pub mod field_rules;
pub mod idempotency;
pub mod json_reply;
pub mod link_fields;
pub mod money;
pub mod page_shell;
pub mod vocabulary;
