//! Filters, facets and search on the demo bundle and on a small hand-made one.

use hallway_core::query::{DateRange, Facet, Filter, QueryIndex, Sort, View};
use hallway_core::{load, Dataset, Date};
use std::sync::Arc;

fn demo() -> Arc<Dataset> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed-bundle.json"
    ))
    .expect("the demo bundle is in public/data");
    Arc::new(Dataset::new(
        load(&bytes).expect("the demo bundle loads").bundle,
    ))
}

fn ids(data: &Dataset, view: View, items: &[u32]) -> Vec<String> {
    let b = &data.bundle;
    items
        .iter()
        .map(|&i| match view {
            View::Events => b.events[i as usize].id.to_string(),
            View::Talks => b.talks[i as usize].id.to_string(),
            View::Reports => b.reports[i as usize].id.to_string(),
        })
        .collect()
}

fn run_ids(data: &Dataset, q: &QueryIndex, f: &Filter) -> Vec<String> {
    ids(data, f.view, &q.run(f).items)
}

#[test]
fn project_qemu_finds_the_tracing_summit_talk() {
    let data = demo();
    let q = QueryIndex::new(&data);
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::Project, "qemu");
    assert_eq!(run_ids(&data, &q, &f), vec!["tracing-in-the-qemu-emulator"]);
    f.view = View::Events;
    f.sort = Sort::Oldest;
    assert_eq!(
        run_ids(&data, &q, &f),
        vec!["tracing-summit-2014", "kvm-forum-2014"]
    );
}

#[test]
fn city_dublin_finds_the_linuxcon_europe_2015_events() {
    let data = demo();
    let q = QueryIndex::new(&data);
    let mut f = Filter::default();
    f.toggle(Facet::City, "dublin");
    let mut got = run_ids(&data, &q, &f);
    got.sort();
    assert_eq!(
        got,
        vec![
            "cloudopen-europe-2015",
            "elc-europe-2015",
            "linuxcon-europe-2015"
        ]
    );
    f.view = View::Reports;
    assert_eq!(
        run_ids(&data, &q, &f),
        vec!["containers-eye-view-linuxcon-eu-2015"]
    );
}

#[test]
fn text_search_is_accent_and_case_insensitive() {
    let data = demo();
    let q = QueryIndex::new(&data);
    let f = Filter {
        text: "dusseldorf".into(),
        ..Filter::default()
    };
    let r = q.run(&f);
    assert_eq!(r.total, 5, "{:?}", ids(&data, View::Events, &r.items));
    let f = Filter {
        text: "Düsseldorf TRACING".into(),
        ..Filter::default()
    };
    assert_eq!(run_ids(&data, &q, &f), vec!["tracing-summit-2014"]);
    for (view, text, want) in [
        (View::Talks, "hajnoczi", "tracing-in-the-qemu-emulator"),
        (View::Talks, "hajno", "tracing-in-the-qemu-emulator"),
        (
            View::Talks,
            "stefan qemu trac",
            "tracing-in-the-qemu-emulator",
        ),
        (
            View::Reports,
            "hajnoczi",
            "tracing-summit-and-kvm-forum-2014",
        ),
        (View::Events, "hajnoczi", "tracing-summit-2014"),
    ] {
        let f = Filter {
            view,
            text: text.into(),
            ..Filter::default()
        };
        assert_eq!(run_ids(&data, &q, &f), vec![want], "{text} in {view:?}");
    }
    let f = Filter {
        view: View::Talks,
        text: "hajnoczi kubernetes".into(),
        ..Filter::default()
    };
    assert!(q.run(&f).items.is_empty());
}

#[test]
fn sort_orders_and_date_ranges() {
    let data = demo();
    let q = QueryIndex::new(&data);
    let newest = q.run(&Filter::default()).items;
    let mut oldest = q
        .run(&Filter {
            sort: Sort::Oldest,
            ..Filter::default()
        })
        .items;
    oldest.reverse();
    assert_eq!(newest, oldest);
    assert_eq!(
        ids(&data, View::Events, &newest[..1]),
        vec!["linuxcon-europe-2015"]
    );

    // October 2014 keeps the Düsseldorf week; the LinuxCon Europe event ending on the 15th overlaps.
    let f = Filter {
        range: Some(DateRange::between(
            Date::ymd(2014, 10, 0),
            Date::ymd(2014, 10, 0),
        )),
        ..Filter::default()
    };
    let r = q.run(&f);
    assert_eq!(r.total, 5);
    assert_eq!(
        r.unranged_items().len(),
        9,
        "the histogram still sees every event"
    );
    let f = Filter {
        range: Some(DateRange::between(
            Date::ymd(2014, 10, 16),
            Date::ymd(2015, 8, 0),
        )),
        ..Filter::default()
    };
    let mut got = run_ids(&data, &q, &f);
    got.sort();
    assert_eq!(
        got,
        vec![
            "kvm-forum-2014",
            "linux-plumbers-2014",
            "linuxcon-north-america-2015"
        ]
    );
}

