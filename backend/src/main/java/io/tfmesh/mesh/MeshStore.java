package io.tfmesh.mesh;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.tfmesh.mesh.MeshView.MemberView;
import io.tfmesh.mesh.MeshView.PoolView;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/**
 * Meshes, pools and members in PostgreSQL. Plain JDBC: the {@code cidr} columns are bound as
 * text and cast, so PostgreSQL both parses them and enforces the exclusion constraints.
 */
@Component
class MeshStore {

	private static final String MEMBERS = """
			SELECT mm.cluster_id, c.name AS cluster_name, cl.id AS cloud_id, cl.name AS cloud_name, mm.asn, mm.joined_at
			FROM mesh_member mm JOIN cluster c ON c.id = mm.cluster_id JOIN cloud cl ON cl.id = c.cloud_id""";

	/**
	 * The underlays a mesh's member clouds have ({@code wanted}) and those it reserves
	 * ({@code reserved}), both parameterised by the mesh's id. It goes cloud by cloud and stops
	 * at a cloud's first member, so a mesh of thousands of members in a few clouds costs a few
	 * index probes, not a join of every member.
	 */
	private static final String UNDERLAYS = """
			wanted AS (
			  SELECT cl.id AS cloud_id, u.cidr
			  FROM cloud cl
			  CROSS JOIN LATERAL (SELECT 1 FROM cluster c JOIN mesh_member mm ON mm.cluster_id = c.id
			                      WHERE c.cloud_id = cl.id AND mm.mesh_id = ? LIMIT 1) AS member
			  CROSS JOIN LATERAL unnest(cl.underlay_cidrs) AS u(cidr)),
			reserved AS (SELECT cloud_id, cidr::text AS cidr FROM allocation WHERE mesh_id = ? AND kind = 'underlay')
			""";

	private final JdbcTemplate jdbc;

	MeshStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long insert(MeshRequest request, Instant now) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					INSERT INTO mesh (name, description, asn_min, asn_max, created_at, updated_at, apply_on_approval,
					                  change_window_days, change_window_start, change_window_end)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" });
			statement.setString(1, request.name());
			statement.setString(2, request.description());
			statement.setLong(3, request.asnMin());
			statement.setLong(4, request.asnMax());
			statement.setTimestamp(5, Timestamp.from(now));
			statement.setTimestamp(6, Timestamp.from(now));
			ChangeWindow window = request.changeWindow();
			statement.setBoolean(7, request.applyOnApproval());
			statement.setString(8, window == null ? null : window.dayList());
			statement.setObject(9, window == null ? null : window.start());
			statement.setObject(10, window == null ? null : window.end());
			return statement;
		}, key);
		return key.getKey().longValue();
	}

	/** @return whether the mesh was at that version (and is now at the next one) */
	boolean update(long id, MeshRequest request, long expectedVersion, Instant now) {
		ChangeWindow window = request.changeWindow();
		return jdbc.update("""
				UPDATE mesh SET name = ?, description = ?, asn_min = ?, asn_max = ?, updated_at = ?, version = version + 1,
				                apply_on_approval = ?, change_window_days = ?, change_window_start = ?, change_window_end = ?
				WHERE id = ? AND version = ?""", request.name(), request.description(), request.asnMin(),
				request.asnMax(), Timestamp.from(now), request.applyOnApproval(), window == null ? null : window.dayList(),
				window == null ? null : window.start(), window == null ? null : window.end(), id, expectedVersion) == 1;
	}

	void delete(long id) {
		jdbc.update("DELETE FROM mesh WHERE id = ?", id);
	}

	void replacePools(long meshId, List<MeshRequest.Pool> pools) {
		jdbc.update("DELETE FROM mesh_pool WHERE mesh_id = ?", meshId);
		for (MeshRequest.Pool pool : pools) {
			jdbc.update("INSERT INTO mesh_pool (mesh_id, kind, cidr, default_prefix_length) VALUES (?, ?, ?::cidr, ?)",
					meshId, pool.kind().id(), pool.cidr(), pool.defaultPrefixLength());
		}
	}

	void addMember(long meshId, long clusterId, Instant now) {
		jdbc.update("INSERT INTO mesh_member (mesh_id, cluster_id, joined_at) VALUES (?, ?, ?)", meshId, clusterId,
				Timestamp.from(now));
	}

	void removeMember(long meshId, long clusterId) {
		jdbc.update("DELETE FROM mesh_member WHERE mesh_id = ? AND cluster_id = ?", meshId, clusterId);
	}

	void setAsn(long meshId, long clusterId, Long asn) {
		jdbc.update("UPDATE mesh_member SET asn = ? WHERE mesh_id = ? AND cluster_id = ?", asn, meshId, clusterId);
	}

	/** The mesh a cluster is a member of, if any. */
	Optional<String> meshOfCluster(long clusterId) {
		return jdbc.queryForList("""
				SELECT m.name FROM mesh m JOIN mesh_member mm ON mm.mesh_id = m.id WHERE mm.cluster_id = ?""",
				String.class, clusterId).stream().findFirst();
	}

	Optional<Long> idByName(String name) {
		return jdbc.queryForList("SELECT id FROM mesh WHERE name = ?", Long.class, name).stream().findFirst();
	}

	/**
	 * Makes tfmesh's own changes to one mesh go one after the other until the transaction ends.
	 * An advisory lock, not a row lock: a row lock on the mesh would also block the foreign-key
	 * checks of other writers' allocations, and deadlock with the exclusion constraint's waits.
	 * @return whether the mesh exists
	 */
	boolean lock(long meshId) {
		acquire(meshId);
		return !jdbc.queryForList("SELECT id FROM mesh WHERE id = ?", Long.class, meshId).isEmpty();
	}

	/** {@link #lock} for work that reads the mesh next, and so learns then whether it exists. */
	void acquire(long meshId) {
		jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", meshId);
	}

	/**
	 * What allocating in a mesh starts from.
	 *
	 * @param mesh the mesh with its pools, without its members
	 * @param blockChanges how often the mesh's blocks changed
	 * @param underlaysChanged whether its underlay reservations differ from its member clouds'
	 * underlays ({@link #underlaysChanged})
	 */
	record Allocating(MeshView mesh, long blockChanges, boolean underlaysChanged) {
	}

	/** What allocating starts from, in one statement; empty when there is no such mesh. */
	Optional<Allocating> allocating(long meshId) {
		return jdbc.query("WITH " + UNDERLAYS + """
				, underlays AS MATERIALIZED (
				  SELECT EXISTS (SELECT * FROM wanted EXCEPT SELECT * FROM reserved)
				      OR EXISTS (SELECT * FROM reserved EXCEPT SELECT * FROM wanted) AS changed)
				SELECT m.*, p.kind AS pool_kind, p.cidr::text AS pool_cidr, p.default_prefix_length AS pool_prefix_length,
				       coalesce(ac.changes, 0) AS block_changes, underlays.changed AS underlays_changed
				FROM mesh m CROSS JOIN underlays LEFT JOIN allocation_changes ac ON ac.mesh_id = m.id
				LEFT JOIN mesh_pool p ON p.mesh_id = m.id
				WHERE m.id = ?
				ORDER BY CASE p.kind WHEN 'pod' THEN 0 WHEN 'service' THEN 1 ELSE 2 END""", rows -> {
			if (!rows.next()) {
				return Optional.<Allocating>empty();
			}
			// one row per pool, each with the mesh's columns
			MeshView mesh = new MeshView(meshId, rows.getString("name"), rows.getString("description"),
					rows.getLong("asn_min"), rows.getLong("asn_max"), List.of(), List.of(),
					rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("updated_at").toInstant(),
					rows.getLong("version"), rows.getBoolean("apply_on_approval"), changeWindow(rows));
			long changes = rows.getLong("block_changes");
			boolean underlaysChanged = rows.getBoolean("underlays_changed");
			List<PoolView> pools = new ArrayList<>();
			do {
				if (rows.getString("pool_kind") != null) {
					pools.add(new PoolView(Kind.of(rows.getString("pool_kind")), rows.getString("pool_cidr"),
							rows.getInt("pool_prefix_length")));
				}
			}
			while (rows.next());
			return Optional.of(new Allocating(new MeshView(mesh.id(), mesh.name(), mesh.description(), mesh.asnMin(),
					mesh.asnMax(), List.copyOf(pools), List.of(), mesh.createdAt(), mesh.updatedAt(), mesh.version(),
					mesh.applyOnApproval(), mesh.changeWindow()), changes, underlaysChanged));
		}, meshId, meshId, meshId);
	}

	/** The mesh with its pools but without its members, for work that concerns a few of them. */
	Optional<MeshView> header(long id) {
		return jdbc.query("SELECT * FROM mesh WHERE id = ?", (row, index) -> new MeshView(id, row.getString("name"),
				row.getString("description"), row.getLong("asn_min"), row.getLong("asn_max"), pools(id), List.of(),
				row.getTimestamp("created_at").toInstant(), row.getTimestamp("updated_at").toInstant(),
				row.getLong("version"), row.getBoolean("apply_on_approval"), changeWindow(row)), id).stream().findFirst();
	}

	List<MemberView> members(long meshId, List<Long> clusterIds) {
		if (clusterIds.isEmpty()) {
			return members(meshId);
		}
		return jdbc.query(MEMBERS + " WHERE mm.mesh_id = ? AND mm.cluster_id = ANY (?) ORDER BY c.name",
				(member, i) -> member(member), meshId, clusterIds.toArray(Long[]::new));
	}

	/** One page of the members, by cluster name; {@code q} matches names of clusters or clouds. */
	PageView<MemberView> members(long meshId, String q, PageQuery page) {
		String pattern = Search.containsPattern(q);
		String where = " WHERE mm.mesh_id = ? AND (lower(c.name) LIKE ? ESCAPE '\\' OR lower(cl.name) LIKE ? ESCAPE '\\')";
		Long total = jdbc.queryForObject("SELECT count(*) FROM mesh_member mm JOIN cluster c ON c.id = mm.cluster_id "
				+ "JOIN cloud cl ON cl.id = c.cloud_id" + where, Long.class, meshId, pattern, pattern);
		List<MemberView> members = jdbc.query(MEMBERS + where + " ORDER BY c.name, mm.cluster_id LIMIT ? OFFSET ?",
				(member, i) -> member(member), meshId, pattern, pattern, page.size(), page.offset());
		return PageView.of(members, page, total == null ? 0 : total);
	}

	Optional<MemberView> member(long meshId, long clusterId) {
		return jdbc.query(MEMBERS + " WHERE mm.mesh_id = ? AND mm.cluster_id = ?", (member, i) -> member(member), meshId,
				clusterId).stream().findFirst();
	}

	long memberCount(long meshId) {
		Long count = jdbc.queryForObject("SELECT count(*) FROM mesh_member WHERE mesh_id = ?", Long.class, meshId);
		return count == null ? 0 : count;
	}

	/** The ASN the inventory gives each member, for members whose observation has none. */
	Map<Long, Long> inventoryAsns(long meshId) {
		Map<Long, Long> asns = new HashMap<>();
		jdbc.query("SELECT c.id, c.bgp_asn FROM mesh_member mm JOIN cluster c ON c.id = mm.cluster_id WHERE mm.mesh_id = ?",
				row -> {
					asns.put(row.getLong("id"), row.getLong("bgp_asn"));
				}, meshId);
		return asns;
	}

	/**
	 * Changes whenever anything the conflicts of the mesh are found from changes: its version, its
	 * members and their clusters and clouds (names, ASNs, underlays), each member's latest
	 * observation, and its reservations.
	 */
	String conflictInputs(long meshId) {
		return jdbc.queryForObject("""
				SELECT coalesce((SELECT version FROM mesh WHERE id = ?), -1)
				    || ':' || coalesce(md5(string_agg(mm.cluster_id || '/' || c.version || '/' || cl.id || '/' || cl.version
				                                      || '/' || coalesce(o.id, 0), ',' ORDER BY mm.cluster_id)), '')
				    || ':' || (SELECT count(*) || '/' || coalesce(sum(id), 0) FROM allocation
				               WHERE mesh_id = ? AND kind = 'reserved')
				FROM mesh_member mm JOIN cluster c ON c.id = mm.cluster_id JOIN cloud cl ON cl.id = c.cloud_id
				LEFT JOIN LATERAL (SELECT id FROM cluster_observation WHERE cluster_id = mm.cluster_id
				                   ORDER BY observed_at DESC, id DESC LIMIT 1) o ON true
				WHERE mm.mesh_id = ?""", String.class, meshId, meshId, meshId);
	}

	/** Marks a change of the mesh that concerns no column of its own, such as a member joining. */
	void touch(long meshId, Instant now) {
		jdbc.update("UPDATE mesh SET version = version + 1, updated_at = ? WHERE id = ?", Timestamp.from(now), meshId);
	}

	/** Members and blocks of each kind, for the mesh's summary. */
	MeshSummary.Counts counts(long meshId) {
		Map<String, Long> blocks = new HashMap<>();
		jdbc.query("SELECT kind, count(*) AS n FROM allocation WHERE mesh_id = ? GROUP BY kind",
				row -> {
					blocks.put(row.getString("kind"), row.getLong("n"));
				}, meshId);
		long allocated = blocks.getOrDefault("pod", 0L) + blocks.getOrDefault("service", 0L)
				+ blocks.getOrDefault("fabric", 0L);
		Long planned = jdbc.queryForObject("""
				SELECT count(*) FROM mesh_member mm WHERE mm.mesh_id = ? AND mm.asn IS NOT NULL""", Long.class, meshId);
		return new MeshSummary.Counts(memberCount(meshId), planned == null ? 0 : planned, allocated,
				blocks.getOrDefault("underlay", 0L), blocks.getOrDefault("reserved", 0L));
	}

	Optional<MeshSummary> summary(long id) {
		return header(id).map(mesh -> MeshSummary.of(mesh, counts(id)));
	}

	/** A cluster the mesh form offers as a member. */
	record Candidate(long id, String name, String cloudName) {
	}

	/**
	 * The clusters that may be members of this mesh (or of a new one): those in no other mesh,
	 * by name, at most {@code limit}.
	 */
	List<Candidate> candidates(@Nullable Long meshId, int limit) {
		return jdbc.query("""
				SELECT c.id, c.name, cl.name AS cloud_name FROM cluster c JOIN cloud cl ON cl.id = c.cloud_id
				WHERE NOT EXISTS (SELECT 1 FROM mesh_member mm WHERE mm.cluster_id = c.id
				                  AND (?::bigint IS NULL OR mm.mesh_id <> ?::bigint))
				ORDER BY c.name LIMIT ?""", (row, i) -> new Candidate(row.getLong("id"), row.getString("name"),
				row.getString("cloud_name")), meshId, meshId, limit);
	}

	List<Long> usedAsns(long meshId) {
		return jdbc.queryForList("SELECT asn FROM mesh_member WHERE mesh_id = ? AND asn IS NOT NULL", Long.class, meshId);
	}

	/**
	 * Whether the underlay reservations of the mesh differ from its member clouds' underlays
	 * as they are now; one query, so that a change of members needs no sync when nothing changed.
	 */
	boolean underlaysChanged(long meshId) {
		Boolean changed = jdbc.queryForObject("WITH " + UNDERLAYS + """
				SELECT EXISTS (SELECT * FROM wanted EXCEPT SELECT * FROM reserved)
				    OR EXISTS (SELECT * FROM reserved EXCEPT SELECT * FROM wanted)""", Boolean.class, meshId, meshId);
		return Boolean.TRUE.equals(changed);
	}

	Optional<MeshView> find(long id) {
		List<MeshView> meshes = jdbc.query("SELECT * FROM mesh WHERE id = ?", (row, index) -> mesh(row), id);
		return meshes.stream().findFirst();
	}

	PageView<MeshSummary> list(String q, PageQuery page, ListSort sort) {
		String pattern = Search.containsPattern(q);
		Long total = jdbc.queryForObject("SELECT count(*) FROM mesh WHERE lower(name) LIKE ? ESCAPE '\\'", Long.class,
				pattern);
		List<MeshSummary> meshes = jdbc.query(
				"SELECT id FROM mesh WHERE lower(name) LIKE ? ESCAPE '\\' ORDER BY " + sort.orderBy() + " LIMIT ? OFFSET ?",
				(row, index) -> summary(row.getLong("id")).orElseThrow(), pattern, page.size(), page.offset());
		return PageView.of(meshes, page, total == null ? 0 : total);
	}

	private MeshView mesh(ResultSet row) throws SQLException {
		long id = row.getLong("id");
		return new MeshView(id, row.getString("name"), row.getString("description"), row.getLong("asn_min"),
				row.getLong("asn_max"), pools(id), members(id), row.getTimestamp("created_at").toInstant(),
				row.getTimestamp("updated_at").toInstant(), row.getLong("version"), row.getBoolean("apply_on_approval"),
				changeWindow(row));
	}

	private static @Nullable ChangeWindow changeWindow(ResultSet row) throws SQLException {
		return ChangeWindow.of(row.getString("change_window_days"), row.getObject("change_window_start", LocalTime.class),
				row.getObject("change_window_end", LocalTime.class));
	}

	private List<PoolView> pools(long meshId) {
		return jdbc.query("""
				SELECT kind, cidr::text AS cidr, default_prefix_length FROM mesh_pool WHERE mesh_id = ?
				ORDER BY CASE kind WHEN 'pod' THEN 0 WHEN 'service' THEN 1 ELSE 2 END""",
				(pool, i) -> new PoolView(Kind.of(pool.getString("kind")), pool.getString("cidr"),
						pool.getInt("default_prefix_length")),
				meshId);
	}

	private List<MemberView> members(long meshId) {
		return jdbc.query(MEMBERS + " WHERE mm.mesh_id = ? ORDER BY c.name", (member, i) -> member(member), meshId);
	}

	private static MemberView member(ResultSet member) throws SQLException {
		return new MemberView(member.getLong("cluster_id"), member.getString("cluster_name"), member.getLong("cloud_id"),
				member.getString("cloud_name"), (Long) member.getObject("asn"),
				member.getTimestamp("joined_at").toInstant());
	}

}
