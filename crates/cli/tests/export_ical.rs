//! `hallway export --format ics`, read back with the `icalendar` crate's parser, with talk
//! times checked against jiff's time-zone database: the mistakes behind pretalx #2081 (times an
//! hour off around DST) and floating or mislabelled times cannot come back unnoticed.

mod export_support;

use export_support::*;
use icalendar::parser::{read_calendar, unfold, Component};
use std::collections::HashMap;

fn parse(ics: &str) -> Vec<HashMap<String, String>> {
    let unfolded = unfold(ics);
    let cal = read_calendar(&unfolded).expect("the calendar parses");
    cal.components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .map(|c: &Component| {
            c.properties
                .iter()
                .map(|p| {
                    let mut key = p.name.as_str().to_string();
                    for param in &p.params {
                        key.push(';');
                        key.push_str(param.key.as_str());
                        if let Some(v) = &param.val {
                            key.push('=');
                            key.push_str(v.as_str());
                        }
                    }
                    (key, p.val.as_str().to_string())
                })
                .collect()
        })
        .collect()
}

fn assert_wire_format(ics: &str) {
    assert!(ics.ends_with("\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(
            !line.contains('\n') && !line.contains('\r'),
            "bare line break in {line:?}"
        );
    }
}

/// The UTC instant of a wall-clock time in an IANA zone, by jiff's tz database.
fn utc_of(local: &str, zone: &str) -> String {
    let dt: jiff::civil::DateTime = local.parse().unwrap();
    let ts = dt.in_tz(zone).unwrap().timestamp();
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

#[test]
fn talks_are_exact_utc_instants_across_dst_and_midnight() {
    let f = fixture();
    let ics = ok(&f.bundle, &["--format", "ics", "--filter", "view=talks"]);
    assert_wire_format(&ics);
    let events = parse(&ics);
    let by_uid = |uid: &str| {
        events
            .iter()
            .find(|e| e["UID"] == format!("talk-{uid}@hallway"))
            .unwrap_or_else(|| panic!("no {uid} in {ics}"))
    };
    // Summer time in October: 09:30 in Berlin is 07:30Z, not 08:30Z.
    let morning = by_uid("morning");
    assert_eq!(morning["DTSTART"], "20141024T073000Z");
    assert_eq!(
        morning["DTSTART"],
        utc_of("2014-10-24T09:30", "Europe/Berlin")
    );
    assert_eq!(morning["DURATION"], "PT45M");
    // The night the clocks go back: starts in CEST, ends in CET, lasts two real hours.
    let across = by_uid("across-dst");
    assert_eq!(
        across["DTSTART"],
        utc_of("2014-10-26T01:30", "Europe/Berlin")
    );
    assert_eq!(across["DURATION"], "PT2H");
    let after = by_uid("after-dst");
    assert_eq!(after["DTSTART"], "20141027T083000Z");
    assert_eq!(
        after["DTSTART"],
        utc_of("2014-10-27T09:30", "Europe/Berlin")
    );
    // A negative offset in the evening is the next day in UTC.
    let seattle = by_uid("seattle-evening");
    assert_eq!(seattle["DTSTART"], "20150819T030000Z");
    assert_eq!(
        seattle["DTSTART"],
        utc_of("2015-08-18T20:00", "America/Los_Angeles")
    );
    // A talk with only a day is an all-day entry; nothing is floating or TZID-labelled.
    let untimed = by_uid("untimed");
    assert_eq!(untimed["DTSTART;VALUE=DATE"], "20141025");
    assert_eq!(untimed["DTEND;VALUE=DATE"], "20141026");
    assert!(
        !ics.contains("TZID"),
        "TZID needs a VTIMEZONE; we write UTC"
    );
    for e in &events {
        if let Some(s) = e.get("DTSTART") {
            assert!(s.ends_with('Z'), "floating time {s}");
        }
        assert!(e.contains_key("DTSTAMP"));
    }
}

#[test]
fn text_survives_escaping_and_folding() {
    let f = fixture();
    let ics = ok(&f.bundle, &["--format", "ics", "--filter", "view=talks"]);
    let events = parse(&ics);
    let morning = events
        .iter()
        .find(|e| e["UID"] == "talk-morning@hallway")
        .unwrap();
    assert_eq!(morning["SUMMARY"], AWKWARD);
    let desc = &morning["DESCRIPTION"];
    assert!(
        desc.starts_with("Speakers: Lovelace, Ada, Bob \"the builder\" Ø\n"),
        "{desc:?}"
    );
    assert!(desc.contains("First line,\nsecond; line with bold and a \\ backslash."));
    assert!(morning["LOCATION"]
        .starts_with("Room 1, upstairs, bcc; Berlin Congress Center, Berlin, Germany"));
    let long = events
        .iter()
        .find(|e| e["UID"] == "talk-across-dst@hallway")
        .unwrap();
    assert_eq!(long["SUMMARY"], long_title());
    // CATEGORIES is a list: the comma inside a name stays escaped, the separator does not.
    assert_eq!(morning["CATEGORIES"], "QEMU");
}

#[test]
fn events_are_all_day_with_exclusive_ends() {
    let f = fixture();
    let out = export(&f.bundle, &["--format", "ics"]);
    assert_eq!(out.code, Some(0), "{}", out.stderr);
    assert_wire_format(&out.stdout);
    let events = parse(&out.stdout);
    assert_eq!(events.len(), 2, "the month-dated online event is left out");
    assert!(out.stderr.contains("online-2020"), "{}", out.stderr);
    let dst = events
        .iter()
        .find(|e| e["UID"] == "event-dst-conf-2014@hallway")
        .unwrap();
    assert_eq!(dst["DTSTART;VALUE=DATE"], "20141024");
    assert_eq!(dst["DTEND;VALUE=DATE"], "20141028");
    assert_eq!(dst["SUMMARY"], AWKWARD);
    assert_eq!(
        dst["LOCATION"],
        "bcc; Berlin Congress Center, Berlin, Germany"
    );
    assert_eq!(dst["URL"], "https://example.org/dst");
    assert_eq!(dst["DTSTAMP"], "20240102T030405Z", "the bundle's own time");
    assert_eq!(dst["CATEGORIES"], "QEMU,KVM\\, the hypervisor");
}

#[test]
fn the_filter_narrows_the_calendar() {
    let f = fixture();
    let ics = ok(
        &f.bundle,
        &["--format", "ics", "--filter", "view=talks&city=seattle"],
    );
    let events = parse(&ics);
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["UID"], "talk-seattle-evening@hallway");
    let out = export(&f.bundle, &["--format", "ics", "--filter", "city=atlantis"]);
    assert_eq!(out.code, Some(0));
    assert!(out.stderr.contains("atlantis"), "{}", out.stderr);
}

#[test]
fn the_demo_bundle_exports_and_parses() {
    let bundle = std::path::PathBuf::from(format!("{ROOT}/public/data/bundle.json"));
    for q in ["", "view=talks", "project=qemu"] {
        let ics = ok(&bundle, &["--format", "ics", "--filter", q]);
        assert_wire_format(&ics);
        assert!(!parse(&ics).is_empty(), "{q}");
    }
}
