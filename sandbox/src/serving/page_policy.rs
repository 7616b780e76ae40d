//! The security headers the payment page is served with (docs/deploying.md
//! explains each): above all a strict Content-Security-Policy whose
//! `script-src` allows the page's own origin, WebAssembly compilation, and
//! exactly the inline scripts of the built `index.html`, by hash.
//!
//! The hashes are computed when the sandbox starts, from `index.html` as
//! built, and again whenever that file changes (a rebuild while the sandbox
//! runs), so the policy always matches the page being served.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use axum::http::{header, HeaderMap, HeaderName, HeaderValue};
use serde::Serialize;

use crate::serving::html_scan::{elements, Element};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

/// The `<meta>` whose content is the provider API's origin (empty: the
/// page's own origin); the page reads it at run time (src/web/config.rs).
pub const API_BASE_META: &str = "paylink-api-base";

/// The `<meta>` listing the origins merchant logos may load from besides
/// the page's own (src/web/config.rs reads it too): exact origins such as
/// `https://cdn.example`, separated by spaces or commas; each is added to
/// `img-src`, and anything that is not an origin is left out.
pub const IMAGE_ORIGINS_META: &str = "paylink-image-origins";

/// Powerful features the page never uses, turned off for it and for
/// anything it could ever frame.
pub const PERMISSIONS_POLICY: &str = "camera=(), geolocation=(), microphone=(), payment=(), usb=()";

/// A window that opens the page (a merchant's popup) gets no handle on it;
/// the page keeps one on any window it opens. A bank redirect is a
/// top-level navigation and is not affected.
pub const OPENER_POLICY: &str = "same-origin-allow-popups";

/// What the policy needs to know about the built page.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageFacts {
    /// One `'sha256-…'` source per inline `<script>`, in document order.
    pub script_hashes: Vec<String>,
    /// The origin of `<meta name="paylink-api-base">`, when it names one.
    pub api_origin: Option<String>,
    /// The origins of `<meta name="paylink-image-origins">`.
    pub image_origins: Vec<String>,
}

impl PageFacts {
    pub fn of_html(html: &str) -> PageFacts {
        Self::of_elements(&elements(html))
    }

    fn of_elements(elements: &[Element]) -> PageFacts {
        PageFacts {
            script_hashes: elements.iter().filter_map(inline_script_hash).collect(),
            api_origin: api_base(elements).and_then(origin_of),
            image_origins: meta_content(elements, IMAGE_ORIGINS_META)
                .unwrap_or_default()
                .split([' ', ',', '\n', '\t'])
                .filter(|entry| entry.contains("://"))
                .filter_map(origin_of)
                .collect(),
        }
    }
}

/// The hash source of an inline `<script>`; `None` for any other element.
fn inline_script_hash(element: &Element) -> Option<String> {
    if element.name != "script" || element.attribute("src").is_some() {
        return None;
    }
    element.text.as_deref().map(script_hash_source)
}

/// The content of `<meta name="paylink-api-base">`, the last one written.
fn api_base(elements: &[Element]) -> Option<&str> {
    meta_content(elements, API_BASE_META)
}

/// The content of the last `<meta name="{name}">` written.
fn meta_content<'a>(elements: &'a [Element], name: &str) -> Option<&'a str> {
    elements
        .iter()
        .filter(|element| {
            element.name == "meta"
                && element
                    .attribute("name")
                    .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .map(|element| element.attribute("content"))
        .next_back()
        .flatten()
}

/// The CSP source that allows an inline script with this text. The browser
/// hashes the UTF-8 text as parsed, and the HTML parser turns every CR LF
/// and lone CR into LF first: so does this.
pub fn script_hash_source(text: &str) -> String {
    let parsed = text.replace("\r\n", "\n").replace('\r', "\n");
    format!(
        "'sha256-{}'",
        BASE64.encode(Sha256::digest(parsed.as_bytes()))
    )
}

/// `scheme://host[:port]` of an absolute http(s) URL, lowercase; `None`
/// for a relative or empty base (the page's own origin) and for anything
/// that could not be written safely into a policy.
pub fn origin_of(url: &str) -> Option<String> {
    let url = url.trim();
    let (scheme, rest) = url.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    if scheme != "https" && scheme != "http" {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?.to_ascii_lowercase();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) => (host, Some(port)),
        None => (authority.as_str(), None),
    };
    let host_ok = !host.is_empty()
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
    let port_ok = port.is_none_or(|port| {
        !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) && port.parse::<u16>().is_ok()
    });
    (host_ok && port_ok).then(|| format!("{scheme}://{authority}"))
}

