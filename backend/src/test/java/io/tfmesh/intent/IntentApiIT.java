package io.tfmesh.intent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.plan.IntentSource;
import io.tfmesh.plan.IntentSpec;
import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Intents over HTTP, checked against two emulated clusters that tfmesh observes: frontend in
 * aws-east may reach orders in backend of gcp-west.
 */
class IntentApiIT extends IntegrationTestSupport {

	private static final StoryCluster AWS_EAST = new StoryCluster();

	private static final StoryCluster GCP_WEST = new StoryCluster();

	@Autowired
	IntentSource intentSource;

	private long awsEast;

	private long gcpWest;

	private long meshId;

	private String meshName;

	@BeforeAll
	static void startClusters() throws Exception {
		AWS_EAST.start("aws-east", "10.96.0.0/12", List.of("frontend"), null);
		GCP_WEST.start("gcp-west", "10.112.0.0/12", List.of("backend"), "backend");
	}

	@AfterAll
	static void stopClusters() {
		AWS_EAST.close();
		GCP_WEST.close();
	}

	@BeforeEach
	void registerObserveAndMesh() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		awsEast = AWS_EAST.register(api.asAdmin(), unique("aws-east"), cloudId);
		gcpWest = GCP_WEST.register(api.asAdmin(), unique("gcp-west"), cloudId);
		observe(awsEast);
		observe(gcpWest);
		meshName = unique("seed");
		meshId = mesh(meshName, awsEast, gcpWest);
	}

	@AfterEach
	void clearFaults() {
		GCP_WEST.kubernetes().down(false);
	}

	@Test
	void theSeedStorysIntentIsCreatedListedFoundByMeshAndDeleted() {
		Api.Response created = api.asAdmin().post("/api/v1/intents", seedIntent());

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode intent = created.json();
		long id = intent.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/v1/intents/" + id);
		assertThat(intent.get("sourceNamespace").asString()).isEqualTo("frontend");
		assertThat(intent.get("destinationService").asString()).isEqualTo("orders");
		assertThat(intent.get("protocol").asString()).isEqualTo("tcp");
		assertThat(intent.get("ports").valueStream().map(JsonNode::asString).toList()).containsExactly("8080");
		assertThat(intent.get("meshName").asString()).isEqualTo(meshName);
		assertThat(intent.get("createdBy").asString()).isEqualTo(ADMIN);

		Api viewer = Fixtures.userWithRole(api, "viewer");
		Api.Response byMesh = viewer.get("/api/v1/intents?meshId=" + meshId);
		assertThat(byMesh.status()).isEqualTo(200);
		assertThat(byMesh.json().get("items").findValues("id").stream().map(JsonNode::asLong).toList())
			.containsExactly(id);
		assertThat(viewer.get("/api/v1/intents?clusterId=" + gcpWest).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(viewer.get("/api/v1/intents?q=ORDERS&meshId=" + meshId).json().get("totalItems").asLong()).isEqualTo(1);
		assertThat(viewer.get("/api/v1/intents?q=payments&meshId=" + meshId).json().get("totalItems").asLong()).isZero();
		Api.Response one = viewer.get("/api/v1/intents/" + id);
		assertThat(one.header("ETag")).isEqualTo("\"0\"");

		assertThat(intentSource.forMesh(meshId)).containsExactly(new IntentSpec(id, awsEast, "frontend", gcpWest,
				"backend", "orders", "tcp", List.of(new PortRange(8080, 8080))));

		assertThat(viewer.delete("/api/v1/intents/" + id).status()).isEqualTo(403);
		assertThat(api.asAdmin().header("If-Match", "\"7\"").delete("/api/v1/intents/" + id).status()).isEqualTo(409);
		assertThat(api.asAdmin().header("If-Match", "\"0\"").delete("/api/v1/intents/" + id).status()).isEqualTo(204);
		assertThat(api.asAdmin().get("/api/v1/intents/" + id).status()).isEqualTo(404);
		assertThat(intentSource.forMesh(meshId)).isEmpty();

		JsonNode audit = api.asAdmin().get("/api/v1/audit?objectType=intent&objectId=" + id).json().get("items");
		assertThat(audit.findValuesAsString("action")).containsExactlyInAnyOrder("create", "delete");
		assertThat(audit.findValuesAsString("objectName")).allMatch(name -> name.startsWith("frontend@"));
	}

	@Test
	void theSameRuleTwiceIsAConflictWhateverOrderItsPortsAreWrittenIn() {
		Map<String, Object> first = seedIntent();
		first.put("ports", List.of("8080", "8000-8079"));
		assertThat(api.asAdmin().post("/api/v1/intents", first).status()).isEqualTo(201);

		Map<String, Object> again = seedIntent();
		again.put("ports", List.of("8000-8080"));
		again.put("name", "other-name");
		Api.Response duplicate = api.asAdmin().post("/api/v1/intents", again);

		assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
		assertThat(duplicate.json().get("detail").asString()).startsWith("The same intent exists already");
	}

	@Test
	void everyMistakeInTheRequestIsNamedAtOnce() {
		Map<String, Object> body = seedIntent();
		body.put("protocol", "icmp");
		body.put("ports", List.of("0", "9000-8000"));
		body.put("sourceClusterId", 999999);
		body.put("destinationNamespace", "Not_A_Label");

		Api.Response refused = api.asAdmin().post("/api/v1/intents", body);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
		assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
		assertThat(refused.json().get("errors").findValuesAsString("field")).contains("protocol", "ports[0]", "ports[1]",
				"sourceClusterId", "destinationNamespace");
		assertThat(api.asAdmin().post("/api/v1/intents", "null").status()).isEqualTo(400);
		assertThat(api.asAdmin().post("/api/v1/intents", "{\"ports\": 8080}").status()).isEqualTo(400);
		assertThat(api.asAdmin().get("/api/v1/intents?size=0").status()).isEqualTo(400);
	}

	@Test
	void whatTheObservationsDidNotFindIsUnprocessableAndNamed() {
		Map<String, Object> body = seedIntent();
		body.put("sourceNamespace", "web");
		body.put("destinationService", "payments");

		Api.Response refused = api.asAdmin().post("/api/v1/intents", body);

		assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
		JsonNode errors = refused.json().get("errors");
		assertThat(errors.findValuesAsString("field")).containsExactly("destinationService", "sourceNamespace");
		assertThat(errors.findValuesAsString("message").get(0)).startsWith("gcp-west-").contains("has no Service 'payments' in namespace 'backend' (last observed 20");
		assertThat(errors.findValuesAsString("message").get(1)).contains("has no namespace 'web'");
	}

	@Test
	void aDestinationNeverObservedOrReadWithoutItsKubernetesApiIsRefused() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		long unobserved = GCP_WEST.register(api.asAdmin(), unique("gcp-fresh"), cloudId);
		long source = AWS_EAST.register(api.asAdmin(), unique("aws-fresh"), cloudId);
		observe(source);
		mesh(unique("fresh"), source, unobserved);
		Map<String, Object> body = seedIntent();
		body.put("sourceClusterId", source);
		body.put("destinationClusterId", unobserved);

		Api.Response never = api.asAdmin().post("/api/v1/intents", body);
		assertThat(never.status()).as(never.toString()).isEqualTo(422);
		assertThat(never.json().at("/errors/0/message").asString()).endsWith(
				"was never observed; observe it (POST /api/v1/clusters/" + unobserved
						+ "/observe) so that tfmesh knows its namespaces and Services");

		GCP_WEST.kubernetes().down(true);
		Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + unobserved + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		Api.Response unread = api.asAdmin().post("/api/v1/intents", body);
		assertThat(unread.status()).as(unread.toString()).isEqualTo(422);
		assertThat(unread.json().at("/errors/0/message").asString()).contains("did not read its Kubernetes API completely",
				"kubernetes/services failed (UNREACHABLE)");
	}

	@Test
	void clustersOfDifferentMeshesOrOfNoneAreRefusedWithTheirMeshes() {
		long cloudId = Fixtures.createCloud(api.asAdmin(), unique("cloud"));
		long loner = GCP_WEST.register(api.asAdmin(), unique("gcp-loner"), cloudId);
		observe(loner);
		Map<String, Object> body = seedIntent();
		body.put("destinationClusterId", loner);

		Api.Response noMesh = api.asAdmin().post("/api/v1/intents", body);
		assertThat(noMesh.status()).as(noMesh.toString()).isEqualTo(422);
		assertThat(noMesh.json().at("/errors/0/message").asString()).endsWith(
				"is a member of no mesh; add both clusters to one mesh first");

		String other = unique("other");
		mesh(other, loner);
		Api.Response elsewhere = api.asAdmin().post("/api/v1/intents", body);
		assertThat(elsewhere.status()).isEqualTo(422);
		assertThat(elsewhere.json().at("/errors/0/message").asString()).contains("mesh '" + other + "'",
				"mesh '" + meshName + "'", "both must be members of the same mesh");

		body.put("destinationClusterId", awsEast);
		Api.Response same = api.asAdmin().post("/api/v1/intents", body);
		assertThat(same.status()).isEqualTo(400);
		assertThat(same.json().at("/errors/0/field").asString()).isEqualTo("destinationClusterId");
	}

	@Test
	void viewersReadIntentsOperatorsWriteThem() {
		Api viewer = Fixtures.userWithRole(api, "viewer");
		assertThat(viewer.post("/api/v1/intents", seedIntent()).status()).isEqualTo(403);
		assertThat(viewer.get("/api/v1/intents").status()).isEqualTo(200);
		Api operator = Fixtures.userWithRole(api, "operator");
		Api.Response created = operator.post("/api/v1/intents", seedIntent());
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(api.anonymous().get("/api/v1/intents").status()).isEqualTo(401);
	}

	private Map<String, Object> seedIntent() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("sourceClusterId", awsEast);
		body.put("sourceNamespace", "frontend");
		body.put("destinationClusterId", gcpWest);
		body.put("destinationNamespace", "backend");
		body.put("destinationService", "orders");
		body.put("protocol", "TCP");
		body.put("ports", List.of("8080"));
		return body;
	}

	/**
	 * Observes until every Kubernetes source answered: the suite's short observation bound can
	 * lose a reading of a loaded machine, and intents are checked against the Kubernetes part.
	 */
	private void observe(long clusterId) {
		Api admin = api.asAdmin();
		await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
			Api.Response observed = admin.post("/api/v1/clusters/" + clusterId + "/observe", "");
			assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
			List<String> unread = new ArrayList<>();
			for (JsonNode source : observed.json().get("sources")) {
				String name = source.get("source").asString();
				if (name.startsWith("kubernetes/") && !source.get("status").asString().equals("ok")) {
					unread.add(name + ": " + source.get("message").asString());
				}
			}
			assertThat(unread).as("the Kubernetes sources that did not answer").isEmpty();
		});
	}

	private long mesh(String name, Long... clusterIds) {
		Api.Response created = api.asAdmin().post("/api/v1/meshes", Map.of("name", name, "clusterIds", List.of(clusterIds)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

}
