import type { DeclaredVendor } from '../manifest/types';
import { flowReport, type RuleModule } from './rule';

/** A declared vendor outside the manifest's home region receives personal data with no transfer mechanism. */
export const undeclaredTransfer: RuleModule = {
  meta: {
    id: 'undeclared-transfer',
    defaultSeverity: 'warning',
    description: 'A vendor whose `region` differs from `home_region` receives personal data and no `transfer` mechanism is declared for it.',
    help: 'Declare the safeguard the transfer relies on in the vendor\'s entry (`transfer: adequacy | scc | bcr | consent`), or correct its `region`.',
    messages: {
      default: '{{vendorName}} (region {{region}}, outside the home region {{homeRegion}}) receives {{categories}}, and no transfer mechanism is declared for it',
    },
  },
  create(context) {
    const home = context.manifest.homeRegion;
    const reported = new Set<string>();
    return {
      flow(flow) {
        const vendor = flow.declaredVendor;
        if (!home || !vendor || !needsTransfer(vendor, home) || flow.categories.length === 0) return;
        const key = `${flow.file}|${vendor.id}`;
        if (reported.has(key)) return;
        reported.add(key);
        context.report(flowReport(flow, { vendorName: flow.vendorName ?? vendor.id, region: vendor.region!, homeRegion: home }));
      },
    };
  },
};

/** True when the vendor is in another region than `home` and declares no transfer mechanism. */
export function needsTransfer(vendor: DeclaredVendor, home: string): boolean {
  return vendor.region !== undefined && vendor.transfer === undefined && !sameRegion(vendor.region, home);
}

/** `eu-west-1` is in `eu`; regions compare case-insensitively. */
export function sameRegion(region: string, home: string): boolean {
  const a = region.toLowerCase();
  const b = home.toLowerCase();
  return a === b || a.startsWith(`${b}-`);
}
