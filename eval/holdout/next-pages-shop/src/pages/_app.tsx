import type { AppProps } from 'next/app';
import Script from 'next/script';
import { useRouter } from 'next/router';
import { useEffect } from 'react';
import posthog from 'posthog-js';
import * as amplitude from '@amplitude/analytics-browser';
import { Layout } from '@/components/Layout';
import { GA_ID, PIXEL_ID } from '@/lib/tracking';
import '@/styles/globals.css';

if (typeof window !== 'undefined') {
  posthog.init(process.env.NEXT_PUBLIC_POSTHOG_KEY ?? '', { api_host: 'https://eu.i.posthog.com', capture_pageview: false, person_profiles: 'identified_only' }); // expect-no-flow pattern=no-personal-data
  amplitude.init(process.env.NEXT_PUBLIC_AMPLITUDE_KEY ?? '', { serverZone: 'EU', defaultTracking: { pageViews: false, formInteractions: false } }); // expect-no-flow pattern=no-personal-data
}

export default function App({ Component, pageProps }: AppProps) {
  const router = useRouter();

  useEffect(() => {
    const onRouteChange = (url: string) => {
      // keep the query string (search terms, order ids) out of page views
      const path = url.split('?')[0];
      window.gtag('event', 'page_view', { page_path: path }); // expect-no-flow pattern=no-personal-data
      window.fbq('track', 'PageView'); // expect-no-flow pattern=no-personal-data
      posthog.capture('$pageview', { $current_url: `${window.location.origin}${path}` }); // expect-no-flow pattern=no-personal-data
    };
    router.events.on('routeChangeComplete', onRouteChange);
    return () => router.events.off('routeChangeComplete', onRouteChange);
  }, [router.events]);

  return (
    <>
      <Script src={`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`} strategy="afterInteractive" />
      <Script id="gtag-init" strategy="afterInteractive">
        {`window.dataLayer = window.dataLayer || [];
          function gtag(){dataLayer.push(arguments);}
          gtag('js', new Date());
          gtag('config', '${GA_ID}', { send_page_view: false });`}
      </Script>
      <Script id="meta-pixel" strategy="afterInteractive">
        {`!function(f,b,e,v,n,t,s){if(f.fbq)return;n=f.fbq=function(){n.callMethod?n.callMethod.apply(n,arguments):n.queue.push(arguments)};
          if(!f._fbq)f._fbq=n;n.push=n;n.loaded=!0;n.version='2.0';n.queue=[];t=b.createElement(e);t.async=!0;
          t.src=v;s=b.getElementsByTagName(e)[0];s.parentNode.insertBefore(t,s)}(window,document,'script','https://connect.facebook.net/en_US/fbevents.js');
          fbq('init', '${PIXEL_ID}');`}
      </Script>
      <Layout>
        <Component {...pageProps} />
      </Layout>
    </>
  );
}
