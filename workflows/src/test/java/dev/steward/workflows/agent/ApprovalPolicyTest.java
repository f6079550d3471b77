package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.steward.workflows.spec.ApprovalPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalPolicyTest {

  @Test
  void aServerWildcardCoversEveryToolOfThatServer() {
    ApprovalPolicy policy = new ApprovalPolicy(List.of("fs.*", "http_get"), 60);

    assertThat(policy.requiresApproval("fs.write_file")).isTrue();
    assertThat(policy.requiresApproval("http_get")).isTrue();
    assertThat(policy.requiresApproval("fsx.read")).isFalse();
    assertThat(policy.requiresApproval("current_time")).isFalse();
  }
}
