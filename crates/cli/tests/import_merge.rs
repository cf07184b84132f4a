//! Merging inputs of several formats: series across years and formats, people across formats,
//! and byte-identical output on every run. On the project's own fixtures.

mod import_support;

use hallway_core::related::series_nav;
use hallway_core::Dataset;
use import_support::*;

/// Three yearly editions of one conference: 2021 and 2023 as pentabarf XML (only 2023 has a
/// numbered acronym), 2022 as frab JSON.
fn editions() -> Vec<String> {
    [
        "frab/hallway-days-2022.json",
        "pentabarf/hallway-days-2023.xml",
        "pentabarf/hallway-days-2021.xml",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

#[test]
fn three_years_in_two_formats_are_one_series_with_previous_and_next() {
    let files = editions();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let b = bundle(&import(&args));
    assert_eq!(b.series.len(), 1);
    assert_eq!(b.series[0].name, "Hallway Days");
    let ids: Vec<&str> = b.events.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "hallway-days-2021",
            "hallway-days-2022",
            "hallway-days-2023"
        ]
    );
    assert!(b
        .events
        .iter()
        .all(|e| e.series.as_deref() == Some("hallway-days")));

    // The event pages' previous/next, as core computes them.
    let d = Dataset::new(b);
    let (e22, _) = d.event("hallway-days-2022").unwrap();
    let nav = series_nav(&d, e22).unwrap();
    assert_eq!(nav.editions, 3);
    let name = |i: Option<u32>| i.map(|i| d.bundle.events[i as usize].id.clone());
    assert_eq!(name(nav.previous).as_deref(), Some("hallway-days-2021"));
    assert_eq!(name(nav.next).as_deref(), Some("hallway-days-2023"));
    let (e21, _) = d.event("hallway-days-2021").unwrap();
    assert_eq!(series_nav(&d, e21).unwrap().previous, None);
}

#[test]
fn two_runs_write_byte_identical_bundles() {
    let mut inputs = editions();
    inputs.push(fixture("ical/herbsttreffen-2020.ics"));
    inputs.push(fixture("confs-tech/2018/javascript.json"));
    let args: Vec<&str> = inputs.iter().map(String::as_str).collect();
    let a = import(&args);
    let mut reversed = args.clone();
    reversed.reverse();
    let b = import(&reversed);
    let first = std::fs::read(&a.out).unwrap();
    assert_eq!(a.code, Some(0), "{}", a.stderr);
    assert_eq!(
        first,
        std::fs::read(&b.out).unwrap(),
        "file order changed the output"
    );
    let again = import(&args);
    assert_eq!(first, std::fs::read(&again.out).unwrap());
    let bundle = load_clean(&a.out);
    assert_eq!(bundle.talks.len(), 2 + 1 + 3 + 3);
    let ids: Vec<&str> = bundle.talks.iter().map(|t| t.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Two talks called "Tracing in QEMU"-like titles keep distinct ids; same-titled talks get
    // suffixes in date order.
    assert!(ids.contains(&"tracing-in-qemu") && ids.contains(&"tracing-in-qemu-again"));
}

#[test]
fn the_same_person_in_two_formats_is_one_person() {
    // "Jürgen Groß" in the iCalendar file, "JURGEN  GROSS" in this frab schedule.
    let dir = tempfile::tempdir().unwrap();
    let frab = dir.path().join("mini.json");
    std::fs::write(
        &frab,
        r#"{"schedule": {"version": "1", "conference": {"acronym": "mini2021", "title": "Mini 2021",
        "start": "2021-05-01", "end": "2021-05-01", "daysCount": 1, "timeslot_duration": "00:15",
        "days": [{"index": 1, "date": "2021-05-01", "day_start": "2021-05-01T09:00:00+02:00",
        "day_end": "2021-05-01T18:00:00+02:00", "rooms": {"Hall": [{"id": 1,
        "guid": "00000000-0000-0000-0000-000000000001", "date": "2021-05-01T10:00:00+02:00",
        "start": "10:00", "duration": "00:45", "room": "Hall", "title": "Xen in 2021",
        "language": "en", "abstract": "", "persons": [{"id": 7, "public_name": "JURGEN  GROSS"}],
        "links": []}]}}]}}}"#,
    )
    .unwrap();
    let ics = fixture("ical/herbsttreffen-2020.ics");
    let b = bundle(&import(&[frab.to_str().unwrap(), &ics]));
    let ical_only = bundle(&import(&[&ics]));
    assert_eq!(b.people.len(), ical_only.people.len());
    let xen = talk(&b, "Xen in 2021");
    let gruesse = talk(&b, "Grüße aus Köln");
    assert_eq!(xen.speakers, gruesse.speakers);
    // The spelling shown is the first met in date order: the 2020 calendar comes first.
    assert_eq!(person_names(&b, &xen.speakers), ["Jürgen Groß"]);
    assert_eq!(xen.speakers, ["jurgen-gross"]);
}
