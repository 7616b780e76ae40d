//! Which URLs the page will send a payer to: a bank, an app, a merchant.
//!
//! One rule, shared with embed.js and the sandbox's link creation (the same
//! cases in `tests/redirect_cases.json` run on each side):
//! - **followable**: `https://` with a plain ASCII host name (labels of
//!   letters, digits and inner hyphens), an optional port in 1–65535 and no
//!   userinfo; `http://` only to a loopback host, and only in development
//!   (the page itself served from loopback). Percent-escapes, backslashes,
//!   spaces, controls and non-ASCII hosts are refused, and so are
//!   internationalised (`xn--`) names, unless an allowlist names them exactly.
//! - **bank and consent pages**: followable, and on a host the deployment
//!   allows (`<meta name="paylink-redirect-hosts">`), or on the page's own
//!   origin or the API's.
//!
//! Parsed by hand: the rule is a few lines over the authority, and a URL
//! crate would weigh more in the bundle than everything else here.

/// Where a URL goes: its scheme, lowercase host and explicit port.
#[derive(Debug, PartialEq, Eq)]
struct Target {
    https: bool,
    host: String,
    port: Option<u16>,
}

impl Target {
    fn parse(url: &str) -> Option<Target> {
        if url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
        {
            return None;
        }
        let (https, rest) = if let Some(rest) = url.strip_prefix("https://") {
            (true, rest)
        } else {
            (false, url.strip_prefix("http://")?)
        };
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let (host, port) = match authority.strip_prefix('[') {
            // Of IPv6 literals only loopback is ever followed; the name check below says so.
            Some(inner) => {
                let (address, after) = inner.split_once(']')?;
                let port = match after {
                    "" => None,
                    after => Some(after.strip_prefix(':')?),
                };
                (&authority[..address.len() + 2], port)
            }
            None => match authority.split_once(':') {
                Some((host, port)) => (host, Some(port)),
                None => (authority, None),
            },
        };
        let port = match port {
            None => None,
            Some(digits) => Some(
                digits
                    .bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| digits.parse::<u16>().ok())
                    .flatten()
                    .filter(|p| *p != 0)?,
            ),
        };
        let host = host.to_ascii_lowercase();
        let plain_name = host.len() <= 253
            && host.split('.').all(|label| {
                (1..=63).contains(&label.len())
                    && label
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                    && !label.starts_with('-')
                    && !label.ends_with('-')
            });
        (plain_name || host == "[::1]").then_some(Target { https, host, port })
    }

    fn is_loopback(&self) -> bool {
        matches!(self.host.as_str(), "127.0.0.1" | "localhost" | "[::1]")
    }

    fn is_internationalised(&self) -> bool {
        self.host.split('.').any(|label| label.starts_with("xn--"))
    }

    fn same_origin(&self, other: &Target) -> bool {
        let port = |t: &Target| t.port.unwrap_or(if t.https { 443 } else { 80 });
        self.https == other.https && self.host == other.host && port(self) == port(other)
    }

    /// Whether an allowlist entry names this target: a host (`bank.example`,
    /// https on its default port), every host under a domain
    /// (`*.bank.example`), or an exact origin (`https://bank.example:8443`).
    fn matches(&self, entry: &str) -> bool {
        let entry = entry.to_ascii_lowercase();
        if entry.contains("://") {
            return Target::parse(&entry).is_some_and(|origin| origin.same_origin(self));
        }
        let default_https = self.https && self.port.is_none_or(|p| p == 443);
        match entry.strip_prefix("*.") {
            // A wildcard never vouches for an internationalised look-alike.
            Some(domain) => {
                default_https
                    && !self.is_internationalised()
                    && self
                        .host
                        .strip_suffix(domain)
                        .is_some_and(|sub| sub.len() > 1 && sub.ends_with('.'))
            }
            None => default_https && self.host == entry,
        }
    }
}

/// Whether the page may send the payer to `url` at all (a merchant's
/// callback, and the first check for a bank page). `development`: the page
/// itself runs from loopback, so loopback http is allowed too.
pub fn is_followable(url: &str, development: bool) -> bool {
    Target::parse(url)
        .is_some_and(|t| !t.is_internationalised() && (t.https || (development && t.is_loopback())))
}

/// A page served over http from loopback is a development setup.
pub fn is_development_origin(origin: &str) -> bool {
    Target::parse(origin).is_some_and(|t| !t.https && t.is_loopback())
}

/// Whether a bank or consent page at `url` may be followed: on a host the
/// deployment allows, or on one of `own_origins` (the page's, the API's).
/// An internationalised host passes only when an entry names it exactly.
pub fn is_allowed_bank_redirect(url: &str, allowed: &[String], own_origins: &[&str]) -> bool {
    let Some(target) = Target::parse(url) else {
        return false;
    };
    let own = own_origins
        .iter()
        .filter_map(|origin| Target::parse(origin))
        .any(|origin| origin.same_origin(&target));
    let listed = allowed.iter().any(|entry| target.matches(entry));
    (own || listed) && (target.https || target.is_loopback())
}

/// Whether the page may load an image (a merchant's logo) from `url`: a path
/// on the page's own origin, or an absolute URL on `page_origin` or on one of
/// `allowed_origins` (exact origins such as `https://cdn.example`, the
/// deployment's `paylink-image-origins`, which the page's CSP `img-src` lists
/// too), https unless on loopback. Never `data:`, `javascript:` or any other scheme.
pub fn is_image_source(url: &str, allowed_origins: &[String], page_origin: &str) -> bool {
    if let Some(path) = url.strip_prefix('/') {
        return !path.starts_with('/')
            && !url
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\');
    }
    let Some(target) = Target::parse(url) else {
        return false;
    };
    let on = |origin: &str| {
        origin.contains("://") && Target::parse(origin).is_some_and(|o| o.same_origin(&target))
    };
    (target.https || target.is_loopback())
        && (on(page_origin) || allowed_origins.iter().any(|origin| on(origin)))
}

/// The entries of a `paylink-redirect-hosts` meta: separated by spaces or commas.
pub fn parse_allowlist(content: &str) -> Vec<String> {
    content
        .split([' ', ',', '\n', '\t'])
        .filter(|entry| !entry.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
#[path = "redirect_tests.rs"]
mod tests;
