package io.tfmesh.mesh;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Eight threads ask tfmesh's API for 200 pod blocks each, while a second, independent client
 * writes pod blocks into the same mesh with plain JDBC. PostgreSQL lets no two overlap.
 */
class AllocationConcurrencyIT extends IntegrationTestSupport {

	private static final int THREADS = 8;

	private static final int PER_THREAD = 200;

	private static final int OTHER_CLIENT = 80;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Test
	void concurrentAllocatorsNeverOverlap() throws Exception {
		Api admin = api.asAdmin();
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		Api.Response mesh = admin.post("/api/v1/meshes", Map.of("name", unique("race"), "pools",
				List.of(Map.of("kind", "pod", "cidr", "10.0.0.0/8", "defaultPrefixLength", 24),
						Map.of("kind", "service", "cidr", "100.64.0.0/10", "defaultPrefixLength", 24),
						Map.of("kind", "fabric", "cidr", "192.168.0.0/16", "defaultPrefixLength", 24))));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);
		long meshId = mesh.json().get("id").asLong();
		List<Long> clusters = members(meshId, cloudId, THREADS * PER_THREAD + OTHER_CLIENT);
		String token = admin.post("/api/v1/tokens", Map.of("name", unique("race"))).json().get("token").asString();
		Api caller = api.bearer(token);

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(THREADS + 1);
		List<Future<List<String>>> threads = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			List<Long> mine = clusters.subList(t * PER_THREAD, (t + 1) * PER_THREAD);
			threads.add(pool.submit(() -> {
				start.await();
				List<String> cidrs = new ArrayList<>();
				for (long clusterId : mine) {
					Api.Response allocated = caller.post("/api/v1/meshes/" + meshId + "/allocations",
							Map.of("clusterIds", List.of(clusterId), "kinds", List.of("pod"), "asn", false));
					assertThat(allocated.status()).as(allocated.toString()).isEqualTo(200);
					JsonNode decision = allocated.json().at("/clusters/0/allocations/0");
					cidrs.add(decision.get("cidr").asString());
				}
				return cidrs;
			}));
		}
		List<Long> others = clusters.subList(THREADS * PER_THREAD, clusters.size());
		ConcurrentLinkedQueue<String> written = new ConcurrentLinkedQueue<>();
		Future<Integer> independent = pool.submit(() -> {
			start.await();
			return writeWithPlainJdbc(meshId, others, written);
		});
		start.countDown();
		List<String> allocated = new ArrayList<>();
		for (Future<List<String>> thread : threads) {
			allocated.addAll(thread.get(10, TimeUnit.MINUTES));
		}
		int refused = independent.get(10, TimeUnit.MINUTES);
		pool.shutdown();

		assertThat(allocated).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
		assertThat(written).hasSize(OTHER_CLIENT);
		Long overlaps = jdbc.queryForObject("""
				SELECT count(*) FROM allocation a JOIN allocation b
				ON a.mesh_id = b.mesh_id AND a.id < b.id AND a.cidr && b.cidr WHERE a.mesh_id = ?""", Long.class, meshId);
		assertThat(overlaps).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM allocation WHERE mesh_id = ? AND kind = 'pod'", Long.class,
				meshId)).isEqualTo(THREADS * PER_THREAD + OTHER_CLIENT);
		Long interleaved = jdbc.queryForObject("""
				SELECT count(*) FROM allocation o WHERE o.mesh_id = ? AND o.created_by = 'other-client'
				AND EXISTS (SELECT 1 FROM allocation t WHERE t.mesh_id = o.mesh_id AND t.created_by <> 'other-client'
				            AND t.kind = 'pod' AND t.id > o.id)
				AND EXISTS (SELECT 1 FROM allocation t WHERE t.mesh_id = o.mesh_id AND t.created_by <> 'other-client'
				            AND t.kind = 'pod' AND t.id < o.id)""", Long.class, meshId);
		assertThat(interleaved).as("the other client wrote while tfmesh allocated").isPositive();
		assertThat(refused).isNotNegative();
	}

	/** Cluster rows and memberships straight into the tables: the API would take minutes for thousands. */
	private List<Long> members(long meshId, long cloudId, int count) {
		List<Long> ids = new ArrayList<>();
		Timestamp now = Timestamp.from(Instant.now());
		String prefix = unique("c");
		for (int i = 0; i < count; i++) {
			ids.add(jdbc.queryForObject("""
					INSERT INTO cluster (name, cloud_id, k8s_api_url, k8s_auth_mode, k8s_token_secret, tf_api_url,
					  tf_auth_mode, tf_cluster_name, bgp_asn, control_nodes, kube_manager_namespace,
					  kube_manager_config_maps, created_at, updated_at)
					VALUES (?, ?, 'https://10.0.0.1:6443', 'TOKEN', '\\x00', 'http://10.0.0.1:8082', 'NOAUTH', 'k8s', 64512,
					  '{}', 'kube-system', '{env}', ?, ?) RETURNING id""", Long.class, prefix + "-" + i, cloudId, now, now));
		}
		jdbc.batchUpdate("INSERT INTO mesh_member (mesh_id, cluster_id, joined_at) VALUES (?, ?, ?)", ids, 500,
				(statement, id) -> {
					statement.setLong(1, meshId);
					statement.setLong(2, id);
					statement.setTimestamp(3, now);
				});
		return ids;
	}

	/**
	 * Another program writing to the same database: it knows nothing of tfmesh's planner and
	 * simply tries the low /24s of the pod pool one after the other, so it races tfmesh for them.
	 */
	private int writeWithPlainJdbc(long meshId, List<Long> clusters, ConcurrentLinkedQueue<String> written)
			throws SQLException {
		HikariDataSource hikari = (HikariDataSource) dataSource;
		int refused = 0;
		Random random = new Random(42);
		try (Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(),
				hikari.getPassword());
				PreparedStatement insert = connection.prepareStatement("""
						INSERT INTO allocation (mesh_id, kind, cluster_id, cidr, created_at, created_by)
						VALUES (?, 'pod', ?, ?::cidr, now(), 'other-client')""")) {
			connection.setAutoCommit(true);
			int done = 0;
			for (long clusterId : clusters) {
				// keep pace with tfmesh, so that both write at the same time from start to end
				int target = done++ * (THREADS * PER_THREAD) / clusters.size();
				await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5)).until(() -> count(meshId) >= target);
				int frontier = frontier(meshId);
				while (true) {
					// the block tfmesh is about to hand out next, or one just above it
					int block = frontier + random.nextInt(3);
					frontier++;
					String cidr = "10." + (block >> 8) + "." + (block & 0xff) + ".0/24";
					try {
						insert.setLong(1, meshId);
						insert.setLong(2, clusterId);
						insert.setString(3, cidr);
						insert.executeUpdate();
						written.add(cidr);
						break;
					}
					catch (SQLException ex) {
						assertThat(ex.getSQLState()).as(ex.getMessage()).isEqualTo("23P01");
						refused++;
					}
				}
			}
		}
		return refused;
	}

	private long count(long meshId) {
		Long count = jdbc.queryForObject(
				"SELECT count(*) FROM allocation WHERE mesh_id = ? AND kind = 'pod' AND created_by <> 'other-client'",
				Long.class, meshId);
		return count == null ? 0 : count;
	}

	/** The /24 above the highest pod block so far. */
	private int frontier(long meshId) {
		String highest = jdbc.queryForObject(
				"SELECT coalesce(max(cidr), '10.0.0.0/24'::cidr)::text FROM allocation WHERE mesh_id = ? AND kind = 'pod'",
				String.class, meshId);
		String[] octets = highest.substring(0, highest.indexOf('/')).split("\\.");
		return (Integer.parseInt(octets[1]) << 8 | Integer.parseInt(octets[2])) + 1;
	}

}
