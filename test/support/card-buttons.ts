/** An Action.Execute button as a card carries it. */
export type Button = { type: string; verb?: string; title: string; data?: Record<string, unknown> };

/** Every Action.Execute button of a card, wherever it sits (actions, action sets, show-cards). */
export function buttons(card: unknown): Button[] {
  const out: Button[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Button;
      if (o.type === 'Action.Execute') out.push(o);
      for (const x of Object.values(o)) walk(x);
    }
  };
  walk(card);
  return out;
}
