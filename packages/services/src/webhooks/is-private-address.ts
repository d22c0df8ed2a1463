import { BlockList, isIPv4 } from 'node:net';

// Where a webhook must not point unless the operator allows it: this host,
// its networks, and addresses that are not unicast destinations at all.
const refused = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  refused.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  refused.addSubnet(network, prefix, 'ipv6');
}

const mappedIPv4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i;

/**
 * True for a loopback, private (RFC 1918, CGNAT), link-local, unique-local,
 * multicast or unspecified address, IPv4-mapped IPv6 included.
 *
 * @example
 * isPrivateAddress('10.1.2.3'); // true
 * isPrivateAddress('::ffff:127.0.0.1'); // true
 * isPrivateAddress('93.184.216.34'); // false
 */
export function isPrivateAddress(address: string): boolean {
  const mapped = mappedIPv4.exec(address)?.[1];
  if (mapped !== undefined) return refused.check(mapped, 'ipv4');
  return refused.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}
