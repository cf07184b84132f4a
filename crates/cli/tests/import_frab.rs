//! `hallway import --from frab` on real frab and pretalx exports, and on an invalid one.

mod import_support;

use import_support::*;
use serde_json::Value;
use std::collections::BTreeSet;

/// Talks and distinct speakers, counted straight from the JSON.
fn counts(path: &str) -> (usize, usize) {
    let v: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let mut talks = 0;
    let mut people = BTreeSet::new();
    for day in v["schedule"]["conference"]["days"].as_array().unwrap() {
        for entries in day["rooms"].as_object().unwrap().values() {
            for e in entries.as_array().unwrap() {
                talks += 1;
                for p in e["persons"].as_array().unwrap() {
                    let n = p["public_name"].as_str().or(p["name"].as_str()).unwrap();
                    people.insert(person_key(n));
                }
            }
        }
    }
    (talks, people.len())
}

#[test]
fn frab_camp2019_imports_every_talk_and_speaker() {
    let path = data("frab/frab-camp2019.json");
    let b = bundle(&import(&["--from", "frab", &path]));
    let (talks, people) = counts(&path);
    assert_eq!((talks, people), (79, 89));
    assert_eq!(b.talks.len(), talks);
    assert_eq!(b.people.len(), people);

    let e = &b.events[0];
    assert_eq!(e.name, "Chaos Communication Camp 2019");
    assert_eq!(e.start.to_string(), "2019-08-21");
    assert_eq!(e.end.unwrap().to_string(), "2019-08-26");
    assert_eq!(e.timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(b.series[0].name, "Chaos Communication Camp");
    assert_eq!(e.series.as_deref(), Some(b.series[0].id.as_str()));

    let t = talk(&b, "Opening Ceremony");
    assert_eq!(t.event, e.id);
    assert_eq!(t.start.unwrap().to_string(), "2019-08-21T11:00:00+02:00");
    assert_eq!(t.duration_min, Some(30));
    assert_eq!(t.room.as_deref(), Some("Curie"));
    assert_eq!(t.track.as_deref(), Some("CCC"));
    assert_eq!(
        t.r#abstract.as_deref(),
        Some("A hearty welcome me lasses and lads!")
    );
    assert_eq!(person_names(&b, &t.speakers), ["jinxx", "smtw"]);
    assert_eq!(t.links[0].kind, "page");
    assert_eq!(
        t.links[0].url,
        "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html"
    );
}

#[test]
fn pretalx_rc3_imports_every_talk_and_speaker() {
    let path = data("frab/pretalx-rc3.json");
    let b = bundle(&import(&["--from", "frab", &path]));
    let (talks, people) = counts(&path);
    assert_eq!(b.talks.len(), talks);
    assert_eq!(b.people.len(), people);
    let t = talk(
        &b,
        "Der faule Admin automatisiert: Gluon auf echter Hardware testen",
    );
    assert_eq!(t.start.unwrap().to_string(), "2020-12-27T11:30:00+01:00");
    assert_eq!(t.duration_min, Some(40));
    assert_eq!(t.room.as_deref(), Some("r3s - Monheim/Rhein"));
    assert_eq!(t.track.as_deref(), Some("MON r3s Rhein VHS"));
    let a = t.r#abstract.as_deref().unwrap();
    // Abstract then description, with Windows line ends normalised.
    assert!(
        a.starts_with("Eine wichtige Komponente von Freifunk"),
        "{a}"
    );
    assert!(
        a.contains("\n\nUm Gluon in der eigenen Freifunk-Community"),
        "{a}"
    );
    assert!(!a.contains('\r'));
}

#[test]
fn an_invalid_schedule_is_refused_with_its_json_path() {
    let r = import(&["--from", "frab", &data("frab/invalid-example.json")]);
    assert_eq!(r.code, Some(1));
    assert!(
        r.stderr
            .contains("at `schedule.conference.days[0].rooms.Winterchaos[0].id`"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("expected u64"), "{}", r.stderr);
    assert!(!r.out.exists(), "no bundle is written for bad input");
}
