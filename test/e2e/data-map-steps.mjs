// test/e2e/data-map-steps.mjs - the UI steps of the data map (issue 12), used by run.mjs:
//   - dataMapSteps: the Inventory view and the Data Map panel on the bundled workspace;
//   - themeSteps: the Data Map in the light, dark and high-contrast themes, one screenshot each;
//   - realAppSteps: both views on a real application (`run.mjs --app DIR`), timed and exercised.
// Every step polls for what it waits on; none sleeps to wait for a result.
import path from 'node:path';

export const sleep = ms => new Promise(r => setTimeout(r, ms));
/** Polls fn() until it returns a truthy value; throws after ms. */
export async function until(what, ms, fn, every = 200) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000}s waiting for ${what}`);
    await sleep(every);
  }
}

/**
 * Runs a command from the palette by its title, waiting up to `ms` for it to be listed. The
 * palette does not refresh an open list, so it is opened afresh until the command shows (an
 * extension's commands are listed once it has activated, which takes a while on a large folder).
 */
export async function runCommand(page, title, ms = 15_000) {
  const end = Date.now() + ms;
  for (;;) {
    await page.mouse.move(2, 2);
    await page.keyboard.press('Escape');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: 10_000 });
    await input.fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    try {
      await row.waitFor({ timeout: Math.max(1_000, Math.min(5_000, end - Date.now())) });
      break;
    } catch (e) {
      if (Date.now() >= end) throw e;
    }
  }
  await page.keyboard.press('Enter');
}

/** The Data Map page inside its two webview iframes. */
const mapFrame = page => page.frameLocator('iframe.webview').first().frameLocator('#active-frame');
const graphOf = page => mapFrame(page).locator('svg.pl-graph');

async function openInventory(page) {
  await page.locator('.activitybar .action-item a[aria-label^="Privacy Lens"], .activitybar [aria-label^="Privacy Lens"]').first().click({ timeout: 15_000 });
}

/** The Inventory view and the Data Map panel after a scan, with screenshots of both. */
export async function dataMapSteps(page, step, out) {
  await step('Inventory view lists the vendors after a scan', async () => {
    await runCommand(page, 'Privacy Lens: Scan Workspace');
    await openInventory(page);
    const row = page.locator('.pane-body .monaco-list-row', { hasText: 'Vendors (3)' }).first();
    await row.waitFor({ timeout: 60_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Mixpanel' }).first().waitFor({ timeout: 15_000 });
    await sleep(300);                                          // let the rows paint for the shot
    await page.screenshot({ path: path.join(out, 'ui-inventory.png') });
    return 'Vendors (3), Mixpanel shown';
  });
  await step('Data Map panel draws the graph', async () => {
    await runCommand(page, 'Privacy Lens: Show Data Map');
    await graphOf(page).waitFor({ timeout: 30_000 });
    const undeclared = await graphOf(page).locator('.pl-node.pl-undeclared').count();
    if (undeclared !== 2) throw new Error(`expected 2 undeclared nodes, saw ${undeclared}`);
    await sleep(300);
    await page.screenshot({ path: path.join(out, 'ui-data-map.png') });
    return `${await graphOf(page).locator('.pl-node').count()} nodes, ${undeclared} undeclared`;
  });
}

/** The three themes: their label in the theme picker, the workbench's class, the webview body's class. */
export const THEMES = [
  { name: 'light', label: 'Light Modern', workbench: 'vs', body: 'vscode-light' },
  { name: 'dark', label: 'Dark Modern', workbench: 'vs-dark', body: 'vscode-dark' },
  { name: 'high-contrast', label: 'Dark High Contrast', workbench: 'hc-black', body: 'vscode-high-contrast' },
];

/**
 * What the page draws, read inside the webview: counts, the theme class, the computed colours of
 * a declared node's text and of the page against the theme variables they should come from, and
 * how undeclared nodes look apart from their colour.
 */
function readDrawing() {
  const resolve = (value) => {                               // a CSS colour value as computed rgb()
    const probe = document.createElement('span');
    probe.style.color = value.trim();
    document.body.append(probe);
    const rgb = getComputedStyle(probe).color;
    probe.remove();
    return rgb;
  };
  const vars = getComputedStyle(document.documentElement);
  const text = document.querySelector('.pl-node.pl-declared text');
  const undeclared = [...document.querySelectorAll('.pl-node.pl-undeclared')].map((n) => ({
    text: n.querySelector('text').textContent,
    dash: getComputedStyle(n.querySelector('rect')).strokeDasharray,
  }));
  return {
    bodyClass: document.body.className,
    nodes: document.querySelectorAll('.pl-node').length,
    edges: document.querySelectorAll('.pl-edge').length,
    textFill: text ? getComputedStyle(text).fill : '',
    wantFill: resolve(vars.getPropertyValue('--vscode-editor-foreground')),
    background: getComputedStyle(document.body).backgroundColor,
    wantBackground: resolve(vars.getPropertyValue('--vscode-editor-background')),
    undeclared,
  };
}

/** The quick-input row whose label is exactly `label` (fuzzy matching lists more). */
const exactRow = (page, label) => page.locator('.quick-input-list .monaco-list-row')
  .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();

/** Picks a colour theme with "Preferences: Color Theme", as a user would. */
async function pickTheme(page, label) {
  const title = 'Preferences: Color Theme';
  await page.mouse.move(2, 2);
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill(`>${title}`);
  await exactRow(page, title).click({ timeout: 15_000 });
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Modern' }).first().waitFor({ timeout: 15_000 });
  await page.locator('.quick-input-widget input').fill(label);
  await exactRow(page, label).click({ timeout: 15_000 });
}

/**
 * Switches the colour theme from the palette and screenshots the open Data Map in
 * each theme. Fails when the workbench or the webview does not take the theme, when nothing is
 * drawn, when a node's text or the page is not in the theme's colours (a hard-coded colour), when
 * light and dark look the same, or when an undeclared node is told apart by colour alone.
 */
export async function themeSteps(page, step, out, prefix = 'ui') {
  const seen = {};
  for (const theme of THEMES) {
    await step(`Data Map in the ${theme.name} theme (${theme.label})`, async () => {
      await pickTheme(page, theme.label);
      await until(`the workbench in ${theme.label}`, 20_000, () =>
        page.locator('.monaco-workbench').first().evaluate((el, cls) => el.classList.contains(cls), theme.workbench));
      const body = mapFrame(page).locator('body');
      let d;
      await until(`the webview in ${theme.body}`, 20_000, async () => {
        d = await body.evaluate(readDrawing);
        return d.bodyClass.split(/\s+/).includes(theme.body) && d.textFill === d.wantFill;
      }).catch((e) => { throw new Error(`${e.message}; last read ${JSON.stringify(d)}`); });
      if (d.nodes === 0 || d.edges === 0) throw new Error(`${d.nodes} nodes, ${d.edges} edges drawn`);
      if (d.background !== d.wantBackground) throw new Error(`page background ${d.background}, theme's editor background ${d.wantBackground}`);
      for (const u of d.undeclared) {
        if (!u.text.startsWith('⚠') || !u.text.includes('undeclared') || !u.dash || u.dash === 'none') {
          throw new Error(`undeclared node told apart by colour only: ${JSON.stringify(u)}`);
        }
      }
      seen[theme.name] = d;
      await sleep(300);                                        // the workbench repaints around the webview
      await page.screenshot({ path: path.join(out, `${prefix}-data-map-${theme.name}.png`) });
      return `${d.nodes} nodes, ${d.edges} edges, text ${d.textFill} on ${d.background}, ${d.undeclared.length} undeclared marked ⚠ and dashed`;
    });
  }
  await step('Data Map colours differ between the themes', async () => {
    const names = THEMES.map((t) => t.name).filter((n) => seen[n]);
    if (names.length < THEMES.length) throw new Error(`only ${names.join(', ') || 'no theme'} was read`);
    for (const [a, b] of [['light', 'dark'], ['light', 'high-contrast']]) {
      if (seen[a].textFill === seen[b].textFill || seen[a].background === seen[b].background) {
        throw new Error(`${a} and ${b} share colours: ${seen[a].textFill} on ${seen[a].background}`);
      }
    }
    return names.map((n) => `${n} ${seen[n].textFill}`).join(', ');
  });
}

