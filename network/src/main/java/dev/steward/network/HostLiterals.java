package dev.steward.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a URL's host as an address literal in every form a C library or browser accepts: dotted
 * IPv4 with decimal, octal ({@code 0177.0.0.1}) or hex ({@code 0x7f.0.0.1}) parts, fewer than four
 * parts ({@code 127.1}, {@code 2130706433}), and bracketed IPv6. Java's own parser reads some of these
 * differently (decimal where libc reads octal), so the policy decides on this reading and the
 * connection is made to the canonical address it yields, never to the text.
 */
final class HostLiterals {

  private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");

  private HostLiterals() {}

  /**
   * The address {@code host} spells, or empty when it is a name.
   *
   * @throws IllegalArgumentException when it looks like an address but is not a valid one
   */
  static Optional<InetAddress> parse(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (h.contains(":")) {
      if (h.contains("%")) {
        throw new IllegalArgumentException("IPv6 zone ids are not accepted: " + host);
      }
      try {
        // Bracketed, getByName reads an IPv6 literal and never asks DNS.
        return Optional.of(InetAddress.getByName("[" + h + "]"));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not a valid IPv6 address: " + host);
      }
    }
    String name = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    String[] parts = name.split("\\.", -1);
    if (!NUMBER.matcher(parts[parts.length - 1]).matches()) {
      return Optional.empty();
    }
    // A last label that is a number makes the host an address (as in browsers), or nothing.
    if (parts.length > 4) {
      throw new IllegalArgumentException("not a valid IPv4 address: " + host);
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      if (!NUMBER.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException("a host name may not end in a number: " + host);
      }
      values[i] = number(parts[i], host);
    }
    return Optional.of(address(values, host));
  }

  private static long number(String part, String host) {
    try {
      if (part.startsWith("0x") || part.startsWith("0X")) {
        return part.length() == 2 ? 0 : Long.parseLong(part.substring(2), 16);
      }
      if (part.length() > 1 && part.startsWith("0")) {
        return Long.parseLong(part.substring(1), 8);
      }
      return Long.parseLong(part);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a valid IPv4 address: " + host);
    }
  }

  /** inet_aton: the last part fills the bytes the earlier parts left. */
  private static InetAddress address(long[] values, String host) {
    long result = 0;
    int last = values.length - 1;
    for (int i = 0; i < last; i++) {
      if (values[i] > 0xff) {
        throw new IllegalArgumentException("not a valid IPv4 address: " + host);
      }
      result |= values[i] << (8 * (3 - i));
    }
    long room = 1L << (8 * (4 - last));
    if (values[last] >= room) {
      throw new IllegalArgumentException("not a valid IPv4 address: " + host);
    }
    result |= values[last];
    byte[] bytes = {(byte) (result >>> 24), (byte) (result >>> 16), (byte) (result >>> 8), (byte) result};
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(host, e);
    }
  }
}
