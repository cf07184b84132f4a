//! URL state: canonical query strings, round trips and lenient reading of anything pasted.

use hallway_core::query::{DateRange, Facet, Filter, QueryIndex, Sort, View};
use hallway_core::url::{self, param, Query};
use hallway_core::{load, Dataset, Date};
use proptest::prelude::*;
use std::sync::{Arc, OnceLock};

/// A bundle with awkward values: commas, plus signs, accents and spaces in tracks and names.
fn index() -> &'static (Arc<Dataset>, QueryIndex) {
    static CELL: OnceLock<(Arc<Dataset>, QueryIndex)> = OnceLock::new();
    CELL.get_or_init(|| {
        let json = r#"{
          "format": "hallway-bundle", "version": "1.0", "title": "url",
          "projects": [{"id": "qemu", "name": "QEMU"}, {"id": "kvm", "name": "KVM"}],
          "places": [{"id": "dusseldorf", "city": "Düsseldorf", "country": "Germany", "country_code": "DE"},
                     {"id": "dublin", "city": "Dublin", "country": "Ireland", "country_code": "IE"},
                     {"id": "atlantis", "city": "Atlantis", "country": "Lost Lands"}],
          "series": [{"id": "kvm-forum", "name": "KVM Forum"}],
          "people": [{"id": "stefan-hajnoczi", "name": "Stefan Hajnoczi"}, {"id": "a.b_c", "name": "A B C"}],
          "events": [
            {"id": "e1", "name": "E1", "start": "2014-10-13", "place": "dusseldorf", "series": "kvm-forum"},
            {"id": "e2", "name": "E2", "start": "2015-10-05", "place": "dublin"},
            {"id": "e3", "name": "E3", "start": "1999-01-01", "place": "atlantis"}
          ],
          "talks": [
            {"id": "t1", "title": "T1", "event": "e1", "speakers": ["stefan-hajnoczi"], "track": "C++, Rust & more"},
            {"id": "t2", "title": "T2", "event": "e2", "speakers": ["a.b_c"], "track": "Ünïcode 100% track"},
            {"id": "t3", "title": "T3", "event": "e3", "track": "a=b"}
          ]
        }"#;
        let data = Arc::new(Dataset::new(load(json.as_bytes()).expect("loads").bundle));
        let q = QueryIndex::new(&data);
        (data, q)
    })
}

fn read(s: &str) -> (Filter, Vec<String>) {
    Filter::from_query(s, &index().1)
}

#[test]
fn canonical_form_is_short_and_ordered() {
    let mut f = Filter::for_view(View::Talks);
    f.toggle(Facet::Project, "qemu");
    f.toggle(Facet::Project, "kvm");
    f.toggle(Facet::City, "dusseldorf");
    f.toggle(Facet::Year, "2014");
    f.text = "tracing qemu".into();
    f.range = Some(DateRange::between(
        Date::ymd(2014, 10, 0),
        Date::ymd(2015, 12, 0),
    ));
    f.sort = Sort::Oldest;
    assert_eq!(
        f.to_query(),
        "view=talks&q=tracing+qemu&project=kvm,qemu&city=dusseldorf&year=2014&from=2014-10&to=2015-12&sort=oldest"
    );
    assert_eq!(Filter::default().to_query(), "");
    let mut t = Filter::default();
    t.toggle(Facet::Track, "C++, Rust & more");
    t.toggle(Facet::Track, "a=b");
    assert_eq!(t.to_query(), "track=C%2B%2B%2C+Rust+%26+more,a%3Db");
    assert_eq!(read(&t.to_query()), (t, vec![]));
}

#[test]
fn stale_and_odd_values_are_dropped_with_a_notice() {
    let (f, notices) = read(
        "?view=maps&project=qemu,nosuch&city=Düsseldorf&country=germany,ie&year=20x4&from=2015-13&to=2014&sort=up&zoom=3",
    );
    assert_eq!(f.view, View::Events);
    assert_eq!(f.selected(Facet::Project), vec!["qemu"]);
    assert_eq!(f.selected(Facet::City), vec!["dusseldorf"]);
    assert_eq!(f.selected(Facet::Country), vec!["de", "ie"]);
    assert!(f.years.is_empty());
    assert_eq!(
        f.range,
        Some(DateRange {
            from: None,
            to: Some(Date::ymd(2014, 0, 0))
        })
    );
    assert_eq!(notices.len(), 5, "{notices:#?}");
    assert!(notices.iter().any(|n| n.contains("`nosuch`")));
    assert!(notices.iter().any(|n| n.contains("`maps`")));

    let (f, notices) = read("from=2016&to=2014-10&project=qemu&project=kvm");
    assert_eq!(
        f.range,
        Some(DateRange::between(
            Date::ymd(2014, 10, 0),
            Date::ymd(2016, 0, 0)
        ))
    );
    assert_eq!(f.selected(Facet::Project), vec!["kvm", "qemu"]);
    assert_eq!(notices.len(), 1);
}

