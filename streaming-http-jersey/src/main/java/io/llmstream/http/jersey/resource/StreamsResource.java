package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.http.jersey.wire.AudioStreams;
import io.llmstream.http.jersey.wire.SseStreams;
import io.llmstream.core.model.AudioFormat;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.FollowStream;
import io.llmstream.core.port.in.StreamConversationAudio;
import io.llmstream.http.jersey.json.Views.StreamResourceView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import java.util.UUID;

/**
 * A running or recently ended answer as a resource of its own: {@code GET /v1/streams/{id}} (status),
 * {@code GET /v1/streams/{id}/events} (its events as SSE after {@code Last-Event-ID}, live to the end: resume, or a
 * second client), {@code GET /v1/streams/{id}/audio} (the same answer spoken, from an event id on), and
 * {@code POST …/stop}, {@code …/pause}, {@code …/resume}. Only the owner sees a stream; to anyone else it is 404.
 */
@Path("v1/streams")
@Produces(MediaType.APPLICATION_JSON)
public final class StreamsResource {

    static final String LAST_EVENT_ID = "Last-Event-ID";

    private final FollowStream follow;
    private final ControlStream control;
    private final StreamConversationAudio speaking;
    private final SseStreams sse;
    private final AudioStreams audio;

    public StreamsResource(FollowStream follow, ControlStream control, StreamConversationAudio speaking, SseStreams sse) {
        this.follow = follow;
        this.control = control;
        this.speaking = speaking;
        this.sse = sse;
        this.audio = new AudioStreams(sse.slots());
    }

    @GET
    @Path("{streamId}")
    public StreamResourceView read(@PathParam("streamId") String streamId, @Context ContainerRequestContext request) {
        return StreamResourceView.of(Fields.unwrap(control.find(CallerFilter.owner(request), id(streamId))));
    }

    @GET
    @Path("{streamId}/events")
    @Produces({SseStreams.EVENT_STREAM, MediaType.APPLICATION_JSON})
    public void events(@PathParam("streamId") String streamId, @HeaderParam(LAST_EVENT_ID) String lastEventId,
            @QueryParam("last_event_id") String lastEventIdParam, @Context ContainerRequestContext request,
            @Suspended AsyncResponse async) {
        UUID id;
        long after;
        try {
            id = id(streamId);
            after = Fields.offset(lastEventId, lastEventIdParam);
        } catch (ApiException refused) {
            async.resume(refused); // answered on the suspended response itself, not thrown past it
            return;
        }
        String owner = CallerFilter.owner(request);
        sse.follow(request, async, id, after, (stream, from, sink) -> follow.follow(owner, stream, from, sink));
    }

    @GET
    @Path("{streamId}/audio")
    @Produces({"audio/mpeg", "audio/wav", MediaType.APPLICATION_JSON})
    public void audio(@PathParam("streamId") String streamId, @QueryParam("format") String format,
            @HeaderParam(LAST_EVENT_ID) String lastEventId, @QueryParam("last_event_id") String lastEventIdParam,
            @Context ContainerRequestContext request, @Suspended AsyncResponse async) {
        UUID id;
        long after;
        AudioFormat audioFormat;
        try {
            id = id(streamId);
            after = Fields.offset(lastEventId, lastEventIdParam);
            audioFormat = Fields.audioFormat(format);
        } catch (ApiException refused) {
            async.resume(refused);
            return;
        }
        String owner = CallerFilter.owner(request);
        audio.follow(request, async, audioFormat, sink ->
                speaking.speak(owner, id, after, audioFormat, sink, sink));
    }

    @POST
    @Path("{streamId}/stop")
    public StreamResourceView stop(@PathParam("streamId") String streamId, @Context ContainerRequestContext request) {
        return StreamResourceView.of(Fields.unwrap(control.stop(CallerFilter.owner(request), id(streamId))));
    }

    @POST
    @Path("{streamId}/pause")
    public StreamResourceView pause(@PathParam("streamId") String streamId, @Context ContainerRequestContext request) {
        return StreamResourceView.of(Fields.unwrap(control.pause(CallerFilter.owner(request), id(streamId))));
    }

    @POST
    @Path("{streamId}/resume")
    public StreamResourceView resume(@PathParam("streamId") String streamId, @Context ContainerRequestContext request) {
        return StreamResourceView.of(Fields.unwrap(control.resume(CallerFilter.owner(request), id(streamId))));
    }

    private static UUID id(String streamId) {
        return Fields.pathId(streamId, "Stream");
    }
}
