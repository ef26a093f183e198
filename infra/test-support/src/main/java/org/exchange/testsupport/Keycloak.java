package org.exchange.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Talks to the real Keycloak of a test run: real tokens for real users, and throwaway users so that
 * a test's balances start empty whatever else ran before.
 */
public final class Keycloak {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REALM = "exchange";

    private final RealComponents components;
    private final HttpClient http = HttpClient.newHttpClient();

    public Keycloak(RealComponents components) {
        this.components = components;
    }

    /** An access token for a user, the way {@code curl -d grant_type=password -d client_id=exchange-cli} gets one. */
    public String token(String username, String password) {
        JsonNode issued = post(components.keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "exchange-cli", "username", username, "password", password));
        return issued.path("access_token").asText();
    }

    /**
     * Creates an enabled user with password = user name and the given realm role; returns the user name,
     * {@code <prefix>-p<pid>-<8 hex>}: unique per call, and naming the test JVM that created it, so that
     * a later run's clean-up of leftovers ({@link #leftoversStartingWith}) spares the users of a run
     * that is still going on the same machine.
     */
    public String createUser(String prefix, String role) {
        String username = prefix + "-p" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String admin = adminToken();
        String body = """
                {"username":"%s","enabled":true,"emailVerified":true,"firstName":"Test","lastName":"User",
                 "email":"%s@example.test","credentials":[{"type":"password","value":"%s","temporary":false}]}
                """.formatted(username, username, username);
        send(HttpRequest.newBuilder(URI.create(adminUrl("/users")))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), 201);
        String userId = get(adminUrl("/users?exact=true&username=" + username), admin).get(0).path("id").asText();
        JsonNode roleRepresentation = get(adminUrl("/roles/" + role), admin);
        send(HttpRequest.newBuilder(URI.create(adminUrl("/users/" + userId + "/role-mappings/realm")))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + roleRepresentation + "]")).build(), 204);
        return username;
    }

    /** The immutable Keycloak id of a user (the {@code sub} of the user's tokens). */
    public String userId(String username) {
        return get(adminUrl("/users?exact=true&username=" + username), adminToken()).get(0).path("id").asText();
    }

    /** User names that start with {@code prefix} (at most 1,000). */
    /**
     * The users named with the prefix that no running process owns any more: those {@link #createUser}
     * made for a JVM that has exited (a finished or killed test run), and any without a creator's pid.
     * The pid is this machine's; the system tests run on the stack's machine.
     */
    public List<String> leftoversStartingWith(String prefix) {
        return usernamesStartingWith(prefix).stream().filter(name -> !createdByARunningProcess(name)).toList();
    }

    static boolean createdByARunningProcess(String username) {
        Matcher creator = CREATOR.matcher(username);
        return creator.find() && ProcessHandle.of(Long.parseLong(creator.group(1))).map(ProcessHandle::isAlive).orElse(false);
    }

    private static final Pattern CREATOR = Pattern.compile("-p(\\d{1,10})-[0-9a-f]{8}$");

    public List<String> usernamesStartingWith(String prefix) {
        JsonNode users = get(adminUrl("/users?briefRepresentation=true&max=1000&search="
                + URLEncoder.encode(prefix, StandardCharsets.UTF_8)), adminToken());
        List<String> names = new ArrayList<>();
        users.forEach(user -> {
            String name = user.path("username").asText();
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        });
        return names;
    }

    /** Deletes a user (its account's history stays in the exchange; nobody can sign in as it again). */
    public void deleteUser(String username) {
        String admin = adminToken();
        String userId = get(adminUrl("/users?exact=true&username=" + username), admin).get(0).path("id").asText();
        send(HttpRequest.newBuilder(URI.create(adminUrl("/users/" + userId)))
                .header("Authorization", "Bearer " + admin).DELETE().build(), 204);
    }

    /**
     * The whole answer of the realm's token endpoint to a form (access token, refresh token, and an
     * ID token when the form asks for {@code scope=openid}); a refusal is an exception.
     */
    public JsonNode tokenResponse(Map<String, String> form) {
        return post(components.keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token", form);
    }

    /** Creates a client of the realm from its JSON representation (a throwaway one: delete it afterwards). */
    public void createClient(String representation) {
        send(HttpRequest.newBuilder(URI.create(adminUrl("/clients")))
                .header("Authorization", "Bearer " + adminToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(representation)).build(), 201);
    }

    /** Deletes a client of the realm by its {@code clientId}; one that does not exist is left alone. */
    public void deleteClient(String clientId) {
        String admin = adminToken();
        for (JsonNode client : get(adminUrl("/clients?clientId=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)), admin)) {
            send(HttpRequest.newBuilder(URI.create(adminUrl("/clients/" + client.path("id").asText())))
                    .header("Authorization", "Bearer " + admin).DELETE().build(), 204);
        }
    }

    /** An access token of the {@code master} realm's administrator: signed by another realm's key. */
    public String masterRealmToken() {
        return adminToken();
    }

    private String adminToken() {
        return post(components.keycloakUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                        "password", components.keycloakAdminPassword())).path("access_token").asText();
    }

    private String adminUrl(String path) {
        return components.keycloakUrl() + "/admin/realms/" + REALM + path;
    }

    private JsonNode get(String url, String token) {
        return parse(send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .GET().build(), 200));
    }

    private JsonNode post(String url, Map<String, String> form) {
        String encoded = form.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return parse(send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), 200));
    }

    private String send(HttpRequest request, int expectedStatus) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expectedStatus) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException failure) {
            throw new IllegalStateException("Keycloak unreachable at " + components.keycloakUrl(), failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException failure) {
            throw new IllegalStateException("not JSON: " + body, failure);
        }
    }
}
