import type { AdaptiveCard } from '../../../cards/adaptive-card.js';
import type { Locale } from '../../../cards/locale.js';
import type { MessageKey } from '../../../cards/messages.js';
import type { Ctx } from '../handlers/context.js';
import type { BotDeps } from '../handlers/deps.js';
import type { CommandText } from './grammar.js';

/** One turn of the conversation: who answers with what, and in which language. */
export type Turn = { readonly deps: BotDeps; readonly ctx: Ctx; readonly locale: Locale };

/** A command's answer: one card, or several (one per open vote, one per body). */
export type Answer = AdaptiveCard | readonly AdaptiveCard[];

/** What the help card and the Teams manifest show of a command: an example per language. */
export type HelpEntry = { readonly de: string; readonly en: string; readonly description: MessageKey };

/** A command as parsed: its name and its arguments (what tests compare). */
export type Command = { readonly name: string } & Readonly<Record<string, unknown>>;

/** A typed text that matched a command, bound to the command's handler. */
export type Matched = { readonly command: Command; readonly run: (turn: Turn) => Promise<Answer> };

/**
 * One command: the phrases or the pattern that name it (German and English), its help entry and
 * its handler. Built with `phrases()` or `pattern()`, which keep each handler's arguments typed.
 */
export type CommandSpec = {
  readonly name: string;
  /** Whole texts that name it, normalized (lower case, single spaces). */
  readonly phrases: readonly string[];
  readonly help?: HelpEntry;
  /** For commands with arguments: the bound command, or undefined when the text is not this one. */
  readonly match: (text: CommandText) => Matched | undefined;
};

/** A command without arguments, named by whole phrases. */
export function phrases(
  name: string,
  words: readonly string[],
  help: HelpEntry | undefined,
  run: (turn: Turn) => Promise<Answer> | Answer,
): CommandSpec {
  const bound: Matched = { command: { name }, run: async (turn) => run(turn) };
  return {
    name,
    phrases: words,
    ...(help ? { help } : {}),
    match: (text) => (words.includes(text.normalized) ? bound : undefined),
  };
}

/** A command with arguments: `parse` reads them from the text (undefined: not this command). */
export function pattern<A extends Readonly<Record<string, unknown>>>(
  name: string,
  parse: (text: CommandText) => A | undefined,
  help: HelpEntry | undefined,
  run: (turn: Turn, args: A) => Promise<Answer> | Answer,
): CommandSpec {
  return {
    name,
    phrases: [],
    ...(help ? { help } : {}),
    match: (text) => {
      const args = parse(text);
      return args ? { command: { name, ...args }, run: async (turn) => run(turn, args) } : undefined;
    },
  };
}
