//! Merging inputs of several formats, and byte-identical output on every run.

mod import_support;

use import_support::*;

#[test]
fn two_runs_write_byte_identical_bundles() {
    let inputs = [
        data("frab/frab-camp2019.json"),
        data("pentabarf/debconf23.xml"),
        data("ical/kielux_2020.ics"),
        data("confs-tech/2018/rust.json"),
    ];
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
    assert_eq!(bundle.talks.len(), 79 + 117 + 24);
    // Collections are sorted by id.
    let ids: Vec<&str> = bundle.talks.iter().map(|t| t.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    // Two talks called "Opening Ceremony" (Camp 2019 then DebConf 23) get distinct ids.
    let openings: Vec<&str> = bundle
        .talks
        .iter()
        .filter(|t| t.title == "Opening Ceremony")
        .map(|t| t.id.as_str())
        .collect();
    assert_eq!(openings, ["opening-ceremony", "opening-ceremony-2"]);
}

#[test]
fn the_same_person_in_two_formats_is_one_person() {
    // A frab schedule whose speaker is Kielux's "Jürgen Groß", spelt without accents.
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
    let ics = data("ical/kielux_2020.ics");
    let b = bundle(&import(&[frab.to_str().unwrap(), &ics]));
    let kielux_only = bundle(&import(&[&ics]));
    assert_eq!(b.people.len(), kielux_only.people.len());
    let xen_2021 = talk(&b, "Xen in 2021");
    let xen_2020 = talk(&b, "Xen - ist das nicht tot?");
    assert_eq!(xen_2021.speakers, xen_2020.speakers);
    // The spelling shown is the first met in date order: Kielux (2020) comes first.
    assert_eq!(person_names(&b, &xen_2021.speakers), ["Jürgen Groß"]);
    assert_eq!(xen_2021.speakers, ["jurgen-gross"]);
}
