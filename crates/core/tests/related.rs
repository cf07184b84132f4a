//! The entity pages' related lists, on the demo bundle and on the demo bundle with extra talks.

use hallway_core::related::*;
use hallway_core::{load, Dataset, Date, DateTime};
use serde_json::{json, Value};

fn demo_json() -> Value {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-bundle.json"
    ))
    .expect("the demo bundle is in public/data");
    serde_json::from_slice(&bytes).expect("the demo bundle is JSON")
}

fn dataset(v: &Value) -> Dataset {
    let loaded = load(&serde_json::to_vec(v).unwrap()).expect("the bundle loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Dataset::new(loaded.bundle)
}

fn demo() -> Dataset {
    dataset(&demo_json())
}

/// The demo bundle plus a second speaker and talks on several days, tracks and projects.
fn richer() -> Dataset {
    let mut v = demo_json();
    v["people"]
        .as_array_mut()
        .unwrap()
        .push(json!({"id": "paolo-bonzini", "name": "Paolo Bonzini"}));
    let talks = v["talks"].as_array_mut().unwrap();
    talks.extend([
        json!({"id": "kvm-late", "title": "KVM late", "event": "kvm-forum-2014", "speakers": ["paolo-bonzini"],
               "start": "2014-10-14T11:00:00+02:00", "track": "Storage", "projects": ["kvm", "qemu"]}),
        json!({"id": "kvm-intro", "title": "KVM intro", "event": "kvm-forum-2014", "speakers": ["paolo-bonzini"],
               "start": "2014-10-14T09:00:00+02:00", "track": "Keynotes", "projects": ["kvm"]}),
        json!({"id": "qemu-block", "title": "QEMU block layer", "event": "kvm-forum-2014",
               "speakers": ["stefan-hajnoczi"], "start": "2014-10-14T10:00:00+02:00",
               "track": "Storage", "projects": ["qemu"]}),
        json!({"id": "day-three", "title": "Day three", "event": "kvm-forum-2014", "date": "2014-10-16"}),
        json!({"id": "undated", "title": "Undated lightning talk", "event": "kvm-forum-2014"}),
        json!({"id": "libvirt-2015", "title": "libvirt in 2015", "event": "linuxcon-europe-2015",
               "speakers": ["paolo-bonzini"], "date": "2015-10-06", "projects": ["libvirt", "qemu"]}),
    ]);
    v["reports"].as_array_mut().unwrap().push(json!({
        "id": "block-report", "title": "Block report", "published": "2014-11-02",
        "talks": ["qemu-block", "tracing-in-the-qemu-emulator"], "projects": ["qemu"]
    }));
    dataset(&v)
}

fn talk_ids(d: &Dataset, ts: &[u32]) -> Vec<String> {
    ts.iter()
        .map(|&t| d.bundle.talks[t as usize].id.to_string())
        .collect()
}

/// A track's name and its talk ids.
type Track<'a> = (Option<&'a str>, Vec<String>);

fn pos(d: &Dataset, id: &str) -> u32 {
    d.talk(id).expect("talk exists").0
}

#[test]
fn more_talks_lists_speaker_then_event_then_project_without_repeats() {
    let d = richer();
    let m = more_talks(&d, pos(&d, "tracing-in-the-qemu-emulator"), MORE_CAP);
    assert_eq!(talk_ids(&d, &m.by_speakers), ["qemu-block"]);
    // Alone at the Tracing Summit.
    assert!(m.at_event.is_empty());
    // Shares qemu and kvm with kvm-late (2 projects), then kvm-intro (kvm) before libvirt-2015
    // (qemu), which is a year away; qemu-block is already listed under the speaker.
    assert_eq!(
        talk_ids(&d, &m.about_projects),
        ["kvm-late", "kvm-intro", "libvirt-2015"]
    );

    let m = more_talks(&d, pos(&d, "kvm-intro"), MORE_CAP);
    assert_eq!(talk_ids(&d, &m.by_speakers), ["kvm-late", "libvirt-2015"]);
    // Nearest in time first; the undated talk sorts by its event's first day, then last.
    assert_eq!(
        talk_ids(&d, &m.at_event),
        ["qemu-block", "undated", "day-three"]
    );
    assert_eq!(
        talk_ids(&d, &m.about_projects),
        ["tracing-in-the-qemu-emulator"]
    );
}

#[test]
fn more_talks_are_capped_and_tolerate_bad_positions() {
    let d = richer();
    let m = more_talks(&d, pos(&d, "kvm-intro"), 1);
    assert_eq!(m.by_speakers.len(), 1);
    assert_eq!(m.at_event.len(), 1);
    assert!(more_talks(&d, 9_999, MORE_CAP).is_empty());
    let only = demo();
    assert!(more_talks(&only, 0, MORE_CAP).is_empty());
}

#[test]
fn series_nav_finds_previous_and_next_editions() {
    let d = demo();
    let (e14, _) = d.event("linuxcon-europe-2014").unwrap();
    let (e15, _) = d.event("linuxcon-europe-2015").unwrap();
    let nav = series_nav(&d, e14).unwrap();
    assert_eq!((nav.previous, nav.next, nav.editions), (None, Some(e15), 2));
    assert_eq!(d.bundle.series[nav.series as usize].id, "linuxcon-europe");
    let nav = series_nav(&d, e15).unwrap();
    assert_eq!((nav.previous, nav.next), (Some(e14), None));
    let (ts, _) = d.event("tracing-summit-2014").unwrap();
    let nav = series_nav(&d, ts).unwrap();
    assert_eq!((nav.previous, nav.next, nav.editions), (None, None, 1));
    assert_eq!(series_nav(&d, 9_999), None);
}

