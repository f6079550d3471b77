package dev.steward.client.spec;

import dev.steward.workflows.spec.AgentSpec;
import dev.steward.workflows.spec.CostBudgets;
import dev.steward.workflows.spec.FallbackPolicy;
import dev.steward.workflows.spec.DeclaredTools;
import dev.steward.workflows.spec.ApprovalPolicy;
import dev.steward.workflows.spec.InboxPolicy;
import dev.steward.workflows.spec.Limits;
import dev.steward.workflows.spec.MemorySpec;
import dev.steward.workflows.spec.ModelSpec;
import dev.steward.workflows.spec.ScheduleSpec;
import dev.steward.workflows.tools.BuiltinTools;
import dev.steward.workflows.spec.Price;
import dev.steward.workflows.spec.ScriptedStep;
import dev.steward.workflows.spec.ScriptedStep.ScriptedToolCall;
import dev.steward.workflows.spec.ScriptedTurn;
import dev.steward.workflows.spec.ToolSpec;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The agent file's rules: reads a {@link YamlNode} tree into an {@link AgentSpec}, logging every
 * problem with its line and field. Field names are the snake_case JSON names of the spec records.
 *
 * <p>It reads two forms of the same tree: an agent file, whose OpenAPI documents and sub-agents are
 * files beside it, and a resolved spec (JSON from {@code AgentSpecJson}), which carries the
 * documents' text ({@code openapi[].document}, {@code openapi[].source}) and each sub-agent's spec
 * (option {@code spec} of its {@code agent:<name>} tool, checked here as an agent of its own).
 */
final class AgentSpecReader {

  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  static final int MAX_NAME_LENGTH = 64;
  /** How deep sub-agents may nest in a resolved spec; deeper is a mistake, or an attempt to exhaust the stack. */
  static final int MAX_SUB_AGENT_DEPTH = 8;

  static final List<String> TOP = List.of(
      "name", "instructions", "model", "fallbacks", "fallback_after", "tools", "limits", "approval", "inbox", "memory", "schedules",
      "mcp_servers", "http_tools", "openapi");
  static final List<String> SCHEDULE = List.of("name", "cron", "every", "timezone", "message");
  static final List<String> MEMORY = List.of("blocks", "context_tokens", "summarizer", "summary_prompt",
      "segment_entries");
  static final List<String> BLOCK = List.of("name", "description", "limit", "text");
  static final List<String> MODEL = List.of(
      "provider", "id", "base_url", "credential", "temperature", "max_tokens", "max_tokens_field", "timeout_seconds",
      "parameters", "script", "price");
  static final List<String> PRICE = List.of("input_per_million", "output_per_million");
  static final List<String> FALLBACK_AFTER = List.of("attempts", "seconds");
  static final List<String> TURN = List.of("match", "steps");
  static final List<String> STEP = List.of("reply", "tool_calls");
  static final List<String> TOOL_CALL = List.of("tool", "arguments");
  static final List<String> LIMITS = List.of(
      "max_steps_per_turn", "max_turns", "max_total_tokens", "max_turn_seconds", "max_cost_usd");
  static final List<String> APPROVAL = List.of("tools", "timeout_seconds");
  static final List<String> INBOX = Arrays.stream(InboxPolicy.values()).map(InboxPolicy::wireName).toList();
  private static final String NO_HANDOFF = "handoff hands the conversation to one of the agent's sub-agents, and this "
      + "agent has none; list one under tools as agent:<name> (the agent in <name>.yaml beside this file), which "
      + "brings handoff with it";

  /** A tool name used somewhere else in the file, checked once the agent's tools are known. */
  private record ToolReference(String tool, YamlNode at, String path) {}

  /** A scripted {@code handoff} call, whose {@code agent} argument must name a sub-agent. */
  private record HandoffCall(YamlNode at, YamlNode arguments, String path) {}


