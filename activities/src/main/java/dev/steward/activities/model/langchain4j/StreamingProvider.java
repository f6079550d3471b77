package dev.steward.activities.model.langchain4j;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.steward.activities.model.ModelProvider;
import dev.steward.activities.network.AgentNetwork;
import dev.steward.activities.network.PinnedHttpClient;
import dev.steward.activities.secrets.Credentials;
import dev.steward.activities.model.errors.ModelErrorClassifier;
import dev.steward.activities.model.errors.ModelFailures;
import dev.steward.activities.model.http.ProviderHttpClientBuilder;
import dev.steward.activities.model.stream.PartialReply;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.network.NetworkPolicy;
import dev.steward.network.RefusedDestinationException;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.spec.ModelSpec;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;

/**
 * What every LangChain4j-backed provider does the same way: check the spec, read the key from the
 * worker's environment (never from the spec), build the provider's {@link StreamingChatModel}
 * over Steward's {@link ProviderHttpClientBuilder} (response headers kept, one request per call;
 * LangChain4j never retries a streamed call), stream the reply and classify any failure.
 */
public abstract class StreamingProvider implements ModelProvider {

  /** How long connecting to a model endpoint may take; the spec's timeout covers the whole call. */
  static final java.time.Duration CONNECT_TIMEOUT = java.time.Duration.ofSeconds(10);

  private final Function<String, String> env;
  private final AgentNetwork network;
  private final ModelErrorClassifier classifier;
  private final LangChain4jChat chat;
  private final Facts facts;

  /**
   * What sets one provider apart besides how its model is built.
   *
   * @param name the {@code model.provider} value
   * @param defaultBaseUrl the endpoint used when {@code model.base_url} is not set
   * @param exampleModelId a model id to show when the spec has none, e.g. {@code claude-sonnet-4-5}
   * @param requiresKey true when calls cannot work without an API key (the hosted APIs)
   */
  public record Facts(String name, String defaultBaseUrl, String exampleModelId, boolean requiresKey) {}

  /**
   * @param env reads an environment variable by name (System::getenv on a worker)
   * @param catalog describes the agent's tools to the model
   * @param network the policy every model endpoint passes before a call; the call connects only to
   *     the addresses it vetted
   * @param classifier turns provider errors into Temporal failures
   */
  protected StreamingProvider(Facts facts,
      Function<String, String> env, ToolCatalog catalog, AgentNetwork network, ModelErrorClassifier classifier) {
    this.facts = facts;
    this.env = env;
    this.network = network;
    this.classifier = classifier;
    this.chat = new LangChain4jChat(catalog);
  }

  @Override
  public final String name() {
    return facts.name();
  }

  /**
   * Builds the model for one call.
   *
   * @param apiKey the key, or null when none is named and none is required
   * @param httpClient the HTTP client builder the model must use
   */
  protected abstract StreamingChatModel build(ModelSpec spec, String endpoint, String apiKey, HttpClientBuilder httpClient);

  @Override
  public final ModelResponse complete(ModelRequest request, PartialReply partial) {
    ModelSpec spec = request.model();
    if (spec.id() == null || spec.id().isBlank()) {
      throw ModelFailures.rejected(spec.label() + ": the model spec has no id; set model.id, e.g. " + facts.exampleModelId());
    }
    String endpoint = spec.baseUrl() == null || spec.baseUrl().isBlank() ? facts.defaultBaseUrl() : spec.baseUrl().trim();
    PinnedHttpClient http = connect(spec, endpoint);
    String apiKey = apiKey(spec, http.destination().host());
    StreamingChatModel model;
    try {
      model = build(spec, http.destination().uri().toString(), apiKey, new ProviderHttpClientBuilder(http));
    } catch (RuntimeException e) {
      throw ModelFailures.rejected(spec.label() + ": the model settings are not usable: " + e.getMessage());
    }
    try {
      return chat.stream(model, request, partial, spec.timeoutSecondsOrDefault());
    } catch (ApplicationFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw classifier.classify(spec, endpoint, apiKey, e);
    }
  }

  /**
   * Vets the endpoint once per call and pins the call to what it resolved to. A refusal is not
   * retried: the same spec would be refused again.
   */
  private PinnedHttpClient connect(ModelSpec spec, String endpoint) {
    try {
      return network.connect(endpoint, CONNECT_TIMEOUT);
    } catch (RefusedDestinationException e) {
      throw ModelFailures.rejected(spec.label() + ": the worker refuses the model's base_url " + endpoint + ": "
          + e.getMessage() + (e.privateAddress() ? "; a worker serving local models (Ollama, vLLM) allows private"
              + " networks with " + NetworkPolicy.ALLOW_PRIVATE_VARIABLE + "=true" : ""));
    }
  }

  /**
   * The key, or null when the spec names no credential; never logged, never returned.
   *
   * @param host where the call goes, which the operator may not have bound the key to
   */
  private String apiKey(ModelSpec spec, String host) {
    String name = spec.credential();
    if (name == null || name.isBlank()) {
      if (facts.requiresKey()) {
        throw ModelFailures.rejected(spec.label() + ": " + name() + " needs an API key, but the model spec names no"
            + " credential; set model.credential to the name of the worker's environment variable holding it");
      }
      return null;
    }
    String key;
    try {
      key = Credentials.readFor(env, name.trim(), host);
    } catch (Credentials.UnusableCredentialException e) {
      throw ModelFailures.rejected(spec.label() + " (the model's credential): " + e.getMessage());
    }
    if (key == null || key.isBlank()) {
      throw ModelFailures.rejected(
          spec.label() + ": the environment variable " + name.trim() + " (the model's credential) is not set on"
              + " this worker; set it to the API key and restart the worker");
    }
    return key.trim();
  }
}
