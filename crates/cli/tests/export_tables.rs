//! CSV read back with the `csv` crate and GeoJSON with the `geojson` crate.

mod export_support;

use export_support::*;
use geojson::{GeoJson, Value as Geo};

fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    let mut r = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn col<'a>(header: &[String], row: &'a [String], name: &str) -> &'a str {
    let i = header
        .iter()
        .position(|h| h == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    &row[i]
}

#[test]
fn csv_of_talks_keeps_commas_quotes_and_newlines() {
    let f = fixture();
    let (h, rows) = read_csv(&ok(
        &f.bundle,
        &["--format", "csv", "--filter", "view=talks&sort=oldest"],
    ));
    assert_eq!(h, hallway_core::export::csv::TALK_COLUMNS);
    assert_eq!(rows.len(), 5);
    let morning = rows.iter().find(|r| r[0] == "morning").unwrap();
    assert_eq!(col(&h, morning, "title"), AWKWARD);
    assert_eq!(col(&h, morning, "room"), "Room 1, upstairs");
    assert_eq!(
        col(&h, morning, "speakers"),
        "Lovelace, Ada; Bob \"the builder\" Ø"
    );
    assert_eq!(col(&h, morning, "start"), "2014-10-24T09:30:00+02:00");
    assert_eq!(col(&h, morning, "start_utc"), "2014-10-24T07:30:00Z");
    assert_eq!(col(&h, morning, "event_name"), AWKWARD);
    let seattle = rows.iter().find(|r| r[0] == "seattle-evening").unwrap();
    assert_eq!(col(&h, seattle, "date"), "2015-08-18", "the local day");
    assert_eq!(col(&h, seattle, "start_utc"), "2015-08-19T03:00:00Z");
    let across = rows.iter().find(|r| r[0] == "across-dst").unwrap();
    assert_eq!(col(&h, across, "title"), long_title());
}

#[test]
fn csv_of_events_and_reports() {
    let f = fixture();
    let (h, rows) = read_csv(&ok(&f.bundle, &["--format", "csv"]));
    assert_eq!(h, hallway_core::export::csv::EVENT_COLUMNS);
    assert_eq!(rows.len(), 3);
    let dst = rows.iter().find(|r| r[0] == "dst-conf-2014").unwrap();
    assert_eq!(col(&h, dst, "name"), AWKWARD);
    assert_eq!(col(&h, dst, "attendance"), "1,500-2,000");
    assert_eq!(col(&h, dst, "projects"), "QEMU; KVM, the hypervisor");
    assert_eq!(col(&h, dst, "lat"), "52.5206", "the venue's coordinates");
    assert_eq!(col(&h, dst, "talks"), "4");
    let (h, rows) = read_csv(&ok(
        &f.bundle,
        &[
            "--format",
            "csv",
            "--filter",
            "view=reports",
            "--base-url",
            "https://h.example",
        ],
    ));
    assert_eq!(h, hallway_core::export::csv::REPORT_COLUMNS);
    let dst = rows.iter().find(|r| r[0] == "report-dst").unwrap();
    assert_eq!(col(&h, dst, "published"), "2014-10");
    assert_eq!(col(&h, dst, "page"), "https://h.example/reports/report-dst");
}

fn features(text: &str) -> Vec<geojson::Feature> {
    match text.parse::<GeoJson>().expect("geojson reads it") {
        GeoJson::FeatureCollection(fc) => fc.features,
        other => panic!("not a FeatureCollection: {other:?}"),
    }
}

fn point(f: &geojson::Feature) -> (f64, f64) {
    match &f.geometry.as_ref().unwrap().value {
        Geo::Point(p) => (p[0], p[1]),
        other => panic!("not a point: {other:?}"),
    }
}

#[test]
fn geojson_points_are_longitude_first() {
    let f = fixture();
    let out = export(&f.bundle, &["--format", "geojson"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    let fs = features(&out.stdout);
    assert_eq!(fs.len(), 2, "the online event has no point");
    assert!(out.stderr.contains("online-2020"), "{}", out.stderr);
    let seattle = fs
        .iter()
        .find(|f| f.property("id").unwrap() == "linuxcon-na-2015")
        .unwrap();
    assert_eq!(point(seattle), (-122.3321, 47.6062));
    let dst = fs
        .iter()
        .find(|f| f.property("id").unwrap() == "dst-conf-2014")
        .unwrap();
    assert_eq!(point(dst), (13.4165, 52.5206), "the venue, not the city");
    assert_eq!(dst.property("name").unwrap(), AWKWARD);
    assert_eq!(dst.property("start").unwrap(), "2014-10-24");
    assert_eq!(dst.property("end").unwrap(), "2014-10-27");
}

#[test]
fn geojson_places_gather_their_events() {
    let f = fixture();
    // Talks map to their events, and events to their places.
    let fs = features(&ok(
        &f.bundle,
        &[
            "--format",
            "geojson-places",
            "--filter",
            "view=talks&sort=oldest",
        ],
    ));
    let ids: Vec<&str> = fs
        .iter()
        .map(|f| f.property("id").unwrap().as_str().unwrap())
        .collect();
    assert_eq!(ids, ["berlin", "seattle"]);
    assert_eq!(point(&fs[0]), (13.405, 52.52));
    assert_eq!(
        fs[0].property("events").unwrap(),
        &serde_json::json!(["dst-conf-2014"])
    );
}

#[test]
fn the_demo_bundle_maps_every_located_event() {
    let bundle = std::path::PathBuf::from(format!("{ROOT}/public/data/bundle.json"));
    let fs = features(&ok(&bundle, &["--format", "geojson"]));
    assert!(!fs.is_empty());
    for f in &fs {
        let (lon, lat) = point(f);
        assert!((-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat));
    }
    let dublin = fs
        .iter()
        .find(|f| f.property("city").is_some_and(|c| c == "Dublin"))
        .expect("Dublin is in the demo");
    assert!(
        point(dublin).0 < 0.0,
        "Dublin is west of Greenwich: {:?}",
        point(dublin)
    );
}
