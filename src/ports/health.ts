/** Reports whether a dependency answers; used by GET /healthz. */
export interface HealthProbe {
  readonly name: string;
  check(): Promise<{ ok: true } | { ok: false; reason: string }>;
}
