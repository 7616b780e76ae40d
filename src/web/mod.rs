//! The browser shell: configuration, HTTP, `Intl` formatting, navigation.
//! Only this module and `ui` touch web-sys.
pub mod client;
pub mod config;
pub mod embed;
pub mod http;
pub mod intl;
pub mod navigate;
pub mod prefetch;
pub mod qr;
pub mod schedule;
