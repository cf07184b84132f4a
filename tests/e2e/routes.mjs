// Every route the accessibility and layout tests visit, in one table.
//
// Each `path!("...")` in src/app.rs must have at least one entry here (routes.test in
// a11y.test.mjs fails otherwise). Adding a route is one line: { name, pattern, url, ready }.
// - name: used in reports and screenshot file names (letters, digits, dashes).
// - pattern: the route pattern exactly as in app.rs, or null for states that are not a route
//   of their own (not found, the error view).
// - url: a concrete address with ids that exist in the demo bundle.
// - ready: a CSS selector that is present once the page has rendered its content.
// - layout: true for the main routes the screenshot/overflow test covers at every width.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

const DEMO = JSON.parse(fs.readFileSync(path.join(ROOT, 'public/data/bundle.json'), 'utf8'));

// The seed content (richest pages) where it exists, else the first record of that kind.
function pick(kind, preferred) {
  const list = DEMO[kind] || [];
  const found = list.find((r) => r.id === preferred) || list[0];
  if (!found) throw new Error(`the demo bundle has no ${kind}: rebuild public/data/bundle.json`);
  return found.id;
}

const EVENT = pick('events', 'tracing-summit-2014');
const TALK = pick('talks', 'tracing-in-the-qemu-emulator');
const PERSON = pick('people', 'stefan-hajnoczi');
const PROJECT = pick('projects', 'qemu');
const PLACE = pick('places', 'dusseldorf');
const REPORT = pick('reports', 'tracing-summit-and-kvm-forum-2014');

const ROWS = '#results li.row';

export const ROUTES = [
  { name: 'home', pattern: '/', url: '/', ready: ROWS, layout: true },
  { name: 'home-filtered', pattern: '/', url: '/?project=qemu&year=2014&q=tracing', ready: ROWS, layout: true },
  { name: 'home-talks', pattern: '/', url: '/?view=talks', ready: ROWS },
  { name: 'home-reports', pattern: '/', url: '/?view=reports&sort=oldest', ready: ROWS },
  { name: 'home-map-panel', pattern: '/', url: '/?panel=map&city=dublin', ready: '.map-svg .countries path', layout: true },
  // Another bundle than the site's own: the source notice above every page.
  { name: 'home-other-bundle', pattern: '/', url: '/?bundle=/__flaky__/routes/bundle.json', ready: ROWS, layout: true },
  { name: 'home-empty', pattern: '/', url: '/?city=dublin&project=qemu', ready: '.empty' },
  { name: 'map', pattern: '/map', url: '/map', ready: '.map-svg .countries path', layout: true },
  { name: 'event', pattern: '/events/:id', url: `/events/${EVENT}`, ready: 'h1', layout: true },
  { name: 'event-first', pattern: '/events/:id', url: `/events/${DEMO.events[0].id}`, ready: 'h1' },
  { name: 'talk', pattern: '/talks/:id', url: `/talks/${TALK}`, ready: 'h1', layout: true },
  { name: 'person', pattern: '/people/:id', url: `/people/${PERSON}`, ready: 'h1', layout: true },
  { name: 'project', pattern: '/projects/:id', url: `/projects/${PROJECT}`, ready: 'h1', layout: true },
  { name: 'place', pattern: '/places/:id', url: `/places/${PLACE}`, ready: 'h1', layout: true },
  { name: 'report', pattern: '/reports/:id', url: `/reports/${REPORT}`, ready: 'h1', layout: true },
  { name: 'about', pattern: '/about', url: '/about', ready: 'h1', layout: true },
  { name: 'not-found', pattern: null, url: '/no/such/page', ready: 'h1', layout: true },
  { name: 'talk-not-found', pattern: null, url: '/talks/tracing-qemu', ready: '.not-found li a' },
  { name: 'embed-timeline', pattern: '/embed/timeline', url: '/embed/timeline?project=qemu', ready: ROWS, layout: true },
  { name: 'embed-talks', pattern: '/embed/talks', url: '/embed/talks?year=2014', ready: ROWS },
  { name: 'embed-reports', pattern: '/embed/reports', url: '/embed/reports', ready: ROWS },
  { name: 'embed-map', pattern: '/embed/map', url: '/embed/map?country=germany', ready: '.map-svg .countries path', layout: true },
  { name: 'embed-event', pattern: '/embed/events/:id', url: `/embed/events/${EVENT}`, ready: 'h1' },
  { name: 'embed-project', pattern: '/embed/projects/:id', url: `/embed/projects/${PROJECT}`, ready: 'h1' },
  { name: 'embed-talk', pattern: '/embed/talks/:id', url: `/embed/talks/${TALK}`, ready: 'h1' },
  { name: 'embed-person', pattern: '/embed/people/:id', url: `/embed/people/${PERSON}`, ready: 'h1' },
  { name: 'embed-place', pattern: '/embed/places/:id', url: `/embed/places/${PLACE}`, ready: 'h1' },
  { name: 'embed-report', pattern: '/embed/reports/:id', url: `/embed/reports/${REPORT}`, ready: 'h1' },
  { name: 'error', pattern: null, url: '/?bundle=/__fixtures__/broken.json', ready: '[role=alert] h1' },
];

// The patterns declared with `path!("...")` in src/app.rs.
export function declaredPatterns() {
  const source = fs.readFileSync(path.join(ROOT, 'src/app.rs'), 'utf8');
  return [...source.matchAll(/path!\(\s*"([^"]*)"\s*\)/g)].map((m) => m[1]);
}

// Opens `route` in `page` and waits until its content is there.
export async function open(page, base, route) {
  await page.goto(base + route.url);
  await page.locator(route.ready).first().waitFor();
}
