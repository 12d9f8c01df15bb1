package io.llmstream.http.jersey;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CharactersResourceTest {

    private static final String CHARACTERS = "/api/v1/characters";
    private static TestServer server;

    @BeforeAll
    static void startServer() {
        server = TestServer.start(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void shouldCreateACharacterWith201AndEveryFieldInSnakeCase() {
        String role = role();
        HttpResponse<String> response = server.postJson(CHARACTERS, "{\"role\":\"" + role + "\",\"agent\":\"Ada\","
                + "\"system_prompt\":\"Du bist Ada.\",\"provider\":\"scripted\",\"model\":\"m1\",\"voice_id\":\"v1\","
                + "\"voice_model\":\"vm\",\"custom_parameters\":{\"temperature\":0.2,\"stream\":true,\"style\":\"kurz\"},"
                + "\"knowledge_base\":[]}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(CHARACTERS + "/" + role));
        JsonNode body = Sse.json(response.body());
        assertThat(body.get("id").asText()).hasSize(36);
        assertThat(body.get("role").asText()).isEqualTo(role);
        assertThat(body.get("agent").asText()).isEqualTo("Ada");
        assertThat(body.get("system_prompt").asText()).isEqualTo("Du bist Ada.");
        assertThat(body.get("provider").asText()).isEqualTo("scripted");
        assertThat(body.get("model").asText()).isEqualTo("m1");
        assertThat(body.get("voice_id").asText()).isEqualTo("v1");
        assertThat(body.get("voice_model").asText()).isEqualTo("vm");
        assertThat(body.get("custom_parameters").get("temperature").asText()).isEqualTo("0.2");
        assertThat(body.get("custom_parameters").get("stream").asText()).isEqualTo("true");
        assertThat(body.get("created_at").asText()).isNotBlank();
    }

    @Test
    void shouldListReadReplaceAndDeleteACharacter() {
        String role = role();
        String id = Sse.json(server.postJson(CHARACTERS, "{\"role\":\"" + role + "\",\"system_prompt\":\"a\"}").body())
                .get("id").asText();

        assertThat(Sse.json(server.get(CHARACTERS).body()).findValuesAsText("role")).contains(role);
        assertThat(Sse.json(server.get(CHARACTERS + "/" + role).body()).get("id").asText()).isEqualTo(id);

        HttpResponse<String> replaced = server.send("PUT", CHARACTERS + "/" + id, "application/json",
                "{\"role\":\"" + role + "-neu\",\"system_prompt\":\"b\"}");
        assertThat(replaced.statusCode()).isEqualTo(200);
        assertThat(Sse.json(replaced.body()).get("system_prompt").asText()).isEqualTo("b");
        assertThat(server.get(CHARACTERS + "/" + role + "-neu").statusCode()).isEqualTo(200);

        assertThat(server.send("DELETE", CHARACTERS + "/" + id, null, null).statusCode()).isEqualTo(204);
        assertThat(server.get(CHARACTERS + "/" + role + "-neu").statusCode()).isEqualTo(404);
        assertThat(server.send("DELETE", CHARACTERS + "/" + id, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void shouldAnswer404InTheBriefsShapeForAnUnknownRole() {
        HttpResponse<String> response = server.get(CHARACTERS + "/x");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body())
                .isEqualTo("{\"statusCode\":404,\"message\":\"Character with role 'x' not found\",\"error\":\"Not Found\"}");
    }

    @Test
    void shouldAnswer409WhenTheRoleIsTaken() {
        String role = role();
        server.postJson(CHARACTERS, "{\"role\":\"" + role + "\"}");

        HttpResponse<String> response = server.postJson(CHARACTERS, "{\"role\":\"" + role + "\"}");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Conflict");
    }

    @Test
    void shouldAnswer404ForReplacingAnUnknownOrMalformedId() {
        assertThat(server.send("PUT", CHARACTERS + "/" + UUID.randomUUID(), "application/json", "{\"role\":\"a\"}")
                .statusCode()).isEqualTo(404);
        assertThat(server.send("PUT", CHARACTERS + "/nope", "application/json", "{\"role\":\"a\"}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void shouldAnswer400ForMalformedJson() {
        HttpResponse<String> response = server.postJson(CHARACTERS, "{\"role\":");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Sse.json(response.body()).get("message").asText()).startsWith("malformed JSON");
    }

    @Test
    void shouldAnswer400NamingAMissingRole() {
        assertThat(message(server.postJson(CHARACTERS, "{\"system_prompt\":\"x\"}"))).isEqualTo("role is required");
        assertThat(message(server.postJson(CHARACTERS, ""))).contains("request body is required");
        assertThat(message(server.postJson(CHARACTERS, "[]"))).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void shouldAnswer400NamingAnInvalidField() {
        assertThat(message(server.postJson(CHARACTERS, "{\"role\":\"a b\"}"))).startsWith("role may contain only");
        assertThat(message(server.postJson(CHARACTERS, "{\"role\":\"" + "r".repeat(65) + "\"}"))).startsWith("role must be at most 64");
        assertThat(message(server.postJson(CHARACTERS, "{\"role\":\"a\",\"system_prompt\":42}")))
                .isEqualTo("system_prompt has the wrong type: expected a string");
        assertThat(message(server.postJson(CHARACTERS, "{\"role\":\"a\",\"custom_parameters\":{\"x\":{\"y\":1}}}")))
                .isEqualTo("custom_parameters.x must be a string, number or boolean");
        assertThat(message(server.postJson(CHARACTERS, "{\"role\":\"" + role() + "\",\"provider\":\"nope\"}")))
                .startsWith("provider: unknown provider 'nope'");
    }

    @Test
    void shouldAnswer415ForAnotherContentType() {
        HttpResponse<String> response = server.send("POST", CHARACTERS, "text/plain", "role=a");

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Unsupported Media Type");
    }

    @Test
    void shouldAnswer405WithTheAllowedMethods() {
        HttpResponse<String> response = server.send("PATCH", CHARACTERS + "/x", "application/json", "{}");

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow").orElseThrow()).contains("GET", "PUT", "DELETE");
        assertThat(Sse.json(response.body()).get("error").asText()).isEqualTo("Method Not Allowed");
    }

    private static String message(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        return Sse.json(response.body()).get("message").asText();
    }

    static String role() {
        return "r" + UUID.randomUUID().toString().substring(0, 8);
    }
}
