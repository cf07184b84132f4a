//! `hallway import --from pentabarf` on the project's own schedule.xml fixtures: HTML
//! abstracts (escaped and in CDATA), a country from the gazetteer, missing speakers and times.

mod import_support;

use import_support::*;

#[test]
fn html_abstracts_become_markdown() {
    let b = bundle(&import(&[
        "--from",
        "pentabarf",
        &fixture("pentabarf/hallway-days-2021.xml"),
    ]));
    // Nested lists, a link kept, a `javascript:` link and on* attributes dropped, entities
    // decoded, `<script>` gone with its text, Markdown specials in text escaped.
    assert_eq!(
        talk(&b, "Welcome to Hallway Days").r#abstract.as_deref(),
        Some(
            "What we **kept** from *ten* years & what we dropped: 1 \\* 2 = \\[x\\].\n\n\
             ### Programme\n\n\
             *   Talks\n    *   see [the list](https://hallway-days.example.org/talks)\n\
             *   a trap\n\n\
             Café \\<code> at `9_30`"
        )
    );
    // CDATA HTML, `<style>` dropped.
    assert_eq!(
        talk(&b, "Lightning talks").r#abstract.as_deref(),
        Some("1.  Five minutes\n2.  Each, **strictly**")
    );
    // Text without tags is kept as written, Markdown and all.
    assert_eq!(
        talk(&b, "Tracing in QEMU").r#abstract.as_deref(),
        Some("Plain text, with *Markdown* kept as written.")
    );
    // Search text has no tag names left.
    for t in &b.talks {
        let a = t.r#abstract.as_deref().unwrap_or("");
        assert!(
            !a.contains("strong") && !a.contains("<p") && !a.contains("<li"),
            "{a}"
        );
        assert!(!a.contains("alert") && !a.contains("javascript"), "{a}");
    }
}

#[test]
fn the_place_reads_the_country_name_with_the_code_beside_it() {
    let r = import(&[&fixture("pentabarf/hallway-days-2021.xml")]);
    let b = bundle(&r);
    let e = &b.events[0];
    assert_eq!(e.name, "Hallway Days 2021");
    assert_eq!(e.timezone.as_deref(), Some("Europe/Brussels"));
    let p = &b.places[0];
    assert_eq!(Some(&p.id), e.place.as_ref());
    // pentabarf gives only the city: the country comes from the gazetteer as a code, and is
    // stored as its name.
    assert_eq!(
        (
            p.city.as_str(),
            p.country.as_str(),
            p.country_code.as_deref()
        ),
        ("Brussels", "Belgium", Some("BE"))
    );
    let t = talk(&b, "Welcome to Hallway Days");
    assert_eq!(t.start.unwrap().to_string(), "2021-02-06T09:30:00+01:00");
    assert_eq!(t.duration_min, Some(50));
    assert_eq!(person_names(&b, &t.speakers), ["Anna Müller"]);
    assert_eq!(
        t.links[0].url,
        "https://video.example.org/hd21-welcome.webm"
    );
}

#[test]
fn the_report_counts_what_to_check() {
    let r = import(&[
        &fixture("pentabarf/hallway-days-2021.xml"),
        &fixture("pentabarf/hallway-days-2023.xml"),
    ]);
    let b = bundle(&r);
    // Without a time zone or <date>, a talk keeps only its day.
    let t = talk(&b, "Tracing in QEMU, again");
    assert_eq!(
        (t.start, t.date.map(|d| d.to_string())),
        (None, Some("2023-02-04".into()))
    );
    for line in [
        "talks without a speaker: 1",
        "talks without a start time (day only): 1",
        "places without coordinates: 0",
        "abstracts converted from HTML to Markdown: 2",
        "series formed: 1, editions: Hallway Days (2)",
    ] {
        assert!(r.stdout.contains(line), "no `{line}` in:\n{}", r.stdout);
    }
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
