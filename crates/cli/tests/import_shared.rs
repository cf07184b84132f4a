//! The importers on real third-party files: `../shared/data` beside the project, or the folder
//! `HALLWAY_SHARED_DATA` names. An extra suite with its own harness (`harness = false`), so
//! that without the folder it prints one line saying it was skipped and passes; the default
//! run's `import_*` targets use only the project's fixtures.

mod import_support;

use hallway_core::Bundle;
use import_support::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::PathBuf;

fn data(rel: &str) -> String {
    let dir: PathBuf = shared_data().expect("checked in main");
    dir.join(rel).to_string_lossy().into_owned()
}

/// Talks and distinct speakers, counted straight from the JSON.
fn frab_counts(path: &str) -> (usize, usize) {
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

fn frab_camp2019_imports_every_talk_and_speaker() {
    let path = data("frab/frab-camp2019.json");
    let b = bundle(&import(&["--from", "frab", &path]));
    let (talks, people) = frab_counts(&path);
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

fn pretalx_rc3_imports_every_talk_and_speaker() {
    let path = data("frab/pretalx-rc3.json");
    let b = bundle(&import(&["--from", "frab", &path]));
    let (talks, people) = frab_counts(&path);
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
/// Talks and distinct speakers, counted with plain string scanning of the XML.
fn xml_counts(xml: &str) -> (usize, usize) {
    let talks = xml.matches("<event ").count();
    let mut people = BTreeSet::new();
    for chunk in xml.split("<person ").skip(1) {
        let name = &chunk[chunk.find('>').unwrap() + 1..chunk.find("</person>").unwrap()];
        people.insert(person_key(name.trim()));
    }
    (talks, people.len())
}

fn debconf23_imports_every_talk_and_speaker() {
    let path = data("pentabarf/debconf23.xml");
    let b = bundle(&import(&["--from", "pentabarf", &path]));
    let (talks, people) = xml_counts(&std::fs::read_to_string(&path).unwrap());
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

fn a_file_that_is_not_icalendar_is_refused() {
    let r = import(&["--from", "ical", &data("frab/frab-camp2019.json")]);
    assert_eq!(r.code, Some(1));
    assert!(r.stderr.contains("iCalendar"), "{}", r.stderr);
}
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
fn all_files() -> Vec<String> {
    let mut files = Vec::new();
    for year in std::fs::read_dir(data("confs-tech")).unwrap() {
        let year = year.unwrap().path();
        if year.is_dir() {
            for f in std::fs::read_dir(&year).unwrap() {
                files.push(f.unwrap().path().to_string_lossy().into_owned());
            }
        }
    }
    files.sort();
    files
}

fn import_all() -> Bundle {
    let files = all_files();
    let mut args = vec!["--from", "confs-tech"];
    args.extend(files.iter().map(String::as_str));
    bundle(&import(&args))
}

fn a_conference_under_several_topics_is_one_event() {
    let mut records = 0;
    let mut distinct = BTreeSet::new();
    for f in all_files() {
        let v: Value = serde_json::from_slice(&std::fs::read(&f).unwrap()).unwrap();
        for r in v.as_array().unwrap() {
            records += 1;
            distinct.insert((
                person_key(r["name"].as_str().unwrap()),
                r["startDate"].as_str().unwrap().to_string(),
            ));
        }
    }
    let b = import_all();
    assert_eq!(records, 1154);
    assert_eq!(b.events.len(), distinct.len());
    assert!(b.events.len() < records);
    // Listed under more than one topic: its topics are its projects.
    let multi = b.events.iter().filter(|e| e.projects.len() > 1).count();
    assert!(multi > 0);

    let e = b
        .events
        .iter()
        .find(|e| e.name == "Front Utah" && e.start.year == 2018)
        .unwrap();
    assert_eq!(e.end.unwrap().to_string(), "2018-01-06");
    assert_eq!(e.url.as_deref(), Some("https://www.frontutah.com"));
    let p = b
        .places
        .iter()
        .find(|p| Some(&p.id) == e.place.as_ref())
        .unwrap();
    assert_eq!(p.city, "Salt Lake City");
    assert_eq!(p.country_code.as_deref(), Some("US"));
    assert!((p.lat.unwrap() - 40.76).abs() < 0.1 && (p.lon.unwrap() + 111.89).abs() < 0.1);
    assert!(b.attribution.iter().any(|a| a.text.contains("GeoNames")));
}

fn online_only_events_have_no_place() {
    let b = import_all();
    let online: Vec<_> = b.events.iter().filter(|e| e.online).collect();
    assert_eq!(online.len(), 4);
    assert!(online.iter().all(|e| e.place.is_none()));
}

fn at_least_97_percent_of_in_person_events_are_geocoded() {
    let b = import_all();
    let in_person: Vec<_> = b.events.iter().filter(|e| !e.online).collect();
    let located = in_person
        .iter()
        .filter(|e| {
            let p = e
                .place
                .as_ref()
                .and_then(|id| b.places.iter().find(|p| &p.id == id));
            p.is_some_and(|p| p.lat.is_some())
        })
        .count();
    let rate = located as f64 / in_person.len() as f64;
    println!(
        "geocoded {located} of {} in-person confs.tech events: {:.1}%",
        in_person.len(),
        rate * 100.0
    );
    assert!(rate >= 0.97, "only {:.1}% geocoded", rate * 100.0);
}

fn a_places_file_fills_the_gaps() {
    let dir = tempfile::tempdir().unwrap();
    let places = dir.path().join("places.toml");
    std::fs::write(
        &places,
        "[[place]]\ncity = \"Rovinj\"\ncountry = \"Croatia\"\nlat = 45.081\nlon = 13.638\n",
    )
    .unwrap();
    let file = data("confs-tech/2018/javascript.json");
    let plain = import(&["--from", "confs-tech", &file]);
    let fixed = import(&[
        "--from",
        "confs-tech",
        &file,
        "--places",
        places.to_str().unwrap(),
    ]);
    assert!(
        plain
            .stderr
            .contains("no coordinates for `Rovinj, Croatia`"),
        "{}",
        plain.stderr
    );
    assert!(!fixed.stderr.contains("Rovinj"), "{}", fixed.stderr);
    let b = bundle(&fixed);
    let p = b.places.iter().find(|p| p.city == "Rovinj").unwrap();
    assert_eq!(
        (p.lat, p.country_code.as_deref()),
        (Some(45.081), Some("HR"))
    );

    std::fs::write(&places, "[[place]]\ncity = \"X\"\n").unwrap();
    let bad = import(&[
        "--from",
        "confs-tech",
        &file,
        "--places",
        places.to_str().unwrap(),
    ]);
    assert_eq!(bad.code, Some(1));
    assert!(
        bad.stderr.contains("not a valid places file"),
        "{}",
        bad.stderr
    );
}

/// Issue 15 on the real files: Kielux's HTML descriptions become Markdown, and every confs.tech
/// country is one name with its code (no "U.S.A." beside "United States").
fn real_html_and_countries_are_converted() {
    let k = bundle(&import(&["--from", "ical", &data("ical/kielux_2020.ics")]));
    for t in &k.talks {
        let a = t.r#abstract.as_deref().unwrap_or("");
        assert!(!a.contains("<a ") && !a.contains("</li>"), "{a}");
    }
    let sponsors = talk(&k, "Sponsorenvorstellung");
    assert!(
        sponsors
            .r#abstract
            .as_deref()
            .unwrap()
            .contains("[Linuxhotel](https://linuxhotel.de/)"),
        "{:?}",
        sponsors.r#abstract
    );
    let files = all_files();
    let mut args = vec!["--from", "confs-tech"];
    args.extend(files.iter().map(String::as_str));
    let b = bundle(&import(&args));
    for p in &b.places {
        assert!(p.country_code.is_some(), "{p:?}");
        assert!(!p.country.contains('.') && p.country.len() > 2, "{p:?}");
    }
    assert!(b
        .events
        .iter()
        .any(|e| e.name == "10th International Conference on Wireless & Mobile Networks (WiMoNe)"));
    // Recurring conferences without a year in their names form series.
    let recurring = b
        .series
        .iter()
        .find(|s| s.name == "Beyond Tellerrand")
        .unwrap();
    let editions = b
        .events
        .iter()
        .filter(|e| e.series.as_deref() == Some(recurring.id.as_str()))
        .count();
    assert!(editions >= 4, "{editions}");
}

fn main() {
    let Some(dir) = shared_data() else {
        println!(
            "import_shared: skipped, no third-party data at ../shared/data (set HALLWAY_SHARED_DATA=<folder> to run it)"
        );
        return;
    };
    let checks: &[(&str, fn())] = &[
        (
            "frab_camp2019_imports_every_talk_and_speaker",
            frab_camp2019_imports_every_talk_and_speaker,
        ),
        (
            "pretalx_rc3_imports_every_talk_and_speaker",
            pretalx_rc3_imports_every_talk_and_speaker,
        ),
        (
            "an_invalid_schedule_is_refused_with_its_json_path",
            an_invalid_schedule_is_refused_with_its_json_path,
        ),
        (
            "debconf23_imports_every_talk_and_speaker",
            debconf23_imports_every_talk_and_speaker,
        ),
        (
            "kielux_imports_every_vevent_and_attendee",
            kielux_imports_every_vevent_and_attendee,
        ),
        (
            "a_file_that_is_not_icalendar_is_refused",
            a_file_that_is_not_icalendar_is_refused,
        ),
        (
            "two_runs_write_byte_identical_bundles",
            two_runs_write_byte_identical_bundles,
        ),
        (
            "the_same_person_in_two_formats_is_one_person",
            the_same_person_in_two_formats_is_one_person,
        ),
        (
            "a_conference_under_several_topics_is_one_event",
            a_conference_under_several_topics_is_one_event,
        ),
        (
            "online_only_events_have_no_place",
            online_only_events_have_no_place,
        ),
        (
            "at_least_97_percent_of_in_person_events_are_geocoded",
            at_least_97_percent_of_in_person_events_are_geocoded,
        ),
        ("a_places_file_fills_the_gaps", a_places_file_fills_the_gaps),
        (
            "real_html_and_countries_are_converted",
            real_html_and_countries_are_converted,
        ),
    ];
    let mut failed = Vec::new();
    for (name, check) in checks {
        if std::panic::catch_unwind(check).is_err() {
            failed.push(*name);
        }
    }
    println!(
        "import_shared: ran {} checks on {}, {} failed",
        checks.len(),
        dir.display(),
        failed.len()
    );
    if !failed.is_empty() {
        eprintln!("failed: {}", failed.join(", "));
        std::process::exit(1);
    }
}
