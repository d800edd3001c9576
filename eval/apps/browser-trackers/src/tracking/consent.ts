export function grantConsent(marketing: boolean) {
  window.gtag('consent', 'update', { ad_storage: marketing ? 'granted' : 'denied', analytics_storage: 'granted' }); // expect-no-flow pattern=no-personal-data
  window.fbq('consent', marketing ? 'grant' : 'revoke'); // expect-no-flow pattern=no-personal-data
}
