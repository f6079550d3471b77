package dev.steward.workflows.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the replay corpus has teeth: an unguarded command (a one-second timer) inserted at each
 * step boundary of a turn is compiled into a copy of the workflow code, and at least one committed
 * history must then fail to replay with a non-determinism error. A mutation that replays cleanly
 * means a change that breaks running agents would ship green: record a history that covers it.
 *
 * <p>Only the mutated source file is compiled (against the module's classes); a class loader that
 * prefers the mutated classes for the workflows package loads it with the rest of the module.
 */
class ReplayMutationTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/steward/workflows/agent");
  private static final String TIMER = "io.temporal.workflow.Workflow.sleep(java.time.Duration.ofSeconds(1)); ";

  /** Where to insert: before (or after) an anchor that occurs exactly once in the file. */
  record Mutation(String name, String file, String anchor, boolean after) {

    String apply(String source) {
      int at = source.indexOf(anchor);
      assertThat(at).as("mutation '%s': anchor not found in %s, update it to the code: %s", name, file, anchor)
          .isNotNegative();
      assertThat(source.indexOf(anchor, at + 1)).as("mutation '%s': anchor is not unique in %s: %s", name, file, anchor)
          .isNegative();
      int insertAt = after ? at + anchor.length() : at;
      return source.substring(0, insertAt) + TIMER + source.substring(insertAt);
    }
  }

  static final List<Mutation> MUTATIONS = List.of(
      new Mutation("at the start of a turn", "turn/TurnLoop.java", "ToolStep tools = new ToolStep(agent, deadline);", false),
      new Mutation("before the model activity", "steps/ModelCall.java", "return activity.execute(ModelActivities.TYPE, ModelResponse.class, request);", false),
      new Mutation("before the approval wait", "steps/ToolStep.java", "Decision d = agent.approvals().await(", false),
      new Mutation("before each tool call, built-in or not", "steps/ToolStep.java", "agent.countToolCall();", false),
      new Mutation("before each tool activity", "steps/ToolStep.java", "ActivityStub tools = Workflow.newUntypedActivityStub(", false),
      new Mutation("after the reply", "turn/TurnLoop.java",
          "end(message, Status.COMPLETED, response.text(), null);", true));

  @TempDir
  Path work;

  @Test
  void everyAnchorIsFoundExactlyOnce() throws IOException {
    for (Mutation m : MUTATIONS) {
      m.apply(Files.readString(SOURCES.resolve(m.file())));
    }
  }

  @Test
  void everyUnguardedCommandAtAStepBoundaryFailsReplay() throws Exception {
    everyAnchorIsFoundExactlyOnce();
    Map<String, String> histories = Histories.all();
    // The control: the same pipeline without a mutation replays everything, so a failure below
    // is the mutation's, not the class loader's.
    assertThat(replayFailures(compile("control", "AgentWorkflowImpl.java", s -> s), histories))
        .as("unmutated code compiled by this test").isEmpty();

    // Histories under the newest epoch (recorded, or named by the input): the path new agents take.
    List<String> newest = histories.entrySet().stream()
        .filter(h -> Histories.epoch(h.getValue()) == Versions.newest())
        .map(Map.Entry::getKey).toList();
    assertThat(newest).as("histories under the newest epoch").isNotEmpty();
    List<String> survivors = new ArrayList<>();
    List<String> survivorsOfNewest = new ArrayList<>();
    for (Mutation m : MUTATIONS) {
      Path classes = compile(m.name(), m.file(), m::apply);
      List<String> caught = replayFailures(classes, histories);
      // For the build log: which histories guard which boundary.
      System.out.println("mutation " + m.name() + ": caught by " + caught);
      if (caught.isEmpty()) {
        survivors.add(m.name() + " (" + m.file() + ")");
      }
      if (caught.stream().noneMatch(newest::contains)) {
        survivorsOfNewest.add(m.name() + " (" + m.file() + ")");
      }
    }
    assertThat(survivors).as("unguarded timers that every committed history still replays with").isEmpty();
    assertThat(survivorsOfNewest).as("unguarded timers that every history under the newest epoch replays with")
        .isEmpty();
  }

  /** Compiles one mutated source file of the agent's rooms (a path under the agent package); returns the directory of its classes. */
  private Path compile(String name, String file, UnaryOperator<String> mutate) throws IOException {
    Path src = work.resolve(name.replace(' ', '-')).resolve("src").resolve(Path.of(file).getFileName().toString());
    Path out = work.resolve(name.replace(' ', '-')).resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(out);
    Files.writeString(src, mutate.apply(Files.readString(SOURCES.resolve(file))));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertThat(javac).as("a JDK's compiler (tests must run on a JDK, not a JRE)").isNotNull();
    StringWriter errors = new StringWriter();
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    boolean ok = javac.getTask(new PrintWriter(errors), null, null, List.of("--release", "17", "-parameters",
        "-proc:none", "-nowarn", "-classpath", moduleClasses() + File.pathSeparator + classpath,
        "-d", out.toString()), null, javac.getStandardFileManager(null, null, null).getJavaFileObjects(src)).call();
    assertThat(ok).as("mutation '%s' compiles: %s", name, errors).isTrue();
    return out;
  }

  /** Names of the histories that fail to replay, each with a non-determinism error, under {@code classes}. */
  private static List<String> replayFailures(Path classes, Map<String, String> histories) throws Exception {
    List<String> failed = new ArrayList<>();
    try (MutatedLoader loader = new MutatedLoader(classes)) {
      Class<?> impl = loader.loadClass(AgentWorkflowImpl.class.getName());
      assertThat(impl.getClassLoader()).as("the workflow under test comes from the compiled copy").isSameAs(loader);
      try (Histories.Replayer replayer = new Histories.Replayer(impl)) {
        for (Map.Entry<String, String> h : histories.entrySet()) {
          try {
            replayer.replay(h.getValue());
          } catch (Exception | Error e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).as("why %s failed to replay", h.getKey()).contains("NonDeterministic");
            failed.add(h.getKey());
          }
        }
      }
    }
    return failed;
  }

  private static String moduleClasses() {
    try {
      return Path.of(ChangeIds.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Loads the workflows module child-first, the compiled copy before the module's own classes. */
  private static final class MutatedLoader extends URLClassLoader {

    MutatedLoader(Path mutated) {
      super(urls(mutated), ReplayMutationTest.class.getClassLoader());
    }

    private static URL[] urls(Path mutated) {
      try {
        return new URL[] {mutated.toUri().toURL(), Path.of(moduleClasses()).toUri().toURL()};
      } catch (MalformedURLException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("dev.steward.workflows.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          c = findClass(name);
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }
  }
}
