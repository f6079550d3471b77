package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A person's answer to an {@code ask_human} question.
 *
 * @param questionId the question's id, as listed in the snapshot's pending questions
 * @param text the answer
 * @param answeredBy who answered, for the record; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Answer(String questionId, String text, String answeredBy) {}
