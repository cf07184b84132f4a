//! `hallway build`: turns a content directory (TOML data files and Markdown reports, see
//! `docs/publishing.md`) into a bundle, reporting every problem with file, line and column.

mod content;
mod diagnostics;
mod export;
mod fields;
mod records;

pub use content::Content;
pub use diagnostics::Diagnostics;
pub use export::write_content;

use hallway_core::model::*;
use records::Kind;
use std::path::Path;
use std::process::ExitCode;

/// Options of one build.
pub struct Options {
    /// Unknown fields are errors rather than warnings.
    pub strict: bool,
    /// The bundle's `generated` timestamp; absent keeps the output a pure function of the content.
    pub generated: Option<String>,
}

/// Reads and checks a content directory. The bundle is returned only when there is no error;
/// the diagnostics (warnings included) are returned either way.
pub fn build(dir: &Path, options: &Options) -> (Option<Bundle>, Diagnostics) {
    let mut d = Diagnostics::default();
    let mut c = Content::read(dir, options.strict, &mut d);
    check_refs(&c, &mut d);
    check_venues(&c, &mut d);
    if d.error_count() > 0 {
        return (None, d);
    }
    c.bundle.generator = Some(Generator {
        name: "hallway".into(),
        version: Some(env!("CARGO_PKG_VERSION").into()),
    });
    c.bundle.generated = options.generated.clone();
    (Some(c.bundle), d)
}

/// Every reference must name a record of the right collection; suggest the closest id when not.
fn check_refs(c: &Content, d: &mut Diagnostics) {
    let empty = Default::default();
    for r in &c.refs {
        let known = c.ids.get(&r.kind).unwrap_or(&empty);
        if known.contains_key(&r.at.value) {
            continue;
        }
        let noun = r.kind.noun();
        let hint = hallway_core::text::closest(&r.at.value, known.keys().map(String::as_str))
            .map(|best| format!("did you mean `{best}`?"));
        d.error(
            r.at.file,
            r.at.span.clone(),
            format!("unknown {noun} `{}`", r.at.value),
            hint,
        );
    }
}

/// An event's venue must be in its place (the loader would drop it otherwise).
fn check_venues(c: &Content, d: &mut Diagnostics) {
    let venue_place: std::collections::HashMap<&str, &str> = c
        .bundle
        .venues
        .iter()
        .map(|v| (v.id.as_str(), v.place.as_str()))
        .collect();
    let venue_refs: Vec<&records::Ref> = c.refs.iter().filter(|r| r.kind == Kind::Venue).collect();
    for e in &c.bundle.events {
        let (Some(v), Some(p)) = (&e.venue, &e.place) else {
            continue;
        };
        let Some(vp) = venue_place.get(v.as_str()) else {
            continue;
        };
        if vp != p {
            if let Some(r) = venue_refs.iter().find(|r| &r.at.value == v) {
                d.error(
                    r.at.file,
                    r.at.span.clone(),
                    format!(
                        "venue `{v}` is in place `{vp}`, but event `{}` is in `{p}`",
                        e.id
                    ),
                    Some("fix the event's `place`, or leave it out: the venue implies it".into()),
                );
            }
        }
    }
}

/// The `generated` value: `--generated`, else `SOURCE_DATE_EPOCH` (reproducible builds), else none.
pub fn generated_from(flag: Option<String>) -> Result<Option<String>, String> {
    if let Some(g) = flag {
        hallway_core::DateTime::parse(&g).map_err(|e| format!("--generated: {e}"))?;
        return Ok(Some(g));
    }
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) if !s.trim().is_empty() => {
            let secs: i64 = s
                .trim()
                .parse()
                .map_err(|_| format!("SOURCE_DATE_EPOCH must be seconds since 1970, not `{s}`"))?;
            let day = hallway_core::Date::from_days_since_epoch(secs.div_euclid(86_400));
            let t = secs.rem_euclid(86_400);
            Ok(Some(format!(
                "{day}T{:02}:{:02}:{:02}Z",
                t / 3600,
                t / 60 % 60,
                t % 60
            )))
        }
        _ => Ok(None),
    }
}

