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
mod tests {
    use super::*;

    #[test]
    fn explicit_then_browser_then_country() {
        let browser = vec!["fr-FR".to_string(), "pt-BR".to_string()];
        assert_eq!(Lang::preferred(Some("en"), &browser), Some(Lang::En));
        assert_eq!(Lang::preferred(Some("xx"), &browser), Some(Lang::Pt));
        assert_eq!(Lang::preferred(None, &[]), None);
        assert_eq!(Lang::preferred(None, &["fr".into()]), None);
        assert_eq!(Lang::preferred(None, &["EN_gb".into()]), Some(Lang::En));
    }

    #[test]
    fn without_a_preference_the_country_of_the_currency_speaks() {
        assert_eq!(Lang::of_country(Currency::COP), Lang::Es);
        assert_eq!(Lang::of_country(Currency::BRL), Lang::Pt);
        assert_eq!(Lang::of_country(Currency::USD), Lang::En);
    }

    #[test]
    fn every_catalog_has_a_text_for_every_key() {
        for lang in Lang::ALL {
            for key in Key::ALL {
                assert!(!lang.text(*key).trim().is_empty(), "{lang:?} {key:?}");
            }
        }
    }
}

#[cfg(test)]
mod usage_tests {
    use super::Key;

    /// Every key is shown somewhere: a catalog entry no code uses is dead text
    /// that translators would keep paying for.
    #[test]
    fn every_key_is_used_by_the_code() {
        let sources: String = ["src/ui", "src/i18n/labels.rs", "src/checkout/methods.rs"]
            .iter()
            .flat_map(|path| read_rust(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)))
            .collect();
        let unused: Vec<String> = Key::ALL
            .iter()
            .map(|key| format!("{key:?}"))
            .filter(|name| !sources.contains(&format!("Key::{name}")))
            .collect();
        assert!(unused.is_empty(), "keys no code uses: {unused:?}");
    }

    fn read_rust(path: std::path::PathBuf) -> Vec<String> {
        if path.is_file() {
            return vec![std::fs::read_to_string(path).unwrap()];
        }
        std::fs::read_dir(path)
            .unwrap()
            .flat_map(|entry| read_rust(entry.unwrap().path()))
            .collect()
    }
}
