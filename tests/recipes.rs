//! ARCHITECTURE.md's recipes ("Adding a method", "Adding a provider") list
//! the files to touch. These tests fail when the list and the code disagree:
//! a listed file that does not exist, or a file that decides by method or
//! provider without being listed.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The repository paths named in backticks in one section of ARCHITECTURE.md;
/// `<name>` stands for the new method's or provider's own folder.
fn recipe_files(heading: &str) -> BTreeSet<String> {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let start = doc
        .find(&format!("## {heading}\n"))
        .unwrap_or_else(|| panic!("ARCHITECTURE.md has no \"## {heading}\" section"));
    let section = &doc[start + 3..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|quoted| {
            [
                "src/",
                "scripts/",
                "sandbox/",
                "docs/",
                "tests/",
                "Cargo.toml",
            ]
            .iter()
            .any(|start| quoted.starts_with(start))
        })
        .map(str::to_owned)
        .collect()
}

/// Whether a listed entry covers `file`: the file itself, a folder holding
/// it, or a `<name>` folder (any one folder there).
fn covers(entry: &str, file: &str) -> bool {
    if let Some((before, _)) = entry.split_once("<name>") {
        return file
            .strip_prefix(before)
            .is_some_and(|rest| rest.contains('/'));
    }
    file == entry || (entry.ends_with('/') && file.starts_with(entry))
}

fn check_listed_files_exist(heading: &str) {
    for file in recipe_files(heading) {
        if !file.contains('<') {
            assert!(
                root().join(&file).exists(),
                "{heading}: {file} is listed but missing"
            );
        }
    }
}

/// Every Rust file under `src/` the page or the gallery runs: not tests.
fn product_files() -> Vec<(String, String)> {
    fn walk(dir: PathBuf, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut paths = Vec::new();
    walk(root().join("src"), &mut paths);
    paths
        .into_iter()
        .map(|path| {
            let relative = path.strip_prefix(root()).unwrap();
            (relative.to_string_lossy().into_owned(), path)
        })
        .filter(|(name, _)| !is_test_file(name))
        .map(|(name, path)| (name, fs::read_to_string(path).unwrap()))
        .collect()
}

fn is_test_file(name: &str) -> bool {
    name.ends_with("_tests.rs") || name.ends_with("/tests.rs") || name.ends_with("/test_forms.rs")
}

/// The variants of `Method`, read from its declaration.
fn method_variants() -> Vec<String> {
    let link = fs::read_to_string(root().join("src/checkout/link.rs")).unwrap();
    let body = &link[link
        .find("pub enum Method {")
        .expect("Method is declared in link.rs")..];
    let body = &body[body.find('{').unwrap() + 1..body.find('}').unwrap()];
    body.lines()
        .map(str::trim)
        .filter(|line| !line.starts_with("//") && !line.is_empty())
        .map(|line| line.trim_end_matches(',').to_owned())
        .collect()
}

#[test]
fn every_file_the_recipes_list_exists() {
    let method = recipe_files("Adding a method");
    assert!(method.contains("src/checkout/methods.rs"), "{method:?}");
    check_listed_files_exist("Adding a method");
    let provider = recipe_files("Adding a provider");
    assert!(provider.contains("src/api/mod.rs"), "{provider:?}");
    check_listed_files_exist("Adding a provider");
}

#[test]
fn only_the_files_the_recipes_list_name_a_method() {
    let mut listed = recipe_files("Adding a method");
    listed.extend(recipe_files("Adding a provider"));
    let variants = method_variants();
    assert!(variants.len() >= 4, "{variants:?}");
    let naming: Vec<String> = product_files()
        .into_iter()
        .filter(|(_, text)| {
            variants
                .iter()
                .any(|variant| text.contains(&format!("Method::{variant}")))
        })
        .map(|(name, _)| name)
        .filter(|name| !listed.iter().any(|entry| covers(entry, name)))
        .collect();
    assert!(
        naming.is_empty(),
        "these files decide by method but no recipe lists them: {naming:?}"
    );
}

#[test]
fn only_the_files_the_provider_recipe_lists_choose_a_provider() {
    let listed = recipe_files("Adding a provider");
    let choosing: Vec<String> = product_files()
        .into_iter()
        .filter(|(_, text)| {
            // `split` is how the bundle is cut, not a provider.
            text.split("feature = \"")
                .skip(1)
                .any(|rest| !rest.starts_with("split\""))
        })
        .map(|(name, _)| name)
        .filter(|name| !listed.iter().any(|entry| covers(entry, name)))
        .collect();
    assert!(
        choosing.is_empty(),
        "these files choose a provider but the recipe does not list them: {choosing:?}"
    );
}

#[test]
fn unit_tests_live_beside_their_module() {
    // ARCHITECTURE.md, "Tests": a module's file holds only what the page runs.
    let inline: Vec<String> = product_files()
        .into_iter()
        .filter(|(_, text)| text.contains("#[cfg(test)]\nmod tests {"))
        .map(|(name, _)| name)
        .collect();
    assert!(inline.is_empty(), "tests written inline in: {inline:?}");
}
