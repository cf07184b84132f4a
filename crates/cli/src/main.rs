//! `hallway`: the publisher's command-line tool. A thin shell over `hallway-core`.

mod check;
mod export;
mod generate;
mod map_asset;
mod merge_cmd;
mod topojson;

use clap::{Parser, Subcommand};
use hallway_cli::{build, import, init, serve, split};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "hallway",
    version,
    about = "Build, check and publish Hallway conference bundles."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a bundle (single file or split form) and print every problem with its JSON path.
    /// Several bundles are checked together, as the app merges them (`?bundle=A&bundle=B`):
    /// references may point into another bundle, and disagreements are reported.
    ///
    /// Exits 0 when the bundle is clean, 1 when it has problems or cannot be used,
    /// and 2 when the file cannot be read.
    Check {
        /// The bundle's main JSON document (or several, in the order they are merged).
        #[arg(required = true)]
        bundles: Vec<PathBuf>,
        #[command(flatten)]
        limits: check::Limits,
    },
    /// Convert schedules and conference lists (frab/pretalx JSON, pentabarf XML, iCalendar,
    /// confs.tech) into one bundle, geocoding cities offline.
    Import(import::ImportArgs),
    /// Build a bundle (--out), or a whole static site (--site), from a content directory
    /// (bundle.toml, data TOML files, reports/*.md).
    ///
    /// Prints every problem with file, line and column. Exits 0 when clean, 1 on errors.
    /// See docs/publishing.md.
    Build(build::Args),
    /// Merge several bundles into one (the first wins where they disagree), as the app does
    /// for `?bundle=A&bundle=B`; every disagreement is printed as a warning.
    Merge(merge_cmd::Args),
    /// Create a content folder to start from: one report, event, place, person and project.
    ///
    /// Refuses a folder that is not empty (exit 1).
    Init(init::Args),
    /// Preview a content folder: serve the site, rebuild on every change, reload open pages.
    ///
    /// Errors are printed here and shown on the page over the last good content.
    Serve(serve::Args),
    /// Export a filtered view as iCalendar, Atom, JSON Feed, CSV, GeoJSON or a frab schedule.
    Export(export::Args),
    /// Write a deterministic synthetic bundle (or content tree) for testing and benchmarks.
    Generate(generate::Args),
    /// Print the bundle's JSON Schema (the file shipped at public/schema/bundle-v1.json).
    Schema,
    /// Build the map's world outlines (public/map/world.json) from world-atlas TopoJSON.
    MapAsset {
        /// A world-atlas file such as tools/node_modules/world-atlas/countries-110m.json.
        #[arg(long)]
        topojson: PathBuf,
        /// Where to write the outline JSON.
        #[arg(long, default_value = "public/map/world.json")]
        out: PathBuf,
        /// The topology object holding the countries.
        #[arg(long, default_value = "countries")]
        object: String,
        /// Simplification tolerance in world units (the world is 1000 wide).
        #[arg(long, default_value_t = 0.4)]
        tolerance: f64,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { bundles, limits } => match bundles.as_slice() {
            [one] => check::run(one, &limits),
            several => check::run_several(several, &limits),
        },
        Command::Merge(a) => a.run(),
        Command::Import(args) => import::run(args),
        Command::MapAsset {
            topojson,
            out,
            object,
            tolerance,
        } => map_asset::run(&topojson, &out, &object, tolerance),
        Command::Build(a) => a.run(),
        Command::Init(a) => a.run(),
        Command::Serve(a) => a.run(),
        Command::Generate(a) => a.run(),
        Command::Export(a) => a.run(),
        Command::Schema => {
            print!("{}", hallway_core::schema::bundle_schema_json());
            ExitCode::SUCCESS
        }
    }
}
