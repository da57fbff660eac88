package io.tfmesh.mesh.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;

/**
 * The workload committed to PostgreSQL through the real schema: each transaction reads the mesh's
 * taken CIDRs, lets the planner pick blocks for a batch of clusters, inserts them under the
 * allocation table's exclusion constraint and commits. The server runs with fsync and synchronous
 * commit on, as tfmesh's own embedded server does, so a commit is on disk.
 */
final class CommittedBenchmark {

	private static final String EXCLUSION_VIOLATION = "23P01";

	/**
	 * @param server the PostgreSQL version
	 * @param clustersPerSecond clusters whose three blocks were committed, per second
	 * @param transactions committed transactions
	 * @param retries transactions that lost a race to the exclusion constraint and ran again
	 * @param overlappingPairs pairs of the mesh's allocations that overlap, by a SQL self-join
	 * @param outsidePool allocations outside the pool of their kind, by SQL
	 * @param check the committed blocks, checked as the in-memory ones are
	 */
	record Figures(String server, double clustersPerSecond, double seconds, int transactions, int retries,
			long overlappingPairs, long outsidePool, Allocations check) {

	}

	/** The mesh's id and its clusters' ids in workload order. */
	private record Mesh(long id, long[] clusterIds) {

	}

	private CommittedBenchmark() {
	}

