package io.tfmesh.mesh;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** Members added and removed one by one, listed page by page, with no cap on their number. */
class MeshMembersIT extends IntegrationTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void aMeshOfAThousandMembersIsBuiltOneByOneAndPagedWithEveryMemberExactlyOnce() {
		// a token, as automation would use: a password is checked at a cost on every request
		Api admin = api.bearer(api.asAdmin().post("/api/v1/tokens", Map.of("name", unique("members"))).json().get("token")
			.asString());
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("large"))).json().get("id").asLong();
		List<Long> clusters = clusters(cloudId, 1000);

		for (long clusterId : clusters) {
			Api.Response added = admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusterId));
			assertThat(added.status()).as(added.toString()).isEqualTo(201);
		}

		JsonNode mesh = admin.get("/api/v1/meshes/" + meshId).json();
		assertThat(mesh.at("/counts/members").asLong()).isEqualTo(1000);
		assertThat(mesh.has("members")).as("the summary lists no members").isFalse();
		List<Long> listed = new ArrayList<>();
		for (int page = 0; page < 5; page++) {
			JsonNode members = admin.get("/api/v1/meshes/" + meshId + "/members?size=200&page=" + page).json();
			assertThat(members.get("totalItems").asLong()).isEqualTo(1000);
			members.get("items").forEach(member -> listed.add(member.get("clusterId").asLong()));
		}
		assertThat(listed).hasSize(1000).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(clusters);
		assertThat(admin.get("/api/v1/meshes/" + meshId + "/members?size=200&page=5").json().get("items")).isEmpty();

		// never observed: one conflict each; the inventory gives all the same ASN: one conflict for all
		JsonNode conflicts = admin.get("/api/v1/meshes/" + meshId + "/conflicts?type=not-observed&size=50&page=3").json();
		assertThat(conflicts.get("totalItems").asLong()).isEqualTo(1000);
		assertThat(conflicts.get("items")).hasSize(50);
		assertThat(conflicts.get("items").findValuesAsString("type")).containsOnly("not-observed");
		assertThat(conflicts.at("/totals/all").asLong()).isEqualTo(1001);
		assertThat(conflicts.at("/totals/bySeverity/info").asLong()).isEqualTo(1000);
		assertThat(conflicts.at("/totals/bySeverity/error").asLong()).isEqualTo(1);
		JsonNode asn = admin.get("/api/v1/meshes/" + meshId + "/conflicts?severity=error").json();
		assertThat(asn.at("/items/0/type").asString()).isEqualTo("duplicate-asn");
		assertThat(asn.at("/items/0/clusters")).hasSize(1000);
		assertThat(admin.get("/api/v1/meshes/" + meshId + "/conflicts?severity=fatal").status()).isEqualTo(400);
	}

	@Test
	void membersJoinAndLeaveOneByOneAuditedAndBadRequestsAreRefusedByName() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String name = unique("incremental");
		long meshId = admin.post("/api/v1/meshes", Map.of("name", name)).json().get("id").asLong();
		long other = admin.post("/api/v1/meshes", Map.of("name", unique("other"))).json().get("id").asLong();
		List<Long> clusters = clusters(cloudId, 3);
		long version = admin.get("/api/v1/meshes/" + meshId).json().get("version").asLong();

		assertThat(admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusters.get(0))).status())
			.isEqualTo(201);
		Api.Response again = admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusters.get(0)));
		assertThat(again.status()).as("already a member: nothing changes").isEqualTo(200);
		assertThat(admin.get("/api/v1/meshes/" + meshId).json().get("version").asLong()).isEqualTo(version + 1);

		Api.Response elsewhere = admin.post("/api/v1/meshes/" + other + "/members", Map.of("clusterId", clusters.get(0)));
		assertThat(elsewhere.status()).isEqualTo(409);
		assertThat(elsewhere.body()).contains("already a member of mesh '" + name + "'");
		Api.Response unknown = admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", 987654321));
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body()).contains("no cluster has id 987654321");
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/members", Map.of()).status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/members", "not json").status()).isEqualTo(400);
		assertThat(admin.post("/api/v1/meshes/987654321/members", Map.of("clusterId", clusters.get(1))).status())
			.isEqualTo(404);
		assertThat(Fixtures.userWithRole(api, "viewer").post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusters.get(1))).status())
			.isEqualTo(403);

		// a member holding blocks cannot leave until it released them
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/allocations", Map.of("kinds", List.of("pod"))).status())
			.isEqualTo(200);
		Api.Response holding = admin.delete("/api/v1/meshes/" + meshId + "/members/" + clusters.get(0));
		assertThat(holding.status()).isEqualTo(409);
		assertThat(holding.body()).contains("still holds pod 100.64.0.0/16");
		admin.delete("/api/v1/meshes/" + meshId + "/allocations?clusterId=" + clusters.get(0));
		assertThat(admin.delete("/api/v1/meshes/" + meshId + "/members/" + clusters.get(0)).status()).isEqualTo(204);
		assertThat(admin.delete("/api/v1/meshes/" + meshId + "/members/" + clusters.get(0)).status()).isEqualTo(404);
		assertThat(admin.get("/api/v1/meshes/" + meshId).json().at("/counts/members").asLong()).isZero();

		List<String> audited = jdbc.queryForList("""
				SELECT coalesce(after_state::text, '') FROM audit_event WHERE object_type = 'mesh' AND object_id = ?
				AND action = 'update' ORDER BY id""", String.class, String.valueOf(meshId));
		assertThat(audited).hasSize(2);
		assertThat(audited.get(0)).contains("\"joined\"", String.valueOf(clusters.get(0)));
		assertThat(audited.get(1)).contains("\"members\": 0");
	}

	@Test
	void replacingAMeshWithoutClusterIdsKeepsItsMembers() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		String name = unique("kept");
		long meshId = admin.post("/api/v1/meshes", Map.of("name", name)).json().get("id").asLong();
		for (long clusterId : clusters(cloudId, 2)) {
			admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusterId));
		}
		long version = admin.get("/api/v1/meshes/" + meshId).json().get("version").asLong();

		Api.Response replaced = admin.put("/api/v1/meshes/" + meshId,
				Map.of("name", name, "description", "renamed pools stay", "version", version));

		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		assertThat(replaced.json().at("/counts/members").asLong()).isEqualTo(2);
	}

	@Test
	void anAllocationReservesTheUnderlaysOfTheMemberCloudsAsTheyAreNow() {
		Api admin = api.asAdmin();
		long member = Fixtures.createCloud(admin, unique("member-cloud"));
		Map<String, Object> outside = Fixtures.cloud(unique("outside-cloud"));
		outside.put("underlayCidrs", List.of("10.200.0.0/16"));
		outside.put("underlayGateway", "10.200.0.1");
		Api.Response created = admin.post("/api/v1/clouds", outside);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("underlays"))).json().get("id").asLong();
		long clusterId = clusters(member, 1).get(0);
		assertThat(admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusterId)).status())
			.isEqualTo(201);
		assertThat(underlays(meshId)).containsExactly(member + " 172.31.0.0/16");

		Map<String, Object> moved = Fixtures.cloud(admin.get("/api/v1/clouds/" + member).json().get("name").asString());
		moved.put("underlayCidrs", List.of("172.30.0.0/16", "172.29.0.0/16"));
		moved.put("underlayGateway", "172.30.0.1");
		moved.put("version", admin.get("/api/v1/clouds/" + member).json().get("version").asLong());
		Api.Response updated = admin.put("/api/v1/clouds/" + member, moved);
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(clusterId), "kinds", List.of("pod")));
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);

		assertThat(underlays(meshId)).containsExactlyInAnyOrder(member + " 172.30.0.0/16", member + " 172.29.0.0/16");
	}

	@Test
	void eachAllocationTakesTheLowestFreeBlockWhateverChangedTheMeshsBlocksSinceTheLast() {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		long meshId = admin.post("/api/v1/meshes", Map.of("name", unique("lowest"))).json().get("id").asLong();
		List<Long> clusters = clusters(cloudId, 4);
		for (long clusterId : clusters) {
			assertThat(admin.post("/api/v1/meshes/" + meshId + "/members", Map.of("clusterId", clusterId)).status())
				.isEqualTo(201);
		}
		String first = pod(admin, meshId, clusters.get(0));
		String second = pod(admin, meshId, clusters.get(1));
		assertThat(second).isNotEqualTo(first);

		// released through tfmesh, then deleted behind its back, as a cascade from a deleted cluster does
		assertThat(admin.delete("/api/v1/meshes/" + meshId + "/allocations?clusterId=" + clusters.get(0)).status())
			.isEqualTo(200);
		assertThat(pod(admin, meshId, clusters.get(2))).isEqualTo(first);
		jdbc.update("DELETE FROM allocation WHERE mesh_id = ? AND cluster_id = ?", meshId, clusters.get(1));
		assertThat(pod(admin, meshId, clusters.get(3))).isEqualTo(second);

		// a block written behind tfmesh's back is not handed out again
		jdbc.update("DELETE FROM allocation WHERE mesh_id = ? AND cluster_id = ?", meshId, clusters.get(3));
		jdbc.update("""
				INSERT INTO allocation (mesh_id, kind, cidr, note, created_at, created_by)
				VALUES (?, 'reserved', ?::cidr, 'by hand', now(), 'psql')""", meshId, second);
		String third = pod(admin, meshId, clusters.get(0));
		assertThat(third).isNotIn(first, second);
	}

	private String pod(Api admin, long meshId, long clusterId) {
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(clusterId), "kinds", List.of("pod")));
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
		return allocated.json().at("/clusters/0/allocations/0/cidr").asString();
	}

	private List<String> underlays(long meshId) {
		return jdbc.queryForList("""
				SELECT cloud_id || ' ' || cidr::text FROM allocation WHERE mesh_id = ? AND kind = 'underlay'""",
				String.class, meshId);
	}

	/** Cluster rows straight into the table: registering a thousand through the API would test the inventory. */
	private List<Long> clusters(long cloudId, int count) {
		List<Long> ids = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		String prefix = unique("m");
		for (int i = 0; i < count; i++) {
			ids.add(jdbc.queryForObject("""
					INSERT INTO cluster (name, cloud_id, k8s_api_url, k8s_auth_mode, k8s_token_secret, tf_api_url,
					  tf_auth_mode, tf_cluster_name, bgp_asn, control_nodes, kube_manager_namespace,
					  kube_manager_config_maps, created_at, updated_at)
					VALUES (?, ?, 'https://10.0.0.1:6443', 'TOKEN', '\\x00', 'http://10.0.0.1:8082', 'NOAUTH', 'k8s', 64512,
					  '{}', 'kube-system', '{env}', ?, ?) RETURNING id""", Long.class, String.format("%s-%04d", prefix, i),
					cloudId, now, now));
		}
		Set<Long> distinct = new HashSet<>(ids);
		assertThat(distinct).hasSize(count);
		return ids;
	}

}
