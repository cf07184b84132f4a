//! HTML abstracts into CommonMark, with `htmd` (html5ever's parser, turndown's rules).
//!
//! pentabarf, frab and pretalx abstracts are often HTML while bundle text is Markdown, so a text
//! that holds HTML tags is converted at import: links, emphasis, headings, lists, quotes and code
//! keep their Markdown form; text is escaped so it stays text. What is unsafe or has no Markdown
//! form goes: `<script>`, `<style>`, frames, forms and the like with their content, every
//! attribute but a link's target, and links whose target is not http, https or mailto (their
//! text stays, as plain text). Images become their alt text, linked when their source is safe.

use hallway_core::text::safe_link_target;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown};

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
    "applet", "svg", "math", "canvas", "audio", "video", "source", "track", "form", "input",
    "button", "select", "textarea", "option", "head", "title", "meta", "link", "base",
];

/// Tags whose presence makes a text HTML rather than plain text or Markdown with a stray `<`
/// ("Vec<T>", "a <b> c" in prose is rare but `<` alone is common).
const TAGS: &[&str] = &[
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "a",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "div",
    "span",
    "code",
    "pre",
    "blockquote",
    "img",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "dl",
    "dt",
    "dd",
    "sup",
    "sub",
    "small",
    "strike",
    "del",
    "ins",
    "script",
    "style",
    "iframe",
    "font",
    "center",
    "tt",
    "section",
    "article",
    "figure",
    "figcaption",
    "mark",
    "abbr",
    "cite",
    "q",
    "kbd",
];

/// Whether `text` holds at least one HTML tag ("<p>", "</em>", "<br/>", "<a href=...>").
pub fn looks_like_html(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        if *b != b'<' {
            return false;
        }
        let rest = &bytes[i + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let after = rest.get(name_len).copied();
        name_len > 0
            && matches!(after, Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
            && TAGS
                .iter()
                .any(|t| t.as_bytes().eq_ignore_ascii_case(&rest[..name_len]))
    })
}

fn build() -> HtmlToMarkdown {
    HtmlToMarkdown::builder()
        .skip_tags(DROPPED.to_vec())
        .add_handler(vec!["a"], |h: &dyn Handlers, e: Element| {
            if href(&e, "href").is_some() {
                h.fallback(e)
            } else {
                Some(h.walk_children(e.node))
            }
        })
        .add_handler(vec!["img"], |_: &dyn Handlers, e: Element| {
            let alt = e
                .attrs
                .iter()
                .find(|a| &*a.name.local == "alt")
                .map(|a| escape(a.value.trim()))
                .filter(|a| !a.is_empty())?;
            Some(HandlerResult::from(match href(&e, "src") {
                Some(src) => format!("[{alt}](<{src}>)"),
                None => alt,
            }))
        })
        .build()
}

/// An attribute's URL when it is absolute http, https or mailto: a relative link in an
/// imported abstract would point into the app, not at the schedule's site.
fn href(e: &Element, name: &str) -> Option<String> {
    let v = e.attrs.iter().find(|a| &*a.name.local == name)?;
    let url = safe_link_target(&v.value)?;
    let lower = url.to_ascii_lowercase();
    let absolute = ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p));
    (absolute && !url.contains(['<', '>'])).then_some(url)
}

/// Markdown's inline specials in text put inside `[...]`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '[' | ']' | '*' | '_' | '`' | '<' | '>' | '&') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The text as CommonMark when it holds HTML, else `None` (it is kept as written).
pub fn to_markdown(text: &str) -> Option<String> {
    if !looks_like_html(text) {
        return None;
    }
    // htmd's handlers hold `Rc`s, so one converter per thread, built once: building it for
    // each of 11,000 abstracts would cost more than converting them.
    thread_local! {
        static CONVERTER: HtmlToMarkdown = build();
    }
    let md = CONVERTER.with(|c| c.convert(text)).ok()?;
    Some(md.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_and_markdown_are_not_html() {
        assert!(!looks_like_html("Vec<T> and a < b"));
        assert!(!looks_like_html("**bold** and <https://example.org>"));
        assert!(looks_like_html("one<br/>two"));
        assert!(looks_like_html("<P>Hi</P>"));
        assert!(looks_like_html("x </strong>"));
        assert_eq!(to_markdown("just text"), None);
    }

    #[test]
    fn converts_structure_and_drops_what_is_unsafe() {
        let html = r#"<h3>Intro &amp; more</h3><p onclick="alert(1)">We <strong>build</strong> <em>things</em> &mdash; 1 * 2 = [x] &lt;tag&gt;.</p>
<ul><li>one<ul><li>nested <a href="https://example.org/a b" onmouseover="x()">link</a></li></ul></li><li>two <a href="javascript:alert(1)">bad</a></li></ul>
<ol><li>first</li><li>second</li></ol><script>alert('x')</script><style>p{}</style><p>Code: <code>a_b</code></p><pre><code>let x = 1;</code></pre>
<p><img src="https://e.org/i.png" alt="A [pic]"> <img src="javascript:x" alt="evil"> <a href="/relative">rel</a> <a href="mailto:a@b.c">mail</a><br>next line<iframe src="https://evil">frame text</iframe></p>"#;
        let expected = "### Intro & more\n\n\
We **build** *things* — 1 \\* 2 = \\[x\\] \\<tag>.\n\n\
*   one\n    *   nested [link](<https://example.org/a b>)\n*   two bad\n\n\
1.  first\n2.  second\n\n\
Code: `a_b`\n\n\
```\nlet x = 1;\n```\n\n\
[A \\[pic\\]](<https://e.org/i.png>) evil rel [mail](mailto:a@b.c)  \nnext line";
        assert_eq!(to_markdown(html).unwrap(), expected);
    }
}
