/**
 * The characters of `before` that are not kept in `after`, in order: what is left of `before` once
 * a longest common subsequence with `after` is taken out. Empty when `after` only inserts text.
 * Quadratic: for manifests of a few kilobytes, as tests make.
 */
export function deletedText(before: string, after: string): string {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Uint16Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let deleted = '';
  let i = 0;
  let j = 0;
  while (i < n) {
    if (j < m && before[i] === after[j]) {
      i++;
      j++;
    } else if (j < m && lcs[i][j + 1] >= lcs[i + 1][j]) {
      j++;
    } else {
      deleted += before[i++];
    }
  }
  return deleted;
}
