//! Other spellings of city names, mapped onto the names the GeoNames gazetteer uses.
//!
//! The npm package the gazetteer is built from has no alternate names, so the usual English,
//! local and old spellings that conference lists use are listed here by hand. Keys and values
//! are compared after folding (see `geocode::key`), so accents and case do not matter.

const ALIASES: &[(&str, &str)] = &[
    ("munchen", "munich"),
    ("cologne", "koln"),
    ("nuremberg", "nurnberg"),
    ("hanover", "hannover"),
    ("frankfurt", "frankfurt am main"),
    ("gothenburg", "goteborg"),
    ("new york", "new york city"),
    ("nyc", "new york city"),
    ("manhattan", "new york city"),
    ("brooklyn", "new york city"),
    ("washington dc", "washington d c"),
    ("washington d c", "washington d c"),
    ("dc", "washington d c"),
    ("sf", "san francisco"),
    ("la", "los angeles"),
    ("kiev", "kyiv"),
    ("kharkov", "kharkiv"),
    ("odessa", "odesa"),
    ("lvov", "lviv"),
    ("dnipropetrovsk", "dnipro"),
    ("bangalore", "bengaluru"),
    ("bombay", "mumbai"),
    ("madras", "chennai"),
    ("calcutta", "kolkata"),
    ("gurgaon", "gurugram"),
    ("praha", "prague"),
    ("warszawa", "warsaw"),
    ("krakow", "krakow"),
    ("wroclaw", "wroclaw"),
    ("lisboa", "lisbon"),
    ("roma", "rome"),
    ("milano", "milan"),
    ("torino", "turin"),
    ("firenze", "florence"),
    ("napoli", "naples"),
    ("venezia", "venice"),
    ("wien", "vienna"),
    ("zurich", "zurich"),
    ("geneve", "geneva"),
    ("bruxelles", "brussels"),
    ("brussel", "brussels"),
    ("antwerp", "antwerpen"),
    ("ghent", "gent"),
    ("heraklion", "irakleion"),
    ("iraklio", "irakleion"),
    ("kochi", "cochin"),
    ("newcastle", "newcastle upon tyne"),
    ("cebu", "cebu city"),
    ("goa", "panaji"),
    ("clear water", "clearwater"),
    ("sophia antipolis", "antibes"),
    ("perthshire", "perth"),
    ("desenzano", "desenzano del garda"),
    ("bohol", "tagbilaran city"),
    ("den haag", "the hague"),
    ("s gravenhage", "the hague"),
    ("kobenhavn", "copenhagen"),
    ("moskva", "moscow"),
    ("st petersburg", "saint petersburg"),
    ("sankt peterburg", "saint petersburg"),
    ("bucuresti", "bucharest"),
    ("beograd", "belgrade"),
    ("athina", "athens"),
    ("sao paulo", "sao paulo"),
    ("montreal", "montreal"),
    ("quebec city", "quebec"),
    ("saigon", "ho chi minh city"),
    ("ho chi minh", "ho chi minh city"),
    ("tel aviv yafo", "tel aviv"),
    ("tel aviv jaffa", "tel aviv"),
    ("peking", "beijing"),
    ("canton", "guangzhou"),
    ("hong kong", "hong kong"),
    ("singapore city", "singapore"),
    ("mexico city", "mexico city"),
    ("ciudad de mexico", "mexico city"),
    ("cdmx", "mexico city"),
    ("reykjavik", "reykjavik"),
    ("tbilisi", "tbilisi"),
    ("kyiv city", "kyiv"),
];

/// The gazetteer's name for a folded spelling, when it differs.
pub fn canonical(folded: &str) -> Option<&'static str> {
    if let Some((_, to)) = ALIASES.iter().find(|(from, _)| *from == folded) {
        return Some(to);
    }
    None
}

/// "Saint Paul" and "St. Paul" are both common, and GeoNames uses either.
pub fn saint_variants(folded: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (a, b) in [("saint ", "st "), ("st ", "saint "), ("sankt ", "st ")] {
        if let Some(rest) = folded.strip_prefix(a) {
            out.push(format!("{b}{rest}"));
        }
    }
    out
}
