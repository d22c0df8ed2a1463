import type { ManifestInput } from '@conn/setup-engine';

/**
 * Amazon order history. Amazon offers no API for it, so it can only be read
 * through a signed-in browser on the owner's device; the path is proof-gated
 * until it has worked end to end.
 *
 * @example
 * const manifest = parseManifest(amazonManifest);
 */
export const amazonManifest: ManifestInput = {
  key: 'amazon',
  name: 'Amazon',
  description:
    'Your Amazon order history, read from amazon.com by a browser collector you sign in to yourself. Amazon offers no API for it.',
  category: 'shopping',
  homepage_url: 'https://www.amazon.com',
  docs_url: 'https://www.amazon.com/gp/css/order-history',
  streams: [
    {
      name: 'orders',
      label: 'Orders',
      description: 'Each order with its date, items, total and delivery status.',
      record_key: 'order_id',
    },
  ],
  setup: {
    modality: 'browser_bound',
    browser: {
      login_url: 'https://www.amazon.com/ap/signin',
      collector_label: 'Browser collector',
      platforms: ['macos', 'linux', 'windows'],
    },
  },
};
