import useSWR from 'swr';
import type { Customer } from './schemas';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** POSTs JSON to one of our own API routes and returns the parsed answer. */
export async function postJson<T = unknown>(path: `/api/${string}`, body: unknown, init: RequestInit = {}): Promise<T> {
  const res = await fetch(path, { ...init, method: 'POST', headers: { 'content-type': 'application/json', ...init.headers }, body: JSON.stringify(body) }); // expect-maybe-flow pattern=cross-module-wrapper
  if (!res.ok) throw new ApiError(res.status, (await res.json().catch(() => null))?.error ?? res.statusText);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

const getJson = (url: string) => fetch(url, { credentials: 'same-origin' }).then((r) => (r.ok ? r.json() : null)); // expect-no-flow pattern=no-personal-data

export function useCustomer() {
  const { data, isLoading, mutate } = useSWR<Customer | null>('/api/me', getJson, { revalidateOnFocus: false });
  return { customer: data ?? null, isLoading, refresh: mutate };
}
