package dev.steward.activities.tools.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Tells addresses an agent may not reach by default: loopback (127/8, ::1), unspecified (0/8, ::),
 * link-local (169.254/16, fe80::/10, which holds cloud metadata services), private (10/8,
 * 172.16/12, 192.168/16, fec0::/10), unique-local (fc00::/7), carrier-grade NAT (100.64/10) and
 * multicast.
 */
public final class AddressPolicy {

  private AddressPolicy() {}

  /** Why {@code address} is not public, or empty when it is. */
  public static Optional<String> nonPublicReason(InetAddress address) {
    if (address.isLoopbackAddress()) {
      return Optional.of("loopback");
    }
    if (address.isAnyLocalAddress()) {
      return Optional.of("unspecified");
    }
    if (address.isLinkLocalAddress()) {
      return Optional.of("link-local");
    }
    if (address.isSiteLocalAddress()) {
      return Optional.of("private-network");
    }
    if (address.isMulticastAddress()) {
      return Optional.of("multicast");
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      if (first == 0) {
        return Optional.of("unspecified");
      }
      if (first == 100 && second >= 64 && second <= 127) {
        return Optional.of("carrier-grade NAT");
      }
      if (first == 255 && second == 255) {
        return Optional.of("broadcast");
      }
    }
    if (address instanceof Inet6Address v6) {
      if ((b[0] & 0xfe) == 0xfc) {
        return Optional.of("unique-local");
      }
      if (v6.isIPv4CompatibleAddress()) {
        // ::a.b.c.d embeds an IPv4 address; judge that one.
        try {
          return nonPublicReason(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (java.net.UnknownHostException e) {
          return Optional.of("malformed");
        }
      }
    }
    return Optional.empty();
  }
}
