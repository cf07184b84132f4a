//! Shared checks for the Markdown integration tests: is a piece of HTML output safe?

/// Elements the renderer may emit.
const ALLOWED_TAGS: &[&str] = &[
    "p",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "img",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "hr",
    "br",
];

/// Attributes the renderer may emit.
const ALLOWED_ATTRS: &[&str] = &[
    "href", "src", "alt", "title", "start", "align", "rel", "class",
];

/// Everything unsafe found in renderer output; empty when it is safe.
///
/// Text is escaped by the renderer, so every `<` in the output opens a real tag: this reads each
/// tag the way a browser would (name, then `name="value"` pairs) and judges it.
pub fn problems(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    if html.to_ascii_lowercase().contains("<script") {
        found.push("contains <script".to_owned());
    }
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let end = match after.find('>') {
            Some(e) => e,
            None => {
                found.push(format!("unclosed tag at {:?}", truncate(after)));
                break;
            }
        };
        check_tag(&after[..end], &mut found);
        rest = &after[end + 1..];
    }
    found
}

fn check_tag(tag: &str, found: &mut Vec<String>) {
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let tag = tag.strip_suffix('/').unwrap_or(tag).trim_end();
    let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
    let name = &tag[..name_end];
    if !ALLOWED_TAGS.contains(&name) {
        found.push(format!("element <{name}>"));
    }
    let mut attrs = tag[name_end..].trim_start();
    while !attrs.is_empty() {
        let Some(eq) = attrs.find("=\"") else {
            found.push(format!("malformed attributes {:?}", truncate(attrs)));
            return;
        };
        let attr = &attrs[..eq];
        let value_and_rest = &attrs[eq + 2..];
        let Some(close) = value_and_rest.find('"') else {
            found.push(format!("unterminated attribute {attr}"));
            return;
        };
        let value = &value_and_rest[..close];
        if !ALLOWED_ATTRS.contains(&attr) || attr.to_ascii_lowercase().starts_with("on") {
            found.push(format!("attribute {attr} on <{name}>"));
        }
        if attr == "href" || attr == "src" {
            let decoded = decode(value);
            let scheme: String = decoded
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for bad in ["javascript:", "data:", "vbscript:"] {
                if scheme.starts_with(bad) || decoded.to_ascii_lowercase().contains(bad) {
                    found.push(format!("{attr}={value:?} uses {bad}"));
                }
            }
        }
        attrs = value_and_rest[close + 1..].trim_start();
    }
}

/// Undoes the escapes the renderer writes in attribute values (entities and %XX).
fn decode(value: &str) -> String {
    let entities = value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&amp;", "&");
    let bytes = entities.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && bytes[i + 1].is_ascii_hexdigit()
            && bytes[i + 2].is_ascii_hexdigit()
        {
            let hex = |b: u8| (b as char).to_digit(16).unwrap_or(0) as u8;
            out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn truncate(s: &str) -> String {
    s.chars().take(60).collect()
}
