/** What kind of credential a connection holds, in owner words; an unknown kind reads as "Credential". */
export function credentialKindWords(kind: string): string {
  switch (kind) {
    case 'app_password':
      return 'App password';
    case 'personal_access_token':
      return 'Personal access token';
    case 'api_key':
      return 'API key';
    case 'username_password':
      return 'User name and password';
    case 'secret_bundle':
      return 'Set of secrets';
    case 'collector_token':
      return 'Device token of the collector';
    case 'oauth_tokens':
      return 'Authorization from the provider';
    default:
      return 'Credential';
  }
}
