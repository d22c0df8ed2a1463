import type { Services } from '@conn/services';

/** What every route module reads: the bound services plus HTTP-only settings. */
export interface RestContext {
  readonly services: Services;
  /** Secure cookies when the public origin is https. */
  readonly secureCookies: boolean;
}
