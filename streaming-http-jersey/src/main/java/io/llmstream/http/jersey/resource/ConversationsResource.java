package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.error.Outcomes;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.core.port.in.AnswerConversationMessage;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.ManageConversations;
import io.llmstream.core.port.in.StreamConversationMessage;
import io.llmstream.core.port.in.StreamOutcome;
import io.llmstream.http.jersey.json.Requests.ConversationMessageBody;
import io.llmstream.http.jersey.json.Requests.StartConversationBody;
import io.llmstream.http.jersey.json.Views.AnswerView;
import io.llmstream.http.jersey.json.Views.ConversationView;
import io.llmstream.http.jersey.json.Views.ThreadView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/** Conversation threads with a character: start, list, read, and answer a message as one JSON object or as SSE. */
@Path("v1/conversations")
@Produces(MediaType.APPLICATION_JSON)
public final class ConversationsResource {

    static final int MAX_LIST_LIMIT = 1000;

    private final ManageConversations conversations;
    private final StreamConversationMessage streaming;
    private final AnswerConversationMessage answering;
    private final FollowStream follow;
    private final ControlStream control;
    private final HttpSettings settings;
    private final SseStreams streams;

    public ConversationsResource(ManageConversations conversations, StreamConversationMessage streaming,
            AnswerConversationMessage answering, FollowStream follow, ControlStream control, HttpSettings settings,
            SseStreams streams) {
        this.conversations = conversations;
        this.streaming = streaming;
        this.answering = answering;
        this.follow = follow;
        this.control = control;
        this.settings = settings;
        this.streams = streams;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(byte[] body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        String role = Fields.role(Json.read(body, StartConversationBody.class).role(), "role",
                settings.fieldLimits().maxRoleLength());
        ConversationView started = ConversationView.of(
                Fields.unwrap(conversations.start(CallerFilter.owner(request), role)));
        return Response.created(uri.getAbsolutePathBuilder().path(started.threadId()).build()).entity(started).build();
    }

    @GET
    public List<ConversationView> list(@QueryParam("limit") @DefaultValue("100") String limit,
            @Context ContainerRequestContext request) {
        return conversations.list(CallerFilter.owner(request), limit(limit)).stream()
                .map(ConversationView::of).toList();
    }

    @GET
    @Path("{threadId}")
    public ThreadView read(@PathParam("threadId") String threadId, @Context ContainerRequestContext request) {
        String owner = CallerFilter.owner(request);
        return conversations.read(owner, Fields.pathId(threadId, "Conversation"))
                .map(view -> ThreadView.of(view.conversation(), view.messages(),
                        control.running(owner, view.conversation().ref())))
                .orElseThrow(() -> ApiException.notFound("Conversation '" + threadId + "' not found"));
    }

    @POST
    @Path("message")
    @Consumes(MediaType.APPLICATION_JSON)
    public AnswerView answer(byte[] body, @Context ContainerRequestContext request) {
        StreamOutcome outcome = answering.execute(command(body, request));
        return switch (outcome) {
            case StreamOutcome.Answered answered -> AnswerView.of(answered.answer());
            default -> throw Outcomes.refusal(outcome);
        };
    }

    @POST
    @Path("message/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({SseStreams.EVENT_STREAM, MediaType.APPLICATION_JSON})
    public void stream(byte[] body, @Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        ConversationMessageCommand command = command(body, request);
        streams.start(request, async, () -> streaming.start(command),
                (streamId, after, sink) -> follow.follow(command.owner(), streamId, after, sink));
    }

    private ConversationMessageCommand command(byte[] body, ContainerRequestContext request) {
        ConversationMessageBody message = Json.read(body, ConversationMessageBody.class);
        return new ConversationMessageCommand(CallerFilter.owner(request), Fields.uuid(message.threadId(), "thread_id"),
                Fields.message(message.message(), settings.maxMessageLength()), Fields.search(message.searchToolConfig(), settings.fieldLimits().maxTopK()),
                Fields.optional(message.provider()), Fields.optional(message.model()));
    }

    private static int limit(String value) {
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIST_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, like a number out of range
        }
        throw ApiException.badRequest("limit must be an integer within 1.." + MAX_LIST_LIMIT + ", was '" + value + "'");
    }
}
