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

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest as _, Sha256};

/// The `<meta>` whose content is the provider API's origin (empty: the
/// page's own origin); the page reads it at run time (src/web/config.rs).
pub const API_BASE_META: &str = "paylink-api-base";

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
}

impl PageFacts {
    pub fn of_html(html: &str) -> PageFacts {
        let mut script_hashes = Vec::new();
        let mut api_base = None;
        for element in elements(html) {
            match element.name.as_str() {
                "script" if element.attribute("src").is_none() => {
                    if let Some(text) = &element.text {
                        script_hashes.push(script_hash_source(text));
                    }
                }
                "meta"
                    if element
                        .attribute("name")
                        .is_some_and(|name| name.eq_ignore_ascii_case(API_BASE_META)) =>
                {
                    api_base = element.attribute("content").map(str::to_owned);
                }
                _ => {}
            }
        }
        PageFacts {
            script_hashes,
            api_origin: api_base.as_deref().and_then(origin_of),
        }
    }
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
    let mut script_src = vec!["'self'", "'wasm-unsafe-eval'"];
    script_src.extend(facts.script_hashes.iter().map(String::as_str));
    let mut connect_src = vec!["'self'"];
    connect_src.extend(facts.api_origin.as_deref());
    let ancestors = if frame_ancestors.is_empty() {
        "'none'".to_owned()
    } else {
        frame_ancestors.join(" ")
    };
    let mut directives = vec![
        "default-src 'none'".to_owned(),
        format!("script-src {}", script_src.join(" ")),
        "style-src 'self'".to_owned(),
        "img-src 'self' data:".to_owned(),
        format!("connect-src {}", connect_src.join(" ")),
        "form-action 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        format!("frame-ancestors {ancestors}"),
    ];
    if let Some(uri) = report_uri {
        directives.push(format!("report-uri {uri}"));
    }
    directives.join("; ")
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

/// One start tag, its attributes, and for raw-text elements the text up to
/// the end tag.
#[derive(Debug)]
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    text: Option<String>,
}

impl Element {
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

/// The start tags of `html` in order, skipping comments, closing tags and
/// the content of raw-text elements: enough for a built index.html.
fn elements(html: &str) -> Vec<Element> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let Some(after) = rest.strip_prefix('<') else {
            break;
        };
        let name_len = after
            .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
            .unwrap_or(after.len());
        if name_len == 0 || !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
            rest = after;
            continue;
        }
        let name = after[..name_len].to_ascii_lowercase();
        let (attributes, after_tag) = attributes(&after[name_len..]);
        rest = after_tag;
        let text = if RAW_TEXT.contains(&name.as_str()) {
            let end = find_ascii_case_insensitive(rest, &format!("</{name}")).unwrap_or(rest.len());
            let text = rest[..end].to_owned();
            rest = &rest[end..];
            Some(text)
        } else {
            None
        };
        found.push(Element {
            name,
            attributes,
            text,
        });
    }
    found
}

/// The attributes of a start tag from just after its name; returns them
/// (names lowercase) and the text after the tag's `>`.
fn attributes(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (attributes, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attributes, after);
        }
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start_matches(|c: char| c.is_ascii_whitespace());
        let mut value = String::new();
        if let Some(after_equals) = rest.strip_prefix('=') {
            rest = after_equals.trim_start_matches(|c: char| c.is_ascii_whitespace());
            if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let inner = &rest[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                value = inner[..end].to_owned();
                rest = inner.get(end + 1..).unwrap_or("");
            } else {
                let end = rest
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                value = rest[..end].to_owned();
                rest = &rest[end..];
            }
        }
        attributes.push((name, decode_character_references(&value)));
    }
}

/// An attribute value as the browser reads it: `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;` and numeric references (Trunk writes `&#x2D;`)
/// decoded; anything else is kept as written.
fn decode_character_references(value: &str) -> String {
    let mut decoded = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(start) = rest.find('&') {
        decoded.push_str(&rest[..start]);
        rest = &rest[start..];
        let reference = rest[1..]
            .find(';')
            .map(|end| &rest[1..=end])
            .and_then(|name| {
                let character = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => {
                        let number = name.strip_prefix('#')?;
                        let code = match number.strip_prefix(['x', 'X']) {
                            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                            None => number.parse().ok()?,
                        };
                        char::from_u32(code)
                    }
                }?;
                Some((character, name.len() + 2))
            });
        match reference {
            Some((character, length)) => {
                decoded.push(character);
                rest = &rest[length..];
            }
            None => {
                decoded.push('&');
                rest = &rest[1..];
            }
        }
    }
    decoded.push_str(rest);
    decoded
}

fn find_ascii_case_insensitive(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
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
    fn decodes_attribute_values() {
        assert_eq!(
            decode_character_references("a&amp;b &#x2D;&#45; &lt;&gt;&quot;&apos; &nbsp; & &#xZZ;"),
            "a&b -- <>\"' &nbsp; & &#xZZ;"
        );
        let facts = PageFacts::of_html("<script id=\"x&#x2D;y\" src=\"/a&#x2D;b.js\"></script>");
        assert!(facts.script_hashes.is_empty());
    }

    #[test]
    fn builds_the_policy() {
        let facts = PageFacts {
            script_hashes: vec!["'sha256-AAA='".into(), "'sha256-BBB='".into()],
            api_origin: Some("https://api.example".into()),
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
}
