import type { PlanChange } from "./formulation-api.ts";
import { keyed } from "./keyed.ts";

/** Changes between two versions, in the server's (or core's) Spanish messages. */
export function ChangeList({ changes, label }: { changes: readonly PlanChange[]; label?: string }) {
  return (
    <ul className="change-list" aria-label={label}>
      {keyed(changes, (change) => `${change.path}|${change.message}`).map(({ key, item }) => (
        <li key={key} className={`change change-${item.kind}`}>
          {item.message}
        </li>
      ))}
    </ul>
  );
}