#[test]
fn facet_counts_apply_every_other_filter() {
    let data = demo();
    let q = QueryIndex::new(&data);
    let mut f = Filter::default();
    f.toggle(Facet::City, "dublin");
    let r = q.run(&f);
    let city = &r.facets[Facet::City.index()];
    // The city facet ignores its own selection: every city keeps its count.
    let values: Vec<_> = city.values().collect();
    let counts: Vec<(&str, u32, bool)> = values
        .iter()
        .map(|v| (&*v.key, v.count, v.selected))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("dusseldorf", 5, false),
            ("dublin", 3, true),
            ("seattle", 1, false)
        ]
    );
    // Other facets count within Dublin only.
    let years = &r.facets[Facet::Year.index()];
    assert_eq!(years.len(), 1);
    let first = years.get(0).expect("one year");
    assert_eq!((&*first.key, first.count), ("2015", 3));
    let country = &r.facets[Facet::Country.index()];
    let first = country.get(0).expect("a country");
    assert_eq!(&*first.key, "ie");
    assert_eq!(&*first.label, "Ireland");
    assert_eq!(country.matching("irel").len(), 1);
    assert_eq!(country.top(0).len(), 0);

    // A selected value with nothing in this view stays listed, so it can be removed.
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::Year, "2015");
    let r = q.run(&f);
    assert_eq!(r.total, 0);
    let values: Vec<_> = r.facets[Facet::Year.index()].values().collect();
    let years: Vec<(&str, u32, bool)> = values
        .iter()
        .map(|v| (&*v.key, v.count, v.selected))
        .collect();
    assert_eq!(years, vec![("2014", 1, false), ("2015", 0, true)]);
    assert_eq!(r.facets[Facet::Year.index()].top(1).len(), 2);
}

/// A hand-made bundle whose counts are worked out on paper.
fn small() -> Arc<Dataset> {
    let json = r#"{
      "format": "hallway-bundle", "version": "1.0", "title": "small",
      "projects": [{"id": "a", "name": "Alpha"}, {"id": "b", "name": "Beta"}],
      "places": [{"id": "x", "city": "Xtown", "country": "Exland", "country_code": "EX"},
                 {"id": "y", "city": "Ycity", "country": "Exland", "country_code": "EX"},
                 {"id": "z", "city": "Zburg", "country": "Zedland"}],
      "series": [{"id": "s", "name": "Series S"}],
      "people": [{"id": "p1", "name": "Ann"}, {"id": "p2", "name": "Bob"}],
      "events": [
        {"id": "e1", "name": "E one", "start": "2020-01-10", "place": "x", "series": "s"},
        {"id": "e2", "name": "E two", "start": "2021-06-01", "place": "y", "series": "s", "projects": ["b"]},
        {"id": "e3", "name": "E three", "start": "2021-12-30", "end": "2022-01-02", "place": "z"}
      ],
      "talks": [
        {"id": "t1", "title": "One", "event": "e1", "speakers": ["p1"], "projects": ["a"], "track": "Core"},
        {"id": "t2", "title": "Two", "event": "e1", "speakers": ["p1", "p2"], "projects": ["b"]},
        {"id": "t3", "title": "Three", "event": "e2", "speakers": ["p2"]},
        {"id": "t4", "title": "Four", "event": "e3", "speakers": ["p2"], "projects": ["a", "b"], "track": "Core", "date": "2022-01-01"}
      ],
      "reports": [
        {"id": "r1", "title": "R one", "published": "2020-02", "talks": ["t1"]},
        {"id": "r2", "title": "R two", "published": "2022", "events": ["e2", "e3"], "projects": ["a"]}
      ]
    }"#;
    let loaded = load(json.as_bytes()).expect("the small bundle loads");
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    Arc::new(Dataset::new(loaded.bundle))
}