/// Issue 14, item 5: an open end used to be stored as year 0000 or 9999 and written back
/// (`?to=2014` became `from=0000&to=2014`) and shown ("Without the dates 0000 to 2014").
#[test]
fn open_date_ranges_keep_only_their_end() {
    for q in ["to=2014", "from=2014-10", "to=2015-06-30"] {
        let (f, notices) = read(q);
        assert!(notices.is_empty(), "{notices:?}");
        assert_eq!(f.to_query(), q);
    }
    let (f, _) = read("?to=2014");
    assert_eq!(f.range.unwrap().to_string(), "until 2014");
    let mut none = f.clone();
    none.toggle(Facet::Project, "qemu");
    none.toggle(Facet::Year, "2015");
    let relaxations = index().1.suggest_relaxations(&none);
    let dates = relaxations
        .iter()
        .find(|r| r.description.contains("dates"))
        .expect("the dates can be relaxed");
    assert_eq!(dates.description, "Without the dates until 2014");
    assert!(relaxations.iter().all(|r| !r.description.contains("0000")));
    let (f, _) = read("from=2015");
    assert_eq!(f.range.unwrap().to_string(), "from 2015");
    assert_eq!(
        index().1.run(&f).total,
        1,
        "from 2015 on, only E2 (2015-10-05)"
    );
}

#[test]
fn queries_keep_their_order_lists_and_repeated_keys() {
    let q = Query::parse("?bundle=/b/one.json&panel=map&track=C%2B%2B%2C+x,a%3Db&bundle=https://x.org/two.json&at=@51.2,6.7,z4&flag");
    assert_eq!(q.get(param::PANEL).as_deref(), Some("map"));
    assert_eq!(
        q.get_all(param::BUNDLE).collect::<Vec<_>>(),
        ["/b/one.json", "https://x.org/two.json"]
    );
    assert_eq!(q.get_list("track"), ["C++, x", "a=b"]);
    assert_eq!(q.get(param::AT).as_deref(), Some("@51.2,6.7,z4"));
    assert!(q.contains("flag"));
    assert_eq!(
        q.to_string(),
        "bundle=/b/one.json&panel=map&track=C%2B%2B%2C+x,a%3Db&bundle=https://x.org/two.json&at=@51.2,6.7,z4&flag"
    );
    let mut q = Query::parse("a=1&panel=map&b=2");
    q.set(param::PANEL, None);
    assert_eq!(q.to_string(), "a=1&b=2");
    q.set("a", Some("x y"));
    q.set(param::PANEL, Some("map"));
    assert_eq!(q.to_string(), "a=x+y&b=2&panel=map");
    q.set_list(param::AT, &"@51.2,6.7,z4".split(',').collect::<Vec<_>>());
    q.set_list("a", &["x,y", "z"]);
    assert_eq!(q.to_string(), "a=x%2Cy,z&b=2&panel=map&at=@51.2,6.7,z4");
    assert_eq!(q.get(param::AT).as_deref(), Some("@51.2,6.7,z4"));
    // Pasted spellings read the same and are written canonically.
    assert_eq!(
        Query::parse("q=d%C3%BCsseldorf").get("q").as_deref(),
        Some("düsseldorf")
    );
    assert_eq!(
        Query::parse("q=düsseldorf").to_string(),
        "q=d%C3%BCsseldorf"
    );
    assert_eq!(Query::parse("q=%zz").get("q").as_deref(), Some("%zz"));
}

/// Issue 14, item 2: links dropped `?bundle=`, so a reader of another bundle who clicked
/// anything landed on the default one.
#[test]
fn sticky_params_survive_every_internal_link() {
    let current = Query::parse("bundle=/fixtures/other.json&project=qemu&panel=map&at=@1,2,z3");
    let sticky = current.sticky();
    assert_eq!(sticky.to_string(), "bundle=/fixtures/other.json");
    assert_eq!(
        url::href(&url::entity_path("events", "kvm-forum-2014"), &sticky),
        "/events/kvm-forum-2014?bundle=/fixtures/other.json"
    );
    assert_eq!(
        url::href("/?project=qemu", &sticky),
        "/?project=qemu&bundle=/fixtures/other.json"
    );
    assert_eq!(
        url::href("/map?at=@1,2,z3#x", &sticky),
        "/map?at=@1,2,z3&bundle=/fixtures/other.json#x"
    );
    // A link naming its own bundle keeps it; every bundle of a list follows.
    assert_eq!(url::href("/?bundle=a.json", &sticky), "/?bundle=a.json");
    let two = Query::parse("bundle=a.json&bundle=b.json&q=x").sticky();
    assert_eq!(
        url::href("/about", &two),
        "/about?bundle=a.json&bundle=b.json"
    );
    assert_eq!(url::href("/about", &Query::new()), "/about");
    // A filter's link keeps the bundle through the same writer.
    let mut f = Filter::default();
    f.toggle(Facet::Project, "qemu");
    assert_eq!(
        url::href(&url::join("/", &f.to_params()), &sticky),
        "/?project=qemu&bundle=/fixtures/other.json"
    );
}

