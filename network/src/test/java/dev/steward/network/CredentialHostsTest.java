package dev.steward.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CredentialHostsTest {

  @Test
  void aProvidersKeyDefaultsToItsEndpointAndOthersNameTheirHosts() {
    CredentialHosts hosts = CredentialHosts.parse("OPENAI_API_KEY,ANTHROPIC_API_KEY; CRM_TOKEN@crm.example.com,*.crm.example.com");

    assertThat(hosts.entries()).containsExactly("ANTHROPIC_API_KEY@api.anthropic.com", "CRM_TOKEN@crm.example.com,*.crm.example.com",
        "OPENAI_API_KEY@api.openai.com");
    assertThat(hosts.refusal("OPENAI_API_KEY", "API.OpenAI.com.")).isEmpty();
    assertThat(hosts.refusal("OPENAI_API_KEY", "attacker.example")).get().asString()
        .isEqualTo("the credential OPENAI_API_KEY may be sent only to api.openai.com, not to attacker.example");
    assertThat(hosts.refusal("CRM_TOKEN", "eu.crm.example.com")).isEmpty();
    assertThat(hosts.refusal("CRM_TOKEN", "crm.example.com.attacker.example")).isPresent();
    assertThat(hosts.refusal("OPENAI_API_KEY", null)).as("unknown host").isPresent();
    assertThat(hosts.refusal("UNLISTED", "anywhere.example")).as("not bound").isEmpty();
    assertThat(hosts.lists("CRM_TOKEN")).isTrue();
    assertThat(hosts.lists("UNLISTED")).isFalse();
  }

  @Test
  void addressLiteralsMatchWithOrWithoutBrackets() {
    CredentialHosts hosts = CredentialHosts.parse("LOCAL_TOKEN@127.0.0.1,[::1]");

    assertThat(hosts.refusal("LOCAL_TOKEN", "127.0.0.1")).isEmpty();
    assertThat(hosts.refusal("LOCAL_TOKEN", "::1")).isEmpty();
    assertThat(hosts.refusal("LOCAL_TOKEN", "[::1]")).isEmpty();
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> CredentialHosts.parse("CRM_TOKEN")).hasMessageStartingWith("'CRM_TOKEN' needs the hosts");
    assertThatThrownBy(() -> CredentialHosts.parse("CRM_TOKEN@https://crm.example.com/"))
        .hasMessageContaining("is not a host name");
    assertThatThrownBy(() -> CredentialHosts.parse("my key")).hasMessageStartingWith("'my key' is not the name");
    assertThatThrownBy(() -> CredentialHosts.parse("*@x.example")).hasMessageContaining("takes no hosts");
  }

  @Test
  void anyIsEveryNameUnbound() {
    CredentialHosts any = CredentialHosts.parse("*");

    assertThat(any.lists("WHATEVER")).isTrue();
    assertThat(any.refusal("WHATEVER", "anywhere.example")).isEmpty();
    assertThat(any.entries()).isEqualTo(List.of("*"));
  }
}