  private final Fields fields;
  private final ProblemLog log;
  private final List<ToolReference> references = new ArrayList<>();
  private final List<HandoffCall> handoffCalls = new ArrayList<>();
  /** Each model by its path ({@code model}, {@code fallbacks[0]}), for errors about the model as a whole. */
  private final Map<String, YamlNode> modelNodes = new LinkedHashMap<>();
  /** A resolved spec's sub-agents by their path ({@code tools[1].spec.}), for errors about their models. */
  private final Map<String, YamlNode> subAgentNodes = new LinkedHashMap<>();
  private final ToolOptionsReader toolOptions;

  private final Path baseDir;
  private final boolean resolved;
  private final int depth;
  private Set<String> httpToolNames = Set.of();
  private Map<String, DeclaredToolsReader.OpenApiImport> openapiImports = Map.of();
  /** The names of the agent's sub-agents, the tools {@code agent:<name>}. */
  private final Set<String> subAgents = new java.util.LinkedHashSet<>();
  private Set<String> wildcards = new java.util.HashSet<>();

  private AgentSpecReader(ProblemLog log, Path baseDir, boolean resolved, int depth) {
    this.log = log;
    this.fields = new Fields(log);
    this.toolOptions = new ToolOptionsReader(fields, resolved);
    this.baseDir = baseDir;
    this.resolved = resolved;
    this.depth = depth;
  }

  /** The spec, or null when there were problems (the log has them). */
  static AgentSpec read(YamlNode root, ProblemLog log) {
    return read(root, log, null);
  }

  /** @param baseDir the agent file's directory, where files it names (OpenAPI documents) are read; null for the current one */
  static AgentSpec read(YamlNode root, ProblemLog log, Path baseDir) {
    return new AgentSpecReader(log, baseDir, false, 0).readAgent(root);
  }

  /** A resolved spec (see the class comment); the spec, or null when there were problems. */
  static AgentSpec readResolved(YamlNode root, ProblemLog log) {
    return new AgentSpecReader(log, null, true, 0).readAgent(root);
  }

  private AgentSpec readAgent(YamlNode root) {
    if (!(root instanceof YamlNode.Mapping)) {
      log.error(root, null, "an agent file is a mapping of fields (name, model, tools, ...), not " + root.describe());
      return null;
    }
    MappingReader agent = fields.mapping(root, "", TOP);
    String name = readName(agent);
    String instructions = agent.text("instructions");
    ModelSpec model = readModel(agent.required("model", "; e.g. model: {provider: scripted}"), "model");
    List<ModelSpec> fallbacks = readFallbacks(agent.get("fallbacks"));
    FallbackPolicy fallbackAfter = readFallbackAfter(agent.get("fallback_after"));
    DeclaredToolsReader.Declared declared = DeclaredToolsReader.read(agent, fields, log, baseDir, resolved);
    httpToolNames = declared.httpToolNames();
    openapiImports = declared.openapiImports();
    Map<String, YamlNode> toolNodes = new LinkedHashMap<>();
    List<ToolSpec> tools = readTools(agent.get("tools"), toolNodes);
    Limits limits = readLimits(agent.get("limits"));
    ApprovalPolicy approval = readApproval(agent.get("approval"));
    InboxPolicy inbox = readInbox(agent);
    MemorySpec memory = readMemory(agent.get("memory"));
    Set<String> available = new java.util.LinkedHashSet<>(toolNodes.keySet());
    if (memory != null && !memory.blocks().isEmpty()) {
      available.addAll(BuiltinTools.MEMORY_TOOLS);
    }
    if (!subAgents.isEmpty()) {
      // The workflow gives every agent with sub-agents handoff (AgentSpec.effectiveTools).
      available.add(BuiltinTools.HANDOFF);
    }
    checkReferences(available);
    checkHandoffCalls();
    List<ScheduleSpec> schedules = ScheduleReader.read(agent.get("schedules"), fields, log);
    // The schema (generated from the records) adds what the checks above did not say: unknown fields above all.
    AgentSchema.check(root, log, resolved);
    if (!log.isEmpty()) {
      return null;
    }
    AgentSpec spec = new AgentSpec(name, instructions, model, tools, limits, approval, inbox, fallbacks, memory,
        declared.mcpServers(), declared.httpTools(), declared.openapi(), schedules, fallbackAfter);
    // Sub-agents are not resolved yet: SubAgentFiles checks them against this agent's budget.
    for (CostBudgets.Unpriced unpriced : CostBudgets.unpriced(spec)) {
      YamlNode at = modelNodes.get(unpriced.path());
      if (at != null) {
        log.error(at, unpriced.path(), unpriced.message());
      } else if (unpriced.inherited()) {
        // A resolved spec's sub-agent under this agent's budget; one under its own budget reported it itself.
        YamlNode sub = subAgentNodes.entrySet().stream().filter(e -> unpriced.path().startsWith(e.getKey()))
            .map(Map.Entry::getValue).findFirst().orElse(root);
        log.error(sub, unpriced.path(), unpriced.message());
      }
    }
    return log.isEmpty() ? spec : null;
  }

