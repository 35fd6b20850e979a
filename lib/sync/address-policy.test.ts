import { describe, expect, it } from 'vitest';
import { nonPublicAddressKind } from './address-policy';

describe('nonPublicAddressKind', () => {
  it.each([
    ['127.0.0.1', 'a loopback address'],
    ['127.255.255.254', 'a loopback address'],
    ['10.0.0.5', 'a private address'],
    ['10.255.255.255', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.10', 'a private address'],
    ['169.254.169.254', 'a link-local address (this includes cloud metadata services)'],
    ['100.64.0.1', 'a carrier-grade NAT (shared) address'],
    ['100.127.255.255', 'a carrier-grade NAT (shared) address'],
    ['0.0.0.0', 'a reserved "this network" address'],
    ['0.1.2.3', 'a reserved "this network" address'],
    ['224.0.0.251', 'a multicast address'],
    ['255.255.255.255', 'a reserved address'],
    ['::1', 'a loopback address'],
    ['0:0:0:0:0:0:0:1', 'a loopback address'],
    ['::', 'a reserved "unspecified" address'],
    ['fc00::1', 'a private (unique local) address'],
    ['fd12:3456:789a::1', 'a private (unique local) address'],
    ['fe80::1', 'a link-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['febf::1', 'a link-local address'],
    ['::ffff:10.0.0.5', 'a private address'],
    ['::ffff:127.0.0.1', 'a loopback address'],
    ['::ffff:a9fe:a9fe', 'a link-local address (this includes cloud metadata services)'],
    ['64:ff9b::169.254.169.254', 'a link-local address (this includes cloud metadata services)'],
    ['ff02::1', 'a multicast address'],
    ['localhost', 'not an IP address'],
  ])('%s is %s', (address, kind) => {
    expect(nonPublicAddressKind(address)).toBe(kind);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '172.15.255.255',
    '172.32.0.0',
    '100.63.255.255',
    '100.128.0.0',
    '169.253.255.255',
    '192.167.255.255',
    '11.0.0.1',
    '2606:4700:4700::1111',
    '2001:db8::1',
    '::ffff:8.8.8.8',
    'fbff::1',
    'fe00::1',
  ])('%s is public', (address) => {
    expect(nonPublicAddressKind(address)).toBeNull();
  });
});
