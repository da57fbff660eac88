package io.tfmesh.fabric.tf;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Keystone v3 token for one TF cluster: fetched with the password method, kept until it
 * expires or the config API refuses it.
 */
final class KeystoneSession {

	/** Renew this long before the stated expiry, so a request does not carry a token that lapses in flight. */
	private static final Duration EXPIRY_MARGIN = Duration.ofSeconds(30);

	private final ClusterAccess.Keystone keystone;

	private final String tokensUrl;

	private final HttpClient http;

	private final FabricSettings settings;

	private final JsonMapper json;

	private final Clock clock;

	private @Nullable String token;

	private @Nullable Instant expiresAt;

	KeystoneSession(ClusterAccess.Keystone keystone, HttpClient http, FabricSettings settings, JsonMapper json,
			Clock clock) {
		this.keystone = keystone;
		this.tokensUrl = tokensUrl(keystone.url());
		this.http = http;
		this.settings = settings;
		this.json = json;
		this.clock = clock;
	}

	synchronized String token() {
		if (token == null || (expiresAt != null && !clock.instant().isBefore(expiresAt.minus(EXPIRY_MARGIN)))) {
			authenticate();
		}
		return token;
	}

	/** Drops the token the config API refused, unless another request already replaced it. */
	synchronized void forget(@Nullable String refused) {
		if (refused != null && refused.equals(token)) {
			token = null;
			expiresAt = null;
		}
	}

	private void authenticate() {
		String server = "Keystone at " + TfTransport.shown(tokensUrl);
		String what = "POST /auth/tokens";
		HttpRequest request;
		try {
			request = HttpRequest.newBuilder(URI.create(tokensUrl))
				.timeout(settings.requestTimeout())
				.header("Content-Type", "application/json")
				.header("Accept", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(passwordAuth())))
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.UNREACHABLE, 0,
					"the Keystone address " + TfTransport.shown(keystone.url()) + " is not a valid URL");
		}
		HttpResponse<String> response = TfTransport.call(http, request, settings, server, what);
		int status = response.statusCode();
		if (status == 401) {
			throw new FabricException(TfJson.SOURCE, Kind.UNAUTHORIZED, 401, server + " refused the password of user '"
					+ keystone.username() + "' for project '" + keystone.project() + "'");
		}
		if (status < 200 || status >= 300) {
			throw TfTransport.failure(status, server, what, response.body());
		}
		String issued = response.headers().firstValue("X-Subject-Token").orElse(null);
		if (issued == null || issued.isBlank()) {
			throw new FabricException(TfJson.SOURCE, Kind.INVALID_RESPONSE, status,
					server + " answered " + status + " without an X-Subject-Token header");
		}
		token = issued;
		expiresAt = expiry(response.body());
	}

	private ObjectNode passwordAuth() {
		ObjectNode body = TfJson.object();
		ObjectNode auth = body.putObject("auth");
		ObjectNode identity = auth.putObject("identity");
		identity.putArray("methods").add("password");
		ObjectNode user = identity.putObject("password").putObject("user");
		user.put("name", keystone.username());
		user.putObject("domain").put("name", "Default");
		user.put("password", keystone.password());
		ObjectNode project = auth.putObject("scope").putObject("project");
		project.put("name", keystone.project());
		project.putObject("domain").put("name", "Default");
		return body;
	}

	/** The token's {@code expires_at}; without one the token is kept until the API refuses it. */
	private @Nullable Instant expiry(@Nullable String body) {
		if (body == null || body.isBlank()) {
			return null;
		}
		try {
			JsonNode expires = json.readTree(body).path("token").path("expires_at");
			return expires.isString() ? Instant.parse(expires.asString()) : null;
		}
		catch (JacksonException | DateTimeParseException ex) {
			return null;
		}
	}

	/** Accepts the identity endpoint with or without {@code /v3}, or the full tokens URL. */
	static String tokensUrl(String url) {
		String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		if (base.endsWith("/auth/tokens")) {
			return base;
		}
		return base.endsWith("/v3") ? base + "/auth/tokens" : base + "/v3/auth/tokens";
	}

}
