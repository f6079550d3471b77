package dev.steward.activities.tools.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "127.0.0.1", "127.8.8.8", "::1", "0.0.0.0", "::", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
      "169.254.169.254", "fe80::1", "fc00::1", "fd12:3456::1", "100.64.0.1", "224.0.0.1", "::ffff:127.0.0.1",
      "::ffff:10.0.0.1"})
  void nonPublicAddresses(String address) throws Exception {
    assertThat(AddressPolicy.nonPublicReason(InetAddress.getByName(address))).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "172.32.0.1", "2606:4700:4700::1111", "100.128.0.1"})
  void publicAddresses(String address) throws Exception {
    assertThat(AddressPolicy.nonPublicReason(InetAddress.getByName(address))).isEmpty();
  }
}
