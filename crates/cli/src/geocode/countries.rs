//! Country names to ISO 3166-1 alpha-2 codes and back: the `celes` table plus the spellings
//! lists use, and one display name per code so every importer writes a country the same way.

use hallway_core::text::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Spellings `celes` does not know (its aliases are CamelCase words such as `UnitedKingdom`).
const EXTRA: &[(&str, &str)] = &[
    ("usa", "US"),
    ("us", "US"),
    ("united states", "US"),
    ("america", "US"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("wales", "GB"),
    ("northern ireland", "GB"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("republic of korea", "KR"),
    ("north korea", "KP"),
    ("russia", "RU"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("taiwan", "TW"),
    ("hong kong", "HK"),
    ("macau", "MO"),
    ("vietnam", "VN"),
    ("iran", "IR"),
    ("syria", "SY"),
    ("laos", "LA"),
    ("bolivia", "BO"),
    ("venezuela", "VE"),
    ("tanzania", "TZ"),
    ("moldova", "MD"),
    ("the netherlands", "NL"),
    ("holland", "NL"),
    ("uae", "AE"),
    ("ivory coast", "CI"),
    ("macedonia", "MK"),
    ("north macedonia", "MK"),
    ("turkiye", "TR"),
    ("kosovo", "XK"),
    ("palestine", "PS"),
    ("vatican", "VA"),
    ("bosnia", "BA"),
];

/// Display names where celes's long name is a formal one ("The United States Of America").
const NAMES: &[(&str, &str)] = &[
    ("US", "United States"),
    ("GB", "United Kingdom"),
    ("KR", "South Korea"),
    ("KP", "North Korea"),
    ("RU", "Russia"),
    ("TW", "Taiwan"),
    ("IR", "Iran"),
    ("VE", "Venezuela"),
    ("BO", "Bolivia"),
    ("TZ", "Tanzania"),
    ("MD", "Moldova"),
    ("LA", "Laos"),
    ("SY", "Syria"),
    ("VN", "Vietnam"),
    ("MK", "North Macedonia"),
    ("PS", "Palestine"),
    ("VA", "Vatican City"),
    ("FM", "Micronesia"),
    ("CD", "DR Congo"),
    ("CG", "Republic of the Congo"),
    ("BN", "Brunei"),
    ("CZ", "Czechia"),
    ("HK", "Hong Kong"),
    ("MO", "Macau"),
    ("SH", "Saint Helena"),
    ("SX", "Sint Maarten"),
    ("MF", "Saint Martin"),
    ("FK", "Falkland Islands"),
    ("CC", "Cocos (Keeling) Islands"),
    ("XK", "Kosovo"),
];

/// The country's name for display, from its ISO 3166-1 alpha-2 code: "DE" is "Germany".
pub fn country_name(code: &str) -> Option<String> {
    let upper = code.trim().to_ascii_uppercase();
    if let Some((_, n)) = NAMES.iter().find(|(c, _)| *c == upper) {
        return Some((*n).to_string());
    }
    let c = celes::Country::get_countries()
        .into_iter()
        .find(|k| k.alpha2 == upper)?;
    // celes writes "The Netherlands", "Bosnia And Herzegovina": drop the article, lower the
    // small words.
    let long = c.long_name.strip_prefix("The ").unwrap_or(c.long_name);
    let words: Vec<&str> = long
        .split(' ')
        .enumerate()
        .map(|(i, w)| match w {
            "And" if i > 0 => "and",
            "Of" if i > 0 => "of",
            "The" if i > 0 => "the",
            "Da" if i > 0 => "da",
            w => w,
        })
        .collect();
    Some(words.join(" "))
}

/// A country as a source wrote it ("U.S.A.", "BE", "Scotland") as its display name and code;
/// an unknown country keeps its spelling and has no code.
pub fn normalize_country(written: &str) -> (String, Option<String>) {
    match country_code(written).and_then(|c| Some((country_name(c)?, c))) {
        Some((name, code)) => (name, Some(code.to_string())),
        None => (written.trim().to_string(), None),
    }
}

/// Letters and digits only, folded: "U.S.A." and "usa" compare equal.
fn compact(s: &str) -> String {
    fold(s).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn table() -> &'static HashMap<String, &'static str> {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        use celes::LookupTable;
        let mut m = HashMap::new();
        for c in celes::Country::get_countries() {
            let long = compact(c.long_name);
            if let Some(short) = long.strip_prefix("the") {
                m.insert(short.to_string(), c.alpha2);
            }
            m.insert(long, c.alpha2);
            for alias in c.aliases.iter() {
                m.insert(compact(alias), c.alpha2);
            }
            m.insert(compact(c.alpha3), c.alpha2);
        }
        for (name, code) in EXTRA {
            m.insert(compact(name), code);
        }
        m
    })
}

/// The ISO 3166-1 alpha-2 code of a country name, alias or code, or `None` when unknown.
pub fn country_code(name: &str) -> Option<&'static str> {
    let c = compact(name);
    if c.is_empty() {
        return None;
    }
    if c.len() == 2 {
        let upper = c.to_ascii_uppercase();
        if let Some(k) = celes::Country::get_countries()
            .iter()
            .find(|k| k.alpha2 == upper)
        {
            return Some(k.alpha2);
        }
    }
    table().get(&c).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings() {
        for (name, code) in [
            ("U.S.A.", "US"),
            ("U.K.", "GB"),
            ("Germany", "DE"),
            ("Czech Republic", "CZ"),
            ("South Korea", "KR"),
            ("United Arab Emirates", "AE"),
            ("Bosnia and Herzegovina", "BA"),
            ("Russia", "RU"),
            ("UK", "GB"),
            ("de", "DE"),
        ] {
            assert_eq!(country_code(name), Some(code), "{name}");
        }
        assert_eq!(country_code("Atlantis"), None);
    }

    #[test]
    fn one_name_per_country() {
        for (written, name, code) in [
            ("BE", "Belgium", "BE"),
            ("U.S.A.", "United States", "US"),
            ("United States", "United States", "US"),
            ("Scotland", "United Kingdom", "GB"),
            ("U.K.", "United Kingdom", "GB"),
            ("the Netherlands", "Netherlands", "NL"),
            ("Bosnia and Herzegovina", "Bosnia and Herzegovina", "BA"),
            ("de", "Germany", "DE"),
            ("Korea", "South Korea", "KR"),
        ] {
            assert_eq!(
                normalize_country(written),
                (name.to_string(), Some(code.to_string())),
                "{written}"
            );
        }
        assert_eq!(normalize_country(" Atlantis "), ("Atlantis".into(), None));
        // Every code has a name without the formal article.
        for c in celes::Country::get_countries() {
            let n = country_name(c.alpha2).unwrap();
            assert!(!n.starts_with("The ") && !n.contains(" Of "), "{n}");
        }
    }
}