/** Reads the Inventory's group rows, e.g. { Vendors: 26, 'Data categories': 35, Purposes: 6 }. */
async function inventoryCounts(page) {
  const rows = await page.locator('.pane-body .monaco-list-row').allInnerTexts();
  const counts = {};
  for (const r of rows) {
    const m = /^(Vendors|Data categories|Purposes) \((\d+)\)/.exec(r.replace(/\s+/g, ' ').trim());
    if (m) counts[m[1]] = Number(m[2]);
  }
  return counts;
}

/**
 * Both views on a real application: the scan finishes within `scanMs` and says how many files it
 * read, the Inventory lists vendors, categories and purposes, the Data Map draws nodes and edges
 * and stays responsive (filtering dims all but the matching nodes, zooming resizes the drawing),
 * each timed. `figures` collects the numbers for the summary line. True when every step passed.
 */
export async function realAppSteps(page, step, out, figures, scanMs) {
  const passed = [];
  passed.push(await step('Scan Workspace finishes on the application', async () => {
    const t = Date.now();
    await runCommand(page, 'Privacy Lens: Scan Workspace', 120_000);   // activation on a large folder
    // the summary is a notification: shown as a toast, or only in the notification centre when
    // the toast is held back, so the centre is opened and both are searched
    await runCommand(page, 'Notifications: Show Notifications');
    const summary = page.locator('.notification-list-item', { hasText: /Privacy Lens: \d+ findings/ }).first();
    await summary.waitFor({ timeout: scanMs });
    figures.scanSeconds = (Date.now() - t) / 1000;
    const text = (await summary.innerText()).replace(/\s+/g, ' ');
    await runCommand(page, 'Notifications: Hide Notifications').catch(() => {});
    const m = /Privacy Lens: (\d+) findings .*? in (\d+) files/.exec(text);
    if (!m) throw new Error(`unexpected summary: ${text}`);
    [figures.findings, figures.filesScanned] = [Number(m[1]), Number(m[2])];
    if (figures.filesScanned === 0) throw new Error('no file scanned');
    return `${figures.findings} findings in ${figures.filesScanned} files`;
  }));
  passed.push(await step('Inventory view lists what the scan found', async () => {
    const t = Date.now();
    await openInventory(page);
    await until('the Vendors and Data categories groups', 30_000, async () => {
      const c = await inventoryCounts(page);
      return c.Vendors > 0 && c['Data categories'] > 0;
    });
    figures.inventorySeconds = (Date.now() - t) / 1000;
    await sleep(300);
    await page.screenshot({ path: path.join(out, 'real-inventory.png') });
    // with dozens of entries the Purposes group is below the fold: collapse the two groups above it
    for (const group of ['Vendors', 'Data categories']) {
      await page.locator('.pane-body .monaco-list-row[aria-expanded="true"]', { hasText: new RegExp(`^${group} \\(`) }).first().click();
    }
    const counts = await until('the Purposes group', 10_000, async () => {
      const c = await inventoryCounts(page);
      return c.Vendors > 0 && c['Data categories'] > 0 && c.Purposes > 0 ? c : undefined;
    });
    figures.inventory = counts;
    return Object.entries(counts).map(([k, v]) => `${k} (${v})`).join(', ');
  }));
  passed.push(await step('Data Map draws the application\'s graph', async () => {
    const t = Date.now();
    await runCommand(page, 'Privacy Lens: Show Data Map');
    await graphOf(page).waitFor({ timeout: 60_000 });
    figures.mapSeconds = (Date.now() - t) / 1000;
    const g = graphOf(page);
    figures.nodes = await g.locator('.pl-node').count();
    figures.edges = await g.locator('.pl-edge').count();
    const inv = figures.inventory ?? {};
    const expected = (inv.Vendors ?? 0) + (inv['Data categories'] ?? 0) + (inv.Purposes ?? 0);
    if (figures.nodes === 0 || figures.edges === 0) throw new Error(`${figures.nodes} nodes, ${figures.edges} edges`);
    if (expected && figures.nodes !== expected) throw new Error(`${figures.nodes} nodes, the Inventory lists ${expected}`);
    await sleep(300);
    await page.screenshot({ path: path.join(out, 'real-data-map.png') });
    return `${figures.nodes} nodes, ${figures.edges} edges`;
  }));
  passed.push(await step('Data Map stays responsive: filter and zoom', async () => {
    const frame = mapFrame(page);
    const first = await frame.locator('.pl-node.pl-vendor').first().getAttribute('data-node');
    const word = first.split(':').slice(1).join(':');
    let t = Date.now();
    await frame.locator('#filter').fill(word);
    const lit = await until(`the filter "${word}"`, 5_000, async () => {
      const dim = await frame.locator('.pl-node.pl-dim').count();
      return dim > 0 ? figures.nodes - dim : 0;
    }, 50);
    figures.filterMs = Date.now() - t;
    await page.screenshot({ path: path.join(out, 'real-data-map-filtered.png') });
    await frame.locator('#filter').fill('');
    await until('the filter cleared', 5_000, async () => (await frame.locator('.pl-node.pl-dim').count()) === 0, 50);
    const width = async () => Number(await graphOf(page).getAttribute('width'));
    const before = await width();
    t = Date.now();
    await frame.locator('#zoom-in').click();
    await until('the zoom', 5_000, async () => Math.abs(await width() - before * 1.25) < 1, 50);
    figures.zoomMs = Date.now() - t;
    await frame.locator('#zoom-out').click();
    return `filter "${word}" left ${lit} of ${figures.nodes} nodes lit in ${figures.filterMs} ms, zoom ${figures.zoomMs} ms`;
  }));
  return passed.every(Boolean);
}
