package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.core.port.in.CharacterDraft;
import io.llmstream.core.port.in.ManageCharacters;
import io.llmstream.http.jersey.json.Requests.CharacterBody;
import io.llmstream.http.jersey.json.Views.CharacterView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;

/** Characters (personas): create, list, read by role, replace and delete by id. */
@Path("v1/characters")
@Produces(MediaType.APPLICATION_JSON)
public final class CharactersResource {

    private final ManageCharacters characters;
    private final HttpSettings.FieldLimits limits;

    public CharactersResource(ManageCharacters characters, HttpSettings settings) {
        this.characters = characters;
        this.limits = settings.fieldLimits();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(byte[] body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        CharacterView created = CharacterView.of(Fields.unwrap(
                characters.create(CallerFilter.owner(request), draft(Json.read(body, CharacterBody.class)))));
        return Response.created(uri.getAbsolutePathBuilder().path(created.role()).build()).entity(created).build();
    }

    @GET
    public List<CharacterView> list(@Context ContainerRequestContext request) {
        return characters.list(CallerFilter.owner(request)).stream().map(CharacterView::of).toList();
    }

    @GET
    @Path("{role}")
    public CharacterView byRole(@PathParam("role") String role, @Context ContainerRequestContext request) {
        String owner = CallerFilter.owner(request);
        if (!Fields.isRoleName(role, limits.maxRoleLength())) {
            throw ApiException.notFound("Character with role '" + role + "' not found");
        }
        return characters.byRole(owner, role).map(CharacterView::of)
                .orElseThrow(() -> ApiException.notFound("Character with role '" + role + "' not found"));
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public CharacterView replace(@PathParam("id") String id, byte[] body, @Context ContainerRequestContext request) {
        UUID characterId = Fields.pathId(id, "Character");
        CharacterDraft draft = draft(Json.read(body, CharacterBody.class));
        return CharacterView.of(Fields.unwrap(characters.update(CallerFilter.owner(request), characterId, draft)));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        if (!characters.delete(CallerFilter.owner(request), Fields.pathId(id, "Character"))) {
            throw ApiException.notFound("Character '" + id + "' not found");
        }
        return Response.noContent().build();
    }

    private CharacterDraft draft(CharacterBody body) {
        return new CharacterDraft(Fields.role(body.role(), "role", limits.maxRoleLength()), Fields.optional(body.agent()),
                body.systemPrompt() == null ? "" : Fields.maxLength(body.systemPrompt(), "system_prompt", limits.maxSystemPromptLength()), Fields.optional(body.provider()),
                Fields.optional(body.model()), Fields.optional(body.voiceId()), Fields.optional(body.voiceModel()),
                Fields.parameters(body.customParameters(), "custom_parameters"));
    }
}
