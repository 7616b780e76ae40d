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

/// The `src/…` paths named in backticks in one section of ARCHITECTURE.md.
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
        .filter(|quoted| quoted.starts_with("src/"))
        .map(str::to_owned)
        .collect()
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
fn every_file_the_method_recipe_lists_exists() {
    let files = recipe_files("Adding a method");
    assert!(files.contains("src/checkout/methods.rs"), "{files:?}");
    for file in files {
        assert!(root().join(&file).is_file(), "{file} is listed but missing");
    }
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
        .filter(|name| !listed.iter().any(|file| name.starts_with(file.as_str())))
        .collect();
    assert!(
        naming.is_empty(),
        "these files decide by method but no recipe lists them: {naming:?}"
    );
}
