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

/// Tags that make a text an HTML document, where line breaks are only spacing: anything else
/// with tags is text with inline HTML ("…erforderlich: <a href=…>…</a>"), whose own lines
/// and Markdown-like lists must survive.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "hr",
    "dl",
    "dt",
    "dd",
    "section",
    "article",
    "figure",
    "center",
];

/// An HTML tag found in text.
struct Tag<'a> {
    /// Byte range of the tag, from `<` to after `>`.
    start: usize,
    end: usize,
    name: &'a str,
    closing: bool,
}

/// The first tag of a known name at or after `from`.
fn next_tag(text: &str, from: usize) -> Option<Tag<'_>> {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(off) = text.get(i..)?.find('<') {
        let start = i + off;
        i = start + 1;
        let closing = bytes.get(start + 1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name = &text[name_start..name_start + name_len];
        let after = bytes.get(name_start + name_len).copied();
        let known = TAGS.iter().any(|t| t.eq_ignore_ascii_case(name));
        if name_len == 0
            || !known
            || !matches!(after, Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r'))
        {
            continue;
        }
        let end = text[name_start..]
            .find('>')
            .map_or(text.len(), |e| name_start + e + 1);
        return Some(Tag {
            start,
            end,
            name,
            closing,
        });
    }
    None
}

/// Whether `text` holds at least one HTML tag ("<p>", "</em>", "<br/>", "<a href=...>").
pub fn looks_like_html(text: &str) -> bool {
    next_tag(text, 0).is_some()
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
    let first = next_tag(text, 0)?;
    let mut is_document = false;
    let mut t = Some(first);
    while let Some(tag) = t {
        if BLOCKS.iter().any(|b| b.eq_ignore_ascii_case(tag.name)) {
            is_document = true;
            break;
        }
        t = next_tag(text, tag.end);
    }
    let md = if is_document {
        convert(text)
    } else {
        inline(text)
    };
    Some(md.trim().to_string())
}

fn convert(html: &str) -> String {
    // htmd's handlers hold `Rc`s, so one converter per thread, built once: building it for
    // each of 11,000 abstracts would cost more than converting them.
    thread_local! {
        static CONVERTER: HtmlToMarkdown = build();
    }
    CONVERTER.with(|c| c.convert(html)).unwrap_or_default()
}

/// Text with inline HTML: each element (from its tag to the matching end tag) is converted on
/// its own and the text around it stays as written; `<br>` is a line break.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut from = 0;
    while let Some(tag) = next_tag(text, from) {
        out.push_str(&text[copied..tag.start]);
        let mut end = tag.end;
        if tag.name.eq_ignore_ascii_case("br") {
            out.push('\n');
        } else if !tag.closing && !text[..tag.end].ends_with("/>") {
            // The matching end tag, counting nested elements of the same name.
            let mut depth = 1;
            let mut scan = tag.end;
            end = text.len();
            while let Some(t) = next_tag(text, scan) {
                scan = t.end;
                if t.name.eq_ignore_ascii_case(tag.name) {
                    depth += if t.closing { -1 } else { 1 };
                    if depth == 0 {
                        end = t.end;
                        break;
                    }
                }
            }
            out.push_str(convert(&text[tag.start..end]).trim());
        }
        // A stray end tag is dropped.
        copied = end;
        from = end;
    }
    out.push_str(&text[copied..]);
    out
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
    fn inline_html_in_text_keeps_the_lines() {
        let text = "Dazu gibt es\n* Dart, <b>Flutter</b>\n* 2 < 3<br>Anmeldung: \
                    <a href=\"https://kielux.de/p#469\" onclick=\"x()\">hier</a>!</i> \
                    <script>alert(1)</script>Ende";
        assert_eq!(
            to_markdown(text).unwrap(),
            "Dazu gibt es\n* Dart, **Flutter**\n* 2 < 3\nAnmeldung: [hier](https://kielux.de/p#469)! Ende"
        );
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
