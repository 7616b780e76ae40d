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

/// Every key is shown somewhere: a catalog entry no code uses is dead text
/// that translators would keep paying for.
#[test]
fn every_key_is_used_by_the_code() {
    let sources: String = [
        "src/ui",
        "src/i18n/labels.rs",
        "src/checkout/methods.rs",
        "src/checkout/receipt.rs",
    ]
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
