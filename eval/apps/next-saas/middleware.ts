import { NextResponse, type NextRequest } from 'next/server';

export function middleware(request: NextRequest) {
  const res = NextResponse.next();
  if (!request.cookies.get('lp_session')) {
    console.log('anonymous visit', request.nextUrl.pathname); // expect-no-flow pattern=no-personal-data
  }
  return res;
}

export const config = { matcher: ['/app/:path*'] };
