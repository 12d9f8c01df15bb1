package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.core.port.in.ChatMessageCommand;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamChatMessage;
import io.llmstream.http.jersey.json.Requests.ChatMessageBody;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/** Streams the answer to a chat message as SSE: {@code POST /sse/{chatId}/stream}. */
@Path("sse")
public final class ChatStreamResource {

    private final StreamChatMessage streaming;
    private final FollowStream follow;
    private final HttpSettings settings;
    private final SseStreams streams;

    public ChatStreamResource(StreamChatMessage streaming, FollowStream follow, HttpSettings settings, SseStreams streams) {
        this.streaming = streaming;
        this.follow = follow;
        this.settings = settings;
        this.streams = streams;
    }

    @POST
    @Path("{chatId}/stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({SseStreams.EVENT_STREAM, MediaType.APPLICATION_JSON})
    public void stream(@PathParam("chatId") String chatId, byte[] body, @Context ContainerRequestContext request,
            @Suspended AsyncResponse async) {
        ChatMessageBody message = Json.read(body, ChatMessageBody.class);
        ChatMessageCommand command = new ChatMessageCommand(CallerFilter.owner(request), Fields.pathId(chatId, "Chat"),
                Fields.message(message.message(), settings.maxMessageLength()), Fields.optional(message.provider()),
                Fields.optional(message.model()));
        streams.start(request, async, () -> streaming.start(command),
                (streamId, after, sink) -> follow.follow(command.owner(), streamId, after, sink));
    }
}
