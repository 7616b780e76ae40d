//! The page's entry point: in the browser it mounts the checkout.
#[cfg(target_arch = "wasm32")]
fn main() {
    paylink::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("paylink is a web page: build it with `make run` (trunk), not as a native program.");
}
