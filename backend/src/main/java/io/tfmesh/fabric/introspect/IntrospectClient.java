package io.tfmesh.fabric.introspect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;

/**
 * Reads a TF process's NodeStatus from its Sandesh introspect port, the way contrail-status
 * does. Introspect has no authentication; one client serves every node of every cluster.
 */
public final class IntrospectClient {

	private static final String SOURCE = "introspect";

	private final FabricSettings settings;

	private final HttpClient http;

	public IntrospectClient(FabricSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/**
	 * {@code GET http://<host>:<port>/Snh_SandeshUVECacheReq?x=NodeStatus}.
	 * @param host a name, an IPv4 or an IPv6 address
	 * @return the first NodeStatus with process status; one with no processes (and an empty
	 * name) when the answer held none
	 * @throws FabricException UNREACHABLE when no connection could be made, TIMEOUT when it did
	 * not answer in time, NOT_FOUND or SERVER_ERROR by HTTP status, INVALID_RESPONSE when the
	 * answer is not NodeStatus XML
	 */
	public NodeStatus nodeStatus(String host, int port) {
		URI uri = URI.create("http://" + hostPart(host) + ":" + port + "/Snh_SandeshUVECacheReq?x=NodeStatus");
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET().build();
		HttpResponse<String> response;
		try {
			response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		}
		catch (HttpTimeoutException ex) {
			throw new FabricException(SOURCE, Kind.TIMEOUT, 0, uri + " did not answer in time", ex);
		}
		catch (IOException ex) {
			throw new FabricException(SOURCE, Kind.UNREACHABLE, 0, uri + " is unreachable: " + describe(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FabricException(SOURCE, Kind.UNREACHABLE, 0, "interrupted while reading " + uri, ex);
		}
		int status = response.statusCode();
		if (status != 200) {
			throw new FabricException(SOURCE, kindOf(status), status, uri + " answered HTTP " + status);
		}
		return NodeStatusParser.parse(response.body()).orElseGet(() -> new NodeStatus("", List.of()));
	}

	private static Kind kindOf(int status) {
		return switch (status) {
			case 400 -> Kind.BAD_REQUEST;
			case 401 -> Kind.UNAUTHORIZED;
			case 403 -> Kind.FORBIDDEN;
			case 404 -> Kind.NOT_FOUND;
			default -> status >= 500 ? Kind.SERVER_ERROR : Kind.INVALID_RESPONSE;
		};
	}

	private static String hostPart(String host) {
		return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
	}

	private static String describe(IOException ex) {
		// the JDK's ConnectException often carries no message
		return ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
	}

}
