import type { FollowUpLine } from '../../domain/follow-up.js';
import type { ProtocolDocument } from '../../domain/protocol.js';
import type { SessionTimeline } from '../../domain/schedule.js';
import type { SessionSnapshot } from '../../ports/gremien-store.js';
import type { UmlaufView } from '../umlauf/umlauf-view.js';

/** What a due notification is about, as read when it is sent (so the agenda is the current one). */
export type NotificationSubject =
  | {
      readonly kind: 'session';
      readonly snapshot: SessionSnapshot;
      readonly timeline: SessionTimeline;
      readonly now: Date;
      /** The follow-ups on this session's agenda (Wiedervorlagen). */
      readonly followUps?: readonly FollowUpLine[];
    }
  | {
      readonly kind: 'umlauf';
      readonly view: UmlaufView;
      readonly now: Date;
      /** Its number in the register, once closed and recorded. */
      readonly register?: string;
      /** Offices without Teams whose written statement the SPK may record (the channel's copy). */
      readonly recordable?: readonly { id: string; name: string }[];
    }
  | {
      readonly kind: 'protocol';
      readonly document: ProtocolDocument;
      readonly now: Date;
      /** Where it is filed in the group drive (there is one). */
      readonly filedAs?: string;
      /** The filed document's web address, once it is there. */
      readonly filedUrl?: string;
    }
  | {
      readonly kind: 'sessionChange';
      readonly cancelled: boolean;
      readonly from: Date;
      /** The new start (moved); absent when cancelled. */
      readonly to?: Date;
      readonly place: string;
      readonly now: Date;
    };
