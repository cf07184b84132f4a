//! Prints the heap as the app loads a bundle, phase by phase: what each step keeps and the
//! highest the heap has been. A wasm page keeps its memory's high-water mark for life, so the
//! peak, not what is live at the end, is the page's footprint (see BENCHMARKS.md, Memory).
//!
//! `cargo run -p hallway-core --release --example load_memory -- BUNDLE.json [--stream]`
//! (`--stream`: fed in 64 KiB pieces to `load::StreamLoader`, as the app reads a download).
//! Native figures (64-bit: pointers and `String`s are twice their wasm32 size); nothing asserted.

#[path = "support/counting.rs"]
mod counting;

#[global_allocator]
static ALLOC: counting::Counting = counting::Counting;

fn report(step: &str) {
    let mb = |bytes: usize| bytes as f64 / 1e6;
    println!(
        "{step:40} live {:7.1} MB   peak {:7.1} MB",
        mb(counting::live()),
        mb(counting::peak())
    );
}

fn main() {
    let Some(file) = std::env::args().nth(1) else {
        eprintln!("usage: load_memory BUNDLE.json");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    let streaming = std::env::args().nth(2).as_deref() == Some("--stream");
    let loaded = if streaming {
        // As the app reads a download: 64 KiB pieces, each dropped once fed.
        let mut loader = hallway_core::load::StreamLoader::new(&Default::default());
        let start = std::time::Instant::now();
        for piece in bytes.chunks(64 * 1024) {
            let piece = piece.to_vec();
            loader.feed(&piece);
        }
        drop(bytes);
        let loaded = loader.finish();
        println!("streamed in {:?}", start.elapsed());
        loaded
    } else {
        report("the bytes");
        let start = std::time::Instant::now();
        let loaded = hallway_core::load::load_clean(&bytes, &Default::default());
        println!("decoded in {:?}", start.elapsed());
        drop(bytes);
        loaded
    };
    // The app's order (src/data.rs `decode`): decode, free the bytes, then index.
    let loaded = match loaded {
        Ok(Some(l)) => l,
        Ok(None) => {
            eprintln!("{file}: not a clean bundle; the app would ask the careful loader");
            std::process::exit(1);
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    };
    report("decoded, bytes freed");
    let data = std::sync::Arc::new(hallway_core::Dataset::new(loaded.bundle));
    report("Dataset::new");
    let query = hallway_core::query::QueryIndex::new(&data);
    report("QueryIndex::new");
    query.prepare_search();
    report("search index (built when idle)");
}
