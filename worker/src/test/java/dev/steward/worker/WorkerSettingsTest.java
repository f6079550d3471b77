package dev.steward.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.activities.model.limits.ModelLimit;
import dev.steward.activities.model.limits.ModelLimits;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  /** Points the TOML profile at nothing, so the machine's own file never counts. */
  private static final String NO_FILE = "target/no-such-temporal.toml";

  @Test
  void defaultsAreTheDocumentedOnes() {
    WorkerSettings s = WorkerSettings.defaults();
    assertThat(s.address()).isEqualTo("localhost:7233");
    assertThat(s.namespace()).isEqualTo("default");
    assertThat(s.taskQueue()).isEqualTo("steward");
    assertThat(s.maxConcurrentActivities()).isEqualTo(100);
    assertThat(s.maxConcurrentWorkflowTasks()).isEqualTo(50);
    assertThat(s.workflowCacheSize()).isEqualTo(600);
    assertThat(s.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.modelLimits()).isEqualTo(ModelLimits.DEFAULTS);
    assertThat(s.modelLimits().forModel("openai/gpt-4.1")).isEqualTo(new ModelLimit(16, 0.0));
  }

  @Test
  void modelLimitsComeFromTheEnvironment() {
    WorkerSettings s = WorkerSettings.fromEnvironment(Map.of(
        "STEWARD_MODEL_LIMITS", "openai/gpt-4.1=concurrency:4,rps:2;anthropic/*=concurrency:2"));
    assertThat(s.modelLimits().forModel("openai/gpt-4.1")).isEqualTo(new ModelLimit(4, 2.0));
    assertThat(s.modelLimits().forModel("anthropic/claude-sonnet-4-5")).isEqualTo(new ModelLimit(2, 0.0));
    assertThat(WorkerSettings.fromEnvironment(Map.of()).modelLimits()).isEqualTo(ModelLimits.DEFAULTS);
  }

  @Test
  void privateNetworksOpenOnlyWhenTheOperatorSaysTrue() {
    assertThat(WorkerSettings.defaults().allowPrivateNetwork()).isFalse();
    assertThat(WorkerSettings.fromEnvironment(Map.of()).allowPrivateNetwork()).isFalse();
    assertThat(WorkerSettings.fromEnvironment(Map.of("STEWARD_ALLOW_PRIVATE_NETWORK", "yes")).allowPrivateNetwork())
        .isFalse();
    assertThat(WorkerSettings.fromEnvironment(Map.of("STEWARD_ALLOW_PRIVATE_NETWORK", "true")).allowPrivateNetwork())
        .isTrue();
    assertThat(WorkerSettings.defaults().withAllowPrivateNetwork(true).withTaskQueue("q").allowPrivateNetwork()).isTrue();
  }

  @Test
  void identityIsTheSdksUnlessGivenAndKeptByTheOtherWithers() {
    assertThat(WorkerSettings.defaults().identity()).isNull();
    assertThat(WorkerSettings.defaults().withIdentity(" ").identity()).isNull();
    WorkerSettings named = WorkerSettings.defaults().withIdentity("42@laptop/embedded-1");
    assertThat(named.withTaskQueue("q").withAllowPrivateNetwork(true).withAddress("h:1").identity())
        .isEqualTo("42@laptop/embedded-1");
  }

  @Test
  void unreadableModelLimitsStopTheWorkerWithTheVariableNamed() {
    assertThatThrownBy(() -> WorkerSettings.fromEnvironment(Map.of("STEWARD_MODEL_LIMITS", "openai/gpt-4.1=rpm:60")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("STEWARD_MODEL_LIMITS: in 'openai/gpt-4.1=rpm:60': unknown setting 'rpm:60'");
  }

  @Test
  void environmentOverridesConnectionSettings() {
    WorkerSettings s = WorkerSettings.fromEnvironment(Map.of(
        "TEMPORAL_ADDRESS", "temporal:7233", "TEMPORAL_NAMESPACE", "agents", "STEWARD_TASK_QUEUE", "steward-eu",
        "TEMPORAL_CONFIG_FILE", NO_FILE));
    assertThat(s.address()).isEqualTo("temporal:7233");
    assertThat(s.namespace()).isEqualTo("agents");
    assertThat(s.taskQueue()).isEqualTo("steward-eu");
  }

  @Test
  void theConnectionCarriesTlsAndTheApiKeyFromTheEnvironment() {
    WorkerSettings s = WorkerSettings.fromEnvironment(Map.of(
        "TEMPORAL_ADDRESS", "ns.acct.tmprl.cloud:7233", "TEMPORAL_NAMESPACE", "ns.acct", "TEMPORAL_API_KEY", "secret-key",
        "TEMPORAL_CONFIG_FILE", NO_FILE));
    assertThat(s.connection().tls()).isTrue();
    assertThat(s.connection().hasApiKey()).isTrue();
    assertThat(s.withAddress("other:7233").connection().hasApiKey()).as("another address keeps the credentials").isTrue();
    assertThat(s.toString()).doesNotContain("secret-key");
  }

  @Test
  void blankEnvironmentValuesMeanDefaults() {
    WorkerSettings s = WorkerSettings.fromEnvironment(Map.of("TEMPORAL_ADDRESS", " ", "STEWARD_TASK_QUEUE", "",
        "TEMPORAL_CONFIG_FILE", NO_FILE));
    assertThat(s.address()).isEqualTo("localhost:7233");
    assertThat(s.taskQueue()).isEqualTo("steward");
  }

  @Test
  void withersChangeOneField() {
    WorkerSettings s = WorkerSettings.defaults().withAddress("h:1").withMaxConcurrentActivities(7)
        .withModelLimits(ModelLimits.NONE);
    assertThat(s.address()).isEqualTo("h:1");
    assertThat(s.modelLimits()).isEqualTo(ModelLimits.NONE);
    assertThat(s.maxConcurrentActivities()).isEqualTo(7);
    assertThat(s.namespace()).isEqualTo("default");
  }

  @Test
  void virtualWorkflowThreadsFollowTheJdk() {
    boolean jdk21 = Runtime.version().feature() >= 21;
    assertThat(StewardWorker.usesVirtualWorkflowThreads()).isEqualTo(jdk21);
    assertThat(StewardWorker.factoryOptions(WorkerSettings.defaults()).isUsingVirtualWorkflowThreads()).isEqualTo(jdk21);
  }

  @Test
  void virtualWorkflowThreadsCanBeTurnedOffForComparisons() {
    System.setProperty(StewardWorker.VIRTUAL_THREADS_PROPERTY, "false");
    try {
      assertThat(StewardWorker.usesVirtualWorkflowThreads()).isFalse();
      assertThat(StewardWorker.factoryOptions(WorkerSettings.defaults()).isUsingVirtualWorkflowThreads()).isFalse();
    } finally {
      System.clearProperty(StewardWorker.VIRTUAL_THREADS_PROPERTY);
    }
  }

  @Test
  void theDeadlockDetectionTimeoutIsLongerThanTheSdksAndSetByAVariable() {
    assertThat(WorkerSettings.defaults().deadlockDetectionTimeout()).isEqualTo(java.time.Duration.ofSeconds(10));
    WorkerSettings s = WorkerSettings.fromEnvironment(java.util.Map.of("STEWARD_DEADLOCK_DETECTION_SECONDS", "30"));
    assertThat(StewardWorker.workerOptions(s).getDefaultDeadlockDetectionTimeout()).isEqualTo(30_000);
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            WorkerSettings.fromEnvironment(java.util.Map.of("STEWARD_DEADLOCK_DETECTION_SECONDS", "soon")))
        .hasMessage("STEWARD_DEADLOCK_DETECTION_SECONDS must be a whole number of seconds from 1 to 3600, got 'soon'");
  }
}
