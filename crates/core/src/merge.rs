//! Several publishers' bundles as one: records with the same id in the same collection are one
//! entity, the first bundle in the list wins where they disagree, and every record remembers
//! which bundles described it (its provenance). The app (`?bundle=A&bundle=B`) and the CLI
//! (`hallway merge`, `hallway check A B`) both merge here. Rules: `docs/bundle-format.md`
//! ("Merging bundles").
//!
//! Each bundle is loaded on its own with its references left unchecked ([`load_part`]), since
//! a report in one bundle may cover a talk that only another bundle lists; the references are
//! checked once, on the merged bundle.

use crate::load::{load_with, validate_assembled, HasId, LoadError, LoadOptions, Loaded, Problem};
use crate::model::*;
use std::fmt;

mod conflicts;
use conflicts::{Cx, Fields};

/// How many bundles one view can merge: provenance is a 64-bit set per record, which keeps it
/// at 8 bytes a record (800 kB at 100,000 talks) and the Source facet's rows trivial to build.
pub const MAX_BUNDLES: usize = 64;

/// Where a bundle came from: what the reader sees (its title) and where it lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceInfo {
    pub title: String,
    /// The URL (or path) as the bundle list gave it; the Source facet's key.
    pub url: String,
    /// The URL resolved (the app: against the page), for links and the bundle's shards.
    pub href: String,
}

/// A set of sources (bit `i` is the `i`th bundle of the list).
pub type SourceSet = u64;

/// Which bundles described each record: a side table indexed like the bundle's collections
/// (`events[i]` → `events[i]`), so the bundle format itself carries no provenance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Provenance {
    pub sources: Vec<SourceInfo>,
    pub events: Vec<SourceSet>,
    pub talks: Vec<SourceSet>,
    pub reports: Vec<SourceSet>,
}

impl Provenance {
    /// Every record from the one bundle `source`.
    pub fn single(bundle: &Bundle, source: SourceInfo) -> Self {
        Provenance {
            sources: vec![source],
            events: vec![1; bundle.events.len()],
            talks: vec![1; bundle.talks.len()],
            reports: vec![1; bundle.reports.len()],
        }
    }

    /// The sources in `set`, in list order.
    pub fn of(&self, set: SourceSet) -> impl Iterator<Item = (usize, &SourceInfo)> {
        self.sources
            .iter()
            .enumerate()
            .filter(move |(i, _)| set & (1 << i) != 0)
    }

    /// The bundles a report came from (usually one).
    pub fn of_report(&self, report: u32) -> Vec<&SourceInfo> {
        let set = self.reports.get(report as usize).copied().unwrap_or(0);
        self.of(set).map(|(_, s)| s).collect()
    }
}

/// One bundle to merge: where it came from and what its loader made of it.
pub struct Part {
    /// As the list gave it (see [`SourceInfo::url`]).
    pub url: String,
    /// Resolved, see [`SourceInfo::href`]; the CLI passes the path again.
    pub href: String,
    pub loaded: Loaded,
}

/// A problem of one bundle of the list (`source` indexes it), or of the merge itself.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedProblem {
    pub source: usize,
    pub problem: Problem,
}

/// The merged bundle and what the merge had to say.
pub struct Merged {
    pub bundle: Bundle,
    pub provenance: Provenance,
    /// Each bundle's own loading problems, then the disagreements between bundles, then the
    /// references that resolve in none of them.
    pub problems: Vec<SourcedProblem>,
    pub notices: Vec<String>,
}

impl Merged {
    /// A problem as one line: which bundle, then what the loader would say.
    pub fn describe(&self, p: &SourcedProblem) -> String {
        describe(&self.provenance.sources, p)
    }
}

