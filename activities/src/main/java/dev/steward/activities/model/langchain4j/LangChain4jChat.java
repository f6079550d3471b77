package dev.steward.activities.model.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.steward.activities.model.WireToolNames;
import dev.steward.activities.model.stream.PartialReply;
import dev.steward.activities.tools.ToolCatalog;
import dev.steward.activities.tools.ToolDefinition;
import dev.steward.workflows.model.ChatMessage;
import dev.steward.workflows.model.ModelRequest;
import dev.steward.workflows.model.ModelResponse;
import dev.steward.workflows.model.ToolCall;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One streamed model call through any LangChain4j {@link StreamingChatModel}: builds the request
 * from a {@link ModelRequest} (tools resolved in the {@link ToolCatalog}, unknown ones left out),
 * reports text to a {@link PartialReply} as it arrives, waits for the end and maps the answer back
 * to Steward names. Errors are thrown as LangChain4j reported them, for the provider to classify;
 * an answer the provider refused to give (see {@link #refused}) is thrown
 * as a {@link RefusedException}.
 */
public final class LangChain4jChat {

  /** Slack over the model's own timeout before giving up on a stream that never ends: 30 s. */
  static final long GRACE_SECONDS = 30;

  private final ToolCatalog catalog;

  public LangChain4jChat(ToolCatalog catalog) {
    this.catalog = catalog;
  }

  /**
   * @param timeoutSeconds the model's timeout; the wait for the end of the stream is bounded by it
   *     plus {@value #GRACE_SECONDS} s even if the provider library never calls back
   */
  public ModelResponse stream(StreamingChatModel model, ModelRequest request, PartialReply partial, long timeoutSeconds) {
    List<ToolDefinition> tools = catalog.resolve(request.tools());
    WireToolNames names = WireToolNames.of(namesIn(tools, request.messages()));
    ChatRequest.Builder chat =
        ChatRequest.builder().messages(ChatMessages.of(request.instructions(), request.messages(), names));
    if (!tools.isEmpty()) {
      List<ToolSpecification> specs = new ArrayList<>();
      tools.forEach(t -> specs.add(ToolSpecifications.of(t, names)));
      chat.toolSpecifications(specs);
    }
    CompletableFuture<ChatResponse> done = new CompletableFuture<>();
    model.chat(chat.build(), new StreamingChatResponseHandler() {
      @Override
      public void onPartialResponse(PartialResponse response, PartialResponseContext context) {
        partial.append(response.text());
        if (partial.stopped()) {
          context.streamingHandle().cancel();
          done.cancel(false);
        }
      }

      @Override
      public void onCompleteResponse(ChatResponse response) {
        done.complete(response);
      }

      @Override
      public void onError(Throwable error) {
        done.completeExceptionally(error);
      }
    });
    return toSteward(await(done, timeoutSeconds + GRACE_SECONDS), request, names);
  }

  private static ChatResponse await(CompletableFuture<ChatResponse> done, long seconds) {
    try {
      return done.get(seconds, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new dev.langchain4j.exception.TimeoutException(e);
    } catch (java.util.concurrent.CancellationException e) {
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new dev.langchain4j.exception.LangChain4jException("interrupted while waiting for the model", e);
    }
  }

  private static ModelResponse toSteward(ChatResponse response, ModelRequest request, WireToolNames names) {
    AiMessage message = response.aiMessage();
    List<ToolCall> calls = new ArrayList<>();
    if (message != null && message.hasToolExecutionRequests()) {
      for (ToolExecutionRequest r : message.toolExecutionRequests()) {
        // Some OpenAI-compatible servers omit call ids; people and results still need one.
        String id = r.id() == null || r.id().isBlank()
            ? "call-" + request.turn() + "-" + request.step() + "-" + (calls.size() + 1)
            : r.id();
        calls.add(new ToolCall(id, names.toSteward(r.name()), r.arguments() == null ? "" : r.arguments()));
      }
    }
    String text = message == null || message.text() == null ? "" : message.text();
    if (calls.isEmpty() && refused(response.finishReason(), text)) {
      throw new RefusedException(text);
    }
    return new ModelResponse(text, calls, ProviderTokenUsage.of(response.tokenUsage()));
  }

  /**
   * A safety block ({@code CONTENT_FILTER}), or an empty answer that ended for a reason
   * LangChain4j does not know ({@code OTHER}: Anthropic's {@code refusal}, for one).
   */
  private static boolean refused(FinishReason reason, String text) {
    return reason == FinishReason.CONTENT_FILTER || (reason == FinishReason.OTHER && text.isBlank());
  }

  private static Set<String> namesIn(List<ToolDefinition> tools, List<ChatMessage> messages) {
    Set<String> names = new LinkedHashSet<>();
    tools.forEach(t -> names.add(t.name()));
    for (ChatMessage m : messages == null ? List.<ChatMessage>of() : messages) {
      m.toolCalls().forEach(c -> names.add(c.name()));
      if (m.toolName() != null) {
        names.add(m.toolName());
      }
    }
    return names;
  }
}
