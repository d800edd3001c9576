import type { Manifest } from '../manifest/types';
import { categoryCovers } from '../core/taxonomy';
import type { Finding } from '../core/types';
import {
  addCategory,
  addCategoryToPurpose,
  addCategoryToVendor,
  addPurposeToVendor,
  addVendor,
  type ManifestEdit,
} from './manifest-edit';
import { removeCategory, removeVendor } from './manifest-remove';

/** One step of a manifest fix: text in, edited text out. */
export type FixStep = (text: string) => ManifestEdit;

/** The manifest-side fix of a finding: a title for the editor and the edits to make. */
export interface FixPlan {
  title: string;
  steps: FixStep[];
}

/**
 * What to change in the manifest so that a finding goes away: add the vendor to the sharing list,
 * declare a category for a vendor or purpose, declare a purpose for a vendor, or declare a category;
 * and remove a vendor or category nothing uses.
 * Categories the manifest does not declare yet are declared first, so the result stays valid.
 * Shared by the editor's quick fixes and `privacy-lens fix`.
 */
export function fixPlan(m: Manifest, f: Finding, vendorName = f.vendor ?? ''): FixPlan | undefined {
  const categories = (f.categories ?? []).filter((c) => c !== 'user');
  const declare = categories.filter((c) => !m.categories.some((d) => categoryCovers(d.id, c))).map((c): FixStep => (t) => addCategory(t, c));
  const purpose = f.purpose && m.purposes.some((p) => p.id === f.purpose) ? f.purpose : undefined;
  switch (f.rule) {
    case 'undeclared-vendor':
      if (!f.vendor) return undefined;
      return { title: `Add ${vendorName} to the sharing list`, steps: [...declare, (t) => addVendor(t, { id: f.vendor!, purposes: purpose ? [purpose] : [], categories })] };
    case 'undeclared-sharing':
      return { title: `Declare ${categories.join(', ')} for ${vendorName}`, steps: [...declare, ...categories.map((c): FixStep => (t) => addCategoryToVendor(t, f.vendor!, c))] };
    case 'vendor-purpose-mismatch':
      return purpose && f.vendor ? { title: `Declare purpose ${purpose} for ${vendorName}`, steps: [(t) => addPurposeToVendor(t, f.vendor!, purpose)] } : undefined;
    case 'undeclared-purpose':
      return purpose ? { title: `Declare ${categories.join(', ')} for purpose ${purpose}`, steps: categories.map((c): FixStep => (t) => addCategoryToPurpose(t, purpose, c)) } : undefined;
    case 'undeclared-category':
      return categories.length ? { title: `Declare ${categories.join(', ')}`, steps: declare } : undefined;
    case 'unused-vendor':
      return f.vendor ? { title: `Remove ${vendorName} from the sharing list`, steps: [(t) => removeVendor(t, f.vendor!)] } : undefined;
    case 'unused-category':
      return categories.length === 1 ? { title: `Remove category ${categories[0]}`, steps: [(t) => removeCategory(t, categories[0])] } : undefined;
    default:
      return undefined;
  }
}
