package dev.steward.gateway.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a client sees when a request asks for something Steward cannot honour: a 400 naming the field. */
class ResponseRequestParserTest {

  static final ObjectMapper JSON = new ObjectMapper();

  static ResponseRequest parse(String json) throws Exception {
    return ResponseRequestParser.parse(JSON.readTree(json));
  }

  @Test
  void readsTextMessageItemsAndTheResponsesFields() throws Exception {
    ResponseRequest r = parse("""
        {"model": "clerk", "input": [
           {"role": "developer", "content": "Be brief."},
           {"type": "message", "role": "user", "content": [{"type": "input_text", "text": "Hello"}]}],
         "metadata": {"ticket": "T-1"}, "background": true, "tools": [{"type": "function", "name": "current_time"}],
         "user": "someone", "tool_choice": "auto"}""");

    assertThat(r.model()).isEqualTo("clerk");
    assertThat(r.text()).isEqualTo("Hello");
    assertThat(r.extraInstructions()).isEqualTo("Be brief.");
    assertThat(r.metadata()).containsEntry("ticket", "T-1");
    assertThat(r.background()).isTrue();
    assertThat(r.store()).isTrue();
    assertThat(r.tools()).containsExactly("current_time");
  }

  @Test
  void approvalsAndAnswersResumeATurn() throws Exception {
    ResponseRequest r = parse("""
        {"previous_response_id": "resp_x", "input": [
           {"type": "mcp_approval_response", "approval_request_id": "call-1", "approve": false, "reason": "no"},
           {"type": "function_call_output", "call_id": "q-1", "output": "Lisbon"}]}""");

    assertThat(r.resumesTurn()).isTrue();
    assertThat(r.approvals()).containsExactly(new ResponseRequest.Approval("call-1", false, "no"));
    assertThat(r.answers()).containsExactly(new ResponseRequest.QuestionAnswer("q-1", "Lisbon"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"model\": \"clerk\"}|input",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"temperature\": 0.2}|temperature",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"tools\": [{\"type\": \"web_search\"}]}|tools[0].type",
      "{\"model\": \"clerk\", \"input\": [{\"role\": \"assistant\", \"content\": \"hi\"}]}|input[0].role",
      "{\"model\": \"clerk\", \"input\": [{\"type\": \"input_image\"}]}|input[0].type",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"store\": false, \"background\": true}|background",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"previous_response_id\": \"a\", \"conversation\": \"b\"}|conversation",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"tool_choice\": \"required\"}|tool_choice",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"metadata\": {\"k\": 1}}|metadata.k",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"stream\": \"yes\"}|stream",
      "{\"model\": \"clerk\", \"input\": \"hi\", \"store\": false, \"conversation\": \"conv_1\"}|store",
  })
  void refusesWhatItCannotHonourNamingTheField(String body, String param) {
    assertThatThrownBy(() -> parse(body)).isInstanceOfSatisfying(OpenAiException.class, e -> {
      assertThat(e.status()).isEqualTo(400);
      assertThat(e.type()).isEqualTo("invalid_request_error");
      assertThat(e.param()).isEqualTo(param);
    });
  }

  @Test
  void responseIdsCarryTheAgentAndTheTurnAndRejectForeignOnesAs404() {
    ResponseId id = new ResponseId("agent-clerk-1a2b", "run-1", "ask-oai-x", 0);

    assertThat(ResponseId.parse(id.encode(), "previous_response_id")).isEqualTo(id);
    assertThat(ResponseId.parse(id.next().encode(), "previous_response_id").part()).isEqualTo(1);
    assertThatThrownBy(() -> ResponseId.parse("resp_!!", "response_id"))
        .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThatThrownBy(() -> ConversationId.agentId("conv_../../x"))
        .isInstanceOfSatisfying(OpenAiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
