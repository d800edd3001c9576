/** A unified diff of two texts, line by line, with three lines of context (for `fix --dry-run`). */
export function unifiedDiff(before: string, after: string, name: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  for (let i = 0; i < ops.length; i++) {
    if (ops[i].op === ' ') continue;
    const start = Math.max(0, i - 3);
    let end = i;
    while (end < ops.length && (ops[end].op !== ' ' || ops.slice(end, end + 7).some((o) => o.op !== ' '))) end++;
    end = Math.min(ops.length, end + 3);
    const slice = ops.slice(start, end);
    const oldStart = ops.slice(0, start).filter((o) => o.op !== '+').length + 1;
    const newStart = ops.slice(0, start).filter((o) => o.op !== '-').length + 1;
    const oldCount = slice.filter((o) => o.op !== '+').length;
    const newCount = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...slice.map((o) => `${o.op}${o.line}`));
    i = end - 1;
  }
  return hunks.length ? [`--- a/${name}`, `+++ b/${name}`, ...hunks].join('\n') + '\n' : '';
}

/** The edit script between two line lists (longest common subsequence). */
function diffLines(a: string[], b: string[]): { op: ' ' | '-' | '+'; line: string }[] {
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  }
  const out: { op: ' ' | '-' | '+'; line: string }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ op: ' ', line: a[i++] });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1][j] >= lcs[i][j + 1])) out.push({ op: '-', line: a[i++] });
    else out.push({ op: '+', line: b[j++] });
  }
  return out;
}
