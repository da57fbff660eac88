package io.tfmesh.fabric;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Everything a connector needs to reach one cluster, credentials decrypted. It lives only in
 * memory, for the duration of a call; never log it or put it in a response.
 *
 * @param credentialsVersion changes whenever any endpoint or credential changes, so cached
 * clients know when to rebuild
 */
public record ClusterAccess(long clusterId, String clusterName, Kubernetes kubernetes, TungstenFabric tungstenFabric,
		List<String> controlNodes, String kubeManagerNamespace, List<String> kubeManagerConfigMaps,
		long credentialsVersion) {

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
