package dev.steward.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressRangesTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      0.0.0.0            | unspecified
      0.1.2.3            | unspecified
      10.0.0.1           | private-network
      10.255.255.255     | private-network
      100.64.0.1         | shared
      100.127.255.254    | shared
      127.0.0.1          | loopback
      127.255.0.9        | loopback
      169.254.169.254    | link-local
      172.16.0.1         | private-network
      172.31.255.255     | private-network
      192.0.0.8          | IETF protocol assignment
      192.0.2.10         | documentation
      192.88.99.1        | 6to4 relay
      192.168.1.1        | private-network
      198.18.0.1         | benchmarking
      198.19.255.255     | benchmarking
      198.51.100.7       | documentation
      203.0.113.5        | documentation
      224.0.0.1          | multicast
      239.255.255.250    | multicast
      240.0.0.1          | reserved
      255.255.255.255    | broadcast
      ::                 | unspecified
      ::1                | loopback
      ::ffff:127.0.0.1   | loopback
      ::ffff:10.1.2.3    | private-network
      ::ffff:169.254.169.254 | link-local
      ::127.0.0.1        | IPv4-compatible IPv6 carrying a loopback
      ::10.0.0.1         | IPv4-compatible IPv6 carrying a private-network
      64:ff9b::7f00:1    | NAT64 IPv6 carrying a loopback
      64:ff9b::a9fe:a9fe | NAT64 IPv6 carrying a link-local
      64:ff9b:1::1       | local-use NAT64
      2002:7f00:1::1     | 6to4 IPv6 carrying a loopback
      2002:c0a8:101::1   | 6to4 IPv6 carrying a private-network
      2001::1            | Teredo
      2001:db8::1        | documentation
      fc00::1            | unique-local
      fd12:3456::1       | unique-local
      fe80::1            | link-local
      fec0::1            | site-local
      ff02::1            | multicast
      100::1             | discard-only
      """)
  void refuses(String address, String reason) throws Exception {
    assertThat(AddressRanges.reason(InetAddress.getByName(address))).hasValueSatisfying(r -> assertThat(r).contains(reason));
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255",
      "172.32.0.0", "192.0.1.1", "192.169.0.1", "198.17.255.255", "198.20.0.0", "223.255.255.255",
      "2606:4700:4700::1111", "2a00:1450:4001::200e", "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"})
  void accepts(String address) throws Exception {
    assertThat(AddressRanges.reason(InetAddress.getByName(address))).isEmpty();
  }
}
