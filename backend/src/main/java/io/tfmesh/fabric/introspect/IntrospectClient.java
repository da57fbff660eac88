package io.tfmesh.fabric.introspect;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.tfmesh.fabric.ClusterAccess.Introspect;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.TlsMaterial;

/**
 * Reads a TF process's UVEs from its Sandesh introspect port, the way contrail-status does:
 * plain HTTP, or HTTPS with the cluster's certificates, falling back to the other scheme when
 * no connection can be made (its {@code IntrospectUtil._load}). Plain introspect has no
 * authentication; one client serves every node of every cluster.
 */
public final class IntrospectClient {

	private static final String SOURCE = "introspect";

	// a handful of clusters at most; each entry is replaced when a cluster's certificates change
	private static final int MAX_TLS_CLIENTS = 64;

	private final FabricSettings settings;

	private final HttpClient http;

	private final Map<Introspect, HttpClient> https = new ConcurrentHashMap<>();

	public IntrospectClient(FabricSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	/** {@link #nodeStatus(String, int, Introspect)} over plain HTTP first. */
	public NodeStatus nodeStatus(String host, int port) {
		return nodeStatus(host, port, Introspect.PLAIN);
	}

	/**
	 * {@code GET <scheme>://<host>:<port>/Snh_SandeshUVECacheReq?x=NodeStatus}.
	 * @param host a name, an IPv4 or an IPv6 address
	 * @return the first NodeStatus with process status; one with no processes (and an empty
	 * name) when the answer held none
	 * @throws FabricException UNREACHABLE when no connection could be made in either scheme
	 * (refused, or the TLS handshake failed), TIMEOUT when it did not answer in time, NOT_FOUND
	 * or SERVER_ERROR by HTTP status, INVALID_RESPONSE when the answer is not NodeStatus XML
	 */
	public NodeStatus nodeStatus(String host, int port, Introspect tls) {
		return NodeStatusParser.parse(uve(host, port, "NodeStatus", tls))
			.orElseGet(() -> new NodeStatus("", List.of()));
	}

	/**
	 * The config API's workers, from its {@code ConfigApiWorker} UVE: contrail-status's
	 * {@code config_api} reads each worker's NodeStatus at the introspect port listed there.
	 * @throws FabricException as {@link #nodeStatus(String, int, Introspect)}
	 */
	public List<ConfigApiWorker> configApiWorkers(String host, int port, Introspect tls) {
		return ConfigApiWorker.parse(uve(host, port, "ConfigApiWorker", tls));
	}

	/**
	 * The control node's neighbors: {@code GET <scheme>://<host>:<port>/Snh_BgpNeighborReq?search_string=},
	 * its first page, which holds every BGP peer.
	 * @throws FabricException as {@link #nodeStatus(String, int, Introspect)}
	 */
	public List<BgpNeighbor> bgpNeighbors(String host, int port, Introspect tls) {
		return BgpNeighborParser.parse(request(host, port, "/Snh_BgpNeighborReq?search_string=", tls));
	}

	private String uve(String host, int port, String type, Introspect tls) {
		return request(host, port, "/Snh_SandeshUVECacheReq?x=" + type, tls);
	}

	private String request(String host, int port, String path, Introspect tls) {
		boolean secure = tls.tls();
		try {
			return get(host, port, path, secure, tls);
		}
		catch (FabricException first) {
			if (first.kind() != Kind.UNREACHABLE) {
				throw first;
			}
			try {
				return get(host, port, path, !secure, tls);
			}
			catch (FabricException second) {
				if (second.kind() != Kind.UNREACHABLE) {
					throw second;
				}
				throw new FabricException(SOURCE, Kind.UNREACHABLE, 0,
						first.getMessage() + "; " + second.getMessage(), first);
			}
		}
	}

	private String get(String host, int port, String path, boolean secure, Introspect tls) {
		URI uri = URI.create((secure ? "https" : "http") + "://" + hostPart(host) + ":" + port + path);
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.requestTimeout()).GET().build();
		HttpResponse<String> response;
		try {
			response = client(secure, tls).send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
		return response.body();
	}

	private HttpClient client(boolean secure, Introspect tls) {
		if (!secure) {
			return http;
		}
		HttpClient client = https.get(tls);
		if (client != null) {
			return client;
		}
		if (https.size() >= MAX_TLS_CLIENTS) {
			https.clear();
		}
		return https.computeIfAbsent(tls, key -> HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.sslContext(TlsMaterial.clientContext(key.caCertificate(), key.clientCertificate(), key.clientKey()))
			.build());
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
		String message = ex.getMessage() != null ? ex.getMessage() : ex.getClass().getSimpleName();
		// a plain request to a TLS port quotes the server's binary alert as a status line; its NUL
		// bytes cannot be stored in JSON text
		String printable = message.replaceAll("\\p{Cntrl}", "?");
		return printable.length() > 300 ? printable.substring(0, 300) + "…" : printable;
	}

}
