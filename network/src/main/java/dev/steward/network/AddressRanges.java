package dev.steward.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Which addresses are not the public internet, by IANA's special-purpose registries: a pure
 * classification of address bytes (no lookups), shared by the gateway and the workers.
 *
 * <p>IPv6 forms that carry an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
 * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) are judged by the IPv4
 * address inside them, since that is where the packets end up.
 */
public final class AddressRanges {

  /** One prefix and why addresses in it are refused. */
  private record Range(byte[] prefix, int bits, String reason) {
    static Range of(String cidr, String reason) {
      int slash = cidr.indexOf('/');
      try {
        // Literals only: getByName does no lookup for them.
        byte[] bytes = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
        return new Range(bytes, Integer.parseInt(cidr.substring(slash + 1)), reason);
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException(cidr, e);
      }
    }

    boolean contains(byte[] address) {
      if (address.length != prefix.length) {
        return false;
      }
      int full = bits / 8;
      for (int i = 0; i < full; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (address[full] & mask) == (prefix[full] & mask);
    }
  }

  // IANA IPv4 Special-Purpose Address Registry, plus multicast and the reserved class E.
  private static final List<Range> IPV4 = List.of(
      Range.of("0.0.0.0/8", "unspecified (\"this network\")"),
      Range.of("10.0.0.0/8", "private-network"),
      Range.of("100.64.0.0/10", "shared (carrier-grade NAT)"),
      Range.of("127.0.0.0/8", "loopback"),
      Range.of("169.254.0.0/16", "link-local (cloud metadata)"),
      Range.of("172.16.0.0/12", "private-network"),
      Range.of("192.0.0.0/24", "IETF protocol assignment"),
      Range.of("192.0.2.0/24", "documentation"),
      Range.of("192.88.99.0/24", "6to4 relay"),
      Range.of("192.168.0.0/16", "private-network"),
      Range.of("198.18.0.0/15", "benchmarking"),
      Range.of("198.51.100.0/24", "documentation"),
      Range.of("203.0.113.0/24", "documentation"),
      Range.of("224.0.0.0/4", "multicast"),
      Range.of("255.255.255.255/32", "broadcast"),
      Range.of("240.0.0.0/4", "reserved"));

  // IANA IPv6 Special-Purpose Address Registry; the IPv4-carrying forms are handled in reason().
  private static final List<Range> IPV6 = List.of(
      Range.of("::/128", "unspecified"),
      Range.of("::1/128", "loopback"),
      Range.of("64:ff9b:1::/48", "local-use NAT64"),
      Range.of("100::/64", "discard-only"),
      Range.of("2001::/23", "IETF protocol assignment (Teredo, benchmarking)"),
      Range.of("2001:db8::/32", "documentation"),
      Range.of("3fff::/20", "documentation"),
      Range.of("fc00::/7", "unique-local (private-network)"),
      Range.of("fe80::/10", "link-local"),
      Range.of("fec0::/10", "site-local (private-network)"),
      Range.of("ff00::/8", "multicast"));

  private static final Range MAPPED = Range.of("::ffff:0:0/96", "IPv4-mapped");
  private static final Range COMPATIBLE = Range.of("::/96", "IPv4-compatible");
  private static final Range NAT64 = Range.of("64:ff9b::/96", "NAT64");
  private static final Range SIX_TO_FOUR = Range.of("2002::/16", "6to4");

  private AddressRanges() {}

  /** Why {@code address} is not a public internet address, or empty when it is. */
  public static Optional<String> reason(InetAddress address) {
    return reason(address.getAddress());
  }

  /** Why these 4 or 16 address bytes are not a public internet address, or empty when they are. */
  public static Optional<String> reason(byte[] address) {
    if (address.length == 4) {
      return first(IPV4, address);
    }
    if (address.length != 16) {
      return Optional.of("malformed");
    }
    Optional<String> direct = first(IPV6, address);
    if (direct.isPresent()) {
      return direct;
    }
    for (Range carrier : List.of(MAPPED, COMPATIBLE, NAT64)) {
      if (carrier.contains(address)) {
        return embedded(carrier.reason(), slice(address, 12));
      }
    }
    if (SIX_TO_FOUR.contains(address)) {
      return embedded(SIX_TO_FOUR.reason(), slice(address, 2));
    }
    return Optional.empty();
  }

  private static Optional<String> embedded(String form, byte[] ipv4) {
    return first(IPV4, ipv4).map(inner -> form + " IPv6 carrying a " + inner + " IPv4 address (" + text(ipv4) + ")");
  }

  private static Optional<String> first(List<Range> ranges, byte[] address) {
    return ranges.stream().filter(r -> r.contains(address)).map(Range::reason).findFirst();
  }

  private static byte[] slice(byte[] address, int from) {
    return new byte[] {address[from], address[from + 1], address[from + 2], address[from + 3]};
  }

  private static String text(byte[] ipv4) {
    try {
      return ((Inet4Address) InetAddress.getByAddress(ipv4)).getHostAddress();
    } catch (UnknownHostException e) {
      return "?";
    }
  }
}