/// `title (url): path: message (line L, column C; outcome)`; no position when unknown (0).
pub fn describe(sources: &[SourceInfo], p: &SourcedProblem) -> String {
    let pr = &p.problem;
    let what = match pr.outcome {
        crate::Outcome::Skipped => "record skipped",
        crate::Outcome::Repaired => "record kept without it",
    };
    let at = if pr.line == 0 {
        what.to_string()
    } else {
        format!("line {}, column {}; {what}", pr.line, pr.column)
    };
    let from = sources
        .get(p.source)
        .map_or_else(String::new, |s| format!("{} ({}): ", s.title, s.url));
    format!("{from}{}: {} ({at})", pr.path, pr.message)
}

/// Loads one bundle of a merge: the usual loader, with references left for after the merge.
pub fn load_part(bytes: &[u8], options: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with(bytes, &part_options(options))
}

/// [`load_part`]'s one-pass half ([`crate::load::load_clean`]): `Ok(None)` when the part needs
/// the careful loader, which the app asks its worker for (`remote::Job::Load`).
pub fn load_part_clean(bytes: &[u8], options: &LoadOptions) -> Result<Option<Loaded>, LoadError> {
    crate::load::load_clean(bytes, &part_options(options))
}

fn part_options(options: &LoadOptions) -> LoadOptions {
    LoadOptions {
        references: false,
        ..options.clone()
    }
}

/// Resolves a URL or path `reference` against `base` (the URL of the document it appears in),
/// as a browser resolves a relative link. Written by hand for the same reason as
/// `source::origin`: shard names are plain relative paths, and the `url` crate's IDNA tables
/// would grow the app's wasm. Absolute URLs are returned as they are.
pub fn resolve(base: &str, reference: &str) -> String {
    if reference.is_empty() {
        return base.to_string();
    }
    let has_scheme = |s: &str| {
        s.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme.len() > 1 // `C:` is a Windows drive, not a scheme
        })
    };
    if has_scheme(reference) {
        return reference.to_string();
    }
    let base = base.split(['?', '#']).next().unwrap_or_default();
    // `prefix` is the part never touched by dot segments: `scheme://authority` or nothing.
    let (prefix, path) = match base.find("://") {
        Some(i) => {
            let rest = &base[i + 3..];
            let end = rest.find('/').map_or(base.len(), |j| i + 3 + j);
            (&base[..end], &base[end..])
        }
        None => ("", base),
    };
    if let Some(rest) = reference.strip_prefix("//") {
        let scheme = prefix.split("://").next().unwrap_or("https");
        return format!("{scheme}://{rest}");
    }
    let joined = if reference.starts_with('/') {
        reference.to_string()
    } else {
        let dir = path.rfind('/').map_or("", |i| &path[..=i]);
        format!("{dir}{reference}")
    };
    let absolute = joined.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = joined.split('/').collect();
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "." => {}
            ".." => {
                if out.last().is_some_and(|s| *s != ".." && !s.is_empty()) {
                    out.pop();
                } else if !absolute {
                    out.push("..");
                }
            }
            "" if i > 0 && i + 1 < segments.len() => {}
            s => out.push(s),
        }
    }
    if matches!(segments.last(), Some(&".") | Some(&"..")) {
        out.push("");
    }
    let path = out.join("/");
    if prefix.is_empty() || path.starts_with('/') {
        format!("{prefix}{path}")
    } else {
        format!("{prefix}/{path}")
    }
}

