//! Offline geocoding: turns a `city, country` pair into coordinates with an embedded gazetteer.
//!
//! The gazetteer (`crates/cli/data/gazetteer.tsv.gz`, rebuilt by `scripts/gazetteer.sh`) holds
//! GeoNames places of at least 15,000 people plus every capital (GeoNames, CC-BY 4.0). Names are
//! compared accent- and case-folded; a small alias table maps other spellings (Munich, New York)
//! onto GeoNames names; ambiguity is settled by country, then region, then population.

mod aliases;
mod countries;

pub use countries::{country_code, country_name, normalize_country};

use flate2::read::GzDecoder;
use hallway_core::text::fold;
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

static GAZETTEER: &[u8] = include_bytes!("../../data/gazetteer.tsv.gz");

/// The credit a bundle with geocoded places must carry.
pub const ATTRIBUTION: &str = "Place coordinates from GeoNames (geonames.org)";
pub const ATTRIBUTION_URL: &str = "https://www.geonames.org/";
pub const ATTRIBUTION_LICENSE: &str = "CC-BY-4.0";

/// One gazetteer entry.
#[derive(Clone, Debug, PartialEq)]
pub struct City {
    pub name: String,
    pub country_code: String,
    /// GeoNames admin1 code: the state for the US ("CA"), a number elsewhere.
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    pub population: u64,
}

/// Where a `city, country` pair was found.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The city's name as the gazetteer (or override) spells it.
    pub city: String,
    pub country_code: Option<String>,
    pub lat: f64,
    pub lon: f64,
}

/// A publisher's fix for a place the gazetteer does not know, from `--places <file.toml>`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub city: String,
    pub country: String,
    pub lat: f64,
    pub lon: f64,
    #[serde(default)]
    pub country_code: Option<String>,
    /// The name to show, when it should differ from `city`.
    #[serde(default)]
    pub name: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    #[serde(default)]
    place: Vec<Override>,
}

pub struct Geocoder {
    cities: Vec<City>,
    by_name: HashMap<String, Vec<usize>>,
    overrides: HashMap<(String, String), Override>,
}

