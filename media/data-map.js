// The Data Map webview page: draws the SVG the extension sends, filters and zooms it, and posts
// clicks and export requests back. No network, no eval; the CSP allows this file only.
(function () {
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById('graph');
  const filter = document.getElementById('filter');
  const status = document.getElementById('status');
  let zoom = 1;

  function draw(message) {
    if (!message.svg) {
      graph.textContent = message.empty;
      return;
    }
    const doc = new DOMParser().parseFromString(message.svg.replace('<svg ', '<svg xmlns="http://www.w3.org/2000/svg" '), 'image/svg+xml');
    graph.replaceChildren(document.importNode(doc.documentElement, true));
    status.textContent = message.scanned ? '' : 'Not scanned yet: run Privacy Lens: Scan Workspace to see the code.';
    applyZoom();
    applyFilter();
  }

  function svg() {
    return graph.querySelector('svg');
  }

  function applyZoom() {
    const s = svg();
    if (!s) return;
    const box = s.viewBox.baseVal;
    s.setAttribute('width', String(box.width * zoom));
    s.setAttribute('height', String(box.height * zoom));
  }

  function applyFilter() {
    const text = filter.value.trim().toLowerCase();
    for (const node of graph.querySelectorAll('.pl-node')) {
      const hit = !text || node.getAttribute('data-node').toLowerCase().includes(text) || node.textContent.toLowerCase().includes(text);
      node.classList.toggle('pl-dim', !hit);
    }
  }

  function activate(event) {
    const node = event.target.closest('.pl-node');
    if (node) vscode.postMessage({ type: event.altKey ? 'manifest' : 'reveal', node: node.getAttribute('data-node') });
  }

  graph.addEventListener('click', activate);
  graph.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') activate(event);
  });
  filter.addEventListener('input', applyFilter);
  document.getElementById('zoom-in').addEventListener('click', () => { zoom = Math.min(4, zoom * 1.25); applyZoom(); });
  document.getElementById('zoom-out').addEventListener('click', () => { zoom = Math.max(0.2, zoom / 1.25); applyZoom(); });
  document.getElementById('export-svg').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'svg' }));
  document.getElementById('export-html').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'html' }));
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'map') draw(event.data);
  });
  vscode.postMessage({ type: 'ready' });
})();
