import * as vscode from 'vscode';
import { relationDeclared, UNATTRIBUTED, type DataMap, type MapLocation, type SkippedFile } from '../engine';
import type { Controller } from './controller';
import type { FolderState } from './folder-state';

/** What a node of the inventory tree stands for. */
export type InventoryNode =
  | { kind: 'folder'; state: FolderState }
  | { kind: 'group'; state: FolderState; group: 'vendor' | 'category' | 'purpose' }
  | { kind: 'entity'; state: FolderState; entity: 'vendor' | 'category' | 'purpose'; id: string }
  | { kind: 'link'; state: FolderState; entity: 'vendor' | 'category' | 'purpose'; id: string; declared: boolean }
  | { kind: 'location'; state: FolderState; location: MapLocation }
  | { kind: 'notAnalysedGroup'; state: FolderState }
  | { kind: 'notAnalysed'; state: FolderState; skipped: SkippedFile };

/** An entity as the tree shows it. */
interface Entity {
  id: string;
  label: string;
  declared: boolean;
  locations: MapLocation[];
  links: { entity: 'vendor' | 'category' | 'purpose'; id: string }[];
  what: string;
}

const GROUPS = { vendor: 'Vendors', category: 'Data categories', purpose: 'Purposes' } as const;
const ICONS = { vendor: 'cloud-upload', category: 'symbol-field', purpose: 'target' } as const;

/**
 * The Inventory view: Vendors, Data categories and Purposes of each folder's data map (the
 * engine's model of the manifest and the last scan), undeclared items marked by icon and words;
 * then, as the CLI prints them, the files not analysed: refused configuration files (from the last
 * reload) and what the last scan could not read.
 */
