package dev.steward.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

  /** Names resolve from a table; nothing asks real DNS. */
  private static final HostResolver TABLE = host -> switch (host) {
    case "localhost", "app.localhost" -> List.of(address("127.0.0.1"), address("::1"));
    case "metadata.test" -> List.of(address("169.254.169.254"));
    case "mixed.test" -> List.of(address("8.8.8.8"), address("10.0.0.5"));
    case "public.test" -> List.of(address("8.8.8.8"));
    default -> throw new UnknownHostException(host);
  };

  private final NetworkPolicy policy = new NetworkPolicy(false, TABLE);

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080/v1", "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1:9/x",
      "http://[::ffff:127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[::127.0.0.1]/", "http://localhost/",
      "http://app.localhost:1234/", "http://LOCALHOST./", "http://metadata.test/latest", "http://mixed.test/",
      "https://169.254.169.254/", "http://[fd00::1]/", "http://user:pw@10.0.0.1/", "http://0/", "http://[::]/",
      "http://never.resolved.localhost/", "http://metadata.google.internal/x", "http://printer.local/"})
  void refusesTheWorkersOwnNetworkInEveryForm(String url) {
    assertThatThrownBy(() -> policy.vet(url)).isInstanceOf(RefusedDestinationException.class);
    assertThat(policy.refusal(url)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://public.test/", "file:///etc/passwd", "gopher://public.test/", "http:///x", "not a url"})
  void refusesWhatIsNotHttp(String url) {
    assertThatThrownBy(() -> policy.vet(url)).isInstanceOf(RefusedDestinationException.class);
  }

  @Test
  void namesTheHostTheAddressAndTheRange() {
    assertThatThrownBy(() -> policy.vet("http://metadata.test/"))
        .hasMessage("metadata.test (it resolves to 169.254.169.254, a link-local (cloud metadata) address)");
    assertThatThrownBy(() -> policy.vet("http://0x7f.0.0.1/")).hasMessage("0x7f.0.0.1 (it resolves to 127.0.0.1, a loopback address)");
  }

  @Test
  void acceptsPublicHostsAndPinsWhatTheyResolvedTo() throws Exception {
    Destination d = policy.vet("https://Public.Test/v1/chat?x=1");
    assertThat(d.host()).isEqualTo("public.test");
    assertThat(d.addresses()).containsExactly(address("8.8.8.8"));
    assertThat(d.literal()).isFalse();
    assertThat(d.uri().toString()).isEqualTo("https://Public.Test/v1/chat?x=1");
  }

  @Test
  void rewritesLiteralsToTheCanonicalAddressItVetted() throws Exception {
    NetworkPolicy open = policy.allowingPrivate(true);
    assertThat(open.vet("http://0177.0.0.1:8080/a/b?c=d").uri().toString()).isEqualTo("http://127.0.0.1:8080/a/b?c=d");
    assertThat(open.vet("http://0x7f.0.0.1:81/").uri().toString()).isEqualTo("http://127.0.0.1:81/");
    assertThat(open.vet("http://2130706433/").uri().toString()).isEqualTo("http://127.0.0.1/");
    assertThat(open.vet("http://[::1]:9/").uri().toString()).isEqualTo("http://[0:0:0:0:0:0:0:1]:9/");
  }

  @Test
  void resolvesOnceSoARebindingServerCannotChangeTheAnswer() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    HostResolver rebinding = host -> asked.getAndIncrement() == 0 ? List.of(address("8.8.4.4")) : List.of(address("127.0.0.1"));
    Destination d = new NetworkPolicy(false, rebinding).vet("http://rebind.test/");
    assertThat(d.addresses()).containsExactly(address("8.8.4.4"));
    assertThat(asked).hasValue(1);
  }

  @Test
  void allowsPrivateNetworksOnlyWhenTheOperatorSaysSo() throws Exception {
    assertThat(policy.allowingPrivate(true).vet("http://localhost:8080/").addresses()).contains(address("127.0.0.1"));
    assertThat(NetworkPolicy.allowed("TRUE ")).isTrue();
    assertThat(NetworkPolicy.allowed("1")).isFalse();
    assertThat(NetworkPolicy.allowed(null)).isFalse();
  }

  @Test
  void leavesNamesItCannotResolveToTheWorkers() {
    assertThat(policy.refusal("https://nowhere.test/")).isEmpty();
    assertThatThrownBy(() -> policy.vet("https://nowhere.test/")).hasMessageContaining("does not resolve");
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
