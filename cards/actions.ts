import { z } from 'zod';

/**
 * The data each card button sends (Action.Execute `data` merged with the card's inputs), one
 * zod schema per verb, used by the card that builds the button and by the handler that
 * receives it. Nothing here says who acts: that comes from the platform.
 */
const id = z.string().trim().min(1).max(64);

export const CardActions = {
  help: z.object({}),
  'body.link': z.object({ bodyId: id }),
  /** `choice` is "<bodyId>|<officeId>" from the office picker. */
  'member.request': z.object({
    choice: z
      .string()
      .max(140)
      .regex(/^[a-z0-9-]+\|[a-z0-9-]+$/, 'must be "<body>|<office>"')
      .transform((s) => {
        const [bodyId = '', officeId = ''] = s.split('|');
        return { bodyId, officeId };
      }),
  }),
  'member.decide': z.object({
    bodyId: id,
    memberAadObjectId: id,
    decision: z.enum(['approve', 'decline']),
  }),
  /** From the session form (inputs) or a proposal button (fixed date and time). */
  'session.create': z.object({
    bodyId: id,
    date: z.string().trim().max(10),
    time: z.string().trim().max(5),
    place: z.string().max(400).default(''),
  }),
} as const;

export type Verb = keyof typeof CardActions;
export type CardData<V extends Verb> = z.input<(typeof CardActions)[V]>;

export function isVerb(verb: unknown): verb is Verb {
  return typeof verb === 'string' && Object.hasOwn(CardActions, verb);
}
