import type { CredentialField } from '@conn/sdk';

/**
 * Why a value does not fit a credential form field (required, pattern, URL,
 * email, number), or undefined when it fits. Used for prompt validation and
 * for `--field` values alike; the message never quotes the value.
 *
 * @example
 * checkFieldValue({ ...apiUrlField }, 'not a url'); // 'API URL must be a URL starting with http:// or https://.'
 */
export function checkFieldValue(field: CredentialField, value: string): string | undefined {
  if (value === '') {
    return field.required && field.default === undefined
      ? `${field.label} is required.`
      : undefined;
  }
  switch (field.type) {
    case 'url':
      if (!/^https?:\/\/[^\s]+$/.test(value) || !URL.canParse(value)) {
        return `${field.label} must be a URL starting with http:// or https://.`;
      }
      break;
    case 'email':
      if (!/^[^\s@]+@[^\s@]+$/.test(value)) return `${field.label} must be an email address.`;
      break;
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(value)) return `${field.label} must be a number.`;
      break;
    case 'text':
    case 'password':
      break;
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern).test(value)) {
    return `${field.label} does not have the expected format.`;
  }
  return undefined;
}