fn set_of(keys: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    proptest::sample::subsequence(keys, 0..=keys.len())
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

fn date() -> impl Strategy<Value = Date> {
    (1i32..=9999, 0u8..=12, 0u8..=28).prop_map(|(y, m, d)| {
        if m == 0 {
            Date::ymd(y, 0, 0)
        } else {
            Date::ymd(y, m, d)
        }
    })
}

fn filter() -> impl Strategy<Value = Filter> {
    (
        prop_oneof![Just(View::Events), Just(View::Talks), Just(View::Reports)],
        set_of(&["qemu", "kvm"]),
        set_of(&["dusseldorf", "dublin", "atlantis"]),
        set_of(&["de", "ie", "lost-lands"]),
        set_of(&["1999", "2014", "2015"]),
        (
            set_of(&["kvm-forum"]),
            set_of(&["stefan-hajnoczi", "a.b_c"]),
            set_of(&["C++, Rust & more", "Ünïcode 100% track", "a=b"]),
        ),
        any::<String>(),
        proptest::option::of((proptest::option::of(date()), proptest::option::of(date()))),
        any::<bool>(),
    )
        .prop_map(|(view, p, c, k, y, (s, sp, tr), text, range, oldest)| {
            let mut f = Filter::for_view(view);
            for (facet, vals) in [
                (Facet::Project, p),
                (Facet::City, c),
                (Facet::Country, k),
                (Facet::Year, y),
                (Facet::Series, s),
                (Facet::Speaker, sp),
                (Facet::Track, tr),
            ] {
                for v in vals {
                    f.toggle(facet, &v);
                }
            }
            f.text = text;
            f.range = match range {
                Some((Some(a), Some(b))) if b < a => Some(DateRange::between(b, a)),
                Some((None, None)) | None => None,
                Some((from, to)) => Some(DateRange { from, to }),
            };
            f.sort = if oldest { Sort::Oldest } else { Sort::Newest };
            f
        })
}

proptest! {
    #[test]
    fn valid_filters_round_trip(f in filter()) {
        let q = f.to_query();
        let (back, notices) = read(&q);
        prop_assert_eq!(&back, &f, "via {}", q);
        prop_assert!(notices.is_empty(), "{:?}", notices);
        prop_assert_eq!(back.to_query(), q);
    }

    #[test]
    fn any_string_reads_without_panicking(s in any::<String>()) {
        let (f, _) = read(&s);
        // Whatever was read is canonical from then on.
        prop_assert_eq!(read(&f.to_query()).0, f);
    }

    #[test]
    fn query_shaped_strings_read_without_panicking(
        s in "(view|q|project|city|country|year|series|speaker|track|from|to|sort)=[a-z0-9%+,&=.-]{0,12}(&(view|q|from|to|year|track)=[%0-9A-Fa-f,+-]{0,10}){0,4}"
    ) {
        let (f, _) = read(&s);
        prop_assert_eq!(read(&f.to_query()).0, f);
    }
}

#[test]
fn links_under_a_base_path_keep_it_and_routes_drop_it() {
    use hallway_core::url::Base;
    let base = Base::from_path("/reports/");
    assert_eq!(base.as_str(), "/reports");
    assert_eq!(Base::from_path("/reports/index.html"), base);
    assert_eq!(
        Base::from_path("/reports"),
        Base::root(),
        "no slash: a file at the root"
    );
    assert_eq!(Base::from_path("/"), Base::root());
    let sticky = Query::parse("bundle=b.json");
    assert_eq!(
        url::href_in(&base, "/talks/a?x=1#t", &sticky),
        "/reports/talks/a?x=1&bundle=b.json#t"
    );
    assert_eq!(url::href_in(&base, "/", &Query::new()), "/reports/");
    // A route that happens to share the base's name still gets the base in front.
    assert_eq!(
        url::href_in(&base, "/reports/r1", &Query::new()),
        "/reports/reports/r1"
    );
    assert_eq!(base.route("/reports/reports/r1"), "/reports/r1");
    assert_eq!(base.route("/reports/"), "/");
    assert_eq!(base.route("/reports"), "/");
    assert_eq!(base.route("/reportsx/a"), "/reportsx/a");
    assert_eq!(Base::root().route("/talks/a"), "/talks/a");
    assert_eq!(
        url::href_in(&Base::root(), "/about", &Query::new()),
        "/about"
    );
}
