package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.Requests;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.wire.AudioStreams;
import io.llmstream.http.jersey.wire.SseAudioEvents;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.model.DialogueRef;
import io.llmstream.core.port.in.AudioMessageCommand;
import io.llmstream.core.port.in.ConversationMessageCommand;
import io.llmstream.core.port.in.StreamConversationAudio;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * The answer to a conversation message, spoken while it is generated:
 * {@code POST /v1/conversations/message/audio/stream {"thread_id","message","format"?}} answers a chunked
 * {@code audio/mpeg} ({@code format} {@code mp3}, the default) or {@code audio/wav} body; with
 * {@code Accept: text/event-stream} an SSE stream interleaving the text events with {@code audio} events.
 */
@Path("v1/conversations/message/audio")
public final class AudioStreamResource {

    private final StreamConversationAudio speaking;
    private final HttpSettings settings;
    private final SseStreams sse;
    private final AudioStreams audio;

    public AudioStreamResource(StreamConversationAudio speaking, HttpSettings settings, SseStreams sse) {
        this.speaking = speaking;
        this.settings = settings;
        this.sse = sse;
        this.audio = new AudioStreams(sse.slots());
    }

    /** The body: a conversation message plus the audio format. */
    record AudioMessageBody(String threadId, String message, String format, Requests.SearchToolConfigBody searchToolConfig,
            String provider, String model) {
    }

    @POST
    @Path("stream")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({"audio/mpeg", "audio/wav", SseStreams.EVENT_STREAM, MediaType.APPLICATION_JSON})
    public void stream(byte[] body, @HeaderParam(HttpHeaders.ACCEPT) String accept, @Context ContainerRequestContext request,
            @Suspended AsyncResponse async) {
        AudioMessageBody message = Json.read(body, AudioMessageBody.class);
        String owner = CallerFilter.owner(request);
        AudioMessageCommand command = new AudioMessageCommand(new ConversationMessageCommand(owner,
                Fields.uuid(message.threadId(), "thread_id"), Fields.message(message.message(), settings.maxMessageLength()),
                Fields.search(message.searchToolConfig(), settings.fieldLimits().maxTopK()), Fields.optional(message.provider()), Fields.optional(message.model())),
                Fields.audioFormat(message.format()));
        AudioFormat format = command.format();
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains(SseStreams.EVENT_STREAM)) {
            DialogueRef dialogue = DialogueRef.conversation(command.message().threadId());
            sse.start(request, async, () -> speaking.start(command), (streamId, after, sink) -> {
                SseAudioEvents both = new SseAudioEvents(sink, dialogue);
                return speaking.speak(owner, streamId, after, format, both, both);
            });
        } else {
            audio.start(request, async, format, () -> speaking.start(command),
                    (streamId, sink) -> speaking.speak(owner, streamId, 0, format, sink, sink));
        }
    }
}
