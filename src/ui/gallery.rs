//! The gallery: an index of every fixture in light and dark, and each
//! fixture alone in a frame (`?fixture=NAME&scheme=light|dark&lang=es`).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::app::CheckoutView;
use super::shell::Shell;
use super::LangContext;
use crate::api::provider::Clock;
use crate::embed::theme::is_safe_token;
use crate::gallery::{code_about_to_expire, fixtures, BANKS_OPEN, PHONE_HANDOFF};
use crate::i18n::Lang;
use crate::web::client::BrowserClock;
use crate::web::navigate::query_param;

pub fn start() {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    let root: web_sys::HtmlElement = root.unchecked_into();
    match query_param("fixture") {
        Some(name) => {
            leptos::mount::mount_to(root, move || view! { <FixtureFrame name=name.clone()/> })
                .forget()
        }
        None => leptos::mount::mount_to(root, GalleryIndex).forget(),
    }
}

/// Forces the colour scheme of this document: the dark tokens stylesheet
/// applies always or never.
fn force_scheme(dark: bool) {
    let link = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("paylink-dark"));
    if let Some(link) = link {
        let _ = link.set_attribute("media", if dark { "all" } else { "not all" });
    }
    // Through the CSSOM: the policy refuses style attributes.
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(root) = root {
        let _ = root
            .style()
            .set_property("color-scheme", if dark { "dark" } else { "light" });
    }
}

#[component]
fn FixtureFrame(name: String) -> impl IntoView {
    let lang = RwSignal::new(
        query_param("lang")
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or(Lang::Es),
    );
    provide_context(LangContext(lang));
    force_scheme(query_param("scheme").as_deref() == Some("dark"));
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", lang.get_untracked().tag());
    }
    match fixtures().into_iter().find(|(n, _)| *n == name) {
        Some((_, state)) => {
            let expires_ms = state
                .payment_code()
                .and_then(|code| BrowserClock.instant_ms(&code.expires_at));
            let state = match expires_ms {
                Some(expires_ms) => code_about_to_expire(state, expires_ms, BrowserClock.now_ms()),
                None => state,
            };
            if name == PHONE_HANDOFF {
                show_as_computer();
            }
            if name == BANKS_OPEN {
                open_bank_list();
            }
            provide_context(Shell::fixture(lang, state));
            view! { <CheckoutView/> }.into_any()
        }
        None => view! { <p>{format!("no fixture named {name}")}</p> }.into_any(),
    }
}

/// The phone-handoff fixture: the offer a computer shows (style/gallery.css),
/// opened as soon as it renders, which draws its code.
fn show_as_computer() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.class_list().add_1("gallery-computer");
    }
    once_rendered("details.handoff", |offer| {
        let _ = offer.set_attribute("open", "");
        crate::web::qr::add_loader();
    });
}

/// The banks-open fixture: the bank box pressed once it renders, as a
/// payer's tap opens its list (src/ui/form.rs).
fn open_bank_list() {
    once_rendered("[data-testid=\"input-bank\"]", |input| {
        // Pressed, not focused: every frame of the index would take the focus.
        if let Ok(input) = input.dyn_into::<web_sys::HtmlElement>() {
            input.click();
        }
    });
}

/// Runs `then` on the first element matching `selector` once the fixture
/// has rendered it (the app renders after the fixture frame starts).
fn once_rendered(selector: &'static str, then: fn(web_sys::Element)) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    match document.query_selector(selector).ok().flatten() {
        Some(element) => then(element),
        None => set_timeout(
            move || once_rendered(selector, then),
            std::time::Duration::from_millis(20),
        ),
    }
}

#[component]
fn GalleryIndex() -> impl IntoView {
    let width = RwSignal::new(390u32);
    let lang = RwSignal::new("es".to_string());
    let tokens = RwSignal::new(String::new());
    // Token values tried live are set on every frame (same origin).
    Effect::new(move |_| {
        let text = tokens.get();
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(frames) = document.query_selector_all("iframe") else {
            return;
        };
        for i in 0..frames.length() {
            let frame = frames
                .get(i)
                .and_then(|f| f.dyn_into::<web_sys::HtmlIFrameElement>().ok());
            let root = frame
                .and_then(|f| f.content_document())
                .and_then(|d| d.document_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(root) = root {
                for (name, value) in text.lines().filter_map(|l| l.split_once(':')) {
                    let (name, value) = (name.trim(), value.trim().trim_end_matches(';'));
                    if is_safe_token(name, value) {
                        let _ = root.style().set_property(name, value);
                    }
                }
            }
        }
    });
    view! {
        <header class="gallery__bar">
            <h1>"paylink gallery"</h1>
            <p class="gallery__note">"Fixed states for designers: not a payment page. Served only by the sandbox, never deployed with the page."</p>
            <label>"Width "
                <select on:change:target=move |ev| width.set(ev.target().value().parse().unwrap_or(390))>
                    <option value="390">"Phone (390)"</option>
                    <option value="1024">"Desktop (1024)"</option>
                </select>
            </label>
            <label>"Language "
                <select on:change:target=move |ev| lang.set(ev.target().value())>
                    <option value="es">"es-CO"</option>
                    <option value="pt">"pt-BR"</option>
                    <option value="en">"en"</option>
                </select>
            </label>
            <label class="gallery__tokens">"Try tokens (one per line, e.g. --paylink-color-primary: #e30613)"
                <textarea rows="3" data-testid="gallery-tokens" prop:value=move || tokens.get()
                    on:input:target=move |ev| tokens.set(ev.target().value())></textarea>
            </label>
        </header>
        <main class="gallery">
            {fixtures().into_iter().map(|(name, _)| view! {
                <figure class="gallery__item" data-fixture=name>
                    <figcaption>{name}</figcaption>
                    <div class="gallery__pair">
                        {["light", "dark"].into_iter().map(|scheme| view! {
                            <iframe title=format!("{name} ({scheme})")
                                data-scheme=scheme width=move || width.get().to_string() height="720"
                                src=move || format!("?fixture={name}&scheme={scheme}&lang={}", lang.get())></iframe>
                        }).collect_view()}
                    </div>
                </figure>
            }).collect_view()}
        </main>
    }
}
