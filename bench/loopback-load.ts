/**
 * What the throughput benchmarks share: requests/s of one route under
 * autocannon on loopback (8 connections), refusing any non-2xx answer, and
 * the machine's load average written beside each figure.
 */
import { loadavg } from "node:os";
import autocannon from "autocannon";

export function loadAverageText(): string {
  return `carga promedio ${loadavg()
    .map((l) => l.toFixed(1).replace(".", ","))
    .join(" / ")}`;
}

export async function throughput(url: string, seconds: number): Promise<number> {
  const result = await autocannon({ url, connections: 8, duration: seconds });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${url}: ${result.non2xx} respuestas no 2xx, ${result.errors} errores`);
  return result.requests.average;
}
