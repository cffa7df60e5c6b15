/**
 * The audit log: one JSON line per security event (code requested, sign-in, failure, burned code,
 * lockout, sign-out, session ended), written to a sink and kept in KV for 90 days. Events carry
 * the address, client IP and reason; never a code, session id or key.
 */

/** Fields an event may carry. Codes, session ids and keys are never passed here. */
export type AuditFields = Record<string, string | number | boolean | undefined>;

/** Records security events. */
export interface Audit {
  record(event: string, fields?: AuditFields): Promise<void>;
}

/** How long audit entries stay in KV. */
export const AUDIT_RETENTION_MS = 90 * 24 * 60 * 60_000;

/** An audit log writing JSON lines to `sink` and entries under `["audit", time, n]` in `kv`. */
export function kvAudit(kv: Deno.Kv, now: () => number, sink: (line: string) => void): Audit {
  let n = 0;
  return {
    async record(event, fields = {}) {
      const at = now();
      const entry = { at: new Date(at).toISOString(), event, ...fields };
      sink(JSON.stringify(entry));
      await kv.set(["audit", at, n++], entry, { expireIn: AUDIT_RETENTION_MS });
    },
  };
}