/// The Content-Security-Policy of the page. `frame_ancestors` empty means
/// no site may frame it; `report_uri` is where browsers post violations.
pub fn content_security_policy(
    facts: &PageFacts,
    frame_ancestors: &[String],
    report_uri: Option<&str>,
) -> String {
    let mut directives: Vec<String> = policy_directives(facts, frame_ancestors)
        .into_iter()
        .map(|(name, value)| format!("{name} {value}"))
        .collect();
    if let Some(uri) = report_uri {
        directives.push(format!("report-uri {uri}"));
    }
    directives.join("; ")
}

/// The directives of the policy, name and value, in the order sent.
pub fn policy_directives(
    facts: &PageFacts,
    frame_ancestors: &[String],
) -> Vec<(&'static str, String)> {
    let mut script_src = vec!["'self'", "'wasm-unsafe-eval'"];
    script_src.extend(facts.script_hashes.iter().map(String::as_str));
    let mut img_src = vec!["'self'", "data:"];
    img_src.extend(facts.image_origins.iter().map(String::as_str));
    let mut connect_src = vec!["'self'"];
    connect_src.extend(facts.api_origin.as_deref());
    let ancestors = if frame_ancestors.is_empty() {
        "'none'".to_owned()
    } else {
        frame_ancestors.join(" ")
    };
    vec![
        ("default-src", "'none'".to_owned()),
        ("script-src", script_src.join(" ")),
        ("style-src", "'self'".to_owned()),
        ("img-src", img_src.join(" ")),
        ("connect-src", connect_src.join(" ")),
        ("form-action", "'none'".to_owned()),
        ("base-uri", "'none'".to_owned()),
        ("frame-ancestors", ancestors),
    ]
}

/// What `paylink-sandbox page-facts` prints for scripts/integrity.mjs: the
/// page's start tags as read here, each inline script's hash source, and
/// the policy the page must be served with (`frame-ancestors 'none'`; a
/// link that may be framed lists its origins there instead). The integrity
/// check reads HTML and derives the policy only through this.
#[derive(Debug, Serialize)]
pub struct PageReport {
    pub elements: Vec<ReportedElement>,
    pub api_base: String,
    pub api_origin: Option<String>,
    pub content_security_policy: Vec<(&'static str, String)>,
}

#[derive(Debug, Serialize)]
pub struct ReportedElement {
    pub name: String,
    /// The first value of each attribute.
    pub attributes: serde_json::Map<String, serde_json::Value>,
    pub text: Option<String>,
    pub comment: Option<String>,
    /// `'sha256-…'` for an inline script.
    pub csp_hash: Option<String>,
}

impl PageReport {
    pub fn of_html(html: &str) -> PageReport {
        let elements = elements(html);
        let facts = PageFacts::of_elements(&elements);
        PageReport {
            api_base: api_base(&elements).unwrap_or_default().to_owned(),
            api_origin: facts.api_origin.clone(),
            content_security_policy: policy_directives(&facts, &[]),
            elements: elements
                .into_iter()
                .map(|element| {
                    let csp_hash = inline_script_hash(&element);
                    let mut attributes = serde_json::Map::new();
                    for (name, value) in element.attributes {
                        attributes.entry(name).or_insert(value.into());
                    }
                    ReportedElement {
                        name: element.name,
                        attributes,
                        text: element.text,
                        comment: element.comment,
                        csp_hash,
                    }
                })
                .collect(),
        }
    }
}

/// The headers only the page itself (its HTML) carries; the ones every
/// answer carries are added by `static_files::common_headers`.
pub fn insert_page_headers(headers: &mut HeaderMap, policy: &str, framable: bool) {
    let mut set = |name: HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    set(header::CONTENT_SECURITY_POLICY, policy);
    set(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        OPENER_POLICY,
    );
    if !framable {
        // For browsers without `frame-ancestors`; the others ignore it.
        set(header::X_FRAME_OPTIONS, "DENY");
    }
}

/// The facts of `DIST_DIR/index.html`, read at start-up and again when the
/// file changes.
#[derive(Debug)]
pub struct PagePolicy {
    index_html: PathBuf,
    current: Mutex<Option<(FileStamp, Arc<PageFacts>)>>,
}

type FileStamp = (Option<SystemTime>, u64);

impl PagePolicy {
    pub fn load(dist_dir: &Path) -> PagePolicy {
        let policy = PagePolicy {
            index_html: dist_dir.join("index.html"),
            current: Mutex::new(None),
        };
        policy.facts();
        policy
    }

