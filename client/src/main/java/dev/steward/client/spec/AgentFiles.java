package dev.steward.client.spec;

import dev.steward.workflows.spec.AgentSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads agent files: YAML with the snake_case fields of {@link AgentSpec}. Everything is checked on
 * load, and every problem names the file, the line, the column and the field, e.g.
 * {@code examples/agents/x.yaml:7:13: model.provider: unknown provider 'opena'; expected one of scripted, openai}.
 *
 * <pre>{@code
 * name: research-assistant            # required; [a-z0-9][a-z0-9_-]*, at most 64 characters
 * instructions: You find sources.     # the system prompt
 * model:
 *   provider: openai                  # required: scripted | openai
 *   id: gpt-4.1                       # required for openai
 *   credential: OPENAI_API_KEY        # the NAME of the worker's environment variable, never the key
 * tools:
 *   - current_time                    # a name, or a mapping: every key but name is an option
 *   - name: http_get
 *     allow_hosts: [example.org]
 * approval: {tools: [http_get], timeout_seconds: 3600}   # or tools: "*"
 * limits: {max_steps_per_turn: 8, max_turns: 100}
 * inbox: queue                        # queue | interrupt
 * }</pre>
 */
public final class AgentFiles {

  /** Agent specs travel in Temporal payloads, whose budget is about 250 KB. */
  public static final int MAX_FILE_BYTES = 256 * 1024;

  private AgentFiles() {}

  /**
   * Reads and checks an agent file. Errors name the file as {@code file} was given.
   *
   * @throws AgentFileException when the file cannot be read or is not a valid agent file
   */
  public static AgentSpec load(Path file) {
    String name = file.toString();
    String text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new AgentFileException(List.of(new AgentFileProblem(name, 0, null,
            "is larger than " + MAX_FILE_BYTES / 1024 + " KB; keep big things out of agent files")));
      }
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new AgentFileException(new AgentFileProblem(name, 0, null, "no such file"), e);
    } catch (IOException e) {
      throw new AgentFileException(new AgentFileProblem(name, 0, null, "cannot read the file: " + e), e);
    }
    return SubAgentFiles.resolve(parse(text, name, file.toAbsolutePath().getParent()), file, text);
  }

  /**
   * Checks agent-file text.
   *
   * @param text the YAML text
   * @param sourceName how errors name the text, usually its file's path
   * @throws AgentFileException when the text is not a valid agent file
   */
  public static AgentSpec parse(String text, String sourceName) {
    return parse(text, sourceName, null);
  }

  /**
   * Checks agent-file text whose relative file names (OpenAPI documents) start at {@code baseDir}.
   *
   * @param baseDir the agent file's directory; null for the current directory
   * @throws AgentFileException when the text is not a valid agent file
   */
  public static AgentSpec parse(String text, String sourceName, Path baseDir) {
    ProblemLog log = new ProblemLog(sourceName);
    if (text.length() > MAX_FILE_BYTES) {
      log.error(0, null, "is larger than " + MAX_FILE_BYTES / 1024 + " KB; keep big things out of agent files");
      log.throwIfAny();
    }
    YamlNode root = YamlTreeReader.read(text, log);
    AgentSpec spec = root == null ? null : AgentSpecReader.read(root, log, baseDir);
    log.throwIfAny();
    return spec;
  }
}
