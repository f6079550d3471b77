package dev.steward.gateway;

import java.util.List;

/**
 * A request field is missing or wrong; becomes INVALID_ARGUMENT with a {@code google.rpc.BadRequest}
 * naming each field and why.
 */
final class BadRequestException extends RuntimeException {

  /** One wrong field: its path in the request (e.g. {@code message.text}) and what is wrong with it. */
  record Violation(String field, String reason) {}

  private final List<Violation> violations;

  BadRequestException(String field, String reason) {
    this(List.of(new Violation(field, reason)));
  }

  BadRequestException(List<Violation> violations) {
    super(violations.get(0).field() + ": " + violations.get(0).reason(), null, false, false);
    this.violations = List.copyOf(violations);
  }

  List<Violation> violations() {
    return violations;
  }
}