export class InventoryTreeProvider implements vscode.TreeDataProvider<InventoryNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<InventoryNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly maps = new Map<FolderState, DataMap | undefined>();
  private readonly subscriptions: vscode.Disposable[];
  /** Only entities whose id or name contains this text (case-insensitive) are shown. */
  filter = '';

  constructor(private readonly controller: Controller) {
    this.subscriptions = [controller.onDidChangeInventory(() => this.refresh()), this.changed];
  }

  /** Drops the cached maps and redraws the tree. */
  refresh(): void {
    this.maps.clear();
    void vscode.commands.executeCommand('setContext', 'privacyLens.noManifest', this.states().every((s) => s.manifest.status === 'missing'));
    this.changed.fire(undefined);
  }

  /** Sets the text filter and redraws. */
  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    this.changed.fire(undefined);
  }

  /** The data map of a folder, from its session (cached until the next refresh). */
  mapOf(state: FolderState): DataMap | undefined {
    if (!this.maps.has(state)) this.maps.set(state, state.session.dataMap());
    return this.maps.get(state);
  }

  getChildren(node?: InventoryNode): InventoryNode[] {
    if (!node) {
      const states = this.states().filter((s) => s.manifest.status !== 'missing');
      if (states.length === 1) return this.groups(states[0]);
      return states.map((state) => ({ kind: 'folder', state }));
    }
    if (node.kind === 'folder') return this.groups(node.state);
    if (node.kind === 'notAnalysedGroup') return node.state.session.notAnalysed().map((skipped): InventoryNode => ({ kind: 'notAnalysed', state: node.state, skipped }));
    if (node.kind === 'group') return this.entities(node.state, node.group).filter((e) => this.matches(e)).map((e) => ({ kind: 'entity', state: node.state, entity: node.group, id: e.id }));
    if (node.kind === 'entity') {
      const e = this.entity(node.state, node.entity, node.id);
      if (!e) return [];
      const map = this.mapOf(node.state)!;
      const links: InventoryNode[] = e.links.map((l) => ({ kind: 'link', state: node.state, entity: l.entity, id: l.id, declared: relationDeclared(map, { kind: node.entity, id: node.id }, { kind: l.entity, id: l.id }) }));
      return [...links, ...e.locations.map((location): InventoryNode => ({ kind: 'location', state: node.state, location }))];
    }
    return [];
  }

  getTreeItem(node: InventoryNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder':
        return Object.assign(new vscode.TreeItem(node.state.folder.name, vscode.TreeItemCollapsibleState.Expanded), { iconPath: new vscode.ThemeIcon('root-folder') });
      case 'group':
        return this.groupItem(node);
      case 'entity':
        return this.entityItem(node);
      case 'link':
        return this.linkItem(node);
      case 'location':
        return locationItem(node.state, node.location);
      case 'notAnalysedGroup':
        return notAnalysedGroupItem(node.state);
      case 'notAnalysed':
        return notAnalysedItem(node.skipped);
    }
  }

  /** The entity a node stands for, with its folder's map. */
  entityOf(node: InventoryNode): { state: FolderState; entity: Entity; kind: 'vendor' | 'category' | 'purpose' } | undefined {
    if (node.kind !== 'entity' && node.kind !== 'link') return undefined;
    const entity = this.entity(node.state, node.entity, node.id);
    return entity && { state: node.state, entity, kind: node.entity };
  }

  dispose(): void {
    this.subscriptions.forEach((d) => d.dispose());
  }

  private states(): FolderState[] {
    return [...this.controller.folders.values()];
  }

  private groups(state: FolderState): InventoryNode[] {
    const groups: InventoryNode[] = (['vendor', 'category', 'purpose'] as const).map((group) => ({ kind: 'group', state, group }));
    return state.session.notAnalysed().length > 0 ? [...groups, { kind: 'notAnalysedGroup', state }] : groups;
  }

  private groupItem(node: Extract<InventoryNode, { kind: 'group' }>): vscode.TreeItem {
    const all = this.entities(node.state, node.group);
    const shown = all.filter((e) => this.matches(e));
    const undeclared = shown.filter((e) => !e.declared).length;
    const item = new vscode.TreeItem(`${GROUPS[node.group]} (${shown.length})`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `${node.state.folder.uri.toString()}#${node.group}`;
    item.description = [undeclared ? `${undeclared} undeclared` : '', this.filter ? `filtered from ${all.length}` : ''].filter(Boolean).join(' · ');
    item.contextValue = 'group';
    return item;
  }

  private entityItem(node: Extract<InventoryNode, { kind: 'entity' }>): vscode.TreeItem {
    const e = this.entity(node.state, node.entity, node.id)!;
    const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `${node.state.folder.uri.toString()}#${node.entity}:${e.id}`;
    const count = `${e.locations.length} ${node.entity === 'vendor' ? 'call site' : 'location'}${e.locations.length === 1 ? '' : 's'}`;
    item.description = `${e.declared ? '' : 'undeclared · '}${count} · ${e.what}`;
    item.iconPath = new vscode.ThemeIcon(e.declared ? ICONS[node.entity] : 'warning', e.declared ? undefined : new vscode.ThemeColor('list.warningForeground'));
    item.tooltip = new vscode.MarkdownString(`**${e.label}** (${node.entity})${e.declared ? '' : ' — **not declared** in the manifest'}\n\n${count}; ${e.what}`);
    item.contextValue = `${node.entity}.${e.declared ? 'declared' : 'undeclared'}`;
    if (node.entity === 'purpose' && e.id === UNATTRIBUTED) {
      // Code no purpose is attributed to: not an undeclared purpose, nothing to declare.
      item.description = `${count} without a purpose · ${e.what}`;
      item.iconPath = new vscode.ThemeIcon('question');
      item.tooltip = new vscode.MarkdownString(`Code that processes personal data with no purpose attributed (no annotation, no manifest \`paths\` match): ${count}`);
      item.contextValue = 'purpose.unattributed';
    }
    return item;
  }

  private linkItem(node: Extract<InventoryNode, { kind: 'link' }>): vscode.TreeItem {
    const e = this.entity(node.state, node.entity, node.id);
    const item = new vscode.TreeItem(e?.label ?? node.id, vscode.TreeItemCollapsibleState.None);
    item.description = `${node.entity}${node.declared ? '' : ' · undeclared'}`;
    item.iconPath = new vscode.ThemeIcon(node.declared ? ICONS[node.entity] : 'warning');
    item.contextValue = `link.${node.entity}.${node.declared ? 'declared' : 'undeclared'}`;
    return item;
  }

  private matches(e: Entity): boolean {
    return !this.filter || e.id.toLowerCase().includes(this.filter) || e.label.toLowerCase().includes(this.filter);
  }

  private entities(state: FolderState, kind: 'vendor' | 'category' | 'purpose'): Entity[] {
    const map = this.mapOf(state);
    if (!map) return [];
    if (kind === 'vendor') {
      return map.vendors.map((v) => ({ id: v.id, label: v.name, declared: v.declared, locations: v.locations, what: plural(v.categories.length, 'category', 'categories'), links: v.categories.map((id) => ({ entity: 'category' as const, id })) }));
    }
    if (kind === 'category') {
      return map.categories.map((c) => ({ id: c.id, label: c.id, declared: c.declared, locations: c.locations, what: `${plural(c.purposes.length, 'purpose', 'purposes')}, ${plural(c.vendors.length, 'vendor', 'vendors')}`, links: [...c.purposes.map((id) => ({ entity: 'purpose' as const, id })), ...c.vendors.map((id) => ({ entity: 'vendor' as const, id }))] }));
    }
    return map.purposes.map((p) => ({ id: p.id, label: p.id === UNATTRIBUTED ? 'no purpose' : p.id, declared: p.declared, locations: p.locations, what: `${plural(p.categories.length, 'category', 'categories')}, ${plural(p.vendors.length, 'vendor', 'vendors')}`, links: [...p.categories.map((id) => ({ entity: 'category' as const, id })), ...p.vendors.map((id) => ({ entity: 'vendor' as const, id }))] }));
  }

  private entity(state: FolderState, kind: 'vendor' | 'category' | 'purpose', id: string): Entity | undefined {
    return this.entities(state, kind).find((e) => e.id === id);
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "Not analysed (N)": collapsed, since a large workspace can have many. */
function notAnalysedGroupItem(state: FolderState): vscode.TreeItem {
  const list = state.session.notAnalysed();
  const item = new vscode.TreeItem(`Not analysed (${list.length})`, vscode.TreeItemCollapsibleState.Collapsed);
  item.id = `${state.folder.uri.toString()}#notAnalysed`;
  const config = state.session.configNotRead.length;
  item.description = config > 0 ? `${config} configuration file${config === 1 ? '' : 's'} not read` : undefined;
  item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
  item.contextValue = 'notAnalysedGroup';
  return item;
}

/**
 * A file not analysed, with why. No click action: it may be a FIFO or a device, which must not be
 * opened, or too large to be worth opening.
 */
function notAnalysedItem(skipped: SkippedFile): vscode.TreeItem {
  const at = skipped.line ? `:${skipped.line}:${skipped.column}` : '';
  const item = new vscode.TreeItem(`${skipped.file}${at}`, vscode.TreeItemCollapsibleState.None);
  item.description = skipped.reason;
  item.tooltip = `${skipped.file}${at}: ${skipped.reason}`;
  item.iconPath = new vscode.ThemeIcon('warning');
  item.contextValue = 'notAnalysed';
  return item;
}

/** A code location: a click reveals it. */
function locationItem(state: FolderState, at: MapLocation): vscode.TreeItem {
  const item = new vscode.TreeItem(`${at.file}:${at.line}`, vscode.TreeItemCollapsibleState.None);
  const uri = vscode.Uri.joinPath(state.folder.uri, at.file);
  item.resourceUri = uri;
  item.iconPath = vscode.ThemeIcon.File;
  item.command = { title: 'Reveal Code', command: 'vscode.open', arguments: [uri, { selection: new vscode.Range(at.line - 1, 0, at.line - 1, 0) }] };
  item.contextValue = 'location';
  return item;
}
