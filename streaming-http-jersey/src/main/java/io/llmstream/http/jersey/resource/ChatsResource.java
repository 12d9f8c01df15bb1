package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.core.port.in.ControlStream;
import io.llmstream.core.port.in.ManageChats;
import io.llmstream.http.jersey.json.Requests.CreateChatBody;
import io.llmstream.http.jersey.json.Views.ChatView;
import io.llmstream.http.jersey.json.Views.ChatWithMessagesView;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** Plain chats: create (the body and each of its fields are optional) and read with messages. */
@Path("v1/chats")
@Produces(MediaType.APPLICATION_JSON)
public final class ChatsResource {

    private final ManageChats chats;
    private final ControlStream streams;
    private final HttpSettings.FieldLimits limits;

    public ChatsResource(ManageChats chats, ControlStream streams, HttpSettings settings) {
        this.chats = chats;
        this.streams = streams;
        this.limits = settings.fieldLimits();
    }

    /** No {@code @Consumes}: {@code curl -X POST} without a body or content type must work too. */
    @POST
    public Response create(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context ContainerRequestContext request, @Context UriInfo uri) {
        CreateChatBody chat = parse(body, contentType);
        Fields.maxLength(chat.title(), "title", limits.maxTitleLength());
        ChatView created = ChatView.of(Fields.unwrap(chats.create(CallerFilter.owner(request),
                Fields.optional(chat.title()), Fields.optional(chat.provider()), Fields.optional(chat.model()))));
        return Response.created(uri.getAbsolutePathBuilder().path(created.chatId()).build()).entity(created).build();
    }

    @GET
    @Path("{chatId}")
    public ChatWithMessagesView read(@PathParam("chatId") String chatId, @Context ContainerRequestContext request) {
        String owner = CallerFilter.owner(request);
        return chats.read(owner, Fields.pathId(chatId, "Chat"))
                .map(view -> ChatWithMessagesView.of(view.chat(), view.messages(), streams.running(owner, view.chat().ref())))
                .orElseThrow(() -> ApiException.notFound("Chat '" + chatId + "' not found"));
    }

    private static CreateChatBody parse(byte[] body, String contentType) {
        if (body == null || body.length == 0) {
            return new CreateChatBody(null, null, null);
        }
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw ApiException.unsupportedType("this endpoint accepts application/json, was '" + contentType + "'");
        }
        return Json.read(body, CreateChatBody.class);
    }
}
