//! Exports of a small hand-made dataset: the iCalendar time-zone cases pretalx got wrong,
//! file names, and the view rules. The CLI's tests read every format back with other parsers.

use super::*;
use crate::model::*;
use crate::query::DateRange;

fn dt(s: &str) -> Option<DateTime> {
    Some(DateTime::parse(s).unwrap())
}

fn talk(id: &str, start: Option<DateTime>, minutes: Option<u32>) -> Talk {
    Talk {
        id: id.into(),
        title: format!("Talk {id}"),
        event: "kvm-forum-2014".into(),
        track: None,
        room: None,
        speakers: vec![],
        date: None,
        start,
        duration_min: minutes,
        r#abstract: None,
        text_shard: None,
        projects: vec![],
        links: vec![],
    }
}

fn data() -> Dataset {
    let mut b = Bundle::new("Test");
    b.events.push(Event {
        id: "kvm-forum-2014".into(),
        name: "KVM Forum 2014".into(),
        series: None,
        start: Date::ymd(2014, 10, 14),
        end: Some(Date::ymd(2014, 10, 16)),
        timezone: Some("Europe/Berlin".into()),
        place: None,
        venue: None,
        online: false,
        colocated: vec![],
        url: None,
        attendance: None,
        projects: vec![],
    });
    b.talks = vec![
        // Summer time in Berlin (until 26 October 2014): 09:30 local is 07:30 UTC.
        talk("berlin-october", dt("2014-10-14T09:30:00+02:00"), Some(45)),
        // Starts before the change back to winter time (03:00 CEST -> 02:00 CET on 26 Oct)
        // and ends after it: 01:30 CEST is 23:30 UTC the day before; the length is real time.
        talk("across-dst", dt("2014-10-26T01:30:00+02:00"), Some(120)),
        // Negative offset late in the evening: the UTC date is the next day.
        talk("seattle-evening", dt("2015-08-18T20:00:00-07:00"), Some(30)),
        talk("no-time", None, None),
    ];
    b.talks[3].date = Some(Date::ymd(2014, 10, 15));
    b.talks.push(talk("no-day", None, None));
    Dataset::new(b)
}

fn vevent<'a>(ics: &'a str, uid: &str) -> &'a str {
    let start = ics
        .find(&format!("UID:{uid}"))
        .expect("the talk is exported");
    let end = ics[start..].find("END:VEVENT").unwrap() + start;
    &ics[start..end]
}

#[test]
fn talk_times_are_exact_utc_instants() {
    let d = data();
    let out = ical::talks(&d, &[0, 1, 2, 3, 4], &Options::default(), &Parse);
    let ics = &out.text;
    let berlin = vevent(ics, "talk-berlin-october@hallway");
    assert!(berlin.contains("DTSTART:20141014T073000Z\r\n"), "{berlin}");
    assert!(berlin.contains("DURATION:PT45M\r\n"));
    let dst = vevent(ics, "talk-across-dst@hallway");
    assert!(dst.contains("DTSTART:20141025T233000Z\r\n"), "{dst}");
    assert!(
        dst.contains("DURATION:PT2H\r\n"),
        "real time, not wall-clock time: {dst}"
    );
    let seattle = vevent(ics, "talk-seattle-evening@hallway");
    assert!(
        seattle.contains("DTSTART:20150819T030000Z\r\n"),
        "{seattle}"
    );
    // No floating times and no TZID without a VTIMEZONE.
    assert!(!ics.contains("TZID"));
    for line in ics.lines().filter(|l| l.starts_with("DTSTART:")) {
        assert!(line.ends_with("Z\r") || line.ends_with('Z'), "{line}");
    }
    let untimed = vevent(ics, "talk-no-time@hallway");
    assert!(untimed.contains("DTSTART;VALUE=DATE:20141015\r\nDTEND;VALUE=DATE:20141016\r\n"));
    assert!(!ics.contains("no-day@"));
    assert_eq!(out.notes.len(), 1, "{:?}", out.notes);
}

