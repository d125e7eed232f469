import type { ExecuteAction } from './actions.js';

/**
 * A typed subset of the Adaptive Card 1.5 schema: the elements this bot uses.
 * Cards are plain JSON so that nothing outside src/teams imports the Teams SDK.
 */
export type TextBlock = {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  size?: 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge';
  weight?: 'Lighter' | 'Default' | 'Bolder';
  color?: 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
  isSubtle?: boolean;
  spacing?: 'None' | 'Small' | 'Default' | 'Medium' | 'Large';
  style?: 'default' | 'heading';
};

export type Fact = { title: string; value: string };
export type FactSet = { type: 'FactSet'; facts: Fact[] };

export type Container = {
  type: 'Container';
  items: CardElement[];
  style?: 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
  spacing?: TextBlock['spacing'];
  separator?: boolean;
};

export type ColumnSet = {
  type: 'ColumnSet';
  columns: { type: 'Column'; width?: 'auto' | 'stretch' | string; items: CardElement[] }[];
};

/** What every input shares; its value arrives in the button's data under `id`. */
type InputBase = {
  id: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  spacing?: TextBlock['spacing'];
};
export type InputText = InputBase & {
  type: 'Input.Text';
  value?: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
};
export type InputChoiceSet = InputBase & {
  type: 'Input.ChoiceSet';
  choices: { title: string; value: string }[];
  value?: string;
  placeholder?: string;
  style?: 'compact' | 'expanded' | 'filtered';
  isMultiSelect?: boolean;
};
export type InputDate = InputBase & { type: 'Input.Date'; value?: string; min?: string; max?: string };
export type InputTime = InputBase & { type: 'Input.Time'; value?: string; min?: string; max?: string };
export type InputNumber = InputBase & {
  type: 'Input.Number';
  value?: number;
  min?: number;
  max?: number;
  placeholder?: string;
};
export type InputToggle = InputBase & {
  type: 'Input.Toggle';
  title: string;
  value?: string;
  valueOn?: string;
  valueOff?: string;
};
export type CardInput = InputText | InputChoiceSet | InputDate | InputTime | InputNumber | InputToggle;

export type ActionSet = { type: 'ActionSet'; actions: CardAction[]; spacing?: TextBlock['spacing'] };

/** Teams' chart element (Teams renders it; other hosts show `fallback`). */
export type PieChart = {
  type: 'Chart.Pie';
  title?: string;
  data: { legend: string; value: number; color?: string }[];
  fallback: TextBlock;
};

export type CardElement = TextBlock | FactSet | Container | ColumnSet | CardInput | ActionSet | PieChart;

export type SubmitData = Record<string, unknown>;

export type CardAction =
  | ExecuteAction
  | { type: 'Action.OpenUrl'; title: string; url: string }
  /** Opens a form inside the card (its inputs are sent with the parent card's). */
  | {
      type: 'Action.ShowCard';
      title: string;
      card: { type: 'AdaptiveCard'; body: CardElement[]; actions?: CardAction[] };
    };

export type AdaptiveCard = {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: '1.5';
  lang?: string;
  /** What a screen reader or a notification says of the card: its first line, without Markdown. */
  speak?: string;
  body: CardElement[];
  actions?: CardAction[];
  msteams?: { width?: 'Full' };
  /** Teams shows the listed users their own copy, drawn by this action (user-specific views). */
  refresh?: { action: ExecuteAction; userIds: string[] };
};

export function adaptiveCard(lang: string, body: CardElement[], actions?: CardAction[]): AdaptiveCard {
  const first = firstText(body);
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    lang,
    ...(first ? { speak: spoken(first) } : {}),
    body,
    ...(actions && actions.length > 0 ? { actions } : {}),
  };
}

export function heading(text: string): TextBlock {
  return { type: 'TextBlock' as const, text, size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' };
}

export function paragraph(text: string, extra: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock' as const, text, wrap: true, ...extra };
}

/** The first text of a card (its heading, as a rule), looked for in containers and columns too. */
function firstText(elements: readonly CardElement[]): string | undefined {
  for (const e of elements) {
    if (e.type === 'TextBlock' && e.text.trim()) return e.text;
    if (e.type === 'Container') {
      const inner = firstText(e.items);
      if (inner) return inner;
    }
    if (e.type === 'ColumnSet')
      for (const c of e.columns) {
        const inner = firstText(c.items);
        if (inner) return inner;
      }
  }
  return undefined;
}

/** Text as it is read aloud: Markdown links as their words, no emphasis or escapes, one line. */
export function spoken(text: string): string {
  return text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([\\`*_[\]#>+.-])/g, '$1')
    .replace(/[*_`]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
