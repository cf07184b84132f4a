//! `hallway import --from pentabarf` on the real DebConf 23 schedule.xml.

mod import_support;

use import_support::*;
use std::collections::BTreeSet;

/// Talks and distinct speakers, counted with plain string scanning of the XML.
fn counts(xml: &str) -> (usize, usize) {
    let talks = xml.matches("<event ").count();
    let mut people = BTreeSet::new();
    for chunk in xml.split("<person ").skip(1) {
        let name = &chunk[chunk.find('>').unwrap() + 1..chunk.find("</person>").unwrap()];
        people.insert(person_key(name.trim()));
    }
    (talks, people.len())
}

#[test]
fn debconf23_imports_every_talk_and_speaker() {
    let path = data("pentabarf/debconf23.xml");
    let b = bundle(&import(&["--from", "pentabarf", &path]));
    let (talks, people) = counts(&std::fs::read_to_string(&path).unwrap());
    assert_eq!(talks, 117);
    assert_eq!(b.talks.len(), talks);
    assert_eq!(b.people.len(), people);

    let e = &b.events[0];
    assert_eq!(e.name, "DebConf 23");
    assert_eq!(e.id, "debconf-23");
    assert_eq!(e.start.to_string(), "2023-09-10");
    assert_eq!(e.end.unwrap().to_string(), "2023-09-18");
    assert_eq!(e.timezone.as_deref(), Some("Asia/Kolkata"));
    assert_eq!(b.series[0].name, "DebConf");

    let t = talk(&b, "Opening Ceremony");
    // <date>2023-09-10T05:00:00+00:00</date>, shown at the conference's offset.
    assert_eq!(t.start.unwrap().to_string(), "2023-09-10T10:30:00+05:30");
    assert_eq!(t.duration_min, Some(20));
    assert_eq!(t.room.as_deref(), Some("Anamudi"));
    assert_eq!(
        t.track.as_deref(),
        Some("Community, diversity, local outreach and social context")
    );
    assert_eq!(t.r#abstract.as_deref(), Some("Welcome to DebConf23"));
    assert_eq!(person_names(&b, &t.speakers), ["Sruthi Chandran"]);
    assert_eq!(
        t.links[0].url,
        "https://debconf23.debconf.org/talks/18-opening-ceremony/"
    );
}

#[test]
fn malformed_xml_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.xml");
    std::fs::write(
        &bad,
        "<schedule><conference><title>X</conference></schedule>",
    )
    .unwrap();
    let r = import(&["--from", "pentabarf", bad.to_str().unwrap()]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("not well-formed XML"), "{}", r.stderr);
}
