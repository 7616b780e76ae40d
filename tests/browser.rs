//! Components rendered in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos::task::tick;
use paylink::api::colurs::parse_link;
use paylink::i18n::Lang;
use paylink::ui::{LangContext, LinkSummary};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SEED_LINK: &str = r#"{
  "id": 123, "uuid": "550e8400-e29b-41d4-a716-446655440000",
  "owner": { "username": "user", "email": "user@example.com" },
  "currency": "COP", "amount": 50000.00, "colurs_fee_amount": 1000.00,
  "colurs_iva_amount": 190.00, "total_to_pay": 51190.00, "status": "PENDING",
  "expires_at": "2026-03-03T00:00:00Z",
  "link_url": "https://colurs.me/pay/550e8400-e29b-41d4-a716-446655440000",
  "allowed_methods": ["BANCOLOMBIA", "PSE", "NEQUI"],
  "description": "Service payment", "created_at": "2026-02-03T10:00:00Z"
}"#;

/// A fresh element under body: the test runner keeps its own report in body.
fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let element = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&element).unwrap();
    element.unchecked_into()
}

fn text_of(root: &web_sys::HtmlElement, testid: &str) -> String {
    root.query_selector(&format!("[data-testid=\"{testid}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element {testid}"))
        .text_content()
        .unwrap_or_default()
}

fn mount_summary(json: &str, lang: RwSignal<Lang>) -> (web_sys::HtmlElement, impl Drop) {
    let root = container();
    let link = parse_link(json).unwrap();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_context(LangContext(lang));
        view! { <LinkSummary link=link.clone()/> }
    });
    (root, handle)
}

#[wasm_bindgen_test]
async fn summary_shows_who_asks_how_much_and_why_in_colombian_pesos() {
    let (root, _handle) = mount_summary(SEED_LINK, RwSignal::new(Lang::Es));
    assert_eq!(text_of(&root, "merchant"), "user");
    assert_eq!(text_of(&root, "description").trim(), "Service payment");
    // es-CO COP: no decimals, dot grouping, a no-break space after the symbol.
    assert_eq!(text_of(&root, "amount"), "$\u{a0}50.000");
    assert_eq!(text_of(&root, "fee"), "$\u{a0}1.000");
    assert_eq!(text_of(&root, "iva"), "$\u{a0}190");
    assert_eq!(text_of(&root, "total"), "$\u{a0}51.190");
    assert!(text_of(&root, "expires-at").contains("2026"));
    assert!(root.text_content().unwrap().contains("Total a pagar"));
}

#[wasm_bindgen_test]
async fn switching_language_reformats_labels_and_money_in_place() {
    let lang = RwSignal::new(Lang::Es);
    let (root, _handle) = mount_summary(SEED_LINK, lang);
    lang.set(Lang::En);
    tick().await;
    assert!(root.text_content().unwrap().contains("Total to pay"));
    assert_eq!(text_of(&root, "total"), "COP\u{a0}51,190");
}

#[wasm_bindgen_test]
async fn a_link_without_fees_shows_no_fee_lines_and_usd_with_cents() {
    let json = SEED_LINK
        .replace("\"COP\"", "\"USD\"")
        .replace("\"amount\": 50000.00", "\"amount\": 25.50")
        .replace("\"colurs_fee_amount\": 1000.00,", "")
        .replace("\"colurs_iva_amount\": 190.00,", "")
        .replace("\"total_to_pay\": 51190.00", "\"total_to_pay\": 25.50");
    let (root, _handle) = mount_summary(&json, RwSignal::new(Lang::En));
    assert_eq!(text_of(&root, "total"), "$25.50");
    assert!(root
        .query_selector("[data-testid=\"fee\"]")
        .unwrap()
        .is_none());
}
