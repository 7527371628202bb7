/** `?version=N` on the plan's page: an earlier version, shown read-only. */
import { useSearch } from "../../shared/router.tsx";

export const VERSION_PARAM = "version";

export function requestedVersionOf(search: string): number | null {
  const raw = new URLSearchParams(search).get(VERSION_PARAM);
  return raw !== null && /^[1-9]\d*$/.test(raw) ? Number(raw) : null;
}

export function useRequestedVersion(): number | null {
  return requestedVersionOf(useSearch());
}
