//! The designers' gallery (`/gallery/`): every checkout state from fixtures.
//! A separate bundle, so none of it reaches a payer.
#[cfg(target_arch = "wasm32")]
fn main() {
    paylink::ui::gallery::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the gallery is a web page: `make build` writes it to dist/gallery/.");
}