#[test]
fn all_day_events_end_the_day_after() {
    let out = ical::events(&data(), &[0], &Options::default());
    assert!(out
        .text
        .contains("DTSTART;VALUE=DATE:20141014\r\nDTEND;VALUE=DATE:20141017\r\n"));
    assert!(out.text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(out.text.ends_with("END:VCALENDAR\r\n"));
    assert!(out.text.contains("DTSTAMP:19700101T000000Z\r\n"));
}

#[test]
fn file_names_follow_the_filter() {
    let mut f = Filter::default();
    assert_eq!(file_name(&f, "ics"), "hallway-all.ics");
    f.toggle(Facet::Project, "qemu");
    f.toggle(Facet::City, "dublin");
    assert_eq!(file_name(&f, "ics"), "hallway-qemu-dublin.ics");
    f.view = View::Talks;
    f.text = "Tracing, really?".into();
    assert_eq!(
        file_name(&f, ".csv"),
        "hallway-qemu-dublin-tracing-really-talks.csv"
    );
    let mut long = Filter::default();
    for i in 0..40 {
        long.toggle(Facet::Speaker, &format!("speaker-number-{i}"));
    }
    let name = file_name(&long, "ics");
    assert!(name.len() < 100, "{name}");
    long.toggle(Facet::Speaker, "speaker-number-0");
    assert_ne!(
        file_name(&long, "ics"),
        name,
        "different filters, different names"
    );
    let mut range = Filter {
        range: Some(DateRange {
            from: Some(Date::ymd(2014, 10, 0)),
            to: None,
        }),
        ..Filter::default()
    };
    assert_eq!(file_name(&range, "ics"), "hallway-from-2014-10.ics");
    range.range = Some(DateRange::between(
        Date::ymd(2014, 0, 0),
        Date::ymd(2015, 6, 30),
    ));
    assert_eq!(file_name(&range, "ics"), "hallway-2014-to-2015-06-30.ics");
    range.range = Some(DateRange {
        from: None,
        to: Some(Date::ymd(2014, 0, 0)),
    });
    assert_eq!(file_name(&range, "ics"), "hallway-until-2014.ics");
    let mut accents = Filter::default();
    accents.toggle(Facet::City, "düsseldorf");
    assert_eq!(file_name(&accents, "ics"), "hallway-dusseldorf.ics");
}

#[test]
fn formats_refuse_views_they_cannot_list() {
    let d = data();
    let err = export(&d, Format::Atom, View::Events, &[0], &Options::default()).unwrap_err();
    assert!(err.to_string().contains("view=reports"), "{err}");
    assert_eq!(Format::Atom.view_for(View::Talks), View::Reports);
    assert_eq!(Format::Ical.view_for(View::Talks), View::Talks);
    for f in Format::ALL {
        assert_eq!(Format::parse(f.name()), Some(f));
    }
}

#[test]
fn uuids_are_stable_distinct_and_well_formed() {
    let a = uuid("talk", "berlin-october");
    assert_eq!(a, uuid("talk", "berlin-october"));
    assert_ne!(a, uuid("talk", "across-dst"));
    assert_ne!(a, uuid("person", "berlin-october"));
    let b = a.as_bytes();
    assert_eq!(a.len(), 36);
    assert_eq!((b[8], b[13], b[18], b[23]), (b'-', b'-', b'-', b'-'));
    assert_eq!(b[14], b'8', "version 8: {a}");
    assert!(
        matches!(b[19], b'8' | b'9' | b'a' | b'b'),
        "RFC variant: {a}"
    );
}

#[test]
fn frab_keeps_offsets_and_skips_untimed_talks() {
    let d = data();
    let out = frab::schedule(&d, 0, &[0, 1, 2, 3, 4], &Options::default()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&out.text).unwrap();
    let days = v["schedule"]["conference"]["days"].as_array().unwrap();
    let first = &days[0]["rooms"]["Main"][0];
    assert_eq!(first["date"], "2014-10-14T09:30:00+02:00");
    assert_eq!(first["start"], "09:30");
    assert_eq!(first["duration"], "00:45");
    // Two untimed talks noted, and the event's three days plus the talks' own days.
    assert_eq!(out.notes.len(), 2, "{:?}", out.notes);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        [
            "2014-10-14",
            "2014-10-15",
            "2014-10-16",
            "2014-10-26",
            "2015-08-18"
        ]
    );
    assert!(matches!(
        frab::schedule(&d, 9, &[], &Options::default()),
        Err(ExportError::NoSuchEvent(_))
    ));
}

