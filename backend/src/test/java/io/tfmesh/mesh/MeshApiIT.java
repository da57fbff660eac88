package io.tfmesh.mesh;

import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Meshes and their allocations over the REST API, on real PostgreSQL. */
class MeshApiIT extends IntegrationTestSupport {

	private long cluster(Api admin, String cloudName, String underlay, String gateway) {
		Map<String, Object> cloud = Fixtures.cloud(cloudName);
		cloud.put("underlayCidrs", List.of(underlay));
		cloud.put("underlayGateway", gateway);
		Api.Response created = admin.post("/api/v1/clouds", cloud);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		Api.Response cluster = admin.post("/api/v1/clusters",
				Fixtures.cluster(unique("member"), created.json().get("id").asLong()));
		assertThat(cluster.status()).as(cluster.toString()).isEqualTo(201);
		return cluster.json().get("id").asLong();
	}

	private static Map<String, Object> mesh(String name, List<Long> members, List<Map<String, Object>> pools) {
		return Map.of("name", name, "clusterIds", members, "pools", pools);
	}

	private static List<Map<String, Object>> pools(String pod, int podLength, String service, int serviceLength,
			String fabric, int fabricLength) {
		return List.of(Map.of("kind", "pod", "cidr", pod, "defaultPrefixLength", podLength),
				Map.of("kind", "service", "cidr", service, "defaultPrefixLength", serviceLength),
				Map.of("kind", "fabric", "cidr", fabric, "defaultPrefixLength", fabricLength));
	}

