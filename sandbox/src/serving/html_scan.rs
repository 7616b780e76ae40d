//! The start tags of a built page, read as a browser reads them for what
//! the page policy needs: attribute values decoded, the text of raw-text
//! elements (`<script>`) kept whole. A built index.html is Trunk's output,
//! not arbitrary markup; the browser's refusal of an inline script whose
//! hash does not match is the final check (tests/e2e/csp*.test.mjs).

/// One start tag, its attributes, and for raw-text elements the text up to
/// the end tag.
#[derive(Debug)]
pub struct Element {
    /// Lowercase.
    pub name: String,
    /// Names lowercase, values decoded, in the order written.
    pub attributes: Vec<(String, String)>,
    pub text: Option<String>,
    /// The text of the comment just before this tag, when nothing but text
    /// separates them: integrity.mjs shows it as why an inline script is there.
    pub comment: Option<String>,
}

impl Element {
    /// The first value given for `name`, as a browser reads it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
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
pub fn elements(html: &str) -> Vec<Element> {
    let mut found = Vec::new();
    let mut rest = html;
    let mut last_comment = None;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            let end = comment.find("-->").unwrap_or(comment.len());
            last_comment = Some(comment[..end].to_owned());
            rest = comment.get(end + 3..).unwrap_or("");
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
            comment: last_comment.take(),
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
    fn finds_start_tags_and_raw_text_only() {
        let found = elements(
            "<!doctype html><head>\
             <!-- <script>not a script</script> -->\
             <title>a <script> in a title</title>\
             <SCRIPT type=module>two()</Script>\
             <link rel=stylesheet href='/a.css'></head>",
        );
        let names: Vec<&str> = found.iter().map(|element| element.name.as_str()).collect();
        assert_eq!(names, ["head", "title", "script", "link"]);
        assert_eq!(found[1].text.as_deref(), Some("a <script> in a title"));
        assert_eq!(found[2].text.as_deref(), Some("two()"));
        assert_eq!(found[2].attribute("type"), Some("module"));
        assert_eq!(found[3].attribute("href"), Some("/a.css"));
    }

    #[test]
    fn keeps_the_comment_just_before_a_tag() {
        let found = elements("<!-- Why: x. --><script>x()</script><p><script>y()</script>");
        assert_eq!(found[0].comment.as_deref(), Some(" Why: x. "));
        assert_eq!(found[1].comment, None);
        assert_eq!(found[2].comment, None);
    }

    #[test]
    fn the_first_of_repeated_attributes_counts() {
        let found = elements("<script src=/a.js SRC=/b.js></script>");
        assert_eq!(found[0].attribute("src"), Some("/a.js"));
    }

    #[test]
    fn decodes_attribute_values() {
        assert_eq!(
            decode_character_references("a&amp;b &#x2D;&#45; &lt;&gt;&quot;&apos; &nbsp; & &#xZZ;"),
            "a&b -- <>\"' &nbsp; & &#xZZ;"
        );
        let found = elements("<script id=\"x&#x2D;y\" src=\"/a&#x2D;b.js\"></script>");
        assert_eq!(found[0].attribute("src"), Some("/a-b.js"));
        assert_eq!(found[0].attribute("id"), Some("x-y"));
    }
}
