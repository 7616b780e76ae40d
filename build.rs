//! Links the release page with its relocations when its screens after Pay
//! are split off (feature `split`): wasm-split-cli needs them to move code
//! into the chunk (scripts/split.mjs). Here rather than in RUSTFLAGS, which
//! would rebuild std and reach every other wasm of the build.
fn main() {
    println!("cargo:rerun-if-env-changed=CARGO_FEATURE_SPLIT");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
