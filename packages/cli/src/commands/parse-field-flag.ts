import { nameValueFlag } from './name-value-flag';

/**
 * Collects repeated `--field name=value` flags into one record.
 *
 * @example
 * parseFieldFlag('api_url=https://ghe.example.com/api/v3', {}); // { api_url: 'https://…' }
 */
export const parseFieldFlag = nameValueFlag('--field', 'api_url=https://…');
