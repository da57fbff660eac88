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
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.net.ssl.SSLException;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.system.retry.Retrying;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/**
 * HTTP to one config API: authentication, the one re-authentication after a 401 that vnc_api
 * does, retries with backoff after failures worth retrying, and the mapping of every failure to
 * a {@link FabricException}.
 *
 * <p>What is retried depends on what repeating the request can do:
 * <ul>
 * <li>GET, PUT and DELETE are idempotent: sending one again leaves the object as one request
 * would. They are retried after a 502, 503 or 504, after a connection that could not be opened
 * (refused, or not within the connect timeout: the request never left), and after a connection
 * lost before the answer. Not after the request timeout: a server too slow to answer in time is
 * not helped by more requests, and observations have their own time bound.</li>
 * <li>POSTs that only look something up ({@code /fqname-to-id}, {@code /id-to-fqname}) change
 * nothing and are retried like a GET ({@link #lookUp}).</li>
 * <li>A POST that creates an object ({@code POST /<type>s}) is not idempotent: a 502/503/504,
 * a lost connection or a timeout can come after the server created it, and the same POST again
 * would then be refused with 409 "already exists", reporting a creation that worked as failed.
 * {@link #create} reads back first, by fq_name, and posts again only when the object is not
 * there.</li>
 * <li>{@code /ref-update} (not used by tfmesh yet) sets (ADD, with its attr) or removes
 * (DELETE) one reference, so a repeat leaves the same state and it could be retried like a PUT.
 * Other actions ({@code /prop-collection-update} with positional changes,
 * {@code /execute-job}) are not safe to repeat and must not be retried.</li>
 * </ul>
 */
final class TfTransport {

	private static final int MAX_MESSAGE = 500;

	private final String baseUrl;

	private final String shownUrl;

	private final HttpClient http;

	private final FabricSettings settings;

	private final JsonMapper json;

	private final @Nullable KeystoneSession keystone;

	private final Retrying idempotent;

	private final Retrying creation;

	TfTransport(String apiUrl, HttpClient http, FabricSettings settings, JsonMapper json,
			@Nullable KeystoneSession keystone, Retrying.Sleeper sleeper) {
		this.baseUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
		this.shownUrl = shown(this.baseUrl);
		this.http = http;
		this.settings = settings;
		this.json = json;
		this.keystone = keystone;
		this.idempotent = new Retrying(settings.retryBackoff(), TfTransport::retriesIdempotent, sleeper);
		this.creation = new Retrying(settings.retryBackoff(), TfTransport::retriesCreation, sleeper);
	}

	JsonNode get(String path) {
		return idempotent.call("GET " + path, () -> once("GET", path, null));
	}

	JsonNode put(String path, JsonNode body) {
		return idempotent.call("PUT " + path, () -> once("PUT", path, body));
	}

	/**
	 * A DELETE that answers 404 after an earlier attempt of the same call may have reached the
	 * server has done its work: that attempt deleted the object.
	 */
	void delete(String path) {
		boolean[] mayHaveDeleted = { false };
		idempotent.call("DELETE " + path, () -> {
			try {
				return once("DELETE", path, null);
			}
			catch (FabricException ex) {
				if (mayHaveDeleted[0] && ex.kind() == Kind.NOT_FOUND) {
					return MissingNode.getInstance();
				}
				mayHaveDeleted[0] |= mayHaveReachedTheServer(ex);
				throw ex;
			}
		});
	}

	/** A POST that changes nothing on the server, such as {@code /fqname-to-id}: retried like a GET. */
	JsonNode lookUp(String path, JsonNode body) {
		return idempotent.call("POST " + path, () -> once("POST", path, body));
	}

	/**
	 * {@code POST path}, which creates one object. After a failure that may have come after the
	 * server created it, the next attempt first asks {@code existing}; what that finds is taken
	 * as created, and only when it finds nothing is the POST sent again. A 409 to such a second
	 * POST means the first one did its work after all (it was still running when read back), so
	 * it is read back once more.
	 * @param created reads the answer to the POST
	 * @param existing one attempt to find the object the POST creates; empty when there is none.
	 * It is retried with the creation, so it must send each of its requests {@link #once}.
	 */
	<T> T create(String path, JsonNode body, Function<JsonNode, T> created, Supplier<Optional<T>> existing) {
		boolean[] mayExist = { false };
		return creation.call("POST " + path, () -> {
			if (mayExist[0]) {
				Optional<T> earlier = existing.get();
				if (earlier.isPresent()) {
					return earlier.get();
				}
			}
			try {
				return created.apply(once("POST", path, body));
			}
			catch (FabricException ex) {
				if (mayExist[0] && ex.kind() == Kind.CONFLICT) {
					Optional<T> earlier = existing.get();
					if (earlier.isPresent()) {
						return earlier.get();
					}
				}
				mayExist[0] |= mayHaveReachedTheServer(ex);
				throw ex;
			}
		});
	}

	/** One attempt, with the one re-authentication after a 401; never retried. */
	JsonNode once(String method, String path, @Nullable JsonNode body) {
		String what = method + " " + path;
		String token = keystone != null ? keystone.token() : null;
		HttpResponse<String> response = exchange(method, path, body, token, what);
		if (response.statusCode() == 401 && keystone != null) {
			keystone.forget(token);
			response = exchange(method, path, body, keystone.token(), what);
		}
		return read(response, what);
	}

	/** How an attempt failed, as far as trying again is concerned. */
	enum Failure {

		/** No connection was opened: the server never saw the request. */
		NOT_SENT,
		/** 502, 503 or 504: the server, or a proxy in front of it, cannot answer now. */
		UNAVAILABLE,
		/** The connection broke after the request went out, before the answer. */
		LOST,
		/** No answer within the request timeout. */
		TIMED_OUT,
		/** Anything else: an answer that stands, a wrong address or certificate, an interrupt. */
		FINAL;

		static Failure of(Throwable failure) {
			if (!(failure instanceof FabricException ex)) {
				return FINAL;
			}
			if (ex.status() == 502 || ex.status() == 503 || ex.status() == 504) {
				return UNAVAILABLE;
			}
			if (ex.status() != 0) {
				return FINAL;
			}
			Throwable cause = ex.getCause();
			if (cause instanceof HttpConnectTimeoutException) {
				return NOT_SENT;
			}
			if (cause instanceof HttpTimeoutException) {
				return TIMED_OUT;
			}
			if (cause instanceof ConnectException) {
				// an unknown host does not become known by asking again
				return cause.getCause() instanceof UnresolvedAddressException ? FINAL : NOT_SENT;
			}
			if (cause instanceof SSLException) {
				return FINAL;
			}
			return cause instanceof IOException ? LOST : FINAL;
		}

	}

	/** Whether a GET, PUT, DELETE or look-up that failed so is tried again. */
	static boolean retriesIdempotent(Throwable failure) {
		Failure kind = Failure.of(failure);
		return kind == Failure.NOT_SENT || kind == Failure.UNAVAILABLE || kind == Failure.LOST;
	}

	/**
	 * Whether a creation that failed so is tried again. Also after a timeout: the read-back
	 * that comes first settles whether the slow request created the object.
	 */
	static boolean retriesCreation(Throwable failure) {
		return Failure.of(failure) != Failure.FINAL;
	}

	/** Whether the server may have carried out the request although the attempt failed. */
	static boolean mayHaveReachedTheServer(Throwable failure) {
		Failure kind = Failure.of(failure);
		return kind == Failure.UNAVAILABLE || kind == Failure.LOST || kind == Failure.TIMED_OUT;
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
