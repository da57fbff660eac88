package io.tfmesh.mesh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.tfmesh.net.Cidr;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The blocks of meshes' address spaces in PostgreSQL, whose exclusion constraint keeps them disjoint. */
@Component
class AllocationStore {

	private static final String SELECT = """
			SELECT a.id, a.kind, a.cidr::text AS cidr, a.cluster_id, c.name AS cluster_name, a.cloud_id,
			       cl.name AS cloud_name, a.note, a.created_at, a.created_by
			FROM allocation a LEFT JOIN cluster c ON c.id = a.cluster_id LEFT JOIN cloud cl ON cl.id = a.cloud_id
			""";

	private final JdbcTemplate jdbc;

	AllocationStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	List<AllocationView> list(long meshId) {
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? ORDER BY family(a.cidr), a.cidr", this::allocation, meshId);
	}

	List<AllocationView> reservations(long meshId) {
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? AND a.kind = 'reserved' ORDER BY family(a.cidr), a.cidr",
				this::allocation, meshId);
	}

	/** One page of the mesh's blocks in address order. */
	PageView<AllocationView> page(long meshId, PageQuery page) {
		Long total = jdbc.queryForObject("SELECT count(*) FROM allocation WHERE mesh_id = ?", Long.class, meshId);
		List<AllocationView> items = jdbc.query(SELECT + " WHERE a.mesh_id = ? ORDER BY family(a.cidr), a.cidr LIMIT ? OFFSET ?",
				this::allocation, meshId, page.size(), page.offset());
		return PageView.of(items, page, total == null ? 0 : total);
	}

	/** The blocks these members hold. */
	List<AllocationView> ofClusters(long meshId, List<Long> clusterIds) {
		if (clusterIds.isEmpty()) {
			return List.of();
		}
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? AND a.cluster_id = ANY (?) ORDER BY a.kind", this::allocation,
				meshId, clusterIds.toArray(Long[]::new));
	}

	Optional<AllocationView> find(long meshId, long allocationId) {
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? AND a.id = ?", this::allocation, meshId, allocationId)
			.stream()
			.findFirst();
	}

	/** The blocks of the mesh that overlap any of these ranges: all the planner needs to look at. */
	List<Cidr> taken(long meshId, List<Cidr> within) {
		if (within.isEmpty()) {
			return List.of();
		}
		return jdbc.queryForList("SELECT cidr::text FROM allocation WHERE mesh_id = ? AND cidr && ANY (?::cidr[])",
				String.class, meshId, within.stream().map(Cidr::toString).toArray(String[]::new))
			.stream()
			.map(Cidr::ofDatabase)
			.toList();
	}

	/**
	 * How often the mesh's blocks changed: PostgreSQL counts every insert, update and delete,
	 * whoever makes it (migration V18).
	 */
	long changes(long meshId) {
		List<Long> changes = jdbc.queryForList("SELECT changes FROM allocation_changes WHERE mesh_id = ?", Long.class,
				meshId);
		return changes.isEmpty() ? 0 : changes.get(0);
	}

	List<Cidr> taken(long meshId) {
		return jdbc.queryForList("SELECT cidr::text FROM allocation WHERE mesh_id = ?", String.class, meshId)
			.stream()
			.map(Cidr::parse)
			.toList();
	}

	/** A member's block as {@link #insert} writes it, for a statement that also does more; it returns the id. */
	record MemberBlock(String sql, Object[] arguments) {
	}

	MemberBlock memberBlock(long meshId, Kind kind, long clusterId, Cidr cidr, Instant now, String actor) {
		return new MemberBlock("""
				INSERT INTO allocation (mesh_id, kind, cluster_id, cloud_id, cidr, note, created_at, created_by)
				VALUES (?, ?, ?, NULL, ?::cidr, '', ?, ?) RETURNING id""",
				new Object[] { meshId, kind.id(), clusterId, cidr.toString(), Timestamp.from(now), actor });
	}

	/** @throws org.springframework.dao.DataIntegrityViolationException when it overlaps a block of the mesh */
	long insert(long meshId, Kind kind, @Nullable Long clusterId, @Nullable Long cloudId, Cidr cidr, String note,
			Instant now, String actor) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					INSERT INTO allocation (mesh_id, kind, cluster_id, cloud_id, cidr, note, created_at, created_by)
					VALUES (?, ?, ?, ?, ?::cidr, ?, ?, ?)""", new String[] { "id" });
			statement.setLong(1, meshId);
			statement.setString(2, kind.id());
			statement.setObject(3, clusterId);
			statement.setObject(4, cloudId);
			statement.setString(5, cidr.toString());
			statement.setString(6, note);
			statement.setTimestamp(7, Timestamp.from(now));
			statement.setString(8, actor);
			return statement;
		}, key);
		return key.getKey().longValue();
	}

	void delete(long allocationId) {
		jdbc.update("DELETE FROM allocation WHERE id = ?", allocationId);
	}

	List<AllocationView> ofClusterAll(long meshId, long clusterId) {
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? AND a.cluster_id = ? ORDER BY a.kind", this::allocation, meshId,
				clusterId);
	}

	List<AllocationView> underlays(long meshId, long cloudId) {
		return jdbc.query(SELECT + " WHERE a.mesh_id = ? AND a.cloud_id = ?", this::allocation, meshId, cloudId);
	}

	private AllocationView allocation(ResultSet row, int index) throws SQLException {
		return new AllocationView(row.getLong("id"), Kind.of(row.getString("kind")), row.getString("cidr"),
				(Long) row.getObject("cluster_id"), row.getString("cluster_name"), (Long) row.getObject("cloud_id"),
				row.getString("cloud_name"), row.getString("note"), row.getTimestamp("created_at").toInstant(),
				row.getString("created_by"));
	}

}
