//! The start tags of a built page, read as a browser's tokenizer reads them
//! (html5gum, a WHATWG tokenizer): attribute values decoded, line ends
//! normalised, the text of raw-text elements (`<script>`) kept whole. The
//! browser's refusal of an inline script whose hash does not match is the
//! final check (tests/e2e/security/csp*.test.mjs).

use html5gum::{DefaultEmitter, Token, Tokenizer};

/// One start tag, its attributes, and for raw-text elements the text up to
/// the end tag.
#[derive(Debug)]
pub struct Element {
    /// Lowercase.
    pub name: String,
    /// Names lowercase, values decoded; the first of repeated names counts.
    pub attributes: Vec<(String, String)>,
    pub text: Option<String>,
    /// The text of the comment just before this tag, when no other start
    /// tag separates them: integrity.mjs shows it as why an inline script is there.
    pub comment: Option<String>,
}

impl Element {
    /// The value given for `name`, as a browser reads it.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &["script", "style", "textarea", "title"];

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The start tags of `html` in order, with the text of raw-text elements.
pub fn elements(html: &str) -> Vec<Element> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut found: Vec<Element> = Vec::new();
    let mut last_comment = None;
    let mut in_raw_text = false;
    // Reading a `&str` cannot fail: the error type is `Infallible`.
    for Ok(token) in Tokenizer::new_with_emitter(html, emitter) {
        match token {
            Token::StartTag(tag) => {
                let name = text(&tag.name);
                in_raw_text = RAW_TEXT.contains(&name.as_str());
                found.push(Element {
                    text: in_raw_text.then(String::new),
                    attributes: tag
                        .attributes
                        .iter()
                        .map(|(name, value)| (text(name), text(value)))
                        .collect(),
                    name,
                    comment: last_comment.take(),
                });
            }
            Token::String(string) if in_raw_text => {
                if let Some(raw) = found.last_mut().and_then(|element| element.text.as_mut()) {
                    raw.push_str(&String::from_utf8_lossy(&string));
                }
            }
            Token::Comment(comment) => last_comment = Some(text(&comment)),
            Token::EndTag(_) => in_raw_text = false,
            _ => {}
        }
    }
    found
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
}