/// Merges bundles in list order (the first wins). The parts should come from [`load_part`];
/// a part loaded with references checked merges the same, only with fewer cross-bundle links.
pub fn merge(parts: Vec<Part>) -> Merged {
    let mut problems = Vec::new();
    let mut notices = Vec::new();
    let mut sources = Vec::new();
    let mut parts = parts;
    if parts.len() > MAX_BUNDLES {
        let dropped: Vec<String> = parts.drain(MAX_BUNDLES..).map(|p| p.url).collect();
        notices.push(format!(
            "Hallway merges at most {MAX_BUNDLES} bundles; these were left out: {}.",
            dropped.join(", ")
        ));
    }
    let title = match parts.as_slice() {
        [only] => only.loaded.bundle.title.clone(),
        _ => parts
            .iter()
            .map(|p| p.loaded.bundle.title.as_str())
            .collect::<Vec<_>>()
            .join(" + "),
    };
    let mut out = Bundle::new(title);
    let mut bundles: Vec<Bundle> = Vec::with_capacity(parts.len());
    for (k, part) in parts.into_iter().enumerate() {
        let Part { url, href, loaded } = part;
        let Loaded {
            mut bundle,
            problems: own,
            notices: own_notices,
        } = loaded;
        sources.push(SourceInfo {
            title: bundle.title.clone(),
            url: url.clone(),
            href: href.clone(),
        });
        problems.extend(
            own.into_iter()
                .map(|problem| SourcedProblem { source: k, problem }),
        );
        notices.extend(own_notices.into_iter().map(|n| format!("{url}: {n}")));
        if k == 0 {
            out.version = bundle.version.clone();
            out.generator = bundle.generator.take();
            out.generated = bundle.generated.take();
        }
        for a in std::mem::take(&mut bundle.attribution) {
            if !out.attribution.contains(&a) {
                out.attribution.push(a);
            }
        }
        // Shard URLs are relative to their own bundle: resolve them so that the merged list
        // works from anywhere, and move this bundle's `text_shard` indexes past the earlier ones.
        let shift = out.texts.as_ref().map_or(0, |t| t.shards.len()) as u32;
        if let Some(texts) = bundle.texts.take() {
            let list = &mut out.texts.get_or_insert_with(TextShards::default).shards;
            list.extend(texts.shards.iter().map(|s| resolve(&href, s)));
            for t in &mut bundle.talks {
                t.text_shard = t.text_shard.map(|s| s + shift);
            }
            for r in &mut bundle.reports {
                r.text_shard = r.text_shard.map(|s| s + shift);
            }
        }
        bundles.push(bundle);
    }
    let mut cx = Cx {
        source: 0,
        sources: &sources,
        problems: &mut problems,
    };
    let (mut provenance, origin) = combine(&mut out, &mut bundles, &mut cx);
    drop(bundles);
    provenance.sources = sources;

    // References are checked once, across every bundle. A skipped talk changes the indexes
    // of those after it: its provenance goes with it.
    let (found, kept) = validate_assembled(&mut out);
    for problem in found {
        let (source, problem) = origin.locate(problem);
        problems.push(SourcedProblem { source, problem });
    }
    if kept.contains(&false) {
        let mut flags = kept.iter();
        provenance
            .talks
            .retain(|_| flags.next().copied().unwrap_or(true));
    }
    Merged {
        bundle: out,
        provenance,
        problems,
        notices,
    }
}

/// Where each merged record came from: (bundle, index in that bundle's collection).
struct Origin {
    places: Vec<(usize, usize)>,
    venues: Vec<(usize, usize)>,
    series: Vec<(usize, usize)>,
    projects: Vec<(usize, usize)>,
    events: Vec<(usize, usize)>,
    people: Vec<(usize, usize)>,
    talks: Vec<(usize, usize)>,
    reports: Vec<(usize, usize)>,
}

impl Origin {
    /// Rewrites a problem's path (`talks[12].event`, merged numbering) to the record's own
    /// bundle and index there.
    fn locate(&self, mut problem: Problem) -> (usize, Problem) {
        let parsed = problem.path.split_once('[').and_then(|(name, rest)| {
            let (n, tail) = rest.split_once(']')?;
            Some((name.to_string(), n.parse::<usize>().ok()?, tail.to_string()))
        });
        let Some((name, n, tail)) = parsed else {
            return (0, problem);
        };
        let list = match name.as_str() {
            "places" => &self.places,
            "venues" => &self.venues,
            "series" => &self.series,
            "projects" => &self.projects,
            "events" => &self.events,
            "people" => &self.people,
            "talks" => &self.talks,
            "reports" => &self.reports,
            _ => return (0, problem),
        };
        match list.get(n) {
            Some(&(source, index)) => {
                problem.path = format!("{name}[{index}]{tail}");
                (source, problem)
            }
            None => (0, problem),
        }
    }
}

