import type { SetupStatus } from '@conn/sdk';
import { Link } from 'wouter';
import { pagePaths } from '../client/page-paths';

/**
 * Says when another connection holds the same account, with a link to it:
 * its repair or its update is usually what the owner meant.
 */
export function SameAccountNote({ status, name }: { status: SetupStatus; name: string }) {
  const same = status.same_account;
  if (same === null) return null;
  return (
    <p className="note">
      This {name} account is also connected as{' '}
      <Link href={pagePaths.connection(same.connection_id)}>
        “{same.label ?? same.connection_id}”
      </Link>
      . If you did not mean to connect it twice, repair or update that one instead and delete this
      one.
    </p>
  );
}
