package io.llmstream.core.usecase;

import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamOutcome;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmstream.core.model.Citation;
import io.llmstream.core.model.Message;
import io.llmstream.core.model.MessageRole;
import io.llmstream.core.model.MessageStatus;
import io.llmstream.core.model.PromptMessage;
import io.llmstream.core.model.SearchStrategy;
import io.llmstream.core.model.SearchToolConfig;
import io.llmstream.core.model.StreamEvent;
import io.llmstream.core.model.TokenUsage;
import io.llmstream.core.port.ErrorCode;
import io.llmstream.core.port.LlmException;
import io.llmstream.testkit.RecordingEventSink;
import io.llmstream.testkit.ScriptedLlmStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamConversationMessageTest {

    private static final String KI = "Künstliche Intelligenz (KI) bezeichnet Systeme, die Aufgaben lösen.";

    private static ConversationMessageCommand ask(CoreFixture f, String message) {
        return ConversationMessageCommand.of(CoreFixture.OWNER, f.conversation.id(), message);
    }

    @Test
    void shouldRunTheSevenStepsInOrder() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("KI", " steht für", " Künstliche Intelligenz [1]."))) {
            f.addDocument(KI);
            SevenSteps steps = new SevenSteps();
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            StreamOutcome outcome;
            try (StreamingCore core = steps.wire(f)) {
                outcome = core.streamConversationMessage().execute(
                        ask(f, "Was bedeutet Künstliche Intelligenz?").withSearch(new SearchToolConfig(SearchStrategy.TWO_STAGE, 3)), sink);
                f.awaitSaves(2);
            }

            assertThat(steps.recorded()).containsExactly("1 load the conversation", "2 persist the question",
                    "3 retrieve passages", "4 open the LLM with the prompt", "5 send a chunk", "5 send a chunk", "5 send a chunk",
                    "6 persist the answer", "7 send done");
            // 2: the user message as sent
            List<Message> saved = f.store.saveLog();
            assertThat(saved.get(0).role()).isEqualTo(MessageRole.USER);
            assertThat(saved.get(0).content()).isEqualTo("Was bedeutet Künstliche Intelligenz?");
            // 3: retrieval with the command's strategy and top_k
            assertThat(f.knowledge.queries()).singleElement()
                    .satisfies(q -> assertThat(q.config()).isEqualTo(new SearchToolConfig(SearchStrategy.TWO_STAGE, 3)));
            // 4: prompt = system prompt + numbered passages, then the new message
            List<PromptMessage> prompt = f.llm.lastCompletion().request().messages();
            assertThat(prompt.get(0).role()).isEqualTo(MessageRole.SYSTEM);
            assertThat(prompt.get(0).content()).startsWith("Du bist ein hilfreicher Assistent.").contains("[1] " + KI);
            assertThat(prompt.get(prompt.size() - 1)).isEqualTo(new PromptMessage(MessageRole.USER, "Was bedeutet Künstliche Intelligenz?"));
            // 6: the answer persisted complete, with citations, provider, model and usage
            Message answer = saved.get(1);
            assertThat(answer.role()).isEqualTo(MessageRole.ASSISTANT);
            assertThat(answer.status()).isEqualTo(MessageStatus.COMPLETE);
            assertThat(answer.content()).isEqualTo("KI steht für Künstliche Intelligenz [1].");
            assertThat(answer.citations()).extracting(Citation::content).containsExactly(KI);
            assertThat(answer.usage()).contains(new TokenUsage(12, 7));
            assertThat(answer.provider()).contains("scripted");
            // 5 and 7: the chunks as text arrived, then done with the full text and the citations
            List<StreamEvent> events = sink.events();
            assertThat(events.subList(0, 3)).allSatisfy(e -> assertThat(e).isInstanceOf(StreamEvent.Chunk.class));
            StreamEvent.Done done = (StreamEvent.Done) events.get(events.size() - 1);
            assertThat(done.content()).isEqualTo(sink.chunkText()).isEqualTo(answer.content());
            assertThat(done.citations()).isEqualTo(answer.citations());
            assertThat(done.messageId()).isEqualTo(answer.id());
            assertThat(done.usage()).contains(new TokenUsage(12, 7));
            assertThat(outcome).isEqualTo(new StreamOutcome.Answered(answer));
        }
    }

    private static final String ML = "Maschinelles Lernen ist ein Teilgebiet der Künstlichen Intelligenz.";
    private static final String BOTH = "Was bedeutet Künstliche Intelligenz, was Maschinelles Lernen?";

    @Test
    void shouldCiteOnlyThePassagesTheAnswerMarksButReportAllRetrieved() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Es sind Systeme, die Aufgaben lösen [2]."))) {
            f.addDocument(KI);
            f.addDocument(ML);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(
                    ask(f, BOTH).withSearch(new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 3)), sink);

            StreamEvent.Done done = (StreamEvent.Done) sink.events().getLast();
            assertThat(done.retrieved()).extracting(Citation::content).containsExactly(ML, KI);
            assertThat(done.retrieved()).extracting(Citation::firstStageRank).containsExactly(1, 2);
            assertThat(done.retrieved()).extracting(Citation::title).containsOnly("KI");
            assertThat(done.citations()).extracting(Citation::content).containsExactly(KI);
            f.awaitSaves(2);
            assertThat(f.store.saveLog().get(1).citations()).isEqualTo(done.citations());
        }
    }

    @Test
    void shouldCiteNothingWhenTheAnswerUsesNoPassageButStillReportAllRetrieved() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Das weiß ich nicht."))) {
            f.addDocument(KI);
            f.addDocument(ML);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(
                    ask(f, BOTH).withSearch(new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 3)), sink);

            StreamEvent.Done done = (StreamEvent.Done) sink.events().getLast();
            assertThat(done.citations()).isEmpty();
            assertThat(done.retrieved()).hasSize(2);
            f.awaitSaves(2);
            assertThat(f.store.saveLog().get(1).citations()).isEmpty();
        }
    }

    @Test
    void shouldCiteWhatAStoppedAnswerUsedSoFarAndReportAllRetrieved() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Siehe [2].").thenStalls())) {
            f.addDocument(KI);
            f.addDocument(ML);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            CompletableFuture<StreamOutcome> running = CompletableFuture.supplyAsync(() -> f.core.streamConversationMessage()
                    .execute(ask(f, BOTH).withSearch(new SearchToolConfig(SearchStrategy.SINGLE_STAGE, 3)), sink));
            awaitEvents(sink, 1);
            UUID streamId = f.core.controlStream().running(CoreFixture.OWNER, f.conversation.ref()).orElseThrow()
                    .stream().streamId();

            f.core.controlStream().stop(CoreFixture.OWNER, streamId);

            StreamOutcome outcome = running.get(5, TimeUnit.SECONDS);
            StreamEvent.Done done = (StreamEvent.Done) sink.events().getLast();
            assertThat(done.status()).isEqualTo(io.llmstream.core.model.StreamStatus.STOPPED);
            assertThat(done.citations()).extracting(Citation::content).containsExactly(KI);
            assertThat(done.retrieved()).hasSize(2);
            assertThat(((StreamOutcome.Answered) outcome).answer().citations()).isEqualTo(done.citations());
        }
    }

    @Test
    void shouldNotRetrieveWithoutASearchToolConfig() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Hallo"))) {
            f.addDocument(KI);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Was ist KI?"), sink);

            assertThat(f.knowledge.queries()).isEmpty();
            assertThat(((StreamEvent.Done) sink.events().get(sink.events().size() - 1)).citations()).isEmpty();
        }
    }

    @Test
    void shouldAnswerNotFoundBeforeAnyEventForAnUnknownThread() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("never"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(
                    ConversationMessageCommand.of(CoreFixture.OWNER, UUID.randomUUID(), "Hallo?"), sink);

            assertThat(outcome).isInstanceOf(StreamOutcome.NotFound.class);
            assertThat(sink.events()).isEmpty();
            assertThat(f.llm.completions()).isEmpty();
            assertThat(f.core.close(Duration.ofSeconds(5))).as("the writer drained").isTrue(); // whatever it was handed is saved now
            assertThat(f.store.saveLog()).isEmpty();
        }
    }

    @Test
    void shouldTreatAnotherOwnersThreadAsNotFound() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("never"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(
                    ConversationMessageCommand.of("mallory", f.conversation.id(), "Hallo?"), sink);

            assertThat(outcome).isInstanceOf(StreamOutcome.NotFound.class);
            assertThat(sink.events()).isEmpty();
        }
    }

    @Test
    void shouldRejectAnUnknownProviderBeforeAnyEvent() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("never"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(new ConversationMessageCommand(
                    CoreFixture.OWNER, f.conversation.id(), "Hallo?", Optional.empty(), Optional.of("nope"), Optional.empty()), sink);

            assertThat(outcome).isInstanceOfSatisfying(StreamOutcome.Rejected.class,
                    r -> assertThat(r.message()).contains("nope").contains("scripted"));
            assertThat(sink.events()).isEmpty();
        }
    }

    @Test
    void shouldReportUnavailableWhenTheConversationCannotBeLoaded() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("never"))) {
            f.store.down(true);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Hallo?"), sink);

            assertThat(outcome).isInstanceOf(StreamOutcome.Unavailable.class);
            assertThat(sink.events()).isEmpty();
        }
    }

    @Test
    void shouldPersistThePartialAnswerAsFailedAndSendOneErrorWhenTheUpstreamFailsMidStream() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("KI", " steht")
                .thenFails(LlmException.Code.UPSTREAM_ERROR, "overloaded_error: Overloaded"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Was ist KI?"), sink);

            List<StreamEvent> events = sink.events();
            assertThat(events).hasSize(3);
            StreamEvent.Error error = (StreamEvent.Error) events.get(2);
            assertThat(error.code()).isEqualTo("llm_upstream_error");
            assertThat(error.message()).contains("Overloaded");
            f.awaitSaves(2);
            Message answer = f.store.saveLog().get(1);
            assertThat(answer.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(answer.content()).isEqualTo("KI steht").isEqualTo(sink.chunkText());
            assertThat(answer.errorCode()).contains("llm_upstream_error");
            assertThat(outcome).isEqualTo(new StreamOutcome.Answered(answer));
            assertThat(f.observer.upstreamErrors).hasValue(1);
        }
    }

    @Test
    void shouldSendAnErrorAndPersistAnEmptyFailedAnswerWhenTheUpstreamCannotBeReached() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatFailsToOpen(LlmException.Code.CONNECT_FAILED,
                "connection refused: 127.0.0.1:9"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Was ist KI?"), sink);

            assertThat(sink.events()).singleElement().isInstanceOfSatisfying(StreamEvent.Error.class,
                    e -> assertThat(e.code()).isEqualTo("llm_connect_failed"));
            f.awaitSaves(2);
            assertThat(f.store.saveLog().get(1).status()).isEqualTo(MessageStatus.FAILED);
            assertThat(f.store.saveLog().get(1).content()).isEmpty();
        }
    }

    @Test
    void shouldCloseTheUpstreamAndPersistInterruptedWithoutFurtherEventsWhenTheClientLeaves() throws Exception {
        // the upstream is slower than the client: generation runs apart from the client, so only a stream still
        // generating when its last client leaves is cut short
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("a", "b", "c").thenStalls())) {
            RecordingEventSink sink = RecordingEventSink.leavingAfter(2);

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink);

            assertThat(sink.events()).hasSize(2);
            assertThat(sink.sendsAfterLeaving()).isEqualTo(1); // the send that found the client gone, nothing after
            assertThat(f.llm.lastCompletion().isClosed()).isTrue();
            assertThat(outcome).isInstanceOfSatisfying(StreamOutcome.Answered.class, a -> {
                assertThat(a.answer().status()).isEqualTo(MessageStatus.INTERRUPTED);
                assertThat(a.answer().content()).isEqualTo("abc");
            });
            f.awaitSaves(2);
            assertThat(f.store.saveLog().get(1).status()).isEqualTo(MessageStatus.INTERRUPTED);
        }
    }

    @Test
    void shouldCloseTheUpstreamAtOnceWhenTheClientLeavesWhileTheUpstreamIsSilent() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Hallo").thenStalls())) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            CompletableFuture<StreamOutcome> running = CompletableFuture.supplyAsync(
                    () -> f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink));
            awaitEvents(sink, 1);

            sink.leave();

            StreamOutcome outcome = running.get(5, TimeUnit.SECONDS);
            assertThat(f.llm.lastCompletion().isClosed()).isTrue();
            assertThat(((StreamOutcome.Answered) outcome).answer().status()).isEqualTo(MessageStatus.INTERRUPTED);
            assertThat(sink.events()).hasSize(1);
        }
    }

    @Test
    void shouldEndTheAnswerAsInterruptedWhenItsOnlyClientLeftDuringRetrieval() throws Exception {
        // the answer is generated apart from its client: the core learns of the leave when the client's
        // subscription is registered, which may be before or just after the upstream was opened
        ScriptedLlmStream llm = ScriptedLlmStream.thatStreams("never").thenStalls();
        io.llmstream.testkit.InMemoryStore store = new io.llmstream.testkit.InMemoryStore();
        RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
        io.llmstream.testkit.InMemoryKnowledgeBase index = new io.llmstream.testkit.InMemoryKnowledgeBase();
        try (StreamingCore core = StreamingCore.builder().llm(llm).dialogues(store).messageStore(store)
                .retriever(query -> {
                    sink.leave(); // the client hangs up while the knowledge base is searched
                    return List.of();
                })
                .characters(store).knowledgeDocuments(store.documents()).knowledgeBase(index)
                .settings(StreamingSettings.defaults().withDetachGrace(java.time.Duration.ZERO)).build()) {
            io.llmstream.core.model.Character character = new io.llmstream.core.model.Character(UUID.randomUUID(), "alice",
                    "assistant", Optional.empty(), "", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    java.util.Map.of(), java.time.Instant.now());
            store.create(character);
            io.llmstream.core.model.Conversation thread = new io.llmstream.core.model.Conversation(UUID.randomUUID(), "alice",
                    character, java.time.Instant.now());
            store.createConversation(thread);

            StreamOutcome outcome = core.streamConversationMessage().execute(
                    ConversationMessageCommand.of("alice", thread.id(), "Hallo").withSearch(SearchToolConfig.defaults()), sink);

            assertThat(llm.completions()).allSatisfy(completion -> assertThat(completion.isClosed()).isTrue());
            assertThat(sink.events()).isEmpty();
            assertThat(((StreamOutcome.Answered) outcome).answer().status()).isEqualTo(MessageStatus.INTERRUPTED);
        }
    }

    @Test
    void shouldKeepStreamingWhenTheStoreFailsToWrite() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("KI", " ist", " toll"))) {
            f.store.failNextSaves(100);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Was ist KI?"), sink);

            assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOfSatisfying(StreamEvent.Done.class,
                    d -> assertThat(d.content()).isEqualTo("KI ist toll"));
            f.core.close(Duration.ofSeconds(5));
            assertThat(f.core.writer().dropped()).isEqualTo(2);
            assertThat(f.observer.writeFailures.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void shouldAnswerWithoutContextWhenRetrievalFails() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Ohne Kontext."))) {
            f.addDocument(KI);
            f.knowledge.failing(true);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Was ist KI?").withSearch(SearchToolConfig.defaults()), sink);

            assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOfSatisfying(StreamEvent.Done.class,
                    d -> assertThat(d.citations()).isEmpty());
            assertThat(f.observer.retrievalFailures).hasValue(1);
            assertThat(f.llm.lastCompletion().request().messages().get(0).content()).doesNotContain("[1]");
        }
    }

    @Test
    void shouldNeverLetASlowStoreDelayTheEvents() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("schnell", " trotz", " langsamer DB"))) {
            f.store.slowSaves(Duration.ofSeconds(2));
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink);

            // the whole stream, done included, went out while the first write was still in progress
            assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOf(StreamEvent.Done.class);
            assertThat(f.store.saveLog()).isEmpty();
            f.awaitSaves(2);
        }
    }

    @Test
    void shouldNumberEventsStrictlyIncreasingFromOne() {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("a", "b", "c", "d"))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink);

            assertThat(sink.events()).extracting(StreamEvent::id).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(sink.events()).allSatisfy(e -> assertThat(e.dialogue()).isEqualTo(f.conversation.ref()));
        }
    }

    @Test
    void shouldPutEarlierMessagesOfTheThreadIntoThePrompt() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Antwort"))) {
            f.core.streamConversationMessage().execute(ask(f, "Erste Frage"), RecordingEventSink.stayingToTheEnd());
            f.awaitSaves(2);

            f.core.streamConversationMessage().execute(ask(f, "Zweite Frage"), RecordingEventSink.stayingToTheEnd());

            assertThat(f.llm.lastCompletion().request().messages()).containsSubsequence(
                    new PromptMessage(MessageRole.USER, "Erste Frage"),
                    new PromptMessage(MessageRole.ASSISTANT, "Antwort"),
                    new PromptMessage(MessageRole.USER, "Zweite Frage"));
        }
    }

    @Test
    void shouldAnswerWithoutHistoryWhenTheHistoryCannotBeRead() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Antwort"))) {
            f.core.streamConversationMessage().execute(ask(f, "Erste Frage"), RecordingEventSink.stayingToTheEnd());
            f.awaitSaves(2);
            f.store.unreadableHistory(true);
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Zweite Frage"), sink);

            assertThat(outcome).isInstanceOf(StreamOutcome.Answered.class);
            assertThat(f.llm.lastCompletion().request().messages()).extracting(PromptMessage::content)
                    .doesNotContain("Erste Frage").contains("Zweite Frage");
            assertThat(f.observer.writeFailures.get()).isEqualTo(1);
        }
    }

    @Test
    void shouldEndRunningStreamsWithAShutdownErrorAndPersistThemInterrupted() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("Teil").thenStalls())) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();
            CompletableFuture<StreamOutcome> running = CompletableFuture.supplyAsync(
                    () -> f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink));
            awaitEvents(sink, 1);
            assertThat(f.core.activeStreams().count()).isEqualTo(1);

            f.core.activeStreams().stopAll(ErrorCode.Stream.SHUTDOWN, "the server is shutting down");

            StreamOutcome outcome = running.get(5, TimeUnit.SECONDS);
            assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                    e -> assertThat(e.code()).isEqualTo("shutdown"));
            assertThat(((StreamOutcome.Answered) outcome).answer().status()).isEqualTo(MessageStatus.INTERRUPTED);
            assertThat(((StreamOutcome.Answered) outcome).answer().content()).isEqualTo("Teil");
            assertThat(f.core.activeStreams().awaitIdle(Duration.ofSeconds(1))).isTrue();
        }
    }

    @Test
    void shouldEndAStreamWhoseAnswerGrowsPastTheLimitWithAnErrorNamingIt() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("12345", "67890", "abcde"),
                StreamingSettings.defaults().withLimits(Duration.ZERO, 8))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Zähle"), sink);

            StreamEvent last = sink.events().get(sink.events().size() - 1);
            assertThat(last).isInstanceOfSatisfying(StreamEvent.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.Stream.LIMIT_ANSWER_LENGTH.wireCode()));
            assertThat(sink.chunkText()).isEqualTo("1234567890");
            assertThat(((StreamOutcome.Answered) outcome).answer().content()).isEqualTo("1234567890");
            assertThat(f.llm.lastCompletion().isClosed()).isTrue();
        }
    }

    @Test
    void shouldEndAStreamRunningPastItsMaximumDurationWithAnErrorNamingIt() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("langsam").thenStalls(),
                StreamingSettings.defaults().withLimits(Duration.ofMillis(200), 0))) {
            RecordingEventSink sink = RecordingEventSink.stayingToTheEnd();

            StreamOutcome outcome = f.core.streamConversationMessage().execute(ask(f, "Hallo"), sink);

            assertThat(sink.events().get(sink.events().size() - 1)).isInstanceOfSatisfying(StreamEvent.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.Stream.LIMIT_DURATION.wireCode()));
            assertThat(((StreamOutcome.Answered) outcome).answer().status()).isEqualTo(MessageStatus.INTERRUPTED);
        }
    }

    @Test
    void shouldAnswerAsOneResultWithTheSameSteps() throws Exception {
        try (CoreFixture f = new CoreFixture(ScriptedLlmStream.thatStreams("KI", " ist", " [1]."))) {
            f.addDocument(KI);

            StreamOutcome outcome = f.core.answerConversationMessage().execute(
                    ask(f, "Was ist Künstliche Intelligenz?").withSearch(SearchToolConfig.defaults()));

            assertThat(outcome).isInstanceOfSatisfying(StreamOutcome.Answered.class, a -> {
                assertThat(a.answer().content()).isEqualTo("KI ist [1].");
                assertThat(a.answer().status()).isEqualTo(MessageStatus.COMPLETE);
                assertThat(a.answer().citations()).hasSize(1);
            });
            f.awaitSaves(2);
        }
    }

    static void awaitEvents(RecordingEventSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sink.events().size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + count + " events, got " + sink.events());
            }
            Thread.sleep(2);
        }
    }
}
