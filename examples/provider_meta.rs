//! Prints the link path of the provider a `paylink-provider` meta names, as
//! the Rust provider has it: scripts/build.sh writes it into each bundle's
//! index.html for the inline script's early request for the link.
//! `cargo run --example provider_meta -- belvo`

use paylink::api::provider::Provider;
use paylink::api::ActiveProvider;

fn main() {
    let name = std::env::args().nth(1).unwrap_or_default();
    let provider = ActiveProvider::named(&name);
    if provider.name() != name {
        eprintln!("provider_meta: this build has no provider named {name:?}");
        std::process::exit(2);
    }
    println!("{}", provider.link_path());
}
