//! `hallway import --from ical` on the project's own calendar: lines folded inside 2-, 3- and
//! 4-byte characters, CR CR LF line ends, escaped commas, German text, HTML in a description.

mod import_support;

use import_support::*;

#[test]
fn a_calendar_folded_inside_characters_imports_whole() {
    let path = fixture("ical/herbsttreffen-2020.ics");
    let bytes = std::fs::read(&path).unwrap();
    // The fixture does what it says: folds split characters and some lines end in CR CR LF.
    assert!(bytes.windows(5).any(|w| w == b"\xc3\r\n \xbc"));
    assert!(bytes.windows(5).any(|w| w == b"\xe2\r\n \x80"));
    assert!(bytes.windows(6).any(|w| w == b"\x9d\r\n \x84\x9e"));
    assert!(bytes.windows(3).any(|w| w == b"\r\r\n"));
    assert!(std::str::from_utf8(&bytes).is_err());

    let b = bundle(&import(&["--from", "ical", &path]));
    assert_eq!(b.talks.len(), 3);
    let e = &b.events[0];
    assert_eq!(e.name, "Herbsttreffen Köln");
    assert_eq!(e.start.to_string(), "2020-10-17");
    assert_eq!(e.end.unwrap().to_string(), "2020-10-18");
    assert_eq!(e.timezone.as_deref(), Some("Europe/Berlin"));

    let t = talk(&b, "Grüße aus Köln");
    assert_eq!(t.start.unwrap().to_string(), "2020-10-17T10:00:00+02:00");
    assert_eq!(t.duration_min, Some(45));
    assert_eq!(t.room.as_deref(), Some("Saal 1"));
    assert_eq!(person_names(&b, &t.speakers), ["Jürgen Groß"]);
    // The "von:" byline goes; the split ’ is whole again; `\,` is a comma.
    assert_eq!(
        t.r#abstract.as_deref(),
        Some("Der Vortrag ’exploitation’, kurz erklärt, mit Beispielen.")
    );
    assert_eq!(
        t.links[0].url,
        "https://herbsttreffen.example.org/2020/gruesse"
    );

    // UTC times are shown at the calendar's zone; inline HTML becomes Markdown.
    let m = talk(&b, "Musik 𝄞 im Saal");
    assert_eq!(m.start.unwrap().to_string(), "2020-10-17T14:00:00+02:00");
    assert_eq!(
        m.r#abstract.as_deref(),
        Some("Mit **Noten** und einem Link: [Noten](https://example.org/noten)")
    );
    // A floating time keeps only its day.
    let f = talk(&b, "Frühstück");
    assert_eq!(f.start, None);
    assert_eq!(f.date.unwrap().to_string(), "2020-10-18");
}

#[test]
fn text_that_is_not_utf8_is_placed_by_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("latin1.ics");
    // "Grüße" in Latin-1 on line 4, after a folded line 3.
    std::fs::write(
        &ics,
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Long\r\n  name\r\nX-A:Gr\xfc\xdfe\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let r = import(&["--from", "ical", ics.to_str().unwrap()]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr.contains("line 5, column 7: not UTF-8 text"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("index"), "{}", r.stderr);
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
    let r = import(&["--from", "ical", &fixture("frab/hallway-days-2022.json")]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("iCalendar"), "{}", r.stderr);
}
