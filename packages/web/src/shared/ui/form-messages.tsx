import type { ReactNode } from "react";

/** A problem with what the person sent, announced at once (WCAG 4.1.3). */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <div className="form-error" role="alert">
      {children}
    </div>
  );
}

/** A confirmation, announced politely. */
export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <div className="form-success" role="status">
      {children}
    </div>
  );
}