    /// `None` while there is no readable `index.html`.
    pub fn facts(&self) -> Option<Arc<PageFacts>> {
        let metadata = std::fs::metadata(&self.index_html).ok()?;
        let stamp = (metadata.modified().ok(), metadata.len());
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some((known, facts)) = current.as_ref() {
            if *known == stamp {
                return Some(facts.clone());
            }
        }
        let html = std::fs::read_to_string(&self.index_html).ok()?;
        let facts = Arc::new(PageFacts::of_html(&html));
        *current = Some((stamp, facts.clone()));
        Some(facts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_every_inline_script_and_nothing_else() {
        let html = "<!doctype html><head>\
            <!-- <script>not a script</script> -->\
            <title>a <script> in a title</title>\
            <script>one()</script>\
            <SCRIPT type=module>two()</Script>\
            <script src=\"/x.js\"></script>\
            <script defer src='/y.js'>ignored()</script>\
            </head>";
        let facts = PageFacts::of_html(html);
        assert_eq!(
            facts.script_hashes,
            vec![script_hash_source("one()"), script_hash_source("two()")]
        );
        assert_eq!(facts.api_origin, None);
    }

    #[test]
    fn hashes_text_as_the_parser_sees_it() {
        assert_eq!(
            script_hash_source("alert('Hello, world.');"),
            "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
        );
        assert_eq!(
            script_hash_source("a\r\nb\rc"),
            script_hash_source("a\nb\nc")
        );
        let facts = PageFacts::of_html("<script>\n  x();\n</script>");
        assert_eq!(facts.script_hashes, vec![script_hash_source("\n  x();\n")]);
    }

    #[test]
    fn reads_the_api_origin_from_the_meta() {
        let page = |content: &str| {
            PageFacts::of_html(&format!(
                "<meta charset=utf-8><meta name=\"paylink-api-base\" content=\"{content}\">"
            ))
            .api_origin
        };
        assert_eq!(page(""), None);
        assert_eq!(page("/provider"), None);
        assert_eq!(
            page("https://API.colurs.example/v1/"),
            Some("https://api.colurs.example".into())
        );
        assert_eq!(
            page("http://127.0.0.1:9000"),
            Some("http://127.0.0.1:9000".into())
        );
        assert_eq!(page("https://a.example:99999"), None);
        assert_eq!(page("https://a.example; script-src *"), None);
        assert_eq!(page("javascript:alert(1)"), None);
        assert_eq!(page("https://user@a.example"), None);
        assert_eq!(
            page("https://api&#x2D;1.example&#47;v1"),
            Some("https://api-1.example".into())
        );
    }

    #[test]
    fn lets_images_load_only_from_the_origins_the_meta_lists() {
        let page = |content: &str| {
            let facts = PageFacts::of_html(&format!(
                "<meta name=\"paylink-image-origins\" content=\"{content}\">"
            ));
            content_security_policy(&facts, &[], None)
        };
        assert!(page("").contains("img-src 'self' data:;"));
        assert!(page("https://CDN.example/logos/ https://img.example:8443, http://127.0.0.1:9000")
            .contains("img-src 'self' data: https://cdn.example https://img.example:8443 http://127.0.0.1:9000;"));
        // Never a wildcard, a keyword or anything else that widens the policy.
        for widening in [
            "*",
            "https:",
            "'unsafe-inline'",
            "cdn.example",
            "https://a.example; script-src *",
            "javascript:x",
        ] {
            assert!(
                page(widening).contains("img-src 'self' data:;"),
                "{widening}"
            );
        }
    }

    #[test]
    fn builds_the_policy() {
        let facts = PageFacts {
            script_hashes: vec!["'sha256-AAA='".into(), "'sha256-BBB='".into()],
            api_origin: Some("https://api.example".into()),
            image_origins: vec![],
        };
        assert_eq!(
            content_security_policy(&facts, &[], Some("/r")),
            "default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-AAA=' 'sha256-BBB='; \
             style-src 'self'; img-src 'self' data:; connect-src 'self' https://api.example; \
             form-action 'none'; base-uri 'none'; frame-ancestors 'none'; report-uri /r"
        );
        let framed = content_security_policy(
            &PageFacts::default(),
            &["https://a.example".into(), "http://localhost:3000".into()],
            None,
        );
        assert!(framed.ends_with("frame-ancestors https://a.example http://localhost:3000"));
        assert!(framed.contains("connect-src 'self';"));
    }

    #[test]
    fn the_report_marks_inline_scripts_and_carries_the_policy() {
        let report = PageReport::of_html(
            "<meta name=paylink-api-base content=\"https://api.example/v1\">\
             <!-- Why: it prefetches. --><script>x()</script>\
             <script src=/a.js integrity=sha384-A></script>",
        );
        assert_eq!(report.api_base, "https://api.example/v1");
        let inline = &report.elements[1];
        assert_eq!(inline.csp_hash, Some(script_hash_source("x()")));
        assert_eq!(inline.comment.as_deref(), Some(" Why: it prefetches. "));
        assert_eq!(report.elements[2].csp_hash, None);
        assert_eq!(report.elements[2].attributes["src"], "/a.js");
        let facts = PageFacts::of_html(
            "<meta name=paylink-api-base content=https://api.example/v1><script>x()</script>",
        );
        assert_eq!(
            report.content_security_policy,
            policy_directives(&facts, &[])
        );
        assert!(report
            .content_security_policy
            .contains(&("connect-src", "'self' https://api.example".to_owned())));
    }
}