fn counts(r: &hallway_core::query::Results, f: Facet) -> Vec<(String, u32)> {
    let mut v: Vec<(String, u32)> = r.facets[f.index()]
        .values()
        .map(|v| (v.key.to_string(), v.count))
        .collect();
    v.sort();
    v
}

fn pairs(list: &[(&str, u32)]) -> Vec<(String, u32)> {
    list.iter().map(|(k, c)| (k.to_string(), *c)).collect()
}

#[test]
fn facet_semantics_on_a_small_bundle() {
    let data = small();
    let q = QueryIndex::new(&data);

    // Talks: t3 inherits project b from its event; t4 counts once per project.
    let talks = q.run(&Filter::for_view(View::Talks));
    assert_eq!(counts(&talks, Facet::Project), pairs(&[("a", 2), ("b", 3)]));
    assert_eq!(
        counts(&talks, Facet::Country),
        pairs(&[("ex", 3), ("zedland", 1)])
    );
    assert_eq!(
        counts(&talks, Facet::Year),
        pairs(&[("2020", 2), ("2021", 1), ("2022", 1)])
    );
    assert_eq!(counts(&talks, Facet::Track), pairs(&[("Core", 2)]));

    // Events take their talks' projects, speakers and tracks; e3 spans two years.
    let events = q.run(&Filter::default());
    assert_eq!(
        counts(&events, Facet::Project),
        pairs(&[("a", 2), ("b", 3)])
    );
    assert_eq!(
        counts(&events, Facet::Speaker),
        pairs(&[("p1", 1), ("p2", 3)])
    );
    assert_eq!(
        counts(&events, Facet::Year),
        pairs(&[("2020", 1), ("2021", 2), ("2022", 1)])
    );

    // Reports: r1 reaches e1's place through t1; r2 has its own project plus nothing from talks.
    let reports = q.run(&Filter::for_view(View::Reports));
    assert_eq!(
        counts(&reports, Facet::City),
        pairs(&[("x", 1), ("y", 1), ("z", 1)])
    );
    assert_eq!(counts(&reports, Facet::Project), pairs(&[("a", 2)]));
    assert_eq!(counts(&reports, Facet::Speaker), pairs(&[("p1", 1)]));

    // OR within a facet, AND across: speakers p1 or p2 AND project a.
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::Speaker, "p1");
    f.toggle(Facet::Speaker, "p2");
    f.toggle(Facet::Project, "a");
    let r = q.run(&f);
    assert_eq!(r.total, 2); // t1, t4
                            // Speaker counts apply project a but not the speaker selection.
    assert_eq!(counts(&r, Facet::Speaker), pairs(&[("p1", 1), ("p2", 1)]));
    // Project counts apply the speakers but not project a.
    assert_eq!(counts(&r, Facet::Project), pairs(&[("a", 2), ("b", 3)]));
    // Country counts apply both.
    assert_eq!(
        counts(&r, Facet::Country),
        pairs(&[("ex", 1), ("zedland", 1)])
    );

    // Countries by name slug resolve to the code.
    assert_eq!(q.resolve(Facet::Country, "exland"), Some("ex"));
    assert_eq!(q.resolve(Facet::Country, "nowhere"), None);
}

#[test]
fn relaxations_say_what_each_part_costs() {
    let data = small();
    let q = QueryIndex::new(&data);
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::City, "x");
    f.toggle(Facet::Track, "Core");
    f.text = "four".into();
    assert_eq!(q.run(&f).total, 0);
    let r = q.suggest_relaxations(&f);
    let got: Vec<(&str, usize)> = r
        .iter()
        .map(|r| (r.description.as_str(), r.count))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Without Cities: Xtown", 1),
            ("Without the search “four”", 1),
            ("Without Tracks: Core", 0),
        ]
    );
    assert_eq!(q.count(&r[0].filter), 1);
    assert!(!r[0].filter.is_active(Facet::City));
}

