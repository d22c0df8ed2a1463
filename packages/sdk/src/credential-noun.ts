/**
 * What an owner calls a credential of this kind in a sentence ("The token
 * expires …"); an unknown kind reads as "credential".
 *
 * @example
 * credentialNoun('personal_access_token'); // 'token'
 */
export function credentialNoun(kind: string): string {
  switch (kind) {
    case 'personal_access_token':
      return 'token';
    case 'app_password':
      return 'app password';
    case 'api_key':
      return 'API key';
    case 'username_password':
      return 'password';
    case 'oauth_tokens':
      return 'authorization';
    case 'collector_token':
      return 'device token';
    default:
      return 'credential';
  }
}
