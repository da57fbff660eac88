package io.tfmesh.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for the REST API, as an automation client would use it. */
public final class Api {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final String baseUrl;

	private final JsonMapper json;

	private final Map<String, String> headers;

	public Api(String baseUrl, JsonMapper json) {
		this(baseUrl, json, Map.of());
	}

	private Api(String baseUrl, JsonMapper json, Map<String, String> headers) {
		this.baseUrl = baseUrl;
		this.json = json;
		this.headers = headers;
	}

	public Api asAdmin() {
		return basic(IntegrationTestSupport.ADMIN, IntegrationTestSupport.ADMIN_PASSWORD);
	}

	public Api basic(String username, String password) {
		return header("Authorization", "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	public Api bearer(String token) {
		return header("Authorization", "Bearer " + token);
	}

	public Api anonymous() {
		Map<String, String> without = new LinkedHashMap<>(headers);
		without.remove("Authorization");
		return new Api(baseUrl, json, without);
	}

	public Api header(String name, String value) {
		Map<String, String> with = new LinkedHashMap<>(headers);
		with.put(name, value);
		return new Api(baseUrl, json, with);
	}

	/** The Authorization header this client sends, for requests built by hand. */
	public String authorization() {
		return headers.get("Authorization");
	}

	public Response get(String path) {
		return send("GET", path, null);
	}

	public Response post(String path, Object body) {
		return send("POST", path, body);
	}

	public Response put(String path, Object body) {
		return send("PUT", path, body);
	}

	public Response delete(String path) {
		return send("DELETE", path, null);
	}

	/**
	 * @param body a JSON string sent as it is, or an object serialised to JSON; null for none
	 */
	public Response send(String method, String path, Object body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
		headers.forEach(request::header);
		if (headers.keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
			request.header("Accept", "application/json");
		}
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			String text = body instanceof String string ? string : json.writeValueAsString(body);
			request.header("Content-Type", "application/json");
			request.method(method, HttpRequest.BodyPublishers.ofString(text));
		}
		try {
			HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response.statusCode(), response.headers().map(), response.body(), json);
		}
		catch (IOException ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public record Response(int status, Map<String, java.util.List<String>> headers, String body, JsonMapper mapper) {

		public JsonNode json() {
			return mapper.readTree(body);
		}

		public String header(String name) {
			return headers.entrySet()
				.stream()
				.filter(entry -> entry.getKey().equalsIgnoreCase(name))
				.map(entry -> entry.getValue().get(0))
				.findFirst()
				.orElse(null);
		}

		@Override
		public String toString() {
			return status + " " + body;
		}

	}

}
