package dev.steward.workflows.agent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
/**
 * A person's answer to a pending tool call.
 *
 * @param callId the call's id, as shown in the snapshot's pending approvals
 * @param approved true to run the tool, false to refuse it
 * @param reason why, shown to the model when refused; may be null
 * @param decidedBy who decided, for the record; may be null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Decision(String callId, boolean approved, String reason, String decidedBy) {}
