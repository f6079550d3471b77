package dev.steward.client.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.Price;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.FallbackPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScriptedStep;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentFilesTest {

  private static final String FILE = "examples/agents/x.yaml";

  private static AgentSpec parse(String yaml) {
    return AgentFiles.parse(yaml, FILE);
  }

  private static AgentFileException failure(String yaml) {
    return catchThrowableOfType(AgentFileException.class, () -> parse(yaml));
  }

  // ---- valid files

  @Test
  void readsACompleteFile() {
    AgentSpec spec = parse("""
        name: research-assistant
        instructions: |
          You find sources.
          You cite them.
        model:
          provider: openai
          id: gpt-4.1
          base_url: http://localhost:11434/v1
          credential: OPENAI_API_KEY
          temperature: 0.2
          max_tokens: 800
          timeout_seconds: 60
          parameters:
            top_p: 0.9
        tools:
          - current_time
          - name: http_get
            allow_hosts: [example.org, en.wikipedia.org]
            max_bytes: 20000
          - sleep
        limits:
          max_steps_per_turn: 8
          max_turns: 100
          max_total_tokens: 500000
          max_turn_seconds: 600
        approval:
          tools: [http_get]
          timeout_seconds: 3600
        inbox: interrupt
        """);

    assertThat(spec.name()).isEqualTo("research-assistant");
    assertThat(spec.instructions()).isEqualTo("You find sources.\nYou cite them.\n");
    assertThat(spec.model()).isEqualTo(new ModelSpec("openai", "gpt-4.1", "http://localhost:11434/v1",
        "OPENAI_API_KEY", 0.2, 800, 60, Map.of("top_p", 0.9), List.of()));
    assertThat(spec.tools()).extracting(t -> t.name()).containsExactly("current_time", "http_get", "sleep");
    assertThat(spec.tool("current_time").options()).isEmpty();
    assertThat(spec.tool("http_get").options())
        .containsEntry("allow_hosts", List.of("example.org", "en.wikipedia.org"))
        .containsEntry("max_bytes", 20000)
        .doesNotContainKey("name");
    assertThat(spec.limits()).isEqualTo(new Limits(8, 100, 500_000, 600));
    assertThat(spec.approval()).isEqualTo(new ApprovalPolicy(List.of("http_get"), 3600));
    assertThat(spec.inbox()).isEqualTo(InboxPolicy.INTERRUPT);
  }

  @Test
  void fillsDefaultsForAMinimalScriptedAgent() {
    AgentSpec spec = parse("""
        name: echo
        model:
          provider: scripted
        """);

    assertThat(spec.model().provider()).isEqualTo("scripted");
    assertThat(spec.model().id()).isNull();
    assertThat(spec.instructions()).isEmpty();
    assertThat(spec.tools()).isEmpty();
    assertThat(spec.limits()).isEqualTo(Limits.DEFAULTS);
    assertThat(spec.approval()).isEqualTo(ApprovalPolicy.NONE);
    assertThat(spec.inbox()).isEqualTo(InboxPolicy.QUEUE);
  }

  @Test
  void readsAScriptWithRepliesAndToolCalls() {
    AgentSpec spec = parse("""
        name: scripted-helper
        model:
          provider: scripted
          script:
            - match: time
              steps:
                - tool_calls:
                    - tool: current_time
                    - tool: http_get
                      arguments: {url: "https://example.org"}
                - reply: "It is {{last_tool_result}}"
            - steps:
                - reply: "You said {{input}}"
        tools: [current_time, http_get]
        """);

    var script = spec.model().script();
    assertThat(script).hasSize(2);
    assertThat(script.get(0).match()).isEqualTo("time");
    ScriptedStep calls = script.get(0).steps().get(0);
    assertThat(calls.reply()).isNull();
    assertThat(calls.toolCalls()).extracting(c -> c.tool()).containsExactly("current_time", "http_get");
    assertThat(calls.toolCalls().get(0).arguments()).isEmpty();
    assertThat(calls.toolCalls().get(1).arguments()).isEqualTo(Map.of("url", "https://example.org"));
    assertThat(script.get(0).steps().get(1).reply()).isEqualTo("It is {{last_tool_result}}");
    assertThat(script.get(1).match()).isNull();
  }

  @Test
  void acceptsToolsGivenAsNamesAndAsMappings() {
    AgentSpec spec = parse("""
        name: tools
        model: {provider: scripted}
        tools:
          - http_get
          - name: sleep
          - name: github.create_issue
            timeout_seconds: 30
          - agent:reviewer
        """);

    assertThat(spec.tools()).extracting(t -> t.name())
        .containsExactly("http_get", "sleep", "github.create_issue", "agent:reviewer");
    assertThat(spec.tool("github.create_issue").options()).isEqualTo(Map.of("timeout_seconds", 30));
    assertThat(spec.tool("sleep").options()).isEmpty();
  }

  @Test
  void approvalStarMeansEveryTool() {
    AgentSpec spec = parse("""
        name: careful
        model: {provider: scripted}
        tools: [http_get]
        approval:
          tools: "*"
        """);

    assertThat(spec.approval().tools()).containsExactly("*");
    assertThat(spec.approval().requiresApproval("http_get")).isTrue();
    assertThat(spec.approval().timeoutSeconds()).isEqualTo(ApprovalPolicy.DEFAULT_TIMEOUT_SECONDS);
  }

  @Test
  void loadsFromAPathAndNamesTheFileInErrors(@TempDir Path dir) throws Exception {
    Path good = dir.resolve("good.yaml");
    Files.writeString(good, "name: a\nmodel: {provider: scripted}\n");
    assertThat(AgentFiles.load(good).name()).isEqualTo("a");

    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "name: a\nmodel: {provider: opena}\n");
    assertThatThrownBy(() -> AgentFiles.load(bad))
        .isInstanceOf(AgentFileException.class)
        .hasMessage(bad + ":2:9: model.provider: unknown provider 'opena'; expected one of scripted, openai, anthropic, gemini, ollama");

    Path missing = dir.resolve("missing.yaml");
    assertThatThrownBy(() -> AgentFiles.load(missing)).hasMessage(missing + ": no such file");
  }

  // ---- errors, each with its line and field

  @Test
  void readsFallbackModelsPricesAndTheCostBudget() {
    AgentSpec spec = parse("""
        name: x
        model:
          provider: openai
          id: gpt-4.1
          credential: OPENAI_API_KEY
          price: {input_per_million: 2.5, output_per_million: 10}
        fallbacks:
          - {provider: openai, id: gpt-4.1-mini, credential: OPENAI_API_KEY}
          - provider: scripted
        limits: {max_cost_usd: 1.5}
        """);

    assertThat(spec.model().price()).isEqualTo(new Price(2.5, 10));
    assertThat(spec.fallbacks()).extracting(m -> m.label()).containsExactly("openai/gpt-4.1-mini", "scripted");
    assertThat(spec.limits().maxCostUsd()).isEqualTo(1.5);
  }

  @Test
  void aCostBudgetOnAModelWithoutAPriceIsRefusedNamingTheModelAndHowToPriceIt() {
    AgentFileException e = catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse("""
        name: x
        model:
          provider: openai
          id: gpt-9-turbo
        fallbacks:
          - {provider: anthropic, id: claude-haiku-4-5}
          - {provider: gemini, id: gemini-9}
          - {provider: openai, id: local, price: {input_per_million: 0, output_per_million: 0}}
          - {provider: ollama, id: llama3.1}
        limits: {max_cost_usd: 2}
        """, FILE));

    assertThat(e.problems()).hasSize(2);
    assertThat(e.getMessage()).startsWith(FILE + ":4:3: model: openai/gpt-9-turbo has no known"
        + " price, so limits.max_cost_usd cannot be kept (its calls would count as $0); give the price in US dollars"
        + " per million tokens under this model, e.g. price: {input_per_million: 2.00, output_per_million: 8.00}");
    assertThat(e.problems().get(1).toString()).startsWith(FILE + ":7:24: fallbacks[1]: gemini/gemini-9 has no");
  }

  @Test
  void withoutACostBudgetAnUnpricedModelIsFine() {
    assertThat(parse("name: x\nmodel: {provider: openai, id: gpt-9-turbo}\nlimits: {max_total_tokens: 1000}\n")
        .model().id()).isEqualTo("gpt-9-turbo");
  }

  @Test
  void openAiCompatibleServersCanAskForTheOldMaxTokensField() {
    AgentSpec spec = parse("name: x\nmodel: {provider: openai, id: llama3.1, max_tokens: 500, max_tokens_field: max_tokens}\n");
    assertThat(spec.model().maxTokensField()).isEqualTo(ModelSpec.MAX_TOKENS);
    assertThat(parse("name: x\nmodel: {provider: openai, id: gpt-4.1}\n").model().maxTokensField()).isNull();

    assertThat(catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(
        "name: x\nmodel:\n  provider: openai\n  id: gpt-4.1\n  max_tokens_field: max_output_tokens\n", FILE))
        .getMessage()).isEqualTo(FILE + ":5:3: model.max_tokens_field: 'max_output_tokens' is not a field name; expected"
            + " max_completion_tokens (the default, for OpenAI) or max_tokens (for OpenAI-compatible servers that still"
            + " want it)");
    assertThat(catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(
        "name: x\nmodel: {provider: anthropic, id: claude-haiku-4-5, max_tokens_field: max_tokens}\n", FILE))
        .getMessage()).isEqualTo(FILE + ":2:52: model.max_tokens_field: only the openai provider has a choice of field;"
            + " remove it");
  }

  @Test
  void theRetryBudgetBeforeAFallbackIsReadAndBounded() {
    AgentSpec spec = parse("""
        name: x
        model: {provider: scripted}
        fallbacks: [{provider: scripted}]
        fallback_after: {attempts: 2, seconds: 45}
        """);
    assertThat(spec.fallbackAfter()).isEqualTo(new FallbackPolicy(2, 45));
    assertThat(parse("name: x\nmodel: {provider: scripted}\n").fallbackAfter()).isEqualTo(FallbackPolicy.DEFAULTS);
    assertThat(parse("name: x\nmodel: {provider: scripted}\nfallback_after: {seconds: 5}\n").fallbackAfter())
        .isEqualTo(new FallbackPolicy(3, 5));

    assertThat(catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(
        "name: x\nmodel: {provider: scripted}\nfallback_after: {attempts: 9}\n", FILE)).getMessage())
        .isEqualTo(FILE + ":3:18: fallback_after.attempts: is 9; must be between 1 and 8");
    assertThat(catchThrowableOfType(AgentFileException.class, () -> AgentFiles.parse(
        "name: x\nmodel: {provider: scripted}\nfallback_after: {tries: 2}\n", FILE)).getMessage())
        .startsWith(FILE + ":3:18: fallback_after.tries: unknown field");
  }

  @Test
  void aBadFallbackNamesItsPlaceInTheList() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        fallbacks:
          - provider: scripted
          - provider: openia
        """);

    assertThat(e.getMessage()).startsWith("examples/agents/x.yaml:5:5: fallbacks[1].provider: unknown provider 'openia'");
  }

  @Test
  void unknownProvider() {
    AgentFileException e = failure("""
        name: x
        instructions: hi

        # the model
        model:
          id: gpt-4.1
          provider: opena
        """);

    assertThat(e.getMessage())
        .isEqualTo("examples/agents/x.yaml:7:3: model.provider: unknown provider 'opena'; expected one of scripted, openai, anthropic, gemini, ollama");
    assertThat(e.file()).isEqualTo(FILE);
    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("model.provider");
    assertThat(e.reason()).isEqualTo("unknown provider 'opena'; expected one of scripted, openai, anthropic, gemini, ollama");
  }

  @Test
  void missingName() {
    AgentFileException e = failure("""
        # an agent without a name
        model:
          provider: scripted
        """);

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("name");
    assertThat(e.reason()).startsWith("is required");
  }

  @Test
  void missingProviderPointsAtTheModel() {
    AgentFileException e = failure("""
        name: x
        model:
          id: gpt-4.1
        """);

    assertThat(e.getMessage()).startsWith(FILE + ":2:1: model.provider: is required; expected one of scripted, openai, anthropic, gemini, ollama");
  }

  @Test
  void textWhereANumberIsExpected() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        limits:
          max_steps_per_turn: 5
          max_turns: ten
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":5:3: limits.max_turns: expected a whole number, got text 'ten'");
  }

  @Test
  void aQuotedNumberIsTextNotANumber() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          max_tokens: "800"
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:3: model.max_tokens: expected a whole number, got text '800'");
  }

  @Test
  void aListWhereAMappingIsExpected() {
    AgentFileException e = failure("""
        name: x
        model:
          - scripted
        """);

    assertThat(e.line()).isEqualTo(2);
    assertThat(e.field()).isEqualTo("model");
    assertThat(e.reason()).startsWith("expected a mapping with fields provider, id,").endsWith("got a list");
  }

  @Test
  void unknownFieldSuggestsTheClosestOne() {
    AgentFileException e = failure("""
        name: x
        modle:
          provider: scripted
        """);

    // The misspelling explains the missing model, so that is not reported a second time.
    assertThat(e.problems()).hasSize(1);
    assertThat(e.getMessage()).isEqualTo(FILE + ":2:1: modle: unknown field; did you mean 'model'?");
  }

  @Test
  void unknownNestedFieldWithoutACloseMatchListsTheFields() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          colour: blue
        """);

    // The fields the schema allows, in its order.
    assertThat(e.getMessage()).isEqualTo(FILE + ":4:3: model.colour: unknown field; expected one of base_url, credential, "
        + "id, max_tokens, max_tokens_field, parameters, price, provider, script, temperature, timeout_seconds");
  }

  @Test
  void unknownTool() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - current_time
          - http_gett
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("tools[1]");
    assertThat(e.reason()).startsWith("unknown tool 'http_gett'; did you mean 'http_get'? Built-in tools are "
        + "http_get, current_time, sleep");
  }

  @Test
  void unknownToolGivenAsAMapping() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - name: browse
            depth: 2
        """);

    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("tools[0]");
    assertThat(e.reason()).startsWith("unknown tool 'browse'.");
  }

  @Test
  void toolMappingWithoutAName() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - allow_hosts: [example.org]
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:5: tools[0].name: is required; e.g. - name: http_get");
  }

  @Test
  void approvalNamingAToolTheAgentDoesNotHave() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools: [http_get]
        approval:
          tools:
            - http_get
            - sleep
        """);

    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("approval.tools[1]");
    assertThat(e.reason()).isEqualTo("the agent has no tool 'sleep'. Add it under tools (the agent has http_get)");
  }

  @Test
  void approvalToolsMustBeAListOrStar() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools: [http_get]
        approval:
          tools: http_get
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("approval.tools");
    assertThat(e.reason()).startsWith("expected a list of tool names");
  }

  @Test
  void scriptedToolCallNamingAToolTheAgentDoesNotHave() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          script:
            - steps:
                - tool_calls:
                    - tool: http_get
                - reply: done
        tools: [current_time]
        """);

    assertThat(e.line()).isEqualTo(7);
    assertThat(e.field()).isEqualTo("model.script[0].steps[0].tool_calls[0].tool");
    assertThat(e.reason()).startsWith("the agent has no tool 'http_get'");
  }

  @Test
  void aStepIsEitherAReplyOrToolCalls() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          script:
            - steps:
                - reply: hi
                  tool_calls: [{tool: sleep}]
        tools: [sleep]
        """);

    assertThat(e.line()).isEqualTo(6);
    assertThat(e.field()).isEqualTo("model.script[0].steps[0]");
  }

  @Test
  void secretInCredentialIsRefusedWithoutBeingEchoed() {
    String key = "sk-proj-4fG7hJ2kL9mN3pQ8rS1tU6vW0xY5zA";
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
          id: gpt-4.1
          credential: %s
        """.formatted(key));

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("model.credential");
    assertThat(e.reason()).startsWith("credential must name an environment variable, not contain the key");
    assertThat(e.getMessage()).doesNotContain(key);
  }

  @Test
  void longRandomCredentialIsRefusedToo() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
          id: gpt-4.1
          credential: Zx81Qw9vLp2Rt7Yu4Io0Pa3Sd6Fg
        """);

    assertThat(e.reason()).startsWith("credential must name an environment variable, not contain the key");
  }

  @Test
  void credentialMustBeAnEnvironmentVariableName() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
          id: gpt-4.1
          credential: my key
        """);

    assertThat(e.getMessage()).startsWith(FILE + ":5:3: model.credential: 'my key' is not an environment variable name");
  }

  @Test
  void badInboxValue() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        inbox: interupt
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":3:1: inbox: unknown policy 'interupt'; expected one of queue, interrupt");
  }

  @Test
  void openaiNeedsAModelId() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
        """);

    assertThat(e.getMessage()).startsWith(FILE + ":2:1: model.id: is required for provider openai");
  }

  @Test
  void onlyTheScriptedProviderPlaysAScript() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
          id: gpt-4.1
          script:
            - steps: [{reply: hi}]
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("model.script");
  }

  @Test
  void temperatureOutOfRange() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          temperature: 2.5
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:3: model.temperature: is 2.5; must be between 0 and 2");
  }

  @Test
  void nonPositiveMaxTokens() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          max_tokens: 0
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":4:3: model.max_tokens: is 0; must be at least 1");
  }

  @Test
  void badName() {
    assertThat(failure("name: Research Assistant\nmodel: {provider: scripted}\n").getMessage())
        .startsWith(FILE + ":1:1: name: 'Research Assistant' must be lower-case letters");
    assertThat(failure("name: " + "a".repeat(65) + "\nmodel: {provider: scripted}\n").reason())
        .isEqualTo("is 65 characters long; at most 64");
  }

  @Test
  void badBaseUrl() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: openai
          id: llama3
          base_url: localhost:11434
        """);

    assertThat(e.line()).isEqualTo(5);
    assertThat(e.field()).isEqualTo("model.base_url");
  }

  @Test
  void reportsEveryProblemFirstLineFirst() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
          temperature: hot
        tools: [http_gett]
        inbox: never
        """);

    assertThat(e.problems()).extracting(AgentFileProblem::line).containsExactly(4, 5, 6);
    assertThat(e.problems()).extracting(AgentFileProblem::field)
        .containsExactly("model.temperature", "tools[0]", "inbox");
    assertThat(e.line()).isEqualTo(4);
  }

  @Test
  void yamlSyntaxErrorNamesItsLine() {
    AgentFileException e = failure("""
        name: x
        model:
          provider: scripted
         tools: [a
        """);

    assertThat(e.line()).isGreaterThanOrEqualTo(3);
    assertThat(e.field()).isNull();
    assertThat(e.reason()).startsWith("not valid YAML: ");
  }

  @Test
  void duplicateKey() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        name: y
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":3:1: name: appears twice in the same mapping (first on line 1)");
  }

  @Test
  void emptyFileAndNonMappingRoot() {
    assertThat(failure("").getMessage()).isEqualTo(FILE + ": the file is empty; an agent file needs at least a name and a model");
    assertThat(failure("- a\n- b\n").reason()).startsWith("an agent file is a mapping of fields");
  }

  @Test
  void nullOptionValuesAreRefused() {
    AgentFileException e = failure("""
        name: x
        model: {provider: scripted}
        tools:
          - name: http_get
            allow_hosts:
        """);

    assertThat(e.getMessage()).isEqualTo(FILE + ":5:5: tools[0].allow_hosts: needs a value (remove the field to leave it out)");
  }
}
