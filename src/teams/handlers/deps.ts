import type { BodyRegistry } from '../../app/bodies/registry.js';
import type { FileLinks } from '../../app/files/file-links.js';
import type { MembershipDeps } from '../../app/shared/deps.js';
import type { Config } from '../../config.js';
import type { Clock } from '../../ports/clock.js';
import type { ConversationStore } from '../../ports/conversation-store.js';
import type { GroupDrive } from '../../ports/group-drive.js';
import type { Logger } from '../../ports/logger.js';
import type { NotificationPlanner } from '../../ports/notification-planner.js';
import type { NotificationStore } from '../../ports/notifications.js';

/** What the Teams layer is given: the use cases' dependencies, and its own. */
export type BotDeps = MembershipDeps & {
  readonly planner: NotificationPlanner;
  /** Signed download links; absent when no signing key is configured. */
  readonly files?: FileLinks;
  readonly config: Config;
  readonly conversations: ConversationStore;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The bodies from storage, with their versions (`bodies` is the same, as a map). */
  readonly registry?: BodyRegistry;
  /** The group drive where the SPK's documents are filed; none: they are only downloaded. */
  readonly drive?: GroupDrive;
  /** What the bot sent (read for a person's own data, `meine daten`). */
  readonly notifications?: Pick<NotificationStore, 'finished' | 'pendingRows'>;
};