	static Figures run(Workload workload, int clustersPerTransaction) throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setServerConfig("fsync", "on")
			.setServerConfig("synchronous_commit", "on")
			.start()) {
			Flyway.configure()
				.dataSource(postgres.getPostgresDatabase())
				.locations("classpath:db/migration")
				.load()
				.migrate();
			// batched inserts go out as multi-row INSERTs
			String url = postgres.getJdbcUrl("postgres", "postgres") + "&reWriteBatchedInserts=true";
			try (Connection connection = DriverManager.getConnection(url)) {
				Mesh mesh = setUp(connection, workload);
				connection.setAutoCommit(false);
				int transactions = 0;
				int retries = 0;
				long start = System.nanoTime();
				for (int from = 0; from < workload.clusters(); from += clustersPerTransaction) {
					int to = Math.min(from + clustersPerTransaction, workload.clusters());
					while (!allocate(connection, workload, mesh, from, to)) {
						retries++;
					}
					transactions++;
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				connection.setAutoCommit(true);
				return new Figures(serverVersion(connection), workload.clusters() / seconds, seconds, transactions,
						retries, overlappingPairs(connection), outsidePool(connection, mesh.id()),
						Allocations.check(workload, committedBlocks(connection, mesh.id())));
			}
		}
	}

	/** Clouds with their underlays, the clusters, and a mesh with its pools, members and reservations. */
	private static Mesh setUp(Connection connection, Workload workload) throws SQLException {
		try (PreparedStatement cloud = connection.prepareStatement(
				"INSERT INTO cloud (name, provider, region, underlay_cidrs, underlay_gateway, created_at, updated_at) "
						+ "VALUES (?, ?, ?, ?, ?, now(), now())")) {
			for (Workload.Cloud each : Workload.CLOUDS) {
				cloud.setString(1, each.name());
				cloud.setString(2, each.provider());
				cloud.setString(3, each.region());
				cloud.setArray(4,
						connection.createArrayOf("text", each.underlays().stream().map(Cidr::toString).toArray()));
				cloud.setString(5, each.gateway());
				cloud.executeUpdate();
			}
		}
		long meshId;
		try (Statement sql = connection.createStatement()) {
			sql.executeUpdate("INSERT INTO cluster (name, cloud_id, k8s_api_url, k8s_auth_mode, k8s_token_secret, "
					+ "tf_api_url, tf_auth_mode, tf_cluster_name, bgp_asn, control_nodes, kube_manager_namespace, "
					+ "kube_manager_config_maps, created_at, updated_at) "
					+ "SELECT 'cluster-' || lpad(i::text, 6, '0'), (SELECT array_agg(id ORDER BY id) FROM cloud)[i % "
					+ Workload.CLOUDS.size() + " + 1], 'https://192.0.2.1:6443', 'TOKEN', '\\x00'::bytea, "
					+ "'http://192.0.2.1:8082', 'NOAUTH', 'k8s', 64512, '{192.0.2.1}', 'kube-system', "
					+ "'{env,kube-manager-config}', now(), now() FROM generate_series(0, " + (workload.clusters() - 1)
					+ ") AS i");
			try (ResultSet mesh = sql.executeQuery("INSERT INTO mesh (name, asn_min, asn_max, created_at, updated_at) "
					+ "VALUES ('bench', 4200000000, 4294967294, now(), now()) RETURNING id")) {
				mesh.next();
				meshId = mesh.getLong(1);
			}
			sql.executeUpdate("INSERT INTO mesh_member (mesh_id, cluster_id, asn, joined_at) SELECT " + meshId
					+ ", id, 4200000000 + row_number() OVER (ORDER BY id) - 1, now() FROM cluster");
			sql.executeUpdate("INSERT INTO allocation (mesh_id, kind, cloud_id, cidr, created_at, created_by) SELECT "
					+ meshId + ", 'underlay', id, unnest(underlay_cidrs)::cidr, now(), 'bench' FROM cloud");
			sql.executeUpdate("INSERT INTO allocation (mesh_id, kind, cidr, note, created_at, created_by) VALUES ("
					+ meshId + ", 'reserved', '" + Workload.ADMIN_RESERVATION + "', 'office NAT', now(), 'bench')");
		}
		try (PreparedStatement pool = connection.prepareStatement(
				"INSERT INTO mesh_pool (mesh_id, kind, cidr, default_prefix_length) VALUES (?, ?, ?::cidr, ?)")) {
			for (Workload.Kind kind : Workload.Kind.values()) {
				pool.setLong(1, meshId);
				pool.setString(2, kind.column());
				pool.setString(3, kind.pool().toString());
				pool.setInt(4, workload.prefixLength(kind, 1));
				pool.executeUpdate();
			}
		}
		long[] clusterIds = new long[workload.clusters()];
		try (Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT id FROM cluster ORDER BY name")) {
			for (int i = 0; rows.next(); i++) {
				clusterIds[i] = rows.getLong(1);
			}
		}
		return new Mesh(meshId, clusterIds);
	}

	/**
	 * Allocates the clusters {@code [from, to)} in one transaction and commits it.
	 * @return false when another writer took an overlapping block first; the transaction is rolled back
	 */
	private static boolean allocate(Connection connection, Workload workload, Mesh mesh, int from, int to)
			throws SQLException {
		try {
			AddressSpace space = AddressSpace.of(taken(connection, mesh.id()));
			Map<Workload.Kind, Cidr> pools = pools(connection, mesh.id());
			try (PreparedStatement insert = connection
				.prepareStatement("INSERT INTO allocation (mesh_id, kind, cluster_id, cidr, created_at, created_by) "
						+ "VALUES (?, ?, ?, ?::cidr, now(), 'bench')")) {
				for (int cluster = from; cluster < to; cluster++) {
					for (Workload.Kind kind : Workload.Kind.values()) {
						Cidr pool = pools.get(kind);
						Cidr block = space.lowestFree(pool, workload.prefixLength(kind, cluster))
							.orElseThrow(() -> new IllegalStateException(kind + " pool " + pool + " is exhausted"));
						space.take(block);
						insert.setLong(1, mesh.id());
						insert.setString(2, kind.column());
						insert.setLong(3, mesh.clusterIds()[cluster]);
						insert.setString(4, block.toString());
						insert.addBatch();
					}
				}
				insert.executeBatch();
			}
			connection.commit();
			return true;
		}
		catch (SQLException ex) {
			connection.rollback();
			if (lostRace(ex)) {
				return false;
			}
			throw ex;
		}
	}

	private static boolean lostRace(SQLException ex) {
		// a failed batch carries the statement's own error as its next exception
		for (SQLException cause = ex; cause != null; cause = cause.getNextException()) {
			if (EXCLUSION_VIOLATION.equals(cause.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	private static List<Cidr> taken(Connection connection, long meshId) throws SQLException {
		List<Cidr> taken = new ArrayList<>();
		try (PreparedStatement select = connection.prepareStatement("SELECT cidr FROM allocation WHERE mesh_id = ?")) {
			select.setLong(1, meshId);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					taken.add(Cidr.parse(rows.getString(1)));
				}
			}
		}
		return taken;
	}

	private static Map<Workload.Kind, Cidr> pools(Connection connection, long meshId) throws SQLException {
		Map<Workload.Kind, Cidr> pools = new EnumMap<>(Workload.Kind.class);
		try (PreparedStatement select = connection
			.prepareStatement("SELECT kind, cidr FROM mesh_pool WHERE mesh_id = ?")) {
			select.setLong(1, meshId);
			try (ResultSet rows = select.executeQuery()) {
				while (rows.next()) {
					pools.put(Workload.Kind.valueOf(rows.getString(1).toUpperCase(Locale.ROOT)),
							Cidr.parse(rows.getString(2)));
				}
			}
		}
		return pools;
	}

	private static long overlappingPairs(Connection connection) throws SQLException {
		return count(connection, "SELECT count(*) FROM allocation a JOIN allocation b ON a.mesh_id = b.mesh_id "
				+ "AND a.id < b.id AND a.cidr && b.cidr");
	}

	private static long outsidePool(Connection connection, long meshId) throws SQLException {
		return count(connection, "SELECT count(*) FROM allocation a JOIN mesh_pool p ON p.mesh_id = a.mesh_id "
				+ "AND p.kind = a.kind WHERE NOT a.cidr <<= p.cidr AND a.mesh_id = " + meshId);
	}

	/** The clusters' blocks in workload order: by cluster, then pod, service, fabric. */
	private static List<Cidr> committedBlocks(Connection connection, long meshId) throws SQLException {
		List<Cidr> blocks = new ArrayList<>();
		try (Statement sql = connection.createStatement();
				ResultSet rows = sql.executeQuery("SELECT a.cidr FROM allocation a "
						+ "JOIN cluster c ON c.id = a.cluster_id WHERE a.mesh_id = " + meshId
						+ " ORDER BY c.name, array_position(ARRAY['pod', 'service', 'fabric'], a.kind)")) {
			while (rows.next()) {
				blocks.add(Cidr.parse(rows.getString(1)));
			}
		}
		return blocks;
	}

	private static String serverVersion(Connection connection) throws SQLException {
		try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery("SHOW server_version")) {
			rows.next();
			return "PostgreSQL " + rows.getString(1);
		}
	}

	private static long count(Connection connection, String query) throws SQLException {
		try (Statement sql = connection.createStatement(); ResultSet rows = sql.executeQuery(query)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
