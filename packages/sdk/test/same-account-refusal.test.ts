import { describe, expect, it } from 'vitest';
import { ConnApiError, sameAccountRefusal } from '../src/index';

describe('sameAccountRefusal', () => {
  it('reads which connection holds the account from a same_account refusal, and nothing else', () => {
    const refused = new ConnApiError(
      409,
      'same_account',
      'GitHub account "octocat" is already connected as "Work".',
      {
        connector: 'github',
        connection_id: 'con_1',
        label: 'Work',
      },
    );
    expect(sameAccountRefusal(refused)).toEqual({
      message: 'GitHub account "octocat" is already connected as "Work".',
      connectionId: 'con_1',
      label: 'Work',
    });
    expect(sameAccountRefusal(new ConnApiError(422, 'credential_rejected', 'no'))).toBeNull();
    expect(sameAccountRefusal(new Error('same_account'))).toBeNull();
  });
});
