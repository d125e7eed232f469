import { CONVERSATIONS_TABLE } from './conversation-table.js';
import { NOTIFICATIONS_TABLE } from './notification-store.js';

/** The table of bodies, sessions, members, votes, protocols, the register and the audit trail. */
export const GREMIEN_TABLE = 'gremien';

/** Every table the bot keeps (without the deployment's prefix): what a backup must hold. */
export const ALL_TABLES = [CONVERSATIONS_TABLE, GREMIEN_TABLE, NOTIFICATIONS_TABLE] as const;
