package dev.steward.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A local Chat Completions server speaking OpenAI's streamed wire format, playing a model that reads
 * its memory: to a conversation that ends with a person's message it answers with a
 * {@code memory_read} call of block {@code human}; to one that ends with that call's result it
 * replies {@code noted: <result>}. It records every request body, so a test sees exactly the
 * context each model call was given.
 *
 * <p>A person's message with {@code flaky} fails the first attempt of its second step with a 500; one
 * with {@code hold} waits in its first step until {@link #release()}.
 */
final class FakeChatCompletions implements Closeable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD =
      "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1741569952,\"model\":\"gpt-4.1\",";

  private final MockWebServer server = new MockWebServer();
  private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
  private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);

  FakeChatCompletions() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The base URL to give as {@code model.base_url}. */
  String baseUrl() {
    return server.url("/v1").toString();
  }

  /** Every request body so far, in the order they came. */
  List<JsonNode> bodies() {
    return List.copyOf(bodies);
  }

  /** The {@code messages} of every request so far: the context each call was given. */
  List<JsonNode> contexts() {
    return bodies.stream().map(b -> b.path("messages")).toList();
  }

  /** Whether a call with {@code hold} is waiting. */
  boolean holding() {
    return held.getCount() == 0;
  }

  /** Lets the waiting {@code hold} call answer. */
  void release() {
    release.countDown();
  }

  private MockResponse answer(RecordedRequest request) {
    JsonNode body;
    try {
      body = JSON.readTree(request.getBody() == null ? "{}" : request.getBody().utf8());
    } catch (IOException e) {
      return error(400, "unreadable body");
    }
    bodies.add(body);
    JsonNode messages = body.path("messages");
    JsonNode last = messages.get(messages.size() - 1);
    String person = lastUserText(messages);
    long turn = countRole(messages, "user");
    if ("tool".equals(last.path("role").asText())) {
      if (person.contains("flaky") && failedOnce.add(person)) {
        return error(500, "The server had an error");
      }
      return reply("noted: " + last.path("content").asText());
    }
    if (person.contains("hold")) {
      held.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Call ids unique over the agent's life: one call per turn.
    return toolCall("call_" + turn, "memory_read", "{\"block\":\"human\"}");
  }

  private static String lastUserText(JsonNode messages) {
    for (int i = messages.size() - 1; i >= 0; i--) {
      if ("user".equals(messages.get(i).path("role").asText())) {
        return messages.get(i).path("content").asText();
      }
    }
    return "";
  }

  private static long countRole(JsonNode messages, String role) {
    long n = 0;
    for (JsonNode m : messages) {
      n += role.equals(m.path("role").asText()) ? 1 : 0;
    }
    return n;
  }

  private static MockResponse reply(String text) {
    return events(
        chunk("{\"role\":\"assistant\",\"content\":" + quoted(text) + "}", null),
        chunk("{}", "stop"),
        usage(),
        "[DONE]");
  }

  private static MockResponse toolCall(String id, String name, String arguments) {
    return events(
        chunk("{\"role\":\"assistant\",\"content\":null}", null),
        chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\""
            + name + "\",\"arguments\":" + quoted(arguments) + "}}]}", null),
        chunk("{}", "tool_calls"),
        usage(),
        "[DONE]");
  }

  private static MockResponse error(int code, String message) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json")
        .body("{\"error\":{\"message\":" + quoted(message) + ",\"type\":\"server_error\",\"code\":null}}").build();
  }

  private static MockResponse events(String... data) {
    StringBuilder body = new StringBuilder();
    for (String d : data) {
      body.append("data: ").append(d).append("\n\n");
    }
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "text/event-stream").body(body.toString())
        .build();
  }

  private static String chunk(String delta, String finishReason) {
    return HEAD + "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
        + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}],\"usage\":null}";
  }

  private static String usage() {
    return HEAD + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":5,\"total_tokens\":25}}";
  }

  private static String quoted(String text) {
    try {
      return JSON.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    release();
    server.close();
  }
}
