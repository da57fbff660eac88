package io.tfmesh.mesh;

import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Allocating keeps each mesh's address space in memory between requests; what another program
 * changes in the database is still seen by the next allocation, and every block tfmesh hands
 * out has its audit entry.
 */
class KeptAddressSpaceIT extends IntegrationTestSupport {

	@Autowired
	JdbcTemplate jdbc;

	private Api admin;

	private long meshId;

	private List<Long> clusters;

	@BeforeEach
	void createMesh() {
		admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		clusters = List.of(Fixtures.createCluster(admin, unique("a"), cloudId),
				Fixtures.createCluster(admin, unique("b"), cloudId), Fixtures.createCluster(admin, unique("c"), cloudId),
				Fixtures.createCluster(admin, unique("d"), cloudId));
		Api.Response mesh = admin.post("/api/v1/meshes", Map.of("name", unique("kept"), "clusterIds", clusters,
				"pools", List.of(Map.of("kind", "pod", "cidr", "10.0.0.0/16", "defaultPrefixLength", 24),
						Map.of("kind", "service", "cidr", "100.64.0.0/10", "defaultPrefixLength", 24),
						Map.of("kind", "fabric", "cidr", "192.168.0.0/16", "defaultPrefixLength", 24))));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		meshId = mesh.json().get("id").asLong();
	}

	@Test
	void aBlockAnotherProgramDeletedIsHandedOutAgain() {
		assertThat(pod(clusters.get(0)).get("cidr").asString()).isEqualTo("10.0.0.0/24");
		assertThat(pod(clusters.get(1)).get("cidr").asString()).isEqualTo("10.0.1.0/24");

		jdbc.update("DELETE FROM allocation WHERE mesh_id = ? AND cidr = '10.0.0.0/24'", meshId);

		assertThat(pod(clusters.get(2)).get("cidr").asString()).isEqualTo("10.0.0.0/24");
	}

	@Test
	void blocksAnotherProgramInsertedOrMovedAreSeen() {
		assertThat(pod(clusters.get(0)).get("cidr").asString()).isEqualTo("10.0.0.0/24");

		jdbc.update("""
				INSERT INTO allocation (mesh_id, kind, cidr, note, created_at, created_by)
				VALUES (?, 'reserved', '10.0.1.0/24', 'by hand', now(), 'another-program')""", meshId);
		assertThat(pod(clusters.get(1)).get("cidr").asString()).isEqualTo("10.0.2.0/24");

		jdbc.update("UPDATE allocation SET cidr = '10.0.5.0/24' WHERE mesh_id = ? AND cidr = '10.0.1.0/24'", meshId);
		assertThat(pod(clusters.get(2)).get("cidr").asString()).isEqualTo("10.0.1.0/24");
		assertThat(pod(clusters.get(3)).get("cidr").asString()).isEqualTo("10.0.3.0/24");
	}

	@Test
	void eachBlockHandedOutHasItsAuditEntry() {
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(clusters.get(3)), "asn", false));
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
		JsonNode decisions = allocated.json().at("/clusters/0/allocations");
		assertThat(decisions.findValuesAsString("cidr")).containsExactly("10.0.0.0/24", "100.64.0.0/24",
				"192.168.0.0/24");
		for (JsonNode decision : decisions) {
			long id = decision.get("allocationId").asLong();
			JsonNode entries = admin.get("/api/v1/audit?objectType=allocation&objectId=" + id).json().get("items");
			assertThat(entries).as("audit entries of allocation %d", id).hasSize(1);
			JsonNode entry = entries.get(0);
			assertThat(entry.get("action").asString()).isEqualTo("create");
			assertThat(entry.get("actor").asString()).isEqualTo("admin");
			assertThat(entry.get("objectName").asString()).endsWith(decision.get("kind").asString() + " "
					+ decision.get("cidr").asString());
			assertThat(entry.at("/after/cidr").asString()).isEqualTo(decision.get("cidr").asString());
			assertThat(entry.at("/after/decision").asString()).isEqualTo("allocated");
		}
		Long blocks = jdbc.queryForObject("SELECT count(*) FROM allocation WHERE mesh_id = ? AND cluster_id = ?",
				Long.class, meshId, clusters.get(3));
		assertThat(blocks).isEqualTo(3);
	}

	private JsonNode pod(long clusterId) {
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations",
				Map.of("clusterIds", List.of(clusterId), "kinds", List.of("pod"), "asn", false));
		assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
		return allocated.json().at("/clusters/0/allocations/0");
	}

}