  private String readName(MappingReader agent) {
    YamlNode node = agent.required("name", "; e.g. name: research-assistant");
    String name = node == null ? null : fields.text(node, "name");
    if (name == null) {
      return null;
    }
    if (name.length() > MAX_NAME_LENGTH) {
      log.error(node, "name", "is " + name.length() + " characters long; at most " + MAX_NAME_LENGTH);
    } else if (!NAME.matcher(name).matches()) {
      log.error(node, "name", "'" + name + "' must be lower-case letters, digits, '-' and '_', "
          + "starting with a letter or digit (e.g. research-assistant)");
    }
    return name;
  }

  // ---- model

  private List<ModelSpec> readFallbacks(YamlNode node) {
    if (node == null) {
      return null;
    }
    List<YamlNode> items = fields.list(node, "fallbacks", " of models, e.g. - {provider: openai, id: gpt-4.1-mini}");
    if (items == null) {
      return null;
    }
    List<ModelSpec> models = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      models.add(readModel(items.get(i), FieldPath.index("fallbacks", i)));
    }
    return models;
  }

  /** The retry budget of a model before the next fallback; unset fields keep their defaults. */
  private FallbackPolicy readFallbackAfter(YamlNode node) {
    if (node == null) {
      return null;
    }
    MappingReader policy = fields.mapping(node, "fallback_after", FALLBACK_AFTER);
    if (policy == null) {
      return null;
    }
    Long attempts = policy.whole("attempts", 1, FallbackPolicy.MAX_ATTEMPTS);
    Long seconds = policy.seconds("seconds", 1, FallbackPolicy.MAX_SECONDS);
    return new FallbackPolicy(attempts == null ? 0 : attempts.intValue(), seconds == null ? 0 : seconds);
  }

  private ModelSpec readModel(YamlNode node, String at) {
    if (node == null) {
      return null;
    }
    MappingReader model = fields.mapping(node, at, MODEL);
    if (model == null) {
      return null;
    }
    modelNodes.put(at, model.get("id") == null ? node : model.get("id"));
    ModelProviders.Provider provider = readProvider(model);
    String id = model.text("id");
    if (provider != null && provider.requiresModelId() && id == null) {
      model.required("id", " for provider " + provider.name() + "; e.g. id: gpt-4.1");
    }
    String baseUrl = readBaseUrl(model);
    String credential = readCredential(model);
    Double temperature = model.number("temperature", 0, 2);
    Integer maxTokens = model.wholeInt("max_tokens", 1);
    Integer timeoutSeconds = model.callSeconds("timeout_seconds");
    YamlNode parametersNode = model.get("parameters");
    Map<String, Object> parameters = parametersNode == null ? null
        : fields.freeMapping(parametersNode, model.path("parameters"), " of provider parameters");
    List<ScriptedTurn> script = null;
    YamlNode scriptNode = model.get("script");
    if (scriptNode != null) {
      if (provider != null && !provider.playsScript()) {
        log.error(scriptNode, model.path("script"), "only the scripted provider plays a script; "
            + "remove it or set provider: " + ModelProviders.SCRIPTED.name());
      } else {
        script = readScript(scriptNode, model.path("script"));
      }
    }
    String maxTokensField = readMaxTokensField(model, provider);
    return provider == null ? null
        : new ModelSpec(provider.name(), id, baseUrl, credential, temperature, maxTokens, timeoutSeconds, parameters, script,
            readPrice(model.get("price"), model.path("price")), maxTokensField);
  }

  /** Which request field carries max_tokens: only OpenAI's API has two names for it. */
  private String readMaxTokensField(MappingReader model, ModelProviders.Provider provider) {
    String field = model.text("max_tokens_field");
    if (field == null) {
      return null;
    }
    YamlNode node = model.get("max_tokens_field");
    if (provider != null && provider != ModelProviders.OPENAI) {
      log.error(node, model.path("max_tokens_field"), "only the openai provider has a choice of field; remove it");
    } else if (!field.equals(ModelSpec.MAX_COMPLETION_TOKENS) && !field.equals(ModelSpec.MAX_TOKENS)) {
      log.error(node, model.path("max_tokens_field"), "'" + field + "' is not a field name; expected "
          + ModelSpec.MAX_COMPLETION_TOKENS + " (the default, for OpenAI) or " + ModelSpec.MAX_TOKENS
          + " (for OpenAI-compatible servers that still want it)");
    } else {
      return field;
    }
    return null;
  }

  private Price readPrice(YamlNode node, String at) {
    if (node == null) {
      return null;
    }
    MappingReader price = fields.mapping(node, at, PRICE);
    if (price == null) {
      return null;
    }
    Double input = price.number("input_per_million", 0, 10_000);
    Double output = price.number("output_per_million", 0, 10_000);
    return new Price(input == null ? 0 : input, output == null ? 0 : output);
  }

  private ModelProviders.Provider readProvider(MappingReader model) {
    List<String> names = ModelProviders.names();
    YamlNode node = model.required("provider", "; expected one of " + String.join(", ", names));
    String name = node == null ? null : fields.text(node, model.path("provider"));
    if (name == null) {
      return null;
    }
    // An unknown one is the schema's to report (its enum is ModelProviders' list).
    return ModelProviders.find(name).orElse(null);
  }

  private String readBaseUrl(MappingReader model) {
    String url = model.text("base_url");
    if (url == null) {
      return null;
    }
    try {
      URI uri = new URI(url);
      if (HttpUrls.isHttp(uri)) {
        return url;
      }
    } catch (Exception e) {
      // Reported below like any other malformed URL.
    }
    log.error(model.get("base_url"), model.path("base_url"), "'" + url + "' is not an http(s) URL; "
        + "e.g. http://localhost:11434/v1");
    return null;
  }

  private String readCredential(MappingReader model) {
    YamlNode node = model.get("credential");
    String credential = node == null ? null : fields.text(node, model.path("credential"));
    if (credential == null) {
      return null;
    }
    // Never echo the value: it may be the very secret that must not be printed.
    if (CredentialNames.looksLikeSecret(credential)) {
      log.error(node, model.path("credential"), "credential must name an environment variable, not contain the key "
          + "(e.g. credential: OPENAI_API_KEY, and set OPENAI_API_KEY where the worker runs)");
      return null;
    }
    if (!CredentialNames.isEnvironmentVariableName(credential)) {
      log.error(node, model.path("credential"), "'" + credential + "' is not an environment variable name "
          + "(letters, digits and '_', e.g. OPENAI_API_KEY)");
      return null;
    }
    return credential;
  }

  private List<ScriptedTurn> readScript(YamlNode node, String at) {
    List<YamlNode> items = fields.list(node, at, " of turns, e.g. - {match: hello, steps: [{reply: hi}]}");
    if (items == null) {
      return null;
    }
    List<ScriptedTurn> turns = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String path = FieldPath.index(at, i);
      MappingReader turn = fields.mapping(items.get(i), path, TURN);
      if (turn == null) {
        continue;
      }
      String match = turn.text("match");
      YamlNode stepsNode = turn.required("steps", "; e.g. steps: [{reply: hello}]");
      List<ScriptedStep> steps = stepsNode == null ? null : readSteps(stepsNode, turn.path("steps"));
      turns.add(new ScriptedTurn(match, steps));
    }
    return turns;
  }

  private List<ScriptedStep> readSteps(YamlNode node, String path) {
    List<YamlNode> items = fields.list(node, path, " of steps, each a reply or tool_calls");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      log.error(node, path, "needs at least one step");
    }
    List<ScriptedStep> steps = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String stepPath = FieldPath.index(path, i);
      MappingReader step = fields.mapping(items.get(i), stepPath, STEP);
      if (step == null) {
        continue;
      }
      String reply = step.text("reply");
      YamlNode callsNode = step.get("tool_calls");
      if ((reply == null) == (callsNode == null)) {
        log.error(items.get(i), stepPath, "a step has either a reply or tool_calls (exactly one of them)");
        continue;
      }
      List<ScriptedToolCall> calls = callsNode == null ? List.of() : readToolCalls(callsNode, step.path("tool_calls"));
      steps.add(new ScriptedStep(reply, calls));
    }
    return steps;
  }

  private List<ScriptedToolCall> readToolCalls(YamlNode node, String path) {
    List<YamlNode> items = fields.list(node, path, " of calls, e.g. - {tool: http_get, arguments: {url: ...}}");
    if (items == null) {
      return null;
    }
    if (items.isEmpty()) {
      log.error(node, path, "needs at least one call");
    }
    List<ScriptedToolCall> calls = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String callPath = FieldPath.index(path, i);
      MappingReader call = fields.mapping(items.get(i), callPath, TOOL_CALL);
      if (call == null) {
        continue;
      }
      YamlNode toolNode = call.required("tool", "; the name of one of the agent's tools");
      String tool = toolNode == null ? null : fields.text(toolNode, call.path("tool"));
      if (tool != null) {
        references.add(new ToolReference(tool, toolNode, call.path("tool")));
      }
      YamlNode argumentsNode = call.get("arguments");
      if (BuiltinTools.HANDOFF.equals(tool)) {
        handoffCalls.add(new HandoffCall(items.get(i), argumentsNode, callPath));
      }
      Map<String, Object> arguments = argumentsNode == null ? Map.of()
          : fields.freeMapping(argumentsNode, call.path("arguments"), " of argument names to values");
      calls.add(new ScriptedToolCall(tool, arguments));
    }
    return calls;
  }

  // ---- tools

  /** Reads {@code tools}; fills {@code declared} with each tool's name and where it was declared. */
  private List<ToolSpec> readTools(YamlNode node, Map<String, YamlNode> declared) {
    if (node == null) {
      return List.of();
    }
    List<YamlNode> items = fields.list(node, "tools", " of tools, e.g. - http_get");
    if (items == null) {
      return null;
    }
    List<ToolSpec> tools = new ArrayList<>();
    YamlNode handoff = null;
    String handoffPath = null;
    for (int i = 0; i < items.size(); i++) {
      YamlNode item = resolved ? flattenOptions(items.get(i)) : items.get(i);
      String path = FieldPath.index("tools", i);
      ToolSpec tool = readTool(item, path);
      if (tool == null) {
        continue;
      }
      YamlNode first = declared.putIfAbsent(tool.name(), item);
      boolean isHandoff = BuiltinTools.HANDOFF.equals(tool.name());
      if (first != null) {
        log.error(item, path, "tool '" + tool.name() + "' is listed twice (first on line " + first.line() + ")");
      } else if (!isHandoff && !ToolNames.isAllowed(tool.name()) && !httpToolNames.contains(tool.name())) {
        log.error(item, path, ToolNames.whyNot(tool.name()));
      } else {
        if (item instanceof YamlNode.Mapping m) {
          toolOptions.check(tool.name(), m, path);
        }
        String openapiProblem = openApiProblem(tool.name());
        if (openapiProblem != null) {
          log.error(item, path, openapiProblem);
        }
      }
      if (isHandoff && first == null) {
        handoff = item;
        handoffPath = path;
      }
      if (tool.name().startsWith(BuiltinTools.AGENT_PREFIX)) {
        subAgents.add(tool.name().substring(BuiltinTools.AGENT_PREFIX.length()));
        if (resolved) {
          readSubAgent(item, path);
        }
      }
      if (tool.name().endsWith(DeclaredTools.ALL)) {
        wildcards.add(tool.name());
      }
      tools.add(tool);
    }
    if (handoff != null && subAgents.isEmpty()) {
      log.error(handoff, handoffPath, NO_HANDOFF);
    }
    return tools;
  }

  /** A resolved spec writes a tool as its record does, {@code {name, options: {...}}}; the file writes the options beside the name. */
  private static YamlNode flattenOptions(YamlNode item) {
    if (item instanceof YamlNode.Mapping m && m.fields().get("options") instanceof YamlNode.Mapping options
        && m.fields().keySet().stream().allMatch(k -> k.equals("name") || k.equals("options"))) {
      Map<String, YamlNode> flat = new LinkedHashMap<>();
      if (m.fields().containsKey("name")) {
        flat.put("name", m.fields().get("name"));
      }
      flat.putAll(options.fields());
      return new YamlNode.Mapping(m.line(), m.column(), flat);
    }
    return item;
  }

  /** A resolved spec's {@code agent:<name>} tool carries its sub-agent's spec, checked here as an agent of its own. */
  private void readSubAgent(YamlNode item, String path) {
    YamlNode specNode = item instanceof YamlNode.Mapping m ? m.fields().get(ToolOptionsReader.SPEC) : null;
    String at = FieldPath.child(path, ToolOptionsReader.SPEC);
    if (Fields.isNull(specNode)) {
      log.error(item, at, "is required: a resolved spec carries each sub-agent's spec in its tool (AgentFiles.load and"
          + " `steward --gateway start FILE` put it there from the sub-agent's file)");
      return;
    }
    if (depth + 1 > MAX_SUB_AGENT_DEPTH) {
      log.error(specNode, at, "sub-agents nest more than " + MAX_SUB_AGENT_DEPTH + " deep");
      return;
    }
    ProblemLog nested = new ProblemLog(log.file(), log.lines());
    AgentSpec child = new AgentSpecReader(nested, null, true, depth + 1).readAgent(specNode);
    log.addNested(nested, at);
    subAgentNodes.put(at + ".", specNode);
  }

  /**
   * Why a tool {@code prefix.operationId} of an OpenAPI import does not exist, or null when it does
   * (or cannot be known: not an OpenAPI import, a wildcard, or a document whose paths are not all readable).
   */
  private String openApiProblem(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || name.endsWith(DeclaredTools.ALL)) {
      return null;
    }
    String prefix = name.substring(0, dot);
    String id = name.substring(dot + 1);
    DeclaredToolsReader.OpenApiImport api = openapiImports.get(prefix);
    if (api == null || api.selected().contains(id)) {
      return null;
    }
    if (api.operations().ids().contains(id)) {
      return "operation '" + id + "' of " + api.source() + " is not imported: " + api.at() + " selects it by neither"
          + " operations nor tags; add " + id + " to " + api.at() + ".operations";
    }
    if (!api.operations().complete()) {
      return null;
    }
    return "the OpenAPI import '" + prefix + "' (" + api.source() + ") has no operation '" + id + "'"
        + Suggestions.didYouMean(id, api.selected()) + " It imports " + OpenApiOperations.list(api.selected());
  }

  /** A tool is a plain name ({@code - http_get}) or a mapping whose every key but name is an option. */
  private ToolSpec readTool(YamlNode item, String path) {
    if (item instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.TEXT) {
      if (resolved) {
        // The records read no shorthand: a bare name would fail later, past this check.
        log.error(item, path, "a resolved spec writes each tool as an object, e.g. {\"name\": \"" + s.text()
            + "\"} or {\"name\": \"http_get\", \"options\": {\"allow_hosts\": [\"example.org\"]}}");
        return null;
      }
      return ToolSpec.of(s.text());
    }
    if (!(item instanceof YamlNode.Mapping m)) {
      log.error(item, path, "expected a tool name or a mapping with a name and options, got " + item.describe());
      return null;
    }
    YamlNode nameNode = m.fields().get("name");
    if (Fields.isNull(nameNode)) {
      log.error(item, FieldPath.child(path, "name"), "is required; e.g. - name: http_get");
      return null;
    }
    String name = fields.text(nameNode, FieldPath.child(path, "name"));
    Map<String, YamlNode> optionNodes = new LinkedHashMap<>(m.fields());
    optionNodes.remove("name");
    Map<String, Object> options = fields.freeMapping(new YamlNode.Mapping(m.line(), m.column(), optionNodes), path, "");
    return name == null || options == null ? null : new ToolSpec(name, options);
  }

  // ---- memory

  private MemorySpec readMemory(YamlNode node) {
    if (node == null) {
      return null;
    }
    MappingReader memory = fields.mapping(node, "memory", MEMORY);
    if (memory == null) {
      return null;
    }
    List<MemorySpec.MemoryBlockSpec> blocks = new ArrayList<>();
    YamlNode blocksNode = memory.get("blocks");
    if (blocksNode != null) {
      List<YamlNode> items = fields.list(blocksNode, "memory.blocks", " of blocks, e.g. - {name: human, limit: 2000, text: ...}");
      Set<String> names = new java.util.HashSet<>();
      for (int i = 0; items != null && i < items.size(); i++) {
        String at = FieldPath.index("memory.blocks", i);
        MappingReader block = fields.mapping(items.get(i), at, BLOCK);
        if (block == null) {
          continue;
        }
        YamlNode nameNode = block.required("name", "; e.g. name: human");
        String name = nameNode == null ? null : fields.text(nameNode, block.path("name"));
        if (name != null && !names.add(name)) {
          log.error(nameNode, block.path("name"), "block '" + name + "' is declared twice");
        }
        Integer limit = block.wholeInt("limit", 1);
        String text = block.text("text");
        if (text != null && limit != null && text.length() > limit) {
          log.error(block.get("text"), block.path("text"), "is " + text.length() + " characters; the block's limit is " + limit);
        }
        blocks.add(new MemorySpec.MemoryBlockSpec(name, block.text("description"), limit == null ? 0 : limit, text));
      }
    }
    Long contextTokens = memory.whole("context_tokens", 256, 10_000_000);
    YamlNode summarizerNode = memory.get("summarizer");
    ModelSpec summarizer = summarizerNode == null ? null : readModel(summarizerNode, "memory.summarizer");
    Long segmentEntries = memory.whole("segment_entries", 1, 100_000);
    return new MemorySpec(blocks, contextTokens == null ? 0 : contextTokens, summarizer, memory.text("summary_prompt"),
        segmentEntries == null ? 0 : segmentEntries.intValue());
  }

  // ---- limits, approval, inbox

  private Limits readLimits(YamlNode node) {
    if (node == null) {
      return null;
    }
    MappingReader limits = fields.mapping(node, "limits", LIMITS);
    if (limits == null) {
      return null;
    }
    Long steps = limits.whole("max_steps_per_turn", 1, Integer.MAX_VALUE);
    Long turns = limits.whole("max_turns", 0, Integer.MAX_VALUE);
    Long tokens = limits.whole("max_total_tokens", 0, Bounds.MAX_TOTAL_TOKENS);
    Long seconds = limits.seconds("max_turn_seconds", 0, Bounds.MAX_WAIT_SECONDS);
    Double cost = limits.number("max_cost_usd", 0, 1_000_000);
    return new Limits(
        steps == null ? Limits.DEFAULT_MAX_STEPS_PER_TURN : steps.intValue(),
        turns == null ? 0 : turns.intValue(),
        tokens == null ? 0 : tokens,
        seconds == null ? 0 : seconds,
        cost == null ? 0 : cost);
  }

  private ApprovalPolicy readApproval(YamlNode node) {
    if (node == null) {
      return null;
    }
    MappingReader approval = fields.mapping(node, "approval", APPROVAL);
    if (approval == null) {
      return null;
    }
    List<String> tools = new ArrayList<>();
    YamlNode toolsNode = approval.get("tools");
    String toolsPath = approval.path("tools");
    if (toolsNode instanceof YamlNode.Scalar s && "*".equals(s.text())) {
      tools.add("*");
    } else if (toolsNode instanceof YamlNode.Sequence seq) {
      for (int i = 0; i < seq.items().size(); i++) {
        YamlNode item = seq.items().get(i);
        String tool = fields.text(item, FieldPath.index(toolsPath, i));
        if (tool != null) {
          tools.add(tool);
          if (!"*".equals(tool)) {
            references.add(new ToolReference(tool, item, FieldPath.index(toolsPath, i)));
          }
        }
      }
    } else if (toolsNode != null) {
      log.error(toolsNode, toolsPath, "expected a list of tool names, e.g. [http_get], or \"*\" for every tool, got "
          + toolsNode.describe());
    }
    Long timeout = approval.seconds("timeout_seconds", 1, Bounds.MAX_WAIT_SECONDS);
    return new ApprovalPolicy(tools, timeout == null ? ApprovalPolicy.DEFAULT_TIMEOUT_SECONDS : timeout);
  }

  private InboxPolicy readInbox(MappingReader agent) {
    String value = agent.text("inbox");
    if (value == null) {
      return null;
    }
    if (!INBOX.contains(value)) {
      log.error(agent.get("inbox"), "inbox", "unknown policy '" + value + "'; expected one of " + String.join(", ", INBOX));
      return null;
    }
    return InboxPolicy.parse(value);
  }

  /** Script tool calls and approvals may only name tools the agent has. */
  private void checkReferences(Set<String> declared) {
    for (ToolReference ref : references) {
      if (declared.contains(ref.tool())) {
        continue;
      }
      if (wildcards.stream().anyMatch(w -> DeclaredTools.covers(w, ref.tool()))) {
        // fs.read_file under fs.*: an MCP server's tools are known only to the worker, an OpenAPI import's here.
        String openapiProblem = openApiProblem(ref.tool());
        if (openapiProblem != null) {
          log.error(ref.at(), ref.path(), openapiProblem);
        }
      } else if (BuiltinTools.HANDOFF.equals(ref.tool())) {
        log.error(ref.at(), ref.path(), NO_HANDOFF);
      } else {
        String has = declared.isEmpty() ? "the agent has no tools" : "the agent has " + String.join(", ", declared);
        log.error(ref.at(), ref.path(), "the agent has no tool '" + ref.tool() + "'"
            + Suggestions.didYouMean(ref.tool(), declared) + " Add it under tools (" + has + ")");
      }
    }
  }

  /** A scripted handoff names the sub-agent it hands over to, as the model would: {@code arguments: {agent: writer}}. */
  private void checkHandoffCalls() {
    if (subAgents.isEmpty()) {
      return;
    }
    String can = "it can hand over to " + String.join(", ", subAgents) + " (its agent: tools)";
    for (HandoffCall call : handoffCalls) {
      if (call.arguments() != null && !(call.arguments() instanceof YamlNode.Mapping)) {
        continue; // Reported as arguments that are not a mapping.
      }
      YamlNode agent = call.arguments() instanceof YamlNode.Mapping m ? m.fields().get("agent") : null;
      String at = FieldPath.child(FieldPath.child(call.path(), "arguments"), "agent");
      if (Fields.isNull(agent)) {
        log.error(call.arguments() == null ? call.at() : call.arguments(), at,
            "is required: the sub-agent to hand over to, e.g. arguments: {agent: " + subAgents.iterator().next() + "}; " + can);
      } else if (agent instanceof YamlNode.Scalar s && s.kind() == YamlNode.Kind.TEXT && !s.text().contains("{{")
          && !subAgents.contains(s.text())) {
        log.error(agent, at, "no sub-agent '" + s.text() + "'" + Suggestions.didYouMean(s.text(), subAgents)
            + " It can hand over to " + String.join(", ", subAgents) + " (its agent: tools)");
      }
    }
  }
}
