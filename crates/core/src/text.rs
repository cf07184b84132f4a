//! Text helpers shared by search, suggestions and slugs: accent folding and closest-name matching.

/// Lowercases and strips diacritics so that "Düsseldorf" and "dusseldorf" compare equal.
///
/// A hand-written table over Latin-1 and Latin Extended-A instead of `unicode-normalization`
/// (NFD + mark stripping): the crate's tables would add tens of kilobytes to the wasm for
/// scripts whose letters carry no separable accents anyway. Other characters are lowercased
/// as they are.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        fold_char(c, &mut out);
    }
    out
}

fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let base = match c {
        'À'..='Å' | 'à'..='å' | 'Ā'..='ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'ç' | 'Ć'..='č' => "c",
        'Ð' | 'ð' | 'Ď'..='đ' => "d",
        'È'..='Ë' | 'è'..='ë' | 'Ē'..='ě' => "e",
        'Ĝ'..='ģ' => "g",
        'Ĥ'..='ħ' => "h",
        'Ì'..='Ï' | 'ì'..='ï' | 'Ĩ'..='ı' => "i",
        'Ĳ' | 'ĳ' => "ij",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' | 'ĸ' => "k",
        'Ĺ'..='ł' => "l",
        'Ñ' | 'ñ' | 'Ń'..='ŋ' => "n",
        'Ò'..='Ö' | 'Ø' | 'ò'..='ö' | 'ø' | 'Ō'..='ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ'..='ř' => "r",
        'ß' => "ss",
        'Ś'..='š' => "s",
        'Ţ'..='ŧ' => "t",
        'Þ' | 'þ' => "th",
        'Ù'..='Ü' | 'ù'..='ü' | 'Ũ'..='ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'ý' | 'ÿ' | 'Ŷ' | 'ŷ' | 'Ÿ' => "y",
        'Ź'..='ž' => "z",
        '\u{300}'..='\u{36f}' => "", // combining marks of decomposed input
        '\u{2019}' | '\u{2018}' => "'",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(base);
}

/// Makes a URL-safe id from a name: folded, alphanumerics kept, runs of others become one `-`.
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in fold(s).chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The candidate closest to `target` by edit distance, when it is close enough to be a likely typo.
pub fn closest<'a>(target: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let t = fold(target);
    let limit = (t.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::osa_distance(&t, &fold(c)), c))
        .filter(|(d, _)| *d <= limit)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// The candidates most like `target`, best first: for "did you mean" lists on not-found pages.
///
/// Scores shared words (a target word matching the start of a candidate word) above spelling
/// similarity, so "tracing qemu" finds "Tracing in the QEMU Emulator".
pub fn ranked<'a>(
    target: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    n: usize,
) -> Vec<&'a str> {
    let t = fold(target);
    let words: Vec<&str> = t
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 1)
        .collect();
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            let f = fold(c);
            let cwords: Vec<&str> = f.split(|c: char| !c.is_alphanumeric()).collect();
            let shared = words
                .iter()
                .filter(|w| cwords.iter().any(|cw| cw.starts_with(*w)))
                .count();
            let overlap = if words.is_empty() {
                0.0
            } else {
                shared as f64 / words.len() as f64
            };
            (overlap + strsim::normalized_levenshtein(&t, &f), c)
        })
        .filter(|(s, _)| *s > 0.5)
        .collect();
    crate::order::by(&mut scored, &|a, b| {
        b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1))
    });
    scored.into_iter().take(n).map(|(_, c)| c).collect()
}

/// The link target a bundle-supplied URL may become, or `None` when it must stay text.
///
/// Keeps http, https, mailto and relative targets, compared after trimming and after removing
/// tab and newline characters (which browsers strip too, so `java\tscript:` is `javascript:`).
pub fn safe_link_target(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim()
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            let scheme = cleaned[..i].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto").then_some(cleaned)
        }
        // No scheme: a relative reference. Protocol-relative `//host` (or `/\host`, which
        // browsers read the same way) leaves the site: refuse it.
        _ if cleaned.len() >= 2 && cleaned.bytes().take(2).all(|b| b == b'/' || b == b'\\') => None,
        _ => Some(cleaned),
    }
}

/// Whether a link target leaves the site (for `rel` and `target` attributes).
pub fn is_external(target: &str) -> bool {
    let lower = target.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

/// A number with its thousands grouped (`1,136`), as the app's English text writes them.
pub fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun in the right number: `count(1, "talk", "talks")` is `1 talk`,
/// `count(1136, "event", "events")` is `1,136 events`.
pub fn count(n: impl TryInto<u64>, one: &str, many: &str) -> String {
    let n = n.try_into().unwrap_or(u64::MAX);
    format!("{} {}", group_digits(n), if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_group_digits_and_agree_in_number() {
        assert_eq!(count(0, "talk", "talks"), "0 talks");
        assert_eq!(count(1, "talk", "talks"), "1 talk");
        assert_eq!(count(1136usize, "event", "events"), "1,136 events");
        assert_eq!(group_digits(1_000_000), "1,000,000");
        assert_eq!(group_digits(999), "999");
    }

    #[test]
    fn folding_removes_accents_and_case() {
        assert_eq!(fold("Düsseldorf"), "dusseldorf");
        assert_eq!(fold("HAJNOCZI"), "hajnoczi");
        assert_eq!(fold("Kraków Łódź Straße"), "krakow lodz strasse");
        assert_eq!(fold("Dusseldorf"), fold("Du\u{308}sseldorf"));
    }

    #[test]
    fn slugs_are_url_safe() {
        assert_eq!(
            slug("User Case Study: Tracing in the QEMU Emulator"),
            "user-case-study-tracing-in-the-qemu-emulator"
        );
        assert_eq!(slug("  Düsseldorf!! "), "dusseldorf");
    }

    #[test]
    fn only_safe_link_targets_survive() {
        for ok in [
            "https://qemu.org",
            "HTTP://x.y",
            "mailto:a@b.c",
            "/talks/x",
            "talks/x",
            "#top",
            "?q=1",
        ] {
            assert!(safe_link_target(ok).is_some(), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example",
            "/\\evil.example",
            "file:///etc/passwd",
            "jav\nascript:x",
        ] {
            assert!(safe_link_target(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn ranked_prefers_shared_words() {
        let titles = [
            "User Case Study: Tracing in the QEMU Emulator",
            "Container Mechanics",
            "KVM Forum",
        ];
        assert_eq!(
            ranked("tracing qemu", titles, 3),
            ["User Case Study: Tracing in the QEMU Emulator"]
        );
        assert_eq!(ranked("kvm-forum", titles, 3), ["KVM Forum"]);
        assert!(ranked("zzz", titles, 3).is_empty());
    }

    #[test]
    fn closest_finds_typos_but_not_strangers() {
        let known = ["qemu", "kvm", "libvirt", "docker"];
        assert_eq!(closest("qmeu", known), Some("qemu"));
        assert_eq!(closest("kubernetes", known), None);
    }
}
