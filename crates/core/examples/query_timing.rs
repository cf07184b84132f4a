//! Prints how long the timeline's work takes on a bundle: loading, indexing, and what one
//! keystroke or facet toggle costs (query, list layout, histogram), median of several runs.
//!
//! `cargo run -p hallway-core --release --example query_timing -- BUNDLE.json [RUNS]`
//! (bundles from `hallway generate --talks 100000 --seed 3 --split --out t100k.json`).
//! Figures only; nothing is asserted (the tests check behaviour, not wall-clock budgets).

use hallway_core::query::{Facet, Filter, QueryIndex, View};
use hallway_core::timeline::{Histogram, ListLayout};
use hallway_core::{load, Dataset};
use std::sync::Arc;
use std::time::{Duration, Instant};

#[path = "support/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn mb(bytes: usize) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// Wall time per call of `f`: the median and the fastest of `runs` samples, each repeating a
/// quick `f` for at least 50 ms. The machine these run on is shared, so other work only ever
/// adds time: the fastest sample is the steadier figure, the median the typical one.
#[derive(Clone, Copy)]
struct Timing {
    median: Duration,
    min: Duration,
}

impl std::fmt::Display for Timing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let cell = format!("{:.2?} / {:.2?}", self.median, self.min);
        f.pad(&cell)
    }
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Timing {
    let t0 = Instant::now();
    std::hint::black_box(f());
    let once = t0.elapsed().max(Duration::from_micros(1));
    let reps = (Duration::from_millis(50).as_nanos() / once.as_nanos()).clamp(1, 10_000) as u32;
    let mut samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let t0 = Instant::now();
            for _ in 0..reps {
                std::hint::black_box(f());
            }
            t0.elapsed() / reps
        })
        .collect();
    samples.sort();
    Timing {
        median: samples[samples.len() / 2],
        min: samples[0],
    }
}

/// What the timeline does after each change of the filter: the query, the list's rows and
/// offsets, and the strip's histogram.
fn pipeline(q: &QueryIndex, f: &Filter) -> usize {
    let r = q.run(f);
    let layout = ListLayout::new(&r.items, |i| q.date_of(r.view, i), 44.0, 96.0);
    let h = Histogram::for_results(q, &r, 800.0, 64.0);
    layout.len() + h.bars.len() + r.facets.len()
}

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: query_timing BUNDLE.json [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(7);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    let t0 = Instant::now();
    let loaded = load(&bytes).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    drop(bytes);
    let t_load = t0.elapsed();
    // Cloned before timing: the figures are `Dataset::new`'s own.
    let bundle = loaded.bundle.clone();
    let base = counting::live();
    let t0 = Instant::now();
    let data = Dataset::new(bundle);
    let t_dataset = t0.elapsed();
    let dataset_bytes = counting::live() - base;
    drop(data);
    let data = Arc::new(Dataset::new(loaded.bundle));
    let t_new = time(runs.min(5), || QueryIndex::new(&data).len(View::Talks));
    // The search index is built on first need: what eager indexing would cost.
    let t_all = time(runs.min(5), || QueryIndex::new(&data).prepare_search());
    let before = counting::live();
    let t0 = Instant::now();
    let q = QueryIndex::new(&data);
    let t_index = t0.elapsed();
    let index_bytes = counting::live() - before;
    println!(
        "{path}: {} talks, {} events; median / fastest of {runs} runs (first builds: one run)",
        data.bundle.talks.len(),
        data.bundle.events.len()
    );
    println!("{:<46} {:>10.1?}", "load (parse + validate)", t_load);
    println!(
        "{:<46} {:>10.1?}  keeps {}",
        "Dataset::new",
        t_dataset,
        mb(dataset_bytes)
    );
    println!(
        "{:<46} {:>22}  keeps {} (first build {:.1?})",
        "QueryIndex::new",
        t_new,
        mb(index_bytes),
        t_index
    );
    println!(
        "{:<46} {:>22}",
        "QueryIndex::new + prepare_search (search index)", t_all
    );

    let talks = Filter::for_view(View::Talks);
    let with_text = |t: &str| Filter {
        text: t.to_string(),
        ..talks.clone()
    };
    let t0 = Instant::now();
    let first = q.run(&with_text("t")).total;
    let t_first = t0.elapsed();
    println!(
        "{:<46} {:>10.1?}  ({first} items; builds the search index if lazy)",
        "first text query `t`", t_first
    );
    println!(
        "{:<46} {:>10}",
        "live heap after the first search",
        mb(counting::live() - before)
    );
    println!("{:<46} {:>22} {:>22}", "per change", "run", "pipeline");
    let row = |label: &str, f: &Filter| {
        let run = time(runs, || q.run(f).total);
        let all = time(runs, || pipeline(&q, f));
        println!("{label:<46} {run:>22} {all:>22}");
    };
    row("talks, no filter", &talks);
    for t in ["t", "tr", "tra", "trac"] {
        row(&format!("keystroke `{t}`"), &with_text(t));
    }
    let Some(first) = q.run(&talks).facets[Facet::Project.index()].get(0) else {
        eprintln!("{path}: no projects to toggle");
        return;
    };
    let key = first.key.to_string();
    let mut toggled = talks.clone();
    toggled.toggle(Facet::Project, &key);
    row(&format!("facet toggle project `{key}`"), &toggled);
    let mut both = with_text("trac");
    both.toggle(Facet::Project, &key);
    row("facet toggle with text `trac`", &both);
    row("events view, no filter", &Filter::default());
}
