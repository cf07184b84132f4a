//! `hallway import --from confs-tech` on the real 2014-2018 lists, and the geocoding rate.

mod import_support;

use hallway_core::Bundle;
use import_support::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn all_files() -> Vec<String> {
    let mut files = Vec::new();
    for year in std::fs::read_dir(data("confs-tech")).unwrap() {
        let year = year.unwrap().path();
        if year.is_dir() {
            for f in std::fs::read_dir(&year).unwrap() {
                files.push(f.unwrap().path().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}

fn import_all() -> Bundle {
    let files = all_files();
    let mut args = vec!["--from", "confs-tech"];
    args.extend(files.iter().map(String::as_str));
    bundle(&import(&args))
}

#[test]
fn a_conference_under_several_topics_is_one_event() {
    let mut records = 0;
    let mut distinct = BTreeSet::new();
    for f in all_files() {
        let v: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for r in v.as_array().unwrap() {
            records += 1;
            distinct.insert((
                person_key(r["name"].as_str().unwrap()),
                r["startDate"].as_str().unwrap().to_string(),
            ));
        }
    }
    let b = import_all();
    assert_eq!(records, 1154);
    assert_eq!(b.events.len(), distinct.len());
    assert!(b.events.len() < records);
    // Listed under more than one topic: its topics are its projects.
    let multi = b.events.iter().filter(|e| e.projects.len() > 1).count();
    assert!(multi > 0);

    let e = b
        .events
        .iter()
        .find(|e| e.name == "Front Utah" && e.start.year == 2018)
        .unwrap();
    assert_eq!(e.end.unwrap().to_string(), "2018-01-06");
    assert_eq!(e.url.as_deref(), Some("https://www.frontutah.com"));
    let p = b
        .places
        .iter()
        .find(|p| Some(&p.id) == e.place.as_ref())
        .unwrap();
    assert_eq!(p.city, "Salt Lake City");
    assert_eq!(p.country_code.as_deref(), Some("US"));
    assert!((p.lat.unwrap() - 40.76).abs() < 0.1 && (p.lon.unwrap() + 111.89).abs() < 0.1);
    assert!(b.attribution.iter().any(|a| a.text.contains("GeoNames")));
}

#[test]
fn online_only_events_have_no_place() {
    let b = import_all();
    let online: Vec<_> = b.events.iter().filter(|e| e.online).collect();
    assert_eq!(online.len(), 4);
    assert!(online.iter().all(|e| e.place.is_none()));
}

#[test]
fn at_least_97_percent_of_in_person_events_are_geocoded() {
    let b = import_all();
    let in_person: Vec<_> = b.events.iter().filter(|e| !e.online).collect();
    let located = in_person
        .iter()
        .filter(|e| {
            let p = e
                .place
                .as_ref()
                .and_then(|id| b.places.iter().find(|p| &p.id == id));
            p.is_some_and(|p| p.lat.is_some())
        })
        .count();
    let rate = located as f64 / in_person.len() as f64;
    println!(
        "geocoded {located} of {} in-person confs.tech events: {:.1}%",
        in_person.len(),
        rate * 100.0
    );
    assert!(rate >= 0.97, "only {:.1}% geocoded", rate * 100.0);
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
    let file = data("confs-tech/2018/javascript.json");
    let plain = import(&["--from", "confs-tech", &file]);
    let fixed = import(&[
        "--from",
        "confs-tech",
        &file,
        "--places",
        places.to_str().unwrap(),
    ]);
    assert!(
        plain
            .stderr
            .contains("no coordinates for `Rovinj, Croatia`"),
        "{}",
        plain.stderr
    );
    assert!(!fixed.stderr.contains("Rovinj"), "{}", fixed.stderr);
    let b = bundle(&fixed);
    let p = b.places.iter().find(|p| p.city == "Rovinj").unwrap();
    assert_eq!(
        (p.lat, p.country_code.as_deref()),
        (Some(45.081), Some("HR"))
    );

    std::fs::write(&places, "[[place]]\ncity = \"X\"\n").unwrap();
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
