package dev.steward.workflows.agent.steps;

import dev.steward.workflows.agent.conversation.AgentMessages;
import dev.steward.workflows.agent.conversation.ConversationContext;
import dev.steward.workflows.agent.journal.Journal;
import dev.steward.workflows.memory.Memory;
import dev.steward.workflows.memory.MemoryBlock;

/**
 * The operations a tool step may perform on the agent it runs in: record what happens, wait for
 * people, edit memory, count its calls and show what it is doing. The turn loop implements it.
 */
public interface StepContext extends ConversationContext {

  Journal journal();

  Memory memory();

  Approvals approvals();

  Questions questions();

  AgentMessages messages();

  /** True when a newer message asked this turn to stop (inbox policy {@code interrupt}). */
  boolean interruptRequested();

  void countToolCall();

  /** Records a memory change for people (transcript) and watchers (events). */
  void rememberChange(MemoryBlock block, String by);

  /** Sets what the Web UI's current details say the agent does now. */
  void showDetails(String now);

  /** Publishes the status again after an approval or a question opened or closed. */
  void refreshStatus();

  /** @param untilMillis when a {@code sleep} wakes, epoch milliseconds; 0 when it woke */
  void sleeping(long untilMillis);
}