#[test]
fn links_to_the_app_keep_every_bundle_of_the_view() {
    let d = data();
    let options = Options {
        base_url: Some("https://h.org".into()),
        bundles: vec!["data/a.json".into(), "https://b.org/b.json".into()],
        ..Options::default()
    };
    let out = csv::talks(&d, &[0], &options);
    assert!(out.text.contains("https://h.org/talks/"), "{}", out.text);
    assert!(
        out.text
            .contains("?bundle=data/a.json&bundle=https://b.org/b.json"),
        "{}",
        out.text
    );
}

/// The test dataset with two reports whose bodies are Markdown and a talk with an abstract.
fn with_markdown() -> Dataset {
    let mut d = data();
    let b = &mut d.bundle;
    b.talks[0].r#abstract = Some("We *trace* <b>QEMU</b> &amp; KVM.".into());
    for (id, body) in [
        ("r1", "A **bold** report.\n\n<script>x</script>"),
        ("r2", "Plain."),
    ] {
        b.reports.push(Report {
            id: id.into(),
            title: format!("Report {id}"),
            author: None,
            published: Date::ymd(2014, 10, 20),
            url: None,
            events: vec!["kvm-forum-2014".into()],
            talks: vec![],
            projects: vec![],
            summary: None,
            body: Some(body.into()),
            text_shard: None,
        });
    }
    Dataset::new(d.bundle)
}

#[test]
fn converted_answers_give_the_same_bytes_as_the_parser() {
    // The app's path (list the sources, convert them elsewhere, export with the answers) must
    // produce exactly what `hallway export` does with core's parser.
    let d = with_markdown();
    let options = Options::default();
    for (format, view, items) in [
        (Format::Ical, View::Talks, vec![0, 1, 2, 3, 4]),
        (Format::Atom, View::Reports, vec![0, 1]),
        (Format::JsonFeed, View::Reports, vec![1, 0]),
    ] {
        let sources = markdown_sources(&d, format, view, &items, &options);
        assert!(
            !sources.html.is_empty() || !sources.plain.is_empty(),
            "{format}"
        );
        let html = sources.html.iter().map(|m| Parse.html(m)).collect();
        let plain = sources.plain.iter().map(|m| Parse.plain(m)).collect();
        let converted = Converted::new(sources, html, plain);
        let ours = export_with(&d, format, view, &items, &options, &converted).unwrap();
        let theirs = export(&d, format, view, &items, &options).unwrap();
        assert_eq!(ours, theirs, "{format}");
    }
}

#[test]
fn markdown_sources_lists_each_text_once_and_only_what_is_exported() {
    let d = with_markdown();
    let o = Options::default();
    let s = markdown_sources(&d, Format::Atom, View::Reports, &[0, 1, 0], &o);
    assert_eq!(s.plain, Vec::<String>::new());
    let mut html = s.html.clone();
    html.sort();
    assert_eq!(
        html,
        vec!["A **bold** report.\n\n<script>x</script>", "Plain."]
    );
    let s = markdown_sources(&d, Format::Ical, View::Talks, &[1, 2], &o);
    assert_eq!(
        s,
        MarkdownSources::default(),
        "talks 1 and 2 have no abstract"
    );
    let s = markdown_sources(&d, Format::Ical, View::Talks, &[0], &o);
    assert_eq!(s.plain, vec!["We *trace* <b>QEMU</b> &amp; KVM."]);
    assert_eq!(
        markdown_sources(&d, Format::Csv, View::Talks, &[0], &o),
        MarkdownSources::default()
    );
    // A refused export converts nothing.
    assert_eq!(
        markdown_sources(&d, Format::Atom, View::Events, &[0], &o),
        MarkdownSources::default()
    );
}

#[test]
fn a_text_the_worker_was_not_asked_for_stays_inert() {
    let c = Converted::default();
    assert_eq!(
        c.html("<script>x</script> *a*"),
        "<p>&lt;script&gt;x&lt;/script&gt; *a*</p>\n"
    );
    assert_eq!(c.plain("*a*"), "*a*");
    let d = with_markdown();
    let out = export_with(
        &d,
        Format::Atom,
        View::Reports,
        &[0],
        &Options::default(),
        &c,
    )
    .unwrap();
    assert!(!out.text.contains("<script>"), "{}", out.text);
}
