//! What the sandbox prints when it starts: where it listens, then for each
//! bundle it serves, on that bundle's origin, one link per screen its
//! provider's demo links show. A bundle speaks one provider, so a link is
//! listed only where the page can open it.

use std::path::{Path, PathBuf};

use crate::serving::html_scan::elements;
use crate::{belvo, colurs::seed};

/// The provider a built bundle speaks: its `paylink-provider` meta
/// (scripts/provider-meta.mjs writes `belvo`; index.html as written says
/// `colurs`). `None` while the bundle is not built.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Provider {
    Colurs,
    Belvo,
}

impl Provider {
    pub fn of_bundle(dist_dir: &Path) -> Option<Provider> {
        let html = std::fs::read_to_string(dist_dir.join("index.html")).ok()?;
        let meta = elements(&html).into_iter().find(|element| {
            element.name == "meta"
                && element
                    .attribute("name")
                    .is_some_and(|name| name.eq_ignore_ascii_case("paylink-provider"))
        });
        let named = meta.as_ref().and_then(|meta| meta.attribute("content"));
        Some(match named {
            Some(name) if name.trim().eq_ignore_ascii_case("belvo") => Provider::Belvo,
            _ => Provider::Colurs,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Provider::Colurs => "Colurs",
            Provider::Belvo => "Belvo",
        }
    }

    /// Label and token of each demo link of this provider.
    fn demo_links(self) -> Vec<(&'static str, String)> {
        match self {
            Provider::Colurs => seed::DEMO_LINKS
                .iter()
                .map(|(label, uuid)| (*label, uuid.to_string()))
                .collect(),
            Provider::Belvo => belvo::seed::DEMO_LINKS
                .iter()
                .map(|(label, token)| (*label, (*token).to_owned()))
                .collect(),
        }
    }
}

/// The banner for the bundles served, each with its origin. Its first two
/// lines are parsed by test harnesses to find the ports: keep their
/// wording. `not_found` is a token no link has.
pub fn banner(pages: &[(String, PathBuf)], merchant_origin: &str, not_found: &str) -> String {
    let main_origin = pages.first().map_or("", |(origin, _)| origin.as_str());
    let mut banner = format!(
        "paylink sandbox listening on {main_origin}\nmerchant demo on {merchant_origin}/\n"
    );
    for (origin, dist_dir) in pages {
        let shown = dist_dir.display();
        let Some(provider) = Provider::of_bundle(dist_dir) else {
            banner.push_str(&format!(
                "no page built in {shown} (no index.html): run `make build`\n"
            ));
            continue;
        };
        let mut links = provider.demo_links();
        links.push(("not-found", not_found.to_owned()));
        let width = links
            .iter()
            .map(|(label, _)| label.len())
            .max()
            .unwrap_or(0);
        banner.push_str(&format!(
            "{} page ({shown}) on {origin}:\n",
            provider.name()
        ));
        for (label, token) in links {
            banner.push_str(&format!("  {label:<width$}  {origin}/pay/{token}\n"));
        }
    }
    banner
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A throwaway bundle directory holding only an index.html.
    struct Bundle(PathBuf);

    impl Drop for Bundle {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn bundle(provider_meta: Option<&str>) -> Bundle {
        let dir = std::env::temp_dir().join(format!("banner-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let meta = provider_meta
            .map(|name| format!("<meta name=paylink-provider content={name}>"))
            .unwrap_or_default();
        std::fs::write(dir.join("index.html"), format!("<!doctype html>{meta}")).unwrap();
        Bundle(dir)
    }

    #[test]
    fn each_origin_lists_only_the_links_its_bundle_opens() {
        let colurs = bundle(Some("colurs"));
        let belvo = bundle(Some("belvo"));
        let pages = [
            ("http://127.0.0.1:8080".to_owned(), colurs.0.clone()),
            ("http://127.0.0.1:8082".to_owned(), belvo.0.clone()),
        ];
        let text = banner(&pages, "http://127.0.0.1:8081", "nope");
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines[0],
            "paylink sandbox listening on http://127.0.0.1:8080"
        );
        assert_eq!(lines[1], "merchant demo on http://127.0.0.1:8081/");
        assert!(lines[2].starts_with("Colurs page ("), "{text}");
        let belvo_header = lines
            .iter()
            .position(|line| line.starts_with("Belvo page ("))
            .expect("a Belvo group");
        let colurs_links = &lines[3..belvo_header];
        let belvo_links = &lines[belvo_header + 1..];
        assert_eq!(colurs_links.len(), seed::DEMO_LINKS.len() + 1);
        assert_eq!(belvo_links.len(), belvo::seed::DEMO_LINKS.len() + 1);
        assert!(colurs_links
            .iter()
            .all(|line| line.contains("http://127.0.0.1:8080/pay/")));
        assert!(belvo_links
            .iter()
            .all(|line| line.contains("http://127.0.0.1:8082/pay/")));
        assert!(belvo_links.last().unwrap().trim().starts_with("not-found"));
    }

    #[test]
    fn a_bundle_without_a_provider_meta_speaks_colurs_and_a_missing_one_says_so() {
        let plain = bundle(None);
        assert_eq!(Provider::of_bundle(&plain.0), Some(Provider::Colurs));
        let missing = std::env::temp_dir().join("banner-never-built");
        assert_eq!(Provider::of_bundle(&missing), None);
        let pages = [("http://127.0.0.1:1".to_owned(), missing)];
        let text = banner(&pages, "http://127.0.0.1:2", "nope");
        assert!(text.contains("run `make build`"), "{text}");
        assert!(!text.contains("/pay/"), "{text}");
    }
}
