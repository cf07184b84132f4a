//! Reads raw HTML inside Markdown: a tolerant tag tokenizer, entity decoding, and the text of
//! Markdown with its tags removed for the search index.
//!
//! Written by hand rather than taken from html5ever, html5gum or tl: the builder needs only tag
//! names, one attribute (`href`) and the text between tags, never a DOM, and all three crates
//! bring a second copy of the 2,231-entry named-entity table (tens of kilobytes of wasm) that
//! pulldown-cmark already holds; [`decode_entities`] uses that table, packed (`entities.rs`),
//! because the app's first load needs it (the search index) without pulldown-cmark. What the
//! tokenizer cannot read is text, and text is always escaped on output, so a misread is never
//! a hole, only a tag shown as text or dropped.

use std::borrow::Cow;

/// One piece of raw HTML.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
    /// The content of an element whose content is never markup (`script`, `style`, …).
    RawText(&'a str),
    /// A start tag: lowercase name and attributes (lowercase names, values not decoded).
    Start {
        name: String,
        attrs: Vec<(String, &'a str)>,
    },
    /// An end tag's lowercase name.
    End(String),
}

/// Elements whose content is dropped along with the tags: first the raw-text ones (see
/// [`RAW_TEXT`]), then containers whose content is code, fallback or hidden (`template`,
/// `object`, `svg`, `math`, `select`, `head`).
pub(super) const DROP_CONTENT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
    "template",
    "object",
    "svg",
    "math",
    "select",
    "head",
];

/// Elements whose content HTML reads as text up to their end tag (none of it is ever shown):
/// the first ten of [`DROP_CONTENT`].
const RAW_TEXT: &[&str] = DROP_CONTENT.split_at(10).0;

/// Splits raw HTML into tokens. Comments, doctypes, processing instructions and CDATA are
/// skipped; an unterminated tag at the end is dropped (as browsers do); a `<` that does not
/// open markup is text.
pub(super) struct Tokenizer<'a> {
    s: &'a str,
    pos: usize,
    /// Set after a raw-text start tag: the next token is its content.
    raw: Option<&'static str>,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(s: &'a str) -> Self {
        Tokenizer {
            s,
            pos: 0,
            raw: None,
        }
    }
}

fn is_tag_end(b: Option<&u8>) -> bool {
    matches!(
        b,
        None | Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
    )
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Where markup starting at `i` (a `<`) would begin, if it does: a comment or declaration, an
/// end tag, or a start tag whose name ends where a tag name may end (so `<https://x>` and
/// `<a@b.org>`, Markdown autolinks, and `a <b` are not tags).
fn opens_markup(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i + 1..];
    match rest.first() {
        Some(b'!' | b'?') => true,
        Some(b'/') => rest.get(1).is_some_and(u8::is_ascii_alphabetic),
        Some(c) if c.is_ascii_alphabetic() => {
            let n = rest
                .iter()
                .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
                .unwrap_or(rest.len());
            is_tag_end(rest.get(n))
        }
        _ => false,
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        let s = self.s;
        let bytes = s.as_bytes();
        if let Some(name) = self.raw.take() {
            let start = self.pos;
            let end = find_end_tag(s, start, name).unwrap_or(s.len());
            self.pos = end;
            if end > start {
                return Some(Token::RawText(&s[start..end]));
            }
        }
        loop {
            if self.pos >= s.len() {
                return None;
            }
            let start = self.pos;
            let mut i = start;
            let found = loop {
                match s[i..].find('<') {
                    Some(n) if opens_markup(bytes, i + n) => break Some(i + n),
                    Some(n) => i += n + 1,
                    None => break None,
                }
            };
            let Some(lt) = found else {
                self.pos = s.len();
                return Some(Token::Text(&s[start..]));
            };
            if lt > start {
                self.pos = lt;
                return Some(Token::Text(&s[start..lt]));
            }
            if let Some(token) = self.markup(lt) {
                return Some(token);
            }
        }
    }
}

