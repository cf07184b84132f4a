//! Country names to ISO 3166-1 alpha-2 codes: the `celes` table plus the spellings lists use.

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
}
