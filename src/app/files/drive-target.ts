import type { GremienStore } from '../../ports/gremien-store.js';
import type { DriveTarget } from '../../ports/group-drive.js';

/** Where a body's documents go: its linked channel's files (Graph), or its folder on disk. */
export async function driveTargetOf(store: GremienStore, bodyId: string): Promise<DriveTarget> {
  const channel = await store.bodyChannel(bodyId);
  return {
    bodyId,
    ...(channel
      ? {
          channel: {
            tenantId: channel.value.tenantId,
            channelId: channel.value.channelId,
            teamGroupId: channel.value.teamGroupId,
          },
        }
      : {}),
  };
}