	@Test
	void aMeshWithoutPoolsGetsDefaultsClearOfTheUsualUnderlays() {
		Api admin = api.asAdmin();
		long member = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		Api.Response created = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(member)));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode mesh = created.json();
		assertThat(mesh.get("pools").findValuesAsString("cidr")).containsExactly("100.64.0.0/10", "10.96.0.0/11",
				"10.64.0.0/11");
		assertThat(mesh.get("asnMin").asLong()).isEqualTo(64512);
		assertThat(mesh.get("asnMax").asLong()).isEqualTo(65534);
		assertThat(mesh.at("/counts/members").asLong()).isEqualTo(1);
		assertThat(admin.get("/api/v1/meshes/" + mesh.get("id").asLong() + "/members").json().at("/items/0/clusterId").asLong())
			.isEqualTo(member);

		JsonNode space = admin.get("/api/v1/meshes/" + mesh.get("id").asLong() + "/allocations").json();
		assertThat(space.get("allocations").findValuesAsString("cidr")).containsExactly("172.31.0.0/16");
		assertThat(space.get("allocations").findValuesAsString("kind")).containsExactly("underlay");
	}

	@Test
	void poolsThatOverlapAnUnderlayOrEachOtherAreRefusedWithTheOverlapNamed() {
		Api admin = api.asAdmin();
		long member = cluster(admin, unique("gcp"), "10.132.0.0/20", "10.132.0.1");
		Api.Response onUnderlay = admin.post("/api/v1/meshes", mesh(unique("mesh"), List.of(member),
				pools("10.128.0.0/9", 16, "10.96.0.0/11", 20, "10.64.0.0/11", 20)));
		assertThat(onUnderlay.status()).isEqualTo(400);
		assertThat(onUnderlay.body()).contains("pools[0].cidr", "10.128.0.0/9 overlaps the underlay 10.132.0.0/20");

		Api.Response overlapping = admin.post("/api/v1/meshes",
				mesh(unique("mesh"), List.of(), pools("10.0.0.0/8", 16, "10.96.0.0/11", 20, "192.168.0.0/16", 24)));
		assertThat(overlapping.status()).isEqualTo(400);
		assertThat(overlapping.body()).contains("pools[1].cidr", "10.96.0.0/11 overlaps the pod pool 10.0.0.0/8");

		Api.Response missingKind = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "pools",
				List.of(Map.of("kind", "pod", "cidr", "100.64.0.0/10", "defaultPrefixLength", 16))));
		assertThat(missingKind.status()).isEqualTo(400);
		assertThat(missingKind.body()).contains("needs a service pool", "needs a fabric pool");

		Api.Response badLength = admin.post("/api/v1/meshes",
				mesh(unique("mesh"), List.of(), pools("100.64.0.0/10", 8, "10.96.0.0/11", 20, "10.64.0.0/11", 33)));
		assertThat(badLength.status()).isEqualTo(400);
		assertThat(badLength.body()).contains("pools[0].defaultPrefixLength");
	}

	@Test
	void aClusterIsInOneMeshAtMost() {
		Api admin = api.asAdmin();
		long member = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		String first = unique("mesh");
		assertThat(admin.post("/api/v1/meshes", Map.of("name", first, "clusterIds", List.of(member))).status())
			.isEqualTo(201);
		Api.Response second = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(member)));
		assertThat(second.status()).isEqualTo(409);
		assertThat(second.body()).contains("already a member of mesh '" + first + "'");
		assertThat(admin.post("/api/v1/meshes", Map.of("name", first)).status()).isEqualTo(409);
	}

	@Test
	void membersGetTheLowestFreeBlocksAndDistinctAsnsAndARetryWithTheSameKeyGetsTheFirstAnswer() {
		Api admin = api.asAdmin();
		long a = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		long b = cluster(admin, unique("gcp"), "10.132.0.0/20", "10.132.0.1");
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(a, b)))
			.json()
			.get("id")
			.asLong();

		Api.Response first = admin.header("Idempotency-Key", "plan-1").post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		JsonNode clusters = first.json().get("clusters");
		assertThat(clusters).hasSize(2);
		assertThat(clusters.findValues("allocations").stream().flatMap(list -> list.valueStream())
			.map(decision -> decision.get("decision").asString())).containsOnly("allocated");
		List<String> pods = clusters.findValues("allocations").stream()
			.flatMap(list -> list.valueStream())
			.filter(decision -> decision.get("kind").asString().equals("pod"))
			.map(decision -> decision.get("cidr").asString())
			.toList();
		assertThat(pods).containsExactlyInAnyOrder("100.64.0.0/16", "100.65.0.0/16");
		List<Long> asns = clusters.findValues("asn").stream().map(asn -> asn.get("asn").asLong()).toList();
		// both were registered with TF's 64512: the first keeps it, the second gets the next free one
		assertThat(asns).containsExactlyInAnyOrder(64512L, 64513L);

		Api.Response retry = admin.header("Idempotency-Key", "plan-1").post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(retry.json()).isEqualTo(first.json());
		assertThat(admin.get("/api/v1/meshes/" + meshId + "/allocations").json().get("allocations").findValuesAsString("kind")
			.stream()
			.filter(kind -> !kind.equals("underlay"))).hasSize(6);

		Api.Response otherBody = admin.header("Idempotency-Key", "plan-1")
			.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("kinds", List.of("pod")));
		assertThat(otherBody.status()).isEqualTo(409);

		Api.Response again = admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(again.json().get("clusters").findValuesAsString("decision")).containsOnly("existing");
	}

	@Test
	void anExhaustedPoolAnswers409NamingThePoolAndTheLargestFreeBlock() {
		Api admin = api.asAdmin();
		long a = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		long b = cluster(admin, unique("gcp"), "10.132.0.0/20", "10.132.0.1");
		long meshId = admin.post("/api/v1/meshes",
				mesh(unique("mesh"), List.of(a, b), pools("192.168.0.0/23", 24, "10.96.0.0/11", 20, "10.64.0.0/11", 20)))
			.json()
			.get("id")
			.asLong();
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(a), "prefixLengths", Map.of("pod", 24))).status()).isEqualTo(200);
		Api.Response exhausted = admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(b), "prefixLengths", Map.of("pod", 23)));
		assertThat(exhausted.status()).isEqualTo(409);
		JsonNode problem = exhausted.json();
		assertThat(problem.get("pool").asString()).isEqualTo("192.168.0.0/23");
		assertThat(problem.get("largestFreeBlock").asString()).isEqualTo("192.168.1.0/24");
		assertThat(problem.get("detail").asString()).contains("192.168.0.0/23", "largest free block is 192.168.1.0/24");
		assertThat(admin.get("/api/v1/meshes/" + meshId + "/allocations").json().get("allocations").findValuesAsString("kind"))
			.filteredOn(kind -> kind.equals("pod"))
			.hasSize(1);
	}

	@Test
	void reservationsAreAvoidedAndOnlyAdminsMakeThem() {
		Api admin = api.asAdmin();
		long a = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(a)))
			.json()
			.get("id")
			.asLong();
		Api operator = Fixtures.userWithRole(api, "operator");
		assertThat(operator.post("/api/v1/meshes/" + meshId + "/reservations", Map.of("cidr", "100.64.0.0/16")).status())
			.isEqualTo(403);
		Api.Response reserved = admin.post("/api/v1/meshes/" + meshId + "/reservations",
				Map.of("cidr", "100.64.0.0/15", "note", "partner VPN"));
		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(201);
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/reservations", Map.of("cidr", "100.65.0.0/16")).status())
			.isEqualTo(409);

		JsonNode result = operator.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("kinds", List.of("pod"))).json();
		assertThat(result.at("/clusters/0/allocations/0/cidr").asString()).isEqualTo("100.66.0.0/16");

		Api.Response released = operator.delete("/api/v1/meshes/" + meshId + "/allocations?clusterId=" + a);
		assertThat(released.status()).isEqualTo(200);
		assertThat(released.json().findValuesAsString("cidr")).containsExactly("100.66.0.0/16");
		assertThat(operator.delete("/api/v1/meshes/" + meshId + "/allocations/" + reserved.json().get("id").asLong()).status())
			.isEqualTo(403);
		assertThat(admin.delete("/api/v1/meshes/" + meshId + "/allocations/" + reserved.json().get("id").asLong()).status())
			.isEqualTo(204);
	}

	@Test
	void aMemberThatHoldsBlocksCannotLeaveAndViewersCannotChangeMeshes() {
		Api admin = api.asAdmin();
		long a = cluster(admin, unique("aws"), "172.31.0.0/16", "172.31.0.1");
		JsonNode mesh = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", List.of(a))).json();
		long meshId = mesh.get("id").asLong();
		admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		Api.Response leave = admin.put("/api/v1/meshes/" + meshId,
				Map.of("name", mesh.get("name").asString(), "clusterIds", List.of(), "version", 0));
		assertThat(leave.status()).isEqualTo(409);
		assertThat(leave.body()).contains("release its allocations");

		Api viewer = Fixtures.userWithRole(api, "viewer");
		assertThat(viewer.get("/api/v1/meshes/" + meshId).status()).isEqualTo(200);
		assertThat(viewer.get("/api/v1/meshes/" + meshId + "/conflicts").status()).isEqualTo(200);
		assertThat(viewer.post("/api/v1/meshes/" + meshId + "/allocations", "{}").status()).isEqualTo(403);
		assertThat(viewer.delete("/api/v1/meshes/" + meshId).status()).isEqualTo(403);
	}

}
