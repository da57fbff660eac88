package io.tfmesh.intent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.tfmesh.intent.IntentRules.MeshRef;
import io.tfmesh.plan.IntentSpec;
import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.system.web.ListSort;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import io.tfmesh.system.web.Search;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** Intents in PostgreSQL, with the names of their clusters and the mesh both are members of. */
@Component
class IntentStore {

	/** The mesh both clusters are members of: a cluster is a member of one mesh at most. */
	private static final String VIEW = """
			SELECT i.*, sc.name AS source_cluster_name, dc.name AS destination_cluster_name,
			       m.id AS mesh_id, m.name AS mesh_name
			FROM intent i
			JOIN cluster sc ON sc.id = i.source_cluster_id
			JOIN cluster dc ON dc.id = i.destination_cluster_id
			LEFT JOIN mesh_member sm ON sm.cluster_id = i.source_cluster_id
			LEFT JOIN mesh_member dm ON dm.cluster_id = i.destination_cluster_id AND dm.mesh_id = sm.mesh_id
			LEFT JOIN mesh m ON m.id = dm.mesh_id
			""";

	private static final String FILTER = """
			WHERE (?::bigint IS NULL OR m.id = ?::bigint)
			   AND (?::bigint IS NULL OR i.source_cluster_id = ?::bigint OR i.destination_cluster_id = ?::bigint)
			   AND (lower(coalesce(i.name, '')) LIKE ? ESCAPE '\\' OR lower(i.source_namespace) LIKE ? ESCAPE '\\'
			        OR lower(i.destination_namespace) LIKE ? ESCAPE '\\' OR lower(i.destination_service) LIKE ? ESCAPE '\\'
			        OR lower(sc.name) LIKE ? ESCAPE '\\' OR lower(dc.name) LIKE ? ESCAPE '\\'
			        OR lower(i.description) LIKE ? ESCAPE '\\')
			""";

	private final JdbcTemplate jdbc;

	IntentStore(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	long insert(IntentRequest request, List<PortRange> ports, Instant now, String actor) {
		KeyHolder key = new GeneratedKeyHolder();
		jdbc.update(connection -> {
			var statement = connection.prepareStatement("""
					INSERT INTO intent (name, source_cluster_id, source_namespace, destination_cluster_id,
					  destination_namespace, destination_service, protocol, ports, description, created_at, created_by,
					  updated_at)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] { "id" });
			statement.setString(1, request.name());
			statement.setLong(2, request.sourceClusterId());
			statement.setString(3, request.sourceNamespace());
			statement.setLong(4, request.destinationClusterId());
			statement.setString(5, request.destinationNamespace());
			statement.setString(6, request.destinationService());
			statement.setString(7, request.protocol());
			statement.setString(8, PortRanges.format(ports));
			statement.setString(9, request.description());
			statement.setTimestamp(10, Timestamp.from(now));
			statement.setString(11, actor);
			statement.setTimestamp(12, Timestamp.from(now));
			return statement;
		}, key);
		return key.getKey().longValue();
	}

	/** The intent that states the same rule, if one exists. */
	Optional<Long> sameRule(IntentRequest request, List<PortRange> ports) {
		return jdbc.queryForList("""
				SELECT id FROM intent WHERE source_cluster_id = ? AND source_namespace = ? AND destination_cluster_id = ?
				AND destination_namespace = ? AND destination_service = ? AND protocol = ? AND ports = ?""", Long.class,
				request.sourceClusterId(), request.sourceNamespace(), request.destinationClusterId(),
				request.destinationNamespace(), request.destinationService(), request.protocol(),
				PortRanges.format(ports)).stream().findFirst();
	}

	void delete(long id) {
		jdbc.update("DELETE FROM intent WHERE id = ?", id);
	}

	Optional<IntentView> find(long id) {
		return jdbc.query(VIEW + " WHERE i.id = ?", (row, i) -> view(row), id).stream().findFirst();
	}

	PageView<IntentView> list(String q, @Nullable Long meshId, @Nullable Long clusterId, PageQuery page, ListSort sort) {
		List<Object> arguments = filterArguments(q, meshId, clusterId);
		Long total = jdbc.queryForObject("SELECT count(*) FROM (" + VIEW + FILTER + ") AS matching", Long.class,
				arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(page.size());
		paged.add(page.offset());
		// the order names the row's columns, such as the clusters' names, so it applies to the joined row
		List<IntentView> intents = jdbc.query("SELECT * FROM (" + VIEW + FILTER + ") AS listed ORDER BY " + sort.orderBy()
				+ " LIMIT ? OFFSET ?", (row, i) -> view(row), paged.toArray());
		return PageView.of(intents, page, total == null ? 0 : total);
	}

	/** The intents whose clusters are both members of the mesh. */
	List<IntentSpec> forMesh(long meshId) {
		return jdbc.query("""
				SELECT i.* FROM intent i
				JOIN mesh_member sm ON sm.cluster_id = i.source_cluster_id AND sm.mesh_id = ?
				JOIN mesh_member dm ON dm.cluster_id = i.destination_cluster_id AND dm.mesh_id = ?
				ORDER BY i.id""", (row, i) -> new IntentSpec(row.getLong("id"), row.getLong("source_cluster_id"),
				row.getString("source_namespace"), row.getLong("destination_cluster_id"),
				row.getString("destination_namespace"), row.getString("destination_service"), row.getString("protocol"),
				PortRanges.read(row.getString("ports"))), meshId, meshId);
	}

	/** The mesh a cluster is a member of, if any. */
	Optional<MeshRef> meshOf(long clusterId) {
		return jdbc.query("""
				SELECT m.id, m.name FROM mesh m JOIN mesh_member mm ON mm.mesh_id = m.id WHERE mm.cluster_id = ?""",
				(row, i) -> new MeshRef(row.getLong("id"), row.getString("name")), clusterId).stream().findFirst();
	}

	private static List<Object> filterArguments(String q, @Nullable Long meshId, @Nullable Long clusterId) {
		String pattern = Search.containsPattern(q);
		List<Object> arguments = new ArrayList<>();
		arguments.add(meshId);
		arguments.add(meshId);
		arguments.add(clusterId);
		arguments.add(clusterId);
		arguments.add(clusterId);
		for (int i = 0; i < 7; i++) {
			arguments.add(pattern);
		}
		return arguments;
	}

	private static IntentView view(ResultSet row) throws SQLException {
		return new IntentView(row.getLong("id"), row.getString("name"), row.getLong("source_cluster_id"),
				row.getString("source_cluster_name"), row.getString("source_namespace"),
				row.getLong("destination_cluster_id"), row.getString("destination_cluster_name"),
				row.getString("destination_namespace"), row.getString("destination_service"), row.getString("protocol"),
				PortRanges.texts(PortRanges.read(row.getString("ports"))), row.getString("description"),
				(Long) row.getObject("mesh_id"), row.getString("mesh_name"), row.getTimestamp("created_at").toInstant(),
				row.getString("created_by"), row.getTimestamp("updated_at").toInstant(), row.getLong("version"));
	}

}
