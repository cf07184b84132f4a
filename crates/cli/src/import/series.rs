//! Which recurring conference an edition belongs to: the one place where a year is taken out
//! of an event name, used by every importer's events when `merge` forms series.
//!
//! Only a year at the end of the name counts, and only the event's own year (or the one either
//! side, for editions named after the season they close or open), so numbers that are part of
//! a name stay: "Web 2.0 Summit", "C++20 Day", "99U", "360|iDev", "18. Kieler Linux Tage".

/// The name without its edition year: "FOSDEM 2019" is "FOSDEM", "Camp2019" "Camp",
/// "PyConDE '19" and "DebConf 23" (held in 2023) "PyConDE" and "DebConf". `None` when the name
/// does not end in the year of an event starting in `year`.
pub fn without_year(name: &str, year: i32) -> Option<String> {
    let name = name.trim();
    // A year in brackets at the end: "Tracing Summit (2014)".
    let (head, tail) = match name.strip_suffix(')').and_then(|n| n.rsplit_once('(')) {
        Some((h, inner)) if inner.trim().chars().all(|c| c.is_ascii_digit()) => (h, inner.trim()),
        _ => {
            let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            name.split_at(name.len() - digits)
        }
    };
    let is_year = match tail.len() {
        4 => tail
            .parse::<i32>()
            .is_ok_and(|y| (year - 1..=year + 1).contains(&y)),
        // Two digits name a year only when they are this event's and stand apart or after an
        // apostrophe: "DebConf 23", "Conf'19", but not "C++20".
        2 => {
            tail.parse::<i32>().ok() == Some(year.rem_euclid(100))
                && head.ends_with(['\'', '’', ' '])
        }
        _ => false,
    };
    if !is_year {
        return None;
    }
    let base = head.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '_' | '/' | '\'' | '’' | '#' | ',' | ':')
    });
    // "C++2020" or "v1.2020" read as a version, not an edition.
    if base.is_empty() || base.ends_with(['+', '.']) {
        return None;
    }
    Some(base.to_string())
}

/// The series a frab/pentabarf acronym names: only one with an edition number ("Camp2019",
/// "debconf23") does, and the series is the title without its year ("Chaos Communication
/// Camp"), else the title, else the acronym without its number. Acronyms without a number name
/// one-off events (the name may still form a series with other editions, see `merge`).
pub fn from_acronym(acronym: &str, title: &str, year: i32) -> Option<String> {
    let trimmed = acronym.trim_end_matches(|c: char| c.is_ascii_digit() || c == '-' || c == '_');
    if trimmed.len() == acronym.len() || trimmed.is_empty() {
        return None;
    }
    let title = title.trim();
    Some(match without_year(title, year) {
        Some(base) => base,
        None if !title.is_empty() => title.to_string(),
        None => trimmed.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::{from_acronym, without_year};

    #[test]
    fn series_from_numbered_acronyms_only() {
        assert_eq!(
            from_acronym("Camp2019", "Chaos Communication Camp 2019", 2019).as_deref(),
            Some("Chaos Communication Camp")
        );
        assert_eq!(
            from_acronym("debconf23", "DebConf 23", 2023).as_deref(),
            Some("DebConf")
        );
        assert_eq!(
            from_acronym("rc3-channels-2020", "rC3 Channels", 2020).as_deref(),
            Some("rC3 Channels")
        );
        assert_eq!(from_acronym("hwd2023", "", 2023).as_deref(), Some("hwd"));
        assert_eq!(from_acronym("fosdem", "FOSDEM", 2020), None);
    }

    #[test]
    fn strips_the_edition_year() {
        for (name, year, base) in [
            ("FOSDEM 2019", 2019, "FOSDEM"),
            ("PyCon US 2024", 2024, "PyCon US"),
            ("RustConf 2023 ", 2023, "RustConf"),
            ("Conf'19", 2019, "Conf"),
            ("PyConDE ’19", 2019, "PyConDE"),
            ("DebConf 23", 2023, "DebConf"),
            ("Camp2019", 2019, "Camp"),
            (
                "Chaos Communication Camp 2019",
                2019,
                "Chaos Communication Camp",
            ),
            ("JSConf EU - 2018", 2018, "JSConf EU"),
            ("Tracing Summit (2014)", 2014, "Tracing Summit"),
            // A winter edition named after the year it closes.
            ("Winter Summit 2020", 2019, "Winter Summit"),
        ] {
            assert_eq!(without_year(name, year).as_deref(), Some(base), "{name}");
        }
    }

    #[test]
    fn keeps_numbers_that_are_part_of_the_name() {
        for (name, year) in [
            ("Web 2.0 Summit", 2010),
            ("C++20 Day", 2020),
            ("C++20", 2020),
            ("99U", 2018),
            ("360|iDev", 2018),
            ("PHP 7", 2017),
            ("18. Kieler Open Source und Linux Tage", 2020),
            ("FOSDEM 2019", 2024),
            ("2019", 2019),
            ("FOSDEM", 2019),
        ] {
            assert_eq!(without_year(name, year), None, "{name}");
        }
    }
}
