package io.llmstream.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.PromptMessage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PromptBuilderTest {

    private final DialogueRef ref = DialogueRef.chat(UUID.randomUUID());

    private Message message(MessageRole role, String text) {
        return new Message(UUID.randomUUID(), ref, role, text, MessageStatus.COMPLETE, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Instant.now(), Optional.empty());
    }

    @Test
    void shouldNumberThePassagesInTheSystemPrompt() {
        List<PromptMessage> prompt = new PromptBuilder(10, 1000).build("Sei knapp.",
                List.of(new Citation("a", "Erste Stelle", 0.9, "d", 0), new Citation("b", "Zweite Stelle", 0.5, "d", 1)),
                List.of(), "Frage");

        assertThat(prompt.get(0).content()).startsWith("Sei knapp.").contains("[1] Erste Stelle").contains("[2] Zweite Stelle");
        assertThat(prompt).last().isEqualTo(new PromptMessage(MessageRole.USER, "Frage"));
    }

    @Test
    void shouldSendNoSystemMessageWhenThereIsNeitherPromptNorPassage() {
        assertThat(new PromptBuilder(10, 1000).build("", List.of(), List.of(), "Hallo")).singleElement()
                .isEqualTo(new PromptMessage(MessageRole.USER, "Hallo"));
    }

    @Test
    void shouldKeepTheNewestHistoryWithinTheBudgetStartingWithAUserTurn() {
        List<Message> history = List.of(message(MessageRole.USER, "u1-xxxxxxxxxx"), message(MessageRole.ASSISTANT, "a1-xxxxxxxxxx"),
                message(MessageRole.USER, "u2"), message(MessageRole.ASSISTANT, "a2"));

        List<PromptMessage> prompt = new PromptBuilder(10, 20).build("", List.of(), history, "u3");

        // a1 would still fit the character budget, but a prompt must not start with an assistant turn
        assertThat(prompt).extracting(PromptMessage::content).containsExactly("u2", "a2", "u3");
    }

    @Test
    void shouldKeepAtMostTheConfiguredNumberOfHistoryMessages() {
        List<Message> history = List.of(message(MessageRole.USER, "u1"), message(MessageRole.ASSISTANT, "a1"),
                message(MessageRole.USER, "u2"), message(MessageRole.ASSISTANT, "a2"));

        assertThat(new PromptBuilder(2, 1000).build("", List.of(), history, "u3")).extracting(PromptMessage::content)
                .containsExactly("u2", "a2", "u3");
    }
}