#[test]
fn dangling_references_do_not_panic_the_index() {
    // Dataset::new takes any bundle; one the loader never saw may point nowhere.
    let mut b = small().bundle.clone();
    b.talks[0].event = "nowhere".into();
    b.talks[0].date = None;
    b.talks[1].speakers.push("ghost".into());
    b.events[0].place = Some("atlantis".into());
    b.reports[0].talks.push("missing".into());
    let data = Arc::new(Dataset::new(b));
    let q = QueryIndex::new(&data);
    let r = q.run(&Filter::for_view(View::Talks));
    assert_eq!(r.total, 4);
    let (f, notices) = Filter::from_query("view=talks&year=0&speaker=ghost", &q);
    assert_eq!(f.selected(Facet::Year), vec!["0"]);
    assert_eq!(notices.len(), 1);
    assert_eq!(q.run(&f).total, 1);
    // The search index, built on first need, reads the same dangling references.
    let text = Filter {
        text: "t".into(),
        ..Filter::for_view(View::Talks)
    };
    assert!(q.run(&text).total <= 4);
}

#[test]
fn the_search_index_is_built_on_first_need_and_answers_the_same() {
    let data = demo();
    let lazy = QueryIndex::new(&data);
    assert!(
        !lazy.search_ready(),
        "QueryIndex::new leaves the search index for later"
    );
    // Filters without words do not build it.
    let blank = Filter {
        text: " ,, ".into(),
        ..Filter::for_view(View::Talks)
    };
    assert_eq!(lazy.run(&blank).total, lazy.len(View::Talks));
    assert!(!lazy.search_ready());
    let prepared = QueryIndex::new(&data);
    prepared.prepare_search();
    assert!(prepared.search_ready());
    for text in ["qemu", "düsseld", "Tracing Summit", "kvm forum 2015", "zzz"] {
        for view in View::ALL {
            let f = Filter {
                text: text.into(),
                ..Filter::for_view(view)
            };
            assert_eq!(lazy.run(&f), prepared.run(&f), "{text} in {view:?}");
        }
    }
    assert!(lazy.search_ready(), "the first text filter built it");
}

/// Every search on `q`: each word of the index and each of its first letters, in every view.
fn every_search(data: &Dataset, q: &QueryIndex) -> Vec<(String, Vec<String>)> {
    let mut words: Vec<String> = ('a'..='z')
        .flat_map(|c| q.text_index().completions(&c.to_string(), 1000))
        .map(str::to_string)
        .collect();
    words.extend(('a'..='z').map(String::from));
    let mut out = Vec::new();
    for view in [View::Events, View::Talks, View::Reports] {
        for w in &words {
            let f = Filter {
                view,
                text: w.clone(),
                ..Filter::default()
            };
            out.push((format!("{view:?} {w}"), run_ids(data, q, &f)));
        }
    }
    out
}

/// `more` for `prepare_search_within` that allows `n` items per call.
fn items(n: usize) -> impl FnMut() -> bool {
    let mut left = n;
    move || {
        let go = left > 0;
        left = left.saturating_sub(1);
        go
    }
}

#[test]
fn a_search_index_built_in_slices_is_the_one_built_at_once() {
    let data = demo();
    let whole = QueryIndex::new(&data);
    whole.prepare_search();
    let want = every_search(&data, &whole);
    assert!(want.iter().any(|(_, found)| !found.is_empty()));
    let b = &data.bundle;
    let all = b.events.len() + b.talks.len() + b.reports.len();
    for per_call in [1, 3, all] {
        let sliced = QueryIndex::new(&data);
        let mut calls = 0;
        while !sliced.prepare_search_within(&mut items(per_call)) {
            assert!(!sliced.search_ready());
            calls += 1;
            assert!(calls <= 2 * all + 2, "{per_call} items a call never ends");
        }
        assert!(sliced.search_ready());
        // Two passes over every item, `per_call` at a time; the last call says it is done.
        assert_eq!(
            calls + 1,
            (2 * all).div_ceil(per_call),
            "{per_call} items a call"
        );
        assert_eq!(
            sliced.text_index().term_count(),
            whole.text_index().term_count()
        );
        assert_eq!(
            every_search(&data, &sliced),
            want,
            "{per_call} items a call"
        );
    }
    // A search typed halfway through the build finishes it from where it is.
    let halfway = QueryIndex::new(&data);
    assert!(!halfway.prepare_search_within(&mut items(all + 1)));
    assert!(!halfway.search_ready());
    assert_eq!(every_search(&data, &halfway), want);
    assert!(halfway.prepare_search_within(&mut items(0)));
}
