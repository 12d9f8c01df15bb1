package io.llmstream.http.jersey.json;

import io.llmstream.core.model.DialogueKind;
import io.llmstream.core.model.StreamInfo;
import io.llmstream.core.port.in.StreamView;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.llmstream.core.model.Character;
import io.llmstream.core.model.Chat;
import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Conversation;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.TokenUsage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON response bodies of the API (snake_case) and their mapping from the core's model. */
public final class Views {

    /** Microseconds, always six digits: what both databases keep, so a value reads back exactly as first answered. */
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Views() {
    }

    static String timestamp(Instant instant) {
        return TIMESTAMP.format(instant.truncatedTo(ChronoUnit.MICROS));
    }

    public record CharacterView(String id, String role, String agent, String systemPrompt, String provider, String model,
            String voiceId, String voiceModel, Map<String, String> customParameters, String createdAt) {
        public static CharacterView of(Character c) {
            return new CharacterView(c.id().toString(), c.role(), text(c.agent()), c.systemPrompt(),
                    text(c.defaultProvider()), text(c.defaultModel()), text(c.voiceId()), text(c.voiceModel()),
                    c.customParameters(), timestamp(c.createdAt()));
        }
    }

    public record DocumentView(String id, String role, String title, String contentType, long sizeBytes, int chunks,
            String createdAt) {
        public static DocumentView of(KnowledgeDocument d) {
            return new DocumentView(d.id().toString(), d.role(), d.title(), d.contentType(), d.sizeBytes(), d.chunks(),
                    timestamp(d.createdAt()));
        }
    }

    public record ConversationView(String threadId, String role, String createdAt) {
        public static ConversationView of(Conversation c) {
            return new ConversationView(c.id().toString(), c.character().role(), timestamp(c.createdAt()));
        }
    }

    public record ThreadView(String threadId, String role, String createdAt, List<MessageView> messages,
            ActiveStreamView activeStream) {
        public static ThreadView of(Conversation c, List<Message> messages, Optional<StreamView> active) {
            return new ThreadView(c.id().toString(), c.character().role(), timestamp(c.createdAt()),
                    messages.stream().map(MessageView::of).toList(), active.map(ActiveStreamView::of).orElse(null));
        }
    }

    /** The stream running in a dialogue, so that a reloaded page can resume it; {@code null} when none runs. */
    record ActiveStreamView(String streamId, String status, long lastEventId) {
        public static ActiveStreamView of(StreamView view) {
            return new ActiveStreamView(view.stream().streamId().toString(), view.stream().status().wireName(),
                    view.stream().lastEventId());
        }
    }

    /** {@code GET /v1/streams/{id}}. */
    public record StreamResourceView(String streamId, String status, long lastEventId, String messageId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String threadId, @JsonInclude(JsonInclude.Include.NON_NULL) String chatId,
            int subscribers, String createdAt) {
        public static StreamResourceView of(StreamView view) {
            StreamInfo s = view.stream();
            boolean chat = s.dialogue().kind() == DialogueKind.CHAT;
            return new StreamResourceView(s.streamId().toString(), s.status().wireName(), s.lastEventId(),
                    s.messageId().toString(), chat ? null : s.dialogue().id().toString(), chat ? s.dialogue().id().toString() : null,
                    view.subscribers(), timestamp(s.createdAt()));
        }
    }

    public record ChatView(String chatId, String title, String provider, String model, String createdAt) {
        public static ChatView of(Chat c) {
            return new ChatView(c.id().toString(), text(c.title()), text(c.provider()), text(c.model()),
                    timestamp(c.createdAt()));
        }
    }

    public record ChatWithMessagesView(String chatId, String title, String provider, String model, String createdAt,
            List<MessageView> messages, ActiveStreamView activeStream) {
        public static ChatWithMessagesView of(Chat c, List<Message> messages, Optional<StreamView> active) {
            return new ChatWithMessagesView(c.id().toString(), text(c.title()), text(c.provider()), text(c.model()),
                    timestamp(c.createdAt()), messages.stream().map(MessageView::of).toList(),
                    active.map(ActiveStreamView::of).orElse(null));
        }
    }

    record MessageView(String id, String role, String content, String status, List<CitationView> citations,
            String provider, String model, UsageView usage, String errorCode, String createdAt) {
        public static MessageView of(Message m) {
            return new MessageView(m.id().toString(), m.role().wireName(), m.content(), m.status().wireName(),
                    CitationView.of(m.citations()), text(m.provider()), text(m.model()),
                    m.usage().map(UsageView::of).orElse(null), text(m.errorCode()), timestamp(m.createdAt()));
        }
    }

    /** The answer of {@code POST /v1/conversations/message}: the assistant's message, as far as it got. */
    public record AnswerView(String threadId, String messageId, String role, String message, List<CitationView> citations,
            String status, UsageView usage, String errorCode, String provider, String model) {
        public static AnswerView of(Message m) {
            return new AnswerView(m.dialogue().id().toString(), m.id().toString(), m.role().wireName(), m.content(),
                    CitationView.of(m.citations()), m.status().wireName(), m.usage().map(UsageView::of).orElse(null),
                    text(m.errorCode()), text(m.provider()), text(m.model()));
        }
    }

    /**
     * A citation has the same shape everywhere, the one of the {@code done} event (camelCase metadata); {@code score}
     * is the final score, {@code secondStageScore} null without a second stage.
     */
    @JsonPropertyOrder({"id", "content", "score", "firstStageScore", "firstStageRank", "secondStageScore", "metadata"})
    record CitationView(@JsonProperty("id") String id, @JsonProperty("content") String content,
            @JsonProperty("score") double score, @JsonProperty("firstStageScore") double firstStageScore,
            @JsonProperty("firstStageRank") int firstStageRank, @JsonProperty("secondStageScore") Double secondStageScore,
            @JsonProperty("metadata") CitationMetadata metadata) {
        public static CitationView of(Citation c) {
            return new CitationView(c.id(), c.content(), c.score(), c.firstStageScore(), c.firstStageRank(),
                    c.secondStageScore().orElse(null), new CitationMetadata(c.documentId(), c.chunkIndex(), c.title()));
        }

        public static List<CitationView> of(List<Citation> citations) {
            return citations.stream().map(CitationView::of).toList();
        }
    }

    @JsonPropertyOrder({"documentId", "chunkIndex", "title"})
    record CitationMetadata(@JsonProperty("documentId") String documentId, @JsonProperty("chunkIndex") int chunkIndex,
            @JsonProperty("title") String title) {
    }

    record UsageView(int promptTokens, int completionTokens, int totalTokens) {
        public static UsageView of(TokenUsage u) {
            return new UsageView(u.promptTokens(), u.completionTokens(), u.totalTokens());
        }
    }

    private static String text(Optional<String> value) {
        return value.orElse(null);
    }
}
