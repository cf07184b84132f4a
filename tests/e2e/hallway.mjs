// The `hallway` binary for end-to-end tests: $HALLWAY_BIN when set (scripts/test.sh sets it),
// else built here with cargo, whose answer names the executable wherever CARGO_TARGET_DIR is.
// It carries the app compiled in from dist/, so build the app (scripts/build.sh) first.
import { execFileSync, spawn } from 'node:child_process';
import { ROOT } from './browser.mjs';

let cached;
export function hallwayBin() {
  if (process.env.HALLWAY_BIN) return process.env.HALLWAY_BIN;
  if (cached) return cached;
  const out = execFileSync('cargo', ['build', '--quiet', '-p', 'hallway-cli', '--bin', 'hallway', '--message-format=json'], {
    cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 << 20,
  });
  for (const line of out.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line);
    if (m.reason === 'compiler-artifact' && m.target?.name === 'hallway' && m.executable) cached = m.executable;
  }
  if (!cached) throw new Error('cargo built no `hallway` executable');
  return cached;
}

/** Runs `hallway ...args`; throws with its stderr when it fails. */
export function hallway(...args) {
  return execFileSync(hallwayBin(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Starts `hallway serve dir --port 0`; resolves to { url, output(), kill() } once it listens.
 * `output()` is everything it printed so far (stdout and stderr).
 */
export function hallwayServe(dir) {
  const child = spawn(hallwayBin(), ['serve', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hallway serve did not start:\n${text}`)), 20000);
    const onData = (d) => {
      text += d;
      const m = text.match(/at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], output: () => text, kill: () => child.kill() });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`hallway serve exited ${code}:\n${text}`)); });
  });
}
