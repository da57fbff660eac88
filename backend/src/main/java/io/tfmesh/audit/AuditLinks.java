package io.tfmesh.audit;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where the object of each audit entry can be seen: its page, or for an allocation the page of
 * its mesh. An object the log has seen deleted has none; its entries stay reachable by the
 * audit filter.
 */
@Component
class AuditLinks {

	private static final Map<String, String> PAGES = Map.of("cloud", "/clouds/", "cluster", "/clusters/", "mesh",
			"/meshes/", "intent", "/intents/", "plan", "/plans/");

	private final JdbcTemplate jdbc;

	AuditLinks(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param admin whether the reader may open user pages
	 * @return the link of each entry that has one, by entry id
	 */
	@Transactional(readOnly = true)
	Map<Long, String> of(List<AuditEntry> entries, boolean admin) {
		Map<Long, Long> meshOfAllocation = meshesOfAllocations(entries);
		Set<String> deleted = deleted(entries);
		Map<Long, String> links = new HashMap<>();
		for (AuditEntry entry : entries) {
			Long id = number(entry.objectId());
			if (id == null || deleted.contains(object(entry.objectType(), entry.objectId()))) {
				continue;
			}
			String type = entry.objectType();
			if (PAGES.containsKey(type)) {
				links.put(entry.id(), PAGES.get(type) + id);
			}
			else if ("user".equals(type) && admin) {
				links.put(entry.id(), "/users/" + id + "/edit");
			}
			else if ("allocation".equals(type) && meshOfAllocation.containsKey(id)) {
				links.put(entry.id(), "/meshes/" + meshOfAllocation.get(id));
			}
		}
		return links;
	}

	/** The objects of these entries that the log has seen deleted since (or in one of them). */
	private Set<String> deleted(List<AuditEntry> entries) {
		List<AuditEntry> objects = entries.stream().filter(entry -> entry.objectId() != null).toList();
		Set<String> deleted = new HashSet<>();
		if (!objects.isEmpty()) {
			String[] types = objects.stream().map(AuditEntry::objectType).toArray(String[]::new);
			String[] ids = objects.stream().map(AuditEntry::objectId).toArray(String[]::new);
			// by type and id, as the object index is
			jdbc.query("""
					SELECT DISTINCT object_type, object_id FROM audit_event
					WHERE action = 'delete' AND (object_type, object_id) IN (SELECT * FROM unnest(?, ?))""",
					statement -> {
						statement.setArray(1, statement.getConnection().createArrayOf("text", types));
						statement.setArray(2, statement.getConnection().createArrayOf("text", ids));
					}, row -> {
						deleted.add(object(row.getString("object_type"), row.getString("object_id")));
					});
		}
		return deleted;
	}

	private static String object(String type, @Nullable String id) {
		return type + '\u0000' + id;
	}

	/** The meshes of the allocations that still exist, in one query for the page. */
	private Map<Long, Long> meshesOfAllocations(List<AuditEntry> entries) {
		Long[] ids = entries.stream()
			.filter(entry -> "allocation".equals(entry.objectType()))
			.map(entry -> number(entry.objectId()))
			.filter(id -> id != null)
			.distinct()
			.toArray(Long[]::new);
		Map<Long, Long> meshes = new HashMap<>();
		if (ids.length > 0) {
			jdbc.query("SELECT id, mesh_id FROM allocation WHERE id = ANY (?)",
					statement -> statement.setArray(1, statement.getConnection().createArrayOf("bigint", ids)),
					row -> {
						meshes.put(row.getLong("id"), row.getLong("mesh_id"));
					});
		}
		return meshes;
	}

	private static @Nullable Long number(@Nullable String text) {
		if (text == null || text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
			return null;
		}
		return Long.parseLong(text);
	}

}