/// The command: build, print diagnostics, write the bundle. Exit 0 clean, 1 on errors, 2 on I/O.
pub fn run(
    dir: &Path,
    out: &Path,
    strict: bool,
    split: bool,
    generated: Option<String>,
) -> ExitCode {
    match checked(dir, strict, generated) {
        Ok(mut bundle) => write_bundle(&mut bundle, out, split),
        Err(code) => code,
    }
}

/// Builds and prints the diagnostics; the bundle when there is no error, else the exit status.
pub fn checked(dir: &Path, strict: bool, generated: Option<String>) -> Result<Bundle, ExitCode> {
    let generated = match generated_from(generated) {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {e}");
            return Err(ExitCode::from(2));
        }
    };
    if !dir.is_dir() {
        eprintln!("error: `{}` is not a directory; give the content directory (the one holding bundle.toml)", dir.display());
        return Err(ExitCode::from(2));
    }
    let options = Options { strict, generated };
    let (bundle, d) = build(dir, &options);
    eprint!("{}", d.render());
    bundle.ok_or_else(|| {
        eprintln!(
            "error: {} error(s), {} warning(s); no bundle was written",
            d.error_count(),
            d.warning_count()
        );
        ExitCode::from(1)
    })
}

fn write_bundle(bundle: &mut Bundle, out: &Path, split: bool) -> ExitCode {
    match crate::split::write(bundle, out, split) {
        Ok(w) => {
            println!("{}", crate::split::summary(out, bundle, &w));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// Command-line arguments of `hallway build`.
#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("output").required(true).args(["out", "site"])))]
pub struct Args {
    /// The content directory (holding bundle.toml).
    content_dir: std::path::PathBuf,
    /// Where to write the bundle's JSON.
    #[arg(long)]
    out: Option<std::path::PathBuf>,
    /// Write a complete static site into this folder instead: the app (compiled into hallway),
    /// with the bundle at data/bundle.json. A previous site there is replaced.
    #[arg(long, value_name = "DIR")]
    site: Option<std::path::PathBuf>,
    /// The path the site is published under, such as /reports/ (GitHub Pages project sites).
    #[arg(long, value_name = "PATH", default_value = "/", requires = "site")]
    base_url: String,
    /// Reject unknown fields instead of warning about them.
    #[arg(long)]
    strict: bool,
    /// Write the split form: abstracts and bodies in `<out stem>.texts/<n>.json` shards.
    #[arg(long)]
    split: bool,
    /// The bundle's `generated` timestamp (RFC 3339). Defaults to SOURCE_DATE_EPOCH when set,
    /// else it is left out so that the same content always gives the same bytes.
    #[arg(long)]
    generated: Option<String>,
}

impl Args {
    pub fn run(self) -> ExitCode {
        let Some(site) = self.site else {
            let out = self.out.expect("clap requires --out or --site");
            return run(
                &self.content_dir,
                &out,
                self.strict,
                self.split,
                self.generated,
            );
        };
        // Everything that can be refused is refused before the content is read.
        let prepared = crate::site::normalize_base(&self.base_url)
            .and_then(|base| crate::site::app_files(&base));
        let files = match prepared {
            Ok(f) => f,
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        };
        // Nothing is touched until the content builds: a broken file leaves the last site.
        let mut bundle = match checked(&self.content_dir, self.strict, self.generated) {
            Ok(b) => b,
            Err(code) => return code,
        };
        if let Err(e) = crate::site::prepare_out(&site) {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
        if let Err(e) = crate::site::write_app(&site, &files) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
        let code = write_bundle(
            &mut bundle,
            &site.join(crate::site::BUNDLE_PATH),
            self.split,
        );
        if code == ExitCode::SUCCESS {
            println!("site ready in {}: upload the whole folder", site.display());
        }
        code
    }
}
