//! `hallway import --from frab` on the project's own schedule.json fixtures: German text, an
//! HTML description, a person known only by `name`, a talk without speaker or abstract.

mod import_support;

use import_support::*;

#[test]
fn frab_schedule_imports_with_markdown_descriptions() {
    let b = bundle(&import(&[
        "--from",
        "frab",
        &fixture("frab/hallway-days-2022.json"),
    ]));
    assert_eq!(b.talks.len(), 2);
    let e = &b.events[0];
    assert_eq!(e.name, "Hallway Days 2022");
    assert_eq!(e.start.to_string(), "2022-02-05");
    assert_eq!(e.end.unwrap().to_string(), "2022-02-06");
    // An acronym without a number names no series, and one edition alone forms none.
    assert!(e.series.is_none() && b.series.is_empty());

    let t = talk(&b, "Größere Schritte: Übersetzungen für alle");
    assert_eq!(t.start.unwrap().to_string(), "2022-02-05T10:00:00+01:00");
    assert_eq!(t.duration_min, Some(45));
    assert_eq!(t.track.as_deref(), Some("Gemeinschaft"));
    assert_eq!(
        person_names(&b, &t.speakers),
        ["Jürgen Groß", "Anna Müller"]
    );
    // The plain abstract as written (CRLF normalised), then the HTML description converted.
    assert_eq!(
        t.r#abstract.as_deref(),
        Some(
            "Wie wir Übersetzungen pflegen.\nMit Beispielen aus Köln.\n\n\
             Wir zeigen *drei* Werkzeuge:\n\n1.  Weblate\n2.  Pootle & Transifex\n\n\
             Folien: [PDF](https://hallway-days.example.org/2022/folien.pdf)"
        )
    );
    let closing = talk(&b, "Closing");
    assert!(closing.speakers.is_empty() && closing.r#abstract.is_none());
}

#[test]
fn an_invalid_schedule_is_refused_with_its_json_path() {
    let r = import(&["--from", "frab", &fixture("invalid/frab-id.json")]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("at `schedule.conference.days[0].rooms.Hall[0].id`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("expected u64"), "{}", r.stderr);
    assert!(!r.out.exists(), "no bundle is written for bad input");
}
