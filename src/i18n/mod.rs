//! The page's languages and message catalogs.
//!
//! Every string the payer sees is a `Key`; each catalog is an exhaustive
//! `match`, so a key missing from any language is a compile error.
mod en;
mod es;
mod keys;
pub mod labels;
mod pt;

pub use keys::Key;

use crate::checkout::money::Currency;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Es,
    Pt,
    En,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Es, Lang::Pt, Lang::En];

    /// The BCP 47 tag used for `<html lang>` and for `Intl` formatting.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Es => "es-CO",
            Lang::Pt => "pt-BR",
            Lang::En => "en-US",
        }
    }

    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Es => "Español",
            Lang::Pt => "Português",
            Lang::En => "English",
        }
    }

    /// Reads a language tag loosely: "es", "es-MX", "pt_BR", "EN" all match.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "es" => Some(Lang::Es),
            "pt" => Some(Lang::Pt),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The payer's language as far as they said: an explicit choice (the
    /// URL's `lang`) wins, then the first browser language the page speaks.
    /// `None` leaves it to the link's country (`Lang::of_country`).
    pub fn preferred(explicit: Option<&str>, browser: &[String]) -> Option<Lang> {
        explicit
            .and_then(Lang::from_tag)
            .or_else(|| browser.iter().find_map(|tag| Lang::from_tag(tag)))
    }

    /// The language of the country whose currency the link asks for.
    pub fn of_country(currency: Currency) -> Lang {
        match currency {
            Currency::COP => Lang::Es,
            Currency::BRL => Lang::Pt,
            Currency::USD => Lang::En,
        }
    }

    pub fn text(self, key: Key) -> &'static str {
        match self {
            Lang::Es => es::text(key),
            Lang::Pt => pt::text(key),
            Lang::En => en::text(key),
        }
    }
}

#[cfg(test)]
mod tests;
