//! `hallway import --from ical` on the real Kielux 2020 calendar (folded lines, escapes).

mod import_support;

use import_support::*;
use std::collections::BTreeSet;

#[test]
fn kielux_imports_every_vevent_and_attendee() {
    let path = data("ical/kielux_2020.ics");
    let b = bundle(&import(&["--from", "ical", &path]));
    let text = std::fs::read_to_string(&path).unwrap();
    // Unfold by hand (a CRLF or LF followed by one space continues the line) to count.
    let unfolded = text.replace("\r\n ", "").replace("\n ", "");
    let vevents = unfolded.matches("BEGIN:VEVENT").count();
    let people: BTreeSet<String> = unfolded
        .lines()
        .filter(|l| l.starts_with("ATTENDEE;"))
        .map(|l| {
            let cn = &l[l.find("CN=\"").unwrap() + 4..];
            person_key(&cn[..cn.find('"').unwrap()])
        })
        .collect();
    assert_eq!(vevents, 24);
    assert_eq!(b.talks.len(), vevents);
    assert_eq!(b.people.len(), people.len());

    let e = &b.events[0];
    assert_eq!(e.name, "18. Kieler Open Source und Linux Tage");
    assert_eq!(e.start.to_string(), "2020-09-18");
    assert_eq!(e.end.unwrap().to_string(), "2020-09-19");

    let t = talk(&b, "OpenCelium - Der generische OpenSoure API-Hub");
    assert_eq!(t.start.unwrap().to_string(), "2020-09-18T11:00:00Z");
    assert_eq!(t.duration_min, Some(60));
    assert_eq!(t.room.as_deref(), Some("Ravensberg"));
    assert_eq!(person_names(&b, &t.speakers), ["Jakob Semere"]);
    let a = t.r#abstract.as_deref().unwrap();
    // The "von: <speaker>" byline is dropped; folded lines joined; `\,` unescaped.
    assert!(
        a.starts_with("Sie möchten wertvolle Daten von einer Applikation"),
        "{a}"
    );
    assert!(a.contains("auf einfache Art, damit sie nahtlos"), "{a}");
    assert!(a.ends_with("\nhttps://www.opencelium.io"), "{a}");
    assert_eq!(t.links[0].url, "https://kielux.de/programm/KOLT20#460");
}

#[test]
fn tzid_times_get_their_zone_offset() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("mini.ics");
    std::fs::write(
        &ics,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\nBEGIN:VEVENT\r\nUID:1\r\n\
         DTSTART;TZID=Europe/Berlin:20141013T093000\r\nDTEND;TZID=Europe/Berlin:20141013T101500\r\n\
         SUMMARY:Tracing in QEMU\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let b = bundle(&import(&["--from", "ical", ics.to_str().unwrap()]));
    assert_eq!(b.events[0].name, "mini");
    assert_eq!(b.events[0].timezone.as_deref(), Some("Europe/Berlin"));
    let t = &b.talks[0];
    assert_eq!(t.start.unwrap().to_string(), "2014-10-13T09:30:00+02:00");
    assert_eq!(t.duration_min, Some(45));
}

#[test]
fn a_file_that_is_not_icalendar_is_refused() {
    let r = import(&["--from", "ical", &data("frab/frab-camp2019.json")]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("iCalendar"), "{}", r.stderr);
}
