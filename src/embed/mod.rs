//! Embedding and theming, the parts decided without a browser: the message
//! protocol with embed.js and the theme tokens a merchant may set.
pub mod protocol;
pub mod theme;
pub mod updates;
