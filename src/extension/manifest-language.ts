import * as vscode from 'vscode';
import { builtinCategories, builtinDataUses, builtinVendors, DATA_SUBJECTS, LEGAL_BASES, TRANSFER_MECHANISMS, type InventoryLocation, type Manifest } from '../engine';
import { COMMANDS } from './commands';
import type { Controller } from './controller';
import { toRange } from './diagnostics';
import type { FolderState } from './folder-state';

/** What the cursor is on in a manifest, from its section and the key of its line. */
type Slot = 'category' | 'vendor' | 'purpose' | 'basis' | 'data_use' | 'transfer' | 'data_subjects' | undefined;

/**
 * Editing support in data-inventory.yaml: completions (category keys, vendor ids, purposes, legal
 * bases, data uses, transfer mechanisms, data subjects), hovers on ids, go to definition from a reference to its declaration, and a
 * CodeLens "used in N places" on each vendor and category after a scan.
 */
export class ManifestLanguage implements vscode.CompletionItemProvider, vscode.HoverProvider, vscode.DefinitionProvider, vscode.CodeLensProvider {
  private readonly lensChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.lensChanged.event;

  constructor(private readonly controller: Controller) {
    controller.onDidChangeInventory(() => this.lensChanged.fire());
  }

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const manifest = this.manifestOf(doc);
    const items = (candidates: [string, string][], kind: vscode.CompletionItemKind) =>
      candidates.map(([label, detail]) => Object.assign(new vscode.CompletionItem(label, kind), { detail }));
    switch (slotAt(doc, position)) {
      case 'category':
        return items(categoryCandidates(manifest), vscode.CompletionItemKind.EnumMember);
      case 'vendor':
        return items(builtinVendors().map((v) => [v.id, `${v.name} (${v.kind})`]), vscode.CompletionItemKind.Module);
      case 'purpose':
        return items((manifest?.purposes ?? []).map((p) => [p.id, p.description ?? '']), vscode.CompletionItemKind.Value);
      case 'basis':
        return items(LEGAL_BASES.map((b) => [b, 'legal basis']), vscode.CompletionItemKind.Keyword);
      case 'transfer':
        return items(TRANSFER_MECHANISMS.map((t) => [t, TRANSFER_DETAIL[t]]), vscode.CompletionItemKind.Keyword);
      case 'data_subjects':
        return items(DATA_SUBJECTS.map((d) => [d, 'fideslang data subject']), vscode.CompletionItemKind.EnumMember);
      case 'data_use':
        return items(builtinDataUses().map((u) => [u.key, u.description]), vscode.CompletionItemKind.EnumMember);
      default:
        return [];
    }
  }

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const range = doc.getWordRangeAtPosition(position, /[\w.@/*-]+/);
    if (!range) return undefined;
    const text = describeId(doc.getText(range), this.manifestOf(doc));
    return text ? new vscode.Hover(new vscode.MarkdownString(text), range) : undefined;
  }

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.Location | undefined {
    const range = doc.getWordRangeAtPosition(position, /[\w.-]+/);
    const manifest = this.manifestOf(doc);
    if (!range || !manifest) return undefined;
    const id = doc.getText(range);
    const target = manifest.purposes.find((p) => p.id === id) ?? manifest.categories.find((c) => c.id === id);
    if (!target || toRange(target.range).contains(position)) return undefined;
    return new vscode.Location(doc.uri, toRange(target.range).start);
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const state = this.stateOf(doc);
    const manifest = this.manifestOf(doc);
    if (!state?.inventory || !manifest) return [];
    const lens = (range: vscode.Range, locations: InventoryLocation[], what: string) =>
      new vscode.CodeLens(range, {
        title: `${what} used in ${locations.length} place${locations.length === 1 ? '' : 's'}`,
        command: locations.length ? COMMANDS.showLocations : '',
        arguments: [doc.uri, range.start, locations.map((l) => new vscode.Location(vscode.Uri.joinPath(state.folder.uri, l.file), new vscode.Position(l.line - 1, 0)))],
      });
    const categoryUses = (id: string) => Object.entries(state.inventory!.categories).filter(([c]) => c === id || c.startsWith(`${id}.`)).flatMap(([, l]) => l);
    return [
      ...manifest.vendors.map((v) => lens(toRange(v.range), state.inventory!.vendors[v.id] ?? [], v.id)),
      ...manifest.categories.map((c) => lens(toRange(c.range), categoryUses(c.id), c.id)),
    ];
  }

  private stateOf(doc: vscode.TextDocument): FolderState | undefined {
    const state = this.controller.folderOf(doc.uri);
    return state && state.manifestUri.toString() === doc.uri.toString() ? state : undefined;
  }

  private manifestOf(doc: vscode.TextDocument): Manifest | undefined {
    const state = this.stateOf(doc);
    return state?.manifest.status === 'ok' ? state.manifest.manifest : undefined;
  }

  dispose(): void {
    this.lensChanged.dispose();
  }
}

/** The kind of id expected at a position, from the enclosing top-level section and the line's key. */
export function slotAt(doc: vscode.TextDocument, position: vscode.Position): Slot {
  const line = doc.lineAt(position.line).text.slice(0, position.character);
  const key = /^\s*(?:-\s+)?([\w_]+):/.exec(line)?.[1];
  let section = '';
  for (let l = position.line; l >= 0; l--) {
    const m = /^([\w_]+):/.exec(doc.lineAt(l).text);
    if (m) {
      section = m[1];
      break;
    }
  }
  if (key === 'basis') return 'basis';
  if (key === 'data_use') return 'data_use';
  if (key === 'transfer' || key === 'data_subjects') return key;
  if (key === 'categories' || (section === 'categories' && (key === 'id' || /^\s*-\s+[\w.]*$/.test(line)))) return 'category';
  if (key === 'purposes' && section === 'vendors') return 'purpose';
  if (key === 'id' && section === 'vendors') return 'vendor';
  return undefined;
}

/** What each transfer mechanism means, for completions. */
const TRANSFER_DETAIL: Record<(typeof TRANSFER_MECHANISMS)[number], string> = {
  adequacy: 'an adequacy decision covers the vendor\'s country',
  scc: 'standard contractual clauses',
  bcr: 'binding corporate rules',
  consent: 'the person\'s explicit consent to the transfer',
  none: 'no safeguard (recorded as such)',
};

function categoryCandidates(manifest: Manifest | undefined): [string, string][] {
  const custom = (manifest?.categories ?? []).filter((c) => !c.builtin).map((c): [string, string] => [c.id, c.description ?? 'custom category']);
  return [...custom, ...builtinCategories().map((c): [string, string] => [c.key, c.description])];
}

/** Markdown describing a category, vendor, purpose or legal basis id. */
export function describeId(id: string, manifest: Manifest | undefined): string | undefined {
  const purpose = manifest?.purposes.find((p) => p.id === id);
  if (purpose) return `**Purpose \`${id}\`**: ${purpose.description ?? ''}\n\nBasis: ${purpose.basis ?? 'not set'}; categories: ${purpose.categories.map((c) => `\`${c}\``).join(', ') || 'none'}`;
  const category = builtinCategories().find((c) => c.key === id);
  if (category) return `**Category \`${id}\`** (fideslang): ${category.description}${category.terms.length ? `\n\nDetected from words like: ${category.terms.slice(0, 8).join(', ')}` : ''}`;
  const custom = manifest?.categories.find((c) => c.id === id && !c.builtin);
  if (custom) return `**Custom category \`${id}\`**: ${custom.description ?? ''}\n\nMatch words: ${custom.match.join(', ')}`;
  const vendor = builtinVendors().find((v) => v.id === id);
  if (vendor) return `**${vendor.name}** (\`${id}\`, ${vendor.kind})\n\nPackages: ${vendor.packages.map((p) => `\`${p}\``).join(', ') || 'none'}\n\nHosts: ${vendor.hosts.map((h) => `\`${h}\``).join(', ') || 'none'}`;
  const use = builtinDataUses().find((u) => u.key === id);
  if (use) return `**Data use \`${id}\`** (fideslang): ${use.description}`;
  return undefined;
}