/// The key names are compared by: folded, with punctuation and spacing collapsed.
fn key(s: &str) -> String {
    let mut out = String::new();
    for word in fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl Geocoder {
    /// The geocoder over the embedded gazetteer, without overrides.
    pub fn embedded() -> Result<Geocoder, String> {
        let mut text = String::new();
        GzDecoder::new(GAZETTEER)
            .read_to_string(&mut text)
            .map_err(|e| {
                format!(
                    "the embedded gazetteer is damaged ({e}); rebuild it with scripts/gazetteer.sh"
                )
            })?;
        let mut cities = Vec::new();
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let parsed = (f.len() == 6)
                .then(|| Some((f[3].parse().ok()?, f[4].parse().ok()?, f[5].parse().ok()?)))
                .flatten();
            let Some((lat, lon, population)) = parsed else {
                return Err(format!("the embedded gazetteer has a bad line {}; rebuild it with scripts/gazetteer.sh", n + 1));
            };
            cities.push(City {
                name: f[0].to_string(),
                country_code: f[1].to_string(),
                admin1: f[2].to_string(),
                lat,
                lon,
                population,
            });
        }
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, c) in cities.iter().enumerate() {
            by_name.entry(key(&c.name)).or_default().push(i);
        }
        Ok(Geocoder {
            cities,
            by_name,
            overrides: HashMap::new(),
        })
    }

    /// How many places the gazetteer holds.
    #[allow(clippy::len_without_is_empty)]
    pub fn len(&self) -> usize {
        self.cities.len()
    }

    /// Adds the overrides of a TOML file with `[[place]]` tables (`city`, `country`, `lat`, `lon`,
    /// optional `country_code` and `name`). They win over the gazetteer.
    pub fn load_overrides(&mut self, path: &Path) -> Result<usize, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        let file: OverrideFile = toml::from_str(&text).map_err(|e| {
            format!(
                "`{}` is not a valid places file: {e}\nWrite one [[place]] table per place with city, country, lat and lon.",
                path.display()
            )
        })?;
        let n = file.place.len();
        for (i, o) in file.place.into_iter().enumerate() {
            if !(-90.0..=90.0).contains(&o.lat) || !(-180.0..=180.0).contains(&o.lon) {
                return Err(format!(
                    "`{}`: place[{i}] ({}) has coordinates out of range; lat is -90..90, lon -180..180",
                    path.display(),
                    o.city
                ));
            }
            self.overrides.insert((key(&o.city), key(&o.country)), o);
        }
        Ok(n)
    }

    /// Finds `city` (possibly written `City, Region`) in `country` (a name or ISO code).
    pub fn resolve(&self, city: &str, country: &str) -> Option<Resolved> {
        if let Some(o) = self.overrides.get(&(key(city), key(country))) {
            return Some(Resolved {
                city: o.name.clone().unwrap_or_else(|| o.city.clone()),
                country_code: o
                    .country_code
                    .clone()
                    .or_else(|| country_code(&o.country).map(str::to_string)),
                lat: o.lat,
                lon: o.lon,
            });
        }
        let cc = country_code(country);
        // "Salt Lake City, UT" or "Kraków, Lesser Poland": the part after the comma narrows it down.
        let mut parts = city
            .split([',', '(', ')'])
            .map(str::trim)
            .filter(|p| !p.is_empty());
        let head = parts.next()?;
        let region: Vec<String> = parts.map(key).collect();
        let found = self
            .lookup(head, cc, &region)
            .or_else(|| region.iter().find_map(|r| self.lookup(r, cc, &[])))?;
        Some(Resolved {
            city: found.name.clone(),
            country_code: Some(found.country_code.clone()),
            lat: found.lat,
            lon: found.lon,
        })
    }

    fn lookup(&self, name: &str, cc: Option<&str>, region: &[String]) -> Option<&City> {
        let k = key(name);
        let mut keys: Vec<String> = aliases::canonical(&k).map(key).into_iter().collect();
        keys.extend(aliases::saint_variants(&k));
        keys.push(k);
        let candidates = keys
            .iter()
            .filter_map(|k| self.by_name.get(k))
            .flatten()
            .map(|&i| &self.cities[i])
            .filter(|c| cc.is_none_or(|cc| c.country_code == cc));
        candidates.max_by(|a, b| {
            let in_region = |c: &City| region.iter().any(|r| key(&c.admin1) == *r);
            in_region(a)
                .cmp(&in_region(b))
                .then(a.population.cmp(&b.population))
                .then_with(|| b.name.cmp(&a.name))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_spellings_and_ambiguity() {
        let g = Geocoder::embedded().unwrap();
        assert!(g.len() > 20_000);
        let d = g.resolve("Dusseldorf", "Germany").unwrap();
        assert_eq!(d.city, "Düsseldorf");
        assert_eq!(g.resolve("Munich", "Germany").unwrap().city, "Munich");
        assert_eq!(
            g.resolve("München", "DE").unwrap().country_code.as_deref(),
            Some("DE")
        );
        let ny = g.resolve("New York", "U.S.A.").unwrap();
        assert_eq!(ny.city, "New York City");
        // Portland, Maine is smaller than Portland, Oregon: the state settles it.
        let me = g.resolve("Portland, ME", "USA").unwrap();
        assert!(me.lon > -75.0, "{me:?}");
        let or = g.resolve("Portland", "USA").unwrap();
        assert!(or.lon < -120.0, "{or:?}");
        // London, Ontario, not London, England.
        assert!(g.resolve("London", "Canada").unwrap().lon < 0.0 - 70.0);
        assert!(g.resolve("Atlantis", "Greece").is_none());
    }
}
