//! `hallway import --from confs-tech` on the project's own lists: a conference under two
//! topics, names confs.tech's year removal broke, country spellings, online and unplaced rows.

mod import_support;

use hallway_core::Bundle;
use import_support::*;

fn files() -> Vec<String> {
    [
        "confs-tech/2017/javascript.json",
        "confs-tech/2018/javascript.json",
        "confs-tech/2018/security.json",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

fn import_all(extra: &[&str]) -> (Run, Bundle) {
    let files = files();
    let mut args = vec!["--from", "confs-tech"];
    args.extend(files.iter().map(String::as_str));
    args.extend(extra);
    let r = import(&args);
    let b = bundle(&r);
    (r, b)
}

fn place<'a>(b: &'a Bundle, event: &str) -> &'a hallway_core::Place {
    let e = b.events.iter().find(|e| e.name == event).unwrap();
    let id = e.place.as_ref().unwrap();
    b.places.iter().find(|p| &p.id == id).unwrap()
}

#[test]
fn a_conference_under_several_topics_is_one_event() {
    let (_, b) = import_all(&[]);
    // 10 rows; AppSec Brussels is listed twice (javascript and security, one with a trailing
    // space in its name and another URL spelling).
    assert_eq!(b.events.len(), 9);
    let e = b
        .events
        .iter()
        .find(|e| e.name == "AppSec Brussels")
        .unwrap();
    assert_eq!(e.projects, ["javascript", "security"]);
    assert_eq!(e.end.unwrap().to_string(), "2018-09-21");
    assert!(b.attribution.iter().any(|a| a.text.contains("GeoNames")));
}

#[test]
fn names_cut_by_the_upstream_year_removal_are_repaired() {
    let (_, b) = import_all(&[]);
    let names: Vec<&str> = b.events.iter().map(|e| e.name.as_str()).collect();
    assert!(
        names.contains(&"10th International Conference on Wireless & Mobile Networks (WiMoNe)"),
        "{names:?}"
    );
    // Brackets that are part of a name stay.
    assert!(names.contains(&"Indy.Code()"), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with(' ') || n.contains("-)")));
}

#[test]
fn countries_are_named_one_way_with_their_code() {
    let (_, b) = import_all(&[]);
    for (event, city, country, code) in [
        ("ScotlandJS", "Edinburgh", "United Kingdom", "GB"),
        ("Indy.Code()", "Indianapolis", "United States", "US"),
        ("AppSec Brussels", "Brussels", "Belgium", "BE"),
        ("JSConf EU", "Berlin", "Germany", "DE"),
        (
            "10th International Conference on Wireless & Mobile Networks (WiMoNe)",
            "Dubai",
            "United Arab Emirates",
            "AE",
        ),
    ] {
        let p = place(&b, event);
        assert_eq!(
            (
                p.city.as_str(),
                p.country.as_str(),
                p.country_code.as_deref()
            ),
            (city, country, Some(code)),
            "{event}"
        );
    }
    // Rovinj is not in the gazetteer: still the country's name and code.
    let p = place(&b, "Shift Conference");
    assert_eq!((p.country.as_str(), p.lat), ("Croatia", None));
    assert_eq!(p.country_code.as_deref(), Some("HR"));
}

#[test]
fn yearly_editions_without_a_year_in_their_name_form_a_series() {
    let (r, b) = import_all(&[]);
    assert_eq!(b.series.len(), 1, "{:?}", b.series);
    assert_eq!(b.series[0].name, "JSConf EU");
    let editions: Vec<&str> = b
        .events
        .iter()
        .filter(|e| e.series.as_deref() == Some(b.series[0].id.as_str()))
        .map(|e| e.id.as_str())
        .collect();
    assert_eq!(editions, ["jsconf-eu-2017", "jsconf-eu-2018"]);
    assert!(r
        .stdout
        .contains("series formed: 1, editions: JSConf EU (2)"));
}

#[test]
fn online_and_unplaced_events_have_no_place() {
    let (r, b) = import_all(&[]);
    let online = b
        .events
        .iter()
        .find(|e| e.name == "NodeConf Online")
        .unwrap();
    assert!(online.online && online.place.is_none());
    let unplaced = b.events.iter().find(|e| e.name == "Unplaced Conf").unwrap();
    assert!(!unplaced.online && unplaced.place.is_none() && unplaced.end.is_none());
    assert!(
        r.stdout.contains("places without coordinates: 1"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_places_file_fills_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let places = dir.path().join("places.toml");
    std::fs::write(
        &places,
        "[[place]]\ncity = \"Rovinj\"\ncountry = \"Croatia\"\nlat = 45.081\nlon = 13.638\n",
    )
    .unwrap();
    let (plain, _) = import_all(&[]);
    let (fixed, b) = import_all(&["--places", places.to_str().unwrap()]);
    assert!(
        plain
            .stderr
            .contains("no coordinates for `Rovinj, Croatia`"),
        "{}",
        plain.stderr
    );
    assert!(!fixed.stderr.contains("Rovinj"), "{}", fixed.stderr);
    let p = b.places.iter().find(|p| p.city == "Rovinj").unwrap();
    assert_eq!(
        (p.lat, p.country_code.as_deref()),
        (Some(45.081), Some("HR"))
    );

    std::fs::write(&places, "[[place]]\ncity = \"X\"\n").unwrap();
    let file = fixture("confs-tech/2018/javascript.json");
    let bad = import(&[
        "--from",
        "confs-tech",
        &file,
        "--places",
        places.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr.contains("not a valid places file"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_row_without_a_start_date_is_refused_with_its_path() {
    let r = import(&["--from", "confs-tech", &fixture("invalid/confs-tech.json")]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("at `[1]`"), "{}", r.stderr);
    assert!(r.stderr.contains("startDate"), "{}", r.stderr);
}