#[test]
fn talks_group_by_day_then_track_with_unknown_days_last() {
    let d = richer();
    let (kf, _) = d.event("kvm-forum-2014").unwrap();
    let days = talks_by_day_and_track(&d, kf);
    let shape: Vec<(Option<Date>, Vec<Track>)> = days
        .iter()
        .map(|g| {
            (
                g.day,
                g.tracks
                    .iter()
                    .map(|t| (t.track.as_deref(), talk_ids(&d, &t.talks)))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                Some(Date::ymd(2014, 10, 14)),
                vec![
                    (Some("Keynotes"), vec!["kvm-intro".to_string()]),
                    (
                        Some("Storage"),
                        vec!["qemu-block".to_string(), "kvm-late".to_string()]
                    ),
                ]
            ),
            (
                Some(Date::ymd(2014, 10, 16)),
                vec![(None, vec!["day-three".to_string()])]
            ),
            (None, vec![(None, vec!["undated".to_string()])]),
        ]
    );
    assert!(talks_by_day_and_track(&d, 9_999).is_empty());
}

#[test]
fn person_reports_come_from_their_talks_once_each() {
    let d = richer();
    let (stefan, _) = d.person("stefan-hajnoczi").unwrap();
    let ids: Vec<&str> = reports_of_person(&d, stefan)
        .iter()
        .map(|&r| d.bundle.reports[r as usize].id.as_str())
        .collect();
    assert_eq!(ids, ["tracing-summit-and-kvm-forum-2014", "block-report"]);
    let (paolo, _) = d.person("paolo-bonzini").unwrap();
    assert!(reports_of_person(&d, paolo).is_empty());
}

#[test]
fn project_years_collect_events_talks_and_reports() {
    let d = richer();
    let (qemu, _) = d.project("qemu").unwrap();
    let years = project_years(&d, qemu);
    assert_eq!(
        years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2014, 2015]
    );
    assert_eq!(
        talk_ids(&d, &years[0].talks),
        ["tracing-in-the-qemu-emulator", "qemu-block", "kvm-late"]
    );
    assert_eq!(talk_ids(&d, &years[1].talks), ["libvirt-2015"]);
    let event_ids: Vec<&str> = years[0]
        .events
        .iter()
        .map(|&e| d.bundle.events[e as usize].id.as_str())
        .collect();
    assert!(event_ids.contains(&"kvm-forum-2014"), "{event_ids:?}");
    let report_ids: Vec<&str> = years[0]
        .reports
        .iter()
        .map(|&r| d.bundle.reports[r as usize].id.as_str())
        .collect();
    assert!(report_ids.contains(&"block-report"), "{report_ids:?}");
    assert!(project_years(&d, 9_999).is_empty());
}

#[test]
fn suggestions_rank_labels_against_the_id_words() {
    let d = demo();
    let talks = d
        .bundle
        .talks
        .iter()
        .map(|t| (t.id.as_str(), t.title.as_str()));
    assert_eq!(
        suggestions("tracing-qemu", talks, 5),
        [(
            "tracing-in-the-qemu-emulator",
            "User Case Study: Tracing in the QEMU Emulator"
        )]
    );
    let events = || {
        d.bundle
            .events
            .iter()
            .map(|e| (e.id.as_str(), e.name.as_str()))
    };
    let got = suggestions("linuxcon-europe", events(), 2);
    assert_eq!(got.len(), 2);
    assert!(
        got.iter().all(|(id, _)| id.starts_with("linuxcon-europe-")),
        "{got:?}"
    );
    assert!(suggestions("zzzz", events(), 5).is_empty());
    // Shared labels are suggested once per record, still capped.
    let same = [("a", "KVM Forum"), ("b", "KVM Forum"), ("c", "KVM Forum")];
    assert_eq!(
        suggestions("kvm-forum", same, 2),
        [("a", "KVM Forum"), ("b", "KVM Forum")]
    );
}

#[test]
fn talk_times_read_like_a_programme() {
    let start = DateTime::parse("2014-10-13T09:30:00+02:00").unwrap();
    assert_eq!(
        talk_time(start, Some(45), 120, "Europe/Berlin"),
        "Mon 13 October 2014, 09:30\u{2013}10:15 (Europe/Berlin, UTC+02:00)"
    );
    // The same instant in New York (EDT), and in a zone where it crosses midnight.
    assert_eq!(
        talk_time(start, Some(45), -240, "America/New_York"),
        "Mon 13 October 2014, 03:30\u{2013}04:15 (America/New_York, UTC\u{2212}04:00)"
    );
    assert_eq!(
        talk_time(start, Some(180), 840, ""),
        "Mon 13 October 2014, 21:30 \u{2013} Tue 14 October 2014, 00:30 (UTC+14:00)"
    );
    assert_eq!(
        talk_time(start, None, 0, "UTC"),
        "Mon 13 October 2014, 07:30 (UTC, UTC)"
    );
    // An absurd duration is capped rather than overflowing.
    assert!(talk_time(start, Some(u32::MAX), 0, "").contains("20 October 2014"));
    assert_eq!(day_label(Date::ymd(2015, 10, 6)), "Tue 6 October 2015");
    assert_eq!(day_label(Date::ymd(2015, 10, 0)), "October 2015");
    assert_eq!(duration_label(45), "45 min");
    assert_eq!(duration_label(90), "1 h 30 min");
    assert_eq!(duration_label(120), "2 h");
}
