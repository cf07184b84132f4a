// Test host: records the embeds' height messages, sizes the plain iframe from them, and loads
// the <hallway-view> script on demand so a test can compare the host's styles before and after.
const app = new URLSearchParams(location.search).get('app') || location.origin;
const plain = document.getElementById('plain');
window.__messages = [];
window.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'hallway:resize') return;
  const fromPlain = event.source === plain.contentWindow;
  window.__messages.push({ height: data.height, path: data.path, origin: event.origin, fromPlain });
  // What a host using the plain iframe snippet does to size it.
  if (fromPlain) plain.style.height = `${data.height}px`;
});

// Computed styles of the host's own elements, to compare before and after the embeds load.
const PROPS = ['color', 'font-family', 'font-size', 'padding-top', 'margin-top', 'background-color', 'border-top-width', 'text-transform', 'display'];
window.__snapshot = () => Object.fromEntries(
  ['body', '.host-header h1', '.intro', '.intro a', '#slot-events', '#slot-frame', '.host-button', '.host-footer'].map((sel) => {
    const style = getComputedStyle(document.querySelector(sel));
    return [sel, Object.fromEntries(PROPS.map((p) => [p, style.getPropertyValue(p)]))];
  }),
);
window.__loadElement = () => import(`${app}/embed/hallway-view.js`);
window.__startPlain = () => { plain.src = `${app}/embed/timeline?project=rust`; };
