/** Reading accounts: one by number, and the change feed the stations page through for their cache. */
import { accountSchema, type Account } from '../../shared/accounts/account';
import { dbMoney, dbTime, type Queryable } from './db';

type AccountRow = {
  utility: string;
  number: string;
  name: string;
  service_address: string;
  balance: string;
  past_due: string;
  due_date: string | null;
  status: string;
  shut_offs_12m: number;
  beyond_shut_off: boolean;
  certified_amount: string | null;
  updated_at: Date | string;
  feed_cursor: string;
};

/**
 * Every cast to text is on purpose: see db.ts. The cursor gets its own name so that `order by change_seq`
 * still means the bigint column, not its text (where 10 sorts before 9).
 */
const COLUMNS = `utility, number, name, service_address, balance::text, past_due::text, due_date::text, status,
  shut_offs_12m, beyond_shut_off, certified_amount::text, updated_at, change_seq::text as feed_cursor`;

/** The database row → the wire account, parsed: a bad row fails here, not at the station. */
function toAccount(r: AccountRow): Account {
  return accountSchema.parse({
    utility: r.utility,
    number: r.number,
    name: r.name,
    serviceAddress: r.service_address,
    balance: dbMoney(r.balance),
    pastDue: dbMoney(r.past_due),
    dueDate: r.due_date,
    status: r.status,
    shutOffsLast12Months: r.shut_offs_12m,
    beyondShutOff: r.beyond_shut_off,
    certifiedAmount: r.certified_amount === null ? null : dbMoney(r.certified_amount),
    updatedAt: dbTime(r.updated_at),
  });
}

export async function findAccount(db: Queryable, utility: string, number: string): Promise<Account | null> {
  const [row] = await db.query<AccountRow>(`select ${COLUMNS} from accounts where utility = $1 and number = $2`, [utility, number]);
  return row ? toAccount(row) : null;
}

export type FeedPage = { accounts: Account[]; cursor: string; more: boolean };

/**
 * The accounts of one utility changed after `after` (a change_seq), oldest change first.
 * The cursor is the last change_seq returned, or `after` itself when nothing changed.
 */
export async function accountFeed(db: Queryable, utility: string, after: string, limit: number): Promise<FeedPage> {
  // One extra row tells whether there is more, without a count.
  const rows = await db.query<AccountRow>(
    `select ${COLUMNS} from accounts where utility = $1 and change_seq > $2::bigint order by change_seq limit $3`,
    [utility, after, limit + 1],
  );
  const page = rows.slice(0, limit);
  return { accounts: page.map(toAccount), cursor: page.at(-1)?.feed_cursor ?? after, more: rows.length > limit };
}

export async function utilityHasAccounts(db: Queryable, utility: string): Promise<boolean> {
  const [row] = await db.query<{ any: boolean }>('select exists (select 1 from accounts where utility = $1) as any', [utility]);
  return row?.any === true;
}
