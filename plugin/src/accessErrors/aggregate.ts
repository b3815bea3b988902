/**
 * Filtering and grouping of InsufficientAccess events.
 *
 * USER_ID (15 characters) and USER_ID_DERIVED (18 characters, case-insensitive) name the user
 * for whom the error occurred; the users asked for may come as 15- or 18-character Ids. All of
 * them are compared through one key: the 18-character form, upper-cased (two different
 * 15-character Ids never share an 18-character form, whatever the case).
 */
import { toId18 } from '@code42-companion/rules';
import { idMatchKeyIfId } from '../salesforce/ids.js';
import { eventTime } from './timestamps.js';

const MAX_EXAMPLE_RECORD_IDS = 5;

export type EventRow = Record<string, string | undefined>;

export type WatchedUser = { id: string; username?: string; name?: string; reasons: string[] };

export type AccessErrorGroup = {
  /** 18-character Id of the user for whom the error occurred (USER_ID). */
  userId: string;
  username: string | null;
  accessError: string;
  entityType: string;
  requestedAccessLevel: string;
  count: number;
  firstTime: string;
  lastTime: string;
  exampleRecordIds: string[];
  /** Events of this group started by someone else (ACTUAL_LOGGED_IN_USER_ID differs from USER_ID). */
  initiatedByOthers: number;
  /** 18-character Ids of those other users (up to 5). */
  initiatedBy: string[];
};

/** The user of an event row: USER_ID_DERIVED when present, else USER_ID. */
function rowUserKey(row: EventRow): string | undefined {
  return idMatchKeyIfId(row.USER_ID_DERIVED) ?? idMatchKeyIfId(row.USER_ID);
}

export type RowOutcome = 'counted' | 'otherUser' | 'outsideWindow' | 'unreadable';

export class AccessErrorAggregator {
  private readonly users = new Map<string, WatchedUser>();
  private readonly groups = new Map<string, AccessErrorGroup & { first: number; last: number }>();
  /** Rows counted into a group; add() says why any other row was left out. */
  public counted = 0;

  public constructor(users: WatchedUser[], private readonly window: { start: number; end: number }) {
    for (const u of users) {
      const key = idMatchKeyIfId(u.id);
      if (key) this.users.set(key, u);
    }
  }

  public add(row: EventRow): RowOutcome {
    const userKey = rowUserKey(row);
    const time = eventTime(row);
    if (!userKey || time === undefined) {
      return 'unreadable';
    }
    const user = this.users.get(userKey);
    if (!user) {
      return 'otherUser';
    }
    if (time < this.window.start || time > this.window.end) {
      return 'outsideWindow';
    }
    const accessError = (row.ACCESS_ERROR ?? '').trim() || '(none)';
    const entityType = (row.ENTITY_TYPE ?? '').trim() || '(none)';
    const level = (row.REQUESTED_ACCESS_LEVEL ?? '').trim() || '(none)';
    const key = [userKey, accessError, entityType, level].join('\u0000');
    let group = this.groups.get(key);
    if (!group) {
      group = {
        userId: toId18(user.id) as string,
        username: user.username ?? null,
        accessError,
        entityType,
        requestedAccessLevel: level,
        count: 0,
        firstTime: '',
        lastTime: '',
        exampleRecordIds: [],
        initiatedByOthers: 0,
        initiatedBy: [],
        first: time,
        last: time
      };
      this.groups.set(key, group);
    }
    group.count++;
    group.first = Math.min(group.first, time);
    group.last = Math.max(group.last, time);
    const recordId = (row.RECORD_ID ?? '').trim();
    if (recordId && group.exampleRecordIds.length < MAX_EXAMPLE_RECORD_IDS && !group.exampleRecordIds.includes(recordId)) {
      group.exampleRecordIds.push(recordId);
    }
    const actorKey = idMatchKeyIfId(row.ACTUAL_LOGGED_IN_USER_ID);
    if (actorKey && actorKey !== userKey) {
      group.initiatedByOthers++;
      const actor = toId18(row.ACTUAL_LOGGED_IN_USER_ID!.trim()) as string;
      if (group.initiatedBy.length < MAX_EXAMPLE_RECORD_IDS && !group.initiatedBy.includes(actor)) group.initiatedBy.push(actor);
    }
    this.counted++;
    return 'counted';
  }

  /** Groups ordered by user, then most frequent first. */
  public result(): AccessErrorGroup[] {
    return [...this.groups.values()]
      .map(({ first, last, ...g }) => ({ ...g, firstTime: new Date(first).toISOString(), lastTime: new Date(last).toISOString() }))
      .sort(
        (a, b) =>
          (a.username ?? a.userId).localeCompare(b.username ?? b.userId) ||
          b.count - a.count ||
          a.accessError.localeCompare(b.accessError) ||
          a.entityType.localeCompare(b.entityType) ||
          a.requestedAccessLevel.localeCompare(b.requestedAccessLevel)
      );
  }
}
