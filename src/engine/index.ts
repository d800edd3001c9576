/**
 * Privacy Lens's engine: the one module the front ends (the CLI, the VS Code extension, reports,
 * review) import. Everything here is pure Node: no `vscode`, no network, no workspace code run.
 *
 * Most front ends need only a {@link Workspace} session:
 *
 * ```ts
 * import { Workspace } from './engine';
 * const workspace = new Workspace({ root: '/path/to/repo' }); // reads data-inventory.yaml
 * const result = await workspace.scan();                       // findings, inventory, skipped files
 * const findings = workspace.checkDocument('src/signup.ts', text); // an edited document
 * ```
 *
 * The options of a session are those of a scan ({@link ScanOptions}); each says its default, and
 * the defaults live in one object, {@link DEFAULT_SCAN_OPTIONS}. The contract of what the engine
 * reports (rules, JSON output, manifest format) is in docs/.
 */

// The session and one-shot scans.
export { Workspace, scanWorkspace, type ReloadResult, type RunOptions, type WorkspaceOptions } from './pipeline/workspace';
export {
  analyzeWorkspace,
  compareListingOrder,
  DEFAULT_SCAN_OPTIONS,
  emptyManifest,
  factsOf,
  manifestFindings,
  readManifestFile,
  readManifestText,
  ScanCancelled,
  shardOf,
  skippedOf,
  type ManifestFile,
  type ScanOptions,
} from './pipeline/scan';
export type { FileOutcome } from './pipeline/analyze-workspace-file';
export { workspaceFlows } from './linking/link';
export { readModuleMap, type ModuleMap } from './linking/module-map';
export type { ExplainResult } from './pipeline/explain';
export { formatExplanation } from './pipeline/explain-text';
export type { ArgumentExplanation, CallExplanation, CalleeResolution, Explanation, FlowExplanation, RuleExplanation, SinkSeen, SourceExplanation } from './pipeline/explanation';

// Results.
export type { Finding, Inventory, InventoryLocation, Range, RelatedLocation, ScanResult, Severity, SeveritySetting, SkippedFile, TraceStep } from './core/types';
export type { FileFacts } from './analysis/facts';
export { isSourceFile } from './analysis/parse';
export { isTestPath } from './test-code';
export { compareFindings } from './pipeline/check';

// Rules.
export { RULE_META, RULES, ruleDocsUrl } from './rules';
export { RULE_IDS, type RuleId } from './core/rule-ids';
export type { RuleMeta } from './rules/rule';

// The manifest and the vocabularies it uses.
export { parseManifest } from './manifest/load';
export { DATA_SUBJECTS, LEGAL_BASES, TRANSFER_MECHANISMS, type Manifest, type ManifestError, type TransferMechanism } from './manifest/types';
export { builtinVendors, VendorIndex } from './core/catalog';
export { builtinCategories, builtinDataUses } from './core/taxonomy';
export { ENGINE_VERSION, type DetectionInput } from './config';

// The data map and the reports built on it.
export {
  buildDataMap,
  nodeId,
  UNATTRIBUTED,
  type DataMap,
  type DataMapInput,
  type MapCategory,
  type MapEdge,
  type MapLocation,
  type MapNodeId,
  type MapPurpose,
  type MapVendor,
} from './report/data-map';
export { relationDeclared, type MapRef } from './report/relations';
export { REPORT_FORMATS, renderReport, type ReportFormat, type ReportOptions } from './report';
export { layoutDataMap, nodeLabel, type DataMapGraph, type GraphEdge, type GraphNode } from './report/graph';
export { renderDataMapSvg, renderGraphSvg, GRAPH_CSS, type SvgOptions } from './report/svg';
export { RECORD_COLUMNS } from './report/record-csv';
export { reportTables, type ReportTable } from './report/tables';

// Drafting and editing the manifest.
export { applyEdits, diffEdit } from './draft/manifest-edit';
export { draftFromCode, extendManifest } from './draft/init';
export { draftFromPolicy } from './draft/from-policy';
export { inventoryFromFacts, type CodeInventory } from './draft/from-code';
export { fixPlan } from './draft/fix-plan';
export { readPolicy } from './policy';

// Reading a stranger's workspace safely: bounded reads of regular files, globs that cannot blow up, output that cannot be forged.
export { isInside, MAX_WORKSPACE_FILE_SIZE, readRegularText, type UnreadFile } from './core/read-file';
export { encodeText, type TextEncoding } from './core/decode';
export { escapeControl, escapeMarkdown, markdownCode, pathToUri } from './escape';
export { compileGlob, compileGlobs, MAX_BRACE_EXPANSION, type Glob } from './glob';
export { MAX_WORKERS } from './pipeline/pool';

// Messages of the analysis worker (the extension analyses open documents off its thread).
export type { DocumentRequest, DocumentResponse } from './pipeline/worker';

// Review: fingerprints, baselines, what a change touches, the pull-request summary.
export { fingerprintFindings, fingerprintKey, isWorkspaceKeyed, sinkText, type ReadSource } from './review/fingerprint';
export { createBaseline, matchBaseline, parseBaseline, pruneBaseline, upgradeBaseline, type Baseline, type BaselineEntry, type BaselineMatch } from './review/baseline';
export { addNewFiles, findingsOnChangedLines, inventoryChanges, isChangedLine, parseUnifiedDiff, renameToHead, type ChangedLines, type InventoryChange } from './review/changes';
export { legacyFingerprints, narrowToPlaces, newPlaces, placesOf } from './review/places';
export { formatMarkdown, newFlows, PR_COMMENT_LIMIT, verdict, type MarkdownOptions, type ReviewFlow, type ReviewSummary } from './review/markdown';
