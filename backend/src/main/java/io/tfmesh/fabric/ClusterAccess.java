package io.tfmesh.fabric;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything a connector needs to reach one cluster, credentials decrypted. It lives only in
 * memory, for the duration of a call; never log it or put it in a response.
 *
 * @param credentialsVersion changes whenever any endpoint or credential changes, so cached
 * clients know when to rebuild
 * @param introspect how to reach the cluster's Sandesh introspect ports
 */
public record ClusterAccess(long clusterId, String clusterName, Kubernetes kubernetes, TungstenFabric tungstenFabric,
		List<String> controlNodes, String kubeManagerNamespace, List<String> kubeManagerConfigMaps,
		long credentialsVersion, Introspect introspect) {

	/** A cluster whose introspect is plain HTTP. */
	public ClusterAccess(long clusterId, String clusterName, Kubernetes kubernetes, TungstenFabric tungstenFabric,
			List<String> controlNodes, String kubeManagerNamespace, List<String> kubeManagerConfigMaps,
			long credentialsVersion) {
		this(clusterId, clusterName, kubernetes, tungstenFabric, controlNodes, kubeManagerNamespace,
				kubeManagerConfigMaps, credentialsVersion, Introspect.PLAIN);
	}

	/**
	 * The certificates for introspect served over HTTPS ({@code INTROSPECT_SSL_ENABLE}), as PEM:
	 * contrail-status's {@code --cacert}, {@code --certfile} and {@code --keyfile}. With any of
	 * them set tfmesh asks HTTPS first, else plain HTTP first; either falls back to the other
	 * scheme when no connection can be made.
	 */
	public record Introspect(@Nullable String caCertificate, @Nullable String clientCertificate,
			@Nullable String clientKey) {

		public static final Introspect PLAIN = new Introspect(null, null, null);

		public boolean tls() {
			return caCertificate != null || clientCertificate != null || clientKey != null;
		}

		@Override
		public String toString() {
			return "Introspect[" + (tls() ? "https" : "http") + "]";
		}

	}

	/**
	 * @param kubeconfig the kubeconfig file's content when authenticating with one
	 * @param token a bearer token when authenticating with one
	 * @param caCertificate PEM of the API server's CA, with a token
	 */
	public record Kubernetes(String apiUrl, @Nullable String kubeconfig, @Nullable String token,
			@Nullable String caCertificate) {

		@Override
		public String toString() {
			return "Kubernetes[" + apiUrl + "]";
		}

	}

	/** @param keystone null when the config API runs with AUTH_MODE=noauth */
	public record TungstenFabric(String apiUrl, @Nullable Keystone keystone) {

		@Override
		public String toString() {
			return "TungstenFabric[" + apiUrl + "]";
		}

	}

	/** @param project the tenant ({@code auth_tenant}) */
	public record Keystone(String url, String username, String password, String project) {

		@Override
		public String toString() {
			return "Keystone[" + url + ", " + username + "]";
		}

	}

}
