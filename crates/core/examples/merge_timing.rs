//! Prints what merging costs: two 50,000-talk bundles loaded and merged, against the same data
//! as one 100,000-talk bundle loaded, each followed by `Dataset::new` (what the app does before
//! indexing). Median and fastest of several runs.
//!
//! `cargo run -p hallway-core --release --example merge_timing -- A.json [RUNS]`
//! with `A.json` from `hallway generate --talks 50000 --seed 1 --out A.json`. The second bundle
//! is A with every id (and reference) prefixed `b-`, so the two are disjoint, and the one large
//! bundle is their merge written out whole: both sides load exactly the same records.

use hallway_core::merge::{load_part, merge, Part};
use hallway_core::{load, load_with, Bundle, Dataset, Id, LoadOptions};
use std::time::{Duration, Instant};

fn prefixed(mut b: Bundle) -> Bundle {
    let p = |s: &mut Id| *s = format!("b-{s}").into();
    let all = |v: &mut Vec<Id>| v.iter_mut().for_each(p);
    b.projects.iter_mut().for_each(|x| p(&mut x.id));
    b.places.iter_mut().for_each(|x| p(&mut x.id));
    for v in &mut b.venues {
        p(&mut v.id);
        p(&mut v.place);
    }
    b.series.iter_mut().for_each(|x| p(&mut x.id));
    for e in &mut b.events {
        p(&mut e.id);
        e.series.as_mut().map(p);
        e.place.as_mut().map(p);
        e.venue.as_mut().map(p);
        all(&mut e.colocated);
        all(&mut e.projects);
    }
    b.people.iter_mut().for_each(|x| p(&mut x.id));
    for t in &mut b.talks {
        p(&mut t.id);
        p(&mut t.event);
        all(&mut t.speakers);
        all(&mut t.projects);
    }
    for r in &mut b.reports {
        p(&mut r.id);
        all(&mut r.events);
        all(&mut r.talks);
        all(&mut r.projects);
    }
    b.title = format!("{} (b)", b.title);
    b
}

/// The CPU time this thread has run (Linux: `/proc/thread-self/schedstat`, nanoseconds), or
/// wall time elsewhere. The machines these run on are shared: time spent waiting for a core is
/// not the code's, and CPU time leaves it out.
#[derive(Clone, Copy)]
struct Clock(Instant, Option<u64>);

fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

impl Clock {
    fn now() -> Self {
        Clock(Instant::now(), cpu_ns())
    }
    fn elapsed(&self) -> Duration {
        match (self.1, cpu_ns()) {
            (Some(a), Some(b)) => Duration::from_nanos(b.saturating_sub(a)),
            _ => self.0.elapsed(),
        }
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: merge_timing A.json [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let a = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let first = load(&a).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let b = serde_json::to_vec(&prefixed(first.bundle)).expect("serialises");
    // No caps on either side: the one large bundle, written whole, is over the default byte cap.
    let opts = LoadOptions::unlimited();
    // A and B as the app holds them before merging: each loaded with its references unchecked.
    let load_parts = || {
        [("a.json", &a), ("b.json", &b)]
            .into_iter()
            .map(|(name, bytes)| Part {
                url: name.into(),
                href: name.into(),
                loaded: load_part(bytes, &opts).expect("loads"),
            })
            .collect::<Vec<_>>()
    };
    let merge_two = || {
        let parts = load_parts();
        let m = merge(parts);
        Dataset::with_provenance(m.bundle, m.provenance)
    };
    let merged = merge_two();
    let c = serde_json::to_vec(&merged.bundle).expect("serialises");
    println!(
        "A {} talks ({} bytes), B {} bytes, one bundle {} talks ({} bytes); median / fastest of {runs} runs, CPU time of the thread",
        merged.bundle.talks.len() / 2,
        a.len(),
        b.len(),
        merged.bundle.talks.len(),
        c.len()
    );
    drop(merged);
    // Samples alternate between the two sides, so that other work on a shared machine weighs
    // on both alike.
    let mut one = Vec::new();
    let mut two = Vec::new();
    let mut steps = Vec::new();
    for _ in 0..runs {
        let t0 = Clock::now();
        let loaded = load_with(&c, &opts).expect("loads");
        std::hint::black_box(Dataset::new(loaded.bundle).bundle.talks.len());
        one.push(t0.elapsed());

        let t0 = Clock::now();
        let parts = load_parts();
        let t_load = t0.elapsed();
        let m = merge(parts);
        let t_merge = t0.elapsed() - t_load;
        std::hint::black_box(
            Dataset::with_provenance(m.bundle, m.provenance)
                .bundle
                .talks
                .len(),
        );
        two.push(t0.elapsed());
        steps.push((t_load, t_merge));
    }
    let stat = |v: &mut Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[0])
    };
    let (one, two) = (stat(&mut one), stat(&mut two));
    let (mut loads, mut merges): (Vec<_>, Vec<_>) = steps.into_iter().unzip();
    let (loads, merges) = (stat(&mut loads), stat(&mut merges));
    for (label, (median, fastest)) in [
        ("load one bundle + Dataset::new", one),
        ("load two + merge + Dataset::new", two),
        ("  of which: load_part A and B", loads),
        ("  of which: merge (with the reference checks)", merges),
    ] {
        println!("{label:<52} {median:>10.1?} / {fastest:>10.1?}");
    }
    println!(
        "merge / one: {:.3} (median), {:.3} (fastest)",
        two.0.as_secs_f64() / one.0.as_secs_f64(),
        two.1.as_secs_f64() / one.1.as_secs_f64()
    );
}