impl<'a> Tokenizer<'a> {
    /// Reads the markup at `lt`, moving past it; `None` for markup that yields no token.
    fn markup(&mut self, lt: usize) -> Option<Token<'a>> {
        let s = self.s;
        let bytes = s.as_bytes();
        let after = &s[lt + 1..];
        let skip_past = |from: usize, close: &str| {
            s[from..]
                .find(close)
                .map_or(s.len(), |n| from + n + close.len())
        };
        if after.starts_with("!--") {
            // `<!-->` and `<!--->` are complete (empty) comments in HTML.
            let body = lt + 4;
            self.pos = if s[body..].starts_with('>') {
                body + 1
            } else if s[body..].starts_with("->") {
                body + 2
            } else {
                skip_past(body, "-->")
            };
            return None;
        }
        if after.starts_with("![CDATA[") {
            self.pos = skip_past(lt + 9, "]]>");
            return None;
        }
        if after.starts_with(['!', '?']) {
            self.pos = skip_past(lt + 2, ">");
            return None;
        }
        let end_tag = after.starts_with('/');
        let name_start = lt + 1 + usize::from(end_tag);
        let name_end = bytes[name_start..]
            .iter()
            .position(|c| !(c.is_ascii_alphanumeric() || *c == b'-'))
            .map_or(s.len(), |n| name_start + n);
        let name = s[name_start..name_end].to_ascii_lowercase();
        if end_tag {
            // Anything between an end tag's name and `>` is ignored, as in HTML.
            let close = s[name_end..].find('>')?;
            self.pos = name_end + close + 1;
            return Some(Token::End(name));
        }
        let mut attrs = Vec::new();
        let mut i = name_end;
        loop {
            while i < s.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
                i += 1;
            }
            match bytes.get(i) {
                // Unterminated at the end of the input: dropped, as browsers do.
                None => {
                    self.pos = s.len();
                    return None;
                }
                Some(b'>') => {
                    i += 1;
                    break;
                }
                Some(_) => {}
            }
            // An attribute name runs to a space, `/`, `>` or `=`; a leading `=` belongs to it.
            let an_start = i;
            i += 1;
            while i < s.len() && !(is_space(bytes[i]) || matches!(bytes[i], b'/' | b'>' | b'=')) {
                i += 1;
            }
            let attr_name = s[an_start..i].to_ascii_lowercase();
            let mut j = i;
            while j < s.len() && is_space(bytes[j]) {
                j += 1;
            }
            let mut value = "";
            if bytes.get(j) == Some(&b'=') {
                j += 1;
                while j < s.len() && is_space(bytes[j]) {
                    j += 1;
                }
                match bytes.get(j) {
                    Some(&q @ (b'"' | b'\'')) => {
                        let v_start = j + 1;
                        let v_end = s[v_start..]
                            .find(q as char)
                            .map_or(s.len(), |n| v_start + n);
                        value = &s[v_start..v_end];
                        j = (v_end + 1).min(s.len());
                    }
                    _ => {
                        let v_start = j;
                        while j < s.len() && !(is_space(bytes[j]) || bytes[j] == b'>') {
                            j += 1;
                        }
                        value = &s[v_start..j];
                    }
                }
                i = j;
            }
            attrs.push((attr_name, value));
        }
        self.pos = i;
        self.raw = RAW_TEXT.iter().copied().find(|r| *r == name);
        if self.raw == Some("plaintext") {
            // Nothing ever ends `plaintext`.
            self.pos = s.len();
            self.raw = None;
        }
        Some(Token::Start { name, attrs })
    }
}

/// Where `</name` (any case, followed by a tag end) starts at or after `from`.
fn find_end_tag(s: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut i = from;
    while let Some(n) = s[i..].find("</") {
        let at = i + n;
        let name_at = at + 2;
        let candidate = bytes.get(name_at..name_at + name.len());
        if candidate.is_some_and(|c| c.eq_ignore_ascii_case(name.as_bytes()))
            && is_tag_end(bytes.get(name_at + name.len()))
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// `text` with its character references (`&amp;`, `&#233;`, `&eacute;`) decoded. An unknown
/// name stays as written. A numeric reference needs no `;`, as in HTML: `&#xA0javascript:`
/// is a space and `javascript:` to a browser, so it must be to the link check too. Named ones
/// come from `entities.rs`, pulldown-cmark's table packed, not from its parser: the search
/// index calls this in the app's first load, which does not carry the parser.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match decode_reference(rest) {
            Some((decoded, len)) => {
                out.push_str(&decoded);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character reference at the start of `s` (which starts with `&`) and its length.
fn decode_reference(s: &str) -> Option<(String, usize)> {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let from = if hex { 3 } else { 2 };
        let n = b[from..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if n == 0 {
            return None;
        }
        // Overlong numbers saturate to an invalid code point, as HTML's do.
        let value = s[from..from + n].chars().fold(0u32, |v, c| {
            v.saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(c.to_digit(16).unwrap_or(0))
        });
        let c = match value {
            0 => '\u{FFFD}',
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        let len = from + n + usize::from(b.get(from + n) == Some(&b';'));
        return Some((c.to_string(), len));
    }
    let n = b[1..]
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    if n == 0 || b.get(1 + n) != Some(&b';') || !b[1].is_ascii_alphabetic() {
        return None;
    }
    let value = super::entities::lookup(&s[1..1 + n])?;
    Some((value.to_string(), n + 2))
}

/// Tags that sit inside a word without separating it (`in<em>cred</em>ible`).
const PHRASING: &[&str] = &[
    "a", "abbr", "b", "code", "del", "em", "font", "i", "kbd", "mark", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "u",
];

/// The text of Markdown with raw HTML tags, comments and script-like content removed and
/// character references decoded, for the search index: an abstract written as HTML must not
/// match "strong" or "href". Markdown syntax is left as it is (the index splits words at
/// punctuation anyway), so this is a cheap scan and borrows when there is no `<` or `&`.
pub fn search_text(markdown: &str) -> Cow<'_, str> {
    if !markdown.contains(['<', '&']) {
        return Cow::Borrowed(markdown);
    }
    let mut out = String::with_capacity(markdown.len());
    // Inline `<script>x</script>` is three tokens: the content is plain text between tags.
    let mut dropping: Option<String> = None;
    for token in Tokenizer::new(markdown) {
        match token {
            Token::Text(t) if dropping.is_none() => out.push_str(&decode_entities(t)),
            Token::Text(_) | Token::RawText(_) => {}
            Token::Start { name, .. } => {
                if dropping.is_none() && DROP_CONTENT.contains(&name.as_str()) {
                    dropping = Some(name.clone());
                }
                if !PHRASING.contains(&name.as_str()) {
                    out.push(' ');
                }
            }
            Token::End(name) => {
                if dropping.as_deref() == Some(name.as_str()) {
                    dropping = None;
                }
                if !PHRASING.contains(&name.as_str()) {
                    out.push(' ');
                }
            }
        }
    }
    Cow::Owned(out)
}
