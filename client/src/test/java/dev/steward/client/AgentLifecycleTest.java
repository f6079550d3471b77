package dev.steward.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.steward.client.spec.AgentFiles;
import dev.steward.workflows.agent.TranscriptEntry;
import dev.steward.workflows.agent.UserMessage;
import dev.steward.workflows.memory.MemoryBlock;
import dev.steward.workflows.memory.MemoryEdit;
import dev.steward.workflows.spec.AgentSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Memory edits, fork, rewind, export and import through the client, against a real agent. */
class AgentLifecycleTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final AgentSpec SPEC = AgentFiles.parse("""
      name: keeper
      model: {provider: scripted}
      memory:
        blocks:
          - {name: human, limit: 100, text: "Name: Ada"}
      """, "keeper.yaml");

  private ClientTestKit kit;
  private AgentClient client;

  @BeforeEach
  void setUp() {
    kit = new ClientTestKit();
    client = kit.client;
  }

  @AfterEach
  void tearDown() {
    kit.close();
  }

  @Test
  void peopleEditMemoryAndLimitsAreEnforced() {
    client.start("keeper", SPEC);

    MemoryBlock block = client.setMemory("keeper", new MemoryEdit("human", "Name: Ada Lovelace", "grace"));

    assertThat(block.text()).isEqualTo("Name: Ada Lovelace");
    assertThat(client.snapshot("keeper").memory()).extracting(MemoryBlock::text).containsExactly("Name: Ada Lovelace");
    assertThatThrownBy(() -> client.setMemory("keeper", new MemoryEdit("human", "x".repeat(101), null)))
        .isInstanceOf(RejectedException.class).hasMessageContaining("at most 100 characters");
  }

  @Test
  void forkAndRewindThroughTheClient() {
    client.start("keeper", SPEC);
    for (int i = 1; i <= 4; i++) {
      client.ask("keeper", UserMessage.of("message " + i), WAIT);
    }

    String fork = client.fork("keeper", 2, "keeper-fork");
    client.rewind("keeper", 1);

    assertThat(users(fork)).containsExactly("message 1", "message 2");
    assertThat(client.ask(fork, UserMessage.of("next"), WAIT).turn()).isEqualTo(3);
    List<TranscriptEntry> original = client.transcript("keeper", 1, 100).entries();
    assertThat(original).filteredOn(TranscriptEntry::abandoned).extracting(TranscriptEntry::turn).containsOnly(2, 3, 4);
    assertThatThrownBy(() -> client.rewind("keeper", 7)).isInstanceOf(RejectedException.class);
  }

  @Test
  void anExportComesBackAsANewLiveAgent() throws Exception {
    client.start("keeper", SPEC);
    client.ask("keeper", UserMessage.of("remember this"), WAIT);
    client.setMemory("keeper", new MemoryEdit("human", "Name: Ada, exported", null));
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    client.export("keeper").write(file);

    AgentExport read = AgentExport.read(new ByteArrayInputStream(file.toByteArray()), "agent.json");
    String copy = client.importAgent(read, "keeper-copy");

    assertThat(users(copy)).containsExactly("remember this");
    assertThat(client.snapshot(copy).memory()).extracting(MemoryBlock::text).containsExactly("Name: Ada, exported");
    assertThat(client.ask(copy, UserMessage.of("still you?"), WAIT).reply()).isEqualTo("re: still you?");
    assertThatThrownBy(() -> AgentExport.read(new ByteArrayInputStream("{}".getBytes()), "x.json"))
        .hasMessageContaining("x.json is not a Steward agent export");
  }

  @Test
  void anImportGetsTheAgentFileReadersEveryCheck() throws Exception {
    String edited = """
        {"format": "steward.agent.v1", "agentId": "x",
         "agent": {"spec": {"name": "x", "model": {"provider": "scripted"}, "approval": {"tools": ["http_gte"]}}}}
        """;
    AgentExport export = AgentExport.read(new ByteArrayInputStream(edited.getBytes()), "x.json");

    assertThatThrownBy(() -> client.importAgent(export, "edited"))
        .isInstanceOf(dev.steward.client.spec.AgentFileException.class)
        .hasMessageStartingWith("the export: agent.spec.approval.tools[0]: the agent has no tool 'http_gte'");
  }

  @Test
  void anImportWithSegmentReferencesIsRefused() throws Exception {
    String edited = """
        {"format": "steward.agent.v1", "agentId": "x",
         "agent": {"spec": {"name": "x", "model": {"provider": "scripted"}},
                   "state": {"turn": 1, "usage": {}, "inbox": [], "seenMessageIds": [], "transcript": [],
                             "segments": [{"key": "%s", "fromSeq": 1, "toSeq": 8, "level": 1}]}}}
        """.formatted("ab".repeat(32));
    AgentExport export = AgentExport.read(new ByteArrayInputStream(edited.getBytes()), "x.json");

    assertThatThrownBy(() -> client.importAgent(export, "with-segments"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("the export: agent.state.segments:");
  }

  private List<String> users(String id) {
    return client.transcript(id, 1, 100).entries().stream()
        .filter(e -> e.kind() == TranscriptEntry.Kind.USER && !e.abandoned()).map(TranscriptEntry::text).toList();
  }
}
