package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import javax.net.ssl.SSLException;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * HTTP to one config API: authentication, the one re-authentication after a 401 that vnc_api
 * does, bounded retries after 502/503/504, and the mapping of every failure to a
 * {@link FabricException}.
 */
final class TfTransport {

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

	private static final int MAX_MESSAGE = 500;

	private final String baseUrl;

	private final String shownUrl;

	private final HttpClient http;

	private final FabricSettings settings;

	private final JsonMapper json;

	private final @Nullable KeystoneSession keystone;

	TfTransport(String apiUrl, HttpClient http, FabricSettings settings, JsonMapper json,
			@Nullable KeystoneSession keystone) {
		this.baseUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
		this.shownUrl = shown(this.baseUrl);
		this.http = http;
		this.settings = settings;
		this.json = json;
		this.keystone = keystone;
	}

	JsonNode get(String path) {
		return send("GET", path, null);
	}

	JsonNode post(String path, JsonNode body) {
		return send("POST", path, body);
	}

	JsonNode put(String path, JsonNode body) {
		return send("PUT", path, body);
	}

	void delete(String path) {
		send("DELETE", path, null);
	}

	private JsonNode send(String method, String path, @Nullable JsonNode body) {
		String what = method + " " + path;
		boolean reauthenticated = false;
		int attempt = 0;
		while (true) {
			String token = keystone != null ? keystone.token() : null;
			HttpResponse<String> response = exchange(method, path, body, token, what);
			int status = response.statusCode();
			if (status == 401 && keystone != null && !reauthenticated) {
				keystone.forget(token);
				reauthenticated = true;
				continue;
			}
			if ((status == 502 || status == 503 || status == 504) && attempt < settings.retries()) {
				backOff(attempt++, what);
				continue;
			}
			return read(response, what);
		}
	}

	private HttpResponse<String> exchange(String method, String path, @Nullable JsonNode body, @Nullable String token,
			String what) {
		HttpRequest.Builder request;
		try {
			request = HttpRequest.newBuilder(URI.create(baseUrl + path));
		}
		catch (IllegalArgumentException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.UNREACHABLE, 0,
					"the TF config API address " + shownUrl + " is not a valid URL");
		}
		request.timeout(settings.requestTimeout())
			.header("Accept", "application/json")
			.header("X-Contrail-Useragent", "tfmesh");
		if (token != null) {
			request.header("X-Auth-Token", token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json; charset=\"UTF-8\"")
				.method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return call(http, request.build(), settings, "the TF config API at " + shownUrl, what);
	}

	/** Sends one request; shared with the Keystone session so both fail alike. */
	static HttpResponse<String> call(HttpClient http, HttpRequest request, FabricSettings settings, String server,
			String what) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (HttpConnectTimeoutException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.TIMEOUT, 0,
					"could not connect to " + server + " within " + seconds(settings.connectTimeout()), ex);
		}
		catch (HttpTimeoutException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.TIMEOUT, 0,
					server + " did not answer " + what + " within " + seconds(settings.requestTimeout()), ex);
		}
		catch (ConnectException ex) {
			String reason = ex.getCause() instanceof UnresolvedAddressException ? "unknown host" : "connection refused";
			throw new FabricException(TfJson.SOURCE, Kind.UNREACHABLE, 0, "cannot reach " + server + ": " + reason,
					ex);
		}
		catch (SSLException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.UNREACHABLE, 0,
					"TLS with " + server + " failed: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.UNREACHABLE, 0,
					"lost the connection to " + server + " during " + what + ": " + ex, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FabricException(TfJson.SOURCE, Kind.TIMEOUT, 0,
					"interrupted while waiting for " + server + " to answer " + what, ex);
		}
	}

	private JsonNode read(HttpResponse<String> response, String what) {
		int status = response.statusCode();
		if (status < 200 || status >= 300) {
			throw failure(status, "the TF config API at " + shownUrl, what, response.body());
		}
		String body = response.body();
		if (body == null || body.isBlank()) {
			return MissingNode.getInstance();
		}
		try {
			return json.readTree(body);
		}
		catch (JacksonException ex) {
			throw new FabricException(TfJson.SOURCE, Kind.INVALID_RESPONSE, status,
					"the TF config API at " + shownUrl + " answered " + what + " with a body that is not JSON: "
							+ clip(body),
					ex);
		}
	}

	/** The TF API puts the reason as plain text in the body; it is kept in the message. */
	static FabricException failure(int status, String server, String what, @Nullable String body) {
		Kind kind = switch (status) {
			case 400 -> Kind.BAD_REQUEST;
			case 401 -> Kind.UNAUTHORIZED;
			case 403 -> Kind.FORBIDDEN;
			case 404 -> Kind.NOT_FOUND;
			case 409 -> Kind.CONFLICT;
			default -> status >= 500 ? Kind.SERVER_ERROR : status >= 400 ? Kind.BAD_REQUEST : Kind.INVALID_RESPONSE;
		};
		String reason = body == null || body.isBlank() ? "" : ": " + clip(body);
		return new FabricException(TfJson.SOURCE, kind, status,
				server + " answered " + what + " with " + status + reason);
	}

	private static void backOff(int attempt, String what) {
		long nanos = Math.min(FIRST_BACKOFF.toNanos() << Math.min(attempt, 10), MAX_BACKOFF.toNanos());
		LockSupport.parkNanos(nanos);
		if (Thread.interrupted()) {
			Thread.currentThread().interrupt();
			throw new FabricException(TfJson.SOURCE, Kind.TIMEOUT, 0, "interrupted while retrying " + what);
		}
	}

	private static String clip(String body) {
		String trimmed = body.strip();
		return trimmed.length() <= MAX_MESSAGE ? trimmed : trimmed.substring(0, MAX_MESSAGE) + "…";
	}

	private static String seconds(Duration duration) {
		return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

	/** The address without user info, query or fragment, fit for messages. */
	static String shown(String url) {
		try {
			URI uri = URI.create(url);
			if (uri.getHost() == null) {
				return "(an invalid URL)";
			}
			return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "")
					+ (uri.getRawPath() != null ? uri.getRawPath() : "");
		}
		catch (IllegalArgumentException ex) {
			return "(an invalid URL)";
		}
	}

}
