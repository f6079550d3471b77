package dev.steward.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostLiteralsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', textBlock = """
      127.0.0.1          | 127.0.0.1
      2130706433         | 127.0.0.1
      0177.0.0.1         | 127.0.0.1
      0x7f.0.0.1         | 127.0.0.1
      0x7f000001         | 127.0.0.1
      127.1              | 127.0.0.1
      0x7F.1             | 127.0.0.1
      10.0.1             | 10.0.0.1
      017700000001       | 127.0.0.1
      127.0.0.1.         | 127.0.0.1
      [::1]              | 0:0:0:0:0:0:0:1
      [::ffff:127.0.0.1] | 127.0.0.1
      [64:ff9b::7f00:1]  | 64:ff9b:0:0:0:0:7f00:1
      """)
  void readsEveryAddressForm(String host, String address) throws Exception {
    assertThat(HostLiterals.parse(host)).contains(InetAddress.getByName(address));
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "localhost", "rebind.test", "1.example", "x0.1a.b"})
  void leavesNamesAlone(String host) {
    assertThat(HostLiterals.parse(host)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"256.0.0.1", "1.2.3.4.5", "08.0.0.1", "example.1", "4294967296", "[fe80::1%eth0]", "[::zz]"})
  void refusesMalformedAddresses(String host) {
    assertThatThrownBy(() -> HostLiterals.parse(host)).isInstanceOf(IllegalArgumentException.class);
  }
}
