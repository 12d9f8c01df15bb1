package io.llmstream.http.jersey.resource;

import io.llmstream.http.jersey.ApiException;
import io.llmstream.http.jersey.HttpSettings;
import io.llmstream.http.jersey.json.Fields;
import io.llmstream.http.jersey.json.Json;
import io.llmstream.http.jersey.json.StorableText;
import io.llmstream.http.jersey.json.StoredColumn;
import io.llmstream.http.jersey.security.CallerFilter;
import io.llmstream.core.model.KnowledgeDocument;
import io.llmstream.core.port.in.ManageKnowledge;
import io.llmstream.core.port.in.Result;
import io.llmstream.http.jersey.json.Requests.ArtifactBody;
import io.llmstream.http.jersey.json.Views.DocumentView;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/** The knowledge base: documents added to a character (JSON text or a multipart file upload), listed, read, deleted. */
@Path("v1/artifacts")
@Produces(MediaType.APPLICATION_JSON)
public final class ArtifactsResource {

    private static final String DEFAULT_CONTENT_TYPE = "text/plain";

    private final ManageKnowledge knowledge;
    private final HttpSettings.FieldLimits limits;

    public ArtifactsResource(ManageKnowledge knowledge, HttpSettings settings) {
        this.knowledge = knowledge;
        this.limits = settings.fieldLimits();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addJson(byte[] body, @Context ContainerRequestContext request, @Context UriInfo uri) {
        ArtifactBody artifact = Json.read(body, ArtifactBody.class);
        String role = Fields.required(artifact.role(), "role");
        String title = Fields.required(artifact.title(), "title");
        if (artifact.content() == null) {
            throw ApiException.badRequest("content is required");
        }
        String contentType = Fields.optional(artifact.contentType()).orElse(DEFAULT_CONTENT_TYPE);
        return created(add(request, role, title, contentType, artifact.content().getBytes(StandardCharsets.UTF_8)), uri);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response addFile(FormDataMultiPart form, @Context ContainerRequestContext request, @Context UriInfo uri) {
        String role = Fields.required(text(form, "role"), "role");
        FormDataBodyPart file = form.getField("file");
        if (file == null) {
            throw ApiException.badRequest("file is required: send the document as the multipart field 'file'");
        }
        String fileName = file.getContentDisposition() == null ? null : file.getContentDisposition().getFileName();
        String title = Fields.optional(text(form, "title")).or(() -> Fields.optional(fileName)).orElse("untitled");
        String contentType = Fields.optional(text(form, "content_type"))
                .orElseGet(() -> contentTypeOf(file.getMediaType(), fileName));
        return created(add(request, role, title, contentType, bytes(file)), uri);
    }

    @GET
    public List<DocumentView> list(@QueryParam("role") String role, @Context ContainerRequestContext request) {
        Fields.required(role, "role (query parameter)");
        String owner = CallerFilter.owner(request);
        if (!Fields.isRoleName(role, limits.maxRoleLength())) {
            throw ApiException.notFound("Character with role '" + role + "' not found");
        }
        return knowledge.list(owner, role)
                .orElseThrow(() -> ApiException.notFound("Character with role '" + role + "' not found"))
                .stream().map(DocumentView::of).toList();
    }

    @GET
    @Path("{id}")
    public DocumentView get(@PathParam("id") String id, @Context ContainerRequestContext request) {
        return knowledge.get(CallerFilter.owner(request), Fields.pathId(id, "Artifact")).map(DocumentView::of)
                .orElseThrow(() -> ApiException.notFound("Artifact '" + id + "' not found"));
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id, @Context ContainerRequestContext request) {
        if (!knowledge.delete(CallerFilter.owner(request), Fields.pathId(id, "Artifact"))) {
            throw ApiException.notFound("Artifact '" + id + "' not found");
        }
        return Response.noContent().build();
    }

    private KnowledgeDocument add(ContainerRequestContext request, String role, String title, String contentType,
            byte[] content) {
        Fields.role(role, "role", limits.maxRoleLength());
        Fields.maxLength(StorableText.check(title, "title"), "title", limits.maxTitleLength());
        Fields.maxLength(StorableText.check(contentType, "content_type"), "content_type",
                StoredColumn.DOCUMENT_CONTENT_TYPE.maxLength());
        Result<KnowledgeDocument> result = knowledge.add(CallerFilter.owner(request), role, title, contentType, content);
        if (result instanceof Result.Invalid<KnowledgeDocument> invalid && "content_type".equals(invalid.field())) {
            throw ApiException.unsupportedType(Fields.naming(invalid.field(), invalid.message()));
        }
        return Fields.unwrap(result);
    }

    private static Response created(KnowledgeDocument document, UriInfo uri) {
        return Response.created(uri.getAbsolutePathBuilder().path(document.id().toString()).build())
                .entity(DocumentView.of(document)).build();
    }

    private static String text(FormDataMultiPart form, String name) {
        FormDataBodyPart part = form.getField(name);
        return part == null ? null : part.getValue();
    }

    private static byte[] bytes(FormDataBodyPart file) {
        try (InputStream in = file.getValueAs(InputStream.class)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the uploaded file failed", e);
        }
    }

    /** The part's own type unless it is the generic one browsers and curl send; then the file name's extension. */
    static String contentTypeOf(MediaType declared, String fileName) {
        if (declared != null && !MediaType.APPLICATION_OCTET_STREAM_TYPE.isCompatible(declared)
                && !declared.isWildcardType()) {
            return declared.getType() + "/" + declared.getSubtype();
        }
        String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".md") || name.endsWith(".markdown")) {
            return "text/markdown";
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return "text/html";
        }
        if (name.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (name.endsWith(".txt") || name.endsWith(".text")) {
            return "text/plain";
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }
}
