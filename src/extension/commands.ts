/** Every command id the extension contributes: one table, checked against package.json by a test. */
export const COMMANDS = {
  scanWorkspace: 'privacyLens.scanWorkspace',
  createManifest: 'privacyLens.createManifest',
  createInventoryFromCode: 'privacyLens.createInventoryFromCode',
  draftFromPolicy: 'privacyLens.draftFromPolicy',
  openManifest: 'privacyLens.openManifest',
  showOutput: 'privacyLens.showOutput',
  statusBarClick: 'privacyLens.statusBarClick',
  markPurpose: 'privacyLens.markPurpose',
  moveCursor: 'privacyLens.moveCursor',
  showLocations: 'privacyLens.showLocations',
  showDataMap: 'privacyLens.showDataMap',
  refreshInventory: 'privacyLens.refreshInventory',
  filterInventory: 'privacyLens.filterInventory',
  clearInventoryFilter: 'privacyLens.clearInventoryFilter',
  revealInCode: 'privacyLens.revealInCode',
  openInManifest: 'privacyLens.openInManifest',
  declareInManifest: 'privacyLens.declareInManifest',
  explainLine: 'privacyLens.explainLine',
} as const;

/** A contributed command id. */
export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
