package io.tfmesh.inventory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tfmesh.inventory.ClusterRequest.KubeManagerLocation;
import org.jspecify.annotations.Nullable;

/** A cluster as the API returns it: secrets appear only as whether they are set. */
public record ClusterView(long id, String name, long cloudId, String cloudName, KubernetesView kubernetes,
		TfView tungstenFabric, String tfClusterName, long bgpAsn, List<String> controlNodes,
		KubeManagerLocation kubeManager, Map<String, String> labels, Instant createdAt, Instant updatedAt,
		long version, IntrospectView introspect) {

	public record KubernetesView(String apiUrl, KubernetesAuth auth, boolean kubeconfigSet, boolean tokenSet,
			@Nullable String caCertificate) {
	}

	public record TfView(String apiUrl, TfAuth auth, @Nullable KeystoneView keystone) {
	}

	public record KeystoneView(String url, String username, String project, boolean passwordSet) {
	}

	/** Whether each introspect certificate is stored; their content is never returned. */
	public record IntrospectView(boolean caCertificateSet, boolean clientCertificateSet, boolean clientKeySet) {

		public boolean tls() {
			return caCertificateSet || clientCertificateSet || clientKeySet;
		}

	}

	static ClusterView of(Cluster cluster) {
		Cluster.Secrets secrets = cluster.secrets();
		KeystoneView keystone = cluster.getTfAuth() == TfAuth.KEYSTONE
				? new KeystoneView(cluster.getKeystoneUrl(), cluster.getKeystoneUsername(), cluster.getKeystoneProject(),
						secrets.keystonePassword() != null)
				: null;
		return new ClusterView(cluster.getId(), cluster.getName(), cluster.getCloud().getId(),
				cluster.getCloud().getName(),
				new KubernetesView(cluster.getKubernetesApiUrl(), cluster.getKubernetesAuth(),
						secrets.kubeconfig() != null, secrets.token() != null, cluster.getCaCertificate()),
				new TfView(cluster.getTfApiUrl(), cluster.getTfAuth(), keystone), cluster.getTfClusterName(),
				cluster.getBgpAsn(), cluster.getControlNodes(),
				new KubeManagerLocation(cluster.getKubeManagerNamespace(), cluster.getKubeManagerConfigMaps()),
				cluster.getLabels(), cluster.getCreatedAt(), cluster.getUpdatedAt(), cluster.getVersion(),
				new IntrospectView(secrets.introspectCaCertificate() != null,
						secrets.introspectClientCertificate() != null, secrets.introspectClientKey() != null));
	}

}
