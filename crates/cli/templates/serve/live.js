// `hallway serve` only (never in a built site): reloads the page when the content is rebuilt,
// and while a file has an error shows that error over the last good content, as text.
// An external file because the app's Content-Security-Policy allows no inline script.
const STATUS = '/_hallway/status';
let seen = null;
let box = null;

function show(error) {
  if (!error) {
    if (box) box.remove();
    box = null;
    return;
  }
  if (!box) {
    box = document.createElement('pre');
    box.id = 'hallway-live-error';
    box.setAttribute('role', 'alert');
    // CSSOM properties, not a style attribute: the CSP's style-src 'self' allows these.
    Object.assign(box.style, {
      position: 'fixed', left: '0', right: '0', bottom: '0', zIndex: '2147483647', margin: '0',
      maxHeight: '50vh', overflow: 'auto', padding: '1em', whiteSpace: 'pre-wrap',
      font: '14px/1.4 monospace', background: '#fff4f4', color: '#8a1010',
      borderTop: '3px solid #c62828',
    });
  }
  if (!box.isConnected) document.body.append(box);
  box.textContent = `hallway serve: the content has an error; showing the last good build.\n\n${error}`;
}

async function poll() {
  try {
    const res = await fetch(STATUS, { cache: 'no-store' });
    const status = await res.json();
    if (seen === null) seen = status.version;
    if (status.version !== seen && !status.error) {
      location.reload();
      return;
    }
    show(status.error);
  } catch (e) {
    // The server is restarting or gone: keep the page as it is and try again.
  }
  setTimeout(poll, 250);
}

poll();
