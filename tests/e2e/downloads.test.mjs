// Exports of the filtered view, made in the browser by the same core code as `hallway export`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { start } from './browser.mjs';

let env;
before(async () => { env = await start(); });
after(async () => { await env.close(); });

async function download(page, format) {
  if ((await page.locator('details.downloads').getAttribute('open')) === null) {
    await page.locator('.downloads summary').click();
  }
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.locator(`button.download[data-format="${format}"]`).click(),
  ]);
  return { name: file.suggestedFilename(), text: fs.readFileSync(await file.path(), 'utf8') };
}

test('the filtered talks download as iCalendar named after the view', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?view=talks&project=qemu');
  await page.locator('#results li.row').first().waitFor();
  const { name, text } = await download(page, 'ics');
  assert.equal(name, 'hallway-qemu-talks.ics');
  assert.match(text, /^BEGIN:VCALENDAR\r\n/);
  assert.equal(text.match(/BEGIN:VEVENT/g).length, 1);
  assert.match(text, /SUMMARY:User Case Study: Tracing in the QEMU Emulator/);
  assert.deepEqual(page.errors, []);
});

test('events of a city download as CSV and GeoJSON', async () => {
  const page = await env.page();
  await page.goto(env.base + '/?city=dublin');
  await page.locator('#results li.row').first().waitFor();
  const csv = await download(page, 'csv');
  assert.equal(csv.name, 'hallway-dublin.csv');
  assert.match(csv.text, /LinuxCon Europe 2015/);
  assert.ok(!/Tracing Summit/.test(csv.text));
  const geo = await download(page, 'geojson');
  const parsed = JSON.parse(geo.text);
  assert.equal(parsed.type, 'FeatureCollection');
  assert.ok(parsed.features.every((f) => f.geometry.coordinates[0] < 0), 'Dublin is west of Greenwich: [lon, lat]');
});
