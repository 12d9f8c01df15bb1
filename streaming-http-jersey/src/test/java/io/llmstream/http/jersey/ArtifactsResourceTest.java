package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArtifactsResourceTest {

    private static final String ARTIFACTS = "/api/v1/artifacts";
    private static final String BOUNDARY = "----llmstream-test";
    private static TestServer server;
    private static Api api;

    @BeforeAll
    static void startServer() {
        server = new TestServer(HttpSettings.defaults().withLimits(1024, 4096, 1000), b -> b);
        api = new Api(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldAddAJsonDocumentWith201AndItsChunkCount() {
        String role = role();
        api.character(role);

        HttpResponse<String> response = server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"title\":\"Glossar\","
                + "\"content\":\"KI ist Künstliche Intelligenz.\\n\\nML ist maschinelles Lernen.\",\"content_type\":\"text/markdown\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Sse.json(response.body());
        assertThat(body.get("role").asText()).isEqualTo(role);
        assertThat(body.get("title").asText()).isEqualTo("Glossar");
        assertThat(body.get("chunks").asInt()).isEqualTo(2);
        assertThat(body.get("content_type").asText()).isEqualTo("text/markdown");
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(body.get("id").asText()));
    }

    @Test
    void shouldAddAnUploadedFileTakingTitleAndTypeFromItsName() {
        String role = role();
        api.character(role);

        HttpResponse<String> response = multipart(part("role", null, null, role)
                + part("file", "notes.md", "application/octet-stream", "# KI\n\nKünstliche Intelligenz") + "--" + BOUNDARY + "--\r\n");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode body = Sse.json(response.body());
        assertThat(body.get("title").asText()).isEqualTo("notes.md");
        assertThat(body.get("content_type").asText()).isEqualTo("text/markdown");
        assertThat(body.get("chunks").asInt()).isEqualTo(2);
    }

    @Test
    void shouldListGetAndDeleteDocuments() {
        String role = role();
        api.character(role);
        String id = api.document(role, "Doc", "Text").get("id").asText();

        assertThat(Sse.json(server.get(ARTIFACTS + "?role=" + role).body()).findValuesAsText("id")).containsExactly(id);
        assertThat(Sse.json(server.get(ARTIFACTS + "/" + id).body()).get("title").asText()).isEqualTo("Doc");
        assertThat(server.send("DELETE", ARTIFACTS + "/" + id, null, null).statusCode()).isEqualTo(204);
        assertThat(server.get(ARTIFACTS + "/" + id).statusCode()).isEqualTo(404);
        assertThat(server.send("DELETE", ARTIFACTS + "/" + id, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer404ForAnUnknownRoleOrDocument() {
        assertThat(server.get(ARTIFACTS + "?role=nobody").statusCode()).isEqualTo(404);
        assertThat(server.postJson(ARTIFACTS, "{\"role\":\"nobody\",\"title\":\"t\",\"content\":\"c\"}").statusCode())
                .isEqualTo(404);
        assertThat(server.get(ARTIFACTS + "/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(server.get(ARTIFACTS + "/not-an-id").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer400NamingTheMissingOrInvalidField() {
        String role = role();
        api.character(role);

        assertThat(message(server.get(ARTIFACTS))).isEqualTo("role (query parameter) is required");
        assertThat(message(server.postJson(ARTIFACTS, "{\"title\":\"t\",\"content\":\"c\"}"))).isEqualTo("role is required");
        assertThat(message(server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"content\":\"c\"}"))).isEqualTo("title is required");
        assertThat(message(server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"title\":\"t\"}"))).isEqualTo("content is required");
        assertThat(message(server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"title\":\"t\",\"content\":\"  \"}")))
                .startsWith("content").contains("empty");
        assertThat(message(server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"title\":\"" + "t".repeat(301)
                + "\",\"content\":\"c\"}"))).startsWith("title must be at most 300");
        assertThat(message(multipart(part("role", null, null, role) + "--" + BOUNDARY + "--\r\n"))).startsWith("file is required");
        assertThat(message(multipart(part("file", "a.txt", "text/plain", "x") + "--" + BOUNDARY + "--\r\n"))).isEqualTo("role is required");
    }

    @Test
    void shouldAnswer415ForADocumentTypeTheIndexCannotRead() {
        String role = role();
        api.character(role);

        HttpResponse<String> response = server.postJson(ARTIFACTS,
                "{\"role\":\"" + role + "\",\"title\":\"t\",\"content\":\"c\",\"content_type\":\"application/zip\"}");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Sse.json(response.body()).get("message").asText()).contains("application/zip");
    }

    @Test
    void shouldAnswer400ForAMalformedMultipartBody() {
        HttpResponse<String> response = server.send("POST", ARTIFACTS, "multipart/form-data; boundary=" + BOUNDARY, "garbage");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void shouldAnswer413WhenTheUploadExceedsItsLimitButAcceptLargerBodiesThanElsewhere() {
        String role = role();
        api.character(role);

        HttpResponse<String> withinUploadLimit = server.postJson(ARTIFACTS, "{\"role\":\"" + role + "\",\"title\":\"t\","
                + "\"content\":\"" + "a".repeat(2000) + "\"}");
        HttpResponse<String> tooLarge = multipart(part("role", null, null, role)
                + part("file", "big.txt", "text/plain", "a".repeat(5000)) + "--" + BOUNDARY + "--\r\n");

        assertThat(withinUploadLimit.statusCode()).isEqualTo(201);
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(Sse.json(tooLarge.body()).get("message").asText()).isEqualTo("the request body must be at most 4096 bytes");
    }

    private static HttpResponse<String> multipart(String body) {
        return server.send("POST", ARTIFACTS, "multipart/form-data; boundary=" + BOUNDARY, body);
    }

    private static String part(String name, String fileName, String type, String content) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\""
                + (fileName == null ? "" : "; filename=\"" + fileName + "\"") + "\r\n"
                + (type == null ? "" : "Content-Type: " + type + "\r\n") + "\r\n" + content + "\r\n";
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Sse.json(response.body()).get("message").asText();
    }

    private static String role() {
        return CharactersResourceTest.role();
    }
}
