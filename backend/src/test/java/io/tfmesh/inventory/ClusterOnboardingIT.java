package io.tfmesh.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.EmulatedStoryCluster;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.OnboardingApplicationSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Registering a cluster through the API tests its three connections over HTTP against the
 * emulated APIs, answers with each result, and leaves a first observation behind without the
 * caller asking for one.
 */
class ClusterOnboardingIT extends OnboardingApplicationSupport {

	private static EmulatedStoryCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = EmulatedStoryCluster.start("onboard-master");
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@AfterEach
	void clearFaults() {
		cluster.kubernetes.latency(Duration.ZERO);
		cluster.tungstenFabric.resetFaults();
		cluster.introspect.down(false);
	}

	@Test
	void aReachableClusterAnswersOnEveryConnectionAndIsObservedAtOnce() {
		Api.Response created = register(cluster.registration(name("reachable"), cloud()));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(created.json().get("name").asString()).startsWith("reachable-");
		JsonNode connections = created.json().get("connections");
		assertThat(connections.findValuesAsString("connection")).containsExactly("kubernetes", "tungsten-fabric",
				"introspect");
		assertThat(connections.findValuesAsString("status")).as(connections.toString()).containsOnly("ok");
		assertThat(connections.get(2).get("target").asString()).isEqualTo(cluster.master + ":8083");

		long id = created.json().get("id").asLong();
		// nobody asked for an observation: registering started one
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(api.asAdmin().get("/api/v1/clusters/" + id + "/observed").status())
				.isEqualTo(200));
		JsonNode observed = api.asAdmin().get("/api/v1/clusters/" + id + "/observed").json();
		assertThat(observed.get("clusterId").asLong()).isEqualTo(id);
		assertThat(observed.at("/tungstenFabric/autonomousSystem").asLong()).isEqualTo(64512);
	}

	@Test
	void anUnreachableConfigApiIsNamedAndTheClusterIsRegisteredAllTheSame() {
		cluster.tungstenFabric.down(true);

		Api.Response created = register(cluster.registration(name("tf-down"), cloud()));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode connections = created.json().get("connections");
		assertThat(connections.get(0).get("status").asString()).isEqualTo("ok");
		assertThat(connections.get(1).get("connection").asString()).isEqualTo("tungsten-fabric");
		assertThat(connections.get(1).get("status").asString()).isEqualTo("failed");
		assertThat(connections.get(1).get("failure").asString()).isEqualTo("UNREACHABLE");
		assertThat(connections.get(1).get("message").asString()).contains(cluster.tungstenFabric.url());
		assertThat(connections.get(2).get("status").asString()).isEqualTo("ok");
		long id = created.json().get("id").asLong();
		assertThat(api.asAdmin().get("/api/v1/clusters/" + id).status()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(api.asAdmin().get("/api/v1/clusters/" + id + "/observed").status())
				.isEqualTo(200));
		assertThat(api.asAdmin().get("/api/v1/clusters/" + id + "/observed").json().get("complete").asBoolean())
			.isFalse();
	}

	@Test
	void aSilentKubernetesApiCannotHoldTheRegistration() {
		cluster.kubernetes.latency(Duration.ofSeconds(40));

		Api.Response created = register(cluster.registration(name("slow"), cloud()));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode kubernetes = created.json().get("connections").get(0);
		assertThat(kubernetes.get("connection").asString()).isEqualTo("kubernetes");
		assertThat(kubernetes.get("status").asString()).isEqualTo("timeout");
		assertThat(kubernetes.get("failure").asString()).isEqualTo("TIMEOUT");
	}

	@Test
	void aClusterWithoutControlNodesSkipsIntrospect() {
		Map<String, Object> body = cluster.registration(name("no-control"), cloud());
		body.put("controlNodes", List.of());

		Api.Response created = register(body);

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode introspect = created.json().get("connections").get(2);
		assertThat(introspect.get("status").asString()).isEqualTo("skipped");
	}

	private Api.Response register(Map<String, Object> body) {
		return api.asAdmin().post("/api/v1/clusters", body);
	}

	private long cloud() {
		return Fixtures.createCloud(api.asAdmin(), name("cloud"));
	}

	private static String name(String prefix) {
		return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
	}

}
