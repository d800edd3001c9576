import { createRoot } from 'react-dom/client';
import { trackPageView } from './tracking/pixels';
import { AccountPage } from './pages/Account';

window.dataLayer = window.dataLayer || [];
window.gtag = function gtag() { window.dataLayer.push(arguments as unknown as Record<string, unknown>); }; // expect-no-flow pattern=no-personal-data
trackPageView(location.pathname);

async function loadExperiments() {
  const { grantConsent } = await import('./tracking/consent');
  grantConsent(localStorage.getItem('consent') === 'all');
}
void loadExperiments();

createRoot(document.getElementById('root')!).render(<AccountPage />);