/// Which records of each bundle are new (kept) and which repeat an earlier bundle's, with
/// every record's sources and origin: decided with ids borrowed from the bundles (no copy of
/// an id per record, which was most of the merge's own cost at 100,000 talks), then the new
/// records are moved into the merged bundle.
struct Plan {
    new: Vec<Vec<bool>>,
    sets: Vec<SourceSet>,
    origin: Vec<(usize, usize)>,
}

fn plan<T: HasId + Fields>(lists: &[&[T]], name: &str, cx: &mut Cx) -> Plan {
    let mut plan = Plan {
        new: Vec::with_capacity(lists.len()),
        sets: Vec::new(),
        origin: Vec::new(),
    };
    if let [only] = lists {
        plan.new.push(vec![true; only.len()]);
        plan.sets = vec![1; only.len()];
        plan.origin = (0..only.len()).map(|i| (0, i)).collect();
        return plan;
    }
    let total: usize = lists.iter().map(|l| l.len()).sum();
    let mut at: foldhash::HashMap<&str, u32> =
        foldhash::HashMap::with_capacity_and_hasher(total, Default::default());
    for (k, list) in lists.iter().enumerate() {
        cx.source = k;
        let bit: SourceSet = 1 << k;
        let mut new = Vec::with_capacity(list.len());
        for (i, record) in list.iter().enumerate() {
            // The first bundle's ids are unique (the loader saw to it): insert without looking.
            let seen = if k == 0 {
                None
            } else {
                at.get(record.id()).copied()
            };
            match seen {
                Some(m) => {
                    let m = m as usize;
                    plan.sets[m] |= bit;
                    let (kept_from, kept_i) = plan.origin[m];
                    let kept = &lists[kept_from][kept_i];
                    // Compared first without reporting: most shared records agree.
                    if kept.differ(record, None, (name, i, 0)) {
                        kept.differ(record, Some(&mut *cx), (name, i, kept_from));
                    }
                    new.push(false);
                }
                None => {
                    at.insert(record.id(), plan.sets.len() as u32);
                    plan.sets.push(bit);
                    plan.origin.push((k, i));
                    new.push(true);
                }
            }
        }
        plan.new.push(new);
    }
    plan
}

/// Moves the new records of every bundle into `out`, in bundle order.
fn take<T>(out: &mut Vec<T>, lists: Vec<Vec<T>>, new: &[Vec<bool>]) {
    out.reserve(new.iter().map(|n| n.iter().filter(|&&x| x).count()).sum());
    for (list, new) in lists.into_iter().zip(new) {
        out.extend(
            list.into_iter()
                .zip(new)
                .filter(|(_, &n)| n)
                .map(|(r, _)| r),
        );
    }
}

fn combine(out: &mut Bundle, bundles: &mut [Bundle], cx: &mut Cx) -> (Provenance, Origin) {
    macro_rules! collection {
        ($field:ident, $name:literal) => {{
            let lists: Vec<&[_]> = bundles.iter().map(|b| b.$field.as_slice()).collect();
            let p = plan(&lists, $name, cx);
            let owned = bundles
                .iter_mut()
                .map(|b| std::mem::take(&mut b.$field))
                .collect();
            take(&mut out.$field, owned, &p.new);
            (p.sets, p.origin)
        }};
    }
    let (_, places) = collection!(places, "places");
    let (_, venues) = collection!(venues, "venues");
    let (_, series) = collection!(series, "series");
    let (_, projects) = collection!(projects, "projects");
    let (events_sets, events) = collection!(events, "events");
    let (_, people) = collection!(people, "people");
    let (talks_sets, talks) = collection!(talks, "talks");
    let (reports_sets, reports) = collection!(reports, "reports");
    (
        Provenance {
            sources: Vec::new(),
            events: events_sets,
            talks: talks_sets,
            reports: reports_sets,
        },
        Origin {
            places,
            venues,
            series,
            projects,
            events,
            people,
            talks,
            reports,
        },
    )
}

impl fmt::Display for SourceInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.title, self.url)
    }
}

#[cfg(test)]
mod tests;
