import { strict as assert } from 'node:assert';
import { formatSarif } from '../../src/cli/format-sarif';
import { formatText } from '../../src/cli/format-text';
import { escapeControl, escapeMarkdown, markdownCode, pathToUri } from '../../src/engine/escape';
import type { ScanResult } from '../../src/engine/core/types';

/** A file name that, printed raw, clears the screen and forges a clean finding line. */
const EVIL = 'src/a\u001b[2J\n  1:1  info  all good  none\r\u202e.ts';

function result(): ScanResult {
  return {
    version: 1,
    manifest: 'data-inventory.yaml',
    filesScanned: 2,
    findings: [
      {
        rule: 'pii-in-logs', severity: 'warning', file: EVIL, line: 2, column: 3, endLine: 2, endColumn: 9, message: 'user.contact.email is logged\u001b[0m',
        trace: [{ file: EVIL, line: 1, column: 1, note: 'email\n' }, { file: `${EVIL}#2`, line: 2, column: 3, note: 'logged here' }],
      },
    ],
    inventory: { categories: {}, vendors: {} },
    skipped: [{ file: `${EVIL}x`, reason: 'does not parse\u0007' }],
  };
}

describe('output that cannot be forged', () => {
  it('the text format prints no control character of a file name, message or note', () => {
    const text = formatText(result(), false);
    assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.equal(text.split('\n').filter((l) => l.includes('all good')).length, 3, 'the forged line stays inside the three names');
    assert.ok(text.includes('src/a\\x1b[2J\\n  1:1  info  all good  none\\r\\u202e.ts'));
    assert.ok(text.includes('user.contact.email is logged\\x1b[0m'));
  });

  it('SARIF uris are percent-encoded relative references', () => {
    const log = JSON.parse(formatSarif(result(), { fingerprints: result().findings.map((_, i) => `f${i}`) }));
    const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
    assert.equal(uri, 'src/a%1B%5B2J%0A%20%201%3A1%20%20info%20%20all%20good%20%20none%0D%E2%80%AE.ts');
    assert.equal(pathToUri('web/src/pages/SignupPage.tsx'), 'web/src/pages/SignupPage.tsx');
    assert.equal(pathToUri('a b/#1?.ts'), 'a%20b/%231%3F.ts');
    assert.equal(decodeURIComponent(log.runs[0].results[0].codeFlows[0].threadFlows[0].locations[1].location.physicalLocation.artifactLocation.uri.split('/')[1]), `${EVIL}#2`.split('/')[1]);
  });

  it('Markdown text and code cannot break out', () => {
    assert.equal(escapeControl('a\tb\u0000'), 'a\\tb\\x00');
    assert.equal(escapeMarkdown('[click](https://x) <img> `x` **b**\n# h'), '\\[click\\]\\(https://x\\) \\<img\\> \\`x\\` \\*\\*b\\*\\*\\\\n\\# h');
    assert.equal(markdownCode('user.email'), '`user.email`');
    assert.equal(markdownCode('a`b``c'), '``` a`b``c ```');
    assert.equal(markdownCode('x\ny'), '`x\\ny`');
  });
});
