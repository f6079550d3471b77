package dev.steward.activities.model;

import mockwebserver3.MockResponse;

/** Server-sent event bodies for local provider fakes. */
public final class Sse {

  private Sse() {}

  /** A 200 {@code text/event-stream} response of {@code data:} events, each a JSON string. */
  public static MockResponse data(String... events) {
    StringBuilder body = new StringBuilder();
    for (String event : events) {
      body.append("data: ").append(event.strip().replace("\n", " ")).append("\n\n");
    }
    return stream(body.toString());
  }

  /** A 200 {@code text/event-stream} response of named events: name, data, name, data... */
  public static MockResponse named(String... nameThenData) {
    StringBuilder body = new StringBuilder();
    for (int i = 0; i < nameThenData.length; i += 2) {
      body.append("event: ").append(nameThenData[i]).append("\n")
          .append("data: ").append(nameThenData[i + 1].strip().replace("\n", " ")).append("\n\n");
    }
    return stream(body.toString());
  }

  public static MockResponse stream(String body) {
    return new MockResponse.Builder()
        .code(200)
        .addHeader("Content-Type", "text/event-stream")
        .addHeader("Cache-Control", "no-cache")
        .body(body)
        .build();
  }

  /** A JSON error response with extra headers given as name, value, name, value... */
  public static MockResponse json(int code, String body, String... headers) {
    MockResponse.Builder builder = new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      builder.addHeader(headers[i], headers[i + 1]);
    }
    return builder.body(body).build();
  }
}
