package io.tfmesh.fabric.kubernetes;

import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.tfmesh.fabric.tf.TfConfigApis;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A cluster's clients live no longer than the cluster and its credentials: deleting the cluster
 * or changing what tfmesh reaches it with, through the API, closes them.
 */
class ClusterConnectionsIT extends IntegrationTestSupport {

	// nothing listens there: each observation fails at once, after building the clients
	private static final String NOWHERE = "http://127.0.0.1:9";

	@Autowired
	KubernetesConnectors kubernetes;

	@Autowired
	TfConfigApis tungstenFabric;

	private long cloudId;

	private String name;

	private long clusterId;

	@BeforeEach
	void register() {
		cloudId = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		name = unique("connected");
		Api.Response created = api.asAdmin().post("/api/v1/clusters", body("first-token"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		clusterId = created.json().get("id").asLong();
	}

	@Test
	void deletingAClusterClosesItsClients() {
		observe();
		KubernetesClient client = kubernetes.client(clusterId).orElseThrow().client();
		assertThat(client.getHttpClient().isClosed()).isFalse();
		assertThat(tungstenFabric.holds(clusterId)).isTrue();

		assertThat(api.asAdmin().delete("/api/v1/clusters/" + clusterId).status()).isEqualTo(204);

		assertThat(kubernetes.client(clusterId)).isEmpty();
		assertThat(tungstenFabric.holds(clusterId)).isFalse();
		// a read still in flight keeps the client until it returns
		await().untilAsserted(() -> assertThat(client.getHttpClient().isClosed()).isTrue());
	}

	@Test
	void changingAClustersCredentialsReplacesItsClient() {
		observe();
		KubernetesClient first = kubernetes.client(clusterId).orElseThrow().client();
		assertThat(first.getConfiguration().getOauthToken()).isEqualTo("first-token");

		Map<String, Object> changed = body("second-token");
		changed.put("version", 0);
		Api.Response updated = api.asAdmin().put("/api/v1/clusters/" + clusterId, changed);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);

		assertThat(kubernetes.client(clusterId)).isEmpty();
		assertThat(tungstenFabric.holds(clusterId)).isFalse();
		await().untilAsserted(() -> assertThat(first.getHttpClient().isClosed()).isTrue());

		observe();
		KubernetesClient second = kubernetes.client(clusterId).orElseThrow().client();
		assertThat(second).isNotSameAs(first);
		assertThat(second.getConfiguration().getOauthToken()).isEqualTo("second-token");
		assertThat(second.getHttpClient().isClosed()).isFalse();
	}

	private void observe() {
		Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
	}

	private Map<String, Object> body(String token) {
		Map<String, Object> cluster = Fixtures.clusterWithToken(name, cloudId, token);
		Fixtures.section(cluster, "kubernetes").put("apiUrl", NOWHERE);
		Fixtures.section(cluster, "tungstenFabric").put("apiUrl", NOWHERE);
		return cluster;
	}

}
